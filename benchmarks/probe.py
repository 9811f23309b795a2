"""Runs inside a measured window process and reports, on the launcher's clock, when things were on screen.

    python -m benchmarks.probe REPORT SCENARIO TARGET [ARGS...]

TARGET `qmsdesk` runs the program itself (`qmsdesk.cli.main(ARGS)`, what its console script does);
`bare-window` and `bare-ledger` run the baselines benchmarks/bare_window.py and bare_ledger.py. Both sides are measured by
this same code. The probe attaches to the first main window shown and does not change what the program
does; it only watches, and acts as the user would (a click, an input-method commit):

- paints: the window's first paint, and every later repaint (Qt repaints a window's changed widgets in one
  pass, started by an UpdateRequest sent to the window); each is timed when its pass has ended;
- settled: no repaint for QUIET seconds while the event loop turns freely, with the scenario's content
  there (for qmsdesk's window: every dashboard figure and the warnings panel filled in, and the database open,
  so stalls of work still running in the background are counted). "Data painted" is the end of the last
  repaint before that — the moment the window stopped changing;
- GUI stalls: a 10 ms timer on the GUI thread; the longest gap between its ticks, from the first paint
  until settled, is the longest time the window could not react to a click or repaint itself;
- `office`: the office window; once it has settled on its first page, a click on every other sidebar entry
  in turn, each timed from the click to the end of the last repaint before the window settled again (the page
  built, its data read and painted), with the longest GUI-thread stall while it opened;
- `ledger`: once the window has settled on the page it starts on (for qmsdesk: that page built, the
  database open), a click on 整改台账 in the sidebar, to the first paint of the table with rows in it; then
  two input-method commits in its search box (跌, then 倒), each to the first repaint of the table after
  its rows changed — so any typing delay (debounce) is inside the figure.

Times are time.monotonic(), the clock benchmarks/launch.py reads just before it starts the process.
The probe imports nothing Qt does not already load (the report is written with repr, not json), so
the peak memory of a probed process stays the program's own.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QMainWindow, QTableView, QWidget

QUIET = 1.0  # seconds without a repaint that count as "settled"
TICK_MS = 10
TIMEOUT_S = 300
AFTER_KEY_S = 0.6  # pause between two commits, as a typist would after seeing the rows

now = time.monotonic


class Watch(QObject):
    """Calls `seen()` when `target` gets one of `types`; the event itself goes on unchanged."""

    def __init__(self, target: QObject, types: set[QEvent.Type], seen: Callable[[], None]) -> None:
        super().__init__()
        self._types, self._seen = types, seen
        target.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in self._types:
            self._seen()
        return False


class PagePaints(QObject):
    """The end of the last paint of one page (`page-<key>`) or any widget inside it, seen application-wide."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self.window, self.key, self.last = window, "", None
        self._page: QWidget | None = None
        QApplication.instance().installEventFilter(self)

    def watch(self, key: str) -> None:
        self.key, self.last, self._page = key, None, None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self.key and isinstance(obj, QWidget):
            if self._page is None:
                self._page = self.window.findChild(QWidget, f"page-{self.key}")
            if self._page is not None and (obj is self._page or self._page.isAncestorOf(obj)):
                QTimer.singleShot(0, self._painted)  # the paint pass ends when control returns to the loop
        return False

    def _painted(self) -> None:
        self.last = now()


class Probe(QObject):
    def __init__(self, report: str, scenario: str, target: str) -> None:
        super().__init__()
        self.report, self.scenario, self.target = report, scenario, target
        self.result: dict = {"scenario": scenario, "target": target}
        self.window: QMainWindow | None = None
        self.first_paint: float | None = None
        self.last_paint = 0.0
        self.max_gap = 0.0
        self._watches: list[Watch] = []
        self._last_tick = 0.0
        self._quiet_ticks = 0
        self._settled: Callable[[], None] | None = None
        self._ready: Callable[[], bool] = lambda: True
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._stall_from: float | None = None
        self.finished = False

    # --- watching ---------------------------------------------------------------------------------
    def attach(self, window: QMainWindow) -> None:
        self.window = window
        self._watches.append(Watch(window, {QEvent.Type.Paint, QEvent.Type.UpdateRequest},
                                   lambda: QTimer.singleShot(0, self._painted)))
        QTimer.singleShot(TIMEOUT_S * 1000, lambda: self.fail(f"nothing settled within {TIMEOUT_S} s"))

    def _painted(self) -> None:
        self.last_paint = now()
        if self.first_paint is None:
            self.first_paint = self.result["first_paint"] = self.last_paint
            self._last_tick = self._stall_from = self.last_paint
            self._ticker.start()
            self.begin()

    def _tick(self) -> None:
        t = now()
        gap, self._last_tick = t - self._last_tick, t
        if self._stall_from is not None:
            self.max_gap = max(self.max_gap, gap)
        if self._settled is None:
            return
        if gap > 0.2 or t - self.last_paint < QUIET or not self._ready():
            self._quiet_ticks = 0  # after a stall, repaints may still be queued: wait for the loop to turn
            return
        self._quiet_ticks += 1
        if self._quiet_ticks >= 2:
            then, self._settled = self._settled, None
            then()

    def when_settled(self, then: Callable[[], None], ready: Callable[[], bool] = lambda: True) -> None:
        self._quiet_ticks, self._ready, self._settled = 0, ready, then

    # --- scenarios --------------------------------------------------------------------------------
    def begin(self) -> None:
        if self.scenario == "window":
            self.when_settled(self.window_settled, self.dashboard_filled if self.target == "qmsdesk" else lambda: True)
        elif self.scenario == "office":
            self.result["pages"] = {}
            self.when_settled(self.open_next_page)
        else:
            # qmsdesk opens its database after the first paint and then builds the page it starts on: the
            # window has settled on 质控小组 once that page is there, not at the first quiet second before it
            # (else the click measures the database still opening, which the bare window never does).
            self.when_settled(self.click_ledger, self.start_page_built if self.target == "qmsdesk" else lambda: True)

    def start_page_built(self) -> bool:
        return any(page.isVisible() for page in self.window.findChildren(QWidget)
                   if page.objectName().startswith("page-"))

    def dashboard_filled(self) -> bool:
        page = self.window.findChild(QWidget, "page-dashboard")
        if page is None or not page.isVisible():
            return False
        values = [label.text().strip() for label in page.findChildren(QLabel, "card-value")]
        values += [label.text().strip() for label in page.findChildren(QLabel, "warnings-detail")]
        # and the database open: the window may show figures read ahead while the ORM still opens the file on a
        # thread, whose imports hold the GIL the window needs — its stalls count until that work is done
        ctx = getattr(self.window, "ctx", None)
        return bool(values) and all(values) and bool(getattr(ctx, "is_open", True))

    def window_settled(self) -> None:
        self.result.update(data_painted=self.last_paint, longest_stall=max(0.0, self.max_gap - TICK_MS / 1000))
        self.finish()

    def _sidebar_click(self, key: str) -> bool:
        from PySide6.QtTest import QTest

        sidebar = self.window.findChild(QListWidget, "sidebar")
        items = [sidebar.item(i) for i in range(sidebar.count())]
        item = next((i for i in items if i.data(Qt.ItemDataRole.UserRole) == key), None)
        if item is None:
            return False
        sidebar.scrollToItem(item)
        point = sidebar.visualItemRect(item).center()
        self.max_gap, self._last_tick = 0.0, now()
        self.result["click"] = now()
        QTest.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        return True

    def open_next_page(self) -> None:
        """Office scenario: click the next page not opened yet (never the one the window opened on); then finish.

        The page's time ends with the last paint of the page itself (the stack's page and its children) before
        the window settled: the sidebar repaints its clicked entry about half a second later, which is not the
        page opening.
        """
        sidebar = self.window.findChild(QListWidget, "sidebar")
        keys = [sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(sidebar.count())]
        if "start_page" not in self.result:
            self.result["start_page"] = keys[sidebar.currentRow()] if sidebar.currentRow() >= 0 else None
            self._page_paints = PagePaints(self.window)
        todo = [k for k in keys if k != self.result["start_page"] and k not in self.result["pages"]]
        if not todo:
            self.finish()
            return
        key = todo[0]
        self._page_paints.watch(key)
        self._sidebar_click(key)
        clicked = self.result.pop("click")

        def opened() -> None:
            stall = max(0.0, self.max_gap - TICK_MS / 1000)
            painted = self._page_paints.last
            if painted is None:
                self.fail(f"the page {key} never painted")
                return
            self.result["pages"][key] = (max(painted - clicked, 0.0), stall)
            self.open_next_page()

        self.when_settled(opened, lambda: self._page_read(key))

    def _page_read(self, key: str) -> bool:
        """Whether the page has shown the data it reads in the background (an office page says "loading"
        while its queries run; without this, a read longer than QUIET would settle on the empty page)."""
        page = self.window.findChild(QWidget, f"page-{key}")
        return page is not None and page.property("loading") is not True

    def click_ledger(self) -> None:
        from PySide6.QtTest import QTest

        sidebar = self.window.findChild(QListWidget, "sidebar")
        items = [sidebar.item(i) for i in range(sidebar.count())]
        item = next((i for i in items if i.data(Qt.ItemDataRole.UserRole) == "ledger"), None)
        if item is None:
            self.fail("no 整改台账 entry in the sidebar")
            return
        point = sidebar.visualItemRect(item).center()
        self.result["click"] = now()
        QTest.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self._find_table()

    def _find_table(self) -> None:
        page = self.window.findChild(QWidget, "page-ledger")
        table = page.findChild(QTableView, "table") if page is not None else None
        if table is None:  # the page may be built on a later turn of the event loop
            QTimer.singleShot(1, self._find_table)
            return
        self.page, self.table = page, table
        self._watches.append(Watch(table.viewport(), {QEvent.Type.Paint},
                                   lambda: QTimer.singleShot(0, self._table_painted)))
        self._waiting = "open"
        self._model = None
        self._changed = False

    def _table_painted(self) -> None:
        t = now()
        model = self.table.model()
        if self._waiting == "open" and model is not None and model.rowCount() > 0:
            self._waiting = None
            self.result.update(rows_painted=t, rows_at_first_paint=model.rowCount())
            self.when_settled(self.type_first)
        elif self._waiting == "key" and (self._changed or model is not self._model):
            self._waiting = None
            self.result[f"key{self._key}_painted"] = t
            self.result[f"key{self._key}_rows"] = model.rowCount()
            QTimer.singleShot(int(AFTER_KEY_S * 1000), self.type_next if self._key == 1 else self.finish)

    def _watch_model(self) -> None:
        self._model = self.table.model()
        self._changed = False
        for signal in (self._model.modelReset, self._model.layoutChanged, self._model.rowsInserted,
                       self._model.rowsRemoved):
            signal.connect(self._model_changed)

    def _model_changed(self, *_args) -> None:
        self._changed = True

    def type_first(self) -> None:
        self.result["rows_total"] = self.table.model().rowCount()
        self.search = self.page.findChild(QLineEdit, "search")
        self.search.setFocus()
        self._watch_model()
        QTimer.singleShot(300, lambda: self._commit(1, "跌"))

    def type_next(self) -> None:
        self._commit(2, "倒")

    def _commit(self, key: int, text: str) -> None:
        from PySide6.QtGui import QInputMethodEvent

        self._key, self._waiting, self._changed = key, "key", False
        self._model = self.table.model()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        self.result[f"key{key}"] = now()
        QApplication.sendEvent(self.search, event)

    # --- ending ----------------------------------------------------------------------------------
    def finish(self) -> None:
        self._ticker.stop()
        self.finished = True
        self._write()
        QApplication.quit()

    def _write(self) -> None:
        with open(self.report, "w", encoding="utf-8") as fh:
            fh.write(repr(self.result))

    def fail(self, why: str) -> None:
        if self.finished:
            return
        self.result["error"] = why
        self._write()
        os._exit(3)


def main(argv: list[str]) -> int:
    report, scenario, target, *args = argv
    probe: list[Probe] = []
    show = QWidget.show

    def show_and_watch(widget: QWidget) -> None:
        if not probe and isinstance(widget, QMainWindow):
            probe.append(Probe(report, scenario, target))
            probe[0].attach(widget)
        show(widget)

    QWidget.show = show_and_watch
    from benchmarks.hold import run_target

    code = run_target(target, args)
    if probe and probe[0].finished:
        return code  # the probe wrote its report
    with open(report, "w", encoding="utf-8") as fh:
        fh.write(repr({"error": f"the program ended (exit {code}) before the scenario did"}))
    return 3

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
