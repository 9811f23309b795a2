"""The printed page the group's year shares (binder, analyses, minutes, sign-in sheets, roster).

A4 portrait, the Chinese font embedded (reports.fonts), "第 N 页 / 共 M 页" on every page and the
document's name at the top of every page after the first (the month report's numbered canvas),
headings that feed the table of contents and the PDF's bookmarks, and every text passed through the
masking of patient record numbers before it is drawn: `Paper(record_nos=…)` masks each of those numbers
wherever it appears, and any number labelled as a patient's (reports.masking), so a number typed into
minutes or a problem's text does not leak either — nor through the title and header of the document.

Only the printing commands import this module, so reportlab is imported at the top here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.platypus import BaseDocTemplate, Paragraph

from qmsdesk.reports.fonts import cjk_font
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.reports.pdf import _page_canvas, _Text

MARGIN_MM = 18
USABLE_MM = 210 - 2 * MARGIN_MM
SIGN_ROW_MM = 9  # a row a person can sign in


def _styles(font: str) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("paper", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    navy = colors.HexColor("#1F3864")
    return {
        "body": base,
        "title": ParagraphStyle("p-title", parent=base, fontSize=26, leading=36, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("p-subtitle", parent=base, fontSize=15, leading=24, alignment=TA_CENTER),
        "doc": ParagraphStyle("p-doc", parent=base, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8),
        "h1": ParagraphStyle("p-h1", parent=base, fontSize=15, leading=22, spaceBefore=4, spaceAfter=8, textColor=navy),
        "h2": ParagraphStyle("p-h2", parent=base, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4, textColor=navy),
        "h3": ParagraphStyle("p-h3", parent=base, fontSize=10.5, leading=16, spaceBefore=6, spaceAfter=2),
        "cell": ParagraphStyle("p-cell", parent=base, fontSize=8.5, leading=11.5),
        "head": ParagraphStyle("p-head", parent=base, fontSize=8.5, leading=11.5, alignment=TA_CENTER),
        "num": ParagraphStyle("p-num", parent=base, fontSize=8.5, leading=11.5, alignment=TA_RIGHT),
        "alarm": ParagraphStyle("p-alarm", parent=base, fontSize=8.5, leading=11.5, textColor=colors.HexColor("#9C0006")),
        "note": ParagraphStyle("p-note", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#404040")),
        "centred_note": ParagraphStyle("p-cnote", parent=base, fontSize=9, leading=13, alignment=TA_CENTER,
                                       textColor=colors.HexColor("#404040")),
        "empty": ParagraphStyle("p-empty", parent=base, fontSize=10, leading=15, textColor=colors.HexColor("#595959"),
                                spaceBefore=4, spaceAfter=4),
        "sign": ParagraphStyle("p-sign", parent=base, fontSize=11, leading=26),
        "toc0": ParagraphStyle("p-toc0", parent=base, fontSize=11.5, leading=19, leftIndent=0),
        "toc1": ParagraphStyle("p-toc1", parent=base, fontSize=9, leading=13, leftIndent=16),
    }


class Paper:
    """Fonts, styles and flowable helpers for one printed document."""

    def __init__(self, record_nos: Iterable[str | None] = ()) -> None:
        self.font = cjk_font()
        self.st = _styles(self.font.name)
        self._markup = _Text(self.font)
        self.masker = PatientMasker.of(record_nos)
        self.pages = 0  # the page count of the last document built

    # --- text ---------------------------------------------------------------------------------

    def masked(self, value: Any) -> Any:
        return self.masker.text(value) if isinstance(value, str) else value

    def markup(self, value: Any) -> str:
        """Paragraph markup of a value: masked, escaped, characters the font lacks shown as □."""
        return self._markup(self.masked(value))

    def para(self, value: Any, style: str = "body"):
        from reportlab.platypus import Paragraph

        return Paragraph(self.markup(value), self.st[style])

    def labelled(self, label: str, value: Any, style: str = "body"):
        """"议程：…" with the label in bold-ish navy."""
        from reportlab.platypus import Paragraph

        text = self.markup(value) if value not in (None, "") else "（无）"
        return Paragraph(f'<font color="#1F3864">{self.markup(label)}：</font>{text}', self.st[style])

    @property
    def missing_glyphs(self) -> dict[str, None]:
        return self._markup.missing

    # --- headings -----------------------------------------------------------------------------

    def heading(self, text: str, level: int = 0, *, toc: bool = True) -> list[Any]:
        """A section (level 0) or sub-section (1) heading; it goes into the contents and the bookmarks."""
        from reportlab.lib.units import mm
        from reportlab.platypus import CondPageBreak

        h = Heading(self.markup(text), self.st["h1" if level == 0 else "h2"])
        h.plain, h.level, h.in_toc = text, level, toc
        return [CondPageBreak(40 * mm), h]

    def minor(self, text: str):
        return self.para(text, "h3")

    def empty(self, text: str):
        return self.para(text, "empty")

    # --- tables -------------------------------------------------------------------------------

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]], widths_mm: Sequence[float], *,
              numeric: Iterable[int] = (), alarm_words: Iterable[str] = ("未达标", "不合格", "超期", "未开展", "未完成",
                                                                          "未落实", "缺席"),
              row_height_mm: float | None = None, min_row_height_mm: float | None = None,
              repeat_header: bool = True, alarm_cells: Iterable[tuple[int, int]] = ()):
        """A ruled table of paragraphs; widths in mm scaled to the page; alarm words (and `alarm_cells`,
        (row, column) of the body) in dark red.

        `row_height_mm` fixes every row (sign-in sheets); `min_row_height_mm` lets a row grow with its
        text but keeps its blank cells tall enough to sign in.
        """
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer, Table

        numeric, alarms, marked = set(numeric), set(alarm_words), set(alarm_cells)
        scale = USABLE_MM / sum(widths_mm)
        data = [[self.para(h, "head") for h in header]]
        for r, row in enumerate(rows):
            cells = []
            for i, value in enumerate(row):
                alarm = (r, i) in marked or (isinstance(value, str) and value in alarms)
                style = "alarm" if alarm else ("num" if i in numeric else "cell")
                cell = self.para(_plain(value), style)
                cells.append([Spacer(1, min_row_height_mm * mm)] if min_row_height_mm and value == "" else cell)
            data.append(cells)
        heights = None if row_height_mm is None else [None] + [row_height_mm * mm] * len(rows)
        t = Table(data, colWidths=[w * scale * mm for w in widths_mm], rowHeights=heights,
                  repeatRows=1 if repeat_header else 0, hAlign="LEFT")
        t.setStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8C8C8C")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if row_height_mm else "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ])
        t.spaceBefore, t.spaceAfter = 2, 8
        return t

    def facts(self, pairs: Sequence[tuple[str, Any]], columns: int = 2, label_mm: float = 24, *,
              width_mm: float = USABLE_MM, style: str = "cell", centred: bool = False):
        """A key/value grid (会议时间 | … | 地点 | …)."""
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Table

        pairs = list(pairs)
        while len(pairs) % columns:
            pairs.append(("", ""))
        value_mm = width_mm / columns - label_mm
        rows = []
        for i in range(0, len(pairs), columns):
            row = []
            for k, v in pairs[i:i + columns]:
                row += [self.para(k, style), self.para(_plain(v), style)]
            rows.append(row)
        t = Table(rows, colWidths=[label_mm * mm, value_mm * mm] * columns, hAlign="CENTER" if centred else "LEFT")
        style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8C8C8C")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("BACKGROUND", (2 * c, 0), (2 * c, -1), colors.HexColor("#F2F2F2")) for c in range(columns)]
        t.setStyle(style)
        t.spaceBefore, t.spaceAfter = 2, 6
        return t

    def signatures(self, *labels: str):
        """Signature lines: "主持人（签字）：________　日期：____年__月__日"."""
        from reportlab.platypus import Paragraph

        return [Paragraph(self.markup(f"{label}（签字）：") + "________________　　日期：______年____月____日", self.st["sign"])
                for label in labels]

    # --- the document -------------------------------------------------------------------------

    def build(self, story: list[Any], *, title: str, header: str, toc: bool = False) -> bytes:
        """The PDF as bytes. With `toc`, it is laid out until the contents' page numbers settle."""
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.platypus import Frame, PageTemplate

        if self.missing_glyphs:
            story = [*story, self.missing_note()]
        out = io.BytesIO()
        title, header = self.masked(title), self.masked(header)  # the PDF's properties and every page's top line
        doc = _Doc(out, pagesize=A4, title=title, author="qmsdesk", subject=title, initialFontName=self.font.name)
        frame = Frame(MARGIN_MM * mm, 16 * mm, USABLE_MM * mm, A4[1] - (16 + 18) * mm, id="body")
        doc.addPageTemplates([PageTemplate("body", [frame], pagesize=A4)])
        canvas = _page_canvas(header, self.font.name)
        if toc:
            doc.multiBuild(story, canvasmaker=canvas)
        else:
            doc.build(story, canvasmaker=canvas)
        self.pages = doc.page
        return out.getvalue()

    def contents(self):
        """The table of contents flowable: section titles with the pages they start on."""
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [self.st["toc0"], self.st["toc1"]]
        return toc

    def missing_note(self):
        from qmsdesk.reports.pdf import MISSING_GLYPH

        codes = "、".join(f"U+{ord(ch):04X}" for ch in self.missing_glyphs)
        return self.para(f"注：有 {len(self.missing_glyphs)} 个字符超出 PDF 字体的范围（{codes}），在本 PDF 中显示为"
                         f"“{MISSING_GLYPH}”；原文完整保存在数据库中。", "note")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return value


class Heading(Paragraph):
    """A heading paragraph that knows its plain text and level, for the contents and bookmarks."""

    plain: str = ""
    level: int = 0
    in_toc: bool = True


class _Doc(BaseDocTemplate):
    """Records each heading's page for the contents and adds it to the PDF's bookmarks."""

    def afterFlowable(self, flowable):  # noqa: N802 — reportlab's name
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level, closed=flowable.level > 0)
            if flowable.in_toc:
                self.notify("TOCEntry", (flowable.level, flowable.plain, self.page, key))
