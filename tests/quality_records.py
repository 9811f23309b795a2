"""A ward's quality-tool records through the services: scored self-inspections over months, a grade II fall with
its complete RCA, a ward-defined audit indicator and a falls PDCA project walked to its close."""

from __future__ import annotations

from datetime import UTC, date, datetime

from qmsdesk.db import models as m
from qmsdesk.services import checklists, events, ledger, pdca, rca, scoring

PERIOD = "2026-10"
RECORD_NO = "ZY20261012"
# The audit indicator: 7/8/6 of 10 at baseline (Jan–Mar), the change in April, 9 or 10 of 10 after.
AUDIT = {"2026-01": 7, "2026-02": 8, "2026-03": 6, "2026-04": 9, "2026-05": 10, "2026-06": 9, "2026-07": 10,
         "2026-08": 10, "2026-09": 10, "2026-10": 10}


def seed_quality(s, *, unit: bool = True) -> dict:
    """Everything written through the services (ids are random: one call per database)."""
    if unit:
        s.add(m.Unit(hospital_code="H001", hospital_name="示例县人民医院", department_code="D012",
                     department_name="心血管内科", department_type="inpatient_medical", deadline_day=5))
    head = m.Staff(name="王护士长", employee_no="N001", profession="nurse")
    director = m.Staff(name="李主任", employee_no="D001", profession="doctor")
    audit = m.IndicatorDefinition(code="K-FALL-PREV", name_zh="跌倒高危患者防范措施落实率", name_en="audit",
                                  numerator_def="全部落实", denominator_def="查检人数", kind="proportion", multiplier=100,
                                  unit="%", direction="higher", target=95, applicable=True, custom=True)
    s.add_all([head, director, audit])
    s.flush()
    for period, n in AUDIT.items():
        s.add(m.IndicatorValue(indicator_id=audit.id, period=period, numerator=n, denominator=10))
    checklists.install_templates(s)
    safe = checklists.find_template(s, "NUR-SAFE")
    inspections = []
    for day, deductions in ((date(2026, 1, 20), {"SAFE-02": 2, "SAFE-03": 2}), (date(2026, 2, 20), {"SAFE-02": 2}),
                            (date(2026, 10, 20), {"SAFE-02": 1, "SAFE-01": 1})):
        ins = scoring.start_inspection(s, template_id=safe.id, kind="self", date=day, inspector="王护士长")
        for code, failures in deductions.items():
            scoring.score_item(s, ins.id, code, failures=failures, sample_size=5,
                               reason=f"{failures}名患者不符合（病案号 {RECORD_NO}）")
        inspections.append(ins)
    fall = events.report_event(s, occurred_at=datetime(2026, 10, 12, 18, 30, tzinfo=UTC), category="fall", grade="II",
                               harm_level="moderate", description="夜间如厕跌倒，额部裂伤缝合3针",
                               reported_at=datetime(2026, 10, 12, 20, tzinfo=UTC), medical_record_no=RECORD_NO)
    rca.analyse_event(s, fall.id, analysed_on=date(2026, 10, 15), team="护士长、责任护士",
                      whys=["为什么跌倒：夜间独自如厕", "为什么独自：未按铃", f"为什么未按铃：{RECORD_NO} 患者不知高危"],
                      root_cause="高危告知未确认", lessons="宣教复述并签字")
    rca.set_factors(s, fall.id, [{"code": "MAN-EDU", "primary": True}, {"code": "ENV-LIGHT", "note": "夜灯损坏"}])
    ledger.item_from_event(s, fall.id, responsible_id=head.id, measures="宣教复述并签字")
    project = _project(s, head, director)
    return {"head": head, "director": director, "audit": audit, "inspections": inspections, "fall": fall,
            "project": project, "safe": safe}


def _project(s, head, director) -> m.PdcaProject:
    p = pdca.create_project(s, title="提高跌倒高危患者防范措施落实率", reason="患者安全自查跌倒条目反复扣分",
                            started_on=date(2026, 1, 25), leader_id=head.id, team="护士长、质控员",
                            baseline_start="2026-01", baseline_end="2026-03",
                            current_state="查检30人次，全部落实21人次")
    pdca.add_indicator(s, p.id, code="K-FALL-PREV", target=95)
    pdca.set_analysis_source(s, p.id, kind="checklist", start="2026-01", end="2026-03", template_code="NUR-SAFE")
    cause = pdca.add_cause(s, p.id, category="method", description="宣教无复述确认", key_cause=True,
                           verification="访谈20人，能复述9人")
    pdca.add_cause(s, p.id, category="environment", description="卫生间无扶手")
    pdca.add_countermeasure(s, p.id, what="宣教复述确认并签字", why="患者未掌握要点", where="病区", how="修订宣教单",
                            responsible_id=head.id, deadline=date(2026, 4, 20), cause_id=cause.id, found_on=date(2026, 3, 28))
    pdca.move(s, p.id, "do", on=date(2026, 3, 30))
    pdca.update_project(s, p.id, change_period="2026-05")
    pdca.add_log(s, p.id, on=date(2026, 4, 2), note="宣教单启用，全员培训")
    pdca.move(s, p.id, "check", on=date(2026, 5, 6))
    pdca.update_project(s, p.id, check_summary="落实率由70%升至98%")
    pdca.move(s, p.id, "act", on=date(2026, 8, 3))
    pdca.update_project(s, p.id, standardization="修订《跌倒预防护理常规》", next_cycle="聚焦夜间如厕")
    item = s.query(m.RectificationItem).filter_by(countermeasure_id=p.countermeasures[0].id).one()
    ledger.start_work(s, item.id, on=date(2026, 4, 1))
    ledger.submit_for_verification(s, item.id, on=date(2026, 4, 18))
    ledger.verify_and_close(s, item.id, verifier_id=director.id, verified_on=date(2026, 4, 25),
                            effect_evaluation="抽查全部合格")
    pdca.move(s, p.id, "closed", on=date(2026, 10, 8))
    return p
