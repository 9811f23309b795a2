"""What the ward and office windows share: a sidebar of the registry's pages, the pages built when first
shown, the remembered last page, and background problems in the status bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.registry import PageSpec

if TYPE_CHECKING:
    from qmsdesk.ui.pages.base import Page

# Set on the sidebar alone: a style sheet on the window would put every widget of every page under Qt's
# style-sheet style, whose polishing and painting cost the window's first paint about 20 ms of CPU.
SIDEBAR_STYLE = """
QListWidget#sidebar { background: #20354d; color: #e8eef5; border: none; outline: none; }
QListWidget#sidebar::item { padding: 9px 14px; }
QListWidget#sidebar::item:selected { background: #2f6db5; color: white; }
QListWidget#sidebar::item:hover:!selected { background: #2a4563; }
"""
PROBLEM_SHOWN_MS = 30_000  # how long a background failure stays in the status bar


def _paint_shown_once() -> None:
    """Qt asks every widget of a page just put on screen to repaint itself, each with an event of its own
    (UpdateLater), queued behind the window's repaint already due (of the sidebar, of the place the page takes):
    handled after that repaint, they paint the whole page a second time. Handled now, it is painted once."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)


class PagedWindow(QMainWindow):
    """A sidebar listing `specs` beside a stack of their pages; a page is built the first time it is shown."""

    defer_icons = False  # True: the subclass calls add_sidebar_icons itself (the ward window, after its first paint)

    def __init__(self, ctx: DataContext, specs: Sequence[PageSpec],
                 make_page: Callable[[PageSpec], Page] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs = tuple(specs)
        self.keys = [s.key for s in self.specs]
        self._make_page = make_page or (lambda spec: spec.page_class()(ctx))
        self._pages: dict[str, Page] = {}
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = self._build_sidebar()
        self.stack = QStackedWidget()
        for _spec in self.specs:
            self.stack.addWidget(QWidget())  # the page itself replaces this holder when first shown
        content = QWidget()
        inner = QHBoxLayout(content)
        inner.setContentsMargins(12, 10, 12, 6)
        inner.addWidget(self.stack)
        layout.addWidget(self.sidebar)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)
        if not self.defer_icons:
            self.add_sidebar_icons()
        self.sidebar.currentRowChanged.connect(self._row_changed)
        ctx.problem.connect(self.show_problem)

    def add_sidebar_icons(self) -> None:
        """The sidebar's icons (Qt's standard pixmaps). Importing QStyle creates its Python enums, ~13 ms the
        ward window spends after its first paint instead (the items keep an icon-sized blank until then)."""
        from PySide6.QtWidgets import QStyle

        style = QApplication.style()
        for row, spec in enumerate(self.specs):
            pixmap = getattr(QStyle.StandardPixmap, spec.icon, None)
            if pixmap is not None:
                self.sidebar.item(row).setIcon(style.standardIcon(pixmap))

    def _build_sidebar(self) -> QListWidget:
        sidebar = QListWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setStyleSheet(SIDEBAR_STYLE)
        font = QFont(sidebar.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        sidebar.setFont(font)
        sidebar.setIconSize(QSize(18, 18))
        blank = QPixmap(sidebar.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        for spec in self.specs:
            item = QListWidgetItem(QIcon(blank), spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            sidebar.addItem(item)
        # Wide enough for the longest label in the current language (English ones are longer), never cut.
        sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(sidebar.fontMetrics().horizontalAdvance(s.title()) for s in self.specs)
        sidebar.setFixedWidth(max(150, widest + 18 + 28 + 16))  # icon, item padding, frame
        return sidebar

    # --- pages -------------------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        """Every page in sidebar order (building those not shown yet)."""
        return [self.page(key) for key in self.keys]

    def page(self, key: str) -> Page:
        """The page of `key`, built on first use."""
        page = self._pages.get(key)
        if page is None:
            index = self.keys.index(key)
            page = self._make_page(self.specs[index])
            page.open_page.connect(self.show_page)
            holder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(holder)
            # Out of the stack now: deleted while still its child, it would lay the stack out again after the page's
            # first paint, and that repaints the whole page a second time.
            holder.setParent(None)
            holder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._pages[key] = page
        return page

    def built_page(self, key: str) -> Page | None:
        """The page of `key` if it has been built (menus ask without building one before the first paint)."""
        return self._pages.get(key)

    def built_pages(self) -> list[Page]:
        return list(self._pages.values())

    def show_page(self, key: str) -> Page:
        index = self.keys.index(key) if key in self.keys else 0
        page = self.page(self.keys[index])
        self.sidebar.setCurrentRow(index)
        self.stack.setCurrentIndex(index)
        _paint_shown_once()
        return page

    def current_key(self) -> str:
        return self.keys[max(self.sidebar.currentRow(), 0)]

    def current_page(self) -> Page:
        return self.page(self.current_key())

    def select_remembered(self, key: str | None) -> None:
        """Mark the remembered page current in the sidebar without building it yet."""
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(self.keys.index(key) if key in self.keys else 0)
        self.sidebar.blockSignals(False)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.page(self.keys[row])
            self.stack.setCurrentIndex(row)
            _paint_shown_once()

    def show_problem(self, text: str) -> None:
        """A failure of background work (already logged): said in the status bar for a while."""
        self.statusBar().showMessage(self.tr("后台操作失败：%1").replace("%1", text), PROBLEM_SHOWN_MS)
