"""Submitting a month end to end: validate, lock, write the workbook and PDF, build the package, send it.

One function, `submit()`, used by `qmsdesk submit` and by the 月度上报 page (off the GUI thread: it
reports `progress(step, total, label)` and stops at the next step once `cancel()` is true). Everything
happens in the caller's session, so a refusal, an error or a cancel before the package is built
leaves the month unlocked; a failed send leaves the month submitted and the package in the outbox.

Warnings block like errors until someone accepts them with a comment (submission_checks explains the
contract); the acceptance — who, when, the comment — is stated in the same words on the PDF cover, in the
workbook and in data.json.

The steps themselves are services/submit_flow.py's, over the session here (`SessionSource`); `qmsdesk submit` on a
file at the schema head runs the same steps over plain SQL (services/month_package_raw.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.config import current_user
from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.services.submission_checks import Report, validate_month
from qmsdesk.services.submission_rules import SENDABLE_STATUSES
from qmsdesk.services.submit_flow import (
    PDF,
    XLSX,
    Cancel,
    MonthReports,
    Progress,
    SubmissionBlocked,
    SubmitCancelled,
    SubmitResult,
    Version,
    WarningsNotAccepted,
    build_reports_of,
    send_result,
    submit_with,
)

log = logging.getLogger(__name__)

__all__ = ["PDF", "XLSX", "MonthReports", "SessionSource", "SubmissionBlocked", "SubmitCancelled", "SubmitResult",
           "WarningsNotAccepted", "build_reports", "send_submitted", "submit"]


class SessionSource:
    """The month read and written through the caller's session (submit_flow.MonthSource)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actor = session.info.get("actor") or current_user()

    def validate(self, p: Period) -> Report:
        return validate_month(self.session, p)

    def submit_month(self, p: Period) -> Version:
        sub = submission.submit_month(self.session, p)
        return Version(sub.period, sub.version, sub.amend_reason, sub)

    def collect(self, p: Period, *, version: int, warnings: list, acceptance) -> Any:
        from qmsdesk.reports.month import collect_month

        return collect_month(self.session, p, version=version, warnings=warnings, acceptance=acceptance)

    def charts(self, p: Period, content) -> list[Any] | None:
        return _charts(self.session, p, content)

    def unit_identity(self):
        from qmsdesk.sync.monthly import _identity

        return _identity(self.session)

    def masker(self):
        from qmsdesk.reports.masking import patient_masker

        return patient_masker(self.session)

    def records(self, period: str) -> dict:
        from qmsdesk.sync.records import month_records

        return month_records(self.session, period)

    def record_package(self, version: Version, built) -> None:
        sub: m.Submission = version.handle
        sub.file_hash = built.sha256
        sub.package_path = str(built.path)
        self.session.flush()

    def mark_sent(self, sha256: str) -> None:
        sub = self.session.query(m.Submission).filter(m.Submission.file_hash == sha256,
                                                      m.Submission.deleted.is_(False)).first()
        if sub is not None and sub.status in SENDABLE_STATUSES:
            sub.status = SubmissionStatus.SENT.value
            self.session.flush()


def build_reports(session: Session, period: Period | str, *, version: int = 1, report: Report | None = None,
                  acceptance=None, charts: bool = True, step=None) -> MonthReports:
    """The workbook and PDF of the month, as bytes (also for a preview before submitting).

    Without `acceptance` the documents say the warnings are not yet accepted (a preview).
    """
    return build_reports_of(SessionSource(session), Period.parse(period), version=version, report=report,
                            acceptance=acceptance, charts=charts, step=step)


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
    return submit_with(SessionSource(session), Period.parse(period), accept_warnings_comment, folder=folder, url=url,
                       outbox=outbox, store=store, progress=progress, cancel=cancel, charts=charts, report=report)


def send_submitted(session: Session, period: Period | str, *, folder: Path | str | None = None,
                   url: str | None = None, outbox=None, store=None) -> SubmitResult:
    """Send again the package of a month already submitted (after a failed or postponed send)."""
    from qmsdesk.sync.outbox import Outbox
    from qmsdesk.sync.package import verify_package

    p = Period.parse(period)
    sub = submission.newest(session, p)
    if sub is None or not sub.package_path or sub.status not in ("submitted", "sent"):
        raise ValidationError(msg("{p} 没有可发送的上报包，请先上报。", "{p} has no package to send; submit it first.",
                                  p=p.label()), "period")
    outbox = outbox or Outbox()
    entry = outbox.entry(Path(sub.package_path).name)
    if entry is None:
        raise ValidationError(msg("发件箱中找不到 {f}。", "{f} is not in the outbox.", f=Path(sub.package_path).name), "period")
    encrypted = verify_package(entry.path).encrypted
    result = SubmitResult(str(p), sub.version, entry.path, entry.sha256, encrypted, Report(str(p)))
    return send_result(SessionSource(session), result, entry.path, folder, url, outbox, store)
