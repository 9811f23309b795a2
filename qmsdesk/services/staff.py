"""人员: the department's staff list, which every other record points at."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import Gender, NursingLevel, Profession
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_not_future,
    check_required,
    get,
    values_of,
)


def pinyin_initials(name: str) -> str:
    """'张伟' → 'zw', so person pickers find people by typing initials."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name.strip(), style=Style.FIRST_LETTER, errors="ignore")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())[:32]


def require_staff(session: Session, c: Collector, field: str, staff_id, what: str) -> m.Staff | None:
    """Add an error unless `staff_id` names a live staff member; returns the person when it does."""
    if staff_id is None:
        return None
    person = session.get(m.Staff, as_uuid(staff_id))
    if person is None or person.deleted:
        c.add(field, msg("{w}不在人员名单中。", "{w} is not on the staff list.", w=what))
        return None
    return person


def _check_staff(session: Session, v: dict, own_id: uuid.UUID | None = None) -> None:
    c = Collector()
    check_required(c, "name", v.get("name"), msg("姓名", "the name"))
    check_required(c, "employee_no", v.get("employee_no"), msg("工号", "the employee number"))
    check_choice(c, "profession", v.get("profession"), Profession, msg("专业类别", "profession"))
    level = v.get("nursing_level")
    if level is not None:
        check_choice(c, "nursing_level", level, NursingLevel, msg("护士层级", "nursing level"))
        if v.get("profession") != Profession.NURSE:
            c.add("nursing_level", msg("护士层级（N0–N4）只适用于护士。", "Nursing levels (N0–N4) apply to nurses only."))
    if v.get("gender") is not None:
        check_choice(c, "gender", v.get("gender"), Gender, msg("性别", "gender"))
    licence = v.get("license_no")
    if licence is not None and not LICENSE_NO.fullmatch(licence):
        c.add("license_no", msg("执业证书号“{n}”应为不超过 32 位的字母、数字或“-”。",
                                "The licence number '{n}' should be up to 32 letters, digits or '-'.", n=licence))
    check_not_future(c, "hire_date", v.get("hire_date"), msg("入职日期", "The hire date"))
    hired, left = v.get("hire_date"), v.get("left_on")
    if hired is not None and left is not None and left < hired:
        c.add("left_on", msg("离职日期不能早于入职日期（{d}）。", "The leaving date cannot be before the hire date ({d}).",
                             d=hired.isoformat()))
    number = (v.get("employee_no") or "").strip()
    if number:
        stmt = select(func.count()).select_from(m.Staff).where(
            m.Staff.deleted.is_(False), m.Staff.employee_no == number)
        if own_id is not None:
            stmt = stmt.where(m.Staff.id != own_id)
        if session.scalar(stmt):
            c.add("employee_no", msg("工号“{n}”已被其他在册人员使用。", "Employee number '{n}' is already used by someone else.",
                                     n=number))
    c.raise_if_any()


LICENSE_NO = re.compile(r"[0-9A-Za-z-]{1,32}")


def _normalise(v: dict) -> dict:
    for key in ("name", "employee_no", "title"):
        if isinstance(v.get(key), str):
            v[key] = v[key].strip() or None if key == "title" else v[key].strip()
    if isinstance(v.get("license_no"), str):
        # Full-width digits and spaces typed in a Chinese input method are the same number.
        v["license_no"] = re.sub(r"\s", "", unicodedata.normalize("NFKC", v["license_no"])) or None
    for key in ("profession", "nursing_level", "gender"):
        if v.get(key) is not None:
            v[key] = str(v[key])
    return v


def get_staff(session: Session, staff_id) -> m.Staff:
    return get(session, m.Staff, staff_id)


def create_staff(
    session: Session, *, name: str, employee_no: str, profession: str, title: str | None = None,
    nursing_level: str | None = None, hire_date: date | None = None, active: bool = True,
    left_on: date | None = None, gender: str | None = None, license_no: str | None = None,
) -> m.Staff:
    values = _normalise(dict(name=name, employee_no=employee_no, profession=profession, title=title,
                             nursing_level=nursing_level, hire_date=hire_date, active=active, left_on=left_on,
                             gender=gender, license_no=license_no))
    _check_staff(session, values)
    person = m.Staff(**values, pinyin_initials=pinyin_initials(values["name"]))
    session.add(person)
    session.flush()
    return person


def update_staff(session: Session, staff_id, **changes) -> m.Staff:
    check_changes(m.Staff, changes, frozen=frozenset({"pinyin_initials"}))
    person = get_staff(session, staff_id)
    changes = _normalise(dict(changes))
    _check_staff(session, values_of(person) | changes, own_id=person.id)
    for key, value in changes.items():
        setattr(person, key, value)
    if "name" in changes:
        person.pinyin_initials = pinyin_initials(person.name)
    session.flush()
    return person


def mark_left(session: Session, staff_id, left_on: date) -> m.Staff:
    """The person left the department: kept on the list (their records stay) but no longer active."""
    return update_staff(session, staff_id, active=False, left_on=left_on)


def delete_staff(session: Session, staff_id) -> None:
    """Soft delete (a mistaken entry). People who left should be marked left instead."""
    person = get_staff(session, staff_id)
    person.deleted = True
    session.flush()


def restore_staff(session: Session, staff_id) -> m.Staff:
    person = get(session, m.Staff, staff_id, include_deleted=True)
    taken = session.scalar(select(func.count()).select_from(m.Staff).where(
        m.Staff.deleted.is_(False), m.Staff.employee_no == person.employee_no, m.Staff.id != person.id))
    if taken:
        raise ValidationError(
            msg("不能恢复：工号“{n}”已被其他在册人员使用。", "Cannot restore: employee number '{n}' is now used by someone else.",
                n=person.employee_no), "employee_no")
    person.deleted = False
    session.flush()
    return person


def list_staff(
    session: Session, *, search: str | None = None, include_inactive: bool = True,
    profession: str | None = None,
) -> list[m.Staff]:
    """Live staff by employee number; `search` matches name, employee number or pinyin initials."""
    stmt = live(m.Staff)
    if not include_inactive:
        stmt = stmt.where(m.Staff.active.is_(True))
    if profession is not None:
        stmt = stmt.where(m.Staff.profession == str(profession))
    if search and search.strip():
        text = search.strip()
        like = f"%{text}%"
        stmt = stmt.where(or_(m.Staff.name.like(like), m.Staff.employee_no.like(like),
                              m.Staff.pinyin_initials.like(f"{text.lower()}%")))
    return list(session.scalars(stmt.order_by(m.Staff.employee_no)))


# --- what the pages show (plain rows, read in a read-only session) --------------------------------------

@dataclass(frozen=True, slots=True)
class StaffRow:
    id: uuid.UUID
    employee_no: str | None
    name: str
    pinyin_initials: str | None
    profession: str
    title: str | None
    nursing_level: str | None
    hire_date: date | None
    active: bool
    left_on: date | None
    gender: str | None = None
    license_no: str | None = None  # 执业证书号: kept on this PC only, never in a month package


def staff_rows(session: Session) -> list[StaffRow]:
    """人员 page: every live staff member by employee number."""
    return [StaffRow(p.id, p.employee_no, p.name, p.pinyin_initials, p.profession, p.title, p.nursing_level,
                     p.hire_date, p.active, p.left_on, p.gender, p.license_no) for p in list_staff(session)]


@dataclass(frozen=True, slots=True)
class StaffChoice:
    """An entry of a person picker: searchable by name, pinyin initials and employee number."""

    id: uuid.UUID
    name: str
    initials: str = ""
    employee_no: str = ""


def people(session: Session, *, active_only: bool = True) -> list[StaffChoice]:
    """Staff for person pickers (those still working, unless `active_only` is False)."""
    return [StaffChoice(p.id, p.name, p.pinyin_initials or "", p.employee_no or "")
            for p in list_staff(session, include_inactive=not active_only)]
