"""Signing, sealing and sending a month's package once its contents are gathered: no database here.

sync/monthly.py gathers through the ORM session (the 月度上报 page, `qmsdesk submit` on a file that needs an
upgrade); services/month_package_raw.py gathers with plain SQL (`qmsdesk submit` on a file at the schema
head). Both hand what they read to these functions, so the package, the outbox and the sending are one code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.sync import keys as keymod
from qmsdesk.sync.enrollment import Enrollment, current_enrollment, require_enrollment
from qmsdesk.sync.outbox import Outbox, OutboxEntry
from qmsdesk.sync.package import BuiltPackage, UnitIdentity, build_package, package_filename
from qmsdesk.sync.transport import OfficeRefused, TransportError, UploadResult, send_to_folder, upload

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SendResult:
    entry: OutboxEntry
    destination: str  # the folder path or URL it went to
    upload: UploadResult | None = None


def pack_month(*, unit: UnitIdentity, period: str, version: int, amend_reason: str | None,
               records: Callable[[], dict], masker: PatientMasker, members: Mapping[str, bytes] | None,
               notes: Mapping[str, Any] | None, store: keymod.SecretStore | None, outbox: Outbox,
               enrollment: Enrollment | None, progress: Progress | None = None) -> BuiltPackage:
    """The package of one version, signed with the unit key and sealed to the enrollment's office key, into the
    outbox. `records()` is called only once the unit's codes and key are known to be right."""
    say = progress or (lambda _text: None)
    enrollment = enrollment or require_enrollment()
    if (unit.hospital_code, unit.department_code) != (enrollment.hospital_code, enrollment.department_code):
        raise ValidationError(msg("本单位编码（{a}）与登记文件（{b}）不一致，请重新导入登记文件。",
                                  "The unit codes ({a}) differ from the enrollment ({b}); import the enrollment again.",
                                  a=f"{unit.hospital_code}/{unit.department_code}",
                                  b=f"{enrollment.hospital_code}/{enrollment.department_code}"))
    outbox.check_can_build(package_filename(unit.hospital_code, unit.department_code, period, version))
    store = store or keymod.open_key_store()
    signing = keymod.load_unit_key(store, unit.hospital_code, unit.department_code)
    say(msg("正在汇总 {p} 的记录…", "Collecting the records of {p}…", p=period))
    gathered = records()
    say(msg("正在签名并加密上报包…", "Signing and encrypting the package…"))
    built = build_package(outbox.root, unit=unit, period=period, version=version, records=gathered,
                          signing_key=signing, members=members, office_key=enrollment.office_encryption_key,
                          notes=_notes(notes, amend_reason, masker), overwrite=True)
    outbox.add(built)
    return built


def pack_unenrolled(*, unit: UnitIdentity, period: str, version: int, amend_reason: str | None,
                    records: Callable[[], dict], masker: PatientMasker, members: Mapping[str, bytes],
                    notes: Mapping[str, Any], store: keymod.SecretStore, outbox: Outbox) -> BuiltPackage:
    """Before enrollment (a demo, a unit still waiting for its file): sign with a key made now, no sealing."""
    outbox.check_can_build(package_filename(unit.hospital_code, unit.department_code, period, version))
    signing = keymod.create_unit_key(store, unit.hospital_code, unit.department_code)
    log.warning("unit not enrolled: package %s v%s is signed but not encrypted to the office", period, version)
    built = build_package(outbox.root, unit=unit, period=period, version=version, records=records(),
                          signing_key=signing, members=members, notes=_notes(notes, amend_reason, masker),
                          overwrite=True)
    outbox.add(built)
    return built


def _notes(notes: Mapping[str, Any] | None, amend_reason: str | None, masker: PatientMasker) -> Any:
    """What travels in data.json besides the records, with the version's amend reason; masked (free text)."""
    all_notes = dict(notes or {})
    if amend_reason:
        all_notes.setdefault("amend_reason", amend_reason)
    return masker.deep(all_notes)


def send_entry(package: Path | BuiltPackage, *, unit: Callable[[], UnitIdentity], folder: Path | str | None = None,
               url: str | None = None, store: keymod.SecretStore | None = None, outbox: Outbox | None = None,
               enrollment: Enrollment | None = None, **upload_options) -> SendResult:
    """Send an outbox package to `folder`, or to `url`, or to the enrollment's inbox/URL in that order, and
    keep its outbox state (sent, held with the office's reason, refused: OfficeRefused is raised; any other
    failure: TransportError, the reason kept on the entry). The package stays put. `unit()` names the unit
    for an upload when there is no enrollment."""
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
            who = enrollment or current_enrollment() or unit()
            store = store or keymod.open_key_store()
            token = keymod.get_upload_token(store, who.hospital_code, who.department_code)
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
    return SendResult(entry, destination, result_upload)
