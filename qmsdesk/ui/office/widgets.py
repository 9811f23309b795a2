"""What the office pages share: `OfficePage` (reads on the store's worker), a period chooser, a unit chooser,
ordered unit bars with a target line, a funnel.

A province's store answers a page's queries in a few tenths of a second, so a page never reads on the GUI
thread: `OfficePage.load(fetch, show)` runs `fetch(session)` on the store's database worker and calls `show`
with its result on the GUI thread, while the page says "正在读取…". A newer load of the same kind replaces an
older one still running (its result is dropped), and `wait_loaded()` blocks until everything asked for is shown
(tests, selftest screenshots, closing).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.clock import today as clock_today
from qmsdesk.periods import Period
from qmsdesk.ui.operations import wait_for
from qmsdesk.ui.pages.base import Page
from qmsdesk.ui.table_model import FIT_AT_MOST, RowProxy, RowTableModel

if TYPE_CHECKING:
    from qmsdesk.ui.office.context import OfficeContext

SAMPLE_ROWS = 60  # columns fit the text of this many rows: measuring 3,900 units' rows cost most of a second
CELL_PADDING = 14  # a cell's margins and grid line
HEADER_PADDING = 28  # a header's margins and its sort arrow

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


def column_widths(view: QTableView, headers: Sequence[str], texts: Sequence[Sequence[str]],
                  keep: Sequence[int | None] = ()) -> None:
    """Set each column as wide as its header and the `texts` of a sample of its rows (at most FIT_AT_MOST);
    a column with a width in `keep` stays at it (free text, shown whole in the tooltip)."""
    cells, heads = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    for i, header in enumerate(headers):
        fixed = keep[i] if i < len(keep) else None
        wanted = heads.horizontalAdvance(header) + HEADER_PADDING
        if fixed is not None:
            wanted = max(wanted, fixed)
        else:
            widest = max((cells.horizontalAdvance(row[i]) for row in texts), default=0) + CELL_PADDING
            wanted = max(wanted, min(widest, FIT_AT_MOST))
        view.setColumnWidth(i, wanted)


def fit_sample(view: QTableView, model: RowTableModel) -> None:
    """`column_widths` over the first SAMPLE_ROWS rows of a `RowTableModel`, by the text the cells show."""
    rows = [model.row_at(r) for r in range(min(model.rowCount(), SAMPLE_ROWS))]
    columns = model.columns
    column_widths(view, [c.header for c in columns], [[c.text(row) for c in columns] for row in rows],
                  [c.width if c.free_text else None for c in columns])


def sampled_view(model: RowTableModel, *, sorting: bool = True) -> QTableView:
    """A table view of `model` whose columns fit a sample of its rows whenever they are replaced."""
    proxy = RowProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(sorting)
    model.modelReset.connect(lambda: fit_sample(view, model))
    return view


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


class ChoiceModel(QAbstractListModel):
    """(data, label) pairs for a combo box: a province's 3,900 units are one list, not 3,900 combo items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[tuple[Any, str]] = []

    def set_choices(self, choices: Sequence[tuple[Any, str]]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.choices)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        data, label = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.UserRole:
            return data
        return None


class ChoiceBox(QComboBox):
    """A combo box over a `ChoiceModel`: as wide as `width` characters, its popup laid out rows of one height,
    so neither measures every unit's name; `set_choices` keeps the chosen value where it is still offered."""

    def __init__(self, width: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = ChoiceModel(self)
        self.setModel(self.choices)
        view = QListView()
        view.setUniformItemSizes(True)
        self.setView(view)
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(width)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_choices(self, choices: Sequence[tuple[Any, str]]) -> None:
        """Offer `choices` without announcing a change; the value chosen before stays chosen if offered."""
        keep = self.currentData()
        self.blockSignals(True)
        self.choices.set_choices(choices)
        row = next((i for i, (data, _label) in enumerate(self.choices.choices) if data == keep), 0)
        self.setCurrentIndex(row if self.choices.choices else -1)
        self.blockSignals(False)


class OfficePage(Page):
    """A page of the office window: its title on top; `today` fixes the date the figures are counted on.

    Its data arrive through `load`: read on the store's worker, shown on the GUI thread.
    """

    loaded = Signal()  # everything asked for has been read and shown (or failed)

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or clock_today()
        self.layout_ = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_heading(top)  # type: ignore[arg-type]  (any box layout takes the heading)
        self.loading_note = QLabel(self.tr("正在读取…"))
        self.loading_note.setObjectName("page-loading")
        self.loading_note.setVisible(False)
        top.addWidget(self.loading_note)
        top.addStretch(1)
        self.layout_.addLayout(top)
        self._latest: dict[str, int] = {}  # kind of load -> number of the newest one asked for
        self._running: set[str] = set()
        self._frozen = False
        self.setProperty("loading", False)  # benchmarks/probe.py waits for False before timing a page

    @property
    def loading(self) -> bool:
        return bool(self._running)

    def load(self, fetch: Callable[[Any], Any], show: Callable[[Any], None], kind: str = "page") -> None:
        """`fetch(session)` on the store's worker, then `show(result)` here; a newer load of `kind` wins.

        Without background loads (`ctx.background_loads` False) both run at once on this thread.
        """
        if not getattr(self.ctx, "background_loads", True):
            show(self.ctx.read(fetch))
            return
        if not self._frozen:
            # The window, its pages and the modules they imported live as long as the window: Python's collector
            # need not walk them again. Left in its oldest generation, each full collection — triggered by the
            # rows a read makes, on whichever thread — walked 100,000 objects while holding the GIL, and the
            # window stalled 0.1-0.25 s. Once per page, so little garbage is ever kept this way.
            gc.freeze()
            self._frozen = True
        number = self._latest[kind] = self._latest.get(kind, 0) + 1
        self._set_running(kind, True)
        ctx = self.ctx
        ctx.start(self.title(), lambda: ctx.read(fetch),
                  on_done=lambda result: self._arrived(kind, number, lambda: show(result)),
                  on_error=lambda _exc: self._arrived(kind, number, None))

    def forget(self, kind: str) -> None:
        """What a load of `kind` still running brings is no longer wanted (the user chose something else)."""
        if kind in self._running:
            self._latest[kind] += 1
            self._set_running(kind, False)
            if not self._running:
                self.loaded.emit()

    def _arrived(self, kind: str, number: int, show: Callable[[], None] | None) -> None:
        """On the GUI thread: show the newest load of `kind` (a failure is already in the status bar)."""
        if number != self._latest.get(kind):
            return  # a newer load of this kind is on its way and shows what is current
        try:
            if show is not None:
                show()
        finally:
            if number == self._latest.get(kind):  # unless `show` itself asked for a newer one of its kind
                self._set_running(kind, False)
            if not self._running:  # a `show` that asked for more (a chosen indicator's figures) is not done
                self.loaded.emit()

    def _set_running(self, kind: str, on: bool) -> None:
        if on:
            self._running.add(kind)
        else:
            self._running.discard(kind)
        self.loading_note.setVisible(bool(self._running))
        self.setProperty("loading", bool(self._running))

    def wait_loaded(self, ms: int = 60_000) -> None:
        """Block until every load asked for has been shown (tests, selftest, benchmarks)."""
        if not self._running:
            return
        wait_for(self.loaded, ms)
