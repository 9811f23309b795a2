"""One month's records for data.json, built from plain objects: the rules of sync/records.py without a database.

sync/records.py reads the month through the ORM and sync/records_raw.py with plain SQL over the ward's file;
both hand their rows to `build_month_records`, so what travels — which records, their tombstones, the masking,
the extras the office cannot look up — comes from this one function whichever way the month was read.

A source gives objects with the models' attribute names (ORM objects, or SimpleNamespace rows) and says which
of an object's attributes are its columns (`columns`); see `RecordSource`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, Protocol

from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker, mask_in_text

RECORD_KINDS = (
    "meetings", "meeting_attendance", "meeting_problems", "training_sessions", "training_attendance",
    "assessments", "indicator_values", "inspections", "inspection_findings", "inspection_items", "adverse_events",
    "event_analyses", "event_factors", "rectification_items", "progress_notes", "pdca_projects", "staff",
    "quality_analyses",
)
QUALITY_KINDS = ("inspection_items", "event_analyses", "event_factors", "pdca_projects")
STAFF_FIELDS = ("name", "employee_no", "title")
# The reporter is left out on purpose: events are reported without blame, and the office needs none.
_EVENT_OMIT = frozenset({"reporter_id"})
# The texts of a project row that are masked (besides every string of every row, by the patient masker).
_PROJECT_TEXTS = ("reason", "current_state", "check_summary", "standardization", "next_cycle", "team")

Mask = Callable[[str | None], str | None]


class RecordSource(Protocol):
    """What `build_month_records` reads; each method returns objects with the models' attribute names."""

    def columns(self, obj: Any) -> Iterable[str]: ...  # the column attributes of a record
    def meetings(self, first: date, last: date) -> list: ...  # with .attendance and .problems
    def training_sessions(self, first: date, last: date) -> list: ...  # with .attendance
    def assessments(self, first: date, last: date) -> list: ...
    def indicator_values(self, period: Period) -> list: ...  # with .indicator
    def record_nos(self) -> list[str]: ...  # every event's record number (deleted events too)
    def inspections(self, first: date, last: date) -> list: ...  # with .findings, .items (.template_item), .template
    def inspection_score(self, inspection: Any) -> Any: ...  # analytics.inspection_scores.InspectionScore | None
    def events(self, start: datetime, end: datetime) -> list: ...
    def event_analyses(self, event: Any) -> list: ...  # with .factors
    def ledger_items(self, period: Period) -> list: ...  # open at some time in the month, with .progress
    def analyses_to_send(self, period: Period) -> list: ...  # approved analyses (services.analysis_package)
    def projects(self, period: Period) -> list: ...  # PDCA projects running in the month
    def project_case(self, project: Any, period: Period) -> Any: ...  # analytics.pdca_view.PdcaCase
    def staff(self, ids: set[uuid.UUID]) -> list: ...
    def masker(self) -> PatientMasker: ...


def mask_record_no(value: str | None) -> str | None:
    """`****1234`: at most the last four characters and never more than half of them stay visible."""
    if value is None:
        return None
    text = str(value).strip()
    keep = min(4, len(text) // 2)
    return "****" + (text[-keep:] if keep else "")


def plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _tombstone(obj: Any) -> dict[str, Any]:
    return {"id": str(obj.id), "deleted": True, "updated_at": plain(obj.updated_at)}


def build_month_records(src: RecordSource, period: Period | str) -> dict[str, dict[str, dict[str, Any]]]:
    """The month's records by kind (see RECORD_KINDS), each a dict UUID -> plain JSON record."""
    p = Period.parse(period)
    first, last = p.first_day, p.last_day
    out: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in RECORD_KINDS}
    staff_ids: set[uuid.UUID] = set()

    def row(obj: Any, omit: frozenset[str] = frozenset()) -> dict[str, Any]:
        if getattr(obj, "deleted", False):
            return _tombstone(obj)
        return {k: plain(getattr(obj, k)) for k in src.columns(obj) if k not in omit}

    def child(obj: Any, parent_deleted: bool) -> dict[str, Any]:
        # A child of a deleted parent is gone for the office too, even if nobody deleted it by itself.
        return _tombstone(obj) if parent_deleted else row(obj)

    def put(kind: str, obj: Any, values: dict[str, Any]) -> None:
        out[kind][str(obj.id)] = values

    for mt in src.meetings(first, last):
        put("meetings", mt, row(mt))
        if not mt.deleted:
            staff_ids.update(x for x in (mt.host_id, mt.recorder_id) if x)
        for att in mt.attendance:
            put("meeting_attendance", att, child(att, mt.deleted))
            if not (mt.deleted or att.deleted):
                staff_ids.add(att.staff_id)
        for pr in mt.problems:
            put("meeting_problems", pr, child(pr, mt.deleted))

    for ts in src.training_sessions(first, last):
        put("training_sessions", ts, row(ts))
        for att in ts.attendance:
            put("training_attendance", att, child(att, ts.deleted))
            if not (ts.deleted or att.deleted):
                staff_ids.add(att.staff_id)

    for a in src.assessments(first, last):
        put("assessments", a, row(a))
        if not a.deleted:
            staff_ids.add(a.staff_id)

    for iv in src.indicator_values(p):
        values = row(iv)
        if not iv.deleted:
            values["indicator_code"] = iv.indicator.code
            values["indicator_name"] = iv.indicator.name_zh
        put("indicator_values", iv, values)

    record_nos = [r for r in src.record_nos() if r]

    def mask(text: str | None) -> str | None:
        return mask_in_text(text, record_nos) if text else text

    for ins in src.inspections(first, last):
        values = row(ins)
        if not ins.deleted:
            values.update(_inspection_extras(src.inspection_score(ins)), summary=mask(ins.summary))
        put("inspections", ins, values)
        for f in ins.findings:
            put("inspection_findings", f, child(f, ins.deleted))
        for it in ins.items:
            put("inspection_items", it, _inspection_item(ins, it, child(it, ins.deleted), mask))

    # The month in the unit's zone (qmsdesk.clock), as every other count of the month's events.
    lo, hi = p.span()
    for ev in src.events(lo, hi):
        put("adverse_events", ev, _event(ev, row(ev, _EVENT_OMIT)))
        for a in src.event_analyses(ev):
            put("event_analyses", a, _analysis(ev, a, row(a), mask))
            for f in a.factors:
                put("event_factors", f, _factor(ev, f, child(f, a.deleted), mask))

    # The items open at some time in the month (qmsdesk.rules), tombstones included.
    for it in src.ledger_items(p):
        put("rectification_items", it, row(it))
        if not it.deleted:
            staff_ids.update(x for x in (it.responsible_id, it.verifier_id) if x)
        for note in it.progress:
            if note.date <= last:
                put("progress_notes", note, child(note, it.deleted))

    # The group's approved quarterly/annual analyses travel with the next packages (services.analysis).
    from qmsdesk.services.analysis_package import package_row

    for qa in src.analyses_to_send(p):
        put("quality_analyses", qa, package_row(qa, record_nos))

    for pr in src.projects(p):
        values = row(pr)
        if not pr.deleted:
            for key in _PROJECT_TEXTS:
                values[key] = mask(values.get(key))
            values["progress"] = _progress(src.project_case(pr, p), p, mask)
            if pr.leader_id:
                staff_ids.add(pr.leader_id)
        put("pdca_projects", pr, values)

    for st in src.staff(staff_ids) if staff_ids else []:
        values = {"id": str(st.id), "deleted": bool(st.deleted)}
        values.update({k: getattr(st, k) for k in STAFF_FIELDS})
        put("staff", st, values)

    masker = src.masker()
    return {kind: {rid: masker.deep(values) for rid, values in rows.items()} for kind, rows in out.items()}


def _event(ev: Any, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("deleted"):
        return values
    full = (ev.medical_record_no or "").strip()
    values["medical_record_no"] = mask_record_no(full) if full else None
    values["anonymous"] = ev.reporter_id is None
    return values


# --- the quality tools: scored inspections, event RCAs, PDCA progress ---------------------------------
# Each row also carries what the office cannot look up for itself — the checklist's code, version and item
# texts, a computed score, a factor's vocabulary label, a project's before/after — so the office compares
# units without the ward's database.

def _inspection_extras(score: Any) -> dict[str, Any]:
    """The checklist and computed score an inspection row carries (nothing for an unscored one)."""
    if score is None:
        return {"scored": False, "score": None, "max_score": None, "percent": None}
    return {"scored": True, "template_code": score.template_code, "template_version": score.template_version,
            "template_name": score.template_name, "score": _round(score.points), "max_score": score.applicable_total,
            "percent": _round(score.percent), "deducted_items": len(score.deducted_items)}


def _inspection_item(inspection: Any, it: Any, values: dict[str, Any], mask: Mask) -> dict[str, Any]:
    """A filled checklist item with the checklist line it was scored against."""
    if values.get("deleted"):
        return values
    template, line = inspection.template, it.template_item
    values.update(item_code=line.code, section=line.section, text=line.text, standard=line.standard,
                  method=line.method, cap=line.cap, template_code=template.code if template else None,
                  template_version=template.version if template else None, reason=mask(it.reason))
    return values


def _analysis(event: Any, a: Any, values: dict[str, Any], mask: Mask) -> dict[str, Any]:
    if not values.get("deleted"):
        values.update(whys=[mask(w) for w in (a.whys or [])], root_cause=mask(a.root_cause), lessons=mask(a.lessons),
                      team=mask(a.team), event_category=event.category, event_grade=event.grade,
                      harm_level=event.harm_level)
    return values


def _factor(event: Any, f: Any, values: dict[str, Any], mask: Mask) -> dict[str, Any]:
    """A factor with the vocabulary's words, so the office needs no vocabulary file."""
    from qmsdesk.services.factors import vocabulary

    if not values.get("deleted"):
        values.update(note=mask(f.note), label=vocabulary().label(f.code), event_category=event.category,
                      event_grade=event.grade)
    return values


def _progress(case: Any, period: Period, mask: Mask) -> dict[str, Any]:
    """A project's progress computed for the month from its case (analytics.pdca_view.PdcaCase)."""
    by_code = {s.code: s for s in case.comparisons}
    indicators = []
    for ind in case.indicators:
        spec = by_code.get(ind.code)
        indicators.append({
            "code": ind.code, "name": ind.name, "unit": ind.unit, "direction": ind.direction, "target": ind.target,
            "baseline": _round(ind.baseline), "after": _round(spec.after.value) if spec else None,
            "after_months": spec.after.months_with_data if spec else 0,
            "improved": spec.improved if spec else None, "target_met": spec.target_met if spec else None})
    return {
        "stage": case.stage, "indicators": indicators, "key_causes": [mask(c.description) for c in case.key_causes],
        "countermeasures": len(case.countermeasures), "countermeasures_closed": case.closed_countermeasures,
        "log": [{"date": x.date.isoformat(), "note": mask(x.note)} for x in case.log if period.contains(x.date)],
        "summary": mask(case.progress_text()),
    }
