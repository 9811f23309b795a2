"""The quality tools across units: checklist scores compared (same version only), the most-deducted items
across the 医共体, contributing factors grouped by the office, and the PDCA cases units run.

Everything reads the records the packages carried (office.queries.counted: each unit's newest version
of a month that was not returned), so no unit's database is needed — the checklist scores, deducted items and
PDCA projects through the derived tables made from them (office_inspection_scores, office_deducted_items,
office_quoted_records; office/derived.py).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby, repeat, starmap
from operator import itemgetter

from sqlalchemy import Float, Integer, String, and_, cast, func, null, select, union_all
from sqlalchemy.orm import Session

from qmsdesk.analytics.pareto import ParetoSpec, pareto
from qmsdesk.i18n import msg
from qmsdesk.office.models import (
    OfficeDeductedItem,
    OfficeFactorGroup,
    OfficeInspectionScore,
    OfficeQuotedRecord,
    OfficeRecord,
    OfficeUnit,
)
from qmsdesk.office.queries import counted_where, driver_rows, unit_labels


def _labels(session: Session) -> dict[str, str]:
    """Unit id → label (OfficeUnit.label), read as columns: a province's 3,900 units as ORM objects took 0.3 s."""
    return unit_labels(session)


def _span(periods: list[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]} — {periods[-1]}"


@dataclass(frozen=True)
class TemplateScore:
    unit_id: str
    unit_label: str
    inspections: int
    mean_percent: float
    lowest_percent: float


@dataclass(frozen=True)
class TemplateComparison:
    """One checklist version across units: only inspections scored against this very version are compared."""

    code: str
    version: str
    name: str
    rows: tuple[TemplateScore, ...]  # lowest mean first

    @property
    def overall(self) -> float | None:
        n = sum(r.inspections for r in self.rows)
        return sum(r.mean_percent * r.inspections for r in self.rows) / n if n else None


def template_comparisons(session: Session, periods: list[str]) -> list[TemplateComparison]:
    """Scored inspections per checklist version and unit: how many, their mean and lowest score, counted by the
    store from office_inspection_scores (a province's quarter holds some 15,000 inspections; read from their
    records, they cost a fifth of a second of the server's)."""
    t, units = OfficeInspectionScore.__table__, OfficeUnit.__table__
    stmt = (select(t.c.code, t.c.version, t.c.unit_id, func.count(), func.avg(t.c.percent), func.min(t.c.percent),
                   func.max(t.c.name))
            .join(units, and_(units.c.id == t.c.unit_id, units.c.active.is_(True)))
            .where(t.c.period.in_(list(periods))).group_by(t.c.code, t.c.version, t.c.unit_id)
            .order_by(t.c.code, t.c.version, t.c.unit_id))
    rows = driver_rows(session, stmt)
    if not rows:
        return []
    # as columns, each converted at C speed; a checklist version's units are one run of them (ORDER BY)
    codes, versions, unit_ids, counts, means, lowest, names = zip(*rows, strict=True)
    labels = _labels(session)
    scores = list(zip(unit_ids, map(labels.get, unit_ids, repeat("")), map(int, counts), map(float, means),
                      map(float, lowest), strict=False))  # repeat("") is endless: the columns set the length
    groups: dict[tuple[str, str], list[tuple]] = {}
    name_of: dict[tuple[str, str], str] = {}
    start = 0
    for (code_, version_), run in groupby(zip(codes, versions, strict=True)):
        end = start + len(list(run))
        key = (str(code_), str(version_))
        groups.setdefault(key, []).extend(scores[start:end])
        name_of[key] = max(name_of.get(key, ""), *(str(name or key[0]) for name in names[start:end]))
        start = end
    out = []
    for key in sorted(groups):
        ranked = sorted(groups[key], key=_MEAN_LABEL)  # lowest mean first, then by label, then by unit
        out.append(TemplateComparison(key[0], key[1], name_of[key], tuple(starmap(TemplateScore, ranked))))
    return out


_MEAN_LABEL = itemgetter(3, 1)  # a TemplateScore's fields: (unit_id, unit_label, inspections, mean, lowest)


@dataclass(frozen=True)
class DeductedItem:
    template_code: str
    item_code: str
    text: str
    inspections: int  # inspections that deducted it
    units: int
    points: float

    @property
    def label(self) -> str:
        short = self.text if len(self.text) <= 16 else self.text[:15] + "…"
        return f"{self.item_code} {short}"


def deducted_items(session: Session, periods: list[str]) -> list[DeductedItem]:
    """Checklist items by how many inspections across all units deducted them (same item code = same item), counted
    by the store from office_deducted_items: a province's quarter holds some 47,000 deducted items, and reading
    each one's record took 1.4 s."""
    t, units = OfficeDeductedItem.__table__, OfficeUnit.__table__
    inactive = select(units.c.id).where(units.c.active.is_(False))  # a few at most: named, not joined with all

    def deducted(*columns):
        return select(*columns).where(t.c.period.in_(list(periods)), t.c.unit_id.not_in(inactive))

    # one statement: the items' counts, then their wordings (null counts) — each reading only the columns it needs,
    # where one CTE of whole rows for both was written out and read back (half of the statement's time)
    per_unit = (deducted(t.c.code, t.c.item, func.sum(t.c.deductions).label("n"), func.sum(t.c.points).label("points"))
                .group_by(t.c.code, t.c.item, t.c.unit_id).subquery())
    per_item = select(per_unit.c.code, per_unit.c.item, cast(null(), String), cast(null(), String),
                      func.sum(per_unit.c.n), func.sum(per_unit.c.points), func.count()
                      ).group_by(per_unit.c.code, per_unit.c.item)
    wordings = deducted(t.c.code, t.c.item, t.c.version, t.c.text, cast(null(), Integer), cast(null(), Float),
                        cast(null(), Integer)).distinct()
    counts: dict[tuple[str, str], tuple[int, float, int]] = {}
    versions = []
    for code_, item, version, wording, n, points, n_units in driver_rows(session, union_all(per_item, wordings)):
        if n is None:
            versions.append((str(version or ""), str(wording or ""), (str(code_), str(item))))
        else:
            counts[(str(code_), str(item))] = (int(n), float(points), int(n_units))
    # the newest version's wording, versions compared as Python compares them (not in the server's collation)
    texts = {key: (version, wording) for version, wording, key in sorted(versions)}
    out = [DeductedItem(k[0], k[1], texts[k][1], n, n_units, points) for k, (n, points, n_units) in counts.items()]
    return sorted(out, key=lambda x: (-x.inspections, -x.points, x.item_code))


def most_deducted(session: Session, periods: list[str], items: list[DeductedItem] | None = None, *,
                  top: int | None = None) -> ParetoSpec:
    """The Pareto of deducted checklist items across the 医共体 (with `top`, the rest as one bar 其他, drawn last)."""
    items = items if items is not None else deducted_items(session, periods)
    counts = {i.label: i.inspections for i in items}
    other = msg("其他", "Other")
    if top is not None and len(items) > top + 1:  # items come most deducted first
        counts = {i.label: i.inspections for i in items[:top]} | {other: sum(i.inspections for i in items[top:])}
    return pareto(counts, last=other,
                  title=msg("各单位检查扣分项目排列图", "Deducted checklist items across units"),
                  subtitle=msg("{s}；按被扣分的检查次数", "{s}; by inspections that deducted the item", s=_span(periods)))


# --- contributing factors, grouped by the office ----------------------------------------------

def factor_groups(session: Session) -> dict[str, str]:
    return {g.code: g.group_label for g in session.scalars(select(OfficeFactorGroup))}


def set_factor_group(session: Session, code: str, group_label: str | None) -> None:
    """Report factor `code` under `group_label` (None: back to its own vocabulary label)."""
    from qmsdesk.errors import ValidationError

    code = code.strip()
    if not code:
        raise ValidationError(msg("请给出因素编码。", "Give the factor code."), "code")
    row = session.get(OfficeFactorGroup, code)
    if group_label is None or not group_label.strip():
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(OfficeFactorGroup(code=code, group_label=group_label.strip()))
    else:
        row.group_label = group_label.strip()


def factor_counts(session: Session, periods: list[str]) -> Counter[str]:
    """Events naming each factor across units, counted under the office's groups (else the vocabulary label)."""
    groups = factor_groups(session)
    code_, label = OfficeRecord.data["code"].as_string(), OfficeRecord.data["label"].as_string()
    tally: Counter[str] = Counter()
    # counted by the store per (code, label): a province's quarter names 4,000 factors, each record parsed took 0.1 s
    for code, name, n in session.execute(counted_where(select(code_, label, func.count()), "event_factors", periods)
                                         .group_by(code_, label)):
        code = code or ""
        tally[groups.get(code) or name or code] += n
    return tally


def factor_pareto(session: Session, periods: list[str]) -> ParetoSpec:
    return pareto(factor_counts(session, periods),
                  title=msg("各单位不良事件原因因素排列图", "Contributing factors across units"),
                  subtitle=msg("{s}；按质控办的归类", "{s}; grouped as the office maps them", s=_span(periods)))


# --- PDCA cases -------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfficeCase:
    """A unit's PDCA project as the newest month that carried it left it."""

    unit_id: str
    unit_label: str
    project_id: str
    title: str
    stage: str
    started_on: date | None
    closed_on: date | None
    period: str
    indicators: tuple[dict, ...] = field(default_factory=tuple)
    key_causes: tuple[str, ...] = field(default_factory=tuple)
    countermeasures: int = 0
    countermeasures_closed: int = 0

    @property
    def stage_label(self) -> str:
        from qmsdesk.office.labels import enum_label

        return enum_label("PdcaStage", self.stage)

    def indicator_text(self) -> str:
        parts = []
        for i in self.indicators:
            after = "—" if not i.get("after_months") else _fmt(i.get("after"), i.get("unit"))
            sign = "≤" if i.get("direction") == "lower" else "≥"
            parts.append(f"{i.get('name')} {_fmt(i.get('baseline'), i.get('unit'))} → {after}"
                         f"（目标 {sign}{_fmt(i.get('target'), i.get('unit'))}）")
        return "；".join(parts)


def _fmt(value, unit) -> str:
    from qmsdesk.analytics.rates import format_value

    return format_value(None if value is None else float(value), unit or "")


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def pdca_cases(session: Session, periods: list[str]) -> list[OfficeCase]:
    """Every project any unit ran in `periods`, in its newest state; closed ones first, then by unit."""
    newest: dict[tuple[str, str], tuple[str, dict]] = {}
    # the counted months' projects as office/derived.py keeps them, their JSON as text (office_quoted_records)
    q, units = OfficeQuotedRecord.__table__, OfficeUnit.__table__
    stmt = (select(q.c.unit_id, q.c.period, q.c.data).join(units, and_(units.c.id == q.c.unit_id, units.c.active.is_(True)))
            .where(q.c.kind == "pdca_projects", q.c.period.in_(list(periods))))
    for unit_id, period, stored in driver_rows(session, stmt):
        data = json.loads(stored)
        key = (unit_id, str(data.get("id")))
        if key not in newest or newest[key][0] < period:
            newest[key] = (period, data)
    labels = _labels(session)
    out = []
    for (unit_id, pid), (period, d) in newest.items():
        progress = d.get("progress") or {}
        out.append(OfficeCase(
            unit_id, labels.get(unit_id, ""), pid, str(d.get("title") or ""), str(progress.get("stage") or d.get("stage")),
            _day(d.get("started_on")), _day(d.get("closed_on")), period, tuple(progress.get("indicators") or ()),
            tuple(progress.get("key_causes") or ()), int(progress.get("countermeasures") or 0),
            int(progress.get("countermeasures_closed") or 0)))
    order = {"closed": 0, "act": 1, "check": 2, "do": 3, "plan": 4}
    return sorted(out, key=lambda c: (order.get(c.stage, 9), c.unit_label, c.started_on or date.min))
