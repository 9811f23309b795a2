"""季度质量分析 / 年度质控总结 on paper: the figures it was drafted from, each problem with the group's
原因分析 and 改进措施, the overall judgement and the leader's approval.

`analysis_block()` is also the binder's; the numbers come from the analysis's snapshot (what was
approved), the charts from the database (`charts`, a callable giving chart flowables for indicator codes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from qmsdesk.clock import local_text
from qmsdesk.reports.paper import Paper
from qmsdesk.services.analysis import AnalysisView
from qmsdesk.services.analysis_figures import GRADES, SpanFigures

ChartMaker = Callable[[Sequence[str]], list[Any]]
MAX_OVERDUE_LISTED = 10


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _status_line(view: AnalysisView) -> str:
    if view.approved:
        return f"状态：已审定（组长 {view.approved_by}，{view.approved_on.isoformat()}）"
    drafted = local_text(view.drafted_at)
    return f"状态：草稿，尚未审定（数据提取于 {drafted}）"


def overview(paper: Paper, f: SpanFigures) -> Any:
    grades = "，".join(f"{label} {f.events.by_grade.get(code, 0)}" for code, label in GRADES)
    t, mt, led = f.training, f.meetings, f.ledger
    return paper.facts([
        ("质控小组例会", f"{len(mt.months_held)}/{len(mt.months_judged)} 个月已召开，共 {mt.meetings} 次，出席率 {_pct(mt.attendance_rate)}"),
        ("培训", f"{t.sessions} 次，{t.hours:g} 学时，参训 {t.attendances} 人次"),
        ("考核", f"{t.attempts} 人次，合格率 {_pct(t.pass_rate)}（{t.people_passed}/{t.people_assessed} 人）"),
        ("检查督查", f"{f.inspections.count} 次，平均得分 {f.inspections.mean_score if f.inspections.mean_score is not None else '—'}，"
                     f"发现问题 {f.inspections.findings_total} 项"),
        ("不良事件", f"{f.events.total} 例（{grades}）"),
        ("整改台账", f"新增 {led.raised} 项，销号 {led.closed} 项；截至 {led.as_of} 未销号 {led.open_at_end} 项，超期 {led.overdue_at_end} 项"),
    ], columns=1, label_mm=28)


def _indicators(paper: Paper, f: SpanFigures, charts: ChartMaker | None) -> list[Any]:
    out: list[Any] = [paper.minor("（一）质量指标")]
    if not f.indicators:
        return [*out, paper.empty("未设置适用的质量指标。")]
    rows = [[i.name, i.goal_text or "—", i.value_text, f"{i.months_off}/{len(i.months)}", i.status_label,
             "；".join(i.signals) or "无"] for i in f.indicators]
    out.append(paper.table(["指标", "年度目标", "期间值", "未达标月数", "目标达成", "控制图信号（需关注）"], rows,
                           [52, 18, 22, 16, 16, 50]))
    concern = f.indicators_of_concern
    if concern and charts is not None:
        out += charts([i.code for i in concern])
    return out


def _events(paper: Paper, f: SpanFigures) -> list[Any]:
    out: list[Any] = [paper.minor("（二）不良事件")]
    if not f.events.total:
        return [*out, paper.empty("本期无不良事件报告。")]
    by_cat = "，".join(f"{k} {n} 例" for k, n in f.events.by_category.items())
    out.append(paper.para(f"共 {f.events.total} 例；按类别：{by_cat}。", "body"))
    serious = f.events.serious
    if serious:
        rows = [[x.occurred[:10], x.grade_label, x.category_label, x.description, x.analysis or "（尚无原因分析）"]
                for x in serious]
        out.append(paper.table(["发生日期", "分级", "类别", "事件经过", "根本原因分析（RCA）"], rows, [18, 26, 18, 50, 62]))
    else:
        out.append(paper.para("本期无Ⅰ、Ⅱ级不良事件。", "body"))
    return out


def _inspections(paper: Paper, f: SpanFigures) -> list[Any]:
    ins = f.inspections
    out: list[Any] = [paper.minor("（三）检查督查")]
    if not ins.count:
        return [*out, paper.empty("本期无检查督查记录。")]
    kinds = "，".join(f"{k} {n} 次" for k, n in ins.by_kind.items())
    top = "，".join(f"{c}（{n}）" for c, n in ins.top_categories[:5]) or "无"
    out.append(paper.para(f"共 {ins.count} 次（{kinds}），平均得分 {ins.mean_score if ins.mean_score is not None else '—'}；"
                          f"发现问题 {ins.findings_total} 项，问题最多的类别：{top}。", "body"))
    return out


def _ledger(paper: Paper, f: SpanFigures) -> list[Any]:
    led = f.ledger
    out: list[Any] = [paper.minor("（四）整改落实"),
                      paper.para(f"本期新增整改事项 {led.raised} 项，销号 {led.closed} 项；截至 {led.as_of} 未销号 "
                                 f"{led.open_at_end} 项，其中超期 {led.overdue_at_end} 项。", "body")]
    if led.overdue:
        rows = [[x.problem, x.responsible, x.deadline, f"{x.days} 天"] for x in led.overdue[:MAX_OVERDUE_LISTED]]
        out.append(paper.table(["超期事项", "责任人", "整改期限", "已超期"], rows, [100, 20, 22, 18]))
        if len(led.overdue) > MAX_OVERDUE_LISTED:
            out.append(paper.para(f"另有 {len(led.overdue) - MAX_OVERDUE_LISTED} 项超期事项，见整改台账。", "note"))
    return out


def _training(paper: Paper, f: SpanFigures) -> list[Any]:
    t = f.training
    text = (f"培训 {t.sessions} 次，{t.hours:g} 学时，参训 {t.attendances} 人次（{t.person_hours:g} 人·学时）；考核 {t.attempts} 人次，"
            f"通过 {t.attempts_passed} 人次，按人计合格率 {_pct(t.pass_rate)}。")
    out: list[Any] = [paper.minor("（五）培训与考核"), paper.para(text, "body")]
    if t.safety_expected:
        behind = "、".join(t.safety_behind) if t.safety_behind else "无"
        out.append(paper.para(f"法律法规/医疗安全培训（每人每年至少 2 次，到期末应至少 {t.safety_expected} 次）未达要求：{behind}。",
                              "body"))
    return out


def _plan(paper: Paper, f: SpanFigures) -> list[Any]:
    p = f.plan
    out: list[Any] = [paper.minor("（六）年度计划执行")]
    if not p.exists:
        return [*out, paper.empty("本年度未制定年度质控计划。")]
    out.append(paper.para(f"计划培训 {p.trainings_held}/{p.trainings_due} 项已开展；计划检查 {p.inspections_done}/"
                          f"{p.inspections_expected} 次已完成；每月质控重点 {p.focus_covered}/{p.focus_due} 项已落实。", "body"))
    for label, items in (("未开展的计划培训", p.not_held), ("未完成的计划检查", p.missed), ("未落实的质控重点", p.uncovered),
                         ("计划的 PDCA 主题", p.pdca)):
        if items:
            out.append(paper.labelled(label, "；".join(items), "note"))
    return out


def _problems(paper: Paper, view: AnalysisView) -> list[Any]:
    out: list[Any] = [paper.minor("（七）存在问题、原因分析与改进措施")]
    if not view.problems:
        return [*out, paper.empty("本期数据未显示需要专门分析的问题。")]
    rows = [[str(p.number), p.source_label, p.problem, p.cause or "（未填写）", p.measures or "（未填写）"]
            for p in view.problems]
    out.append(paper.table(["序号", "来源", "存在问题", "原因分析", "改进措施"], rows, [9, 16, 55, 47, 47], numeric=(0,)))
    return out


def analysis_block(paper: Paper, view: AnalysisView, *, level: int = 1, charts: ChartMaker | None = None) -> list[Any]:
    """The whole analysis: status, overview, the six areas, the problems, the judgement and the approval."""
    f = view.figures
    out = paper.heading(view.title, level)
    first, last = view.span.first_day.isoformat(), view.span.last_day.isoformat()
    out += [paper.para(_status_line(view), "note"),
            paper.para(f"统计期间：{first} 至 {last}，数据截至 {f.as_of}。", "note")]
    if view.reopen_reason:
        out.append(paper.para(f"审定曾被撤回，原因：{view.reopen_reason}", "note"))
    out.append(overview(paper, f))
    out += _indicators(paper, f, charts) + _events(paper, f) + _inspections(paper, f) + _ledger(paper, f)
    out += _training(paper, f) + _plan(paper, f) + _problems(paper, view)
    out += [paper.minor("（八）总体评价"), paper.para(view.summary or "（未填写）", "body"), paper.para(" ", "note")]
    out += paper.signatures("组长")
    return out


def build_analysis_pdf(view: AnalysisView, unit_label: str, *, charts: ChartMaker | None = None,
                       record_nos: Sequence[str] = ()) -> bytes:
    paper = Paper(record_nos)
    story = [paper.para(unit_label, "subtitle"), *analysis_block(paper, view, level=0, charts=charts)]
    return paper.build(story, title=f"{unit_label} {view.title}", header=f"{unit_label}  {view.title}")
