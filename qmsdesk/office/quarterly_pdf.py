"""The quarterly report as a Chinese A4 PDF (reportlab; the CJK font from reports.fonts, charts from chart_pdf)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from qmsdesk.i18n import msg
from qmsdesk.office.completeness import rate_text
from qmsdesk.office.labels import event_category
from qmsdesk.office.quality_report import quality_section
from qmsdesk.office.quarterly import QuarterContent, key_indicators, status_text
from qmsdesk.reports.fonts import cjk_font

TOP = 15  # rows of a "worst units" table in the PDF; the workbook has them all
ATTENTION_TOP = 10  # the short list of units; the workbook's 概览 lists every unit with a reason
NAVY, RED, GREEN, GREY = "#1F3864", "#C00000", "#548235", "#D9D9D9"


def _styles(font: str) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("q", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("qt", parent=base, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8),
        "sub": ParagraphStyle("qs", parent=base, fontSize=12, leading=18, alignment=TA_CENTER, spaceAfter=4),
        "h1": ParagraphStyle("qh1", parent=base, fontSize=14, leading=20, spaceBefore=10, spaceAfter=6,
                             textColor=colors.HexColor(NAVY), keepWithNext=1),
        "h2": ParagraphStyle("qh2", parent=base, fontSize=11, leading=16, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "cell": ParagraphStyle("qc", parent=base, fontSize=8, leading=10.5),
        "head": ParagraphStyle("qhd", parent=base, fontSize=8, leading=10.5, alignment=TA_CENTER),
        "note": ParagraphStyle("qn", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#404040")),
        "bullet": ParagraphStyle("qb", parent=base, fontSize=10, leading=15, leftIndent=12, bulletIndent=2),
    }


def _canvas(header: str, font: str):
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class Numbered(Canvas):
        """Draws "第 N 页 / 共 M 页" once the page count is known."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._saved: list[dict] = []

        def showPage(self):  # noqa: N802 — reportlab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.setFillGray(0.35)
                w, h = self._pagesize
                self.drawCentredString(w / 2, 8 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
                if self._pageNumber > 1:
                    self.drawString(18 * mm, h - 10 * mm, header)
                super().showPage()
            super().save()

    return Numbered


def _table(rows: list[list[Any]], widths: list[float], st: dict, red_cols: tuple[int, ...] = (),
           red_words: tuple[str, ...] = ("未达标", "未报", "已退回")):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    def para(v: Any, head: bool) -> Any:
        text = escape("" if v is None else str(v))
        if not head and any(w in text for w in red_words):
            text = f'<font color="{RED}">{text}</font>'
        return Paragraph(text, st["head" if head else "cell"])

    data = [[para(v, i == 0) for v in row] for i, row in enumerate(rows)]
    t = Table(data, colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6")),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    t.setStyle(TableStyle(style))
    return t


def _bars(content_rows, info, font: str, width: float = 470):
    """Units' values as ordered horizontal bars with the target as a dashed line (worst at the top)."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    rows = [r for r in content_rows if r.value is not None]
    if info.direction == "lower":
        rows = sorted(rows, key=lambda r: -r.value)[:TOP]
    else:
        rows = sorted(rows, key=lambda r: r.value)[:TOP]
    bar_h, label_w = 13, 150
    height = bar_h * len(rows) + 36
    d = Drawing(width, height)
    top = max([r.value for r in rows] + [info.target or 0]) * 1.1 or 1
    plot_w = width - label_w - 50
    for i, r in enumerate(rows):
        y = height - 18 - (i + 1) * bar_h
        w = r.value / top * plot_w
        missed = status_text(r.status) == msg("未达标", "missed")
        d.add(Rect(label_w, y + 2, w, bar_h - 4, fillColor=colors.HexColor(RED if missed else "#5B9BD5"),
                   strokeColor=None))
        d.add(String(label_w - 4, y + 3, r.unit_label[:16], fontName=font, fontSize=7, textAnchor="end"))
        d.add(String(label_w + w + 3, y + 3, info.fmt(r.value), fontName=font, fontSize=7))
    if info.target is not None:
        x = label_w + info.target / top * plot_w
        d.add(Line(x, 14, x, height - 16, strokeColor=colors.HexColor(GREEN), strokeDashArray=[3, 2], strokeWidth=1))
        d.add(String(x, 4, msg("目标 {t}", "target {t}", t=info.target_text), fontName=font, fontSize=7,
                     textAnchor="middle", fillColor=colors.HexColor(GREEN)))
    which = msg("（最差的 {n} 个单位）", " (worst {n} units)", n=len(rows)) if len(content_rows) > TOP else ""
    d.add(String(0, height - 10, f"{info.name_zh}{which}", fontName=font, fontSize=9))
    return d


def _cover(c: QuarterContent, st: dict) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    overall = c.table.overall()
    total_events = sum(c.events.unit_total(u) for u in c.events.by_unit)
    serious = sum(c.events.serious(u) for u in c.events.by_unit)
    items = sum(x.total for x in c.closure)
    closed = sum(x.closed for x in c.closure)
    assessed = sum(t.assessments for t in c.training)
    passed = sum(t.passed for t in c.training)
    out: list[Any] = [Spacer(1, 30), Paragraph(escape(c.title), st["title"]),
                      Paragraph(escape(msg("统计期间：{s}　　　编制日期：{d}", "Period: {s}    Issued: {d}", s=c.span,
                                           d=c.today.isoformat())), st["sub"]), Spacer(1, 14),
                      Paragraph(msg("概要", "Summary"), st["h1"])]
    lines = [
        msg("纳入统计的上报单位 {n} 个，本季度应报 {e} 单位·月，实报 {r}，上报率 {c}，按时上报率 {t}。",
            "{n} units; {e} unit-months due, {r} reported: completeness {c}, on time {t}.", n=len(c.table.units),
            e=overall.expected, r=overall.reported, c=rate_text(overall.completeness), t=rate_text(overall.timeliness)),
        msg("共上报不良事件 {n} 例，其中 I–II 级 {s} 例。", "{n} adverse events reported, {s} of grade I–II.",
            n=total_events, s=serious),
        msg("整改事项 {n} 项，已销号 {c} 项（{r}），截至编制日超期未销号 {o} 项。",
            "{n} rectification items, {c} closed ({r}); {o} overdue at the date of issue.", n=items, c=closed,
            r=rate_text(closed / items * 100 if items else None), o=len(c.overdue)),
        msg("考核 {n} 人次，合格 {p} 人次，合格率 {r}。", "{n} assessments, {p} passed ({r}).", n=assessed, p=passed,
            r=rate_text(passed / assessed * 100 if assessed else None)),
        msg("需关注的指标 {i} 项；有改进提示的单位 {u} 个，问题最多的 {k} 个列于第六部分。",
            "{i} indicators need attention; {u} units have findings, the {k} with most are in part 6.",
            i=len(c.indicators_attention), u=len(c.units_attention), k=min(len(c.units_attention), ATTENTION_TOP)),
    ]
    out += [Paragraph(escape(x), st["bullet"], bulletText="•") for x in lines]
    out.append(Spacer(1, 10))
    out.append(Paragraph(escape(msg("说明：统计采用各单位每月最新且未被退回的上报版本；被退回尚未更正的月份不计入统计，在上报情况中标为“已退回”。"
                                    "及时性以各单位登记时约定的次月上报截止日衡量，以首次上报的签名时间为准。",
                                    "Figures use each unit's newest version of a month that was not returned; returned "
                                    "months count in no figure. Timeliness is against each unit's deadline day in the "
                                    "next month, by the signing time of its first version.")), st["note"]))
    return out


def _completeness(c: QuarterContent, st: dict) -> list[Any]:
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(msg("一、上报情况", "1. Reporting completeness and timeliness"), st["h1"])]
    rows = [[msg("月份", "Month"), msg("应报", "Due"), msg("实报", "Reported"), msg("按时", "On time"),
             msg("上报率", "Completeness"), msg("及时率", "On-time rate")]]
    for p in c.periods:
        r = c.table.month_rate(p)
        rows.append([p, r.expected, r.reported, r.on_time, rate_text(r.completeness), rate_text(r.timeliness)])
    out.append(_table(rows, [70, 60, 60, 60, 80, 80], st))
    exceptions = [u for u in c.table.units if any(c.table.cell(u.id, p).status != "on_time" for p in c.periods)]
    out.append(Paragraph(msg("未全部按时上报的单位（其余 {n} 个单位本季度均按时上报）",
                             "Units not on time every month (the other {n} were)",
                             n=len(c.table.units) - len(exceptions)), st["h2"]))
    if exceptions:
        rows = [[msg("单位", "Unit"), *c.periods, msg("上报率", "Completeness")]]
        for u in exceptions:
            rows.append([u.label, *[c.table.cell(u.id, p).text for p in c.periods],
                         rate_text(c.table.unit_rate(u.id).completeness)])
        out.append(_table(rows, [170, 85, 85, 85, 60], st))
    return out


def _indicators(c: QuarterContent, st: dict, font: str) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    out: list[Any] = [Paragraph(msg("二、质量指标", "2. Quality indicators"), st["h1"]),
                      Paragraph(escape(msg("按季度合计分子、分母计算；“异常信号”指本季度内出现控制图判异（向不利方向）的单位数。",
                                           "Quarter totals of numerators and denominators; 'signals' counts units with an "
                                           "unfavourable SPC signal this quarter.")), st["note"])]
    rows = [[msg("指标", "Indicator"), msg("目标", "Target"), msg("全区合计", "Overall"), msg("上报单位", "Units"),
             msg("未达标单位", "Missed"), msg("异常信号", "Signals"), msg("最差单位", "Worst unit")]]
    for ind in c.indicators:
        # the worst unit is named only when it misses the target (a row of 0.00% has no "worst")
        worst = next((r for r in ind.comparison.rows[::-1] if r.value is not None and r.status.value == "missed"), None)
        rows.append([ind.info.name_zh, ind.info.target_text, ind.info.fmt(ind.comparison.pooled), ind.reporting,
                     ind.missed, ind.concern_units,
                     f"{worst.unit_label} {ind.info.fmt(worst.value)}" if worst else "—"])
    out.append(_table(rows, [120, 52, 52, 40, 46, 40, 140], st))
    for ind in key_indicators(c):
        if not ind.comparison.rows:
            continue
        out += [Spacer(1, 8), KeepTogether([_bars(ind.comparison.rows, ind.info, font)])]
    return out


def _events(c: QuarterContent, st: dict) -> list[Any]:
    from reportlab.platypus import Paragraph

    grades = ("I", "II", "III", "IV")
    out: list[Any] = [Paragraph(msg("三、不良事件", "3. Adverse events"), st["h1"])]
    matrix = c.events.category_grade()
    rows = [[msg("类别", "Category"), *[f"{g} 级" for g in grades], msg("合计", "Total")]]
    for cat, counts in sorted(matrix.items(), key=lambda kv: -sum(kv[1].values())):
        rows.append([event_category(cat), *[counts.get(g, 0) for g in grades], sum(counts.values())])
    totals = c.events.grades()
    rows.append([msg("合计", "Total"), *[totals.get(g, 0) for g in grades], sum(totals.values())])
    out.append(_table(rows, [120, 55, 55, 55, 55, 60], st))
    ranked = sorted(c.events.by_unit, key=lambda u: (-c.events.serious(u), -c.events.unit_total(u)))[:TOP]
    if ranked:
        out.append(Paragraph(msg("事件较多或等级较高的单位", "Units with most or most serious events"), st["h2"]))
        rows = [[msg("单位", "Unit"), *c.periods, msg("合计", "Total"), msg("I–II 级", "Grade I–II"),
                 msg("主要类别", "Main category")]]
        for u in ranked:
            cats = c.events.by_unit[u]
            main = max(cats, key=cats.get)[0] if cats else ""
            rows.append([c.events.labels.get(u, ""), *[c.events.by_month.get((u, p), 0) for p in c.periods],
                         c.events.unit_total(u), c.events.serious(u), event_category(main)])
        out.append(_table(rows, [150, 50, 50, 50, 40, 45, 90], st))
    return out


def _followup(c: QuarterContent, st: dict, font: str) -> list[Any]:
    from reportlab.platypus import Paragraph

    from qmsdesk.reports.chart_pdf import chart_flowables

    out: list[Any] = [Paragraph(msg("四、整改落实", "4. Rectification"), st["h1"])]
    rows = [[msg("单位", "Unit"), msg("事项", "Items"), msg("已销号", "Closed"), msg("未销号", "Open"),
             msg("超期", "Overdue"), msg("销号率", "Closure rate")]]
    for x in c.closure[:TOP]:
        rows.append([x.unit_label, x.total, x.closed, x.open, x.overdue, rate_text(x.rate)])
    out += [Paragraph(msg("销号率较低的单位", "Units with the lowest closure rate"), st["h2"]),
            _table(rows, [170, 50, 50, 50, 50, 60], st)]
    if c.pareto.total:
        out += chart_flowables(c.pareto, 470, 200)
    if c.overdue:
        out.append(Paragraph(msg("超期未销号事项（共 {n} 项，按超期天数列前 {k} 项）", "Overdue items ({n}; the {k} most overdue)",
                                 n=len(c.overdue), k=min(len(c.overdue), 2 * TOP)), st["h2"]))
        rows = [[msg("单位", "Unit"), msg("类别", "Category"), msg("问题", "Problem"), msg("期限", "Deadline"),
                 msg("超期天数", "Days over"), msg("状态", "Status")]]
        for i in c.overdue[: 2 * TOP]:
            rows.append([i.unit_label, i.category, i.problem, i.deadline.isoformat() if i.deadline else "",
                         i.days_overdue(c.today), i.status_label])
        out.append(_table(rows, [110, 55, 150, 60, 45, 55], st))
    return out


def _training(c: QuarterContent, st: dict) -> list[Any]:
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(msg("五、培训与考核", "5. Training and assessment"), st["h1"])]
    assessed = sum(t.assessments for t in c.training)
    passed = sum(t.passed for t in c.training)
    out.append(Paragraph(escape(msg(
        "本季度各单位共培训 {s} 次、{h:.0f} 学时，考核 {a} 人次，合格率 {r}。医疗安全/法律法规培训覆盖率指参加过该类培训的人员占参训人员的比例。",
        "{s} sessions, {h:.0f} hours, {a} assessments, pass rate {r}. Safety-training coverage: staff who attended a "
        "medical-safety/law session among all trained staff.", s=sum(t.sessions for t in c.training),
        h=sum(t.hours for t in c.training), a=assessed, r=rate_text(passed / assessed * 100 if assessed else None))),
        st["base"]))
    rows = [[msg("单位", "Unit"), msg("培训次数", "Sessions"), msg("学时", "Hours"), msg("考核人次", "Assessed"),
             msg("合格率", "Pass rate"), msg("安全培训覆盖率", "Safety coverage")]]
    for t in c.training[:TOP]:
        rows.append([t.unit_label, t.sessions, f"{t.hours:.0f}", t.assessments, rate_text(t.pass_rate),
                     rate_text(t.safety_rate)])
    out += [Paragraph(msg("合格率较低的单位", "Units with the lowest pass rates"), st["h2"]),
            _table(rows, [170, 50, 45, 55, 55, 70], st)]
    return out


def _attention(c: QuarterContent, st: dict) -> list[Any]:
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(msg("六、需要关注的单位与指标", "6. Units and indicators that need attention"), st["h1"])]
    if not (c.units_attention or c.indicators_attention):
        return out + [Paragraph(msg("本季度未发现需要特别关注的单位与指标。", "Nothing needs special attention."), st["base"])]
    if c.indicators_attention:
        out.append(Paragraph(msg("指标", "Indicators"), st["h2"]))
        out += [Paragraph(escape(f"{a.subject}：{'；'.join(a.reasons)}"), st["bullet"], bulletText="•")
                for a in c.indicators_attention]
    if c.units_attention:
        shown = c.units_attention[:ATTENTION_TOP]
        rest = len(c.units_attention) - len(shown)
        out.append(Paragraph(msg("单位（问题最多的 {n} 个{r}）", "Units (the {n} with most issues{r})", n=len(shown),
                                 r=msg("；另有 {k} 个单位的提示见数据表“概览”", "; {k} more in the workbook", k=rest)
                                 if rest > 0 else ""), st["h2"]))
        out += [Paragraph(escape(f"{a.subject}：{'；'.join(a.reasons)}"), st["bullet"], bulletText="•") for a in shown]
    out.append(Paragraph(escape(msg("请上述单位在下季度质控小组例会上分析原因、制定措施，纳入整改台账并按期销号。",
                                    "These units should analyse the causes at their next group meeting, enter measures in "
                                    "the ledger and close them on time.")), st["note"]))
    return out


ANALYSIS_PROBLEMS = 8  # problems quoted per unit; the workbook has them all


def _unit_analyses(c: QuarterContent, st: dict) -> list[Any]:
    """Each unit's own quarterly analysis, quoted: its judgement and its problems with cause and measures."""
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(msg("七、各单位季度质量分析（摘录）", "7. The units' own quarterly analyses (quoted)"), st["h1"])]
    if not c.analyses:
        return out + [Paragraph(msg("本季度尚未收到各单位审定的季度质量分析。", "No unit has sent an approved quarterly analysis "
                                    "yet."), st["base"])]
    for a in c.analyses:
        out.append(Paragraph(escape(msg("{u}（{n} {d} 审定）", "{u} (approved by {n} on {d})", u=a.unit_label,
                                        n=a.approved_by, d=a.approved_on)), st["h2"]))
        out.append(Paragraph(escape(msg("总体评价：{t}", "Overall: {t}", t=a.summary or msg("（未填写）", "(none)"))), st["base"]))
        rows = [[msg("问题", "Problem"), msg("原因分析", "Cause"), msg("改进措施", "Measures")]]
        rows += [[p.get("problem", ""), p.get("cause", ""), p.get("measures", "")] for p in a.problems[:ANALYSIS_PROBLEMS]]
        if len(rows) > 1:
            out.append(_table(rows, [170, 150, 150], st, red_words=()))
        if len(a.problems) > ANALYSIS_PROBLEMS:
            out.append(Paragraph(escape(msg("另有 {n} 项，见数据表“单位季度分析”。", "{n} more in the workbook.",
                                            n=len(a.problems) - ANALYSIS_PROBLEMS)), st["note"]))
    missing = c.units_without_analysis
    if missing:
        out.append(Paragraph(escape(msg("尚未报送审定的季度分析：{u}", "No approved analysis yet: {u}", u="、".join(missing))),
                             st["note"]))
    return out


def build_quarterly_pdf(c: QuarterContent) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    font = cjk_font().name
    st = _styles(font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=c.title, author=c.office_name or "qmsdesk",
                            initialFontName=font)
    story = (_cover(c, st) + [PageBreak()] + _completeness(c, st) + _indicators(c, st, font) + _events(c, st)
             + _followup(c, st, font) + _training(c, st) + _attention(c, st) + _unit_analyses(c, st)
             + quality_section(c.quality, st, _table))
    doc.build(story, canvasmaker=_canvas(c.title, font))
    return buf.getvalue()
