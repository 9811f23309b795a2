"""Each unit's indicators judged at a quarter's end, kept: the status over the quarter's months (analytics'
target rules) and the unfavourable SPC signals of the unit's 12-month chart that fall in the quarter.

A province has some 3,900 units × 27 indicators; drawing every chart again for each report takes minutes. The
judgement is made by the analytics themselves (charts.build_chart, comparison.unit_status) once per unit and
quarter, and kept in office_indicator_quarters with a marker in office_quarter_units. A month's change (import,
return: derived.refresh_month → forget_quarters) drops the unit's quarters whose charts hold it, and a change of
the catalogue or of the analytics changes rules_key(); the next report judges what is not kept, and keeps it.
Signals are kept as codes and put in words when read, in the reader's language.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from sqlalchemy import String, bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import CONCERN, build_chart, signal_text
from qmsdesk.analytics.rates import TargetStatus, indicator_value
from qmsdesk.office.comparison import (
    IndicatorInfo,
    ValueRow,
    _catalogue,
    indicator_info,
    judged_columns,
    month_data,
    stored_number,
    unit_status,
    unit_sums,
)
from qmsdesk.office.models import OfficeIndicatorQuarter, OfficeQuarterUnit, OfficeUnit
from qmsdesk.office.queries import driver_rows, period_list
from qmsdesk.periods import Period

RULE_MODULES = ("charts.py", "gap_charts.py", "rare.py", "rates.py", "runs.py", "spc.py", "targets.py")
BATCH = 400  # units judged per round trip (bound parameters stay well under both databases' limits)

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def rules_key() -> str:
    """What the kept judgements depend on besides the data: the catalogue (targets, directions, kinds) and the
    analytics that judge (their source: a program update that changes a rule judges every quarter again)."""
    from qmsdesk import __version__, analytics

    digest = hashlib.sha256(repr(sorted(_catalogue().items())).encode())
    folder = Path(analytics.__file__).parent
    for name in RULE_MODULES:
        try:
            digest.update((folder / name).read_bytes())
        except OSError:  # an installed build without sources: its version stands for them
            digest.update(__version__.encode())
    return digest.hexdigest()[:16]


def chart_window(periods: list[str]) -> list[str]:
    """The 12 months up to the quarter's end: the chart the report reads its signals from."""
    end = Period.parse(periods[-1])
    start = end
    for _ in range(11):
        start = start.previous()
    return period_list(start, end)


def chart_signals(info: IndicatorInfo, window: list[str], rows: list[ValueRow], periods: list[str]) -> list[list[str]]:
    """[period, signal] of the concern signals inside `periods` on the unit's chart over `window`."""
    spec = build_chart(info, month_data(window, rows))
    # A rare event's g-chart shows longer gaps; a month's burst of events is on its companion run chart.
    points = [*spec.points, *(spec.companion.points if spec.companion is not None else ())]
    return [[p.period, p.signal] for p in points if p.period in periods and p.signal and p.assessment == CONCERN]


def _judge_unit(codes: dict[str, list[ValueRow]], window, periods, unit_id):
    out = []
    for code, code_rows in codes.items():
        info = indicator_info(code)
        if info.target is None:  # the report leaves out an indicator without a target
            continue
        quarter = [r for r in code_rows if r.period in periods]
        status = num = den = None
        if quarter:
            num, den = unit_sums(quarter)[unit_id]
            status = unit_status(info, quarter, indicator_value(info.kind, num, den, info.multiplier)).value
        out.append({"unit_id": unit_id, "code": code, "quarter_end": periods[-1], "status": status,
                    "signals": json.dumps(chart_signals(info, window, code_rows, periods), ensure_ascii=False),
                    "numerator": num, "denominator": den})
    return out


# Unit by unit, the kept marker first: a province's 3,900 units probed by key, where the distinct units of a
# year's 46,000 packages took a tenth of a second even when every unit was kept.
_UNJUDGED = text("""
SELECT u.id FROM office_units u WHERE u.active
AND NOT EXISTS (SELECT 1 FROM office_quarter_units q WHERE q.unit_id = u.id AND q.quarter_end = :end AND q.key = :key)
AND EXISTS (SELECT 1 FROM office_packages p WHERE p.unit_id = u.id AND p.period IN :window AND p.state = 'current'
            AND (p.ack_status IS NULL OR p.ack_status <> 'returned'))""").bindparams(bindparam("window", expanding=True))

_WINDOW_ROWS = text("""
SELECT unit_id, code, period, numerator, denominator FROM office_indicator_months
WHERE unit_id IN :units AND period IN :window""").bindparams(bindparam("units", expanding=True),
                                                            bindparam("window", expanding=True))


def judge_quarter(session: Session, periods: list[str], progress: Callable[[int, int], None] | None = None) -> int:
    """Judge every unit with a counted month in the quarter's chart window that is not kept yet; the number judged.
    `progress(units judged, units to judge)` as it goes: a province's first report after new data judges thousands
    of units, some 6 ms each."""
    window, key, end = chart_window(periods), rules_key(), periods[-1]
    units = sorted(session.scalars(_UNJUDGED, {"window": window, "end": end, "key": key}))
    for i in range(0, len(units), BATCH):
        if progress is not None:
            progress(i, len(units))
        some = units[i:i + BATCH]
        by_unit: dict[str, dict[str, list[ValueRow]]] = {u: {} for u in some}
        for u, code, p, n, d in session.execute(_WINDOW_ROWS, {"units": some, "window": window}).all():
            by_unit[u].setdefault(code, []).append(ValueRow(u, p, stored_number(n), stored_number(d)))
        rows = [r for u in some for r in _judge_unit(by_unit[u], window, periods, u)]
        _keep(session, some, end, key, rows)
    if len(units) > BATCH and session.get_bind().dialect.name == "postgresql":
        for table in ("office_indicator_quarters", "office_quarter_units"):  # the planner sees the new rows now
            session.execute(text(f"ANALYZE {table}"))
    return len(units)


def _keep(session: Session, units: list[str], end: str, key: str, rows: list[dict]) -> None:
    """Replace the units' kept quarter (a judgement under an older key) with these rows; another office PC that
    kept the same units at the same moment wins, its rows are the same."""
    forget = {"units": units, "end": end}
    try:
        with session.begin_nested():
            for table in ("office_indicator_quarters", "office_quarter_units"):
                session.execute(text(f"DELETE FROM {table} WHERE quarter_end = :end AND unit_id IN :units")
                                .bindparams(bindparam("units", expanding=True)), forget)
            if rows:
                session.execute(insert(OfficeIndicatorQuarter), rows)
            session.execute(insert(OfficeQuarterUnit), [{"unit_id": u, "quarter_end": end, "key": key} for u in units])
    except IntegrityError:  # another office PC kept the same units meanwhile: its identical judgement stands
        log.debug("quarter %s: judgements of %d units kept by another office PC meanwhile", end, len(units))


# The quarter's pooled values as judge_quarter kept them with the status: a province's 53,000 unit values read by
# the quarter's end, where pooling 200,000 month values again took a fifth of a second. Ordered by indicator (each
# one's units taken as one slice of the columns) and unit. A numerator or denominator comes twice: as a whole number
# (BIGINT) when it is one and fits, else as it is stored, so that a whole count reads 3 (stored_number), not 3.0,
# without a Python call per value when, as nearly always, all of them are whole. The inactive units are named (a
# few at most), not joined: a join with every unit cost more than the read.
_WHOLE = "CASE WHEN abs(q.{c}) < 1e15 THEN CASE WHEN q.{c} = CAST(q.{c} AS BIGINT) THEN CAST(q.{c} AS BIGINT) END END"
_QUARTER = text(f"""
SELECT q.code, q.unit_id, {_WHOLE.format(c="numerator")} AS num_whole, {_WHOLE.format(c="denominator")} AS den_whole,
       q.numerator, q.denominator, q.status FROM office_indicator_quarters q
WHERE q.quarter_end = :end AND q.code IN :codes AND q.status IS NOT NULL AND q.unit_id NOT IN :inactive
ORDER BY q.code, q.unit_id""").bindparams(bindparam("codes", expanding=True), bindparam("inactive", expanding=True, type_=String))

# A month's values pooled as unit_sums pools them: one value as it is, several added (a missing one as 0).
_POOLED = ("CASE WHEN count(*) = 1 THEN max(v.{c}) ELSE sum(COALESCE(v.{c}, 0)) END")


def add_quarter_sums(conn) -> None:
    """The kept quarters' numerator and denominator columns, filled set-based from the months each pools (the
    schema 7 upgrade; a judgement kept since holds them already)."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("office_indicator_quarters")}
    double = "DOUBLE PRECISION" if conn.dialect.name == "postgresql" else "FLOAT"
    for column in ("numerator", "denominator"):
        if column not in have:
            conn.execute(text(f"ALTER TABLE office_indicator_quarters ADD COLUMN {column} {double}"))
    if conn.dialect.name == "postgresql":
        start = "to_char(to_date(q.quarter_end, 'YYYY-MM') - INTERVAL '2 months', 'YYYY-MM')"
    else:
        start = "substr(date(q.quarter_end || '-01', '-2 months'), 1, 7)"
    conn.execute(text(f"""
UPDATE office_indicator_quarters SET numerator = s.num, denominator = s.den FROM (
    SELECT q.unit_id, q.code, q.quarter_end, {_POOLED.format(c="numerator")} AS num,
           {_POOLED.format(c="denominator")} AS den
    FROM office_indicator_quarters q JOIN office_indicator_months v ON v.unit_id = q.unit_id AND v.code = q.code
         AND v.period >= {start} AND v.period <= q.quarter_end
    GROUP BY q.unit_id, q.code, q.quarter_end) s
WHERE office_indicator_quarters.unit_id = s.unit_id AND office_indicator_quarters.code = s.code
      AND office_indicator_quarters.quarter_end = s.quarter_end"""))


_SIGNALS = text("""
SELECT q.code, q.unit_id, q.signals FROM office_indicator_quarters q JOIN office_units u ON u.id = q.unit_id AND u.active
WHERE q.quarter_end = :end AND q.code IN :codes AND q.signals <> '[]'""").bindparams(bindparam("codes", expanding=True))


_STATUSES = {s.value: s for s in TargetStatus}  # a dict lookup, where TargetStatus(value) costs a call


def _numbers(whole: tuple, stored: tuple) -> tuple | list:
    """A column of numbers as stored_number gives them, from its whole (BIGINT) and stored forms (_QUARTER)."""
    if stored.count(None) == whole.count(None):  # every stored number is whole: the BIGINT column as it came
        return whole
    return [w if w is not None else stored_number(x) for w, x in zip(whole, stored, strict=True)]


def quarter_indicators(session: Session, infos: list[IndicatorInfo], periods: list[str], labels: dict[str, str]):
    """Per indicator, the quarter's comparison across units and its units' signal texts, from the kept judgements
    (judge_quarter first): one query for the values of every indicator, one for the signals."""
    if not infos:  # a quarter nobody reported an indicator with a target in (an empty IN () is not SQL)
        return []
    inactive = list(session.scalars(select(OfficeUnit.id).where(OfficeUnit.active.is_(False))))
    params = {"codes": [i.code for i in infos], "end": periods[-1]}
    rows = driver_rows(session, _QUARTER, {**params, "inactive": inactive})
    judged: dict[str, tuple] = {}  # code → columns of its units: (ids, numerators, denominators, statuses)
    if rows:
        codes, units, num_whole, den_whole, nums, dens, statuses = zip(*rows, strict=True)
        nums, dens = _numbers(num_whole, nums), _numbers(den_whole, dens)
        statuses = list(map(_STATUSES.__getitem__, statuses))
        start = 0
        for code, run in groupby(codes):  # the codes come in runs (ORDER BY): each one's units are one slice
            end = start + len(list(run))
            judged[code] = (units[start:end], nums[start:end], dens[start:end], statuses[start:end])
            start = end
    signals: dict[str, dict[str, list[str]]] = {i.code: {} for i in infos}
    for code, unit_id, stored in session.execute(_SIGNALS, params):
        signals[code][unit_id] = [f"{p} {signal_text(s, CONCERN)}" for p, s in json.loads(stored)]
    return [(judged_columns(info, periods, *judged.get(info.code, ((), (), (), ())), labels), signals[info.code])
            for info in infos]
