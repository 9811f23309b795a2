"""Drawing a FishboneSpec and a BeforeAfterSpec with reportlab graphics, for the PDF reports.

Thin renderers like reports.chart_pdf: every text, count, median and place comes from the spec
(analytics.fishbone, analytics.pdca); this module only turns it into lines and strings.
"""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from qmsdesk.analytics.charts import CHART_COLOURS
from qmsdesk.analytics.fishbone import FishboneSpec
from qmsdesk.analytics.pdca import AFTER, BEFORE, BeforeAfterSpec
from qmsdesk.i18n import msg
from qmsdesk.reports.fonts import cjk_font

COLOURS = dict(CHART_COLOURS, bone="#1F3864", primary="#C00000", head="#DDEBF7", change="#7F7F7F", after="#2CA02C")


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut text to `width` points, ending in … when cut."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _wrap(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, current = [], ""
    for ch in text:
        if stringWidth(current + ch, font, size) > width:
            out.append(current)
            current = ch
            if len(out) == lines:
                break
        else:
            current += ch
    if len(out) < lines and current:
        out.append(current)
    if len(out) == lines and "".join(out) != text:
        out[-1] = _fit(out[-1] + "…", font, size, width)
    return out


def fishbone_drawing(spec: FishboneSpec, width: float = 700, height: float = 300):
    """Draw the places analytics.fishbone.fishbone_geometry gives: spine, head box with the effect, bones, causes."""
    from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
    from reportlab.lib.colors import HexColor

    from qmsdesk.analytics.fishbone import fishbone_geometry

    font = cjk_font().name
    c = {k: HexColor(v) for k, v in COLOURS.items()}
    g = fishbone_geometry(spec, width, height)
    d = Drawing(width, height)
    x0, y, x1, _ = g.spine
    d.add(Line(x0, y, x1, y, strokeColor=c["bone"], strokeWidth=2.2))
    d.add(PolyLine([x1 - 8, y + 5, x1, y, x1 - 8, y - 5], strokeColor=c["bone"], strokeWidth=2.2))
    hx, hy, hw, hh = g.head
    d.add(Rect(hx, hy, hw, hh, fillColor=c["head"], strokeColor=c["bone"], strokeWidth=1))
    for n, line in enumerate(_wrap(spec.effect, font, 9, hw - 12, 5)):
        d.add(String(hx + 8, hy + hh - 16 - n * 12, line, fontName=font, fontSize=9, fillColor=c["bone"]))
    for bone in g.bones:
        d.add(Line(*bone.start, *bone.end, strokeColor=c["bone"], strokeWidth=1.4))
        d.add(String(*bone.label_at, bone.label, fontName=font, fontSize=9.5, textAnchor="middle", fillColor=c["bone"]))
        for cause in bone.causes:
            d.add(Line(cause.x, cause.y, cause.x + cause.length, cause.y, strokeColor=c["grid"], strokeWidth=0.6))
            colour, size = (c["primary"], 7.6) if cause.primary else (c["axis"], 7)
            wrapped = _wrap(cause.text, font, size, cause.length - 2, cause.lines)
            for k, line in enumerate(reversed(wrapped)):  # the last line sits on the cause's line
                d.add(String(cause.x, cause.y + 1.5 + k * (size + 1.5), line, fontName=font, fontSize=size,
                             fillColor=colour))
    return d


def before_after_drawing(spec: BeforeAfterSpec, width: float = 480, height: float = 220):
    """Monthly values with the baseline median (extended as a dashed line into the after months), the after
    median, the change line and the project's target."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib.colors import HexColor, white

    font = cjk_font().name
    c = {k: HexColor(v) for k, v in COLOURS.items()}
    d = Drawing(width, height)
    left, right, bottom, top = 44, 84, 34, 12
    pw, ph = width - left - right, height - bottom - top
    pts = spec.points
    y_min, y_max, ticks = spec.axis()

    def x_of(i: float) -> float:
        return left + (i + 0.5) * pw / max(len(pts), 1)

    def y_of(v: float) -> float:
        return bottom + (min(max(v, y_min), y_max) - y_min) / ((y_max - y_min) or 1) * ph

    for t in ticks:
        d.add(Line(left, y_of(t), left + pw, y_of(t), strokeColor=c["grid"], strokeWidth=0.4))
        d.add(String(left - 3, y_of(t) - 2.5, f"{t:g}", fontName=font, fontSize=6.5, textAnchor="end",
                     fillColor=c["axis"]))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=c["axis"], strokeWidth=0.6))
    d.add(String(4, bottom + ph + 2, spec.unit or msg("数值", "value"), fontName=font, fontSize=6.5, fillColor=c["axis"]))
    every = max(1, math.ceil(len(pts) / 14))
    for i, p in enumerate(pts):
        if i % every == 0:
            d.add(String(x_of(i), bottom - 10, p.period[2:], fontName=font, fontSize=6.5, textAnchor="middle",
                         fillColor=c["axis"]))
    labels: list[tuple[float, str, Any]] = []
    change_x = x_of(spec.change_index - 0.5)
    d.add(Line(change_x, bottom, change_x, bottom + ph, strokeColor=c["change"], strokeWidth=1, strokeDashArray=[4, 2]))
    d.add(String(change_x + 2, bottom + ph - 8, msg("改进措施实施", "change"), fontName=font, fontSize=6.5,
                 fillColor=c["change"]))
    first_before = next((i for i, p in enumerate(pts) if p.phase == BEFORE), 0)
    if spec.before.median is not None:
        y = y_of(spec.before.median)
        d.add(Line(x_of(first_before) - 4, y, change_x, y, strokeColor=c["centre"], strokeWidth=1))
        d.add(Line(change_x, y, left + pw, y, strokeColor=c["centre"], strokeWidth=0.7, strokeDashArray=[2, 2]))
        labels.append((y, msg("改进前中位数 {v}", "baseline median {v}", v=spec.fmt(spec.before.median)), c["centre"]))
    if spec.after.median is not None:
        y = y_of(spec.after.median)
        d.add(Line(change_x, y, left + pw, y, strokeColor=c["after"], strokeWidth=1))
        labels.append((y, msg("改进后中位数 {v}", "after median {v}", v=spec.fmt(spec.after.median)), c["after"]))
    if spec.target is not None and y_min <= spec.target <= y_max:
        y = y_of(spec.target)
        d.add(Line(left, y, left + pw, y, strokeColor=c["target"], strokeWidth=0.9, strokeDashArray=[6, 3]))
        labels.append((y, msg("目标 {v}", "target {v}", v=spec.fmt(spec.target)), c["target"]))
    segment: list[float] = []
    for i, p in enumerate((*pts, None)):
        if p is not None and p.value is not None:
            segment += [x_of(i), y_of(p.value)]
            continue
        if len(segment) >= 4:
            d.add(PolyLine(segment, strokeColor=c["value"], strokeWidth=1.2))
        segment = []
    for i, p in enumerate(pts):
        if p.value is not None:
            colour = c["after"] if p.phase == AFTER else c["value"]
            d.add(Circle(x_of(i), y_of(p.value), 2.4, fillColor=colour, strokeColor=white, strokeWidth=0.5))
    from qmsdesk.analytics.charts import spread_labels

    for y, text, colour in spread_labels(labels, 8.0, bottom, bottom + ph):
        d.add(String(left + pw + 3, y - 2.5, text, fontName=font, fontSize=6.5, fillColor=colour))
    return d


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    font = cjk_font().name
    base = ParagraphStyle("analysis", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {"title": ParagraphStyle("a-title", parent=base, fontSize=11, leading=15, spaceAfter=2),
            "sub": ParagraphStyle("a-sub", parent=base, fontSize=8, leading=11, textColor="#404040"),
            "note": ParagraphStyle("a-note", parent=base, fontSize=8, leading=11)}


def fishbone_flowables(spec: FishboneSpec, width: float = 700, height: float = 280) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    st = _styles()
    parts: list[Any] = [Paragraph(escape(spec.title), st["title"])]
    if spec.subtitle:
        parts.append(Paragraph(escape(spec.subtitle), st["sub"]))
    parts += [Spacer(1, 4), fishbone_drawing(spec, width, height)]
    primary = spec.primary_causes
    if primary:
        parts.append(Paragraph(escape(msg("主要原因：{c}", "Primary causes: {c}",
                                          c="；".join(f"{bone}—{cause.text}" for bone, cause in primary))), st["note"]))
    return [KeepTogether(parts)]


def before_after_flowables(spec: BeforeAfterSpec, width: float = 480, height: float = 220) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    st = _styles()
    return [KeepTogether([Paragraph(escape(spec.title), st["title"]), Paragraph(escape(spec.subtitle), st["sub"]),
                          Spacer(1, 4), before_after_drawing(spec, width, height),
                          Paragraph("• " + escape(spec.verdict()), st["note"])])]
