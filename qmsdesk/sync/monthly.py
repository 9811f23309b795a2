"""The month's package from the database to the office: what `qmsdesk submit` and the 月度上报 page call.

`build_month_package` gathers the month's records, signs with the unit key, seals to the office key
from the enrollment, puts the file in the outbox and records its hash on the Submission;
`send_package` takes it to a folder or the receiver URL and marks it sent. Every step leaves the
package in the outbox, so a failure never loses the month. The signing, sealing and sending themselves are
sync/month_pack.py's, shared with the plain-SQL submit (services/month_package_raw.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.reports.masking import patient_masker
from qmsdesk.services.submission_rules import SENDABLE_STATUSES
from qmsdesk.sync import keys as keymod
from qmsdesk.sync.enrollment import Enrollment
from qmsdesk.sync.month_pack import Progress, SendResult, pack_month, send_entry
from qmsdesk.sync.outbox import Outbox
from qmsdesk.sync.package import BuiltPackage, UnitIdentity
from qmsdesk.sync.records import month_records

__all__ = ["SendResult", "build_month_package", "send_package"]


def _identity(session: Session) -> UnitIdentity:
    from qmsdesk.services.unit import require_unit
    from qmsdesk.sync.identity import identity_of

    return identity_of(require_unit(session), patient_masker(session))


def build_month_package(session: Session, submission: m.Submission, *, members: Mapping[str, bytes] | None = None,
                        notes: Mapping[str, Any] | None = None, store: keymod.SecretStore | None = None,
                        outbox: Outbox | None = None, enrollment: Enrollment | None = None,
                        progress: Progress | None = None) -> BuiltPackage:
    """Build the package of `submission` (its period and version) into the outbox.

    `members`: report.xlsx / report.pdf bytes; `notes`: what travels in data.json besides the records
    (accepted warnings and their comment). The amend reason of the version is added to the notes.
    """
    built = pack_month(unit=_identity(session), period=submission.period, version=submission.version,
                       amend_reason=submission.amend_reason, records=lambda: month_records(session, submission.period),
                       masker=patient_masker(session), members=members, notes=notes, store=store,
                       outbox=outbox or Outbox(), enrollment=enrollment, progress=progress)
    submission.file_hash = built.sha256
    submission.package_path = str(built.path)
    session.flush()
    return built


def send_package(session: Session, package: Path | BuiltPackage, *, folder: Path | str | None = None,
                 url: str | None = None, store: keymod.SecretStore | None = None, outbox: Outbox | None = None,
                 enrollment: Enrollment | None = None, **upload_options) -> SendResult:
    """Send an outbox package to `folder`, or to `url`, or to the enrollment's inbox/URL in that order.

    On success the outbox entry and the Submission (found by the file hash) become `sent`; an upload the
    office holds (its key waits for confirmation) makes the entry `held` with the office's reason. When the
    office refuses the package, OfficeRefused is raised and the entry becomes `refused` with the reason;
    on any other failure a TransportError is raised, its reason kept on the entry. The package stays put.
    """
    sent = send_entry(package, unit=lambda: _identity(session), folder=folder, url=url, store=store, outbox=outbox,
                      enrollment=enrollment, **upload_options)
    sub = session.query(m.Submission).filter(m.Submission.file_hash == sent.entry.sha256,
                                             m.Submission.deleted.is_(False)).first()
    if sub is not None and sub.status in SENDABLE_STATUSES:
        sub.status = SubmissionStatus.SENT.value
        session.flush()
    return sent
