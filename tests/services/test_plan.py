"""年度质控计划: goals default to the catalogue targets, every item is checked, copying never overwrites."""

from __future__ import annotations

import pytest
from month_records import seed_month

from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.services import plan as svc


def test_goals_default_to_catalogue_targets_until_the_group_sets_its_own(session):
    seed_month(session)
    goals = {g.code: g for g in svc.goal_lines(session, 2026)}
    assert goals["NUR-FALL"].goal == 0.5 and not goals["NUR-FALL"].own
    svc.set_goal(session, 2026, "NUR-FALL", 0.3, note="去年实际 0.35‰，争取再降")
    goals = {g.code: g for g in svc.goal_lines(session, 2026)}
    assert (goals["NUR-FALL"].goal, goals["NUR-FALL"].own, goals["NUR-FALL"].catalogue_target) == (0.3, True, 0.5)
    assert goals["NUR-FALL"].goal_text == "≤0.3‰" and goals["NIT-VTE"].goal_text == "≥90%"
    svc.reset_goal(session, 2026, "NUR-FALL")
    assert svc.goals_by_code(session, 2026)["NUR-FALL"] == 0.5
    svc.set_goal(session, 2026, "NUR-FALL", 0.4)  # the reset row comes back rather than a duplicate
    assert svc.goals_by_code(session, 2026)["NUR-FALL"] == 0.4


def test_bad_goals_are_refused_with_the_indicator_named(session):
    seed_month(session)
    with pytest.raises(ValidationError) as err:
        svc.set_goal(session, 2026, "NIT-VTE", 120)
    assert "VTE规范预防率" in str(err.value) and "100%" in str(err.value)
    with pytest.raises(ValidationError) as err:
        svc.set_goal(session, 2026, "NOPE", 1)
    assert "NOPE" in str(err.value)
    with pytest.raises(ValidationError):
        svc.set_goal(session, 2026, "NUR-FALL", -1)


def test_plan_items_are_checked_and_listed_by_month(session):
    svc.add_training(session, 2026, month=5, topic="VTE风险评估与预防", category="basic_theory", hours=1.5,
                     audience="全体医护", trainer="医疗质控员")
    svc.add_training(session, 2026, month=2, topic="手卫生", category="infection_control", hours=1)
    svc.add_focus(session, 2026, month=3, theme="跌倒预防", details="夜间巡视与如厕协助")
    svc.add_inspection(session, 2026, title="护理文书质量检查", frequency="monthly", template_code="NURSING-DOC",
                       responsible="护理质控员")
    view = svc.plan_view(session, 2026)
    assert view.exists and [t.month for t in view.trainings] == [2, 5]
    assert view.trainings[1].category_label == "三基理论" and view.trainings[1].audience == "全体医护"
    assert view.focus_of(3)[0].theme == "跌倒预防"
    assert view.inspections[0].frequency_label == "每月" and view.inspections[0].kind_label == "科室自查"
    with pytest.raises(ValidationError) as err:
        svc.add_training(session, 2026, month=13, topic=" ", category="x", hours=0)
    assert set(err.value.fields) == {"month", "topic", "category", "hours"}
    with pytest.raises(ValidationError) as err:
        svc.add_inspection(session, 2026, title="急救物品", frequency="weekly")
    assert err.value.fields == ["frequency"] and "每季度" in str(err.value)


def test_pdca_theme_names_a_known_indicator(session):
    seed_month(session)
    row = svc.add_pdca_theme(session, 2026, theme="降低住院患者跌倒发生率", start_month=4, indicator_code="NUR-FALL",
                             leader="护士长")
    assert svc.plan_view(session, 2026).pdca[0].indicator_code == "NUR-FALL"
    with pytest.raises(ValidationError):
        svc.update_pdca_theme(session, row.id, indicator_code="NOPE")


def test_items_update_and_delete_one_at_a_time(session):
    item = svc.add_focus(session, 2026, month=4, theme="VTE预防")
    svc.update_focus(session, item.id, month=5)
    svc.record_focus_outcome(session, item.id, "例会专题讨论，评估率提高到 95%")
    focus = svc.plan_view(session, 2026).focus[0]
    assert (focus.month, focus.outcome) == (5, "例会专题讨论，评估率提高到 95%")
    with pytest.raises(TypeError):
        svc.update_focus(session, item.id, plan_id=None)
    svc.delete_item(session, str(item.id)[:8])
    assert svc.plan_view(session, 2026).focus == []
    with pytest.raises(NotFoundError):
        svc.delete_item(session, "ffffffff")


def test_copy_plan_starts_next_year_and_never_overwrites(session):
    seed_month(session)
    svc.set_objectives(session, 2026, "跌倒发生率下降 20%")
    svc.set_goal(session, 2026, "NUR-FALL", 0.3)
    svc.add_training(session, 2026, month=3, topic="CPR", category="skills", hours=2)
    svc.add_inspection(session, 2026, title="急救物品检查", frequency="quarterly")
    svc.copy_plan(session, 2026, 2027)
    copy = svc.plan_view(session, 2027)
    assert copy.objectives == "跌倒发生率下降 20%" and svc.goals_by_code(session, 2027)["NUR-FALL"] == 0.3
    assert [t.topic for t in copy.trainings] == ["CPR"] and copy.inspections[0].frequency == "quarterly"
    with pytest.raises(ValidationError) as err:
        svc.copy_plan(session, 2026, 2027)
    assert "2027" in str(err.value)
    with pytest.raises(NotFoundError):
        svc.copy_plan(session, 2020, 2028)


def test_a_year_without_a_plan_reads_as_empty(session):
    view = svc.plan_view(session, 2030)
    assert not view.exists and view.trainings == [] and view.goals == []
    with pytest.raises(NotFoundError) as err:
        svc.get_plan(session, 2030)
    assert "qmsdesk plan" in str(err.value)


def test_workbook_round_trip_and_all_or_nothing_import(session, tmp_path):
    from openpyxl import load_workbook

    from qmsdesk.services.plan_workbook import import_plan, plan_workbook

    seed_month(session)
    svc.set_objectives(session, 2026, "=HYPERLINK(\"x\")")  # text a spreadsheet must not run
    svc.set_goal(session, 2026, "NUR-FALL", 0.3, note="从严")
    svc.add_focus(session, 2026, month=3, theme="跌倒预防")
    svc.add_training(session, 2026, month=4, topic="CPR", category="skills", hours=2, audience="护士")
    svc.add_inspection(session, 2026, title="急救物品检查", frequency="quarterly", template_code="NUR-EMERG")
    svc.add_pdca_theme(session, 2026, theme="降低跌倒", start_month=4, indicator_code="NUR-FALL")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(plan_workbook(svc.plan_view(session, 2026)))
    wb = load_workbook(path)
    assert wb["年度目标"]["A2"].data_type == "s" and wb["培训计划"]["C2"].value == "操作技能"
    import_plan(session, 2027, path)
    a, b = svc.plan_view(session, 2026), svc.plan_view(session, 2027)
    assert (b.objectives, [t.topic for t in b.trainings], b.inspections[0].template_code) == (
        a.objectives, ["CPR"], "NUR-EMERG")
    assert svc.goals_by_code(session, 2027)["NUR-FALL"] == 0.3 and b.pdca[0].indicator_code == "NUR-FALL"

    wb["培训计划"]["A2"], wb["培训计划"]["C2"] = 13, "跳舞"
    wb["检查计划"]["D2"] = "每周"
    wb.save(path)
    with pytest.raises(ValidationError) as err:
        import_plan(session, 2027, path)
    text = str(err.value)
    assert "“培训计划”第 2 行：月份应为 1–12" in text and "培训类别“跳舞”无效" in text and "“检查计划”第 2 行" in text
    assert [t.topic for t in svc.plan_view(session, 2027).trainings] == ["CPR"]  # nothing replaced
