"""检查督查 page: inspections of each kind (services/inspections.py), their findings, and turning a
finding into a rectification item in one action (services/ledger.item_from_finding).

An inspection with a checklist (检查评分表) is scored item by item in the 逐项评分 dialog (ui/score_sheet.py);
its deducted items are listed under it, and one action makes a deduction a ledger item whose source is
that checklist item (services/scoring.deduction_to_item)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget

from qmsdesk.analytics.inspections import points_text
from qmsdesk.db.enums import InspectionKind, ItemStatus
from qmsdesk.services import checklists, ledger, scoring
from qmsdesk.services import inspections as service
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Records, as_dicts, label_of
from qmsdesk.ui.score_sheet import ScoreSheetDialog
from qmsdesk.ui.table_model import CENTER, RIGHT, Column, RowTableModel


class InspectionsPage(ListPage):
    key = "inspections"
    has_month_filter = True
    select_first = True
    has_status_filter = True
    records = Records(rows=service.inspection_rows, create=service.create_inspection,
                      update=service.update_inspection, delete=service.delete_inspection,
                      restore=service.restore_inspection)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.score_button = QPushButton(self.tr("逐项评分"))
        self.score_button.setObjectName("score")
        self.score_button.setToolTip(self.tr("按检查评分表逐项填写扣分，得分自动计算"))
        self.score_button.clicked.connect(self.score_selected)
        self.add_buttons(self.score_button)
        self.details = QTabWidget()
        self.details.setObjectName("inspection-details")
        self.details.addTab(self._deductions_box(), self.tr("评分扣分项目"))
        self.details.addTab(self._findings_box(), self.tr("本次检查发现的问题"))
        self.body.addWidget(self.details)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_findings())
        self.show_findings()
        self._update_buttons()

    def _deductions_box(self) -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        self.deductions_model = RowTableModel([
            Column("code", self.tr("编号"), width=60),
            Column("text", self.tr("检查项目"), width=300, free_text=True),
            Column("deduction", self.tr("扣分"), fmt=points_text, align=RIGHT, width=60),
            Column("reason", self.tr("扣分原因"), width=260, free_text=True),
            Column("item_status", self.tr("整改事项"), fmt=lambda v: label_of(ItemStatus, v) if v else self.tr("未转整改"),
                   width=110),
        ], self)
        self.deductions = QTableView()
        self.deductions.setObjectName("deductions")
        self.deductions.setModel(self.deductions_model)
        self.deductions.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.deductions.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.deductions.verticalHeader().setVisible(False)
        self.deductions.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((60, 300, 60, 260)):
            self.deductions.setColumnWidth(col, width)
        self.deductions.setMaximumHeight(160)
        inner.addWidget(self.deductions)
        row = QHBoxLayout()
        self.deduction_to_item_button = QPushButton(self.tr("扣分转为整改事项"))
        self.deduction_to_item_button.setObjectName("deduction-to-item")
        self.deduction_to_item_button.clicked.connect(self.deduction_to_item)
        row.addWidget(self.deduction_to_item_button)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    def _findings_box(self) -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        self.findings_model = RowTableModel([
            Column("category", self.tr("类别"), width=130),
            Column("description", self.tr("问题"), width=420, free_text=True),
            Column("item_status", self.tr("整改事项"), fmt=lambda v: label_of(ItemStatus, v) if v else self.tr("未转整改"),
                   width=110),
        ], self)
        self.findings = QTableView()
        self.findings.setObjectName("findings")
        self.findings.setModel(self.findings_model)
        self.findings.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.findings.verticalHeader().setVisible(False)
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.findings.setColumnWidth(0, 130)
        self.findings.setColumnWidth(1, 420)
        self.findings.setMaximumHeight(160)
        inner.addWidget(self.findings)
        row = QHBoxLayout()
        self.add_finding_button = QPushButton(self.tr("新增发现问题"))
        self.add_finding_button.setObjectName("add-finding")
        self.to_item_button = QPushButton(self.tr("转为整改事项"))
        self.to_item_button.setObjectName("finding-to-item")
        row.addWidget(self.add_finding_button)
        row.addWidget(self.to_item_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.add_finding_button.clicked.connect(self.add_finding)
        self.to_item_button.clicked.connect(self.finding_to_item)
        return box

    def record_label(self) -> str:
        return self.tr("检查")

    # --- table ------------------------------------------------------------------------------------
    def month_of(self, row: dict[str, Any]) -> str:
        return row["date"].isoformat()[:7]

    def status_choices(self) -> list[tuple[str, str]]:
        return InspectionKind.choices()

    def status_of(self, row: dict[str, Any]) -> str:
        return row["kind"]

    def columns(self) -> list[Column]:
        return [
            Column("date", self.tr("日期"), width=100),
            Column("kind", self.tr("检查类型"), fmt=lambda v: label_of(InspectionKind, v), width=120),
            Column("inspector", self.tr("检查人/部门"), width=140),
            Column("topic", self.tr("检查内容"), width=220, free_text=True),
            Column("score", self.tr("得分"), align=RIGHT, width=130),
            Column("findings", self.tr("发现问题"), align=CENTER, width=80),
            Column("summary", self.tr("小结"), width=240, free_text=True),
        ]

    # --- form -------------------------------------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("kind", self.tr("检查类型"), "choice", required=True, choices=InspectionKind.choices()),
            Field("date", self.tr("检查日期"), "date", required=True),
            Field("inspector", self.tr("检查人/部门"), required=True, placeholder=self.tr("例如 护理部")),
            Field("template_id", self.tr("检查评分表"), "choice", choices=self.ctx.read(checklists.template_choices)),
            Field("topic", self.tr("检查内容"), placeholder=self.tr("选用评分表时可不填，默认为评分表名称")),
            Field("summary", self.tr("小结"), "multiline"),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"kind": InspectionKind.SELF.value}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.inspection_values, row["id"])

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['date'].isoformat()} {label_of(InspectionKind, row['kind'])}"

    # --- findings ---------------------------------------------------------------------------------
    def rows_loaded(self) -> None:
        self.show_findings()

    def show_findings(self) -> None:
        row = self.selected_row()
        enabled = row is not None and self.ctx.is_open
        self.add_finding_button.setEnabled(enabled)
        self.show_deductions()
        if not enabled:
            self.findings_model.set_rows([])
            self.to_item_button.setEnabled(False)
            return
        rows = as_dicts(self.ctx.read(service.finding_rows, row["id"]))
        self.findings_model.set_rows(rows)
        self.to_item_button.setEnabled(bool(rows))

    def show_deductions(self) -> None:
        row = self.selected_row()
        rows = as_dicts(self.ctx.read(scoring.deduction_rows, row["id"])) if row is not None and self.ctx.is_open else []
        self.deductions_model.set_rows(rows)
        self.deduction_to_item_button.setEnabled(bool(rows))

    def _update_buttons(self, *_args) -> None:
        super()._update_buttons()
        if hasattr(self, "score_button"):
            row = self.selected_row()
            self.score_button.setEnabled(row is not None and self.ctx.is_open)

    # --- scoring ----------------------------------------------------------------------------------
    def score_form(self) -> QDialog | None:
        """The 逐项评分 dialog of the selected inspection; first asks for its checklist if it has none."""
        row = self.selected_row()
        if row is None:
            return None
        values = self.ctx.read(service.inspection_values, row["id"])
        if values.get("template_id") is None and not self.choose_template(row):
            return None
        heading = f"{row['date'].isoformat()} {label_of(InspectionKind, row['kind'])} {row['inspector']}"
        return ScoreSheetDialog(self.ctx, row["id"], heading, self)

    def template_form(self, row: dict[str, Any]) -> FormDialog:
        rid = row["id"]
        fields = [Field("template_id", self.tr("检查评分表"), "choice", required=True,
                        choices=self.ctx.read(checklists.template_choices))]
        save = lambda v: self.ctx.write(service.update_inspection, rid, **v)  # noqa: E731
        dialog = FormDialog(self.tr("选择检查评分表"), fields, {}, save, self)
        dialog.setObjectName("dlg-inspections-template")
        return dialog

    def choose_template(self, row: dict[str, Any]) -> bool:
        dialog = self.template_form(row)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def score_selected(self) -> bool:
        dialog = self.score_form()
        if dialog is None:
            return False
        rid = self.selected_row()["id"]
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.select_id(rid)
        return accepted

    def selected_deduction(self) -> dict[str, Any] | None:
        rows = self.deductions.selectionModel().selectedRows()
        if rows:
            return self.deductions_model.row_at(rows[0].row())
        return self.deductions_model.row_at(0) if self.deductions_model.rowCount() == 1 else None

    def deduction_item_form(self, deduction: dict[str, Any] | None = None) -> FormDialog | None:
        deduction = deduction or self.selected_deduction()
        inspection = self.selected_row()
        if deduction is None or inspection is None:
            return None
        did = deduction["id"]
        fields = [
            Field("responsible_id", self.tr("责任人"), "person", people=self.ctx.read(people)),
            Field("deadline", self.tr("整改期限"), "date", required=True),
            Field("root_cause", self.tr("原因分析"), "multiline"),
            Field("measures", self.tr("整改措施"), "multiline"),
        ]
        save = lambda v: self.ctx.write(scoring.deduction_to_item, did, **v)  # noqa: E731
        values = {"deadline": inspection["date"] + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS)}
        title = self.tr("扣分转为整改事项 — %1").replace("%1", f"{deduction['code']} {deduction['text']}")
        dialog = FormDialog(title, fields, values, save, self)
        dialog.setObjectName("dlg-inspections-deduction-to-item")
        return dialog

    def deduction_to_item(self) -> bool:
        dialog = self.deduction_item_form()
        if dialog is None:
            return False
        rid = self.selected_row()["id"]
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.select_id(rid)
        return accepted

    def selected_finding(self) -> dict[str, Any] | None:
        rows = self.findings.selectionModel().selectedRows()
        if rows:
            return self.findings_model.row_at(rows[0].row())
        return self.findings_model.row_at(0) if self.findings_model.rowCount() == 1 else None

    def finding_form(self) -> FormDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        rid = row["id"]
        fields = [Field("category", self.tr("类别"), required=True, placeholder=self.tr("例如 护理文书")),
                  Field("description", self.tr("问题描述"), "multiline", required=True)]
        save = lambda v: self.ctx.write(service.add_finding, rid, **v)  # noqa: E731
        dialog = FormDialog(self.tr("新增发现问题"), fields, {}, save, self)
        dialog.setObjectName("dlg-inspections-finding")
        return dialog

    def add_finding(self) -> bool:
        dialog = self.finding_form()
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def item_form(self, finding: dict[str, Any] | None = None) -> FormDialog | None:
        finding = finding or self.selected_finding()
        inspection = self.selected_row()
        if finding is None or inspection is None:
            return None
        fid = finding["id"]
        fields = [
            Field("responsible_id", self.tr("责任人"), "person", people=self.ctx.read(people)),
            Field("deadline", self.tr("整改期限"), "date", required=True),
            Field("measures", self.tr("整改措施"), "multiline"),
        ]
        save = lambda v: self.ctx.write(ledger.item_from_finding, fid, **v)  # noqa: E731
        values = {"deadline": inspection["date"] + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS)}
        dialog = FormDialog(self.tr("转为整改事项 — %1").replace("%1", finding["description"][:20]), fields, values,
                            save, self)
        dialog.setObjectName("dlg-inspections-to-item")
        return dialog

    def finding_to_item(self) -> bool:
        dialog = self.item_form()
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["finding"] = lambda: self.with_selection(self.finding_form)
        found["score"] = lambda: self.with_selection(self._first_scored_sheet)
        found["deduction-to-item"] = lambda: self.with_selection(
            lambda: self.deduction_item_form(self.deductions_model.row_at(0)) if self.deductions_model.rowCount() else None)
        found["to-item"] = lambda: self.with_selection(
            lambda: self.item_form(self.findings_model.row_at(0)) if self.findings_model.rowCount() else None)
        return found

    def _first_scored_sheet(self) -> QDialog | None:
        """For the self-test: the score sheet of the first inspection that has a checklist (never asks)."""
        for i in range(self.proxy.rowCount()):
            row = self.proxy.row_at(i)
            if self.ctx.read(service.inspection_values, row["id"]).get("template_id") is not None:
                self.table.selectRow(i)
                return self.score_form()
        return None
