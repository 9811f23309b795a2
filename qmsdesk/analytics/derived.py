"""Figures derived from the records: per person and year, per department and month, per year.

Pure functions over a session and plain values, returning small frozen dataclasses; the dashboard,
the `status` command and the monthly submission read the same numbers from here. Only live
(not soft-deleted) records count.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.analytics.rates import TargetStatus
from qmsdesk.analytics.targets import month_assessment
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import (
    Attendance,
    AuthorisationStatus,
    EventGrade,
    MeetingKind,
    TrainingCategory,
)
from qmsdesk.db.queries import ITEM_COLUMNS, live
from qmsdesk.periods import Period

# Seed 001 art. 11: medical-safety or law training at least twice a year for every member of staff.
SAFETY_LAW_MINIMUM = 2


# --- per person and year -----------------------------------------------------------------------

@dataclass(frozen=True)
class PersonYear:
    """One person's training and assessment record for a calendar year.

    `assessments_passed` counts assessments (an attempt and its retakes) that ended passed;
    `assessments_failed` counts failed attempts, so a failure later put right by a retake still shows;
    `assessments_outstanding` counts assessments with no passing attempt yet.
    """

    staff_id: uuid.UUID
    name: str
    year: int
    training_hours: float
    trainings_attended: int
    safety_law_trainings: int
    assessments_passed: int
    assessments_failed: int
    assessments_outstanding: int

    @property
    def meets_safety_rule(self) -> bool:
        return self.safety_law_trainings >= SAFETY_LAW_MINIMUM


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _employed_in(staff: m.Staff, start: date, end: date) -> bool:
    if staff.hire_date is not None and staff.hire_date > end:
        return False
    return not (staff.left_on is not None and staff.left_on < start)


def _attended_sessions(session: Session, start: date, end: date) -> list[tuple[uuid.UUID, m.TrainingSession]]:
    rows = session.execute(
        select(m.TrainingAttendance.staff_id, m.TrainingSession)
        .join(m.TrainingSession, m.TrainingAttendance.session_id == m.TrainingSession.id)
        .where(
            m.TrainingAttendance.deleted.is_(False),
            m.TrainingSession.deleted.is_(False),
            m.TrainingAttendance.status == Attendance.PRESENT,
            m.TrainingSession.date >= start,
            m.TrainingSession.date <= end,
        )
    ).all()
    return [(sid, ts) for sid, ts in rows]


def _root(a: m.Assessment, by_id: dict[uuid.UUID, m.Assessment]) -> uuid.UUID:
    seen = set()
    while a.retake_of_id is not None and a.retake_of_id in by_id and a.id not in seen:
        seen.add(a.id)
        a = by_id[a.retake_of_id]
    return a.id


@dataclass(frozen=True)
class _AssessmentTally:
    passed: int
    failed: int
    outstanding: int


def _tally(attempts: Iterable[m.Assessment], by_id: dict[uuid.UUID, m.Assessment]) -> _AssessmentTally:
    chains: dict[uuid.UUID, bool] = {}
    failed = 0
    for a in attempts:
        key = _root(a, by_id)
        chains[key] = chains.get(key, False) or a.passed
        failed += not a.passed
    passed = sum(chains.values())
    return _AssessmentTally(passed, failed, len(chains) - passed)


def _assessments(session: Session, start: date, end: date) -> tuple[list[m.Assessment], dict[uuid.UUID, m.Assessment]]:
    """Attempts dated in [start, end], and every live attempt by id (a retake may cross a year end)."""
    every = session.scalars(live(m.Assessment)).all()
    by_id = {a.id: a for a in every}
    return [a for a in every if start <= a.date <= end], by_id


def people_year(session: Session, year: int) -> list[PersonYear]:
    """Every person employed at some time in `year`, with that year's training and assessments."""
    start, end = _year_bounds(year)
    staff = [s for s in session.scalars(live(m.Staff).order_by(m.Staff.employee_no)) if _employed_in(s, start, end)]
    hours: dict[uuid.UUID, float] = {}
    count: dict[uuid.UUID, int] = {}
    safety: dict[uuid.UUID, int] = {}
    for sid, ts in _attended_sessions(session, start, end):
        hours[sid] = hours.get(sid, 0.0) + ts.hours
        count[sid] = count.get(sid, 0) + 1
        if ts.category == TrainingCategory.SAFETY_LAW:
            safety[sid] = safety.get(sid, 0) + 1
    attempts, by_id = _assessments(session, start, end)
    per_person: dict[uuid.UUID, list[m.Assessment]] = {}
    for a in attempts:
        per_person.setdefault(a.staff_id, []).append(a)
    out = []
    for s in staff:
        t = _tally(per_person.get(s.id, []), by_id)
        out.append(PersonYear(
            staff_id=s.id, name=s.name, year=year, training_hours=round(hours.get(s.id, 0.0), 2),
            trainings_attended=count.get(s.id, 0), safety_law_trainings=safety.get(s.id, 0),
            assessments_passed=t.passed, assessments_failed=t.failed, assessments_outstanding=t.outstanding,
        ))
    return out


def person_year(session: Session, staff_id: uuid.UUID, year: int) -> PersonYear | None:
    """One person's figures for `year`; None when the person was not employed that year."""
    return next((p for p in people_year(session, year) if p.staff_id == staff_id), None)


def staff_under_safety_rule(session: Session, year: int) -> list[PersonYear]:
    """People employed in `year` with fewer than two safety/law trainings attended (seed 001 art. 11)."""
    return [p for p in people_year(session, year) if not p.meets_safety_rule]


# --- per year ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PassRate:
    """The group's assessment pass rate for a year, counted two ways.

    Per person (the headline, as in "三基三严 training and qualification rate 100%"): a person assessed
    in the year passes when every assessment they sat ended passed, retakes included.
    Per attempt: passing attempts / all attempts, which shows how often a first try failed.
    """

    year: int
    people_assessed: int
    people_passed: int
    attempts: int
    attempts_passed: int

    @property
    def rate(self) -> float | None:
        return self.people_passed / self.people_assessed * 100 if self.people_assessed else None

    @property
    def attempt_rate(self) -> float | None:
        return self.attempts_passed / self.attempts * 100 if self.attempts else None


def training_pass_rate(session: Session, year: int) -> PassRate:
    start, end = _year_bounds(year)
    return pass_rate_between(session, start, end)


def pass_rate_between(session: Session, start: date, end: date) -> PassRate:
    """The pass rate of the assessments dated start..end (a quarter, a year); `year` is the start's."""
    year = start.year
    attempts, by_id = _assessments(session, start, end)
    per_person: dict[uuid.UUID, list[m.Assessment]] = {}
    for a in attempts:
        per_person.setdefault(a.staff_id, []).append(a)
    passed_people = sum(1 for lst in per_person.values() if _tally(lst, by_id).outstanding == 0)
    return PassRate(
        year=year, people_assessed=len(per_person), people_passed=passed_people,
        attempts=len(attempts), attempts_passed=sum(1 for a in attempts if a.passed),
    )


# --- per department and month ------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingHeld:
    meeting_id: uuid.UUID
    date: date
    host: str | None
    present: int
    expected: int


@dataclass(frozen=True)
class GroupMeetings:
    """质控小组例会 of one month: held when at least one live group_monthly meeting is dated in it."""

    period: Period
    meetings: tuple[MeetingHeld, ...]

    @property
    def held(self) -> bool:
        return bool(self.meetings)


def group_meetings(session: Session, period: Period | str) -> GroupMeetings:
    p = Period.parse(period)
    rows = session.scalars(
        live(m.Meeting)
        .where(m.Meeting.kind == MeetingKind.GROUP_MONTHLY, m.Meeting.date >= p.first_day,
               m.Meeting.date <= p.last_day)
        .order_by(m.Meeting.date)
    ).all()
    held = []
    for mt in rows:
        marks = [a for a in mt.attendance if not a.deleted]
        held.append(MeetingHeld(
            meeting_id=mt.id, date=mt.date, host=mt.host.name if mt.host else None,
            present=sum(1 for a in marks if a.status == Attendance.PRESENT), expected=len(marks),
        ))
    return GroupMeetings(p, tuple(held))


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's month against its target (analytics/targets.py: a rare event judged on its year)."""

    code: str
    name: str
    value: float | None
    target: float | None
    direction: str
    unit: str
    status: TargetStatus
    reason: str = ""
    compared: float | None = None  # the value the target was compared with: the month's, or the rolling rate

    @property
    def off_target(self) -> bool:
        return self.status is TargetStatus.MISSED

    @property
    def watched(self) -> bool:
        return self.status is TargetStatus.UNCERTAIN


@dataclass(frozen=True)
class IndicatorCompleteness:
    """Indicators entered n of m: m applicable definitions, n of them with a live value for the month."""

    period: Period
    applicable: int
    entered: int
    missing: tuple[tuple[str, str], ...]  # (code, name) of applicable indicators with no value
    results: tuple[IndicatorResult, ...]

    @property
    def off_target(self) -> tuple[IndicatorResult, ...]:
        return tuple(r for r in self.results if r.off_target)

    @property
    def watched(self) -> tuple[IndicatorResult, ...]:
        return tuple(r for r in self.results if r.watched)


def indicator_completeness(session: Session, period: Period | str) -> IndicatorCompleteness:
    p = Period.parse(period)
    defs = session.scalars(
        live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True))
        .order_by(m.IndicatorDefinition.code)
    ).all()
    values = {
        v.indicator_id: v
        for v in session.scalars(live(m.IndicatorValue).where(m.IndicatorValue.period == str(p)))
    }
    from qmsdesk.analytics.charts import indicator_history
    from qmsdesk.analytics.warnings import history_start

    # The entered indicators' months in one query, not one query per indicator.
    history = indicator_history(session, [d.id for d in defs if d.id in values], history_start(p), p)
    results, missing = [], []
    for d in defs:
        v = values.get(d.id)
        if v is None:
            missing.append((d.code, d.name_zh))
            continue
        a = month_assessment(session, d, p, history.get(d.id, []))
        results.append(IndicatorResult(d.code, d.name_zh, v.value, d.target, d.direction, d.unit or "", a.status,
                                       a.reason(d.unit or "", d.direction, d.target), a.value))
    return IndicatorCompleteness(p, len(defs), len(results), tuple(missing), tuple(results))


@dataclass(frozen=True)
class OverdueItem:
    item_id: uuid.UUID
    problem: str
    responsible: str | None
    deadline: date
    days_overdue: int
    closed_later: date | None = None  # closed after the reference day: the date a report notes


@dataclass(frozen=True)
class LedgerFigures:
    """The 整改台账 seen on one day (`as_of`), with what happened in one month (rules.py defines each word).

    `in_month`: items open at some time in the month (what the month's report lists); `open` and
    `overdue_count`: items still open on `as_of`, an item closed after it counting as open; `raised` and
    `closed`: items found and closed (销号) in the month. Counted in SQL. `overdue` lists the overdue items,
    longest overdue first — all of them, or the first `listed` asked for (a summary names ten of 50,000).
    """

    period: Period
    as_of: date
    in_month: int
    open: int
    overdue: tuple[OverdueItem, ...]
    raised: int
    closed: int
    overdue_count: int


def _count_if(condition) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def ledger_figures(session: Session, period: Period | str, as_of: date | None = None,
                   listed: int | None = None) -> LedgerFigures:
    """The ledger of `period` judged on `as_of` (default: the month's end, rules.month_end), with the
    first `listed` overdue items (default: every one)."""
    p = Period.parse(period)
    day = as_of or rules.month_end(p)
    c, item = ITEM_COLUMNS, m.RectificationItem
    in_month, open_, overdue_count, raised, closed = session.execute(
        select(_count_if(rules.sql_in_month(c, p)), _count_if(rules.sql_open_on(c, day)),
               _count_if(rules.sql_overdue_on(c, day)), _count_if(rules.sql_found_in(c, p)),
               _count_if(rules.sql_closed_in(c, p)))
        .where(item.deleted.is_(False))
    ).one()
    # Longest overdue first is the earliest deadline first (days overdue = day - deadline).
    query = (select(item.id, item.problem, m.Staff.name, item.deadline, item.status, item.closed_on,
                    item.verified_on, item.found_on)
             .outerjoin(m.Staff, m.Staff.id == item.responsible_id)
             .where(item.deleted.is_(False), rules.sql_overdue_on(c, day))
             .order_by(item.deadline, item.found_on))
    rows = session.execute(query if listed is None else query.limit(listed)).all() if overdue_count else []
    overdue = tuple(
        OverdueItem(r.id, r.problem, r.name, r.deadline, rules.days_overdue(r, day), rules.closed_after(r, day))
        for r in rows
    )
    return LedgerFigures(p, day, int(in_month), int(open_), overdue, int(raised), int(closed), int(overdue_count))


def events_by_grade(session: Session, period: Period | str) -> dict[str, int]:
    """Adverse events that occurred in the month (the unit's zone), counted by grade I–IV (all four keys)."""
    p = Period.parse(period)
    counts = {g.value: 0 for g in EventGrade}
    rows = session.execute(
        select(m.AdverseEvent.grade, func.count())
        .where(m.AdverseEvent.deleted.is_(False), rules.sql_event_in_month(m.AdverseEvent.occurred_at, p))
        .group_by(m.AdverseEvent.grade)
    )
    for grade, n in rows:
        if grade in counts:
            counts[grade] += n
    return counts


@dataclass(frozen=True)
class TrainingMonth:
    sessions: int
    hours: float  # sum of the sessions' hours (学时 offered)
    attendances: int  # people present, summed over sessions (人次)
    person_hours: float  # hours × people present


def training_month(session: Session, period: Period | str) -> TrainingMonth:
    p = Period.parse(period)
    sessions = session.scalars(
        live(m.TrainingSession).where(m.TrainingSession.date >= p.first_day, m.TrainingSession.date <= p.last_day)
    ).all()
    attended = _attended_sessions(session, p.first_day, p.last_day)
    return TrainingMonth(
        sessions=len(sessions), hours=round(sum(s.hours for s in sessions), 2), attendances=len(attended),
        person_hours=round(sum(ts.hours for _sid, ts in attended), 2),
    )


# --- authorisations ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AuthorisationDue:
    authorisation_id: uuid.UUID
    name: str
    item: str
    expires_on: date
    days_left: int  # negative when already expired


def _active_authorisations(session: Session) -> list[m.Authorisation]:
    return list(session.scalars(
        live(m.Authorisation)
        .where(m.Authorisation.status == AuthorisationStatus.ACTIVE, m.Authorisation.expires_on.is_not(None))
        .order_by(m.Authorisation.expires_on)
    ))


def _due(a: m.Authorisation, day: date) -> AuthorisationDue:
    return AuthorisationDue(a.id, a.staff.name, a.item, a.expires_on, (a.expires_on - day).days)


def expiring_authorisations(session: Session, days: int = 30, as_of: date | None = None) -> list[AuthorisationDue]:
    """Active authorisations expiring within `days` days of `as_of` (today by default), soonest first."""
    day = as_of or today()
    return [_due(a, day) for a in _active_authorisations(session) if day <= a.expires_on <= day + timedelta(days=days)]


def expired_authorisations(session: Session, as_of: date | None = None) -> list[AuthorisationDue]:
    """Authorisations still marked active although their expiry date has passed."""
    day = as_of or today()
    return [_due(a, day) for a in _active_authorisations(session) if a.expires_on < day]
