"""The units' own quarterly analyses (季度质量分析) as their packages carried them, for the office's report.

A unit's approved analysis of a quarter travels with its next monthly package (kind
`quality_analyses`, tagged with the span), and again with later ones while the quarter is recent. The
office keeps, per unit, the copy from the newest current, not-returned package that carries it (each counted
month's copies kept by office/derived.py in office_quoted_records).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.office.models import OfficeQuotedRecord, OfficeUnit
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
    """Each active unit's newest approved analysis of `span` ("2026Q3" or "2026"), by unit label: from the counted
    months' copies office/derived.py keeps with their JSON as text (office_quoted_records), parsed here once."""
    q, u = OfficeQuotedRecord.__table__, OfficeUnit.__table__  # plain columns: the driver's rows
    stmt = (select(q.c.unit_id, q.c.period, q.c.data, u.c.hospital_name, u.c.department_name)
            .join(u, u.c.id == q.c.unit_id)
            .where(q.c.kind == KIND, q.c.tag == str(span).upper(), u.c.active.is_(True)))
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
