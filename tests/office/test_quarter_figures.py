"""The quarterly report's closure, overdue items and trained staff from the kept quarter figures
(office/quarter_figures.py, schema 7) against the pages' own counting over every item state, on the office demo
— then again after a month of the quarter, and one months before it, are returned; a quarter still running is
counted live; the report shows progress while it judges; a schema 6 store's kept quarters get their sums."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from qmsdesk.office import quarter_figures, quarterly
from qmsdesk.office.acks import acknowledge, versions
from qmsdesk.office.compliance import training_by_unit
from qmsdesk.office.followup import closure_by_unit, open_items
from qmsdesk.office.models import SCHEMA_VERSION
from qmsdesk.office.queries import quarter_periods
from qmsdesk.office.store import open_office_store

TODAY = date(2026, 11, 23)
QUARTER = "2026Q3"


def _demo(store, office_keys, folders, tmp_path, months=12):
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths

    generate_office_demo(tmp_path / "inbox", hospitals=2, departments=4, months=months, keys=office_keys, store=store,
                         until="2026-10", today=TODAY)
    import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)


def _check(store, today=TODAY):
    """The report's figures equal the live counts; the content."""
    content = quarterly.gather(store, QUARTER, today=today)
    periods, end = quarter_periods(QUARTER), "2026-09"
    with store.session() as s:
        assert content.closure == closure_by_unit(s, today, until=end)
        assert content.overdue == sorted(open_items(s, today, overdue_only=True, until=end),
                                         key=lambda i: (-i.days_overdue(today), i.unit_label))
        assert content.training == training_by_unit(s, periods)
    return content


def _kept(store) -> int:
    with store.session() as s:
        return s.execute(text("SELECT count(*) FROM office_quarter_figures WHERE quarter_end = '2026-09'")).scalar()


def test_the_reports_item_and_training_figures_from_kept_counts_equal_the_live_counts(store, office_keys, folders,
                                                                                      tmp_path):
    _demo(store, office_keys, folders, tmp_path)
    content = _check(store)
    assert content.overdue and any(c.closed for c in content.closure) and any(t.trained for t in content.training)
    kept = _kept(store)
    assert kept == len(content.table.units)
    with store.session() as s:  # nothing left to count
        assert quarter_figures.count_quarter(s, quarter_periods(QUARTER), TODAY) == 0
    # a unit with overdue items has a month of the quarter returned, another one a month long before it: each
    # unit's kept figures go (only theirs), and are counted again from what the store holds now
    first, other = content.overdue[0].unit_id, next(c.unit_id for c in content.closure
                                                    if c.unit_id != content.overdue[0].unit_id)
    with store.session() as s:
        acknowledge(s, versions(s, first, "2026-08")[-1], "returned", "请核实", keys=office_keys, folders=folders)
        acknowledge(s, versions(s, other, "2026-01")[-1], "returned", "请核实", keys=office_keys, folders=folders)
    assert _kept(store) == kept - 2
    _check(store)
    assert _kept(store) == kept
    # a month after the quarter leaves its figures kept
    with store.session() as s:
        acknowledge(s, versions(s, first, "2026-10")[-1], "returned", "请核实", keys=office_keys, folders=folders)
    assert _kept(store) == kept


def test_a_quarter_still_running_is_counted_live_and_not_kept(store, office_keys, folders, tmp_path):
    _demo(store, office_keys, folders, tmp_path, months=6)
    _check(store, today=date(2026, 9, 20))
    assert _kept(store) == 0


def test_the_report_shows_progress_while_it_judges_the_units(store, office_keys, folders, tmp_path):
    _demo(store, office_keys, folders, tmp_path, months=6)
    seen = []
    quarterly.gather(store, QUARTER, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[0] == (0, 8) and all(total == 8 for _done, total in seen)
    seen.clear()
    quarterly.gather(store, QUARTER, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # all kept: nothing to judge


def test_a_schema_6_store_gets_the_kept_quarters_sums(store_url, office_keys, folders, tmp_path):
    store = open_office_store(store_url)
    try:
        _demo(store, office_keys, folders, tmp_path, months=6)
        quarterly.gather(store, QUARTER, today=TODAY)  # judged and counted
        sums = "SELECT unit_id, code, numerator, denominator FROM office_indicator_quarters ORDER BY unit_id, code"
        with store.engine.begin() as conn:
            before = conn.execute(text(sums)).all()
            assert before and any(n for _u, _c, n, _d in before)
            for column in ("numerator", "denominator"):  # as schema 6 made the table
                conn.execute(text(f"ALTER TABLE office_indicator_quarters DROP COLUMN {column}"))
            conn.execute(text("UPDATE office_meta SET value = '6' WHERE key = 'schema_version'"))
    finally:
        store.close()
    store = open_office_store(store_url)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text(sums)).all() == before
            assert conn.execute(text("SELECT value FROM office_meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
            # figures an older program may have left stale are counted again
            assert conn.execute(text("SELECT count(*) FROM office_quarter_figures")).scalar() == 0
    finally:
        store.close()
