"""The month's and year's figures as plain values, and the counting that turns rows into them.

Both readers of a month fill these: analytics/derived.py through the ORM (any database, the window's
session) and analytics/month_raw.py through the read-only sqlite3 reader (`status` and the dashboard on
the ward's SQLite file, without importing SQLAlchemy). The counting lives here once, so the two can only
differ in what they read — and tests/analytics/test_month_raw.py checks they read the same.
Rows are anything with the attributes named (an ORM object or a plain row).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from qmsdesk.analytics.rates import TargetStatus
from qmsdesk.db.enums import TrainingCategory
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


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def employed_in(staff: Any, start: date, end: date) -> bool:
    if staff.hire_date is not None and staff.hire_date > end:
        return False
    return not (staff.left_on is not None and staff.left_on < start)


def _root(a: Any, by_id: dict) -> Any:
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


def _tally(attempts: Iterable[Any], by_id: dict) -> _AssessmentTally:
    chains: dict = {}
    failed = 0
    for a in attempts:
        key = _root(a, by_id)
        chains[key] = chains.get(key, False) or a.passed
        failed += not a.passed
    passed = sum(chains.values())
    return _AssessmentTally(passed, failed, len(chains) - passed)


def _per_person(attempts: Iterable[Any]) -> dict:
    out: dict = {}
    for a in attempts:
        out.setdefault(a.staff_id, []).append(a)
    return out


def people_from(year: int, staff: Iterable[Any], attended: Iterable[tuple[Any, Any]], attempts: list,
                by_id: dict) -> list[PersonYear]:
    """PersonYear of each of `staff` (in order, those employed in `year`): `attended` holds (staff id, session)
    of the year's trainings attended, `attempts` the year's assessment attempts, `by_id` every live attempt."""
    start, end = year_bounds(year)
    hours: dict = {}
    count: dict = {}
    safety: dict = {}
    for sid, ts in attended:
        hours[sid] = hours.get(sid, 0.0) + ts.hours
        count[sid] = count.get(sid, 0) + 1
        if ts.category == TrainingCategory.SAFETY_LAW:
            safety[sid] = safety.get(sid, 0) + 1
    per_person = _per_person(attempts)
    out = []
    for s in staff:
        if not employed_in(s, start, end):
            continue
        t = _tally(per_person.get(s.id, []), by_id)
        out.append(PersonYear(
            staff_id=s.id, name=s.name, year=year, training_hours=round(hours.get(s.id, 0.0), 2),
            trainings_attended=count.get(s.id, 0), safety_law_trainings=safety.get(s.id, 0),
            assessments_passed=t.passed, assessments_failed=t.failed, assessments_outstanding=t.outstanding,
        ))
    return out


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


def pass_rate_from(start: date, attempts: list, by_id: dict) -> PassRate:
    """The pass rate of `attempts` (dated from `start`); `by_id`: every live attempt, for retake chains."""
    per_person = _per_person(attempts)
    passed_people = sum(1 for lst in per_person.values() if _tally(lst, by_id).outstanding == 0)
    return PassRate(
        year=start.year, people_assessed=len(per_person), people_passed=passed_people,
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


def completeness_from(p: Period, defs: list, values: dict, history: dict) -> IndicatorCompleteness:
    """`defs`: the applicable definitions by code; `values`: the month's value by indicator id; `history`: each
    entered indicator's values of the warning history (analytics/warnings.history_start .. p)."""
    from qmsdesk.analytics.targets import month_assessment

    results, missing = [], []
    for d in defs:
        v = values.get(d.id)
        if v is None:
            missing.append((d.code, d.name_zh))
            continue
        a = month_assessment(None, d, p, history.get(d.id, []))
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


@dataclass(frozen=True)
class TrainingMonth:
    sessions: int
    hours: float  # sum of the sessions' hours (学时 offered)
    attendances: int  # people present, summed over sessions (人次)
    person_hours: float  # hours × people present


# --- authorisations ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AuthorisationDue:
    authorisation_id: uuid.UUID
    name: str
    item: str
    expires_on: date
    days_left: int  # negative when already expired


def expiring_from(active: Iterable[tuple[Any, str, str, date]], days: int, day: date) -> list[AuthorisationDue]:
    """Of the active authorisations (id, person, item, expiry; soonest first), those expiring within `days`."""
    return [AuthorisationDue(i, n, it, e, (e - day).days) for i, n, it, e in active
            if day <= e <= day + timedelta(days=days)]


def expired_from(active: Iterable[tuple[Any, str, str, date]], day: date) -> list[AuthorisationDue]:
    """Of the active authorisations, those whose expiry date has passed by `day`."""
    return [AuthorisationDue(i, n, it, e, (e - day).days) for i, n, it, e in active if e < day]
