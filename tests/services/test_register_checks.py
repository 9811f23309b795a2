"""An indicator whose numerator counts the ward's own events is checked against the event register for the month."""

from __future__ import annotations

from datetime import UTC, datetime

from qmsdesk.db import models as m
from qmsdesk.services.submission import validate_month
from qmsdesk.services.submission_checks import Link

PERIOD = "2026-10"


def _definition(s, code: str, name: str, mult: float = 1000) -> m.IndicatorDefinition:
    d = m.IndicatorDefinition(code=code, name_zh=name, name_en=code, numerator_def="例数", denominator_def="分母",
                              kind="rate", multiplier=mult, unit="‰", direction="lower", target=None,
                              department_types=[], applicable=True)
    s.add(d)
    s.flush()
    return d


def _event(s, at: datetime, category: str) -> None:
    s.add(m.AdverseEvent(occurred_at=at, reported_at=at, category=category, grade="III", description="事件"))


def _ward(s) -> dict[str, m.IndicatorValue]:
    values = {}
    for code, name, numerator in (("NUR-FALL", "住院患者跌倒发生率", 2), ("NIT-AE-REPORT", "每百名出院人次主动报告不良事件例数", 3),
                                  ("NUR-UEX-GT", "胃肠导管非计划拔管率", 1), ("NUR-UEX-UC", "导尿管非计划拔管率", 0)):
        d = _definition(s, code, name)
        values[code] = m.IndicatorValue(indicator_id=d.id, period=PERIOD, numerator=numerator, denominator=1200)
        s.add(values[code])
    # October in Shanghai: 10-31 23:30 is still October, 11-01 01:00 is not.
    _event(s, datetime(2026, 10, 31, 15, 30, tzinfo=UTC), "fall")
    _event(s, datetime(2026, 10, 31, 17, 0, tzinfo=UTC), "fall")
    _event(s, datetime(2026, 10, 12, 2, 0, tzinfo=UTC), "medication_error")
    _event(s, datetime(2026, 10, 20, 2, 0, tzinfo=UTC), "unplanned_extubation")
    s.flush()
    return values


def mismatches(session):
    return [w for w in validate_month(session, PERIOD).warnings if w.code == "register_mismatch"]


def test_a_numerator_that_disagrees_with_the_register_is_a_warning_naming_both_numbers_and_both_places(session):
    values = _ward(session)
    [fall] = mismatches(session)  # 3 reported = 3 in the register; 1 + 0 extubations = 1: those agree
    assert "“住院患者跌倒发生率”" in fall.message and "分子合计 2 例" in fall.message
    assert "不良事件登记中2026年10月的跌倒/坠床为 1 例" in fall.message
    assert fall.links == (Link("indicator_value", str(values["NUR-FALL"].id)), Link("adverse_event", None))
    assert not fall.blocking and "不良事件" in fall.hint
    assert fall.as_dict()["links"] == [{"kind": "indicator_value", "record_id": str(values["NUR-FALL"].id)},
                                       {"kind": "adverse_event", "record_id": None}]


def test_the_register_and_the_tube_rates_add_up_together(session):
    values = _ward(session)
    values["NUR-UEX-UC"].numerator = 1  # two removals reported across the tube types, one in the register
    session.flush()
    tubes = next(w for w in mismatches(session) if "胃肠导管" in w.message)
    assert "“胃肠导管非计划拔管率”、“导尿管非计划拔管率”" in tubes.message
    assert "分子合计 2 例" in tubes.message and "非计划拔管为 1 例" in tubes.message


def test_recording_the_missing_event_clears_the_warning(session):
    values = _ward(session)
    _event(session, datetime(2026, 10, 3, 12, 0, tzinfo=UTC), "fall")
    session.flush()
    [reported] = mismatches(session)  # the register now holds 4 events, the reporting rate still counts 3
    assert "全部不良事件为 4 例" in reported.message
    values["NIT-AE-REPORT"].numerator = 4
    session.flush()
    assert mismatches(session) == []
    session.add(m.AdverseEvent(occurred_at=datetime(2026, 10, 4, 12, 0, tzinfo=UTC),
                               reported_at=datetime(2026, 10, 4, 12, 0, tzinfo=UTC), category="fall", grade="IV",
                               description="重复录入", deleted=True))  # a deleted record counts in neither
    session.flush()
    assert mismatches(session) == []
