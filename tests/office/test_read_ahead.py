"""A folder import reads the next files on a thread while it writes (office/read_ahead.py): the outcomes are those of
importing the files one by one, a stranger's package is still never decrypted, and stopping midway stops the
thread."""

from __future__ import annotations

import threading

from office_helpers import store_counts

from qmsdesk.office import importer
from qmsdesk.office.importer import import_paths
from qmsdesk.sync import crypto


def _opened_names(monkeypatch) -> list[str]:
    """The files whose data.json was decrypted (by either thread)."""
    real, names = importer.read_data, []

    def counting(verified, key):
        names.append(verified.path.name)
        return real(verified, key)

    monkeypatch.setattr(importer, "read_data", counting)
    return names


def test_a_folder_of_mixed_packages_imports_as_one_by_one_and_opens_only_confirmed_keys(
        store, folders, office_keys, factory, monkeypatch):
    confirmed = factory.unit("H001", "D001")
    pending = factory.unit("H001", "D002", confirmed=False)
    known = factory.unit("H001", "D003")
    good = [factory.package(confirmed, period, out=folders.inbox / "H001_D001") for period in ("2026-08", "2026-09")]
    waiting = factory.package(pending, out=folders.inbox / "H001_D002")
    forged = factory.package(known, key=crypto.new_signing_key(), out=folders.inbox / "H001_D001")  # another's folder
    newer = factory.package(confirmed, "2026-09", 2, out=folders.inbox / "H001_D001")
    opened = _opened_names(monkeypatch)

    summaries = {s.path.name: s for s in import_paths(store, [folders.inbox], keys=office_keys, folders=folders)}

    assert {n: (s.outcome, s.code) for n, s in summaries.items()} == {
        good[0].name: ("applied", None), good[1].name: ("applied", None), newer.name: ("applied", None),
        waiting.name: ("held", "key_pending"), forged.name: ("refused", "unit_mismatch")}
    assert sorted(opened) == sorted([good[0].name, good[1].name, newer.name]), "only confirmed keys are decrypted"
    assert store_counts(store)[0] == 3
    assert waiting.exists(), "a package waiting for its key stays in the inbox"
    assert not any(t.name == "qmsdesk-read-ahead" for t in threading.enumerate())


def test_cancelling_midway_stops_reading_ahead_and_leaves_the_rest_in_the_inbox(store, folders, office_keys, factory):
    unit = factory.unit()
    files = [factory.package(unit, f"2026-{m:02d}", out=folders.inbox / "H001_D012") for m in range(1, 11)]
    done: list[str] = []

    summaries = import_paths(store, [folders.inbox], keys=office_keys, folders=folders,
                             progress=lambda i, n, s: done.append(s.path.name), cancelled=lambda: len(done) >= 3)

    assert [s.outcome for s in summaries] == ["applied"] * 3
    assert store_counts(store)[0] == 3
    assert sum(f.exists() for f in files) == 7, "the files not imported stay where they were"
    assert not any(t.name == "qmsdesk-read-ahead" for t in threading.enumerate())
