"""Recording what a write changed (`qmsdesk.changes.Changes`), below every service, so no caller can forget a fact.

Inside `recording()`, every flush of any session on this thread notes the rows it inserts, updates or
deletes (their table is their kind), every Core INSERT/UPDATE/DELETE notes its table, and a write that
touches a submission notes which months became locked or unlocked:

    with recording() as recorder:  # qmsdesk.changes
        with db.session() as s:
            ledger.move_item(s, item_id, "in_progress")
    changes = recorder.changes(db.locked_months)  # kinds rectification_items, progress_notes, audit_log

Reads run in `Database.read_session()`: a read-only session whose flush refuses to write, so a function
called as a read can never change anything unnoticed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from qmsdesk.changes import Kind, current_recorder
from qmsdesk.periods import Period


def locked_months(session: Session) -> frozenset[Period]:
    """Months whose newest live submission is in a locking status, read as stored (not from pending objects)."""
    from qmsdesk.db import models as m
    from qmsdesk.db.enums import LOCKING_STATUSES

    newest: dict[str, tuple[int, str]] = {}
    stmt = select(m.Submission.period, m.Submission.version, m.Submission.status).where(m.Submission.deleted.is_(False))
    with session.no_autoflush:
        for period, version, status in session.execute(stmt):
            if period not in newest or version > newest[period][0]:
                newest[period] = (version, status)
    return frozenset(Period.parse(p) for p, (_v, status) in newest.items() if status in LOCKING_STATUSES)


# --- the hooks ------------------------------------------------------------------------------------

class ReadOnlyError(RuntimeError):
    """A read tried to write: a programming error (the function belongs in an operation)."""


def _row_id(obj: Any) -> Any:
    value = getattr(obj, "id", None)
    return value.hex if isinstance(value, uuid.UUID) else value


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    pending = [o for o in (*session.new, *session.deleted)] + [o for o in session.dirty if session.is_modified(o)]
    if session.info.get("read_only") and pending:
        names = sorted({type(o).__name__ for o in pending})
        raise ReadOnlyError(f"a read tried to write {', '.join(names)}: run it as an operation")
    recorder = current_recorder()
    if recorder is None or recorder.locks_before is not None:
        return
    if any(getattr(o, "__tablename__", "") == Kind.SUBMISSION for o in pending):
        recorder.locks_before = locked_months(session)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    recorder = current_recorder()
    if recorder is None:
        return
    for obj in (*session.new, *session.deleted, *session.dirty):
        table = getattr(obj, "__tablename__", None)
        if table is not None and (obj not in session.dirty or session.is_modified(obj)):
            recorder.note(table, (_row_id(obj),))


@event.listens_for(Engine, "before_execute")
def _before_execute(_conn, clause, _multiparams, _params, _options) -> None:
    """Core INSERT/UPDATE/DELETE (bulk writes bypass the ORM flush) name their table."""
    recorder = current_recorder()
    if recorder is not None and isinstance(clause, UpdateBase):
        table = getattr(clause, "table", None)
        name = getattr(table, "name", None)
        if name:
            recorder.note(name)
