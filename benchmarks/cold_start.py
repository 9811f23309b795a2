"""Cold start: a new `qmsdesk` process to its first painted window on the demo database, beside a bare PySide6 window.

qmsdesk runs with QMSDESK_EXIT_AFTER_PAINT=1, so it quits once the main window has painted with the
database open (qmsdesk/ui/app.py); the baseline is a bare QMainWindow that quits after its first paint.
Both are whole processes measured from start to exit, so interpreter start-up is in both figures.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.common import ChildRun, Row, Stat, env, run_child

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)


class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False


watcher = Painted()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def qmsdesk_window(demo_db: Path, data_dir: Path) -> ChildRun:
    return run_child([sys.executable, "-m", "qmsdesk", "--db", str(demo_db)],
                     environ=env(QMSDESK_EXIT_AFTER_PAINT="1", QMSDESK_DATA_DIR=str(data_dir)), timeout=300)


def bare_window() -> ChildRun:
    return run_child([sys.executable, "-c", BARE_WINDOW], timeout=300)


def measure(demo_db: Path, runs: int) -> dict[str, list[ChildRun]]:
    """Alternating runs (after one warm-up each), so a busy moment on the machine hits both alike."""
    with tempfile.TemporaryDirectory(prefix="qmsdesk-cold-") as tmp:
        qmsdesk_window(demo_db, Path(tmp))
        bare_window()
        ours, bare = [], []
        for _ in range(runs):
            ours.append(qmsdesk_window(demo_db, Path(tmp)))
            bare.append(bare_window())
    return {"qmsdesk": ours, "bare": bare}


def rows(results: dict[str, list[ChildRun]]) -> list[Row]:
    ours, bare = results["qmsdesk"], results["bare"]
    return [
        Row("冷启动到首次绘制（演示库）/ cold start to first paint, demo DB", Stat.of([r.seconds for r in ours]),
            Stat.of([r.seconds for r in bare]), "s", note="baseline: bare PySide6 QMainWindow"),
        Row("首次绘制时的内存峰值 / peak RSS at first paint", Stat.of([r.max_rss_mib for r in ours]),
            Stat.of([r.max_rss_mib for r in bare]), "MiB", digits=0, note="baseline: bare PySide6 QMainWindow"),
    ]
