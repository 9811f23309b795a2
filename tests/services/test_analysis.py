"""季度质量分析 / 年度质控总结: drafted from the data, completed by the group, approved by the leader, locked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from qmsdesk.db import models as m
from qmsdesk.errors import PeriodLockedError, ValidationError
from qmsdesk.services import analysis as svc
from qmsdesk.services import group, ledger
from qmsdesk.services import plan as plan_svc
from qmsdesk.services.analysis_figures import SpanFigures, span_figures
from qmsdesk.spans import Span

RECORD_NO = "2026007788"


@pytest.fixture
def quarter(session, doctor, head_nurse, nurse):
    """2026Q1 of a small ward: falls above goal, a grade II fall with its analysis, an overdue item."""
    group.add_member(session, staff_id=doctor.id, role="leader", start_date=date(2025, 1, 1), duty_title="科主任")
    group.add_member(session, staff_id=head_nurse.id, role="deputy", start_date=date(2025, 1, 1), duty_title="护士长")
    fall = m.IndicatorDefinition(code="NUR-FALL", name_zh="住院患者跌倒发生率", name_en="falls", numerator_def="n",
                                 denominator_def="d", kind="rate", multiplier=1000, unit="‰", direction="lower",
                                 target=0.5, department_types=[], applicable=True)
    session.add(fall)
    session.flush()
    # A large ward's falls (tens a month, not rare: analytics/rare.py), so each month is judged on its own.
    for month, (n, d) in zip((1, 2, 3), ((20, 30000), (30, 31000), (0, 29000)), strict=True):
        session.add(m.IndicatorValue(indicator_id=fall.id, period=f"2026-{month:02d}", numerator=n, denominator=d))
    session.add(m.AdverseEvent(occurred_at=datetime(2026, 2, 10, 18, tzinfo=UTC), reported_at=datetime(2026, 2, 10, 20, tzinfo=UTC),
                               category="fall", grade="II", description=f"患者 {RECORD_NO} 夜间如厕跌倒，额部裂伤",
                               analysis="夜间巡视间隔过长", medical_record_no=RECORD_NO))
    session.add(m.AdverseEvent(occurred_at=datetime(2026, 3, 3, 1, tzinfo=UTC), reported_at=datetime(2026, 3, 3, 2, tzinfo=UTC),
                               category="fall", grade="III", description="坐起时滑坐于地"))
    ledger.create_item(session, source_kind="other", category="护理质量", problem="翻身记录不全",
                       found_on=date(2026, 1, 5), deadline=date(2026, 2, 5), responsible_id=nurse.id)
    session.flush()
    return Span.parse("2026Q1")


def test_figures_of_a_quarter(session, quarter):
    f = span_figures(session, quarter)
    falls = f.indicators[0]
    assert [x.status for x in falls.months] == ["未达标", "未达标", "达标"]
    assert falls.value == pytest.approx(50 / 90000 * 1000) and falls.status == "missed" and falls.months_off == 2
    assert f.events.total == 2 and f.events.by_grade == {"I": 0, "II": 1, "III": 1, "IV": 0}
    assert f.events.by_category == {"跌倒/坠床": 2}
    assert RECORD_NO not in str(f.to_json()) and "****7788" in f.events.lines[0].description
    assert (f.ledger.raised, f.ledger.overdue_at_end, f.ledger.as_of) == (1, 1, "2026-03-31")
    assert f.meetings.months_missing == ["2026-01", "2026-02", "2026-03"]
    assert SpanFigures.from_json(f.to_json()) == f


def test_draft_lists_each_problem_and_keeps_the_groups_text_when_redrafted(session, quarter):
    row = svc.draft_analysis(session, quarter)
    keys = [p.key for p in row.problems]
    assert keys[0] == "indicator:NUR-FALL" and keys[1].startswith("event:")
    assert {"event_category:跌倒/坠床", "ledger:overdue", "meeting:missing"} <= set(keys)
    falls = row.problems[0]
    assert "住院患者跌倒发生率：本季度0.56‰，未达年度目标≤0.5‰（2 个月未达标）" in falls.problem
    svc.complete_problem(session, falls.id, cause="老年患者增多，夜间巡视不足", measures="夜间增加巡视一次")
    plan_svc.set_goal(session, 2026, "NUR-FALL", 0.2)
    again = svc.draft_analysis(session, quarter)
    assert again.id == row.id
    kept = next(p for p in again.problems if p.key == "indicator:NUR-FALL")
    assert kept.cause == "老年患者增多，夜间巡视不足" and "≤0.2‰" in kept.problem


def test_group_adds_and_removes_its_own_problems_not_generated_ones(session, quarter):
    generated = len(svc.draft_analysis(session, quarter).problems)
    own = svc.add_problem(session, quarter, problem="交班时间过长", cause="交班内容无重点", measures="采用SBAR交班")
    view = svc.analysis_view(session, quarter)
    assert own.position == generated and view.problems[-1].problem == "交班时间过长" and not view.problems[-1].generated
    svc.draft_analysis(session, quarter)  # redrafting keeps the group's own problem at the end
    assert svc.analysis_view(session, quarter).problems[-1].problem == "交班时间过长"
    with pytest.raises(ValidationError):
        svc.delete_problem(session, view.problems[0].id)
    svc.delete_problem(session, own.id)
    assert [p.generated for p in svc.analysis_view(session, quarter).problems] == [True] * generated


def _complete_all(session, span):
    for p in svc.analysis_view(session, span).problems:
        svc.complete_problem(session, p.id, cause="原因", measures="措施")


def test_only_the_leader_approves_a_complete_analysis_of_an_ended_span(session, quarter, doctor, head_nurse):
    svc.draft_analysis(session, quarter)
    with pytest.raises(ValidationError) as err:
        svc.approve_analysis(session, quarter, approver_id=head_nurse.id, on=date(2026, 4, 10))
    text = str(err.value)
    assert "只有组长（张伟）可以审定" in text and "还没有填写原因分析、改进措施" in text
    _complete_all(session, quarter)
    row = svc.approve_analysis(session, quarter, approver_id=doctor.id, on=date(2026, 4, 10))
    assert (row.status, row.approved_on, row.approved_by.name) == ("approved", date(2026, 4, 10), "张伟")
    view = svc.analysis_view(session, quarter)
    assert view.approved and view.status_label == "已审定" and view.title == "2026年第一季度质量与安全分析"


def test_approval_in_a_session_of_its_own_is_not_refused_as_locked(db, session, quarter, doctor):
    """As the window and the CLI approve: a fresh session, the approver not yet loaded in it."""
    svc.draft_analysis(session, quarter)
    _complete_all(session, quarter)
    session.commit()
    with db.session() as fresh:
        svc.approve_analysis(fresh, quarter, approver_id=doctor.id, on=date(2026, 4, 10))
    with db.session() as fresh:
        view = svc.analysis_view(fresh, quarter)
        assert view.approved and view.approved_by == "张伟"


def test_a_running_span_cannot_be_approved(session, quarter, doctor):
    from qmsdesk.clock import today
    from qmsdesk.periods import Period

    running = Span.of_period(Period.of(today()))
    svc.draft_analysis(session, running)
    with pytest.raises(ValidationError) as err:
        svc.approve_analysis(session, running, approver_id=doctor.id)
    assert "结束后才能审定" in str(err.value)


def test_approved_analysis_is_locked_until_reopened_with_a_reason(session, quarter, doctor):
    svc.draft_analysis(session, quarter)
    _complete_all(session, quarter)
    row = svc.approve_analysis(session, quarter, approver_id=doctor.id, on=date(2026, 4, 10))
    problem = row.problems[0]
    with pytest.raises(ValidationError) as err:
        svc.complete_problem(session, problem.id, cause="改", measures="改")
    assert "已于 2026-04-10 由张伟审定并锁定" in str(err.value)
    with pytest.raises(ValidationError):
        svc.draft_analysis(session, quarter)
    with pytest.raises(PeriodLockedError), session.begin_nested():
        problem.cause = "绕过服务直接改"  # the session hook holds whoever writes
        session.flush()
    row = svc.find_analysis(session, quarter)
    with pytest.raises(ValidationError):
        svc.reopen_analysis(session, quarter, reason=" ")
    svc.reopen_analysis(session, quarter, reason="补充3月漏报的不良事件")
    svc.complete_problem(session, row.problems[0].id, cause="新原因", measures="新措施")
    assert svc.analysis_view(session, quarter).reopen_reason == "补充3月漏报的不良事件"


def test_annual_summary_covers_the_year(session, quarter):
    row = svc.draft_analysis(session, "2026")
    view = svc.view(row)
    assert view.title == "2026年度质控工作总结" and view.figures.label == "2026年度"
    assert "本年度" in view.problems[0].problem
    assert [v.span for v in svc.list_analyses(session, 2026)] == [Span(2026)]
