"""指标预警 panel of the dashboard: the latest month's indicator warnings, each opened as a chart or raised as an item.

The warnings come from analytics/warnings.py (the same list the month's validation shows), read by
services.dashboard.warnings_view: every warning of the most recent month with values and, because a
control-chart signal matters even when it fell a month or two ago, the signals of the months just
before it, each row naming its month.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.warnings import TARGET_MISSED
from qmsdesk.clock import today
from qmsdesk.i18n import bracketed
from qmsdesk.services.dashboard import WarningRow, WarningsView
from qmsdesk.ui.boxes import DETAIL_COLOUR, TITLE_COLOUR, Box, style_text
from qmsdesk.ui.context import AppContext

if TYPE_CHECKING:  # imported when the form opens: the forms' widgets are not needed to show the warnings
    from qmsdesk.ui.forms import FormDialog

MIN_TABLE_HEIGHT = 150  # a long list scrolls inside at least this much
NAME_WIDTH = 260  # widest the indicator-name column starts; longer names are cut (whole in the tooltip)

MISSED_COLOUR, SIGNAL_COLOUR = QColor("#c62828"), QColor("#c25e00")


class WarningsPanel(Box):
    """A table of warnings; each row has 查看控制图 and 转为整改事项 (已转整改 once raised)."""

    chart_requested = Signal(str, str, str)  # indicator code, first month, last month

    COLUMNS = 5

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("warnings-panel")
        layout = QVBoxLayout(self)
        self.title = style_text(QLabel(self.tr("指标预警")), TITLE_COLOUR, bold=True)
        self.title.setObjectName("warnings-title")
        self.detail = style_text(QLabel(), DETAIL_COLOUR)
        self.detail.setObjectName("warnings-detail")
        self.detail.setWordWrap(True)
        for label in (self.title, self.detail):  # never taller than their text: the table below takes the room
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("warnings-table")
        self.table.setHorizontalHeaderLabels([self.tr("月份"), self.tr("指标"), self.tr("指标值（目标）"),
                                              self.tr("预警原因"), self.tr("操作")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)  # a long reason wraps rather than pushing the buttons away
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # sized in show_view
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)  # sized to its buttons in show_view
        # Rows follow their wrapped text as the page is resized; never lower than the buttons (see show_view).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.rows: list[WarningRow] = []
        self.chart_buttons: list[QPushButton] = []
        self.item_buttons: list[QPushButton] = []
        self.view: WarningsView | None = None

    # --- showing ---------------------------------------------------------------------------------
    def show_view(self, view: WarningsView) -> None:
        self.view = view
        self.rows = list(view.rows)
        self.chart_buttons, self.item_buttons = [], []
        self.table.setRowCount(0)
        if view.period is None:
            self.title.setText(self.tr("指标预警"))
            self.detail.setText(self.tr("尚未录入任何指标数据。"))
            self.table.hide()
            self._fit_height()
            return
        month = str(view.period)
        self.title.setText(self.tr("指标预警 — %1").replace("%1", month))
        explain = self.tr("%1 未达目标或出现控制图信号的指标；另列出 %2 至 %3 的控制图信号。")
        explain = (explain.replace("%1", month).replace("%2", str(view.signals_from))
                   .replace("%3", str(view.period.previous())))
        if not self.rows:
            explain = self.tr("%1 至 %2 没有未达目标或出现控制图信号的指标。").replace(
                "%1", str(view.signals_from)).replace("%2", month)
        self.detail.setText(explain)
        self.table.setVisible(bool(self.rows))
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            self._fill_row(i, row)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), NAME_WIDTH))
        # Cell widgets do not count when Qt sizes rows and columns to their contents.
        holders = [self.table.cellWidget(i, 4) for i in range(len(self.rows))]
        if holders:
            self.table.setColumnWidth(4, max(h.sizeHint().width() for h in holders))
            self.table.verticalHeader().setMinimumSectionSize(max(h.sizeHint().height() for h in holders))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the rows need and no taller (a short list leaves no white box on the dashboard); a long
        list keeps at least MIN_TABLE_HEIGHT and scrolls."""
        if not self.rows:
            self.setMinimumHeight(0)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            return
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(i) for i in range(self.table.rowCount()))
        scrollbar = self.table.horizontalScrollBar().sizeHint().height()
        needed = self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth() + scrollbar
        self.table.setMinimumHeight(min(needed, MIN_TABLE_HEIGHT))
        self.table.setMaximumHeight(needed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.rows:
            self._fit_height()  # wrapped reasons take more or fewer lines at another width

    def _fill_row(self, i: int, row: WarningRow) -> None:
        target = self.tr("（目标 %1）").replace("%1", row.target) if row.target else ""
        reasons = self.reason_texts(row)
        cells = [row.period, row.name, row.value + target, "\n".join(reasons)]  # one reason a line
        tips = [row.period, bracketed(row.name, row.code), row.value + target, row.problem]
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(tips[column])
            if column == 3:
                cell.setForeground(SIGNAL_COLOUR if row.is_signal else MISSED_COLOUR)
            self.table.setItem(i, column, cell)
        chart = QPushButton(self.tr("查看控制图"))
        chart.setObjectName(f"warning-chart-{i}")
        chart.clicked.connect(lambda _c=False, r=row: self.chart_requested.emit(r.code, *r.chart_range()))
        raised = row.item_id is not None
        item = QPushButton(self.tr("已转整改") if raised else self.tr("转为整改事项"))
        item.setObjectName(f"warning-item-{i}")
        item.setEnabled(not raised)
        if raised:
            item.setToolTip(self.tr("已转为整改事项，请到整改台账查看。"))
        item.clicked.connect(lambda _c=False, r=row: self.raise_item(r))
        holder = QWidget()
        buttons = QHBoxLayout(holder)
        buttons.setContentsMargins(4, 1, 4, 1)
        buttons.addWidget(chart)
        buttons.addWidget(item)
        self.table.setCellWidget(i, 4, holder)
        self.chart_buttons.append(chart)
        self.item_buttons.append(item)

    def reason_texts(self, row: WarningRow) -> list[str]:
        """未达目标 for a target miss (on the rolling 12 months for a rare event); the chart's own words for a signal."""
        missed = (self.tr("未达目标（近 12 个月滚动率 %1）").replace("%1", row.rolling) if row.rolling
                  else self.tr("未达目标"))
        return [missed if kind == TARGET_MISSED else reason for kind, reason in zip(row.kinds, row.reasons, strict=True)]

    # --- raising an item -------------------------------------------------------------------------
    def item_form(self, row: WarningRow | None = None) -> FormDialog | None:
        """The confirm form for turning a warning into a rectification item (the first open one by default)."""
        if row is None:
            row = next((r for r in self.rows if r.item_id is None), None)
        if row is None:
            return None
        from qmsdesk.services import ledger  # the ORM's services: not needed to show the warnings
        from qmsdesk.services.staff import people
        from qmsdesk.ui.forms import Field, FormDialog

        fields = [
            Field("problem", self.tr("问题描述"), "multiline", required=True),
            Field("category", self.tr("类别"), required=True),
            Field("responsible_id", self.tr("责任人"), "person", people=self.ctx.read(people)),
            Field("deadline", self.tr("整改期限"), "date", required=True),
        ]
        value_id = row.indicator_value_id
        save = lambda v: self.ctx.write(ledger.item_from_indicator_value, value_id, **v)  # noqa: E731
        values = {"problem": row.problem, "category": row.category,
                  "deadline": today() + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS)}
        dialog = FormDialog(self.tr("转为整改事项 — %1 %2").replace("%1", row.period).replace("%2", row.name),
                            fields, values, save, self)
        dialog.setObjectName("dlg-dashboard-warning-to-item")
        return dialog

    def raise_item(self, row: WarningRow) -> bool:
        if not self.ctx.wait_open():  # clicked while the database was still opening
            return False
        dialog = self.item_form(row)
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted
