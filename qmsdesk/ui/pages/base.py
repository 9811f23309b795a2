"""What every page shares: `Page` (a sidebar entry) and `ListPage` (table, search, filters, add/edit/delete).

A list page declares its columns, its form fields and the service calls that load, create, update,
delete and restore a record; the base class does the rest: a sortable table, a search box with a
short debounce, month and status filters, confirmation before delete and an undo of the last delete.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
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
from sqlalchemy.orm import Session

from qmsdesk.errors import QmsError
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.forms import Field, FormDialog, Person
from qmsdesk.ui.jobs import Job
from qmsdesk.ui.settings import UiSettings
from qmsdesk.ui.table_model import Column, RowProxy, RowTableModel

SEARCH_DELAY_MS = 200
OVERDUE_BACKGROUND = QColor("#fde2e1")


class Page(QWidget):
    """One page of the main window. `key` names it in settings, selftest and screenshots."""

    key = "page"
    area = ""  # the data area this page writes (defaults to its key); see AppContext.changed
    areas: frozenset[str] = frozenset()  # other data areas whose change makes this page reload
    open_page = Signal(str)  # ask the main window to show another page (dashboard cards use it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"page-{self.key}")
        self._stale = True
        ctx.changed.connect(self._on_changed)

    def title(self) -> str:
        return self.key

    @property
    def data_area(self) -> str:
        return self.area or self.key

    def _on_changed(self, area: str) -> None:
        if area == "*" or area in self.areas or area == self.data_area or not self.areas:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the services. Subclasses fill the widgets."""
        self._stale = False

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        """Dialogs this page can open, by name, created but not shown (for selftest and screenshots)."""
        return {}

    def save_state(self, settings: UiSettings) -> None:
        """Remember table layouts and the like."""

    def report_error(self, exc: QmsError) -> None:
        messages.error(self, self.tr("操作未完成"), str(exc))


class ListPage(Page):
    """A page that lists records of one kind. Subclasses implement the hooks below."""

    loaded = Signal()  # a background load has finished (shown or failed)

    has_month_filter = False
    has_status_filter = False
    can_add = True
    can_edit = True
    can_delete = True
    select_first = False  # pages with a detail panel select the first row so the panel is never empty
    show_heading = True  # False when the list sits in a tab of a bigger page
    load_in_background = False  # True for pages that may hold very many rows (the ledger)

    # --- hooks ------------------------------------------------------------------------------------
    def columns(self) -> list[Column]:
        return []

    def load(self, session: Session) -> list[dict[str, Any]]:
        """Rows (dicts with at least "id") for the table, built inside the session."""
        return []

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return []

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return dict(row)

    def create(self, session: Session, values: dict[str, Any]) -> Any:
        raise QmsError(self.tr("此页面不能新增记录。"))

    def update(self, session: Session, record_id: uuid.UUID, values: dict[str, Any]) -> Any:
        raise QmsError(self.tr("此页面不能修改记录。"))

    def remove(self, session: Session, record_id: uuid.UUID) -> None:
        raise QmsError(self.tr("此页面不能删除记录。"))

    def restore(self, session: Session, record_id: uuid.UUID) -> None:
        raise QmsError(self.tr("此页面不能恢复记录。"))

    def record_label(self) -> str:
        """What one record is called in dialog titles, e.g. 整改事项."""
        return self.title()

    def describe(self, row: dict[str, Any]) -> str:
        """A short text naming a row in the delete question."""
        return str(row.get("name") or row.get("topic") or row.get("problem") or "")

    def month_of(self, row: dict[str, Any]) -> str | None:
        return None

    def status_choices(self) -> list[tuple[str, str]]:
        return []

    def status_of(self, row: dict[str, Any]) -> str | None:
        return row.get("status")

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return None

    search_text: Callable[[dict[str, Any]], str] | None = None  # see RowTableModel.search_text

    def extra_buttons(self) -> list[QPushButton]:
        return []

    # --- building ---------------------------------------------------------------------------------
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._last_deleted: tuple[uuid.UUID, str] | None = None
        self._loader: Job | None = None
        self._loading = False
        self._reload_pending = False
        self._pending_select: Any = None
        self._header_restored = False
        layout = QVBoxLayout(self)
        if self.show_heading:
            heading = QLabel(self.title())
            heading.setObjectName("page-title")
            layout.addWidget(heading)
        else:
            layout.setContentsMargins(0, 6, 0, 0)

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
        layout.addLayout(bar)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增"))
        self.add_button.setObjectName("add")
        self.edit_button = QPushButton(self.tr("修改"))
        self.edit_button.setObjectName("edit")
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("delete")
        self.undo_button = QPushButton(self.tr("撤销删除"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setEnabled(False)
        for button, allowed in ((self.add_button, self.can_add), (self.edit_button, self.can_edit),
                                (self.delete_button, self.can_delete), (self.undo_button, self.can_delete)):
            button.setVisible(allowed)
            buttons.addWidget(button)
        for button in self.extra_buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.button_bar = buttons
        layout.addLayout(buttons)

        self.model = RowTableModel(self.columns(), self)
        self.model.row_background = self.row_background
        self.model.search_text = self.search_text
        self.proxy = RowProxy(self)
        self.proxy.setSourceModel(self.model)
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
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.body = layout  # subclasses may add detail panels below the table

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
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        if self.load_in_background and self.ctx.background_loads:
            self._load_in_background()
            return
        try:
            rows = self.ctx.read(self.load)
        except QmsError as exc:
            self.report_error(exc)
            return
        self.show_rows(rows)

    def _load_in_background(self) -> None:
        """Query on a worker thread so a page of 100,000 rows never freezes the window."""
        if self._loader is not None and self._loader.is_running():
            self._reload_pending = True  # data changed while loading: load again when this one ends
            return
        self._reload_pending = False
        self._loading = True
        self.count_label.setText(self.tr("正在加载…"))
        self._loader = Job(self.title(), lambda _control: self.ctx.read(self.load), self)
        self._loader.succeeded.connect(self._loaded)
        self._loader.failed.connect(self._load_failed)
        self._loader.start()

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
        from PySide6.QtCore import QEventLoop

        if not (self._loading or self._reload_pending):
            return
        loop = QEventLoop()
        self.loaded.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        self.loaded.disconnect(loop.quit)
        if self._loader is not None:
            self._loader.wait()

    def rows_loaded(self) -> None:
        """Called after new rows are shown; pages refill their own filters here."""

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
        months = sorted({m for r in rows if (m := self.month_of(r))}, reverse=True)
        self.month_filter.blockSignals(True)
        self.month_filter.clear()
        self.month_filter.addItem(self.tr("全部月份"), None)
        for month in months:
            self.month_filter.addItem(month, month)
        index = self.month_filter.findData(current)
        self.month_filter.setCurrentIndex(max(index, 0))
        self.month_filter.blockSignals(False)

    def extra_predicates(self) -> list[Callable[[dict[str, Any]], bool]]:
        """Subclasses with their own filter widgets return their conditions here."""
        return []

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

    def first_selection(self, rows: list[dict[str, Any]]) -> Any:
        """The id of the row to select when nothing is selected yet (None: the first row)."""
        return None

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

    def _update_buttons(self, *_args) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has and self.ctx.is_open)
        self.delete_button.setEnabled(has and self.ctx.is_open)
        self.add_button.setEnabled(self.ctx.is_open)
        self.undo_button.setEnabled(self._last_deleted is not None)

    def _double_clicked(self, _index: QModelIndex) -> None:
        if self.can_edit:
            self.edit_selected()

    # --- actions ------------------------------------------------------------------------------------
    def make_form(self, row: dict[str, Any] | None) -> FormDialog:
        name = self.record_label()
        title = self.tr("新增%1").replace("%1", name) if row is None else self.tr("修改%1").replace("%1", name)
        if row is None:
            save = lambda values: self.ctx.write(self.create, values, area=self.data_area)  # noqa: E731
        else:
            rid = row["id"]
            save = lambda values: self.ctx.write(self.update, rid, values, area=self.data_area)  # noqa: E731
        dialog = FormDialog(title, self.fields(row), self.values_of(row) if row else self.default_values(), save, self)
        dialog.setObjectName(f"dlg-{self.key}-{'add' if row is None else 'edit'}")
        return dialog

    def default_values(self) -> dict[str, Any]:
        return {}

    def add_record(self) -> Any:
        dialog = self.make_form(None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._select_result(dialog.result_value)
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

    def _select_result(self, result: Any) -> None:
        rid = getattr(result, "id", None)
        if rid is not None:
            self.select_id(rid)

    def delete_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        what = self.describe(row)
        question = self.tr("确定删除“%1”吗？\n删除后可以点“撤销删除”恢复。").replace("%1", what)
        if not messages.confirm(self, self.tr("删除记录"), question, yes=self.tr("删除")):
            return False
        try:
            self.ctx.write(self.remove, row["id"], area=self.data_area)
        except QmsError as exc:
            self.report_error(exc)
            return False
        self._last_deleted = (row["id"], what)
        self.undo_button.setToolTip(self.tr("恢复“%1”").replace("%1", what))
        self._update_buttons()
        return True

    def undo_delete(self) -> bool:
        if self._last_deleted is None:
            return False
        rid, _what = self._last_deleted
        try:
            self.ctx.write(self.restore, rid, area=self.data_area)
        except QmsError as exc:
            self.report_error(exc)
            return False
        self._last_deleted = None
        self._update_buttons()
        self.select_id(rid)
        return True

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found: dict[str, Callable[[], QDialog | None]] = {}
        if self.can_add:
            found["add"] = lambda: self.make_form(None)
        if self.can_edit:
            found["edit"] = lambda: self.make_form(self.proxy.row_at(0)) if self.proxy.rowCount() else None
        return found

    # --- remembered layout ---------------------------------------------------------------------------
    def _restore_header(self) -> None:
        if self._header_restored:
            return
        self._header_restored = True
        state = UiSettings().table_header(self.key)
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            if header.isSortIndicatorShown() and header.sortIndicatorSection() < len(self.model.columns):
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self, settings: UiSettings) -> None:
        self.wait_loaded()  # the window is closing: let a running load finish before the thread goes
        settings.set_table_header(self.key, self.table.horizontalHeader().saveState())


def name_of(staff) -> str:
    """A staff member's name for a cell, blank when nobody is set."""
    return staff.name if staff is not None else ""



def label_of(vocabulary: type, code: object) -> str:
    """The shown label of a stored code (the code itself when it is not in the vocabulary)."""
    if code is None:
        return ""
    try:
        return vocabulary(code).label
    except ValueError:
        return str(code)


def people(session: Session, *, active_only: bool = True) -> list[Person]:
    """Staff for person pickers, searchable by name, pinyin initials and employee number."""
    from qmsdesk.services.staff import list_staff

    return [Person(p.id, p.name, p.pinyin_initials or "", p.employee_no or "")
            for p in list_staff(session, include_inactive=not active_only)]
