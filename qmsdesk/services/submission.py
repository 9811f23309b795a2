"""月度上报: submitting a month (which locks its records) and amending it (which reopens it as a new version)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import LOCKING_STATUSES, SubmissionStatus
from qmsdesk.db.queries import live
from qmsdesk.db.types import utcnow
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between
from qmsdesk.services.base import get
from qmsdesk.services.submission_rules import OPEN_DRAFT_STATUSES, refuse_submit


@dataclass(frozen=True)
class MonthState:
    """Where a month stands: locked or open, and the newest submission version (0 when none)."""

    period: str
    locked: bool
    version: int
    status: str | None
    submission: m.Submission | None

    @property
    def status_label(self) -> str:
        # the words are shared with the read without the ORM (RawMonthState)
        from qmsdesk.services.submission_checks_raw import status_label

        return status_label(self.status)


def versions(session: Session, period: Period) -> list[m.Submission]:
    """Every version of the month's submission, oldest first."""
    stmt = live(m.Submission).where(m.Submission.period == str(period)).order_by(m.Submission.version)
    return list(session.scalars(stmt))


def newest(session: Session, period: Period) -> m.Submission | None:
    rows = versions(session, period)
    return rows[-1] if rows else None


def month_state(session: Session, period: Period) -> MonthState:
    sub = newest(session, period)
    if sub is None:
        return MonthState(str(period), False, 0, None, None)
    return MonthState(str(period), sub.status in LOCKING_STATUSES, sub.version, sub.status, sub)


def is_locked(session: Session, period: Period) -> bool:
    return month_state(session, period).locked


def submit_month(session: Session, period: Period) -> m.Submission:
    """Submit the month: the newest draft becomes `submitted` (or version 1 is created); the month locks."""
    p = period
    current = newest(session, p)
    refuse_submit(p, current.version if current else None, current.status if current else None)
    if current is not None and current.status in OPEN_DRAFT_STATUSES:
        sub = current
    else:
        sub = m.Submission(period=str(p), version=(current.version + 1) if current else 1)
        session.add(sub)
    sub.status = SubmissionStatus.SUBMITTED.value
    sub.submitted_at = utcnow()
    session.flush()
    return sub


def amend_month(session: Session, period: Period, reason: str) -> m.Submission:
    """Reopen a submitted month as a new draft version; the reason travels with it to the office."""
    p = period
    if reason is None or not str(reason).strip():
        raise ValidationError(msg("请填写更正原因。", "Please give the reason for the amendment."), "amend_reason")
    current = newest(session, p)
    if current is None or current.status not in LOCKING_STATUSES:
        raise ValidationError(
            msg("{p} 尚未上报，记录可直接修改，无需申请更正。",
                "{p} has not been submitted; its records can be edited directly without an amendment.", p=p),
            "period",
        )
    for old in versions(session, p):
        if old.status != SubmissionStatus.SUPERSEDED:
            old.status = SubmissionStatus.SUPERSEDED.value
    sub = m.Submission(period=str(p), version=current.version + 1, status=SubmissionStatus.DRAFT.value,
                       amend_reason=str(reason).strip())
    session.add(sub)
    session.flush()
    return sub


def submitted_periods(session: Session) -> list[str]:
    """Months whose newest version locks them, oldest first."""
    rows = session.scalars(live(m.Submission).order_by(m.Submission.period, m.Submission.version)).all()
    newest_by_period: dict[str, m.Submission] = {}
    for sub in rows:
        newest_by_period[sub.period] = sub
    return [p for p, s in newest_by_period.items() if s.status in LOCKING_STATUSES]


def get_submission(session: Session, submission_id) -> m.Submission:
    return get(session, m.Submission, submission_id)



# --- what the page shows ------------------------------------------------------------------------------

MONTHS_SHOWN = 12
DEFAULT_DEADLINE_DAY = 5


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One version of a month's submission, with where its package is (the outbox's state of it)."""

    version: int
    status: str
    submitted_at: datetime | None
    package: str | None  # the package's file name
    sha256: str | None
    outbox: str | None  # the outbox state (built, sent, held, refused, accepted, returned); None: not in this PC's outbox
    destination: str | None
    reason: str | None  # the office's reason for holding or refusing the package
    last_error: str | None  # why the last send failed
    amend_reason: str | None
    comments: str | None


@dataclass(frozen=True, slots=True)
class MonthRow:
    """A month on 月度上报: its newest version's state (None: never submitted) and all its versions."""

    id: str  # the month, YYYY-MM
    period: Period
    status: str | None
    version: int
    submitted_at: datetime | None
    outbox: str | None
    deadline: date
    overdue: bool  # past the deadline and not submitted
    comments: str | None
    amend_reason: str | None
    versions: tuple[VersionRow, ...]


def month_rows(session: Session, as_of: date | None = None, outbox_root=None) -> list[MonthRow]:
    """The last MONTHS_SHOWN months up to `as_of`'s (today) and every month ever submitted, newest first."""
    from qmsdesk.services.unit import get_unit

    day = as_of or today()
    current = Period.of(day)
    first = current
    for _ in range(MONTHS_SHOWN - 1):
        first = first.previous()
    periods = set(months_between(first, current))
    periods |= {Period.parse(sub.period) for sub in session.scalars(live(m.Submission))}  # stored as text
    unit = get_unit(session)
    deadline_day = unit.deadline_day if unit is not None else DEFAULT_DEADLINE_DAY
    packages = _outbox_by_hash(outbox_root)
    rows = []
    for period in sorted(periods, reverse=True):
        shown = tuple(_version_row(sub, packages) for sub in versions(session, period))
        newest_version = shown[-1] if shown else None
        status = newest_version.status if newest_version else None
        deadline = rules.submission_deadline(period, deadline_day)
        rows.append(MonthRow(
            str(period), period, status, newest_version.version if newest_version else 0,
            newest_version.submitted_at if newest_version else None, newest_version.outbox if newest_version else None,
            deadline, status not in LOCKING_STATUSES and rules.submission_overdue(period, deadline_day, day),
            newest_version.comments if newest_version else None,
            newest_version.amend_reason if newest_version else None, shown))
    return rows


def _outbox_by_hash(root) -> dict[str, object]:
    """Outbox entries by package hash (and file name), read from the outbox folder's state files."""
    from qmsdesk.sync.outbox import Outbox

    found: dict[str, object] = {}
    for entry in Outbox(root).entries():
        found[entry.sha256] = entry
        found[entry.name] = entry
    return found


def _version_row(sub: m.Submission, packages: dict[str, object]) -> VersionRow:
    from pathlib import Path

    name = Path(sub.package_path).name if sub.package_path else None
    entry = packages.get(sub.file_hash or "") or (packages.get(name) if name else None)
    return VersionRow(sub.version, sub.status, sub.submitted_at, name, sub.file_hash,
                      getattr(entry, "state", None), getattr(entry, "destination", None), getattr(entry, "reason", None),
                      getattr(entry, "last_error", None), sub.amend_reason, sub.comments)


# Validation before submitting lives in its own module; re-exported so callers find it here.
from qmsdesk.services.submission_checks import Issue as Issue  # noqa: E402
from qmsdesk.services.submission_checks import Report as Report  # noqa: E402
from qmsdesk.services.submission_checks import validate_month as validate_month  # noqa: E402
