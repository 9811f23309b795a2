"""The read-only month reader (db/raw.py, analytics/month_raw.py) reads what the ORM reads, on the demo year.

`qmsdesk status` and the dashboard read a month with plain SQL from the ward's file; the window's other pages
and every other database read through the ORM (analytics/derived.py). Here both read the same demo file
and must agree on every figure, every month, so the two readers can never drift apart.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import date

import pytest
from demo_files import demo_copy, run_python, run_qmsdesk

from qmsdesk.analytics.month_raw import RawMonth
from qmsdesk.db.raw import open_raw
from qmsdesk.periods import Period, months_between
from qmsdesk.reports.month_summary import month_summary, month_summary_of
from qmsdesk.services.dashboard import dashboard_data, dashboard_data_at
from qmsdesk.services.month_source import OrmMonth

UNTIL = "2026-10"
MONTHS = list(months_between(Period.parse("2025-11"), Period.parse("2026-11")))  # the demo year and the month after


_cli = run_qmsdesk


@pytest.fixture(scope="module")
def demo(demo_year, tmp_path_factory):
    return demo_copy(demo_year, tmp_path_factory.mktemp("raw-demo"))


@pytest.fixture
def both(demo):
    """(the ORM source, the raw source) over the same demo file."""
    from qmsdesk.db.engine import open_database

    db = open_database(demo)
    reader = open_raw(demo)
    assert reader is not None, "the demo file is at the schema head: the raw reader must take it"
    try:
        with db.session() as s:
            yield OrmMonth(s), RawMonth(reader)
    finally:
        reader.close()
        db.close()


def test_every_month_figure_is_the_same_read_either_way(both):
    orm, raw = both
    for p in MONTHS:
        day = min(p.last_day, date(2026, 11, 3))
        assert raw.group_meetings(p) == orm.group_meetings(p), p
        assert raw.indicator_completeness(p) == orm.indicator_completeness(p), p
        assert raw.ledger_figures(p, day) == orm.ledger_figures(p, day), p  # every overdue item listed
        assert raw.ledger_figures(p, day, listed=3) == orm.ledger_figures(p, day, listed=3), p
        assert raw.training_month(p) == orm.training_month(p), p
        assert raw.events_by_grade(p) == orm.events_by_grade(p), p
        assert raw.expiring_authorisations(30, day) == orm.expiring_authorisations(30, day), p
        assert raw.expired_authorisations(day) == orm.expired_authorisations(day), p
        assert raw.submission(p) == orm.submission(p), p
        assert raw.month_warnings(p) == orm.month_warnings(p), p
        assert raw.latest_month_with_values(day, 12) == orm.latest_month_with_values(day, 12), p
    for year in (2025, 2026):
        assert raw.people_year(year) == orm.people_year(year)
        assert raw.training_pass_rate(year) == orm.training_pass_rate(year)
        for through in (Period(year, 6), Period(year, 12)):
            mine, theirs = raw.plan_progress(year, through), orm.plan_progress(year, through)
            # The raw plan view leaves out the indicator goals, which nothing it feeds shows.
            assert dataclasses.replace(mine, plan=dataclasses.replace(mine.plan, goals=theirs.plan.goals)) == theirs
    assert raw.indicator_names() == orm.indicator_names()
    assert raw.record_nos() and sorted(raw.record_nos()) == sorted(orm.record_nos())


def test_the_demo_has_figures_worth_comparing(both):
    """The comparison above means something only when the demo holds each kind of figure."""
    _orm, raw = both
    october = Period.parse(UNTIL)
    ledger = raw.ledger_figures(october, date(2026, 10, 31))
    assert ledger.overdue_count and ledger.closed and ledger.raised
    assert raw.group_meetings(october).held and raw.indicator_completeness(october).watched
    assert sum(raw.events_by_grade(october).values()) and raw.expired_authorisations(date(2026, 10, 31))
    assert any(w.is_signal or w.kinds for p in MONTHS for w in raw.month_warnings(p))
    assert raw.plan_progress(2026, october).trainings_due


def test_the_summary_text_is_the_same_read_either_way(both):
    orm, raw = both
    for p in MONTHS:
        for as_of in (None, date(2026, 11, 3)):
            assert month_summary_of(raw, p, as_of) == month_summary(orm.session, p, as_of), (p, as_of)


def test_the_dashboard_is_the_same_read_either_way_in_few_statements(demo):
    from qmsdesk.db.engine import open_database

    db = open_database(demo)
    try:
        for day in (date(2026, 10, 31), date(2026, 11, 3), date(2026, 6, 15), date(2025, 12, 1)):
            with db.session() as s:
                assert dashboard_data_at(demo, day) == dashboard_data(s, day), day
    finally:
        db.close()
    from qmsdesk.services.dashboard import dashboard_from

    with open_raw(demo) as reader:
        dashboard_from(RawMonth(reader), date(2026, 11, 3))
        # 69 warning checks and the cards once cost 117 statements; now a fixed few, whatever the number of indicators.
        assert reader.statements <= 30


def test_status_reads_the_file_without_sqlalchemy_and_never_writes_it(demo, tmp_path):
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    code = ("import sys\nfrom qmsdesk.cli import main\n"
            f"rc = main(['status', '--period', '{UNTIL}', '--db', {str(path)!r}])\n"
            "assert rc == 0\nassert 'sqlalchemy' not in sys.modules, 'status imported SQLAlchemy'\n")
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "质控工作月报" in result.stdout and "三、整改台账" in result.stdout
    assert path.read_bytes() == before
    # SQLite may leave the (empty) write-ahead log of a WAL file read read-only; nothing was written to it.
    wal = tmp_path / "ward.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def _stamp(path, revision: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()


def test_the_reader_takes_only_a_qmsdesk_file_at_the_schema_head(demo, tmp_path):
    assert open_raw(None) is None
    assert open_raw(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()
    assert open_raw("postgresql+psycopg://qmsdesk@localhost/ward") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert open_raw(tmp_path / "empty.db") is None
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.close()
    assert open_raw(other) is None
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert open_raw(tmp_path / "junk.db") is None
    newer = tmp_path / "newer.db"
    shutil.copyfile(demo, newer)
    _stamp(newer, "9999")
    assert open_raw(newer) is None


def test_status_of_a_file_not_at_head_goes_the_normal_way(demo, tmp_path):
    """A file from a newer qmsdesk is refused with the normal path's clear message, not read as if it were ours."""
    newer = tmp_path / "newer.db"
    shutil.copyfile(demo, newer)
    _stamp(newer, "9999")
    result = _cli("status", "--period", UNTIL, "--db", newer, cwd=tmp_path)
    assert result.returncode == 2
    assert "更新版本的 qmsdesk" in result.stderr and "Traceback" not in result.stderr


def test_the_reader_sees_one_moment_of_the_file_while_the_window_writes(demo, tmp_path):
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    count = "SELECT COUNT(*) FROM rectification_items WHERE deleted = 0"
    with open_raw(path) as reader:
        before = reader.one(count)[0]
        writer = sqlite3.connect(path)
        with writer:
            writer.execute("UPDATE rectification_items SET deleted = 1 WHERE id IN "
                           "(SELECT id FROM rectification_items WHERE deleted = 0 LIMIT 2)")
        writer.close()
        assert reader.one(count)[0] == before  # the month is read as it was when reading began
    with open_raw(path) as reader:
        assert reader.one(count)[0] == before - 2


def test_status_read_only_judges_the_month_in_the_units_time_zone(demo, tmp_path):
    """The unit's zone decides which month an event falls in; the read-only path takes it as opening the file does."""
    from qmsdesk import clock
    from qmsdesk.db.engine import open_database

    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE units SET time_zone = 'Pacific/Honolulu'")
        # An event on the evening of 31 October in Honolulu is 1 November in UTC (and in Shanghai).
        con.execute("UPDATE adverse_events SET occurred_at = '2026-11-01 07:30:00.000000' WHERE id IN "
                    "(SELECT id FROM adverse_events WHERE deleted = 0 ORDER BY occurred_at DESC LIMIT 1)")
    con.close()
    result = _cli("status", "--period", UNTIL, "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    db = open_database(path)
    try:
        with db.session() as s:
            expected = month_summary(s, UNTIL)
    finally:
        db.close()
        clock.set_zone(None)
    assert [x for x in result.stdout.splitlines() if x.startswith("五、")] == [
        x for x in expected.splitlines() if x.startswith("五、")]
