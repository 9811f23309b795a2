"""What the 年度质控计划 page shows: each planned item of a year beside what was done, as plain rows.

The verdicts (held, done, covered) are `plan_progress()`'s, judged on `as_of` (today): an item whose
month has not ended yet is "not due", never "behind". Indicator goals carry the year's value so far
(numerators and denominators pooled over the months entered) and how many of those months met the goal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from qmsdesk.analytics.rates import format_value, meets_target, shown_unit
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.periods import Period, months_between
from qmsdesk.services.catalogue import shown_name
from qmsdesk.services.plan import goal_lines
from qmsdesk.services.plan_progress import BehindItem as BehindItem
from qmsdesk.services.plan_progress import PlanGlance, PlanProgress, glance_of, plan_progress

# Row states the page colours and words: done, behind (due and not done), not due yet.
DONE, BEHIND, NOT_DUE = "done", "behind", "not_due"


def progress_of(session: Session, year: int, as_of: date | None = None) -> PlanProgress:
    """The whole year judged on `as_of` (default today): what the page, the dashboard and `status` agree on."""
    return plan_progress(session, year, Period(year, 12), as_of=as_of or today())


@dataclass(frozen=True)
class PlanSummary:
    year: int
    exists: bool
    objectives: str
    as_of: date
    trainings_due: int
    trainings_held: int
    trainings_planned: int
    inspections_expected: int
    inspections_done: int
    focus_due: int
    focus_covered: int
    pdca_planned: int
    pdca_started: int


def plan_summary(session: Session, year: int, as_of: date | None = None) -> PlanSummary:
    day = as_of or today()
    p = progress_of(session, year, day)
    return PlanSummary(year, p.exists, p.plan.objectives, day, p.trainings_due, p.trainings_held,
                       len(p.trainings), p.inspections_expected, p.inspections_done, p.focus_due, p.focus_covered,
                       len(p.pdca), sum(bool(x.started) for x in p.pdca))


@dataclass(frozen=True)
class GoalRow:
    id: str  # the indicator code: a goal is edited per indicator
    code: str
    name: str
    target_text: str  # the catalogue's
    goal_text: str  # the year's (the catalogue's unless the group set its own)
    goal: float | None
    own: bool
    note: str
    actual: str  # the year's pooled value so far, "" before any value
    months_met: str  # "7/9": months meeting the goal of the months entered


def goal_rows(session: Session, year: int) -> list[GoalRow]:
    lines = goal_lines(session, year)
    defs = {d.code: d for d in session.scalars(live(m.IndicatorDefinition))}
    values: dict[str, list[m.IndicatorValue]] = {}
    wanted = [str(p) for p in months_between(Period(year, 1), Period(year, 12))]
    for v in session.scalars(live(m.IndicatorValue).where(m.IndicatorValue.period.in_(wanted))):
        values.setdefault(v.indicator_id, []).append(v)
    out = []
    for g in lines:
        d = defs[g.code]
        entered = values.get(d.id, [])
        out.append(GoalRow(g.code, g.code, shown_name(d), g.target_text, g.goal_text, g.goal, g.own, g.note,
                           _pooled_text(d, entered), _months_met(d, entered, g.goal)))
    return out


def _pooled_text(d: m.IndicatorDefinition, entered: list[m.IndicatorValue]) -> str:
    if not entered:
        return ""
    num = sum(v.numerator or 0 for v in entered)
    if d.kind == "count":
        return format_value(num, shown_unit(d.unit))
    den = sum(v.denominator or 0 for v in entered)
    return format_value(num / den * (d.multiplier or 1.0), shown_unit(d.unit)) if den else ""


def _months_met(d: m.IndicatorDefinition, entered: list[m.IndicatorValue], goal: float | None) -> str:
    judged = [meets_target(v.value, goal, d.direction) for v in entered if v.value is not None]
    judged = [x for x in judged if x is not None]
    return f"{sum(judged)}/{len(judged)}" if judged else ""


@dataclass(frozen=True)
class FocusRow:
    id: uuid.UUID
    month: int
    theme: str
    details: str
    outcome: str
    state: str
    found_in: str  # meeting, training or inspection: the record the theme was found in; outcome: 落实情况 written
    found_on: date | None  # that record's date


# plan_progress names where a theme was found as "2026-03-26 会议"; the page words it in its own language.
_FOUND_IN = {"会议": "meeting", "培训": "training", "检查": "inspection"}


def _found(where: str) -> tuple[str, date | None]:
    if not where:
        return "", None
    day, _, word = where.partition(" ")
    try:
        return _FOUND_IN.get(word, "outcome"), date.fromisoformat(day)
    except ValueError:
        return "outcome", None


def focus_rows(session: Session, year: int, as_of: date | None = None) -> list[FocusRow]:
    return [FocusRow(f.plan.id, f.plan.month, f.plan.theme, f.plan.details, f.plan.outcome,
                     DONE if f.covered else (BEHIND if f.due else NOT_DUE), *_found(f.where))
            for f in progress_of(session, year, as_of).focus]


@dataclass(frozen=True)
class TrainingPlanRow:
    id: uuid.UUID
    month: int
    topic: str
    category: str
    hours: float
    audience: str
    trainer: str
    state: str
    held_on: date | None
    held_topic: str


def training_plan_rows(session: Session, year: int, as_of: date | None = None) -> list[TrainingPlanRow]:
    return [TrainingPlanRow(t.plan.id, t.plan.month, t.plan.topic, t.plan.category, t.plan.hours, t.plan.audience,
                            t.plan.trainer, DONE if t.held else (BEHIND if t.due else NOT_DUE), t.held_on, t.held_topic)
            for t in progress_of(session, year, as_of).trainings]


@dataclass(frozen=True)
class InspectionPlanRow:
    id: uuid.UUID
    title: str
    template_code: str
    kind: str
    frequency: str
    responsible: str
    windows: int  # times it is due in the whole year
    expected: int  # times it was due by now
    done: int  # times done (a window still running counts once done)
    missed: str  # the windows missed, "3月、5月"
    state: str


def inspection_plan_rows(session: Session, year: int, as_of: date | None = None) -> list[InspectionPlanRow]:
    out = []
    for i in progress_of(session, year, as_of).inspections:
        missed = "、".join(w.label for w in i.missed)
        done = sum(bool(w.done_on) for w in i.windows)
        state = BEHIND if i.missed else (DONE if done and all(w.done_on for w in i.windows if w.due) else NOT_DUE)
        out.append(InspectionPlanRow(i.plan.id, i.plan.title, i.plan.template_code, i.plan.kind, i.plan.frequency,
                                     i.plan.responsible, len(i.windows), i.expected, done, missed, state))
    return out


@dataclass(frozen=True)
class PdcaPlanRow:
    id: uuid.UUID
    theme: str
    start_month: int
    indicator_code: str
    leader: str
    state: str


def pdca_plan_rows(session: Session, year: int, as_of: date | None = None) -> list[PdcaPlanRow]:
    # Started: a PDCA project of the year moves its indicator or names its theme (plan_progress).
    return [PdcaPlanRow(p.plan.id, p.plan.theme, p.plan.start_month, p.plan.indicator_code, p.plan.leader,
                        DONE if p.started else (BEHIND if p.due and p.started is False else NOT_DUE))
            for p in progress_of(session, year, as_of).pdca]


def plan_years(session: Session, on: date | None = None) -> list[int]:
    """Years a plan exists for, with this year and next year, newest first (the page's year chooser)."""
    year = (on or today()).year
    found = {p.year for p in session.scalars(live(m.AnnualPlan))}
    return sorted(found | {year, year + 1}, reverse=True)


def plan_glance(session: Session, on: date | None = None) -> PlanGlance:
    """This year's plan against actual on `on` (default today): the month running is never called behind."""
    day = on or today()
    return glance_of(plan_progress(session, day.year, Period.of(day), as_of=day))
