"""The month's report content and its charts read with plain SQL over a RawReader (db/raw.py): no SQLAlchemy.

`qmsdesk submit` on the ward's SQLite file at the schema head reads the month here instead of through the
ORM (reports/month.py); the rows come back as SimpleNamespace objects with the models' attribute names and
values converted as SQLAlchemy would give them (dates, UUIDs, aware UTC times, booleans, JSON), and are
handed to the same computing (reports/month_content.build_month, analytics/inspection_scores, rca_view,
pdca_view, charts.build_chart). The statements mirror the ORM's (same filters, same ORDER BY) so rows that
tie come back in the same order. tests/reports/test_month_collect_raw.py holds both readers equal on the
demo year.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from types import SimpleNamespace
from typing import Any

from qmsdesk import rules
from qmsdesk.analytics.charts import MonthData, months_of
from qmsdesk.analytics.month_raw import RawMonth
from qmsdesk.analytics.rates import indicator_value
from qmsdesk.analytics.warnings import history_start
from qmsdesk.db import enums as e
from qmsdesk.db.raw import RawReader, day, stored_time, uid, utc
from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.reports.month_content import MonthContent, MonthRows, build_month, label

ITEM = rules.ItemText()

# Column conversions by name: what SQLAlchemy's column types give back for the stored text.
_DAYS = {"date", "found_on", "deadline", "verified_on", "closed_on", "started_on", "analysed_on", "hire_date",
         "left_on", "expires_on", "granted_on"}
_TIMES = {"occurred_at", "reported_at", "created_at", "updated_at"}
_BOOLS = {"deleted", "applicable", "custom", "active", "not_applicable", "primary", "key_cause"}
_JSON = {"whys", "analysis_source", "department_types", "sources"}


def _value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "id" or name.endswith("_id"):
        return uid(value)
    if name in _DAYS:
        return day(value)
    if name in _TIMES:
        return utc(value)
    if name in _BOOLS:
        return bool(value)
    if name in _JSON:
        return json.loads(value)
    return value


def _ns(row, **extra) -> SimpleNamespace:
    """A stored row as the model's attributes, converted."""
    return SimpleNamespace(**{k: _value(k, row[k]) for k in row.keys()}, **extra)


def _marks(prefix: str, values: list) -> tuple[str, dict]:
    """":p0, :p1, …" and their parameters, for an IN list."""
    return ", ".join(f":{prefix}{i}" for i in range(len(values))), {f"{prefix}{i}": v for i, v in enumerate(values)}


class MonthReads:
    """The month's statements over one reader."""

    def __init__(self, reader: RawReader) -> None:
        self.db = reader
        self.month = RawMonth(reader)
        self._defs: dict | None = None

    def all(self, sql: str, **params) -> list[SimpleNamespace]:
        return [_ns(r) for r in self.db.rows(sql, **params)]

    def children(self, table: str, key: str, parents: list, order: str = "") -> dict:
        """The rows of `table` whose `key` is one of `parents` (ids), grouped by it in the order read."""
        out: dict = {p: [] for p in parents}
        if not parents:
            return out
        marks, params = _marks("k", [p.hex for p in parents])
        for r in self.all(f"SELECT * FROM {table} WHERE {key} IN ({marks}){order}", **params):
            out[getattr(r, key)].append(r)
        return out

    def in_month(self, table: str, period: Period, order: str = "date") -> list[SimpleNamespace]:
        return self.all(f"SELECT * FROM {table} WHERE deleted = 0 AND date BETWEEN :first AND :last ORDER BY {order}",
                        first=period.first_day.isoformat(), last=period.last_day.isoformat())

    # --- the unit, the staff, the indicators ----------------------------------------------------------

    def unit(self) -> SimpleNamespace | None:
        rows = self.all("SELECT * FROM units WHERE deleted = 0 ORDER BY created_at LIMIT 1")
        return rows[0] if rows else None

    def names(self) -> dict:
        return {uid(r["id"]): r["name"] for r in self.db.rows("SELECT id, name FROM staff WHERE deleted = 0")}

    def person(self, staff_id) -> str | None:
        """A staff member's name by id, deleted or not (as a relationship loads it)."""
        if staff_id is None:
            return None
        rows = self.db.rows("SELECT name FROM staff WHERE id = :id", id=staff_id.hex)
        return rows[0]["name"] if rows else None

    def definition(self, definition_id) -> SimpleNamespace:
        """Any indicator definition by id (read once for all)."""
        if self._defs is None:
            self._defs = {d.id: d for d in self.all("SELECT * FROM indicator_definitions")}
        return self._defs[definition_id]

    def values(self, definition_ids: list, start: Period, end: Period) -> dict:
        """charts.indicator_history: the live values of the definitions start..end, by definition id, with `value`."""
        found: dict = {}
        if not definition_ids:
            return found
        marks, params = _marks("d", [i.hex for i in definition_ids])
        for v in self.all(f"SELECT * FROM indicator_values WHERE deleted = 0 AND indicator_id IN ({marks})"
                          " AND period >= :start AND period <= :end", start=str(start), end=str(end), **params):
            d = self.definition(v.indicator_id)
            v.value = indicator_value(d.kind, v.numerator, v.denominator, d.multiplier or 1.0)
            found.setdefault(v.indicator_id, []).append(v)
        return found

    def indicator_months(self, definition, start: Period, end: Period) -> list[MonthData]:
        return months_of(self.values([definition.id], start, end).get(definition.id, []), start, end)

    def indicators(self, period: Period) -> tuple[list, dict, dict]:
        defs = self.all("SELECT * FROM indicator_definitions WHERE deleted = 0 AND applicable = 1 ORDER BY code")
        values = {}
        for v in self.all("SELECT * FROM indicator_values WHERE deleted = 0 AND period = :p", p=str(period)):
            d = self.definition(v.indicator_id)
            v.value = indicator_value(d.kind, v.numerator, v.denominator, d.multiplier or 1.0)
            values[v.indicator_id] = v
        history = self.values([d.id for d in defs if d.id in values], history_start(period), period)
        return defs, values, history

    # --- meetings and training -------------------------------------------------------------------

    def meetings(self, period: Period) -> list[SimpleNamespace]:
        rows = self.in_month("meetings", period)
        ids = [r.id for r in rows]
        attendance = self.children("meeting_attendance", "meeting_id", ids)
        problems = self.children("meeting_problems", "meeting_id", ids)
        for r in rows:
            r.attendance, r.problems = attendance[r.id], problems[r.id]
        return rows

    def sessions(self, period: Period) -> list[SimpleNamespace]:
        rows = self.in_month("training_sessions", period)
        attendance = self.children("training_attendance", "session_id", [r.id for r in rows])
        for r in rows:
            r.attendance = attendance[r.id]
        return rows

    def assessments(self, period: Period) -> list[SimpleNamespace]:
        rows = self.in_month("assessments", period)
        for r in rows:
            r.passed = r.score >= r.pass_mark  # models.Assessment.passed
        return rows

    # --- inspections -------------------------------------------------------------------------------

    def inspection_rows(self, period: Period) -> list:
        """analytics.inspections.inspection_rows(session, period=period), scored by the same code."""
        from qmsdesk.analytics.inspection_scores import row_of, score_of

        rows = self.in_month("inspections", period, "date, created_at")
        ids = [r.id for r in rows]
        items = self.children("inspection_items", "inspection_id", ids)
        findings = self.children("inspection_findings", "inspection_id", ids)
        template_ids = list(dict.fromkeys(r.template_id for r in rows if r.template_id is not None))
        templates = {t.id: t for t in self._by_ids("checklist_templates", template_ids)}
        lines = self.children("checklist_items", "template_id", template_ids, " ORDER BY position")
        for t in templates.values():
            t.items = lines[t.id]
            t.total = sum(i.standard for i in t.items if not i.deleted)  # models.ChecklistTemplate.total
        filled = [i.id for r in rows for i in items[r.id] if not i.deleted]
        links: dict = {}
        if filled:
            marks, params = _marks("i", [i.hex for i in filled])
            links = {uid(r[0]): uid(r[1]) for r in self.db.rows(
                "SELECT inspection_item_id, id FROM rectification_items WHERE deleted = 0"
                f" AND inspection_item_id IN ({marks})", **params)}
        out = []
        for r in rows:
            r.items, r.findings, r.template = items[r.id], findings[r.id], templates.get(r.template_id)
            out.append(row_of(r, score_of(r, links)))
        return out

    def _by_ids(self, table: str, ids: list) -> list[SimpleNamespace]:
        if not ids:
            return []
        marks, params = _marks("t", [i.hex for i in ids])
        return self.all(f"SELECT * FROM {table} WHERE id IN ({marks})", **params)

    def ledger_states(self) -> dict[str, str]:
        return {str(uid(i)): label(e.ItemStatus, s) for i, s in self.db.rows(
            "SELECT id, status FROM rectification_items WHERE deleted = 0 AND inspection_item_id IS NOT NULL")}

    def inspections(self, period: Period) -> list[SimpleNamespace]:
        rows = self.in_month("inspections", period)
        findings = self.children("inspection_findings", "inspection_id", [r.id for r in rows])
        for r in rows:
            r.findings = findings[r.id]
        return rows

    # --- events and their analyses ---------------------------------------------------------------------

    def events(self, period: Period) -> list[SimpleNamespace]:
        start, end = period.span()
        return self.all("SELECT * FROM adverse_events WHERE deleted = 0 AND occurred_at >= :start"
                        " AND occurred_at < :end ORDER BY occurred_at", start=stored_time(start), end=stored_time(end))

    def rca_views(self, events: list[SimpleNamespace]) -> list:
        """reports.month_analysis.rca_views: the analysis of every event of the month that has or needs one."""
        from qmsdesk.analytics.rca_view import action_of, rca_view_of
        from qmsdesk.services.factors import vocabulary

        vocab = vocabulary()
        views = []
        for ev in events:
            found = self.all("SELECT * FROM event_analyses WHERE deleted = 0 AND event_id = :e LIMIT 1", e=ev.id.hex)
            analysis = found[0] if found else None
            if analysis is not None:
                analysis.factors = self.all("SELECT * FROM event_factors WHERE analysis_id = :a ORDER BY created_at",
                                            a=analysis.id.hex)
            items = self.all("SELECT * FROM rectification_items WHERE deleted = 0 AND event_id = :e ORDER BY found_on",
                             e=ev.id.hex)
            actions = tuple(action_of(i, self.person(i.responsible_id)) for i in items)
            views.append(rca_view_of(ev, analysis, actions, vocab))
        return [v for v in views if v.required or v.analysed_on is not None]

    # --- the ledger ----------------------------------------------------------------------------------

    def ledger_items(self, period: Period) -> list[SimpleNamespace]:
        """services.ledger.items_open_in(session, period, with_progress=True)."""
        from datetime import timedelta

        rows = self.all(f"SELECT * FROM rectification_items WHERE deleted = 0 AND {rules.text_in_month(ITEM, ':last', ':before')}"
                        " ORDER BY found_on", last=period.last_day.isoformat(),
                        before=(period.first_day - timedelta(days=1)).isoformat())
        progress = self.children("progress_notes", "item_id", [r.id for r in rows], " ORDER BY date")
        for r in rows:
            r.progress = progress[r.id]
        return rows

    # --- PDCA -------------------------------------------------------------------------------------

    def pdca_cases(self, period: Period) -> list:
        """reports.month_analysis.pdca_cases: the case of every project running in the month."""
        from qmsdesk.analytics.pdca_view import case_of

        projects = self.all(
            "SELECT * FROM pdca_projects WHERE deleted = 0 AND started_on <= :last"
            " AND (closed_on IS NULL OR closed_on >= :first) ORDER BY started_on",
            first=period.first_day.isoformat(), last=period.last_day.isoformat())
        source = _CaseSource(self)
        out = []
        for p in projects:
            key = p.id.hex
            p.indicators = self.all("SELECT * FROM pdca_indicators WHERE project_id = :p ORDER BY created_at", p=key)
            for ind in p.indicators:
                ind.indicator = self.definition(ind.indicator_id)
            p.causes = self.all("SELECT * FROM pdca_causes WHERE project_id = :p ORDER BY created_at", p=key)
            p.countermeasures = self.all("SELECT * FROM pdca_countermeasures WHERE project_id = :p ORDER BY created_at",
                                         p=key)
            for c in p.countermeasures:
                c.cause = (self._by_ids("pdca_causes", [c.cause_id]) or [None])[0] if c.cause_id else None
            p.log = self.all("SELECT * FROM pdca_log WHERE project_id = :p ORDER BY date", p=key)
            out.append(case_of(source, p, end=period))
        return out


class _CaseSource:
    """analytics/pdca_view.CaseSource over plain SQL."""

    def __init__(self, reads: MonthReads) -> None:
        self.reads = reads

    def months(self, definition, start: Period, end: Period) -> list[MonthData]:
        return self.reads.indicator_months(definition, start, end)

    def countermeasure_items(self, project) -> list[SimpleNamespace]:
        ids = [c.id for c in project.countermeasures if not c.deleted]
        if not ids:
            return []
        marks, params = _marks("c", [i.hex for i in ids])
        rows = self.reads.all(f"SELECT * FROM rectification_items WHERE deleted = 0 AND countermeasure_id IN ({marks})"
                              " ORDER BY deadline", **params)
        progress = self.reads.children("progress_notes", "item_id", [r.id for r in rows], " ORDER BY date")
        for r in rows:
            r.progress = progress[r.id]
        return rows

    def person(self, record) -> str | None:
        """A project's leader or a ledger item's responsible person."""
        return self.reads.person(record.leader_id if hasattr(record, "leader_id") else record.responsible_id)

    def pareto(self, source: dict):
        if not source:
            return None
        start, end = Period.parse(source["start"]), Period.parse(source["end"])
        if source.get("kind") == "checklist":
            from qmsdesk.analytics.inspection_scores import deduction_pareto_of

            return deduction_pareto_of(self._deductions(start, end, source.get("template")), start, end,
                                       template_code=source.get("template"))
        from qmsdesk.analytics.rca_view import factor_pareto_of
        from qmsdesk.services.factors import vocabulary

        category = source.get("event_category")
        return factor_pareto_of(self._factors(start, end, category), start, end, event_category=category,
                                vocab=vocabulary())

    def _deductions(self, start: Period, end: Period, template_code: str | None) -> Counter:
        """analytics.inspections.deduction_counts."""
        sql = ("SELECT c.code, c.text, ii.failures FROM checklist_items c"
               " JOIN inspection_items ii ON ii.template_item_id = c.id"
               " JOIN inspections i ON i.id = ii.inspection_id"
               " JOIN checklist_templates t ON t.id = c.template_id"
               " WHERE ii.deleted = 0 AND i.deleted = 0 AND ii.deduction > 0 AND ii.not_applicable = 0"
               " AND i.date >= :first AND i.date <= :last")
        params = {"first": start.first_day.isoformat(), "last": end.last_day.isoformat()}
        if template_code is not None:
            sql += " AND t.code = :code"
            params["code"] = template_code
        tally: Counter = Counter()
        for code, text, failures in self.reads.db.rows(sql, **params):
            tally[(code, text)] += failures or 1
        return tally

    def _factors(self, start: Period, end: Period, category: str | None) -> Counter:
        """analytics.rca.factor_counts."""
        sql = ("SELECT f.code FROM event_factors f JOIN event_analyses a ON a.id = f.analysis_id"
               " JOIN adverse_events ev ON ev.id = a.event_id"
               " WHERE f.deleted = 0 AND a.deleted = 0 AND ev.deleted = 0 AND ev.occurred_at >= :lo AND ev.occurred_at < :hi")
        params = {"lo": stored_time(start.span()[0]), "hi": stored_time(end.span()[1])}
        if category is not None:
            sql += " AND ev.category = :category"
            params["category"] = str(category)
        return Counter(r[0] for r in self.reads.db.rows(sql, **params))

    def title_of(self, project_id) -> str | None:
        rows = self.reads.db.rows("SELECT title FROM pdca_projects WHERE id = :p", p=project_id.hex)
        return rows[0][0] if rows else None

    def next_title(self, project) -> str | None:
        rows = self.reads.db.rows("SELECT title FROM pdca_projects WHERE deleted = 0 AND previous_id = :p LIMIT 1",
                                  p=project.id.hex)
        return rows[0][0] if rows else None


def collect_month_raw(reader: RawReader, period: Period | str, *, version: int = 1, warnings: list[Any] | None = None,
                      acceptance: Any = None, as_of: date | None = None) -> MonthContent:
    """reports.month.collect_month(session, period, ...) read with plain SQL: the same content."""
    period = Period.parse(period)
    day = as_of or rules.month_end(period)
    reads = MonthReads(reader)
    defs, values, history = reads.indicators(period)
    record_nos = reads.month.record_nos()
    events = reads.events(period)
    rows = MonthRows(
        unit=reads.unit(), names=reads.names(), definitions=defs, values=values, history=history,
        meetings=reads.meetings(period), sessions=reads.sessions(period), assessments=reads.assessments(period),
        record_nos=[r for r in record_nos if r], inspection_rows=reads.inspection_rows(period),
        ledger_states=reads.ledger_states(), inspections=reads.inspections(period), events=events,
        rca=reads.rca_views(events), ledger_items=reads.ledger_items(period), pdca=reads.pdca_cases(period),
        ledger=reads.month.ledger_figures(period, day), group_meetings=len(reads.month.group_meetings(period).meetings),
        masker=PatientMasker.of(record_nos))
    return build_month(rows, period, day, version=version, warnings=list(warnings or []), acceptance=acceptance)


def chart_specs_raw(reader: RawReader, period: Period | str, content: MonthContent) -> list[Any]:
    """services.month_package.chart_specs read with plain SQL: analytics.charts.indicator_charts of the month's
    charted indicators (reports/month_charts.py), the definitions and their values in two statements."""
    from qmsdesk.analytics.charts import build_chart, unknown_indicator
    from qmsdesk.reports.month_charts import chart_codes, chart_start

    period = Period.parse(period)
    start = chart_start(period)
    reads = MonthReads(reader)
    wanted = [c.strip() for c in chart_codes(content)]
    found: dict = {}
    if wanted:
        marks, params = _marks("c", wanted)
        for d in reads.all(f"SELECT * FROM indicator_definitions WHERE deleted = 0 AND code IN ({marks})", **params):
            found.setdefault(d.code, d)  # as find_indicator's first()
    history = reads.values([d.id for d in found.values()], start, period)
    specs = []
    for code in wanted:
        if code not in found:
            raise unknown_indicator(code)
        d = found[code]
        specs.append(build_chart(d, months_of(history.get(d.id, []), start, period)))
    return specs


def charts_raw(reader: RawReader, period: Period | str, content: MonthContent) -> list[Any] | None:
    """services.month_package._charts read with plain SQL: the PDF flowables of the month's indicator charts."""
    from qmsdesk.reports.month_charts import draw_charts

    return draw_charts(chart_specs_raw(reader, period, content), PatientMasker.of(RawMonth(reader).record_nos()))
