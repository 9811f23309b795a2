"""Sign-in lists shared by meetings and training sessions: normalising, checking and replacing them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import Attendance
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.services.base import as_uuid, check_choice
from qmsdesk.services.staff import require_staff

# A staff id alone means present; a (staff id, status) pair gives the status.
AttendanceInput = Iterable[uuid.UUID | str | tuple[uuid.UUID | str, str]]
AttendanceRows = list[tuple[uuid.UUID, str]]


def normalise(attendance: AttendanceInput) -> AttendanceRows:
    rows = []
    for entry in attendance:
        if isinstance(entry, tuple):
            rows.append((as_uuid(entry[0]), str(entry[1])))
        else:
            rows.append((as_uuid(entry), Attendance.PRESENT.value))
    return rows


def check(session: Session, rows: AttendanceRows, c: Collector, who: str) -> None:
    """Every person exists, every status is known, nobody is listed twice (`who` names the role)."""
    seen: set[uuid.UUID] = set()
    for staff_id, status in rows:
        person = require_staff(session, c, "attendance", staff_id, who)
        check_choice(c, "attendance", status, Attendance, msg("出席情况", "attendance"))
        if staff_id in seen:
            c.add("attendance", msg("{n} 在签到名单中出现了两次。", "{n} appears twice in the attendance list.",
                                    n=person.name if person else staff_id))
        seen.add(staff_id)


def replace(existing: Iterable[m.MeetingAttendance | m.TrainingAttendance], rows: AttendanceRows,
            add: Callable[[uuid.UUID, str], None]) -> None:
    """Make the live rows equal `rows`: people left out are soft-deleted, earlier rows are reused.

    Reusing (and reviving) rows keeps one row per person, so the audit log shows a status change
    rather than a delete and a create, and the unique (parent, staff) constraint holds.
    """
    by_staff = {a.staff_id: a for a in existing}
    wanted = dict(rows)
    for staff_id, row in by_staff.items():
        if staff_id not in wanted and not row.deleted:
            row.deleted = True
    for staff_id, status in rows:
        row = by_staff.get(staff_id)
        if row is None:
            add(staff_id, status)
            continue
        if row.deleted:
            row.deleted = False
        if row.status != status:
            row.status = status


# --- the sign-in sheet (what the attendance dialog shows) ---------------------------------------------

@dataclass(frozen=True, slots=True)
class Attendee:
    """One line of the sign-in sheet: a person, what they are (组长, 护士 …) and their mark (None: not listed)."""

    staff_id: uuid.UUID
    name: str
    initials: str = ""
    employee_no: str = ""
    role: str = ""  # 质控小组 role label; blank for staff outside the group
    description: str = ""  # profession and title, for people outside the group
    status: str | None = None

    @property
    def in_group(self) -> bool:
        return bool(self.role)

    def search_text(self) -> str:
        return " ".join((self.name, self.initials.lower(), self.employee_no)).lower()


@dataclass(frozen=True)
class SignInSheet:
    title: str  # the meeting's or training's date and name
    people: tuple[Attendee, ...]


def _label(vocabulary, code: object) -> str:
    try:
        return vocabulary(code).label
    except ValueError:
        return str(code or "")


def _roster(session: Session, day, marks: dict[uuid.UUID, tuple[m.Staff, str]]) -> tuple[Attendee, ...]:
    """Group members on `day`, then active staff, then anyone already marked (so saving never drops them)."""
    from qmsdesk.db.enums import GroupRole, Profession
    from qmsdesk.services import group, staff

    out: list[Attendee] = []
    seen: set[uuid.UUID] = set()

    def add(person: m.Staff, role: str = "") -> None:
        if person.id in seen:
            return
        seen.add(person.id)
        what = " ".join(x for x in (_label(Profession, person.profession), person.title or "") if x)
        out.append(Attendee(person.id, person.name, person.pinyin_initials or "", person.employee_no or "", role,
                            what, marks.get(person.id, (None, None))[1]))

    for membership in group.list_members(session, on=day):
        add(membership.staff, _label(GroupRole, membership.role))
    for person in staff.list_staff(session, include_inactive=False):
        add(person)
    for person, _status in marks.values():
        add(person)
    return tuple(out)


def meeting_sheet(session: Session, meeting_id) -> SignInSheet:
    """A meeting's sign-in sheet: group members first, then other active staff."""
    from qmsdesk.db.enums import MeetingKind
    from qmsdesk.services import meetings

    meeting = meetings.get_meeting(session, meeting_id)
    marks = {a.staff_id: (a.staff, a.status) for a in meetings.attendance_of(session, meeting_id)}
    return SignInSheet(f"{meeting.date.isoformat()} {_label(MeetingKind, meeting.kind)}",
                       _roster(session, meeting.date, marks))


def training_sheet(session: Session, session_id) -> SignInSheet:
    """A training's sign-in sheet (group members first, as for meetings)."""
    from qmsdesk.services import training

    ts = training.get_training_session(session, session_id)
    marks = {a.staff_id: (a.staff, a.status) for a in training.training_attendance_of(session, session_id)}
    return SignInSheet(f"{ts.date.isoformat()} {ts.topic}", _roster(session, ts.date, marks))
