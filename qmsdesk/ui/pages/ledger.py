"""整改台账 page: every rectification item, its status in colour and words, and the PDCA buttons.

Only the transitions the service allows for the selected item get a button; the service still
checks each one (a refused move shows its message). Overdue rows are tinted and say how late they are.

A ward keeps 100,000 items and more, so the page never holds them all: search, filters and sorting are one
query of services/ledger_list.py (on a thread of its own when the window loads in the background), which
gives the ids of the items kept, in order; the table reads the rows it shows, a block at a time.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QPlainTextEdit, QPushButton

from qmsdesk.clock import today
from qmsdesk.db.enums import ItemStatus, SourceKind
from qmsdesk.errors import QmsError
from qmsdesk.services import ledger_list
from qmsdesk.services.ledger_list import ItemChoices, ItemFilter, ItemList
from qmsdesk.ui import messages
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.jobs import Job
from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.pages.base import OVERDUE_BACKGROUND, ListPage, Records, label_of
from qmsdesk.ui.table_model import Column
from qmsdesk.ui.windowed_model import WindowedTableModel

STATUS_COLOURS = {
    ItemStatus.OPEN.value: QColor("#c62828"),
    ItemStatus.IN_PROGRESS.value: QColor("#c25e00"),
    ItemStatus.AWAITING_VERIFICATION.value: QColor("#1565c0"),
    ItemStatus.CLOSED.value: QColor("#2e7d32"),
}
LATE_COLOUR = QColor("#c62828")


class _Imported:
    """A domain module imported when first used. The list reads through services/ledger_list.py alone; the
    ledger's writes and the staff list need the models, whose import and mapping took 0.3 s of the page's
    opening, so they are imported at the first selection, edit or move instead."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


service = _Imported("qmsdesk.services.ledger")
staff_service = _Imported("qmsdesk.services.staff")


class LedgerPage(ListPage):
    key = "ledger"
    has_month_filter = True
    has_status_filter = True
    load_in_background = True
    fit_rows = 50  # widths from a few screenfuls: each row fitted asks for every cell of it

    @property
    def records(self) -> Records:  # type: ignore[override]
        return Records(rows=service.item_rows, create=service.create_item, update=service.update_item,
                       delete=service.delete_item, restore=service.restore_item)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._today = today()
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

    def row_id(self, record_id: Any) -> Any:
        return record_id.hex if isinstance(record_id, uuid.UUID) else record_id  # rows carry hex (ledger.item_rows)

    def columns(self) -> list[Column]:
        # Labels looked up once: a screenful of cells asks for them hundreds of times while it paints.
        statuses = {code: label_of(ItemStatus, code) for code, _label in ItemStatus.choices()}
        sources = {code: label_of(SourceKind, code) for code, _label in SourceKind.choices()}
        late = self.tr("逾期 %1 天")
        return [
            Column("status", self.tr("状态"), fmt=lambda v: statuses.get(v) or label_of(ItemStatus, v),
                   color=lambda r: STATUS_COLOURS.get(r["status"]), width=90),
            Column("days_overdue", self.tr("逾期"), fmt=lambda days: late.replace("%1", str(days)) if days else "",
                   color=lambda r: LATE_COLOUR if r["days_overdue"] else None, width=90),
            Column("problem", self.tr("问题"), width=300, free_text=True),
            Column("category", self.tr("类别"), width=110),
            Column("source_kind", self.tr("来源"), fmt=lambda v: sources.get(v) or label_of(SourceKind, v), width=90),
            Column("responsible", self.tr("责任人"), width=80),
            Column("found_on", self.tr("发现日期"), width=100),
            Column("deadline", self.tr("整改期限"), width=100),
            Column("closed_on", self.tr("销号日期"), width=100),
        ]

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return OVERDUE_BACKGROUND if row["days_overdue"] else None

    # --- rows: one query for what is kept, a block of rows for what is shown --------------------------
    _listing: ItemList | None = None  # what the table shows
    _filter_job: Job | None = None
    _rest_job: Job | None = None
    _searchable: ItemList | None = None  # the list shown with no search, with its texts: searched as typed
    _head: ItemList | None = None  # the first rows of the load under way, shown while the rest is read
    _generation = 0  # loads shown so far: a filter's answer read before the last load is stale

    def table_models(self) -> tuple[WindowedTableModel, WindowedTableModel]:
        model = WindowedTableModel(self.columns(), self._read_block, self)
        model.row_background = self.row_background
        model.sort_changed = self.apply_filter  # the header was clicked: the query sorts
        model.more_wanted = self._more_ids
        return model, model

    def item_filter(self) -> ItemFilter:
        """What the search box, the filters and the sorted column ask for now."""
        sort = self.model.sort_key()
        return ItemFilter(words=ItemFilter.words_of(self.search.text()), month=self.month_filter.currentData(),
                          status=self.status_filter.currentData(), source_kind=self.source_filter.currentData(),
                          category=self.category_filter.currentData(), responsible=self.person_filter.currentData(),
                          overdue_only=self.overdue_only.isChecked(),
                          sort=sort[0] if sort else None, descending=bool(sort and sort[1]))

    def background_load(self) -> tuple[Callable[[], Any], Callable[[Any], None]]:
        """First the rows a screen shows and how many there are (painted at once; from then on the user can
        type, sort and filter), then every id in order and the filters' choices (`_head_loaded`)."""
        ctx, wanted, day = self.ctx, self.item_filter(), today()
        self._today = day
        return (lambda: ctx.read(ledger_list.item_head, wanted, day)), self._head_loaded

    def _head_loaded(self, head: ItemList) -> None:
        self._loader.wait()
        self._loading = False
        self._generation += 1
        self._head = head
        self._searchable = None  # read before the data changed
        pending, self._pending_select = self._pending_select, None
        selected = self.selected_row()  # selected before the data changed: selected again if still kept
        self._show_list(head, pending if pending is not None else (selected or {}).get("id"))
        self._restore_header()
        # Then the ids of every kept item (to scroll past the first rows, and for a search to narrow them
        # without sorting again) and the filters' choices; typing, sorting and filtering need not wait.
        ctx = self.ctx
        searchable = not head.filter.words
        self._loader = Job(self.title(), lambda _control: ctx.read(lambda s: (
            None if head.complete and not searchable
            else ledger_list.item_list(s, head.filter, head.day, previous=head, searchable=searchable),
            ledger_list.item_choices(s))), self)
        self._loader.succeeded.connect(self._loaded)
        self._loader.failed.connect(self._load_failed)
        self._loader.start()

    def _more_ids(self) -> None:
        """Read the ids of every row the list keeps (the user scrolled past the first ones, or one is to be
        selected): on a thread of its own, the rows past the first show blank until then."""
        listing = self._listing
        if listing is None or listing.complete or (self._rest_job is not None and self._rest_job.is_running()):
            return
        if not (self.load_in_background and getattr(self.ctx, "background_loads", False)):
            self._completed(listing, self.ctx.read(ledger_list.item_list, listing.filter, listing.day))
            return
        ctx = self.ctx
        job = Job(self.title(), lambda _control: ctx.read(ledger_list.item_list, listing.filter, listing.day), self)
        job.succeeded.connect(lambda full: (job.wait(), self._completed(listing, full)))
        job.failed.connect(lambda message: self._filter_failed(job, message))
        self._rest_job = job
        job.start()

    def _completed(self, listing: ItemList, full: ItemList) -> None:
        if full.texts is not None and not full.filter.words and self._searchable is None:
            self._searchable = full  # the next keystroke searches its texts, whatever is shown now
        if self._listing is not listing:  # the user searched or the data changed meanwhile: that list is gone
            pending, self._pending_select = self._pending_select, None
            if pending is not None:
                self.select_id(pending)
            return
        self._listing = full
        self.model.complete_ids(full.ids)
        pending, self._pending_select = self._pending_select, None
        if pending is not None:
            self.select_id(pending)

    def _load_failed(self, message: str) -> None:
        self._head = None
        super()._load_failed(message)

    def read_rows(self, ctx: DataContext) -> tuple[ItemList, ItemChoices]:
        """The kept items and the filters' choices, at once (a window loading in the background does not ask)."""
        self._today = day = today()
        wanted = self.item_filter()
        return ctx.read(lambda s: (ledger_list.item_list(s, wanted, day, searchable=not wanted.words),
                                   ledger_list.item_choices(s)))

    def show_rows(self, rows: tuple[ItemList | None, ItemChoices]) -> None:
        """The filters' choices with the whole list: read at once, or after its first rows were shown."""
        listing, choices = rows
        head, self._head = self._head, None
        self._fill_choice(self.month_filter, choices.months)
        self._fill_choice(self.category_filter, choices.categories)
        self._fill_choice(self.person_filter, choices.people)
        pending, self._pending_select = self._pending_select, None
        if head is None and listing is not None:
            self._generation += 1
            selected = self.selected_row()
            self._show_list(listing, pending if pending is not None else (selected or {}).get("id"))
        elif listing is not None:
            self._pending_select = pending
            self._completed(head, listing)  # unless the user has searched meanwhile: that answer stays
        elif pending is not None:
            self.select_id(pending)
        if self._listing is not None and self.item_filter() != self._listing.filter:
            self.apply_filter()  # a choice gone with the new data
        self._restore_header()
        self.rows_loaded()

    def _show_list(self, listing: ItemList, keep: Any = None) -> None:
        """Show `listing`, selecting `keep` again if it is kept; ask again if the user changed what they want."""
        self._listing = listing
        if listing.texts is not None and not listing.filter.words:
            self._searchable = listing
        self.model.set_ids(listing.ids, [r._asdict() for r in listing.head], listing.count)
        total, shown = listing.total, listing.count
        self.count_label.setText(
            self.tr("共 %1 条").replace("%1", str(total)) if shown == total
            else self.tr("显示 %1 / 共 %2 条").replace("%1", str(shown)).replace("%2", str(total)))
        if keep is not None:
            self.select_id(keep)
        self._update_buttons()
        if self.item_filter() != listing.filter:
            self.apply_filter()

    def _read_block(self, ids: list[str]) -> list[dict[str, Any]]:
        """Rows scrolled into view (a short query by primary key, on the GUI thread)."""
        if not self.ctx.is_open:
            return []
        day = self._listing.day if self._listing is not None else today()
        return [r._asdict() for r in self.ctx.read(ledger_list.rows_of, ids, day)]

    def apply_filter(self) -> None:
        """Ask the query again for what the search, filters and sort now want (a load under way will)."""
        if self._listing is None or self._loading or not self.ctx.is_open:
            return
        wanted = self.item_filter()
        if wanted == self._listing.filter:
            self._update_buttons()
            return
        shown = self._searchable
        if shown is not None and replace(wanted, words=()) == shown.filter and shown.day == today():
            # Only the search changed: its words against the texts read with the list (as fast as typing).
            self._show_list(self.ctx.read(ledger_list.search_within, shown, wanted))
            return
        if not (self.load_in_background and getattr(self.ctx, "background_loads", False)):
            self._show_list(self.ctx.read(ledger_list.item_list, wanted, today(), previous=self._listing,
                                          searchable=not wanted.words))
            return
        if self._filter_job is not None and self._filter_job.is_running():
            return  # when it ends, _show_list sees what is wanted now and asks again
        ctx, day, generation, previous = self.ctx, today(), self._generation, self._listing
        job = Job(self.title(), lambda _control: ctx.read(ledger_list.item_list, wanted, day, previous=previous,
                                                          searchable=not wanted.words), self)
        job.succeeded.connect(lambda listing: self._filtered(job, listing, generation))
        job.failed.connect(lambda message: self._filter_failed(job, message))
        self._filter_job = job
        job.start()

    def _filtered(self, job: Job, listing: ItemList, generation: int) -> None:
        job.wait()
        if generation != self._generation or self._loading:
            self.apply_filter()  # read before the data changed: ask again (or let the load under way)
            return
        selected = self.selected_row()
        self._show_list(listing, (selected or {}).get("id"))

    def _filter_failed(self, job: Job, message: str) -> None:
        job.wait()
        messages.error(self, self.tr("操作未完成"), message)

    def wait_loaded(self, ms: int = 60_000) -> None:
        """Block until the load under way, the rest of its ids and the filters' choices are shown."""
        from PySide6.QtCore import QEventLoop, QTimer

        if self._loader is not None and (self._loading or self._reload_pending or self._loader.is_running()
                                         or self._head is not None):
            loop = QEventLoop()
            self.loaded.connect(loop.quit)
            QTimer.singleShot(ms, loop.quit)
            loop.exec()
            self.loaded.disconnect(loop.quit)
            self._loader.wait()
        for job in (self._filter_job, self._rest_job):
            if job is not None:
                job.wait(ms)

    def select_id(self, record_id: Any) -> bool:
        if self._loading or self._listing is None:  # the row arrives with the load under way: select it then
            self._pending_select = record_id
            return False
        at = self.model.position_of(record_id)
        if at < 0:
            if not self._listing.complete:  # it may be among the ids not read yet
                self._pending_select = record_id
                self._more_ids()
            return False
        self.table.selectRow(at)
        self.table.scrollTo(self.model.index(at, 0))
        return True

    def rows_loaded(self) -> None:
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

    def _fill_choice(self, combo: QComboBox, values: list[str]) -> None:
        """Offer `values` after the combo's first entry (全部…), keeping the one chosen if it is still there."""
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    # --- form -------------------------------------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        staff = self.ctx.read(staff_service.people)
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
                Field("verifier_id", self.tr("验证人"), "person", required=True, people=self.ctx.read(staff_service.people)),
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
            found = self.ctx.read(ledger_list.item_list, ItemFilter(status=status), today(), 1)
            return found.head[0]._asdict() if found.head else None

        for target, status in ((ItemStatus.IN_PROGRESS.value, ItemStatus.OPEN.value),
                               (ItemStatus.CLOSED.value, ItemStatus.AWAITING_VERIFICATION.value),
                               ("rejected", ItemStatus.AWAITING_VERIFICATION.value)):
            found[target] = (lambda t=target, s=status: self.transition_form(r, t) if (r := first_with(s)) else None)
        return found

