"""Indicator control/run charts and the Pareto chart in the window: thin QPainter renderers of the analytics' specs.

`ChartView` (ui/chart_view.py) and `ParetoView` only draw a `ChartSpec` / `ParetoSpec` (the PDF draws the same
specs in `reports/chart_pdf.py`). `IndicatorChartWidget` and `ParetoWidget` add the choosers (indicator, months,
chart type, sources) and fetch the specs through the analytics' query functions, given the window's context
(or a bare Database); they redraw when a change touches indicator values or the problems they count.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.charts import (
    ChartSpec,
    allowed_charts,
    chart_label,
    nice_ticks,
)
from qmsdesk.analytics.pareto import PARETO_SOURCES, ParetoSpec, source_label
from qmsdesk.changes import Kind
from qmsdesk.clock import today
from qmsdesk.errors import QmsError
from qmsdesk.i18n import bracketed
from qmsdesk.periods import Period, months_between
from qmsdesk.ui.chart_view import COLOURS, ChartView, SpecView, pen, tick_text
from qmsdesk.ui.context import context_for


class ParetoView(SpecView):
    """Draws one ParetoSpec: bars largest first, the cumulative-% line on a right-hand axis, the 80% line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ParetoSpec | None = None
        self._bars: list[tuple[QRectF, int]] = []

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self._bars = []
        spec = self.spec
        fm = QFontMetricsF(self.font())
        if spec is None:
            p.end()
            return
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(COLOURS["axis"])
        p.drawText(QPointF(8, fm.height() * 1.1), spec.title)
        p.setFont(self.font())
        p.drawText(QPointF(8, fm.height() * 2.3), spec.subtitle)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        sfm = QFontMetricsF(small)
        p.setFont(small)
        longest = max((sfm.horizontalAdvance(self._label(b.category)) for b in spec.bars), default=20)
        bottom_room = min(longest * 0.6 + sfm.height() * 1.5, self.height() * 0.35)
        r = QRectF(44, fm.height() * 3.2, max(self.width() - 44 - 50, 50),
                   max(self.height() - fm.height() * 3.2 - bottom_room, 40))
        if not spec.bars:
            p.setPen(COLOURS["axis"])
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("所选范围内没有问题记录"))
            p.end()
            return
        ticks = nice_ticks(0, max(b.count for b in spec.bars), integer=True)
        top = ticks[-1]
        slot = r.width() / len(spec.bars)

        def y_count(v: float) -> float:
            return r.bottom() - v / top * r.height()

        def y_pct(v: float) -> float:
            return r.bottom() - v / 100 * r.height()

        for t in ticks:
            p.setPen(pen(COLOURS["grid"], 0.8))
            p.drawLine(QPointF(r.left(), y_count(t)), QPointF(r.right(), y_count(t)))
            p.setPen(COLOURS["axis"])
            text = tick_text(t)
            p.drawText(QPointF(r.left() - 4 - sfm.horizontalAdvance(text), y_count(t) + sfm.ascent() / 2.5), text)
        p.setPen(COLOURS["cumulative"])
        for pct in (0, 20, 40, 60, 80, 100):
            p.drawText(QPointF(r.right() + 4, y_pct(pct) + sfm.ascent() / 2.5), f"{pct}%")
        p.setPen(pen(COLOURS["cumulative"], 1, dash=True))
        p.drawLine(QPointF(r.left(), y_pct(80)), QPointF(r.right(), y_pct(80)))
        line = QPainterPath()
        for i, b in enumerate(spec.bars):
            x = r.left() + i * slot
            bar = QRectF(x + slot * 0.15, y_count(b.count), slot * 0.7, r.bottom() - y_count(b.count))
            self._bars.append((bar, i))
            p.fillRect(bar, COLOURS["vital"] if b.vital else COLOURS["bar"])
            p.setPen(COLOURS["axis"])
            count = str(b.count)
            p.drawText(QPointF(x + slot / 2 - sfm.horizontalAdvance(count) / 2, bar.top() - 3), count)
            p.save()
            p.translate(x + slot / 2 + 4, r.bottom() + sfm.height() * 0.8)
            p.rotate(-35)
            label = self._label(b.category)
            p.drawText(QPointF(-sfm.horizontalAdvance(label), 0), label)
            p.restore()
            point = QPointF(x + slot / 2, y_pct(b.cumulative_percent))
            if i == 0:
                line.moveTo(point)
            else:
                line.lineTo(point)
        p.setPen(pen(COLOURS["cumulative"], 2))
        p.drawPath(line)
        p.setBrush(COLOURS["cumulative"])
        for i, b in enumerate(spec.bars):
            p.drawEllipse(QPointF(r.left() + i * slot + slot / 2, y_pct(b.cumulative_percent)), 3, 3)
        p.setPen(pen(COLOURS["axis"], 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.end()

    @staticmethod
    def _label(category: str) -> str:
        return category if len(category) <= 10 else category[:9] + "…"

    def tooltip_at(self, pos: QPointF) -> str:
        if self.spec is None:
            return ""
        for rect, i in self._bars:
            if rect.adjusted(-2, -12, 2, 0).contains(pos):
                b = self.spec.bars[i]
                return self.tr("{c}\n{n} 个（{p:.1f}%）\n累计 {q:.1f}%").format(
                    c=b.category, n=b.count, p=b.percent, q=b.cumulative_percent)
        return ""

    def bar_rects(self) -> list[tuple[QRectF, int]]:
        return list(self._bars)


def month_choices(count: int = 36) -> list[str]:
    end = Period.of(today())
    start = end
    for _ in range(count - 1):
        start = start.previous()
    return [str(p) for p in reversed(months_between(start, end))]


class _RangeChooser(QWidget):
    """From/to month combos; the default range is the 12 months ending last month."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        months = month_choices()
        self.start = QComboBox()
        self.end = QComboBox()
        self.start.addItems(months)
        self.end.addItems(months)
        last = Period.of(today()).previous()
        first = last
        for _ in range(11):
            first = first.previous()
        self.set_range(first, last)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("从")))
        layout.addWidget(self.start)
        layout.addWidget(QLabel(self.tr("到")))
        layout.addWidget(self.end)
        self.start.currentIndexChanged.connect(self.changed)
        self.end.currentIndexChanged.connect(self.changed)

    def set_range(self, start: Period | str, end: Period | str) -> None:
        for combo, value in ((self.start, str(start)), (self.end, str(end))):
            if combo.findText(value) < 0:
                combo.addItem(value)
            combo.blockSignals(True)
            combo.setCurrentText(value)
            combo.blockSignals(False)
        self.changed.emit()

    def range(self) -> tuple[str, str]:
        return self.start.currentText(), self.end.currentText()


class IndicatorChartWidget(QWidget):
    """An indicator's chart with its choosers: indicator, months, chart type (automatic by kind) and Laney.

    A rare event's default view is its g- or t-chart with the run chart and rolling 12-month rate beside it
    (`companion`, the same ChartSpec the PDF draws).
    """

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = context_for(ctx)
        self.indicator = QComboBox()
        self.indicator.setMinimumContentsLength(24)
        self.range = _RangeChooser()
        self.chart_type = QComboBox()
        self.laney = QCheckBox(self.tr("Laney 修正"))
        self.laney.setToolTip(self.tr("分母很大时月度间真实波动会使 p/u 图的控制限过窄，Laney p′/u′ 修正按实际波动加宽控制限。"))
        self.view = ChartView()
        self.companion = ChartView()
        self.companion.setObjectName("companion-chart")
        self.companion.hide()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("指标")))
        top.addWidget(self.indicator, 1)
        top.addWidget(self.range)
        kind = QHBoxLayout()  # a row of its own: in English the chart names are long
        kind.addWidget(QLabel(self.tr("图形")))
        kind.addWidget(self.chart_type)
        kind.addWidget(self.laney)
        kind.addStretch(1)
        charts = QHBoxLayout()
        charts.addWidget(self.view, 1)
        charts.addWidget(self.companion, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(kind)
        layout.addLayout(charts, 1)
        layout.addWidget(self.notes)
        self._kinds: dict[str, str] = {}
        self.indicator.currentIndexChanged.connect(self._indicator_changed)
        self.range.changed.connect(self.refresh)
        self.chart_type.currentIndexChanged.connect(self.refresh)
        self.laney.toggled.connect(self.refresh)
        self.data.changed.connect(self._on_changed)
        self.reload_indicators()

    def _on_changed(self, changes) -> None:
        if changes.touches((Kind.INDICATOR, Kind.INDICATOR_VALUE)):
            self.reload_indicators()

    def reload_indicators(self) -> None:
        from qmsdesk.services.indicators import indicator_choices

        current = self.indicator.currentData()
        rows = [(c.code, c.name, c.kind, c.applicable) for c in self.data.read(indicator_choices)]
        rows.sort(key=lambda r: (not r[3], r[0]))  # applicable ones first
        self._kinds = {code: kind for code, _, kind, _ in rows}
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for code, name, _, _ in rows:
            self.indicator.addItem(bracketed(name, code), code)
        index = self.indicator.findData(current) if current else 0
        self.indicator.setCurrentIndex(max(index, 0))
        self.indicator.blockSignals(False)
        self._indicator_changed()

    def show_indicator(self, code: str, start: Period | str | None = None, end: Period | str | None = None) -> None:
        """Open a given indicator (e.g. from a dashboard warning), optionally over a given range."""
        index = self.indicator.findData(code)
        if index >= 0:
            self.indicator.setCurrentIndex(index)
        if start is not None and end is not None:
            self.range.set_range(start, end)
        self.refresh()

    def _indicator_changed(self) -> None:
        code = self.indicator.currentData()
        kind = self._kinds.get(code, "")
        self.chart_type.blockSignals(True)
        self.chart_type.clear()
        self.chart_type.addItem(self.tr("自动"), None)
        for chart in allowed_charts(kind) if kind else ():
            self.chart_type.addItem(chart_label(chart), chart)
        self.chart_type.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        from qmsdesk.analytics.charts import indicator_chart

        code = self.indicator.currentData()
        if not code:
            self.view.set_spec(None)
            self.notes.setText(self.tr("没有指标。请先在设置中安装指标目录。"))
            return
        start, end = self.range.range()
        chart = self.chart_type.currentData()
        try:
            spec = self.data.read(indicator_chart, code, start, end, chart, self.laney.isChecked())
        except QmsError as exc:
            self.view.set_spec(None)
            self.companion.set_spec(None)
            self.companion.hide()
            self.notes.setText(str(exc))
            return
        self.view.set_spec(spec)
        self.companion.set_spec(spec.companion)
        self.companion.setVisible(spec.companion is not None)
        self.laney.setEnabled(spec.chart in ("p", "u"))
        lines = spec.notes()
        if spec.companion is not None:
            lines += [self.tr("运行图：%1").replace("%1", n) for n in spec.companion.notes() if n not in lines]
        self.notes.setText("\n".join("• " + line for line in lines))

    @property
    def spec(self) -> ChartSpec | None:
        return self.view.spec


class ParetoWidget(QWidget):
    """The Pareto chart of problems by category with the range and the sources to count."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = context_for(ctx)
        self.range = _RangeChooser()
        self.sources: dict[str, QCheckBox] = {}
        top = QHBoxLayout()
        top.addWidget(self.range)
        for source in PARETO_SOURCES:
            box = QCheckBox(source_label(source))
            box.setChecked(True)
            box.toggled.connect(self.refresh)
            self.sources[source] = box
            top.addWidget(box)
        top.addStretch(1)
        self.view = ParetoView()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.range.changed.connect(self.refresh)
        self.data.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes) -> None:
        if changes.touches((Kind.MEETING_PROBLEM, Kind.FINDING, Kind.EVENT, Kind.ITEM)):
            self.refresh()

    def refresh(self) -> None:
        from qmsdesk.analytics.pareto import problem_pareto

        start, end = self.range.range()
        chosen = [s for s, box in self.sources.items() if box.isChecked()]
        try:
            self.view.set_spec(self.data.read(problem_pareto, start, end, chosen))
        except QmsError:
            self.view.set_spec(None)

    @property
    def spec(self) -> ParetoSpec | None:
        return self.view.spec
