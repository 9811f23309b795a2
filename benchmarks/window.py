"""The window as a user meets it, each run a fresh process watched by benchmarks/probe.py.

- start: from launching `qmsdesk --db DEMO` to its first paint, and to the dashboard's data painted
  (the window settled with every figure filled in), beside a bare QMainWindow + QTableView that quits
  at its first paint; the longest GUI-thread stall while the dashboard loads; peak memory;
- the same start on the demo with 100,000 ledger items: the stall, and when its dashboard is painted;
- 整改台账 with 100,000 items: a click in the sidebar to its rows painted, and two input-method commits
  in its search box to the rows repainted, beside sqlite3 rows in a bare model and QTableView.
"""

from __future__ import annotations

import ast
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import Goal, Launched, Row, Stat, alternate, env, launch

STALL_GOAL = Goal("≤50 ms (never on the GUI thread)", at_most=0.05)


def probe(scenario: str, target: str, args: list[str], start_page: str | None = None) -> dict[str, Any]:
    """One fresh process under the probe; its report with every time made relative to the launch."""
    with tempfile.TemporaryDirectory(prefix="qmsdesk-window-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        if start_page:  # the page the window opens on (the one a user left it on)
            (data / "qmsdesk-ui.ini").write_text(f"[window]\nlast_page={start_page}\n", encoding="utf-8")
        report = Path(tmp) / "report.json"
        run = launch([sys.executable, "-m", "benchmarks.probe", str(report), scenario, target, *args],
                     env(QMSDESK_DATA_DIR=str(data)), timeout=400)
        result = ast.literal_eval(report.read_text(encoding="utf-8"))
    if "error" in result:
        raise RuntimeError(f"{target} {scenario}: {result['error']}")
    times = {k: v - run.start for k, v in result.items() if isinstance(v, float) and k != "longest_stall"}
    return {**result, **times, "rss": run.max_rss_mib, "exit_seconds": run.seconds}


def held(ms: str, target: str, args: list[str]) -> Launched:
    """A window process that quits `ms` after it is shown, for its peak memory alone."""
    with tempfile.TemporaryDirectory(prefix="qmsdesk-window-") as tmp:
        return launch([sys.executable, "-m", "benchmarks.hold", ms, target, *args], env(QMSDESK_DATA_DIR=tmp),
                      timeout=400)


def _stat(runs: list[dict[str, Any]], key: str) -> Stat:
    return Stat.of([r[key] for r in runs])


def _copy(db: Path, folder: Path) -> Path:
    target = folder / db.name
    shutil.copyfile(db, target)
    return target


def start_rows(demo: Path, big: Path, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="qmsdesk-start-") as tmp:
        demo, big = _copy(demo, Path(tmp)), _copy(big, Path(tmp))
        ours, bare = alternate(runs, lambda: probe("window", "qmsdesk", ["--db", str(demo)]),
                               lambda: probe("window", "bare-window", []))
        large, _ = alternate(runs, lambda: probe("window", "qmsdesk", ["--db", str(big)]), None, warmup=False)
        # Peak memory from processes with no probe watching: each quits a second after the slowest data paint.
        hold = str(int((max(r["data_painted"] for r in ours) + 1) * 1000))
        ours_mem, bare_mem = alternate(runs, lambda: held(hold, "qmsdesk", ["--db", str(demo)]),
                                       lambda: held(hold, "bare-window", []), warmup=False)
    bare_label = "QMainWindow+QTableView shown, quit at paint"
    return [
        Row("first-paint", "window first paint", _stat(ours, "first_paint"), _stat(bare, "first_paint"), "s",
            baseline_label=bare_label, goal=Goal("≤1.3×", ratio_at_most=1.3),
            how="launch of `qmsdesk --db DEMO` to the end of the main window's first paint (offscreen)"),
        Row("data-painted", "window with the dashboard's data painted", _stat(ours, "data_painted"),
            _stat(bare, "first_paint"), "s", baseline_label="same bare window", goal=Goal("≤2.5×", ratio_at_most=2.5),
            how="launch to the end of the last repaint before the window settled (no repaint for 1 s) with "
                "every dashboard figure filled in"),
        Row("dashboard-stall-demo", "dashboard loading: longest GUI-thread stall, demo", _stat(ours, "longest_stall"),
            None, "ms", goal=STALL_GOAL,
            how="longest gap between ticks of a 10 ms GUI-thread timer, from the first paint until settled"),
        Row("window-memory", "window peak memory, dashboard painted", Stat.of([r.max_rss_mib for r in ours_mem]),
            Stat.of([r.max_rss_mib for r in bare_mem]),
            "MiB", baseline_label="same bare window",
            how=f"peak resident size of the process (its own: forked from a small launcher), which quits "
                f"{hold} ms after its window is shown, with nothing watching it (benchmarks/hold.py)"),
        Row("dashboard-stall-100k", "dashboard loading: longest GUI-thread stall, 100,000 ledger items",
            _stat(large, "longest_stall"), None, "ms", goal=STALL_GOAL,
            how="as for the demo, on the demo with rectification items up to 100,000"),
        Row("data-painted-100k", "window with the dashboard's data painted, 100,000 ledger items",
            _stat(large, "data_painted"), _stat(ours, "data_painted"), "s", baseline_label="the demo",
            how="as above, on the demo with rectification items up to 100,000"),
    ]


def ledger_rows(big: Path, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="qmsdesk-ledger-") as tmp:
        big = _copy(big, Path(tmp))
        ours, bare = alternate(runs, lambda: probe("ledger", "qmsdesk", ["--db", str(big)], start_page="group"),
                               lambda: probe("ledger", "bare-ledger", [str(big)]))
    for r in (*ours, *bare):
        r.update(open=r["rows_painted"] - r["click"], key1_latency=r["key1_painted"] - r["key1"],
                 key2_latency=r["key2_painted"] - r["key2"])
    items = ours[0]["rows_total"]
    shown = f"{ours[0]['key1_rows']:,} then {ours[0]['key2_rows']:,} rows (bare: {bare[0]['key1_rows']:,}, {bare[0]['key2_rows']:,})"
    return [
        Row("ledger-open", f"ledger page, {items:,} items, open", _stat(ours, "open"), _stat(bare, "open"), "s",
            baseline_label="sqlite3 same join/order → bare model → QTableView",
            goal=Goal("≤1.5× and <0.4 s", ratio_at_most=1.5, at_most=0.4),
            how="click on 整改台账 in the sidebar (window settled on 质控小组) to the first paint of the table with "
                f"rows; {ours[0]['rows_at_first_paint']:,} rows at that paint"),
        Row("ledger-key1", "ledger keystroke as typed: 跌 (input-method commit → rows repainted)",
            _stat(ours, "key1_latency"), _stat(bare, "key1_latency"), "ms",
            baseline_label="bare model filtering at once", goal=Goal("<100 ms", at_most=0.1),
            how=f"commit event to the first table repaint after its rows changed, typing delay included; {shown}"),
        Row("ledger-key2", "ledger next keystroke: 倒 (跌倒)", _stat(ours, "key2_latency"), _stat(bare, "key2_latency"),
            "ms", baseline_label="bare model filtering at once", goal=Goal("<100 ms", at_most=0.1),
            how="the second commit, 0.6 s after the first one's rows were painted"),
    ]
