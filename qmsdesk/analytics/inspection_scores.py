"""The computed score of an inspection and its row as lists show it: pure, over plain objects.

analytics/inspections.py reads inspections through the ORM and scores them here; the month's report read
with plain SQL (reports/month_collect_raw.py) scores its rows with the same function, so the scores agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from qmsdesk.analytics.pareto_spec import ParetoSpec, pareto
from qmsdesk.db.enums import CheckMethod, InspectionKind
from qmsdesk.i18n import msg
from qmsdesk.periods import Period


@dataclass(frozen=True)
class ItemScore:
    """One checklist item of one inspection: the template's line and what was found."""

    template_item_id: str
    inspection_item_id: str | None  # None until the item is filled in
    section: str
    code: str
    text: str
    method: str
    standard: float
    cap: float
    deduct_per: float | None
    rule: str
    planned_sample: int | None
    sample_size: int | None
    failures: int | None
    deduction: float
    reason: str | None
    not_applicable: bool
    attachment: str | None
    ledger_item_id: str | None

    @property
    def score(self) -> float | None:
        return None if self.not_applicable else self.standard - self.deduction

    @property
    def method_label(self) -> str:
        label = CheckMethod(self.method).label
        return f"{label} {self.planned_sample} 份" if self.method == CheckMethod.SAMPLE and self.planned_sample else label


@dataclass(frozen=True)
class InspectionScore:
    """The computed score of an inspection scored against a checklist version."""

    inspection_id: str
    template_id: str
    template_code: str
    template_version: str
    template_name: str
    template_total: float
    items: tuple[ItemScore, ...]

    @property
    def applicable_total(self) -> float:
        return sum(i.standard for i in self.items if not i.not_applicable)

    @property
    def deducted(self) -> float:
        return sum(i.deduction for i in self.items if not i.not_applicable)

    @property
    def points(self) -> float:
        return self.applicable_total - self.deducted

    @property
    def percent(self) -> float | None:
        total = self.applicable_total
        return None if total <= 0 else self.points / total * 100

    @property
    def out_of_100(self) -> bool:
        return abs(self.applicable_total - 100) < 1e-9

    @property
    def score(self) -> float | None:
        """The figure a reader compares: points when out of 100, else the percentage."""
        return self.points if self.out_of_100 else self.percent

    def display(self) -> str:
        """The score as the window and the command line show it, in the user's language."""
        return self._shown(msg("{p} 分", "{p} points"), msg("{pct}%（{p}/{t} 分）", "{pct}% ({p}/{t} points)"))

    def display_zh(self) -> str:
        """The score as a printed form states it (exports are in Chinese whatever the window's language)."""
        return self._shown("{p} 分", "{pct}%（{p}/{t} 分）")

    def _shown(self, points: str, percent: str) -> str:
        if self.out_of_100:
            return points.format(p=points_text(self.points))
        pct = self.percent
        return "—" if pct is None else percent.format(pct=f"{pct:.1f}", p=points_text(self.points),
                                                      t=points_text(self.applicable_total))

    @property
    def deducted_items(self) -> tuple[ItemScore, ...]:
        return tuple(i for i in self.items if i.deduction > 0 and not i.not_applicable)


def points_text(x: float) -> str:
    """92, 92.5: points as a form prints them."""
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class InspectionRow:
    """An inspection as plain values, with its computed score when it was scored against a checklist."""

    id: str
    date: date
    kind: str
    inspector: str
    topic: str | None
    summary: str | None
    findings: int
    typed_score: float | None
    scored: InspectionScore | None

    @property
    def kind_label(self) -> str:
        return InspectionKind(self.kind).label

    @property
    def score_text(self) -> str:
        if self.scored is not None:
            return self.scored.display()
        if self.typed_score is not None:
            return msg("{s}（旧记录手填）", "{s} (typed, old record)", s=points_text(self.typed_score))
        return ""


def score_of(inspection: Any, links: dict) -> InspectionScore | None:
    """The computed score with every item of the checklist (unfilled items lose nothing); None without a checklist.

    `inspection` has `template` (with its `items` in checklist order) and `items` (the filled lines);
    `links`: inspection item id → the id of the live ledger item raised from it."""
    template = inspection.template
    if template is None:
        return None
    filled = {i.template_item_id: i for i in inspection.items if not i.deleted}
    items = []
    for line in template.items:
        if line.deleted:
            continue
        got = filled.get(line.id)
        items.append(ItemScore(
            template_item_id=str(line.id), inspection_item_id=str(got.id) if got else None, section=line.section,
            code=line.code, text=line.text, method=line.method, standard=line.standard, cap=line.cap,
            deduct_per=line.deduct_per, rule=line.rule, planned_sample=line.sample_size,
            sample_size=got.sample_size if got else None, failures=got.failures if got else None,
            deduction=got.deduction if got else 0.0, reason=got.reason if got else None,
            not_applicable=bool(got and got.not_applicable), attachment=got.attachment if got else None,
            ledger_item_id=str(links[got.id]) if got and got.id in links else None))
    return InspectionScore(str(inspection.id), str(template.id), template.code, template.version, template.name,
                           template.total, tuple(items))


def row_of(inspection: Any, scored: InspectionScore | None) -> InspectionRow:
    """An inspection (with its `findings`) as plain values, with its score."""
    i = inspection
    return InspectionRow(str(i.id), i.date, i.kind, i.inspector, i.topic, i.summary,
                         sum(1 for f in i.findings if not f.deleted), i.typed_score, scored)


def item_label(code: str, text: str, width: int = 18) -> str:
    short = text if len(text) <= width else text[: width - 1] + "…"
    return f"{code} {short}"


def deduction_pareto_of(tally: dict[tuple[str, str], int], start: Period, end: Period, *,
                        template_code: str | None = None, top: int | None = None) -> ParetoSpec:
    """The Pareto of deducted checklist items from their counts ((item code, item text) → instances found
    non-compliant in start..end); with `top`, the items after the `top` most frequent are one bar 其他."""
    counts = {item_label(c, t): n for (c, t), n in tally.items()}
    other = msg("其他", "Other")
    if top is not None and len(counts) > top + 1:
        ranked = sorted(counts.items(), key=lambda cn: (-cn[1], cn[0]))
        counts = dict(ranked[:top]) | {other: sum(n for _, n in ranked[top:])}
    span = str(start) if start == end else f"{start} — {end}"
    which = template_code or msg("全部检查评分表", "all checklists")
    return pareto(counts, last=other,
                  title=msg("检查扣分项目排列图（柏拉图）", "Pareto of deducted checklist items"),
                  subtitle=msg("{s}；{w}；按不合格例数", "{s}; {w}; by instances found non-compliant",
                               s=span, w=which))
