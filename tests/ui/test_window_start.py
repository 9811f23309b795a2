"""The window's start: the dashboard and the unit on screen while the database is still being opened, read
from the file without SQLAlchemy, and nothing read again or changed on screen when the opening ends."""

from __future__ import annotations

import ast
import subprocess
import sys
import threading

from PySide6.QtWidgets import QApplication, QLabel

UNIT_TITLE = "某县人民医院 · 心血管内科"  # tests/ui/conftest.py UNIT


def _card_values(window) -> list[str]:
    page = window.built_page("dashboard")
    return [label.text() for label in page.findChildren(QLabel, "card-value")] if page is not None else []


def _dashboard_filled(window) -> bool:
    values = _card_values(window)
    return bool(values) and all(values) and window.built_page("dashboard").isVisible()


def test_the_dashboard_and_the_unit_are_shown_before_the_database_is_open_and_not_read_again(
        qtbot, unit_db, monkeypatch):
    from qmsdesk.ui import app
    from qmsdesk.ui.pages import dashboard as dashboard_page

    release = threading.Event()
    real_open = app._open_database

    def held_open(*args):  # the ORM's opening, held until the test has looked at the window
        release.wait(60)
        return real_open(*args)

    orm_reads: list[object] = []
    real_read = dashboard_page.dashboard_data
    monkeypatch.setattr(app, "_open_database", held_open)
    monkeypatch.setattr(dashboard_page, "dashboard_data", lambda *a: orm_reads.append(a) or real_read(*a))

    window, ctx = app.open_window(unit_db, QApplication.instance())
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: _dashboard_filled(window), timeout=60_000)
        assert not ctx.is_open
        assert window.unit_label.text() == UNIT_TITLE
        assert window.path_label.text().endswith(str(unit_db))
        shown = _card_values(window)
        assert "未召开" in shown  # the new unit has held no meeting this month
    finally:
        release.set()
    qtbot.waitUntil(lambda: ctx.is_open, timeout=60_000)
    qtbot.wait(100)
    assert _card_values(window) == shown
    assert window.unit_label.text() == UNIT_TITLE
    assert orm_reads == []  # the opening's "everything may have changed" did not read the figures again
    window.opening.wait()
    ctx.close()


def test_the_database_opens_and_the_menus_fill_once_the_dashboard_has_painted(qtbot, unit_db, monkeypatch):
    """The ORM's imports and the menus' actions wait until the figures are on screen: started sooner, the GUI
    thread's paint of them waited for the GIL the opening held."""
    from qmsdesk.ui import app

    seen: dict[str, object] = {}
    real_open = app._open_database

    def watched_open(*args):  # on the opening's thread: what had happened when the opening began
        seen.update(painted=window._page_painted, filled=window._menus_filled)
        return real_open(*args)

    monkeypatch.setattr(app, "_open_database", watched_open)
    window, ctx = app.open_window(unit_db, QApplication.instance())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: ctx.is_open and _dashboard_filled(window), timeout=60_000)
    assert seen == {"painted": True, "filled": True}
    assert window.view_actions["dashboard"].shortcut().toString() == "Ctrl+1"
    window.opening.wait()
    ctx.close()


def test_the_dashboard_is_painted_once_as_it_appears(qtbot, unit_db):
    """Its figures are painted in one repaint of the window, not painted again a moment later."""
    from PySide6.QtCore import QEvent, QObject

    from qmsdesk.ui import app

    class Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and obj.objectName() == "page-dashboard":
                self.count += 1
            return False

    paints = Paints()
    QApplication.instance().installEventFilter(paints)
    try:
        window, ctx = app.open_window(unit_db, QApplication.instance())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: ctx.is_open and _dashboard_filled(window), timeout=60_000)
        qtbot.wait(300)
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert paints.count == 1
    window.opening.wait()
    ctx.close()


def test_a_menu_opened_before_the_first_page_has_painted_has_its_actions(qtbot, ctx):
    from qmsdesk.ui.main_window import MainWindow

    window = MainWindow(ctx, menus_after_paint=True)
    qtbot.addWidget(window)
    file_menu = window.ward_menus[0]
    assert file_menu.actions() == []
    file_menu.aboutToShow.emit()  # what Qt sends as the menu opens
    assert [a.objectName() for a in file_menu.actions() if a.objectName()][:2] == ["backup", "restore"]


def test_reading_and_building_the_dashboard_before_the_database_opens_imports_no_sqlalchemy(unit_db):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from qmsdesk.ui.app import _read_before_open\n"
        "from qmsdesk.ui.context import AppContext\n"
        "from qmsdesk.ui.pages.dashboard import DashboardPage\n"
        f"unit, figures = _read_before_open(Path({str(unit_db)!r}), 'dashboard')\n"
        "page = DashboardPage(AppContext())\n"
        "page.show_read_ahead(figures)\n"
        "print(unit)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    unit, modules = result.stdout.splitlines()[-2:]
    assert unit == UNIT_TITLE
    assert modules == "[]"


def test_the_window_opens_an_older_database_through_the_orm_when_the_file_cannot_be_read_ahead(
        qtbot, unit_db, monkeypatch):
    from qmsdesk.ui import app

    monkeypatch.setattr(app, "_read_before_open", lambda _path, _page: (None, None))  # as for an older schema
    window, ctx = app.open_window(unit_db, QApplication.instance())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: ctx.is_open and _dashboard_filled(window), timeout=60_000)
    assert window.unit_label.text() == UNIT_TITLE
    window.opening.wait()
    ctx.close()


def test_reading_the_file_before_it_is_opened_takes_the_units_time_zone_as_opening_it_does(unit_db):
    import sqlite3

    from qmsdesk import clock
    from qmsdesk.services.dashboard import use_unit_at

    with sqlite3.connect(unit_db) as con:
        con.execute("UPDATE units SET time_zone = 'Asia/Urumqi'")
    con.close()
    try:
        assert use_unit_at(unit_db) == UNIT_TITLE
        assert clock.zone_name() == "Asia/Urumqi"  # "today" on the dashboard is the unit's, not the machine's
    finally:
        clock.set_zone(None)


FIRST_FRAME_PROBE = """
import gc, os, sys
before = set(sys.modules)
from qmsdesk.cli import main  # as the console script starts: before PySide6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

class Painted(QObject):
    def eventFilter(self, window, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = window
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        menus = [a.menu() for a in self.seen.menuBar().actions()]
        print(sorted(set(sys.modules) - before))
        print([(m.title(), len(m.actions())) for m in menus])
        self.seen.first_painted.connect(lambda: QTimer.singleShot(0, self.after))

    def after(self):  # the turn after the window's first_painted: what it does after the paint has been done
        print(gc.isenabled(), gc.collect())
        sys.stdout.flush()
        os._exit(0)

painted = Painted()
show = QWidget.show
def watched(widget):
    if isinstance(widget, QMainWindow):
        widget.installEventFilter(painted)
    show(widget)
QWidget.show = watched
main(sys.argv[1:])
"""
# What the first frame does not need, imported after it: the ORM and the pages (DESIGN §3), and what the
# database opening, the menus' actions, the lock's holder text and the validation links need (a few ms of
# CPU each; benchmarks/ "start" measures the first paint). The log's masking is imported with the log.
NOT_BEFORE_THE_FIRST_PAINT = ("sqlalchemy", "alembic", "qmsdesk.db.engine", "qmsdesk.services", "qmsdesk.analytics",
                              "qmsdesk.ui.pages", "qmsdesk.ui.jobs", "qmsdesk.periods", "qmsdesk.clock", "zoneinfo",
                              "json", "socket", "uuid", "importlib.resources")


def test_the_window_paints_its_first_frame_before_importing_what_that_frame_does_not_need(unit_db):
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME_PROBE, "--db", str(unit_db)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    modules_line, menus_line, collector_line = result.stdout.splitlines()[-3:]
    imported = ast.literal_eval(modules_line)
    early = [m for m in imported if any(m == name or m.startswith(name + ".") for name in NOT_BEFORE_THE_FIRST_PAINT)]
    assert early == []
    assert "qmsdesk.ui.main_window" in imported
    # the menus' titles are in that frame; their actions come right after it (tests/ui/test_menus.py)
    assert ast.literal_eval(menus_line) == [("文件(&F)", 0), ("编辑(&E)", 0), ("视图(&V)", 0), ("帮助(&H)", 0)]
    # the garbage collector, off while the window was built, is on again after the paint
    assert collector_line.split()[0] == "True"
