"""Meetings: dates, attendance, problems raised, and following up last meeting's open items."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import ledger
from qmsdesk.services import meetings as svc

DAY = date(2026, 3, 12)


def monthly(session, **over):
    values = dict(kind="group_monthly", date=DAY, place="护士站示教室", agenda="3月质控分析")
    values.update(over)
    return svc.create_meeting(session, **values)


def test_meeting_with_attendance_and_problems(session, nurse, doctor, head_nurse):
    meeting = monthly(session, host_id=doctor.id, recorder_id=head_nurse.id,
                      attendance=[(doctor.id, "present"), (nurse.id, "excused"), (str(head_nurse.id), "present")],
                      problems=["交接班记录不全", ("院感", "手卫生依从性低")])
    assert meeting.host is doctor and meeting.recorder is head_nurse
    assert {(a.staff.name, a.status) for a in meeting.attendance} == {
        ("张伟", "present"), ("李娜", "excused"), ("王芳", "present")}
    assert [(p.category, p.description) for p in svc.problems_of(session, meeting.id)] == [
        (None, "交接班记录不全"), ("院感", "手卫生依从性低")]


def test_meeting_dated_in_future_refused(session):
    with pytest.raises(ValidationError) as err:
        monthly(session, date=today() + timedelta(days=1))
    assert err.value.fields == ["date"] and "不能晚于今天" in str(err.value)


def test_meeting_today_accepted(session):
    assert monthly(session, date=today()).date == today()


def test_meeting_form_errors_collected(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.create_meeting(session, kind="party", date=None, host_id=uuid.uuid4(),
                           attendance=[(nurse.id, "asleep"), (nurse.id, "present")], problems=[" "])
    assert set(err.value.fields) == {"kind", "date", "host_id", "attendance", "problems"}
    assert "出现了两次" in str(err.value) and "请填写会议日期" in str(err.value)
    assert svc.list_meetings(session) == []


def test_set_attendance_replaces_and_revives(session, nurse, doctor):
    meeting = monthly(session, attendance=[(nurse.id, "present"), (doctor.id, "absent")])
    rows = svc.set_attendance(session, meeting.id, [(nurse.id, "excused")])
    assert [(a.staff_id, a.status) for a in rows] == [(nurse.id, "excused")]
    rows = svc.set_attendance(session, meeting.id, [(nurse.id, "excused"), (doctor.id, "present")])
    assert {(a.staff_id, a.status) for a in rows} == {(nurse.id, "excused"), (doctor.id, "present")}


def test_set_attendance_validates_before_changing(session, nurse):
    meeting = monthly(session, attendance=[(nurse.id, "present")])
    with pytest.raises(ValidationError):
        svc.set_attendance(session, meeting.id, [(nurse.id, "maybe")])
    assert [a.status for a in svc.attendance_of(session, meeting.id)] == ["present"]


def test_problems_added_edited_removed(session):
    meeting = monthly(session)
    problem = svc.add_problem(session, meeting.id, description="护理文书缺项", category="文书")
    with pytest.raises(ValidationError) as err:
        svc.add_problem(session, meeting.id, description="")
    assert err.value.fields == ["description"]
    svc.update_problem(session, problem.id, description="护理文书缺项3份")
    assert svc.problems_of(session, meeting.id)[0].description == "护理文书缺项3份"
    with pytest.raises(TypeError):
        svc.update_problem(session, problem.id, meeting_id=uuid.uuid4())
    svc.delete_problem(session, problem.id)
    assert svc.problems_of(session, meeting.id) == []


def test_update_meeting_validates_merged_record(session):
    meeting = monthly(session)
    with pytest.raises(ValidationError):
        svc.update_meeting(session, meeting.id, date=today() + timedelta(days=2))
    with pytest.raises(TypeError):
        svc.update_meeting(session, meeting.id, venue="x")
    svc.update_meeting(session, meeting.id, minutes="讨论了跌倒防范")
    assert meeting.minutes == "讨论了跌倒防范"


def test_list_meetings_by_period_and_kind(session):
    march = monthly(session)
    april = monthly(session, date=date(2026, 4, 9))
    safety = monthly(session, kind="safety", date=date(2026, 4, 20))
    assert svc.list_meetings(session, period=Period(2026, 4)) == [april, safety]
    assert svc.list_meetings(session, kind="group_monthly") == [march, april]
    assert svc.list_meetings(session, year=2026) == [march, april, safety]
    svc.delete_meeting(session, april.id)
    assert svc.list_meetings(session, period=Period(2026, 4)) == [safety]
    svc.restore_meeting(session, april.id)
    assert svc.list_meetings(session, period=Period(2026, 4)) == [april, safety]


def test_previous_open_items(session, head_nurse):
    march = monthly(session, problems=["床头卡缺失", "抢救车过期药品"])
    april = monthly(session, date=date(2026, 4, 9))
    first, second = svc.problems_of(session, march.id)
    still_open = ledger.item_from_meeting_problem(session, first.id)
    done = ledger.item_from_meeting_problem(session, second.id)
    ledger.start_work(session, done.id)
    ledger.submit_for_verification(session, done.id)
    ledger.verify_and_close(session, done.id, verifier_id=head_nurse.id, verified_on=date(2026, 3, 30),
                            effect_evaluation="已清理")
    assert svc.previous_open_items(session, april.id) == [still_open]
    assert svc.previous_open_items(session, march.id) == []
