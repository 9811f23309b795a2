"""Adverse events: times, grades, anonymity and record numbers only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from qmsdesk.errors import ValidationError
from qmsdesk.services import events as svc

AT = datetime(2026, 3, 9, 22, 30)  # local, as typed


def report(session, **over):
    values = dict(occurred_at=AT, reported_at=AT + timedelta(hours=2), category="fall", grade="III",
                  description="患者夜间如厕时跌倒，无明显损伤", immediate_action="查体、通知医生", medical_record_no="ZY2026-0318")
    values.update(over)
    return svc.report_event(session, **values)


def test_anonymous_report(session):
    event = report(session)
    assert event.anonymous and event.reporter is None
    assert event.occurred_at.tzinfo is not None
    assert event.occurred_at == AT.replace(tzinfo=ZoneInfo("Asia/Shanghai"))  # typed times are the unit's


def test_named_reporter(session, nurse):
    assert report(session, reporter_id=nurse.id).reporter is nurse


def test_reported_defaults_to_now(session):
    event = report(session, reported_at=None)
    assert abs((event.reported_at - datetime.now(UTC)).total_seconds()) < 60


def test_event_in_future_refused(session):
    later = datetime.now(UTC) + timedelta(hours=2)
    with pytest.raises(ValidationError) as err:
        report(session, occurred_at=later, reported_at=later + timedelta(minutes=5))
    assert set(err.value.fields) == {"occurred_at", "reported_at"}


def test_reported_before_occurred_refused(session):
    with pytest.raises(ValidationError) as err:
        report(session, reported_at=AT - timedelta(minutes=1))
    assert err.value.fields == ["reported_at"] and "早于发生时间" in str(err.value)


def test_reported_at_same_moment_accepted(session):
    assert report(session, reported_at=AT).reported_at == report(session).occurred_at


def test_patient_name_instead_of_record_number_refused(session):
    with pytest.raises(ValidationError) as err:
        report(session, medical_record_no="张三")
    assert err.value.fields == ["medical_record_no"] and "病案号" in str(err.value)


def test_event_form_errors_collected(session):
    with pytest.raises(ValidationError) as err:
        svc.report_event(session, occurred_at=None, category="spill", grade="V", description="")
    assert set(err.value.fields) == {"occurred_at", "category", "grade", "description"}
    assert "Ⅳ级" in str(err.value)


def test_update_delete_restore_and_list(session):
    march = report(session)
    april = report(session, occurred_at=datetime(2026, 4, 1, 8, 0), reported_at=None, category="medication_error",
                   grade="IV")
    with pytest.raises(ValidationError):
        svc.update_event(session, march.id, reported_at=AT - timedelta(days=1))
    with pytest.raises(TypeError):
        svc.update_event(session, march.id, patient_name="x")
    svc.update_event(session, march.id, analysis="夜间照明不足", grade="II")
    assert march.grade == "II"
    assert svc.list_events(session, period="2026-03") == [march]
    assert svc.list_events(session, grade="IV") == [april]
    assert svc.list_events(session, year=2026, category="fall") == [march]
    svc.delete_event(session, april.id)
    assert svc.list_events(session) == [march]
    svc.restore_event(session, april.id)
    assert svc.list_events(session) == [march, april]


def test_a_bare_date_means_the_start_of_that_day(session):
    from datetime import date

    event = report(session, occurred_at=date(2026, 3, 9), reported_at=date(2026, 3, 10))
    assert event.occurred_at == datetime(2026, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
