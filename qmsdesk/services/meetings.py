"""质控小组例会 and other meetings: attendance, the problems raised and last meeting's open items."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import Attendance, ItemStatus, MeetingKind
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services import attendance as attendance_rows
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_not_future,
    check_required,
    dated_within,
    fields_of,
    get,
    mark_deleted,
    values_of,
)
from qmsdesk.services.staff import require_staff

AttendanceList = attendance_rows.AttendanceInput
# A problem is its description, a (category, description) pair, or a dict with those keys.
ProblemInput = str | tuple[str | None, str] | dict


def _check_meeting(session: Session, v: dict, c: Collector) -> None:
    check_choice(c, "kind", v.get("kind"), MeetingKind, msg("会议类型", "meeting kind"))
    check_required(c, "date", v.get("date"), msg("会议日期", "the meeting date"))
    check_not_future(c, "date", v.get("date"), msg("会议日期", "The meeting date"))
    require_staff(session, c, "host_id", v.get("host_id"), msg("主持人", "The host"))
    require_staff(session, c, "recorder_id", v.get("recorder_id"), msg("记录人", "The recorder"))


def _normal_problem(problem: ProblemInput) -> tuple[str | None, str]:
    if isinstance(problem, dict):
        return problem.get("category"), problem.get("description", "")
    if isinstance(problem, tuple):
        return problem[0], problem[1]
    return None, problem


def get_meeting(session: Session, meeting_id) -> m.Meeting:
    return get(session, m.Meeting, meeting_id)


def create_meeting(
    session: Session, *, kind: str, date: date, place: str | None = None, host_id=None, recorder_id=None,
    agenda: str | None = None, minutes: str | None = None, decisions: str | None = None,
    follow_up: str | None = None, attendance: AttendanceList = (), problems: Iterable[ProblemInput] = (),
) -> m.Meeting:
    """A meeting with its attendance list [(staff_id, status)] and the problems it raised."""
    values = dict(kind=str(kind), date=date, place=place, host_id=as_uuid(host_id), recorder_id=as_uuid(recorder_id),
                  agenda=agenda, minutes=minutes, decisions=decisions, follow_up=follow_up)
    rows = attendance_rows.normalise(attendance)
    found = [_normal_problem(p) for p in problems]
    c = Collector()
    _check_meeting(session, values, c)
    attendance_rows.check(session, rows, c, msg("参会人员", "An attendee"))
    for _category, description in found:
        check_required(c, "problems", description, msg("问题描述", "the problem's description"))
    c.raise_if_any()
    meeting = m.Meeting(**values)
    session.add(meeting)
    session.flush()
    # meeting_id is set explicitly (not only through the relationship) so the month-lock hook sees it.
    for staff_id, status in rows:
        meeting.attendance.append(m.MeetingAttendance(meeting_id=meeting.id, staff_id=staff_id, status=status))
    for category, description in found:
        meeting.problems.append(m.MeetingProblem(meeting_id=meeting.id, category=category,
                                                 description=description.strip()))
    session.flush()
    return meeting


def update_meeting(session: Session, meeting_id, **changes) -> m.Meeting:
    check_changes(m.Meeting, changes)
    meeting = get_meeting(session, meeting_id)
    for key in ("host_id", "recorder_id"):
        if key in changes:
            changes[key] = as_uuid(changes[key])
    c = Collector()
    _check_meeting(session, values_of(meeting) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(meeting, key, value)
    session.flush()
    return meeting


def delete_meeting(session: Session, meeting_id) -> None:
    """Soft delete the meeting with its attendance and problems (items raised from it stay)."""
    meeting = get_meeting(session, meeting_id)
    mark_deleted(session, meeting, (*meeting.attendance, *meeting.problems), True)


def restore_meeting(session: Session, meeting_id) -> m.Meeting:
    meeting = get(session, m.Meeting, meeting_id, include_deleted=True)
    mark_deleted(session, meeting, (*meeting.attendance, *meeting.problems), False)
    return meeting


def set_attendance(session: Session, meeting_id, attendance: AttendanceList) -> list[m.MeetingAttendance]:
    """Replace the attendance list; people left out are removed, earlier rows are reused."""
    meeting = get_meeting(session, meeting_id)
    rows = attendance_rows.normalise(attendance)
    c = Collector()
    attendance_rows.check(session, rows, c, msg("参会人员", "An attendee"))
    c.raise_if_any()
    attendance_rows.replace(meeting.attendance, rows, lambda staff_id, status: meeting.attendance.append(
        m.MeetingAttendance(meeting_id=meeting.id, staff_id=staff_id, status=status)))
    session.flush()
    return attendance_of(session, meeting.id)


def attendance_of(session: Session, meeting_id) -> list[m.MeetingAttendance]:
    stmt = live(m.MeetingAttendance).where(m.MeetingAttendance.meeting_id == as_uuid(meeting_id))
    return sorted(session.scalars(stmt), key=lambda a: a.staff.employee_no)


def add_problem(session: Session, meeting_id, *, description: str, category: str | None = None) -> m.MeetingProblem:
    meeting = get_meeting(session, meeting_id)
    c = Collector()
    check_required(c, "description", description, msg("问题描述", "the problem's description"))
    c.raise_if_any()
    row = m.MeetingProblem(meeting_id=meeting.id, category=category, description=description.strip())
    meeting.problems.append(row)
    session.flush()
    return row


def update_problem(session: Session, problem_id, **changes) -> m.MeetingProblem:
    check_changes(m.MeetingProblem, changes, frozen=frozenset({"meeting_id"}))
    row = get(session, m.MeetingProblem, problem_id)
    c = Collector()
    check_required(c, "description", (values_of(row) | changes).get("description"),
                   msg("问题描述", "the problem's description"))
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def delete_problem(session: Session, problem_id) -> None:
    row = get(session, m.MeetingProblem, problem_id)
    row.deleted = True
    session.flush()


def problems_of(session: Session, meeting_id) -> list[m.MeetingProblem]:
    stmt = live(m.MeetingProblem).where(m.MeetingProblem.meeting_id == as_uuid(meeting_id))
    return list(session.scalars(stmt.order_by(m.MeetingProblem.created_at)))


def list_meetings(session: Session, *, period: Period | None = None, kind: str | None = None,
                  year: int | None = None) -> list[m.Meeting]:
    """Live meetings by date; optionally only one month, one year or one kind."""
    stmt = live(m.Meeting)
    stmt = dated_within(stmt, m.Meeting.date, period=period, year=year)
    if kind is not None:
        stmt = stmt.where(m.Meeting.kind == str(kind))
    return list(session.scalars(stmt.order_by(m.Meeting.date, m.Meeting.created_at)))


def previous_meeting(session: Session, meeting_id) -> m.Meeting | None:
    """The meeting of the same kind held before this one."""
    meeting = get_meeting(session, meeting_id)
    stmt = live(m.Meeting).where(m.Meeting.kind == meeting.kind, m.Meeting.date < meeting.date,
                                 m.Meeting.id != meeting.id).order_by(m.Meeting.date.desc())
    return session.scalars(stmt).first()


def previous_open_items(session: Session, meeting_id) -> list[m.RectificationItem]:
    """Rectification items raised at the previous meeting that are still not closed (to follow up)."""
    previous = previous_meeting(session, meeting_id)
    if previous is None:
        return []
    problem_ids = select(m.MeetingProblem.id).where(m.MeetingProblem.meeting_id == previous.id)
    stmt = live(m.RectificationItem).where(
        m.RectificationItem.meeting_problem_id.in_(problem_ids),
        m.RectificationItem.status != ItemStatus.CLOSED.value,
    ).order_by(m.RectificationItem.deadline)
    return list(session.scalars(stmt))


# --- what the pages show ------------------------------------------------------------------------------

MEETING_FIELDS = ("kind", "date", "place", "host_id", "recorder_id", "agenda", "minutes", "decisions", "follow_up")


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: uuid.UUID
    date: date
    kind: str
    host: str
    recorder: str
    agenda: str  # on one line
    present: int
    listed: int  # people on the sign-in sheet (present, absent or excused)
    problems: int


def meeting_rows(session: Session) -> list[MeetingRow]:
    """会议记录 page: every meeting, newest first."""
    rows = []
    for mt in reversed(list_meetings(session)):
        marks = [a for a in mt.attendance if not a.deleted]
        rows.append(MeetingRow(mt.id, mt.date, mt.kind, mt.host.name if mt.host else "",
                               mt.recorder.name if mt.recorder else "", (mt.agenda or "").replace("\n", " "),
                               sum(1 for a in marks if a.status == Attendance.PRESENT), len(marks),
                               sum(1 for p in mt.problems if not p.deleted)))
    return rows


def meeting_values(session: Session, meeting_id) -> dict:
    """The meeting's editable fields, for its form."""
    return fields_of(get_meeting(session, meeting_id), MEETING_FIELDS)


@dataclass(frozen=True, slots=True)
class ProblemRow:
    id: uuid.UUID
    description: str
    category: str | None
    item_status: str | None  # the status of the rectification item made from it, None if none was


@dataclass(frozen=True, slots=True)
class OpenItem:
    problem: str
    status: str
    deadline: date


@dataclass(frozen=True)
class MeetingDetails:
    """Below the meeting list: the problems this meeting raised, and the previous meeting's open items."""

    problems: tuple[ProblemRow, ...]
    open_items: tuple[OpenItem, ...]


def meeting_details(session: Session, meeting_id) -> MeetingDetails:
    problems = problems_of(session, meeting_id)
    linked = dict(session.execute(
        select(m.RectificationItem.meeting_problem_id, m.RectificationItem.status).where(
            m.RectificationItem.deleted.is_(False),
            m.RectificationItem.meeting_problem_id.in_([p.id for p in problems]))).all())
    return MeetingDetails(
        tuple(ProblemRow(p.id, p.description, p.category, linked.get(p.id)) for p in problems),
        tuple(OpenItem(i.problem, i.status, i.deadline) for i in previous_open_items(session, meeting_id)))
