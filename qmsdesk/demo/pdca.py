"""Demo PDCA: the falls story as improvement projects.

The first cycle starts in 2026-01 from the 患者安全 checklist deductions of 2025-11..2026-01 and the RCA of
the first night fall; its countermeasures run through the ledger and are closed; its before/after is
read from the indicators — the ward's fall-prevention audit (跌倒高危患者防范措施落实率, a ward-defined
indicator whose monthly audit this module writes) and the fall rate. It closes in 2026-07. When the night
falls come back (2026-08..09, a grade I among them), the second cycle starts from their RCAs and is
running its countermeasures when the demo year ends.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from qmsdesk.db import models as m
from qmsdesk.demo.builder import AS_OF, Demo
from qmsdesk.demo.checklists import add

AUDIT_CODE = "K-FALL-PREV"
# The monthly audit of every fall-risk patient on the ward: month index → (measures all in place, audited).
AUDIT = {0: (18, 25), 1: (19, 27), 2: (18, 24), 3: (21, 25), 4: (24, 26), 5: (25, 26), 6: (23, 24), 7: (25, 25),
         8: (26, 27), 9: (24, 27), 10: (22, 26), 11: (27, 30)}


@dataclass(frozen=True)
class Countermeasure:
    what: str
    why: str
    where: str
    how: str
    who: str  # a post in Demo.posts
    found: date
    deadline: date
    closed: date | None  # verified and closed (销号) on this day, or still in progress


FIRST = (
    Countermeasure("高危患者床头警示标识与“防跌倒核查表”每班落实", "警示标识、床档、呼叫器等措施落实不全",
                   "病区各病室", "责任护士每班按核查表逐项勾选，夜班组长抽查并签字", "护理质控员",
                   date(2026, 2, 9), date(2026, 2, 28), date(2026, 3, 20)),
    Countermeasure("跌倒高危宣教“复述确认＋签字”", "患者和家属未掌握防范要点", "入院宣教及病情、用药变化时",
                   "修订跌倒宣教单，增加复述栏和签字栏；责任护士宣教后请患者或家属复述", "护士长",
                   date(2026, 2, 9), date(2026, 2, 20), date(2026, 3, 13)),
    Countermeasure("Morse 复评时机专题培训与情景考核", "用药或病情变化后复评不及时", "科室示教室",
                   "护理质控员授课，情景模拟考核，全员通过", "护理质控员",
                   date(2026, 2, 10), date(2026, 2, 27), date(2026, 3, 6)),
    Countermeasure("卫生间加装扶手，夜间配地灯和防滑鞋", "夜间如厕环境风险", "病区卫生间、病室",
                   "报后勤加装扶手2处，每间病室配地灯，高危患者配防滑鞋", "护士长",
                   date(2026, 2, 12), date(2026, 3, 10), date(2026, 3, 27)),
)
SECOND = (
    Countermeasure("使用镇静、降压、利尿药后24小时内复评跌倒风险", "Ⅰ、Ⅱ级跌倒均发生在用药后未复评的患者",
                   "病区", "医嘱系统提示“用药后复评”，责任护士复评并记录，质控员每周抽查", "护理质控员",
                   date(2026, 10, 12), date(2026, 11, 30), None),
    Countermeasure("夜间（0—6时）高危患者如厕协助与2小时巡视", "跌倒集中在夜间如厕时", "病区",
                   "夜班增加1名护工协助如厕；高危患者夜间每2小时巡视并记录", "护士长",
                   date(2026, 10, 12), date(2026, 12, 15), None),
)


def write_audit_indicator(d: Demo) -> m.IndicatorDefinition:
    """The ward's own fall-prevention audit indicator and its twelve monthly figures."""
    rng = random.Random(f"qmsdesk-demo-pdca-indicator-{d.seed}")
    definition = add(d, rng, m.IndicatorDefinition(
        code=AUDIT_CODE, name_zh="跌倒高危患者防范措施落实率", name_en="Fall-risk patients with all measures in place",
        numerator_def="当月查检的跌倒高危患者中，警示标识、床档、呼叫器、宣教签字等防范措施全部落实的人数",
        denominator_def="当月查检的跌倒高危患者人数（Morse ≥45 分）", kind="proportion", multiplier=100, unit="%",
        direction="higher", target=95.0, warning=97.0, department_types=["inpatient_medical"],
        source="科室自定（跌倒持续改进项目）", source_year=2026, applicable=True, custom=True))
    d.session.flush()
    for index, (num, den) in AUDIT.items():
        add(d, rng, m.IndicatorValue(indicator_id=definition.id, period=str(d.month(index)), numerator=num,
                                     denominator=den, note="护理质控员每月末查检全部跌倒高危患者"))
    return definition


def _indicator(d: Demo, code: str) -> m.IndicatorDefinition:
    return d.session.query(m.IndicatorDefinition).filter(m.IndicatorDefinition.code == code).one()


def _countermeasures(d: Demo, rng: random.Random, project: m.PdcaProject, causes: list[m.PdcaCause],
                     plans: tuple[Countermeasure, ...]) -> None:
    verifier = d.posts["科主任"]
    for n, plan in enumerate(plans):
        cm = add(d, rng, m.PdcaCountermeasure(project_id=project.id, cause_id=causes[n % len(causes)].id, what=plan.what,
                                               why=plan.why, where=plan.where, how=plan.how))
        d.session.flush()
        owner = d.posts[plan.who]
        item = add(d, rng, m.RectificationItem(
            source_kind="pdca", countermeasure_id=cm.id, category="持续改进", problem=f"【{project.title}】{plan.what}",
            found_on=plan.found, deadline=plan.deadline, root_cause=causes[n % len(causes)].description,
            measures=plan.how, responsible_id=owner.id, status="in_progress"))
        notes = [(plan.found + timedelta(days=3), "已制定实施细则并组织全科学习。")]
        if plan.closed:
            notes.append((plan.closed - timedelta(days=5), "措施已落实，提交验证，附查检记录。"))
            item.status = "closed"
            item.verifier_id = (verifier if owner.id != verifier.id else d.posts["护士长"]).id
            item.verified_on = item.closed_on = plan.closed
            item.effect_evaluation = "现场复核措施落实，连续2周查检全部合格，同意销号。"
        else:
            notes.append((min(plan.found + timedelta(days=24), AS_OF - timedelta(days=2)), "措施执行中，质控员每周抽查。"))
        for on, text in notes:
            add(d, rng, m.ProgressNote(item_id=item.id, date=on, note=text, author=owner.name))


def _log(d: Demo, rng: random.Random, project: m.PdcaProject, entries: tuple[tuple[date, str, str], ...]) -> None:
    for on, stage, note in entries:
        add(d, rng, m.PdcaLogEntry(project_id=project.id, date=on, stage=stage, note=note, author=d.posts["护士长"].name))


def _causes(d: Demo, rng: random.Random, project: m.PdcaProject, rows) -> list[m.PdcaCause]:
    out = [add(d, rng, m.PdcaCause(project_id=project.id, category=c, description=text, key_cause=bool(check),
                                    verification=check)) for c, text, check in rows]
    d.session.flush()
    return [c for c in out if c.key_cause]


def _first_cycle(d: Demo, rng: random.Random) -> m.PdcaProject:
    head = d.posts["护士长"]
    project = add(d, rng, m.PdcaProject(
        title="提高跌倒高危患者防范措施落实率", stage="closed", started_on=date(2026, 1, 15), leader_id=head.id,
        team=f"{head.name}（组长）、{d.posts['护理质控员'].name}、{d.posts['科主任'].name}及责任护士4名",
        reason="2025年11月—2026年1月每月患者安全自查中跌倒条目（SAFE-01/02/03）反复扣分；2025年12月发生1例夜间如厕跌倒，"
               "根因分析指向高危患者宣教与夜间防护不到位。老年心衰患者多，跌倒风险高，属高风险、高频率、可改进的问题。",
        baseline_start="2025-11", baseline_end="2026-01", change_period="2026-03",
        current_state="查检2025年11月—2026年1月全部跌倒高危患者76人次，防范措施全部落实的55人次；"
                      "患者安全自查扣分以“警示标识与防护措施”“健康教育知晓”“Morse 复评”三项为主（见柏拉图）。",
        analysis_source={"kind": "checklist", "start": "2025-11", "end": "2026-01", "template": "NUR-SAFE"},
        standardization="修订《住院患者跌倒预防护理常规》：高危患者宣教须复述确认并签字；“防跌倒核查表”纳入每班交接；"
                        "Morse 复评时机写入新护士岗前培训；卫生间扶手、地灯纳入病区设施巡查。",
        next_cycle="夜间（0—6时）如厕仍是跌倒高发环节，用药后复评仍有遗漏；下一轮聚焦夜间如厕协助与用药后复评，"
                   "以跌倒发生率为主要指标。",
        closed_on=date(2026, 7, 20)))
    d.session.flush()
    for code, target in ((AUDIT_CODE, 95.0), ("NUR-FALL", 0.1)):
        add(d, rng, m.PdcaIndicator(project_id=project.id, indicator_id=_indicator(d, code).id, target=target))
    causes = _causes(d, rng, project, (
        ("method", "高危患者宣教无复述确认和签字要求", "访谈20名高危患者及家属，能复述防范要点的仅9名（45%）"),
        ("man", "责任护士对用药、病情变化后的 Morse 复评时机掌握不清", "抽查25例高危患者，复评不及时8例（32%）"),
        ("measurement", "护士长周查未覆盖夜间防护措施", "查阅3个月周查记录，夜间时段查检0次"),
        ("environment", "卫生间无扶手、夜间照明不足", "现场查看：2间卫生间无扶手，病室无地灯"),
        ("man", "夜班护士巡视时未检查床档与呼叫器", None),
        ("material", "防滑鞋等辅具不足", None),
    ))
    _countermeasures(d, rng, project, causes, FIRST)
    _log(d, rng, project, (
        (date(2026, 1, 15), "plan", "立项：确定主题、组建小组，调取2025年11月—2026年1月自查扣分与跌倒事件资料。"),
        (date(2026, 1, 28), "plan", "现状查检：全部跌倒高危患者防范措施落实情况，绘制柏拉图。"),
        (date(2026, 2, 5), "plan", "鱼骨图分析并现场验证要因3项。"),
        (date(2026, 2, 9), "do", "进入实施（D）：4项对策分工落实，纳入整改台账。"),
        (date(2026, 3, 2), "do", "宣教单、核查表启用，全员培训考核完成。"),
        (date(2026, 5, 6), "check", "进入检查（C）：按月统计落实率与跌倒发生率。"),
        (date(2026, 7, 8), "act", "进入处理（A）：效果确认，修订护理常规。"),
        (date(2026, 7, 20), "closed", "结案：4项对策全部销号，标准化文件发布。"),
    ))
    return project


def _second_cycle(d: Demo, rng: random.Random, first: m.PdcaProject) -> m.PdcaProject:
    head = d.posts["护士长"]
    project = add(d, rng, m.PdcaProject(
        title="降低住院患者夜间跌倒发生率", stage="do", started_on=date(2026, 10, 9), leader_id=head.id,
        team=first.team, previous_id=first.id,
        reason="2026年7—9月发生跌倒5例，其中Ⅰ级1例（股骨颈骨折）、Ⅱ级2例，均发生在夜间如厕时；跌倒发生率连续3个月"
               "高于目标，第一轮改进的标准化措施需向夜间与用药后环节延伸。",
        baseline_start="2026-07", baseline_end="2026-09", change_period="2026-10",
        current_state="7—9月5例跌倒的根因分析中，“风险评估不到位或未按时复评”“药物影响”“巡视不到位”为主要因素（见柏拉图）。",
        analysis_source={"kind": "events", "start": "2026-07", "end": "2026-09", "event_category": "fall"}))
    d.session.flush()
    for code, target in (("NUR-FALL", 0.1), (AUDIT_CODE, 95.0)):
        add(d, rng, m.PdcaIndicator(project_id=project.id, indicator_id=_indicator(d, code).id, target=target))
    causes = _causes(d, rng, project, (
        ("man", "使用镇静、降压、利尿药后未复评跌倒风险", "7—9月5例跌倒中4例发生在用药后24小时内且未复评"),
        ("man", "夜间巡视间隔长，如厕无人协助", "5例均发生在0—6时，其中3例巡视间隔超过2小时"),
        ("environment", "夜间病室照明不足", None),
        ("material", "部分患者未穿防滑鞋", None),
    ))
    _countermeasures(d, rng, project, causes, SECOND)
    _log(d, rng, project, (
        (date(2026, 10, 9), "plan", "立项：第二轮循环，依据7—9月跌倒事件根因分析。"),
        (date(2026, 10, 10), "plan", "要因确认：用药后未复评、夜间如厕无人协助。"),
        (date(2026, 10, 12), "do", "进入实施（D）：2项对策纳入整改台账。"),
        (date(2026, 11, 2), "do", "医嘱系统“用药后复评”提示上线，夜班护工到岗。"),
    ))
    return project


def _check_summary(d: Demo, project: m.PdcaProject) -> str:
    """The group's conclusion as it would write it, from the figures the program computed."""
    from qmsdesk.analytics.pdca_case import comparisons

    return "；".join(spec.verdict().rstrip("。") for spec in comparisons(d.session, project)) + "。"


def _deductions_to_ledger(d: Demo, rng: random.Random) -> None:
    """The late-summer 患者安全 deductions the ward turned into ledger items one by one."""
    responsible = d.posts["护理质控员"]
    rows = d.session.query(m.InspectionItem).join(m.Inspection).filter(
        m.Inspection.date >= date(2026, 8, 1), m.InspectionItem.deduction > 0).order_by(m.Inspection.date).all()
    for row in [r for r in rows if r.template_item.code == "SAFE-02"][:2]:
        found = row.inspection.date
        add(d, rng, m.RectificationItem(
            source_kind="inspection", inspection_item_id=row.id, category="患者安全",
            problem=f"科室自查 SAFE-02 {row.template_item.text}：{row.reason}（扣 {row.deduction:g} 分）",
            found_on=found, deadline=found + timedelta(days=30), root_cause="夜班交接未核对高危患者防护措施",
            measures="防跌倒核查表纳入夜班交接，夜班组长抽查", responsible_id=responsible.id, status="open"))


def write_projects(d: Demo) -> list[m.PdcaProject]:
    """Both cycles of the falls story, their countermeasures in the ledger, and the deductions raised alone."""
    rng = random.Random(f"qmsdesk-demo-pdca-{d.seed}")
    first = _first_cycle(d, rng)
    second = _second_cycle(d, rng, first)
    d.session.flush()
    first.check_summary = _check_summary(d, first)
    _deductions_to_ledger(d, rng)
    d.session.flush()
    return [first, second]
