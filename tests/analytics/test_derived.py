"""Derived figures on small hand-made data, with the expected numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from qmsdesk.analytics import derived
from qmsdesk.db import models as m

YEAR = 2026


def _staff(session, name, no, **kw):
    s = m.Staff(name=name, employee_no=no, profession=kw.pop("profession", "nurse"), **kw)
    session.add(s)
    return s


def _training(session, on, category, hours, marks):
    ts = m.TrainingSession(topic=f"{category}-{on}", category=category, hours=hours, date=on)
    session.add(ts)
    session.flush()
    for person, status in marks:
        session.add(m.TrainingAttendance(session_id=ts.id, staff_id=person.id, status=status))
    return ts


def _assess(session, person, on, score, retake_of=None, subject="三基理论"):
    a = m.Assessment(staff_id=person.id, kind="theory", subject=subject, date=on, score=score, pass_mark=80,
                     retake_of_id=retake_of.id if retake_of else None)
    session.add(a)
    session.flush()
    return a


@pytest.fixture
def ward(session):
    """Three nurses: 甲 trains well, 乙 misses a safety session, 丙 left before the year began."""
    a = _staff(session, "甲护士", "N1", hire_date=date(2015, 7, 1))
    b = _staff(session, "乙护士", "N2", hire_date=date(2020, 7, 1))
    c = _staff(session, "丙护士", "N3", hire_date=date(2010, 7, 1), active=False, left_on=date(2025, 6, 30))
    session.flush()
    _training(session, date(YEAR, 1, 10), "safety_law", 1.5, [(a, "present"), (b, "present")])
    _training(session, date(YEAR, 3, 10), "safety_law", 2.0, [(a, "present"), (b, "excused")])
    _training(session, date(YEAR, 4, 10), "skills", 3.0, [(a, "present"), (b, "present")])
    _training(session, date(YEAR - 1, 12, 10), "safety_law", 1.0, [(b, "present")])  # last year: not counted
    deleted = _training(session, date(YEAR, 5, 10), "safety_law", 4.0, [(b, "present")])
    deleted.deleted = True  # soft-deleted sessions count for nobody
    # 甲 passes first time; 乙 fails (72), fails the retake (78), passes the second retake (85).
    _assess(session, a, date(YEAR, 4, 20), 90)
    first = _assess(session, b, date(YEAR, 4, 20), 72)
    second = _assess(session, b, date(YEAR, 5, 5), 78, retake_of=first)
    _assess(session, b, date(YEAR, 5, 20), 85, retake_of=second)
    # 乙 also fails a practical in October and has no retake yet.
    _assess(session, b, date(YEAR, 10, 20), 60, subject="CPR")
    session.flush()
    return a, b, c


def test_person_year_counts_hours_safety_trainings_and_assessments(session, ward):
    a, b, _c = ward
    pa = derived.person_year(session, a.id, YEAR)
    assert (pa.training_hours, pa.trainings_attended, pa.safety_law_trainings) == (6.5, 3, 2)
    assert (pa.assessments_passed, pa.assessments_failed, pa.assessments_outstanding) == (1, 0, 0)
    assert pa.meets_safety_rule

    pb = derived.person_year(session, b.id, YEAR)
    assert (pb.training_hours, pb.trainings_attended, pb.safety_law_trainings) == (4.5, 2, 1)
    # The 三基 chain ended passed; both failed attempts still count; CPR is still outstanding.
    assert (pb.assessments_passed, pb.assessments_failed, pb.assessments_outstanding) == (1, 3, 1)
    assert not pb.meets_safety_rule


def test_staff_under_safety_rule_names_only_those_employed_that_year(session, ward):
    _a, b, c = ward
    under = derived.staff_under_safety_rule(session, YEAR)
    assert [p.name for p in under] == ["乙护士"]
    assert derived.person_year(session, c.id, YEAR) is None


def test_pass_rate_counts_people_passed_in_the_end_and_attempts(session, ward):
    rate = derived.training_pass_rate(session, YEAR)
    # 甲 passed everything; 乙 still has CPR outstanding → 1 of 2 people. Attempts: 5, passed 2.
    assert (rate.people_assessed, rate.people_passed, rate.attempts, rate.attempts_passed) == (2, 1, 5, 2)
    assert rate.rate == 50.0
    assert rate.attempt_rate == 40.0
    assert derived.training_pass_rate(session, YEAR - 5).rate is None


def test_group_meeting_held_with_attendance_and_other_kinds_ignored(session, ward):
    a, b, c = ward
    mt = m.Meeting(kind="group_monthly", date=date(YEAR, 3, 26), host=a)
    session.add_all([mt, m.Meeting(kind="safety", date=date(YEAR, 4, 2))])
    session.flush()
    for person, status in ((a, "present"), (b, "excused"), (c, "absent")):
        session.add(m.MeetingAttendance(meeting_id=mt.id, staff_id=person.id, status=status))
    session.flush()
    march = derived.group_meetings(session, "2026-03")
    assert march.held
    assert [(x.date, x.host, x.present, x.expected) for x in march.meetings] == [(date(YEAR, 3, 26), "甲护士", 1, 3)]
    assert not derived.group_meetings(session, "2026-04").held
    mt.deleted = True
    session.flush()
    assert not derived.group_meetings(session, "2026-03").held


def _definition(session, code, *, kind="proportion", multiplier=100, direction="lower", target=None,
                applicable=True):
    d = m.IndicatorDefinition(code=code, name_zh=code, name_en=code, numerator_def="n", denominator_def="d",
                              kind=kind, multiplier=multiplier, unit="%", direction=direction, target=target,
                              applicable=applicable)
    session.add(d)
    session.flush()
    return d


def test_indicators_entered_n_of_m_and_off_target(session):
    fall = _definition(session, "FALL", kind="rate", multiplier=1000, target=0.1)
    vte = _definition(session, "VTE", direction="higher", target=90)
    _definition(session, "LEVEL", target=None)
    other = _definition(session, "NOT-HERE", applicable=False)
    session.add_all([
        m.IndicatorValue(indicator_id=fall.id, period="2026-08", numerator=2, denominator=1300),
        m.IndicatorValue(indicator_id=vte.id, period="2026-08", numerator=95, denominator=100),
        m.IndicatorValue(indicator_id=other.id, period="2026-08", numerator=1, denominator=2),
        m.IndicatorValue(indicator_id=vte.id, period="2026-07", numerator=80, denominator=100),
    ])
    session.flush()
    aug = derived.indicator_completeness(session, "2026-08")
    assert (aug.entered, aug.applicable) == (2, 3)
    assert aug.missing == (("LEVEL", "LEVEL"),)
    assert [r.code for r in aug.off_target] == ["FALL"]  # 2/1300×1000 ≈ 1.54 > 0.1; VTE 95 ≥ 90
    jul = derived.indicator_completeness(session, "2026-07")
    assert (jul.entered, [r.code for r in jul.off_target]) == (1, ["VTE"])


def _item(session, found, deadline, status="open", closed_on=None, responsible=None, problem="问题"):
    extra = {}
    if status == "closed":
        extra = dict(verifier_id=responsible.id, verified_on=closed_on, closed_on=closed_on, effect_evaluation="有效")
    item = m.RectificationItem(source_kind="other", category="护理质量", problem=problem, found_on=found,
                               deadline=deadline, status=status, responsible_id=responsible.id if responsible else None,
                               **extra)
    session.add(item)
    return item


def test_ledger_open_and_overdue_as_of_a_day(session, ward):
    a, _b, _c = ward
    _item(session, date(2026, 9, 1), date(2026, 9, 30), "in_progress", responsible=a, problem="超期未完成")
    _item(session, date(2026, 10, 5), date(2026, 12, 1), "open", responsible=a)
    _item(session, date(2026, 10, 6), date(2026, 10, 20), "closed", closed_on=date(2026, 11, 10), responsible=a)
    _item(session, date(2026, 9, 2), date(2026, 9, 10), "closed", closed_on=date(2026, 10, 8), responsible=a)
    _item(session, date(2026, 11, 2), date(2026, 11, 3), "open", responsible=a)  # found after the first as_of
    gone = _item(session, date(2026, 9, 3), date(2026, 9, 4), "open", responsible=a)
    gone.deleted = True
    session.flush()

    end_oct = derived.ledger_figures(session, "2026-10", as_of=date(2026, 10, 31))
    # Open on 10-31: the in-progress one, the open one, and the one closed only on 11-10.
    assert end_oct.open == 3
    assert [(o.problem, o.responsible, o.days_overdue) for o in end_oct.overdue] == [
        ("超期未完成", "甲护士", 31), ("问题", "甲护士", 11)]
    assert (end_oct.raised, end_oct.closed) == (2, 1)

    later = derived.ledger_figures(session, "2026-10", as_of=date(2026, 11, 23))
    assert later.open == 3  # the 10-06 item closed; the 11-02 item is now found and late
    assert [o.days_overdue for o in later.overdue] == [54, 20]
    assert later.overdue_count == 2

    # A summary asks for the longest overdue only; the count still counts every overdue item.
    first = derived.ledger_figures(session, "2026-10", as_of=date(2026, 11, 23), listed=1)
    assert [o.days_overdue for o in first.overdue] == [54]
    assert (first.overdue_count, first.open, first.in_month) == (2, later.open, later.in_month)


def test_events_by_grade_place_events_in_their_month(session):
    def ev(when, grade, deleted=False):
        session.add(m.AdverseEvent(occurred_at=when, reported_at=when, category="fall", grade=grade,
                                   description="跌倒", deleted=deleted))

    ev(datetime(2026, 8, 4, 2, tzinfo=UTC), "II")
    ev(datetime(2026, 8, 20, 2, tzinfo=UTC), "III")
    ev(datetime(2026, 8, 21, 2, tzinfo=UTC), "III")
    ev(datetime(2026, 8, 22, 2, tzinfo=UTC), "I", deleted=True)
    ev(datetime(2026, 9, 15, 2, tzinfo=UTC), "IV")
    session.flush()
    assert derived.events_by_grade(session, "2026-08") == {"I": 0, "II": 1, "III": 2, "IV": 0}
    assert derived.events_by_grade(session, "2026-07") == {"I": 0, "II": 0, "III": 0, "IV": 0}


def test_training_month_sums_sessions_and_person_hours(session, ward):
    tm = derived.training_month(session, "2026-03")
    assert (tm.sessions, tm.hours, tm.attendances, tm.person_hours) == (1, 2.0, 1, 2.0)
    tm = derived.training_month(session, "2026-05")  # only the deleted session
    assert (tm.sessions, tm.hours, tm.attendances, tm.person_hours) == (0, 0, 0, 0)


def test_authorisations_expiring_within_days_and_expired(session, ward):
    a, b, _c = ward
    today = date(2026, 11, 23)
    session.add_all([
        m.Authorisation(staff_id=a.id, item="PICC置管", granted_on=date(2024, 12, 1), expires_on=date(2026, 12, 1)),
        m.Authorisation(staff_id=b.id, item="输血技术", granted_on=date(2024, 12, 23), expires_on=date(2026, 12, 23)),
        m.Authorisation(staff_id=b.id, item="除颤", granted_on=date(2024, 12, 24), expires_on=date(2026, 12, 24)),
        m.Authorisation(staff_id=a.id, item="造影", granted_on=date(2023, 11, 1), expires_on=date(2026, 11, 1)),
        m.Authorisation(staff_id=a.id, item="暂停的", granted_on=date(2024, 12, 1), expires_on=date(2026, 12, 2),
                        status="suspended"),
    ])
    session.flush()
    soon = derived.expiring_authorisations(session, 30, as_of=today)
    assert [(x.name, x.item, x.days_left) for x in soon] == [("甲护士", "PICC置管", 8), ("乙护士", "输血技术", 30)]
    assert [(x.item, x.days_left) for x in derived.expired_authorisations(session, as_of=today)] == [("造影", -22)]
