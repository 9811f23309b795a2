"""检查督查: self-inspections, functional inspections, cross-checks and flying inspections, with findings.

An inspection's score is never typed: with a checklist template it is computed from the filled items
(services.scoring); an inspection recorded before checklists existed keeps its old `typed_score`, read-only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import InspectionKind
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_not_future,
    check_required,
    dated_within,
    fields_of,
    get,
    mark_deleted,
    values_of,
)

# A finding is a (category, description) pair or a dict with those keys.
FindingInput = tuple[str, str] | dict


def _check_inspection(v: dict, c: Collector) -> None:
    check_choice(c, "kind", v.get("kind"), InspectionKind, msg("检查类型", "inspection kind"))
    check_required(c, "date", v.get("date"), msg("检查日期", "the inspection date"))
    check_not_future(c, "date", v.get("date"), msg("检查日期", "The inspection date"))
    check_required(c, "inspector", v.get("inspector"), msg("检查人/部门", "the inspector"))


def _check_finding(v: dict, c: Collector, prefix: str = "") -> None:
    check_required(c, prefix + "category", v.get("category"), msg("问题类别", "the finding's category"))
    check_required(c, prefix + "description", v.get("description"), msg("问题描述", "the finding's description"))


def _normal_finding(finding: FindingInput) -> dict:
    if isinstance(finding, dict):
        return {"category": finding.get("category"), "description": finding.get("description")}
    return {"category": finding[0], "description": finding[1]}


def get_inspection(session: Session, inspection_id) -> m.Inspection:
    return get(session, m.Inspection, inspection_id)


def create_inspection(
    session: Session, *, kind: str, date: date, inspector: str, topic: str | None = None,
    summary: str | None = None, findings: Iterable[FindingInput] = (), template_id=None,
) -> m.Inspection:
    """A new inspection; with `template_id` it is scored item by item against that checklist version."""
    template = None
    if template_id is not None:
        template = get(session, m.ChecklistTemplate, template_id)
    values = dict(kind=str(kind), date=date, inspector=inspector.strip() if isinstance(inspector, str) else inspector,
                  topic=topic or (template.name if template else None), summary=summary,
                  template_id=template.id if template else None)
    rows = [_normal_finding(f) for f in findings]
    c = Collector()
    _check_inspection(values, c)
    for row in rows:
        _check_finding(row, c, prefix="findings.")
    c.raise_if_any()
    inspection = m.Inspection(**values)
    session.add(inspection)
    session.flush()
    # inspection_id is set explicitly (not only through the relationship) so the month-lock hook sees it.
    for row in rows:
        inspection.findings.append(m.InspectionFinding(inspection_id=inspection.id, category=row["category"].strip(),
                                                       description=row["description"].strip()))
    session.flush()
    return inspection


def update_inspection(session: Session, inspection_id, **changes) -> m.Inspection:
    """Edit the inspection's details. A score cannot be typed, and the checklist is fixed once scoring began."""
    check_changes(m.Inspection, changes, frozen=frozenset({"typed_score"}))
    inspection = get_inspection(session, inspection_id)
    if "template_id" in changes:
        changes["template_id"] = as_uuid(changes["template_id"])
        if changes["template_id"] != inspection.template_id and any(not i.deleted for i in inspection.items):
            raise ValidationError(msg("已开始逐项评分的检查不能更换检查评分表。", "An inspection already scored item by item "
                                      "keeps its checklist."), "template_id")
        if changes["template_id"] is not None:
            get(session, m.ChecklistTemplate, changes["template_id"])
    c = Collector()
    _check_inspection(values_of(inspection) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(inspection, key, value)
    session.flush()
    return inspection


def delete_inspection(session: Session, inspection_id) -> None:
    """Soft delete with its findings and scored items (ledger items raised from them stay in the ledger)."""
    inspection = get_inspection(session, inspection_id)
    mark_deleted(session, inspection, [*inspection.findings, *inspection.items], True)


def restore_inspection(session: Session, inspection_id) -> m.Inspection:
    inspection = get(session, m.Inspection, inspection_id, include_deleted=True)
    mark_deleted(session, inspection, [*inspection.findings, *inspection.items], False)
    return inspection


def add_finding(session: Session, inspection_id, *, category: str, description: str) -> m.InspectionFinding:
    inspection = get_inspection(session, inspection_id)
    c = Collector()
    _check_finding({"category": category, "description": description}, c)
    c.raise_if_any()
    row = m.InspectionFinding(inspection_id=inspection.id, category=category.strip(), description=description.strip())
    inspection.findings.append(row)
    session.flush()
    return row


def update_finding(session: Session, finding_id, **changes) -> m.InspectionFinding:
    check_changes(m.InspectionFinding, changes, frozen=frozenset({"inspection_id"}))
    row = get(session, m.InspectionFinding, finding_id)
    c = Collector()
    _check_finding(values_of(row) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def delete_finding(session: Session, finding_id) -> None:
    row = get(session, m.InspectionFinding, finding_id)
    row.deleted = True
    session.flush()


def findings_of(session: Session, inspection_id) -> list[m.InspectionFinding]:
    stmt = live(m.InspectionFinding).where(m.InspectionFinding.inspection_id == as_uuid(inspection_id))
    return list(session.scalars(stmt.order_by(m.InspectionFinding.created_at)))


def list_inspections(session: Session, *, period: Period | None = None, kind: str | None = None,
                     year: int | None = None) -> list[m.Inspection]:
    stmt = live(m.Inspection)
    stmt = dated_within(stmt, m.Inspection.date, period=period, year=year)
    if kind is not None:
        stmt = stmt.where(m.Inspection.kind == str(kind))
    return list(session.scalars(stmt.order_by(m.Inspection.date, m.Inspection.created_at)))


# --- what the pages show ------------------------------------------------------------------------------

INSPECTION_FIELDS = ("kind", "date", "inspector", "topic", "summary", "template_id")  # the score is computed, never typed


@dataclass(frozen=True, slots=True)
class InspectionRow:
    id: uuid.UUID
    date: date
    kind: str
    inspector: str
    topic: str | None
    score: str  # computed from the checklist items (or marked as typed on an old record), shown as text
    summary: str  # on one line
    findings: int


def inspection_rows(session: Session) -> list[InspectionRow]:
    """检查督查 page: every inspection, newest first, with its computed score and how many findings it has."""
    from qmsdesk.analytics.inspections import inspection_rows as scored_rows

    return [InspectionRow(uuid.UUID(r.id), r.date, r.kind, r.inspector, r.topic, r.score_text,
                          (r.summary or "").replace("\n", " "), r.findings)
            for r in reversed(scored_rows(session))]


def inspection_values(session: Session, inspection_id) -> dict:
    return fields_of(get_inspection(session, inspection_id), INSPECTION_FIELDS)


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: uuid.UUID
    category: str
    description: str
    item_status: str | None  # the status of the rectification item made from it, None if none was


def finding_rows(session: Session, inspection_id) -> list[FindingRow]:
    """The findings of one inspection, each with the status of the item raised from it."""
    findings = findings_of(session, inspection_id)
    linked = dict(session.execute(
        select(m.RectificationItem.finding_id, m.RectificationItem.status).where(
            m.RectificationItem.deleted.is_(False),
            m.RectificationItem.finding_id.in_([f.id for f in findings]))).all())
    return [FindingRow(f.id, f.category, f.description, linked.get(f.id)) for f in findings]
