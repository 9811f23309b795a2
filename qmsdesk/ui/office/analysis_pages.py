"""指标对比, 整改跟踪 and 培训与不良事件: the office's cross-unit views over qmsdesk.office functions."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.rates import TargetStatus
from qmsdesk.i18n import bracketed
from qmsdesk.office import comparison, compliance, followup
from qmsdesk.office.completeness import rate_text
from qmsdesk.office.labels import source_label
from qmsdesk.office.queries import period_list, quarter_periods
from qmsdesk.office.units import unit_choices
from qmsdesk.periods import Period
from qmsdesk.ui.charts import ChartView, ParetoView
from qmsdesk.ui.office.completeness_page import default_month
from qmsdesk.ui.office.widgets import (
    ChoiceBox,
    FunnelView,
    OfficePage,
    UnitBars,
    month_choices,
    period_combo,
    quarter_choices,
    sampled_view,
)
from qmsdesk.ui.table_model import RIGHT, Column, RowTableModel


class ComparisonPage(OfficePage):
    key = "office-comparison"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        layout = self.layout_
        bar = QHBoxLayout()
        self.indicator = ChoiceBox(24)
        self.month = period_combo(month_choices(Period.of(self.today)), default_month(self.today))
        self.unit = ChoiceBox(20)
        for label, w in ((self.tr("指标"), self.indicator), (self.tr("月份"), self.month), (self.tr("趋势单位"), self.unit)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.bars = UnitBars()
        self.model = RowTableModel([Column("unit", self.tr("单位")), Column("value", self.tr("数值"), align=RIGHT),
                                    Column("numerator", self.tr("分子"), align=RIGHT),
                                    Column("denominator", self.tr("分母"), align=RIGHT),
                                    Column("status", self.tr("达标")), Column("funnel", self.tr("漏斗图（99.8%）"))])
        self.chart = ChartView()
        tabs = QTabWidget()
        split = QSplitter()
        split.addWidget(self.bars)
        split.addWidget(sampled_view(self.model))
        tabs.addTab(split, self.tr("各单位对比"))
        self.funnel = FunnelView()
        tabs.addTab(self.funnel, self.tr("漏斗图"))
        tabs.addTab(self.chart, self.tr("单位趋势（控制图）"))
        self.tabs = tabs
        layout.addWidget(tabs, 1)
        self.indicator.currentIndexChanged.connect(lambda _i: self._show())
        self.month.currentTextChanged.connect(lambda _t: self.refresh())
        self.unit.currentIndexChanged.connect(lambda _i: self._trend())

    def twelve_months(self) -> list[str]:
        """The chosen month and the eleven before it."""
        month = self.month.currentText()
        start = Period.parse(month)
        for _ in range(11):
            start = start.previous()
        return period_list(start, month)

    def refresh(self) -> None:
        super().refresh()
        months = self.twelve_months()
        self.load(lambda s: (comparison.reported_indicators(s, months), unit_choices(s)), self._show_choices)

    def _show_choices(self, read: tuple) -> None:
        infos, units = read
        self.indicator.set_choices([(info.code, bracketed(info.name, info.code)) for info in infos])
        self.unit.set_choices(units)
        self._show()

    def _show(self) -> None:
        code = self.indicator.currentData()
        if not code:
            self.forget("figures")
            self.bars.set_rows([], None, "")
            self.model.set_rows([])
            self.funnel.set_data([], [], None)
            self.chart.set_spec(None)
            return
        month = self.month.currentText()
        self.load(lambda s: comparison.compare_units(s, code, month), self._show_result, kind="figures")

    def _show_result(self, result) -> None:
        info = result.indicator
        shown = [r for r in result.rows if r.value is not None]
        if info.direction == "lower":
            shown = list(reversed(shown))  # the worst at the top
        self.bars.set_rows([(r.unit_label, r.value, r.status == TargetStatus.MISSED, info.fmt(r.value))
                            for r in shown[:40]], info.target, info.target_text)
        statuses = {TargetStatus.MISSED: self.tr("未达标"), TargetStatus.MET: self.tr("达标"),
                    TargetStatus.NEAR: self.tr("接近预警"), TargetStatus.UNCERTAIN: self.tr("持续观察")}
        outlier = self.tr("离群")
        self.model.set_rows([{"unit": r.unit_label, "value": info.fmt(r.value), "numerator": r.numerator,
                              "denominator": r.denominator, "status": statuses.get(r.status, "—"),
                              "funnel": outlier if r.funnel_outlier else ""} for r in result.rows])
        self._funnel(result)
        self._trend()

    def _funnel(self, result) -> None:
        info, sized = result.indicator, [r for r in result.rows if r.value is not None and r.denominator]
        if not sized or info.kind not in ("proportion", "rate"):
            self.funnel.set_data([], [], None)
            return
        top = max(r.denominator for r in sized)
        curves = []
        for k in range(1, 61):
            n = top * k / 60
            lo95, hi95 = comparison.funnel_limits(info, result.pooled, n, comparison.Z95)
            lo998, hi998 = comparison.funnel_limits(info, result.pooled, n, comparison.Z998)
            curves.append((n, lo95, hi95, lo998, hi998))
        def worse(r) -> bool:  # outside the 99.8% limits on the unfavourable side: named on the plot
            lo, hi = r.limits998
            return r.value > hi if info.direction == "lower" else r.value < lo

        self.funnel.set_data([(r.denominator, r.value, r.unit_label, r.funnel_outlier and worse(r)) for r in sized],
                             curves, result.pooled)

    def _trend(self) -> None:
        code, unit_id = self.indicator.currentData(), self.unit.currentData()
        if not code or not unit_id:
            self.forget("trend")
            self.chart.set_spec(None)
            return
        months = self.twelve_months()
        start, end = months[0], months[-1]
        self.load(lambda s: comparison.unit_trend(s, code, unit_id, start, end), self.chart.set_spec, kind="trend")


class FollowupPage(OfficePage):
    """Open items of every unit, a page at a time (a province holds hundreds of thousands), closure per unit and
    the categories' Pareto, all counted by the store (office/followup.py)."""

    key = "office-followup"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        layout = self.layout_
        bar = QHBoxLayout()
        self.unit, self.source, self.category = ChoiceBox(20), ChoiceBox(8), ChoiceBox(8)
        self.overdue = QCheckBox(self.tr("只看超期"))
        for label, w in ((self.tr("单位"), self.unit), (self.tr("来源"), self.source), (self.tr("类别"), self.category)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        bar.addWidget(self.overdue)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.items = RowTableModel([Column("unit", self.tr("单位")), Column("source", self.tr("来源")),
                                    Column("category", self.tr("类别")), Column("problem", self.tr("问题"), width=300, free_text=True),
                                    Column("deadline", self.tr("期限")), Column("days", self.tr("超期天数"), align=RIGHT),
                                    Column("as_of", self.tr("截至（最近上报月末）")),
                                    Column("status", self.tr("状态")), Column("responsible", self.tr("责任人"))])
        self.closure = RowTableModel([Column("unit", self.tr("单位")), Column("total", self.tr("事项"), align=RIGHT),
                                      Column("closed", self.tr("已销号"), align=RIGHT),
                                      Column("overdue", self.tr("超期"), align=RIGHT),
                                      Column("rate", self.tr("销号率"), align=RIGHT)])
        self.pareto = ParetoView()
        # How many items match and how many are listed: a long list is cut, and the filters narrow it.
        self.count_note = QLabel()
        self.count_note.setObjectName("followup-count")
        self.count_note.setWordWrap(True)
        listed = QWidget()
        box = QVBoxLayout(listed)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.count_note)
        box.addWidget(sampled_view(self.items), 1)
        tabs = self.tabs = QTabWidget()
        tabs.addTab(listed, self.tr("未销号事项"))
        self.closure_view = sampled_view(self.closure)
        tabs.addTab(self.closure_view, self.tr("各单位销号率"))
        tabs.addTab(self.pareto, self.tr("问题类别排列图"))
        layout.addWidget(tabs, 1)
        self._closure_read = False  # the closure per unit is read when its tab is first shown after a refresh
        tabs.currentChanged.connect(lambda _i: self._read_closure())
        for box_ in (self.unit, self.source, self.category):
            box_.currentIndexChanged.connect(lambda _i: self._filter())
        self.overdue.toggled.connect(lambda _b: self._filter())

    def refresh(self) -> None:
        super().refresh()
        today, filters = self.today, self._filters()
        every = filters == (None, None, None, False)

        def read(s) -> tuple:
            view = followup.list_view(s, today)
            page = view.open if every else self._open_page(s, today, filters)
            return unit_choices(s), view, (page, _item_rows(page, today))

        self.load(read, self._show_view)
        self._closure_read = False
        self._read_closure()

    def _read_closure(self) -> None:
        if self._closure_read or self.tabs.currentWidget() is not self.closure_view:
            return
        self._closure_read = True
        today = self.today
        self.load(lambda s: followup.closure_by_unit(s, today), self._show_closure, kind="closure")

    def _show_closure(self, closure: list[followup.Closure]) -> None:
        self.closure.set_rows([{"unit": c.unit_label, "total": c.total, "closed": c.closed, "overdue": c.overdue,
                                "rate": rate_text(c.rate)} for c in closure])

    def _show_view(self, read: tuple) -> None:
        units, view, listed = read
        everything = (None, self.tr("全部"))
        self.unit.set_choices([everything, *units])
        self.source.set_choices([everything, *((k, source_label(k)) for k in view.sources)])
        self.category.set_choices([everything, *((c, c) for c in view.categories)])
        self.pareto.set_spec(view.pareto)
        self._show(listed)

    def _filters(self) -> tuple:
        return (self.unit.currentData(), self.source.currentData(), self.category.currentData(),
                self.overdue.isChecked())

    @staticmethod
    def _open_page(s, today: date, filters: tuple) -> followup.OpenItems:
        unit, source, category, overdue = filters
        return followup.open_page(s, today, unit_id=unit, source=source, category=category, overdue_only=overdue)

    def _filter(self) -> None:
        today, filters = self.today, self._filters()

        def read(s) -> tuple:
            page = self._open_page(s, today, filters)
            return page, _item_rows(page, today)

        self.load(read, self._show, kind="items")

    def _show(self, listed: tuple[followup.OpenItems, list[dict]]) -> None:
        page, rows = listed
        self.items.set_rows(rows)
        what = self.tr("超期未销号事项") if self.overdue.isChecked() else self.tr("未销号事项")
        if page.cut:
            text = self.tr("%1共 %2 条，按期限先后显示前 %3 条；请用上方的单位、来源、类别筛选缩小范围。")
        else:
            text = self.tr("%1共 %2 条。")
        self.count_note.setText(text.replace("%1", what).replace("%2", f"{page.total:,}")
                                .replace("%3", f"{len(page.items):,}"))


def _item_rows(page: followup.OpenItems, today: date) -> list[dict]:
    """The list's rows, made on the worker: each item's overdue days and state are judged by the rules."""
    return [{"unit": i.unit_label, "source": i.source_label, "category": i.category, "problem": i.problem,
             "deadline": i.deadline, "days": i.days_overdue(today) or "", "as_of": i.as_of, "status": i.status_label,
             "responsible": i.responsible} for i in page.items]


class CompliancePage(OfficePage):
    key = "office-compliance"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        layout = self.layout_
        bar = QHBoxLayout()
        self.quarter = period_combo(quarter_choices(Period.of(self.today).previous()))
        bar.addWidget(QLabel(self.tr("季度")))
        bar.addWidget(self.quarter)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.training = RowTableModel([
            Column("unit", self.tr("单位")), Column("sessions", self.tr("培训次数"), align=RIGHT),
            Column("hours", self.tr("学时"), align=RIGHT), Column("assessed", self.tr("考核人次"), align=RIGHT),
            Column("pass", self.tr("合格率"), align=RIGHT), Column("safety", self.tr("安全培训覆盖率"), align=RIGHT)])
        self.events = RowTableModel([Column("unit", self.tr("单位")), Column("month", self.tr("月份")),
                                     Column("category", self.tr("类别")), Column("grade", self.tr("等级")),
                                     Column("count", self.tr("例数"), align=RIGHT)])
        tabs = QTabWidget()
        tabs.addTab(sampled_view(self.training), self.tr("培训考核"))
        tabs.addTab(sampled_view(self.events), self.tr("不良事件（按单位、月份、类别、等级）"))
        layout.addWidget(tabs, 1)
        self.quarter.currentTextChanged.connect(lambda _t: self.refresh())

    def refresh(self) -> None:
        super().refresh()
        periods = quarter_periods(self.quarter.currentText())
        self.load(lambda s: (_training_rows(compliance.training_by_unit(s, periods)), compliance.event_counts(s, periods)),
                  self._show)

    def _show(self, read: tuple) -> None:
        training, events = read
        self.training.set_rows(training)
        self.events.set_rows(events)


def _training_rows(training: list[compliance.TrainingRow]) -> list[dict]:
    """The training table's rows, made on the worker (a province has 3,900 units)."""
    return [{"unit": t.unit_label, "sessions": t.sessions, "hours": f"{t.hours:.0f}", "assessed": t.assessments,
             "pass": rate_text(t.pass_rate), "safety": rate_text(t.safety_rate)} for t in training]
