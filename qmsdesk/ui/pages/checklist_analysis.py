"""评分分析 page: each checklist's score by month (run chart, target 90%) and the Pareto (柏拉图) of deducted items.

Both are the analytics' specs (analytics/inspections.score_trend and deduction_pareto) drawn by the same
ChartView and ParetoView as the indicator charts; the page only chooses the checklist and the months.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics import inspections as figures
from qmsdesk.errors import QmsError
from qmsdesk.i18n import bracketed
from qmsdesk.services import checklists
from qmsdesk.ui.chart_view import ChartView
from qmsdesk.ui.charts import ParetoView, _RangeChooser
from qmsdesk.ui.pages.base import Page
from qmsdesk.ui.table_model import RIGHT, Column, RowTableModel, fitted_view


class ChecklistAnalysisPage(Page):
    key = "checklist-analysis"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        bar = QHBoxLayout()
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.template.setMinimumContentsLength(28)
        self.range = _RangeChooser()
        self.only_this = QCheckBox(self.tr("柏拉图只统计所选评分表"))
        bar.addWidget(QLabel(self.tr("检查评分表")))
        bar.addWidget(self.template, 1)
        bar.addWidget(self.range)
        bar.addWidget(self.only_this)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        self.trend = ChartView()
        self.trend.setObjectName("score-trend")
        self.pareto = ParetoView()
        self.pareto.setObjectName("deduction-pareto")
        trend_tab = QWidget()
        inner = QVBoxLayout(trend_tab)
        inner.addWidget(self.trend, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.notes)
        self.tabs.addTab(trend_tab, self.tr("得分趋势（按月）"))
        self.counts = RowTableModel([Column("code", self.tr("编号"), width=80),
                                     Column("text", self.tr("扣分项目"), width=520, free_text=True),
                                     Column("count", self.tr("不合格例数"), align=RIGHT, width=90)], self)
        self.counts_view = fitted_view(self.counts, sorting=False)  # most frequent first, as the bars
        self.counts_view.setObjectName("deduction-counts")
        pareto_tab = QSplitter(Qt.Orientation.Vertical)
        pareto_tab.addWidget(self.pareto)
        pareto_tab.addWidget(self.counts_view)
        pareto_tab.setSizes([460, 200])
        self.tabs.addTab(pareto_tab, self.tr("扣分项目柏拉图"))
        layout.addWidget(self.tabs, 1)
        self.template.currentIndexChanged.connect(lambda _i: self.draw())
        self.range.changed.connect(self.draw)
        self.only_this.toggled.connect(lambda _v: self.draw())

    def refresh(self) -> None:
        super().refresh()
        keep = self.template.currentData()
        rows = self.ctx.read(checklists.template_rows, all_versions=False)
        self.template.blockSignals(True)
        self.template.clear()
        for row in sorted(rows, key=lambda r: (-r.used, r.code)):  # the checklists in use first
            self.template.addItem(bracketed(row.name, row.code), row.code)
        if keep and self.template.findData(keep) >= 0:
            self.template.setCurrentIndex(self.template.findData(keep))
        self.template.blockSignals(False)
        self.draw()

    def draw(self) -> None:
        code = self.template.currentData()
        start, end = self.range.range()
        if not code:
            self.trend.set_spec(None)
            self.pareto.set_spec(None)
            self.counts.set_rows([])
            self.notes.setText(self.tr("没有检查评分表。"))
            return
        try:
            spec = self.ctx.read(figures.score_trend, code, start, end)
            self.trend.set_spec(spec)
            self.notes.setText("\n".join("• " + n for n in spec.notes()))
        except QmsError as exc:
            self.trend.set_spec(None)
            self.notes.setText(str(exc))
        which = code if self.only_this.isChecked() else None
        try:
            self.pareto.set_spec(self.ctx.read(figures.deduction_pareto, start, end, template_code=which, top=15))
            counts = self.ctx.read(figures.deduction_counts, start, end, template_code=which)
        except QmsError:
            self.pareto.set_spec(None)
            counts = {}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # every item, with its whole text
        self.counts.set_rows([{"code": code, "text": text, "count": n} for (code, text), n in ranked])

    def show_template(self, code: str) -> None:
        index = self.template.findData(code)
        if index >= 0:
            self.template.setCurrentIndex(index)
