"""Figures derived from the records: per person and year, per department and month, per year.

Functions over a session and plain values, returning the small frozen dataclasses of analytics/figures.py;
the dashboard, the `status` command and the monthly submission read the same numbers from here (or, on the
ward's SQLite file, from analytics/month_raw.py, which fills the same figures without the ORM). Only live
(not soft-deleted) records count.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.analytics.figures import (
    SAFETY_LAW_MINIMUM as SAFETY_LAW_MINIMUM,
)
from qmsdesk.analytics.figures import (
    AuthorisationDue,
    GroupMeetings,
    IndicatorCompleteness,
    LedgerFigures,
    MeetingHeld,
    OverdueItem,
    PassRate,
    PersonYear,
    TrainingMonth,
    completeness_from,
    expired_from,
    expiring_from,
    pass_rate_from,
    people_from,
    year_bounds,
)
from qmsdesk.analytics.figures import IndicatorResult as IndicatorResult
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import Attendance, AuthorisationStatus, EventGrade, MeetingKind
from qmsdesk.db.queries import ITEM_COLUMNS, live
from qmsdesk.periods import Period


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


def _assessments(session: Session, start: date, end: date) -> tuple[list[m.Assessment], dict[uuid.UUID, m.Assessment]]:
    """Attempts dated in [start, end], and every live attempt by id (a retake may cross a year end)."""
    every = session.scalars(live(m.Assessment)).all()
    by_id = {a.id: a for a in every}
    return [a for a in every if start <= a.date <= end], by_id


def people_year(session: Session, year: int) -> list[PersonYear]:
    """Every person employed at some time in `year`, with that year's training and assessments."""
    start, end = year_bounds(year)
    staff = session.scalars(live(m.Staff).order_by(m.Staff.employee_no)).all()
    attempts, by_id = _assessments(session, start, end)
    return people_from(year, staff, _attended_sessions(session, start, end), attempts, by_id)


def person_year(session: Session, staff_id: uuid.UUID, year: int) -> PersonYear | None:
    """One person's figures for `year`; None when the person was not employed that year."""
    return next((p for p in people_year(session, year) if p.staff_id == staff_id), None)


def staff_under_safety_rule(session: Session, year: int) -> list[PersonYear]:
    """People employed in `year` with fewer than two safety/law trainings attended (seed 001 art. 11)."""
    return [p for p in people_year(session, year) if not p.meets_safety_rule]


# --- per year ----------------------------------------------------------------------------------

def training_pass_rate(session: Session, year: int) -> PassRate:
    start, end = year_bounds(year)
    return pass_rate_between(session, start, end)


def pass_rate_between(session: Session, start: date, end: date) -> PassRate:
    """The pass rate of the assessments dated start..end (a quarter, a year); `year` is the start's."""
    attempts, by_id = _assessments(session, start, end)
    return pass_rate_from(start, attempts, by_id)


# --- per department and month ------------------------------------------------------------------

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
    return completeness_from(p, defs, values, history)


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

def _active_authorisations(session: Session) -> list[tuple[uuid.UUID, str, str, date]]:
    """(id, person, item, expiry) of the active authorisations with an expiry date, soonest first."""
    return [tuple(r) for r in session.execute(
        select(m.Authorisation.id, m.Staff.name, m.Authorisation.item, m.Authorisation.expires_on)
        .join(m.Staff, m.Staff.id == m.Authorisation.staff_id)
        .where(m.Authorisation.deleted.is_(False), m.Authorisation.status == AuthorisationStatus.ACTIVE,
               m.Authorisation.expires_on.is_not(None))
        .order_by(m.Authorisation.expires_on, m.Authorisation.id)
    )]


def expiring_authorisations(session: Session, days: int = 30, as_of: date | None = None) -> list[AuthorisationDue]:
    """Active authorisations expiring within `days` days of `as_of` (today by default), soonest first."""
    return expiring_from(_active_authorisations(session), days, as_of or today())


def expired_authorisations(session: Session, as_of: date | None = None) -> list[AuthorisationDue]:
    """Authorisations still marked active although their expiry date has passed."""
    return expired_from(_active_authorisations(session), as_of or today())
