"""`python -m benchmarks [--quick]`: every row of issue 18's table beside its baseline, with the goal and whether it is met.

Every figure is a whole fresh process, or a user's action in one measured to the painted result
(benchmarks/probe.py), beside a baseline doing that work bare, run by turns in the same run. Medians of
5 runs (3 with --quick) with min–max; peak memory is each process's own (benchmarks/launch.py). The
demo year, the demo with 100,000 ledger items and the office packages are made once into
benchmarks/results/cache/ and reused. Results go to benchmarks/results/benchmarks-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, ROOT, Row, machine

SECTIONS = ("start", "status", "submit", "office", "ledger", "selftest")
LEDGER_ITEMS = 100_000


def markdown(rows: list[Row], info: dict[str, Any], args: argparse.Namespace, runs: int, minutes: float) -> str:
    lines = ["| what | qmsdesk | bare baseline | ratio | goal | met |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    lines += ["", "How each figure is measured:", ""]
    lines += [f"- {r.what}: {r.how}" for r in rows if r.how]
    v = info["versions"]
    lines += ["", f"{'Quick' if args.quick else 'Full'} run, median of {runs} runs (min–max), {minutes:.1f} min, "
              f"{datetime.now().date().isoformat()}: {info['cpu']}, {info['nproc']} CPUs, {info['ram_gib']} GiB RAM, "
              f"{info['os']}, Python {info['python']}, PySide6 {v['PySide6']}, SQLAlchemy {v['sqlalchemy']}; "
              f"load average {info['load_avg'][0]} at the start, {info['load_end'][0]} at the end. "
              "Qt offscreen. Ratio = qmsdesk / baseline (for rows/s below 1 means slower)."]
    return "\n".join(lines)


def installed_bytecode() -> None:
    """Compile qmsdesk's modules to bytecode once, as pip and the installers do when they install it.

    With PYTHONDONTWRITEBYTECODE in the harness's environment (set on these machines), a worktree never
    gets __pycache__, so every measured process compiled ~80 of qmsdesk's modules from source (0.15–0.2 s)
    — a cost no installed program pays, while the bare baselines import only installed, compiled
    libraries. Python still reads valid bytecode with that variable set and recompiles a changed file.
    """
    import compileall

    compileall.compile_dir(ROOT / "qmsdesk", quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs a figure, 200 office packages, no selftest")
    parser.add_argument("--runs", type=int, help="runs a figure (default 5, 3 with --quick)")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="one part (repeatable)")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server for the office import (its office tables are "
                        "emptied); default: a throw-away local server when PostgreSQL is installed")
    parser.add_argument("--province", metavar="URL", help="a province's office store on PostgreSQL (docs/office.md): "
                        "with the office part, every office window page opened on it and the quarterly report's content")
    parser.add_argument("--json", type=Path, help="where to write the results (default: benchmarks/results/)")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    only = set(args.only or [s for s in SECTIONS if not (args.quick and s == "selftest")])
    start = time.perf_counter()
    info = machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []

    def section(name: str, fn: Callable[[], list[Row]]) -> None:
        if name not in only:
            return
        t = time.perf_counter()
        print(f"{name}…", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            rows.append(Row(name, name, None, None, "s", error=f"{type(exc).__name__}: {exc}"[:300]))
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)

    installed_bytecode()
    from benchmarks import commands, office, window
    from benchmarks.data import big_database, demo_database
    from benchmarks.desktop import desktop_session

    demo = demo_database()
    big = big_database(LEDGER_ITEMS) if only & {"start", "status", "ledger"} else demo
    section("start", lambda: window.start_rows(demo, big, runs))
    section("status", lambda: commands.status_rows(demo, big, runs))
    with tempfile.TemporaryDirectory(prefix="qmsdesk-desktop-") as tmp, desktop_session(Path(tmp)) as session:
        section("submit", lambda: commands.submit_rows(demo, runs, session))
        section("office", lambda: office.import_rows(200 if args.quick else 1000, runs, session, args.pg))
    if args.province:
        from benchmarks.office_window import province_rows

        section("office", lambda: province_rows(args.province, runs))
    section("ledger", lambda: window.ledger_rows(big, runs))
    section("selftest", lambda: commands.selftest_rows(demo, runs))
    minutes = (time.perf_counter() - start) / 60
    info["load_end"] = [round(x, 2) for x in os.getloadavg()]
    table = markdown(rows, info, args, runs, minutes)
    print(table)
    out = args.json or RESULTS / f"benchmarks-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"), "quick": args.quick,
                               "runs": runs, "minutes": minutes, "machine": info,
                               "rows": [r.to_json() for r in rows], "markdown": table},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nJSON: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
