"""The office window: the office pages in a sidebar, the store in the status bar, a way back to ward mode."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from qmsdesk.ui.main_window import SIDEBAR_STYLE
from qmsdesk.ui.office.context import OfficeContext
from qmsdesk.ui.settings import UiSettings


def office_pages(ctx: OfficeContext, today: date | None = None) -> list:
    from qmsdesk.ui.office.analysis_pages import ComparisonPage, CompliancePage, FollowupPage
    from qmsdesk.ui.office.completeness_page import CompletenessPage
    from qmsdesk.ui.office.inbox_page import InboxPage
    from qmsdesk.ui.office.report_page import ReportPage
    from qmsdesk.ui.office.units_page import UnitsPage

    return [CompletenessPage(ctx, today=today), InboxPage(ctx), UnitsPage(ctx), ComparisonPage(ctx, today=today),
            FollowupPage(ctx, today=today), CompliancePage(ctx, today=today), ReportPage(ctx, today=today)]


class OfficeWindow(QMainWindow):
    def __init__(self, ctx: OfficeContext, settings: UiSettings | None = None, today: date | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or UiSettings()
        self.setObjectName("office-window")
        self.setWindowTitle(self.tr("质控办工作台"))
        self.setStyleSheet(SIDEBAR_STYLE)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(160)
        self.stack = QStackedWidget()
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.pages = office_pages(ctx, today)
        for page in self.pages:
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        self.statusBar().addWidget(QLabel(self.tr("汇总库：%1").replace("%1", ctx.store.display)))
        self.statusBar().addPermanentWidget(QLabel(self.tr("收件箱：%1").replace("%1", str(ctx.folders.inbox))))
        menu = self.menuBar().addMenu(self.tr("模式"))
        self.ward_mode = QAction(self.tr("下次启动时打开科室工作台"), self)
        self.ward_mode.triggered.connect(self._ward_mode)
        menu.addAction(self.ward_mode)
        self.resize(1280, 800)

    def page(self, key: str):
        return next(p for p in self.pages if p.key == key)

    def show_page(self, key: str):
        keys = [p.key for p in self.pages]
        self.sidebar.setCurrentRow(keys.index(key))
        return self.pages[keys.index(key)]

    def _ward_mode(self) -> None:
        self.settings.mode = "ward"
        self.settings.sync()
        self.statusBar().showMessage(self.tr("下次启动将打开科室工作台；运行 qmsdesk office 可回到质控办。"), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.settings.sync()
        super().closeEvent(event)
