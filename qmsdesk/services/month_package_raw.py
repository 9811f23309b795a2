"""The month submitted with plain SQL: services/submit_flow.py's steps over db/raw.RawWriter, no SQLAlchemy.

`qmsdesk submit` on a ward file at the schema head takes this way: importing SQLAlchemy, its ORM and the
models, and compiling the month's ~180 statements, was a third of the whole submission. Every reading here is
the plain-SQL twin of the ORM one — the validation (services/submission_checks_raw), the report's content and
charts (reports/month_collect_raw), the package's records (sync/records_raw), the submission's rows
(services/submission_raw) — each held equal to it by its own test on the demo year, and the steps, the
documents, the package and the sending are the same code (submit_flow, reports, sync/month_pack).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qmsdesk.config import current_user
from qmsdesk.db.enums import LOCKING_STATUSES
from qmsdesk.db.raw import RawWriter, open_raw_write
from qmsdesk.periods import Period
from qmsdesk.services import submission_raw
from qmsdesk.services.submit_flow import Version


class RawSource:
    """The month read and written over one RawWriter (submit_flow.MonthSource)."""

    def __init__(self, writer: RawWriter, actor: str | None = None) -> None:
        from qmsdesk import clock
        from qmsdesk.analytics.month_raw import RawMonth

        self.writer = writer
        self.actor = actor or current_user()
        self._month = RawMonth(writer)
        unit = self._month.unit()
        clock.set_zone(unit.time_zone if unit is not None else None)  # as opening the database does (db/engine.py)

    # --- where the month stands -----------------------------------------------------------------------

    def newest(self, p: Period) -> submission_raw.SubmissionRow | None:
        return submission_raw.newest(self.writer, p)

    def locked(self, p: Period) -> bool:
        sub = self.newest(p)
        return sub is not None and sub.status in LOCKING_STATUSES

    # --- submit_flow.MonthSource ----------------------------------------------------------------------

    def validate(self, p: Period):
        from qmsdesk.services.submission_checks_raw import validate_month_raw

        return validate_month_raw(self.writer, p)

    def submit_month(self, p: Period) -> Version:
        sub = submission_raw.submit_month(self.writer, p, self.actor)
        return Version(sub.period, sub.version, sub.amend_reason, sub)

    def collect(self, p: Period, *, version: int, warnings: list, acceptance) -> Any:
        from qmsdesk.reports.month_collect_raw import collect_month_raw

        return collect_month_raw(self.writer, p, version=version, warnings=warnings, acceptance=acceptance)

    def charts(self, p: Period, content) -> list[Any] | None:
        from qmsdesk.reports.month_collect_raw import charts_raw

        return charts_raw(self.writer, p, content)

    def unit_identity(self):
        from qmsdesk.sync.records_raw import unit_identity_raw

        return unit_identity_raw(self.writer)

    def masker(self):
        from qmsdesk.reports.masking import PatientMasker

        return PatientMasker.of(self._month.record_nos())

    def records(self, period: str) -> dict:
        from qmsdesk.sync.records_raw import month_records_raw

        return month_records_raw(self.writer, period)

    def record_package(self, version: Version, built) -> None:
        submission_raw.record_package(self.writer, version.handle, built.sha256, str(built.path), self.actor)

    def mark_sent(self, sha256: str) -> None:
        submission_raw.mark_sent(self.writer, sha256, self.actor)


def open_raw_source(target: str | Path | None, actor: str | None = None) -> RawSource | None:
    """A plain-SQL source over the SQLite file `target` when it is at the schema head, else None (then the caller
    opens the database the normal way, which upgrades it). Holds the file's write lock until closed."""
    writer = open_raw_write(target)
    if writer is None:
        return None
    try:
        return RawSource(writer, actor)
    except BaseException:
        writer.close()
        raise
