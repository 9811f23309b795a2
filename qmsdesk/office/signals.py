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
from functools import lru_cache
from pathlib import Path

from sqlalchemy import bindparam, insert, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import CONCERN, build_chart, signal_text
from qmsdesk.analytics.rates import TargetStatus, indicator_value
from qmsdesk.office.comparison import (
    IndicatorInfo,
    ValueRow,
    _catalogue,
    comparison,
    indicator_info,
    month_data,
    stored_number,
    unit_status,
    unit_sums,
)
from qmsdesk.office.models import OfficeIndicatorQuarter, OfficeQuarterUnit
from qmsdesk.office.queries import period_list
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
        status = None
        if quarter:
            num, den = unit_sums(quarter)[unit_id]
            status = unit_status(info, quarter, indicator_value(info.kind, num, den, info.multiplier)).value
        out.append({"unit_id": unit_id, "code": code, "quarter_end": periods[-1], "status": status,
                    "signals": json.dumps(chart_signals(info, window, code_rows, periods), ensure_ascii=False)})
    return out


_UNJUDGED = text("""
SELECT DISTINCT p.unit_id FROM office_packages p JOIN office_units u ON u.id = p.unit_id AND u.active
WHERE p.period IN :window AND p.state = 'current' AND (p.ack_status IS NULL OR p.ack_status <> 'returned')
AND NOT EXISTS (SELECT 1 FROM office_quarter_units q WHERE q.unit_id = p.unit_id AND q.quarter_end = :end
                AND q.key = :key)""").bindparams(bindparam("window", expanding=True))

_WINDOW_ROWS = text("""
SELECT unit_id, code, period, numerator, denominator FROM office_indicator_months
WHERE unit_id IN :units AND period IN :window""").bindparams(bindparam("units", expanding=True),
                                                            bindparam("window", expanding=True))


def judge_quarter(session: Session, periods: list[str]) -> int:
    """Judge every unit with a counted month in the quarter's chart window that is not kept yet; the number judged."""
    window, key, end = chart_window(periods), rules_key(), periods[-1]
    units = sorted(session.scalars(_UNJUDGED, {"window": window, "end": end, "key": key}))
    for i in range(0, len(units), BATCH):
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


# Pooled per unit first, then joined to the units and the kept judgements: 200,000 values of a province's quarter
# grouped down to 55,000 before any join (twice as fast as grouping the joined rows).
_QUARTER = text("""
SELECT a.code, a.unit_id, a.num, a.den, q.status FROM (
    SELECT v.code, v.unit_id,
           CASE WHEN count(*) = 1 THEN max(v.numerator) ELSE sum(COALESCE(v.numerator, 0)) END AS num,
           CASE WHEN count(*) = 1 THEN max(v.denominator) ELSE sum(COALESCE(v.denominator, 0)) END AS den
    FROM office_indicator_months v WHERE v.code IN :codes AND v.period IN :periods GROUP BY v.code, v.unit_id) a
JOIN office_units u ON u.id = a.unit_id AND u.active
LEFT JOIN office_indicator_quarters q ON q.unit_id = a.unit_id AND q.code = a.code AND q.quarter_end = :end
""").bindparams(bindparam("periods", expanding=True), bindparam("codes", expanding=True))

_SIGNALS = text("""
SELECT q.code, q.unit_id, q.signals FROM office_indicator_quarters q JOIN office_units u ON u.id = q.unit_id AND u.active
WHERE q.quarter_end = :end AND q.code IN :codes AND q.signals <> '[]'""").bindparams(bindparam("codes", expanding=True))


def quarter_indicators(session: Session, infos: list[IndicatorInfo], periods: list[str], labels: dict[str, str]):
    """Per indicator, the quarter's comparison across units and its units' signal texts, from the kept judgements
    (judge_quarter first): one query for the values of every indicator, one for the signals."""
    if not infos:  # a quarter nobody reported an indicator with a target in (an empty IN () is not SQL)
        return []
    params = {"codes": [i.code for i in infos], "periods": list(periods), "end": periods[-1]}
    sums: dict[str, dict] = {i.code: {} for i in infos}
    statuses: dict[str, dict] = {i.code: {} for i in infos}
    for code, unit_id, num, den, status in session.execute(_QUARTER, params).all():
        sums[code][unit_id] = (stored_number(num), stored_number(den))
        statuses[code][unit_id] = TargetStatus(status) if status else TargetStatus.NO_DATA
    signals: dict[str, dict[str, list[str]]] = {i.code: {} for i in infos}
    for code, unit_id, stored in session.execute(_SIGNALS, params):
        signals[code][unit_id] = [f"{p} {signal_text(s, CONCERN)}" for p, s in json.loads(stored)]
    return [(comparison(info, periods, sums[info.code], lambda unit_id, _v, c=info.code: statuses[c][unit_id], labels),
             signals[info.code]) for info in infos]
