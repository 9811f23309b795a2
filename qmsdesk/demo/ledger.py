"""Demo 整改台账: items from every source in every status, their progress notes, and the submissions."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from qmsdesk.db import models as m
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import AS_OF, CHINA, Demo
from qmsdesk.periods import Period

NURSING = {"护理质量", "护理文书", "管路安全", "分级护理", "患者安全", "急救管理", "应急管理", "设备管理"}
MEDICAL = {"医疗质量", "病历质量", "核心制度"}

# How an indicator that missed its target is usually explained and answered on this ward.
INDICATOR_ACTIONS = {
    "NUR-FALL": ("患者安全", "老年、夜间如厕及使用镇静/降压药物患者跌倒风险评估与防护不到位",
                 "高危患者每班评估；夜间加强巡视与如厕协助；卫生间加装扶手；开展跌倒RCA"),
    "NUR-CAUTI": ("医院感染", "留置导尿时间偏长，集束化措施执行不到位",
                  "每日评估拔管指征；会阴护理每日2次并记录；院感护士每周督查"),
    "NUR-CLABSI": ("医院感染", "中心静脉导管维护时消毒范围不足", "导管维护操作再培训并考核；维护包标准化"),
    "NUR-PI": ("护理质量", "高危患者翻身及减压措施落实不到位", "Braden评分≤12分患者使用减压床垫，护士长每日查房"),
    "NUR-RESTRAINT": ("护理质量", "谵妄患者增多，替代约束措施不足", "使用谵妄评估工具，优先采用替代措施，每日评估约束必要性"),
    "NUR-TURNOVER": ("人力资源", "护士因家庭原因离职", "及时申请补充人员，新入职护士一对一带教"),
    "NIT-VTE": ("医疗质量", "入院VTE风险评估未按时完成", "入院24小时内完成评估，质控员每周抽查"),
    "NIT-IV": ("医疗质量", "冬季呼吸道感染患者静脉输液偏多", "严格掌握输液指征，能口服不静脉"),
    "NIT-AE-REPORT": ("患者安全", "护理人员主动上报意识不足", "强化非惩罚性上报培训，每月通报上报情况"),
}


def _responsible(d: Demo, category: str) -> m.Staff:
    if category in MEDICAL:
        pool = [s for s in d.staff if s.profession == "doctor" and s.title in ("主治医师", "副主任医师")]
    elif category == "医院感染":
        pool = [d.posts["护理质控员"], d.posts["护士长"]]
    elif category == "药事管理":
        pool = [s for s in d.staff if s.profession == "pharmacist"]
    elif category in NURSING:
        pool = [s for s in d.staff if s.nursing_level in ("N3", "N4") and s.active]
    else:
        pool = [d.posts["护士长"]]
    return d.rng.choice(pool)


def _item(d: Demo, source_kind: str, category: str, problem: str, found: date, root: str, measures: str,
          **link) -> m.RectificationItem:
    found = min(found, AS_OF - timedelta(days=3))
    # Recent problems get the longer deadlines that bigger changes need, so not every open item is late.
    days = (30, 45, 60) if found > AS_OF - timedelta(days=60) else (14, 21, 30, 30, 45, 60)
    item = d.add(m.RectificationItem(
        source_kind=source_kind, category=category, problem=problem, found_on=found, root_cause=root,
        measures=measures, responsible_id=_responsible(d, category).id,
        deadline=found + timedelta(days=d.rng.choice(days)), status="open", **link,
    ))
    d.items.append(item)
    return item


def _indicator_problem(v: m.IndicatorValue) -> str:
    ind = v.indicator
    sign = "≤" if ind.direction == "lower" else "≥"
    return (f"{ind.name_zh}{Period.parse(v.period).label()}为{v.value:.2f}{ind.unit}，"
            f"未达到目标值（{sign}{ind.target:g}{ind.unit}）")


def write_items(d: Demo) -> None:
    for mp, (category, _problem, root, measures) in d.problems:
        meeting = next(x for x in d.meetings if x.id == mp.meeting_id)
        _item(d, "meeting", category, mp.description, meeting.date, root, measures, meeting_problem_id=mp.id)
    for f, (category, _desc, root, measures), on in d.findings:
        if on.month % 3 and d.rng.random() < 0.5:
            continue  # put right on the spot during the self-inspection: no item needed
        _item(d, "inspection", category, f.description, on, root, measures, finding_id=f.id)
    for e in d.events:
        if e.grade == "IV" or (e.grade == "III" and e.category not in ("fall", "pressure_injury")):
            continue
        found = e.reported_at.astimezone(CHINA).date() + timedelta(days=d.rng.randint(1, 3))
        _item(d, "event", "患者安全", f"不良事件整改：{e.description}", found,
              e.analysis or "事件原因分析：高危因素评估与防护措施落实不到位",
              "针对原因落实防范措施，全科学习事件经过与改进要求", event_id=e.id)
    _indicator_items(d)
    for i, (category, problem, root, measures) in enumerate(t.OFFICE_FEEDBACK):
        _item(d, "office", category, problem, date(2026, 10, 12) if i == 0 else date(2026, 7, 15), root, measures)


def _indicator_items(d: Demo) -> None:
    last_flagged: dict[str, Period] = {}
    for v in sorted(d.values, key=lambda x: (x.period, x.indicator.code)):
        ind, p = v.indicator, Period.parse(v.period)
        value = v.value
        if ind.target is None or value is None:
            continue
        missed = value > ind.target if ind.direction == "lower" else value < ind.target
        if not missed:
            continue
        flagged_before = last_flagged.get(ind.code) == p.previous()
        last_flagged[ind.code] = p
        if flagged_before:
            continue  # the same indicator missing again: the open item carries on
        category, root, measures = INDICATOR_ACTIONS.get(ind.code, ("医疗质量", "原因待分析", "组织分析并制定改进措施"))
        found = d.weekday_near(p.next().first_day + timedelta(days=6))
        _item(d, "indicator", category, _indicator_problem(v), found, root, measures, indicator_value_id=v.id)


def _status_for(d: Demo, item: m.RectificationItem) -> str:
    """Older items are mostly closed; recent ones are still being worked on."""
    age = (AS_OF - item.found_on).days
    roll = d.rng.random()
    if age > 150:
        shares = (0.9, 0.0, 0.1, 0.0)
    elif age > 90:
        shares = (0.75, 0.1, 0.15, 0.0)
    elif age > 45:
        shares = (0.4, 0.2, 0.3, 0.1)
    else:
        shares = (0.05, 0.15, 0.4, 0.4)
    for status, share in zip(("closed", "awaiting_verification", "in_progress", "open"), shares, strict=True):
        if roll < share:
            return status
        roll -= share
    return "open"


def _ensure_variety(d: Demo) -> None:
    """Whatever the seed, the ledger shows every status and some overdue items."""
    overdue = [i for i in d.items if i.status != "closed" and i.deadline < AS_OF]
    old_closed = sorted((i for i in d.items if i.status == "closed"), key=lambda i: i.found_on, reverse=True)
    while len(overdue) < 4 and old_closed:
        item = old_closed.pop()
        item.status = "in_progress"
        overdue.append(item)
    recent = sorted(d.items, key=lambda i: i.found_on, reverse=True)
    for status in ("open", "in_progress", "awaiting_verification", "closed"):
        have = sum(1 for i in d.items if i.status == status)
        for item in recent:
            if have >= 2:
                break
            if sum(1 for i in d.items if i.status == item.status) > 3 and item.status != status:
                item.status = status
                have += 1


def _note_dates(d: Demo, start: date, end: date, n: int) -> list[date]:
    end = max(start, min(end, AS_OF - timedelta(days=1)))
    span = (end - start).days
    return sorted(start + timedelta(days=d.rng.randint(min(1, span), span)) for _ in range(n))


def _write_progress(d: Demo, item: m.RectificationItem) -> None:
    author = next(s.name for s in d.staff if s.id == item.responsible_id)
    if item.status == "open":
        return
    leader, deputy = d.posts["科主任"], d.posts["护士长"]
    if item.status == "closed":
        verified = item.found_on + timedelta(days=d.rng.randint(10, (item.deadline - item.found_on).days + 10))
        verified = min(verified, AS_OF - timedelta(days=1))
        item.verifier_id = (deputy if item.responsible_id == leader.id else leader).id
        item.verified_on = item.closed_on = verified
        item.effect_evaluation = d.rng.choice(t.EFFECT_EVALUATIONS)
        texts = [t.PROGRESS[0], t.PROGRESS[1], t.PROGRESS[4]]
        end = verified - timedelta(days=1)
    elif item.status == "awaiting_verification":
        texts = [t.PROGRESS[0], t.PROGRESS[3], t.PROGRESS[4]]
        end = min(item.deadline, AS_OF - timedelta(days=1))
    else:
        texts = [t.PROGRESS[0], d.rng.choice((t.PROGRESS[2], t.PROGRESS[3]))][: d.rng.randint(1, 2)]
        end = AS_OF - timedelta(days=d.rng.randint(3, 30))
    for on, text in zip(_note_dates(d, item.found_on, end, len(texts)), texts, strict=True):
        d.add(m.ProgressNote(item_id=item.id, date=on, note=text, author=author))


def _mark_failed_verification(d: Demo) -> None:
    """One item went back from verification to work: the PDCA loop a head nurse knows."""
    for item in d.items:
        if item.status == "in_progress" and item.found_on < AS_OF - timedelta(days=60):
            d.add(m.ProgressNote(item_id=item.id, date=AS_OF - timedelta(days=12),
                                 note="验证未通过：复查仍发现同类问题，退回继续整改。",
                                 author=d.posts["科主任"].name))
            return


def settle_items(d: Demo) -> None:
    for item in d.items:
        item.status = _status_for(d, item)
    _ensure_variety(d)
    for item in d.items:
        _write_progress(d, item)
    _mark_failed_verification(d)
    _write_follow_up(d)


def _write_follow_up(d: Demo) -> None:
    by_problem = {i.meeting_problem_id: i for i in d.items if i.meeting_problem_id}
    d.meetings[0].follow_up = "上年度遗留问题已全部移交整改台账，本次起按月跟踪。"
    for prev, mt in zip(d.meetings, d.meetings[1:], strict=False):
        items = [by_problem[mp.id] for mp, _ in d.problems if mp.meeting_id == prev.id and mp.id in by_problem]
        closed = sum(1 for i in items if i.status == "closed" and i.closed_on and i.closed_on <= mt.date)
        mt.follow_up = d.rng.choice(t.FOLLOW_UP).format(closed=closed, left=len(items) - closed)


def write_submissions(d: Demo) -> None:
    """Every month but the last was submitted and accepted; written last, because it locks them."""
    for p in d.months[:-1]:
        nxt = p.next()
        submitted = d.local_time(d.weekday_near(date(nxt.year, nxt.month, 5)), 16, 30)
        digest = hashlib.sha256(f"qmsdesk-demo-{d.seed}-{p}".encode()).hexdigest()
        d.add(m.Submission(
            period=str(p), version=1, status="accepted", submitted_at=submitted, file_hash=digest,
            package_path=f"QMS_{t.HOSPITAL[0]}_{t.DEPARTMENT[0]}_{p.year}{p.month:02d}_v1.qmspkg",
            comments="质控办已接收",
        ))
