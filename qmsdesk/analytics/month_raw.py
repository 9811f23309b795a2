"""A month's figures read with plain SQL over the read-only reader (qmsdesk/db/raw.py), no ORM.

The same figures, from the same counting (analytics/figures.py, services/plan_progress.judge_plan) and the
same rules (qmsdesk/rules.py, their SQL-text form), as analytics/derived.py reads through the ORM; only the
reading differs. `qmsdesk status` and the dashboard use this on the ward's SQLite file at the schema head;
tests/analytics/test_month_raw.py holds the two readers equal on the demo year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from qmsdesk import rules
from qmsdesk.analytics import figures as f
from qmsdesk.analytics.rates import indicator_value, shown_name
from qmsdesk.db.enums import (
    Attendance,
    AuthorisationStatus,
    EventGrade,
    InspectionFrequency,
    InspectionKind,
    MeetingKind,
    TrainingCategory,
)
from qmsdesk.db.raw import RawReader, day, stored_time, uid, utc
from qmsdesk.periods import Period
from qmsdesk.services.plan_lines import FocusLine, InspectionLine, PdcaLine, PlanView, TrainingLine, zh_label
from qmsdesk.services.plan_progress import PlanProgress, PlanRecords, judge_plan, month_texts

ITEM = rules.ItemText()
SPAN_AHEAD_MONTHS = 3  # RawMonth._values: months read before the span asked for


@dataclass(frozen=True)
class SubmissionGlance:
    """The newest version of a month's submission, as the summary and the dashboard show it."""

    version: int
    status: str
    submitted_at: Any  # aware datetime or None
    locked: bool


def _ns(row, **converted) -> SimpleNamespace:
    """A row as an object with attributes (what the shared counting reads), some values converted."""
    return SimpleNamespace(**{**dict(zip(row.keys(), row, strict=True)), **converted})


def _count(condition: str) -> str:
    return f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"


class RawMonth:
    """The figures of analytics/derived.py (same names, same results) read over one RawReader."""

    def __init__(self, reader: RawReader) -> None:
        self.db = reader
        self._definitions: dict | None = None
        self._history: dict[str, dict] = {}  # month → indicator id → its values of the warning history
        self._span: tuple[str, str] | None = None  # the months of the values read so far (see _values)
        self._span_values: list[SimpleNamespace] = []

    # --- the unit ---------------------------------------------------------------------------------

    def unit(self) -> SimpleNamespace | None:
        rows = self.db.rows("SELECT hospital_name, department_name, deadline_day, time_zone FROM units WHERE deleted = 0"
                            " ORDER BY created_at LIMIT 1")
        return _ns(rows[0]) if rows else None

    def record_nos(self) -> list[str]:
        """Every record number in the event register, deleted events included (reports/masking)."""
        return [r[0] for r in self.db.rows(
            "SELECT medical_record_no FROM adverse_events WHERE medical_record_no IS NOT NULL")]

    # --- the month ----------------------------------------------------------------------------------

    def group_meetings(self, period: Period | str) -> f.GroupMeetings:
        p = Period.parse(period)
        rows = self.db.rows(
            "SELECT mt.id, mt.date, h.name AS host,"
            " (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.deleted = 0"
            "  AND a.status = :present) AS present,"
            " (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.deleted = 0) AS expected"
            " FROM meetings mt LEFT JOIN staff h ON h.id = mt.host_id"
            " WHERE mt.deleted = 0 AND mt.kind = :kind AND mt.date >= :first AND mt.date <= :last ORDER BY mt.date",
            present=Attendance.PRESENT.value, kind=MeetingKind.GROUP_MONTHLY.value,
            first=p.first_day.isoformat(), last=p.last_day.isoformat())
        return f.GroupMeetings(p, tuple(f.MeetingHeld(uid(r["id"]), day(r["date"]), r["host"], r["present"],
                                                      r["expected"]) for r in rows))

    def indicator_completeness(self, period: Period | str) -> f.IndicatorCompleteness:
        from qmsdesk.analytics.warnings import history_start

        p = Period.parse(period)
        defs = [_ns(r, id=uid(r["id"])) for r in self.db.rows(
            "SELECT id, code, name_zh, name_en, target, warning, direction, unit, kind, multiplier"
            " FROM indicator_definitions WHERE deleted = 0 AND applicable = 1 ORDER BY code")]
        by_id = {d.id: d for d in defs}
        history: dict = {}
        for v in self._values(history_start(p), p):
            if v.indicator_id in by_id:
                history.setdefault(v.indicator_id, []).append(v)
        values = {i: v for i, rows in history.items() for v in rows if v.period == str(p)}
        return f.completeness_from(p, defs, values, {i: history[i] for i in values})

    def ledger_figures(self, period: Period | str, as_of: date | None = None,
                       listed: int | None = None) -> f.LedgerFigures:
        p = Period.parse(period)
        on = as_of or rules.month_end(p)
        days = {"day": on.isoformat(), "first": p.first_day.isoformat(), "last": p.last_day.isoformat(),
                "before": (p.first_day - timedelta(days=1)).isoformat()}
        in_month, open_, overdue_count, raised, closed = self.db.one(
            f"SELECT {_count(rules.text_in_month(ITEM, ':last', ':before'))}, {_count(rules.text_open_on(ITEM, ':day'))},"
            f" {_count(rules.text_overdue_on(ITEM, ':day'))}, {_count(rules.text_found_in(ITEM, ':first', ':last'))},"
            f" {_count(rules.text_closed_in(ITEM, ':first', ':last'))}"
            " FROM rectification_items WHERE deleted = 0", **days)
        rows = []
        if overdue_count:
            # Longest overdue first is the earliest deadline first (days overdue = day - deadline).
            over = rules.text_overdue_on(rules.ItemText(*(f"i.{c}" for c in
                                                          ("found_on", "deadline", "status", "closed_on", "verified_on"))),
                                         ":day")
            rows = self.db.rows(
                "SELECT i.id, i.problem, s.name, i.found_on, i.deadline, i.status, i.closed_on, i.verified_on"
                " FROM rectification_items i LEFT JOIN staff s ON s.id = i.responsible_id"
                f" WHERE i.deleted = 0 AND {over} ORDER BY i.deadline, i.found_on LIMIT :limit",
                day=on.isoformat(), limit=-1 if listed is None else listed)
        overdue = []
        for r in rows:
            item = rules.ItemDates(day(r["found_on"]), day(r["deadline"]), r["status"], day(r["closed_on"]),
                                   day(r["verified_on"]))
            overdue.append(f.OverdueItem(uid(r["id"]), r["problem"], r["name"], item.deadline,
                                         rules.days_overdue(item, on), rules.closed_after(item, on)))
        return f.LedgerFigures(p, on, in_month, open_, tuple(overdue), raised, closed, overdue_count)

    def events_by_grade(self, period: Period | str) -> dict[str, int]:
        start, end = Period.parse(period).span()
        counts = {g.value: 0 for g in EventGrade}
        for grade, n in self.db.rows(
                "SELECT grade, COUNT(*) FROM adverse_events WHERE deleted = 0 AND occurred_at >= :start"
                " AND occurred_at < :end GROUP BY grade", start=stored_time(start), end=stored_time(end)):
            if grade in counts:
                counts[grade] += n
        return counts

    def _attended(self, first: date, last: date) -> list[tuple[Any, SimpleNamespace]]:
        return [(uid(r["staff_id"]), _ns(r)) for r in self.db.rows(
            "SELECT a.staff_id, s.hours, s.category FROM training_attendance a"
            " JOIN training_sessions s ON s.id = a.session_id"
            " WHERE a.deleted = 0 AND s.deleted = 0 AND a.status = :present AND s.date >= :first AND s.date <= :last",
            present=Attendance.PRESENT.value, first=first.isoformat(), last=last.isoformat())]

    def training_month(self, period: Period | str) -> f.TrainingMonth:
        p = Period.parse(period)
        hours = [r[0] for r in self.db.rows(
            "SELECT hours FROM training_sessions WHERE deleted = 0 AND date >= :first AND date <= :last",
            first=p.first_day.isoformat(), last=p.last_day.isoformat())]
        attended = self._attended(p.first_day, p.last_day)
        return f.TrainingMonth(sessions=len(hours), hours=round(sum(hours), 2), attendances=len(attended),
                               person_hours=round(sum(ts.hours for _sid, ts in attended), 2))

    # --- the year -----------------------------------------------------------------------------------

    def _assessments(self, start: date, end: date) -> tuple[list, dict]:
        every = [_ns(r, id=uid(r["id"]), staff_id=uid(r["staff_id"]), retake_of_id=uid(r["retake_of_id"]),
                     date=day(r["date"]), passed=r["score"] >= r["pass_mark"])
                 for r in self.db.rows("SELECT id, staff_id, date, retake_of_id, score, pass_mark FROM assessments"
                                       " WHERE deleted = 0")]
        return [a for a in every if start <= a.date <= end], {a.id: a for a in every}

    def people_year(self, year: int) -> list[f.PersonYear]:
        start, end = f.year_bounds(year)
        staff = [_ns(r, id=uid(r["id"]), hire_date=day(r["hire_date"]), left_on=day(r["left_on"])) for r in self.db.rows(
            "SELECT id, name, hire_date, left_on FROM staff WHERE deleted = 0 ORDER BY employee_no")]
        attempts, by_id = self._assessments(start, end)
        return f.people_from(year, staff, self._attended(start, end), attempts, by_id)

    def staff_under_safety_rule(self, year: int) -> list[f.PersonYear]:
        return [p for p in self.people_year(year) if not p.meets_safety_rule]

    def training_pass_rate(self, year: int) -> f.PassRate:
        start, end = f.year_bounds(year)
        return f.pass_rate_from(start, *self._assessments(start, end))

    # --- authorisations and the submission ----------------------------------------------------------

    def _active_authorisations(self) -> list[tuple]:
        return [(uid(r[0]), r[1], r[2], day(r[3])) for r in self.db.rows(
            "SELECT a.id, s.name, a.item, a.expires_on FROM authorisations a JOIN staff s ON s.id = a.staff_id"
            " WHERE a.deleted = 0 AND a.status = :active AND a.expires_on IS NOT NULL ORDER BY a.expires_on, a.id",
            active=AuthorisationStatus.ACTIVE.value)]

    def expiring_authorisations(self, days: int, as_of: date) -> list[f.AuthorisationDue]:
        return f.expiring_from(self._active_authorisations(), days, as_of)

    def expired_authorisations(self, as_of: date) -> list[f.AuthorisationDue]:
        return f.expired_from(self._active_authorisations(), as_of)

    def submission(self, period: Period | str) -> SubmissionGlance | None:
        from qmsdesk.db.enums import LOCKING_STATUSES

        rows = self.db.rows("SELECT version, status, submitted_at FROM submissions WHERE deleted = 0 AND period = :p"
                            " ORDER BY version DESC LIMIT 1", p=str(Period.parse(period)))
        if not rows:
            return None
        r = rows[0]
        return SubmissionGlance(r["version"], r["status"], utc(r["submitted_at"]), r["status"] in LOCKING_STATUSES)

    # --- the annual plan ------------------------------------------------------------------------------

    def plan_view(self, year: int) -> PlanView:
        """services/plan.plan_view without the indicator goals (`goals` is empty: nothing here shows them)."""
        plans = self.db.rows("SELECT id, objectives FROM annual_plans WHERE deleted = 0 AND year = :y LIMIT 1", y=year)
        plan = plans[0] if plans else None

        def items(table: str, order: str) -> list:
            if plan is None:
                return []
            return self.db.rows(f"SELECT * FROM {table} WHERE deleted = 0 AND plan_id = :plan ORDER BY {order}",
                                plan=plan["id"])

        return PlanView(
            year=year, exists=plan is not None, objectives=(plan["objectives"] or "") if plan else "", goals=[],
            focus=[FocusLine(uid(x["id"]), x["month"], x["theme"], x["details"] or "", x["outcome"] or "")
                   for x in items("plan_focus_themes", "month, created_at")],
            trainings=[TrainingLine(uid(t["id"]), t["month"], t["topic"], t["category"],
                                    zh_label(TrainingCategory, t["category"]), t["hours"], t["audience"] or "",
                                    t["trainer"] or "") for t in items("plan_trainings", "month, created_at")],
            inspections=[InspectionLine(uid(i["id"]), i["title"], i["template_code"] or "", i["kind"],
                                        zh_label(InspectionKind, i["kind"]), i["frequency"],
                                        zh_label(InspectionFrequency, i["frequency"]), i["responsible"] or "")
                         for i in items("plan_inspections", "created_at")],
            pdca=[PdcaLine(uid(x["id"]), x["theme"], x["start_month"], x["indicator_code"] or "", x["leader"] or "")
                  for x in items("plan_pdca_themes", "start_month, created_at")],
        )

    def _dated(self, sql: str, first: date, last: date, **converted) -> list[SimpleNamespace]:
        return [_ns(r, date=day(r["date"]), **{k: fn(r[k]) for k, fn in converted.items()})
                for r in self.db.rows(sql, first=first.isoformat(), last=last.isoformat())]

    def _year_records(self, year: int) -> PlanRecords:
        """What the year's plan is judged against, in four statements; a month's texts are taken from the
        year's meetings, sessions and inspections (services/plan_progress.month_texts)."""
        first, last = f.year_bounds(year)
        sessions = self._dated("SELECT id, date, topic, category FROM training_sessions WHERE deleted = 0"
                               " AND date >= :first AND date <= :last ORDER BY date, id", first, last, id=uid)
        inspections = self._dated(
            "SELECT i.id, i.kind, t.code AS template_code, i.topic, i.summary, i.date FROM inspections i"
            " LEFT JOIN checklist_templates t ON t.id = i.template_id"
            " WHERE i.deleted = 0 AND i.date >= :first AND i.date <= :last ORDER BY i.date, i.id", first, last)
        meetings = self._dated("SELECT id, date, agenda, minutes, decisions FROM meetings WHERE deleted = 0"
                               " AND date >= :first AND date <= :last ORDER BY date, id", first, last)

        def texts_of(period: Period) -> list[tuple[str, str]]:
            def within(rows: list) -> list:
                return [r for r in rows if period.first_day <= r.date <= period.last_day]

            return month_texts(within(meetings), within(sessions), within(inspections))

        return PlanRecords(sessions, inspections, self._projects(first, last), texts_of)

    def _projects(self, first: date, last: date) -> list[tuple[str, set[str]]]:
        projects: dict = {}
        for r in self.db.rows(
                "SELECT p.id, p.title, d.code FROM pdca_projects p"
                " LEFT JOIN pdca_indicators x ON x.project_id = p.id AND x.deleted = 0"
                " LEFT JOIN indicator_definitions d ON d.id = x.indicator_id"
                " WHERE p.deleted = 0 AND p.started_on >= :first AND p.started_on <= :last",
                first=first.isoformat(), last=last.isoformat()):
            title, codes = projects.setdefault(r["id"], (r["title"], set()))
            if r["code"] is not None:
                codes.add(r["code"])
        return list(projects.values())

    def plan_progress(self, year: int, through: Period | str | None = None, *,
                      as_of: date | None = None) -> PlanProgress:
        return judge_plan(self.plan_view(year), self._year_records(year), through, as_of=as_of)

    # --- what the dashboard reads besides -------------------------------------------------------------

    def definitions(self) -> dict:
        """Every live indicator definition by id (read once)."""
        if self._definitions is None:
            rows = self.db.rows("SELECT * FROM indicator_definitions WHERE deleted = 0 ORDER BY code")
            self._definitions = {d.id: d for d in (_ns(r, id=uid(r["id"])) for r in rows)}
        return self._definitions

    def indicator_names(self) -> dict[str, str]:
        return {d.code: shown_name(d) for d in self.definitions().values()}

    def latest_month_with_values(self, on: date, look_back: int) -> Period | None:
        latest = Period.of(on)
        earliest = latest
        for _ in range(look_back):
            earliest = earliest.previous()
        row = self.db.one("SELECT MAX(v.period) FROM indicator_values v JOIN indicator_definitions d ON d.id = v.indicator_id"
                          " WHERE v.deleted = 0 AND d.deleted = 0 AND v.period >= :a AND v.period <= :b",
                          a=str(earliest), b=str(latest))
        return Period.parse(row[0]) if row[0] else None

    def _values(self, start: Period, end: Period) -> list[SimpleNamespace]:
        """The live values of live indicators from `start` to `end`, each with its definition (`indicator`), its id
        (`indicator_id`) and its value. Read in one statement for a span of months holding the one asked for, three
        months longer at its start than asked: what the dashboard asks for next (last month's completeness, the
        warnings of the months before) is then in it, and read once, not again for each month's 24 before."""
        a, b = str(start), str(end)
        if self._span is None or a < self._span[0] or b > self._span[1]:
            first = start
            for _ in range(SPAN_AHEAD_MONTHS):
                first = first.previous()
            span = (str(first), b) if self._span is None else (min(str(first), self._span[0]), max(b, self._span[1]))
            defs = self.definitions()
            values = []
            for r in self.db.rows("SELECT id, indicator_id, period, numerator, denominator FROM indicator_values"
                                  " WHERE deleted = 0 AND period >= :a AND period <= :b", a=span[0], b=span[1]):
                d = defs.get(uid(r["indicator_id"]))
                if d is not None:
                    value = indicator_value(d.kind, r["numerator"], r["denominator"], d.multiplier or 1.0)
                    values.append(_ns(r, id=uid(r["id"]), indicator_id=d.id, indicator=d, value=value))
            self._span, self._span_values = span, values
        return [v for v in self._span_values if a <= v.period <= b]

    def _month_history(self, p: Period) -> dict:
        """The live values of live indicators over the warning history of `p`, by indicator id."""
        from qmsdesk.analytics.warnings import history_start

        if str(p) not in self._history:
            history: dict = {}
            for v in self._values(history_start(p), p):
                history.setdefault(v.indicator_id, []).append(v)
            self._history[str(p)] = history
        return self._history[str(p)]

    def month_warnings(self, period: Period | str) -> list:
        """analytics/warnings.month_warnings: the month's values judged on their history, read in two statements."""
        from dataclasses import replace

        from qmsdesk.analytics.warnings import indicator_warning

        p = Period.parse(period)
        history = self._month_history(p)
        month = sorted((v for values in history.values() for v in values if v.period == str(p)),
                       key=lambda v: v.indicator.code)
        out = [w for v in month if (w := indicator_warning(None, v, False, history[v.indicator_id])) is not None]
        if not out:
            return out
        ids = [w.indicator_value_id.hex for w in out]
        marks = ", ".join(f":v{i}" for i in range(len(ids)))
        raised = {uid(r[0]): uid(r[1]) for r in self.db.rows(
            f"SELECT indicator_value_id, id FROM rectification_items WHERE deleted = 0 AND indicator_value_id IN ({marks})",
            **{f"v{i}": x for i, x in enumerate(ids)})}
        return [replace(w, item_id=raised.get(w.indicator_value_id)) for w in out]

    def indicator_direction(self, code: str) -> str:
        return next(d.direction for d in self.definitions().values() if d.code == code)

    def first_value_period(self, code: str, start: Period, end: Period) -> str | None:
        """The first month start..end with a live value of the indicator (from the warnings' history of `end`)."""
        d = next(d for d in self.definitions().values() if d.code == code)
        periods = [v.period for v in self._month_history(end).get(d.id, []) if str(start) <= v.period <= str(end)]
        return min(periods) if periods else None
