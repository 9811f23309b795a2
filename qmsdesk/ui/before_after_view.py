"""BeforeAfterView: draws one BeforeAfterSpec (analytics/pdca.py) — a PDCA project's indicator before and after its
change — the way reports/rca_pdca_charts.py puts it on paper: the monthly values (after-months green), the
change line, the baseline median carried dashed into the after-months, the after median and the target.
Nothing is computed here; it paints in named steps (titles, axes, change line, reference lines, values,
right-hand labels, legend) like ChartView, with whose palette and pens it draws.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from qmsdesk.analytics.charts import spread_labels
from qmsdesk.analytics.pdca import AFTER, BEFORE, BeforeAfterSpec
from qmsdesk.ui.chart_view import SpecView, pen, tick_text
from qmsdesk.ui.fishbone_view import COLOURS


class BeforeAfterView(SpecView):
    """Draws one BeforeAfterSpec; the tooltip of a point is its month, phase and value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: BeforeAfterSpec | None = None
        self.change_x: float | None = None  # where the change line was drawn on the last paint

    def _small(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        return small

    def right_labels(self) -> list[tuple[float, str, QColor]]:
        s = self.spec
        out = []
        if s.before.median is not None:
            out.append((s.before.median, self.tr("改进前中位数 ") + s.fmt(s.before.median), COLOURS["centre"]))
        if s.after.median is not None:
            out.append((s.after.median, self.tr("改进后中位数 ") + s.fmt(s.after.median), COLOURS["after"]))
        low, high, _ = s.axis()
        if s.target is not None and low <= s.target <= high:
            out.append((s.target, self.tr("目标 ") + s.fmt(s.target), COLOURS["target"]))
        return out

    def _plot(self) -> QRectF:
        fm, sfm = QFontMetricsF(self.font()), QFontMetricsF(self._small())
        right = max([110.0] + [sfm.horizontalAdvance(t) + 10 for _, t, _ in self.right_labels()])
        top = fm.height() * 3.6
        return QRectF(52, top, max(self.width() - 52 - right, 50), max(self.height() - top - fm.height() * 3.4, 40))

    def _x(self, r: QRectF, i: float) -> float:
        return r.left() + (i + 0.5) * r.width() / max(len(self.spec.points), 1)

    def _y(self, r: QRectF, v: float) -> float:
        low, high, _ = self.spec.axis()
        v = min(max(v, low), high)
        return r.bottom() - (v - low) / ((high - low) or 1) * r.height()

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.spec is None:
            p.setPen(COLOURS["axis"])
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("设定指标、基线月份和改进生效月份后，这里显示改进前后对比"))
            p.end()
            return
        r = self._plot()
        self.paint_titles(p, self.spec.title, self.spec.subtitle)
        self._paint_axes(p, r)
        self._paint_change(p, r)
        self._paint_reference_lines(p, r)
        self._paint_values(p, r)
        self._paint_right_labels(p, r)
        self._paint_legend(p, r)
        p.end()

    def _paint_axes(self, p: QPainter, r: QRectF) -> None:
        small = self._small()
        sfm = QFontMetricsF(small)
        p.setFont(small)
        for t in self.spec.axis()[2]:
            p.setPen(pen(COLOURS["grid"], 0.8))
            p.drawLine(QPointF(r.left(), self._y(r, t)), QPointF(r.right(), self._y(r, t)))
            p.setPen(COLOURS["axis"])
            text = tick_text(t)
            p.drawText(QPointF(r.left() - 4 - sfm.horizontalAdvance(text), self._y(r, t) + sfm.ascent() / 2.5), text)
        p.drawText(QPointF(4, r.top() - sfm.height() * 0.7), self.spec.unit or self.tr("数值"))
        p.setPen(pen(COLOURS["axis"], 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.topLeft())
        pts = self.spec.points
        every = max(1, math.ceil(len(pts) * sfm.horizontalAdvance("00-00 ") / max(r.width(), 1)))
        for i, pt in enumerate(pts):
            if i % every == 0:
                text = pt.period[2:]
                p.drawText(QPointF(self._x(r, i) - sfm.horizontalAdvance(text) / 2, r.bottom() + sfm.height()), text)
        p.setFont(self.font())

    def _paint_change(self, p: QPainter, r: QRectF) -> None:
        """The change point: a dashed line before the first month of the change, labelled at the top."""
        self.change_x = x = self._x(r, self.spec.change_index - 0.5)
        p.setPen(pen(COLOURS["change"], 1.4, dash=True))
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
        p.setFont(self._small())
        p.drawText(QPointF(x + 3, r.top() + QFontMetricsF(self._small()).ascent()),
                   self.tr("改进措施实施（%1）").replace("%1", self.spec.change_period))
        p.setFont(self.font())

    def _paint_reference_lines(self, p: QPainter, r: QRectF) -> None:
        s, x = self.spec, self.change_x
        first = next((i for i, pt in enumerate(s.points) if pt.phase == BEFORE), 0)
        if s.before.median is not None:
            y = self._y(r, s.before.median)
            p.setPen(pen(COLOURS["centre"], 1.5))
            p.drawLine(QPointF(self._x(r, first) - 4, y), QPointF(x, y))
            p.setPen(pen(COLOURS["centre"], 1.0, dash=True))
            p.drawLine(QPointF(x, y), QPointF(r.right(), y))
        if s.after.median is not None:
            y = self._y(r, s.after.median)
            p.setPen(pen(COLOURS["after"], 1.5))
            p.drawLine(QPointF(x, y), QPointF(r.right(), y))
        low, high, _ = s.axis()
        if s.target is not None and low <= s.target <= high:
            y = self._y(r, s.target)
            p.setPen(pen(COLOURS["target"], 1.3, dash=True))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))

    def _paint_values(self, p: QPainter, r: QRectF) -> None:
        line, drawing = QPainterPath(), False
        for i, pt in enumerate(self.spec.points):
            if pt.value is None:
                drawing = False
                continue
            pos = QPointF(self._x(r, i), self._y(r, pt.value))
            line.lineTo(pos) if drawing else line.moveTo(pos)
            drawing = True
        p.setPen(pen(COLOURS["value"], 2))
        p.drawPath(line)
        p.setPen(pen(QColor("white"), 1))
        for i, pt in enumerate(self.spec.points):
            if pt.value is not None:
                p.setBrush(COLOURS["after"] if pt.phase == AFTER else COLOURS["value"])
                p.drawEllipse(QPointF(self._x(r, i), self._y(r, pt.value)), 4, 4)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_right_labels(self, p: QPainter, r: QRectF) -> None:
        sfm = QFontMetricsF(self._small())
        p.setFont(self._small())
        flipped = [(r.bottom() + r.top() - self._y(r, v), t, c) for v, t, c in self.right_labels()]
        for y, text, colour in spread_labels(flipped, sfm.height(), r.top(), r.bottom()):
            p.setPen(colour)
            p.drawText(QPointF(r.right() + 4, r.bottom() + r.top() - y + sfm.ascent() / 2.5), text)
        p.setFont(self.font())

    def _paint_legend(self, p: QPainter, r: QRectF) -> None:
        small = self._small()
        fm = QFontMetricsF(small)
        p.setFont(small)
        x, y = r.left(), self.height() - fm.height() * 0.8
        items = [(self.tr("改进前"), COLOURS["value"]), (self.tr("改进后"), COLOURS["after"])]
        for text, colour in items:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawEllipse(QPointF(x + 6, y - fm.ascent() / 3), 4, 4)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(COLOURS["axis"])
            p.drawText(QPointF(x + 14, y), text)
            x += 26 + fm.horizontalAdvance(text)
        p.setPen(COLOURS["axis"])
        verdict = fm.elidedText(self.spec.verdict(), Qt.TextElideMode.ElideRight, max(self.width() - x - 8, 20))
        p.drawText(QPointF(x + 8, y), verdict)
        p.setFont(self.font())

    def tooltip_at(self, pos: QPointF) -> str:
        if self.spec is None or not self.spec.points:
            return ""
        r = self._plot()
        i = round((pos.x() - r.left()) / (r.width() / len(self.spec.points)) - 0.5)
        if not 0 <= i < len(self.spec.points):
            return ""
        pt = self.spec.points[i]
        phase = {BEFORE: self.tr("改进前"), AFTER: self.tr("改进后")}.get(pt.phase, self.tr("过渡期（不计入对比）"))
        return f"{pt.period}  {phase}\n{self.spec.fmt(pt.value) if pt.value is not None else self.tr('未填报')}"
