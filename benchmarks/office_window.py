"""The office window on a province's store, as a quality-office user meets it (issue 18 point 3).

Each run is a fresh `qmsdesk office --db URL` process watched by benchmarks/probe.py: the window opens on
季度报告 (the page a user left it on, the lightest one), settles, and then every other page is opened by a
click on its sidebar entry, timed from the click to the end of the last repaint before the window settled
again — the page built, its data read from the store and painted. The quarterly report's content
(`office.quarterly.gather`, what 季度报告 → 生成 reads before it writes the PDF and workbook) is timed in a
fresh process of its own. The goal is under 1 s for each; there is no bare counterpart to a page.

The store is one filled by `qmsdesk office demo --direct --layout province …` (docs/office.md, "A province's
store"); `python -m benchmarks --only office --province URL` adds these rows.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Goal, Row, Stat, env, launch

PAGE_GOAL = Goal("<1 s", at_most=1.0)
QUARTER, TODAY = "2026Q3", "2026-11-23"  # the demo's months end with 2026-10

GATHER = """
import sys, time
from datetime import date
from qmsdesk.office import quarterly
from qmsdesk.office.store import open_office_store
store = open_office_store(sys.argv[1])
t = time.perf_counter()
quarterly.gather(store, sys.argv[2], today=date.fromisoformat(sys.argv[3]))
print(time.perf_counter() - t)
store.close()
"""


def _window_run(url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="qmsdesk-office-window-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        (data / "qmsdesk-ui.ini").write_text("[office]\nlast_page=office-report\n", encoding="utf-8")
        report = Path(tmp) / "report.json"
        launch([sys.executable, "-m", "benchmarks.probe", str(report), "office", "qmsdesk", "office", "--db", url],
               env(QMSDESK_DATA_DIR=str(data)), timeout=1200)
        result = ast.literal_eval(report.read_text(encoding="utf-8"))
    if "error" in result:
        raise RuntimeError(f"office window: {result['error']}")
    return result


def _labels() -> dict[str, str]:
    from qmsdesk.ui.registry import OFFICE_PAGES

    return {spec.key: spec.label for spec in OFFICE_PAGES}


def _gather_seconds(url: str) -> float:
    done = subprocess.run([sys.executable, "-c", GATHER, url, QUARTER, TODAY], cwd=ROOT, env=env(),
                          capture_output=True, text=True, timeout=1200, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def province_rows(url: str, runs: int) -> list[Row]:
    runs_seen = [_window_run(url) for _ in range(runs)]
    labels = _labels()
    rows = []
    for key in runs_seen[0]["pages"]:
        opened = Stat.of([r["pages"][key][0] for r in runs_seen])
        stalls = Stat.of([r["pages"][key][1] for r in runs_seen])
        rows.append(Row(f"office-page-{key}", f"省级库 office page {labels.get(key, key)}: click → painted", opened, None,
                        "s", goal=PAGE_GOAL, how="click on its sidebar entry in the office window on the province store "
                        "(PostgreSQL) to the end of the last repaint before the window settled",
                        extra={"longest_gui_stall_s": stalls.to_json()}))
    gather = Stat.of([_gather_seconds(url) for _ in range(runs)])
    rows.append(Row("office-quarterly-gather", f"省级库 quarterly report content ({QUARTER})", gather, None, "s",
                    goal=PAGE_GOAL, how="office.quarterly.gather on the province store in a fresh process "
                    "(what 季度报告 reads before writing its PDF and workbook)"))
    return rows
