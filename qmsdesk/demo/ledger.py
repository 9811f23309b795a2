"""Demo 整改台账: items from every source, their lives (qmsdesk.demo.timeline), progress notes, submissions.

Items come from the meetings' problems, some inspection findings, the events that call for more than an
on-the-spot fix, the indicator values that really missed (never a single rare event: those are followed
as events), the quality office's feedback, and the story's scripted items. Most close by their deadline;
at the last month's end and on the reading day no more than about a third of the open items are overdue.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from qmsdesk.db import models as m
from qmsdesk.demo import story, timeline
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import Demo
from qmsdesk.demo.meetings import RARE
from qmsdesk.periods import Period

NURSING = {"护理质量", "护理文书", "管路安全", "分级护理", "患者安全", "急救管理", "应急管理", "设备管理"}
MEDICAL = {"医疗质量", "病历质量", "核心制度"}
# Days to the deadline, by category first, else by source: a meeting's problems are reviewed at a later
# meeting, an inspection's findings are quick fixes, equipment and training take longer.
DEADLINE_DAYS = {"设备管理": (30, 45, 60), "人员培训": (30, 45), "meeting": (30, 45, 60), "inspection": (21, 30, 30),
                 "event": (30,), "indicator": (45, 60), "office": (30,)}
DILIGENCE = 0.8  # share of items this ward closes by the deadline

# How a missed indicator is usually explained and answered on this ward: (category, root cause, measures).
INDICATOR_ACTIONS = {
    "NIT-VTE": ("医疗质量", "入院VTE风险评估未按时完成，中高危患者预防措施未全部落实",
                "入院24小时内完成评估，质控员每周抽查；中高危患者医嘱中落实预防措施"),
    "NIT-IV": ("医疗质量", "冬季呼吸道感染合并心衰患者静脉输液偏多", "严格掌握输液指征，能口服不静脉，药师每月点评"),
    "NIT-AE-REPORT": ("患者安全", "护理人员担心追责，近似差错未主动上报",
                      "开展非惩罚性上报培训，每月例会通报上报情况并表扬主动上报"),
    "NUR-BED-RATIO": ("人力资源", "1名护士离职，补充人员尚未到岗", "向护理部申请补充护士；到岗前实行弹性排班，保障夜班人力"),
    "NUR-PATIENT-RATIO": ("人力资源", "冬季收治患者增多，白班责任护士未相应增加", "高峰时段增加1名责任护士，实行弹性排班"),
}
EVENT_ACTIONS = {
    "medication_error": ("药事管理", "给药查对制度执行不到位", "组织全科学习给药查对制度，高警示药品双人核对，药师每月抽查"),
    "pressure_injury": ("护理质量", "高危患者减压措施及皮肤评估落实不到位",
                        "Braden≤12分患者每班评估皮肤，使用减压用具，护士长每日查房"),
    "unplanned_extubation": ("管路安全", "躁动、意识模糊患者管路固定及约束评估不到位",
                             "高危管路每班评估固定及约束必要性，躁动患者专人看护"),
    "transfusion": ("医疗质量", "输血前核对及交接流程执行不到位", "输血前双人床旁核对，输血科复核签字后发血"),
    "identification": ("患者安全", "身份识别双向核对执行不到位", "给药、采血前执行双向核对，腕带信息模糊立即更换"),
}


def _responsible(d: Demo, category: str) -> m.Staff:
    if category in MEDICAL:
        pool = [s for s in d.staff if s.profession == "doctor" and s.title in ("主治医师", "副主任医师")]
    elif category == "医院感染":
        pool = [d.posts["护理质控员"], d.posts["护士长"]]
    elif category == "药事管理":
        pool = [s for s in d.staff if s.profession == "pharmacist"] + [d.posts["护理质控员"]]
    elif category in NURSING:
        pool = [s for s in d.staff if s.nursing_level in ("N3", "N4") and s.active]
    else:
        pool = [d.posts["护士长"]]
    return d.rng.choice(pool)


class Ledger:
    """The items being written, each with its life."""

    def __init__(self, d: Demo) -> None:
        self.d = d
        self.lives: dict[m.RectificationItem, timeline.Life] = {}
        self.story: dict[m.RectificationItem, story.StoryItem] = {}

    def add(self, source_kind: str, category: str, problem: str, found: date, root: str, measures: str,
            responsible: m.Staff | None = None, deadline: date | None = None, **link) -> m.RectificationItem:
        d = self.d
        days = DEADLINE_DAYS.get(category) or DEADLINE_DAYS[source_kind]
        deadline = deadline or found + timedelta(days=d.rng.choice(days))
        item = d.add(m.RectificationItem(
            source_kind=source_kind, category=category, problem=problem, found_on=found, root_cause=root,
            measures=measures, responsible_id=(responsible or _responsible(d, category)).id, deadline=deadline,
            status="open", **link,
        ))
        d.items.append(item)
        closed = timeline.draw_closure(d.rng, found, deadline, d.as_of, DILIGENCE)
        self.lives[item] = timeline.Life(found, deadline, closed, roll=d.rng.random())
        return item


def write_items(d: Demo) -> Ledger:
    ledger = Ledger(d)
    _story_items(d, ledger)
    self_inspections = {f.inspection_id for f, _e, _on in d.findings
                        if d.session.get(m.Inspection, f.inspection_id).kind == "self"}
    for mp, (category, _problem, root, measures) in d.problems:
        meeting = next(x for x in d.meetings if x.id == mp.meeting_id)
        ledger.add("meeting", category, mp.description, meeting.date, root, measures, meeting_problem_id=mp.id)
    for f, (category, _desc, root, measures), on in d.findings:
        if d.rng.random() < 0.25 and f.inspection_id in self_inspections:
            continue  # put right on the spot during the ward's own check: no item needed
        ledger.add("inspection", category, f.description, on, root, measures, finding_id=f.id)
    _event_items(d, ledger)
    _indicator_items(d, ledger)
    for index, day, category, problem, root, measures in t.OFFICE_FEEDBACK:
        ledger.add("office", category, problem, d.weekday_near(d.day(index, day)), root, measures)
    return ledger


def _story_items(d: Demo, ledger: Ledger) -> None:
    for s in story.ITEMS:
        kind, key = s.source.split(":")
        found = d.day(*s.found) if s.found else None
        owner = d.posts[s.owner]
        deadline = d.day(*s.deadline)
        if kind == "event":
            e = d.story[key]
            item = ledger.add("event", "患者安全", f"不良事件整改：{e.description}", found, e.analysis or "见事件经过",
                              s.measures, owner, deadline, event_id=e.id)
        elif kind == "finding":
            f = d.story[key]
            sf = next(x for i in story.INSPECTIONS for x in i.findings if x.key == key)
            found = d.story[next(i.key for i in story.INSPECTIONS if sf in i.findings)].date
            item = ledger.add("inspection", sf.category, f.description, found, sf.root, sf.measures, owner, deadline,
                              finding_id=f.id)
        elif kind == "problem":
            mp = d.story[key]
            sp = next(x for mt in story.MEETINGS.values() for x in mt.problems if x.key == key)
            found = next(x.date for x in d.meetings if x.id == mp.meeting_id)
            item = ledger.add("meeting", sp.category, mp.description, found, sp.root, sp.measures, owner, deadline,
                              meeting_problem_id=mp.id)
        else:
            month = d.index_of(found) - 1
            value = next(v for v in d.values if v.indicator.code == key and v.period == str(d.month(month)))
            item = ledger.add("indicator", s.category, _indicator_problem(value), found, s.root, s.measures, owner,
                              deadline, indicator_value_id=value.id)
        ledger.lives[item] = timeline.Life(item.found_on, deadline, d.day(*s.closed), fixed=True)
        ledger.story[item] = s


def _event_items(d: Demo, ledger: Ledger) -> None:
    scripted = {d.story[e.key].id for e in story.EVENTS if e.category == "fall"}
    for e in d.events:
        if e.id in scripted or e.grade == "IV":
            continue
        always = e.grade in ("I", "II") or e.category in ("pressure_injury", "unplanned_extubation")
        if not always and (e.category not in EVENT_ACTIONS or d.rng.random() > 0.35):
            continue
        category, root, measures = EVENT_ACTIONS.get(
            e.category, ("患者安全", "高危因素评估与防范措施落实不到位", "针对原因落实防范措施，全科学习事件经过与改进要求"))
        found = d.local_date(e.reported_at) + timedelta(days=d.rng.randint(1, 3))
        if found > d.last.last_day:
            continue  # reported in the last days: the group takes it up next month
        ledger.add("event", category, f"不良事件整改：{e.description}", found, e.analysis or root, measures,
                   event_id=e.id)


def _indicator_problem(v: m.IndicatorValue) -> str:
    ind = v.indicator
    sign = "≤" if ind.direction == "lower" else "≥"
    return (f"{ind.name_zh}{Period.parse(v.period).label()}为{v.value:.2f}{ind.unit}，"
            f"未达到目标值（{sign}{ind.target:g}{ind.unit}）")


def _indicator_items(d: Demo, ledger: Ledger) -> None:
    """One item per run of months an indicator really missed (never for the rare-event counts)."""
    missed_last: dict[str, int] = {}
    for v in sorted(d.values, key=lambda x: (x.period, x.indicator.code)):
        ind, index = v.indicator, d.months.index(Period.parse(v.period))
        if ind.code in RARE or ind.target is None or v.value is None:
            continue
        if not ((v.value > ind.target) if ind.direction == "lower" else (v.value < ind.target)):
            continue
        carried = missed_last.get(ind.code) == index - 1
        missed_last[ind.code] = index
        if carried or index + 1 >= len(d.months):
            continue  # the open item carries on; a miss in the last month is taken up next month
        category, root, measures = INDICATOR_ACTIONS.get(ind.code, ("医疗质量", "原因待分析", "组织分析并制定改进措施"))
        found = d.weekday_near(d.day(index + 1, 6))
        ledger.add("indicator", category, _indicator_problem(v), found, root, measures, indicator_value_id=v.id)


# --- settling: status, closure, notes -------------------------------------------------------------

def settle_items(d: Demo, ledger: Ledger) -> None:
    lives = list(ledger.lives.values())
    timeline.keep_open(lives, d.last.last_day, d.as_of)
    timeline.hold_overdue(lives, d.rng, [p.last_day for p in d.months] + [d.as_of])
    _vary_statuses(d, ledger)
    leader, deputy = d.posts["科主任"], d.posts["护士长"]
    stale = _stale_item(d, ledger)
    for item, life in ledger.lives.items():
        item.status = timeline.status_on(life, d.as_of)
        if item.status == "closed":
            item.verifier_id = (deputy if item.responsible_id == leader.id else leader).id
            item.verified_on = item.closed_on = life.closed
            item.effect_evaluation = _effect(d, item, ledger.story.get(item))
        _write_progress(d, item, life, ledger.story.get(item), until=d.last.first_day if item is stale else None)
    _mark_failed_verification(d, ledger, besides=stale)
    _write_follow_up(d)


def _stale_item(d: Demo, ledger: Ledger) -> m.RectificationItem | None:
    """The longest-overdue item at the last month's end, whose notes stop before that month: the month's
    check then asks the head nurse to note its progress, as it would on a real ward."""
    end = d.last.last_day
    late = [(life.deadline, item) for item, life in ledger.lives.items()
            if not life.fixed and life.overdue_on(end) and life.found < d.last.first_day - timedelta(days=2)]
    return min(late, key=lambda x: x[0])[1] if late else None


def _vary_statuses(d: Demo, ledger: Ledger) -> None:
    """Whatever the seed, the open items show each status at least twice: the newest are set to not yet
    started, the next to awaiting verification or in progress."""
    still_open = sorted((life for life in ledger.lives.values() if not life.fixed and life.open_on(d.as_of)),
                        key=lambda life: life.found, reverse=True)

    def count(status: str) -> int:
        return sum(1 for life in still_open if timeline.status_on(life, d.as_of) == status)

    for status, roll in (("open", 0.0), ("awaiting_verification", 0.9), ("in_progress", 0.5)):
        for life in still_open:
            if count(status) >= 2:
                break
            now = timeline.status_on(life, d.as_of)
            if now != status and count(now) > 2:
                life.roll = roll


def _effect(d: Demo, item: m.RectificationItem, scripted: story.StoryItem | None) -> str:
    if scripted:
        return scripted.effect
    text = d.rng.choice(t.EFFECT_EVALUATIONS[item.source_kind])
    months = max(1, round((item.closed_on - item.found_on).days / 30))
    return text.format(n=months)


def _note_dates(d: Demo, start: date, end: date, n: int) -> list[date]:
    end = max(start, min(end, d.as_of - timedelta(days=1)))
    span = (end - start).days
    return sorted(start + timedelta(days=d.rng.randint(min(1, span), span)) for _ in range(n))


def _write_progress(d: Demo, item: m.RectificationItem, life: timeline.Life, scripted: story.StoryItem | None,
                    until: date | None = None) -> None:
    """Dated notes up to the item's closure or the reading day (or before `until`)."""
    author = d.name_of(item.responsible_id)
    if scripted:
        notes = [(d.day(*when), text) for when, text in scripted.notes]
    elif item.status == "open":
        return
    else:
        keys = {"closed": ("start", "doing", "ask_verify"), "awaiting_verification": ("start", "weekly", "ask_verify"),
                "in_progress": ("start", d.rng.choice(("weekly", "first_round")))[: d.rng.randint(1, 2)]}[item.status]
        end = life.closed - timedelta(days=1) if life.closed and life.closed <= d.as_of else d.as_of
        if until:
            end = min(end, until - timedelta(days=1))
        dates = _note_dates(d, item.found_on, end, len(keys))
        notes = [(on, t.PROGRESS[k]) for on, k in zip(dates, keys, strict=True)]
    for on, text in notes:
        d.add(m.ProgressNote(item_id=item.id, date=on, note=text, author=author))


def _mark_failed_verification(d: Demo, ledger: Ledger, besides: m.RectificationItem | None) -> None:
    """One item went back from verification to work: the PDCA loop a head nurse knows."""
    for item, life in ledger.lives.items():
        if item.status == "in_progress" and item.found_on < d.as_of - timedelta(days=60) and not life.fixed \
                and item is not besides:
            d.add(m.ProgressNote(item_id=item.id, date=d.as_of - timedelta(days=12), note=t.PROGRESS["failed"],
                                 author=d.posts["科主任"].name))
            return


def _write_follow_up(d: Demo) -> None:
    problems = [mp for mp, _entry in d.problems]
    problems += [d.story[sp.key] for mt in story.MEETINGS.values() for sp in mt.problems]
    by_meeting: dict = {}
    for mp in problems:
        by_meeting.setdefault(mp.meeting_id, set()).add(mp.id)
    d.meetings[0].follow_up = "上月遗留问题已全部移交整改台账，本次起按月跟踪。"
    for prev, mt in zip(d.meetings, d.meetings[1:], strict=False):
        raised = by_meeting.get(prev.id, set())
        items = [i for i in d.items if i.meeting_problem_id in raised]
        closed = sum(1 for i in items if i.closed_on and i.closed_on <= mt.date)
        mt.follow_up = d.rng.choice(t.FOLLOW_UP).format(n=len(items), closed=closed, left=len(items) - closed)


def write_submissions(d: Demo) -> None:
    """Every month but the last was submitted and accepted; written last, because it locks them."""
    for p in d.months[:-1]:
        nxt = p.next()
        submitted = d.local_time(d.weekday_near(date(nxt.year, nxt.month, d.rng.randint(2, 5))), 16, 30)
        digest = hashlib.sha256(f"qmsdesk-demo-{d.seed}-{p}".encode()).hexdigest()
        d.add(m.Submission(
            period=str(p), version=1, status="accepted", submitted_at=submitted, file_hash=digest,
            package_path=f"QMS_{t.HOSPITAL[0]}_{t.DEPARTMENT[0]}_{p.year}{p.month:02d}_v1.qmspkg",
            comments="质控办已接收",
        ))
