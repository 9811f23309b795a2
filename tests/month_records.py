"""A small but complete month of records (2026-10) for the report and submission tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from qmsdesk.db import models as m
from qmsdesk.periods import Period

PERIOD = "2026-10"
FULL_RECORD_NO = "2026001234"
FORMULA_TEXT = "=HYPERLINK(\"http://x\",\"点我\")"
RARE_NAME = "𠮷"


def _definition(code: str, name: str, kind: str, mult: float, direction: str, target: float | None,
                warning: float | None = None) -> m.IndicatorDefinition:
    return m.IndicatorDefinition(
        code=code, name_zh=name, name_en=code, numerator_def="分子", denominator_def="分母", kind=kind,
        multiplier=mult, unit="%" if kind == "proportion" else "‰", direction=direction, target=target,
        warning=warning, department_types=["inpatient_medical"], applicable=True,
    )


def seed_month(s, *, complete: bool = True) -> dict:
    """Records of a ward for 2026-10 plus a year of indicator history; `complete=False` leaves gaps."""
    unit = m.Unit(hospital_code="H001", hospital_name="示例县人民医院", department_code="D012",
                  department_name="心血管内科", department_type="inpatient_medical", deadline_day=5)
    head = m.Staff(name="王护士长", employee_no="N001", profession="nurse", nursing_level="N4")
    director = m.Staff(name="李主任", employee_no="D001", profession="doctor")
    nurse = m.Staff(name=f"张{RARE_NAME}", employee_no="N002", profession="nurse", nursing_level="N2")
    s.add_all([unit, head, director, nurse])
    s.flush()
    fall = _definition("NUR-FALL", "住院患者跌倒发生率", "rate", 1000, "lower", 0.5)
    vte = _definition("NIT-VTE", "VTE规范预防率", "proportion", 100, "higher", 90, 92)
    pi = _definition("NUR-PI", "院内压力性损伤发生率(2期及以上)", "proportion", 100, "lower", 0.2)
    s.add_all([fall, vte, pi])
    s.flush()
    p = Period.parse(PERIOD)
    for k in range(1, 13):
        past = p
        for _ in range(k):
            past = past.previous()
        s.add(m.IndicatorValue(indicator_id=fall.id, period=str(past), numerator=1, denominator=3000 + 10 * k))
        s.add(m.IndicatorValue(indicator_id=vte.id, period=str(past), numerator=90 + k % 3, denominator=100))
    values = {
        "fall": m.IndicatorValue(indicator_id=fall.id, period=PERIOD, numerator=3, denominator=3100),
        "vte": m.IndicatorValue(indicator_id=vte.id, period=PERIOD, numerator=85, denominator=100),
    }
    if complete:
        values["pi"] = m.IndicatorValue(indicator_id=pi.id, period=PERIOD, numerator=0, denominator=0)
    s.add_all(values.values())
    meeting = None
    if complete:
        meeting = m.Meeting(kind="group_monthly", date=date(2026, 10, 28), place="示教室", host_id=director.id,
                            recorder_id=head.id, agenda="本月质控指标分析", minutes=FORMULA_TEXT,
                            decisions="加强夜班巡视", follow_up="上月问题已整改")
        s.add(meeting)
        s.flush()
        s.add_all([m.MeetingAttendance(meeting_id=meeting.id, staff_id=x.id, status="present")
                   for x in (head, director)])
        s.add(m.MeetingAttendance(meeting_id=meeting.id, staff_id=nurse.id, status="excused"))
        s.add(m.MeetingProblem(meeting_id=meeting.id, category="护理", description="跌倒风险评估不及时"))
    training = m.TrainingSession(topic="医疗安全与法律法规", category="safety_law", hours=2, trainer="李主任",
                                 date=date(2026, 10, 15), place="示教室")
    s.add(training)
    s.flush()
    s.add_all([m.TrainingAttendance(session_id=training.id, staff_id=x.id, status="present") for x in (head, nurse)])
    s.add(m.Assessment(staff_id=nurse.id, kind="theory", subject="三基理论", date=date(2026, 10, 20), score=86))
    s.add(m.Assessment(staff_id=head.id, kind="practical", subject="心肺复苏", date=date(2026, 10, 20), score=72))
    # An inspection recorded before scored checklists: its score was typed and is kept as typed.
    insp = m.Inspection(kind="functional", date=date(2026, 10, 9), inspector="护理部", topic="护理文书", typed_score=92.5,
                        summary="-整体良好")
    s.add(insp)
    s.flush()
    s.add(m.InspectionFinding(inspection_id=insp.id, category="文书", description="护理记录签名不全"))
    scored = _scored_inspection(s)
    event = m.AdverseEvent(
        occurred_at=datetime(2026, 10, 12, 2, 30, tzinfo=UTC), reported_at=datetime(2026, 10, 12, 4, tzinfo=UTC),
        category="fall", grade="II", description=f"患者（病案号 {FULL_RECORD_NO}）夜间如厕跌倒",
        immediate_action="查体、通知医生", analysis="夜间照明不足" if complete else None,
        medical_record_no=FULL_RECORD_NO, reporter_id=None, harm_level="mild" if complete else None)
    s.add(event)
    s.flush()
    if complete:
        _root_cause_analysis(s, event, head)
    open_item = m.RectificationItem(
        source_kind="inspection", category="文书", problem="护理记录签名不全", found_on=date(2026, 9, 9),
        root_cause="交班匆忙", measures="每班核查", responsible_id=head.id, deadline=date(2026, 10, 1),
        status="in_progress")
    closed_item = m.RectificationItem(
        source_kind="meeting", category="安全", problem="床栏使用不规范", found_on=date(2026, 10, 2),
        measures="培训并抽查", responsible_id=head.id, deadline=date(2026, 10, 25), status="closed",
        verifier_id=director.id if complete else None, verified_on=date(2026, 10, 24) if complete else None,
        effect_evaluation="抽查合格", closed_on=date(2026, 10, 24))
    s.add_all([open_item, closed_item])
    s.flush()
    return {"unit": unit, "head": head, "director": director, "nurse": nurse, "fall": fall, "vte": vte,
            "pi": pi, "values": values, "meeting": meeting, "event": event, "open_item": open_item,
            "closed_item": closed_item, "training": training, "scored": scored}


def _scored_inspection(s) -> m.Inspection:
    """The ward's self-inspection of 2026-10 with the shipped 护理文书 checklist: two items lost points."""
    from qmsdesk.services.checklists import install_templates, read_template, templates_dir

    template = install_templates(s, [read_template(templates_dir() / "nursing_documents.toml")])[0]
    insp = m.Inspection(kind="self", date=date(2026, 10, 14), inspector="王护士长", topic=template.name,
                        template_id=template.id)
    s.add(insp)
    s.flush()
    lines = {i.code: i for i in template.items}
    s.add(m.InspectionItem(inspection_id=insp.id, template_item_id=lines["DOC-09"].id, deduction=4, sample_size=5,
                           failures=2, reason="2份跌倒风险未按时复评"))
    s.add(m.InspectionItem(inspection_id=insp.id, template_item_id=lines["DOC-16"].id, deduction=1, sample_size=5,
                           failures=1, reason="=修改未签名"))
    s.flush()
    return insp


def _root_cause_analysis(s, event: m.AdverseEvent, head: m.Staff) -> None:
    analysis = m.EventAnalysis(event_id=event.id, analysed_on=date(2026, 10, 14), team="护士长、责任护士",
                               whys=["为什么跌倒：夜间独自如厕", "为什么独自如厕：未呼叫护士", "为什么未呼叫：不知道自己是跌倒高危"],
                               root_cause="入院时跌倒风险评估后未向患者及家属告知", lessons="高危患者告知须签字并复述")
    s.add(analysis)
    s.flush()
    s.add(m.EventFactor(analysis_id=analysis.id, category="man", code="MAN-EDU", primary=True))
    s.add(m.EventFactor(analysis_id=analysis.id, category="environment", code="ENV-LIGHT", note="卫生间夜灯损坏"))
    s.add(m.RectificationItem(source_kind="event", event_id=event.id, category="跌倒", problem="高危患者告知不到位",
                              found_on=date(2026, 10, 13), deadline=date(2026, 11, 13), responsible_id=head.id,
                              measures="告知书签字并复述"))
