"""PDCA projects: P→D→C→A with what each move needs, closing only on the C evidence computed from the indicator
data, countermeasures walked through the ledger, and the before/after worked out by hand."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from qmsdesk.analytics.pdca_case import comparisons, project_case
from qmsdesk.db import models as m
from qmsdesk.errors import ValidationError
from qmsdesk.services import ledger, pdca

# Baseline 2026-01..03: 7, 8, 6 of 10 → pooled 21/30 = 70%, median 70%. April is the change itself (left out).
# After 2026-05..10: 10, 9, 10, 10, 10, 10 of 10 → 59/60 = 98.33%, median 100%, six months above 70% in a row.
BEFORE = {"2026-01": 7, "2026-02": 8, "2026-03": 6, "2026-04": 9}
AFTER = {"2026-05": 10, "2026-06": 9, "2026-07": 10, "2026-08": 10, "2026-09": 10, "2026-10": 10}


@pytest.fixture
def ward(session):
    head = m.Staff(name="王护士长", employee_no="N1", profession="nurse")
    director = m.Staff(name="李主任", employee_no="D1", profession="doctor")
    audit = m.IndicatorDefinition(code="K-AUDIT", name_zh="防范措施落实率", name_en="audit", numerator_def="落实",
                                  denominator_def="查检", kind="proportion", multiplier=100, unit="%",
                                  direction="higher", target=95, applicable=True, custom=True)
    session.add_all([head, director, audit])
    session.flush()
    return {"head": head, "director": director, "audit": audit}


def _values(session, audit, figures):
    for period, n in figures.items():
        session.add(m.IndicatorValue(indicator_id=audit.id, period=period, numerator=n, denominator=10))
    session.flush()


def _planned(session, ward):
    p = pdca.create_project(session, title="提高防范措施落实率", reason="自查反复扣分", started_on=date(2026, 1, 20),
                            leader_id=ward["head"].id, baseline_start="2026-01", baseline_end="2026-03")
    pdca.add_indicator(session, p.id, code="K-AUDIT", target=95)
    pdca.set_analysis_source(session, p.id, kind="checklist", start="2026-01", end="2026-03", template_code="NUR-SAFE")
    cause = pdca.add_cause(session, p.id, category="method", description="宣教无复述确认", key_cause=True,
                           verification="访谈20人，能复述9人")
    pdca.add_countermeasure(session, p.id, what="宣教复述确认并签字", why="患者未掌握要点", where="病区", how="修订宣教单",
                            responsible_id=ward["head"].id, deadline=date(2026, 4, 20), cause_id=cause.id,
                            found_on=date(2026, 3, 25))
    return p


def test_plan_needs_indicators_baseline_analysis_verified_causes_and_countermeasures(session, ward):
    p = pdca.create_project(session, title="t", reason="r", started_on=date(2026, 1, 20))
    with pytest.raises(ValidationError) as err:
        pdca.move(session, p.id, "do")
    text = str(err.value)
    for words in ("还不能进入“实施（D）”", "未选择改进的指标", "未设定基线", "未做现状调查", "没有经过验证的要因", "没有对策"):
        assert words in text
    with pytest.raises(ValidationError, match="验证方法"):
        pdca.add_cause(session, p.id, category="man", description="x", key_cause=True)
    with pytest.raises(ValidationError, match="不能从“计划（P）”变为“检查（C）”"):
        pdca.move(session, p.id, "check")


def test_a_baseline_without_data_is_not_a_plan(session, ward):
    p = _planned(session, ward)
    with pytest.raises(ValidationError, match="基线只有 0 个月的数据"):
        pdca.move(session, p.id, "do")


def test_countermeasures_are_ledger_items_with_who_and_when(session, ward):
    _values(session, ward["audit"], BEFORE)
    p = _planned(session, ward)
    item = session.query(m.RectificationItem).filter_by(source_kind="pdca").one()
    assert item.countermeasure_id == p.countermeasures[0].id and item.responsible_id == ward["head"].id
    assert item.deadline == date(2026, 4, 20) and item.problem == "【提高防范措施落实率】宣教复述确认并签字"
    cm = project_case(session, p.id).countermeasures[0]
    assert (cm.who, cm.when, cm.status, cm.cause) == ("王护士长", date(2026, 4, 20), "open", "宣教无复述确认")


def test_the_stages_in_order_and_closing_only_on_the_check_evidence(session, ward):
    _values(session, ward["audit"], BEFORE)
    p = _planned(session, ward)
    pdca.move(session, p.id, "do", on=date(2026, 3, 28))
    with pytest.raises(ValidationError) as err:
        pdca.move(session, p.id, "check")
    assert "未填写改进措施开始生效的月份" in str(err.value)
    pdca.update_project(session, p.id, change_period="2026-05")
    pdca.add_log(session, p.id, on=date(2026, 4, 2), note="宣教单启用")
    pdca.move(session, p.id, "check", on=date(2026, 5, 3))
    pdca.update_project(session, p.id, check_summary="落实率明显上升")
    with pytest.raises(ValidationError, match="改进后只有 0 个月的数据"):
        pdca.move(session, p.id, "act")  # a conclusion without after-data is no evidence
    _values(session, ward["audit"], AFTER)
    pdca.move(session, p.id, "act", on=date(2026, 11, 5))
    with pytest.raises(ValidationError) as err:
        pdca.move(session, p.id, "closed")
    assert "未写标准化内容" in str(err.value) and "1 项对策在整改台账中未销号" in str(err.value)
    pdca.update_project(session, p.id, standardization="修订宣教制度", next_cycle="聚焦夜间")
    item = session.query(m.RectificationItem).filter_by(source_kind="pdca").one()
    ledger.start_work(session, item.id)
    ledger.submit_for_verification(session, item.id)
    ledger.verify_and_close(session, item.id, verifier_id=ward["director"].id, verified_on=date(2026, 6, 1),
                            effect_evaluation="抽查全部合格")
    pdca.move(session, p.id, "closed", on=date(2026, 11, 10))
    assert p.stage == "closed" and p.closed_on == date(2026, 11, 10)
    assert [e.note for e in p.log][-1] == "进入已结案"
    with pytest.raises(ValidationError, match="已结案"):
        pdca.add_log(session, p.id, on=date(2026, 11, 11), note="x")


def test_going_back_from_check_to_do_needs_the_reason(session, ward):
    _values(session, ward["audit"], BEFORE)
    p = _planned(session, ward)
    pdca.move(session, p.id, "do")
    pdca.update_project(session, p.id, change_period="2026-05")
    pdca.add_log(session, p.id, on=date(2026, 4, 2), note="启用")
    pdca.move(session, p.id, "check")
    with pytest.raises(ValidationError, match="写明原因"):
        pdca.move(session, p.id, "do")
    pdca.move(session, p.id, "do", note="夜班执行率仍低", on=date(2026, 6, 1))
    assert p.stage == "do" and p.log[-1].note == "进入实施（D）：夜班执行率仍低"


def test_before_and_after_are_computed_from_the_indicator_data(session, ward):
    _values(session, ward["audit"], BEFORE | AFTER)
    p = _planned(session, ward)
    pdca.update_project(session, p.id, change_period="2026-05")
    (spec,) = comparisons(session, p)
    assert [x.phase for x in spec.points][:5] == ["before", "before", "before", "gap", "after"]
    assert spec.before.value == pytest.approx(70.0) and spec.before.median == pytest.approx(70.0)
    assert spec.after.value == pytest.approx(59 / 60 * 100) and spec.after.median == pytest.approx(100.0)
    assert (spec.before.months_with_data, spec.after.months_with_data) == (3, 6)
    assert spec.shift_run == 6 and spec.shift_signal and spec.improved and spec.target_met
    assert spec.change_index == 4 and spec.change_percent == pytest.approx((59 / 60 * 100 - 70) / 70 * 100)
    assert "改进前 70.00%，改进后 98.33%（+40%），有所改善；目标 95.00%：已达成；改进后连续 6 个月" in spec.verdict()


def test_a_closed_project_keeps_the_evidence_it_was_closed_on(session, ward):
    _values(session, ward["audit"], BEFORE | AFTER)
    p = _planned(session, ward)
    pdca.update_project(session, p.id, change_period="2026-05")
    p.closed_on = date(2026, 8, 15)  # closed in August: its after-phase is May–July
    session.flush()
    (spec,) = comparisons(session, p)
    assert spec.points[-1].period == "2026-07" and spec.after.months_with_data == 3


def test_the_next_cycle_starts_from_a_closed_one(session, ward):
    _values(session, ward["audit"], BEFORE)
    p = _planned(session, ward)
    with pytest.raises(ValidationError, match="结案后"):
        pdca.start_next_cycle(session, p.id, started_on=date(2026, 11, 1))
    p.stage, p.next_cycle, p.change_period = "closed", "聚焦夜间如厕", "2026-05"
    session.flush()
    new = pdca.start_next_cycle(session, p.id, started_on=date(2026, 11, 1))
    assert new.stage == "plan" and new.previous_id == p.id and new.reason == "聚焦夜间如厕"
    assert [(i.indicator.code, i.target) for i in new.indicators] == [("K-AUDIT", 95.0)]
    assert project_case(session, new.id).previous_title == "提高防范措施落实率"
    # one next cycle per closed cycle: a second click would start a twin of the running one
    assert project_case(session, p.id).next_title == new.title
    with pytest.raises(ValidationError, match="已开始下一轮"):
        pdca.start_next_cycle(session, p.id, started_on=date(2026, 11, 2))


def test_an_item_raised_at_the_planning_meeting_becomes_a_countermeasure(session, ward):
    from qmsdesk.services import ledger as ledger_service
    from qmsdesk.services import meetings

    _values(session, ward["audit"], BEFORE)
    p = pdca.create_project(session, title="降低跌倒", reason="r", started_on=date(2026, 1, 20))
    meeting = meetings.create_meeting(session, kind="group_monthly", date=date(2026, 3, 26),
                                      problems=["用药后未复评跌倒风险"])
    item = ledger_service.item_from_meeting_problem(session, meeting.problems[0].id, responsible_id=ward["head"].id,
                                                    deadline=date(2026, 4, 30))
    cm = pdca.adopt_item(session, p.id, item.id, what="用药后2小时内复评", why="复评缺失", where="病区", how="修订流程")
    assert item.source_kind == "meeting" and item.meeting_problem_id and item.countermeasure_id == cm.id
    view = project_case(session, p.id).countermeasures[0]
    assert (view.who, view.when, view.item_id) == ("王护士长", date(2026, 4, 30), str(item.id))
    ledger_service.update_item(session, item.id, measures="修订评估流程")  # both links pass the ledger's check
    with pytest.raises(ValidationError, match="已是某改进项目的对策"):
        pdca.adopt_item(session, p.id, item.id, what="x", why="x", where="x", how="x")


def test_a_part_written_by_mistake_is_removed_and_a_cause_still_answered_is_not(session, ward):
    _values(session, ward["audit"], BEFORE)
    p = _planned(session, ward)
    cause = pdca.add_cause(session, p.id, category="method", description="交接班未交接跌倒高危")
    cm = pdca.add_countermeasure(session, p.id, what="床旁交接高危患者", why="交接遗漏", where="病区", how="床旁交接",
                                 responsible_id=ward["head"].id, deadline=date(2026, 6, 30), cause_id=cause.id)
    with pytest.raises(ValidationError, match="床旁交接高危患者"):
        pdca.remove_cause(session, cause.id)
    item_id = project_case(session, p.id).countermeasures[-1].item_id
    pdca.remove_countermeasure(session, cm.id)
    pdca.remove_cause(session, cause.id)
    case = project_case(session, p.id)
    assert "交接班未交接跌倒高危" not in [c.description for c in case.causes]
    assert "床旁交接高危患者" not in [c.what for c in case.countermeasures]
    item = session.get(m.RectificationItem, uuid.UUID(item_id))
    assert not item.deleted and item.countermeasure_id is None  # the ledger keeps it, free to be adopted again
    entry = pdca.add_log(session, p.id, on=date(2026, 3, 1), note="误记")
    pdca.remove_log_entry(session, entry.id)
    assert "误记" not in [e.note for e in project_case(session, p.id).log]
    spare = pdca.add_cause(session, p.id, category="environment", description="夜间照明不足")
    p.stage = "closed"
    session.flush()
    with pytest.raises(ValidationError, match="结案"):
        pdca.remove_cause(session, spare.id)
