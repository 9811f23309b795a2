"""风险预警: a month's indicator values that miss their target or fire a statistical-process-control signal.

The dashboard and the month's validation list these; each carries the IndicatorValue's id so the
ledger can turn it into a rectification item (source = indicator) in one action:
`ledger.item_from_indicator_value(session, w.indicator_value_id, problem=w.problem, category=w.category)`.
`item_id` tells whether that was done already.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from qmsdesk.analytics.charts import (
    CONCERN,
    build_chart,
    chart_label,
    indicator_history,
    indicator_months,
    months_of,
)
from qmsdesk.analytics.rates import TargetStatus, format_value
from qmsdesk.analytics.targets import assess_months
from qmsdesk.i18n import language, msg
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.db import models as m

# How many months of history (the month included) the control chart behind a warning looks at.
HISTORY_MONTHS = 24

TARGET_MISSED = "target_missed"
NEAR_TARGET = "near_target"
SPC_SIGNAL = "spc_signal"


@dataclass(frozen=True)
class IndicatorWarning:
    code: str
    name: str
    period: str
    value: float | None
    unit: str
    target: float | None
    kinds: tuple[str, ...]  # TARGET_MISSED / NEAR_TARGET / SPC_SIGNAL
    reasons: tuple[str, ...]
    indicator_value_id: uuid.UUID
    indicator_id: uuid.UUID
    item_id: uuid.UUID | None = None  # the rectification item already raised from this value, if any
    rolling: float | None = None  # a rare event's target is judged on its rolling 12-month rate: this one

    @property
    def reason(self) -> str:
        return ("；" if language() != "en" else "; ").join(self.reasons)

    @property
    def is_signal(self) -> bool:
        return SPC_SIGNAL in self.kinds

    @property
    def category(self) -> str:
        """The rectification category an item raised from this warning gets."""
        return msg("质量指标", "Quality indicator")

    @property
    def problem(self) -> str:
        """A one-line problem statement for the rectification item raised from this warning."""
        return msg("{p} {n}（{c}）为 {v}：{r}", "{p} {n} ({c}) was {v}: {r}", p=self.period, n=self.name,
                   c=self.code, v=format_value(self.value, self.unit), r=self.reason)


def history_start(period: Period) -> Period:
    start = period
    for _ in range(HISTORY_MONTHS - 1):
        start = start.previous()
    return start


def indicator_warning(session: Session, value: m.IndicatorValue, include_near: bool = False,
                      history: list[m.IndicatorValue] | None = None) -> IndicatorWarning | None:
    """The warning raised by one month's value, or None when it is on target and shows no concern.

    The target is judged by analytics/targets.py (a rare event on the rolling 12-month rate with its exact
    interval) and the signal read from the indicator's default chart (a rare event's g- or t-chart and the
    month's count against the past year), so a single event in a small month raises no warning.
    """
    definition = value.indicator
    period = Period.parse(value.period)
    unit = definition.unit or ""
    start = history_start(period)
    # `history`: the indicator's values of those months, read for a whole month of indicators at once.
    months = from_first_entry(months_of(history, start, period) if history is not None
                              else indicator_months(session, definition, start, period))
    assessment = assess_months(definition, months)
    kinds: list[str] = []
    reasons: list[str] = []
    cmp = "≤" if definition.direction == "lower" else "≥"
    if assessment.status is TargetStatus.MISSED:
        kinds.append(TARGET_MISSED)
        reasons.append(assessment.reason(unit, definition.direction, definition.target))
    elif assessment.status is TargetStatus.NEAR and include_near:
        kinds.append(NEAR_TARGET)
        reasons.append(msg("接近目标值（预警值 {w}，目标 {c}{t}）", "close to its target (warning {w}, target {c}{t})",
                           w=format_value(definition.warning, unit), c=cmp, t=format_value(definition.target, unit)))
    signal = _concern(build_chart(definition, months), period)
    if signal is not None:
        chart, point = signal
        kinds.append(SPC_SIGNAL)
        reasons.append(msg("{chart}信号：{s}", "{chart} signal: {s}", chart=chart_label(chart.chart), s=point.signal_text))
    if not kinds:
        return None
    name = definition.name_en if language() == "en" else definition.name_zh
    return IndicatorWarning(
        code=definition.code, name=name, period=str(period), value=value.value, unit=unit,
        target=definition.target, kinds=tuple(kinds), reasons=tuple(reasons),
        indicator_value_id=value.id, indicator_id=definition.id,
        rolling=assessment.value if assessment.on_rolling else None,
    )


def _concern(chart, period: Period):
    """The chart (or its companion run chart) and the point of `period` that signals a concern, if any."""
    for spec in (chart, chart.companion):
        if spec is None:
            continue
        for point in spec.points_in(period):
            if point.signal and point.assessment == CONCERN:
                return spec, point
    return None


def from_first_entry(months: list) -> list:
    """Drop the leading months before anything was ever entered, so they do not count as gaps."""
    for i, mo in enumerate(months):
        if mo.numerator is not None:
            return months[i:]
    return months


def month_warnings(session: Session, period: Period | str, include_near: bool = False) -> list[IndicatorWarning]:
    """Warnings for every indicator value of the month, ordered by indicator code."""
    from sqlalchemy.orm import contains_eager

    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    p = Period.parse(period)
    values = session.scalars(
        live(m.IndicatorValue).join(m.IndicatorDefinition, m.IndicatorDefinition.id == m.IndicatorValue.indicator_id)
        .options(contains_eager(m.IndicatorValue.indicator))
        .where(m.IndicatorValue.period == str(p), m.IndicatorDefinition.deleted.is_(False))
        .order_by(m.IndicatorDefinition.code)
    ).unique().all()
    # Every indicator's 24 months in one query, not one query (and one lazy load) per indicator.
    history = indicator_history(session, {v.indicator_id for v in values}, history_start(p), p)
    out = []
    for value in values:
        warning = indicator_warning(session, value, include_near, history.get(value.indicator_id, []))
        if warning is not None:
            out.append(warning)
    raised = _items_by_value(session, [w.indicator_value_id for w in out])
    return [replace(w, item_id=raised.get(w.indicator_value_id)) for w in out]


def value_warnings(session: Session, values: list[m.IndicatorValue],
                   include_near: bool = False) -> dict[uuid.UUID, IndicatorWarning | None]:
    """indicator_warning of each value, the histories of each month's indicators read in one query."""
    by_period: dict[str, list[m.IndicatorValue]] = {}
    for v in values:
        by_period.setdefault(v.period, []).append(v)
    out: dict[uuid.UUID, IndicatorWarning | None] = {}
    for period, month in by_period.items():
        p = Period.parse(period)
        history = indicator_history(session, {v.indicator_id for v in month}, history_start(p), p)
        for v in month:
            out[v.id] = indicator_warning(session, v, include_near, history.get(v.indicator_id, []))
    return out


def _items_by_value(session: Session, value_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    if not value_ids:
        return {}
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    items = session.scalars(live(m.RectificationItem).where(m.RectificationItem.indicator_value_id.in_(value_ids)))
    return {i.indicator_value_id: i.id for i in items}
