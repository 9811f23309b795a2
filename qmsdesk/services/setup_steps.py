"""The first-run setup's steps after the unit (ui/setup_steps.py): the group's members and roles, the catalogue
indicators that apply to the department, and this year's plan defaults. Each is an operation of its own,
so a step can be skipped at first and done later from 设置; the roster step is the staff import
(services/imports.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import GroupRole, InspectionFrequency, InspectionKind, TrainingCategory
from qmsdesk.db.queries import live
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services import group, indicators, plan
from qmsdesk.services.catalogue import shown_name
from qmsdesk.services.staff import list_staff
from qmsdesk.services.unit import get_unit

# --- the group ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person on the staff list, with their role in the group today (None: not a member)."""

    staff_id: uuid.UUID
    name: str
    employee_no: str
    title: str
    profession: str
    role: str | None
    membership_id: uuid.UUID | None


def group_candidates(session: Session) -> list[Candidate]:
    """Everyone still working, current members first (leader, deputy, controller, member), then by number."""
    day = today()
    current = {g.staff_id: g for g in group.list_members(session, on=day)}
    order = {r.value: i for i, r in enumerate(GroupRole)}
    people = [Candidate(p.id, p.name, p.employee_no or "", p.title or "", p.profession,
                        current[p.id].role if p.id in current else None,
                        current[p.id].id if p.id in current else None) for p in list_staff(session)]
    return sorted(people, key=lambda c: (order.get(c.role, len(order)) if c.role else len(order) + 1, c.employee_no))


def set_group_roles(session: Session, roles: Sequence[tuple[uuid.UUID, str]], start: date | None = None) -> int:
    """Make each (person, role) a current member from `start` (default today): a member already gets the new
    role, anyone else a new membership. People not named are left as they are. Returns how many changed."""
    start = start or today()
    leaders = [staff_id for staff_id, role in roles if role == GroupRole.LEADER.value]
    if len(leaders) > 1:
        raise ValidationError(msg("质控小组只能有一位组长。", "The group can have only one leader."), "role")
    current = {g.staff_id: g for g in group.list_members(session, on=today())}
    changed = 0
    # Roles that step down first, so a new leader never meets the old one.
    for staff_id, role in sorted(roles, key=lambda r: r[1] == GroupRole.LEADER.value):
        membership = current.get(staff_id)
        if membership is None:
            group.add_member(session, staff_id=staff_id, role=role, start_date=start)
            changed += 1
        elif membership.role != role:
            group.update_member(session, membership.id, role=role)
            changed += 1
    return changed


# --- the indicators -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    code: str
    name: str  # in the user's language
    for_department: bool  # the catalogue lists it for this department's type
    applicable: bool  # chosen for this department now
    custom: bool


def indicator_lines(session: Session) -> list[IndicatorLine]:
    """Every indicator, those the catalogue gives this department's type first."""
    unit = get_unit(session)
    kind = unit.department_type if unit is not None else None
    rows = [IndicatorLine(d.code, shown_name(d), bool(kind and kind in (d.department_types or [])), d.applicable,
                          d.custom) for d in indicators.list_indicators(session)]
    return sorted(rows, key=lambda r: (not r.for_department, r.code))


def set_applicable_indicators(session: Session, codes: Iterable[str]) -> int:
    """Exactly the indicators `codes` apply to this department (values already entered are kept either way).
    Returns how many changed."""
    wanted = set(codes)
    changed = 0
    for d in session.scalars(live(m.IndicatorDefinition)):
        if d.applicable != (d.code in wanted):
            indicators.set_applicable(session, d.code, d.code in wanted)
            changed += 1
    return changed


# --- this year's plan -----------------------------------------------------------------------------

def default_objectives() -> str:
    """The objectives the plan step proposes, in the user's language (what is saved is what the user keeps)."""
    return msg("落实护理核心制度；每月召开质控小组会议，完成科室质量自查、指标监测和分析；"
               "问题当月登记整改台账，按期验证销号；全年质量指标达到目标值。",
               "Follow the core nursing rules; hold the quality group's meeting every month and do the department's "
               "self-inspection, indicator monitoring and analysis; enter each problem in the rectification ledger in "
               "its month and verify and close it on time; meet every quality indicator's target for the year.")
QUARTER_MONTHS = (3, 6, 9, 12)
SELF_INSPECTION = "科室护理质量自查"
QUARTER_TRAINING = "核心制度与质量安全培训"


@dataclass(frozen=True, slots=True)
class PlanDefaults:
    """What the plan step shows: the year, whether it already has a plan, and whether last year had one."""

    year: int
    exists: bool
    objectives: str
    inspections: int
    trainings: int
    last_year_exists: bool


def plan_defaults(session: Session, year: int | None = None) -> PlanDefaults:
    year = year or rules.plan_year(today())
    view = plan.plan_view(session, year)
    last = plan.plan_view(session, year - 1)
    return PlanDefaults(year, view.exists, view.objectives or default_objectives(), len(view.inspections),
                        len(view.trainings), last.exists)


def apply_plan_defaults(session: Session, year: int, *, objectives: str, monthly_self_inspection: bool = True,
                        quarterly_training: bool = True, copy_last_year: bool = False) -> plan.PlanView:
    """This year's plan: last year's copied, or the objectives and the usual items (a monthly self-inspection,
    a training each quarter); an item already in the plan is not added twice. Indicator goals stay the
    catalogue targets until the group sets its own on the plan page."""
    if copy_last_year:
        plan.copy_plan(session, year - 1, year)
        return plan.plan_view(session, year)
    plan.set_objectives(session, year, objectives)
    view = plan.plan_view(session, year)
    if monthly_self_inspection and not any(i.title == SELF_INSPECTION for i in view.inspections):
        plan.add_inspection(session, year, title=SELF_INSPECTION, frequency=InspectionFrequency.MONTHLY.value,
                            kind=InspectionKind.SELF.value)
    if quarterly_training:
        planned = {(t.month, t.topic) for t in view.trainings}
        for month in QUARTER_MONTHS:
            if (month, QUARTER_TRAINING) not in planned:
                plan.add_training(session, year, month=month, topic=QUARTER_TRAINING,
                                  category=TrainingCategory.SAFETY_LAW.value, hours=1.0)
    return plan.plan_view(session, year)
