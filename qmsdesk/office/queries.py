"""The rows the office's figures count: each unit's month as its current, not-returned version carried it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from qmsdesk.office.models import OfficePackage, OfficeRecord, OfficeUnit
from qmsdesk.periods import Period, months_between
from qmsdesk.rules import ItemColumns

# A ledger item's fields inside an office record's JSON, for the derived rules (qmsdesk.rules) in SQL.
ITEM_COLUMNS = ItemColumns(*(OfficeRecord.data[k].as_string() for k in
                             ("found_on", "deadline", "status", "closed_on", "verified_on")),
                           as_day=lambda d: d.isoformat())


@dataclass(frozen=True)
class CountedRow:
    unit_id: str
    period: str
    data: dict[str, Any]


def period_list(start: Period | str, end: Period | str) -> list[str]:
    return [str(p) for p in months_between(Period.parse(start), Period.parse(end))]


def quarter_periods(quarter: str) -> list[str]:
    """"2026Q3" → ["2026-07", "2026-08", "2026-09"]."""
    from qmsdesk.errors import ValidationError
    from qmsdesk.i18n import msg

    text = quarter.strip().upper()
    try:
        year, q = int(text[:4]), int(text[-1])
        if text[4] != "Q" or not 1 <= q <= 4 or len(text) != 6:
            raise ValueError(text)
    except (ValueError, IndexError) as exc:
        raise ValidationError(msg("季度“{q}”格式不对，应为如 2026Q3。", "Quarter '{q}' is malformed; write e.g. 2026Q3.",
                                  q=quarter), "quarter") from exc
    return [f"{year:04d}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]


def counted_where(stmt, kind: str, periods: Iterable[str]):
    """`stmt` limited to live records of `kind` in `periods` from each unit's current, not returned version. The
    packages are limited to `periods` too: the planner does not carry the records' list of months over the join,
    and hashed every package of the store (a province's 91,000, 180 MB) for a quarter's 11,000."""
    periods = list(periods)
    return (stmt.join(OfficePackage, and_(OfficePackage.unit_id == OfficeRecord.unit_id,
                                          OfficePackage.period == OfficeRecord.period,
                                          OfficePackage.state == "current"))
            .join(OfficeUnit, OfficeUnit.id == OfficeRecord.unit_id)
            .where(OfficeRecord.kind == kind, OfficeRecord.period.in_(periods), OfficePackage.period.in_(periods),
                   OfficeRecord.deleted.is_(False), OfficeRecord.data.is_not(None), OfficeUnit.active.is_(True),
                   or_(OfficePackage.ack_status.is_(None), OfficePackage.ack_status != "returned")))


def counted(session: Session, kind: str, periods: Iterable[str], tag: str | None = None,
            unit_id: str | None = None) -> list[CountedRow]:
    """Live records of `kind` in `periods` from each unit's current version, leaving returned months out."""
    stmt = counted_where(select(OfficeRecord.unit_id, OfficeRecord.period, OfficeRecord.data), kind, periods)
    if tag is not None:
        stmt = stmt.where(OfficeRecord.tag == tag)
    if unit_id is not None:
        stmt = stmt.where(OfficeRecord.unit_id == unit_id)
    return [CountedRow(u, p, d) for u, p, d in session.execute(stmt) if d is not None]


def driver_rows(session: Session, stmt, params: dict[str, Any] | None = None) -> list[tuple]:
    """Every row of `stmt` as the database driver's plain tuples, for a plain-SQL read of tens of thousands of rows
    whose columns need no conversion of SQLAlchemy's: its Row objects cost a province's quarterly report a tenth of
    a second for 53,000 indicator values."""
    result = session.execute(stmt, params or {})
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


_SHARED_LABELS: ContextVar[tuple[Session, dict[str, str], dict[str, str]] | None] = ContextVar("labels", default=None)


def _read_labels(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    u = OfficeUnit.__table__
    everyone, active = {}, {}
    for i, h, d, on in session.execute(select(u.c.id, u.c.hospital_name, u.c.department_name, u.c.active)):
        everyone[i] = f"{h} {d}"
        if on:
            active[i] = everyone[i]
    return everyone, active


def unit_labels(session: Session, *, active_only: bool = False) -> dict[str, str]:
    """Unit id → label ("hospital department") of every unit (or the active ones), read as columns — once for a
    whole read that shares them (shared_labels)."""
    shared = _SHARED_LABELS.get()
    everyone, active = shared[1:] if shared is not None and shared[0] is session else _read_labels(session)
    return dict(active if active_only else everyone)


@contextmanager
def shared_labels(session: Session, labels: tuple[dict[str, str], dict[str, str]] | None = None) -> Iterator[None]:
    """The units' labels read once for what runs inside, on `session`, which must not change a unit meanwhile: the
    quarterly report asks for a province's 3,900 labels in five of its sections. `labels` (label_sets() of another
    session of the same read) saves reading them again: the report reads its sections on three connections."""
    token = _SHARED_LABELS.set((session, *(labels or _read_labels(session))))
    try:
        yield
    finally:
        _SHARED_LABELS.reset(token)


def label_sets() -> tuple[dict[str, str], dict[str, str]] | None:
    """(every unit's labels, the active units') that shared_labels holds now, for shared_labels(other session)."""
    shared = _SHARED_LABELS.get()
    return None if shared is None else shared[1:]


def staff_names(session: Session, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(unit id, staff UUID) → name for the pairs asked, from the staff rows the packages carried."""
    wanted = {w for w in wanted if w[1] and w[1] != "None"}
    ids = sorted({rid for _u, rid in wanted})
    out: dict[tuple[str, str], str] = {}
    for i in range(0, len(ids), 500):  # stay well under the bound-parameter limits of both databases
        stmt = select(OfficeRecord.unit_id, OfficeRecord.record_id, OfficeRecord.data).where(
            OfficeRecord.kind == "staff", OfficeRecord.record_id.in_(ids[i:i + 500]))
        for u, r, d in session.execute(stmt):
            if (u, r) in wanted:
                out[(u, r)] = (d or {}).get("name", "")
    return out
