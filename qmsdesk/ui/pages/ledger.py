"""整改台账 page: every rectification item, its status in colour and words, and the PDCA buttons.

Only the transitions the service allows for the selected item get a button; the service still
checks each one (a refused move shows its message). Overdue rows are tinted and say how late they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QPlainTextEdit, QPushButton

from qmsdesk.clock import today
from qmsdesk.db.enums import ItemStatus, SourceKind
from qmsdesk.errors import QmsError
from qmsdesk.services import ledger as service
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.pages.base import OVERDUE_BACKGROUND, ListPage, Records, label_of
from qmsdesk.ui.table_model import Column, Rows

STATUS_COLOURS = {
    ItemStatus.OPEN.value: QColor("#c62828"),
    ItemStatus.IN_PROGRESS.value: QColor("#c25e00"),
    ItemStatus.AWAITING_VERIFICATION.value: QColor("#1565c0"),
    ItemStatus.CLOSED.value: QColor("#2e7d32"),
}
LATE_COLOUR = QColor("#c62828")


class LedgerPage(ListPage):
    key = "ledger"
    has_month_filter = True
    has_status_filter = True
    load_in_background = True
    records = Records(rows=service.item_rows, create=service.create_item, update=service.update_item,
                      delete=service.delete_item, restore=service.restore_item)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._today = today()
        self._status_labels = dict(ItemStatus.choices())
        self._source_labels = dict(SourceKind.choices())
        self._build_filters()
        self._build_status_buttons()
        self.details = QPlainTextEdit()
        self.details.setObjectName("item-details")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(150)
        self.details.setPlaceholderText(self.tr("选择一项，查看整改进展和修改记录。"))
        self.body.addWidget(self.details)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_details())
        self._update_buttons()

    def _build_filters(self) -> None:
        self.source_filter = QComboBox()
        self.source_filter.setObjectName("source-filter")
        self.source_filter.addItem(self.tr("全部来源"), None)
        for value, label in SourceKind.choices():
            self.source_filter.addItem(label, value)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("category-filter")
        self.category_filter.addItem(self.tr("全部类别"), None)
        self.person_filter = QComboBox()
        self.person_filter.setObjectName("person-filter")
        self.person_filter.addItem(self.tr("全部责任人"), None)
        self.overdue_only = QCheckBox(self.tr("只看逾期"))
        self.overdue_only.setObjectName("overdue-only")
        self.add_filter_row(self.source_filter, self.category_filter, self.person_filter, self.overdue_only)
        for combo in (self.source_filter, self.category_filter, self.person_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.overdue_only.toggled.connect(lambda _c: self.apply_filter())

    def record_label(self) -> str:
        return self.tr("整改事项")

    # --- table ------------------------------------------------------------------------------------
    def status_choices(self) -> list[tuple[str, str]]:
        return ItemStatus.choices()

    search_key = "search"  # read_rows writes each row's search text (status, problem, category, person, source)
    month_key = "month"  # and the month it was found in

    def month_of(self, row: dict[str, Any]) -> str:
        return row["month"]

    def row_id(self, record_id: Any) -> Any:
        return record_id.hex if isinstance(record_id, uuid.UUID) else record_id  # rows carry hex (ledger.item_rows)

    def columns(self) -> list[Column]:
        return [
            Column("status", self.tr("状态"), fmt=lambda v: label_of(ItemStatus, v),
                   color=lambda r: STATUS_COLOURS.get(r["status"]), width=90),
            Column("days_overdue", self.tr("逾期"), fmt=self._late_text,
                   color=lambda r: LATE_COLOUR if r["days_overdue"] else None, width=90),
            Column("problem", self.tr("问题"), width=300, free_text=True),
            Column("category", self.tr("类别"), width=110),
            Column("source_kind", self.tr("来源"), fmt=lambda v: label_of(SourceKind, v), width=90),
            Column("responsible", self.tr("责任人"), width=80),
            Column("found_on", self.tr("发现日期"), width=100),
            Column("deadline", self.tr("整改期限"), width=100),
            Column("closed_on", self.tr("销号日期"), width=100),
        ]

    def _late_text(self, days: object) -> str:
        return self.tr("逾期 %1 天").replace("%1", str(days)) if days else ""

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return OVERDUE_BACKGROUND if row["days_overdue"] else None

    def read_rows(self, ctx: DataContext) -> list[dict[str, Any]]:
        self._today = day = today()
        status, source, fields = self._status_labels, self._source_labels, service.ItemRow._fields
        # Worked out once here, on the loading thread, rather than at every paint, filter or keystroke:
        # the month, and the text a search looks in.
        rows = [dict(zip(fields, r, strict=True), month=r.found_on.isoformat()[:7],
                     search="\x1f".join((status.get(r.status, ""), r.problem, r.category, r.responsible or "",
                                         source.get(r.source_kind, ""))).lower())
                for r in ctx.read(service.item_rows, day)]
        # Unfinished items first (most urgent deadline on top), closed ones after them.
        rows.sort(key=lambda r: r["status"] == ItemStatus.CLOSED.value)
        found = Rows(rows)
        found.haystack = [r["search"] for r in rows]
        return found

    def rows_loaded(self) -> None:
        self._fill_choices()
        self.show_details()

    def show_details(self) -> None:
        """The selected item's progress notes and its history from the audit log."""
        row = self.selected_row()
        if row is None or not self.ctx.is_open:
            self.details.clear()
            return
        try:
            story = self.ctx.read(service.item_story, row["id"])
        except QmsError as exc:
            self.details.setPlainText(str(exc))
            return
        lines = [self.tr("整改进展：")]
        lines += [f"  {on.isoformat()}  {author}  {note}" for on, author, note in story.notes]
        if not story.notes:
            lines.append("  " + self.tr("（暂无）"))
        lines.append(self.tr("修改记录："))
        lines += ["  " + line for line in story.history]
        self.details.setPlainText("\n".join(lines))

    def _fill_choices(self) -> None:
        rows = self.model.all_rows()
        for combo, values in (
            (self.category_filter, sorted({r["category"] for r in rows if r["category"]})),
            (self.person_filter, sorted({r["responsible"] for r in rows if r["responsible"]})),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def extra_predicates(self) -> list[Callable[[dict[str, Any]], bool]]:
        found: list[Callable[[dict[str, Any]], bool]] = []
        source, category, person = (self.source_filter.currentData(), self.category_filter.currentData(),
                                    self.person_filter.currentData())
        if source:
            found.append(lambda r: r["source_kind"] == source)
        if category:
            found.append(lambda r: r["category"] == category)
        if person:
            found.append(lambda r: r["responsible"] == person)
        if self.overdue_only.isChecked():
            found.append(lambda r: r["days_overdue"] > 0)
        return found

    # --- form -------------------------------------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        staff = self.ctx.read(people)
        # Items from a meeting, inspection or event are made from that record's page, linked to it.
        sources = [(k, v) for k, v in SourceKind.choices() if row is not None or k in ("office", "other")]
        return [
            Field("source_kind", self.tr("来源"), "choice", required=True, choices=sources),
            Field("category", self.tr("类别"), required=True, placeholder=self.tr("例如 护理文书、用药安全")),
            Field("problem", self.tr("问题描述"), "multiline", required=True),
            Field("found_on", self.tr("发现日期"), "date", required=True),
            Field("deadline", self.tr("整改期限"), "date", required=True),
            Field("responsible_id", self.tr("责任人"), "person", people=staff),
            Field("root_cause", self.tr("原因分析"), "multiline"),
            Field("measures", self.tr("整改措施"), "multiline"),
        ]

    def default_values(self) -> dict[str, Any]:
        from datetime import timedelta

        return {"source_kind": SourceKind.OTHER.value, "found_on": self._today,
                "deadline": self._today + timedelta(days=service.DEFAULT_DEADLINE_DAYS)}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.item_values, row["id"])

    def make_form(self, row: dict[str, Any] | None) -> FormDialog:
        dialog = super().make_form(row)
        if row is not None:
            dialog.widgets["source_kind"].setEnabled(False)
        return dialog

    def update(self, row: dict[str, Any], values: dict[str, Any]) -> Any:
        values = dict(values)
        values.pop("source_kind", None)  # the source is fixed once the item exists
        return super().update(row, values)

    def describe(self, row: dict[str, Any]) -> str:
        text = row["problem"]
        return text if len(text) <= 30 else text[:30] + "…"

    # --- status buttons ---------------------------------------------------------------------------
    def _build_status_buttons(self) -> None:
        self.start_button = QPushButton(self.tr("开始整改"))
        self.start_button.setObjectName("to-in_progress")
        self.submit_button = QPushButton(self.tr("整改完成，提交验证"))
        self.submit_button.setObjectName("to-awaiting_verification")
        self.close_button = QPushButton(self.tr("验证通过，销号"))
        self.close_button.setObjectName("to-closed")
        self.reject_button = QPushButton(self.tr("验证未通过"))
        self.reject_button.setObjectName("to-rejected")
        self.start_button.clicked.connect(lambda: self.move_selected(ItemStatus.IN_PROGRESS.value))
        self.submit_button.clicked.connect(lambda: self.move_selected(ItemStatus.AWAITING_VERIFICATION.value))
        self.close_button.clicked.connect(lambda: self.move_selected(ItemStatus.CLOSED.value))
        self.reject_button.clicked.connect(lambda: self.move_selected("rejected"))
        self.add_buttons(self.start_button, self.submit_button, self.close_button, self.reject_button)

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        row = self.selected_row()
        allowed = service.TRANSITIONS.get(row["status"], ()) if row else ()
        awaiting = row is not None and row["status"] == ItemStatus.AWAITING_VERIFICATION.value
        self.start_button.setVisible(ItemStatus.IN_PROGRESS in allowed and not awaiting)
        self.submit_button.setVisible(ItemStatus.AWAITING_VERIFICATION in allowed)
        self.close_button.setVisible(ItemStatus.CLOSED in allowed)
        self.reject_button.setVisible(ItemStatus.IN_PROGRESS in allowed and awaiting)
        closed = row is not None and row["status"] == ItemStatus.CLOSED.value
        self.edit_button.setEnabled(self.edit_button.isEnabled() and not closed)

    def transition_form(self, row: dict[str, Any], target: str) -> FormDialog:
        """The small dialog each move asks for: a note, the verification, or the reason it failed."""
        rid = row["id"]
        if target == ItemStatus.CLOSED.value:
            fields = [
                Field("verifier_id", self.tr("验证人"), "person", required=True, people=self.ctx.read(people)),
                Field("verified_on", self.tr("验证日期"), "date", required=True),
                Field("effect_evaluation", self.tr("效果评价"), "multiline", required=True),
            ]
            title = self.tr("验证并销号")
            save = lambda v: self.ctx.write(service.verify_and_close, rid, **v)  # noqa: E731
        elif target == "rejected":
            fields = [Field("reason", self.tr("未通过原因"), "multiline", required=True)]
            title = self.tr("验证未通过，退回整改")
            save = lambda v: self.ctx.write(service.reject_verification, rid, **v)  # noqa: E731
        else:
            fields = [Field("note", self.tr("进展说明"), "multiline")]
            title = self.tr("开始整改") if target == ItemStatus.IN_PROGRESS.value else self.tr("提交验证")
            save = lambda v: self.ctx.write(service.move_item, rid, target, **v)  # noqa: E731
        dialog = FormDialog(f"{title} — {self.describe(row)}", fields, {}, save, self)
        dialog.setObjectName(f"dlg-ledger-{target}")
        return dialog

    def move_selected(self, target: str) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        dialog = self.transition_form(row, target)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.select_id(row["id"])
        return accepted

    def move_directly(self, record_id: uuid.UUID, target: str, **details: Any) -> None:
        """A move without a dialog (tests and scripted use); service refusals surface as `QmsError`."""
        self.ctx.write(service.move_item, record_id, target, **details)

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()

        def first_with(status: str) -> dict[str, Any] | None:
            return next((r for r in self.model.all_rows() if r["status"] == status), None)

        for target, status in ((ItemStatus.IN_PROGRESS.value, ItemStatus.OPEN.value),
                               (ItemStatus.CLOSED.value, ItemStatus.AWAITING_VERIFICATION.value),
                               ("rejected", ItemStatus.AWAITING_VERIFICATION.value)):
            found[target] = (lambda t=target, s=status: self.transition_form(r, t) if (r := first_with(s)) else None)
        return found

