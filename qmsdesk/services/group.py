"""质控小组: who belongs to the quality group, in which role and 职务, with what duties, from when to when."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import GroupRole
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.services.base import as_uuid, check_changes, check_choice, check_required, get, values_of
from qmsdesk.services.staff import require_staff

_FAR_FUTURE = date(9999, 12, 31)
MAX_DUTY_TITLE = 32


def _overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    return a_start <= (b_end or _FAR_FUTURE) and b_start <= (a_end or _FAR_FUTURE)


def _check(session: Session, v: dict, own_id=None) -> None:
    c = Collector()
    person = require_staff(session, c, "staff_id", v.get("staff_id"), msg("该成员", "This member"))
    check_required(c, "staff_id", v.get("staff_id"), msg("成员", "the member"))
    check_choice(c, "role", v.get("role"), GroupRole, msg("小组角色", "group role"))
    check_required(c, "start_date", v.get("start_date"), msg("起始日期", "the start date"))
    if len(v.get("duty_title") or "") > MAX_DUTY_TITLE:
        c.add("duty_title", msg("职务最多 {n} 个字（例如“护士长”“医疗质控员”）；具体分工请写在“职责/分工”中。",
                                "The post is at most {n} characters (e.g. 护士长); write the duties under Duties.",
                                n=MAX_DUTY_TITLE))
    start, end = v.get("start_date"), v.get("end_date")
    if start is not None and end is not None and end < start:
        c.add("end_date", msg("结束日期不能早于起始日期（{d}）。", "The end date cannot be before the start date ({d}).",
                              d=start.isoformat()))
    if start is not None and (end is None or end >= start):
        others = [g for g in session.scalars(live(m.GroupMembership)) if g.id != own_id
                  and _overlaps(start, end, g.start_date, g.end_date)]
        if person is not None and any(g.staff_id == person.id for g in others):
            c.add("start_date", msg("{n} 在这段时间已是小组成员。", "{n} is already a group member during this time.",
                                    n=person.name))
        if v.get("role") == GroupRole.LEADER and any(g.role == GroupRole.LEADER for g in others):
            c.add("role", msg("同一时间只能有一位组长。", "The group has one leader at a time."))
    c.raise_if_any()


def _text_or_none(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def add_member(session: Session, *, staff_id, role: str, start_date: date, end_date: date | None = None,
               duty_title: str | None = None, duties: str | None = None) -> m.GroupMembership:
    """A member with a group role (组长…), a 职务 (科主任, 护士长…) and the duties the group gave them."""
    values = dict(staff_id=as_uuid(staff_id), role=str(role), start_date=start_date, end_date=end_date,
                  duty_title=_text_or_none(duty_title), duties=_text_or_none(duties))
    _check(session, values)
    row = m.GroupMembership(**values)
    session.add(row)
    session.flush()
    return row


def update_member(session: Session, membership_id, **changes) -> m.GroupMembership:
    check_changes(m.GroupMembership, changes)
    row = get(session, m.GroupMembership, membership_id)
    if "staff_id" in changes:
        changes["staff_id"] = as_uuid(changes["staff_id"])
    for key in ("duty_title", "duties"):
        if key in changes:
            changes[key] = _text_or_none(changes[key])
    _check(session, values_of(row) | changes, own_id=row.id)
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def end_membership(session: Session, membership_id, end_date: date) -> m.GroupMembership:
    """The person leaves the group (the membership stays in the record with its end date)."""
    return update_member(session, membership_id, end_date=end_date)


def remove_member(session: Session, membership_id) -> None:
    """Soft delete a membership entered by mistake."""
    row = get(session, m.GroupMembership, membership_id)
    row.deleted = True
    session.flush()


def restore_member(session: Session, membership_id) -> m.GroupMembership:
    row = get(session, m.GroupMembership, membership_id, include_deleted=True)
    _check(session, values_of(row), own_id=row.id)
    row.deleted = False
    session.flush()
    return row


_ROLE_ORDER = {r.value: i for i, r in enumerate(GroupRole)}


def list_members(session: Session, *, on: date | None = None, include_past: bool = False) -> list[m.GroupMembership]:
    """Members on a day (default today), leader first; `include_past` lists every membership ever held."""
    stmt = live(m.GroupMembership)
    if not include_past:
        day = on or today()
        stmt = stmt.where(m.GroupMembership.start_date <= day,
                          or_(m.GroupMembership.end_date.is_(None), m.GroupMembership.end_date >= day))
    rows = list(session.scalars(stmt))
    return sorted(rows, key=lambda g: (_ROLE_ORDER.get(g.role, 99), g.start_date, g.staff.employee_no))


def set_duties(session: Session, membership_id, *, duty_title: str | None, duties: str | None) -> m.GroupMembership:
    """Write a member's 职务 and 职责/分工 (what the roster prints beside their signature)."""
    return update_member(session, membership_id, duty_title=duty_title, duties=duties)


@dataclass(frozen=True)
class RosterLine:
    """One line of the printed roster (小组成员及职责)."""

    membership_id: uuid.UUID
    name: str
    employee_no: str
    profession: str
    title: str
    role: str
    duty_title: str
    duties: str
    start_date: date
    end_date: date | None


def roster(session: Session, *, on: date | None = None, between: tuple[date, date] | None = None) -> list[RosterLine]:
    """The members on a day (default today), or everyone who was a member at some time `between` two days.

    Labels are Chinese whatever the window's language: the roster is printed and signed.
    """
    from qmsdesk.db.enums import Profession

    if between is not None:
        first, last = between
        rows = [g for g in list_members(session, include_past=True) if _overlaps(first, last, g.start_date, g.end_date)]
    else:
        rows = list_members(session, on=on)
    return [RosterLine(
        membership_id=g.id, name=g.staff.name, employee_no=g.staff.employee_no,
        profession=Profession.label_pairs().get(g.staff.profession, (g.staff.profession, ""))[0],
        title=g.staff.title or "", role=GroupRole.label_pairs().get(g.role, (g.role, ""))[0],
        duty_title=g.duty_title or "", duties=g.duties or "", start_date=g.start_date, end_date=g.end_date,
    ) for g in rows]


def leader_on(session: Session, day: date) -> m.GroupMembership | None:
    """The group's 组长 on a day, if it has one."""
    return next((g for g in list_members(session, on=day) if g.role == GroupRole.LEADER), None)


# --- what the pages show ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MemberRow:
    id: uuid.UUID
    staff_id: uuid.UUID
    name: str
    title: str | None
    role: str
    duty_title: str  # 职务
    duties: str  # 职责/分工
    start_date: date
    end_date: date | None
    status: str  # "current" on `on`, else "past"


def member_rows(session: Session, on: date | None = None) -> list[MemberRow]:
    """质控小组 page: every membership ever held, leader first; `status` says whether it holds on `on` (today)."""
    day = on or today()
    return [MemberRow(g.id, g.staff_id, g.staff.name, g.staff.title, g.role, g.duty_title or "", g.duties or "",
                      g.start_date, g.end_date,
                      "current" if g.start_date <= day and (g.end_date is None or g.end_date >= day) else "past")
            for g in list_members(session, include_past=True)]
