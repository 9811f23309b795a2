"""The eleven sections of the 科室质量与安全管理记录本, in the notebook's order, each as flowables.

Every section reads the records of the binder's span (a year or a quarter) through the domain's query
functions, up to the last month judged; a section with nothing recorded says so instead of vanishing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reportlab.platypus import PageBreak
from sqlalchemy import not_, or_
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.analytics import derived
from qmsdesk.analytics.inspections import points_text
from qmsdesk.analytics.pdca_case import project_case
from qmsdesk.analytics.rca import event_rca
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import ITEM_COLUMNS, live
from qmsdesk.i18n import data_language
from qmsdesk.periods import Period
from qmsdesk.reports.analysis_pdf import ChartMaker, analysis_block
from qmsdesk.reports.binder_cases import case_block, rca_block
from qmsdesk.reports.paper import Paper
from qmsdesk.reports.records_pdf import meeting_block, roster_block, training_block
from qmsdesk.services.analysis import analysis_view
from qmsdesk.services.analysis_figures import SpanFigures, span_figures
from qmsdesk.services.plan_progress import PlanProgress
from qmsdesk.spans import Span

SECTIONS = ("小组成员及职责", "年度计划", "月度会议记录", "培训与考核", "质量指标监测与分析", "检查督查（评分表）",
            "不良事件与分析", "整改台账", "持续改进（PDCA）案例", "季度分析", "年度总结")
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")


@dataclass
class Binder:
    """What every section needs: the records' span, the day it is judged from, and the shared parts."""

    session: Session
    span: Span
    as_of: date
    through: Period
    paper: Paper
    figures: SpanFigures
    progress: PlanProgress
    charts: ChartMaker

    @property
    def first(self) -> date:
        return self.span.first_day

    @property
    def last(self) -> date:
        return self.through.last_day

    @property
    def word(self) -> str:
        return "本年度" if self.span.is_year else "本季度"

    def in_span(self, month: int) -> bool:
        return self.span.first.month <= month <= self.span.last.month


def heading(b: Binder, index: int) -> list[Any]:
    return [PageBreak(), *b.paper.heading(f"{NUMERALS[index]}、{SECTIONS[index]}", 0)]


# --- 一、小组成员及职责 --------------------------------------------------------------------------------

def members(b: Binder) -> list[Any]:
    from qmsdesk.services.group import roster

    lines = roster(b.session, between=(b.span.first_day, b.span.last_day))
    return roster_block(b.paper, lines, year=b.span.year)


# --- 二、年度计划 ------------------------------------------------------------------------------------

def plan(b: Binder) -> list[Any]:
    p, progress = b.paper, b.progress
    if not progress.exists:
        return [p.empty(f"{b.span.year} 年未制定年度质控计划。")]
    out: list[Any] = [p.minor("（一）年度质控目标与工作重点"), p.para(progress.plan.objectives or "（未填写）")]
    goals = progress.plan.goals
    out.append(p.minor("（二）质量指标年度目标"))
    if goals:
        rows = [[g.name, g.target_text or "—", g.goal_text or "—", ("科室调整：" + g.note if g.note else "科室调整")
                 if g.own else "采用目录目标值"] for g in goals]
        out.append(p.table(["指标", "目录目标值", "年度目标", "说明"], rows, [70, 22, 22, 60]))
    else:
        out.append(p.empty("未设置适用的质量指标。"))
    out += _focus(b) + _training_plan(b) + _inspection_plan(b) + _pdca_plan(b)
    return out


def _focus(b: Binder) -> list[Any]:
    p = b.paper
    rows = [[f"{f.plan.month}月", f.plan.theme, f.plan.details, f.plan.outcome or (
            f"见 {f.where}" if f.covered else ("未落实" if f.due else "未到期"))]
            for f in b.progress.focus if b.in_span(f.plan.month)]
    body = p.table(["月份", "质控重点", "具体内容", "落实情况"], rows, [12, 50, 62, 50]) if rows else p.empty("未安排每月质控重点。")
    return [p.minor("（三）每月质控重点"), body]


def _training_plan(b: Binder) -> list[Any]:
    p = b.paper
    rows = []
    for t in b.progress.trainings:
        if not b.in_span(t.plan.month):
            continue
        done = f"已开展（{t.held_on.isoformat()}）" if t.held else ("未开展" if t.due else "未到期")
        rows.append([f"{t.plan.month}月", t.plan.topic, t.plan.category_label, f"{t.plan.hours:g}", t.plan.audience,
                     t.plan.trainer, done])
    body = p.table(["月份", "培训主题", "类别", "学时", "培训对象", "授课人", "执行情况"], rows,
                   [11, 52, 24, 10, 22, 20, 35]) if rows else p.empty("未安排培训计划。")
    return [p.minor("（四）培训计划"), body]


def _inspection_plan(b: Binder) -> list[Any]:
    p = b.paper
    rows = []
    for i in b.progress.within(b.span.first, b.span.last).inspections:
        missed = "、".join(w.label for w in i.missed)
        done = f"已完成 {i.done}/{i.expected} 次" + (f"；未完成：{missed}" if missed else "")
        rows.append([i.plan.title, i.plan.template_code or "—", i.plan.kind_label, i.plan.frequency_label,
                     i.plan.responsible, done if i.expected else "未到期"])
    body = p.table(["检查项目", "评分表", "类型", "频次", "负责人", "完成情况"], rows,
                   [42, 24, 22, 14, 22, 50]) if rows else p.empty("未安排检查计划。")
    return [p.minor("（五）检查计划"), body]


def _pdca_plan(b: Binder) -> list[Any]:
    p = b.paper
    rows = [[x.plan.theme, f"{x.plan.start_month}月", x.plan.indicator_code or "—", x.plan.leader]
            for x in b.progress.pdca]
    body = p.table(["PDCA 主题", "计划开始", "关联指标", "负责人"], rows, [80, 20, 30, 30]) if rows else p.empty(
        "未安排 PDCA 持续改进主题。")
    return [p.minor("（六）持续改进（PDCA）主题"), body]


# --- 三、月度会议记录 --------------------------------------------------------------------------------

def meetings(b: Binder) -> list[Any]:
    from qmsdesk.services.group_records import meeting_records

    records = meeting_records(b.session, b.first, b.last)
    if not records:
        return [b.paper.empty(f"{b.word}无会议记录。")]
    held = {str(Period.of(r.date)) for r in records if r.kind == e.MeetingKind.GROUP_MONTHLY}
    missing = [f"{p.month}月" for p in b.span.periods if p.last_day <= b.as_of and str(p) not in held]
    out: list[Any] = [b.paper.para(f"共 {len(records)} 次会议，其中质控小组例会 {sum(r.kind == 'group_monthly' for r in records)} 次"
                                   + (f"；未召开例会的月份：{'、'.join(missing)}。" if missing else "，每月均已召开例会。"), "note")]
    for n, rec in enumerate(records):
        if n:
            out.append(PageBreak())
        out += meeting_block(b.paper, rec, level=1)
    return out


# --- 四、培训与考核 ---------------------------------------------------------------------------------

def training(b: Binder) -> list[Any]:
    from qmsdesk.services.group_records import training_records

    p = b.paper
    records = training_records(b.session, b.first, b.last)
    out: list[Any] = [p.minor("（一）培训一览")]
    if not records:
        out.append(p.empty(f"{b.word}无培训记录。"))
    else:
        rows = [[r.date.isoformat(), r.topic, r.category_label, f"{r.hours:g}", r.trainer, str(r.expected),
                 str(len(r.present))] for r in records]
        out.append(p.table(["日期", "培训主题", "类别", "学时", "授课人", "应到", "实到"], rows, [20, 62, 26, 10, 22, 10, 10],
                           numeric=(3, 5, 6)))
        out.append(p.para(f"合计 {len(records)} 次，{sum(r.hours for r in records):g} 学时，参训 "
                          f"{sum(len(r.present) for r in records)} 人次。", "note"))
    out += _assessments(b)
    out += _people(b)
    if records:
        out += [PageBreak(), p.minor("（四）培训记录")]
        for r in records:
            out += training_block(p, r)
    return out


def _assessments(b: Binder) -> list[Any]:
    p = b.paper
    rows = b.session.scalars(live(m.Assessment).where(m.Assessment.date.between(b.first, b.last))
                             .order_by(m.Assessment.date, m.Assessment.created_at)).all()
    out: list[Any] = [p.minor("（二）考核情况")]
    if not rows:
        return [*out, p.empty(f"{b.word}无考核记录。")]
    groups: dict[tuple, list[m.Assessment]] = defaultdict(list)
    for a in rows:
        groups[(a.date, a.subject, a.kind)].append(a)
    table = []
    for (day, subject, kind), items in groups.items():
        failed = [f"{a.staff.name}（{a.score:g}）" for a in items if not a.passed]
        table.append([day.isoformat(), subject, e.AssessmentKind.label_pairs()[kind][0], str(len(items)),
                      str(sum(a.passed for a in items)), "、".join(failed) or "无"])
    out.append(p.table(["日期", "考核内容", "类型", "人次", "合格", "不合格（成绩）"], table, [20, 56, 18, 10, 10, 50],
                       numeric=(3, 4)))
    return out


def _people(b: Binder) -> list[Any]:
    p = b.paper
    people = derived.people_year(b.session, b.span.year)
    out: list[Any] = [p.minor(f"（三）{b.span.year} 年个人培训与考核达标情况")]
    if not people:
        return [*out, p.empty("无在岗人员。")]
    rows, alarms = [], []
    for r, x in enumerate(people):
        safety = f"{x.safety_law_trainings} 次"
        if not x.meets_safety_rule:
            alarms.append((r, 3))
            safety += "（不足 2 次）"
        rows.append([x.name, f"{x.training_hours:g}", str(x.trainings_attended), safety, str(x.assessments_passed),
                     str(x.assessments_failed), str(x.assessments_outstanding)])
    out.append(p.table(["姓名", "培训学时", "参训次数", "法规/安全培训", "考核通过", "不合格人次", "未通过待补考"], rows,
                       [22, 16, 16, 30, 16, 18, 20], numeric=(1, 2, 4, 5, 6), alarm_cells=alarms))
    return out


# --- 五、质量指标监测与分析 --------------------------------------------------------------------------

def indicators(b: Binder) -> list[Any]:
    p, f = b.paper, b.figures
    if not f.indicators:
        return [p.empty("未设置适用的质量指标。")]
    out: list[Any] = [p.para("表中为每月指标值；红字为当月未达目录目标值（与月度上报报告一致），“期间值”按分子、分母合计计算，"
                             "与年度目标比较。", "note")]
    for q in b.span.quarters:
        months = [str(x) for x in q.periods if x <= b.through]
        if not months:
            continue
        out += [p.minor(f"{q.label_zh}（{'、'.join(x[5:].lstrip('0') + '月' for x in months)}）")]
        out.append(_quarter_table(b, q, months))
    concern = f.indicators_of_concern
    out.append(p.minor("需关注的指标"))
    if not concern:
        out.append(p.para(f"{b.word}各项指标均达到年度目标，控制图未见需关注的信号。"))
        return out
    analysed = _indicator_analyses(b)
    for i in concern:
        parts = [f"{b.word}{i.value_text}，年度目标 {i.goal_text or '—'}，{i.months_off} 个月未达标"]
        if i.signals:
            parts.append("控制图：" + "；".join(i.signals))
        out.append(p.labelled(i.name, "；".join(parts)))
        for span_label, cause, measures in analysed.get(i.code, []):
            out.append(p.para(f"　{span_label}原因分析：{cause}；改进措施：{measures}", "note"))
    out += b.charts([i.code for i in concern])
    return out


def _quarter_table(b: Binder, q: Span, months: list[str]) -> Any:
    p = b.paper
    rows, alarms = [], []
    quarter = span_figures(b.session, q) if q != b.span else b.figures
    for r, i in enumerate(quarter.indicators):
        by_month = {mv.period: mv for mv in i.months}
        cells = [i.name, i.goal_text or "—"]
        for c, month in enumerate(months, start=2):
            mv = by_month.get(month)
            cells.append("未填报" if mv is None or mv.status == "未填报" else _fmt(mv.value, mv.status))
            if mv is not None and mv.status == "未达标":
                alarms.append((r, c))
        cells.append(i.value_text)
        cells.append(i.status_label)
        rows.append(cells)
    header = ["指标", "年度目标", *[f"{int(x[5:])}月" for x in months], "期间值", "目标达成"]
    widths = [56, 18, *[16] * len(months), 20, 16]
    return p.table(header, rows, widths, alarm_cells=alarms)


def _fmt(value: float | None, status: str) -> str:
    if value is None:
        return status  # 无暴露
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _indicator_analyses(b: Binder) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for q in [*b.span.quarters, *([b.span] if b.span.is_year else [])]:
        view = analysis_view(b.session, q)
        if view is None:
            continue
        for problem in view.problems:
            if problem.source == "indicator" and problem.complete:
                code = next((i.code for i in view.figures.indicators if problem.problem.startswith(i.name + "：")), None)
                if code:
                    out[code].append((q.label_zh, problem.cause, problem.measures))
    return out


# --- 六、检查督查（评分表） ---------------------------------------------------------------------------

def inspections(b: Binder) -> list[Any]:
    p, ins = b.paper, b.figures.inspections
    if not ins.count:
        return [p.empty(f"{b.word}无检查督查记录。")]
    scored = {r.id: r.scored for r in _scored_rows(b)}
    rows = [[x.date, x.kind_label, x.inspector, x.topic, _template_text(scored.get(x.id)), _score_text(x, scored.get(x.id)),
             str(len(x.findings))] for x in ins.lines]
    out: list[Any] = [p.table(["日期", "检查类型", "检查人/部门", "检查主题", "检查评分表（版本）", "得分", "问题数"], rows,
                              [18, 20, 26, 36, 40, 20, 12], numeric=(5, 6))]
    top = "，".join(f"{c} {n} 项" for c, n in ins.top_categories[:6])
    out.append(p.para(f"共 {ins.count} 次，其中按检查评分表逐项评分 {sum(1 for v in scored.values() if v)} 次，"
                      f"平均得分 {ins.mean_score if ins.mean_score is not None else '—'}；"
                      f"发现问题 {ins.findings_total} 项" + (f"，按类别：{top}。" if top else "。"), "note"))
    out += _deductions(b, ins.lines, scored)
    out += _deduction_pareto(b)
    out.append(p.minor("检查发现的问题"))
    for x in ins.lines:
        found = "；".join(f"{n}. {t}" for n, t in enumerate(x.findings, start=1)) or "未发现问题"
        out.append(p.labelled(f"{x.date} {x.topic or x.kind_label}", found))
    return out


def _scored_rows(b: Binder) -> list[Any]:
    """The span's inspections with their computed scores (analytics.inspections: 标准分 − 扣分, never stored)."""
    from qmsdesk.analytics.inspections import inspection_rows

    rows = inspection_rows(b.session, year=b.span.first.year)
    return [r for r in rows if b.first <= r.date <= b.last]


def _template_text(score: Any) -> str:
    return "—" if score is None else f"{score.template_name}（{score.template_version}）"


def _score_text(line: Any, score: Any) -> str:
    if score is not None:
        return score.display_zh()
    return "—" if line.score is None else f"{line.score:g}（手填）"


def _deductions(b: Binder, lines: list[Any], scored: dict[str, Any]) -> list[Any]:
    """Per scored inspection: the items that lost points, with the reason and the sample found non-compliant."""
    p = b.paper
    out: list[Any] = [p.minor("逐项评分扣分情况")]
    shown = 0
    for x in lines:
        score = scored.get(x.id)
        if score is None:
            continue
        shown += 1
        head = f"{x.date} {x.kind_label} {score.template_name}（{score.template_version}版）：{score.display_zh()}"
        if not score.deducted_items:
            out.append(p.labelled(head, "各项均未扣分。"))
            continue
        out.append(p.para(head, "body"))
        rows = [[i.code, i.text, points_text(i.standard), points_text(i.deduction),
                 f"{i.failures}/{i.sample_size}" if i.sample_size else ("—" if i.failures is None else str(i.failures)),
                 i.reason or ""] for i in score.deducted_items]
        out.append(p.table(["编号", "检查项目", "标准分", "扣分", "不合格/抽查", "扣分原因"], rows, [14, 62, 14, 12, 20, 50],
                           numeric=(2, 3)))
    if not shown:
        out.append(p.empty(f"{b.word}的检查均未按检查评分表逐项评分。"))
    return out


def _deduction_pareto(b: Binder) -> list[Any]:
    """The span's most-deducted checklist items: the Pareto (柏拉图) and its table."""
    from qmsdesk.analytics.inspections import deduction_pareto
    from qmsdesk.reports.chart_pdf import chart_flowables

    p = b.paper
    spec = deduction_pareto(b.session, b.span.first, b.through, top=12)
    out: list[Any] = [p.minor(f"{b.word}扣分最多的项目")]
    if not spec.total:
        return out + [p.empty(f"{b.word}逐项评分中没有扣分项目。")]
    out += chart_flowables(spec, 480, 220)
    rows = [[str(n), bar.category, str(bar.count), f"{bar.percent:.1f}%", f"{bar.cumulative_percent:.1f}%",
             "是" if bar.vital else ""] for n, bar in enumerate(spec.bars, start=1)]
    out.append(p.table(["序号", "扣分项目", "不合格例数", "占比", "累计占比", "主要问题（累计80%内）"], rows,
                       [12, 78, 22, 18, 20, 30], numeric=(2, 3, 4)))
    return out


# --- 七、不良事件与分析 ------------------------------------------------------------------------------

def events(b: Binder) -> list[Any]:
    p, ev = b.paper, b.figures.events
    if not ev.total:
        return [p.empty(f"{b.word}无不良事件报告。")]
    grade_rows = [[e.EventGrade.label_pairs()[g][0], str(ev.by_grade.get(g, 0))] for g in ("I", "II", "III", "IV")]
    cat_rows = [[k, str(n)] for k, n in ev.by_category.items()]
    out: list[Any] = [p.para(f"{b.word}共报告不良事件 {ev.total} 例。患者仅以病案号后四位标识，报告人不记名。", "note"),
                      p.table(["事件分级", "例数"], grade_rows, [60, 20], numeric=(1,)),
                      p.table(["事件类别", "例数"], cat_rows, [60, 20], numeric=(1,))]
    with data_language():
        views = [event_rca(b.session, x.id) for x in ev.lines]
        lacking = [v for v in views if v.required and v.gaps]
        if lacking:
            out.append(p.para(f"其中Ⅰ、Ⅱ级事件 {sum(v.required for v in views)} 例，根因分析未完成 {len(lacking)} 例。", "note"))
        for x, view in zip(ev.lines, views, strict=True):
            out += [p.minor(f"{x.occurred}　{x.category_label}　{x.grade_label}"),
                    p.labelled("病案号", x.record_no or "未填写"), p.labelled("事件经过", x.description),
                    p.labelled("即时处置", x.immediate_action), *rca_block(p, view)]
    return out


# --- 八、整改台账 ------------------------------------------------------------------------------------

def ledger(b: Binder) -> list[Any]:
    p = b.paper
    # Items open at some time in the span (qmsdesk.rules: found by its end, not closed before it began).
    items = b.session.scalars(live(m.RectificationItem).where(
        m.RectificationItem.found_on <= b.last, not_(rules.sql_closed_by(ITEM_COLUMNS, b.first - timedelta(days=1))))
        .order_by(m.RectificationItem.found_on, m.RectificationItem.created_at)).all()
    if not items:
        return [p.empty(f"{b.word}无整改事项。")]
    overdue = {o.item_id for o in derived.ledger_figures(b.session, b.through, b.as_of).overdue}
    rows = []
    for i in items:
        rows.append([i.found_on.isoformat(), e.SourceKind.label_pairs().get(i.source_kind, (i.source_kind, ""))[0],
                     i.problem, i.measures or "", i.responsible.name if i.responsible else "", i.deadline.isoformat(),
                     e.ItemStatus.label_pairs()[i.status][0] + ("（超期）" if i.id in overdue else ""),
                     i.closed_on.isoformat() if i.closed_on else ""])
    alarms = [(r, 6) for r, i in enumerate(items) if i.id in overdue]
    led = b.figures.ledger
    return [p.para(f"{b.word}在办整改事项 {len(items)} 项（期内新增 {led.raised} 项，销号 {led.closed} 项）；截至 {b.as_of.isoformat()} "
                   f"未销号 {led.open_at_end} 项，其中超期 {led.overdue_at_end} 项。", "note"),
            p.table(["发现日期", "来源", "问题", "整改措施", "责任人", "期限", "状态", "销号日期"], rows,
                    [21, 11, 39, 39, 13, 21, 16, 21], alarm_cells=alarms)]


# --- 九、持续改进（PDCA）案例 ------------------------------------------------------------------------

def pdca(b: Binder) -> list[Any]:
    p = b.paper
    out: list[Any] = []
    if b.progress.pdca:
        rows = [[x.plan.theme, f"{x.plan.start_month}月", x.plan.indicator_code or "—", x.plan.leader]
                for x in b.progress.pdca]
        out += [p.minor("年度计划中的 PDCA 主题"), p.table(["主题", "计划开始", "关联指标", "负责人"], rows, [80, 20, 30, 30])]
    # Projects running at some time in the span: started by its end, not closed before it began.
    projects = b.session.scalars(live(m.PdcaProject).where(
        m.PdcaProject.started_on <= b.last, or_(m.PdcaProject.closed_on.is_(None), m.PdcaProject.closed_on >= b.first))
        .order_by(m.PdcaProject.started_on)).all()
    if not projects:
        return [*out, p.empty(f"{b.word}尚无 PDCA 持续改进案例记录。")]
    with data_language():
        cases = [project_case(b.session, x.id, b.through) for x in projects]
        rows = [[c.title, e.PdcaStage.label_pairs()[c.stage][0], c.leader or "", c.progress_text()] for c in cases]
        out += [p.minor(f"{b.word}持续改进项目"), p.table(["主题", "阶段", "负责人", "进展"], rows, [50, 18, 18, 94])]
        for case in cases:
            out += case_block(p, case)
    return out


# --- 十、季度分析 / 十一、年度总结 ---------------------------------------------------------------------

def quarterly(b: Binder) -> list[Any]:
    out: list[Any] = []
    printed = False
    for q in b.span.quarters:
        view = analysis_view(b.session, q)
        if view is None:
            why = "尚未形成季度分析" if q.last_day <= b.as_of else "本季度尚未结束，尚无季度分析"
            out.append(b.paper.empty(f"{q.label_zh}：{why}。"))
            continue
        if printed:
            out.append(PageBreak())
        out += analysis_block(b.paper, view, level=1, charts=None)
        printed = True
    return out


def annual(b: Binder) -> list[Any]:
    if not b.span.is_year:
        return [b.paper.empty(f"本册为{b.span.label_zh}记录，年度质控总结见 {b.span.year} 年全年记录本。")]
    view = analysis_view(b.session, b.span)
    if view is None:
        return [b.paper.empty(f"{b.span.year} 年度质控总结尚未形成。")]
    return analysis_block(b.paper, view, level=1, charts=None)


BUILDERS: tuple[Callable[[Binder], list[Any]], ...] = (
    members, plan, meetings, training, indicators, inspections, events, ledger, pdca, quarterly, annual)
