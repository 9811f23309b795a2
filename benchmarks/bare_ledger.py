"""The bare ledger baseline, run by benchmarks/probe.py exactly as it runs qmsdesk (PySide6 and sqlite3 only).

A 1200×760 window with a sidebar; clicking 整改台账 reads the live items with sqlite3 — the join to the
responsible person and the order the ledger page shows (unfinished first, most urgent deadline on top) —
into a bare QAbstractTableModel in a QTableView, with a search box that filters on every commit (no
typing delay) over the same columns qmsdesk searches.

Widget names match qmsdesk's (sidebar, page-ledger, search, table) so the probe finds both the same way.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

STATUS = {"open": "待整改", "in_progress": "整改中", "awaiting_verification": "待验证", "closed": "已销号"}
SOURCE = {"meeting": "质控会议", "inspection": "检查督查", "event": "不良事件", "indicator": "指标预警",
          "office": "质控办反馈", "other": "其他"}
HEADERS = ["状态", "逾期", "问题", "类别", "来源", "责任人", "发现日期", "整改期限", "销号日期"]
ITEMS = """
SELECT i.id, i.status, i.source_kind, i.category, i.problem, i.found_on, i.deadline, s.name, i.closed_on
FROM rectification_items AS i LEFT JOIN staff AS s ON s.id = i.responsible_id
WHERE i.deleted = 0
ORDER BY i.status = 'closed', i.deadline, i.found_on
"""


class Items(QAbstractTableModel):
    """Rows as sqlite3 returns them; cells formatted when Qt asks for them; a plain substring filter."""

    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        from datetime import date

        self.rows = rows
        self.shown = list(range(len(rows)))
        self.date = date
        self.today = date.today().isoformat()
        self.haystack: list[str] | None = None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's names and defaults)
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        _id, status, source, category, problem, found, deadline, person, closed = self.rows[self.shown[index.row()]]
        column = index.column()
        if column == 1:
            late = status != "closed" and deadline < self.today
            return f"逾期 {(self.date.fromisoformat(self.today) - self.date.fromisoformat(deadline)).days} 天" if late else ""
        return [STATUS.get(status, status), None, problem, category, SOURCE.get(source, source), person or "",
                found, deadline, closed or ""][column]

    def set_filter(self, text: str) -> None:
        needle = text.strip().lower()
        if self.haystack is None:
            self.haystack = ["\x1f".join((STATUS.get(r[1], ""), r[4], r[3], r[7] or "", SOURCE.get(r[2], ""))).lower()
                             for r in self.rows]
        self.beginResetModel()
        self.shown = [i for i, h in enumerate(self.haystack) if needle in h] if needle else list(range(len(self.rows)))
        self.endResetModel()


class BareWindow(QMainWindow):
    def __init__(self, db: str | None) -> None:
        super().__init__()
        self.db = db
        self.resize(1200, 760)
        central = QWidget()
        layout = QHBoxLayout(central)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(150)
        self.stack = QStackedWidget()
        for key, title in (("dashboard", "工作台"), ("ledger", "整改台账")):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.stack.addWidget(QTableView())
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self.show_row)

    def show_row(self, row: int) -> None:
        if row == 1 and self.stack.count() == 1:
            self.stack.addWidget(self.ledger_page())
        self.stack.setCurrentIndex(row)

    def ledger_page(self) -> QWidget:
        import sqlite3

        page = QWidget()
        page.setObjectName("page-ledger")
        layout = QVBoxLayout(page)
        search = QLineEdit()
        search.setObjectName("search")
        con = sqlite3.connect(self.db)
        model = Items(con.execute(ITEMS).fetchall())
        con.close()
        table = QTableView()
        table.setObjectName("table")
        table.setModel(model)
        search.textChanged.connect(model.set_filter)
        layout.addWidget(search)
        layout.addWidget(table, 1)
        return page


def run(args: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = BareWindow(args[0])
    window.show()
    return app.exec()
