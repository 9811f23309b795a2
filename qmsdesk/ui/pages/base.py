"""What every page shares: `Page` (a sidebar entry that reloads from `Changes`) and `ListPage` (table, search,
filters, add/edit/delete/undo over the domain functions a page declares).

A page shows what its registry entry says it shows (ui/registry.py `PageSpec.shows`, `locks`): when a
write elsewhere in the window touches one of those kinds, or locks or unlocks a month for a page that
follows locks, the page reloads — at once if it is on screen, else the next time it is shown.

A list page declares its columns, its form fields and its `Records`: the domain functions that read
its rows and create, update, delete and restore one record. The base class does the rest: a sortable
table, a search box filtering as the user types, month and status filters, confirmation before delete, and
the undo of a delete (an `UndoStep` kept by the context, see ui/operations.py).

Construction: the base class asks a subclass only for declarations while it builds (`columns()`,
`status_choices()`, `table_models()`: they may use `self.tr`, nothing the subclass builds). A subclass builds its own
buttons and panels in its `__init__` after `super().__init__()` and adds buttons with `add_buttons()`;
the base calls no other hook before the page is complete.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.changes import Changes
from qmsdesk.errors import QmsError
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.jobs import Job
from qmsdesk.ui.operations import DataContext, UndoStep, wait_for
from qmsdesk.ui.registry import PageSpec, spec
from qmsdesk.ui.settings import UiSettings
from qmsdesk.ui.table_model import FIT_ROWS, Column, RowProxy, RowTableModel, fit_columns

if TYPE_CHECKING:  # the forms' widgets (~8 ms of Qt types) are imported when a form opens: the dashboard has none
    from qmsdesk.ui.forms import Field, FormDialog

# The search filters on the next turn of the event loop: a paste or an input-method commit filters
# once, and a keystroke's rows are painted at once (filtering 100,000 rows takes a few milliseconds).
SEARCH_DELAY_MS = 0
OVERDUE_BACKGROUND = QColor("#fde2e1")


class Page(QWidget):
    """One page of a window. `key` names it in the registry, settings, selftest and screenshots.

    Parts of a page that are pages themselves (a tab's list) are not in the registry: they declare
    `shows` and `follows_locks` as class attributes.
    """

    key = "page"
    shows: frozenset[str] = frozenset()  # kinds whose change reloads this page (from the registry when listed)
    follows_locks = False
    open_page = Signal(str)  # ask the window to show another page (dashboard cards use it)

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec: PageSpec | None = spec(self.key)
        if self.spec is not None:
            self.shows, self.follows_locks = self.spec.shows, self.spec.locks
        self.setObjectName(f"page-{self.key}")
        self._stale = True
        ctx.changed.connect(self.on_changes)

    def title(self) -> str:
        return self.spec.title() if self.spec is not None else self.key

    def add_heading(self, layout: QVBoxLayout) -> QLabel:
        """The page's title at the top of `layout`."""
        label = QLabel(self.title())
        label.setObjectName("page-title")
        font = QFont(label.font())  # 17 px bold, set as a font: a style sheet here would restyle the whole page
        font.setPixelSize(17)
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 2, 0, 6)
        layout.addWidget(label)
        return label

    def on_changes(self, changes: Changes) -> None:
        """Reload if `changes` touch what this page shows (now if visible, else when next shown)."""
        if changes.touches(self.shows, locks=self.follows_locks):
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload through the domain's query functions. Subclasses fill the widgets."""
        self._stale = False

    @classmethod
    def read_before_open(cls, path: Any) -> Any:
        """What the page shows, read from the database file itself before the database is opened (no ORM), when
        the page is the first one shown and can (ui/app.py); None: read it once the database is open."""
        return None

    @classmethod
    def read_ahead(cls, source: Any) -> Any:
        """What the page shows, read on the thread that opens the database when the page is the first one
        shown (ui/app.py), so that it is built with its content; None: the page reads when it is shown."""
        return None

    def show_read_ahead(self, content: Any) -> None:
        """Fill the page with what `read_ahead` read, before it is first shown (it then need not reload)."""
        self._stale = False

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        """Dialogs this page can open, by name, created but not shown (for selftest and screenshots)."""
        return {}

    def save_state(self, settings: UiSettings) -> None:
        """Remember table layouts and the like."""

    def report_error(self, exc: QmsError) -> None:
        messages.error(self, self.tr("操作未完成"), str(exc))


@dataclasses.dataclass(frozen=True)
class Records:
    """The domain functions a list page works through; each takes the session first.

    `rows(session)` returns the table's rows (dataclasses or named tuples with an `id`);
    `create(session, **values)`, `update(session, id, **values)`, `delete(session, id)`,
    `restore(session, id)` (the undo of `delete`).
    """

    rows: Callable[..., Sequence[Any]]
    create: Callable[..., Any] | None = None
    update: Callable[..., Any] | None = None
    delete: Callable[..., Any] | None = None
    restore: Callable[..., Any] | None = None


def as_dicts(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows for the table model from a query's dataclasses or named tuples (dicts pass through)."""
    if not items:
        return []
    first = items[0]
    if isinstance(first, dict):
        return list(items)
    if isinstance(first, tuple) and hasattr(first, "_fields"):
        names = first._fields
        return [dict(zip(names, item, strict=True)) for item in items]
    names = tuple(f.name for f in dataclasses.fields(first))
    return [{n: getattr(item, n) for n in names} for item in items]


class ListPage(Page):
    """A page that lists records of one kind. Subclasses declare `records`, `columns()` and `fields()`."""

    loaded = Signal()  # a background load has finished (shown or failed)

    records: Records | None = None
    has_month_filter = False
    has_status_filter = False
    can_add = True
    can_edit = True
    can_delete = True
    select_first = False  # pages with a detail panel select the first row so the panel is never empty
    show_heading = True  # False when the list sits in a tab of a bigger page
    load_in_background = False  # True for pages that may hold very many rows (the ledger)
    fit_rows = FIT_ROWS  # rows whose text the columns are first fitted to

    # --- declarations (asked while building) ------------------------------------------------------
    def columns(self) -> list[Column]:
        return []

    def status_choices(self) -> list[tuple[str, str]]:
        return []

    # --- hooks (asked once the page is built) ------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return []

    def read_rows(self, ctx: DataContext) -> list[dict[str, Any]]:
        """The table's rows as dicts; called on a worker thread for pages loading in the background."""
        assert self.records is not None, f"{type(self).__name__} declares no records"
        return as_dicts(ctx.read(self.records.rows))

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        """The form's values for editing `row`."""
        return dict(row)

    def default_values(self) -> dict[str, Any]:
        return {}

    def record_label(self) -> str:
        """What one record is called in dialog titles, e.g. 整改事项."""
        return self.title()

    def describe(self, row: dict[str, Any]) -> str:
        """A short text naming a row in the delete question."""
        return str(row.get("name") or row.get("topic") or row.get("problem") or "")

    def month_of(self, row: dict[str, Any]) -> str | None:
        return None

    def status_of(self, row: dict[str, Any]) -> str | None:
        return row.get("status")

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return None

    search_text: Callable[[dict[str, Any]], str] | None = None  # see RowTableModel.search_text
    search_key: str | None = None  # see RowTableModel.search_key
    month_key: str | None = None  # rows that carry their month (month_of) under this key: read it directly

    def extra_predicates(self) -> list[Callable[[dict[str, Any]], bool]]:
        """Subclasses with their own filter widgets return their conditions here."""
        return []

    def rows_loaded(self) -> None:
        """Called after new rows are shown; pages refill their own filters and panels here."""

    def first_selection(self, rows: list[dict[str, Any]]) -> Any:
        """The id of the row to select when nothing is selected yet (None: the first row)."""
        return None

    # --- writes (through the context's worker) ---------------------------------------------------------
    def create(self, values: dict[str, Any]) -> Any:
        if self.records is None or self.records.create is None:
            raise QmsError(self.tr("此页面不能新增记录。"))
        return self.ctx.write(self.records.create, **values)

    def update(self, row: dict[str, Any], values: dict[str, Any]) -> Any:
        if self.records is None or self.records.update is None:
            raise QmsError(self.tr("此页面不能修改记录。"))
        return self.ctx.write(self.records.update, row["id"], **values)

    def remove(self, row: dict[str, Any]) -> None:
        """Delete the row's record, offering its restore as this page's undo."""
        if self.records is None or self.records.delete is None:
            raise QmsError(self.tr("此页面不能删除记录。"))
        rid, restore = row["id"], self.records.restore
        undo = UndoStep(self.key, self.describe(row), lambda s: restore(s, rid)) if restore is not None else None
        self.ctx.write(self.records.delete, rid, undo=undo)

    # --- building ---------------------------------------------------------------------------------
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loader: Job | None = None
        self._loading = False
        self._reload_pending = False
        self._pending_select: Any = None
        self._header_restored = False
        self._restored_id: Any = None
        layout = QVBoxLayout(self)
        if self.show_heading:
            self.add_heading(layout)
        else:
            layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self._build_filter_bar())
        self._second_filters_at = layout.count()
        layout.addLayout(self._build_button_bar())
        self._build_table()
        layout.addWidget(self.table, 1)
        self.body = layout  # subclasses may add detail panels below the table
        self._connect()
        self._set_button_states()

    def _build_filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索（任意列的文字）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        bar.addWidget(self.search)
        self.month_filter = QComboBox()
        self.month_filter.setObjectName("month-filter")
        self.month_filter.addItem(self.tr("全部月份"), None)
        self.month_filter.setVisible(self.has_month_filter)
        bar.addWidget(self.month_filter)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status-filter")
        self.status_filter.addItem(self.tr("全部状态"), None)
        for value, label in self.status_choices():
            self.status_filter.addItem(label, value)
        self.status_filter.setVisible(self.has_status_filter)
        bar.addWidget(self.status_filter)
        self.filter_bar = bar  # subclasses add their own filters here
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        return bar

    def _build_button_bar(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增"))
        self.add_button.setObjectName("add")
        self.edit_button = QPushButton(self.tr("修改"))
        self.edit_button.setObjectName("edit")
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("delete")
        self.undo_button = QPushButton(self.tr("撤销删除"))
        self.undo_button.setObjectName("undo")
        for button, allowed in ((self.add_button, self.can_add), (self.edit_button, self.can_edit),
                                (self.delete_button, self.can_delete), (self.undo_button, self.can_delete)):
            button.setVisible(allowed)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.button_bar = buttons
        return buttons

    def add_filter_row(self, *widgets: QWidget) -> None:
        """A page's own filters, on a row of their own under search, month and status (one row of all of
        them would not fit 1280 pixels in English)."""
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        self.layout().insertLayout(self._second_filters_at, row)

    def add_buttons(self, *buttons: QPushButton) -> None:
        """Put a subclass's own buttons after add/edit/delete/undo."""
        for button in buttons:
            self.button_bar.insertWidget(self.button_bar.count() - 1, button)

    def table_models(self) -> tuple[Any, Any]:
        """The table's model and the model the view shows (rows in memory, searched and sorted in Python)."""
        model = RowTableModel(self.columns(), self)
        model.row_background = self.row_background
        model.search_text = self.search_text
        model.search_key = self.search_key
        proxy = RowProxy(self)
        proxy.setSourceModel(model)
        return model, proxy

    def _build_table(self) -> None:
        self.model, self.proxy = self.table_models()
        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setModel(self.proxy)
        # No sort until the user asks: rows keep the service's order (e.g. most urgent deadline first).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width or 120)

    def _connect(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.month_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.ctx.undo_changed.connect(self._update_buttons)

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        if self.load_in_background and getattr(self.ctx, "background_loads", False):
            self._load_in_background()
            return
        try:
            rows = self.read_rows(self.ctx)
        except QmsError as exc:
            self.report_error(exc)
            return
        self.show_rows(rows)

    def _load_in_background(self) -> None:
        """Query on a thread of its own so a page of 100,000 rows never freezes the window."""
        if self._loader is not None and self._loader.is_running():
            self._reload_pending = True  # data changed while loading: load again when this one ends
            return
        self._reload_pending = False
        self._loading = True
        self.count_label.setText(self.tr("正在加载…"))
        work, done = self.background_load()
        self._loader = Job(self.title(), lambda _control: work(), self)
        self._loader.succeeded.connect(done)
        self._loader.failed.connect(self._load_failed)
        self._loader.start()

    def background_load(self) -> tuple[Callable[[], Any], Callable[[Any], None]]:
        """What a background load runs on its thread, and what gets its result on the GUI thread."""
        ctx = self.ctx
        return (lambda: self.read_rows(ctx)), self._loaded

    def _load_failed(self, message: str) -> None:
        self._loading = False
        self._reload_pending = False
        self.loaded.emit()
        messages.error(self, self.tr("操作未完成"), message)

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        if self._loader is not None:
            self._loader.wait()
        self._loading = False
        self.show_rows(rows)
        if self._reload_pending:
            self._load_in_background()
        else:
            self.loaded.emit()

    def wait_loaded(self, ms: int = 60_000) -> None:
        """Block until a background load has been shown (closing, selftest, benchmarks)."""
        if not (self._loading or self._reload_pending):
            return
        wait_for(self.loaded, ms)
        if self._loader is not None:
            self._loader.wait()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        selected = self.selected_row()
        self.model.set_rows(rows)
        self._fill_months(rows)
        self.apply_filter()
        pending, self._pending_select = self._pending_select, None
        if pending is not None:
            self.select_id(pending)
        elif selected is not None:
            self.select_id(selected.get("id"))
        if self.select_first and self.selected_row() is None and self.proxy.rowCount():
            if not self.select_id(self.first_selection(rows)):
                self.table.selectRow(0)
        self._restore_header()
        self.rows_loaded()

    def _fill_months(self, rows: list[dict[str, Any]]) -> None:
        if not self.has_month_filter:
            return
        current = self.month_filter.currentData()
        key = self.month_key
        found = {r[key] for r in rows} if key else {self.month_of(r) for r in rows}
        months = sorted((m for m in found if m), reverse=True)
        self.month_filter.blockSignals(True)
        self.month_filter.clear()
        self.month_filter.addItem(self.tr("全部月份"), None)
        for month in months:
            self.month_filter.addItem(month, month)
        index = self.month_filter.findData(current)
        self.month_filter.setCurrentIndex(max(index, 0))
        self.month_filter.blockSignals(False)

    def apply_filter(self) -> None:
        month = self.month_filter.currentData() if self.has_month_filter else None
        status = self.status_filter.currentData() if self.has_status_filter else None
        conditions = list(self.extra_predicates())
        if month:
            month_of = self.month_of
            conditions.append(lambda r: month_of(r) == month)
        if status:
            status_of = self.status_of
            conditions.append(lambda r: status_of(r) == status)
        if len(conditions) > 1:
            def predicate(row: dict[str, Any]) -> bool:
                return all(c(row) for c in conditions)
        else:
            predicate = conditions[0] if conditions else None
        self.model.set_filter(self.search.text(), predicate)
        total = len(self.model.all_rows())
        shown = self.model.rowCount()
        self.count_label.setText(
            self.tr("共 %1 条").replace("%1", str(total)) if shown == total
            else self.tr("显示 %1 / 共 %2 条").replace("%1", str(shown)).replace("%2", str(total)))
        self._update_buttons()

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.proxy.row_at(rows[0].row())

    def select_id(self, record_id: Any) -> bool:
        if self._loading:  # the row arrives with the load under way: select it then
            self._pending_select = record_id
            return False
        for i in range(self.proxy.rowCount()):
            if self.proxy.row_at(i).get("id") == record_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.proxy.index(i, 0))
                return True
        return False

    def _set_button_states(self) -> None:
        """The base buttons' state from the selection and the context (no subclass hook)."""
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has and self.ctx.is_open)
        self.delete_button.setEnabled(has and self.ctx.is_open)
        self.add_button.setEnabled(self.ctx.is_open)
        step = self.ctx.undo_step(self.key)
        self.undo_button.setEnabled(step is not None)
        self.undo_button.setToolTip(self.tr("恢复“%1”").replace("%1", step.label) if step is not None else "")

    def _update_buttons(self, *_args) -> None:
        """Subclasses extend this to set their own buttons from the selected row."""
        self._set_button_states()

    def _double_clicked(self, _index: QModelIndex) -> None:
        if self.can_edit:
            self.edit_selected()

    # --- actions ------------------------------------------------------------------------------------
    def make_form(self, row: dict[str, Any] | None) -> FormDialog:
        from qmsdesk.ui.forms import FormDialog

        name = self.record_label()
        title = self.tr("新增%1").replace("%1", name) if row is None else self.tr("修改%1").replace("%1", name)
        if row is None:
            save = self.create
        else:
            save = lambda values: self.update(row, values)  # noqa: E731
        dialog = FormDialog(title, self.fields(row), self.values_of(row) if row else self.default_values(), save, self)
        dialog.setObjectName(f"dlg-{self.key}-{'add' if row is None else 'edit'}")
        return dialog

    def add_record(self) -> Any:
        dialog = self.make_form(None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select_result(dialog.result_value)
            return dialog.result_value
        return None

    def edit_selected(self) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        dialog = self.make_form(row)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select_id(row["id"])
            return dialog.result_value
        return None

    def select_result(self, result: Any) -> None:
        """Select the row of a record just created (`result` is what the create function returned)."""
        rid = getattr(result, "id", None)
        if rid is not None:
            self.select_id(self.row_id(rid))

    def row_id(self, record_id: Any) -> Any:
        """The id as this page's rows carry it (most carry the UUID itself)."""
        return record_id

    def delete_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        question = self.tr("确定删除“%1”吗？\n删除后可以点“撤销删除”恢复。").replace("%1", self.describe(row))
        if not messages.confirm(self, self.tr("删除记录"), question, yes=self.tr("删除")):
            return False
        try:
            self.remove(row)
        except QmsError as exc:
            self.report_error(exc)
            return False
        self._restored_id = row["id"]
        return True

    def undo_delete(self) -> bool:
        if self.ctx.undo_step(self.key) is None:
            return False
        try:
            self.ctx.undo(self.key)
        except QmsError as exc:
            self.report_error(exc)
            return False
        if self._restored_id is not None:
            self.select_id(self._restored_id)
        return True

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found: dict[str, Callable[[], QDialog | None]] = {}
        if self.can_add:
            found["add"] = lambda: self.make_form(None)
        if self.can_edit:
            found["edit"] = lambda: self.make_form(self.proxy.row_at(0)) if self.proxy.rowCount() else None
        return found

    def with_selection(self, make: Callable[[], QDialog | None]) -> QDialog | None:
        """For the self-test: a dialog about "the selected row" needs one, so take the first."""
        if self.proxy.rowCount() and self.selected_row() is None:
            self.table.selectRow(0)
        return make()

    # --- remembered layout ---------------------------------------------------------------------------
    def _restore_header(self) -> None:
        """The user's own column layout if they made one, else columns sized to the first rows' text."""
        if self._header_restored:
            return
        self._header_restored = True
        state = UiSettings().table_header(self.key)
        if state is None:
            fit_columns(self.table, self.fit_rows)
        else:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            if header.isSortIndicatorShown() and header.sortIndicatorSection() < len(self.model.columns):
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self, settings: UiSettings) -> None:
        self.wait_loaded()  # the window is closing: let a running load finish before the thread goes
        settings.set_table_header(self.key, self.table.horizontalHeader().saveState())


def label_of(vocabulary: type, code: object) -> str:
    """The shown label of a stored code (the code itself when it is not in the vocabulary)."""
    if code is None:
        return ""
    try:
        return vocabulary(code).label
    except ValueError:
        return str(code)
