"""Demo root-cause analyses: a harm level for every event, and a full RCA (fishbone factors, 5 whys, root
cause, lessons) for every grade I–II event — among them the story's fall-3, which the falls PDCA project
starts from (qmsdesk.demo.story).

Called after the ledger is written, because an analysis names the improvement items the event produced.
The root cause and lessons come from the event's own free-text analysis where it has one. Draws from its
own seeded random source.
"""

from __future__ import annotations

import random
from datetime import timedelta

from qmsdesk.db import models as m
from qmsdesk.demo.builder import Demo
from qmsdesk.demo.checklists import add
from qmsdesk.services.factors import vocabulary

# Contributing factors by event category: (code, note or None); the first is the primary one.
FACTORS = {
    "fall": (("MAN-ASSESS", "用药或病情变化后未复评跌倒风险"), ("MAN-EDU", None), ("MAT-DRUG", "降压、利尿或镇静药物"),
             ("ENV-LIGHT", None), ("MAN-PATROL", "夜间巡视间隔长"), ("ENV-LAYOUT", "卫生间无扶手"),
             ("MAN-PATIENT", "高龄、夜间如厕")),
    "medication_error": (("MTD-NOT-FOLLOWED", "口服药未看服到口"), ("MAN-HANDOVER", None), ("MAN-STAFFING", None),
                         ("MAN-CHECK", None)),
    "pressure_injury": (("MAN-ASSESS", "Braden 评分未按时复评"), ("MTD-NOT-FOLLOWED", "减压措施执行不到位"),
                        ("MAT-SUPPLY", "减压垫不足")),
    "unplanned_extubation": (("MAN-ASSESS", "躁动患者管路滑脱风险评估不足"), ("MTD-NOT-FOLLOWED", "约束评估未按时"),
                             ("MAN-PATROL", None)),
}
GENERIC = (("MTD-NOT-FOLLOWED", None), ("MAN-ASSESS", None), ("MTD-TRAINING", None))
# The falls story's Ⅱ级 fall: every factor its analysis names (the PDCA project's fishbone grows from these).
STORY_FACTORS = {"fall-3": (("MAN-ASSESS", "使用利尿剂后未复评跌倒风险"), ("MAT-DRUG", "利尿剂致夜间如厕频繁"),
                            ("MAN-PATROL", "夜间巡视间隔2小时"), ("ENV-LAYOUT", "卫生间无扶手"), ("ENV-LIGHT", None),
                            ("MAN-OTHER", "陪护未到位"))}
WHYS = {
    "fall": ("为什么跌倒？患者夜间独自下床如厕时头晕、站立不稳。",
             "为什么独自下床？患者未按呼叫器呼叫护士，陪护家属不在床旁。",
             "为什么头晕？使用利尿剂、降压药后夜间多次如厕，出现体位性低血压。",
             "为什么未提前防范？用药后没有复评跌倒风险，夜间巡视间隔2小时。",
             "为什么没有复评？跌倒风险评估流程未规定用药后复评，卫生间也无扶手、夜间照明不足。"),
    "medication_error": ("为什么漏服？口服药发放后患者外出检查，回来后未服。",
                         "为什么未发现？发药护士未看服到口，交接班未核对服药情况。",
                         "为什么未看服到口？发药时段人力紧张，流程中无服药确认签字。"),
    "pressure_injury": ("为什么发生压力性损伤？受压部位长时间受压。",
                        "为什么长时间受压？减压措施未落实，翻身间隔超过2小时。",
                        "为什么未落实？Braden 评分≤12分后未按规定每班评估皮肤。"),
}
GENERIC_WHYS = ("为什么发生？相关流程执行不到位。", "为什么执行不到位？人员对流程不熟悉。", "为什么不熟悉？培训后未考核落实。")
LESSONS = {
    "fall": "使用利尿剂、降压药后2小时内复评跌倒风险；夜间高危患者每小时巡视并协助如厕；卫生间加装扶手和夜灯。",
    "medication_error": "口服药看服到口并签字；交接班核对服药情况。",
    "pressure_injury": "高危患者每班评估皮肤，减压措施落实到位并交接。",
}


def harm_of(event: m.AdverseEvent) -> str:
    """The harm level the event's grade and description mean."""
    if event.grade == "I":
        return "death" if "死亡" in event.description else "severe"
    if event.grade == "II":
        words = ("缝合", "骨折", "手术", "加重", "重新插管", "深部组织损伤", "调整治疗")
        return "moderate" if any(w in event.description for w in words) else "mild"
    return "none"


def _split(analysis: str | None) -> tuple[str | None, str | None]:
    """"根本原因：…。改进：…" → (root cause, lessons)."""
    if not analysis:
        return None, None
    text = analysis
    for prefix in ("根本原因：", "RCA："):
        text = text.removeprefix(prefix)
    root, _, improve = text.partition("改进：")
    return root.strip().rstrip("。") or None, improve.strip() or None


def analyse_events(d: Demo) -> dict[str, m.EventAnalysis]:
    """Write harm levels and the RCAs of the grade I–II events; returns the analyses by event id (str)."""
    rng = random.Random(f"qmsdesk-demo-rca-{d.seed}")
    vocab = vocabulary()
    team = f"{d.posts['护士长'].name}、{d.posts['护理质控员'].name}、责任护士"
    out: dict[str, m.EventAnalysis] = {}
    for event in d.events:
        event.harm_level = harm_of(event)
        if event.grade not in ("I", "II"):
            continue
        root, lessons = _split(event.analysis)
        occurred = d.local_date(event.occurred_at)
        analysis = add(d, rng, m.EventAnalysis(
            event_id=event.id, analysed_on=min(occurred + timedelta(days=rng.randint(2, 6)), d.as_of - timedelta(days=1)),
            team=team, whys=list(WHYS.get(event.category, GENERIC_WHYS)),
            root_cause=root or "高危因素评估与防范措施落实不到位",
            lessons=lessons or LESSONS.get(event.category, "完善流程并全员培训、考核。")))
        d.session.flush()
        scripted = next((k for k, v in d.story.items() if v is event and k in STORY_FACTORS), None)
        pool = FACTORS.get(event.category, GENERIC)
        chosen = list(STORY_FACTORS[scripted]) if scripted else [pool[0], *rng.sample(pool[1:], min(len(pool) - 1,
                                                                                                  rng.randint(2, 4)))]
        for n, (code, note) in enumerate(chosen):
            add(d, rng, m.EventFactor(analysis_id=analysis.id, category=vocab.get(code).category, code=code, note=note,
                                      primary=n == 0))
        out[str(event.id)] = analysis
    d.session.flush()
    return out
