"""ChartView: draws one ChartSpec (analytics/charts.py) with QPainter — the window's renderer of the chart the PDF
draws in reports/chart_pdf.py: values, centre line, stepped control limits, target, a rare event's rolling rate
and open gap, signals, and a tooltip per point. It paints in named steps (titles, axes, limits, reference lines,
rolling rate, right-hand labels, values, legend) so each can be read and changed on its own.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from qmsdesk.analytics.charts import CHART_COLOURS, CONCERN, ChartSpec, spread_labels, value_axis

COLOURS = {k: QColor(v) for k, v in CHART_COLOURS.items()}


def pen(colour: QColor, width: float = 1.0, dash: bool = False) -> QPen:
    """A pen of `colour` and `width`, dashed for limits, targets and the rolling rate."""
    result = QPen(colour, width)
    if dash:
        result.setStyle(Qt.PenStyle.DashLine)
    return result


def _short_period(period: str) -> str:
    return period[2:] if len(period) == 7 else period


def tick_text(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"


class _Geometry:
    """Where things go on one paint of a ChartView: the plot rectangle, the value axis, x and y of a point."""

    def __init__(self, spec: ChartSpec, plot: QRectF, font: QFont) -> None:
        self.spec, self.r = spec, plot
        self.y_min, self.y_max, self.ticks = value_axis(spec)
        self.n = max(len(spec.points), 1)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
        self.sfm = QFontMetricsF(self.small)

    def x_of(self, i: float) -> float:
        return self.r.left() + (i + 0.5) * self.r.width() / self.n

    def y_of(self, v: float) -> float:
        v = min(max(v, self.y_min), self.y_max)
        return self.r.bottom() - (v - self.y_min) / (self.y_max - self.y_min) * self.r.height()


def _broken_line(g: _Geometry, values: list[float | None]) -> QPainterPath:
    """A line through the values, broken wherever one is missing (no data, no exposure, a gap still open)."""
    line, drawing = QPainterPath(), False
    for i, v in enumerate(values):
        if v is None:
            drawing = False
            continue
        pos = QPointF(g.x_of(i), g.y_of(v))
        if drawing:
            line.lineTo(pos)
        else:
            line.moveTo(pos)
        drawing = True
    return line


class SpecView(QWidget):
    """A widget that draws one spec, with a tooltip as the mouse moves (ChartView, ParetoView)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: Any = None
        self.setMouseTracking(True)
        self.setMinimumSize(420, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(760, 360)

    def set_spec(self, spec: Any) -> None:
        self.spec = spec
        self.update()

    def tooltip_at(self, pos: QPointF) -> str:
        return ""

    def paint_titles(self, p: QPainter, title: str, subtitle: str) -> None:
        """The spec's title in bold and its subtitle under it (cut with … where the widget is too narrow)."""
        fm = QFontMetricsF(self.font())
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(COLOURS["axis"])
        p.drawText(QPointF(8, fm.height() * 1.1), title)
        p.setFont(self.font())
        p.drawText(QPointF(8, fm.height() * 2.3), fm.elidedText(subtitle, Qt.TextElideMode.ElideRight,
                                                                 max(self.width() - 16, 20)))

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 — Qt's name
        text = self.tooltip_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)


class ChartView(SpecView):
    """Draws one ChartSpec: values, centre line, stepped control limits, target line, signals; tooltip per point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self._hits: list[tuple[QPointF, int]] = []

    # geometry -----------------------------------------------------------------------------------
    def _plot_rect(self) -> QRectF:
        """The plot area: room on the left for the ticks, on the right for the widest right-hand label."""
        fm = QFontMetricsF(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        labels = self._right_labels(self.spec) if self.spec is not None else []
        right = max([110.0] + [QFontMetricsF(small).horizontalAdvance(text) + 10 for _, text, _ in labels])
        return QRectF(52, fm.height() * 3.9, max(self.width() - 52 - right, 50),
                      max(self.height() - fm.height() * 3.9 - fm.height() * 4.2, 40))

    def _right_labels(self, spec: ChartSpec) -> list[tuple[float, str, QColor]]:
        """The labels at the right of the plot (value, text, colour): the last control limits, centre line,
        target and a rare event's last rolling rate."""
        labels = []
        for key, name in (("ucl", "UCL "), ("lcl", "LCL ")):
            last = next((getattr(q, key) for q in reversed(spec.points) if getattr(q, key) is not None), None)
            if last is not None:
                labels.append((last, name + spec.fmt(last), COLOURS["limit"]))
        if spec.centre is not None:
            labels.append((spec.centre, f"{spec.centre_label} {spec.fmt(spec.centre)}", COLOURS["centre"]))
        low, high, _ticks = value_axis(spec)
        if spec.target is not None and low <= spec.target <= high:
            labels.append((spec.target, self.tr("目标 ") + spec.fmt(spec.target), COLOURS["target"]))
        rolling = next((pt.rolling for pt in reversed(spec.points) if pt.rolling is not None), None)
        if rolling is not None:
            labels.append((rolling, self.tr("滚动 ") + spec.fmt(rolling), COLOURS["rolling"]))
        return labels

    def point_positions(self) -> list[tuple[QPointF, int]]:
        """Screen position of each drawn point and its index in spec.points (after a paint)."""
        return list(self._hits)

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt's name
        """Paint in named steps: titles, axes, limits, reference lines, the rolling rate, labels, values, legend."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self._hits = []
        if self.spec is None:
            p.setPen(COLOURS["axis"])
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("请选择指标"))
            p.end()
            return
        g = _Geometry(self.spec, self._plot_rect(), self.font())
        self._paint_titles(p, g)
        self._paint_axes(p, g)
        self._paint_limits(p, g)
        self._paint_reference_lines(p, g)
        self._paint_rolling(p, g)
        self._paint_right_labels(p, g)
        self._paint_values(p, g)
        p.setBrush(Qt.BrushStyle.NoBrush)
        self._legend(p, self.spec, g.small, g.r.left(), self.height() - g.sfm.height() * 0.8)
        p.end()

    def _paint_titles(self, p: QPainter, g: _Geometry) -> None:
        self.paint_titles(p, g.spec.title, g.spec.subtitle)

    def _paint_axes(self, p: QPainter, g: _Geometry) -> None:
        """Grid lines with their values, the y label, both axes, and the months under the x axis."""
        r, sfm = g.r, g.sfm
        p.setFont(g.small)
        for t in g.ticks:
            p.setPen(pen(COLOURS["grid"], 0.8))
            p.drawLine(QPointF(r.left(), g.y_of(t)), QPointF(r.right(), g.y_of(t)))
            p.setPen(COLOURS["axis"])
            text = tick_text(t)
            p.drawText(QPointF(r.left() - 4 - sfm.horizontalAdvance(text), g.y_of(t) + sfm.ascent() / 2.5), text)
        p.drawText(QPointF(max(2.0, r.left() - 4 - sfm.horizontalAdvance(g.spec.y_label)), r.top() - sfm.height() * 0.7),
                   g.spec.y_label)
        p.setPen(pen(COLOURS["axis"], 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.topLeft())
        pts = g.spec.points
        every = max(1, math.ceil(len(pts) * sfm.horizontalAdvance("00-00 ") / max(r.width(), 1)))
        for i, pt in enumerate(pts):
            if i % every == 0:
                text = _short_period(pt.period)
                p.drawText(QPointF(g.x_of(i) - sfm.horizontalAdvance(text) / 2, r.bottom() + sfm.height()), text)

    def _paint_limits(self, p: QPainter, g: _Geometry) -> None:
        """Control limits, one step per month (or per gap); labelled at the right with their last value."""
        pts, half = g.spec.points, g.r.width() / g.n / 2
        p.setPen(pen(COLOURS["limit"], 1.2, dash=True))
        for key in ("ucl", "lcl"):
            path = QPainterPath()
            open_path = False
            for i, pt in enumerate(pts):
                v = getattr(pt, key)
                if v is None:
                    open_path = False
                    continue
                if not open_path:
                    path.moveTo(g.x_of(i) - half, g.y_of(v))
                    open_path = True
                else:
                    path.lineTo(g.x_of(i) - half, g.y_of(v))
                path.lineTo(g.x_of(i) + half, g.y_of(v))
            p.drawPath(path)

    def _paint_reference_lines(self, p: QPainter, g: _Geometry) -> None:
        spec, r = g.spec, g.r
        if spec.centre is not None:
            p.setPen(pen(COLOURS["centre"], 1.5))
            p.drawLine(QPointF(r.left(), g.y_of(spec.centre)), QPointF(r.right(), g.y_of(spec.centre)))
        if spec.target is not None and g.y_min <= spec.target <= g.y_max:
            p.setPen(pen(COLOURS["target"], 1.5, dash=True))
            p.drawLine(QPointF(r.left(), g.y_of(spec.target)), QPointF(r.right(), g.y_of(spec.target)))

    def _paint_rolling(self, p: QPainter, g: _Geometry) -> None:
        """A rare event's rolling 12-month rate (analytics/gap_charts.py), dashed in its own colour."""
        rolling = [pt.rolling for pt in g.spec.points]
        last = next((v for v in reversed(rolling) if v is not None), None)
        if last is None:
            return
        p.setPen(pen(COLOURS["rolling"], 1.5, dash=True))
        p.drawPath(_broken_line(g, rolling))

    def _paint_right_labels(self, p: QPainter, g: _Geometry) -> None:
        # Qt's y grows downwards; spread_labels works on increasing values, so flip around the plot.
        r = g.r
        flipped = [(r.bottom() + r.top() - g.y_of(v), t, c) for v, t, c in self._right_labels(g.spec)]
        for y, text, colour in spread_labels(flipped, g.sfm.height(), r.top(), r.bottom()):
            p.setPen(colour)
            p.drawText(QPointF(r.right() + 4, r.bottom() + r.top() - y + g.sfm.ascent() / 2.5), text)

    def _paint_values(self, p: QPainter, g: _Geometry) -> None:
        """The values, broken at months without data or exposure; an open gap dashed and hollow; signals larger."""
        pts = g.spec.points
        p.setPen(pen(COLOURS["value"], 2))
        p.drawPath(_broken_line(g, [None if pt.open_gap else pt.value for pt in pts]))
        if len(pts) >= 2 and pts[-1].open_gap and pts[-2].value is not None:
            p.setPen(pen(COLOURS["value"], 1.5, dash=True))
            p.drawLine(QPointF(g.x_of(len(pts) - 2), g.y_of(pts[-2].value)),
                       QPointF(g.x_of(len(pts) - 1), g.y_of(pts[-1].value)))
        for i, pt in enumerate(pts):
            if pt.value is not None:
                self._paint_point(p, g, i, pt)

    def _paint_point(self, p: QPainter, g: _Geometry, i: int, pt) -> None:
        pos = QPointF(g.x_of(i), g.y_of(pt.value))
        self._hits.append((pos, i))
        colour, radius = COLOURS["value"], 3.5
        if pt.signal:
            colour = COLOURS["concern"] if pt.assessment == CONCERN else COLOURS["improvement"]
            radius = 5.5
        if pt.open_gap:
            p.setPen(pen(colour, 2))
            p.setBrush(QColor("white"))
        else:
            p.setPen(pen(QColor("white"), 1))
            p.setBrush(colour)
        p.drawEllipse(pos, radius, radius)
        if pt.target_met is False:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(pen(COLOURS["missed"], 1.6))
            p.drawEllipse(pos, radius + 3, radius + 3)

    def _legend(self, p: QPainter, spec: ChartSpec, font: QFont, x: float, y: float) -> None:
        fm = QFontMetricsF(font)
        items = [(self.tr("数值"), COLOURS["value"], "line"), (spec.centre_label, COLOURS["centre"], "line")]
        if spec.has_limits:
            items.append((self.tr("控制限"), COLOURS["limit"], "dash"))
        if spec.target is not None:
            items.append((self.tr("目标"), COLOURS["target"], "dash"))
        if any(pt.rolling is not None for pt in spec.points):
            items.append((self.tr("近 12 个月滚动率"), COLOURS["rolling"], "dash"))
        items += [(self.tr("信号（需关注）"), COLOURS["concern"], "dot"), (self.tr("信号（改善）"), COLOURS["improvement"], "dot")]
        if any(pt.open_gap for pt in spec.points):
            items.append((self.tr("至今尚无下一例"), COLOURS["value"], "ring"))
        if any(pt.target_met is False for pt in spec.points):
            items.append((self.tr("未达目标"), COLOURS["missed"], "ring"))
        for text, colour, kind in items:
            mid = y - fm.ascent() / 3
            if kind in ("line", "dash"):
                p.setPen(pen(colour, 1.5, dash=kind == "dash"))
                p.drawLine(QPointF(x, mid), QPointF(x + 16, mid))
            elif kind == "dot":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawEllipse(QPointF(x + 8, mid), 4, 4)
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.setPen(pen(colour, 1.5))
                p.drawEllipse(QPointF(x + 8, mid), 5, 5)
            p.setPen(COLOURS["axis"])
            p.drawText(QPointF(x + 20, y), text)
            x += 30 + fm.horizontalAdvance(text)

    def point_at(self, pos: QPointF, reach: float = 9.0) -> int | None:
        best = None
        for where, i in self._hits:
            d = math.hypot(where.x() - pos.x(), where.y() - pos.y())
            if d <= reach and (best is None or d < best[0]):
                best = (d, i)
        return None if best is None else best[1]

    def tooltip_at(self, pos: QPointF) -> str:
        i = self.point_at(pos)
        return "" if i is None or self.spec is None else self.spec.tooltip(self.spec.points[i])
