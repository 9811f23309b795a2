"""授权: granting people a technology, procedure or grade of work, and suspending or revoking it (动态授权)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import AuthorisationStatus
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_not_future,
    check_required,
    fields_of,
    get,
    values_of,
)
from qmsdesk.services.staff import require_staff

# Status changes go through grant/suspend/revoke/reinstate, never a plain update.
_FROZEN = frozenset({"status"})

# From which status each action may be taken; revocation is final (grant again after a new assessment).
_FROM = {
    "suspend": (AuthorisationStatus.ACTIVE,),
    "revoke": (AuthorisationStatus.ACTIVE, AuthorisationStatus.SUSPENDED),
    "reinstate": (AuthorisationStatus.SUSPENDED,),
}
_ACTION_LABEL = {
    "suspend": ("暂停", "suspend"),
    "revoke": ("取消", "revoke"),
    "reinstate": ("恢复", "reinstate"),
}


def _check(session: Session, v: dict, c: Collector, own_id=None) -> None:
    person = require_staff(session, c, "staff_id", v.get("staff_id"), msg("被授权人", "The person"))
    check_required(c, "staff_id", v.get("staff_id"), msg("被授权人", "the person"))
    check_required(c, "item", v.get("item"), msg("授权项目", "the authorised item"))
    check_required(c, "granted_on", v.get("granted_on"), msg("授权日期", "the date granted"))
    check_not_future(c, "granted_on", v.get("granted_on"), msg("授权日期", "The date granted"))
    granted, expires = v.get("granted_on"), v.get("expires_on")
    if granted is not None and expires is not None and expires <= granted:
        c.add("expires_on", msg("有效期至（{e}）必须晚于授权日期（{g}）。", "The expiry ({e}) must be after the date granted ({g}).",
                                e=expires.isoformat(), g=granted.isoformat()))
    item = (v.get("item") or "").strip()
    if person is not None and item and v.get("status", AuthorisationStatus.ACTIVE) != AuthorisationStatus.REVOKED:
        stmt = live(m.Authorisation).where(
            m.Authorisation.staff_id == person.id, m.Authorisation.item == item,
            m.Authorisation.status != AuthorisationStatus.REVOKED.value)
        if any(a.id != own_id for a in session.scalars(stmt)):
            c.add("item", msg("{n} 已有“{i}”的授权（有效或暂停中）。", "{n} already holds '{i}' (active or suspended).",
                              n=person.name, i=item))


def get_authorisation(session: Session, authorisation_id) -> m.Authorisation:
    return get(session, m.Authorisation, authorisation_id)


def grant_authorisation(
    session: Session, *, staff_id, item: str, granted_on: date, level: str | None = None,
    expires_on: date | None = None, basis: str | None = None,
) -> m.Authorisation:
    values = dict(staff_id=as_uuid(staff_id), item=item.strip() if isinstance(item, str) else item, level=level,
                  granted_on=granted_on, expires_on=expires_on, basis=basis)
    c = Collector()
    _check(session, values, c)
    c.raise_if_any()
    row = m.Authorisation(status=AuthorisationStatus.ACTIVE.value, **values)
    session.add(row)
    session.flush()
    return row


def update_authorisation(session: Session, authorisation_id, **changes) -> m.Authorisation:
    check_changes(m.Authorisation, changes, frozen=_FROZEN)
    row = get_authorisation(session, authorisation_id)
    if "staff_id" in changes:
        changes["staff_id"] = as_uuid(changes["staff_id"])
    c = Collector()
    _check(session, values_of(row) | changes, c, own_id=row.id)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def _change_status(session: Session, authorisation_id, action: str, target: AuthorisationStatus,
                   reason: str | None, on: date | None) -> m.Authorisation:
    row = get_authorisation(session, authorisation_id)
    zh, en = _ACTION_LABEL[action]
    if row.status not in _FROM[action]:
        raise ValidationError(
            msg("“{s}”状态的授权不能{a}。", "Cannot {a} an authorisation that is '{s}'.",
                s=AuthorisationStatus(row.status).label, a=msg(zh, en)), "status")
    if action != "reinstate" and (reason is None or not reason.strip()):
        raise ValidationError(msg("请填写{a}授权的原因。", "Give the reason to {a} the authorisation.", a=msg(zh, en)),
                              "reason")
    row.status = target.value
    if reason and reason.strip():
        # The model has no reason column; the basis keeps the authorisation's dated history in words.
        line = msg("{d} {a}：{r}", "{d} {a}: {r}", d=(on or today()).isoformat(), a=msg(zh, en), r=reason.strip())
        row.basis = f"{row.basis}\n{line}" if row.basis else line
    session.flush()
    return row


def suspend_authorisation(session: Session, authorisation_id, *, reason: str,
                          on: date | None = None) -> m.Authorisation:
    return _change_status(session, authorisation_id, "suspend", AuthorisationStatus.SUSPENDED, reason, on)


def revoke_authorisation(session: Session, authorisation_id, *, reason: str,
                         on: date | None = None) -> m.Authorisation:
    return _change_status(session, authorisation_id, "revoke", AuthorisationStatus.REVOKED, reason, on)


def reinstate_authorisation(session: Session, authorisation_id, *, reason: str | None = None,
                            on: date | None = None) -> m.Authorisation:
    return _change_status(session, authorisation_id, "reinstate", AuthorisationStatus.ACTIVE, reason, on)


def delete_authorisation(session: Session, authorisation_id) -> None:
    row = get_authorisation(session, authorisation_id)
    row.deleted = True
    session.flush()


def restore_authorisation(session: Session, authorisation_id) -> m.Authorisation:
    row = get(session, m.Authorisation, authorisation_id, include_deleted=True)
    c = Collector()
    _check(session, values_of(row), c, own_id=row.id)
    c.raise_if_any()
    row.deleted = False
    session.flush()
    return row


def list_authorisations(session: Session, *, staff_id=None, status: str | None = None,
                        item: str | None = None) -> list[m.Authorisation]:
    stmt = live(m.Authorisation)
    if staff_id is not None:
        stmt = stmt.where(m.Authorisation.staff_id == as_uuid(staff_id))
    if status is not None:
        stmt = stmt.where(m.Authorisation.status == str(status))
    if item is not None:
        stmt = stmt.where(m.Authorisation.item.like(f"%{item}%"))
    return list(session.scalars(stmt.order_by(m.Authorisation.granted_on, m.Authorisation.created_at)))


def expiring_within(session: Session, days: int, *, on: date | None = None) -> list[m.Authorisation]:
    """Active authorisations whose expiry falls in the next `days` days (from `on`, default today)."""
    start = on or today()
    stmt = live(m.Authorisation).where(
        m.Authorisation.status == AuthorisationStatus.ACTIVE.value,
        m.Authorisation.expires_on.is_not(None),
        m.Authorisation.expires_on >= start,
        m.Authorisation.expires_on <= start + timedelta(days=days),
    ).order_by(m.Authorisation.expires_on)
    return list(session.scalars(stmt))


def expired(session: Session, *, on: date | None = None) -> list[m.Authorisation]:
    """Authorisations still marked active whose expiry has passed (they need renewal)."""
    stmt = live(m.Authorisation).where(
        m.Authorisation.status == AuthorisationStatus.ACTIVE.value,
        m.Authorisation.expires_on.is_not(None),
        m.Authorisation.expires_on < (on or today()),
    ).order_by(m.Authorisation.expires_on)
    return list(session.scalars(stmt))


def is_authorised(session: Session, staff_id, item: str, *, on: date | None = None) -> bool:
    day = on or today()
    return any(a.granted_on <= day and (a.expires_on is None or a.expires_on >= day)
               for a in list_authorisations(session, staff_id=staff_id, status=AuthorisationStatus.ACTIVE)
               if a.item == item)


# --- what the pages show ------------------------------------------------------------------------------

AUTHORISATION_FIELDS = ("staff_id", "item", "level", "granted_on", "expires_on", "basis")
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True, slots=True)
class AuthorisationRow:
    id: uuid.UUID
    staff_id: uuid.UUID
    name: str
    item: str
    level: str | None
    granted_on: date
    expires_on: date | None
    status: str
    basis: str  # on one line
    days_left: int | None  # until expiry on `as_of` (negative: days past it); None without an expiry
    due: str  # for an active one: "expired", "expiring" (within EXPIRY_WARNING_DAYS) or ""


def _due(status: str, days_left: int | None) -> str:
    if status != AuthorisationStatus.ACTIVE.value or days_left is None:
        return ""
    if days_left < 0:
        return "expired"
    return "expiring" if days_left <= EXPIRY_WARNING_DAYS else ""


def authorisation_rows(session: Session, as_of: date | None = None) -> list[AuthorisationRow]:
    """授权管理 page: every authorisation, newest first, with the days left on `as_of` (today)."""
    day = as_of or today()
    rows = []
    for a in reversed(list_authorisations(session)):
        days = (a.expires_on - day).days if a.expires_on else None
        rows.append(AuthorisationRow(a.id, a.staff_id, a.staff.name, a.item, a.level, a.granted_on, a.expires_on,
                                     a.status, (a.basis or "").replace("\n", " / "), days, _due(a.status, days)))
    return rows


def authorisation_values(session: Session, authorisation_id) -> dict:
    return fields_of(get_authorisation(session, authorisation_id), AUTHORISATION_FIELDS)
