"""The menu bars of the ward and office windows: 文件, 编辑, 视图, 帮助, with their keyboard shortcuts.

Every menu action does what a button on a page does (备份 and 恢复 on 设置, 撤销删除 on each list, 导出 and
打印 on 月度上报); the menu only finds that page and calls it. 视图 lists the registry's pages, so a new page
appears there by itself. F1 opens the manual at the section of the page on screen, in the window's language.

The ward window shows its menus' titles in its first frame and adds their actions once it has painted
(`add_ward_menus(window, fill=False)`, then `fill_ward_menus`): creating the actions, their shortcuts and
the Qt types they need costs the first paint about 4 ms of CPU, for menus nobody can open before it.

打印 prints the month report (ui/month_report.py). `PRINT_HOOK` is where a different print action (the
group's binder, ui-17) is plugged in: a function (window) -> None that replaces the month report's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu

from qmsdesk import i18n

if TYPE_CHECKING:  # periods imports the clock and its time zones: not before the window paints
    from PySide6.QtGui import QAction, QKeySequence

    from qmsdesk.periods import Period
    from qmsdesk.ui.paged_window import PagedWindow

PRINT_HOOK: Callable[[QMainWindow], object] | None = None  # see the module docstring


def open_url(url: str) -> bool:
    """The system's browser or viewer for `url` (tests replace this to see which URL was chosen)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl(url))


def manual_url_for(window: PagedWindow) -> str:
    """The manual in the window's language at the section of the page on screen."""
    from qmsdesk.manual import manual_url

    return manual_url(window.current_key(), i18n.language())


def _action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    name: str = "",
) -> QAction:
    # imported here: their types are created after the first paint (see the module docstring)
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def add_view_menu(window: PagedWindow, menu: QMenu | None = None) -> QMenu:
    """视图: one checkable entry per page of the window's registry, Ctrl+1 … Ctrl+9 for the first nine (into
    `menu` when its title is already in the menu bar)."""
    from PySide6.QtGui import QActionGroup

    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "视图(&V)"))
    group = QActionGroup(window)
    window.view_actions = {}
    for number, spec in enumerate(window.specs, start=1):
        shortcut = f"Ctrl+{number}" if number <= 9 else None
        action = _action(
            window,
            menu,
            spec.title(),
            lambda key=spec.key: window.show_page(key),
            shortcut,
            f"view-{spec.key}",
        )
        action.setCheckable(True)
        group.addAction(action)
        window.view_actions[spec.key] = action

    def follow(row: int) -> None:
        if 0 <= row < len(window.keys):
            window.view_actions[window.keys[row]].setChecked(True)

    window.sidebar.currentRowChanged.connect(follow)
    follow(window.sidebar.currentRow())
    return menu


def add_help_menu(window: PagedWindow, about: Callable[[], object], menu: QMenu | None = None) -> QMenu:
    """帮助: 用户手册 (F1, at the page on screen), 日志文件夹, 关于 (into `menu` when its title is already there)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from qmsdesk.logs import log_path

    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "帮助(&H)"))
    window.manual_action = _action(
        window,
        menu,
        QCoreApplication.translate("menus", "用户手册"),
        lambda: open_url(manual_url_for(window)),
        "F1",
        "manual",
    )
    window.log_action = _action(
        window,
        menu,
        QCoreApplication.translate("menus", "打开日志文件夹"),
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent))),
        name="log-folder",
    )
    menu.addSeparator()
    window.about_action = _action(
        window, menu, QCoreApplication.translate("menus", "关于本程序…"), about, name="about"
    )
    return menu


# --- the ward window ------------------------------------------------------------------------------


def report_period(window) -> Period:
    """The month 导出 and 打印 mean: the one selected on 月度上报 when it is on screen, else last month."""
    from qmsdesk.clock import today
    from qmsdesk.periods import Period

    if window.current_key() == "submission":
        chosen = window.current_page().selected_period()
        if chosen is not None:
            return chosen
    return Period.of(today()).previous()


def export_report(window) -> object:
    from qmsdesk.ui.month_report import export_month_report

    return export_month_report(window.ctx, report_period(window), window)


def print_report(window) -> object:
    if PRINT_HOOK is not None:
        return PRINT_HOOK(window)
    from qmsdesk.ui.month_report import print_month_report

    return print_month_report(window.ctx, report_period(window), window)


def print_binder(window) -> object:
    """打印质控记录本: the group's year or quarter on paper (ui/binder_print.py, also on 年度计划 and 质量分析)."""
    from qmsdesk.ui.binder_print import print_binder as binder

    return binder(window, window.ctx)


def undo_target(window):
    """The list on screen whose 撤销删除 the menu runs (a tab of a page with tabs), or None."""
    page = window.built_page(window.current_key())
    if page is None:
        return None
    tabs = getattr(page, "tabs", None)
    inner = tabs.currentWidget() if tabs is not None else None
    for candidate in (inner, page):
        if (
            candidate is not None
            and hasattr(candidate, "undo_delete")
            and getattr(candidate, "records", None)
            and candidate.records.restore is not None
        ):
            return candidate
    return None


def add_ward_menus(window, *, fill: bool = True) -> None:
    """文件, 编辑, 视图, 帮助 of the ward window (ui/main_window.py); with `fill=False` their titles alone, what
    the first frame shows, and `fill_ward_menus` adds the actions after the paint."""
    bar = window.menuBar()
    window.ward_menus = (
        bar.addMenu(QCoreApplication.translate("menus", "文件(&F)")),
        bar.addMenu(QCoreApplication.translate("menus", "编辑(&E)")),
        bar.addMenu(QCoreApplication.translate("menus", "视图(&V)")),
        bar.addMenu(QCoreApplication.translate("menus", "帮助(&H)")),
    )
    if fill:
        fill_ward_menus(window)


def fill_ward_menus(window) -> None:
    """The actions of the ward window's menus, with their shortcuts, into the menus add_ward_menus made."""
    from PySide6.QtGui import QKeySequence

    file_menu, edit_menu, view_menu, help_menu = window.ward_menus
    window.backup_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "立即备份"),
        lambda: window.page("settings").backup_now(),
        "Ctrl+B",
        "backup",
    )
    window.restore_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "从备份恢复…"),
        lambda: window.page("settings").choose_and_restore(),
        name="restore",
    )
    file_menu.addSeparator()
    window.export_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "导出本月报表…"),
        lambda: export_report(window),
        "Ctrl+E",
        "export-report",
    )
    window.print_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "打印本月报表…"),
        lambda: print_report(window),
        QKeySequence.StandardKey.Print,
        "print",
    )
    window.binder_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "打印质控记录本…"),
        lambda: print_binder(window),
        "Ctrl+Shift+P",
        "print-binder",
    )
    file_menu.addSeparator()
    window.quit_action = _action(
        window, file_menu, QCoreApplication.translate("menus", "退出"), window.close, "Ctrl+Q", "quit"
    )
    window.data_actions = (
        window.backup_action,
        window.restore_action,
        window.export_action,
        window.print_action,
        window.binder_action,
    )

    window.undo_action = _action(
        window,
        edit_menu,
        QCoreApplication.translate("menus", "撤销删除"),
        lambda: _undo(window),
        QKeySequence.StandardKey.Undo,
        "undo-delete",
    )
    add_view_menu(window, view_menu)
    add_help_menu(window, window.show_about, help_menu)

    def update() -> None:
        for action in window.data_actions:
            action.setEnabled(window.ctx.is_open)
        target = undo_target(window) if window.ctx.is_open else None
        step = window.ctx.undo_step(target.key) if target is not None else None
        window.undo_action.setEnabled(step is not None)
        window.undo_action.setText(
            QCoreApplication.translate("menus", "撤销删除") + (i18n.colon() + step.label if step is not None else "")
        )

    window.update_menus = update
    edit_menu.aboutToShow.connect(update)
    file_menu.aboutToShow.connect(update)
    window.ctx.undo_changed.connect(update)
    window.ctx.opened.connect(update)
    window.sidebar.currentRowChanged.connect(lambda _row: update())
    update()


def _undo(window) -> None:
    target = undo_target(window)
    if target is not None:
        target.undo_delete()


# --- the office window ----------------------------------------------------------------------------


def add_office_menus(window, ward_mode: QAction) -> None:
    """文件 (扫描收件箱, 导入上报包, 下次打开科室工作台, 退出), 视图, 帮助 of the office window."""
    file_menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "文件(&F)"))
    window.scan_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "扫描收件箱"),
        lambda: window.show_page("office-inbox").scan_now(),
        "F5",
        "scan",
    )
    window.import_action = _action(
        window,
        file_menu,
        QCoreApplication.translate("menus", "导入上报包…"),
        lambda: window.show_page("office-inbox").files_button.click(),
        "Ctrl+O",
        "import",
    )
    file_menu.addSeparator()
    file_menu.addAction(ward_mode)
    file_menu.addSeparator()
    window.quit_action = _action(
        window, file_menu, QCoreApplication.translate("menus", "退出"), window.close, "Ctrl+Q", "quit"
    )
    add_view_menu(window)
    add_help_menu(window, window.show_about)
