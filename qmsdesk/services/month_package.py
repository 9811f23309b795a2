"""Submitting a month end to end: validate, lock, write the workbook and PDF, build the package, send it.

One function, `submit()`, used by `qmsdesk submit` and by the 月度上报 page (off the GUI thread: it
reports `progress(step, total, label)` and stops at the next step once `cancel()` is true). Everything
happens in the caller's session, so a refusal, an error or a cancel before the package is built
leaves the month unlocked; a failed send leaves the month submitted and the package in the outbox.

Warnings block like errors until someone accepts them with a comment (submission_checks explains the
contract); the acceptance — who, when, the comment — is stated in the same words on the PDF cover, in the
workbook and in data.json.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.config import current_user
from qmsdesk.db import models as m
from qmsdesk.errors import FieldError, QmsError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.services.submission_checks import Acceptance, Report, validate_month

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
XLSX, PDF = "report.xlsx", "report.pdf"


class SubmissionBlocked(ValidationError):
    """Blocking errors: the month cannot be submitted until they are fixed. `report` lists them all."""

    def __init__(self, report: Report) -> None:
        self.report = report
        head = msg("{p} 有 {n} 个问题必须先处理，才能上报：", "{p} has {n} problem(s) to fix before it can be submitted:",
                   p=Period.parse(report.period).label(), n=len(report.errors))
        super().__init__([FieldError("", head), *(FieldError(i.code, i.message) for i in report.errors)])


class WarningsNotAccepted(ValidationError):
    """Warnings exist and no accepting comment was given: nothing was locked."""

    def __init__(self, report: Report) -> None:
        self.report = report
        head = msg("{p} 有 {n} 条提示需要确认。核实后请填写说明再上报（命令行：--accept-warnings \"说明\"）：",
                   "{p} has {n} warning(s) to confirm. After checking them, give a comment and submit again "
                   "(command line: --accept-warnings \"comment\"):", p=Period.parse(report.period).label(),
                   n=len(report.warnings))
        super().__init__([FieldError("", head), *(FieldError(i.code, i.message) for i in report.warnings)])


class SubmitCancelled(QmsError):
    """The user cancelled; nothing was locked."""


@dataclass(frozen=True)
class MonthReports:
    workbook: bytes
    pdf: bytes


@dataclass(frozen=True)
class SubmitResult:
    period: str
    version: int
    package: Path
    sha256: str
    encrypted: bool
    report: Report
    destination: str | None = None  # where it was sent, when it was
    send_error: str | None = None  # why sending failed (the office's refusal included); the package stays in the outbox
    office_outcome: str | None = None  # "held" or "refused" when the office's receiver said so
    office_reason: str | None = None  # the office's reason for holding or refusing it


class _Steps:
    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total, self.done = total, 0
        self._progress, self._cancel = progress, cancel

    def __call__(self, label: str, *, cancellable: bool = True) -> None:
        if cancellable and self._cancel is not None and self._cancel():
            raise SubmitCancelled(msg("已取消上报，本月未锁定。", "Submission cancelled; the month was not locked."))
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total, label)


def build_reports(session: Session, period: Period | str, *, version: int = 1, report: Report | None = None,
                  acceptance: Acceptance | None = None, charts: bool = True,
                  step: Callable[[str], None] | None = None) -> MonthReports:
    """The workbook and PDF of the month, as bytes (also for a preview before submitting).

    Without `acceptance` the documents say the warnings are not yet accepted (a preview).
    """
    from qmsdesk.reports.month import collect_month
    from qmsdesk.reports.pdf import build_pdf
    from qmsdesk.reports.workbook import build_workbook

    say = step or (lambda _label: None)
    p = Period.parse(period)
    report = report or validate_month(session, p)
    acceptance = acceptance or report.acceptance(None)
    say(msg("正在汇总本月记录", "Collecting the month's records"))
    content = collect_month(session, p, version=version, warnings=report.warnings, acceptance=acceptance)
    say(msg("正在生成 Excel 工作簿", "Writing the workbook"))
    workbook = build_workbook(content)
    say(msg("正在生成 PDF 报告", "Writing the PDF report"))
    pdf = build_pdf(content, _charts(session, p, content) if charts else None)
    return MonthReports(workbook, pdf)


def chart_specs(session: Session, period: Period, content) -> list[Any]:
    """The trend charts (12 months, target, control limits, signals) of the indicators that have a target,
    computed by `analytics.charts` before they are drawn (reports/month_charts.py chooses them)."""
    from qmsdesk.analytics.charts import indicator_charts
    from qmsdesk.reports.month_charts import chart_codes, chart_start

    return indicator_charts(session, chart_codes(content), chart_start(period), period)


def _charts(session: Session, period: Period, content) -> list[Any] | None:
    """The charts of `chart_specs` drawn by `reports.chart_pdf` when that part of the program is installed."""
    from qmsdesk.reports.masking import patient_masker
    from qmsdesk.reports.month_charts import draw_charts

    return draw_charts(chart_specs(session, period, content), patient_masker(session))  # a name is typed text too


def submit(session: Session, period: Period | str, accept_warnings_comment: str | None = None, *,
           folder: Path | str | None = None, url: str | None = None, outbox=None, store=None,
           progress: Progress | None = None, cancel: Cancel | None = None, charts: bool = True,
           report: Report | None = None) -> SubmitResult:
    """Submit the month: refuse on blocking errors or unaccepted warnings; else lock, build and (optionally) send.

    Warnings need `accept_warnings_comment`; it travels in the package with who accepted them and when.
    `report`: the month's validation made in this same session (the caller showed it to the user); without
    it the month is validated here. Validating twice cost a second on the demo year.

    `store` is the key store (sync.keys); by default the OS keyring or the passphrase key file.
    Without an enrollment the unit key is made on first use and the package is signed, not encrypted.
    """
    p = Period.parse(period)
    steps = _Steps(6 if (folder or url) else 5, progress, cancel)
    steps(msg("正在校验本月数据", "Checking the month"))
    report = report or validate_month(session, p)
    if report.errors:
        raise SubmissionBlocked(report)
    comment = (accept_warnings_comment or "").strip() or None
    if report.warnings and comment is None:
        raise WarningsNotAccepted(report)
    acceptance = report.acceptance(comment, by=session.info.get("actor") or current_user())
    sub = submission.submit_month(session, p)
    reports = build_reports(session, p, version=sub.version, report=report, acceptance=acceptance,
                            charts=charts, step=steps)
    notes = {"accepted_warnings": acceptance.as_json(report.warnings), "time_zone": clock.zone_name()}
    steps(msg("正在签名并打包", "Signing and packing"))
    built, encrypted, outbox = _build_package(session, sub, reports, notes, outbox, store)
    result = SubmitResult(str(p), sub.version, Path(built.path), built.sha256, encrypted, report)
    if folder or url:
        steps(msg("正在发送", "Sending"), cancellable=False)
        result = _send(session, result, built, folder, url, outbox, store)
    return result


def _build_package(session: Session, sub: m.Submission, reports: MonthReports, notes: dict, outbox, store):
    from qmsdesk.sync import keys as keymod
    from qmsdesk.sync.enrollment import current_enrollment
    from qmsdesk.sync.monthly import build_month_package
    from qmsdesk.sync.outbox import Outbox

    outbox = outbox or Outbox()
    members = {XLSX: reports.workbook, PDF: reports.pdf}
    enrollment = current_enrollment()
    store = store or keymod.open_key_store()
    if enrollment is not None:
        built = build_month_package(session, sub, members=members, notes=notes, store=store, outbox=outbox,
                                    enrollment=enrollment)
        return built, True, outbox
    return _build_unenrolled(session, sub, members, notes, outbox, store), False, outbox


def _build_unenrolled(session: Session, sub: m.Submission, members: dict[str, bytes], notes: dict, outbox, store):
    """Before enrollment (a demo, a unit still waiting for its file): sign with a key made now, no sealing."""
    from qmsdesk.reports.masking import patient_masker
    from qmsdesk.services.unit import require_unit
    from qmsdesk.sync import keys as keymod
    from qmsdesk.sync.package import UnitIdentity, build_package, package_filename
    from qmsdesk.sync.records import month_records

    unit = require_unit(session)
    masker = patient_masker(session)  # the names travel in the readable manifest
    identity = UnitIdentity(str(unit.id), unit.hospital_code, unit.department_code, masker.text(unit.hospital_name),
                            masker.text(unit.department_name))
    outbox.check_can_build(package_filename(unit.hospital_code, unit.department_code, sub.period, sub.version))
    signing = keymod.create_unit_key(store, unit.hospital_code, unit.department_code)
    log.warning("unit not enrolled: package %s v%s is signed but not encrypted to the office", sub.period, sub.version)
    all_notes = dict(notes)
    if sub.amend_reason:
        all_notes.setdefault("amend_reason", sub.amend_reason)
    from qmsdesk.reports.masking import patient_masker

    all_notes = patient_masker(session).deep(all_notes)  # comments are free text too
    built = build_package(outbox.root, unit=identity, period=sub.period, version=sub.version,
                          records=month_records(session, sub.period), signing_key=signing, members=members,
                          notes=all_notes, overwrite=True)
    outbox.add(built)
    sub.file_hash = built.sha256
    sub.package_path = str(built.path)
    session.flush()
    return built


def _send(session: Session, result: SubmitResult, package, folder, url, outbox, store) -> SubmitResult:
    from dataclasses import replace

    from qmsdesk.sync.monthly import send_package
    from qmsdesk.sync.transport import OfficeRefused, TransportError

    try:
        sent = send_package(session, package, folder=folder, url=url, outbox=outbox, store=store)
    except OfficeRefused as exc:
        return replace(result, send_error=str(exc), office_outcome="refused", office_reason=exc.reason)
    except TransportError as exc:
        return replace(result, send_error=str(exc))
    if sent.upload is not None and sent.upload.held:
        return replace(result, destination=sent.destination, office_outcome="held", office_reason=sent.upload.message)
    return replace(result, destination=sent.destination)


def send_submitted(session: Session, period: Period | str, *, folder: Path | str | None = None,
                   url: str | None = None, outbox=None, store=None) -> SubmitResult:
    """Send again the package of a month already submitted (after a failed or postponed send)."""
    from qmsdesk.sync.outbox import Outbox

    p = Period.parse(period)
    sub = submission.newest(session, p)
    if sub is None or not sub.package_path or sub.status not in ("submitted", "sent"):
        raise ValidationError(msg("{p} 没有可发送的上报包，请先上报。", "{p} has no package to send; submit it first.",
                                  p=p.label()), "period")
    outbox = outbox or Outbox()
    entry = outbox.entry(Path(sub.package_path).name)
    if entry is None:
        raise ValidationError(msg("发件箱中找不到 {f}。", "{f} is not in the outbox.", f=Path(sub.package_path).name), "period")
    from qmsdesk.sync.package import verify_package

    encrypted = verify_package(entry.path).encrypted
    result = SubmitResult(str(p), sub.version, entry.path, entry.sha256, encrypted, Report(str(p)))
    return _send(session, result, entry.path, folder, url, outbox, store)
