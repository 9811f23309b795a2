"""A PDCA project as a case (持续改进案例), computed from plain objects: the pure half of analytics/pdca_case.py.

Everything the case shows — the Pareto, the fishbone, the countermeasures with their ledger state, the
before/after of each indicator, what the next stage still needs — is computed here from a project object
(with its `indicators`, `causes`, `countermeasures` and `log`) and a `CaseSource` that reads what lies beyond
it. analytics/pdca_case.py reads through the ORM; the month's report read with plain SQL
(reports/month_collect_raw.py) reads with SQL; both build the case with these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from qmsdesk.analytics.charts import MonthData
from qmsdesk.analytics.fishbone import FishboneCause, FishboneSpec, build_fishbone
from qmsdesk.analytics.pareto_spec import ParetoSpec
from qmsdesk.analytics.pdca import BeforeAfterSpec, before_after
from qmsdesk.analytics.rates import format_value, indicator_value
from qmsdesk.clock import today
from qmsdesk.db.enums import FishboneCategory, ItemStatus, PdcaStage
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

NEXT_STAGE = {PdcaStage.PLAN: PdcaStage.DO, PdcaStage.DO: PdcaStage.CHECK, PdcaStage.CHECK: PdcaStage.ACT,
              PdcaStage.ACT: PdcaStage.CLOSED}


class CaseSource(Protocol):
    """What a case reads beyond the project's own parts."""

    def months(self, definition: Any, start: Period, end: Period) -> list[MonthData]:
        """Every month start..end of an indicator definition, with its live value or none."""

    def countermeasure_items(self, project: Any) -> list[Any]:
        """The live ledger items of the project's live countermeasures, by deadline, with `progress` (their notes
        by date)."""

    def person(self, record: Any) -> str | None:
        """The name of a project's leader or a ledger item's responsible person."""

    def pareto(self, source: dict) -> ParetoSpec | None:
        """The current-state Pareto the project's `analysis_source` names."""

    def title_of(self, project_id: Any) -> str | None:
        """The title of a project (the previous cycle)."""

    def next_title(self, project: Any) -> str | None:
        """The title of the live project started as the next cycle of `project`."""


def _end(end: Period | None) -> Period:
    return end or Period.of(today())


def after_end(project: Any, end: Period | None = None) -> Period:
    """The last month of the after-phase: the month before closing for a closed project (its evidence is
    what it was closed on), else `end` (default: this month)."""
    last = _end(end)
    if project.closed_on is not None:
        last = min(last, Period.of(project.closed_on).previous())
    return max(last, Period.parse(project.change_period))


def comparisons_of(source: CaseSource, project: Any, end: Period | None = None) -> list[BeforeAfterSpec]:
    """The before/after of each of the project's indicators (none before the baseline and change are set)."""
    if not (project.baseline_start and project.baseline_end and project.change_period):
        return []
    last = after_end(project, end)
    out = []
    for ind in project.indicators:
        if ind.deleted:
            continue
        months = source.months(ind.indicator, Period.parse(project.baseline_start), last)
        out.append(before_after(ind.indicator, months, baseline_start=project.baseline_start,
                                baseline_end=project.baseline_end, change_period=project.change_period,
                                target=ind.target))
    return out


def baseline_months_of(source: CaseSource, project: Any, ind: Any) -> int:
    months = source.months(ind.indicator, Period.parse(project.baseline_start), Period.parse(project.baseline_end))
    return sum(1 for mo in months if indicator_value(ind.indicator.kind, mo.numerator, mo.denominator, 1) is not None)


def gaps_of(source: CaseSource, project: Any, target: str) -> list[str]:
    """What the project still lacks to move to `target` (empty when it may move)."""
    indicators = [i for i in project.indicators if not i.deleted]
    if target == PdcaStage.DO:
        return _plan_gaps(source, project, indicators)
    if target == PdcaStage.CHECK and project.stage == PdcaStage.DO:
        out = [] if project.change_period else [msg("未填写改进措施开始生效的月份", "no month the change took effect")]
        if not any(not e.deleted for e in project.log):
            out.append(msg("没有实施记录", "no implementation log"))
        return out
    specs = comparisons_of(source, project)
    evidence = [g for spec in specs for g in spec.evidence_gaps()]
    if not specs:
        evidence.append(msg("没有可比较的指标数据（需设定指标、基线和改进生效月份）",
                            "no indicator data to compare (indicators, baseline and change month are needed)"))
    if target == PdcaStage.ACT:
        return evidence + ([] if project.check_summary else [msg("未写效果确认结论", "no conclusion of the check")])
    out = list(evidence)
    if not project.standardization:
        out.append(msg("未写标准化内容（形成的制度、流程或培训）", "no standardisation (rules, procedures, training)"))
    if not project.next_cycle:
        out.append(msg("未写下一轮改进计划（检讨与改进）", "no next cycle"))
    open_items = [i for i in source.countermeasure_items(project) if i.status != ItemStatus.CLOSED]
    if open_items:
        out.append(msg("还有 {n} 项对策在整改台账中未销号", "{n} countermeasure(s) not yet closed in the ledger",
                       n=len(open_items)))
    return out


def _plan_gaps(source: CaseSource, project: Any, indicators: list[Any]) -> list[str]:
    out = []
    if not indicators:
        out.append(msg("未选择改进的指标及目标值", "no indicator with a target"))
    if not (project.baseline_start and project.baseline_end):
        out.append(msg("未设定基线月份（改进前）", "no baseline months"))
    else:
        for ind in indicators:
            n = baseline_months_of(source, project, ind)
            if n < 3:
                out.append(msg("指标“{n}”基线只有 {k} 个月的数据", "indicator '{n}' has {k} baseline month(s) of data",
                               n=ind.indicator.name_zh, k=n))
    if not (project.analysis_source or project.current_state):
        out.append(msg("未做现状调查（柏拉图来源或现状描述）", "no current-state analysis"))
    if not any(c.key_cause and c.verification and not c.deleted for c in project.causes):
        out.append(msg("没有经过验证的要因", "no verified key cause"))
    if not any(not c.deleted for c in project.countermeasures):
        out.append(msg("没有对策（5W1H）", "no countermeasures"))
    return out


# --- the case ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CauseView:
    category: str
    description: str
    key_cause: bool
    verification: str | None
    id: str = ""

    @property
    def category_label(self) -> str:
        return FishboneCategory(self.category).label


@dataclass(frozen=True)
class CountermeasureView:
    """对策 in 5W1H: who and when from its ledger item, which also gives its state."""

    what: str
    why: str
    where: str
    how: str
    who: str
    when: date | None
    cause: str | None
    item_id: str | None
    status: str | None
    closed_on: date | None
    progress: tuple[tuple[date, str], ...]
    id: str = ""

    @property
    def status_label(self) -> str:
        return ItemStatus(self.status).label if self.status else ""


@dataclass(frozen=True)
class IndicatorTarget:
    code: str
    name: str
    unit: str
    direction: str
    target: float
    baseline: float | None  # pooled over the baseline months

    def fmt(self, value: float | None) -> str:
        return format_value(value, self.unit)

    @property
    def target_text(self) -> str:
        return ("≤" if self.direction == "lower" else "≥") + self.fmt(self.target)


@dataclass(frozen=True)
class LogView:
    date: date
    stage: str
    note: str
    author: str | None
    id: str = ""


@dataclass(frozen=True)
class PdcaCase:
    id: str
    title: str
    reason: str
    stage: str
    started_on: date
    closed_on: date | None
    leader: str | None
    team: str | None
    baseline_start: str | None
    baseline_end: str | None
    change_period: str | None
    current_state: str | None
    analysis_source: dict
    pareto: ParetoSpec | None
    fishbone: FishboneSpec
    causes: tuple[CauseView, ...]
    countermeasures: tuple[CountermeasureView, ...]
    log: tuple[LogView, ...]
    indicators: tuple[IndicatorTarget, ...]
    comparisons: tuple[BeforeAfterSpec, ...]
    check_summary: str | None
    standardization: str | None
    next_cycle: str | None
    previous_title: str | None
    next_gaps: tuple[str, ...]
    next_title: str | None = None  # the next cycle's title once one has been started from this one

    @property
    def stage_label(self) -> str:
        return PdcaStage(self.stage).label

    @property
    def next_stage(self) -> str | None:
        nxt = NEXT_STAGE.get(self.stage)
        return nxt.value if nxt else None

    @property
    def key_causes(self) -> tuple[CauseView, ...]:
        return tuple(c for c in self.causes if c.key_cause)

    @property
    def closed_countermeasures(self) -> int:
        return sum(1 for c in self.countermeasures if c.status == ItemStatus.CLOSED)

    def progress_text(self) -> str:
        """One line: the stage, countermeasures closed, and the before → after of each indicator."""
        parts = [self.stage_label, msg("对策 {c}/{n} 项已销号", "{c}/{n} countermeasures closed",
                                       c=self.closed_countermeasures, n=len(self.countermeasures))]
        for spec in self.comparisons:
            parts.append(f"{spec.name} {spec.fmt(spec.before.value)} → {spec.fmt(spec.after.value)}")
        return msg("；", "; ").join(parts)


def _fishbone(project: Any) -> FishboneSpec:
    grouped: dict[str, list[FishboneCause]] = {}
    for c in project.causes:
        if not c.deleted:
            grouped.setdefault(c.category, []).append(FishboneCause(c.description, c.key_cause))
    return build_fishbone(grouped, effect=project.title, title=msg("原因分析鱼骨图", "Cause-and-effect (fishbone) diagram"),
                          subtitle=msg("要因（经验证）加粗标红", "verified key causes in bold red"))


def _countermeasures(source: CaseSource, project: Any) -> tuple[CountermeasureView, ...]:
    items = {i.countermeasure_id: i for i in source.countermeasure_items(project)}
    out = []
    for c in project.countermeasures:
        if c.deleted:
            continue
        item = items.get(c.id)
        notes = tuple((n.date, n.note) for n in (item.progress if item else []) if not n.deleted)
        out.append(CountermeasureView(
            c.what, c.why, c.where, c.how, (source.person(item) or "") if item else "",
            item.deadline if item else None, c.cause.description if c.cause else None,
            str(item.id) if item else None, item.status if item else None, item.closed_on if item else None, notes,
            str(c.id)))
    return tuple(out)


def _targets(source: CaseSource, project: Any) -> tuple[IndicatorTarget, ...]:
    out = []
    for ind in project.indicators:
        if ind.deleted:
            continue
        d = ind.indicator
        baseline = None
        if project.baseline_start and project.baseline_end:
            months = source.months(d, Period.parse(project.baseline_start), Period.parse(project.baseline_end))
            entered = [mo for mo in months if mo.numerator is not None]
            if entered:
                num = sum(mo.numerator for mo in entered)
                den = sum(mo.denominator or 0 for mo in entered)
                baseline = num / len(entered) if d.kind == "count" else indicator_value(d.kind, num, den, d.multiplier)
        out.append(IndicatorTarget(d.code, d.name_zh, d.unit or "", d.direction, ind.target, baseline))
    return tuple(out)


def case_of(source: CaseSource, p: Any, end: Period | None = None) -> PdcaCase:
    """The project `p` as a case, its after-phase up to `end`."""
    nxt = NEXT_STAGE.get(p.stage)
    return PdcaCase(
        id=str(p.id), title=p.title, reason=p.reason, stage=p.stage, started_on=p.started_on, closed_on=p.closed_on,
        leader=source.person(p), team=p.team, baseline_start=p.baseline_start,
        baseline_end=p.baseline_end, change_period=p.change_period, current_state=p.current_state,
        analysis_source=dict(p.analysis_source or {}), pareto=source.pareto(p.analysis_source or {}),
        fishbone=_fishbone(p),
        causes=tuple(CauseView(c.category, c.description, c.key_cause, c.verification, str(c.id)) for c in p.causes if not c.deleted),
        countermeasures=_countermeasures(source, p),
        log=tuple(LogView(e.date, e.stage, e.note, e.author, str(e.id)) for e in p.log if not e.deleted),
        indicators=_targets(source, p), comparisons=tuple(comparisons_of(source, p, end)),
        check_summary=p.check_summary, standardization=p.standardization, next_cycle=p.next_cycle,
        previous_title=source.title_of(p.previous_id) if p.previous_id else None,
        next_gaps=tuple(gaps_of(source, p, nxt)) if nxt else (),
        next_title=source.next_title(p))
