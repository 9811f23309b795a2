"""会议记录 page: meetings (services/meetings.py), the problems each raised, and turning a problem into
a rectification item in one action (services/ledger.item_from_meeting_problem)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout

from qmsdesk.clock import today
from qmsdesk.db.enums import ItemStatus, MeetingKind
from qmsdesk.i18n import bracketed, joined
from qmsdesk.reports import printouts
from qmsdesk.services import ledger
from qmsdesk.services import meetings as service
from qmsdesk.services.staff import people
from qmsdesk.ui import messages
from qmsdesk.ui.attendance import meeting_attendance_dialog
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Records, as_dicts, label_of
from qmsdesk.ui.printing import print_menu_button, save_printout
from qmsdesk.ui.table_model import CENTER, Column, RowTableModel


class MeetingsPage(ListPage):
    key = "meetings"
    has_month_filter = True
    select_first = True
    records = Records(rows=service.meeting_rows, create=service.create_meeting, update=service.update_meeting,
                      delete=service.delete_meeting, restore=service.restore_meeting)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.attendance_button = QPushButton(self.tr("出席情况…"))
        self.attendance_button.setObjectName("attendance")
        self.attendance_button.clicked.connect(self.edit_attendance)
        self.print_button = print_menu_button(self, [
            (self.tr("签到表（本次会议）…"), "print-signin", self.print_signin),
            (self.tr("会议记录…"), "print-minutes", self.print_minutes),
            (self.tr("下次例会签到表（按日期）…"), "print-planned-signin", self.print_planned_signin),
        ])
        self.add_buttons(self.attendance_button, self.print_button)
        self.body.addWidget(self._problems_box())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_details())
        self._update_buttons()
        self.show_details()

    def _problems_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本次会议提出的问题"))
        inner = QVBoxLayout(box)
        self.problems_model = RowTableModel([
            Column("description", self.tr("问题"), width=420, free_text=True),
            Column("category", self.tr("类别"), width=120),
            Column("item_status", self.tr("整改事项"), fmt=lambda v: label_of(ItemStatus, v) if v else self.tr("未转整改"),
                   width=110),
        ], self)
        self.problems = QTableView()
        self.problems.setObjectName("problems")
        self.problems.setModel(self.problems_model)
        self.problems.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setColumnWidth(0, 420)
        self.problems.setMaximumHeight(150)
        inner.addWidget(self.problems)
        row = QHBoxLayout()
        self.add_problem_button = QPushButton(self.tr("新增问题"))
        self.add_problem_button.setObjectName("add-problem")
        self.to_item_button = QPushButton(self.tr("转为整改事项"))
        self.to_item_button.setObjectName("problem-to-item")
        row.addWidget(self.add_problem_button)
        row.addWidget(self.to_item_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.follow_up = QLabel()
        self.follow_up.setObjectName("follow-up")
        self.follow_up.setWordWrap(True)
        inner.addWidget(self.follow_up)
        self.add_problem_button.clicked.connect(self.add_problem)
        self.to_item_button.clicked.connect(self.problem_to_item)
        return box

    def record_label(self) -> str:
        return self.tr("会议")

    # --- table ------------------------------------------------------------------------------------
    def month_of(self, row: dict[str, Any]) -> str:
        return row["date"].isoformat()[:7]

    def columns(self) -> list[Column]:
        return [
            Column("date", self.tr("日期"), width=100),
            Column("kind", self.tr("会议类型"), fmt=lambda v: label_of(MeetingKind, v), width=140),
            Column("host", self.tr("主持人"), width=80),
            Column("recorder", self.tr("记录人"), width=80),
            Column("present", self.tr("出席"), getter=lambda r: f"{r['present']}/{r['listed']}" if r["listed"] else "",
                   align=CENTER, width=60),
            Column("problems", self.tr("问题数"), align=CENTER, width=60),
            Column("agenda", self.tr("议题"), width=300, free_text=True),
        ]

    # --- form -------------------------------------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        staff = self.ctx.read(people)
        return [
            Field("kind", self.tr("会议类型"), "choice", required=True, choices=MeetingKind.choices()),
            Field("date", self.tr("会议日期"), "date", required=True),
            Field("place", self.tr("地点")),
            Field("host_id", self.tr("主持人"), "person", people=staff),
            Field("recorder_id", self.tr("记录人"), "person", people=staff),
            Field("agenda", self.tr("议题"), "multiline"),
            Field("minutes", self.tr("会议纪要"), "multiline"),
            Field("decisions", self.tr("决定事项"), "multiline"),
            Field("follow_up", self.tr("上次问题跟进"), "multiline"),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"kind": MeetingKind.GROUP_MONTHLY.value}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.meeting_values, row["id"])

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['date'].isoformat()} {label_of(MeetingKind, row['kind'])}"

    # --- attendance (ui/attendance.py) ------------------------------------------------------------
    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        self.attendance_button.setEnabled(self.selected_row() is not None and self.ctx.is_open)
        if hasattr(self, "print_button"):  # the base class asks while it builds, before the print menu exists
            selected = self.selected_row() is not None and self.ctx.is_open
            for action in self.print_button.menu().actions()[:2]:
                action.setEnabled(selected)
            self.print_button.setEnabled(self.ctx.is_open)

    # --- printing (reports/printouts.py) ----------------------------------------------------------
    def print_signin(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"签到表_{row['date'].isoformat()}.pdf"
        return save_printout(self, self.ctx, self.tr("打印签到表"), name, printouts.meeting_signin_pdf, row["id"])

    def print_minutes(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"会议记录_{row['date'].isoformat()}.pdf"
        return save_printout(self, self.ctx, self.tr("打印会议记录"), name, printouts.minutes_pdf, row["id"])

    def planned_signin_form(self) -> FormDialog:
        """The day (and place) of a group meeting still to be held; its sign-in sheet lists that day's members."""
        fields = [Field("date", self.tr("例会日期"), "date", required=True), Field("place", self.tr("地点"))]
        dialog = FormDialog(self.tr("打印下次例会签到表"), fields, {"date": today()}, lambda v: v, self)
        dialog.setObjectName("dlg-meetings-planned-signin")
        return dialog

    def print_planned_signin(self) -> Path | None:
        dialog = self.planned_signin_form()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        day, place = dialog.result_value["date"], dialog.result_value.get("place")
        return save_printout(self, self.ctx, self.tr("打印签到表"), f"签到表_{day.isoformat()}.pdf",
                             printouts.planned_meeting_signin_pdf, day, place)

    def attendance_form(self) -> QDialog | None:
        row = self.selected_row()
        return meeting_attendance_dialog(self.ctx, row["id"], self) if row is not None else None

    def edit_attendance(self) -> bool:
        dialog = self.attendance_form()
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    # --- problems and follow-up -------------------------------------------------------------------
    def rows_loaded(self) -> None:
        self.show_details()

    def show_details(self) -> None:
        row = self.selected_row()
        enabled = row is not None and self.ctx.is_open
        self.add_problem_button.setEnabled(enabled)
        if not enabled:
            self.problems_model.set_rows([])
            self.follow_up.setText(self.tr("选择一次会议，查看它提出的问题。"))
            self.to_item_button.setEnabled(False)
            return
        details = self.ctx.read(service.meeting_details, row["id"])
        self.problems_model.set_rows(as_dicts(details.problems))
        self.to_item_button.setEnabled(bool(details.problems))
        if details.open_items:
            lines = ["• " + bracketed(i.problem, joined((label_of(ItemStatus, i.status),
                                                             self.tr("期限 %1").replace("%1", i.deadline.isoformat()))))
                     for i in details.open_items]
            self.follow_up.setText(self.tr("上次会议尚未完成的整改事项：") + "\n" + "\n".join(lines))
        else:
            self.follow_up.setText(self.tr("上次会议没有未完成的整改事项。"))

    def selected_problem(self) -> dict[str, Any] | None:
        rows = self.problems.selectionModel().selectedRows()
        if rows:
            return self.problems_model.row_at(rows[0].row())
        return self.problems_model.row_at(0) if self.problems_model.rowCount() == 1 else None

    def problem_form(self) -> FormDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        rid = row["id"]
        fields = [Field("description", self.tr("问题描述"), "multiline", required=True),
                  Field("category", self.tr("类别"), placeholder=self.tr("例如 护理文书"))]
        save = lambda v: self.ctx.write(service.add_problem, rid, **v)  # noqa: E731
        dialog = FormDialog(self.tr("新增会议问题"), fields, {}, save, self)
        dialog.setObjectName("dlg-meetings-problem")
        return dialog

    def add_problem(self) -> bool:
        dialog = self.problem_form()
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def item_form(self, problem: dict[str, Any] | None = None) -> FormDialog | None:
        problem = problem or self.selected_problem()
        meeting = self.selected_row()
        if problem is None or meeting is None:
            return None
        pid = problem["id"]
        fields = [
            Field("responsible_id", self.tr("责任人"), "person", people=self.ctx.read(people)),
            Field("deadline", self.tr("整改期限"), "date", required=True),
            Field("category", self.tr("类别")),
            Field("measures", self.tr("整改措施"), "multiline"),
        ]
        save = lambda v: self.ctx.write(ledger.item_from_meeting_problem, pid, **v)  # noqa: E731
        values = {"deadline": meeting["date"] + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS),
                  "category": problem.get("category")}
        dialog = FormDialog(self.tr("转为整改事项 — %1").replace("%1", problem["description"][:20]), fields, values,
                            save, self)
        dialog.setObjectName("dlg-meetings-to-item")
        return dialog

    def problem_to_item(self) -> bool:
        problem = self.selected_problem()
        if problem is not None and problem.get("item_status"):
            messages.info(self, self.tr("转为整改事项"), self.tr("这个问题已转为整改事项（%1），请到整改台账查看。")
                          .replace("%1", label_of(ItemStatus, problem["item_status"])))
            return False
        dialog = self.item_form()
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["problem"] = lambda: self.with_selection(self.problem_form)
        found["attendance"] = lambda: self.with_selection(self.attendance_form)
        found["planned-signin"] = self.planned_signin_form
        found["to-item"] = lambda: self.with_selection(
            lambda: self.item_form(self.problems_model.row_at(0)) if self.problems_model.rowCount() else None)
        return found
