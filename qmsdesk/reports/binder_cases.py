"""What sections 七 and 九 of the 质控记录本 print for one record: an adverse event with its root-cause analysis
(factors by fishbone bone, the 5-why chain, root cause, lessons, the items it produced) and a PDCA project as
its case summary (theme and reason, targets, key causes, countermeasures in the ledger, before/after, 标准化,
next cycle). Both read the domain's views (analytics.rca.RcaView, analytics.pdca_case.PdcaCase); the words
are Chinese, as every export is.
"""

from __future__ import annotations

from typing import Any

from qmsdesk.analytics.fishbone import BONE_WORDS
from qmsdesk.analytics.pdca_case import PdcaCase
from qmsdesk.analytics.rca import RcaView
from qmsdesk.db import enums as e
from qmsdesk.reports.paper import Paper
from qmsdesk.reports.rca_pdca_charts import before_after_flowables


def _zh(enum: type, code: str | None) -> str:
    pair = enum.label_pairs().get(code) if code else None
    return pair[0] if pair else (code or "")


def factor_lines(view: RcaView) -> list[str]:
    """One line per bone that has factors: “人（人员）：交接班不清（主要原因）；人力不足”."""
    out = []
    for category, factors in view.factors_by_category().items():
        if factors:
            terms = [f.label + (f"（{f.note}）" if f.note else "") + ("〔主要原因〕" if f.primary else "") for f in factors]
            out.append(f"{BONE_WORDS[category][0]}：" + "；".join(terms))
    return out


def rca_block(p: Paper, view: RcaView) -> list[Any]:
    """The analysis of one event, under the event's own lines; what a required one still lacks, said plainly."""
    if view.analysed_on is None:
        if view.legacy_analysis:
            return [p.labelled("原因分析", view.legacy_analysis)]
        if view.required:
            return [p.labelled("根因分析", "Ⅰ、Ⅱ级事件须完成根本原因分析，尚未分析")]
        return [p.labelled("原因分析", "（未填写）")]
    out: list[Any] = [p.labelled("伤害程度", _zh(e.HarmLevel, view.harm_level) or "（未填写）"),
                      p.labelled("根因分析", f"{view.analysed_on.isoformat()}　分析小组：{view.team or '（未填写）'}")]
    lines = factor_lines(view)
    out.append(p.labelled("原因因素（人·机·料·法·环·测）", "；".join(lines) if lines else "（未选择）"))
    chain = " → ".join(f"为什么{n}：{w}" for n, w in enumerate(view.whys, start=1))
    out += [p.labelled("5个为什么", chain or "（未填写）"), p.labelled("根本原因", view.root_cause),
            p.labelled("经验教训", view.lessons)]
    actions = "；".join(f"{a.problem}（{a.responsible or '未指定'}，期限 {a.deadline.isoformat()}，{_zh(e.ItemStatus, a.status)}）"
                        for a in view.actions)
    out.append(p.labelled("改进措施（整改事项）", actions or "（未制定）"))
    if view.required and view.gaps:
        out.append(p.para("根因分析未完成：" + "、".join(view.gaps) + "。", "note"))
    return out


def case_block(p: Paper, case: PdcaCase) -> list[Any]:
    """A project as the binder's case summary: its parts in the case write-up's order, the before/after drawn."""
    stage = _zh(e.PdcaStage, case.stage)
    when = f"{case.started_on.isoformat()} 立项" + (f"，{case.closed_on.isoformat()} 结案" if case.closed_on else "")
    out: list[Any] = [p.minor(f"{case.title}（{stage}）"),
                      p.labelled("负责人及小组", f"{case.leader or '（未指定）'}；{case.team or '（未填写）'}；{when}"),
                      p.labelled("选题理由", case.reason), p.labelled("现状调查", case.current_state)]
    targets = "；".join(f"{i.name}：基线 {i.fmt(i.baseline)}，目标 {i.target_text}" for i in case.indicators)
    baseline = f"（基线 {case.baseline_start} — {case.baseline_end}）" if case.baseline_start else ""
    out.append(p.labelled("目标设定", (targets + baseline) if targets else "（未设定）"))
    keys = "；".join(f"{_zh(e.FishboneCategory, c.category)}—{c.description}（验证：{c.verification}）"
                     for c in case.key_causes)
    out.append(p.labelled("要因确认", keys or "（未确认）"))
    if case.countermeasures:
        rows = [[c.what, c.how, c.who, c.when.isoformat() if c.when else "", _zh(e.ItemStatus, c.status)]
                for c in case.countermeasures]
        out.append(p.table(["对策", "方法", "负责人", "期限", "台账状态"], rows, [40, 70, 18, 22, 18]))
    else:
        out.append(p.labelled("对策（5W1H）", "（未制定）"))
    out.append(p.labelled("效果确认", case.check_summary or (f"改进措施自 {case.change_period} 起实施，尚待确认"
                                                          if case.change_period else "（尚未实施）")))
    for spec in case.comparisons:
        out += before_after_flowables(spec, 470, 170)
    out += [p.labelled("标准化", case.standardization), p.labelled("检讨与下一轮", case.next_cycle)]
    return out
