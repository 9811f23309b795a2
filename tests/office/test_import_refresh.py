"""A batch import refreshes the derived tables every REFRESH_EVERY packages and at its end; on PostgreSQL the
refreshes along the way run on a thread with a connection of their own while the import goes on. Whichever way,
the pages must see exactly what the records say once the import returns."""

from __future__ import annotations

import threading

from office_helpers import derived_rows, month_records
from sqlalchemy import text

from qmsdesk.office import derived, importer
from qmsdesk.office.importer import APPLIED, import_paths


def test_refreshes_along_a_batch_leave_the_pages_what_the_records_say(store, factory, folders, office_keys, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(importer, "REFRESH_EVERY", 2)
    monkeypatch.setattr(importer, "REFRESH_BESIDE_EVERY", 2)
    threads = []
    refresh = importer.refresh_pending

    def noted(conn):
        threads.append(threading.current_thread().name)
        return refresh(conn)

    monkeypatch.setattr(importer, "refresh_pending", noted)
    inbox = tmp_path / "batch"
    for u in range(2):
        unit = factory.unit(department=f"D0{u}")
        for n, period in enumerate(("2026-08", "2026-09", "2026-10")):
            records = month_records(f"u{u}m{n}", period, events=2, items=3)
            factory.package(unit, period, records=records, out=inbox)
        # a newer version of the last month: its items closed, its rows replaced
        for item in records["rectification_items"].values():
            item.update(status="verified", closed_on="2026-10-20", verified_on="2026-10-25")
        factory.package(unit, "2026-10", version=2, records=records, out=inbox)

    out = import_paths(store, [inbox], keys=office_keys, folders=folders)

    assert [s.outcome for s in out] == [APPLIED] * 8
    if store.is_sqlite:
        assert set(threads) == {"MainThread"}, "SQLite has one writer: every refresh in line"
    else:
        assert "qmsdesk-refresh" in threads, "the refreshes along the way run beside the import"
    assert threads[-1] == "MainThread", "the batch's last refresh is made before it returns"
    with store.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM office_pending_months")) == 0
        shown = derived_rows(conn)
        assert len(shown["office_items"]) == 2 * 3 * 3
        assert {row[7] for row in shown["office_items"] if row[2] == "2026-10"} == {"verified"}
        derived.rebuild(conn)  # every derived row made from the records from scratch: the same rows
        assert derived_rows(conn) == shown
