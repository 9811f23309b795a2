"""FishboneView: draws one FishboneSpec (analytics/fishbone.py) with QPainter — the window's renderer of the diagram
the PDF draws in reports/rca_pdca_charts.py. Every place comes from `fishbone_geometry`, so the window and the
paper put the same causes on the same bones; this widget only turns its box (origin bottom-left, y up) into
Qt's (y down). It paints in named steps: titles, spine and head, bones, causes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPolygonF
from PySide6.QtWidgets import QWidget

from qmsdesk.analytics.fishbone import FishboneGeometry, FishboneSpec, fishbone_geometry
from qmsdesk.reports.rca_pdca_charts import COLOURS as PAPER_COLOURS
from qmsdesk.ui.chart_view import SpecView, pen

_TOKENS = re.compile(r"[A-Za-z0-9'’.,;:%/()\-]{1,24}\s*|.", re.S)
COLOURS = {k: QColor(v) for k, v in PAPER_COLOURS.items()}


def fit_lines(text: str, fm: QFontMetricsF, width: float, lines: int) -> list[str]:
    """Wrap `text` into at most `lines` lines of `width` pixels, the last cut with … when it does not fit."""
    out, current = [], ""
    for token in _TOKENS.findall(text):  # a Latin word stays whole where it fits; Chinese breaks anywhere
        if current and fm.horizontalAdvance(current + token.rstrip()) > width:
            out.append(current.rstrip())
            current = token
            if len(out) == lines:
                break
        else:
            current += token
    if len(out) < lines and current:
        out.append(current)
    if len(out) == lines and "".join(out) != text:
        out[-1] = fm.elidedText(out[-1] + "……", Qt.TextElideMode.ElideRight, max(width, 1))
    return out


class FishboneView(SpecView):
    """Draws one FishboneSpec: the effect at the head, the six bones, each bone's causes (primary ones in red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: FishboneSpec | None = None
        self.setMinimumSize(520, 260)
        self.drawn_causes: list[str] = []  # the cause texts of the last paint, as drawn (for tests and tooltips)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(820, 380)

    def _title_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 2.6

    def geometry_now(self) -> FishboneGeometry | None:
        if self.spec is None:
            return None
        return fishbone_geometry(self.spec, self.width(), self.height() - self._title_height(),
                                 head_width=min(150.0, self.width() * 0.18))

    def _y(self, y: float) -> float:
        """The geometry's y (up from the bottom) as the widget's (down from the top)."""
        return self.height() - y

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self.drawn_causes = []
        g = self.geometry_now()
        if g is None:
            p.setPen(COLOURS["axis"])
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("尚无原因分析"))
            p.end()
            return
        self.paint_titles(p, self.spec.title, self.spec.subtitle)
        self._paint_spine_and_head(p, g)
        self._paint_bones(p, g)
        self._paint_causes(p, g)
        p.end()

    def _paint_spine_and_head(self, p: QPainter, g: FishboneGeometry) -> None:
        x0, y, x1, _ = g.spine
        p.setPen(pen(COLOURS["bone"], 2.6))
        p.drawLine(QPointF(x0, self._y(y)), QPointF(x1, self._y(y)))
        p.drawPolyline(QPolygonF([QPointF(x1 - 10, self._y(y) - 6), QPointF(x1, self._y(y)),
                                  QPointF(x1 - 10, self._y(y) + 6)]))
        hx, hy, hw, hh = g.head
        box = QRectF(hx, self._y(hy + hh), hw, hh)
        p.setPen(pen(COLOURS["bone"], 1.2))
        p.setBrush(COLOURS["head"])
        p.drawRect(box)
        p.setBrush(Qt.BrushStyle.NoBrush)
        fm = QFontMetricsF(self.font())
        lines = fit_lines(self.spec.effect, fm, hw - 12, max(1, int((hh - 8) // fm.height())))
        top = box.center().y() - len(lines) * fm.height() / 2
        for n, line in enumerate(lines):
            p.drawText(QPointF(hx + 6, top + fm.ascent() + n * fm.height()), line)

    def _paint_bones(self, p: QPainter, g: FishboneGeometry) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        fm = QFontMetricsF(bold)
        p.setFont(bold)
        for bone in g.bones:
            p.setPen(pen(COLOURS["bone"], 1.8))
            p.drawLine(QPointF(bone.start[0], self._y(bone.start[1])), QPointF(bone.end[0], self._y(bone.end[1])))
            x, y = bone.label_at
            above = y > bone.end[1]
            baseline = self._y(y) - (2 if above else -fm.ascent() + 4)
            p.drawText(QPointF(x - fm.horizontalAdvance(bone.label) / 2, baseline), bone.label)
        p.setFont(self.font())

    def _paint_causes(self, p: QPainter, g: FishboneGeometry) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        fm = QFontMetricsF(small)
        for bone in g.bones:
            for cause in bone.causes:
                y = self._y(cause.y)
                p.setPen(pen(COLOURS["grid"], 0.8))
                p.drawLine(QPointF(cause.x, y), QPointF(cause.x + cause.length, y))
                font = QFont(small)
                font.setBold(cause.primary)
                p.setFont(font)
                p.setPen(COLOURS["primary"] if cause.primary else COLOURS["axis"])
                lines = fit_lines(cause.text, QFontMetricsF(font), cause.length - 2, cause.lines)
                for k, line in enumerate(reversed(lines)):  # the last line sits on the cause's line
                    p.drawText(QPointF(cause.x, y - 2 - k * fm.height()), line)
                self.drawn_causes.append("".join(lines))
        p.setFont(self.font())
