"""Every office page's data, and the quarterly report's, on a province's store (a measurement, not a test).

    python benchmarks/office_province.py URL [--runs 3] [--json OUT]

URL is an office store filled with `qmsdesk office demo --direct --layout province --units 150 --departments 30
--months 24 --until 2026-10 --db URL` (3,900 units, some 91,000 packages, 12 million records on PostgreSQL;
docs/office.md). For each page of the office window it times, in one fresh process after one warm-up, the
domain query functions the page calls when it opens (and on its first change), as the page calls them: each
in its own session, the way OfficeContext.read runs them. The goal is under 1 s for every page, and for the
quarterly report's content (office.quarterly.gather; writing the PDF is not a query and is timed apart).
`python -m benchmarks --only office --province URL` times the same pages in the office window itself, from the
click to the painted page (benchmarks/office_window.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from typing import Any

TODAY = date(2026, 11, 23)  # the demo's months end with 2026-10, the month most recently due
MONTH, QUARTER = "2026-10", "2026Q3"


def _year(end: str) -> list[str]:
    from qmsdesk.office.queries import period_list
    from qmsdesk.periods import Period

    start = Period.parse(end)
    for _ in range(11):
        start = start.previous()
    return period_list(start, end)


def page_calls(store) -> dict[str, list[tuple[str, Any]]]:
    """Per page: (what, callable taking a session) in the order the page makes them on opening."""
    from qmsdesk.office import comparison, completeness, compliance, followup, inbox, month_figures, units
    from qmsdesk.office.queries import quarter_periods

    with store.session() as s:
        some_unit = units.unit_choices(s)[0][0]
    quarter = quarter_periods(QUARTER)
    return {
        "收件箱与导入": [("package_rows", inbox.package_rows), ("log_rows", inbox.log_rows)],
        "单位与登记": [("unit_rows", units.unit_rows)],
        "上报情况 (3 months)": [("completeness_grid", lambda s: completeness.completeness_grid(s, _year(MONTH)[-3:], TODAY)),
                            ("unit_month", lambda s: month_figures.unit_month(s, some_unit, MONTH))],
        "上报情况 (12 months)": [("completeness_grid", lambda s: completeness.completeness_grid(s, _year(MONTH), TODAY))],
        "指标对比": [("reported_indicators", lambda s: comparison.reported_indicators(s, _year(MONTH))),
                 ("unit_choices", units.unit_choices),
                 ("compare_units", lambda s: comparison.compare_units(s, "NUR-FALL", MONTH)),
                 ("unit_trend", lambda s: comparison.unit_trend(s, "NUR-FALL", some_unit, _year(MONTH)[0], MONTH))],
        "整改跟踪": [("unit_choices", units.unit_choices), ("followup_view", lambda s: followup.followup_view(s, TODAY))],
        "整改跟踪 (只看超期)": [("open_page", lambda s: followup.open_page(s, TODAY, overdue_only=True))],
        "培训与不良事件": [("training_by_unit", lambda s: compliance.training_by_unit(s, quarter)),
                    ("event_counts", lambda s: compliance.event_counts(s, quarter))],
    }


def _timed(store, fn) -> float:
    t = time.perf_counter()
    with store.session() as s:
        fn(s)
    return time.perf_counter() - t


def measure(url: str, runs: int = 3, skip: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    from qmsdesk.office import quarterly
    from qmsdesk.office.store import open_office_store

    store = open_office_store(url)
    out: dict[str, dict[str, Any]] = {}
    try:
        for page, calls in page_calls(store).items():
            if any(page.startswith(x) for x in skip):
                continue
            parts: dict[str, list[float]] = {what: [] for what, _fn in calls}
            for n in range(runs + 1):  # the first is the warm-up
                for what, fn in calls:
                    seconds = _timed(store, fn)
                    if n:
                        parts[what].append(seconds)
            out[page] = {"seconds": [sum(p[i] for p in parts.values()) for i in range(runs)], "parts": parts}
        times = []
        for n in range(0 if "季度报告" in skip else runs + 1):
            t = time.perf_counter()
            quarterly.gather(store, QUARTER, today=TODAY)
            if n:
                times.append(time.perf_counter() - t)
        if times:
            out["季度报告 (content)"] = {"seconds": times, "parts": {"gather": times}}
    finally:
        store.close()
    return out


def counts(url: str) -> dict[str, int]:
    from sqlalchemy import text

    from qmsdesk.office.store import open_office_store

    store = open_office_store(url)
    try:
        with store.engine.connect() as con:
            return {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                    for t in ("office_units", "office_packages", "office_records")}
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures here too")
    parser.add_argument("--skip", action="append", default=[], help="pages to leave out (by the start of their name)")
    args = parser.parse_args()
    size = counts(args.url)
    print(f"store: {size['office_units']:,} units, {size['office_packages']:,} packages, "
          f"{size['office_records']:,} records")
    results = measure(args.url, args.runs, tuple(args.skip))
    for page, r in results.items():
        med = statistics.median(r["seconds"])
        detail = ", ".join(f"{k} {statistics.median(v) * 1000:.0f} ms" for k, v in r["parts"].items())
        print(f"{page:22} {med * 1000:6.0f} ms  {'ok' if med < 1 else 'OVER 1 s'}  ({detail})", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"store": size, "pages": results}, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
