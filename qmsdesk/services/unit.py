"""The installation's own unit (hospital and department): one row, set up once and edited rarely."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.db import models as m
from qmsdesk.db.enums import DepartmentType
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.services.base import check_choice, check_required

_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
# The office's reporting deadline: a day every month has.
DEADLINE_DAY_RANGE = (1, 28)


def get_unit(session: Session) -> m.Unit | None:
    """The unit, or None before the first set-up."""
    return session.scalars(live(m.Unit).order_by(m.Unit.created_at)).first()


def require_unit(session: Session) -> m.Unit:
    unit = get_unit(session)
    if unit is None:
        from qmsdesk.sync.identity import missing_unit

        raise missing_unit()
    return unit


def _check(v: dict) -> None:
    c = Collector()
    for field, what in (("hospital_code", msg("医院代码", "the hospital code")),
                        ("hospital_name", msg("医院名称", "the hospital name")),
                        ("department_code", msg("科室代码", "the department code")),
                        ("department_name", msg("科室名称", "the department name"))):
        check_required(c, field, v.get(field), what)
    for field in ("hospital_code", "department_code"):
        code = v.get(field)
        if code and code.strip() and not _CODE.match(code.strip()):
            c.add(field, msg("代码只能包含字母、数字、“-”“_”“.”，最长 32 位。",
                             "A code may hold only letters, digits, '-', '_' and '.', at most 32 characters."))
    check_choice(c, "department_type", v.get("department_type"), DepartmentType, msg("科室类型", "department type"))
    if not clock.known_zone(v.get("time_zone")):
        c.add("time_zone", msg("时区“{z}”无法识别，请选择，例如 Asia/Shanghai（北京时间）。",
                               "The time zone '{z}' is not known; choose one, e.g. Asia/Shanghai (China time).",
                               z=v.get("time_zone") or ""))
    day = v.get("deadline_day")
    low, high = DEADLINE_DAY_RANGE
    if not isinstance(day, int) or isinstance(day, bool) or not low <= day <= high:
        c.add("deadline_day", msg("上报截止日应为每月 {a}–{b} 日之间。", "The reporting deadline must be a day from {a} to {b}.",
                                  a=low, b=high))
    c.raise_if_any()


def set_unit(
    session: Session, *, hospital_code: str, hospital_name: str, department_code: str, department_name: str,
    department_type: str, deadline_day: int = 5, time_zone: str | None = None,
) -> m.Unit:
    """Create the unit on first set-up, or update the single existing row.

    `time_zone` (IANA) decides from now on which day and month a time belongs to; None keeps the unit's
    (an enrollment file does not carry one), and a new unit starts on Asia/Shanghai.
    """
    unit = get_unit(session)
    zone = time_zone or (unit.time_zone if unit is not None else clock.DEFAULT_ZONE)
    values = dict(hospital_code=hospital_code, hospital_name=hospital_name, department_code=department_code,
                  department_name=department_name, department_type=str(department_type), deadline_day=deadline_day,
                  time_zone=zone)
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    _check(values)
    if unit is None:
        unit = m.Unit(**values)
        session.add(unit)
    else:
        for key, value in values.items():
            if getattr(unit, key) != value:
                setattr(unit, key, value)
    session.flush()
    clock.set_zone(unit.time_zone)
    return unit


UNIT_FIELDS = ("hospital_name", "hospital_code", "department_name", "department_code", "department_type",
               "deadline_day", "time_zone")


def unit_values(session: Session) -> dict | None:
    """The unit's fields as plain values (the settings page and its form), None before the first set-up."""
    unit = get_unit(session)
    return {k: getattr(unit, k) for k in UNIT_FIELDS} if unit is not None else None


def unit_title(session: Session) -> str:
    """“医院 · 科室” for the window's title and status bar ("" before the first set-up)."""
    unit = get_unit(session)
    return f"{unit.hospital_name} · {unit.department_name}" if unit is not None else ""


def unit_codes(session: Session) -> tuple[str, str] | None:
    """(hospital code, department code), None before the first set-up."""
    unit = get_unit(session)
    return (unit.hospital_code, unit.department_code) if unit is not None else None
