"""A PDCA project read back as a case (持续改进案例): every part in plain values, with its figures computed.

`project_case` gathers what the case write-up, the command line and the pages show — the current-state
Pareto (from checklist deductions or event factors), the fishbone of its causes, the countermeasures
with their ledger state, the log, and the before/after of each indicator — and what the next stage
still needs (`gaps_for`, which services.pdca also asks before moving a project).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import indicator_months
from qmsdesk.analytics.fishbone import FishboneCause, FishboneSpec, build_fishbone
from qmsdesk.analytics.pareto import ParetoSpec
from qmsdesk.analytics.pdca import BeforeAfterSpec, before_after
from qmsdesk.analytics.rates import format_value, indicator_value
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import FishboneCategory, ItemStatus, PdcaStage
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

NEXT_STAGE = {PdcaStage.PLAN: PdcaStage.DO, PdcaStage.DO: PdcaStage.CHECK, PdcaStage.CHECK: PdcaStage.ACT,
              PdcaStage.ACT: PdcaStage.CLOSED}


def _end(end: Period | None) -> Period:
    return end or Period.of(today())


def after_end(project: m.PdcaProject, end: Period | None = None) -> Period:
    """The last month of the after-phase: the month before closing for a closed project (its evidence is
    what it was closed on), else `end` (default: this month)."""
    last = _end(end)
    if project.closed_on is not None:
        last = min(last, Period.of(project.closed_on).previous())
    return max(last, Period.parse(project.change_period))


def comparisons(session: Session, project: m.PdcaProject, end: Period | None = None) -> list[BeforeAfterSpec]:
    """The before/after of each of the project's indicators (none before the baseline and change are set)."""
    if not (project.baseline_start and project.baseline_end and project.change_period):
        return []
    last = after_end(project, end)
    out = []
    for ind in project.indicators:
        if ind.deleted:
            continue
        months = indicator_months(session, ind.indicator, Period.parse(project.baseline_start), last)
        out.append(before_after(ind.indicator, months, baseline_start=project.baseline_start,
                                baseline_end=project.baseline_end, change_period=project.change_period,
                                target=ind.target))
    return out


def baseline_months_with_data(session: Session, project: m.PdcaProject, ind: m.PdcaIndicator) -> int:
    months = indicator_months(session, ind.indicator, Period.parse(project.baseline_start),
                              Period.parse(project.baseline_end))
    return sum(1 for mo in months if indicator_value(ind.indicator.kind, mo.numerator, mo.denominator, 1) is not None)



def countermeasure_items(session: Session, project: m.PdcaProject) -> list[m.RectificationItem]:
    ids = [c.id for c in project.countermeasures if not c.deleted]
    if not ids:
        return []
    return list(session.scalars(live(m.RectificationItem).where(m.RectificationItem.countermeasure_id.in_(ids))
                                .order_by(m.RectificationItem.deadline)))


def gaps_for(session: Session, project: m.PdcaProject, target: str) -> list[str]:
    """What the project still lacks to move to `target` (empty when it may move)."""
    indicators = [i for i in project.indicators if not i.deleted]
    if target == PdcaStage.DO:
        return _plan_gaps(session, project, indicators)
    if target == PdcaStage.CHECK and project.stage == PdcaStage.DO:
        out = [] if project.change_period else [msg("未填写改进措施开始生效的月份", "no month the change took effect")]
        if not any(not e.deleted for e in project.log):
            out.append(msg("没有实施记录", "no implementation log"))
        return out
    specs = comparisons(session, project)
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
    open_items = [i for i in countermeasure_items(session, project) if i.status != ItemStatus.CLOSED]
    if open_items:
        out.append(msg("还有 {n} 项对策在整改台账中未销号", "{n} countermeasure(s) not yet closed in the ledger",
                       n=len(open_items)))
    return out


def _plan_gaps(session: Session, project: m.PdcaProject, indicators: list[m.PdcaIndicator]) -> list[str]:
    out = []
    if not indicators:
        out.append(msg("未选择改进的指标及目标值", "no indicator with a target"))
    if not (project.baseline_start and project.baseline_end):
        out.append(msg("未设定基线月份（改进前）", "no baseline months"))
    else:
        for ind in indicators:
            n = baseline_months_with_data(session, project, ind)
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


def _pareto(session: Session, source: dict) -> ParetoSpec | None:
    if not source:
        return None
    if source.get("kind") == "checklist":
        from qmsdesk.analytics.inspections import deduction_pareto

        return deduction_pareto(session, source["start"], source["end"], template_code=source.get("template"))
    from qmsdesk.analytics.rca import factor_pareto

    return factor_pareto(session, source["start"], source["end"], event_category=source.get("event_category"))


def _fishbone(project: m.PdcaProject) -> FishboneSpec:
    grouped: dict[str, list[FishboneCause]] = {}
    for c in project.causes:
        if not c.deleted:
            grouped.setdefault(c.category, []).append(FishboneCause(c.description, c.key_cause))
    return build_fishbone(grouped, effect=project.title, title=msg("原因分析鱼骨图", "Cause-and-effect (fishbone) diagram"),
                          subtitle=msg("要因（经验证）加粗标红", "verified key causes in bold red"))


def _countermeasures(session: Session, project: m.PdcaProject) -> tuple[CountermeasureView, ...]:
    items = {i.countermeasure_id: i for i in countermeasure_items(session, project)}
    out = []
    for c in project.countermeasures:
        if c.deleted:
            continue
        item = items.get(c.id)
        notes = tuple((n.date, n.note) for n in (item.progress if item else []) if not n.deleted)
        out.append(CountermeasureView(
            c.what, c.why, c.where, c.how, item.responsible.name if item and item.responsible else "",
            item.deadline if item else None, c.cause.description if c.cause else None,
            str(item.id) if item else None, item.status if item else None, item.closed_on if item else None, notes,
            str(c.id)))
    return tuple(out)


def _targets(session: Session, project: m.PdcaProject) -> tuple[IndicatorTarget, ...]:
    out = []
    for ind in project.indicators:
        if ind.deleted:
            continue
        d = ind.indicator
        baseline = None
        if project.baseline_start and project.baseline_end:
            months = indicator_months(session, d, Period.parse(project.baseline_start), Period.parse(project.baseline_end))
            entered = [mo for mo in months if mo.numerator is not None]
            if entered:
                num = sum(mo.numerator for mo in entered)
                den = sum(mo.denominator or 0 for mo in entered)
                baseline = num / len(entered) if d.kind == "count" else indicator_value(d.kind, num, den, d.multiplier)
        out.append(IndicatorTarget(d.code, d.name_zh, d.unit or "", d.direction, ind.target, baseline))
    return tuple(out)


def project_case(session: Session, project_id, end: Period | None = None) -> PdcaCase:
    pid = project_id if isinstance(project_id, uuid.UUID) else uuid.UUID(str(project_id))
    p = session.get(m.PdcaProject, pid)
    if p is None or p.deleted:
        raise NotFoundError(msg("找不到该改进项目（可能已被删除）。", "Improvement project not found (it may have been deleted)."))
    previous = session.get(m.PdcaProject, p.previous_id) if p.previous_id else None
    following = next_cycle_of(session, p.id)
    nxt = NEXT_STAGE.get(p.stage)
    return PdcaCase(
        id=str(p.id), title=p.title, reason=p.reason, stage=p.stage, started_on=p.started_on, closed_on=p.closed_on,
        leader=p.leader.name if p.leader else None, team=p.team, baseline_start=p.baseline_start,
        baseline_end=p.baseline_end, change_period=p.change_period, current_state=p.current_state,
        analysis_source=dict(p.analysis_source or {}), pareto=_pareto(session, p.analysis_source or {}),
        fishbone=_fishbone(p),
        causes=tuple(CauseView(c.category, c.description, c.key_cause, c.verification, str(c.id)) for c in p.causes if not c.deleted),
        countermeasures=_countermeasures(session, p),
        log=tuple(LogView(e.date, e.stage, e.note, e.author, str(e.id)) for e in p.log if not e.deleted),
        indicators=_targets(session, p), comparisons=tuple(comparisons(session, p, end)),
        check_summary=p.check_summary, standardization=p.standardization, next_cycle=p.next_cycle,
        previous_title=previous.title if previous else None,
        next_gaps=tuple(gaps_for(session, p, nxt)) if nxt else (),
        next_title=following.title if following else None)


def next_cycle_of(session: Session, project_id) -> m.PdcaProject | None:
    """The live project started as the next cycle of `project_id`, if there is one."""
    return session.scalars(live(m.PdcaProject).where(m.PdcaProject.previous_id == project_id)).first()


@dataclass(frozen=True)
class ProjectRow:
    """A project in a list: its stage and how far its countermeasures and indicators have come."""

    id: str
    title: str
    stage: str
    started_on: date
    closed_on: date | None
    leader: str | None
    progress: str

    @property
    def stage_label(self) -> str:
        return PdcaStage(self.stage).label


def project_rows(session: Session, end: Period | None = None) -> list[ProjectRow]:
    out = []
    for p in session.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)):
        case = project_case(session, p.id, end)
        out.append(ProjectRow(case.id, case.title, case.stage, case.started_on, case.closed_on, case.leader,
                              case.progress_text()))
    return out
