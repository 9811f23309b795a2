"""The demo group's year on paper: members' 职务 and duties, the annual plan, and the quarterly analyses.

Called once at the end of `qmsdesk.demo.generate` (after the submissions), it reads what the demo wrote
and writes, for the calendar year the demo ends in:
- each group member's 职务 and written 职责/分工;
- the annual plan as the group would have written it in January: the year's trainings and the monthly
  group meetings' themes as planned items, the self-inspections at the frequency they were run, two
  goals of its own, the two PDCA themes of qmsdesk.demo.story, and — as on a real ward — a training that
  was planned but not held, which the plan-vs-actual and the month's warnings show (so do quarters
  without a self-check);
- for every quarter of that year over by the demo's last month, the analysis drafted from the data
  (services.analysis_figures), summarised with the story's steps of its months, each problem completed
  with the cause and measures the ward's own records give (the ledger item raised from it, the event's
  analysis) and approved by the 组长 ten days after the quarter; the latest such quarter stays a draft
  when the demo is read before its approval day.
Ids come from the demo's seeded random source, so the same seed writes the same records.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from qmsdesk.db import models as m
from qmsdesk.db.enums import AnalysisStatus
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.services import plan as plan_svc
from qmsdesk.services.analysis import findings
from qmsdesk.services.analysis_figures import span_figures
from qmsdesk.spans import Span

# 职务 and 职责/分工 by the member's post (the demo's `posts`) or, failing that, their group role.
DUTIES = {
    "科主任": ("科主任", "科室医疗质量与安全第一责任人；主持质控小组例会，审定年度计划、季度分析和年度总结；"
                       "组织Ⅰ、Ⅱ级不良事件的根本原因分析。"),
    "护士长": ("护士长", "协助组长开展质控工作；负责护理质量指标的收集与分析、护理质量检查、护理人员培训考核；"
                       "督促整改措施落实并组织验证销号。"),
    "医疗质控员": ("医疗质控员", "负责病历书写质量、核心制度落实和医疗安全的日常检查；收集医疗质量指标数据；"
                             "记录质控小组例会。"),
    "护理质控员": ("护理质控员", "负责护理文书、管路安全、急救物品和分级护理的每月自查；录入护理质量指标；"
                             "跟踪护理整改事项的进展。"),
    "member": ("质控小组成员", "参加质控小组例会和质量检查；负责本诊疗组的质量数据核对和整改措施落实。"),
}
OBJECTIVES = ("1. 护理敏感质量指标达到年度目标，住院患者跌倒、压力性损伤、导尿管相关尿路感染等事件发生率不高于上年；\n"
              "2. 每月召开质控小组例会，检查发现问题 100% 纳入整改台账，按期销号率≥90%；\n"
              "3. 全员法律法规/医疗安全培训每年不少于 2 次，“三基三严”培训考核合格率 100%；\n"
              "4. 完成 2 项 PDCA 持续改进项目；不良事件主动上报率达到国家改进目标。")
# The plan's two PDCA themes, started in the month the story (qmsdesk.demo.story) takes each up: the falls
# theme at the month of the PDCA plan meeting, the CAUTI theme at the month of the cluster.
PDCA = (("降低住院患者跌倒发生率", 4, "NUR-FALL", "护士长"),
        ("降低导尿管相关尿路感染发生率", 7, "NUR-CAUTI", "护理质控员"))
UNHELD_TRAINING = (5, "护患沟通技巧与投诉处理", "other", 1.0, "护士", "护理部")
# What each month of the story adds to the quarter's summary (month index -> sentence).
STORY_STEPS = {
    1: "发生夜间跌倒1例，已全科学习",
    3: "跌倒防范专项自查落实率75%，决定开展跌倒专题分析",
    4: "跌倒专题PDCA完成现状调查、原因分析并制定4项对策",
    5: "跌倒对策落实，复查落实率93%",
    6: "跌倒专题效果评价：连续2个月未发生跌倒，对策项目全部销号",
    7: "跌倒预防护理常规完成修订；导尿管相关尿路感染出现聚集（4例），启动集束化干预",
    8: "CAUTI集束化措施全员培训并执行",
    9: "院感科复查集束化措施执行率95%，CAUTI未再发生",
    10: "CAUTI整改项验证销号",
    11: "CAUTI指标回到目标范围，跌倒专题PDCA结题",
}
GENERIC = {
    "indicator": ("高危患者评估与防范措施执行不到位，过程监控不足。", "纳入每日交班重点，质控员每周抽查并在例会通报。"),
    "event": ("环节核对与巡视执行不到位。", "修订相关流程，组织全员学习并抽查落实情况。"),
    "inspection": ("制度执行依赖个人习惯，缺少固定核查点。", "将该类问题列入每月自查清单，责任到人。"),
    "ledger": ("部分整改措施需协调其他部门，进展跟踪不及时。", "每次例会逐项核对超期事项，必要时调整期限并报护理部协调。"),
    "training": ("排班冲突导致部分人员缺课或考核未通过。", "安排补训、补考，考核不合格者一对一带教后再考。"),
    "meeting": ("例会时间与科室工作冲突。", "固定每月最后一周召开例会，提前一周通知。"),
    "plan": ("计划安排未结合实际工作量，部分项目未按期开展。", "下季度补做，并在计划中预留机动时间。"),
    "other": ("原因已在例会中讨论。", "按例会决议落实。"),
}


def _duties(d) -> None:
    post_of = {s.id: post for post, s in d.posts.items()}
    for row in d.session.scalars(live(m.GroupMembership)):
        post = post_of.get(row.staff_id)
        title, duties = DUTIES.get(post) or DUTIES["member"]
        row.duty_title, row.duties = title, duties


def _plan(d, year: int) -> None:
    first, last = date(year, 1, 1), date(year, 12, 31)
    s = d.session
    plan = d.add(m.AnnualPlan(year=year, objectives=OBJECTIVES))
    s.flush()
    items: list[m.Synced] = []
    for ts in s.scalars(live(m.TrainingSession).where(m.TrainingSession.date.between(first, last))
                        .order_by(m.TrainingSession.date)):
        doctors = any(a.staff.profession == "doctor" for a in ts.attendance)
        items.append(m.PlanTraining(plan_id=plan.id, month=ts.date.month, topic=ts.topic, category=ts.category,
                                    hours=ts.hours, audience="全体医护" if doctors else "护士", trainer=ts.trainer))
    month, topic, category, hours, audience, trainer = UNHELD_TRAINING
    items.append(m.PlanTraining(plan_id=plan.id, month=month, topic=topic, category=category, hours=hours,
                                audience=audience, trainer=trainer))
    for mt in s.scalars(live(m.Meeting).where(m.Meeting.kind == "group_monthly", m.Meeting.date.between(first, last))
                        .order_by(m.Meeting.date)):
        lines = [x.split(". ", 1)[-1] for x in (mt.agenda or "").splitlines() if x.strip()]
        if len(lines) >= 2:
            items.append(m.PlanFocus(plan_id=plan.id, month=mt.date.month, theme=lines[1],
                                     details="；".join(lines[2:]) or None))
    seen: dict[str, int] = {}
    for ins in s.scalars(live(m.Inspection).where(m.Inspection.kind == "self", m.Inspection.date.between(first, last))):
        seen[ins.topic or ""] = seen.get(ins.topic or "", 0) + 1
    for topic, n in sorted(seen.items()):
        if topic:
            items.append(m.PlanInspection(plan_id=plan.id, title=topic.removesuffix("自查") + "检查", kind="self",
                                          responsible="护理质控员", frequency="quarterly" if n >= 2 else "yearly"))
    codes = {x.code: x for x in s.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True)))}
    for theme, story_month, code, leader in PDCA:
        start = d.months[story_month]
        items.append(m.PlanPdcaTheme(plan_id=plan.id, theme=theme, start_month=start.month if start.year == year else 1,
                                     indicator_code=code if code in codes else None, leader=leader))
    for code, factor, note in (("NUR-PI", 0.5, "上年实际已优于目录目标，科室目标从严"),
                               ("NUR-RESTRAINT", 0.8, "推行约束替代措施，目标较目录值降低 20%")):
        defn = codes.get(code)
        if defn is not None and defn.target:
            items.append(m.PlanIndicatorGoal(plan_id=plan.id, indicator_id=defn.id, goal=round(defn.target * factor, 3),
                                             note=note))
    for item in items:
        d.add(item)


INDICATOR_TEXTS = {
    "NIT-AE-REPORT": ("部分人员担心追责，隐患事件和未造成后果事件主动上报意识不足。",
                      "强化非惩罚性上报培训，每月例会通报上报情况，鼓励主动上报。"),
    "higher": ("相关制度执行和记录不到位，过程监控不足。", "明确责任人，质控员每周抽查并在例会通报执行情况。"),
    "lower": ("高危患者评估与防范措施执行不到位，过程监控不足。", "高危患者每班评估，防范措施纳入每日交班，质控员每周抽查。"),
}


def _split_analysis(text: str) -> tuple[str, str]:
    """"根本原因：……改进：……" as the event's analysis was written → (cause, measures)."""
    cause, _, measures = text.partition("改进：")
    for prefix in ("根本原因：", "RCA："):
        cause = cause.removeprefix(prefix)
    return cause.strip().rstrip("。") + "。", (measures.strip() or GENERIC["event"][1])


def _texts_from_records(s, span: Span, key: str, source: str) -> tuple[str, str]:
    """The cause and measures the ward's own records give for a finding, else a plain generic pair."""
    first, last = span.first_day, span.last_day
    item, fallback = None, GENERIC.get(source, GENERIC["other"])
    kind, _, ref = key.partition(":")
    if kind == "event":
        event = s.get(m.AdverseEvent, uuid.UUID(ref))
        if event.analysis:
            return _split_analysis(event.analysis)
        item = s.scalars(live(m.RectificationItem).where(m.RectificationItem.event_id == event.id)).first()
    elif kind == "indicator":
        defn = s.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.code == ref)).first()
        fallback = INDICATOR_TEXTS.get(ref) or INDICATOR_TEXTS[defn.direction]
        values = select(m.IndicatorValue.id).where(m.IndicatorValue.indicator_id == defn.id,
                                                   m.IndicatorValue.period.between(str(span.first), str(span.last)))
        item = s.scalars(live(m.RectificationItem).where(m.RectificationItem.indicator_value_id.in_(values))).first()
    elif kind == "inspection":
        found = select(m.InspectionFinding.id).join(m.Inspection).where(
            m.InspectionFinding.category == ref, m.Inspection.date.between(first, last))
        item = s.scalars(live(m.RectificationItem).where(m.RectificationItem.finding_id.in_(found))).first()
    # An item whose cause was still to be found says nothing the analysis can quote.
    if item is not None and item.root_cause and item.measures and "待" not in item.root_cause:
        return item.root_cause, item.measures
    return fallback


def _approver(s, day: date) -> m.Staff | None:
    from qmsdesk.services.group import leader_on

    leader = leader_on(s, day)
    return leader.staff if leader is not None else None


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _summary(d, span: Span) -> str:
    """The quarter in the group's words: what the story did in its months, then the routine."""
    steps = [STORY_STEPS[i] for i, p in enumerate(d.months) if span.first <= p <= span.last and i in STORY_STEPS]
    routine = "例会按月召开，培训按计划开展，检查发现问题均已纳入整改台账"
    return "；".join([*steps, routine]) + "。"


def _analysis(d, span: Span, as_of: date) -> None:
    s = d.session
    figures = span_figures(s, span)
    drafted = _weekday(span.last_day + timedelta(days=6))
    approved = _weekday(span.last_day + timedelta(days=10))
    figures.generated_at = f"{drafted.isoformat()} 10:00:00"
    leader = _approver(s, approved)
    done = approved <= as_of and leader is not None
    row = d.add(m.QualityAnalysis(
        span=str(span), kind=span.kind, figures=figures.to_json(),
        drafted_at=datetime.combine(drafted, time(2, 0), UTC), summary=_summary(d, span),
        status=AnalysisStatus.DRAFT.value))
    s.flush()
    for position, f in enumerate(findings(figures)):
        cause, measures = _texts_from_records(s, span, f.key, str(f.source))
        complete = done or position % 2 == 0  # a draft is half completed, as the group is still writing it
        d.add(m.AnalysisProblem(analysis_id=row.id, key=f.key, position=position, source=str(f.source),
                                problem=f.problem, cause=cause if complete else None,
                                measures=measures if complete else None))
    s.flush()
    if done:  # approved once complete, as services.analysis.approve_analysis does; the lock holds from here
        row.status, row.approved_by_id, row.approved_on = AnalysisStatus.APPROVED.value, leader.id, approved
        s.flush()


def write_year(d) -> None:
    """Duties, the plan of the year the demo ends in, and its quarters' analyses (see the module docstring)."""
    last: Period = d.months[-1]
    as_of: date = getattr(d, "as_of", None) or last.next().first_day + timedelta(days=2)
    _duties(d)
    if plan_svc.find_plan(d.session, last.year) is None:
        _plan(d, last.year)
    d.session.flush()
    for q in Span(last.year).quarters:
        if q.last <= last and q.first >= d.months[0]:
            _analysis(d, q, as_of)
    d.session.flush()
