"""Sign-in lists shared by meetings and training sessions: normalising, checking and replacing them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

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
