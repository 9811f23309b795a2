"""The quarterly report's part on the quality tools: checklist scores across units, the most-deducted items,
contributing factors, and the PDCA cases (持续改进案例) units ran — as a PDF section and workbook sheets.

Every workbook cell goes through the one guarded writer (reports.workbook.put).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from qmsdesk.analytics.pareto import ParetoSpec
from qmsdesk.i18n import msg
from qmsdesk.office.quality import (
    DeductedItem,
    OfficeCase,
    TemplateComparison,
    deducted_items,
    factor_pareto,
    most_deducted,
    pdca_cases,
    template_comparisons,
)

TOP_ITEMS = 10
HEADING = ("八、检查评分与持续改进案例", "8. Scored inspections and improvement cases")


@dataclass
class QualityPart:
    checklists: list[TemplateComparison] = field(default_factory=list)
    deducted: list[DeductedItem] = field(default_factory=list)
    deducted_pareto: ParetoSpec | None = None
    factors: ParetoSpec | None = None
    cases: list[OfficeCase] = field(default_factory=list)


def gather_quality(session: Session, periods: list[str], *, factors: bool = True) -> QualityPart:
    """The quality tools' part of the quarterly report; `factors=False` leaves out the contributing factors, for
    a caller that reads them (factor_pareto) on another connection meanwhile."""
    items = deducted_items(session, periods)
    return QualityPart(template_comparisons(session, periods), items, most_deducted(session, periods, items),
                       factor_pareto(session, periods) if factors else None, pdca_cases(session, periods))


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}%"


def quality_section(q: QualityPart, st: dict, table) -> list[Any]:
    """The PDF section; `table(rows, widths, st)` is the quarterly report's table maker."""
    from reportlab.platypus import Paragraph, Spacer

    from qmsdesk.reports.chart_pdf import chart_flowables

    out: list[Any] = [Paragraph(msg(*HEADING), st["h1"])]
    out.append(Paragraph(msg("（一）检查评分（同一评分表同一版本的单位之间比较）", "Checklist scores (same version only)"),
                         st["h2"]))
    if not q.checklists:
        out.append(Paragraph(msg("本季度没有逐项评分的检查。", "No scored inspections this quarter."), st["note"]))
    for comp in q.checklists:
        rows = [[msg("单位", "Unit"), msg("检查次数", "Inspections"), msg("平均得分率", "Mean"), msg("最低", "Lowest")]]
        rows += [[r.unit_label, r.inspections, _pct(r.mean_percent), _pct(r.lowest_percent)] for r in comp.rows]
        out.append(Paragraph(escape(f"{comp.name}（{comp.code} {comp.version}）："
                                    + msg("全区平均 {v}", "overall {v}", v=_pct(comp.overall))), st["base"]))
        out.append(table(rows, [200, 70, 80, 70], st))
    out.append(Paragraph(msg("（二）扣分最多的检查项目", "Most-deducted checklist items"), st["h2"]))
    if q.deducted:
        rows = [[msg("评分表", "Checklist"), msg("项目", "Item"), msg("扣分次数", "Inspections"), msg("涉及单位", "Units"),
                 msg("累计扣分", "Points")]]
        rows += [[i.template_code, f"{i.item_code} {i.text}", i.inspections, i.units, f"{i.points:g}"]
                 for i in q.deducted[:TOP_ITEMS]]
        out += [table(rows, [70, 250, 55, 55, 55], st), Spacer(1, 8)]
        out += chart_flowables(q.deducted_pareto, 470, 200)
    else:
        out.append(Paragraph(msg("本季度检查评分无扣分项目。", "No deductions this quarter."), st["note"]))
    if q.factors is not None and q.factors.total:
        out.append(Paragraph(msg("（三）不良事件原因因素", "Contributing factors of adverse events"), st["h2"]))
        out += chart_flowables(q.factors, 470, 200)
    out.append(Paragraph(msg("（四）持续改进案例（PDCA）", "Improvement cases (PDCA)"), st["h2"]))
    if not q.cases:
        out.append(Paragraph(msg("本季度各单位没有报告持续改进项目。", "No unit reported an improvement project."), st["note"]))
        return out
    rows = [[msg("单位", "Unit"), msg("改进主题", "Theme"), msg("阶段", "Stage"), msg("指标：改进前 → 改进后（目标）", "Indicators"),
             msg("对策销号", "Countermeasures closed")]]
    rows += [[c.unit_label, c.title, c.stage_label, c.indicator_text(), f"{c.countermeasures_closed}/{c.countermeasures}"]
             for c in q.cases]
    out.append(table(rows, [95, 110, 50, 190, 45], st))
    return out


def quality_sheets(wb, q: QualityPart) -> None:
    """检查评分, 扣分项目 and 持续改进案例 sheets of the quarterly workbook."""
    _sheet(wb, msg("检查评分", "Checklist scores"),
           [msg("评分表", "Checklist"), msg("版本", "Version"), msg("名称", "Name"), msg("单位", "Unit"),
            msg("检查次数", "Inspections"), msg("平均得分率(%)", "Mean %"), msg("最低得分率(%)", "Lowest %")],
           [[c.code, c.version, c.name, r.unit_label, r.inspections, round(r.mean_percent, 1), round(r.lowest_percent, 1)]
            for c in q.checklists for r in c.rows], [12, 10, 36, 30, 10, 12, 12])
    _sheet(wb, msg("扣分项目", "Deducted items"),
           [msg("评分表", "Checklist"), msg("项目编码", "Item"), msg("检查项目", "Text"), msg("扣分次数", "Inspections"),
            msg("涉及单位", "Units"), msg("累计扣分", "Points")],
           [[i.template_code, i.item_code, i.text, i.inspections, i.units, i.points] for i in q.deducted],
           [12, 10, 60, 10, 10, 10])
    _sheet(wb, msg("持续改进案例", "Improvement cases"),
           [msg("单位", "Unit"), msg("改进主题", "Theme"), msg("阶段", "Stage"), msg("立项日期", "Started"),
            msg("结案日期", "Closed"), msg("指标：改进前 → 改进后（目标）", "Indicators"), msg("要因", "Key causes"),
            msg("对策", "Countermeasures"), msg("已销号", "Closed"), msg("数据截至", "Data to")],
           [[c.unit_label, c.title, c.stage_label, c.started_on, c.closed_on, c.indicator_text(), "；".join(c.key_causes),
             c.countermeasures, c.countermeasures_closed, c.period] for c in q.cases],
           [28, 30, 10, 12, 12, 60, 40, 8, 8, 10])


def _sheet(wb, title: str, headers: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from qmsdesk.reports.workbook import write_cell, write_row

    ws = wb.create_sheet(title)
    for col, text in enumerate(headers, start=1):
        cell = write_cell(ws, 1, col, text)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for r, values in enumerate(rows, start=2):
        write_row(ws, r, values)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
