"""The quality-tool records of a month for data.json: scored inspections, event RCAs, PDCA progress.

Like sync.records: one kind per table, keyed by UUID, tombstones for deleted rows, medical record
numbers masked in every text. Each row also carries what the office cannot look up for itself — the
checklist's code, version and item texts, a computed score, a factor's vocabulary label, a project's
before/after — so the office compares units without the ward's database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from qmsdesk.db import models as m
from qmsdesk.periods import Period

QUALITY_KINDS = ("inspection_items", "event_analyses", "event_factors", "pdca_projects")
Put = Callable[[str, m.Base, dict[str, Any]], None]
Mask = Callable[[str | None], str | None]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def inspection_extras(session: Session, inspection: m.Inspection) -> dict[str, Any]:
    """The checklist and computed score an inspection row carries (nothing for an unscored one)."""
    from qmsdesk.analytics.inspections import inspection_score

    score = inspection_score(session, inspection)
    if score is None:
        return {"scored": False, "score": None, "max_score": None, "percent": None}
    return {"scored": True, "template_code": score.template_code, "template_version": score.template_version,
            "template_name": score.template_name, "score": _round(score.points), "max_score": score.applicable_total,
            "percent": _round(score.percent), "deducted_items": len(score.deducted_items)}


def put_inspection_items(inspection: m.Inspection, row_of: Callable, put: Put, mask: Mask) -> None:
    """Every filled checklist item of the inspection, with the checklist line it was scored against."""
    template = inspection.template
    for it in inspection.items:
        row = row_of(it)
        if inspection.deleted and not row.get("deleted"):
            row = {"id": str(it.id), "deleted": True, "updated_at": row.get("updated_at")}
        if not row.get("deleted"):
            line = it.template_item
            row.update(item_code=line.code, section=line.section, text=line.text, standard=line.standard,
                       method=line.method, cap=line.cap, template_code=template.code if template else None,
                       template_version=template.version if template else None, reason=mask(it.reason))
        put("inspection_items", it, row)


def put_event_analysis(session: Session, event: m.AdverseEvent, row_of: Callable, put: Put, mask: Mask) -> None:
    """The event's RCA and its factors (with the vocabulary's words, so the office needs no vocabulary file)."""
    from qmsdesk.services.factors import vocabulary

    analyses = session.scalars(select(m.EventAnalysis).where(m.EventAnalysis.event_id == event.id)
                               .options(selectinload(m.EventAnalysis.factors))).all()
    vocab = vocabulary()
    for a in analyses:
        row = row_of(a)
        if not row.get("deleted"):
            row.update(whys=[mask(w) for w in (a.whys or [])], root_cause=mask(a.root_cause), lessons=mask(a.lessons),
                       team=mask(a.team), event_category=event.category, event_grade=event.grade,
                       harm_level=event.harm_level)
        put("event_analyses", a, row)
        for f in a.factors:
            frow = row_of(f)
            if a.deleted and not frow.get("deleted"):
                frow = {"id": str(f.id), "deleted": True, "updated_at": frow.get("updated_at")}
            if not frow.get("deleted"):
                frow.update(note=mask(f.note), label=vocab.label(f.code), event_category=event.category,
                            event_grade=event.grade)
            put("event_factors", f, frow)


def put_projects(session: Session, period: Period, row_of: Callable, put: Put, mask: Mask) -> None:
    """Projects running in the month, each with its progress computed for the month."""
    from qmsdesk.analytics.pdca_case import project_case

    stmt = select(m.PdcaProject).where(
        m.PdcaProject.started_on <= period.last_day,
        or_(m.PdcaProject.closed_on.is_(None), m.PdcaProject.closed_on >= period.first_day))
    for p in session.scalars(stmt).all():
        row = row_of(p)
        if not row.get("deleted"):
            for key in ("reason", "current_state", "check_summary", "standardization", "next_cycle", "team"):
                row[key] = mask(row.get(key))
            row["progress"] = _progress(project_case(session, p.id, end=period), period, mask)
        put("pdca_projects", p, row)


def _progress(case, period: Period, mask: Mask) -> dict[str, Any]:
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
