"""上报情况: the month × unit grid (on time, late by N days, returned, missing), rates, and who to remind."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.i18n import bracketed
from qmsdesk.office import completeness as comp
from qmsdesk.office import month_figures
from qmsdesk.office.queries import period_list
from qmsdesk.periods import Period
from qmsdesk.ui.office.widgets import OfficePage, month_choices, period_combo

COLOURS = {comp.ON_TIME: "#e2efda", comp.LATE: "#fff2cc", comp.RETURNED: "#fce4d6", comp.MISSING: "#f8cbad",
           comp.NOT_DUE: "#f2f2f2"}


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
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
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
        self.grid.currentCellChanged.connect(lambda row, col, *_: self.show_month(row, col))
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
        periods = self.periods()
        view = self.view = self.ctx.read(comp.completeness_grid, periods, self.today)
        rows, month_rates, owing = view.rows, view.month_rates, view.owing
        self.grid.clear()
        self.grid.setColumnCount(len(periods) + 2)
        self.grid.setRowCount(len(rows) + 2)
        self.grid.setHorizontalHeaderLabels([*periods, self.tr("上报率"), self.tr("及时率")])
        self.grid.setVerticalHeaderLabels([label for label, _c, _r in rows] + [self.tr("上报率"), self.tr("及时率")])
        for r, (_label, cells, rate) in enumerate(rows):
            for c, cell in enumerate(cells):
                item = QTableWidgetItem(cell.text)
                item.setBackground(QColor(COLOURS[cell.status]))
                if cell.submitted_on:
                    item.setToolTip(self.tr("上报日期 %1，共 %2 个版本").replace("%1", cell.submitted_on.isoformat())
                                    .replace("%2", str(cell.versions)))
                self.grid.setItem(r, c, item)
            self.grid.setItem(r, len(periods), QTableWidgetItem(comp.rate_text(rate.completeness)))
            self.grid.setItem(r, len(periods) + 1, QTableWidgetItem(comp.rate_text(rate.timeliness)))
        for c, rate in enumerate(month_rates):
            self.grid.setItem(len(rows), c, QTableWidgetItem(comp.rate_text(rate.completeness)))
            self.grid.setItem(len(rows) + 1, c, QTableWidgetItem(comp.rate_text(rate.timeliness)))
        self.grid.resizeColumnsToContents()
        self.reminder_title.setText(self.tr("%1 需提醒的单位（%2 个）").replace("%1", periods[-1]).replace("%2", str(len(owing))))
        self.reminders.clear()
        self.reminders.addItems([bracketed(label, text) for label, text in owing])

    def show_month(self, row: int, col: int) -> None:
        """The unit's month as its report shows it: meetings, indicators, events, the ledger at month end."""
        view = self.view
        if view is None or not (0 <= row < len(view.rows) and 0 <= col < len(view.periods)) \
                or not view.reported(row, col):
            self.month_figures.setText(self.tr("选择一个已上报的单元格，查看该单位该月的数字。"))
            return
        label = self.grid.verticalHeaderItem(row).text()
        f = self.ctx.read(month_figures.unit_month, view.unit_ids[row], view.periods[col])
        text = self.tr("%1 %2（截至 %3）：质控小组例会 %4 次；已填报指标 %5 项；不良事件 %6 例；整改事项 %7 项"
                       "（本月新增 %8 项，本月销号 %9 项），月末未销号 %10 项，其中逾期 %11 项。")
        values = [label, f.period, f.as_of.isoformat(), f.group_meetings, f.indicators_entered, f.events,
                  f.items_in_month, f.items_raised, f.items_closed, f.items_open, f.items_overdue]
        for n in range(len(values), 0, -1):  # %11 before %1
            text = text.replace(f"%{n}", str(values[n - 1]))
        self.month_figures.setText(text)

    def cell_text(self, unit_label: str, period: str) -> str:
        """What the grid shows for one unit and month (for tests and selftest)."""
        rows = [self.grid.verticalHeaderItem(r).text() for r in range(self.grid.rowCount())]
        cols = [self.grid.horizontalHeaderItem(c).text() for c in range(self.grid.columnCount())]
        return self.grid.item(rows.index(unit_label), cols.index(period)).text()

