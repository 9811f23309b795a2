"""The month's report read with plain SQL (reports/month_collect_raw.py) is the report the ORM reads (reports/month.py).

`qmsdesk submit` on the ward's SQLite file reads the month without SQLAlchemy; what it writes into the package —
every table cell, status, count, note, RCA and PDCA case, and the indicator charts — must be what the window's
preview and an ORM submit write. Both readers feed one computing (reports/month_content.py), and here they read
the same files: every month of the demo year, an edited copy (deletions, a finished project, warnings accepted,
an amended version, record numbers typed into free text) and the seeded months of the report tests.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from datetime import date, datetime

import pytest
from demo_files import demo_copy, run_python
from month_records import FULL_RECORD_NO, seed_month
from openpyxl import load_workbook
from quality_records import seed_quality

from qmsdesk.db.raw import open_raw
from qmsdesk.periods import Period, months_between
from qmsdesk.reports.month import collect_month
from qmsdesk.reports.month_collect_raw import chart_specs_raw, charts_raw, collect_month_raw
from qmsdesk.reports.workbook import build_workbook
from qmsdesk.services.month_package import _charts, chart_specs

UNTIL = "2026-10"
MONTHS = list(months_between(Period.parse("2025-11"), Period.parse("2026-11")))  # the demo year and the month after
MOMENT = datetime(2026, 11, 2, 9, 30)



@pytest.fixture(scope="module")
def demo(demo_year, tmp_path_factory):
    return demo_copy(demo_year, tmp_path_factory.mktemp("raw-month-demo"))


def _both(path, period, **kw):
    """(ORM content, raw content, ORM chart specs, raw chart specs) of one file, stamped with the same moment."""
    from qmsdesk.db.engine import open_database

    db = open_database(path)
    reader = open_raw(path)
    assert reader is not None, "the file is at the schema head: the raw reader must take it"
    try:
        with db.session() as s:
            orm = collect_month(s, period, **kw)
            specs = chart_specs(s, Period.parse(period), orm)
            drawn = _charts(s, Period.parse(period), orm)
        raw = collect_month_raw(reader, period, **kw)
        raw_specs = chart_specs_raw(reader, period, raw)
        raw_drawn = charts_raw(reader, period, raw)
    finally:
        reader.close()
        db.close()
    orm.generated_at = raw.generated_at = MOMENT  # the time it was written, not what was read
    assert len(drawn or []) == len(raw_drawn or [])
    return orm, raw, specs, raw_specs


def _cells(content) -> dict:
    book = load_workbook(io.BytesIO(build_workbook(content)))
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def test_every_demo_month_is_the_same_report_read_either_way(demo):
    seen = {"rca": 0, "pdca": 0, "deductions": 0, "charts": 0}
    for p in MONTHS:
        orm, raw, specs, raw_specs = _both(demo, p, version=2)
        assert raw == orm, p
        assert raw_specs == specs, p
        seen["rca"] += len(raw.rca)
        seen["pdca"] += len(raw.pdca)
        seen["deductions"] += len(raw.sheets["检查督查"][1].rows)
        seen["charts"] += len(raw_specs)
    # The comparison means something only when the demo holds each kind of content.
    assert all(seen.values()), seen
    orm, raw, _, _ = _both(demo, UNTIL, version=1, as_of=date(2026, 11, 3))
    assert raw == orm and _cells(raw) == _cells(orm)


def _edit(path) -> str:
    """Deletions of every kind of row the report reads, a project finished and one moved on, a record number
    typed into free text: the states a unit's month may be in when it is submitted. Gives the record number."""
    con = sqlite3.connect(path)
    first_live = "(SELECT id FROM {t} WHERE deleted = 0 ORDER BY created_at LIMIT 1)"
    with con:
        for table in ("meeting_attendance", "meeting_problems", "training_attendance", "inspection_findings",
                      "inspection_items", "event_factors", "progress_notes", "pdca_causes", "pdca_log"):
            con.execute(f"UPDATE {table} SET deleted = 1 WHERE id IN {first_live.format(t=table)}")
        october = "date >= '2026-10-01' AND date <= '2026-10-31'"
        for table in ("meetings", "training_sessions", "assessments", "inspections"):
            month = "date >= '2026-09-01' AND date <= '2026-09-30'" if table == "meetings" else october
            con.execute(f"UPDATE {table} SET deleted = 1 WHERE id IN (SELECT id FROM {table} WHERE deleted = 0"
                        f" AND {month} ORDER BY date DESC LIMIT 1)")
        con.execute("UPDATE adverse_events SET deleted = 1 WHERE id IN (SELECT id FROM adverse_events WHERE deleted = 0"
                    " AND medical_record_no IS NOT NULL ORDER BY occurred_at DESC LIMIT 1)")
        number = con.execute("SELECT medical_record_no FROM adverse_events WHERE deleted = 1"
                             " AND medical_record_no IS NOT NULL").fetchone()[0]
        con.execute("UPDATE meetings SET minutes = COALESCE(minutes, '') || ' 病案号 ' || :n WHERE id IN (SELECT id FROM meetings"
                    f" WHERE deleted = 0 AND {october} LIMIT 1)", {"n": number})
        con.execute("UPDATE rectification_items SET deleted = 1 WHERE id IN (SELECT id FROM rectification_items"
                    " WHERE deleted = 0 AND closed_on IS NULL ORDER BY found_on LIMIT 1)")
        # The running project: moved to "do", its current state from the events' factors (the other Pareto).
        con.execute("UPDATE pdca_projects SET stage = 'do', analysis_source = :src WHERE closed_on IS NULL",
                    {"src": '{"kind": "events", "start": "2026-01", "end": "2026-10"}'})
        con.execute("UPDATE indicator_values SET deleted = 1 WHERE id IN (SELECT id FROM indicator_values"
                    " WHERE deleted = 0 AND period = '2026-09' LIMIT 2)")
    con.close()
    return number


def test_an_edited_month_with_accepted_warnings_is_the_same_read_either_way(demo, tmp_path):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.submission_checks import validate_month

    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    number = _edit(path)
    db = open_database(path)
    try:
        with db.session() as s:
            report = validate_month(s, UNTIL)
    finally:
        db.close()
    assert report.warnings, "the edited month has warnings to print"
    accepted = report.acceptance("已逐条核实", by="王护士长", at=datetime(2026, 11, 2, 1, 0).astimezone())
    unconfirmed = report.acceptance(None)  # the preview before anyone accepted them
    assert (accepted.state, unconfirmed.state) == ("accepted", "unconfirmed")
    for p, acceptance in ((Period.parse("2026-09"), accepted), (Period.parse(UNTIL), unconfirmed),
                          (Period.parse(UNTIL), accepted)):
        orm, raw, specs, raw_specs = _both(path, p, version=3, warnings=report.warnings, acceptance=acceptance)
        assert raw == orm, p
        assert raw_specs == specs, p
        assert _cells(raw) == _cells(orm), p
    assert any(c.pareto is not None and "原因因素" in c.pareto.title for c in raw.pdca)
    assert any(c.stage == "closed" for c in raw.pdca)
    assert raw.version == 3 and raw.warnings
    minutes = [row[9] for row in raw.sheets["会议"][0].rows]
    assert any("病案号" in text for text in minutes) and not any(number in text for text in minutes)


def test_the_seeded_report_months_are_the_same_read_either_way(session, db_path):
    """The report tests' months: record numbers and formulas in free text, a scored inspection, an RCA, a project."""
    seed_month(session)
    seed_quality(session, unit=False)
    session.commit()
    orm, raw, specs, raw_specs = _both(db_path, "2026-10", version=2)
    assert raw == orm
    assert raw_specs == specs
    assert _cells(raw) == _cells(orm)
    assert raw.rca and raw.pdca and raw.sheets["检查督查"][1].rows
    assert FULL_RECORD_NO not in repr(raw)


def test_the_raw_report_imports_no_sqlalchemy(demo, tmp_path):
    """Content, charts, workbook and PDF of a month from the file, in a process that never imports SQLAlchemy."""
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    code = (
        "import sys\n"
        "from qmsdesk.db.raw import open_raw\n"
        "from qmsdesk.reports.month_collect_raw import charts_raw, collect_month_raw\n"
        "from qmsdesk.reports.pdf import build_pdf\n"
        "from qmsdesk.reports.workbook import build_workbook\n"
        f"reader = open_raw({str(path)!r})\n"
        f"content = collect_month_raw(reader, '{UNTIL}', version=1)\n"
        f"charts = charts_raw(reader, '{UNTIL}', content)\n"
        "assert content.sheets['质量指标'][0].rows and charts\n"
        "assert build_workbook(content)[:2] == b'PK'\n"
        "assert build_pdf(content, charts)[:5] == b'%PDF-'\n"
        "assert 'sqlalchemy' not in sys.modules, sorted(m for m in sys.modules if m.startswith('sqlalchemy'))\n"
    )
    result = run_python(code, tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == before
