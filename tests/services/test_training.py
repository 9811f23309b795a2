"""Training sessions and assessments: hours, dates, scores 0–100, retakes."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import training as svc

DAY = date(2026, 3, 18)


def lecture(session, **over):
    values = dict(topic="跌倒风险评估", category="basic_theory", hours=2, date=DAY, trainer="护理部 陈老师")
    values.update(over)
    return svc.create_training_session(session, **values)


def test_session_with_attendance(session, nurse, doctor):
    t = lecture(session, attendance=[nurse.id, (doctor.id, "absent")])
    assert {(a.staff_id, a.status) for a in t.attendance} == {(nurse.id, "present"), (doctor.id, "absent")}
    assert svc.list_training_sessions(session, staff_id=nurse.id) == [t]
    assert svc.list_training_sessions(session, staff_id=doctor.id) == []


@pytest.mark.parametrize("hours", [0, -1, 24.5, "2", None])
def test_training_hours_must_be_sensible(session, hours):
    with pytest.raises(ValidationError) as err:
        lecture(session, hours=hours)
    assert err.value.fields == ["hours"] and "学时" in str(err.value)


@pytest.mark.parametrize("hours", [0.5, 2, 24])
def test_training_hours_accepted(session, hours):
    assert lecture(session, hours=hours).hours == hours


def test_training_in_future_refused(session):
    with pytest.raises(ValidationError) as err:
        lecture(session, date=today() + timedelta(days=1))
    assert err.value.fields == ["date"]


def test_training_form_errors_collected(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.create_training_session(session, topic=" ", category="yoga", hours=0, date=None,
                                    attendance=[uuid.uuid4(), nurse.id, nurse.id])
    assert set(err.value.fields) == {"topic", "category", "hours", "date", "attendance"}


def test_set_training_attendance(session, nurse, doctor):
    t = lecture(session, attendance=[nurse.id])
    svc.set_training_attendance(session, t.id, [doctor.id])
    svc.set_training_attendance(session, t.id, [nurse.id, (doctor.id, "excused")])
    assert {(a.staff_id, a.status) for a in svc.training_attendance_of(session, t.id)} == {
        (nurse.id, "present"), (doctor.id, "excused")}


def test_record_scores_creates_assessments(session, nurse, doctor):
    t = lecture(session, attendance=[nurse.id, doctor.id])
    rows = svc.record_scores(session, t.id, {nurse.id: 92, str(doctor.id): 71.5})
    assert [(a.staff_id, a.score, a.passed, a.subject, a.date, a.session_id) for a in rows] == [
        (nurse.id, 92, True, "跌倒风险评估", DAY, t.id), (doctor.id, 71.5, False, "跌倒风险评估", DAY, t.id)]
    assert svc.list_assessments(session, failed_only=True) == [rows[1]]


def test_record_scores_reports_every_bad_score_with_name(session, nurse, doctor):
    t = lecture(session)
    with pytest.raises(ValidationError) as err:
        svc.record_scores(session, t.id, {nurse.id: 101, doctor.id: -3})
    text = str(err.value)
    assert "李娜" in text and "张伟" in text and "0–100" in text
    assert svc.list_assessments(session) == []


@pytest.mark.parametrize("score", [-0.5, 100.5, None, "90"])
def test_score_outside_0_100_refused(session, nurse, score):
    with pytest.raises(ValidationError) as err:
        svc.create_assessment(session, staff_id=nurse.id, kind="theory", subject="三基", date=DAY, score=score)
    assert err.value.fields == ["score"]


@pytest.mark.parametrize("score", [0, 80, 100])
def test_score_inside_0_100_accepted(session, nurse, score):
    a = svc.create_assessment(session, staff_id=nurse.id, kind="practical", subject="心肺复苏", date=DAY, score=score)
    assert a.passed is (score >= 80) and a.pass_mark == 80


def test_assessment_in_future_refused(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.create_assessment(session, staff_id=nurse.id, kind="theory", subject="三基",
                              date=today() + timedelta(days=1), score=90)
    assert err.value.fields == ["date"] and "考核日期" in str(err.value)


def test_retake_links_the_failed_assessment(session, nurse, doctor):
    first = svc.create_assessment(session, staff_id=nurse.id, kind="theory", subject="三基", date=DAY, score=65)
    second = svc.retake(session, first.id, date=DAY + timedelta(days=14), score=88)
    assert (second.retake_of_id, second.subject, second.passed) == (first.id, "三基", True)
    assert svc.retakes_of(session, first.id) == [second]
    with pytest.raises(ValidationError) as err:
        svc.retake(session, first.id, date=DAY - timedelta(days=1), score=90)
    assert err.value.fields == ["date"]
    with pytest.raises(ValidationError) as err:
        svc.create_assessment(session, staff_id=doctor.id, kind="theory", subject="三基", date=DAY, score=90,
                              retake_of_id=first.id)
    assert err.value.fields == ["retake_of_id"]


def test_update_assessment_validates_merged_record(session, nurse):
    a = svc.create_assessment(session, staff_id=nurse.id, kind="theory", subject="三基", date=DAY, score=85)
    with pytest.raises(ValidationError):
        svc.update_assessment(session, a.id, score=120)
    with pytest.raises(TypeError):
        svc.update_assessment(session, a.id, passed=True)
    svc.update_assessment(session, a.id, score=78)
    assert not a.passed


def test_delete_and_restore(session, nurse):
    t = lecture(session, attendance=[nurse.id])
    a = svc.create_assessment(session, staff_id=nurse.id, kind="theory", subject="三基", date=DAY, score=85)
    svc.delete_training_session(session, t.id)
    svc.delete_assessment(session, a.id)
    assert svc.list_training_sessions(session) == [] and svc.list_assessments(session) == []
    svc.restore_training_session(session, t.id)
    svc.restore_assessment(session, a.id)
    assert svc.list_training_sessions(session, year=2026, category="basic_theory") == [t]
    assert svc.list_assessments(session, staff_id=nurse.id, period=Period(2026, 3)) == [a]
