"""A table model for lists too long to hold: the ids of every row in order, the values only of rows on screen.

The page's query (on a worker thread) gives the ids in display order and the rows of the first ones;
when Qt asks for a row not read yet, the model reads its block of rows through `fetch` (one short query by
primary key). Searching, filtering and sorting are the page's query's work: `sort` only tells the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from qmsdesk.ui.table_model import Column, cell_data

Row = dict[str, Any]
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
BLOCK = 100  # rows read at a time when scrolled into view
KEEP = 50 * BLOCK  # rows kept read; beyond this the oldest blocks are read again when shown again

R = Qt.ItemDataRole
ROLES = frozenset({R.DisplayRole, R.UserRole, R.TextAlignmentRole, R.ForegroundRole, R.BackgroundRole, R.ToolTipRole})


class WindowedTableModel(QAbstractTableModel):
    """Rows (dicts with an "id") known by id, read in blocks through `fetch(ids) -> rows` when first shown."""

    def __init__(self, columns: Sequence[Column], fetch: Callable[[list[Any]], list[Row]], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._ids: list[Any] = []
        self._count = 0
        self._place: dict[Any, int] | None = None  # id → position, made when first asked
        self._rows: dict[Any, Row | None] = {}  # None: gone since the ids were read
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.sort_changed: Callable[[], None] | None = None
        self.more_wanted: Callable[[], None] | None = None  # a row past the ids read so far is to be shown
        self._asked_more = False
        self.row_background: Callable[[Row], QColor | None] | None = None
        self.row_tooltip: Callable[[Row], str | None] | None = None

    # --- rows ----------------------------------------------------------------------------------------
    def set_ids(self, ids: list[Any], rows: Sequence[Row] = (), count: int | None = None) -> None:
        """Show these rows (ids in display order), with the values of those already read.

        `count` rows in all: the ids of the ones after `ids` are still being read (they show blank until then).
        """
        self.beginResetModel()
        self._ids = ids
        self._count = len(ids) if count is None else count
        self._place = None
        self._asked_more = False
        self._rows = {r["id"]: r for r in rows}
        self.endResetModel()

    def complete_ids(self, ids: list[Any]) -> None:
        """The ids of every row, the first of them already shown: fill in the rows still blank."""
        if len(ids) != self._count:
            self.set_ids(ids, [r for r in self._rows.values() if r is not None])
            return
        self._ids = ids
        self._place = None
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1))

    def ids(self) -> list[Any]:
        return self._ids

    def position_of(self, record_id: Any) -> int:
        """The row showing this record, -1 when it is not shown."""
        if self._place is None:
            self._place = {rid: n for n, rid in enumerate(self._ids)}
        return self._place.get(record_id, -1)

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < len(self._ids):
            if len(self._ids) <= row < self._count and not self._asked_more and self.more_wanted is not None:
                self._asked_more = True
                self.more_wanted()
            return None
        rid = self._ids[row]
        if rid not in self._rows:
            self._read_block(row)
        return self._rows.get(rid)

    def _read_block(self, row: int) -> None:
        if len(self._rows) >= KEEP:
            self._rows.clear()
        start = row - row % BLOCK
        wanted = self._ids[start:start + BLOCK]
        found = {r["id"]: r for r in self._fetch(wanted)}
        for rid in wanted:
            self._rows[rid] = found.get(rid)

    # --- sorting: the page's query sorts -------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (column, order) if 0 <= column < len(self.columns) else None
        if wanted == self._sort:
            return  # the header asks twice for one click
        self._sort = wanted
        if self.sort_changed is not None:
            self.sort_changed()

    def sort_key(self) -> tuple[str, bool] | None:
        """The sorted column's key and whether it goes down, or None for the query's own order."""
        if self._sort is None:
            return None
        column, order = self._sort
        return self.columns[column].key, order == Qt.SortOrder.DescendingOrder

    # --- Qt model interface --------------------------------------------------------------------------
    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in ROLES or not index.isValid():
            return None  # fitting a column asks each cell for a dozen roles: answer the others at once
        row = self.row_at(index.row())
        if row is None:
            return None
        return cell_data(self, row, self.columns[index.column()], role)
