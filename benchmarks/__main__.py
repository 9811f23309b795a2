"""`python -m benchmarks [--quick]`: every benchmark beside its baseline, one Markdown table, and a JSON file.

Each figure is the median of at least five runs with min and max, and beside it a baseline measured in
the same run on the same machine, so the ratio means something even on a busy PC. Databases and
packages that only set the stage are made once into benchmarks/results/cache/ and reused.
`--quick` (under five minutes here) uses a smaller ledger and fewer office packages and leaves out the
every-page memory run; the table says which sizes were used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import CACHE, RESULTS, Row, Stat, child_json, demo_database, forked, machine

PERIOD = "2026-10"


# --- building a month's package (benchmarks/build_package.py's pieces) -----------------------------

def package_rows(demo_db: Path, runs: int) -> list[Row]:
    """Each run forks from one warmed-up process, so time and peak memory come from the same run."""
    from benchmarks.build_package import baseline_build, month_rows, qmsdesk_build
    from qmsdesk.db.engine import open_database
    from qmsdesk.reports.fonts import cjk_font

    with tempfile.TemporaryDirectory(prefix="qmsdesk-pkg-") as tmp:
        db_file = Path(tmp) / "demo.db"
        shutil.copyfile(demo_db, db_file)
        db = open_database(db_file, actor="benchmark")
        cjk_font()  # registering the font is once per process; keep it out of both figures
        rows = month_rows(db, PERIOD)
        qmsdesk_build(db, PERIOD, Path(tmp))  # warm-up: imports and first queries stay out of the figures
        baseline_build(rows)
        db.close()  # no SQLite connection may cross a fork
        outbox = Path(tmp) / "outbox"
        outbox.mkdir()

        def ours() -> None:
            fresh = open_database(db_file, actor="benchmark", upgrade=False)
            qmsdesk_build(fresh, PERIOD, outbox)

        results = {"ours": [], "bare": []}
        for _ in range(runs):
            results["ours"].append(forked(ours))
            results["bare"].append(forked(lambda: baseline_build(rows)))
    n = sum(len(t) - 1 for t in rows.values())
    note = f"{PERIOD}, {n} table rows; baseline: bare openpyxl + bare reportlab writing the same rows"
    t_ours, t_bare = (Stat.of([r[0] for r in results[k]]) for k in ("ours", "bare"))
    m_ours, m_bare = (Stat.of([r[1] for r in results[k]]) for k in ("ours", "bare"))
    return [Row("生成一个月的上报包 / build one month's package", t_ours, t_bare, "s", note=note),
            Row("生成上报包的内存增长峰值 / peak memory growth building it", m_ours, m_bare, "MiB", digits=0,
                note="resident size over the warmed-up process")]


# --- office import (benchmarks/office_import.py's pieces) -------------------------------------------

def office_rows(count: int, runs: int) -> list[Row]:
    try:
        from benchmarks import office_import as oi
    except ImportError as exc:
        return [Row("质控办导入上报包 / office import", None, None, "pkg/s", note=f"not available: {exc}")]
    from qmsdesk.sync import crypto
    from qmsdesk.sync.keys import generate_office_keys

    folder = CACHE / f"office-packages-{count}"
    keys_file = folder / "office-keys.json"
    units_db = folder / "units.db"
    if not keys_file.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        keys = generate_office_keys()
        print(f"  making {count} office packages (once, not timed)…", file=sys.stderr)
        oi._make_packages(folder, keys, units_db, count)
        keys_file.write_text(json.dumps([crypto.b64e(crypto.raw_private(keys.signing)),
                                         crypto.b64e(crypto.raw_private(keys.encryption))]))
    keys_raw = tuple(json.loads(keys_file.read_text()))
    files = [str(f) for f in oi._files(folder, count)]
    ours, bare, applied = [], [], 0
    with tempfile.TemporaryDirectory(prefix="qmsdesk-office-") as tmp:
        for i in range(runs):
            url = f"sqlite:///{Path(tmp) / f'office{i}.db'}"
            oi._copy_units(units_db, url)
            r = oi._in_child(oi._qmsdesk_run, url, files, keys_raw, str(Path(tmp) / f"work{i}"))
            applied = r["applied"]
            ours.append(r["applied"] / r["seconds"])
            b = oi._in_child(oi._baseline_run, files, keys_raw, str(Path(tmp) / f"baseline{i}.db"))
            bare.append(b["applied"] / b["seconds"])
        rows = [Row(f"质控办导入 {len(files)} 个上报包 / office import of {len(files)} packages", Stat.of(ours),
                    Stat.of(bare), "pkg/s", digits=1, higher_is_better=True,
                    note=f"{applied} applied; SQLite store; baseline: sqlite3.executemany of the same rows "
                         "(ratio = slowdown)")]
        return rows + office_page_rows(url, len(files), runs)


def office_page_rows(url: str, packages: int, runs: int) -> list[Row]:
    """The office pages on the store just filled (benchmarks/office_pages.py), each beside a bare read of its rows."""
    from benchmarks import office_import as oi
    from benchmarks import office_pages as op

    pages = oi._in_child(op.in_child, url, runs)
    rows = []
    for name, r in pages.items():
        label = op.PAGE_NAMES[name]
        note = f"{r['rows']:,} rows; baseline: one SELECT + json.loads of the rows it rests on, in a bare QTableWidget"
        rows.append(Row(f"质控办“{label}”页打开（{packages} 个包）/ office page open", Stat.of(r["open"]),
                        Stat.of(r["bare_open"]), "ms", scale=1000, digits=0, note=note))
        rows.append(Row(f"“{label}”切换：{op.CHANGES[name]} / one change", Stat.of(r["change"]),
                        Stat.of(r["bare_open"]), "ms", scale=1000, digits=0, note="baseline: the same bare read again"))
    return rows


# --- the ledger page ----------------------------------------------------------------------------------

def ledger_database(items: int) -> Path:
    from benchmarks.ledger_page import build

    path = CACHE / f"ledger-{items}.db"
    if not path.exists():
        print(f"  building a ledger of {items:,} items (once, not timed)…", file=sys.stderr)
        part = CACHE / f"ledger-{items}.db.part"
        for leftover in CACHE.glob(f"ledger-{items}.db.part*"):
            leftover.unlink()
        build(part, items)
        from qmsdesk.db.engine import open_database

        open_database(part).close()  # checkpoints the WAL so one file holds it all
        os.replace(part, path)
        for side in ("-wal", "-shm"):
            Path(f"{part}{side}").unlink(missing_ok=True)
    return path


def _child_ledger(path: str, bare: bool) -> dict[str, Any]:
    """One process: open the page (or the bare table), wait for its rows and paint, then type 跌 and 跌倒."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if bare:
        return _bare_table(path)
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.app import make_app
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.pages.ledger import LedgerPage

    make_app("zh_CN")
    ctx = AppContext(open_database(path, actor="benchmark"))
    t0 = time.perf_counter()
    page = LedgerPage(ctx)
    page.resize(1200, 760)
    page.show()
    QApplication.processEvents()
    page.wait_loaded()
    page.repaint()
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    rows = page.model.rowCount()
    keys = []
    for text in ("跌", "跌倒"):
        page.search.setText(text)
        page._debounce.stop()
        t = time.perf_counter()
        page.apply_filter()
        page.repaint()
        QApplication.processEvents()
        keys.append(time.perf_counter() - t)
    ctx.close()
    return {"open": opened, "key1": keys[0], "key2": keys[1], "rows": rows}


def _bare_table(path: str) -> dict[str, Any]:
    """Baseline: bare sqlite3 rows in a minimal QAbstractTableModel, a QSortFilterProxyModel and a QTableView."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class Model(QAbstractTableModel):
        def __init__(self, data: list[tuple]) -> None:
            super().__init__()
            self.data_ = data

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt's names and defaults)
            return 0 if parent.isValid() else len(self.data_)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                v = self.data_[index.row()][index.column()]
                return "" if v is None else str(v)
            return None

    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    data = con.execute("SELECT category, problem, found_on, root_cause, measures, deadline, status, source_kind "
                       "FROM rectification_items WHERE deleted = 0").fetchall()
    con.close()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(Model(data))
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 760)
    view.show()
    view.repaint()
    app.processEvents()
    opened = time.perf_counter() - t0
    keys = []
    for text in ("跌", "跌倒"):
        t = time.perf_counter()
        proxy.setFilterFixedString(text)
        view.repaint()
        app.processEvents()
        keys.append(time.perf_counter() - t)
    return {"open": opened, "key1": keys[0], "key2": keys[1], "rows": len(data)}


def ledger_rows(items: int, runs: int) -> list[Row]:
    path = ledger_database(items)
    ours, bare = [], []
    for _ in range(runs):
        ours.append(child_json(["ledger", str(path)]))
        bare.append(child_json(["ledger-bare", str(path)]))
    note = f"{ours[0]['rows']:,} items; baseline: sqlite3 rows + bare QAbstractTableModel/QSortFilterProxyModel/QTableView"
    return [Row(f"台账页打开（{items:,} 项）/ ledger page open, {items:,} items", Stat.of([r["open"] for r in ours]),
                Stat.of([r["open"] for r in bare]), "ms", scale=1000, digits=0, note=note),
            Row("台账筛选首个按键“跌” / first filter keystroke", Stat.of([r["key1"] for r in ours]),
                Stat.of([r["key1"] for r in bare]), "ms", scale=1000, digits=0, note="search text built on first use"),
            Row("台账筛选下一个按键“跌倒” / next keystroke", Stat.of([r["key2"] for r in ours]),
                Stat.of([r["key2"] for r in bare]), "ms", scale=1000, digits=0)]


# --- the run --------------------------------------------------------------------------------------

def markdown(rows: list[Row], info: dict[str, Any], quick: bool, seconds: float) -> str:
    lines = ["| 项目 / what | qmsdesk 中位数（最小–最大） | 基线 / baseline | 倍数 / ratio | 说明 / notes |",
             "|---|---|---|---|---|", *(r.markdown() for r in rows)]
    lines.append("")
    lines.append(f"Machine: {info['cpu']}, {info['nproc']} CPUs, {info['ram_gib']} GiB RAM, {info['os']}, "
                 f"Python {info['python']}; load average at start {info['load_avg']}. "
                 f"{'Quick' if quick else 'Full'} run, {seconds / 60:.1f} min. Ratio = qmsdesk / baseline "
                 "(for packages per second: baseline / qmsdesk, i.e. how many times slower).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under five minutes")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (at least 5)")
    parser.add_argument("--only", action="append", choices=["cold", "memory", "package", "office", "ledger"])
    parser.add_argument("--json", type=Path, help="where to write the results (default: benchmarks/results/)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path = args.child[0], args.child[1]
        print(json.dumps(_child_ledger(path, bare=kind == "ledger-bare")))
        return 0
    runs = max(5, args.runs)
    # never the user's own data folder: logs, outbox and settings of the runs stay in the cache
    os.environ.setdefault("QMSDESK_DATA_DIR", str(CACHE / "data"))
    only = set(args.only or ["cold", "memory", "package", "office", "ledger"])
    start = time.perf_counter()
    info = machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    demo = demo_database()
    rows: list[Row] = []

    def section(name: str, fn) -> None:
        t = time.perf_counter()
        print(f"{name}…", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            rows.append(Row(name, None, None, "", note=f"failed: {type(exc).__name__}: {exc}"[:200]))
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)

    from benchmarks import cold_start, window_memory

    cold: dict[str, Any] = {}
    if only & {"cold", "memory"}:
        def cold_rows() -> list[Row]:
            cold.update(cold_start.measure(demo, runs))
            return cold_start.rows(cold)
        section("cold start", cold_rows)
    if "memory" in only and not args.quick:
        section("window memory", lambda: window_memory.rows(window_memory.measure(demo, runs, cold.get("bare"))))
    if "package" in only:
        section("month package", lambda: package_rows(demo, runs))
    if "office" in only:
        section("office import", lambda: office_rows(60 if args.quick else 1000, runs))
    if "ledger" in only:
        section("ledger page", lambda: ledger_rows(10_000 if args.quick else 100_000, runs))
    seconds = time.perf_counter() - start
    table = markdown(rows, info, args.quick, seconds)
    print(table)
    out = args.json or RESULTS / f"benchmarks-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"), "quick": args.quick,
                               "runs": runs, "seconds": seconds, "machine": info, "rows": [r.to_json() for r in rows],
                               "markdown": table}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nJSON: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
