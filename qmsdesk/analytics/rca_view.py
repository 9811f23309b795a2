"""An event's root-cause analysis as plain values (RcaView) and what a complete one still lacks, pure.

analytics/rca.py reads an event and its analysis through the ORM and builds the view here; the month's report
read with plain SQL (reports/month_collect_raw.py) builds it from its rows with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# What a complete analysis holds is judged in one place (the month's validation judges with it too).
from qmsdesk.analytics.rca_gaps import MIN_WHYS as MIN_WHYS
from qmsdesk.analytics.rca_gaps import RCA_GRADES as RCA_GRADES
from qmsdesk.analytics.rca_gaps import gaps_of as gaps_of
from qmsdesk.db.enums import EventCategory, EventGrade, FishboneCategory, HarmLevel, ItemStatus
from qmsdesk.i18n import msg
from qmsdesk.periods import Period


@dataclass(frozen=True)
class FactorView:
    code: str
    category: str
    category_label: str
    label: str
    note: str | None
    primary: bool


@dataclass(frozen=True)
class ActionView:
    """An improvement item the event produced (a ledger item linked to it)."""

    id: str
    problem: str
    measures: str | None
    responsible: str | None
    deadline: date
    status: str

    @property
    def status_label(self) -> str:
        return ItemStatus(self.status).label


@dataclass(frozen=True)
class RcaView:
    """An event with its analysis, as the command line, the reports and the pages show it."""

    event_id: str
    occurred_at: datetime
    category: str
    grade: str
    harm_level: str | None
    description: str
    analysed_on: date | None
    team: str | None
    whys: tuple[str, ...]
    root_cause: str | None
    lessons: str | None
    legacy_analysis: str | None  # the free-text 原因分析 typed before structured RCA existed
    factors: tuple[FactorView, ...]
    actions: tuple[ActionView, ...]
    gaps: tuple[str, ...] = field(default_factory=tuple)

    @property
    def required(self) -> bool:
        return self.grade in RCA_GRADES

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def category_label(self) -> str:
        return _label(EventCategory, self.category)

    @property
    def grade_label(self) -> str:
        return _label(EventGrade, self.grade)

    @property
    def harm_label(self) -> str:
        return _label(HarmLevel, self.harm_level) if self.harm_level else ""

    def factors_by_category(self) -> dict[str, list[FactorView]]:
        return {c.value: [f for f in self.factors if f.category == c.value] for c in FishboneCategory}


def _label(enum, code: str | None) -> str:
    try:
        return enum(code).label
    except ValueError:
        return str(code or "")


def action_of(item: Any, responsible: str | None) -> ActionView:
    """A ledger item linked to the event, with its responsible person's name."""
    return ActionView(str(item.id), item.problem, item.measures, responsible, item.deadline, item.status)


def rca_view_of(event: Any, analysis: Any | None, actions: tuple[ActionView, ...], vocab: Any) -> RcaView:
    """The event and its analysis (with its `factors` in order) as plain values; `gaps` says what is missing."""
    factors = tuple(FactorView(f.code, f.category, _label(FishboneCategory, f.category), vocab.label(f.code), f.note,
                               f.primary) for f in (analysis.factors if analysis else []) if not f.deleted)
    return RcaView(
        event_id=str(event.id), occurred_at=event.occurred_at, category=event.category, grade=event.grade,
        harm_level=event.harm_level, description=event.description,
        analysed_on=analysis.analysed_on if analysis else None, team=analysis.team if analysis else None,
        whys=tuple(analysis.whys or ()) if analysis else (), root_cause=analysis.root_cause if analysis else None,
        lessons=analysis.lessons if analysis else None, legacy_analysis=event.analysis, factors=factors,
        actions=actions, gaps=tuple(gaps_of(event, analysis, len(actions))))


def factor_pareto_of(counts: dict[str, int], start: Period, end: Period, *, event_category: str | None,
                     vocab: Any):
    """The Pareto of contributing factors from their counts (factor code → events naming it in start..end)."""
    from qmsdesk.analytics.pareto_spec import pareto

    span = str(start) if start == end else f"{start} — {end}"
    which = EventCategory(event_category).label if event_category else msg("全部事件", "all events")
    return pareto({vocab.label(code): n for code, n in counts.items()},
                  title=msg("不良事件原因因素排列图（柏拉图）", "Pareto of contributing factors"),
                  subtitle=msg("{s}；{w}；按提及该因素的事件数", "{s}; {w}; by events naming the factor", s=span, w=which))
