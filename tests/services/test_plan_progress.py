"""Plan against actual: what counts as held, done and covered; the month's warning; the status lines."""

from __future__ import annotations

from datetime import date

from month_records import seed_month

from qmsdesk.periods import Period
from qmsdesk.reports.month_summary import month_summary
from qmsdesk.services import inspections, meetings, training
from qmsdesk.services import plan as svc
from qmsdesk.services.plan_progress import inspection_subject, plan_progress, theme_keys
from qmsdesk.services.submission_checks import validate_month


def test_subjects_and_theme_keys_drop_the_generic_endings():
    assert inspection_subject("护理文书质量自查") == inspection_subject("护理文书质量检查") == "护理文书质量"
    assert inspection_subject("夜间医疗安全飞行检查") == "夜间医疗安全"
    assert theme_keys("跌倒预防、压力性损伤管理") == ["跌倒", "压力性损伤"]
    assert theme_keys("VTE 风险评估") == ["VTE", "风险评估"]


def test_training_held_by_topic_even_when_moved_and_by_category_in_its_month(session, nurse):
    svc.add_training(session, 2026, month=3, topic="心肺复苏（CPR）与除颤仪使用", category="skills", hours=2)
    svc.add_training(session, 2026, month=4, topic="院感防控", category="infection_control", hours=1)
    svc.add_training(session, 2026, month=5, topic="护患沟通", category="other", hours=1)
    training.create_training_session(session, topic="心肺复苏（CPR）与除颤仪使用", category="skills", hours=2,
                                     date=date(2026, 4, 2), attendance=[nurse.id])
    training.create_training_session(session, topic="手卫生与多重耐药菌防控", category="infection_control", hours=1,
                                     date=date(2026, 4, 20))
    progress = plan_progress(session, 2026, "2026-05")
    cpr, ic, talk = progress.trainings
    assert (cpr.held_on, cpr.by) == (date(2026, 4, 2), "topic")
    assert (ic.held_on, ic.by, ic.held_topic) == (date(2026, 4, 20), "category", "手卫生与多重耐药菌防控")
    assert not talk.held and talk.due
    assert (progress.trainings_held, progress.trainings_due) == (2, 3)


def test_inspections_due_per_window_of_their_frequency(session):
    svc.add_inspection(session, 2026, title="护理文书质量检查", frequency="monthly")
    svc.add_inspection(session, 2026, title="急救物品检查", frequency="quarterly")
    for day in (date(2026, 1, 15), date(2026, 3, 10)):
        inspections.create_inspection(session, kind="self", date=day, inspector="质控小组", topic="护理文书质量自查")
    inspections.create_inspection(session, kind="functional", date=date(2026, 2, 10), inspector="护理部",
                                  topic="护理文书质量督查")  # another kind: not the group's own self-inspection
    inspections.create_inspection(session, kind="self", date=date(2026, 2, 20), inspector="质控小组", topic="急救物品自查")
    progress = plan_progress(session, 2026, "2026-04")
    docs, kit = progress.inspections
    assert (docs.expected, docs.done) == (4, 2)
    assert [w.label for w in docs.missed] == ["2月", "4月"]
    assert (kit.expected, kit.done) == (1, 1) and kit.windows[0].label == "1–3月"
    assert (progress.inspections_expected, progress.inspections_done) == (5, 3)


def test_focus_covered_by_the_months_records_or_a_written_outcome(session, head_nurse):
    svc.add_focus(session, 2026, month=3, theme="跌倒预防")
    second = svc.add_focus(session, 2026, month=3, theme="高警示药品管理")
    svc.add_focus(session, 2026, month=4, theme="手卫生")
    meetings.create_meeting(session, kind="group_monthly", date=date(2026, 3, 25), host_id=head_nurse.id,
                            agenda="冬季跌倒/坠床防范措施落实情况")
    progress = plan_progress(session, 2026, "2026-03")
    falls, drugs, hands = progress.focus
    assert falls.covered and falls.where == "2026-03-25 会议"
    assert not drugs.covered and not hands.due
    svc.record_focus_outcome(session, second.id, "药师检查专柜，双人核对落实")
    assert plan_progress(session, 2026, "2026-03").focus[1].where == "落实情况"


def test_month_not_done_is_a_submission_warning_naming_the_plan_item(session):
    seed_month(session)  # 2026-10: a safety/law training and a functional inspection of 护理文书
    planned = svc.add_training(session, 2026, month=10, topic="输血安全管理规定", category="basic_theory", hours=1.5)
    svc.add_training(session, 2026, month=10, topic="医疗安全与法律法规", category="safety_law", hours=2)
    svc.add_focus(session, 2026, month=10, theme="本月质控指标分析")
    report = validate_month(session, "2026-10")
    plan_warnings = [w for w in report.warnings if w.kind == "plan_item"]
    assert [w.code for w in plan_warnings] == ["plan_training_not_done"]
    assert plan_warnings[0].record_id == str(planned.id) and "输血安全管理规定" in plan_warnings[0].message
    assert report.ok  # a warning, never a block


def test_status_prints_plan_against_actual(session):
    seed_month(session)
    assert "尚未制定 2026 年度质控计划" in month_summary(session, "2026-10", date(2026, 11, 5))
    svc.add_training(session, 2026, month=10, topic="医疗安全与法律法规", category="safety_law", hours=2)
    svc.add_training(session, 2026, month=11, topic="CPR复训", category="skills", hours=2)
    svc.add_focus(session, 2026, month=9, theme="约束管理")
    text = month_summary(session, "2026-10", date(2026, 11, 5))
    assert "八、年度计划执行（2026年1–10月）：培训 1/1 项已开展，检查 0/0 次已完成，每月质控重点 0/1 项已落实" in text
    assert "质控重点未落实：9月 约束管理" in text


def test_within_keeps_a_quarter(session):
    svc.add_training(session, 2026, month=2, topic="A", category="skills", hours=1)
    svc.add_training(session, 2026, month=8, topic="B", category="skills", hours=1)
    svc.add_inspection(session, 2026, title="文书", frequency="monthly")
    q3 = plan_progress(session, 2026, "2026-09").within(Period(2026, 7), Period(2026, 9))
    assert [t.plan.topic for t in q3.trainings] == ["B"]
    assert q3.inspections_expected == 3


def test_a_planned_pdca_theme_is_started_by_a_project_naming_it_or_moving_its_indicator(session):
    from quality_records import seed_quality

    seed_quality(session)  # a falls project started 2026-01 moving K-FALL-PREV
    svc.add_pdca_theme(session, 2026, theme="跌倒高危患者防范措施落实", start_month=1)
    svc.add_pdca_theme(session, 2026, theme="降低非计划拔管", start_month=3, indicator_code="K-FALL-PREV")
    svc.add_pdca_theme(session, 2026, theme="提高手卫生依从性", start_month=6)
    by_theme = {c.plan.theme: c.started for c in plan_progress(session, 2026).pdca}
    assert by_theme == {"跌倒高危患者防范措施落实": True, "降低非计划拔管": True, "提高手卫生依从性": False}
