"""A rare event's g- or t-chart as a ChartSpec (its points are the gaps between events), the rolling 12-month rate
of its run chart, and the words, tooltip and JSON of such a chart.

The statistics are in analytics/rare.py (NHS "Making Data Count" practice for rare events; Benneyan's g-chart,
Nelson's t-transformation); this module turns them into the one ChartSpec the window and the PDF draw.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

from qmsdesk.analytics import rare
from qmsdesk.analytics.charts import (
    ABOVE_UCL,
    BELOW_LCL,
    ChartPoint,
    ChartSignal,
    ChartSpec,
    IndicatorLike,
    MonthData,
    assessment_label,
    chart_label,
    judge,
    listing,
)
from qmsdesk.analytics.rates import format_value
from qmsdesk.analytics.runs import analyse_runs, without_rules
from qmsdesk.i18n import language, msg
from qmsdesk.periods import Period


def month_events(months: Sequence[MonthData]) -> list[rare.MonthEvents]:
    """The entered months as event counts with their exposure and days; a month not entered is left out."""
    out = []
    for mo in months:
        if mo.numerator is None:
            continue
        p = Period.parse(mo.period)
        out.append(rare.MonthEvents(mo.period, max(0, round(mo.numerator)), mo.denominator, p.first_day,
                                    calendar.monthrange(p.year, p.month)[1]))
    return out


def rolling_series(indicator: IndicatorLike, months: Sequence[MonthData]) -> list[rare.RollingRate]:
    """The rolling rate at each month: that month and the (up to) 11 before it, pooled."""
    out = []
    for i in range(len(months)):
        window = months[max(0, i - rare.ROLLING_MONTHS + 1):i + 1]
        out.append(rare.rolling_rate(indicator.kind, indicator.multiplier, [m.numerator for m in window],
                                     [m.denominator for m in window]))
    return out


def _gap_direction(direction: str) -> str:
    """A longer gap means fewer events: good when fewer events are good."""
    return "higher" if direction == "lower" else "lower"


def _point(gap: rare.Gap, chart: rare.GapChart, direction: str) -> ChartPoint:
    side = 0
    if chart.ucl is not None and gap.value > chart.ucl:
        side = 1
    elif not gap.open and chart.lcl and gap.value < chart.lcl:  # an open gap is still growing: never "too short"
        side = -1
    return ChartPoint(period=gap.period, numerator=None, denominator=None, value=gap.value, lcl=chart.lcl,
                      ucl=chart.ucl, signal={1: ABOVE_UCL, -1: BELOW_LCL}.get(side),
                      assessment=judge(side, _gap_direction(direction)), target_met=None, events=gap.events,
                      open_gap=gap.open)


def _signals(points: list[ChartPoint]) -> tuple[ChartSignal, ...]:
    out = []
    for assessment in ("concern", "improvement"):
        chosen = [p for p in points if p.signal and p.assessment == assessment]
        if chosen:
            out.append(ChartSignal("outside_limits", msg(
                "{n} 个事件间隔超出控制限（{a}）：{ps}", "{n} gap(s) between events outside the control limits ({a}): {ps}",
                n=len(chosen), a=assessment_label(assessment), ps=listing(p.period for p in chosen)),
                assessment, tuple(p.period for p in chosen)))
    return tuple(out)


def build_gap_chart(indicator: IndicatorLike, months: Sequence[MonthData], chart: str) -> ChartSpec:
    """The g- (opportunities) or t- (days) chart of the events in `months`, with the run chart beside it."""
    from qmsdesk.analytics.charts import build_chart

    events = month_events(months)
    gaps = rare.g_chart(events) if chart == "g" else rare.t_chart(events)
    points = [_point(g, gaps, indicator.direction) for g in gaps.gaps]
    name = indicator.name_en if language() == "en" else indicator.name_zh
    span = f"{months[0].period} — {months[-1].period}" if months else ""
    unit = msg("天", "days") if chart == "t" else ""
    subtitle = msg("{s}；{n} 例事件；平均间隔 {c}", "{s}; {n} event(s); mean gap {c}", s=span, n=gaps.events,
                   c=format_value(gaps.centre, unit))
    companion = build_chart(indicator, months, "run")
    return ChartSpec(
        code=indicator.code, name=name, unit=unit, kind=indicator.kind, direction=indicator.direction, chart=chart,
        laney=False, title=f"{name} — {chart_label(chart)}", subtitle=subtitle,
        y_label=msg("两次事件间的天数", "days between events") if chart == "t"
        else msg("两次事件间的分母量", "denominator between events"),
        centre_label=msg("平均间隔", "mean gap"), points=tuple(points), centre=gaps.centre, target=None,
        runs=without_rules(analyse_runs([])), signals=_signals(points), multiplier=indicator.multiplier or 1.0,
        rare=companion.rare, limits_rule=rare.G_LIMITS if chart == "g" else rare.T_LIMITS, companion=companion,
        rolling=companion.rolling, assessment=companion.assessment,
    )


def add_rolling(spec_points: list[ChartPoint], indicator: IndicatorLike, months: Sequence[MonthData]):
    """The run chart's points with the rolling 12-month rate and the months whose count the past year cannot
    explain (analytics/targets.month_excess), and the last rolling rate."""
    from dataclasses import replace

    from qmsdesk.analytics.charts import EXCESS_COUNT
    from qmsdesk.analytics.targets import month_excess

    series = rolling_series(indicator, months)
    nums, dens = [m.numerator for m in months], [m.denominator for m in months]
    points = []
    for i, (p, r) in enumerate(zip(spec_points, series, strict=True)):
        chance = month_excess(nums[:i + 1], dens[:i + 1], indicator.kind)
        if chance is not None and chance < rare.EXCESS_P and p.signal is None:
            p = replace(p, signal=EXCESS_COUNT, assessment=judge(1, indicator.direction))
        # The target is the year's to meet (analytics/targets.py): no month is "off target" on its own.
        points.append(replace(p, rolling=r.value, target_met=None))
    return points, series[-1] if series else None


# --- words, tooltip and JSON of a g/t chart ----------------------------------------------------------------

def _gap_value(spec: ChartSpec, value: float | None) -> str:
    text = format_value(value, "", 1 if spec.chart == "t" else 0)
    return text + (msg(" 天", " days") if spec.chart == "t" else "")


def gap_tooltip(spec: ChartSpec, point: ChartPoint) -> str:
    first, last = point.events
    if point.open_gap:
        head = msg("第 {a} 例之后至 {p} 月底尚无下一例", "No event since event {a} up to the end of {p}", a=first, p=point.period)
    elif first == 0:
        head = msg("图表起点至第 1 例（{p}）", "From the chart's start to event 1 ({p})", p=point.period)
    else:
        head = msg("第 {a}–{b} 例之间（第 {b} 例在 {p}）", "Between events {a} and {b} (event {b} in {p})", a=first, b=last,
                   p=point.period)
    lines = [head, msg("间隔 {v}", "gap {v}", v=_gap_value(spec, point.value))]
    if point.ucl is not None:
        lines.append(msg("控制限 {lo} – {hi}", "control limits {lo} – {hi}", lo=_gap_value(spec, point.lcl),
                         hi=_gap_value(spec, point.ucl)))
    if point.signal:
        lines.append(point.signal_text)
    return "\n".join(lines)


def rolling_text(spec: ChartSpec) -> str | None:
    """The rolling 12-month rate and its verdict against the target (analytics/targets.py)."""
    a, run = spec.assessment, spec.companion or spec
    if a is None or a.rolling is None or a.rolling.value is None:
        return None
    return a.reason(run.unit, run.direction, run.target)


def limits_text(chart: str) -> str:
    """How the limits were computed, in the reader's language (the JSON carries rare.G_LIMITS / T_LIMITS)."""
    # Plain words, not ḡ or MR̄: the PDF's Chinese fonts have no glyph for them.
    if chart == "g":
        return msg("控制限按 Benneyan 3σ：上限 = 平均间隔 + 3×√(平均间隔×(平均间隔+1))，下限不低于 0",
                   "Limits: Benneyan's 3-sigma, upper = mean gap + 3×√(mean gap×(mean gap+1)), lower at least 0")
    return msg("控制限：间隔天数取 1/3.6 次方（Nelson 变换）后按单值图（均值 ± 2.66×平均移动极差）计算，再换算回天数",
               "Limits: days between events raised to the power 1/3.6 (Nelson), an individuals chart (mean ± 2.66 × "
               "mean moving range) on that scale, shown back in days")


def gap_notes(spec: ChartSpec) -> list[str]:
    out = [limits_text(spec.chart)]
    if spec.points and spec.points[0].ucl is None:
        out.append(msg("事件少于 {n} 例，暂不计算控制限。", "Fewer than {n} events: no limits yet.", n=rare.MIN_GAPS_FOR_LIMITS))
    out.append(msg("月度数据只有例数、没有发生时间：同一月内的事件按均匀分布估计间隔；未填报的月份不计入。",
                   "Monthly figures give counts, not times: a month's events are spaced evenly within it; months not "
                   "entered are left out."))
    out.append(msg("事件间隔图用于发现间隔变长（改善）；某月事件骤增见旁边的运行图。",
                   "A gap chart shows gaps growing longer (improvement); a month with a burst of events shows on the "
                   "run chart beside it."))
    rolling = rolling_text(spec)
    if rolling:
        out.append(rolling)
    out.append(msg("罕见事件的单次发生是需要分析的事件，不作为目标未达或控制图信号。",
                   "A single rare event is an event to analyse, not a target miss or a control-chart signal."))
    return out


def _num(x: float | None) -> Any:
    return None if x is None else round(x, 6)


def gap_json(spec: ChartSpec) -> dict:
    """`qmsdesk indicators spc CODE --chart g|t --json`: the gaps, centre line, limits and how they were computed."""
    r = spec.rolling
    closed = [p for p in spec.points if not p.open_gap]
    opened = next((p for p in spec.points if p.open_gap), None)
    return {
        "code": spec.code, "chart": spec.chart, "limits": spec.limits_rule,
        "gap_unit": "days" if spec.chart == "t" else "denominator units (opportunities, e.g. patient-days)",
        "event_times": "spread evenly within each month (monthly figures carry counts, not times)",
        "events": len(closed), "center": _num(spec.centre),
        "lcl": _num(closed[0].lcl if closed else None), "ucl": _num(closed[0].ucl if closed else None),
        "gaps": [{"from_event": p.events[0], "to_event": p.events[1], "period": p.period, "gap": _num(p.value),
                  "signal": p.signal} for p in closed],
        "open_gap": None if opened is None else {"after_event": opened.events[0], "until": opened.period,
                                                 "gap": _num(opened.value), "signal": opened.signal},
        "rolling_12_months": None if r is None else {
            "months": r.months, "events": r.events, "exposure": r.exposure, "value": _num(r.value),
            "low": _num(r.low), "high": _num(r.high),
            "interval": "exact 95% (Clopper-Pearson)" if spec.kind == "proportion" else "exact 95% (Poisson)"},
        "target": None if spec.companion is None else spec.companion.target,
        "target_status": None if spec.assessment is None else spec.assessment.status.value,
    }
