"""A PDCA project printed as a 持续改进案例 in the standard section order an inspector expects.

一、选题背景与理由 · 二、现状调查 · 三、目标设定 · 四、原因分析与要因确认 · 五、对策拟定（5W1H）·
六、对策实施 · 七、效果确认 · 八、标准化 · 九、检讨与下一步. Every figure comes from analytics.pdca_case.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from qmsdesk.analytics.pdca_case import PdcaCase
from qmsdesk.reports.fonts import cjk_font

SECTIONS = ("一、选题背景与理由", "二、现状调查", "三、目标设定", "四、原因分析与要因确认", "五、对策拟定（5W1H）",
            "六、对策实施", "七、效果确认", "八、标准化", "九、检讨与下一步")
WIDTH = 510  # points between the margins of an A4 page


def _styles(font: str) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("case", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("ct", parent=base, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=4),
        "sub": ParagraphStyle("cs", parent=base, fontSize=10, leading=15, alignment=TA_CENTER, spaceAfter=8,
                              textColor=colors.HexColor("#404040")),
        "h1": ParagraphStyle("ch1", parent=base, fontSize=13, leading=19, spaceBefore=10, spaceAfter=4,
                             textColor=colors.HexColor("#1F3864"), keepWithNext=1),
        "cell": ParagraphStyle("cc", parent=base, fontSize=8, leading=10.5),
        "head": ParagraphStyle("ch", parent=base, fontSize=8, leading=10.5, alignment=TA_CENTER),
        "note": ParagraphStyle("cn", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#404040")),
    }


def _p(text: Any, style) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], st: dict):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data = [[_p(v, st["head"] if i == 0 else st["cell"]) for v in row] for i, row in enumerate(rows)]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6")),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def _or_none(text: str | None) -> str:
    return text if text else "（未填写）"


def _background(c: PdcaCase, st: dict) -> list[Any]:
    rows = [["项目", "内容"], ["改进主题", c.title], ["选题理由", c.reason], ["项目负责人", c.leader or ""],
            ["小组成员", c.team or ""], ["立项日期", c.started_on.isoformat()], ["当前阶段", c.stage_label]]
    if c.previous_title:
        rows.append(["上一轮", c.previous_title])
    return [_table(rows, [90, WIDTH - 90], st)]


def _current_state(c: PdcaCase, st: dict) -> list[Any]:
    from qmsdesk.reports.chart_pdf import chart_flowables

    out: list[Any] = [_p(_or_none(c.current_state), st["base"])]
    if c.pareto is not None and c.pareto.total:
        out += chart_flowables(c.pareto, WIDTH, 210)
    return out


def _targets(c: PdcaCase, st: dict) -> list[Any]:
    rows = [["指标", "基线期", "基线值（计算）", "目标值"]]
    period = f"{c.baseline_start or '—'} — {c.baseline_end or '—'}"
    rows += [[i.name, period, i.fmt(i.baseline), i.target_text] for i in c.indicators]
    if len(rows) == 1:
        return [_p("（未设定改进指标）", st["note"])]
    return [_table(rows, [200, 110, 100, 100], st)]


def _causes(c: PdcaCase, st: dict) -> list[Any]:
    from qmsdesk.reports.rca_pdca_charts import fishbone_flowables

    out: list[Any] = fishbone_flowables(c.fishbone, WIDTH, 250)
    rows = [["类别", "原因", "是否要因", "验证方法与结果"]]
    rows += [[x.category_label, x.description, "要因" if x.key_cause else "", x.verification or ""] for x in c.causes]
    if len(rows) > 1:
        out.append(_table(rows, [40, 190, 50, 230], st))
    return out


def _plan(c: PdcaCase, st: dict) -> list[Any]:
    rows = [["What 对策", "Why 理由", "Where 地点", "When 期限", "Who 负责人", "How 方法"]]
    rows += [[x.what, x.why, x.where, x.when.isoformat() if x.when else "", x.who, x.how] for x in c.countermeasures]
    if len(rows) == 1:
        return [_p("（未制定对策）", st["note"])]
    return [_table(rows, [110, 90, 55, 60, 50, 145], st)]


def _doing(c: PdcaCase, st: dict) -> list[Any]:
    out: list[Any] = []
    rows = [["对策", "整改状态", "销号日期", "进展"]]
    for x in c.countermeasures:
        notes = "\n".join(f"{d.isoformat()} {n}" for d, n in x.progress)
        rows.append([x.what, x.status_label, x.closed_on.isoformat() if x.closed_on else "", notes])
    if len(rows) > 1:
        out.append(_table(rows, [140, 60, 60, 250], st))
    log = [["日期", "阶段", "实施记录"]] + [[e.date.isoformat(), _stage(e.stage), e.note] for e in c.log]
    if len(log) > 1:
        out.append(_table(log, [70, 60, 380], st))
    return out or [_p("（暂无实施记录）", st["note"])]


def _stage(code: str) -> str:
    from qmsdesk.db.enums import PdcaStage

    return PdcaStage.label_pairs().get(code, (code, code))[0]


def _effect(c: PdcaCase, st: dict) -> list[Any]:
    from qmsdesk.reports.rca_pdca_charts import before_after_flowables

    out: list[Any] = []
    rows = [["指标", "改进前（计算）", "改进后（计算）", "目标", "结论"]]
    for spec in c.comparisons:
        rows.append([spec.name, f"{spec.fmt(spec.before.value)}（{spec.before.months_with_data} 个月）",
                     f"{spec.fmt(spec.after.value)}（{spec.after.months_with_data} 个月）", spec.fmt(spec.target),
                     ("改善" if spec.improved else "未改善") if spec.improved is not None else "数据不足"])
    if len(rows) > 1:
        out.append(_table(rows, [150, 100, 100, 70, 90], st))
    for spec in c.comparisons:
        out += before_after_flowables(spec, WIDTH, 210)
    out.append(_p(f"效果确认结论：{_or_none(c.check_summary)}", st["base"]))
    return out


def build_case_pdf(case: PdcaCase, unit_label: str = "") -> bytes:
    """The case write-up as PDF bytes (A4 portrait, Chinese)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from qmsdesk.reports.pdf import _page_canvas

    font = cjk_font().name
    st = _styles(font)
    title = f"持续改进案例：{case.title}"
    story: list[Any] = [_p(title, st["title"]),
                        _p(f"{unit_label}　{case.started_on.isoformat()} 立项　当前阶段：{case.stage_label}", st["sub"])]
    bodies = (_background(case, st), _current_state(case, st), _targets(case, st), _causes(case, st), _plan(case, st),
              _doing(case, st), _effect(case, st), [_p(_or_none(case.standardization), st["base"])],
              [_p(_or_none(case.next_cycle), st["base"])])
    from reportlab.platypus import CondPageBreak

    for heading, body in zip(SECTIONS, bodies, strict=True):
        # A heading never ends a page alone: its first part (often a whole figure, kept together) follows it.
        story += [CondPageBreak(60 * mm), _p(heading, st["h1"]), *body]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=title, author="qmsdesk", initialFontName=font)
    doc.build(story, canvasmaker=_page_canvas(f"{unit_label}  {title}", font))
    return buf.getvalue()


def write_case_pdf(session, project_id, path: Path | str) -> Path:
    """Write the case of `project_id` to `path` (whole or not at all)."""
    from qmsdesk.analytics.pdca_case import project_case
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live
    from qmsdesk.exports import save_export

    unit = session.scalars(live(m.Unit)).first()
    label = f"{unit.hospital_name} {unit.department_name}" if unit else ""
    return save_export(Path(path), build_case_pdf(project_case(session, project_id), label))
