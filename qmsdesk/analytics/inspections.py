"""Figures of scored inspections: computed scores, a checklist's score by month, the Pareto of deducted items.

The score of an inspection is 标准分 − 扣分 over the checklist items that apply, shown as a percentage
when those points are not 100; it is computed here from the filled items every time and stored nowhere.
The score trend is a ChartSpec (drawn by the same renderers as the indicator charts): each month's
value is the mean percentage of that checklist's inspections in the month. The Pareto counts how often
each checklist item was found non-compliant across inspections — the 柏拉图 a group starts a PDCA project from.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from qmsdesk.analytics.charts import ChartSpec, MonthData, build_chart
from qmsdesk.analytics.inspection_scores import (  # noqa: F401 (re-exported: the scores' types live there)
    InspectionRow,
    InspectionScore,
    ItemScore,
    deduction_pareto_of,
    item_label,
    points_text,
    row_of,
    score_of,
)
from qmsdesk.analytics.pareto import ParetoSpec
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between

# Most nursing departments count a checklist as passed (达标) at 90 (of 100, or 90%).
SCORE_TARGET = 90.0


def _ledger_links(session: Session, inspection_item_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    if not inspection_item_ids:
        return {}
    rows = session.execute(select(m.RectificationItem.inspection_item_id, m.RectificationItem.id).where(
        m.RectificationItem.deleted.is_(False), m.RectificationItem.inspection_item_id.in_(inspection_item_ids)))
    return dict(rows.all())


def inspection_score(session: Session, inspection: m.Inspection) -> InspectionScore | None:
    """The computed score with every item of the checklist (unfilled items lose nothing); None without a checklist."""
    if inspection.template is None:
        return None
    return score_of(inspection, _ledger_links(session, [i.id for i in inspection.items if not i.deleted]))


def inspection_rows(session: Session, *, period: str | Period | None = None, year: int | None = None,
                    template_code: str | None = None) -> list[InspectionRow]:
    """Live inspections by date with their computed scores (what lists, the CLI and reports show)."""
    stmt = live(m.Inspection).options(selectinload(m.Inspection.items), selectinload(m.Inspection.findings),
                                      selectinload(m.Inspection.template).selectinload(m.ChecklistTemplate.items))
    if period is not None:
        p = Period.parse(period)
        stmt = stmt.where(m.Inspection.date >= p.first_day, m.Inspection.date <= p.last_day)
    if year is not None:
        stmt = stmt.where(m.Inspection.date >= date(year, 1, 1), m.Inspection.date <= date(year, 12, 31))
    if template_code is not None:
        stmt = stmt.join(m.ChecklistTemplate, m.ChecklistTemplate.id == m.Inspection.template_id).where(
            m.ChecklistTemplate.code == template_code)
    out = []
    for i in session.scalars(stmt.order_by(m.Inspection.date, m.Inspection.created_at)):
        out.append(row_of(i, inspection_score(session, i)))
    return out


def inspection_row(session: Session, inspection: m.Inspection) -> InspectionRow:
    return row_of(inspection, inspection_score(session, inspection))


# --- figures ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChecklistAsIndicator:
    """A checklist's monthly mean score shaped like an indicator, so `build_chart` draws its run chart."""

    code: str
    name_zh: str
    name_en: str
    kind: str = "mean"
    multiplier: float = 1.0
    unit: str = "%"
    direction: str = "higher"
    target: float | None = SCORE_TARGET


def monthly_scores(session: Session, template_code: str, start: Period | str,
                   end: Period | str) -> dict[str, list[float]]:
    """Per month start..end, the percentage scores of the live inspections scored with `template_code`."""
    start, end = Period.parse(start), Period.parse(end)
    out: dict[str, list[float]] = {str(p): [] for p in months_between(start, end)}
    for p in months_between(start, end):
        for row in inspection_rows(session, period=p, template_code=template_code):
            if row.scored is not None and row.scored.percent is not None:
                out[str(p)].append(row.scored.percent)
    return out


def score_trend(session: Session, template_code: str, start: Period | str, end: Period | str) -> ChartSpec:
    """Run chart of the checklist's mean score (%) per month, target 90%."""
    template = session.scalars(live(m.ChecklistTemplate).where(m.ChecklistTemplate.code == template_code)
                               .order_by(m.ChecklistTemplate.active.desc())).first()
    if template is None:
        raise NotFoundError(msg("没有检查评分表 {c}。", "No checklist {c}.", c=template_code))
    scores = monthly_scores(session, template_code, start, end)
    months = [MonthData(p, sum(v) if v else None, len(v) if v else None) for p, v in scores.items()]
    indicator = ChecklistAsIndicator(template.code, template.name, template.name)
    return build_chart(indicator, months, "run")


def deduction_counts(session: Session, start: Period | str, end: Period | str, *,
                     template_code: str | None = None) -> Counter[tuple[str, str]]:
    """(item code, item text) → instances found non-compliant (不合格例数) in inspections dated start..end.

    An item recorded with its failures counts them; one deducted without a count counts once.
    """
    start, end = Period.parse(start), Period.parse(end)
    stmt = (select(m.ChecklistItem.code, m.ChecklistItem.text, m.InspectionItem.failures)
            .join(m.InspectionItem, m.InspectionItem.template_item_id == m.ChecklistItem.id)
            .join(m.Inspection, m.Inspection.id == m.InspectionItem.inspection_id)
            .join(m.ChecklistTemplate, m.ChecklistTemplate.id == m.ChecklistItem.template_id)
            .where(m.InspectionItem.deleted.is_(False), m.Inspection.deleted.is_(False),
                   m.InspectionItem.deduction > 0, m.InspectionItem.not_applicable.is_(False),
                   m.Inspection.date >= start.first_day, m.Inspection.date <= end.last_day))
    if template_code is not None:
        stmt = stmt.where(m.ChecklistTemplate.code == template_code)
    tally: Counter[tuple[str, str]] = Counter()
    for code, text, failures in session.execute(stmt):
        tally[(code, text)] += failures or 1
    return tally


def deduction_pareto(session: Session, start: Period | str, end: Period | str, *,
                     template_code: str | None = None, top: int | None = None) -> ParetoSpec:
    """The Pareto of deducted checklist items: how often each lost points, most frequent first.

    With `top`, the items after the `top` most frequent are one bar 其他 (so a printed chart stays legible
    and the cumulative percentages still count every instance).
    """
    start, end = Period.parse(start), Period.parse(end)
    return deduction_pareto_of(deduction_counts(session, start, end, template_code=template_code), start, end,
                               template_code=template_code, top=top)
