"""The rectification ledger: sources, deadlines, the PDCA status machine and 销号."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import ItemStatus
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import ledger

FOUND = date(2026, 3, 10)


def new_item(session, **over):
    values = dict(source_kind="office", category="护理文书", problem="护理记录书写不规范",
                  found_on=FOUND, deadline=FOUND + timedelta(days=30))
    values.update(over)
    return ledger.create_item(session, **values)


def item_in(session, status, verifier):
    item = new_item(session)
    if status == "open":
        return item
    ledger.start_work(session, item.id)
    if status == "in_progress":
        return item
    ledger.submit_for_verification(session, item.id)
    if status == "awaiting_verification":
        return item
    return ledger.verify_and_close(session, item.id, verifier_id=verifier.id, verified_on=FOUND + timedelta(days=20),
                                   effect_evaluation="抽查10份均合格")


def test_new_item_is_open(session, nurse):
    item = new_item(session, responsible_id=nurse.id)
    assert item.status == "open" and item.responsible is nurse
    assert ledger.allowed_transitions(item) == [ItemStatus.IN_PROGRESS]


def test_deadline_before_found_is_refused(session):
    with pytest.raises(ValidationError) as err:
        new_item(session, deadline=FOUND - timedelta(days=1))
    assert err.value.fields == ["deadline"]
    assert "整改期限" in str(err.value) and "早于" in str(err.value)


def test_deadline_on_the_day_found_is_accepted(session):
    assert new_item(session, deadline=FOUND).deadline == FOUND


def test_found_in_future_is_refused(session):
    later = today() + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        new_item(session, found_on=later, deadline=later)
    assert "found_on" in err.value.fields


def test_required_fields_reported_together(session):
    with pytest.raises(ValidationError) as err:
        ledger.create_item(session, source_kind="other", category=" ", problem="", found_on=FOUND, deadline=None)
    assert set(err.value.fields) == {"category", "problem", "deadline"}
    assert "请填写问题描述" in str(err.value)


def test_meeting_source_needs_its_link(session):
    with pytest.raises(ValidationError) as err:
        new_item(session, source_kind="meeting")
    assert err.value.fields == ["meeting_problem_id"]


def test_link_of_another_kind_is_refused(session):
    finding = _finding(session)
    with pytest.raises(ValidationError) as err:
        new_item(session, source_kind="office", finding_id=finding.id)
    assert err.value.fields == ["finding_id"]


def test_unknown_source_kind_is_refused(session):
    with pytest.raises(ValidationError) as err:
        new_item(session, source_kind="gossip")
    assert err.value.fields == ["source_kind"] and "质控办反馈" in str(err.value)


def _meeting_problem(session):
    meeting = m.Meeting(kind="group_monthly", date=FOUND)
    session.add(meeting)
    session.flush()
    problem = m.MeetingProblem(meeting_id=meeting.id, category="核心制度", description="交接班未床旁交接")
    session.add(problem)
    session.flush()
    return problem


def _finding(session):
    insp = m.Inspection(kind="functional", date=FOUND, inspector="护理部")
    session.add(insp)
    session.flush()
    finding = m.InspectionFinding(inspection_id=insp.id, category="院感", description="治疗车物品摆放混乱")
    session.add(finding)
    session.flush()
    return finding


def test_item_from_meeting_problem(session):
    problem = _meeting_problem(session)
    item = ledger.item_from_meeting_problem(session, problem.id)
    assert (item.source_kind, item.meeting_problem_id, item.category) == ("meeting", problem.id, "核心制度")
    assert item.found_on == FOUND and item.deadline == FOUND + timedelta(days=30)
    assert ledger.source_record(session, item) is problem


def test_a_meeting_problem_becomes_one_item_only(session):
    problem = _meeting_problem(session)
    ledger.item_from_meeting_problem(session, problem.id)
    with pytest.raises(ValidationError, match="已转为整改事项"):
        ledger.item_from_meeting_problem(session, problem.id)


def test_item_from_finding(session, nurse):
    finding = _finding(session)
    item = ledger.item_from_finding(session, finding.id, deadline=FOUND + timedelta(days=7), responsible_id=nurse.id)
    assert (item.source_kind, item.finding_id, item.problem) == ("inspection", finding.id, "治疗车物品摆放混乱")


def test_item_from_event_takes_analysis_as_root_cause(session):
    at = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)
    event = m.AdverseEvent(occurred_at=at, reported_at=at + timedelta(hours=3), category="fall", grade="III",
                           description="夜间如厕跌倒", analysis="未使用床栏")
    session.add(event)
    session.flush()
    item = ledger.item_from_event(session, event.id)
    assert item.source_kind == "event" and item.root_cause == "未使用床栏" and item.category == "跌倒/坠床"


def test_item_from_indicator_value_describes_the_month(session):
    ind = m.IndicatorDefinition(code="X-FALL", name_zh="跌倒发生率", name_en="Falls", numerator_def="跌倒例次",
                                denominator_def="住院患者实际占用床日数", kind="rate", multiplier=1000, unit="‰",
                                direction="lower", target=0.5)
    session.add(ind)
    session.flush()
    value = m.IndicatorValue(indicator_id=ind.id, period="2026-03", numerator=3, denominator=2000)
    session.add(value)
    session.flush()
    item = ledger.item_from_indicator_value(session, value.id)
    assert item.found_on == date(2026, 3, 31)
    assert "跌倒发生率" in item.problem and "2026-03" in item.problem and "1.50‰" in item.problem


ALL = [s.value for s in ItemStatus]
ALLOWED = {("open", "in_progress"), ("in_progress", "awaiting_verification"),
           ("awaiting_verification", "closed"), ("awaiting_verification", "in_progress")}


def _details(source, target, verifier):
    if target == "closed":
        return dict(verifier_id=verifier.id, verified_on=FOUND + timedelta(days=25), effect_evaluation="复查合格")
    if source == "awaiting_verification" and target == "in_progress":
        return dict(reason="复查仍有2份不合格")
    return {}


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_allowed_transition(session, head_nurse, source, target):
    item = item_in(session, source, head_nurse)
    assert ItemStatus(target) in ledger.allowed_transitions(item)
    moved = ledger.move_item(session, item.id, target, **_details(source, target, head_nurse))
    assert moved.status == target


@pytest.mark.parametrize(("source", "target"),
                         [p for p in itertools.product(ALL, ALL) if p not in ALLOWED])
def test_refused_transition(session, head_nurse, source, target):
    item = item_in(session, source, head_nurse)
    assert ItemStatus(target) not in ledger.allowed_transitions(item)
    with pytest.raises(ValidationError) as err:
        ledger.move_item(session, item.id, target, **_details(source, target, head_nurse))
    text = str(err.value)
    assert ItemStatus(source).label in text and ItemStatus(target).label in text
    assert ledger.get_item(session, item.id).status == source


def test_closing_requires_verifier_date_and_evaluation(session, head_nurse):
    item = item_in(session, "awaiting_verification", head_nurse)
    with pytest.raises(ValidationError) as err:
        ledger.verify_and_close(session, item.id)
    assert err.value.fields == ["verifier_id", "verified_on", "effect_evaluation"]
    assert "验证人" in str(err.value) and "验证日期" in str(err.value) and "效果评价" in str(err.value)
    assert item.status == "awaiting_verification"


@pytest.mark.parametrize("missing", ["verifier_id", "verified_on", "effect_evaluation"])
def test_closing_requires_verifier(session, head_nurse, missing):
    item = item_in(session, "awaiting_verification", head_nurse)
    details = dict(verifier_id=head_nurse.id, verified_on=FOUND + timedelta(days=5), effect_evaluation="有效")
    details[missing] = None
    with pytest.raises(ValidationError) as err:
        ledger.verify_and_close(session, item.id, **details)
    assert err.value.fields == [missing]


def test_verified_before_found_is_refused(session, head_nurse):
    item = item_in(session, "awaiting_verification", head_nurse)
    with pytest.raises(ValidationError) as err:
        ledger.verify_and_close(session, item.id, verifier_id=head_nurse.id, verified_on=FOUND - timedelta(days=1),
                                effect_evaluation="有效")
    assert err.value.fields == ["verified_on"] and "早于" in str(err.value)


def test_close_records_verifier_and_closed_on(session, head_nurse):
    item = item_in(session, "closed", head_nurse)
    assert item.verifier is head_nurse and item.closed_on == item.verified_on == FOUND + timedelta(days=20)
    assert ledger.allowed_transitions(item) == []


def test_failed_verification_needs_reason_and_leaves_a_note(session, head_nurse):
    item = item_in(session, "awaiting_verification", head_nurse)
    with pytest.raises(ValidationError) as err:
        ledger.reject_verification(session, item.id, reason="")
    assert err.value.fields == ["reason"]
    ledger.reject_verification(session, item.id, reason="仍有漏签", on=FOUND + timedelta(days=3))
    assert item.status == "in_progress"
    assert [n.note for n in item.progress] == ["验证未通过：仍有漏签"]
    assert item.progress[0].author == "测试护士长"


def test_progress_notes(session, nurse):
    item = new_item(session)
    note = ledger.add_progress_note(session, item.id, note="已组织全员学习书写规范", date=FOUND + timedelta(days=2))
    assert note.item is item and item.progress == [note]
    with pytest.raises(ValidationError) as err:
        ledger.add_progress_note(session, item.id, note=" ", date=FOUND - timedelta(days=1))
    assert set(err.value.fields) == {"note", "date"}


def test_closed_item_cannot_be_edited(session, head_nurse):
    item = item_in(session, "closed", head_nurse)
    with pytest.raises(ValidationError):
        ledger.update_item(session, item.id, measures="再培训")


def test_update_refuses_status_and_unknown_fields(session):
    item = new_item(session)
    with pytest.raises(TypeError):
        ledger.update_item(session, item.id, status="closed")
    with pytest.raises(TypeError):
        ledger.update_item(session, item.id, colour="red")


def test_update_validates_merged_record(session):
    item = new_item(session)
    with pytest.raises(ValidationError) as err:
        ledger.update_item(session, item.id, deadline=FOUND - timedelta(days=2))
    assert err.value.fields == ["deadline"]
    ledger.update_item(session, item.id, measures="每周抽查")
    assert item.measures == "每周抽查"


def test_list_items_filters(session, nurse, head_nurse):
    overdue = new_item(session, problem="床头卡缺失", responsible_id=nurse.id)
    late_closed = item_in(session, "closed", head_nurse)
    future = new_item(session, problem="抢救车未清点", found_on=today(), deadline=today() + timedelta(days=10))
    assert ledger.list_items(session, overdue_only=True) == [overdue]
    assert ledger.list_items(session, status="closed") == [late_closed]
    assert ledger.list_items(session, responsible_id=nurse.id) == [overdue]
    assert ledger.list_items(session, search="抢救车") == [future]
    assert ledger.list_items(session, source_kind="meeting") == []
    assert ledger.overdue_items(session) == [overdue]
    assert rules.overdue_on(overdue, today())


def test_items_open_in_month(session, head_nurse):
    closed = item_in(session, "closed", head_nurse)  # found 03-10, closed 03-30
    assert ledger.items_open_in(session, Period(2026, 3)) == [closed]
    assert ledger.items_open_in(session, Period(2026, 4)) == []
    assert ledger.items_open_in(session, Period(2026, 2)) == []


def test_delete_and_restore(session):
    item = new_item(session)
    ledger.delete_item(session, item.id)
    assert ledger.list_items(session) == []
    ledger.restore_item(session, item.id)
    assert ledger.list_items(session) == [item]


def test_refused_transition_in_english(session):
    from qmsdesk.i18n import set_language

    item = new_item(session)
    set_language("en")
    try:
        with pytest.raises(ValidationError) as err:
            ledger.move_item(session, item.id, "closed")
        assert str(err.value) == "An item cannot go from 'Open' to 'Closed'."
    finally:
        set_language("zh_CN")


def test_item_rows_count_days_overdue_as_the_rules_do(session):
    """The ledger page's rows come through the SQLite driver itself; their dates and days overdue must be
    what the ORM objects and rules.days_overdue say, for every status and closing date."""
    day = date(2026, 10, 20)
    made = []
    for i, (status, deadline, closed, verified) in enumerate(itertools.product(
            ("open", "in_progress", "closed"), (date(2026, 10, 1), date(2026, 10, 20), date(2026, 11, 1)),
            (None, date(2026, 10, 10), date(2026, 10, 25)), (None, date(2026, 10, 15)))):
        item = m.RectificationItem(source_kind="other", category="护理文书", problem=f"问题{i}",
                                   found_on=date(2026, 9, 1), deadline=deadline, status=status,
                                   closed_on=closed if status == "closed" else None,
                                   verified_on=verified if status == "closed" else None)
        session.add(item)
        made.append(item)
    session.flush()
    rows = {r.id: r for r in ledger.item_rows(session, day)}
    assert len(rows) == len(made)
    assert any(r.days_overdue for r in rows.values()) and not all(r.days_overdue for r in rows.values())
    for item in made:
        row = rows[item.id.hex]
        assert (row.found_on, row.deadline, row.closed_on) == (item.found_on, item.deadline, item.closed_on)
        assert row.days_overdue == rules.days_overdue(item, day), (item.status, item.deadline, item.closed_on)
