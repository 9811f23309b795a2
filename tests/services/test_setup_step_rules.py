"""The setup steps after the unit: group roles, applicable indicators, this year's plan defaults."""

from __future__ import annotations

from datetime import date

import pytest

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.services import group, plan, setup_steps, staff
from qmsdesk.services.catalogue import install_catalogue
from qmsdesk.services.unit import set_unit


@pytest.fixture
def unit(session):
    set_unit(session, hospital_name="某县人民医院", hospital_code="H001", department_name="心内科",
             department_code="CARD", department_type="inpatient_medical", deadline_day=5)
    install_catalogue(session, "inpatient_medical")
    a = staff.create_staff(session, name="王芳", employee_no="N001", profession="nurse")
    b = staff.create_staff(session, name="李娜", employee_no="N002", profession="nurse")
    c = staff.create_staff(session, name="赵磊", employee_no="N003", profession="nurse")
    return a.id, b.id, c.id


def test_roles_are_given_and_changed_without_a_second_membership(session, unit):
    a, b, c = unit
    assert setup_steps.set_group_roles(session, [(a, "leader"), (b, "member")]) == 2
    assert setup_steps.set_group_roles(session, [(a, "leader"), (b, "controller"), (c, "member")]) == 2
    members = {g.staff.name: g.role for g in group.list_members(session, on=today())}
    assert members == {"王芳": "leader", "李娜": "controller", "赵磊": "member"}
    assert [x.name for x in setup_steps.group_candidates(session)][:1] == ["王芳"]
    with pytest.raises(ValidationError, match="只能有一位组长"):
        setup_steps.set_group_roles(session, [(b, "leader"), (c, "leader")])


def test_the_department_types_indicators_come_first_and_exactly_the_chosen_apply(session, unit):
    lines = setup_steps.indicator_lines(session)
    ours = [line for line in lines if line.for_department]
    assert ours and lines[:len(ours)] == ours and all(line.applicable for line in ours)
    keep = {ours[0].code}
    setup_steps.set_applicable_indicators(session, keep)
    assert {line.code for line in setup_steps.indicator_lines(session) if line.applicable} == keep


def test_the_plan_being_written_is_next_years_from_december():
    assert rules.plan_year(date(2026, 11, 30)) == 2026
    assert rules.plan_year(date(2026, 12, 1)) == 2027
    assert rules.plan_year(date(2027, 1, 1)) == 2027


def test_plan_defaults_make_this_years_plan_once_and_copy_last_year_when_asked(session, unit):
    year = rules.plan_year(today())
    d = setup_steps.plan_defaults(session)
    assert d.year == year and not d.exists and d.objectives == setup_steps.default_objectives()
    view = setup_steps.apply_plan_defaults(session, year, objectives="全年指标达标")
    again = setup_steps.apply_plan_defaults(session, year, objectives="全年指标达标")
    assert view.objectives == "全年指标达标" and len(again.inspections) == 1 and len(again.trainings) == 4
    copied = setup_steps.apply_plan_defaults(session, year + 1, objectives="", copy_last_year=True)
    assert copied.objectives == "全年指标达标" and len(copied.trainings) == 4
    assert plan.find_plan(session, year + 1) is not None
