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
    for code, field, what in ((hospital_code, "hospital_code", "医院编码"), (department_code, "department_code", "科室编码")):
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
    session.flush()
    return IssuedEnrollment(unit, path, token)


def record_pending_key(unit: OfficeUnit, key_b64: str, fingerprint: str) -> bool:
    """Remember a key seen in a package of a unit with no confirmed key; True when it is new."""
    if unit.pending_key_b64 == key_b64:
        return False
    unit.pending_key_b64, unit.pending_fingerprint = key_b64, fingerprint
    return True


def confirm_key(session: Session, unit: OfficeUnit, fingerprint: str | None = None) -> OfficeUnit:
    """Trust the pending key. `fingerprint`, when given, must be the one the unit read out."""
    if not unit.pending_key_b64:
        raise ValidationError(msg("{u} 没有待确认的密钥：该单位还没有发来上报包。",
                                  "{u} has no key waiting for confirmation: no package has arrived from it yet.",
                                  u=unit.label))
    if fingerprint and fingerprint.replace(" ", "").upper() != (unit.pending_fingerprint or "").replace(" ", ""):
        raise ValidationError(msg("指纹不符：收到的密钥指纹是 {g}，而输入的是 {e}。请与科室核对后再确认。",
                                  "Fingerprints differ: the key received is {g}, you entered {e}. Check with the unit.",
                                  g=unit.pending_fingerprint, e=fingerprint), "fingerprint")
    unit.key_b64, unit.key_fingerprint = unit.pending_key_b64, unit.pending_fingerprint
    unit.pending_key_b64 = unit.pending_fingerprint = None
    session.flush()
    return unit


def trust_key(session: Session, unit: OfficeUnit, key_b64: str) -> OfficeUnit:
    """Set a unit's confirmed key directly (the office demo, which made the unit keys itself)."""
    from qmsdesk.sync import crypto

    unit.key_b64 = key_b64
    unit.key_fingerprint = crypto.fingerprint(crypto.b64d(key_b64))
    unit.pending_key_b64 = unit.pending_fingerprint = None
    session.flush()
    return unit
