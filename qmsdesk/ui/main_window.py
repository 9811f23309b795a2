"""The main window: a sidebar of the twelve pages, the pages themselves, and the status bar."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
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
from qmsdesk.ui.settings import UiSettings

if TYPE_CHECKING:
    from qmsdesk.ui.pages.base import Page

SIDEBAR_STYLE = """
QListWidget#sidebar { background: #20354d; color: #e8eef5; border: none; outline: none; }
QListWidget#sidebar::item { padding: 9px 14px; }
QListWidget#sidebar::item:selected { background: #2f6db5; color: white; }
QListWidget#sidebar::item:hover:!selected { background: #2a4563; }
QLabel#page-title { font-size: 17px; font-weight: bold; padding: 2px 0 6px 0; }
"""


# Sidebar order: (key, module under qmsdesk.ui.pages, class). Modules are imported when their page is
# first shown: importing the services pulls in SQLAlchemy, which would otherwise delay the first paint.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "dashboard", "DashboardPage"),
    ("group", "group", "GroupPage"),
    ("staff", "staff", "StaffPage"),
    ("meetings", "meetings", "MeetingsPage"),
    ("training", "training", "TrainingPage"),
    ("authorisations", "authorisations", "AuthorisationsPage"),
    ("indicators", "indicators", "IndicatorsPage"),
    ("inspections", "inspections", "InspectionsPage"),
    ("events", "events", "EventsPage"),
    ("ledger", "ledger", "LedgerPage"),
    ("submission", "submission", "SubmissionPage"),
    ("settings", "settings", "SettingsPage"),
)


# Which page edits a record of each kind named by services.submission_checks.Issue.kind.
RECORD_PAGES = {
    "meeting": "meetings", "indicator_definition": "indicators", "indicator_value": "indicators",
    "indicator": "indicators", "adverse_event": "events", "event": "events", "rectification_item": "ledger",
    "item": "ledger", "staff": "training", "training": "training", "authorisation": "authorisations",
}


def page_class(key: str) -> type[Page]:
    _key, module, name = next(spec for spec in PAGES if spec[0] == key)
    return getattr(importlib.import_module(f"qmsdesk.ui.pages.{module}"), name)


def page_classes() -> list[type[Page]]:
    """Every page class in sidebar order (imports them all)."""
    return [page_class(key) for key, _m, _n in PAGES]


class MainWindow(QMainWindow):
    """Holds the pages; knows nothing about records (pages and services do)."""

    first_painted = Signal()  # the window is on screen: now build the first page and open the database

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

        self.keys = [key for key, _m, _n in PAGES]
        self._pages: dict[str, Page] = {}
        titles = self.sidebar_titles()
        for key in self.keys:
            self.stack.addWidget(QWidget())  # the page itself replaces this holder when first shown
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        # Wide enough for the longest label in the current language (English ones are longer).
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(self.sidebar.fontMetrics().horizontalAdvance(t) for t in titles.values())
        self.sidebar.setFixedWidth(max(150, widest + 40))

        help_menu = self.menuBar().addMenu(self.tr("帮助"))
        self.about_action = help_menu.addAction(self.tr("关于本程序…"))
        self.about_action.triggered.connect(self.show_about)

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
        last = self.settings.last_page
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(self.keys.index(last) if last in self.keys else 0)
        self.sidebar.blockSignals(False)
        self._painted = False
        # The first page is built right after the window has painted (see PAGES).
        self.first_painted.connect(lambda: self.show_page(self.keys[self.sidebar.currentRow()]))
        # A window that is shown but never painted (minimised at start) must still open the database.
        QTimer.singleShot(1500, self._start_without_paint)
        self.update_status()

    def _start_without_paint(self) -> None:
        if not self._painted and self.isVisible():
            self._painted = True
            self.first_painted.emit()

    def event(self, event: QEvent) -> bool:
        if not getattr(self, "_painted", True) and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)
        return super().event(event)

    def about_text(self) -> str:
        """Name, version and where the data lives: what IT staff ask for on the phone."""
        from qmsdesk import __version__
        from qmsdesk.config import data_dir

        db = getattr(self.ctx, "db", None)
        path = getattr(db, "path", None) if db is not None else None
        return self.tr("科室质控小组工作台 qmsdesk\n版本：{v}\n数据库：{db}\n数据文件夹：{d}").format(
            v=__version__, db=path or self.tr("（未打开）"), d=data_dir())

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("关于本程序"), self.about_text())

    def sidebar_titles(self) -> dict[str, str]:
        return {
            "dashboard": self.tr("工作台"), "group": self.tr("质控小组"), "staff": self.tr("人员"),
            "meetings": self.tr("会议记录"), "training": self.tr("培训考核"), "authorisations": self.tr("授权管理"),
            "indicators": self.tr("质量指标"), "inspections": self.tr("检查督查"), "events": self.tr("不良事件"),
            "ledger": self.tr("整改台账"), "submission": self.tr("月度上报"), "settings": self.tr("设置"),
        }

    @property
    def pages(self) -> list[Page]:
        """Every page in sidebar order (building those not shown yet)."""
        return [self.page(key) for key in self.keys]

    def page(self, key: str) -> Page:
        """The page of `key`, built on first use."""
        page = self._pages.get(key)
        if page is None:
            page = page_class(key)(self.ctx)
            page.open_page.connect(self.show_page)
            index = self.keys.index(key)
            holder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._pages[key] = page
        return page

    def show_page(self, key: str) -> Page:
        index = self.keys.index(key) if key in self.keys else 0
        page = self.page(self.keys[index])
        self.sidebar.setCurrentRow(index)
        self.stack.setCurrentIndex(index)
        return page

    def open_record(self, kind: str, record_id: str | None = None, period: str | None = None) -> Page:
        """Show the page that edits a record of `kind` and, where it can, that record or month (validation links)."""
        import uuid

        key = RECORD_PAGES.get(kind, "dashboard")
        page = self.show_page(key)
        ident = uuid.UUID(record_id) if record_id else None
        if key == "indicators" and period:
            page.refresh()  # builds the entry grid on first use
            grid = getattr(page, "grid", None)
            if grid is not None:
                page.tabs.setCurrentWidget(grid)
                grid.month.setCurrentText(period)
        elif key == "training" and ident is not None:
            page.tabs.setCurrentWidget(page.person_record)
            page.person_record.set_person(ident)
        elif key in ("meetings", "events") and period and ident is None and hasattr(page, "month_filter"):
            page.refresh()
            page.month_filter.setCurrentIndex(max(page.month_filter.findData(period), 0))
        elif ident is not None and hasattr(page, "select_id"):
            page.select_id(ident.hex if key == "ledger" else ident)  # ledger rows carry ids as hex (ItemRow)
        return page

    def current_page(self) -> Page:
        return self.page(self.keys[max(self.sidebar.currentRow(), 0)])

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.page(self.keys[row])
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
        self.settings.last_page = self.keys[max(self.sidebar.currentRow(), 0)]
        for page in self._pages.values():  # pages never shown have nothing to remember
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_state()
        super().closeEvent(event)


def _unit_text(unit) -> str:
    if unit is None:
        return ""
    return f"{unit.hospital_name} · {unit.department_name}"
