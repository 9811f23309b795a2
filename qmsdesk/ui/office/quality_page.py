"""评分对比 page of the office window: one checklist version's scores compared across units, and the items
deducted most often across the 医共体 (office/quality.py; only inspections scored against the same version
are compared, since another edition has other items and points)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QWidget

from qmsdesk.analytics.inspections import SCORE_TARGET, points_text
from qmsdesk.office import quality
from qmsdesk.office.queries import quarter_periods
from qmsdesk.periods import Period
from qmsdesk.ui.charts import ParetoView
from qmsdesk.ui.office.widgets import OfficePage, UnitBars, period_combo, quarter_choices, sampled_view
from qmsdesk.ui.table_model import RIGHT, Column, RowTableModel


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


class ChecklistScoresPage(OfficePage):
    key = "office-checklists"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        self._comparisons: list[quality.TemplateComparison] = []
        layout = self.layout_
        bar = QHBoxLayout()
        self.quarter = period_combo(quarter_choices(Period.of(self.today).previous()))
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.template.setMinimumContentsLength(30)
        bar.addWidget(QLabel(self.tr("季度")))
        bar.addWidget(self.quarter)
        bar.addWidget(QLabel(self.tr("检查评分表（版本）")))
        bar.addWidget(self.template, 1)
        layout.addLayout(bar)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.bars = UnitBars()
        self.scores = RowTableModel([Column("unit", self.tr("单位")),
                                     Column("inspections", self.tr("检查次数"), align=RIGHT),
                                     Column("mean", self.tr("平均得分"), align=RIGHT),
                                     Column("lowest", self.tr("最低得分"), align=RIGHT)])
        self.items = RowTableModel([Column("template", self.tr("评分表")), Column("code", self.tr("编号")),
                                    Column("text", self.tr("检查项目"), width=220, free_text=True),
                                    Column("inspections", self.tr("被扣分检查次数"), align=RIGHT),
                                    Column("units", self.tr("涉及单位"), align=RIGHT),
                                    Column("points", self.tr("扣分合计"), align=RIGHT)])
        self.pareto = ParetoView()
        self.pareto.setObjectName("office-deduction-pareto")
        split = QSplitter()
        split.addWidget(self.bars)
        split.addWidget(sampled_view(self.scores, sorting=False))  # lowest first, as the bars
        split.setSizes([600, 520])
        deducted = QSplitter()
        deducted.addWidget(self.pareto)
        deducted.addWidget(sampled_view(self.items, sorting=False))  # most deducted first
        deducted.setSizes([600, 520])
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("各单位得分对比（同一版本）"))
        self.tabs.addTab(deducted, self.tr("扣分最多的项目"))
        layout.addWidget(self.tabs, 1)
        self.quarter.currentTextChanged.connect(lambda _t: self.refresh())
        self.template.currentIndexChanged.connect(lambda _i: self._show_scores())

    def refresh(self) -> None:
        super().refresh()
        periods = quarter_periods(self.quarter.currentText())
        self.load(lambda s: (quality.template_comparisons(s, periods), quality.deducted_items(s, periods)),
                  lambda read: self._show_quarter(periods, *read))

    def _show_quarter(self, periods: list[str], comparisons: list[quality.TemplateComparison],
                      items: list[quality.DeductedItem]) -> None:
        self._comparisons = comparisons
        keep = self.template.currentData()
        self.template.blockSignals(True)
        self.template.clear()
        for i, comp in enumerate(self._comparisons):
            self.template.addItem(self.tr("%1（%2 版）").replace("%1", comp.name).replace("%2", comp.version), i)
        keys = [(c.code, c.version) for c in self._comparisons]
        if keep is not None and self._key(keep) in keys:
            self.template.setCurrentIndex(keys.index(self._key(keep)))
        self.template.blockSignals(False)
        self._last_keys = keys
        self._show_scores()
        self.pareto.set_spec(quality.most_deducted(None, periods, items, top=15) if items else None)
        self.items.set_rows([{"template": i.template_code, "code": i.item_code, "text": i.text,
                              "inspections": i.inspections, "units": i.units, "points": points_text(i.points)}
                             for i in items])

    def _key(self, index: int) -> tuple[str, str] | None:
        keys = getattr(self, "_last_keys", [])
        return keys[index] if 0 <= index < len(keys) else None

    def _show_scores(self) -> None:
        index = self.template.currentData()
        if index is None or not self._comparisons:
            self.bars.set_rows([], None, "")
            self.scores.set_rows([])
            self.summary.setText(self.tr("本季度没有按检查评分表逐项评分的检查上报。"))
            return
        comp = self._comparisons[index]
        self.bars.set_rows([(r.unit_label, r.mean_percent, r.mean_percent < SCORE_TARGET, _pct(r.mean_percent))
                            for r in comp.rows[:40]], SCORE_TARGET, f"{SCORE_TARGET:g}%")
        self.scores.set_rows([{"unit": r.unit_label, "inspections": r.inspections, "mean": _pct(r.mean_percent),
                               "lowest": _pct(r.lowest_percent)} for r in comp.rows])
        self.summary.setText(self.tr("%1（%2，%3 版）：%4 个单位，全部检查平均得分 %5。得分为得分率（%），只比较同一版本。")
                             .replace("%1", comp.name).replace("%2", comp.code).replace("%3", comp.version)
                             .replace("%4", str(len(comp.rows))).replace("%5", _pct(comp.overall)))
