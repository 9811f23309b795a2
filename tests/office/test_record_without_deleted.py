"""A record that does not say whether it is deleted is a live record — as the import's counts already take it — not
a database error that stops the import of every package after it (a unit's program always writes the flag; a
package from elsewhere may not)."""

from __future__ import annotations

from office_helpers import month_records
from sqlalchemy import text

from qmsdesk.office.importer import APPLIED, import_file, import_paths


def _month_without_flag(period: str) -> dict:
    records = month_records("noflag", period, events=2)
    event = next(iter(records["adverse_events"].values()))
    del event["deleted"]
    return records


def test_a_record_without_its_deleted_flag_is_imported_live(store, factory, folders, office_keys):
    unit = factory.unit()
    path = factory.package(unit, "2026-10", records=_month_without_flag("2026-10"))

    summary = import_file(store, path, keys=office_keys, folders=folders)

    assert summary.outcome == APPLIED, summary.line()
    assert summary.counts["adverse_events"]["imported"] == 2
    with store.engine.connect() as conn:
        flags = conn.execute(text("SELECT deleted, data IS NOT NULL FROM office_records "
                                  "WHERE kind = 'adverse_events'")).all()
    assert sorted((bool(d), bool(has)) for d, has in flags) == [(False, True), (False, True)]


def test_nor_does_it_stop_a_batch(store, factory, folders, office_keys):
    unit = factory.unit()
    factory.package(unit, "2026-09", records=_month_without_flag("2026-09"), out=folders.inbox / "H001_D012")
    factory.package(unit, "2026-10", out=folders.inbox / "H001_D012")

    out = import_paths(store, [folders.inbox], keys=office_keys, folders=folders)

    assert [s.outcome for s in out] == [APPLIED, APPLIED]
