"""One description of an indicator chart (ChartSpec), computed once and drawn by the Qt and PDF renderers.

A ChartSpec holds everything a reader sees: the monthly points in display units, the centre line,
the control limits of each month, the target line, which points and which runs signal, and whether
each signal is an improvement or a concern given the indicator's direction — with titles in the
user's language. The window (`ui/charts.py`) and reports (`reports/chart_pdf.py`) only draw it.

Rare events (analytics/rare.py) get a g- or t-chart by default, whose points are the gaps between
events (analytics/gap_charts.py), with a `companion` beside it: the monthly run chart with the rolling
12-month rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from qmsdesk.analytics.rare import judged_on_rolling
from qmsdesk.analytics.rates import format_value, indicator_value, meets_target, shown_unit, wilson_interval
from qmsdesk.analytics.runs import RunsResult, analyse_runs, rare_events, without_rules
from qmsdesk.analytics.spc import Limits, p_chart, u_chart
from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.i18n import language, msg
from qmsdesk.periods import Period, months_between

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.db import models as m

CHARTS = ("run", "p", "u", "g", "t")
IMPROVEMENT = "improvement"
CONCERN = "concern"

# One palette for both renderers, so the window and the PDF look alike.
CHART_COLOURS = {
    "value": "#1F4E79", "centre": "#2E7D32", "limit": "#C0504D", "target": "#7030A0",
    "concern": "#D62728", "improvement": "#2CA02C", "missed": "#ED7D31", "grid": "#D9D9D9",
    "bar": "#5B9BD5", "vital": "#2F5597", "cumulative": "#C00000", "axis": "#404040", "rolling": "#BF8F00",
}

# Signal codes on a point, strongest first.
ABOVE_UCL = "above_ucl"
BELOW_LCL = "below_lcl"
LONG_RUN = "long_run"
EXCESS_COUNT = "excess_count"  # a rare event's month with more events than the past year can explain


class IndicatorLike(Protocol):
    code: str
    name_zh: str
    name_en: str
    kind: str
    multiplier: float
    unit: str
    direction: str
    target: float | None


@dataclass(frozen=True)
class MonthData:
    """One month's raw figures; both None when nothing was entered."""

    period: str
    numerator: float | None
    denominator: float | None
    value_id: str | None = None  # the IndicatorValue's id, when the month has one


@dataclass(frozen=True)
class ChartPoint:
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None  # display units; None for no data or no exposure
    lcl: float | None
    ucl: float | None
    signal: str | None  # ABOVE_UCL, BELOW_LCL, LONG_RUN or None
    assessment: str | None  # IMPROVEMENT / CONCERN for a signal
    target_met: bool | None
    value_id: str | None = None
    rolling: float | None = None  # the rolling 12-month rate up to this month (run chart of a rare event)
    events: tuple[int, int | None] | None = None  # g/t charts: the events this gap runs between
    open_gap: bool = False  # g/t charts: the gap from the last event to the end of the chart

    @property
    def entered(self) -> bool:
        return self.numerator is not None or self.events is not None

    @property
    def no_exposure(self) -> bool:
        return self.entered and self.value is None

    @property
    def signal_text(self) -> str:
        return signal_text(self.signal, self.assessment)


def signal_text(signal: str | None, assessment: str | None) -> str:
    """A point's signal in words, e.g. "高于控制上限（需关注）" (also for signals stored by the office)."""
    if signal is None:
        return ""
    what = {
        ABOVE_UCL: msg("高于控制上限", "above the upper control limit"),
        BELOW_LCL: msg("低于控制下限", "below the lower control limit"),
        LONG_RUN: msg("处于异常长游程中", "part of an unusually long run"),
        EXCESS_COUNT: msg("本月例数远超此前 12 个月的水平", "more events than the 12 months before explain"),
    }[signal]
    return msg("{w}（{a}）", "{w} ({a})", w=what, a=assessment_label(assessment))


@dataclass(frozen=True)
class ChartSignal:
    """A signal of the chart as a whole (a runs rule) or a summary of the points outside the limits."""

    code: str  # "long_run", "few_crossings", "outside_limits"
    text: str
    assessment: str | None
    periods: tuple[str, ...]


@dataclass(frozen=True)
class ChartSpec:
    code: str
    name: str
    unit: str
    kind: str
    direction: str
    chart: str  # "run", "p" or "u"
    laney: bool
    title: str
    subtitle: str
    y_label: str
    centre_label: str
    points: tuple[ChartPoint, ...]
    centre: float | None
    target: float | None
    runs: RunsResult
    signals: tuple[ChartSignal, ...]
    multiplier: float = 1.0
    rare: bool = False  # fewer than two events expected a month (analytics/rare.py)
    limits_rule: str | None = None  # how the limits were computed, for the JSON and the notes
    companion: ChartSpec | None = None  # drawn beside: the run chart with the rolling 12-month rate
    rolling: Any = None  # rare.RollingRate of the last 12 months, for the target comparison
    assessment: Any = None  # targets.TargetAssessment when the target is judged on the rolling 12 months

    @property
    def runs_signal(self) -> bool:
        return self.runs.signal

    @property
    def has_limits(self) -> bool:
        return self.chart != "run"

    @property
    def is_gap_chart(self) -> bool:
        return self.chart in ("g", "t")

    def point(self, period: Period | str) -> ChartPoint | None:
        """The month's point (a monthly chart); on a g/t chart the last gap that ended in the month."""
        key = str(period)
        found = [p for p in self.points if p.period == key]
        return found[-1] if found else None

    def points_in(self, period: Period | str) -> list[ChartPoint]:
        key = str(period)
        return [p for p in self.points if p.period == key]

    def fmt(self, value: float | None) -> str:
        return format_value(value, self.unit)

    def tooltip(self, point: ChartPoint) -> str:
        """What the window shows on hover and the PDF lists under a signal: numerator/denominator/value."""
        if point.events is not None:
            from qmsdesk.analytics.gap_charts import gap_tooltip

            return gap_tooltip(self, point)
        lines = [point.period]
        if not point.entered:
            lines.append(msg("未填报", "not entered"))
        else:
            lines.append(msg("分子 {n}", "numerator {n}", n=_num(point.numerator)))
            if self.kind != "count":
                lines.append(msg("分母 {d}", "denominator {d}", d=_num(point.denominator)))
            lines.append(msg("数值 {v}", "value {v}", v=self.fmt(point.value)) if point.value is not None
                         else msg("本月无暴露（分母为 0）", "no exposure this month (denominator 0)"))
        if self.kind == "proportion" and point.value is not None and point.numerator <= (point.denominator or 0):
            low, high = wilson_interval(point.numerator, point.denominator)
            scale = self.multiplier
            lines.append(msg("95% 置信区间 {lo} – {hi}", "95% interval {lo} – {hi}", lo=self.fmt(low * scale),
                             hi=self.fmt(high * scale)))
        if point.lcl is not None and point.ucl is not None:
            lines.append(msg("控制限 {lo} – {hi}", "control limits {lo} – {hi}", lo=self.fmt(point.lcl), hi=self.fmt(point.ucl)))
        if point.target_met is False:
            lines.append(msg("未达目标值 {t}", "misses the target {t}", t=self.fmt(self.target)))
        if point.rolling is not None:
            lines.append(msg("近 12 个月滚动率 {r}", "rolling 12-month rate {r}", r=self.fmt(point.rolling)))
        if point.signal:
            lines.append(point.signal_text)
        return "\n".join(lines)

    def notes(self) -> list[str]:
        """The lines written under the chart in the window and the PDF."""
        out = [s.text for s in self.signals] or [msg("未发现特殊原因变异信号。", "No signal of special-cause variation.")]
        if self.is_gap_chart:
            from qmsdesk.analytics.gap_charts import gap_notes

            return out + gap_notes(self)
        if self.assessment is not None and self.assessment.rolling is not None:
            out.append(self.assessment.reason(self.unit, self.direction, self.target))
        if not self.runs.applicable:
            out.append(msg("多数月份为 0（事件罕见），游程规则不适用，仅按控制限判断。",
                           "Most months are 0 (rare events): the runs rules do not apply; only the limits are used."))
        # A checklist's score chart (kind "mean") has months without an inspection, not months left unentered.
        missing = (msg("没有检查的月份", "Months without an inspection") if self.kind == "mean"
                   else msg("未填报的月份", "Months not entered"))
        for label, periods in (
            (msg("未达目标的月份", "Months off target"), [p.period for p in self.points if p.target_met is False]),
            (msg("本月无暴露（分母为 0）", "No exposure (denominator 0)"), [p.period for p in self.points if p.no_exposure]),
            (missing, [p.period for p in self.points if not p.entered]),
        ):
            if periods:
                out.append(msg("{l}：{p}", "{l}: {p}", l=label, p=listing(periods)))
        return out

    def to_json(self) -> dict:
        """The object `qmsdesk indicators spc --json` prints (values in display units)."""
        if self.is_gap_chart:
            from qmsdesk.analytics.gap_charts import gap_json

            return gap_json(self)
        return {
            "code": self.code,
            "chart": self.chart + ("'" if self.laney else ""),
            "center": _round(self.centre),
            "points": [
                {"period": p.period, "numerator": _plain(p.numerator), "denominator": _plain(p.denominator),
                 "value": _round(p.value), "lcl": _round(p.lcl), "ucl": _round(p.ucl), "signal": p.signal}
                for p in self.points
            ],
            "runs_signal": self.runs.signal,
            "longest_run": self.runs.longest_run,
            "longest_run_max": self.runs.longest_run_max,
            "crossings": self.runs.crossings,
            "crossings_min": self.runs.crossings_min,
        }


def _plain(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def _num(x: float | None) -> str:
    if x is None:
        return "—"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def listing(items) -> str:
    """Items joined as a reader of the language expects: 甲、乙 / a, b."""
    return msg("、", ", ").join(items)


def assessment_label(assessment: str | None) -> str:
    if assessment == IMPROVEMENT:
        return msg("改善", "improvement")
    if assessment == CONCERN:
        return msg("需关注", "concern")
    return ""


def judge(side: int, direction: str) -> str | None:
    """A movement up (+1) or down (−1) is an improvement or a concern depending on the direction."""
    if side == 0:
        return None
    good = side > 0 if direction == "higher" else side < 0
    return IMPROVEMENT if good else CONCERN


def default_chart(kind: str) -> str:
    """p for proportions, u for rates per exposure, a run chart for everything else."""
    return {"proportion": "p", "rate": "u"}.get(kind, "run")


def allowed_charts(kind: str) -> tuple[str, ...]:
    """The charts an indicator of `kind` can be drawn as: g needs opportunities (a denominator), t only dates."""
    if kind == "proportion":
        return ("run", "p", "u", "g", "t")
    if kind == "rate":
        return ("run", "u", "g", "t")
    if kind == "count":
        return ("run", "t")
    return ("run",)


def chart_label(chart: str, laney: bool = False) -> str:
    prime = "′" if laney else ""
    return {
        "run": msg("运行图", "run chart"),
        "p": msg("p{q}控制图", "p{q} control chart", q=prime),
        "u": msg("u{q}控制图", "u{q} control chart", q=prime),
        "g": msg("g控制图（事件间隔）", "g chart (opportunities between events)"),
        "t": msg("t控制图（事件间隔天数）", "t chart (days between events)"),
    }[chart]


def rare_chart(indicator: IndicatorLike, months: Sequence[MonthData]) -> str | None:
    """The default chart of a rare event (analytics/rare.py): g with a denominator, t for a count; None if not rare."""
    from qmsdesk.analytics.rare import is_rare

    if not is_rare(indicator.code, indicator.kind, [mo.numerator for mo in months]):
        return None
    return "t" if indicator.kind == "count" else "g"


def build_chart(indicator: IndicatorLike, months: Sequence[MonthData], chart: str | None = None,
                laney: bool = False) -> ChartSpec:
    """Compute the chart of an indicator over the given months (in order).

    Without `chart`, a rare event (analytics/rare.py) gets its g- or t-chart; everything else p, u or run.
    """
    chart = chart or rare_chart(indicator, months) or default_chart(indicator.kind)
    if chart not in allowed_charts(indicator.kind):
        raise ValidationError(msg(
            "{k}类指标不能画{c}；可选：{a}", "A {k} indicator cannot be drawn as a {c}; choose: {a}",
            k=_kind_label(indicator.kind), c=chart_label(chart), a=listing(allowed_charts(indicator.kind))), "chart")
    if chart in ("g", "t"):
        from qmsdesk.analytics.gap_charts import build_gap_chart

        return build_gap_chart(indicator, months, chart)
    if laney and chart == "run":
        laney = False
    mult = indicator.multiplier or 1.0
    nums = [mo.numerator for mo in months]
    dens = [mo.denominator for mo in months]
    values = [indicator_value(indicator.kind, mo.numerator, mo.denominator, mult) for mo in months]
    limits: Limits | None = None
    if chart == "run":
        runs = analyse_runs(values)
        centre = runs.centre
        lcl: list[float | None] = [None] * len(months)
        ucl: list[float | None] = [None] * len(months)
    else:
        limits = (p_chart if chart == "p" else u_chart)(nums, dens, laney=laney)
        centre = None if limits.centre is None else limits.centre * mult
        lcl = [None if x is None else x * mult for x in limits.lcl]
        ucl = [None if x is None else x * mult for x in limits.ucl]
        runs = analyse_runs(values, centre) if centre is not None else analyse_runs([])
    if rare_events(values):
        runs = without_rules(runs)
    points: list[ChartPoint] = []
    for i, mo in enumerate(months):
        position = limits.position(i) if limits is not None else 0
        if position:
            signal = ABOVE_UCL if position > 0 else BELOW_LCL
            side = position
        elif i in runs.long_run_points:
            signal, side = LONG_RUN, runs.long_run_points[i]
        else:
            signal, side = None, 0
        points.append(ChartPoint(
            period=mo.period, numerator=mo.numerator, denominator=mo.denominator, value=values[i],
            lcl=lcl[i], ucl=ucl[i], signal=signal, assessment=judge(side, indicator.direction),
            target_met=meets_target(values[i], indicator.target, indicator.direction), value_id=mo.value_id,
        ))
    name = indicator.name_en if language() == "en" else indicator.name_zh
    rolling, assessment, title = None, None, f"{name} — {chart_label(chart, laney)}"
    if judged_on_rolling(indicator.code, indicator.kind, nums):
        from qmsdesk.analytics.gap_charts import add_rolling
        from qmsdesk.analytics.targets import assess_months

        points, rolling = add_rolling(points, indicator, months)
        assessment = assess_months(indicator, months) if months else None
        title += msg("与近 12 个月滚动率", " with the rolling 12-month rate")
    return ChartSpec(
        code=indicator.code, name=name, unit=shown_unit(indicator.unit), kind=indicator.kind,
        direction=indicator.direction, chart=chart, laney=laney,
        title=title,
        subtitle=_subtitle(months, centre, indicator, chart),
        y_label=shown_unit(indicator.unit) or msg("数值", "value"),
        centre_label=msg("中位数", "median") if chart == "run" else msg("均值", "mean"),
        points=tuple(points), centre=centre, target=indicator.target, runs=runs,
        signals=_chart_signals(points, runs, indicator.direction), multiplier=mult,
        rare=rare_chart(indicator, months) is not None, rolling=rolling, assessment=assessment,
    )


def _kind_label(kind: str) -> str:
    from qmsdesk.db.enums import IndicatorKind

    try:
        return IndicatorKind(kind).label
    except ValueError:
        return kind


def _subtitle(months: Sequence[MonthData], centre: float | None, indicator: IndicatorLike, chart: str) -> str:
    span = f"{months[0].period} — {months[-1].period}" if months else ""
    parts = [span, msg("{c} {v}", "{c} {v}", c=msg("中位数", "median") if chart == "run" else msg("中心线", "centre line"),
                       v=format_value(centre, shown_unit(indicator.unit)))]
    if indicator.target is not None:
        cmp = "≤" if indicator.direction == "lower" else "≥"
        parts.append(msg("目标 {c}{t}", "target {c}{t}", c=cmp, t=format_value(indicator.target, shown_unit(indicator.unit))))
    return "；".join(p for p in parts if p) if language() != "en" else "; ".join(p for p in parts if p)


def _chart_signals(points: list[ChartPoint], runs: RunsResult, direction: str) -> tuple[ChartSignal, ...]:
    out: list[ChartSignal] = []
    outside = [p for p in points if p.signal in (ABOVE_UCL, BELOW_LCL)]
    for assessment in (CONCERN, IMPROVEMENT):
        chosen = [p for p in outside if p.assessment == assessment]
        if chosen:
            out.append(ChartSignal("outside_limits", msg(
                "{n} 个月超出控制限（{a}）：{ps}", "{n} month(s) outside the control limits ({a}): {ps}",
                n=len(chosen), a=assessment_label(assessment), ps=listing(p.period for p in chosen)),
                assessment, tuple(p.period for p in chosen)))
    excess = [p for p in points if p.signal == EXCESS_COUNT]
    if excess:
        out.append(ChartSignal("excess_count", msg(
            "{ps} 的例数远超此前 12 个月的水平（按此前的发生率，偶然出现的概率低于 0.135%）— {a}",
            "{ps}: more events than the rate of the 12 months before explains (a chance below 0.135%) — {a}",
            ps=listing(p.period for p in excess),
            a=assessment_label(excess[0].assessment)), excess[0].assessment, tuple(p.period for p in excess)))
    if runs.long_run_signal:
        for side in (1, -1):
            periods = tuple(points[i].period for i, s in sorted(runs.long_run_points.items()) if s == side)
            if not periods:
                continue
            assessment = judge(side, direction)
            out.append(ChartSignal("long_run", msg(
                "异常长游程：最长 {n} 个点连续位于中心线{side}（上限 {mx}）— {a}",
                "Unusually long run: {n} points in a row {side} the centre line (limit {mx}) — {a}",
                n=runs.longest_run, mx=runs.longest_run_max, a=assessment_label(assessment),
                side=msg("上方", "above") if side > 0 else msg("下方", "below")), assessment, periods))
    if runs.few_crossings_signal:
        assessment = judge(runs.last_side, direction)
        out.append(ChartSignal("few_crossings", msg(
            "穿越中心线次数过少：{c} 次（应至少 {mn} 次），提示过程发生了偏移 — {a}",
            "Unusually few crossings: {c} (at least {mn} expected), the process has shifted — {a}",
            c=runs.crossings, mn=runs.crossings_min, a=assessment_label(assessment)), assessment, ()))
    return tuple(out)


def indicator_months(session: Session, indicator: m.IndicatorDefinition, start: Period, end: Period) -> list[MonthData]:
    """Every month start..end with the live value entered for it (or none)."""
    return months_of(indicator_history(session, [indicator.id], start, end).get(indicator.id, []), start, end)


def indicator_history(session: Session, indicator_ids, start: Period, end: Period) -> dict:
    """The live values of several indicators for months start..end in one query, by indicator id."""
    from qmsdesk.db import models as m  # here: the charts' arithmetic is used by readers without the ORM
    from qmsdesk.db.queries import live

    found: dict = {}
    for v in session.scalars(live(m.IndicatorValue).where(
            m.IndicatorValue.indicator_id.in_(list(indicator_ids)),
            m.IndicatorValue.period >= str(start), m.IndicatorValue.period <= str(end))):
        found.setdefault(v.indicator_id, []).append(v)
    return found


def months_of(values, start: Period, end: Period) -> list[MonthData]:
    """Every month start..end with its value among `values` (one indicator's), or none."""
    rows = {v.period: v for v in values}
    out = []
    for p in months_between(start, end):
        v = rows.get(str(p))
        out.append(MonthData(str(p), v.numerator if v else None, v.denominator if v else None,
                             str(v.id) if v else None))
    return out


def find_indicator(session: Session, code: str) -> m.IndicatorDefinition:
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    found = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.code == code.strip())).first()
    if found is None:
        raise unknown_indicator(code)
    return found


def unknown_indicator(code: str) -> NotFoundError:
    """The error for a code no live indicator has."""
    return NotFoundError(msg("没有编码为 {c} 的指标。可用 qmsdesk indicators list 查看编码。",
                             "No indicator has the code {c}. 'qmsdesk indicators list' shows the codes.", c=code))


def indicator_chart(session: Session, code: str, start: Period | str, end: Period | str,
                    chart: str | None = None, laney: bool = False) -> ChartSpec:
    """The chart of one indicator for months start..end, read from the database."""
    start, end = Period.parse(start, "start"), Period.parse(end, "end")
    if end < start:
        raise ValidationError(msg("结束月份早于开始月份。", "The last month is before the first."), "end")
    indicator = find_indicator(session, code)
    return build_chart(indicator, indicator_months(session, indicator, start, end), chart, laney)


def indicator_charts(session: Session, codes: Sequence[str], start: Period, end: Period) -> list[ChartSpec]:
    """`indicator_chart(session, code, start, end)` for each code, in order, reading the definitions and their
    values in two statements instead of two per chart (a month's PDF has one chart per indicator with a target)."""
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    wanted = [c.strip() for c in codes]
    found: dict[str, m.IndicatorDefinition] = {}
    for d in session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.code.in_(wanted))):
        found.setdefault(d.code, d)  # as find_indicator's first()
    history = indicator_history(session, [d.id for d in found.values()], start, end)
    return [build_chart(found[c], months_of(history.get(found[c].id, []), start, end)) if c in found
            else indicator_chart(session, c, start, end) for c in wanted]  # (an unknown code: its clear error)


# --- layout shared by the two renderers -----------------------------------------------------------

def nice_ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten; whole steps for counts)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(s * power for s in factors if s * power >= raw)
    if integer:
        step = max(1, round(step))
    start = math.floor(low / step) * step
    ticks = []
    t = start
    while t <= high + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < high:
        ticks.append(round(t, 10))
    return ticks


def value_axis(spec: ChartSpec) -> tuple[float, float, list[float]]:
    """The y range and ticks: everything drawn fits; starts at 0 unless the values sit far above it;
    a proportion never goes past 100%."""
    pts = spec.points
    numbers = [x for p in pts for x in (p.value, p.ucl, p.lcl, p.rolling) if x is not None]
    numbers += [x for x in (spec.centre, spec.target) if x is not None]
    lo, hi = min(numbers, default=0.0), max(numbers, default=1.0)
    span = hi - lo or abs(hi) or 1.0
    low, high = lo - 0.15 * span, hi + 0.1 * span
    if low < 0 or lo < 0.3 * hi:
        low = 0.0
    ticks = nice_ticks(low, high)
    if not spec.is_gap_chart and (spec.chart == "p" or spec.kind == "proportion"):
        cap = 100.0 if spec.unit == "%" else None
        if cap is not None:
            ticks = [t for t in ticks if t <= cap] or [0.0, cap]
            if ticks[-1] < hi:
                ticks.append(cap)
    return ticks[0], ticks[-1], ticks


def spread_labels(labels: list[tuple[float, str, Any]], gap: float, low: float, high: float) -> list[tuple[float, str, Any]]:
    """Move labels at the right edge apart so none overlaps (kept in their order, within low..high)."""
    ordered = sorted(labels, key=lambda x: x[0])
    ys = [y for y, _, _ in ordered]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    if ys and ys[-1] > high:
        ys[-1] = high
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - gap)
    return [(max(y, low - gap), t, c) for y, (_, t, c) in zip(ys, ordered, strict=True)]
