"""The units' own quarterly analyses (季度质量分析) as their packages carried them, for the office's report.

A unit's approved analysis of a quarter travels with its next monthly package (kind
`quality_analyses`, tagged with the span), and again with later ones while the quarter is recent. The
office keeps, per unit, the copy from the newest current, not-returned package that carries it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, and_, cast, or_, select
from sqlalchemy.orm import Session

from qmsdesk.office.models import OfficePackage, OfficeRecord, OfficeUnit
from qmsdesk.office.queries import driver_rows

KIND = "quality_analyses"


@dataclass
class UnitAnalysis:
    unit_id: str
    unit_label: str
    span: str
    title: str
    summary: str
    approved_by: str
    approved_on: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    carried_by: str = ""  # the month whose package carried this copy


def unit_analyses(session: Session, span: str) -> list[UnitAnalysis]:
    """Each active unit's newest approved analysis of `span` ("2026Q3" or "2026"), by unit label. The records' JSON
    comes as text and is parsed here, once: the driver's parsing of a province's 3,600 analyses (5 MB) cost half
    as much again."""
    r, p, u = OfficeRecord.__table__, OfficePackage.__table__, OfficeUnit.__table__  # plain columns: driver rows
    stmt = (select(r.c.unit_id, r.c.period, cast(r.c.data, Text), u.c.hospital_name, u.c.department_name)
            .join(p, and_(p.c.unit_id == r.c.unit_id, p.c.period == r.c.period, p.c.state == "current"))
            .join(u, u.c.id == r.c.unit_id)
            .where(r.c.kind == KIND, r.c.tag == str(span).upper(), r.c.deleted.is_(False), u.c.active.is_(True),
                   or_(p.c.ack_status.is_(None), p.c.ack_status != "returned")))
    best: dict[str, tuple[tuple, UnitAnalysis]] = {}
    for unit_id, period, stored, hospital, department in driver_rows(session, stmt):
        data = json.loads(stored) if stored else None
        if not data or data.get("status") != "approved":
            continue
        rank = (str(data.get("approved_on") or ""), str(data.get("updated_at") or ""), period)
        if unit_id in best and best[unit_id][0] >= rank:
            continue
        best[unit_id] = (rank, UnitAnalysis(
            unit_id=unit_id, unit_label=f"{hospital} {department}", span=str(data.get("span") or span), title=str(data.get("title") or ""),
            summary=str(data.get("summary") or ""), approved_by=str(data.get("approved_by") or ""),
            approved_on=str(data.get("approved_on") or ""), problems=list(data.get("problems") or []),
            figures=dict(data.get("figures") or {}), carried_by=period))
    return sorted((a for _rank, a in best.values()), key=lambda a: a.unit_label)
