"""What the office pages share: `OfficePage`, a period chooser, ordered unit bars with a target line, a funnel."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QSizePolicy, QVBoxLayout, QWidget

from qmsdesk.clock import today as clock_today
from qmsdesk.periods import Period
from qmsdesk.ui.pages.base import Page

if TYPE_CHECKING:
    from qmsdesk.ui.office.context import OfficeContext

MISSED = QColor("#c00000")
BAR = QColor("#5b9bd5")
TARGET = QColor("#548235")


def month_choices(end: Period, count: int = 24) -> list[str]:
    out, p = [], end
    for _ in range(count):
        out.append(str(p))
        p = p.previous()
    return out


def quarter_choices(end: Period, count: int = 8) -> list[str]:
    out = []
    year, q = end.year, (end.month - 1) // 3 + 1
    for _ in range(count):
        out.append(f"{year}Q{q}")
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return out


def period_combo(values: list[str], current: str | None = None) -> QComboBox:
    box = QComboBox()
    box.addItems(values)
    if current in values:
        box.setCurrentText(current)
    return box


class UnitBars(QWidget):
    """Units' values of one indicator as ordered horizontal bars; missed targets in red; the target dashed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, bool, str]] = []  # label, value, missed, text
        self.target: float | None = None
        self.target_text = ""
        self.setMinimumSize(360, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 360)

    def set_rows(self, rows: list[tuple[str, float, bool, str]], target: float | None, target_text: str) -> None:
        self.rows, self.target, self.target_text = rows, target, target_text
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 — Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
        p.setFont(font)
        if not self.rows:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("该月没有单位上报此指标"))
            return
        label_w, top, bottom = 170.0, 8.0, 22.0
        plot_w = max(self.width() - label_w - 70, 50)
        bar_h = min(22.0, (self.height() - top - bottom) / len(self.rows))
        high = max([v for _l, v, _m, _t in self.rows] + [self.target or 0]) * 1.1 or 1.0
        for i, (label, value, missed, text) in enumerate(self.rows):
            y = top + i * bar_h
            w = value / high * plot_w
            p.fillRect(QRectF(label_w, y + 2, w, max(bar_h - 4, 1)), MISSED if missed else BAR)
            p.drawText(QRectF(0, y, label_w - 6, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            p.drawText(QRectF(label_w + w + 4, y, 70, bar_h), Qt.AlignmentFlag.AlignVCenter, text)
        if self.target is not None:
            x = label_w + self.target / high * plot_w
            pen = QPen(TARGET, 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(int(x), int(top), int(x), int(top + bar_h * len(self.rows)))
            p.drawText(QRectF(x - 80, top + bar_h * len(self.rows) + 2, 160, 18), Qt.AlignmentFlag.AlignCenter,
                       self.tr("目标 %1").replace("%1", self.target_text))


class FunnelView(QWidget):
    """A funnel plot: each unit's value against its size, the pooled value, and 95% / 99.8% limits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[float, float, str, bool]] = []  # size, value, label, unfavourable outlier
        self.curves: list[tuple[float, float, float, float, float]] = []  # size, lo95, hi95, lo998, hi998
        self.pooled: float | None = None
        self.setMinimumSize(360, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, points, curves, pooled) -> None:
        self.points, self.curves, self.pooled = list(points), list(curves), pooled
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 — Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.points or self.pooled is None:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("漏斗图只适用于比例和率类指标"))
            return
        left, top, right, bottom = 60.0, 10.0, self.width() - 20.0, self.height() - 30.0
        sizes = [s for s, *_ in self.points] + [c[0] for c in self.curves]
        values = [v for _s, v, *_ in self.points] + [c[2] for c in self.curves[len(self.curves) // 5:]] + [self.pooled]
        x_hi, y_hi = max(sizes) * 1.05 or 1.0, max(values) * 1.1 or 1.0

        def xy(size: float, value: float) -> tuple[float, float]:
            return left + size / x_hi * (right - left), bottom - min(value, y_hi) / y_hi * (bottom - top)

        p.setPen(QPen(QColor("#888888"), 1))
        p.drawLine(int(left), int(bottom), int(right), int(bottom))
        p.drawLine(int(left), int(top), int(left), int(bottom))
        p.drawText(QRectF(0, bottom - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, "0")
        p.drawText(QRectF(0, top - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, f"{y_hi:.2f}")
        p.drawText(QRectF(left, bottom + 4, right - left, 20), Qt.AlignmentFlag.AlignCenter, self.tr("单位规模（分母）"))
        for index, (colour, dash) in ((1, ("#f4b183", Qt.PenStyle.DashLine)), (3, ("#c00000", Qt.PenStyle.DashLine))):
            p.setPen(QPen(QColor(colour), 1.2, dash))
            for side in (0, 1):
                prev = None
                for c in self.curves:
                    pt = xy(c[0], c[index + side])
                    if prev is not None:
                        p.drawLine(int(prev[0]), int(prev[1]), int(pt[0]), int(pt[1]))
                    prev = pt
        p.setPen(QPen(TARGET, 1.2))
        y = xy(0, self.pooled)[1]
        p.drawLine(int(left), int(y), int(right), int(y))
        for size, value, label, outlier in self.points:
            x, yv = xy(size, value)
            p.setBrush(MISSED if outlier else BAR)
            p.setPen(QPen(QColor("#ffffff"), 0.5))
            p.drawEllipse(QRectF(x - 4, yv - 4, 8, 8))
            if outlier:
                p.setPen(QPen(MISSED))
                p.drawText(QRectF(x + 5, yv - 8, 160, 16), Qt.AlignmentFlag.AlignLeft, label)


class OfficePage(Page):
    """A page of the office window: its title on top; `today` fixes the date the figures are counted on."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or clock_today()
        self.layout_ = QVBoxLayout(self)
        self.add_heading(self.layout_)
