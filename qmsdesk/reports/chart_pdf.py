"""Drawing a ChartSpec or a ParetoSpec for the PDF reports (shapes painted straight onto the canvas: reports.sketch).

A thin renderer: every number, limit, signal and label comes from `qmsdesk.analytics`; this module
only places them. The window's renderer (`ui/charts.py`) draws the same specs with the same colours.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from qmsdesk.analytics.charts import (
    CHART_COLOURS,
    CONCERN,
    ChartSpec,
    listing,
    nice_ticks,
    spread_labels,
    value_axis,
)
from qmsdesk.analytics.pareto_spec import ParetoSpec
from qmsdesk.i18n import msg
from qmsdesk.reports.fonts import cjk_font

COLOURS = CHART_COLOURS


def _tick_text(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"


def _short_period(period: str) -> str:
    return period[2:] if len(period) == 7 else period


def chart_drawing(spec: ChartSpec, width: float = 480, height: float = 240):
    """The chart as a reportlab Drawing (a flowable): values, centre line, stepped limits, target, signals."""
    from reportlab.lib.colors import HexColor

    from qmsdesk.reports.sketch import Drawing, Line, Rect, String

    font = cjk_font().name
    c = {k: HexColor(v) for k, v in COLOURS.items()}
    d = Drawing(width, height)
    left, right, bottom, top = 44, 70, 44, 10
    pw, ph = width - left - right, height - bottom - top
    pts = spec.points
    y_min, y_max, ticks = value_axis(spec)

    def x_of(i: float) -> float:
        return left + (i + 0.5) * pw / max(len(pts), 1)

    def y_of(v: float) -> float:
        return bottom + (min(max(v, y_min), y_max) - y_min) / (y_max - y_min) * ph

    for t in ticks:
        d.add(Line(left, y_of(t), left + pw, y_of(t), strokeColor=c["grid"], strokeWidth=0.4))
        d.add(String(left - 3, y_of(t) - 2.5, _tick_text(t), fontName=font, fontSize=6.5, textAnchor="end",
                     fillColor=c["axis"]))
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=c["axis"], strokeWidth=0.6))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=c["axis"], strokeWidth=0.6))
    d.add(String(4, bottom + ph + 2, spec.y_label, fontName=font, fontSize=6.5, fillColor=c["axis"]))
    label_every = max(1, math.ceil(len(pts) / 14))
    for i, p in enumerate(pts):
        if i % label_every == 0:
            d.add(String(x_of(i), bottom - 10, _short_period(p.period), fontName=font, fontSize=6.5,
                         textAnchor="middle", fillColor=c["axis"]))
    half = pw / max(len(pts), 1) / 2

    labels: list[tuple[float, str, Any]] = []

    def right_label(y: float, text: str, colour) -> None:
        labels.append((y, text, colour))

    # Control limits as steps: each month's limits span its own slot.
    for key in ("ucl", "lcl"):
        for i, p in enumerate(pts):
            v = getattr(p, key)
            if v is None:
                continue
            d.add(Line(x_of(i) - half, y_of(v), x_of(i) + half, y_of(v), strokeColor=c["limit"],
                       strokeWidth=0.7, strokeDashArray=[3, 2]))
            nxt = getattr(pts[i + 1], key) if i + 1 < len(pts) else None
            if nxt is not None:
                d.add(Line(x_of(i) + half, y_of(v), x_of(i) + half, y_of(nxt), strokeColor=c["limit"],
                           strokeWidth=0.7, strokeDashArray=[3, 2]))
        last = next((getattr(p, key) for p in reversed(pts) if getattr(p, key) is not None), None)
        if last is not None:
            right_label(y_of(last), ("UCL " if key == "ucl" else "LCL ") + spec.fmt(last), c["limit"])
    if spec.centre is not None:
        d.add(Line(left, y_of(spec.centre), left + pw, y_of(spec.centre), strokeColor=c["centre"], strokeWidth=0.9))
        right_label(y_of(spec.centre), f"{spec.centre_label} {spec.fmt(spec.centre)}", c["centre"])
    if spec.target is not None and y_min <= spec.target <= y_max:
        d.add(Line(left, y_of(spec.target), left + pw, y_of(spec.target), strokeColor=c["target"],
                   strokeWidth=0.9, strokeDashArray=[6, 3]))
        right_label(y_of(spec.target), msg("目标 {v}", "target {v}", v=spec.fmt(spec.target)), c["target"])
    _rolling_line(d, spec, c, x_of, y_of, right_label)
    _value_line(d, spec, c, x_of, y_of)
    _points(d, spec, c, font, x_of, y_of, bottom)
    for y, text, colour in spread_labels(labels, 8.0, bottom, bottom + ph):
        d.add(String(left + pw + 3, y - 2.5, text, fontName=font, fontSize=6.5, fillColor=colour))
    _legend(d, spec, c, font, left, 12)
    d.add(Rect(0, 0, width, height, fillColor=None, strokeColor=None))
    return d


def _rolling_line(d, spec: ChartSpec, c: dict, x_of, y_of, right_label) -> None:
    """A rare event's rolling 12-month rate, a line of its own colour (analytics/gap_charts.py)."""
    from qmsdesk.reports.sketch import PolyLine

    line = [v for i, p in enumerate(spec.points) if p.rolling is not None for v in (x_of(i), y_of(p.rolling))]
    if len(line) >= 4:
        d.add(PolyLine(line, strokeColor=c["rolling"], strokeWidth=1.1, strokeDashArray=[4, 2]))
    last = next((p.rolling for p in reversed(spec.points) if p.rolling is not None), None)
    if last is not None:
        right_label(y_of(last), msg("滚动 {v}", "rolling {v}", v=spec.fmt(last)), c["rolling"])


def _value_line(d, spec: ChartSpec, c: dict, x_of, y_of) -> None:
    """The values joined, broken at months with no data or no exposure; a still-open gap is joined dashed."""
    from qmsdesk.reports.sketch import Line, PolyLine

    pts = spec.points
    segment: list[float] = []
    for i, p in enumerate((*pts, None)):
        if p is not None and p.value is not None and not p.open_gap:
            segment += [x_of(i), y_of(p.value)]
            continue
        if len(segment) >= 4:
            d.add(PolyLine(segment, strokeColor=c["value"], strokeWidth=1.2))
        segment = []
    if len(pts) >= 2 and pts[-1].open_gap and pts[-2].value is not None:
        n = len(pts) - 1
        d.add(Line(x_of(n - 1), y_of(pts[-2].value), x_of(n), y_of(pts[-1].value), strokeColor=c["value"],
                   strokeWidth=1.0, strokeDashArray=[2, 2]))


def _points(d, spec: ChartSpec, c: dict, font: str, x_of, y_of, bottom: float) -> None:
    from reportlab.lib.colors import white

    from qmsdesk.reports.sketch import Circle, String

    for i, p in enumerate(spec.points):
        if p.value is None:
            if p.no_exposure:
                d.add(String(x_of(i), bottom + 3, "0", fontName=font, fontSize=6, textAnchor="middle",
                             fillColor=c["grid"]))
            continue
        colour = c["value"]
        radius = 2.2
        if p.signal:
            colour = c["concern"] if p.assessment == CONCERN else c["improvement"]
            radius = 3.4
        if p.open_gap:  # hollow: the gap since the last event is still growing
            d.add(Circle(x_of(i), y_of(p.value), radius, fillColor=white, strokeColor=colour, strokeWidth=1.0))
        else:
            d.add(Circle(x_of(i), y_of(p.value), radius, fillColor=colour, strokeColor=white, strokeWidth=0.5))
        if p.target_met is False:
            d.add(Circle(x_of(i), y_of(p.value), radius + 2, fillColor=None, strokeColor=c["missed"], strokeWidth=0.9))


def _legend(d, spec: ChartSpec, c: dict, font: str, x: float, y: float) -> None:
    from qmsdesk.reports.sketch import Circle, Line, String

    items: list[tuple[str, Any, str]] = [(msg("数值", "value"), c["value"], "line"),
                                         (spec.centre_label, c["centre"], "line")]
    if spec.has_limits:
        items.append((msg("控制限", "control limits"), c["limit"], "dash"))
    if spec.target is not None:
        items.append((msg("目标", "target"), c["target"], "dash"))
    if any(p.rolling is not None for p in spec.points):
        items.append((msg("近 12 个月滚动率", "rolling 12-month rate"), c["rolling"], "dash"))
    items += [(msg("信号（需关注）", "signal (concern)"), c["concern"], "dot"),
              (msg("信号（改善）", "signal (improvement)"), c["improvement"], "dot")]
    if any(p.open_gap for p in spec.points):
        items.append((msg("至今尚无下一例", "no event since"), c["value"], "hollow"))
    if spec.target is not None:
        items.append((msg("未达目标", "off target"), c["missed"], "ring"))
    for text, colour, kind in items:
        if kind in ("line", "dash"):
            d.add(Line(x, y + 2, x + 12, y + 2, strokeColor=colour, strokeWidth=1,
                       strokeDashArray=[3, 2] if kind == "dash" else None))
        elif kind == "dot":
            d.add(Circle(x + 6, y + 2, 2.6, fillColor=colour, strokeColor=None))
        elif kind == "hollow":
            d.add(Circle(x + 6, y + 2, 2.6, fillColor=None, strokeColor=colour, strokeWidth=0.9))
        else:
            d.add(Circle(x + 6, y + 2, 3.4, fillColor=None, strokeColor=colour, strokeWidth=0.9))
        d.add(String(x + 15, y - 0.5, text, fontName=font, fontSize=6.5, fillColor=c["axis"]))
        x += 19 + 6.8 * len(text)


def pareto_drawing(spec: ParetoSpec, width: float = 480, height: float = 240):
    """Bars by category, largest first (left axis: count), with the cumulative-% line (right axis)."""
    from reportlab.lib.colors import HexColor

    from qmsdesk.reports.sketch import Circle, Drawing, Group, Line, PolyLine, Rect, String

    font = cjk_font().name
    c = {k: HexColor(v) for k, v in COLOURS.items()}
    d = Drawing(width, height)
    left, right, bottom, top = 36, 36, 58, 10
    pw, ph = width - left - right, height - bottom - top
    bars = spec.bars
    ticks = nice_ticks(0, max((b.count for b in bars), default=1), integer=True)
    y_max = ticks[-1]
    slot = pw / max(len(bars), 1)
    for t in ticks:
        y = bottom + t / y_max * ph
        d.add(Line(left, y, left + pw, y, strokeColor=c["grid"], strokeWidth=0.4))
        d.add(String(left - 3, y - 2.5, _tick_text(t), fontName=font, fontSize=6.5, textAnchor="end", fillColor=c["axis"]))
    for pct in (0, 20, 40, 60, 80, 100):
        y = bottom + pct / 100 * ph
        d.add(String(left + pw + 3, y - 2.5, f"{pct}%", fontName=font, fontSize=6.5, fillColor=c["cumulative"]))
    d.add(Line(left, bottom + 0.8 * ph, left + pw, bottom + 0.8 * ph, strokeColor=c["cumulative"],
               strokeWidth=0.5, strokeDashArray=[2, 2]))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=c["axis"], strokeWidth=0.6))
    line: list[float] = []
    for i, b in enumerate(bars):
        x = left + i * slot
        h = b.count / y_max * ph
        d.add(Rect(x + slot * 0.15, bottom, slot * 0.7, h, fillColor=c["vital"] if b.vital else c["bar"], strokeColor=None))
        d.add(String(x + slot / 2, bottom + h + 2, str(b.count), fontName=font, fontSize=6.5, textAnchor="middle",
                     fillColor=c["axis"]))
        label = b.category if len(b.category) <= 8 else b.category[:7] + "…"
        g = Group(String(0, 0, label, fontName=font, fontSize=6.5, textAnchor="end", fillColor=c["axis"]))
        g.translate(x + slot / 2 + 2, bottom - 5)
        g.rotate(35)
        d.add(g)
        line += [x + slot / 2, bottom + b.cumulative_percent / 100 * ph]
    if len(line) >= 4:
        d.add(PolyLine(line, strokeColor=c["cumulative"], strokeWidth=1.2))
    for i in range(0, len(line), 2):
        d.add(Circle(line[i], line[i + 1], 2, fillColor=c["cumulative"], strokeColor=None))
    if not bars:
        d.add(String(left + pw / 2, bottom + ph / 2, msg("所选范围内没有问题记录", "No problems recorded in this range"),
                     fontName=font, fontSize=9, textAnchor="middle", fillColor=c["axis"]))
    return d


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    font = cjk_font().name
    base = ParagraphStyle("chart", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "title": ParagraphStyle("chart-title", parent=base, fontSize=11, leading=15, spaceAfter=2),
        "sub": ParagraphStyle("chart-sub", parent=base, fontSize=8, leading=11, textColor="#404040"),
        "note": ParagraphStyle("chart-note", parent=base, fontSize=8, leading=11),
    }


def chart_flowables(spec: ChartSpec | ParetoSpec, width: float = 480, height: float = 240) -> list[Any]:
    """Title, subtitle, the drawing and the signal notes, kept together on one page; a rare event's g/t chart is
    followed by its companion (the run chart with the rolling 12-month rate), which the report's two-column
    chart pages place beside it."""
    from reportlab.platypus import KeepTogether

    out: list[Any] = [KeepTogether(_chart_parts(spec, width, height))]
    if isinstance(spec, ChartSpec) and spec.companion is not None:
        out += chart_flowables(spec.companion, width, height)
    return out


def _chart_parts(spec: ChartSpec | ParetoSpec, width: float, height: float) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    parts: list[Any] = [Paragraph(escape(spec.title), st["title"]), Paragraph(escape(spec.subtitle), st["sub"]),
                        Spacer(1, 4)]
    if isinstance(spec, ParetoSpec):
        parts.append(pareto_drawing(spec, width, height))
        if spec.vital_few:
            parts.append(Paragraph(escape(msg(
                "主要类别（累计约 80%）：{c}；合计 {n} 个问题。", "Vital few (about 80%): {c}; {n} problems in all.",
                c=listing(msg("{c}（{n}）", "{c} ({n})", c=b.category, n=b.count) for b in spec.vital_few), n=spec.total)), st["note"]))
    else:
        parts.append(chart_drawing(spec, width, height))
        parts += [Paragraph("• " + escape(n), st["note"]) for n in spec.notes()]
    return parts


def _side_by_side(spec: ChartSpec, width: float, height: float) -> list[Any]:
    """A g/t chart and its companion on one landscape page, left and right."""
    from reportlab.platypus import Table, TableStyle

    half = (width - 12) / 2
    cells = [[_chart_parts(spec, half, height), _chart_parts(spec.companion, half, height)]]
    table = Table(cells, colWidths=[half + 6, half + 6])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def month_chart_flowables(session, period, codes: list[str], months: int = 12) -> list[Any]:
    """Trend charts of the given indicators over the `months` months ending at `period`, two to a row
    (for the landscape pages of the month report)."""
    from reportlab.platypus import Spacer, Table, TableStyle

    from qmsdesk.analytics.charts import indicator_chart
    from qmsdesk.periods import Period

    end = Period.parse(period)
    start = end
    for _ in range(months - 1):
        start = start.previous()
    cells = [chart_flowables(indicator_chart(session, code, start, end), 360, 170) for code in codes]
    if not cells:
        return []
    rows = [cells[i:i + 2] + ([[]] if len(cells[i:i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[375, 375])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    return [Spacer(1, 4), table]


def write_chart_pdf(path: Path | str, specs: list[ChartSpec | ParetoSpec], title: str | None = None) -> Path:
    """A PDF with one chart per page (A4 landscape), for `qmsdesk indicators spc --pdf` and meetings."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from qmsdesk.exports import save_export

    path = Path(path)
    font = cjk_font()
    buf = io.BytesIO()  # built in memory and saved whole: a full or read-only folder leaves no half PDF
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, initialFontName=font.name,
                            title=title or (specs[0].title if specs else "qmsdesk"), author="qmsdesk")
    width = landscape(A4)[0] - 30 * mm
    story: list[Any] = []
    for i, spec in enumerate(specs):
        if i:
            story.append(PageBreak())
        if isinstance(spec, ChartSpec) and spec.companion is not None:
            story += _side_by_side(spec, width, 300)
        else:
            story += chart_flowables(spec, width, 380)
    doc.build(story)
    return save_export(path, buf.getvalue())
