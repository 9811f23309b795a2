"""Demo meetings: the monthly group meeting (agenda, minutes, decisions, problems) and the other meetings.

Minutes only report what had happened by the meeting: the events reported and the inspections held since
the previous meeting, and last month's indicators (entered at its end). The agenda mixes what belongs to
the time of year, one routine topic, and the story's step for that month (qmsdesk.demo.story).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from qmsdesk.db import models as m
from qmsdesk.demo import story
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import Demo

ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ"}
CATEGORY_ZH = {"fall": "跌倒/坠床", "pressure_injury": "压力性损伤", "medication_error": "给药",
               "unplanned_extubation": "非计划拔管", "transfusion": "输血", "infusion_reaction": "输液反应",
               "identification": "身份识别", "equipment": "医疗设备", "other": "其他"}
# Count indicators whose month is a handful of events: reported as counts, never as a rate that missed.
RARE = {"NUR-FALL": "跌倒", "NUR-PI": "院内压力性损伤", "NUR-UEX-ETT": "气管导管非计划拔管",
        "NUR-UEX-GT": "胃管非计划拔管", "NUR-UEX-CVC": "CVC非计划拔管", "NUR-UEX-PICC": "PICC非计划拔管",
        "NUR-UEX-UC": "导尿管非计划拔管", "NUR-CAUTI": "导尿管相关尿路感染", "NUR-CLABSI": "导管相关血流感染",
        "NUR-TURNOVER": "护士离职"}


def _topics(d: Demo) -> dict[int, str | None]:
    """The routine topic of each month: a few tied to what happened, the rest drawn; none in the months
    the story fills (the PDCA plan, the CAUTI cluster)."""
    placed = dict(t.PLACED_TOPICS)
    if d.last.month < 9:
        placed.pop(11)  # early in a year the training rule is not yet behind
    free = [k for k in t.ROUTINE_TOPICS if k not in placed.values()]
    d.rng.shuffle(free)
    out: dict[int, str | None] = {}
    for index in range(len(d.months)):
        if index in (4, 7):
            out[index] = None
        else:
            out[index] = placed.get(index) or free.pop()
    return out


def _story_words(d: Demo) -> dict[str, str]:
    def on(key: str) -> date:
        return d.story[key].date

    closed = {i.source: d.day(*i.closed) for i in story.ITEMS}
    days = {"falls_check": on("falls-check"), "recheck_1": on("falls-recheck-1"), "recheck_2": on("falls-recheck-2"),
            "cauti_check": on("cauti-check"), "cauti_recheck": on("cauti-recheck"),
            "training": d.trainings["跌倒/坠床风险评估与预防（专题培训）"][0].date,
            "cauti_training": d.trainings["导尿管相关尿路感染（CAUTI）防控集束化措施再培训"][0].date,
            "rails_done": closed["problem:pdca-rails"], "cauti_closed": closed["indicator:NUR-CAUTI"]}
    return story.meeting_words(days, {i: f"{p.month}月" for i, p in enumerate(d.months)})


def _indicator_summary(d: Demo, index: int) -> str:
    if index == 0:
        return "上月指标已上报质控办，详见上月报表"
    p = d.month(index - 1)
    values = [v for v in d.values if v.period == str(p)]
    counts = [f"{RARE[v.indicator.code]}{int(v.numerator)}例" for v in values
              if v.indicator.code in RARE and v.numerator]
    missed = []
    for v in values:
        ind = v.indicator
        if ind.code in RARE or ind.target is None or v.value is None:
            continue
        if (v.value > ind.target) if ind.direction == "lower" else (v.value < ind.target):
            sign = "≤" if ind.direction == "lower" else "≥"
            missed.append(f"{ind.name_zh}{v.value:.1f}{ind.unit}，未达目标（{sign}{ind.target:g}{ind.unit}）")
    parts = ["；".join(counts) if counts else "跌倒、压力性损伤、非计划拔管、导管相关感染均为0例"]
    parts.append("；".join(missed) + "；其余指标达标" if missed else "其余指标均达目标")
    return f"{p.month}月" + "，".join(parts)


def _events_summary(events: list[m.AdverseEvent]) -> str:
    if not events:
        return "无"
    grades = Counter(e.grade for e in events)
    parts = "，".join(f"{ROMAN[g]}级{grades[g]}例" for g in ("I", "II", "III", "IV") if grades[g])
    kinds = "、".join(CATEGORY_ZH[c] for c, _ in Counter(e.category for e in events).most_common(3))
    return f"{len(events)}例（{parts}），以{kinds}为主"


def _attendance(d: Demo, meeting: m.Meeting, people: list[m.Staff], host: m.Staff) -> int:
    present = 0
    for s in people:
        roll = d.rng.random()
        status = "present" if s is host or roll < 0.85 else ("excused" if roll < 0.95 else "absent")
        present += status == "present"
        d.add(m.MeetingAttendance(meeting_id=meeting.id, staff_id=s.id, status=status))
    return present


@dataclass
class Plan:
    """What one month's group meeting covers: agenda lines, decisions, and the problems it raises
    (story key or None, (category, problem, root cause, measures))."""

    agenda: list[str]
    decisions: list[str]
    problems: list[tuple[str | None, tuple[str, str, str, str]]]
    minutes: list[str]  # the story's lines, already worded


def _plan(d: Demo, index: int, topic_key: str | None, extra: list, words: dict[str, str]) -> Plan:
    p = d.month(index)
    scripted = story.MEETINGS.get(index, story.StoryMeeting())
    theme, theme_decision = (x.format(y=p.year) for x in t.CALENDAR_THEMES[p.month])
    topic = t.ROUTINE_TOPICS[topic_key] if topic_key else None
    agenda = [f"通报{p.previous().month}月质量指标及不良事件", theme, *scripted.agenda, *([topic[0]] if topic else [])]
    decisions = [theme_decision, *scripted.decisions, *([topic[1]] if topic else [])]
    problems = [(sp.key, (sp.category, sp.problem, sp.root, sp.measures)) for sp in scripted.problems]
    if topic and topic[2]:
        problems.append((None, topic[2]))
    if index not in (4, 7) and extra and (d.rng.random() < 0.75 or index == len(d.months) - 1):
        problems.append((None, extra.pop()))
    return Plan(agenda, decisions, problems, [line.format(**words) for line in scripted.minutes])


def _minutes(d: Demo, index: int, plan: Plan, since: date, when: date) -> list[str]:
    """The numbered body of the minutes: only what had happened between the last meeting and this one."""
    deputy, recorder, leader = d.posts["护士长"], d.posts["护理质控员"], d.posts["科主任"]
    events = [e for e in d.events if since <= d.local_date(e.occurred_at) < when]
    found = [f.description for f, _entry, on in d.findings if since <= on < when]
    found += [d.story[sf.key].description for s in story.INSPECTIONS for sf in s.findings
              if since <= d.story[s.key].date < when]
    return [
        f"{deputy.name}护士长通报{_indicator_summary(d, index)}；上次例会以来上报不良事件{_events_summary(events)}。",
        f"{recorder.name}反馈检查情况：" + ("；".join(found) if found else "未发现明显问题") + "。",
        *plan.minutes,
        f"围绕本月议题逐项讨论，提出问题{len(plan.problems)}项：" + "；".join(x[1][1] for x in plan.problems) + "。",
        f"{leader.name}主任总结：" + "；".join(plan.decisions) + "。",
    ]


def write_group_meetings(d: Demo) -> None:
    leader, deputy, recorder = d.posts["科主任"], d.posts["护士长"], d.posts["护理质控员"]
    members = [s for s, _ in d.group]
    topics, words = _topics(d), _story_words(d)
    extra = list(t.MORE_PROBLEMS)
    d.rng.shuffle(extra)
    since = d.first.first_day
    for index in range(len(d.months)):
        day = story.MEETING_DAY if index in story.MEETINGS else d.rng.randint(23, 27)
        when = d.weekday_near(d.day(index, day))
        host = deputy if index in (2, 9) else leader
        mt = d.add(m.Meeting(kind="group_monthly", date=when, place=t.WARD_PLACE, host_id=host.id,
                             recorder_id=recorder.id))
        d.session.flush()
        present = _attendance(d, mt, members, host)
        plan = _plan(d, index, topics[index], extra, words)
        mt.agenda = "\n".join(f"{i}. {line}" for i, line in enumerate(plan.agenda, 1))
        mt.decisions = "\n".join(f"{i}. {line}" for i, line in enumerate(plan.decisions, 1))
        mt.minutes = "\n".join([f"应到{len(members)}人，实到{present}人，{host.name}主持，{recorder.name}记录。"]
                               + [f"{i}. {line}" for i, line in enumerate(_minutes(d, index, plan, since, when), 1)])
        d.meetings.append(mt)
        for key, entry in plan.problems:
            mp = d.add(m.MeetingProblem(meeting_id=mt.id, category=entry[0], description=entry[1]))
            if key:
                d.story[key] = mp
            else:
                d.problems.append((mp, entry))
        since = when


# (month index, kind, topic, minutes); the falls RCA meeting follows fall-3 of the story.
OTHER_MEETINGS = (
    (1, "safety", "医疗安全形势分析", "通报全院及本科室不良事件，强调心衰加重患者夜间如厕风险。"),
    (3, "case_discussion", "急性广泛前壁心肌梗死合并心源性休克病例讨论", "讨论急诊PCI时机及IABP使用指征。"),
    (4, "safety", "跌倒事件根本原因分析（RCA）会", "对本月夜间跌倒致额部裂伤事件开展RCA，结论提交月度例会跌倒专题。"),
    (6, "morbidity_mortality", "一例扩张型心肌病终末期患者死亡讨论", "回顾救治过程，符合诊疗规范，提出加强姑息治疗沟通。"),
    (7, "safety", "季度医疗安全分析", "分析管路滑脱及输液反应事件，强调管路固定及输液巡视。"),
    (8, "case_discussion", "难治性心力衰竭病例讨论", "讨论利尿剂抵抗处理及超滤治疗指征。"),
    (10, "safety", "季度医疗安全分析", "回顾跌倒专题改进效果及CAUTI整改，部署下季度安全重点。"),
)


def write_other_meetings(d: Demo) -> None:
    for index, kind, topic, minutes in OTHER_MEETINGS:
        when = d.weekday_near(d.day(index, d.rng.randint(12, 20)))
        host = d.posts["科主任"]
        mt = d.add(m.Meeting(kind=kind, date=when, place=t.WARD_PLACE, host_id=host.id,
                             recorder_id=d.posts["医疗质控员"].id, agenda=topic, minutes=minutes))
        d.session.flush()
        people = d.clinical(when, "doctors") + [s for s in d.nurses_at(when) if s.nursing_level in ("N3", "N4")]
        _attendance(d, mt, people, host)

