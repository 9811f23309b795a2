"""The quarterly report's indicator sections from the kept judgements (office/signals.py, schema 6) against the
computation they replace: every unit's chart drawn again from the JSON records (counted) by analytics, and every
unit's status judged from them — on the office demo, then again after a month is returned and after it comes back.
"""

from __future__ import annotations

from datetime import date

from office_helpers import month_records
from sqlalchemy import text

from qmsdesk.analytics.charts import MonthData, build_chart
from qmsdesk.analytics.rates import indicator_value
from qmsdesk.office import quarterly, signals
from qmsdesk.office.acks import acknowledge, versions
from qmsdesk.office.comparison import (
    ValueRow,
    comparison,
    indicator_info,
    unit_labels,
    unit_status,
    unit_sums,
)
from qmsdesk.office.queries import counted, period_list, quarter_periods

TODAY = date(2026, 11, 23)
QUARTER = "2026Q3"


def _reference_signals(s, code: str, periods: list[str]) -> dict[str, list[str]]:
    """The report's signals as gather computed them before schema 6: each unit's 12-month chart from the records."""
    window = period_list("2025-10", periods[-1])
    info = indicator_info(code)
    data: dict[str, dict[str, dict]] = {}
    for r in counted(s, "indicator_values", window, tag=code):
        data.setdefault(r.unit_id, {})[r.period] = r.data
    out = {}
    for unit_id, d in data.items():
        spec = build_chart(info, [MonthData(p, d.get(p, {}).get("numerator"), d.get(p, {}).get("denominator"))
                                  for p in window])
        points = [*spec.points, *(spec.companion.points if spec.companion is not None else ())]
        texts = [f"{p.period} {p.signal_text}" for p in points
                 if p.period in periods and p.signal and p.assessment == "concern"]
        if texts:
            out[unit_id] = texts
    return out


def _reference_comparison(s, code: str, periods: list[str]):
    rows = [ValueRow(r.unit_id, r.period, r.data.get("numerator"), r.data.get("denominator"))
            for r in counted(s, "indicator_values", periods, tag=code)]
    info = indicator_info(code)
    by_unit: dict[str, list[ValueRow]] = {}
    for r in rows:
        by_unit.setdefault(r.unit_id, []).append(r)

    def status(unit_id, _value):
        num, den = unit_sums(by_unit[unit_id])[unit_id]
        return unit_status(info, by_unit[unit_id], indicator_value(info.kind, num, den, info.multiplier))
    return comparison(info, periods, unit_sums(rows), status, unit_labels(s))


def _check(store) -> dict[str, dict[str, list[str]]]:
    """The report's indicators equal the reference; the signals per indicator."""
    content = quarterly.gather(store, QUARTER, today=TODAY)
    periods = quarter_periods(QUARTER)
    assert len(content.indicators) > 10
    with store.session() as s:
        for ind in content.indicators:
            assert ind.comparison == _reference_comparison(s, ind.info.code, periods), ind.info.code
            assert ind.signals == _reference_signals(s, ind.info.code, periods), ind.info.code
    return {ind.info.code: ind.signals for ind in content.indicators}


def _kept(s) -> int:
    return s.execute(text("SELECT count(*) FROM office_quarter_units WHERE quarter_end = '2026-09'")).scalar()


def test_the_reports_indicators_from_kept_judgements_equal_the_charts_drawn_again(store, factory, office_keys, folders,
                                                                                  tmp_path, monkeypatch):
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_file, import_paths

    generate_office_demo(tmp_path / "inbox", hospitals=2, departments=4, months=12, keys=office_keys, store=store,
                         until="2026-10", today=TODAY)
    import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)
    # a ward whose falls jump in August: a signal the past year cannot explain
    ward = factory.unit("H900", "D001")

    def send(period, version, falls):
        path = factory.package(ward, period, version, month_records(ward.identity.unit_id, period, fall=(falls, 3000)),
                               out=folders.inbox / f"{period}-{version}")
        assert import_file(store, path, keys=office_keys, folders=folders).outcome == "applied"

    for period in period_list("2025-10", "2026-09"):
        send(period, 1, 12 if period == "2026-08" else 1)
    assert ward.unit_id in _check(store)["NUR-FALL"]
    with store.session() as s:
        kept = _kept(s)
        assert kept > 8 and signals.judge_quarter(s, quarter_periods(QUARTER)) == 0  # nothing left to judge
        # August returned: the ward's judgement is dropped (only the ward's), its signal goes
        acknowledge(s, versions(s, ward.unit_id, "2026-08")[-1], "returned", "请核实", keys=office_keys,
                    folders=folders)
        assert _kept(s) == kept - 1
    assert ward.unit_id not in _check(store)["NUR-FALL"]
    send("2026-08", 2, 12)  # the corrected August still has 12 falls
    assert ward.unit_id in _check(store)["NUR-FALL"]
    # a month before the chart's window leaves the judgement kept
    with store.session() as s:
        kept = _kept(s)
    send("2025-09", 1, 30)
    with store.session() as s:
        assert _kept(s) == kept
    # a program whose rules (or catalogue) changed judges every unit again
    monkeypatch.setattr(signals, "rules_key", lambda: "other rules")
    with store.session() as s:
        assert signals.judge_quarter(s, quarter_periods(QUARTER)) == kept
    assert ward.unit_id in _check(store)["NUR-FALL"]


def test_a_month_belongs_to_the_charts_of_its_quarter_and_the_three_after():
    from qmsdesk.office.derived import quarter_ends_holding

    assert quarter_ends_holding("2025-10") == ["2025-12", "2026-03", "2026-06", "2026-09"]
    assert quarter_ends_holding("2026-09") == ["2026-09", "2026-12", "2027-03", "2027-06"]
    for month in ("2025-10", "2026-01", "2026-09"):  # each kept quarter whose 12 months hold the month, no other
        holding = [end for end in ("2025-09", "2025-12", "2026-03", "2026-06", "2026-09", "2026-12", "2027-03",
                                   "2027-06", "2027-09") if month in signals.chart_window([end])]
        assert holding == quarter_ends_holding(month)


def test_the_kept_numbers_read_as_the_packages_wrote_them_whole_or_not(store, office_keys, folders, tmp_path):
    """A kept numerator or denominator reads as stored_number gives it: a whole count as an int (3, not 3.0), any
    other number as the float it is — also a whole number too large for the store's BIGINT read."""
    from qmsdesk.office.comparison import reported_indicators, stored_number
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths

    generate_office_demo(tmp_path / "inbox", hospitals=1, departments=3, months=12, keys=office_keys, store=store,
                         until="2026-10", today=TODAY)
    import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)
    periods = quarter_periods(QUARTER)
    quarterly.gather(store, QUARTER, today=TODAY)  # judges and keeps the quarter
    with store.session() as s:
        units = sorted(s.scalars(text("SELECT DISTINCT unit_id FROM office_indicator_quarters WHERE code = 'NUR-FALL'")))
        assert len(units) == 3
        odd = {units[0]: (2.5, 1000.0), units[1]: (3.0, 3e16), units[2]: (7.0, 0.25)}
        for unit_id, (num, den) in odd.items():
            s.execute(text("UPDATE office_indicator_quarters SET numerator = :n, denominator = :d "
                           "WHERE unit_id = :u AND code = 'NUR-FALL'"), {"n": num, "d": den, "u": unit_id})
        stored = {(u, c): (n, d) for u, c, n, d in s.execute(text(
            "SELECT unit_id, code, numerator, denominator FROM office_indicator_quarters WHERE status IS NOT NULL"))}
        infos = [info for info in reported_indicators(s, periods) if info.target is not None]
        read = signals.quarter_indicators(s, infos, periods, unit_labels(s))
    seen = 0
    for comparison_, _signals in read:
        for row in comparison_.rows:
            num, den = stored[(row.unit_id, comparison_.indicator.code)]
            for got, want in ((row.numerator, stored_number(num)), (row.denominator, stored_number(den))):
                assert got == want and type(got) is type(want), (comparison_.indicator.code, row.unit_id)
            seen += 1
    assert seen == len(stored) > 3
    fall = next(c for c, _s in read if c.indicator.code == "NUR-FALL")
    assert {r.unit_id: (r.numerator, r.denominator) for r in fall.rows} == {
        units[0]: (2.5, 1000), units[1]: (3, 30000000000000000), units[2]: (7, 0.25)}
