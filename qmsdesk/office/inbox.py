"""收件箱与导入: what the office's inbox page shows (imported package versions, the import journal) and the
acknowledgement of one version by its id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.office import acks
from qmsdesk.office.completeness import signed_day
from qmsdesk.office.labels import outcome_label, package_state, review_state
from qmsdesk.office.models import ImportLogEntry, OfficePackage, OfficeUnit
from qmsdesk.office.store import OfficeFolders

LOG_SHOWN = 200
PACKAGES_SHOWN = 5000  # a province's month is some 4,000 packages


@dataclass(frozen=True, slots=True)
class PackageRow:
    id: int
    period: str
    unit: str
    version: int
    state: str  # shown text; `raw_state` is the code
    raw_state: str
    ack: str
    comments: str
    signed: date


def package_rows(session: Session, limit: int = PACKAGES_SHOWN) -> list[PackageRow]:
    """The imported package versions of the newest months (at most `limit`), newest month first, then by unit and
    version as acks.packages orders them — read as plain rows: a province's office holds 50,000 a year."""
    p, u = OfficePackage.__table__, OfficeUnit.__table__
    zone = func.coalesce(p.c.notes["time_zone"].as_string(), clock.DEFAULT_ZONE)  # not the whole notes, for one key
    stmt = (select(p.c.id, p.c.period, u.c.hospital_name, u.c.department_name, p.c.version, p.c.state, p.c.ack_status,
                   p.c.ack_comments, p.c.created, zone).join(u, u.c.id == p.c.unit_id)
            .order_by(p.c.period.desc(), p.c.unit_id, p.c.version).limit(limit))
    states, reviews = {}, {}
    out = []
    for id_, period, hospital, department, version, state, ack, comments, created, zone_ in session.execute(stmt).all():
        if state not in states:
            states[state] = package_state(state)
        if ack not in reviews:
            reviews[ack] = review_state(ack)
        out.append(PackageRow(id_, period, f"{hospital} {department}", version, states[state], state, reviews[ack],
                              comments or "", signed_day(created, zone_)))
    return out


@dataclass(frozen=True, slots=True)
class LogRow:
    id: int
    time: str  # local, to the minute
    file: str
    unit: str
    period: str
    version: int | str
    outcome: str
    message: str


def log_rows(session: Session, limit: int = LOG_SHOWN) -> list[LogRow]:
    """The import journal, newest first."""
    stmt = select(ImportLogEntry).order_by(ImportLogEntry.id.desc()).limit(limit)
    return [LogRow(e.id, clock.local_text(e.time), e.filename, e.unit_label, e.period or "", e.version or "", outcome_label(e.outcome),
                   e.message) for e in session.scalars(stmt)]


def acknowledge_package(session: Session, package_id: int, status: str, comments: str = "", *, keys,
                        folders: OfficeFolders) -> acks.AckResult:
    """Accept or return the package version `package_id` (acks.acknowledge)."""
    package = session.get(OfficePackage, package_id)
    if package is None:
        raise NotFoundError(msg("找不到这个上报包（可能已被删除）。", "That package is not in the store any more."))
    return acks.acknowledge(session, package, status, comments, keys=keys, folders=folders)
