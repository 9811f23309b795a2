"""The month's checks before submitting, read with plain SQL from the ward's SQLite file (no SQLAlchemy).

`qmsdesk submit` on a file at the schema head reads the month over a RawReader (qmsdesk/db/raw.py) instead of
the ORM: importing SQLAlchemy and the models costs more than the reading. The rules and messages are
services/month_checks.py's, the same `check_month` the ORM path (services/submission_checks.py) feeds; only
the reading differs. tests/services/test_submission_checks_raw.py holds the two equal on the demo year and
on a month edited to break every rule.

Statements that list rows in an order the report keeps (the month's values, events, items, staff and
authorisations) are written as the ORM writes them — the same table, conditions and ORDER BY — so SQLite
returns ties in the same order either way. Dates are judged in the unit's zone (qmsdesk.clock): the caller
sets it from the unit as opening the database does (see commands/status.py).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from qmsdesk import rules
from qmsdesk.analytics.month_raw import RawMonth
from qmsdesk.analytics.rates import indicator_value
from qmsdesk.db.enums import (
    LOCKING_STATUSES,
    Attendance,
    AuthorisationStatus,
    MeetingKind,
    SubmissionStatus,
    TrainingCategory,
)
from qmsdesk.db.raw import RawReader, day, stored_time, uid, utc
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.month_checks import Report, check_month

ITEM = rules.ItemText()


def validate_month_raw(reader: RawReader, period: Period | str) -> Report:
    """services/submission_checks.validate_month, read over `reader`: the same report, issue for issue."""
    return check_month(RawChecks(reader), period)


# --- where the month stands -------------------------------------------------------------------------------

def status_label(status: str | None) -> str:
    """A month's submission status as the window and the command line name it (None: never submitted)."""
    if status is None:
        return msg("未上报", "Not submitted")
    return SubmissionStatus(status).label


@dataclass(frozen=True)
class RawMonthState:
    """services/submission.MonthState read without the ORM: the newest submission's id instead of the row."""

    period: str
    locked: bool
    version: int
    status: str | None
    submission_id: uuid.UUID | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def month_state_raw(reader: RawReader, period: Period | str) -> RawMonthState:
    """services/submission.month_state over `reader`: locked or open, and the newest live version (0: none)."""
    p = Period.parse(period)
    rows = reader.rows("SELECT id, version, status FROM submissions WHERE deleted IS 0 AND period = :p"
                       " ORDER BY version DESC LIMIT 1", p=str(p))
    if not rows:
        return RawMonthState(str(p), False, 0, None, None)
    r = rows[0]
    return RawMonthState(str(p), r["status"] in LOCKING_STATUSES, r["version"], r["status"], uid(r["id"]))


# --- what check_month asks ----------------------------------------------------------------------------------

def _ns(row, **converted) -> SimpleNamespace:
    return SimpleNamespace(**{**dict(zip(row.keys(), row, strict=True)), **converted})


def _marks(prefix: str, values: list) -> tuple[str, dict[str, Any]]:
    """Named parameters for an IN list: (":x0, :x1", {"x0": ..., "x1": ...})."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values, strict=True))


class RawChecks:
    """What services/month_checks.check_month judges, read over a RawReader (its module doc lists the questions)."""

    def __init__(self, reader: RawReader) -> None:
        self.db = reader
        self.month = RawMonth(reader)
        self._event_counts: dict[str, dict[str, int]] = {}
        self._by_stored_id: dict[str, SimpleNamespace] | None = None

    def group_meeting_held(self, p: Period) -> bool:
        rows = self.db.rows("SELECT id FROM meetings WHERE deleted IS 0 AND kind = :kind"
                            " AND date BETWEEN :first AND :last LIMIT 1", kind=MeetingKind.GROUP_MONTHLY.value,
                            first=p.first_day.isoformat(), last=p.last_day.isoformat())
        return bool(rows)

    def applicable_definitions(self) -> list[SimpleNamespace]:
        return [d for d in self.month.definitions().values() if d.applicable]

    def _stored_definitions(self) -> dict[str, SimpleNamespace]:
        """The live definitions by their id as stored (32 hex digits)."""
        if self._by_stored_id is None:
            self._by_stored_id = {d.id.hex: d for d in self.month.definitions().values()}
        return self._by_stored_id

    def _values(self, sql: str, **params: Any) -> list[SimpleNamespace]:
        """Indicator values with their definition and value (IndicatorValue.value); a value of a deleted
        indicator is left out (never checked, never looked up)."""
        defs = self._stored_definitions()
        out = []
        for r in self.db.rows(sql, **params):
            d = defs.get(r["indicator_id"])
            if d is not None:
                out.append(_ns(r, id=uid(r["id"]), indicator_id=d.id, indicator=d,
                               value=indicator_value(d.kind, r["numerator"], r["denominator"], d.multiplier or 1.0)))
        return out

    def month_values(self, p: Period) -> list[SimpleNamespace]:
        return self._values("SELECT id, indicator_id, period, numerator, denominator FROM indicator_values"
                            " WHERE deleted IS 0 AND period = :p", p=str(p))

    def past_values(self, first: Period, p: Period) -> list[SimpleNamespace]:
        return self._values("SELECT id, indicator_id, period, numerator, denominator FROM indicator_values"
                            " WHERE deleted IS 0 AND period >= :first AND period < :p", first=str(first), p=str(p))

    def judged(self, values: list) -> dict:
        """analytics/warnings.value_warnings: each value judged on its indicator's history (one statement a month)."""
        from qmsdesk.analytics.warnings import history_start, indicator_warning

        out: dict = {}
        by_period: dict[str, list] = {}
        for v in values:
            by_period.setdefault(v.period, []).append(v)
        for period, month in by_period.items():
            p = Period.parse(period)
            marks, ids = _marks("i", sorted({v.indicator_id.hex for v in month}))
            history: dict = {}
            for v in self._values(
                    "SELECT id, indicator_id, period, numerator, denominator FROM indicator_values"
                    f" WHERE deleted IS 0 AND indicator_id IN ({marks}) AND period >= :first AND period <= :last",
                    first=str(history_start(p)), last=str(p), **ids):
                history.setdefault(v.indicator_id, []).append(v)
            for v in month:
                out[v.id] = indicator_warning(None, v, False, history.get(v.indicator_id, []))
        return out

    def _month_span(self, p: Period) -> dict[str, str]:
        start, end = p.span()
        return {"start": stored_time(start), "end": stored_time(end)}

    def month_events(self, p: Period) -> list[SimpleNamespace]:
        return [_ns(r, id=uid(r["id"]), occurred_at=utc(r["occurred_at"])) for r in self.db.rows(
            "SELECT id, occurred_at, category, grade, harm_level FROM adverse_events"
            " WHERE deleted IS 0 AND occurred_at >= :start AND occurred_at < :end ORDER BY occurred_at",
            **self._month_span(p))]

    def rca_gaps(self, events: list) -> dict[Any, list[str]]:
        """analytics/rca.rca_gaps of each event: its live analysis, that analysis's factors, its ledger items."""
        from qmsdesk.analytics.rca_gaps import gaps_of

        marks, ids = _marks("e", [ev.id.hex for ev in events])
        analyses = {r["event_id"]: _ns(r, whys=json.loads(r["whys"]) if r["whys"] else None, factors=[])
                    for r in self.db.rows("SELECT id, event_id, whys, root_cause, lessons FROM event_analyses"
                                          f" WHERE deleted IS 0 AND event_id IN ({marks})", **ids)}
        if analyses:
            by_id = {a.id: a for a in analyses.values()}
            amarks, aids = _marks("a", list(by_id))
            for r in self.db.rows(f"SELECT analysis_id, deleted FROM event_factors WHERE analysis_id IN ({amarks})",
                                  **aids):
                by_id[r["analysis_id"]].factors.append(SimpleNamespace(deleted=bool(r["deleted"])))
        actions = dict(self.db.rows("SELECT event_id, COUNT(*) FROM rectification_items"
                                    f" WHERE deleted IS 0 AND event_id IN ({marks}) GROUP BY event_id", **ids))
        return {ev.id: gaps_of(ev, analyses.get(ev.id.hex), actions.get(ev.id.hex, 0)) for ev in events}

    def open_items(self, p: Period) -> list[SimpleNamespace]:
        """services/ledger.items_open_in (rules.in_month as SQL text), each with its progress notes."""
        rows = self.db.rows(
            "SELECT id, problem, found_on, deadline, status, closed_on, verified_on, verifier_id"
            f" FROM rectification_items WHERE deleted IS 0 AND {rules.text_in_month(ITEM, ':last', ':before')}"
            " ORDER BY found_on", last=p.last_day.isoformat(), before=(p.first_day - timedelta(days=1)).isoformat())
        items = [_ns(r, id=uid(r["id"]), verifier_id=uid(r["verifier_id"]), found_on=day(r["found_on"]),
                     deadline=day(r["deadline"]), closed_on=day(r["closed_on"]), verified_on=day(r["verified_on"]),
                     progress=[]) for r in rows]
        if items:
            by_id = {i.id.hex: i for i in items}
            marks, ids = _marks("i", list(by_id))
            for r in self.db.rows(f"SELECT item_id, date, deleted FROM progress_notes WHERE item_id IN ({marks})",
                                  **ids):
                by_id[r["item_id"]].progress.append(SimpleNamespace(date=day(r["date"]), deleted=bool(r["deleted"])))
        return items

    def events_in_month(self, p: Period, categories) -> int:
        """analytics/registers.events_in_month, from one count by category of the month."""
        if str(p) not in self._event_counts:
            self._event_counts[str(p)] = dict(self.db.rows(
                "SELECT category, COUNT(*) FROM adverse_events WHERE deleted IS 0 AND occurred_at >= :start"
                " AND occurred_at < :end GROUP BY category", **self._month_span(p)))
        counts = self._event_counts[str(p)]
        return sum(n for c, n in counts.items() if categories is None or c in categories)

    def safety_attendance(self, first: date, last: date) -> list:
        return [uid(r[0]) for r in self.db.rows(
            "SELECT a.staff_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id"
            " WHERE a.deleted IS 0 AND s.deleted IS 0 AND s.category = :category AND s.date BETWEEN :first AND :last"
            " AND a.status = :present", category=TrainingCategory.SAFETY_LAW.value, first=first.isoformat(),
            last=last.isoformat(), present=Attendance.PRESENT.value)]

    def active_staff(self) -> list[SimpleNamespace]:
        return [_ns(r, id=uid(r["id"]), hire_date=day(r["hire_date"])) for r in self.db.rows(
            "SELECT id, name, hire_date FROM staff WHERE deleted IS 0 AND active IS 1 ORDER BY name")]

    def expired_authorisations(self, on: date) -> list[SimpleNamespace]:
        return [_ns(r, id=uid(r["id"]), expires_on=day(r["expires_on"]), staff=SimpleNamespace(name=r["staff_name"]))
                for r in self.db.rows(
                    "SELECT a.id, a.item, a.expires_on, (SELECT s.name FROM staff s WHERE s.id = a.staff_id) AS staff_name"
                    " FROM authorisations a WHERE a.deleted IS 0 AND a.status = :active AND a.expires_on IS NOT NULL"
                    " AND a.expires_on < :day ORDER BY a.expires_on", active=AuthorisationStatus.ACTIVE.value,
                    day=on.isoformat())]

    def plan_progress(self, year: int, p: Period):
        return self.month.plan_progress(year, p)
