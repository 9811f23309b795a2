"""The office window: the registry's office pages in a sidebar, the store in the status bar, a way back to ward mode."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel

from qmsdesk.ui.menus import add_office_menus
from qmsdesk.ui.office.context import OfficeContext
from qmsdesk.ui.paged_window import PagedWindow
from qmsdesk.ui.registry import OFFICE_PAGES
from qmsdesk.ui.settings import UiSettings


class OfficeWindow(PagedWindow):
    def __init__(self, ctx: OfficeContext, settings: UiSettings | None = None, today: date | None = None) -> None:
        super().__init__(ctx, OFFICE_PAGES, lambda spec: spec.page_class()(ctx, today=today))
        self.settings = settings or UiSettings()
        self.setObjectName("office-window")
        self.setWindowTitle(self.tr("质控办工作台"))
        self.statusBar().addWidget(QLabel(self.tr("汇总库：%1").replace("%1", ctx.store.display)))
        self.statusBar().addPermanentWidget(QLabel(self.tr("收件箱：%1").replace("%1", str(ctx.folders.inbox))))
        self.ward_mode = QAction(self.tr("下次启动时打开科室工作台"), self)
        self.ward_mode.setObjectName("ward-mode")
        self.ward_mode.triggered.connect(self._ward_mode)
        add_office_menus(self, self.ward_mode)  # 文件, 视图, 帮助 (ui/menus.py)
        self.resize(1280, 800)
        ctx.watch_inbox(True)  # the inbox is scanned while the window is open (the inbox page can stop it)
        self.show_page(self.settings.office_last_page)
        # The other pages' modules (and the domain modules they read with) are imported on the store's worker
        # while the user looks at the first page: imported at the click, they held the window 50-100 ms.
        ctx.start(self.tr("质控办工作台"), _import_pages)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from qmsdesk import __version__

        QMessageBox.about(self, self.tr("关于本程序"), self.tr("质控办工作台 qmsdesk\n版本：{v}\n汇总库：{s}").format(
            v=__version__, s=self.ctx.store.display))

    def _ward_mode(self) -> None:
        self.settings.mode = "ward"
        self.settings.sync()
        self.statusBar().showMessage(self.tr("下次启动将打开科室工作台；运行 qmsdesk office 可回到质控办。"), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.settings.office_last_page = self.current_key()
        self.settings.sync()
        super().closeEvent(event)


def _import_pages() -> None:
    for spec in OFFICE_PAGES:
        spec.page_class()
