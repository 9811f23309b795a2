"""指标对比: one indicator across units for a month (ordered, with the target and funnel limits), and one
unit's indicator over time as the same SPC chart the ward sees (analytics.charts.build_chart)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from itertools import compress, repeat
from operator import eq, itemgetter
from typing import NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import ChartSpec, MonthData, build_chart
from qmsdesk.analytics.rare import judged_on_rolling
from qmsdesk.analytics.rates import TargetStatus, format_value, indicator_value, shown_unit, target_status
from qmsdesk.analytics.targets import assess
from qmsdesk.i18n import msg
from qmsdesk.office import queries
from qmsdesk.office.queries import counted, period_list

Z95, Z998 = 1.959964, 3.090232


@dataclass(frozen=True)
class IndicatorInfo:
    """What the office knows of an indicator: from the shipped catalogue, or only what the packages said."""

    code: str
    name_zh: str
    name_en: str
    kind: str
    multiplier: float
    unit: str
    direction: str
    target: float | None
    warning: float | None = None

    @property
    def name(self) -> str:
        """The name in the user's language."""
        return msg(self.name_zh, self.name_en or self.name_zh)

    def fmt(self, value: float | None) -> str:
        return format_value(value, shown_unit(self.unit))

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return ("≤ " if self.direction == "lower" else "≥ ") + self.fmt(self.target)


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, IndicatorInfo]:
    from qmsdesk.services.catalogue import load_catalogue

    return {e.code: IndicatorInfo(e.code, e.name_zh, e.name_en, e.kind, e.multiplier, e.unit, e.direction, e.target,
                                  e.warning) for e in load_catalogue()}


def indicator_info(code: str, name: str | None = None) -> IndicatorInfo:
    known = _catalogue().get(code)
    if known is not None:
        return known
    return IndicatorInfo(code, name or code, name or code, "ratio", 1.0, "", "higher", None)


# The indicator codes ever reported, walked through ix_office_records_kind_tag_period one code at a time (a
# skip scan: some 40 index probes, where DISTINCT over a province's year reads 800,000 rows), each kept when a
# live value of it lies in the months asked.
_REPORTED = text("""
WITH RECURSIVE codes(tag) AS (
    SELECT min(tag) FROM office_records WHERE kind = 'indicator_values'
    UNION ALL
    SELECT (SELECT min(r.tag) FROM office_records r WHERE r.kind = 'indicator_values' AND r.tag > codes.tag)
    FROM codes WHERE codes.tag IS NOT NULL)
SELECT tag FROM codes WHERE tag IS NOT NULL AND EXISTS (
    SELECT 1 FROM office_records r WHERE r.kind = 'indicator_values' AND r.tag = codes.tag
    AND r.period IN :periods AND NOT r.deleted)""").bindparams(bindparam("periods", expanding=True))


def reported_indicators(session: Session, periods: list[str]) -> list[IndicatorInfo]:
    """Indicators any unit reported in `periods`, in catalogue order (office-defined ones last)."""
    codes = set(session.scalars(_REPORTED, {"periods": list(periods)}))
    order = list(_catalogue())
    out = []
    for code in sorted(codes, key=lambda c: (order.index(c) if c in order else 999, c)):
        name = None
        if code not in _catalogue():  # an office-defined indicator: its name comes from a package
            row = next(iter(counted(session, "indicator_values", periods, tag=code)), None)
            name = row.data.get("indicator_name") if row else None
        out.append(indicator_info(code, name))
    return out


class Funnel(NamedTuple):
    """What a comparison's funnel limits need besides a unit's size, worked out once per indicator."""

    p: float  # the pooled value, without the multiplier
    multiplier: float
    base: float  # p(1 − p) for a proportion, p for a rate
    proportion: bool

    def limits(self, n: float | None, z: float) -> tuple[float, float] | None:
        if not n:
            return None
        p, spread = self.p, math.sqrt(self.base / n)
        high = p + z * spread
        return (max(p - z * spread, 0.0) * self.multiplier,
                (min(high, 1.0) if self.proportion else high) * self.multiplier)


class UnitValue(NamedTuple):
    """One unit's value in a comparison (immutable; a named tuple: a province's quarterly report makes 50,000 of
    them, where a frozen dataclass cost 3 µs each to build). Its funnel limits are worked out when asked for: the
    report asks for a few thousand, not for 90,000."""

    unit_id: str
    unit_label: str
    numerator: float | None
    denominator: float | None
    value: float | None
    status: TargetStatus
    funnel: Funnel | None = None

    @property
    def limits95(self) -> tuple[float, float] | None:
        return None if self.funnel is None else self.funnel.limits(self.denominator, Z95)

    @property
    def limits998(self) -> tuple[float, float] | None:
        return None if self.funnel is None else self.funnel.limits(self.denominator, Z998)

    @property
    def funnel_outlier(self) -> bool:
        if self.value is None or self.funnel is None:
            return False
        limits = self.funnel.limits(self.denominator, Z998)
        return limits is not None and not limits[0] <= self.value <= limits[1]


_LABEL, _VALUE, _STATUS = itemgetter(1), itemgetter(4), itemgetter(5)  # UnitValue's unit_label, value, status
_IS_MISSED = partial(eq, TargetStatus.MISSED)


@dataclass(frozen=True)
class Comparison:
    indicator: IndicatorInfo
    period: str
    rows: list[UnitValue]  # best first
    pooled: float | None

    @cached_property
    def missed(self) -> list[UnitValue]:  # asked for by several sections of the quarterly report
        return list(compress(self.rows, map(_IS_MISSED, map(_STATUS, self.rows))))  # no Python call per row

    @cached_property
    def reporting(self) -> int:
        """The units with a value (the others are listed for a count they reported without its denominator)."""
        return len(self.rows) - list(map(_VALUE, self.rows)).count(None)


def funnel_limits(info: IndicatorInfo, pooled: float | None, n: float | None, z: float) -> tuple[float, float] | None:
    """Control limits for a unit of size n around the pooled value (binomial for proportions, Poisson for rates)."""
    funnel = _funnel(info, pooled)
    return None if funnel is None else funnel.limits(n, z)


@dataclass(frozen=True)
class ValueRow:
    """One indicator value of a counted month (office_indicator_months), numbers as the package wrote them."""

    unit_id: str
    period: str
    numerator: float | None
    denominator: float | None
    name: str | None = None


def stored_number(x: float | None) -> float | int | None:
    """A stored float as the package's number: a whole count reads 3, as its JSON did, not 3.0."""
    return int(x) if x is not None and float(x).is_integer() else x


_VALUES = text("""
SELECT v.unit_id, v.period, v.numerator, v.denominator, v.name FROM office_indicator_months v
JOIN office_units u ON u.id = v.unit_id AND u.active
WHERE v.code = :code AND v.period IN :periods""").bindparams(bindparam("periods", expanding=True))


def indicator_rows(session: Session, code: str, periods: list[str], unit_id: str | None = None) -> list[ValueRow]:
    """The counted values of `code` in `periods` (active units), from the typed table."""
    sql, params = _VALUES, {"code": code, "periods": list(periods)}
    if unit_id is not None:
        sql = text(f"{_VALUES.text} AND v.unit_id = :unit").bindparams(bindparam("periods", expanding=True))
        params["unit"] = unit_id
    return [ValueRow(u, p, stored_number(n), stored_number(d), name)
            for u, p, n, d, name in session.execute(sql, params).all()]  # fetchall: one call, not one per row


def unit_sums(rows: list[ValueRow]) -> dict[str, tuple[float | None, float | None]]:
    out: dict[str, tuple[float | None, float | None]] = {}
    for row in rows:
        num, den = row.numerator, row.denominator
        old = out.get(row.unit_id)
        if old is None:
            out[row.unit_id] = (num, den)
        else:  # two values for one month should not happen; add them rather than drop one silently
            out[row.unit_id] = ((old[0] or 0) + (num or 0), (old[1] or 0) + (den or 0))
    return out


def unit_status(info: IndicatorInfo, rows: list[ValueRow], value: float | None) -> TargetStatus:
    """A unit's status over the months compared: the pooled value against the target — for a rare event (or a
    target meant for a year) with the exact interval of analytics/targets.py, so one event is not a miss."""
    nums = [r.numerator for r in rows]
    if not judged_on_rolling(info.code, info.kind, nums):
        return target_status(value, info.target, info.warning, info.direction)
    ordered = sorted(rows, key=lambda r: r.period)
    return assess(info.code, info.kind, info.multiplier, info.direction, info.target, info.warning,
                  [r.numerator for r in ordered], [r.denominator for r in ordered]).status


def unit_labels(session: Session) -> dict[str, str]:
    return queries.unit_labels(session)


def comparison(info: IndicatorInfo, periods: list[str], sums: dict[str, tuple[float | None, float | None]],
               status, labels: dict[str, str]) -> Comparison:
    """The units' values ordered best first, with funnel limits around the pooled value; `status(unit_id, value)`
    judges each unit against the target."""
    kind, multiplier = info.kind, info.multiplier
    judged = [(unit_id, num, den, status(unit_id, indicator_value(kind, num, den, multiplier)))
              for unit_id, (num, den) in sums.items()]
    return judged_comparison(info, periods, judged, labels)


def judged_comparison(info: IndicatorInfo, periods: list[str],
                      judged: list[tuple[str, float | None, float | None, TargetStatus]],
                      labels: dict[str, str]) -> Comparison:
    """comparison() of units judged already: (unit id, numerator, denominator, status), one per unit. The best
    first: the lowest value where lower is better, units without a value last, ties by label and then as the
    units came (two stable sorts of plain tuples: a province's quarterly report orders 53,000 values)."""
    if not judged:
        return Comparison(info, _span(periods), [], None)
    return judged_columns(info, periods, *zip(*judged, strict=True), labels)


def judged_columns(info: IndicatorInfo, periods: list[str], units, nums, dens, statuses,
                   labels: dict[str, str]) -> Comparison:
    """judged_comparison() of the judged units given as columns (unit ids, numerators, denominators, statuses):
    each summed and mapped at C speed."""
    if not units:
        return Comparison(info, _span(periods), [], None)
    # sum(n or 0 for n in nums): leaving out the missing (and zero) terms gives the same sum, in the same order
    pooled = indicator_value(info.kind, sum(filter(None, nums)), sum(filter(None, dens)), info.multiplier)
    if info.kind == "count":  # indicator_value inline: one call less for each unit
        values = [None if n is None else float(n) for n in nums]
    else:
        mult = info.multiplier or 1.0
        values = [None if n is None or not d else n / d * mult for n, d in zip(nums, dens, strict=True)]
    rows = list(map(_new_value, zip(units, map(labels.__getitem__, units), nums, dens, values, statuses,
                                    repeat(_funnel(info, pooled)))))
    valued = [r for r in rows if r[4] is not None]
    valued.sort(key=_LABEL)
    valued.sort(key=_VALUE, reverse=info.direction != "lower")  # reverse keeps equal values in their order
    unvalued = [r for r in rows if r[4] is None]
    unvalued.sort(key=_LABEL)
    return Comparison(info, _span(periods), valued + unvalued, pooled)


_new_value = partial(tuple.__new__, UnitValue)  # UnitValue._make without its length check: no Python call per row


def _span(periods: list[str]) -> str:
    return periods[-1] if len(periods) == 1 else f"{periods[0]}—{periods[-1]}"


def _funnel(info: IndicatorInfo, pooled: float | None) -> Funnel | None:
    """The funnel around the pooled value (None where there is none: no value, or neither proportion nor rate)."""
    if pooled is None or info.kind not in ("proportion", "rate"):
        return None
    mult = info.multiplier or 1.0
    p = pooled / mult
    proportion = info.kind == "proportion"
    return Funnel(p, mult, max(p * (1 - p), 0.0) if proportion else max(p, 0.0), proportion)


def compare_units(session: Session, code: str, period: str | list[str]) -> Comparison:
    """Every unit's value of `code` for a month (or the pooled months of a list), best first."""
    periods = [period] if isinstance(period, str) else list(period)
    rows = indicator_rows(session, code, periods)
    info = indicator_info(code, rows[0].name if rows else None)
    by_unit: dict[str, list[ValueRow]] = {}
    for r in rows:
        by_unit.setdefault(r.unit_id, []).append(r)
    return comparison(info, periods, unit_sums(rows), lambda unit_id, value: unit_status(info, by_unit[unit_id], value),
                      unit_labels(session))


def month_data(periods: list[str], rows: list[ValueRow]) -> list[MonthData]:
    by_period = {r.period: r for r in rows}
    return [MonthData(p, by_period[p].numerator if p in by_period else None,
                      by_period[p].denominator if p in by_period else None) for p in periods]


def unit_trend(session: Session, code: str, unit_id: str, start: str, end: str) -> ChartSpec:
    """One unit's months of an indicator as the SPC (or run) chart the analytics draw."""
    periods = period_list(start, end)
    rows = indicator_rows(session, code, periods, unit_id=unit_id)
    info = indicator_info(code, next((r.name for r in rows), None))
    return build_chart(info, month_data(periods, rows))

