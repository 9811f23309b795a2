"""A month's submission written with plain SQL (db/raw.RawWriter), for `qmsdesk submit` without SQLAlchemy.

The same rows as services/submission.submit_month and the package/sent updates write through the ORM, with
the audit rows db/events.py adds to every flush: one per change, the changed fields as [old, new] (creation:
every field set, without id and timestamps), stored as the ORM's JSON column stores them. The rules on when a
month may be submitted are services/submission_rules.py's, shared with the ORM path. tests/services/
test_submit_raw.py holds the rows of both paths equal.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.db.raw import RawReader, RawWriter, stored_time
from qmsdesk.periods import Period
from qmsdesk.services.submission_rules import OPEN_DRAFT_STATUSES, SENDABLE_STATUSES, refuse_submit

# The columns of `submissions` in the models' order (the audit row lists changed fields in this order).
_COLUMNS = ("period", "version", "status", "submitted_at", "file_hash", "package_path", "amend_reason", "comments")


@dataclass(frozen=True)
class SubmissionRow:
    id: uuid.UUID
    period: str
    version: int
    status: str
    submitted_at: str | None  # as stored
    amend_reason: str | None
    file_hash: str | None
    package_path: str | None


def _row(r) -> SubmissionRow:
    return SubmissionRow(uuid.UUID(r["id"]), r["period"], r["version"], r["status"], r["submitted_at"],
                         r["amend_reason"], r["file_hash"], r["package_path"])


_SELECT = "SELECT id, period, version, status, submitted_at, amend_reason, file_hash, package_path FROM submissions"


def newest(reader: RawReader, period: Period | str) -> SubmissionRow | None:
    """The month's newest live version (services/submission.newest)."""
    rows = reader.rows(f"{_SELECT} WHERE deleted = 0 AND period = :p ORDER BY version DESC LIMIT 1", p=str(period))
    return _row(rows[0]) if rows else None


def _now() -> datetime:
    return datetime.now(UTC)


def _plain(value: Any) -> Any:
    """A value as db/events._plain writes it into the audit row."""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _audit(writer: RawWriter, actor: str, action: str, record_id: uuid.UUID, changes: dict[str, list[Any]]) -> None:
    writer.execute("INSERT INTO audit_log (at, actor, action, table_name, record_id, changes)"
                   " VALUES (:at, :actor, :action, 'submissions', :rid, :changes)",
                   at=stored_time(_now()), actor=actor, action=action, rid=str(record_id), changes=json.dumps(changes))


def _update(writer: RawWriter, actor: str, sub: SubmissionRow, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Set `new` on the row (and its updated_at), with the audit row of what really changed."""
    sets = ", ".join(f"{k} = :{k}" for k in new)
    stored = {k: stored_time(v) if isinstance(v, datetime) else v for k, v in new.items()}
    writer.execute(f"UPDATE submissions SET {sets}, updated_at = :updated_at WHERE id = :id", **stored,
                   updated_at=stored_time(_now()), id=sub.id.hex)
    changes = {k: [_plain(old[k]), _plain(new[k])] for k in _COLUMNS if k in new and old[k] != new[k]}
    if changes:
        _audit(writer, actor, "update", sub.id, changes)


def _stored_old(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def submit_month(writer: RawWriter, period: Period, actor: str) -> SubmissionRow:
    """Submit the month: the newest draft becomes `submitted` (or a new version is made); the month locks."""
    current = newest(writer, period)
    refuse_submit(period, current.version if current else None, current.status if current else None)
    when = _now()
    submitted = SubmissionStatus.SUBMITTED.value
    if current is not None and current.status in OPEN_DRAFT_STATUSES:
        _update(writer, actor, current, {"status": current.status, "submitted_at": _stored_old(current.submitted_at)},
                {"status": submitted, "submitted_at": when})
        return newest(writer, period)
    new_id = uuid.uuid4()
    version = current.version + 1 if current else 1
    writer.execute("INSERT INTO submissions (id, period, version, status, submitted_at, created_at, updated_at, deleted)"
                   " VALUES (:id, :period, :version, :status, :at, :created, :created, 0)", id=new_id.hex,
                   period=str(period), version=version, status=submitted, at=stored_time(when),
                   created=stored_time(_now()))
    _audit(writer, actor, "create", new_id, {"period": [None, str(period)], "version": [None, version],
                                            "status": [None, submitted], "submitted_at": [None, when.isoformat()]})
    return newest(writer, period)


def record_package(writer: RawWriter, sub: SubmissionRow, sha256: str, path: str, actor: str) -> None:
    """The built package's hash and place on its version (sync/monthly.build_month_package)."""
    _update(writer, actor, sub, {"file_hash": sub.file_hash, "package_path": sub.package_path},
            {"file_hash": sha256, "package_path": path})


def mark_sent(writer: RawWriter, sha256: str, actor: str) -> None:
    """The version whose package went out becomes `sent` (sync/monthly.send_package)."""
    rows = writer.rows(f"{_SELECT} WHERE file_hash = :h AND deleted = 0 LIMIT 1", h=sha256)
    if rows and rows[0]["status"] in SENDABLE_STATUSES:
        sub = _row(rows[0])
        _update(writer, actor, sub, {"status": sub.status}, {"status": SubmissionStatus.SENT.value})
