"""Session hooks that hold for every write, whoever makes it: the audit log and the month lock.

Putting them on the session (not in each service) means no code path — service, demo generator,
import — can change a record without an audit row, or slip an edit into a submitted month.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.db import models as m
from qmsdesk.db.enums import LOCKING_STATUSES
from qmsdesk.errors import FieldError, PeriodLockedError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

_SKIP_AUDIT = {"created_at", "updated_at"}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def _columns(obj: m.Base) -> list[str]:
    return [c.key for c in inspect(type(obj)).column_attrs]


def _audit_rows(session: Session) -> list[m.AuditEntry]:
    actor = session.info.get("actor") or _default_actor()
    rows: list[m.AuditEntry] = []
    for obj in session.new:
        if not isinstance(obj, m.Synced):
            continue
        if obj.id is None:
            obj.id = uuid.uuid4()
        changes = {
            k: [None, _plain(getattr(obj, k))]
            for k in _columns(obj)
            if k not in _SKIP_AUDIT and k != "id" and getattr(obj, k) is not None
        }
        rows.append(m.AuditEntry(actor=actor, action="create", table_name=obj.__tablename__,
                                 record_id=str(obj.id), changes=changes))
    for obj in session.dirty:
        if isinstance(obj, m.AuditEntry):
            raise ValidationError(msg("审计日志只能追加，不能修改。", "The audit log can only be added to, never changed."))
        if not isinstance(obj, m.Synced) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        changes: dict[str, list[Any]] = {}
        for key in _columns(obj):
            if key in _SKIP_AUDIT:
                continue
            hist = state.attrs[key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    changes[key] = [_plain(old), _plain(new)]
        if not changes:
            continue
        action = "update"
        if "deleted" in changes:
            action = "delete" if changes["deleted"][1] else "restore"
        rows.append(m.AuditEntry(actor=actor, action=action, table_name=obj.__tablename__,
                                 record_id=str(obj.id), changes=changes))
    for obj in session.deleted:
        if isinstance(obj, m.AuditEntry):
            raise ValidationError(msg("审计日志不能删除。", "The audit log cannot be deleted."))
        if isinstance(obj, m.Synced):
            rows.append(m.AuditEntry(actor=actor, action="purge", table_name=obj.__tablename__,
                                     record_id=str(obj.id), changes={}))
    return rows


def _default_actor() -> str:
    from qmsdesk.config import current_user

    return current_user()


# --- the month lock ---------------------------------------------------------------------------

def _date_periods(obj: m.Base, session: Session) -> list[tuple[str, Period]]:
    """(field, period) pairs that place this record in a month, old and new values alike."""
    state = inspect(obj)

    def values(key: str) -> list[Any]:
        hist = state.attrs[key].history
        vals = list(hist.added) + list(hist.deleted) + list(hist.unchanged)
        return [v for v in vals if v is not None]

    def parent_date(model: type[m.Base], fk: str) -> list[tuple[str, Period]]:
        out = []
        for parent_id in values(fk):
            parent = session.get(model, parent_id)
            if parent is not None:
                out.append((fk, Period.of(parent.date)))
        return out

    if isinstance(obj, m.Meeting | m.TrainingSession | m.Assessment | m.Inspection):
        return [("date", Period.of(v)) for v in values("date")]
    if isinstance(obj, m.IndicatorValue):
        return [("period", Period.parse(v)) for v in values("period")]
    if isinstance(obj, m.AdverseEvent):
        return [("occurred_at", Period.of(v)) for v in values("occurred_at")]
    if isinstance(obj, m.MeetingAttendance | m.MeetingProblem):
        return parent_date(m.Meeting, "meeting_id")
    if isinstance(obj, m.TrainingAttendance):
        return parent_date(m.TrainingSession, "session_id")
    if isinstance(obj, m.InspectionFinding | m.InspectionItem):
        return parent_date(m.Inspection, "inspection_id")
    if isinstance(obj, m.EventAnalysis):
        return _event_periods(session, values("event_id"), "event_id")
    if isinstance(obj, m.EventFactor):
        events = [a.event_id for a in (session.get(m.EventAnalysis, x) for x in values("analysis_id")) if a is not None]
        return _event_periods(session, events, "analysis_id")
    return []


def _event_periods(session: Session, event_ids: list, field: str) -> list[tuple[str, Period]]:
    """An event's analysis belongs to the month the event happened in (it travels, and locks, with it)."""
    out = []
    for event_id in event_ids:
        event = session.get(m.AdverseEvent, event_id)
        if event is not None:
            out.append((field, Period.of(event.occurred_at)))
    return out


def locked_periods(session: Session) -> dict[str, m.Submission]:
    """Months frozen by a submission: the newest version of the month is in a locking status."""
    newest: dict[str, m.Submission] = {}
    rows = session.scalars(select(m.Submission).where(m.Submission.deleted.is_(False))).all()
    for sub in rows:
        if sub.period not in newest or sub.version > newest[sub.period].version:
            newest[sub.period] = sub
    return {p: s for p, s in newest.items() if s.status in LOCKING_STATUSES}


def locked_message(sub: m.Submission) -> str:
    when = clock.local_text(sub.submitted_at, "%Y-%m-%d")
    return msg(
        "{p} 已于 {d} 上报（第 {v} 版），该月记录已锁定，不能修改。如需更正，请在“月度上报”中对 {p} 申请更正并填写原因，"
        "系统将重新打开该月并生成第 {n} 版。",
        "{p} was submitted on {d} (version {v}) and its records are locked. To correct it, amend {p} on the "
        "Monthly submission page with a reason; the month reopens as version {n}.",
        p=sub.period, d=when, v=sub.version, n=sub.version + 1,
    )


def _check_locks(session: Session) -> None:
    if session.info.get("skip_period_lock"):
        return
    touched = [o for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, m.Synced)]
    if not touched:
        return
    with session.no_autoflush:
        pairs = [(o, f, p) for o in touched for f, p in _date_periods(o, session)]
        if not pairs:
            return
        locks = locked_periods(session)
    errors = []
    for _obj, field, period in pairs:
        sub = locks.get(str(period))
        if sub is not None:
            errors.append(FieldError(field, locked_message(sub)))
    if errors:
        unique = list({(e.field, e.message): e for e in errors}.values())
        raise PeriodLockedError(unique)


# --- the lock of an approved analysis ------------------------------------------------------------

def analysis_locked_message(row: m.QualityAnalysis) -> str:
    from qmsdesk.spans import Span

    span = Span.parse(row.span)
    kind = msg("年度质控总结", "annual summary") if span.is_year else msg("季度质量分析", "quarterly analysis")
    option = f"--year {span.year}" if span.is_year else f"--quarter {span}"
    return msg("{s}{k}已于 {d} 由{w}审定并锁定，不能修改。如需修改，请先撤回审定并写明原因（qmsdesk analysis reopen {o} --reason …）。",
               "The {k} of {s} was approved by {w} on {d} and is locked. To change it, reopen it with a reason "
               "(qmsdesk analysis reopen {o} --reason …).", s=span.label(), k=kind,
               d=row.approved_on.isoformat() if row.approved_on else "", w=row.approved_by.name if row.approved_by else "",
               o=option)


def _was_approved(analysis: m.QualityAnalysis) -> bool:
    """Approved before this flush and still approved after it (approving and reopening are allowed)."""
    hist = inspect(analysis).attrs["status"].history
    if not hist.has_changes():
        return analysis.status == "approved"
    return bool(hist.deleted) and hist.deleted[0] == "approved" and analysis.status == "approved"


def _check_analysis_locks(session: Session) -> None:
    touched = [o for o in (*session.new, *session.dirty, *session.deleted)
               if isinstance(o, m.QualityAnalysis | m.AnalysisProblem)]
    for obj in touched:
        if isinstance(obj, m.AnalysisProblem):
            with session.no_autoflush:
                analysis = obj.analysis or session.get(m.QualityAnalysis, obj.analysis_id)
            locked = analysis is not None and _was_approved(analysis)
        else:
            locked = obj not in session.new and _was_approved(obj) and session.is_modified(obj)
        if locked:
            raise PeriodLockedError([FieldError("status", analysis_locked_message(
                obj if isinstance(obj, m.QualityAnalysis) else analysis))])


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context, instances) -> None:
    _check_locks(session)
    _check_analysis_locks(session)
    rows = _audit_rows(session)
    session.add_all(rows)
