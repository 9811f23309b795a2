"""Peak memory of the window on the demo database: first paint, and after visiting every page and dialog.

The second figure runs `qmsdesk selftest` (every page and dialog offscreen, as a user clicking through),
whose process peak resident size is what a head nurse's PC must hold. Baseline: a bare PySide6 window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.cold_start import bare_window
from benchmarks.common import ChildRun, Row, Stat, env, run_child


def selftest(demo_db: Path, data_dir: Path) -> ChildRun:
    return run_child([sys.executable, "-m", "qmsdesk", "selftest", "--db", str(demo_db)],
                     environ=env(QMSDESK_DATA_DIR=str(data_dir)), timeout=600)


def measure(demo_db: Path, runs: int, bare: list[ChildRun] | None = None) -> dict[str, list[ChildRun]]:
    with tempfile.TemporaryDirectory(prefix="qmsdesk-mem-") as tmp:
        ours = [selftest(demo_db, Path(tmp)) for _ in range(runs)]
    return {"selftest": ours, "bare": bare or [bare_window() for _ in range(runs)]}


def rows(results: dict[str, list[ChildRun]]) -> list[Row]:
    return [Row("窗口走遍所有页面后的内存峰值 / peak RSS, every page visited (selftest)",
                Stat.of([r.max_rss_mib for r in results["selftest"]]),
                Stat.of([r.max_rss_mib for r in results["bare"]]), "MiB", digits=0,
                note="baseline: bare PySide6 QMainWindow")]
