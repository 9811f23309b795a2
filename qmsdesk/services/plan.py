"""年度质控计划: the year's indicator goals, monthly focus themes, training, inspection and PDCA plans.

One service function per change (a page or the CLI calls exactly one), and `plan_view()` returns the
whole plan as plain dataclasses for a page, the CLI, the workbook and the binder. Indicator goals
default to the catalogue targets: a goal row exists only where the group sets its own.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import InspectionFrequency, InspectionKind, TrainingCategory
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import as_uuid, check_changes, check_choice, check_required, get, values_of
from qmsdesk.services.plan_lines import FocusLine, GoalLine, InspectionLine, PdcaLine, PlanView, TrainingLine
from qmsdesk.services.plan_lines import zh_label as _zh

MAX_HOURS = 24.0
ItemModel = type[m.PlanFocus] | type[m.PlanTraining] | type[m.PlanInspection] | type[m.PlanPdcaTheme]


# --- the plan itself ------------------------------------------------------------------------------

def _check_year(year: Any) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise ValidationError(msg("年份应为四位数，例如 2026，收到“{y}”。", "A year has four digits, e.g. 2026; got '{y}'.",
                                  y=year), "year")
    return year


def find_plan(session: Session, year: int) -> m.AnnualPlan | None:
    return session.scalars(live(m.AnnualPlan).where(m.AnnualPlan.year == _check_year(year))).first()


def get_plan(session: Session, year: int) -> m.AnnualPlan:
    plan = find_plan(session, year)
    if plan is None:
        raise NotFoundError(msg("还没有 {y} 年的年度质控计划。可用 qmsdesk plan edit --year {y} 新建，或 qmsdesk plan import 导入。",
                                "There is no annual plan for {y} yet. Create it with 'qmsdesk plan edit --year {y}' or "
                                "import one with 'qmsdesk plan import'.", y=year))
    return plan


def create_plan(session: Session, year: int, *, objectives: str | None = None) -> m.AnnualPlan:
    """An empty plan for the year; its indicator goals are the catalogue targets until changed."""
    if find_plan(session, year) is not None:
        raise ValidationError(msg("{y} 年的年度质控计划已经存在。", "The annual plan for {y} already exists.", y=year), "year")
    plan = m.AnnualPlan(year=year, objectives=_text(objectives))
    session.add(plan)
    session.flush()
    return plan


def plan_for(session: Session, year: int) -> m.AnnualPlan:
    """The year's plan, made empty on first use (every edit of a year starts here)."""
    return find_plan(session, year) or create_plan(session, year)


def set_objectives(session: Session, year: int, objectives: str | None) -> m.AnnualPlan:
    """年度质控目标与工作重点, in the group's own words."""
    plan = plan_for(session, year)
    plan.objectives = _text(objectives)
    session.flush()
    return plan


def _text(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


# --- indicator goals ------------------------------------------------------------------------------

def _indicator(session: Session, code: str) -> m.IndicatorDefinition:
    found = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.code == str(code).strip())).first()
    if found is None:
        raise ValidationError(msg("没有编码为 {c} 的指标。可用 qmsdesk indicators list 查看编码。",
                                  "No indicator has the code {c}. 'qmsdesk indicators list' shows the codes.", c=code),
                              "indicator")
    return found


def _check_goal(defn: m.IndicatorDefinition, goal: Any) -> None:
    if not isinstance(goal, int | float) or isinstance(goal, bool) or goal < 0:
        raise ValidationError(msg("“{n}”的年度目标应为不小于 0 的数值，收到“{g}”。",
                                  "The goal of '{n}' must be a number of at least 0; got '{g}'.", n=defn.name_zh, g=goal),
                              "goal")
    if defn.kind == "proportion" and goal > (defn.multiplier or 1.0):
        raise ValidationError(msg("“{n}”是比例，年度目标不能超过 {x}{u}。", "'{n}' is a proportion: its goal cannot exceed "
                                  "{x}{u}.", n=defn.name_zh, x=f"{defn.multiplier or 1:g}", u=defn.unit), "goal")


def set_goal(session: Session, year: int, code: str, goal: float, *, note: str | None = None) -> m.PlanIndicatorGoal:
    """The group's own goal for an indicator this year (in the indicator's unit), instead of the catalogue target."""
    defn = _indicator(session, code)
    _check_goal(defn, goal)
    plan = plan_for(session, year)
    # A goal reset earlier is a deleted row of the same (plan, indicator), a unique pair: it comes back.
    row = session.scalars(select(m.PlanIndicatorGoal).where(m.PlanIndicatorGoal.plan_id == plan.id,
                                                            m.PlanIndicatorGoal.indicator_id == defn.id)).first()
    if row is None:
        row = m.PlanIndicatorGoal(plan_id=plan.id, indicator_id=defn.id, goal=float(goal), note=_text(note))
        session.add(row)
    else:
        row.deleted, row.goal, row.note = False, float(goal), _text(note)
    session.flush()
    return row


def reset_goal(session: Session, year: int, code: str) -> None:
    """Back to the catalogue target for this indicator."""
    defn = _indicator(session, code)
    plan = get_plan(session, year)
    row = session.scalars(live(m.PlanIndicatorGoal).where(m.PlanIndicatorGoal.plan_id == plan.id,
                                                          m.PlanIndicatorGoal.indicator_id == defn.id)).first()
    if row is not None:
        row.deleted = True
        session.flush()


def goal_lines(session: Session, year: int) -> list[GoalLine]:
    """Every applicable indicator (and any other with a goal set), by code, with the year's goal."""
    plan = find_plan(session, year)
    own: dict[uuid.UUID, m.PlanIndicatorGoal] = {}
    if plan is not None:
        own = {g.indicator_id: g for g in session.scalars(live(m.PlanIndicatorGoal)
                                                          .where(m.PlanIndicatorGoal.plan_id == plan.id))}
    defs = session.scalars(live(m.IndicatorDefinition).order_by(m.IndicatorDefinition.code)).all()
    out = []
    for d in defs:
        g = own.get(d.id)
        if not d.applicable and g is None:
            continue
        out.append(GoalLine(d.code, d.name_zh, d.unit or "", d.direction, d.target,
                            g.goal if g is not None else d.target, g is not None, (g.note or "") if g else ""))
    return out


def goals_by_code(session: Session, year: int) -> dict[str, float | None]:
    return {g.code: g.goal for g in goal_lines(session, year)}


# --- monthly focus, training, inspection and PDCA plans ------------------------------------------

def _check_month(c: Collector, field: str, month: Any) -> None:
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        c.add(field, msg("月份应为 1–12，收到“{m}”。", "The month must be 1–12; got '{m}'.", m=month))


def check_focus(v: dict, c: Collector) -> None:
    _check_month(c, "month", v.get("month"))
    check_required(c, "theme", v.get("theme"), msg("质控重点", "the focus theme"))
    if len(v.get("theme") or "") > 200:
        c.add("theme", msg("质控重点最多 200 字；详细内容请写在“具体内容”中。", "A theme is at most 200 characters; put the "
                           "rest under details."))


def check_training(v: dict, c: Collector) -> None:
    _check_month(c, "month", v.get("month"))
    check_required(c, "topic", v.get("topic"), msg("培训主题", "the topic"))
    check_choice(c, "category", v.get("category"), TrainingCategory, msg("培训类别", "training category"))
    hours = v.get("hours")
    if not isinstance(hours, int | float) or isinstance(hours, bool) or not 0 < hours <= MAX_HOURS:
        c.add("hours", msg("计划学时应大于 0 且不超过 {h}。", "Planned hours must be above 0 and at most {h}.", h=int(MAX_HOURS)))


def check_inspection(v: dict, c: Collector) -> None:
    check_required(c, "title", v.get("title"), msg("检查项目", "what is inspected"))
    check_choice(c, "kind", v.get("kind"), InspectionKind, msg("检查类型", "inspection kind"))
    check_choice(c, "frequency", v.get("frequency"), InspectionFrequency, msg("检查频次", "frequency"))
    if len(v.get("template_code") or "") > 64:
        c.add("template_code", msg("评分表编码最多 64 个字符。", "A checklist code is at most 64 characters."))


def check_pdca(v: dict, c: Collector) -> None:
    check_required(c, "theme", v.get("theme"), msg("PDCA 主题", "the PDCA theme"))
    _check_month(c, "start_month", v.get("start_month"))


_CHECKS = {m.PlanFocus: check_focus, m.PlanTraining: check_training, m.PlanInspection: check_inspection,
           m.PlanPdcaTheme: check_pdca}


def _clean(values: dict) -> dict:
    return {k: _text(v) if isinstance(v, str) else v for k, v in values.items()}


def _add(session: Session, model: ItemModel, year: int, values: dict):
    values = _clean(values)
    c = Collector()
    _CHECKS[model](values, c)
    c.raise_if_any()
    row = model(plan_id=plan_for(session, year).id, **values)
    session.add(row)
    session.flush()
    return row


def _update(session: Session, model: ItemModel, item_id, changes: dict):
    check_changes(model, changes, frozen=frozenset({"plan_id"}))
    row = get(session, model, item_id)
    changes = _clean(changes)
    c = Collector()
    _CHECKS[model](values_of(row) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def _delete(session: Session, model: ItemModel, item_id) -> None:
    row = get(session, model, item_id)
    row.deleted = True
    session.flush()


def _restore(session: Session, model: ItemModel, item_id):
    """The undo of a delete (the window's 撤销删除)."""
    row = get(session, model, item_id, include_deleted=True)
    row.deleted = False
    session.flush()
    return row


def add_focus(session: Session, year: int, *, month: int, theme: str, details: str | None = None) -> m.PlanFocus:
    return _add(session, m.PlanFocus, year, dict(month=month, theme=theme, details=details))


def record_focus_outcome(session: Session, item_id, outcome: str | None) -> m.PlanFocus:
    """落实情况: how the month's focus was carried out, in the group's words (counts as covered)."""
    return _update(session, m.PlanFocus, item_id, {"outcome": outcome})


def update_focus(session: Session, item_id, **changes) -> m.PlanFocus:
    return _update(session, m.PlanFocus, item_id, changes)


def delete_focus(session: Session, item_id) -> None:
    _delete(session, m.PlanFocus, item_id)


def restore_focus(session: Session, item_id) -> m.PlanFocus:
    return _restore(session, m.PlanFocus, item_id)


def add_training(session: Session, year: int, *, month: int, topic: str, category: str, hours: float,
                 audience: str | None = None, trainer: str | None = None) -> m.PlanTraining:
    return _add(session, m.PlanTraining, year, dict(month=month, topic=topic, category=str(category), hours=hours,
                                                    audience=audience, trainer=trainer))


def update_training(session: Session, item_id, **changes) -> m.PlanTraining:
    return _update(session, m.PlanTraining, item_id, changes)


def delete_training(session: Session, item_id) -> None:
    _delete(session, m.PlanTraining, item_id)


def restore_training(session: Session, item_id) -> m.PlanTraining:
    return _restore(session, m.PlanTraining, item_id)


def add_inspection(session: Session, year: int, *, title: str, frequency: str, kind: str = InspectionKind.SELF,
                   template_code: str | None = None, responsible: str | None = None) -> m.PlanInspection:
    """`template_code` names the scored checklist (评分表) the inspection uses."""
    return _add(session, m.PlanInspection, year, dict(title=title, frequency=str(frequency), kind=str(kind),
                                                      template_code=template_code, responsible=responsible))


def update_inspection(session: Session, item_id, **changes) -> m.PlanInspection:
    return _update(session, m.PlanInspection, item_id, changes)


def delete_inspection(session: Session, item_id) -> None:
    _delete(session, m.PlanInspection, item_id)


def restore_inspection(session: Session, item_id) -> m.PlanInspection:
    return _restore(session, m.PlanInspection, item_id)


def add_pdca_theme(session: Session, year: int, *, theme: str, start_month: int, indicator_code: str | None = None,
                   leader: str | None = None) -> m.PlanPdcaTheme:
    if indicator_code:
        _indicator(session, indicator_code)
    return _add(session, m.PlanPdcaTheme, year, dict(theme=theme, start_month=start_month,
                                                     indicator_code=indicator_code or None, leader=leader))


def update_pdca_theme(session: Session, item_id, **changes) -> m.PlanPdcaTheme:
    if changes.get("indicator_code"):
        _indicator(session, changes["indicator_code"])
    return _update(session, m.PlanPdcaTheme, item_id, changes)


def delete_pdca_theme(session: Session, item_id) -> None:
    _delete(session, m.PlanPdcaTheme, item_id)


def restore_pdca_theme(session: Session, item_id) -> m.PlanPdcaTheme:
    return _restore(session, m.PlanPdcaTheme, item_id)


# --- reading the plan -----------------------------------------------------------------------------

def _items(session: Session, model: ItemModel, plan: m.AnnualPlan | None, *order) -> list:
    if plan is None:
        return []
    return list(session.scalars(live(model).where(model.plan_id == plan.id).order_by(*order, model.created_at)))


def plan_view(session: Session, year: int) -> PlanView:
    plan = find_plan(session, year)
    return PlanView(
        year=year, exists=plan is not None, objectives=(plan.objectives or "") if plan else "",
        goals=goal_lines(session, year),
        focus=[FocusLine(f.id, f.month, f.theme, f.details or "", f.outcome or "")
               for f in _items(session, m.PlanFocus, plan, m.PlanFocus.month)],
        trainings=[TrainingLine(t.id, t.month, t.topic, t.category, _zh(TrainingCategory, t.category), t.hours,
                                t.audience or "", t.trainer or "")
                   for t in _items(session, m.PlanTraining, plan, m.PlanTraining.month)],
        inspections=[InspectionLine(i.id, i.title, i.template_code or "", i.kind, _zh(InspectionKind, i.kind),
                                    i.frequency, _zh(InspectionFrequency, i.frequency), i.responsible or "")
                     for i in _items(session, m.PlanInspection, plan)],
        pdca=[PdcaLine(p.id, p.theme, p.start_month, p.indicator_code or "", p.leader or "")
              for p in _items(session, m.PlanPdcaTheme, plan, m.PlanPdcaTheme.start_month)],
    )


def copy_plan(session: Session, from_year: int, to_year: int) -> m.AnnualPlan:
    """Start a year's plan from another year's (goals, themes, trainings, inspections, PDCA themes).

    Refused when the target year already has a plan with anything in it, so nothing is overwritten.
    """
    source = plan_view(session, from_year)
    if not source.exists:
        get_plan(session, from_year)
    target = plan_view(session, to_year)
    if target.exists and (target.focus or target.trainings or target.inspections or target.pdca
                          or any(g.own for g in target.goals) or target.objectives):
        raise ValidationError(msg("{y} 年的计划已有内容，不能再复制；请先逐项修改。",
                                  "The {y} plan already has content; edit it item by item instead.", y=to_year), "year")
    plan = plan_for(session, to_year)
    plan.objectives = source.objectives or None
    for g in source.goals:
        if g.own and g.goal is not None:
            set_goal(session, to_year, g.code, g.goal, note=g.note or None)
    for f in source.focus:
        add_focus(session, to_year, month=f.month, theme=f.theme, details=f.details or None)
    for t in source.trainings:
        add_training(session, to_year, month=t.month, topic=t.topic, category=t.category, hours=t.hours,
                     audience=t.audience or None, trainer=t.trainer or None)
    for i in source.inspections:
        add_inspection(session, to_year, title=i.title, frequency=i.frequency, kind=i.kind,
                       template_code=i.template_code or None, responsible=i.responsible or None)
    for p in source.pdca:
        add_pdca_theme(session, to_year, theme=p.theme, start_month=p.start_month,
                       indicator_code=p.indicator_code or None, leader=p.leader or None)
    session.flush()
    return plan


def find_item(session: Session, item_id: str) -> tuple[ItemModel, Any]:
    """A plan item (focus, training, inspection or PDCA theme) by its id or the first 8 characters of it."""
    text = str(item_id).strip().lower()
    for model in (m.PlanFocus, m.PlanTraining, m.PlanInspection, m.PlanPdcaTheme):
        for row in session.scalars(live(model)):
            if str(row.id) == text or (len(text) >= 6 and str(row.id).startswith(text)):
                return model, row
    raise NotFoundError(msg("找不到编号为 {i} 的计划条目（qmsdesk plan show 列出各条目的编号）。",
                            "No plan item has the id {i} ('qmsdesk plan show' lists the ids).", i=item_id))


def delete_item(session: Session, item_id) -> None:
    """Remove one plan item, whichever kind it is (the CLI's `--remove ID`)."""
    model, row = find_item(session, str(as_uuid(item_id)) if isinstance(item_id, uuid.UUID) else item_id)
    _delete(session, model, row.id)
