"""A ward's month of records for the sync tests (imported by conftest and the tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from qmsdesk.db import models as m

PERIOD = "2026-10"
FULL_MRN = "ZY2026081234"
LOCAL = timezone(timedelta(hours=8))


def seed_month(s) -> dict:
    """A ward's October 2026: one record of every kind, a deleted meeting, an item carried from September."""
    head = m.Staff(name="王护士长", employee_no="N001", profession="nurse", title="主管护师")
    nurse = m.Staff(name="张𠮷", employee_no="N002", profession="nurse", title="护师")
    other = m.Staff(name="赵不相关", employee_no="N099", profession="nurse")
    s.add_all([head, nurse, other])
    s.flush()
    meeting = m.Meeting(kind="group_monthly", date=date(2026, 10, 8), place="示教室", host_id=head.id,
                        minutes="讨论跌倒防范", decisions="加强夜班巡视")
    gone = m.Meeting(kind="safety", date=date(2026, 10, 20), place="会议室", minutes="录入错误")
    s.add_all([meeting, gone])
    s.flush()
    s.add_all([m.MeetingAttendance(meeting_id=meeting.id, staff_id=head.id, status="present"),
               m.MeetingAttendance(meeting_id=meeting.id, staff_id=nurse.id, status="absent"),
               m.MeetingProblem(meeting_id=meeting.id, category="跌倒", description="夜间如厕跌倒风险评估不到位")])
    training = m.TrainingSession(topic="防跌倒培训", category="safety_law", hours=2.0, date=date(2026, 10, 12))
    s.add(training)
    s.flush()
    s.add(m.TrainingAttendance(session_id=training.id, staff_id=nurse.id, status="present"))
    s.add(m.Assessment(staff_id=nurse.id, kind="theory", subject="防跌倒", date=date(2026, 10, 12), score=86))
    fall = m.IndicatorDefinition(code="NUR-FALL", name_zh="住院患者跌倒发生率", name_en="Falls", numerator_def="跌倒例次",
                                 denominator_def="住院患者实际占用床日数", kind="rate", multiplier=1000, direction="lower")
    s.add(fall)
    s.flush()
    s.add(m.IndicatorValue(indicator_id=fall.id, period=PERIOD, numerator=2, denominator=3100))
    s.add(m.IndicatorValue(indicator_id=fall.id, period="2026-09", numerator=1, denominator=3000))
    inspection = m.Inspection(kind="self", date=date(2026, 10, 15), inspector="护理部", topic="病区管理", typed_score=92)
    s.add(inspection)
    s.flush()
    s.add(m.InspectionFinding(inspection_id=inspection.id, category="环境", description="床栏未拉起"))
    event = m.AdverseEvent(occurred_at=datetime(2026, 10, 9, 22, 30, tzinfo=LOCAL),
                           reported_at=datetime(2026, 10, 10, 8, 0, tzinfo=LOCAL), category="fall", grade="III",
                           description=f"患者（病案号 {FULL_MRN}）夜间如厕跌倒", medical_record_no=FULL_MRN,
                           reporter_id=nurse.id)
    s.add(event)
    carried = m.RectificationItem(source_kind="meeting", category="跌倒", problem="夜班巡视不足",
                                  found_on=date(2026, 9, 20), deadline=date(2026, 11, 30), responsible_id=head.id)
    old = m.RectificationItem(source_kind="meeting", category="其他", problem="九月已销号", found_on=date(2026, 8, 1),
                              deadline=date(2026, 9, 1), status="closed", closed_on=date(2026, 9, 5))
    s.add_all([carried, old])
    s.flush()
    s.add(m.ProgressNote(item_id=carried.id, date=date(2026, 10, 18), note="已排班增加巡视", author="王护士长"))
    s.flush()
    gone.deleted = True
    s.flush()
    return {"head": head, "nurse": nurse, "other": other, "meeting": meeting, "gone": gone, "event": event,
            "carried": carried, "old": old, "training": training, "inspection": inspection}
