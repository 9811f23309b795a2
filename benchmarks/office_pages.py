"""Whether the office pages stay responsive on a store of many imported packages (a measurement, not a test).

    python benchmarks/office_pages.py STORE [--runs 5]

STORE is an office store (a SQLite file or a postgresql+psycopg:// URL), for example the one
`qmsdesk office demo --units 28 --departments 12 --months 3 --import --db office.db` fills with about
1,000 packages. For 上报情况, 指标对比, 整改跟踪 and 培训与不良事件 it times opening the page (queries,
tables, charts, first paint) and one change of its main control, and beside each a baseline measured in
the same process: the store's rows of the kinds the page rests on, read with one bare SELECT and
json.loads, shown in a bare QTableWidget. Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 23)  # the office demo's months end with 2026-10, the month most recently due

# what each page reads: the baseline reads the same kinds of rows (packages for 上报情况)
PAGE_KINDS = {
    "completeness": (),
    "comparison": ("indicator_values",),
    "followup": ("rectification_items", "progress_notes"),
    "compliance": ("training_sessions", "training_attendance", "assessments", "adverse_events"),
}
PAGE_NAMES = {"completeness": "上报情况", "comparison": "指标对比", "followup": "整改跟踪", "compliance": "培训与不良事件"}


def _url(store: str) -> str:
    return store if "://" in store else f"sqlite:///{Path(store).resolve()}"


def _page(name: str, ctx):
    from qmsdesk.ui.office.analysis_pages import ComparisonPage, CompliancePage, FollowupPage
    from qmsdesk.ui.office.completeness_page import CompletenessPage

    cls = {"completeness": CompletenessPage, "comparison": ComparisonPage, "followup": FollowupPage,
           "compliance": CompliancePage}[name]
    return cls(ctx, today=TODAY)


def _change(name: str, page) -> None:
    """The control a user touches first on each page."""
    if name == "completeness":
        page.span.setCurrentIndex((page.span.currentIndex() + 1) % page.span.count())
    elif name == "comparison":
        page.indicator.setCurrentIndex((page.indicator.currentIndex() + 1) % max(1, page.indicator.count()))
    elif name == "followup":
        page.overdue.setChecked(not page.overdue.isChecked())
    else:
        page.quarter.setCurrentIndex((page.quarter.currentIndex() + 1) % page.quarter.count())


def measure_page(store: str, name: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.ui.office.context import OfficeContext

    office = open_office_store(_url(store))
    ctx = OfficeContext(office, OfficeFolders(Path(tempfile.gettempdir()) / "qmsdesk-office-pages"), lambda: None)
    t0 = time.perf_counter()
    page = _page(name, ctx)
    page.resize(1200, 760)
    page.show()  # the first show loads the page
    page.repaint()
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    t = time.perf_counter()
    _change(name, page)
    page.repaint()
    QApplication.processEvents()
    changed = time.perf_counter() - t
    page.hide()
    page.deleteLater()
    QApplication.processEvents()
    ctx.close()
    return {"open": opened, "change": changed}


def measure_bare(store: str, name: str) -> dict[str, float]:
    """Baseline: one SELECT of the rows the page rests on, json.loads of each, a bare QTableWidget of them."""
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
    from sqlalchemy import bindparam, create_engine, text

    engine = create_engine(_url(store))
    t0 = time.perf_counter()
    kinds = PAGE_KINDS[name]
    with engine.connect() as con:
        if kinds:
            query = text("SELECT unit_id, period, kind, data FROM office_records WHERE kind IN :kinds").bindparams(
                bindparam("kinds", expanding=True))
            rows = [(u, p, k, json.loads(d) if isinstance(d, str) else d)
                    for u, p, k, d in con.execute(query, {"kinds": list(kinds)})]
        else:
            rows = [(u, p, s, c) for u, p, s, c in con.execute(
                text("SELECT unit_id, period, state, created FROM office_packages"))]
    shown = rows[:2000]  # a table widget of every row would measure Qt, not the store
    table = QTableWidget(len(shown), 4)
    for r, row in enumerate(shown):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)[:40]))
    table.resize(1200, 760)
    table.show()
    table.repaint()
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    table.deleteLater()
    engine.dispose()
    return {"open": opened, "rows": len(rows)}


def measure(store: str, runs: int = 5) -> dict[str, Any]:
    """Every page `runs` times (after one warm-up), each beside its baseline: medians, minima and maxima."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qmsdesk.ui.app import make_app

    app = make_app("zh_CN")  # held: a QApplication whose last reference goes takes every widget with it
    results: dict[str, Any] = {"app": app}
    for name in PAGE_KINDS:
        measure_page(store, name)  # warm-up: imports, fonts, the first query plan
        ours = [measure_page(store, name) for _ in range(runs)]
        bare = [measure_bare(store, name) for _ in range(runs)]
        results[name] = {
            "open": [r["open"] for r in ours], "change": [r["change"] for r in ours],
            "bare_open": [r["open"] for r in bare], "rows": bare[0]["rows"],
        }
    del results["app"]
    return results


def in_child(store: str, runs: int, out) -> None:
    """For `python -m benchmarks`: measure in a process of its own (Qt wants its own main thread)."""
    out.put(measure(store, runs))


CHANGES = {"completeness": "近 3 → 6 个月", "comparison": "下一个指标", "followup": "只看超期", "compliance": "另一季度"}


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="office store: a SQLite file or a postgresql+psycopg:// URL")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = measure(args.store, args.runs)
    print(f"{'page':10} {'open':>22} {'baseline open':>22} {'one change':>22}  rows read by the baseline")
    for name, r in results.items():
        print(f"{PAGE_NAMES[name]:10} {_ms(r['open']):>22} {_ms(r['bare_open']):>22} {_ms(r['change']):>22}  {r['rows']:,}")
    os._exit(0)  # Qt's objects need no orderly teardown in a measurement process


if __name__ == "__main__":
    sys.exit(main())
