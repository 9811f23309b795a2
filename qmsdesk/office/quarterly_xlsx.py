"""The quarterly report's workbook: every unit's figures in full (the PDF shows the worst ones)."""

from __future__ import annotations

import io
from typing import Any

from qmsdesk.i18n import msg
from qmsdesk.office.completeness import rate_text
from qmsdesk.office.labels import event_category
from qmsdesk.office.quality_report import quality_sheets
from qmsdesk.office.quarterly import QuarterContent, status_text
from qmsdesk.reports.workbook import write_row


def _sheet(wb, title: str, headers: list[str], rows: list[list[Any]], widths: list[int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for cell in write_row(ws, 1, headers):
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Unit text (problems, labels) is data: the guarded writer stores "=HYPERLINK(…)" as text, never a formula.
    for n, row in enumerate(rows, start=2):
        write_row(ws, n, row)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths or [18] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    red = Font(color="9C0006")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value in ("未达标", "未报", "已退回", "missed", "missing", "returned"):
                cell.font = red


def _pct(x: float | None) -> float | None:
    return None if x is None else round(x / 100, 4)


def build_quarterly_workbook(c: QuarterContent) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = msg("概览", "Overview")
    overall = c.table.overall()
    for n, row in enumerate(([c.title], [msg("统计期间", "Period"), c.span], [msg("编制日期", "Issued"), c.today],
                             [msg("上报单位数", "Units"), len(c.table.units)],
                             [msg("上报率", "Completeness"), rate_text(overall.completeness)],
                             [msg("及时率", "On time"), rate_text(overall.timeliness)], [],
                             [msg("需要关注", "Needs attention")],
                             *[[a.subject, "；".join(a.reasons)] for a in c.indicators_attention + c.units_attention]),
                            start=1):
        write_row(ws, n, row)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 100
    ws["B3"].number_format = "yyyy-mm-dd"

    _sheet(wb, msg("上报情况", "Completeness"), [msg("医院", "Hospital"), msg("科室", "Department"), *c.periods,
                                              msg("上报率", "Completeness"), msg("及时率", "On time")],
           [[u.hospital_name, u.department_name, *[c.table.cell(u.id, p).text for p in c.periods],
             rate_text(c.table.unit_rate(u.id).completeness), rate_text(c.table.unit_rate(u.id).timeliness)]
            for u in c.table.units], [22, 14, 14, 14, 14, 10, 10])
    rows = []
    for ind in c.indicators:
        for r in ind.comparison.rows:
            rows.append([ind.info.code, ind.info.name_zh, r.unit_label, r.numerator, r.denominator,
                         None if r.value is None else round(r.value, 4), ind.info.unit, ind.info.target_text,
                         status_text(r.status), "；".join(ind.signals.get(r.unit_id, [])),
                         msg("是", "yes") if r.funnel_outlier else ""])
    _sheet(wb, msg("质量指标", "Indicators"), [msg("代码", "Code"), msg("指标", "Indicator"), msg("单位", "Unit"),
                                           msg("分子", "Numerator"), msg("分母", "Denominator"), msg("数值", "Value"),
                                           msg("计量", "Unit of measure"), msg("目标", "Target"), msg("达标", "Status"),
                                           msg("异常信号", "Signals"), msg("漏斗图离群", "Funnel outlier")],
           rows, [14, 30, 30, 10, 10, 10, 10, 10, 10, 40, 10])
    rows = []
    for u, counts in c.events.by_unit.items():
        for (cat, grade), n in sorted(counts.items()):
            rows.append([c.events.labels.get(u, ""), event_category(cat), grade, n])
    _sheet(wb, msg("不良事件", "Events"), [msg("单位", "Unit"), msg("类别", "Category"), msg("等级", "Grade"),
                                         msg("例数", "Count")], rows, [30, 16, 8, 8])
    _sheet(wb, msg("整改销号", "Closure"), [msg("单位", "Unit"), msg("事项", "Items"), msg("已销号", "Closed"),
                                         msg("未销号", "Open"), msg("超期", "Overdue"), msg("销号率", "Closure rate")],
           [[x.unit_label, x.total, x.closed, x.open, x.overdue, _pct(x.rate)] for x in c.closure], [30, 8, 8, 8, 8, 10])
    wb[msg("整改销号", "Closure")].column_dimensions["F"].width = 10
    for row in wb[msg("整改销号", "Closure")].iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].number_format = "0.0%"
    _sheet(wb, msg("超期事项", "Overdue"), [msg("单位", "Unit"), msg("来源", "Source"), msg("类别", "Category"),
                                         msg("问题", "Problem"), msg("期限", "Deadline"), msg("超期天数", "Days over"),
                                         msg("状态", "Status"), msg("责任人", "Responsible")],
           [[i.unit_label, i.source_label, i.category, i.problem, i.deadline, i.days_overdue(c.today), i.status_label,
             i.responsible] for i in c.overdue], [28, 10, 12, 40, 12, 10, 10, 10])
    for row in wb[msg("超期事项", "Overdue")].iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "yyyy-mm-dd"
    _sheet(wb, msg("培训考核", "Training"), [msg("单位", "Unit"), msg("培训次数", "Sessions"), msg("学时", "Hours"),
                                          msg("出勤人次", "Attendances"), msg("考核人次", "Assessed"), msg("合格", "Passed"),
                                          msg("合格率", "Pass rate"), msg("安全培训覆盖率", "Safety coverage")],
           [[t.unit_label, t.sessions, round(t.hours, 1), t.attendances, t.assessments, t.passed, _pct(t.pass_rate),
             _pct(t.safety_rate)] for t in c.training], [30, 8, 8, 10, 10, 8, 10, 12])
    for row in wb[msg("培训考核", "Training")].iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "0.0%"
    _sheet(wb, msg("单位季度分析", "Unit analyses"), [msg("单位", "Unit"), msg("审定人", "Approved by"),
                                                msg("审定日期", "Approved on"), msg("序号", "No."), msg("来源", "Source"),
                                                msg("问题", "Problem"), msg("原因分析", "Cause"), msg("改进措施", "Measures"),
                                                msg("总体评价", "Overall")],
           [[a.unit_label, a.approved_by, a.approved_on, p.get("number"), p.get("source_label"), p.get("problem"),
             p.get("cause"), p.get("measures"), a.summary if n == 0 else ""]
            for a in c.analyses for n, p in enumerate(a.problems or [{}])], [28, 10, 12, 6, 10, 40, 40, 40, 40])
    quality_sheets(wb, c.quality)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
