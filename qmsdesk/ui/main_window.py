"""The main window: a sidebar of the twelve pages, the pages themselves, and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from qmsdesk.ui.context import AppContext
from qmsdesk.ui.pages.base import Page
from qmsdesk.ui.settings import UiSettings

SIDEBAR_STYLE = """
QListWidget#sidebar { background: #20354d; color: #e8eef5; border: none; outline: none; }
QListWidget#sidebar::item { padding: 9px 14px; }
QListWidget#sidebar::item:selected { background: #2f6db5; color: white; }
QListWidget#sidebar::item:hover:!selected { background: #2a4563; }
QLabel#page-title { font-size: 17px; font-weight: bold; padding: 2px 0 6px 0; }
"""


def page_classes() -> list[type[Page]]:
    """The pages in sidebar order (imported here so the window decides what it shows)."""
    from qmsdesk.ui.pages.authorisations import AuthorisationsPage
    from qmsdesk.ui.pages.dashboard import DashboardPage
    from qmsdesk.ui.pages.events import EventsPage
    from qmsdesk.ui.pages.group import GroupPage
    from qmsdesk.ui.pages.indicators import IndicatorsPage
    from qmsdesk.ui.pages.inspections import InspectionsPage
    from qmsdesk.ui.pages.ledger import LedgerPage
    from qmsdesk.ui.pages.meetings import MeetingsPage
    from qmsdesk.ui.pages.settings import SettingsPage
    from qmsdesk.ui.pages.staff import StaffPage
    from qmsdesk.ui.pages.submission import SubmissionPage
    from qmsdesk.ui.pages.training import TrainingPage

    return [DashboardPage, GroupPage, StaffPage, MeetingsPage, TrainingPage, AuthorisationsPage,
            IndicatorsPage, InspectionsPage, EventsPage, LedgerPage, SubmissionPage, SettingsPage]


class MainWindow(QMainWindow):
    """Holds the pages; knows nothing about records (pages and services do)."""

    def __init__(self, ctx: AppContext, settings: UiSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or UiSettings()
        self.setObjectName("main-window")
        self.setWindowTitle(self.tr("科室质控小组工作台"))
        self.setStyleSheet(SIDEBAR_STYLE)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(150)
        font = QFont(self.sidebar.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.sidebar.setFont(font)
        self.sidebar.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        content = QWidget()
        inner = QHBoxLayout(content)
        inner.setContentsMargins(12, 10, 12, 6)
        inner.addWidget(self.stack)
        layout.addWidget(self.sidebar)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

        self.pages: list[Page] = []
        for cls in page_classes():
            page = cls(ctx)
            page.open_page.connect(self.show_page)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        # Wide enough for the longest label in the current language (English ones are longer).
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max((self.sidebar.fontMetrics().horizontalAdvance(p.title()) for p in self.pages), default=0)
        self.sidebar.setFixedWidth(max(150, widest + 40))

        self.unit_label = QLabel()
        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: #666;")
        self.statusBar().addWidget(self.unit_label)
        self.statusBar().addPermanentWidget(self.path_label)
        ctx.opened.connect(self.update_status)
        ctx.changed.connect(lambda area: self.update_status() if area in ("*", "settings") else None)

        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self.show_page(self.settings.last_page)
        self.update_status()

    def page(self, key: str) -> Page:
        return next(p for p in self.pages if p.key == key)

    def show_page(self, key: str) -> Page:
        keys = [p.key for p in self.pages]
        index = keys.index(key) if key in keys else 0
        self.sidebar.setCurrentRow(index)
        return self.pages[index]

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def update_status(self) -> None:
        if not self.ctx.is_open:
            self.unit_label.setText(self.tr("正在打开数据库…"))
            self.path_label.setText("")
            return
        from qmsdesk.services.unit import get_unit

        unit = self.ctx.read(lambda s: _unit_text(get_unit(s)))
        self.unit_label.setText(unit or self.tr("尚未设置本单位（请到“设置”填写）"))
        self.path_label.setText(self.tr("数据文件：%1").replace("%1", str(self.ctx.path)))
        self.setWindowTitle(self.tr("科室质控小组工作台") + (f" — {unit}" if unit else ""))

    def save_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.last_page = self.current_page().key
        for page in self.pages:
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_state()
        super().closeEvent(event)


def _unit_text(unit) -> str:
    if unit is None:
        return ""
    return f"{unit.hospital_name} · {unit.department_name}"
