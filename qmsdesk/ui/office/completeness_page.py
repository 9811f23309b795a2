"""上报情况: the month × unit grid (on time, late by N days, returned, missing), rates, and who to remind."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.i18n import bracketed
from qmsdesk.office import completeness as comp
from qmsdesk.office import month_figures
from qmsdesk.office.queries import period_list
from qmsdesk.periods import Period
from qmsdesk.ui.office.widgets import SAMPLE_ROWS, OfficePage, column_widths, month_choices, period_combo

COLOURS = {comp.ON_TIME: "#e2efda", comp.LATE: "#fff2cc", comp.RETURNED: "#fce4d6", comp.MISSING: "#f8cbad",
           comp.NOT_DUE: "#f2f2f2"}
BRUSHES = {status: QBrush(QColor(colour)) for status, colour in COLOURS.items()}
NO_PARENT = QModelIndex()


class GridModel(QAbstractTableModel):
    """The month × unit grid: a row per unit, then the months' 上报率 and 及时率; a column per month, then the
    unit's two rates. Cells are read as the view paints them (a province has 3,900 units)."""

    def __init__(self, rate_labels: tuple[str, str], tooltip: str) -> None:
        super().__init__()
        self.view: comp.CompletenessGrid | None = None
        self.units: list[str] = []  # the rows' labels (the vertical header asks for them one by one)
        self.rate_labels, self.tooltip = rate_labels, tooltip

    def set_view(self, view: comp.CompletenessGrid | None) -> None:
        self.beginResetModel()
        self.view = view
        self.units = [label for label, _cells, _rate in view.rows] if view is not None else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() or self.view is None else len(self.view.rows) + 2

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.view is None else len(self.view.periods) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self.view is None:
            return None
        names = self.view.periods if orientation == Qt.Orientation.Horizontal else self.units
        return names[section] if section < len(names) else self.rate_labels[section - len(names)]

    def text(self, row: int, col: int) -> str:
        """What the cell shows: a month's state, a unit's rate, or a month's rate."""
        view = self.view
        assert view is not None
        units, months = len(view.rows), len(view.periods)
        if row >= units:
            if col >= months:
                return ""
            rate = view.month_rates[col]
            return comp.rate_text(rate.completeness if row == units else rate.timeliness)
        _label, cells, rate = view.rows[row]
        if col >= months:
            return comp.rate_text(rate.completeness if col == months else rate.timeliness)
        return cells[col].text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self.view
        if view is None or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if row >= len(view.rows) or col >= len(view.periods):
            return None
        cell = view.rows[row][1][col]
        if role == Qt.ItemDataRole.BackgroundRole:
            return BRUSHES[cell.status]
        if role == Qt.ItemDataRole.ToolTipRole and cell.submitted_on:
            return self.tooltip.replace("%1", cell.submitted_on.isoformat()).replace("%2", str(cell.versions))
        return None


def default_month(today: date) -> str:
    """The month most recently due: before its deadline a month is not yet due, so show the one before."""
    return str(Period.of(today).previous())


class CompletenessPage(OfficePage):
    key = "office-completeness"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        layout = self.layout_
        bar = QHBoxLayout()
        self.end = period_combo(month_choices(Period.of(self.today)), default_month(self.today))
        self.span = QComboBox()
        for n in (3, 6, 12):
            self.span.addItem(self.tr("近 %1 个月").replace("%1", str(n)), n)
        bar.addWidget(QLabel(self.tr("截至")))
        bar.addWidget(self.end)
        bar.addWidget(self.span)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QSplitter()
        self.cells = GridModel((self.tr("上报率"), self.tr("及时率")), self.tr("上报日期 %1，共 %2 个版本"))
        self.grid = QTableView()
        self.grid.setModel(self.cells)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        right = QWidget()
        rl = QVBoxLayout(right)
        self.reminder_title = QLabel()
        self.reminders = QListWidget()
        rl.addWidget(self.reminder_title)
        rl.addWidget(self.reminders)
        split.addWidget(self.grid)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        layout.addWidget(split, 1)
        # The chosen unit's month in figures, as its own report shows them (office/month_figures.py).
        self.month_figures = QLabel(self.tr("选择一个已上报的单元格，查看该单位该月的数字。"))
        self.month_figures.setObjectName("month-figures")
        self.month_figures.setWordWrap(True)
        layout.addWidget(self.month_figures)
        self.view: comp.CompletenessGrid | None = None
        self.grid.selectionModel().currentChanged.connect(lambda now, _before: self.show_month(now.row(), now.column()))
        self.end.currentTextChanged.connect(lambda _t: self.refresh())
        self.span.currentIndexChanged.connect(lambda _i: self.refresh())

    def periods(self) -> list[str]:
        end = Period.parse(self.end.currentText())
        start = end
        for _ in range(int(self.span.currentData()) - 1):
            start = start.previous()
        return period_list(start, end)

    def refresh(self) -> None:
        super().refresh()
        periods, today = self.periods(), self.today
        self.load(lambda s: comp.completeness_grid(s, periods, today), self._show)

    def _show(self, view: comp.CompletenessGrid) -> None:
        self.view = view
        self.cells.set_view(view)
        sample = range(min(len(view.rows), SAMPLE_ROWS))
        column_widths(self.grid, self.cells_headers(),
                      [[self.cells.text(r, c) for c in range(self.cells.columnCount())] for r in sample])
        owing = view.owing
        self.reminder_title.setText(self.tr("%1 需提醒的单位（%2 个）").replace("%1", view.periods[-1])
                                    .replace("%2", str(len(owing))))
        self.reminders.clear()
        self.reminders.addItems([bracketed(label, text) for label, text in owing])

    def cells_headers(self) -> list[str]:
        return [self.cells.headerData(c, Qt.Orientation.Horizontal) for c in range(self.cells.columnCount())]

    def show_month(self, row: int, col: int) -> None:
        """The unit's month as its report shows it: meetings, indicators, events, the ledger at month end."""
        view = self.view
        if view is None or not (0 <= row < len(view.rows) and 0 <= col < len(view.periods)) \
                or not view.reported(row, col):
            self.forget("month")
            self.month_figures.setText(self.tr("选择一个已上报的单元格，查看该单位该月的数字。"))
            return
        label, unit_id, period = view.rows[row][0], view.unit_ids[row], view.periods[col]
        self.load(lambda s: month_figures.unit_month(s, unit_id, period), lambda f: self._show_figures(label, f),
                  kind="month")

    def _show_figures(self, label: str, f: month_figures.UnitMonth) -> None:
        text = self.tr("%1 %2（截至 %3）：质控小组例会 %4 次；已填报指标 %5 项；不良事件 %6 例；整改事项 %7 项"
                       "（本月新增 %8 项，本月销号 %9 项），月末未销号 %10 项，其中逾期 %11 项。")
        values = [label, f.period, f.as_of.isoformat(), f.group_meetings, f.indicators_entered, f.events,
                  f.items_in_month, f.items_raised, f.items_closed, f.items_open, f.items_overdue]
        for n in range(len(values), 0, -1):  # %11 before %1
            text = text.replace(f"%{n}", str(values[n - 1]))
        self.month_figures.setText(text)

    def cell_text(self, unit_label: str, period: str) -> str:
        """What the grid shows for one unit and month (for tests and selftest)."""
        model = self.cells
        rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
        return model.text(rows.index(unit_label), self.cells_headers().index(period))

