"""A big batch on PostgreSQL imports several packages at a time, each on a connection of its own (importer._Beside):
the outcomes, their order, the months that count and the pages must be those of importing the files one by one;
an error on either thread stops the batch, and what was committed is refreshed for the pages."""

from __future__ import annotations

import threading

import pytest
from office_helpers import derived_rows, month_records
from sqlalchemy import text

from qmsdesk.office import derived, importer
from qmsdesk.office.importer import APPLIED, import_paths, package_files


def _inbox(factory, folders, units: int = 3):
    """Each unit: two months and a second version of the last one, in the unit's inbox folder."""
    for u in range(units):
        unit = factory.unit(department=f"D0{u}")
        for n, period in enumerate(("2026-09", "2026-10")):
            records = month_records(f"u{u}m{n}", period, events=2, items=2)
            factory.package(unit, period, records=records, out=folders.inbox / f"H001_D0{u}")
        for item in records["rectification_items"].values():
            item.update(status="verified", closed_on="2026-10-20", verified_on="2026-10-25")
        factory.package(unit, "2026-10", version=2, records=records, out=folders.inbox / f"H001_D0{u}")


@pytest.fixture
def threads_seen(monkeypatch):
    monkeypatch.setattr(importer, "BESIDE_FROM", 1)
    seen: list[str] = []
    import_read = importer.import_read

    def noted(*args, **kw):
        seen.append(threading.current_thread().name)
        return import_read(*args, **kw)

    monkeypatch.setattr(importer, "import_read", noted)
    return seen


def test_several_at_a_time_end_as_the_files_imported_one_by_one(store, factory, folders, office_keys, threads_seen):
    _inbox(factory, folders)
    files = sorted(package_files([folders.inbox]), key=importer._order_key)
    done = []

    out = import_paths(store, [folders.inbox], keys=office_keys, folders=folders,
                       progress=lambda i, n, s: done.append(i))

    assert [s.path.name for s in out] == [f.name for f in files], "the outcomes in the files' order"
    assert done == list(range(1, len(files) + 1))
    assert [s.outcome for s in out] == [APPLIED] * 9, "each month's versions applied oldest first"
    if store.is_sqlite:
        assert set(threads_seen) == {"MainThread"}, "SQLite has one writer"
    else:
        assert set(threads_seen) == {"qmsdesk-import-0", "qmsdesk-import-1", "qmsdesk-import-2"}, "a unit to each"
    assert not any(folders.inbox.rglob("*.qmspkg")), "every file put away"
    with store.engine.connect() as conn:
        counting = conn.execute(text("SELECT period, version FROM office_packages WHERE state = 'current'")).all()
        assert sorted(counting) == [("2026-09", 1)] * 3 + [("2026-10", 2)] * 3
        assert conn.scalar(text("SELECT count(*) FROM office_pending_months")) == 0
        shown = derived_rows(conn)
        assert {row[7] for row in shown["office_items"] if row[2] == "2026-10"} == {"verified"}
        derived.rebuild(conn)
        assert derived_rows(conn) == shown


def test_an_error_on_one_thread_stops_the_batch_and_leaves_nothing_stale(store, factory, folders, office_keys,
                                                                            threads_seen, monkeypatch):
    _inbox(factory, folders)
    import_read = importer.import_read

    def fails_at_the_fifth(*args, **kw):
        if len(threads_seen) == 5:
            raise RuntimeError("the disk is gone")
        return import_read(*args, **kw)

    monkeypatch.setattr(importer, "import_read", fails_at_the_fifth)

    with pytest.raises(RuntimeError, match="the disk is gone"):
        import_paths(store, [folders.inbox], keys=office_keys, folders=folders)

    with store.engine.connect() as conn:
        imported = conn.scalar(text("SELECT count(*) FROM office_packages"))
        assert 1 <= imported < 9
        assert conn.scalar(text("SELECT count(*) FROM office_pending_months")) == 0, "what was committed is refreshed"
        shown = derived_rows(conn)
        derived.rebuild(conn)
        assert derived_rows(conn) == shown
    assert len(list(folders.inbox.rglob("*.qmspkg"))) == 9 - imported, "the files not imported stay in the inbox"
