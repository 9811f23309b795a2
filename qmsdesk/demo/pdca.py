"""Demo PDCA: the falls story of qmsdesk.demo.story as an improvement project, and its next cycle.

The project starts at the m3 group meeting from the 患者安全 checklist deductions of the falls self-inspection
(m3) and the RCA of fall-3 (m4); its fishbone is the m4 meeting's, its four countermeasures are the items
the m4 meeting raised (adopted, not copied: their owners and deadlines stay the ledger's); the change
takes effect in m5; the effect is checked once three months after it are in (m8), and the project
closes at the m11 meeting. Its before/after is read from NUR-FALL: two falls in m0–m3, none from m5.
The next cycle (夜间陪护落实率, the m11 meeting's choice) is left in its plan stage.

Called after the ledger and the RCAs are written. Draws from its own seeded random source.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from qmsdesk.analytics.pdca_case import comparisons
from qmsdesk.db import models as m
from qmsdesk.demo import story
from qmsdesk.demo.builder import Demo
from qmsdesk.demo.checklists import add

CHANGE_MONTH = 5  # the countermeasures took effect in m5: training, night rounds, reassessment after drugs
# key cause → (category, description, verification); the m4 meeting's fishbone
CAUSES = {
    "pdca-reassess": ("man", "护士使用利尿剂、降压药后未复评跌倒风险",
                      "专项自查用药后未复评2例；3例跌倒中2例发生于使用利尿剂后的夜间如厕途中"),
    "pdca-rails": ("environment", "卫生间及走廊无扶手、夜间照明不足", "现场查看：卫生间、走廊均无扶手，夜灯损坏2处"),
    "pdca-night-rounds": ("method", "夜间巡视间隔2小时，高危患者如厕无人协助", "3例跌倒均发生在22:00—6:00，巡视记录间隔均为2小时"),
    "pdca-training": ("man", "护士跌倒风险评估及防范知识掌握不足", "抽考12名护士，新版评估量表使用正确7名（58%）"),
}
OTHER_CAUSES = (("man", "高龄、心衰患者体位性低血压"), ("method", "陪护告知不到位，家属夜间离开"))
WHAT = {"pdca-reassess": "用药后复评跌倒风险", "pdca-rails": "加装扶手及夜灯", "pdca-night-rounds": "夜间每小时巡视与如厕协助",
        "pdca-training": "跌倒预防专题培训与考核"}
WHERE = {"pdca-reassess": "病区（用药后2小时内）", "pdca-rails": "卫生间、走廊", "pdca-night-rounds": "病区（22:00—6:00）",
         "pdca-training": "科室示教室"}


def _meeting(d: Demo, index: int) -> m.Meeting:
    return next(mt for mt in d.meetings if d.index_of(mt.date) == index)


def _log(d: Demo, rng: random.Random, project: m.PdcaProject, entries) -> None:
    for on, stage, note in entries:
        add(d, rng, m.PdcaLogEntry(project_id=project.id, date=on, stage=stage, note=note, author=d.posts["护士长"].name))


def _causes(d: Demo, rng: random.Random, project: m.PdcaProject) -> dict[str, m.PdcaCause]:
    out = {key: add(d, rng, m.PdcaCause(project_id=project.id, category=c, description=text, key_cause=True,
                                         verification=check)) for key, (c, text, check) in CAUSES.items()}
    for c, text in OTHER_CAUSES:
        add(d, rng, m.PdcaCause(project_id=project.id, category=c, description=text, key_cause=False))
    d.session.flush()
    return out


def _adopt(d: Demo, rng: random.Random, project: m.PdcaProject, causes: dict[str, m.PdcaCause]) -> None:
    """The m4 meeting's four problems are the countermeasures: link their ledger items to the project."""
    problems = {p.key: p for mt in story.MEETINGS.values() for p in mt.problems}
    for key, cause in causes.items():
        item = d.session.scalars(select(m.RectificationItem).where(
            m.RectificationItem.meeting_problem_id == d.story[key].id)).one()
        sp = problems[key]
        cm = add(d, rng, m.PdcaCountermeasure(project_id=project.id, cause_id=cause.id, what=WHAT[key], why=sp.root,
                                               where=WHERE[key], how=sp.measures))
        d.session.flush()
        item.countermeasure_id = cm.id


def _dates(d: Demo) -> dict[int, date]:
    return {i: _meeting(d, i).date for i in (3, 4, 5, 6, 7, 8, 10, 11)}


def _first_cycle(d: Demo, rng: random.Random) -> m.PdcaProject:
    on = _dates(d)
    head = d.posts["护士长"]
    check = d.story["falls-check"].date
    project = add(d, rng, m.PdcaProject(
        title="降低住院患者跌倒发生率", stage="closed", started_on=on[3], leader_id=head.id,
        team=f"{head.name}（组长）、{d.posts['跌倒专项护士'].name}、{d.posts['护理质控员'].name}、{d.posts['科主任'].name}",
        reason=f"{d.month(1).label()}至{d.month(3).label()}发生跌倒2例；{check.month}月{check.day}日患者安全专项自查跌倒条目"
               f"扣分集中（警示标识与防护措施、用药后复评）；{d.month(4).label()}又发生Ⅱ级跌倒1例（额部裂伤缝合），"
               "根因分析指向用药后未复评、夜间巡视间隔长、环境无扶手。跌倒多发于老年心衰患者，属高风险、可改进的问题。",
        baseline_start=str(d.month(0)), baseline_end=str(d.month(3)), change_period=str(d.month(CHANGE_MONTH)),
        current_state=f"专项自查（{check.isoformat()}）抽查跌倒高危患者12例，防范措施落实率75%（9/12）；"
                      "扣分以“警示标识与防护措施”“用药后复评”“健康教育知晓”为主（见柏拉图）。",
        analysis_source={"kind": "checklist", "start": str(d.month(0)), "end": str(d.month(3)), "template": "NUR-SAFE"},
        standardization="修订《住院患者跌倒/坠床预防护理常规》：使用利尿剂、降压药、镇静药后2小时内复评跌倒风险；"
                        "22:00—6:00高危患者每小时巡视并协助如厕；卫生间、走廊扶手与夜灯纳入病区设施巡查；纳入新入职护士岗前培训。",
        next_cycle="夜间陪护落实情况仍不理想，下一轮选题：提高夜间陪护落实率。", closed_on=on[11]))
    d.session.flush()
    fall = d.session.scalars(select(m.IndicatorDefinition).where(m.IndicatorDefinition.code == "NUR-FALL")).one()
    add(d, rng, m.PdcaIndicator(project_id=project.id, indicator_id=fall.id, target=fall.target or 0.1))
    _adopt(d, rng, project, _causes(d, rng, project))
    _log(d, rng, project, (
        (on[3], "plan", "例会确定跌倒专题，收集近3个月跌倒资料及专项自查扣分。"),
        (on[4], "plan", "现状调查、鱼骨图分析，要因4项经现场查检验证；4项对策列入整改台账。"),
        (on[4], "do", "进入实施（D）：对策分工落实。"),
        (on[5], "do", "用药后复评流程修订，专题培训及考核完成，夜间每小时巡视执行；扶手夜灯已报后勤。"),
        (on[6], "check", "进入检查（C）：复查防范措施落实率100%，扶手夜灯安装完毕，4项对策验证销号。"),
        (on[7], "check", "修订《住院患者跌倒/坠床预防护理常规》，纳入岗前培训。"),
        (on[8], "act", f"进入处理（A）：{d.month(5).label()}至{d.month(7).label()}连续3个月未发生跌倒，对策转为常规工作。"),
        (on[10], "act", "跟踪：持续未发生跌倒。"),
        (on[11], "closed", "结案：跌倒专题PDCA结题，下一轮选题：夜间陪护落实率。"),
    ))
    return project


def _next_cycle(d: Demo, rng: random.Random, first: m.PdcaProject) -> m.PdcaProject:
    on = _dates(d)
    project = add(d, rng, m.PdcaProject(
        title="提高夜间陪护落实率", stage="plan", started_on=on[11], leader_id=first.leader_id, team=first.team,
        reason=first.next_cycle, previous_id=first.id, analysis_source={}))
    d.session.flush()
    _log(d, rng, project, ((on[11], "plan", "例会确定下一轮选题，准备现状调查。"),))
    return project


def write_projects(d: Demo) -> list[m.PdcaProject]:
    """The falls project (closed, its evidence computed from NUR-FALL) and its next cycle (plan)."""
    rng = random.Random(f"qmsdesk-demo-pdca-{d.seed}")
    first = _first_cycle(d, rng)
    second = _next_cycle(d, rng, first)
    d.session.flush()
    first.check_summary = "；".join(spec.verdict().rstrip("。") for spec in comparisons(d.session, first)) + "。"
    d.session.flush()
    return [first, second]
