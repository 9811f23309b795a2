"""Time and peak memory to build one month's package from the demo year, beside a bare baseline.

Run: `python benchmarks/build_package.py [--period 2026-10] [--db FILE] [--repeat 3]`.
Without --db the demo year is generated into a temporary database first (not timed).

Measured in the same run, on the same rows:
- qmsdesk: validation, the month's content, the styled workbook, the PDF with indicator charts,
  data.json and the signed package, exactly as `submit()` does them (without locking the month);
- baseline: bare openpyxl writing the same table rows, and bare reportlab writing the same rows as
  plain tables with the same embedded font (no styles, no charts, no package).
Peak memory is tracemalloc's peak of Python allocations during the step; the process's peak
resident size (getrusage) is printed at the end for the whole run.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any


def measure(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median seconds over `repeat` plain runs, peak MiB of one traced run, last result).

    tracemalloc slows Python down several times, so time and memory come from separate runs.
    """
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak, result


def demo_database(folder: Path) -> Path:
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    path = folder / "demo.db"
    db = open_database(path, actor="benchmark")
    with db.session() as s:
        generate(s)
    db.close()
    return path


def qmsdesk_build(db, period: str, outbox: Path) -> int:
    """What submit() does between validation and the lock, inside a session that is rolled back."""
    from qmsdesk.services.month_package import build_reports
    from qmsdesk.services.submission_checks import validate_month
    from qmsdesk.services.unit import require_unit
    from qmsdesk.sync import crypto
    from qmsdesk.sync.package import UnitIdentity, build_package
    from qmsdesk.sync.records import month_records

    with db.session() as s:
        report = validate_month(s, period)
        acceptance = report.acceptance("benchmark", by="benchmark")
        reports = build_reports(s, period, version=1, report=report, acceptance=acceptance)
        unit = require_unit(s)
        built = build_package(
            outbox, unit=UnitIdentity(str(unit.id), unit.hospital_code, unit.department_code),
            period=period, version=1, records=month_records(s, period), signing_key=crypto.new_signing_key(),
            members={"report.xlsx": reports.workbook, "report.pdf": reports.pdf},
            notes={"accepted_warnings": acceptance.as_json(report.warnings)}, overwrite=True)
        s.rollback()
    return built.path.stat().st_size


def month_rows(db, period: str) -> dict[str, list[list[Any]]]:
    from qmsdesk.reports.month import collect_month

    with db.session() as s:
        content = collect_month(s, period)
        s.rollback()
    rows = {}
    for sheet, tables in content.sheets.items():
        for t in tables:
            rows[f"{sheet}-{t.title}"] = [[c.header for c in t.columns], *t.rows]
    return rows


def baseline_build(rows: dict[str, list[list[Any]]]) -> int:
    """Bare openpyxl + bare reportlab writing the same rows (what any exporter must at least do)."""
    from openpyxl import Workbook
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from qmsdesk.reports.fonts import cjk_font

    wb = Workbook()
    wb.remove(wb.active)
    for name, table in rows.items():
        ws = wb.create_sheet(name[:31])
        for r in table:
            ws.append(r)
    xlsx = io.BytesIO()
    wb.save(xlsx)
    font = cjk_font().name
    style = ParagraphStyle("b", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    story: list[Any] = []
    width = landscape(A4)[0] - 72 * 2
    for name, table in rows.items():
        story.append(Paragraph(name, style))
        cols = len(table[0])
        story.append(Table([[Paragraph("" if v is None else str(v), style) for v in r] for r in table],
                           colWidths=[width / cols] * cols, repeatRows=1))
    pdf = io.BytesIO()
    SimpleDocTemplate(pdf, pagesize=landscape(A4)).build(story)
    return len(xlsx.getvalue()) + len(pdf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--db", type=Path, help="an existing database (default: a fresh demo year)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QMSDESK_DATA_DIR", str(Path(tmp) / "data"))
        from qmsdesk.db.engine import open_database
        from qmsdesk.reports.fonts import cjk_font

        start = time.perf_counter()
        path = args.db or demo_database(Path(tmp))
        print(f"database: {path} (ready in {time.perf_counter() - start:.1f} s)")
        db = open_database(path, actor="benchmark")
        cjk_font()  # font registration is a one-off per process; keep it out of both measurements
        rows = month_rows(db, args.period)
        outbox = Path(tmp) / "outbox"
        outbox.mkdir()
        q_time, q_peak, q_size = measure(lambda: qmsdesk_build(db, args.period, outbox), args.repeat)
        b_time, b_peak, b_size = measure(lambda: baseline_build(rows), args.repeat)
        db.close()
    n_rows = sum(len(t) - 1 for t in rows.values())
    print(f"month {args.period}: {n_rows} table rows in {len(rows)} tables; median of {args.repeat} runs")
    print(f"{'':44}{'time (s)':>10}{'peak (MiB)':>12}{'output (KiB)':>14}")
    print(f"{'qmsdesk package (validate+xlsx+pdf+sign)':<44}{q_time:>10.2f}{q_peak:>12.1f}{q_size / 1024:>14.0f}")
    print(f"{'baseline (bare openpyxl + bare reportlab)':<44}{b_time:>10.2f}{b_peak:>12.1f}{b_size / 1024:>14.0f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident size: {rss:.0f} MiB" + ("" if sys.platform.startswith("linux") else " (units vary)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
