"""不良事件 page: adverse events reported without blame (services/events.py), their root-cause analysis (the RCA
editor, ui/rca_dialog.py) and turning one into a rectification item (services/ledger.item_from_event). Grade I–II
events whose analysis is not complete are marked red: the month cannot be submitted until it is. Patients
appear by record number only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton

from qmsdesk import clock
from qmsdesk.clock import today
from qmsdesk.db.enums import EventCategory, EventGrade
from qmsdesk.services import events as service
from qmsdesk.services import ledger
from qmsdesk.services.events import RCA_DONE, RCA_NONE
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Records, label_of
from qmsdesk.ui.table_model import Column

GRADE_COLOURS = {"I": QColor("#b71c1c"), "II": QColor("#c62828"), "III": QColor("#c25e00"), "IV": QColor("#555555")}


class EventsPage(ListPage):
    key = "events"
    has_month_filter = True
    has_status_filter = True
    records = Records(rows=service.event_rows, create=service.report_event, update=service.update_event,
                      delete=service.delete_event, restore=service.restore_event)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.to_item_button = QPushButton(self.tr("转为整改事项"))
        self.to_item_button.setObjectName("event-to-item")
        self.to_item_button.clicked.connect(self.event_to_item)
        self.rca_button = QPushButton(self.tr("根因分析…"))
        self.rca_button.setObjectName("event-rca")
        self.rca_button.clicked.connect(self.analyse_selected)
        self.add_buttons(self.rca_button, self.to_item_button)
        self.lacking_only = QCheckBox(self.tr("只看缺根因分析的Ⅰ、Ⅱ级事件"))
        self.lacking_only.setObjectName("rca-lacking-only")
        self.lacking_only.toggled.connect(self.apply_filter)
        self.add_filter_row(self.lacking_only)
        self._update_buttons()

    def record_label(self) -> str:
        return self.tr("不良事件")

    def status_choices(self) -> list[tuple[str, str]]:
        return EventGrade.choices()

    def status_of(self, row: dict[str, Any]) -> str:
        return row["grade"]

    def month_of(self, row: dict[str, Any]) -> str:
        return row["month"]

    def columns(self) -> list[Column]:
        return [
            Column("occurred_at", self.tr("发生时间"), width=130),
            Column("category", self.tr("事件类别"), fmt=lambda v: label_of(EventCategory, v), width=110),
            Column("grade", self.tr("分级"), fmt=lambda v: label_of(EventGrade, v), width=160,
                   color=lambda r: GRADE_COLOURS.get(r["grade"])),
            Column("rca", self.tr("根因分析"), getter=self.rca_text, width=150, color=self._rca_colour),
            Column("description", self.tr("事件经过"), width=300, free_text=True),
            Column("medical_record_no", self.tr("病案号"), width=90),
            Column("reporter", self.tr("报告人"), fmt=lambda v: v or self.tr("匿名"), width=80),
            Column("item", self.tr("整改事项"), fmt=lambda v: self.tr("已转整改") if v else "", width=80),
        ]

    def rca_text(self, row: dict[str, Any]) -> str:
        """What the 根因分析 column says: done, how many parts are missing, or nothing for a grade that needs none."""
        if row["rca"] == RCA_DONE:
            return self.tr("已完成")
        if row["rca"] == RCA_NONE:
            return self.tr("须做，尚未分析") if row["rca_required"] else ""
        return self.tr("未完成（缺 %1 项）").replace("%1", str(len(row["rca_gaps"])))

    def _rca_colour(self, row: dict[str, Any]) -> QColor | None:
        if row["rca"] == RCA_DONE:
            return QColor("#2e7d32")
        return GRADE_COLOURS["I"] if row["rca_required"] else None

    def extra_predicates(self) -> list[Callable[[dict[str, Any]], bool]]:
        if not self.lacking_only.isChecked():
            return []
        return [lambda row: row["rca_required"] and row["rca"] != RCA_DONE]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("occurred_at", self.tr("发生时间"), "datetime", required=True),
            Field("reported_at", self.tr("上报时间"), "datetime", required=True),
            Field("category", self.tr("事件类别"), "choice", required=True, choices=EventCategory.choices()),
            Field("grade", self.tr("事件分级"), "choice", required=True, choices=EventGrade.choices()),
            Field("description", self.tr("事件经过"), "multiline", required=True),
            Field("immediate_action", self.tr("即时处理"), "multiline"),
            Field("analysis", self.tr("原因分析"), "multiline"),
            Field("medical_record_no", self.tr("病案号"), placeholder=self.tr("只填病案号，不填患者姓名")),
            Field("reporter_id", self.tr("报告人"), "person", people=self.ctx.read(people),
                  placeholder=self.tr("不填即为匿名上报")),
        ]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.event_values, row["id"])

    def describe(self, row: dict[str, Any]) -> str:
        return f"{clock.local_text(row['occurred_at'], '%Y-%m-%d')} {label_of(EventCategory, row['category'])}"

    # --- to the ledger ----------------------------------------------------------------------------
    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        row = self.selected_row()
        self.to_item_button.setEnabled(row is not None and not row["item"])
        self.rca_button.setEnabled(row is not None)

    # --- root-cause analysis ---------------------------------------------------------------------------
    def rca_dialog(self, row: dict[str, Any]) -> QDialog:
        from qmsdesk.ui.rca_dialog import RcaDialog

        return RcaDialog(self.ctx, row["id"], self._item_for_event, self)

    def analyse_selected(self) -> bool:
        row = self.selected_row()
        return row is not None and self.rca_dialog(row).exec() == QDialog.DialogCode.Accepted

    def _item_for_event(self, event_id: Any) -> bool:
        row = next((r for r in self.model.all_rows() if r["id"] == event_id), None)
        return row is not None and self.item_form(row).exec() == QDialog.DialogCode.Accepted

    def item_form(self, row: dict[str, Any]) -> FormDialog:
        eid = row["id"]
        fields = [
            Field("responsible_id", self.tr("责任人"), "person", people=self.ctx.read(people)),
            Field("deadline", self.tr("整改期限"), "date", required=True),
            Field("measures", self.tr("整改措施"), "multiline"),
        ]
        save = lambda v: self.ctx.write(ledger.item_from_event, eid, **v)  # noqa: E731
        dialog = FormDialog(self.tr("转为整改事项 — %1").replace("%1", self.describe(row)), fields,
                            {"deadline": today() + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS)}, save, self)
        dialog.setObjectName("dlg-events-to-item")
        return dialog

    def event_to_item(self) -> bool:
        row = self.selected_row()
        return row is not None and self.item_form(row).exec() == QDialog.DialogCode.Accepted

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["to-item"] = lambda: self.item_form(self.proxy.row_at(0)) if self.proxy.rowCount() else None
        found["rca"] = lambda: self.rca_dialog(self._first_needing_rca()) if self.proxy.rowCount() else None
        return found

    def _first_needing_rca(self) -> dict[str, Any]:
        """For the self-test: the event a head nurse would open first — a grade I–II one, else the newest."""
        rows = [self.proxy.row_at(i) for i in range(self.proxy.rowCount())]
        return next((r for r in rows if r["rca_required"]), rows[0])
