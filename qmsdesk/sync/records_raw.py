"""The month's package records read with plain SQL from the ward's SQLite file: no SQLAlchemy, same bytes.

`qmsdesk submit` on a file at the schema head builds its package without importing SQLAlchemy (issue 18): this
reads what sync/records.py reads through the ORM, over a RawReader (qmsdesk/db/raw.py), and hands the rows to
the same function (sync/records_build.build_month_records), so data.json is the same byte for byte.

SQLite keeps values as SQLAlchemy wrote them; COLUMNS says, table by table, which columns are read and how each
is turned back into what the model's attribute holds (tests/sync/test_records_raw.py holds COLUMNS equal to the
models' columns, so a column added to a model cannot be left out of the package read this way).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from qmsdesk import rules
from qmsdesk.analytics.inspection_scores import InspectionScore, score_of
from qmsdesk.analytics.pdca_view import PdcaCase
from qmsdesk.db.enums import AnalysisStatus
from qmsdesk.db.raw import RawReader, day, stored_time, stored_uuid, uid, utc
from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.services.analysis_package import travels_with
from qmsdesk.sync.package import UnitIdentity
from qmsdesk.sync.records_build import build_month_records

# How a stored value comes back: u UUID, d date, t aware UTC time, b bool, j JSON; "" as stored (text, numbers).
_CONVERT = {"u": uid, "d": day, "t": utc, "b": lambda v: None if v is None else bool(v),
            "j": lambda v: None if v is None else json.loads(v), "": lambda v: v}
_SYNCED = {"id": "u", "created_at": "t", "updated_at": "t", "deleted": "b"}

# Table → column → how its stored value is read back (the models' columns, db/models.py).
COLUMNS: dict[str, dict[str, str]] = {
    "units": {**_SYNCED, "hospital_code": "", "hospital_name": "", "department_code": "", "department_name": "",
              "department_type": "", "deadline_day": "", "time_zone": ""},
    "staff": {**_SYNCED, "name": "", "employee_no": "", "profession": "", "title": "", "nursing_level": "",
              "hire_date": "d", "active": "b", "left_on": "d", "pinyin_initials": "", "gender": "", "license_no": ""},
    "meetings": {**_SYNCED, "kind": "", "date": "d", "place": "", "host_id": "u", "recorder_id": "u", "agenda": "",
                 "minutes": "", "decisions": "", "follow_up": ""},
    "meeting_attendance": {**_SYNCED, "meeting_id": "u", "staff_id": "u", "status": ""},
    "meeting_problems": {**_SYNCED, "meeting_id": "u", "category": "", "description": ""},
    "training_sessions": {**_SYNCED, "topic": "", "category": "", "hours": "", "trainer": "", "date": "d",
                          "place": ""},
    "training_attendance": {**_SYNCED, "session_id": "u", "staff_id": "u", "status": ""},
    "assessments": {**_SYNCED, "staff_id": "u", "kind": "", "subject": "", "date": "d", "score": "", "pass_mark": "",
                    "retake_of_id": "u", "session_id": "u"},
    "indicator_definitions": {**_SYNCED, "code": "", "name_zh": "", "name_en": "", "numerator_def": "",
                              "denominator_def": "", "kind": "", "multiplier": "", "unit": "", "direction": "",
                              "target": "", "warning": "", "department_types": "j", "source": "", "source_year": "",
                              "applicable": "b", "custom": "b"},
    "indicator_values": {**_SYNCED, "indicator_id": "u", "period": "", "numerator": "", "denominator": "", "note": ""},
    "checklist_templates": {**_SYNCED, "code": "", "version": "", "name": "", "category": "", "department_types": "j",
                            "sources": "j", "origin": "", "based_on_id": "u", "active": "b"},
    "checklist_items": {**_SYNCED, "template_id": "u", "section": "", "position": "", "code": "", "text": "",
                        "standard": "", "method": "", "sample_size": "", "deduct_per": "", "cap": "", "rule": ""},
    "inspections": {**_SYNCED, "kind": "", "date": "d", "inspector": "", "topic": "", "typed_score": "", "summary": "",
                    "template_id": "u"},
    "inspection_items": {**_SYNCED, "inspection_id": "u", "template_item_id": "u", "deduction": "", "reason": "",
                         "sample_size": "", "failures": "", "not_applicable": "b", "attachment": ""},
    "inspection_findings": {**_SYNCED, "inspection_id": "u", "category": "", "description": ""},
    "adverse_events": {**_SYNCED, "occurred_at": "t", "reported_at": "t", "category": "", "grade": "",
                       "description": "", "immediate_action": "", "analysis": "", "medical_record_no": "",
                       "reporter_id": "u", "harm_level": ""},
    "event_analyses": {**_SYNCED, "event_id": "u", "analysed_on": "d", "team": "", "whys": "j", "root_cause": "",
                       "lessons": ""},
    "event_factors": {**_SYNCED, "analysis_id": "u", "category": "", "code": "", "note": "", "primary": "b"},
    "rectification_items": {**_SYNCED, "source_kind": "", "meeting_problem_id": "u", "finding_id": "u",
                            "event_id": "u", "indicator_value_id": "u", "inspection_item_id": "u",
                            "countermeasure_id": "u", "category": "", "problem": "", "found_on": "d",
                            "root_cause": "", "measures": "", "responsible_id": "u", "deadline": "d", "status": "",
                            "verifier_id": "u", "verified_on": "d", "effect_evaluation": "", "closed_on": "d"},
    "progress_notes": {**_SYNCED, "item_id": "u", "date": "d", "note": "", "author": ""},
    "pdca_projects": {**_SYNCED, "title": "", "reason": "", "stage": "", "started_on": "d", "leader_id": "u",
                      "team": "", "baseline_start": "", "baseline_end": "", "change_period": "", "current_state": "",
                      "analysis_source": "j", "check_summary": "", "standardization": "", "next_cycle": "",
                      "closed_on": "d", "previous_id": "u"},
    "pdca_indicators": {**_SYNCED, "project_id": "u", "indicator_id": "u", "target": ""},
    "pdca_causes": {**_SYNCED, "project_id": "u", "category": "", "description": "", "key_cause": "b",
                    "verification": ""},
    "pdca_countermeasures": {**_SYNCED, "project_id": "u", "cause_id": "u", "what": "", "why": "", "where": "",
                             "how": ""},
    "pdca_log": {**_SYNCED, "project_id": "u", "date": "d", "stage": "", "note": "", "author": ""},
    "quality_analyses": {**_SYNCED, "span": "", "kind": "", "status": "", "figures": "j", "drafted_at": "t",
                         "summary": "", "approved_by_id": "u", "approved_on": "d", "reopen_reason": ""},
    "analysis_problems": {**_SYNCED, "analysis_id": "u", "key": "", "position": "", "source": "", "problem": "",
                          "cause": "", "measures": ""},
}


class Record(SimpleNamespace):
    """A stored row as the model's attributes (converted), plus the relations a reader attaches."""

    _table: str


def _select(table: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in COLUMNS[table])


def _marks(values: Iterable[Any], name: str = "x") -> tuple[str, dict[str, Any]]:
    """`:x0, :x1, …` and their parameters, for an IN (…) of stored values."""
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return ", ".join(f":{k}" for k in params) or "NULL", params


def _hexes(ids: Iterable[uuid.UUID | None]) -> list[str]:
    return sorted({stored_uuid(i) for i in ids if i is not None})


class RawRecords:
    """The month's records read with plain SQL (a records_build.RecordSource)."""

    def __init__(self, reader: RawReader) -> None:
        self.db = reader
        self._analyses: dict[uuid.UUID, list[Record]] = {}
        self._definitions: dict[uuid.UUID, Record] | None = None
        self._links: dict[uuid.UUID, uuid.UUID] = {}
        self._cases: dict[str, dict[str, PdcaCase]] = {}

    # --- reading rows --------------------------------------------------------------------------------

    def load(self, table: str, where: str = "1 = 1", order: str = "", **params: Any) -> list[Record]:
        """The rows of `table` matching `where`, each a Record with its columns converted."""
        convert = [(c, _CONVERT[kind]) for c, kind in COLUMNS[table].items()]
        sql = f"SELECT {_select(table)} FROM {table} WHERE {where}" + (f" ORDER BY {order}" if order else "")
        out = []
        for r in self.db.rows(sql, **params):
            rec = Record(**{c: fn(v) for (c, fn), v in zip(convert, r, strict=True)})
            rec._table = table
            out.append(rec)
        return out

    def _children(self, table: str, key: str, parents: list[Record], order: str = "") -> dict[uuid.UUID, list]:
        """The rows of `table` whose `key` is one of the parents' ids, by parent id."""
        by_parent: dict[uuid.UUID, list] = {p.id: [] for p in parents}
        if parents:
            marks, params = _marks(_hexes(p.id for p in parents))
            for rec in self.load(table, f'"{key}" IN ({marks})', order, **params):
                by_parent[getattr(rec, key)].append(rec)
        return by_parent

    def _by_id(self, table: str, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, Record]:
        hexes = _hexes(ids)
        if not hexes:
            return {}
        marks, params = _marks(hexes)
        return {r.id: r for r in self.load(table, f"id IN ({marks})", **params)}

    def columns(self, obj: Record) -> Iterable[str]:
        return COLUMNS[obj._table].keys()

    def _dated(self, table: str, first: date, last: date) -> list[Record]:
        return self.load(table, "date >= :first AND date <= :last", first=first.isoformat(), last=last.isoformat())

    # --- the month ---------------------------------------------------------------------------------------

    def meetings(self, first: date, last: date) -> list:
        meetings = self._dated("meetings", first, last)
        attendance = self._children("meeting_attendance", "meeting_id", meetings)
        problems = self._children("meeting_problems", "meeting_id", meetings)
        for mt in meetings:
            mt.attendance, mt.problems = attendance[mt.id], problems[mt.id]
        return meetings

    def training_sessions(self, first: date, last: date) -> list:
        sessions = self._dated("training_sessions", first, last)
        attendance = self._children("training_attendance", "session_id", sessions)
        for ts in sessions:
            ts.attendance = attendance[ts.id]
        return sessions

    def assessments(self, first: date, last: date) -> list:
        return self._dated("assessments", first, last)

    def definitions(self) -> dict[uuid.UUID, Record]:
        """Every indicator definition by id, deleted ones too (a value or a project may name one)."""
        if self._definitions is None:
            self._definitions = {d.id: d for d in self.load("indicator_definitions")}
        return self._definitions

    def indicator_values(self, period: Period) -> list:
        values = self.load("indicator_values", "period = :p", p=str(period))
        for v in values:
            v.indicator = self.definitions()[v.indicator_id]
        return values

    def record_nos(self) -> list[str]:
        from qmsdesk.analytics.month_raw import RawMonth

        return RawMonth(self.db).record_nos()

    def inspections(self, first: date, last: date) -> list:
        inspections = self._dated("inspections", first, last)
        findings = self._children("inspection_findings", "inspection_id", inspections)
        items = self._children("inspection_items", "inspection_id", inspections)
        templates = self._by_id("checklist_templates", (i.template_id for i in inspections))
        lines = self._children("checklist_items", "template_id", list(templates.values()), "position")
        line_by_id = {line.id: line for rows in lines.values() for line in rows}
        for t in templates.values():
            t.items = lines[t.id]
            t.total = sum(line.standard for line in t.items if not line.deleted)  # ChecklistTemplate.total
        filled = [it for rows in items.values() for it in rows]
        missing = self._by_id("checklist_items", (it.template_item_id for it in filled
                                                  if it.template_item_id not in line_by_id))
        line_by_id.update(missing)
        for it in filled:
            it.template_item = line_by_id[it.template_item_id]
        self._links = self._ledger_links([it.id for it in filled if not it.deleted])
        for ins in inspections:
            ins.findings, ins.items = findings[ins.id], items[ins.id]
            ins.template = templates.get(ins.template_id)
        return inspections

    def _ledger_links(self, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Inspection item id → the live ledger item raised from it (analytics.inspections._ledger_links)."""
        if not item_ids:
            return {}
        marks, params = _marks(_hexes(item_ids))
        return {uid(r[0]): uid(r[1]) for r in self.db.rows(
            f"SELECT inspection_item_id, id FROM rectification_items WHERE deleted = 0"
            f" AND inspection_item_id IN ({marks})", **params)}

    def inspection_score(self, inspection: Record) -> InspectionScore | None:
        return score_of(inspection, self._links)

    def events(self, start: datetime, end: datetime) -> list:
        events = self.load("adverse_events", "occurred_at >= :start AND occurred_at < :end",
                           start=stored_time(start), end=stored_time(end))
        analyses = self._children("event_analyses", "event_id", events)
        every = [a for rows in analyses.values() for a in rows]
        factors = self._children("event_factors", "analysis_id", every, "created_at")
        for a in every:
            a.factors = factors[a.id]
        self._analyses = analyses
        return events

    def event_analyses(self, event: Record) -> list:
        return self._analyses.get(event.id, [])

    def ledger_items(self, period: Period) -> list:
        items = self.load("rectification_items", rules.text_in_month(rules.ItemText(), ":last", ":before"),
                          last=period.last_day.isoformat(), before=(period.first_day - timedelta(days=1)).isoformat())
        progress = self._children("progress_notes", "item_id", items, "date")
        for it in items:
            it.progress = progress[it.id]
        return items

    def analyses_to_send(self, period: Period) -> list:
        rows = [a for a in self.load("quality_analyses", "deleted = 0 AND status = :approved", "span",
                                     approved=AnalysisStatus.APPROVED.value) if travels_with(a.span, period)]
        approvers = self._by_id("staff", (a.approved_by_id for a in rows))
        for a in rows:
            # One statement per analysis, as the relationship loads them: problems in the same order.
            a.problems = self.load("analysis_problems", "analysis_id = :a", "position",
                                   a=stored_uuid(a.id))
            a.approved_by = approvers.get(a.approved_by_id)
        return rows

    def projects(self, period: Period) -> list:
        return self.load("pdca_projects", "started_on <= :last AND (closed_on IS NULL OR closed_on >= :first)",
                         first=period.first_day.isoformat(), last=period.last_day.isoformat())

    def project_case(self, project: Record, period: Period) -> PdcaCase:
        """analytics.pdca_case.project_case over plain SQL: the case the month's report read this way builds."""
        if str(period) not in self._cases:
            # reports/month_collect_raw.py reads every live project running in the month and builds its case with
            # analytics/pdca_view.case_of, as project_case does through the ORM.
            from qmsdesk.reports.month_collect_raw import MonthReads

            self._cases[str(period)] = {c.id: c for c in MonthReads(self.db).pdca_cases(period)}
        return self._cases[str(period)][str(project.id)]

    def staff(self, ids: set[uuid.UUID]) -> list:
        return list(self._by_id("staff", ids).values())

    def masker(self) -> PatientMasker:
        """reports.masking.patient_masker: every record number of the event register."""
        return PatientMasker.of(self.record_nos())


def month_records_raw(reader: RawReader, period: Period | str) -> dict[str, dict[str, dict[str, Any]]]:
    """sync/records.month_records read with plain SQL over `reader`: the same records, the same bytes."""
    return build_month_records(RawRecords(reader), period)


def unit_identity_raw(reader: RawReader) -> UnitIdentity:
    """sync/monthly._identity read with plain SQL: the unit's id, codes and (masked) names."""
    from qmsdesk.sync.identity import identity_of, missing_unit

    source = RawRecords(reader)
    units = source.load("units", "deleted = 0", "created_at")  # the first one, as services.unit.get_unit
    if not units:
        raise missing_unit()
    return identity_of(units[0], source.masker())
