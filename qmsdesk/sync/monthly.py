"""The month's package from the database to the office: what `qmsdesk submit` and the 月度上报 page call.

`build_month_package` gathers the month's records, signs with the unit key, seals to the office key
from the enrollment, puts the file in the outbox and records its hash on the Submission;
`send_package` takes it to a folder or the receiver URL and marks it sent. Every step leaves the
package in the outbox, so a failure never loses the month.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.reports.masking import patient_masker
from qmsdesk.sync import keys as keymod
from qmsdesk.sync.enrollment import Enrollment, current_enrollment, require_enrollment
from qmsdesk.sync.outbox import Outbox, OutboxEntry
from qmsdesk.sync.package import BuiltPackage, UnitIdentity, build_package, package_filename
from qmsdesk.sync.records import month_records
from qmsdesk.sync.transport import OfficeRefused, TransportError, UploadResult, send_to_folder, upload

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SendResult:
    entry: OutboxEntry
    destination: str  # the folder path or URL it went to
    upload: UploadResult | None = None


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
    say = progress or (lambda _text: None)
    enrollment = enrollment or require_enrollment()
    unit = _identity(session)
    if (unit.hospital_code, unit.department_code) != (enrollment.hospital_code, enrollment.department_code):
        raise ValidationError(msg("本单位编码（{a}）与登记文件（{b}）不一致，请重新导入登记文件。",
                                  "The unit codes ({a}) differ from the enrollment ({b}); import the enrollment again.",
                                  a=f"{unit.hospital_code}/{unit.department_code}",
                                  b=f"{enrollment.hospital_code}/{enrollment.department_code}"))
    outbox = outbox or Outbox()
    outbox.check_can_build(package_filename(unit.hospital_code, unit.department_code, submission.period,
                                            submission.version))
    store = store or keymod.open_key_store()
    signing = keymod.load_unit_key(store, unit.hospital_code, unit.department_code)
    say(msg("正在汇总 {p} 的记录…", "Collecting the records of {p}…", p=submission.period))
    records = month_records(session, submission.period)
    all_notes = dict(notes or {})
    if submission.amend_reason:
        all_notes.setdefault("amend_reason", submission.amend_reason)
    all_notes = patient_masker(session).deep(all_notes)  # comments are free text too
    say(msg("正在签名并加密上报包…", "Signing and encrypting the package…"))
    built = build_package(outbox.root, unit=unit, period=submission.period, version=submission.version,
                          records=records, signing_key=signing, members=members,
                          office_key=enrollment.office_encryption_key, notes=all_notes, overwrite=True)
    outbox.add(built)
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
    outbox = outbox or Outbox()
    path = Path(package.path if isinstance(package, BuiltPackage) else package)
    entry = outbox.entry(path.name)
    if entry is None:
        raise TransportError(msg("{f} 不在发件箱中，请先生成上报包。", "{f} is not in the outbox; build it first.", f=path.name),
                             retryable=False)
    if not outbox.intact(entry):
        raise TransportError(msg("发件箱中的 {f} 已损坏或被改动，请重新生成。", "{f} in the outbox is damaged or altered; build "
                                 "it again.", f=path.name), retryable=False)
    if folder is None and url is None:
        enrollment = enrollment or require_enrollment()
        folder, url = enrollment.inbox, enrollment.url if not enrollment.inbox else None
    result_upload = None
    try:
        if folder is not None:
            destination = str(send_to_folder(entry.path, Path(folder)))
        else:
            unit = enrollment or current_enrollment() or _identity(session)
            store = store or keymod.open_key_store()
            token = keymod.get_upload_token(store, unit.hospital_code, unit.department_code)
            result_upload = upload(entry.path, str(url), token, **upload_options)
            destination = str(url)
    except OfficeRefused as exc:
        outbox.mark(entry, "refused", destination=str(url), reason=exc.reason, code=exc.code)
        raise
    except TransportError as exc:
        outbox.note_failure(entry, str(exc))
        raise
    if result_upload is not None and result_upload.held:
        outbox.mark(entry, "held", destination=destination, reason=result_upload.message, code=result_upload.code)
    else:  # sending again (a second stick) never moves an answered package back to "sent"
        outbox.mark(entry, "sent" if entry.state in ("built", "sent", "held", "refused") else entry.state,
                    destination=destination)
    sub = session.query(m.Submission).filter(m.Submission.file_hash == entry.sha256,
                                             m.Submission.deleted.is_(False)).first()
    if sub is not None and sub.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.VALIDATED, SubmissionStatus.DRAFT):
        sub.status = SubmissionStatus.SENT.value
        session.flush()
    return SendResult(entry, destination, result_upload)
