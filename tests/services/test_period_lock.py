"""A submitted month refuses every edit through the services, naming the submission; amending reopens it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from qmsdesk.errors import PeriodLockedError
from qmsdesk.periods import Period
from qmsdesk.services import events, indicators, inspections, meetings, submission, training
from qmsdesk.services import staff as staff_service

MARCH = date(2026, 3, 12)
APRIL = date(2026, 4, 8)


def _setup(s) -> dict:
    nurse = staff_service.create_staff(s, name="李娜", employee_no="N001", profession="nurse")
    doctor = staff_service.create_staff(s, name="张伟", employee_no="D001", profession="doctor")
    meeting = meetings.create_meeting(s, kind="group_monthly", date=MARCH, attendance=[(nurse.id, "present")],
                                      problems=["交接班不规范"])
    lecture = training.create_training_session(s, topic="心肺复苏", category="skills", hours=2, date=MARCH,
                                               attendance=[nurse.id])
    exam = training.create_assessment(s, staff_id=nurse.id, kind="practical", subject="心肺复苏", date=MARCH,
                                      score=90)
    ind = indicators.create_indicator(s, code="X-FALL", name_zh="跌倒发生率", numerator_def="例次",
                                      denominator_def="床日", kind="rate", multiplier=1000, direction="lower")
    indicators.set_value(s, ind, Period(2026, 3), 1, 2000)
    insp = inspections.create_inspection(s, kind="self", date=MARCH, inspector="护士长",
                                         findings=[("院感", "锐器盒过满")])
    event = events.report_event(s, occurred_at=datetime(2026, 3, 9, 10, 0), category="fall", grade="IV",
                                description="险些跌倒")
    april = meetings.create_meeting(s, kind="group_monthly", date=APRIL)
    return dict(nurse=nurse.id, doctor=doctor.id, meeting=meeting.id, lecture=lecture.id, exam=exam.id,
                ind=ind.id, insp=insp.id, finding=insp.findings[0].id, event=event.id, april=april.id)


EDITS = {
    "meeting": lambda s, r: meetings.update_meeting(s, r["meeting"], minutes="补记"),
    "meeting deleted": lambda s, r: meetings.delete_meeting(s, r["meeting"]),
    "new meeting in month": lambda s, r: meetings.create_meeting(s, kind="safety", date=MARCH),
    "meeting moved into month": lambda s, r: meetings.update_meeting(s, r["april"], date=MARCH),
    "attendance": lambda s, r: meetings.set_attendance(s, r["meeting"], [(r["nurse"], "absent")]),
    "attendance added": lambda s, r: meetings.set_attendance(s, r["meeting"],
                                                             [(r["nurse"], "present"), (r["doctor"], "present")]),
    "meeting problem": lambda s, r: meetings.add_problem(s, r["meeting"], description="补充问题"),
    "training session": lambda s, r: training.update_training_session(s, r["lecture"], hours=3),
    "training attendance": lambda s, r: training.set_training_attendance(s, r["lecture"], [r["doctor"]]),
    "assessment": lambda s, r: training.update_assessment(s, r["exam"], score=95),
    "scores recorded": lambda s, r: training.record_scores(s, r["lecture"], {r["doctor"]: 85}),
    "indicator value": lambda s, r: indicators.set_value(s, r["ind"], Period(2026, 3), 2, 2000),
    "indicator value deleted": lambda s, r: indicators.delete_value(s, r["ind"], Period(2026, 3)),
    "inspection": lambda s, r: inspections.update_inspection(s, r["insp"], summary="补记"),
    "finding": lambda s, r: inspections.update_finding(s, r["finding"], description="锐器盒超过3/4"),
    "finding added": lambda s, r: inspections.add_finding(s, r["insp"], category="文书", description="漏签"),
    "adverse event": lambda s, r: events.update_event(s, r["event"], grade="III"),
    "new event in month": lambda s, r: events.report_event(s, occurred_at=datetime(2026, 3, 20, 9, 0),
                                                           category="medication_error", grade="IV",
                                                           description="剂量核对差错被及时发现"),
}


@pytest.fixture
def locked(db):
    with db.session() as s:
        refs = _setup(s)
        submission.submit_month(s, Period(2026, 3))
    return refs


@pytest.mark.parametrize("what", list(EDITS))
def test_edit_in_submitted_month_is_refused(db, locked, what):
    with pytest.raises(PeriodLockedError) as err, db.session() as s:
        EDITS[what](s, locked)
        s.flush()
    text = str(err.value)
    assert "2026-03" in text and "第 1 版" in text and "更正" in text and "第 2 版" in text


@pytest.mark.parametrize("what", list(EDITS))
def test_amend_reopens_the_month(db, locked, what):
    with db.session() as s:
        submission.amend_month(s, Period(2026, 3), "补录数据")
    with db.session() as s:
        EDITS[what](s, locked)
    with db.session() as s:
        assert submission.month_state(s, Period(2026, 3)).version == 2


def test_other_months_stay_editable(db, locked):
    with db.session() as s:
        meetings.update_meeting(s, locked["april"], minutes="四月例会")
        staff_service.update_staff(s, locked["nurse"], title="主管护师")
