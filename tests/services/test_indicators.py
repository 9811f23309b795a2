"""Indicator definitions the office adds, and the monthly figures: counts, proportions, zero exposure."""

from __future__ import annotations

import pytest

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import indicators as svc


@pytest.fixture
def falls(session):
    return svc.create_indicator(session, code="X-FALL", name_zh="住院患者跌倒发生率", name_en="Inpatient falls",
                                numerator_def="跌倒例次数", denominator_def="住院患者实际占用床日数", kind="rate",
                                multiplier=1000, unit="‰", direction="lower", target=0.5)


@pytest.fixture
def vte(session):
    return svc.create_indicator(session, code="X-VTE", name_zh="VTE规范预防率", numerator_def="规范预防例数",
                                denominator_def="VTE中高危患者数", kind="proportion", direction="higher", unit="%")


@pytest.fixture
def hours(session):
    return svc.create_indicator(session, code="X-HOURS", name_zh="每住院患者24小时平均护理时数",
                                numerator_def="护理时数", denominator_def="住院患者实际占用床日数", kind="mean",
                                direction="higher", unit="小时")


@pytest.fixture
def catalogue_one(session):
    row = m.IndicatorDefinition(code="NUR-PI", name_zh="压力性损伤发生率", name_en="Pressure injuries",
                                numerator_def="新发例数", denominator_def="住院患者总数", kind="proportion",
                                multiplier=100, unit="%", direction="lower", custom=False, applicable=True)
    session.add(row)
    session.flush()
    return row


def test_custom_indicator_defaults(vte):
    assert (vte.custom, vte.applicable, vte.multiplier, vte.name_en) == (True, True, 100.0, "VTE规范预防率")


def test_definition_rules_collected(session, falls):
    with pytest.raises(ValidationError) as err:
        svc.create_indicator(session, code="x-fall", name_zh="", numerator_def="", kind="odds", direction="up",
                             multiplier=0, target=-1)
    assert set(err.value.fields) == {"code", "name_zh", "numerator_def", "kind", "direction", "denominator_def",
                                     "multiplier", "target"}
    assert "已存在" in str(err.value)


def test_count_indicator_needs_no_denominator_definition(session):
    row = svc.create_indicator(session, code="X-AE", name_zh="不良事件例数", numerator_def="例数", kind="count",
                               direction="higher")
    assert svc.set_value(session, row, Period(2026, 3), 4).value == 4


def test_proportion_numerator_above_denominator_refused(session, vte):
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, vte, Period(2026, 3), 31, 30)
    assert err.value.fields == ["numerator"] and "分母" in str(err.value) and "31" in str(err.value)


def test_proportion_numerator_equal_to_denominator_accepted(session, vte):
    assert svc.set_value(session, vte.code, Period(2026, 3), 30, 30).value == 100


@pytest.mark.parametrize(("num", "den", "fields"), [
    (-1, 10, ["numerator"]), (1, -10, ["denominator"]), (1.5, 10, ["numerator"]), (1, 10.5, ["denominator"]),
    (None, 10, ["numerator"]), (1, None, ["denominator"]), ("3", 10, ["numerator"]),
])
def test_bad_counts_refused(session, vte, num, den, fields):
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, vte, Period(2026, 3), num, den)
    assert err.value.fields == fields


def test_rate_numerator_whole_but_denominator_may_be_fractional(session, falls):
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, falls, Period(2026, 3), 0.5, 2000)
    assert "整数" in str(err.value)
    assert svc.set_value(session, falls, Period(2026, 3), 1, 1999.5).value == pytest.approx(1 / 1999.5 * 1000)


def test_mean_numerator_may_be_fractional(session, hours):
    assert svc.set_value(session, hours, Period(2026, 3), 3010.5, 1000).value == pytest.approx(3.0105)


def test_zero_denominator_means_no_exposure(session, falls, vte):
    assert svc.set_value(session, falls, Period(2026, 3), 0, 0).value is None
    assert svc.set_value(session, vte, Period(2026, 3), 0, 0).value is None
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, falls, Period(2026, 4), 1, 0)
    assert "无暴露" in str(err.value)


def test_period_format_and_future_refused(session, falls):
    with pytest.raises(ValidationError) as err:  # a month typed or read is read into a Period where it arrives
        Period.parse("2026/03")
    assert err.value.fields == ["period"] and "YYYY-MM" in str(err.value)
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, falls, Period.of(today()).next(), 1, 1000)
    assert err.value.fields == ["period"] and "尚未到来" in str(err.value)
    assert svc.set_value(session, falls, Period.of(today()), 0, 500).period == str(Period.of(today()))


def test_all_errors_of_a_value_reported_together(session, vte):
    with pytest.raises(ValidationError) as err:
        svc.set_value(session, vte, Period.of(today()).next(), -2, 1.5)
    assert set(err.value.fields) == {"period", "numerator", "denominator"}


def test_set_value_upserts_and_revives(session, falls):
    first = svc.set_value(session, falls, Period(2026, 3), 1, 2000, "夜班跌倒1例")
    again = svc.set_value(session, falls, Period(2026, 3), 2, 2000, "补报1例")
    assert first is again and (again.numerator, again.note) == (2, "补报1例")
    svc.delete_value(session, falls, Period(2026, 3))
    assert svc.value_for(session, falls, Period(2026, 3)) is None
    revived = svc.set_value(session, falls, Period(2026, 3), 0, 2010)
    assert revived is first and not revived.deleted and revived.note is None
    with pytest.raises(NotFoundError):
        svc.delete_value(session, falls, Period(2026, 4))


def test_values_by_period_and_by_indicator(session, falls, vte, catalogue_one):
    svc.set_value(session, vte, Period(2026, 3), 18, 20)
    svc.set_value(session, falls, Period(2026, 3), 1, 2000)
    svc.set_value(session, falls, Period(2026, 2), 0, 1900)
    assert [v.indicator.code for v in svc.values_for_period(session, Period(2026, 3))] == ["X-FALL", "X-VTE"]
    assert [v.period for v in svc.values_for_indicator(session, "X-FALL")] == ["2026-02", "2026-03"]
    assert [v.period for v in svc.values_for_indicator(session, falls.id, start=Period(2026, 3))] == ["2026-03"]
    assert svc.missing_for_period(session, Period(2026, 3)) == [catalogue_one]
    svc.delete_indicator(session, vte)
    assert [v.indicator.code for v in svc.values_for_period(session, Period(2026, 3))] == ["X-FALL"]


def test_catalogue_indicator_only_target_warning_applicable(session, catalogue_one):
    svc.update_indicator(session, catalogue_one, target=0.2, warning=0.15)
    svc.set_applicable(session, catalogue_one.code, False)
    assert (catalogue_one.target, catalogue_one.applicable) == (0.2, False)
    with pytest.raises(ValidationError) as err:
        svc.update_indicator(session, catalogue_one, name_zh="改名")
    assert "目标值" in str(err.value)
    with pytest.raises(ValidationError):
        svc.delete_indicator(session, catalogue_one)
    with pytest.raises(TypeError):
        svc.update_indicator(session, catalogue_one, custom=True)


def test_kind_fixed_once_values_exist(session, vte):
    svc.update_indicator(session, vte, kind="rate", multiplier=1000)
    svc.set_value(session, vte, Period(2026, 3), 1, 10)
    with pytest.raises(ValidationError) as err:
        svc.update_indicator(session, vte, kind="proportion")
    assert err.value.fields == ["kind"]


def test_deleted_code_is_reported_as_restorable(session, vte):
    svc.delete_indicator(session, vte)
    with pytest.raises(ValidationError) as err:
        svc.create_indicator(session, code="X-VTE", name_zh="再建", numerator_def="a", denominator_def="b",
                             kind="proportion", direction="higher")
    assert "可恢复" in str(err.value)
    svc.restore_indicator(session, vte.id)
    assert svc.get_indicator(session, "X-VTE") is vte
    with pytest.raises(NotFoundError):
        svc.get_indicator(session, "NOPE")


def test_list_indicators(session, falls, vte, catalogue_one):
    assert [d.code for d in svc.list_indicators(session)] == ["NUR-PI", "X-FALL", "X-VTE"]
    assert svc.list_indicators(session, custom=False) == [catalogue_one]
    assert svc.list_indicators(session, search="跌倒") == [falls]


def test_unchanged_reentry_writes_no_audit_row(session, falls):
    from qmsdesk.services import audit

    value = svc.set_value(session, falls, Period(2026, 3), 1, 2000)
    svc.set_value(session, falls, Period(2026, 3), 1, 2000)
    svc.set_value(session, falls, Period(2026, 3), 2, 2000)
    life = audit.history(session, value.id)
    assert [r.action for r in life] == ["create", "update"]
    assert [(c.label, c.old, c.new) for c in life[1].changes] == [("分子", 1, 2)]


def test_the_value_list_shows_months_not_entered_and_misses_in_the_users_language(session, falls, hours):
    """数据列表's rows, once built by the page: a missing month is a row, a missed target says so, English names."""
    from datetime import date

    from qmsdesk.i18n import set_language

    svc.set_value(session, falls, Period(2026, 8), 2, 1000)  # 2‰ against a target of ≤0.5‰
    rows = svc.value_rows(session, as_of=date(2026, 10, 20))
    assert [(str(r.period), r.code, r.status) for r in rows] == [
        ("2026-10", "X-FALL", "missing"), ("2026-10", "X-HOURS", "missing"),
        ("2026-09", "X-FALL", "missing"), ("2026-09", "X-HOURS", "missing"),
        ("2026-08", "X-FALL", "off"), ("2026-08", "X-HOURS", "missing")]
    set_language("en")
    try:
        names = {(r.code, r.name, r.unit) for r in svc.value_rows(session, as_of=date(2026, 8, 20))}
    finally:
        set_language("zh_CN")
    assert names == {("X-FALL", "Inpatient falls", "‰"), ("X-HOURS", "每住院患者24小时平均护理时数", "hours")}
