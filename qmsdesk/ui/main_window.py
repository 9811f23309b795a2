"""The ward window: the registry's ward pages in a sidebar, the unit and the data file in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel

from qmsdesk.changes import Changes, Kind
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.paged_window import SIDEBAR_STYLE, PagedWindow
from qmsdesk.ui.registry import WARD_PAGES, PageSpec, page_for_finding
from qmsdesk.ui.settings import UiSettings

if TYPE_CHECKING:  # uuid (with platform) and periods (with the clock's time zones) are not needed to paint
    from qmsdesk.periods import Period
    from qmsdesk.ui.pages.base import Page

__all__ = ["MainWindow", "SIDEBAR_STYLE"]

PAINT_WAIT_MS = 1000  # when_page_painted: how long after the page is shown to wait for its paint
PAINT_SETTLE_MS = 50  # when_page_painted: how long after that paint (and no other) to wait


class MainWindow(PagedWindow):
    """Holds the pages; knows nothing about records (pages and services do)."""

    first_painted = Signal()  # the window is on screen: now build the first page and open the database
    defer_icons = True

    def __init__(self, ctx: AppContext, settings: UiSettings | None = None, *, menus_after_paint: bool = False) -> None:
        """`menus_after_paint` (the program's window, ui/app.py): the menus' titles are in the first frame, their
        actions are added right after it has painted (ui/menus.py)."""
        self._ahead: tuple[str, object] | None = None  # (page key, content) read while the database opened
        self._prebuilt: Page | None = None  # the first page, built off screen, shown on the next turn
        self._after_page_paint: list[Callable[[], None]] = []  # see when_page_painted
        self._paint_passes = 0  # paint passes of the window (UpdateRequest handled) so far
        self._shown_at_pass: int | None = None  # the passes when the first page was put on screen
        self._page_painted = False
        self._idle: QTimer | None = None  # see _paint_pass_ended
        super().__init__(ctx, WARD_PAGES, self._make_ward_page)
        self.settings = settings or UiSettings()
        self.setObjectName("main-window")
        self.setWindowTitle(self.tr("科室质控小组工作台"))

        from qmsdesk.ui.menus import add_ward_menus

        add_ward_menus(self, fill=not menus_after_paint)  # 文件, 编辑, 视图, 帮助 (ui/menus.py)
        self._menus_filled = not menus_after_paint

        self.unit_label = QLabel()
        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: #666;")
        self.statusBar().addWidget(self.unit_label)
        self.statusBar().addPermanentWidget(self.path_label)
        ctx.opened.connect(self.update_status)
        ctx.changed.connect(self._on_changes)

        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self.select_remembered(self.settings.last_page)
        self._painted = False
        # The first page is built right after the window has painted (see ui/registry.py), and once the
        # database is open: ui/app.py opens it on a thread that imports the page's module meanwhile.
        self.first_painted.connect(self.add_sidebar_icons)
        self.first_painted.connect(self._show_first_page)
        if menus_after_paint:
            # Not before the first page is painted: until then every ms of the GUI thread's Python delays it (ui/app.py
            # reads its figures on a thread meanwhile, which needs the same GIL). A menu opened sooner is filled then.
            self.when_page_painted(self._fill_menus)
            for menu in self.ward_menus:
                menu.aboutToShow.connect(self._fill_menus)
        # A window that is shown but never painted (minimised at start) must still open the database.
        QTimer.singleShot(1500, self._start_without_paint)
        self.update_status()

    def _fill_menus(self) -> None:
        if self._menus_filled:
            return
        self._menus_filled = True
        from qmsdesk.ui.menus import fill_ward_menus

        fill_ward_menus(self)

    def _show_first_page(self) -> None:
        if self.ctx.is_open:
            self.show_page(self.current_key())
            self._page_shown()
        else:
            self.ctx.opened.connect(self._first_page_opened)

    def _first_page_opened(self) -> None:
        self.ctx.opened.disconnect(self._first_page_opened)
        # Built once the opening has announced its changes: a page built before would load twice.
        QTimer.singleShot(0, self, self._build_first_page)

    def read_ahead(self, key: str, content: object) -> None:
        """The first page's content, read while the database opened (ui/app.py): the page is built with it."""
        self._ahead = (key, content)

    def show_read_before_open(self, key: str, content: object) -> None:
        """The first page's content, read from the file before the database is opened (ui/app.py): the page is
        built with it now, and shows it while the database opens."""
        self._ahead = (key, content)
        self._build_first_page()

    def _build_first_page(self) -> None:
        """Build the first page off screen — filled with what was read ahead, polished and laid out at the size
        it will have — and put it on screen on the next turn of the event loop: two short turns instead of
        one long one, so the window keeps answering clicks (and its timers) while the page appears."""
        if self.built_pages() or self._prebuilt is not None:  # the user chose a page meanwhile, or it is built
            if self.built_pages():
                self._page_shown()
            return
        key = self.current_key()
        page = self._new_page(self.specs[self.keys.index(key)])
        # A child of the stack (hidden until shown) while it is laid out: without a parent a page takes a window's
        # margins (11 px, not 9) and is laid out again once in the stack, its figures moved after their first paint.
        page.setParent(self.stack)
        page.resize(self.stack.size())
        page.ensurePolished()
        if page.layout() is not None:
            page.layout().activate()
        self._prebuilt = page
        QTimer.singleShot(0, self, self._show_prebuilt)

    def _show_prebuilt(self) -> None:
        page = self._prebuilt
        if page is None:
            return
        self._page_shown()
        if self.built_pages():  # the user chose another page in between: this one is built again when wanted
            self._prebuilt = None
            page.deleteLater()
            return
        self.show_page(page.key)  # PagedWindow.page takes it from _make_ward_page

    def _make_ward_page(self, spec: PageSpec) -> Page:
        page, self._prebuilt = self._prebuilt, None
        if page is not None and page.key == spec.key:
            return page
        if page is not None:
            page.deleteLater()
        return self._new_page(spec)

    def _new_page(self, spec: PageSpec) -> Page:
        page = spec.page_class()(self.ctx)
        ahead, self._ahead = self._ahead, None  # only for the first page built
        if ahead is not None and ahead[0] == spec.key:
            page.show_read_ahead(ahead[1])  # filled before it is shown: one paint, no second read
        return page

    def when_page_painted(self, then: Callable[[], None]) -> None:
        """Call `then` once the first page is on screen and painted, PAINT_SETTLE_MS after that paint with no
        repaint since — or PAINT_WAIT_MS after it was put on screen if no such paint comes (a minimised or hidden
        window)."""
        if self._page_painted:
            then()
            return
        self._after_page_paint.append(then)

    def _page_shown(self) -> None:
        """The first page is on screen (its paint is the next one)."""
        if self._shown_at_pass is None:
            self._shown_at_pass = self._paint_passes
            QTimer.singleShot(PAINT_WAIT_MS, self, self._page_paint_done)

    def _paint_pass_ended(self) -> None:
        self._paint_passes += 1
        if self._shown_at_pass is not None and self._paint_passes > self._shown_at_pass:
            # Restarted by every paint: it fires PAINT_SETTLE_MS after the last one, once what that paint set going
            # has run (what waits for it would take the GIL from it, the ORM's opening for long stretches).
            if self._idle is None:
                self._idle = QTimer(self)
                self._idle.setSingleShot(True)
                self._idle.setInterval(PAINT_SETTLE_MS)
                self._idle.timeout.connect(self._page_paint_done)
            self._idle.start()

    def _page_paint_done(self) -> None:
        self._page_painted = True
        callbacks, self._after_page_paint = self._after_page_paint, []
        for then in callbacks:
            then()

    def _start_without_paint(self) -> None:
        if not self._painted and self.isVisible():
            self._painted = True
            self.first_painted.emit()

    def event(self, event: QEvent) -> bool:
        if not getattr(self, "_painted", True) and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # not after the window is gone
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and getattr(self, "_after_page_paint", None):
            self._paint_pass_ended()  # Qt has painted the window's changed widgets while handling it
        return handled

    def about_text(self) -> str:
        """Name, version and where the data lives: what IT staff ask for on the phone."""
        from qmsdesk import __version__
        from qmsdesk.config import data_dir

        return self.tr("科室质控小组工作台 qmsdesk\n版本：{v}\n数据库：{db}\n数据文件夹：{d}").format(
            v=__version__, db=self.ctx.path or self.tr("（未打开）"), d=data_dir())

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("关于本程序"), self.about_text())

    def open_record(self, kind: str, record_id: str | None = None, period: Period | None = None) -> Page:
        """Show the page that edits a record of `kind` and, where it can, that record or month (validation links)."""
        import uuid

        key = page_for_finding(kind).key
        page = self.show_page(key)
        ident = uuid.UUID(record_id) if record_id else None
        if key == "indicators" and period:
            page.refresh()  # builds the entry grid on first use
            page.tabs.setCurrentWidget(page.grid)
            page.grid.month.setCurrentText(str(period))
        elif key == "training" and ident is not None:
            page.tabs.setCurrentWidget(page.person_record)
            page.person_record.set_person(ident)
        elif key == "plan" and ident is not None:  # a planned item not done (submission warning plan_item)
            page.show_record(ident, period)
        elif key in ("meetings", "events") and period and ident is None:  # a month's register, not one record
            page.refresh()
            page.month_filter.setCurrentIndex(max(page.month_filter.findData(str(period)), 0))
        elif ident is not None and hasattr(page, "select_id"):  # the list pages
            page.select_id(page.row_id(ident))
        return page

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches((Kind.UNIT,)):
            self.update_status()

    def update_status(self) -> None:
        if not self.ctx.is_open:
            self.unit_label.setText(self.tr("正在打开数据库…"))
            self.path_label.setText("")
            return
        from qmsdesk.services.unit import unit_title

        self.show_unit(self.ctx.read(unit_title), self.ctx.path)

    def show_unit(self, unit: str, path) -> None:
        """The unit (and the data file) in the status bar and the title; called before the database is open
        with the title read from the file (ui/app.py), so the status bar shows at once what it will keep."""
        self.unit_label.setText(unit or self.tr("尚未设置本单位（请到“设置”填写）"))
        self.path_label.setText(self.tr("数据文件：%1").replace("%1", str(path)))
        self.setWindowTitle(self.tr("科室质控小组工作台") + (f" — {unit}" if unit else ""))

    def save_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.last_page = self.current_key()
        for page in self.built_pages():  # pages never shown have nothing to remember
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_state()
        super().closeEvent(event)
