"""The month's printable report `report.pdf` (reportlab platypus, A4) for the director and head nurse to sign."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from qmsdesk.reports.fonts import CJKFont, cjk_font
from qmsdesk.reports.month_content import (
    MET,
    NO_EXPOSURE,
    NOT_MET,
    WATCH,
    Column,
    MonthContent,
    Table,
    acceptance_statement,
)

log = logging.getLogger(__name__)

MISSING_GLYPH = "□"
CHART_WIDTH = 360  # points: a chart fits one of the two columns of a landscape chart page
_ALARM_WORDS = frozenset({"不合格", NOT_MET, "是"})  # shown in dark red wherever they appear in a cell
_STATUS_COLOURS = {MET: "#C6EFCE", NOT_MET: "#FFC7CE", WATCH: "#FFEB9C", NO_EXPOSURE: "#D9D9D9"}
_SECTIONS = (
    ("会议", "二、质控会议"), ("培训考核", "三、培训与考核"), ("检查督查", "四、检查督查"),
    ("不良事件", "五、不良事件"), ("整改台账", "六、整改台账"), ("持续改进", "七、持续改进项目"),
)


class _Text:
    """Turns values into Paragraph markup, replacing characters the font cannot draw (and noting them)."""

    def __init__(self, font: CJKFont) -> None:
        self.font = font
        self.missing: dict[str, None] = {}

    def __call__(self, value: Any, column: Column | None = None) -> str:
        text = _format(value, column)
        out = []
        for ch in text:
            if ch in "\n\r":
                out.append("\n")
            elif self.font.covers(ch) or ch in "\t ":
                out.append(ch)
            else:
                self.missing.setdefault(ch)
                out.append(MISSING_GLYPH)
        return escape("".join(out)).replace("\n", "<br/>")


def _format(value: Any, column: Column | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        fmt = column.number_format if column else None
        if fmt in ("0.00", "0.0", "0"):
            return f"{value:.{len(fmt) - 2 if fmt != '0' else 0}f}"
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _styles(font: CJKFont) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=font.name, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=22, leading=30, alignment=TA_CENTER, spaceAfter=12),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=base, fontSize=14, leading=20, spaceBefore=6, spaceAfter=6,
                             textColor=colors.HexColor("#1F3864")),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10.5, alignment=TA_CENTER),
        "num": ParagraphStyle("num", parent=base, fontSize=8, leading=10.5, alignment=TA_RIGHT),
        "alarm": ParagraphStyle("alarm", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor("#9C0006")),
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#404040")),
        "sign": ParagraphStyle("sign", parent=base, fontSize=12, leading=30),
    }


def _page_canvas(header: str, font_name: str):
    """A canvas class that knows the page count, for "第 N 页 / 共 M 页" (drawn after the last page)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 — reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font_name, 8)
                self.setFillGray(0.35)
                width, height = self._pagesize
                self.drawCentredString(width / 2, 8 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
                if self._pageNumber > 1:
                    self.drawString(15 * mm, height - 10 * mm, header)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(content: MonthContent, charts: list[Any] | None = None) -> bytes:
    """The report as bytes. `charts`: indicator chart flowables at most CHART_WIDTH wide, after the indicator table.

    The cover is portrait (it is signed); the tables follow on landscape pages, where a ledger row fits.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
    )

    font = cjk_font()
    st = _styles(font)
    text = _Text(font)
    wide = landscape(A4)
    body: list[Any] = [*_warnings_section(content, st, text),
                       *_heading("一、质量指标", st["h1"]), _indicator_table(content, st, text)]
    if charts:
        # Charts flow down two columns of their own pages; a chart is never split across them.
        body += [NextPageTemplate("charts"), PageBreak(),
                 Paragraph(f"质量指标趋势图（截至 {content.month_label}）", st["h1"]), *charts,
                 NextPageTemplate("body"), PageBreak()]
    for sheet, heading in _SECTIONS:
        body += _heading(heading, st["h1"])
        for n, table in enumerate(content.sheets.get(sheet, [])):
            if n > 0 or len(content.sheets[sheet]) > 1:
                body += _heading(escape(table.title), st["h2"])
            body.append(_table(table, st, text))
        body += _drawings(sheet, content)
    cover = _cover(content, st, text)
    if text.missing:
        cover.append(_missing_note(text.missing, st))
        body.append(_missing_note(text.missing, st))
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=A4,
        title=f"{content.unit_label} {content.month_label} 质控小组月度报告",
        author="qmsdesk", subject=str(content.period), initialFontName=font.name,
    )
    margin, gap = 15 * mm, 6 * mm
    inner_w, inner_h = wide[0] - 2 * margin, wide[1] - 2 * margin - 4 * mm
    half = (inner_w - gap) / 2
    doc.addPageTemplates([
        PageTemplate("cover", [Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin, id="c")], pagesize=A4),
        PageTemplate("body", [Frame(margin, margin, inner_w, inner_h, id="b")], pagesize=wide),
        PageTemplate("charts", [Frame(margin, margin, half, inner_h, id="left"),
                                Frame(margin + half + gap, margin, half, inner_h, id="right")], pagesize=wide),
    ])
    header = f"{content.unit_label}  {content.month_label}质控小组月度报告  第 {content.version} 版"
    doc.build([*cover, NextPageTemplate("body"), PageBreak(), *body],
              canvasmaker=_page_canvas(header, font.name))
    return out.getvalue()


def _drawings(sheet: str, content: MonthContent) -> list[Any]:
    """The fishbone of each analysed event after the events; each project's before/after after the projects."""
    from qmsdesk.reports.rca_pdca_charts import before_after_flowables, fishbone_flowables

    out: list[Any] = []
    if sheet == "不良事件":
        from qmsdesk.analytics.fishbone import event_fishbone

        for view in content.rca:
            if view.factors:
                out += fishbone_flowables(event_fishbone(view), 700, 250)
    if sheet == "持续改进":
        for case in content.pdca:
            out += [f for spec in case.comparisons if spec.after.months_with_data
                    for f in before_after_flowables(spec, 480, 200)]
    return out


def _heading(markup: str, style) -> list[Any]:
    """A heading that never ends a page alone: it starts a new page when less than a few rows fit below it."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph

    return [CondPageBreak(35 * mm), Paragraph(markup, style)]


def _missing_note(missing: dict[str, None], st: dict):
    from reportlab.platypus import Paragraph

    codes = "、".join(f"U+{ord(ch):04X}" for ch in missing)
    return Paragraph(escape(
        f"注：有 {len(missing)} 个字符超出 PDF 字体的范围（{codes}），在本 PDF 中显示为“{MISSING_GLYPH}”；"
        "原文完整保存在 report.xlsx 和上报数据中。"), st["note"])


def _cover(content: MonthContent, st: dict, text: _Text) -> list[Any]:
    """One portrait page: who, which month, the month in figures, and the two signature lines."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus import Table as RLTable

    out: list[Any] = [
        Spacer(1, 14 * mm),
        Paragraph(text(content.hospital_name), st["subtitle"]),
        Paragraph(text(content.department_name), st["subtitle"]),
        Spacer(1, 4 * mm),
        Paragraph("质控小组月度质量与安全报告", st["title"]),
        Paragraph(f"{content.month_label}　第 {content.version} 版", st["subtitle"]),
        Spacer(1, 8 * mm),
    ]
    facts = [("医院代码", content.hospital_code), ("科室代码", content.department_code),
             ("上报月份", str(content.period)), ("生成时间", content.generated_at), *content.counts]
    if len(facts) % 2:
        facts.append(("", ""))
    half = len(facts) // 2
    rows = [[Paragraph(text(k), st["cell"]), Paragraph(text(v), st["cell"]),
             Paragraph(text(k2), st["cell"]), Paragraph(text(v2), st["cell"])]
            for (k, v), (k2, v2) in zip(facts[:half], facts[half:], strict=True)]
    grid = RLTable(rows, colWidths=[42 * mm, 42 * mm, 42 * mm, 42 * mm], hAlign="CENTER")
    grid.setStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6")),
                   ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                   ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F2F2")),
                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    out += [grid, Spacer(1, 6 * mm)]
    out.append(Paragraph(text(acceptance_statement(content)), st["note"]))
    out += [
        Spacer(1, 14 * mm),
        Paragraph("科主任（签字）：______________________　　日期：______年____月____日", st["sign"]),
        Spacer(1, 4 * mm),
        Paragraph("护士长（签字）：______________________　　日期：______年____月____日", st["sign"]),
    ]
    return out


def _warnings_section(content: MonthContent, st: dict, text: _Text) -> list[Any]:
    from reportlab.platypus import Paragraph

    if not content.warnings:
        return []
    out: list[Any] = _heading("上报前校验提示", st["h1"])
    out += [Paragraph(f"{n}. {text(w.message)}", st["note"]) for n, w in enumerate(content.warnings, start=1)]
    out.append(Paragraph(text(acceptance_statement(content)), st["h2"]))
    return out


def _widths(columns: list[Column]) -> list[float]:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    usable = landscape(A4)[0] - 30 * mm
    total = sum(c.pdf for c in columns if c.pdf)
    return [usable * c.pdf / total for c in columns if c.pdf]


def _table(table: Table, st: dict, text: _Text, status_col: str | None = None):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    keep = [i for i, c in enumerate(table.columns) if c.pdf]
    if not table.rows:
        return Paragraph(text(table.empty_text), st["note"])
    header = [Paragraph(text(table.columns[i].header), st["head"]) for i in keep]
    rows = [[Paragraph(text(r[i], table.columns[i]), _cell_style(r[i], table.columns[i], st)) for i in keep]
            for r in table.rows]
    t = RLTable([header, *rows], colWidths=_widths(table.columns), repeatRows=1, hAlign="LEFT")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if status_col is not None:
        headers = [table.columns[i].header for i in keep]
        col = headers.index(status_col)
        for n, r in enumerate(table.rows, start=1):
            colour = _STATUS_COLOURS.get(r[[c.header for c in table.columns].index(status_col)])
            if colour:
                style.append(("BACKGROUND", (col, n), (col, n), colors.HexColor(colour)))
    t.setStyle(style)
    return t


def _cell_style(value: Any, column: Column, st: dict):
    if isinstance(value, str) and value in _ALARM_WORDS:
        return st["alarm"]
    return st["num"] if column.kind in ("int", "number") else st["cell"]


def _indicator_table(content: MonthContent, st: dict, text: _Text):
    table = content.sheets["质量指标"][0]
    return _table(table, st, text, status_col="状态")
