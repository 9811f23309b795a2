"""How fast the 整改台账 page opens and filters with 100,000 rectification items (a measurement, not a test).

    python benchmarks/ledger_page.py [--items 100000] [--db PATH]

Builds the database once (reused when --db names an existing file), then prints the time to open the
page (query, model, first paint) and the time of one search keystroke (filter, model reset, repaint),
plus the status and overdue filters. Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CATEGORIES = ["护理文书", "患者安全", "医院感染", "用药安全", "核心制度", "急救管理", "设备管理", "管路安全"]
PROBLEMS = ["交班记录未体现危重患者重点观察内容", "床头未悬挂跌倒警示标识", "手卫生依从性不足", "高警示药品未单独存放",
            "抢救车除颤仪自检记录缺失", "PICC维护记录不完整", "约束患者观察记录缺项", "体温单漏记"]


def build(path: Path, items: int) -> None:
    """Unit, ten staff and `items` items in every status, written through the ORM (audited) in one go."""
    from qmsdesk.db import models as m
    from qmsdesk.db.engine import open_database
    from qmsdesk.services import staff
    from qmsdesk.services.unit import set_unit

    rng = random.Random(7)
    db = open_database(path, actor="benchmark")
    with db.session() as s:
        set_unit(s, hospital_code="H001", hospital_name="某县人民医院", department_code="CARD",
                 department_name="心血管内科", department_type="inpatient_medical")
        people = [staff.create_staff(s, name=f"护士{i:02d}", employee_no=f"N{i:03d}", profession="nurse").id
                  for i in range(10)]
    statuses = ["open", "in_progress", "awaiting_verification", "closed"]
    start = date(2020, 1, 1)
    batch = 10_000
    for first in range(0, items, batch):
        with db.session() as s:
            for i in range(first, min(first + batch, items)):
                found = start + timedelta(days=rng.randrange(2000))
                status = rng.choice(statuses)
                s.add(m.RectificationItem(
                    source_kind="other", category=rng.choice(CATEGORIES), problem=f"{rng.choice(PROBLEMS)}（第{i}项）",
                    found_on=found, deadline=found + timedelta(days=30), responsible_id=rng.choice(people),
                    status=status, closed_on=found + timedelta(days=20) if status == "closed" else None))
    db.close()


def measure(path: Path) -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.app import make_app
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.pages.ledger import LedgerPage

    make_app("zh_CN")
    ctx = AppContext(open_database(path, actor="benchmark"))
    t0 = time.perf_counter()
    page = LedgerPage(ctx)
    page.resize(1200, 760)
    page.show()  # the first show starts loading the rows on a worker thread; the window stays responsive
    QApplication.processEvents()
    shown = time.perf_counter() - t0
    page.wait_loaded()
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    rows = page.model.rowCount()

    def timed(action) -> float:
        t = time.perf_counter()
        action()
        QApplication.processEvents()
        return time.perf_counter() - t

    # A keystroke: the debounce timer fires apply_filter; time what runs after it (filter + repaint).
    page.search.setText("跌")
    page._debounce.stop()
    first_key = timed(page.apply_filter)
    found_first = page.model.rowCount()
    page.search.setText("跌倒")
    page._debounce.stop()
    second_key = timed(page.apply_filter)
    found_second = page.model.rowCount()
    page.search.setText("")
    page._debounce.stop()
    clear = timed(page.apply_filter)
    status = timed(lambda: page.status_filter.setCurrentIndex(page.status_filter.findData("open")))
    overdue = timed(lambda: page.overdue_only.setChecked(True))
    sort = timed(lambda: page.table.sortByColumn(7, page.table.horizontalHeader().sortIndicatorOrder()))

    print(f"items in the page:            {rows:>8,}")
    print(f"page shown (rows still loading): {shown * 1000:6.0f} ms")
    print(f"rows loaded and painted:        {opened * 1000:6.0f} ms")
    print(f"first keystroke “跌” (builds the search text once): {first_key * 1000:8.0f} ms  → {found_first:,} rows")
    print(f"next keystroke “跌倒”:          {second_key * 1000:8.0f} ms  → {found_second:,} rows")
    print(f"clear the search:              {clear * 1000:8.0f} ms")
    print(f"status filter (待整改):         {status * 1000:8.0f} ms  → {page.model.rowCount():,} rows")
    print(f"only overdue:                  {overdue * 1000:8.0f} ms  → {page.model.rowCount():,} rows")
    print(f"sort by deadline:              {sort * 1000:8.0f} ms")
    ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="database file to build or reuse (default: a temporary file)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="qmsdesk-bench-")) / "ledger.db"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.items)
        print(f"built {args.items:,} items in {time.perf_counter() - t:.0f} s: {path}")
    measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
