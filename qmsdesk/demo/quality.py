"""Demo quality work: inspections and findings, adverse events, monthly indicator values, meetings."""

from __future__ import annotations

from datetime import timedelta

from qmsdesk.db import models as m
from qmsdesk.db.enums import EventGrade
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import Demo
from qmsdesk.periods import Period
from qmsdesk.services.catalogue import install_catalogue

# kind -> month indexes (0 = 2025-11) of that kind of inspection; self-inspection is monthly.
INSPECTION_MONTHS = {"self": range(12), "functional": (1, 4, 7, 10), "cross": (1, 4, 7, 10), "flying": (6, 10)}
BEDS = 45


def write_inspections(d: Demo) -> None:
    used = {kind: 0 for kind in t.FINDINGS}
    for kind, months in INSPECTION_MONTHS.items():
        inspector, topics = t.INSPECTORS[kind]
        for n, index in enumerate(months):
            when = d.weekday_near(d.day(index, {"self": 12, "functional": 18, "cross": 9, "flying": 3}[kind]
                                        + d.rng.randint(0, 5)))
            count = 2 if kind == "flying" or d.rng.random() < 0.3 else 1
            if kind == "flying" and index == 6:
                count = 1
            score = round(d.rng.uniform(90, 98), 1) - 2.5 * count
            ins = d.add(m.Inspection(
                kind=kind, date=when, inspector=inspector, topic=topics[n % len(topics)], score=round(score, 1),
                summary=f"共检查{d.rng.randint(8, 15)}项，发现问题{count}项，已反馈科室。",
            ))
            d.session.flush()  # stored before its findings, so the month-lock hook finds it without a query
            bank = t.FINDINGS[kind]
            for _ in range(count):
                entry = bank[used[kind] % len(bank)]
                used[kind] += 1
                f = d.add(m.InspectionFinding(inspection_id=ins.id, category=entry[0], description=entry[1]))
                d.findings.append((f, entry, when))


def write_events(d: Demo) -> None:
    reporters = [s for s in d.staff if s.profession in ("nurse", "doctor") and s.active]
    for index, day, hour, category, grade, _tube, text, action, analysis, anonymous in sorted(
        t.EVENTS, key=lambda e: (e[0], e[1])
    ):
        on = d.day(index, day)
        occurred = d.local_time(on, hour, d.rng.choice((5, 10, 20, 30, 40, 50)))
        delay = timedelta(hours=d.rng.randint(1, 3) if grade in ("I", "II") else d.rng.randint(2, 20))
        staff_on_duty = [s for s in reporters if d.employed_on(s, on)]
        d.events.append(d.add(m.AdverseEvent(
            occurred_at=occurred, reported_at=occurred + delay, category=category, grade=grade,
            description=text, immediate_action=action, analysis=analysis,
            medical_record_no=f"{d.month(index).year % 100:02d}{d.rng.randint(10_000_000, 99_999_999)}",
            reporter_id=None if anonymous else d.rng.choice(staff_on_duty).id,
        )))


def _events_in(d: Demo, p: Period, category: str, tube: str | None = None) -> int:
    rows = [e for e in t.EVENTS if d.month(e[0]) == p and e[3] == category and (tube is None or e[5] == tube)]
    return len(rows)


def _census(d: Demo, p: Period) -> dict[str, int]:
    winter = p.month in (12, 1, 2)
    days = p.last_day.day
    occupancy = d.rng.uniform(0.93, 1.02) if winter else d.rng.uniform(0.86, 0.96)
    patient_days = int(BEDS * days * occupancy)
    nurses = d.nurses_at(p.last_day)
    return {
        "patient_days": patient_days, "discharges": int(patient_days / d.rng.uniform(5.6, 6.4)),
        "nurses": len(nurses), "days": days,
    }


def _value(d: Demo, code: str, p: Period, c: dict[str, int]) -> tuple[int, int | None, str | None]:
    """Numerator, denominator and note of one indicator in one month, consistent with the events."""
    rng, idx = d.rng, d.months.index(p)
    uex = {"NUR-UEX-ETT": (8, 25), "NUR-UEX-GT": (60, 110), "NUR-UEX-CVC": (80, 140),
           "NUR-UEX-PICC": (150, 230), "NUR-UEX-UC": (260, 340)}
    if code == "NUR-FALL":
        n = _events_in(d, p, "fall")
        return n, c["patient_days"], f"本月跌倒/坠床{n}例，均已上报不良事件" if n else None
    if code == "NUR-PI":
        n = _events_in(d, p, "pressure_injury")
        return n, c["discharges"] + rng.randint(35, 50), "院内新发2期压力性损伤" if n else None
    if code == "NUR-RESTRAINT":
        n = rng.randint(70, 76) if idx == 10 else rng.randint(28, 55)
        return n, c["patient_days"], "8—9月躁动、谵妄患者增多" if idx == 10 else None
    if code in uex:
        return _events_in(d, p, "unplanned_extubation", code), rng.randint(*uex[code]), None
    if code == "NUR-CAUTI":
        n = {9: 1, 10: 3, 11: 1}.get(idx, 0)  # a cluster in September: a control-chart signal
        return n, rng.randint(270, 330), "经院感科确认" if n else None
    if code == "NUR-CLABSI":
        return (1 if idx == 6 else 0), rng.randint(240, 360), None
    if code == "NUR-BED-RATIO":
        return c["nurses"], BEDS, None
    if code == "NUR-PATIENT-RATIO":
        return round(c["patient_days"] / c["days"]), 7, None
    if code == "NUR-HOURS":
        return c["nurses"] * 8 * 22 + rng.randint(-60, 120), c["patient_days"], None
    if code.startswith("NUR-LEVEL-"):
        level = code.rsplit("-", 1)[1]
        nurses = d.nurses_at(p.last_day)
        return sum(1 for s in nurses if s.nursing_level == level), len(nurses), None
    if code == "NUR-TURNOVER":
        left = sum(1 for s in d.staff if s.profession == "nurse" and s.left_on and p.contains(s.left_on))
        return left, len(d.nurses_at(p.first_day)), "1名护士因家庭原因离职" if left else None
    if code == "NIT-AE-REPORT":
        events = sum(1 for e in t.EVENTS if d.month(e[0]) == p)
        return events + rng.randint(2, 6), c["discharges"], None
    if code == "NIT-VTE":
        at_risk = rng.randint(85, 120)
        share = 0.86 if idx == 3 else rng.uniform(0.91, 0.97)
        return int(at_risk * share), at_risk, None
    if code == "NIT-PATHOGEN":
        treated = rng.randint(30, 45)
        return int(treated * rng.uniform(0.55, 0.72)), treated, None
    if code == "NIT-IV":
        share = 0.83 if idx == 2 else rng.uniform(0.70, 0.78)
        return int(c["discharges"] * share), c["discharges"], None
    return 0, 100, None  # an indicator added to the catalogue later: entered as none observed


def write_indicators(d: Demo) -> None:
    defs = [x for x in install_catalogue(d.session, "inpatient_medical") if x.applicable]
    for p in d.months:
        census = _census(d, p)
        for definition in defs:
            numerator, denominator, note = _value(d, definition.code, p, census)
            if definition.kind == "count":
                denominator = None
            d.values.append(d.add(m.IndicatorValue(
                indicator_id=definition.id, period=str(p), numerator=float(numerator),
                denominator=None if denominator is None else float(denominator), note=note,
            )))
            d.values[-1].indicator = definition


def _attendance(d: Demo, meeting: m.Meeting, people: list[m.Staff], host: m.Staff) -> int:
    present = 0
    for s in people:
        roll = d.rng.random()
        status = "present" if s is host or roll < 0.85 else ("excused" if roll < 0.95 else "absent")
        present += status == "present"
        d.add(m.MeetingAttendance(meeting_id=meeting.id, staff_id=s.id, status=status))
    return present


def _grades(events: list[m.AdverseEvent]) -> str:
    if not events:
        return "本月无不良事件上报"
    counts = {g.value: sum(1 for e in events if e.grade == g.value) for g in EventGrade}
    roman = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ"}
    parts = "，".join(f"{roman[g]}级{n}例" for g, n in counts.items() if n)
    return f"本月上报不良事件{len(events)}例（{parts}）"


def write_group_meetings(d: Demo) -> None:
    leader, deputy = d.posts["科主任"], d.posts["护士长"]
    recorder = d.posts["护理质控员"]
    members = [s for s, _ in d.group]
    for index, ((agenda, decisions), problems) in enumerate(zip(t.MONTH_THEMES, t.MEETING_PROBLEMS, strict=True)):
        p = d.month(index)
        when = d.weekday_near(d.day(index, d.rng.randint(24, 28)))
        host = deputy if index in (4, 9) else leader
        mt = d.add(m.Meeting(kind="group_monthly", date=when, place=t.WARD_PLACE, host_id=host.id,
                             recorder_id=recorder.id))
        d.session.flush()
        present = _attendance(d, mt, members, host)
        month_events = [e for e in d.events if Period.of(e.occurred_at) == p]
        month_findings = [entry for _f, entry, on in d.findings if p.contains(on)]
        mt.agenda = "\n".join(f"{i}. {line}" for i, line in enumerate(agenda, 1))
        mt.decisions = "\n".join(f"{i}. {line}" for i, line in enumerate(decisions, 1))
        mt.minutes = "\n".join((
            f"应到{len(members)}人，实到{present}人，{host.name}主持，{recorder.name}记录。",
            f"1. {deputy.name}护士长通报：{_grades(month_events)}。",
            f"2. {recorder.name}反馈本月检查情况："
            + ("；".join(e[1] for e in month_findings) if month_findings else "未发现明显问题") + "。",
            f"3. 围绕本月议题逐项讨论，提出问题{len(problems)}项：" + "；".join(x[1] for x in problems) + "。",
            f"4. {leader.name}主任总结：" + "；".join(decisions) + "。",
        ))
        d.meetings.append(mt)
        for entry in problems:
            mp = d.add(m.MeetingProblem(meeting_id=mt.id, category=entry[0], description=entry[1]))
            d.problems.append((mp, entry))


OTHER_MEETINGS = (
    (1, "safety", "冬季医疗安全形势分析", "通报全院及本科室不良事件，强调冬季跌倒及心衰加重患者风险。"),
    (3, "case_discussion", "急性广泛前壁心肌梗死合并心源性休克病例讨论", "讨论急诊PCI时机及IABP使用指征。"),
    (4, "safety", "一季度医疗安全分析", "分析一季度不良事件，重点讨论抗凝药物给药安全。"),
    (6, "morbidity_mortality", "一例扩张型心肌病终末期患者死亡讨论", "回顾救治过程，符合诊疗规范，提出加强姑息治疗沟通。"),
    (7, "safety", "二季度医疗安全分析", "分析管路滑脱及输液反应事件，强调管路固定及输液巡视。"),
    (8, "case_discussion", "难治性心力衰竭病例讨论", "讨论利尿剂抵抗处理及超滤治疗指征。"),
    (10, "morbidity_mortality", "跌倒致股骨颈骨折病例讨论", "分析镇静药物使用后跌倒风险评估缺失，提出用药后复评。"),
    (10, "safety", "三季度医疗安全分析", "跌倒事件连续发生，部署夜间巡视及如厕协助措施。"),
)


def write_other_meetings(d: Demo) -> None:
    for index, kind, topic, minutes in OTHER_MEETINGS:
        when = d.weekday_near(d.day(index, d.rng.randint(10, 20)))
        host = d.posts["科主任"]
        mt = d.add(m.Meeting(kind=kind, date=when, place=t.WARD_PLACE, host_id=host.id,
                             recorder_id=d.posts["医疗质控员"].id, agenda=topic, minutes=minutes))
        d.session.flush()
        people = [s for s in d.clinical(when, "doctors")] + [s for s in d.nurses_at(when) if s.nursing_level in ("N3", "N4")]
        _attendance(d, mt, people, host)
