"""Submitting a month, step by step, over any source of the month: one flow for both ways of reading it.

services/month_package.py runs it over the ORM session (the 月度上报 page; `qmsdesk submit` on a file that
must first be upgraded); services/month_package_raw.py over plain SQL (`qmsdesk submit` on a file at the
schema head, without importing SQLAlchemy: 0.5 s of a 1.5 s submit). A source answers the month's questions
(`MonthSource`); everything a user sees — the order of the steps, the refusals, the documents, the package
and its sending — is this module's, so the two ways cannot drift apart. No SQLAlchemy here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from qmsdesk import clock
from qmsdesk.errors import FieldError, QmsError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from qmsdesk.reports.masking import PatientMasker
    from qmsdesk.services.submission_checks import Acceptance, Report
    from qmsdesk.sync.package import BuiltPackage, UnitIdentity

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


@dataclass(frozen=True)
class Version:
    """What the flow needs of the submission version it made."""

    period: str
    version: int
    amend_reason: str | None
    handle: Any  # the source's own row (the ORM object, or its id)


class MonthSource(Protocol):
    """The month as one way of reading and writing it sees it."""

    actor: str

    def validate(self, p: Period) -> Report: ...

    def submit_month(self, p: Period) -> Version: ...

    def collect(self, p: Period, *, version: int, warnings: list, acceptance: Acceptance) -> Any: ...

    def charts(self, p: Period, content: Any) -> list[Any] | None: ...

    def unit_identity(self) -> UnitIdentity: ...

    def masker(self) -> PatientMasker: ...

    def records(self, period: str) -> dict: ...

    def record_package(self, version: Version, built: BuiltPackage) -> None: ...

    def mark_sent(self, sha256: str) -> None: ...


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


def build_reports_of(source: MonthSource, p: Period, *, version: int = 1, report: Report | None = None,
                     acceptance: Acceptance | None = None, charts: bool = True,
                     step: Callable[[str], None] | None = None) -> MonthReports:
    """The workbook and PDF of the month, as bytes (also for a preview before submitting).

    Without `acceptance` the documents say the warnings are not yet accepted (a preview).
    """
    from qmsdesk.reports.pdf import build_pdf
    from qmsdesk.reports.workbook import build_workbook

    say = step or (lambda _label: None)
    report = report or source.validate(p)
    acceptance = acceptance or report.acceptance(None)
    say(msg("正在汇总本月记录", "Collecting the month's records"))
    content = source.collect(p, version=version, warnings=report.warnings, acceptance=acceptance)
    say(msg("正在生成 Excel 工作簿", "Writing the workbook"))
    workbook = build_workbook(content)
    say(msg("正在生成 PDF 报告", "Writing the PDF report"))
    pdf = build_pdf(content, source.charts(p, content) if charts else None)
    return MonthReports(workbook, pdf)


def submit_with(source: MonthSource, p: Period, accept_warnings_comment: str | None = None, *,
                folder: Path | str | None = None, url: str | None = None, outbox=None, store=None,
                progress: Progress | None = None, cancel: Cancel | None = None, charts: bool = True,
                report: Report | None = None) -> SubmitResult:
    """Refuse on blocking errors or unaccepted warnings; else lock, build and (optionally) send (month_package.submit)."""
    steps = _Steps(6 if (folder or url) else 5, progress, cancel)
    steps(msg("正在校验本月数据", "Checking the month"))
    report = report or source.validate(p)
    if report.errors:
        raise SubmissionBlocked(report)
    comment = (accept_warnings_comment or "").strip() or None
    if report.warnings and comment is None:
        raise WarningsNotAccepted(report)
    acceptance = report.acceptance(comment, by=source.actor)
    made = source.submit_month(p)
    reports = build_reports_of(source, p, version=made.version, report=report, acceptance=acceptance, charts=charts,
                               step=steps)
    notes = {"accepted_warnings": acceptance.as_json(report.warnings), "time_zone": clock.zone_name()}
    steps(msg("正在签名并打包", "Signing and packing"))
    built, encrypted, outbox = _build_package(source, made, reports, notes, outbox, store)
    result = SubmitResult(str(p), made.version, Path(built.path), built.sha256, encrypted, report)
    if folder or url:
        steps(msg("正在发送", "Sending"), cancellable=False)
        result = send_result(source, result, built, folder, url, outbox, store)
    return result


def _build_package(source: MonthSource, made: Version, reports: MonthReports, notes: dict, outbox, store):
    from qmsdesk.sync import keys as keymod
    from qmsdesk.sync.enrollment import current_enrollment
    from qmsdesk.sync.month_pack import pack_month, pack_unenrolled
    from qmsdesk.sync.outbox import Outbox

    outbox = outbox or Outbox()
    members = {XLSX: reports.workbook, PDF: reports.pdf}
    enrollment = current_enrollment()
    store = store or keymod.open_key_store()
    pack = pack_month if enrollment is not None else pack_unenrolled
    extra = {"enrollment": enrollment} if enrollment is not None else {}
    built = pack(unit=source.unit_identity(), period=made.period, version=made.version,
                 amend_reason=made.amend_reason, records=lambda: source.records(made.period), masker=source.masker(),
                 members=members, notes=notes, store=store, outbox=outbox, **extra)
    source.record_package(made, built)
    return built, enrollment is not None, outbox


def send_result(source: MonthSource, result: SubmitResult, package, folder, url, outbox, store) -> SubmitResult:
    """Send the built package; the outcome (sent, held, refused, failed) in the result, the month stays submitted."""
    from qmsdesk.sync.month_pack import send_entry
    from qmsdesk.sync.transport import OfficeRefused, TransportError

    try:
        sent = send_entry(package, unit=source.unit_identity, folder=folder, url=url, outbox=outbox, store=store)
    except OfficeRefused as exc:
        return replace(result, send_error=str(exc), office_outcome="refused", office_reason=exc.reason)
    except TransportError as exc:
        return replace(result, send_error=str(exc))
    source.mark_sent(sent.entry.sha256)
    if sent.upload is not None and sent.upload.held:
        return replace(result, destination=sent.destination, office_outcome="held", office_reason=sent.upload.message)
    return replace(result, destination=sent.destination)
