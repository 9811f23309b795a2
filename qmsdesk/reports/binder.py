"""科室质量与安全管理记录本: the group's year (or one quarter) as the one PDF an inspector asks for.

A cover a hospital would print, the contents with page numbers, a month-by-month overview, then the
eleven sections in the notebook's order (reports.binder_sections). Every page carries 第 N 页 / 共 M 页,
the Chinese font is embedded and patient record numbers are masked wherever they appear.
`build_binder()` is what `qmsdesk binder` and the window's action call; `progress(step, total, label)`
reports each part as it is laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.analytics import derived
from qmsdesk.clock import today
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.reports import binder_sections as sections
from qmsdesk.reports.analysis_pdf import ChartMaker
from qmsdesk.reports.paper import USABLE_MM, Paper
from qmsdesk.services.analysis_figures import SpanFigures, judged_until, span_figures
from qmsdesk.services.plan_progress import plan_progress
from qmsdesk.spans import Span

TITLE = "科室质量与安全管理记录本"
Progress = Callable[[int, int, str], None]


def chart_maker(session: Session, through: Period, height: float = 190) -> ChartMaker:
    """Charts of indicators over the twelve months ending at `through`, a page wide (analytics.charts)."""
    from qmsdesk.analytics.charts import indicator_chart
    from qmsdesk.reports.chart_pdf import chart_flowables

    start = through
    for _ in range(11):
        start = start.previous()

    def make(codes) -> list[Any]:
        out: list[Any] = []
        for code in codes:
            out += chart_flowables(indicator_chart(session, code, start, through), USABLE_MM * mm, height)
            out.append(Spacer(1, 4 * mm))
        return out

    return make


def _unit(session: Session) -> m.Unit | None:
    return session.scalars(live(m.Unit)).first()


def _cover(b: sections.Binder, unit: m.Unit | None) -> list[Any]:
    from qmsdesk.services.group import roster

    p = b.paper
    people = roster(b.session, on=min(b.as_of, b.span.last_day))
    leader = next((x.name for x in people if x.role == "组长"), "")
    head_nurse = next((x.name for x in people if x.duty_title == "护士长"), "")
    controllers = "、".join(x.name for x in people if x.role == "质控员")
    hospital = unit.hospital_name if unit else ""
    department = unit.department_name if unit else ""
    facts = [("医院", hospital), ("科室", department), ("科室负责人（组长）", leader), ("护士长", head_nurse),
             ("质控员", controllers), ("记录期间", f"{b.span.first_day.isoformat()} 至 {b.span.last_day.isoformat()}"),
             ("数据截至", b.as_of.isoformat()), ("打印日期", today().isoformat())]
    return [Spacer(1, 28 * mm), p.para(hospital, "subtitle"), Spacer(1, 10 * mm), p.para(TITLE, "title"),
            Spacer(1, 6 * mm), p.para(b.span.label_zh, "subtitle"), Spacer(1, 24 * mm),
            p.facts(facts, columns=1, label_mm=42, width_mm=130, style="body", centred=True), Spacer(1, 30 * mm),
            p.para("本记录本由科室质量与安全管理小组保管，供医院质控部门及上级检查。", "centred_note"),
            p.para(f"{hospital} {department}", "subtitle")]


def _contents(b: sections.Binder) -> list[Any]:
    return [PageBreak(), b.paper.para("目　　录", "doc"), b.paper.contents()]


def month_overview(session: Session, figures: SpanFigures, months: list[Period], as_of: date) -> list[list[str]]:
    """One row per month: meetings, training, assessments, indicators, inspections, events, ledger, submission.

    The same figures the month's report counts, from the same domain functions.
    """
    from qmsdesk.services.submission import month_state

    rows = []
    for p in months:
        key = str(p)
        meetings = session.scalar(select(func.count()).select_from(m.Meeting).where(
            m.Meeting.deleted.is_(False), m.Meeting.date.between(p.first_day, p.last_day)))
        tm = derived.training_month(session, p)
        exams = session.scalars(live(m.Assessment).where(m.Assessment.date.between(p.first_day, p.last_day))).all()
        statuses = [mv.status for i in figures.indicators for mv in i.months if mv.period == key]
        inspections = [x for x in figures.inspections.lines if x.date[:7] == key]
        events = sum(derived.events_by_grade(session, p).values())
        led = derived.ledger_figures(session, p, as_of)
        state = month_state(session, p)
        rows.append([
            f"{p.month}月", str(meetings), f"{tm.sessions} / {tm.hours:g}", f"{len(exams)} / {sum(a.passed for a in exams)}",
            f"{sum(s != '未填报' for s in statuses)} / {sum(s == '未达标' for s in statuses)}",
            f"{len(inspections)} / {sum(len(x.findings) for x in inspections)}", str(events), f"{led.raised} / {led.closed}",
            e.SubmissionStatus.label_pairs()[state.status][0] + f"（第{state.version}版）" if state.status else "未上报"])
    return rows


def _overview(b: sections.Binder) -> list[Any]:
    p = b.paper
    months = [x for x in b.span.periods if x <= b.through]
    rows = month_overview(b.session, b.figures, months, b.as_of)
    head = ["月份", "质控会议", "培训 次/学时", "考核 人次/合格", "指标 已填报/未达标", "检查 次/问题", "不良事件", "整改 新增/销号",
            "月度上报"]
    return [PageBreak(), *p.heading("月度工作一览", 0),
            p.para("各月数字与当月上报的月度报告取自同一记录；整改的新增与销号按发现日期、销号日期所在月份统计。", "note"),
            p.table(head, rows, [11, 14, 17, 17, 20, 16, 14, 17, 26], numeric=(1, 6))]


def _check_span(span: Span) -> None:
    if span.first_day > today():
        raise ValidationError(msg("{s}尚未开始，没有可打印的记录。", "{s} has not begun; there is nothing to print yet.",
                                  s=span.label()), "span")


@dataclass(frozen=True)
class BuiltBinder:
    pdf: bytes
    pages: int
    path: Path | None = None


def build_binder(session: Session, span: Span | str, *, progress: Progress | None = None) -> BuiltBinder:
    """The binder of a year or a quarter as PDF bytes, with its page count."""
    span = Span.parse(span)
    _check_span(span)
    say = progress or (lambda _step, _total, _label: None)
    total = len(sections.BUILDERS) + 3
    say(1, total, msg("正在汇总{s}的数据", "Gathering the figures of {s}", s=span.label()))
    as_of, through = judged_until(span)
    record_nos = [n for (n,) in session.execute(select(m.AdverseEvent.medical_record_no)) if n]
    b = sections.Binder(session=session, span=span, as_of=as_of, through=through, paper=Paper(record_nos),
                        figures=span_figures(session, span),
                        progress=plan_progress(session, span.year, through, as_of=as_of),
                        charts=chart_maker(session, through))
    unit = _unit(session)
    story = [*_cover(b, unit), *_contents(b), *_overview(b)]
    for n, (build, name) in enumerate(zip(sections.BUILDERS, sections.SECTIONS, strict=True)):
        say(n + 2, total, msg("正在排版：{s}", "Laying out: {s}", s=name))
        story += sections.heading(b, n) + build(b)
    say(total - 1, total, msg("正在生成页码和目录", "Numbering the pages and the contents"))
    label = f"{unit.hospital_name} {unit.department_name}" if unit else ""
    pdf = b.paper.build(story, title=f"{label} {TITLE}（{span.label_zh}）",
                        header=f"{label}  {TITLE}（{span.label_zh}）", toc=True)
    say(total, total, msg("完成", "Done"))
    return BuiltBinder(pdf, b.paper.pages)


def write_binder(session: Session, span: Span | str, path: Path | str, *,
                 progress: Progress | None = None) -> BuiltBinder:
    """Write the binder to `path` whole or not at all (exports.save_export)."""
    from qmsdesk.exports import save_export

    built = build_binder(session, span, progress=progress)
    return replace(built, path=save_export(Path(path), built.pdf))
