"""检查督查 page: inspections of each kind (services/inspections.py), their findings, and turning a
finding into a rectification item in one action (services/ledger.item_from_finding)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout

from qmsdesk.db.enums import InspectionKind, ItemStatus
from qmsdesk.services import inspections as service
from qmsdesk.services import ledger
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Records, as_dicts, label_of
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
        self.body.addWidget(self._findings_box())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_findings())
        self.show_findings()

    def _findings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本次检查发现的问题"))
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
            Field("topic", self.tr("检查内容")),
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
        if not enabled:
            self.findings_model.set_rows([])
            self.to_item_button.setEnabled(False)
            return
        rows = as_dicts(self.ctx.read(service.finding_rows, row["id"]))
        self.findings_model.set_rows(rows)
        self.to_item_button.setEnabled(bool(rows))

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
        found["to-item"] = lambda: self.with_selection(
            lambda: self.item_form(self.findings_model.row_at(0)) if self.findings_model.rowCount() else None)
        return found
