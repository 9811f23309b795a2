"""Month warnings: a value that misses its target or fires a control-chart signal, ready for the ledger."""

from __future__ import annotations

from qmsdesk.analytics.warnings import SPC_SIGNAL, TARGET_MISSED, month_warnings
from qmsdesk.db import models as m
from qmsdesk.periods import Period, months_between
from qmsdesk.services.catalogue import install_catalogue


def add_values(session, definition, figures, start="2025-11"):
    periods = months_between(Period.parse(start), Period.parse("2099-12"))
    values = []
    for period, (num, den) in zip(periods, figures, strict=False):
        value = m.IndicatorValue(indicator=definition, period=str(period), numerator=num, denominator=den)
        session.add(value)
        values.append(value)
    session.flush()
    return values


def test_a_spike_in_falls_misses_the_target_and_fires_a_signal(session):
    defs = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    # 11 quiet months (0 or 1 fall in ~1200 patient-days), then 6 falls in 2026-10.
    falls = [(0, 1200), (1, 1180), (0, 1250), (1, 1210), (0, 1190), (1, 1230), (0, 1200), (1, 1220),
             (0, 1240), (0, 1200), (0, 1210), (6, 1200)]
    values = add_values(session, defs["NUR-FALL"], falls)
    warnings = month_warnings(session, "2026-10")
    assert [w.code for w in warnings] == ["NUR-FALL"]
    warning = warnings[0]
    assert set(warning.kinds) == {TARGET_MISSED, SPC_SIGNAL}
    assert warning.indicator_value_id == values[-1].id
    # Falls are rare here: the target is judged on the pooled year, and six in a month is more than it explains.
    assert "滚动率" in warning.reason and "整个区间均未达目标 ≤0.10‰" in warning.reason
    assert "本月例数远超此前 12 个月的水平" in warning.reason
    assert warning.value == 5.0
    assert "住院患者跌倒发生率" in warning.problem and "2026-10" in warning.problem
    assert month_warnings(session, "2026-09") == []  # no fall that month
    # June's warning is the pooled months' (4 falls in 9,680 patient-days, all of the interval above 0.1‰),
    # not June's single fall; September's pooled interval still holds the target: no warning.
    [june] = month_warnings(session, "2026-06")
    assert june.kinds == (TARGET_MISSED,) and "近 8 个月共 4 例" in june.reason


def test_a_higher_is_better_miss_is_warned_and_an_improvement_is_not(session):
    defs = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    vte = [(92, 100)] * 11 + [(85, 100)]
    add_values(session, defs["NIT-VTE"], vte)
    [warning] = month_warnings(session, "2026-10")
    assert warning.code == "NIT-VTE" and warning.kinds == (TARGET_MISSED,)
    # AE reporting far above its usual level is good news: no warning
    ae = [(3, 240)] * 11 + [(20, 240)]
    add_values(session, defs["NIT-AE-REPORT"], ae)
    assert [w.code for w in month_warnings(session, "2026-10")] == ["NIT-VTE"]


def test_no_exposure_month_raises_no_warning(session):
    defs = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    add_values(session, defs["NUR-UEX-ETT"], [(0, 0)] * 12)
    assert month_warnings(session, "2026-10") == []


def test_deleted_values_are_ignored(session):
    defs = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    [value] = add_values(session, defs["NIT-VTE"], [(50, 100)], start="2026-10")
    assert len(month_warnings(session, "2026-10")) == 1
    value.deleted = True
    session.flush()
    assert month_warnings(session, "2026-10") == []


def test_a_warning_becomes_a_rectification_item_in_one_action(session):
    from qmsdesk.services import ledger

    defs = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    [value] = add_values(session, defs["NIT-VTE"], [(80, 100)], start="2026-10")
    [warning] = month_warnings(session, "2026-10")
    assert warning.item_id is None
    item = ledger.item_from_indicator_value(session, warning.indicator_value_id, problem=warning.problem,
                                            category=warning.category)
    assert item.source_kind == "indicator" and item.indicator_value_id == value.id
    assert "静脉血栓栓塞症" in item.problem and "未达目标值" in item.problem
    [again] = month_warnings(session, "2026-10")
    assert again.item_id == item.id
