"""One target comparison for every surface: the month's value, or — for a rare event or a target meant for a year —
the rolling 12-month rate with its exact interval (analytics/rare.py).

The report's 达标/未达标 column, `qmsdesk status`, the dashboard's warnings (and so the 转为整改事项 action), the
month's validation and the office all ask `assess`, so a single fall in a small month is an event to analyse
everywhere and a target miss nowhere — unless the past year's falls, taken together, are clearly above target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qmsdesk.analytics import rare
from qmsdesk.analytics.rates import TargetStatus, format_value, indicator_value, target_status
from qmsdesk.i18n import msg


@dataclass(frozen=True)
class TargetAssessment:
    status: TargetStatus
    basis: str  # "month" or "rolling"
    value: float | None  # what was compared: the month's value, or the rolling rate
    month_value: float | None
    month_events: float | None
    rolling: rare.RollingRate | None = None

    @property
    def on_rolling(self) -> bool:
        return self.basis == "rolling"

    def reason(self, unit: str, direction: str, target: float | None) -> str:
        """Why the status is what it is, in a line (the report's note, the warning's reason)."""
        cmp = "≤" if direction == "lower" else "≥"
        goal = format_value(target, unit) if target is not None else "—"
        if not self.on_rolling:
            if self.status is TargetStatus.MISSED:
                return msg("未达目标值（目标 {c}{t}）", "misses its target ({c}{t})", c=cmp, t=goal)
            return ""
        r = self.rolling
        pooled = msg("近 {m} 个月共 {e} 例，滚动率 {v}（95% 精确区间 {lo}–{hi}）",
                     "{e} event(s) in the last {m} months, rolling rate {v} (exact 95% interval {lo}–{hi})",
                     m=r.months, e=f"{r.events:g}", v=format_value(r.value, unit), lo=format_value(r.low, unit),
                     hi=format_value(r.high, unit))
        if self.status is TargetStatus.MISSED:
            verdict = msg("整个区间均未达目标 {c}{t}，按滚动率判定未达标",
                          "the whole interval misses the target {c}{t}: missed on the rolling rate", c=cmp, t=goal)
        elif self.status is TargetStatus.UNCERTAIN:
            verdict = msg("区间包含目标 {c}{t}，例数太少，与目标的差异无统计学意义，持续观察",
                          "the interval includes the target {c}{t}: too few events to call a miss; keep watching",
                          c=cmp, t=goal)
        else:
            verdict = msg("达到目标 {c}{t}", "meets the target {c}{t}", c=cmp, t=goal)
        return msg("{p}，{v}", "{p}; {v}", p=pooled, v=verdict)


def assess(code: str, kind: str, multiplier: float, direction: str, target: float | None, warning: float | None,
           numerators: Sequence[float | None], denominators: Sequence[float | None]) -> TargetAssessment:
    """The last month of the series (oldest first; the 12 before it and more may precede it) against the target."""
    num, den = numerators[-1], denominators[-1]
    month_value = indicator_value(kind, num, den, multiplier)
    if num is None:
        return TargetAssessment(TargetStatus.NO_DATA, "month", None, None, None)
    if not rare.judged_on_rolling(code, kind, numerators):
        return TargetAssessment(target_status(month_value, target, warning, direction), "month", month_value,
                                month_value, num)
    rolling = rare.rolling_rate(kind, multiplier, numerators[-rare.ROLLING_MONTHS:],
                                denominators[-rare.ROLLING_MONTHS:])
    status = target_status(rolling.value, target, warning, direction)
    if status is TargetStatus.MISSED and not rare.interval_beyond_target(rolling, target, direction):
        status = TargetStatus.UNCERTAIN
    return TargetAssessment(status, "rolling", rolling.value, month_value, num, rolling)


_OWN = object()  # "the indicator's own target and warning level"


def assess_months(indicator, months, target: float | None | object = _OWN) -> TargetAssessment:
    """`assess` for an indicator definition (or office IndicatorInfo) and its MonthData, oldest first.

    `target` replaces the indicator's own (a year's plan may set its goal; then there is no warning level).
    """
    goal, warning = (indicator.target, getattr(indicator, "warning", None)) if target is _OWN else (target, None)
    return assess(indicator.code, indicator.kind, indicator.multiplier or 1.0, indicator.direction, goal, warning,
                  [m.numerator for m in months], [m.denominator for m in months])


def assess_each(indicator, months, target: float | None | object = _OWN) -> list[TargetAssessment]:
    """Every month of a contiguous series judged as its own month would be: on the history window before it
    (analytics/warnings.HISTORY_MONTHS), without further queries."""
    from qmsdesk.analytics.warnings import HISTORY_MONTHS

    return [assess_months(indicator, months[max(0, i + 1 - HISTORY_MONTHS):i + 1], target) for i in range(len(months))]


def value_statuses(session, definition) -> dict[str, TargetAssessment]:
    """Each entered month of an indicator definition (period → assessment), read in one query."""
    from sqlalchemy import func, select

    from qmsdesk.analytics.charts import indicator_months
    from qmsdesk.db import models as m
    from qmsdesk.periods import Period

    first, last = session.execute(select(func.min(m.IndicatorValue.period), func.max(m.IndicatorValue.period)).where(
        m.IndicatorValue.indicator_id == definition.id, m.IndicatorValue.deleted.is_(False))).one()
    if first is None:
        return {}
    months = indicator_months(session, definition, Period.parse(first), Period.parse(last))
    return {mo.period: a for mo, a in zip(months, assess_each(definition, months), strict=True)
            if mo.numerator is not None}


def month_assessment(session, definition, period, history=None) -> TargetAssessment:
    """A definition's month (an IndicatorDefinition and YYYY-MM) against its target, on the same history the
    month's warnings read (analytics/warnings.HISTORY_MONTHS, from the first month ever entered).
    `history`: the definition's values of those months when the caller read many indicators' at once
    (charts.indicator_history)."""
    from qmsdesk.analytics.charts import indicator_months, months_of
    from qmsdesk.analytics.warnings import from_first_entry, history_start
    from qmsdesk.periods import Period

    p = Period.parse(period)
    start = history_start(p)
    months = months_of(history, start, p) if history is not None else indicator_months(session, definition, start, p)
    return assess_months(definition, from_first_entry(months))


def month_excess(numerators: Sequence[float | None], denominators: Sequence[float | None], kind: str) -> float | None:
    """How improbable the last month's count is given the months before it: P(X ≥ k) for a Poisson count at the
    rate of the preceding (up to) 12 entered months times this month's exposure — limits fixed on a baseline and
    the new month judged against them, as prospective monitoring does.

    Half an event is added to the baseline (a Jeffreys-style start) so a year without events still has a rate,
    and a month with a single event is never flagged: one event is an event to analyse. None without six
    months of baseline.
    """
    k, den = numerators[-1], denominators[-1]
    before = [(n, d) for n, d in zip(numerators[:-1], denominators[:-1], strict=True) if n is not None]
    before = before[-rare.ROLLING_MONTHS:]
    if k is None or round(k) < 2 or len(before) < 6:
        return None
    events = sum(float(n) for n, _ in before) + 0.5
    if kind == "count":
        expected = events / len(before)
    else:
        exposure = sum(float(d) for _, d in before if d)
        if not exposure or not den:
            return None
        expected = events / exposure * float(den)
    return 1 - rare.poisson_cdf(round(k) - 1, expected)
