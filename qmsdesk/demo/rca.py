"""Demo root-cause analyses: a harm level for every event, and a full RCA (fishbone factors, 5 whys, root cause,
lessons) for every grade I–II event and for the first night fall, which the falls PDCA project starts from.

Called after the ledger is written, because an analysis names the improvement items the event produced.
The root cause and lessons come from the event's own free-text analysis where it has one.
"""

from __future__ import annotations

import random
from datetime import timedelta

from qmsdesk.db import models as m
from qmsdesk.demo.builder import AS_OF, CHINA, Demo
from qmsdesk.demo.checklists import add

# Contributing factors by event category: (code, note or None); the first is the primary one.
FACTORS = {
    "fall": (("MAN-ASSESS", "用药或病情变化后未复评跌倒风险"), ("MAN-EDU", None), ("MAT-DRUG", "降压、利尿或镇静药物"),
             ("ENV-LIGHT", None), ("MAN-PATROL", "夜间巡视间隔长"), ("ENV-LAYOUT", "卫生间无扶手"),
             ("MAN-PATIENT", "高龄、夜间如厕"), ("MAT-SUPPLY", "未穿防滑鞋")),
    "medication_error": (("MTD-NOT-FOLLOWED", "口服药未看服到口"), ("MAN-HANDOVER", None), ("MAN-STAFFING", None),
                         ("MAN-CHECK", None)),
    "pressure_injury": (("MAN-ASSESS", "Braden 评分未按时复评"), ("MTD-NOT-FOLLOWED", "翻身执行不到位"),
                        ("MAT-SUPPLY", "减压床垫不足")),
}
WHYS = {
    "fall": ("为什么跌倒？患者夜间独自下床如厕时头晕、站立不稳。",
             "为什么独自下床？患者未按呼叫器呼叫护士，陪护家属不在床旁。",
             "为什么未呼叫？患者及家属不知道用药后夜间起床容易跌倒。",
             "为什么不知道？入院 Morse 评估为高危，但宣教只口头告知，未确认掌握。",
             "为什么未确认？高危患者宣教流程没有复述确认和签字要求，夜间巡视也未核查防护措施。"),
    "medication_error": ("为什么漏服？口服药发放后患者外出检查，回来后未服。",
                         "为什么未发现？发药护士未看服到口，交接班未核对服药情况。",
                         "为什么未看服到口？发药时段人力紧张，流程中无服药确认签字。"),
    "pressure_injury": ("为什么发生压力性损伤？骶尾部长时间受压。",
                        "为什么长时间受压？翻身间隔超过2小时。",
                        "为什么翻身不到位？Braden 评分未按时复评，未识别为高危。"),
}
LESSONS = {
    "fall": "跌倒高危患者宣教须复述确认并签字；用药或病情变化后24小时内复评；夜间加强巡视并协助如厕。",
    "medication_error": "口服药看服到口并签字；交接班核对服药情况。",
    "pressure_injury": "高危患者每班评估皮肤，翻身卡与实际核对。",
}
GENERIC = ("MTD-NOT-FOLLOWED", None), ("MAN-ASSESS", None), ("MTD-TRAINING", None)
GENERIC_WHYS = ("为什么发生？相关流程执行不到位。", "为什么执行不到位？人员对流程不熟悉。", "为什么不熟悉？培训后未考核落实。")


def harm_of(event: m.AdverseEvent) -> str:
    """The harm level the event's grade and description mean."""
    if event.grade == "I":
        return "death" if "死亡" in event.description else "severe"
    if event.grade == "II":
        return "moderate" if any(w in event.description for w in ("缝合", "骨折", "手术", "加重")) else "mild"
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


def _needs_rca(event: m.AdverseEvent, first_fall: m.AdverseEvent | None) -> bool:
    return event.grade in ("I", "II") or event is first_fall


def analyse_events(d: Demo) -> dict[str, m.EventAnalysis]:
    """Write harm levels and the RCAs; returns the analyses by event id (str)."""
    rng = random.Random(f"qmsdesk-demo-rca-{d.seed}")
    falls = sorted((e for e in d.events if e.category == "fall"), key=lambda e: e.occurred_at)
    first_fall = falls[0] if falls else None
    team = f"{d.posts['护士长'].name}、{d.posts['护理质控员'].name}、责任护士"
    out: dict[str, m.EventAnalysis] = {}
    for event in d.events:
        event.harm_level = harm_of(event)
        if not _needs_rca(event, first_fall):
            continue
        root, lessons = _split(event.analysis)
        category = event.category if event.category in FACTORS else None
        occurred = event.occurred_at.astimezone(CHINA).date()
        analysis = add(d, rng, m.EventAnalysis(
            event_id=event.id, analysed_on=min(occurred + timedelta(days=rng.randint(2, 6)), AS_OF - timedelta(days=1)),
            team=team, whys=list(WHYS.get(event.category, GENERIC_WHYS)),
            root_cause=root or "高危因素评估与防护措施落实不到位",
            lessons=lessons or LESSONS.get(category or "", "完善流程并全员培训。")))
        d.session.flush()
        pool = FACTORS.get(category or "", GENERIC)
        chosen = [pool[0], *rng.sample(pool[1:], min(len(pool) - 1, rng.randint(2, 3)))]
        for n, (code, note) in enumerate(chosen):
            add(d, rng, m.EventFactor(analysis_id=analysis.id, category=_category(code), code=code, note=note,
                                      primary=n == 0))
        out[str(event.id)] = analysis
    d.session.flush()
    return out


def _category(code: str) -> str:
    from qmsdesk.services.factors import vocabulary

    return vocabulary().get(code).category
