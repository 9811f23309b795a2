"""Reporting units (上报单位) and their enrollment: register, issue the enrollment file, confirm the unit key.

A unit's public key reaches the office inside its first package and is recorded as *pending*; the
office compares the fingerprint with the one the unit reads out (phone, paper) and confirms it. From
then on only that key is accepted; a package signed by any other key is refused naming both.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.office.models import OfficeUnit
from qmsdesk.sync.package import CODE_PATTERN


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def list_units(session: Session, *, active_only: bool = True) -> list[OfficeUnit]:
    stmt = select(OfficeUnit).order_by(OfficeUnit.hospital_code, OfficeUnit.department_code)
    if active_only:
        stmt = stmt.where(OfficeUnit.active.is_(True))
    return list(session.scalars(stmt))


def find_unit(session: Session, hospital_code: str, department_code: str) -> OfficeUnit | None:
    return session.scalars(select(OfficeUnit).where(OfficeUnit.hospital_code == hospital_code,
                                                    OfficeUnit.department_code == department_code)).first()


def get_unit(session: Session, unit_id: str) -> OfficeUnit:
    unit = session.get(OfficeUnit, unit_id)
    if unit is None:
        raise NotFoundError(msg("找不到该单位。", "No such unit."))
    return unit


def unit_by_token(session: Session, token: str) -> OfficeUnit | None:
    if not token:
        return None
    unit = session.scalars(select(OfficeUnit).where(OfficeUnit.token_sha256 == token_hash(token))).first()
    return unit if unit is not None and unit.active else None


def register_unit(session: Session, *, hospital_code: str, hospital_name: str, department_code: str,
                  department_name: str, department_type: str = "other", deadline_day: int = 5) -> OfficeUnit:
    """Add a unit, or update the names, type and deadline of one already registered (by codes)."""
    problems = []
    for code, field, what in ((hospital_code, "hospital_code", msg("医院编码", "The hospital code")),
                              (department_code, "department_code", msg("科室编码", "The department code"))):
        if not CODE_PATTERN.match(code or ""):
            problems.append((msg("{w}“{c}”无效：只能包含字母、数字、“-”“_”“.”，最长 32 个字符。",
                                 "{w} '{c}' is invalid: letters, digits, '-', '_', '.' only, at most 32.", w=what, c=code),
                             field))
    if not (hospital_name or "").strip() or not (department_name or "").strip():
        problems.append((msg("请填写医院名称和科室名称。", "Give the hospital and department names."), "hospital_name"))
    if not 1 <= int(deadline_day) <= 28:
        problems.append((msg("上报截止日应为每月 1–28 日之间。", "The deadline day must be from 1 to 28."), "deadline_day"))
    if problems:
        raise ValidationError(problems[0][0], problems[0][1])
    unit = find_unit(session, hospital_code, department_code)
    if unit is None:
        unit = OfficeUnit(hospital_code=hospital_code, department_code=department_code)
        session.add(unit)
    unit.hospital_name = hospital_name.strip()
    unit.department_name = department_name.strip()
    unit.department_type = department_type or "other"
    unit.deadline_day = int(deadline_day)
    unit.active = True
    session.flush()
    return unit


@dataclass(frozen=True)
class IssuedEnrollment:
    unit: OfficeUnit
    path: Path
    token: str


def issue_enrollment(session: Session, unit: OfficeUnit, keys, out_path: Path | str, *, inbox: str | None = None,
                     url: str | None = None, office_name: str = "") -> IssuedEnrollment:
    """Write the unit's signed enrollment file with a new upload token (the old token stops working)."""
    from qmsdesk.sync.enrollment import write_enrollment

    token = secrets.token_urlsafe(24)
    path = write_enrollment(Path(out_path), keys, hospital_code=unit.hospital_code, hospital_name=unit.hospital_name,
                            department_code=unit.department_code, department_name=unit.department_name,
                            department_type=unit.department_type, inbox=inbox, url=url,
                            deadline_day=unit.deadline_day, token=token, office_name=office_name)
    unit.token_sha256 = token_hash(token)
    # The file carries the office's encryption key: from now on an unsealed package is not this unit's program.
    unit.requires_encryption = True
    session.flush()
    return IssuedEnrollment(unit, path, token)


def record_pending_key(unit: OfficeUnit, key_b64: str, fingerprint: str) -> bool:
    """Remember a key seen in a package from the unit's own token or inbox folder; True when it is new.

    A unit with a confirmed key keeps it until the office confirms this one (a new key after re-enrolling).
    """
    if unit.pending_key_b64 == key_b64:
        return False
    unit.pending_key_b64, unit.pending_fingerprint = key_b64, fingerprint
    return True


def _same_fingerprint(a: str | None, b: str | None) -> bool:
    return (a or "").replace(" ", "").upper() == (b or "").replace(" ", "").upper()


def confirm_key(session: Session, unit: OfficeUnit, fingerprint: str | None = None) -> OfficeUnit:
    """Trust the pending key. `fingerprint`, when given, must be the one the unit read out.

    A key confirmed before is retired now: packages it signed before this moment stay valid.
    """
    if not unit.pending_key_b64:
        if unit.key_b64:
            raise ValidationError(msg("{u} 的密钥 {f} 已确认，没有等待确认的新密钥。科室更换密钥后发来的第一个上报包会带来新密钥。",
                                      "The key {f} of {u} is confirmed and no new key is waiting. The unit's first package "
                                      "after it changes its key brings the new one.", u=unit.label, f=unit.key_fingerprint))
        raise ValidationError(msg("{u} 没有待确认的密钥：该单位还没有发来上报包。",
                                  "{u} has no key waiting for confirmation: no package has arrived from it yet.",
                                  u=unit.label))
    if fingerprint and not _same_fingerprint(fingerprint, unit.pending_fingerprint):
        raise ValidationError(msg("指纹不符：收到的密钥指纹是 {g}，而输入的是 {e}。请与科室核对后再确认。",
                                  "Fingerprints differ: the key received is {g}, you entered {e}. Check with the unit.",
                                  g=unit.pending_fingerprint, e=fingerprint), "fingerprint")
    _set_confirmed(session, unit, unit.pending_key_b64, unit.pending_fingerprint)
    return unit


def _set_confirmed(session: Session, unit: OfficeUnit, key_b64: str, fingerprint: str) -> None:
    from qmsdesk.office.models import OfficeUnitKey, utcnow

    now = utcnow()
    for old in session.scalars(select(OfficeUnitKey).where(OfficeUnitKey.unit_id == unit.id,
                                                           OfficeUnitKey.retired_at.is_(None))):
        old.retired_at = now
    session.add(OfficeUnitKey(unit_id=unit.id, key_b64=key_b64, fingerprint=fingerprint, confirmed_at=now))
    unit.key_b64, unit.key_fingerprint = key_b64, fingerprint
    unit.pending_key_b64 = unit.pending_fingerprint = None
    session.flush()


def retired_key(session: Session, unit: OfficeUnit, key_b64: str):
    """The history row of a key this unit used before (None when the office never confirmed it)."""
    from qmsdesk.office.models import OfficeUnitKey

    return session.scalars(select(OfficeUnitKey).where(
        OfficeUnitKey.unit_id == unit.id, OfficeUnitKey.key_b64 == key_b64,
        OfficeUnitKey.retired_at.is_not(None)).order_by(OfficeUnitKey.retired_at.desc())).first()


def trust_key(session: Session, unit: OfficeUnit, key_b64: str) -> OfficeUnit:
    """Set a unit's confirmed key directly (the office demo, which made the unit keys itself)."""
    from qmsdesk.sync import crypto

    _set_confirmed(session, unit, key_b64, crypto.fingerprint(crypto.b64d(key_b64)))
    return unit


# --- what the units page shows, and its writes by unit id ----------------------------------------------

@dataclass(frozen=True, slots=True)
class UnitRow:
    id: str
    hospital_code: str
    hospital: str
    department_code: str
    department: str
    deadline: int
    key_state: str  # see key_state()
    fingerprint: str  # of the confirmed key
    pending: str  # of a key that arrived with a package and waits to be compared by phone
    folder: str


def key_state(unit: OfficeUnit) -> str:
    """"confirmed"; "pending" (a first key arrived with a package); "replacing" (a new key arrived beside the
    confirmed one); "none" (no package yet)."""
    if unit.key_fingerprint and unit.pending_fingerprint:
        return "replacing"
    if unit.key_fingerprint:
        return "confirmed"
    return "pending" if unit.pending_fingerprint else "none"


def _active_rows(session: Session, *columns):
    """Plain rows of the active units in list_units' order (a province has 4,000: no ORM objects for a list)."""
    u = OfficeUnit.__table__
    return session.execute(select(*columns).where(u.c.active.is_(True))
                           .order_by(u.c.hospital_code, u.c.department_code)).all()


def unit_rows(session: Session) -> list[UnitRow]:
    u = OfficeUnit.__table__
    return [UnitRow(r.id, r.hospital_code, r.hospital_name, r.department_code, r.department_name, r.deadline_day,
                    key_state(r), r.key_fingerprint or "", r.pending_fingerprint or "",
                    f"{r.hospital_code}_{r.department_code}")
            for r in _active_rows(session, u.c.id, u.c.hospital_code, u.c.hospital_name, u.c.department_code,
                                  u.c.department_name, u.c.deadline_day, u.c.key_fingerprint, u.c.pending_fingerprint)]


@dataclass(frozen=True, slots=True)
class UnitRef:
    """An active unit as the office's tables name it."""

    id: str
    hospital_code: str
    hospital_name: str
    department_code: str
    department_name: str
    deadline_day: int

    @property
    def label(self) -> str:
        return f"{self.hospital_name} {self.department_name}"


def unit_refs(session: Session) -> list[UnitRef]:
    u = OfficeUnit.__table__
    return [UnitRef(*r) for r in _active_rows(session, u.c.id, u.c.hospital_code, u.c.hospital_name,
                                               u.c.department_code, u.c.department_name, u.c.deadline_day)]


def enroll_unit(session: Session, values: dict, *, keys, folders, out_path: Path | str,
                url: str | None = None) -> Path:
    """Register a unit, make its inbox folder and write its enrollment file; returns the file's path."""
    unit = register_unit(session, **values)
    inbox = folders.unit_inbox(unit.folder_name)
    inbox.mkdir(parents=True, exist_ok=True)
    return issue_enrollment(session, unit, keys, out_path, inbox=str(inbox), url=url).path


def reissue_enrollment(session: Session, unit_id: str, *, keys, folders, out_path: Path | str) -> Path:
    """A new enrollment file (and upload token) for a registered unit."""
    unit = get_unit(session, unit_id)
    return issue_enrollment(session, unit, keys, out_path, inbox=str(folders.unit_inbox(unit.folder_name))).path


def confirm_unit_key(session: Session, unit_id: str, fingerprint: str | None = None) -> OfficeUnit:
    return confirm_key(session, get_unit(session, unit_id), fingerprint)


def unit_choices(session: Session) -> list[tuple[str, str]]:
    """(id, label) of the active units, for choosers."""
    return [(u.id, u.label) for u in unit_refs(session)]
