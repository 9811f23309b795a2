"""When a month may be submitted, said once for the ORM path (services/submission) and the plain-SQL one
(services/submission_raw): no SQLAlchemy here."""

from __future__ import annotations

from qmsdesk.clock import today
from qmsdesk.db.enums import LOCKING_STATUSES, SubmissionStatus
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

# A newest version in one of these statuses is still being prepared, so submitting reuses it.
OPEN_DRAFT_STATUSES = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.VALIDATED})
# A version in one of these statuses becomes `sent` once its package has gone to the office.
SENDABLE_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.VALIDATED, SubmissionStatus.DRAFT})


def refuse_submit(p: Period, current_version: int | None, current_status: str | None) -> None:
    """Raise the user's reason when month `p` cannot be submitted now (newest version and status, or None)."""
    if p > Period.of(today()):
        raise ValidationError(
            msg("{p} 尚未到来，不能上报。", "{p} has not begun yet and cannot be submitted.", p=p), "period")
    if current_status is not None and current_status in LOCKING_STATUSES:
        raise ValidationError(
            msg("{p} 已上报（第 {v} 版，{s}）。如需更正，请申请更正并填写原因。",
                "{p} is already submitted (version {v}, {s}). To correct it, amend it with a reason.",
                p=p, v=current_version, s=SubmissionStatus(current_status).label),
            "period",
        )
