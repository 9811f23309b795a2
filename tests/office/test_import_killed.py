"""A batch import refreshes the derived tables for many packages at once (importer.import_paths): killed between
packages, what it committed stays, and the months it had not refreshed yet are made right when the store is next
opened — never left stale for the pages."""

from __future__ import annotations

import multiprocessing
import os
import signal

from office_helpers import derived_rows, month_records
from sqlalchemy import create_engine, text

from qmsdesk.office import derived
from qmsdesk.office.importer import import_paths
from qmsdesk.office.store import office_url, open_office_store

KILLED_AFTER = 3


def _import_then_die(store_url: str, folder: str, keys, folders) -> None:
    """In a child process: import the folder and SIGKILL itself right after the third package has committed."""
    store = open_office_store(store_url)

    def progress(done: int, _total: int, _summary) -> None:
        if done == KILLED_AFTER:
            os.kill(os.getpid(), signal.SIGKILL)

    import_paths(store, [folder], keys=keys, folders=folders, progress=progress)




def test_an_import_killed_between_packages_leaves_nothing_stale(store, store_url, factory, folders, office_keys,
                                                                 tmp_path):
    unit = factory.unit()
    inbox = tmp_path / "batch"
    for n, period in enumerate(("2026-07", "2026-08", "2026-09", "2026-10", "2026-11")):
        factory.package(unit, period, records=month_records(f"k{n}", period, events=2, items=2), out=inbox)
    store.close()

    child = multiprocessing.get_context("fork").Process(target=_import_then_die,
                                                         args=(store_url, str(inbox), office_keys, folders))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == -signal.SIGKILL

    engine = create_engine(office_url(store_url))  # as it was left: not through open_office_store, which repairs it
    with engine.connect() as conn:
        imported = conn.scalar(text("SELECT count(*) FROM office_packages"))
        pending = conn.scalar(text("SELECT count(*) FROM office_pending_months"))
        items_shown = conn.scalar(text("SELECT count(*) FROM office_items"))
    engine.dispose()
    assert imported == KILLED_AFTER, "each package committed on its own"
    assert pending == KILLED_AFTER and items_shown == 0, "killed before it refreshed the months it had imported"

    reopened = open_office_store(store_url)
    try:
        with reopened.engine.connect() as conn:  # left without committing: the rebuild below is rolled back
            assert conn.scalar(text("SELECT count(*) FROM office_pending_months")) == 0
            after_open = derived_rows(conn)
            assert len(after_open["office_items"]) == 2 * KILLED_AFTER
            derived.rebuild(conn)  # every derived row made from the records from scratch: the same rows
            assert derived_rows(conn) == after_open
    finally:
        reopened.close()
