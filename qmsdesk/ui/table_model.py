"""Table models for the list pages: rows from a service call, columns declared once.

Searching, filtering and sorting happen in `RowTableModel` with plain Python key functions over
precomputed values. Qt's proxy calls back into Python once per row (filter) or per comparison
(sort); with 100,000 ledger items that costs seconds, while a list comprehension costs milliseconds.
`RowProxy` stays in front of the view so the header's sort indicator and index mapping are Qt's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from qmsdesk import clock

Row = Any
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def show_value(value: object) -> str:
    """How a raw value reads in a cell: dates as 2026-11-22, floats without noise, None as blank."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return clock.local_text(value) if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


@dataclass
class Column:
    """One table column: its header, how to read the raw value, how to show it, how to align it.

    `width` is where the column starts; `fit_columns` widens it to its header and contents in the user's
    language (English labels are longer), except a `free_text` column (a problem, minutes), which keeps its
    width and shows a cut cell whole in its tooltip.
    """

    key: str
    header: str
    getter: Callable[[Row], object] | None = None
    fmt: Callable[[object], str] | None = None
    align: Qt.AlignmentFlag = LEFT
    width: int | None = None
    color: Callable[[Row], QColor | None] | None = None  # text colour of this cell
    free_text: bool = False

    def raw(self, row: Row) -> object:
        if self.getter is not None:
            return self.getter(row)
        if isinstance(row, dict):
            return row.get(self.key)
        return getattr(row, self.key, None)

    def text(self, row: Row) -> str:
        value = self.raw(row)
        return self.fmt(value) if self.fmt is not None else show_value(value)


def _sort_key(value: object) -> tuple:
    # None sorts first; mixed types never compare with each other.
    if value is None:
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, float(value))
    if isinstance(value, datetime):
        return (2, value.isoformat())
    if isinstance(value, date):
        return (2, value.isoformat())
    return (3, str(value))


class Rows(list):
    """Rows with their search texts (lower case, one per row), made where the rows were read."""

    haystack: list[str] | None = None


class RowTableModel(QAbstractTableModel):
    """Rows of any shape (dicts, objects, tuples) shown through `Column` declarations."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Row] = []
        self._haystack: list[str] | None = None  # built at the first search, not at every load
        self._visible: list[int] = []  # indexes into _all, in display order
        self._predicate: Callable[[Row], bool] | None = None
        self._needle = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.row_background: Callable[[Row], QColor | None] | None = None
        self.row_tooltip: Callable[[Row], str | None] | None = None
        # What a search matches in a row; default: every column's shown text. Pages with very many
        # rows give a cheaper function over the few columns worth searching, or name the key under
        # which their rows (dicts) already carry it in lower case, made where the rows were read.
        self.search_text: Callable[[Row], str] | None = None
        self.search_key: str | None = None

    # --- loading -------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        # Rows read on a loading thread may bring their search texts along (`Rows.haystack`): walking
        # 100,000 rows for them at the first keystroke took 70 ms of the GUI thread.
        self._haystack = getattr(rows, "haystack", None)
        self._visible = self._compute_visible()
        self.endResetModel()

    def all_rows(self) -> list[Row]:
        return self._all

    def row_at(self, row: int) -> Row:
        return self._all[self._visible[row]]

    def visible_rows(self) -> list[Row]:
        return [self._all[i] for i in self._visible]

    # --- filtering and sorting -----------------------------------------------------------------
    def set_filter(self, needle: str | None = None, predicate: Callable[[Row], bool] | None = None) -> None:
        """Keep rows whose text contains every word of `needle` and that satisfy `predicate`."""
        self._needle = (needle or "").strip().lower()
        self._predicate = predicate
        self.beginResetModel()
        self._visible = self._compute_visible()
        self.endResetModel()

    def _compute_visible(self) -> list[int]:
        words = self._needle.split()
        pred = self._predicate
        rows = self._all
        if words and self._haystack is None:
            if self.search_key is not None:
                key = self.search_key
                self._haystack = [r[key] for r in rows]
            elif self.search_text is not None:
                text = self.search_text
                self._haystack = [text(r).lower() for r in rows]
            else:
                columns = self.columns
                self._haystack = ["\x1f".join(c.text(r) for c in columns).lower() for r in rows]
        hay = self._haystack or []
        if not words and pred is None:
            idx = list(range(len(rows)))
        elif not words:
            idx = [i for i, r in enumerate(rows) if pred(r)]
        elif pred is None and len(words) == 1:
            word = words[0]
            idx = [i for i, h in enumerate(hay) if word in h]
        elif pred is None:
            idx = [i for i, h in enumerate(hay) if all(w in h for w in words)]
        else:
            idx = [i for i, h in enumerate(hay) if all(w in h for w in words) and pred(rows[i])]
        return self._sorted(idx)

    def _sorted(self, idx: list[int]) -> list[int]:
        if self._sort is None:
            return idx
        col, order = self._sort
        raw, rows = self.columns[col].raw, self._all
        return sorted(idx, key=lambda i: _sort_key(raw(rows[i])), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self._sort == (column, order):
            return  # the header asks twice for one click; sorting 100,000 rows once is enough
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._visible = self._sorted(self._visible)
        self.layoutChanged.emit()

    # --- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        return cell_data(self, self._all[self._visible[index.row()]], self.columns[index.column()], role)


class ColumnsModel(Protocol):
    """What `cell_data` and `fit_columns` need of a model: its columns and how rows are tinted."""

    columns: list[Column]
    row_background: Callable[[Row], QColor | None] | None
    row_tooltip: Callable[[Row], str | None] | None


def cell_data(model: ColumnsModel, row: Row, column: Column, role: int):
    """One cell's value for `role`, as every list page's model answers Qt."""
    if role == Qt.ItemDataRole.DisplayRole:
        return column.text(row)
    if role == Qt.ItemDataRole.UserRole:
        return column.raw(row)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.align.value)
    if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
        colour = column.color(row)
        return QBrush(colour) if colour is not None else None
    if role == Qt.ItemDataRole.BackgroundRole and model.row_background is not None:
        colour = model.row_background(row)
        return QBrush(colour) if colour is not None else None
    if role == Qt.ItemDataRole.ToolTipRole:
        if model.row_tooltip is not None:
            return model.row_tooltip(row)
        return column.text(row) if column.free_text else None
    return None


class RowProxy(QSortFilterProxyModel):
    """The view's model. Sorting is handed to the source model (see the module docstring for why)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def row_at(self, proxy_row: int) -> Row:
        source = self.sourceModel()
        return source.row_at(self.mapToSource(self.index(proxy_row, 0)).row())


FIT_AT_MOST = 420  # a label column never grows wider than this, however long its longest cell
FIT_ROWS = 200  # columns fit the text of this many rows (Qt otherwise reads 1,000 and more of 100,000)


def fit_columns(view: QTableView, rows: int = FIT_ROWS) -> None:
    """Size each column of a view of `Column`s (`RowTableModel`, `WindowedTableModel`) to its header and
    contents, so no label is cut.

    Free-text columns keep their declared width (their cells' tooltips show them whole).
    """
    model = view.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    if not isinstance(getattr(source, "columns", None), list):
        return  # not a model of `Column`s
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(rows)
    for i, column in enumerate(source.columns):
        wanted = max(column.width or 0, header.sectionSizeHint(i))
        if not column.free_text:
            wanted = max(wanted, min(view.sizeHintForColumn(i), FIT_AT_MOST))
        view.setColumnWidth(i, wanted)


def fitted_view(model: RowTableModel, *, sorting: bool = True) -> QTableView:
    """A table view of `model` whose columns fit their text again whenever the rows are replaced."""
    proxy = RowProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(sorting)
    model.modelReset.connect(lambda: fit_columns(view))
    return view
