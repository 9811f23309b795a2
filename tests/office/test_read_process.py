"""A big folder import reads the files in a process of its own (office/reader.py, read_ahead.PROCESS_FROM): the
outcomes and reasons are those of importing the files one by one, only packages signed by a confirmed key are
opened there, a tampered package is refused by the importer in its own words, and the process never outlives the
import — also when the import is cancelled or the process dies."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
import zipfile

import pytest
from office_helpers import rebuild, store_counts

from qmsdesk.office import importer, read_ahead
from qmsdesk.office.importer import import_file, import_paths, package_files
from qmsdesk.office.models import OfficePackage, OfficeUnit
from qmsdesk.office.read_ahead import ReadAhead
from qmsdesk.office.store import OfficeFolders, open_office_store
from qmsdesk.sync import crypto


@pytest.fixture(autouse=True, params=["fork", "spawn"])
def _every_batch_through_the_process(monkeypatch, request):
    """Forked in a command (no other thread), spawned in the window: both ways for every test."""
    monkeypatch.setattr(read_ahead, "PROCESS_FROM", 1)
    monkeypatch.setattr(read_ahead, "_start_method", lambda: request.param)


def _mixed_inbox(folders, factory, tmp_path):
    confirmed = factory.unit("H001", "D001")
    pending = factory.unit("H001", "D002", confirmed=False)
    known = factory.unit("H001", "D003")
    inbox = folders.inbox
    good = [factory.package(confirmed, period, out=inbox / "H001_D001") for period in ("2026-07", "2026-08")]
    newer = factory.package(confirmed, "2026-08", 2, out=inbox / "H001_D001")
    waiting = factory.package(pending, out=inbox / "H001_D002")
    forged = factory.package(known, key=crypto.new_signing_key(), out=inbox / "H001_D001")  # in another's folder
    made = factory.package(confirmed, "2026-09", out=tmp_path / "made")
    with zipfile.ZipFile(made) as zf:
        blob = bytearray(zf.read("data.json"))
    blob[len(blob) // 2] ^= 0x01
    tampered = rebuild(made, inbox / "H001_D001" / made.name, members={"data.json": bytes(blob)})
    cut = factory.package(confirmed, "2026-10", out=inbox / "H001_D001")
    cut.write_bytes(cut.read_bytes()[:300])
    return {"good": good, "newer": newer, "waiting": waiting, "forged": forged, "tampered": tampered, "cut": cut}


def test_a_batch_read_by_the_process_ends_as_the_files_imported_one_by_one(
        store, folders, office_keys, factory, tmp_path):
    files = _mixed_inbox(folders, factory, tmp_path)
    # the same office once more, its inbox a copy, its store a copy of the units: there the files go one by one
    alone = OfficeFolders(tmp_path / "alone").ensure()
    shutil.copytree(folders.inbox, alone.inbox, dirs_exist_ok=True)
    other = open_office_store(str(tmp_path / "alone.db"))
    with store.session() as s, other.session() as t:
        for unit in s.query(OfficeUnit):
            t.add(OfficeUnit(**{c.key: getattr(unit, c.key) for c in OfficeUnit.__table__.columns}))

    summaries = {s.path.name: s for s in import_paths(store, [folders.inbox], keys=office_keys, folders=folders)}

    assert {n: (s.outcome, s.code) for n, s in summaries.items()} == {
        files["good"][0].name: ("applied", None), files["good"][1].name: ("applied", None),
        files["newer"].name: ("applied", None), files["waiting"].name: ("held", "key_pending"),
        files["forged"].name: ("refused", "unit_mismatch"), files["tampered"].name: ("refused", "hash_mismatch"),
        files["cut"].name: ("refused", "not_a_package")}
    assert "签名后被改动" in summaries[files["tampered"].name].reason
    newer = summaries[files["newer"].name]
    assert newer.total("unchanged") > 0 and newer.total("imported") == 0, "version 2 compared with version 1's records"
    assert not multiprocessing.active_children()
    assert files["waiting"].exists(), "a package waiting for its key stays in the inbox"
    try:
        singles = {p.name: import_file(other, p, keys=office_keys, folders=alone)
                   for p in sorted(package_files([alone.inbox]), key=importer._order_key)}
    finally:
        other.close()
    assert {n: (s.outcome, s.code, s.reason, s.counts) for n, s in singles.items()} == {
        n: (s.outcome, s.code, s.reason, s.counts) for n, s in summaries.items()}


def test_the_process_opens_only_packages_signed_by_a_confirmed_key(store, folders, office_keys, factory, tmp_path):
    files = _mixed_inbox(folders, factory, tmp_path)
    paths = sorted(package_files([folders.inbox]), key=importer._order_key)

    with ReadAhead(store, paths, lambda v: importer._open(v, office_keys), office_keys.encryption) as ahead:
        assert multiprocessing.active_children(), "read by a process"
        items = {path.name: item for path, item in ahead}

    assert sorted(n for n, item in items.items() if item.opened is not None) == sorted(
        p.name for p in (*files["good"], files["newer"]))
    assert items[files["tampered"].name].opened is None, "left for the importer to open and refuse"
    assert items[files["cut"].name].refused.code == "not_a_package"
    assert not multiprocessing.active_children()


def test_cancelling_midway_ends_the_process_and_leaves_the_rest_in_the_inbox(store, folders, office_keys, factory,
                                                                             monkeypatch):
    unit = factory.unit()
    files = [factory.package(unit, f"2026-{m:02d}", out=folders.inbox / "H001_D012") for m in range(1, 11)]
    done: list[str] = []

    monkeypatch.setattr(read_ahead, "STOP_WAIT", 120)  # a process that did not stop by itself: ended after 2 minutes
    started = time.monotonic()
    summaries = import_paths(store, [folders.inbox], keys=office_keys, folders=folders,
                             progress=lambda i, n, s: done.append(s.path.name), cancelled=lambda: len(done) >= 3)

    assert time.monotonic() - started < 60, "the process stopped at its next send once the importer closed its end"
    assert [s.outcome for s in summaries] == ["applied"] * 3
    assert store_counts(store)[0] == 3
    assert sum(f.exists() for f in files) == 7, "the files not imported stay where they were"
    assert not multiprocessing.active_children()


def test_when_the_process_dies_the_importer_reads_the_rest_itself(store, folders, office_keys, factory):
    unit = factory.unit()
    for m in range(1, 9):
        # files of which the pipe holds only one or two: the process is still at work when it is killed (forked, it
        # starts at once)
        factory.package(unit, f"2026-{m:02d}", out=folders.inbox / "H001_D012",
                        notes={"padding": os.urandom(150_000).hex()})
    killed = []

    def kill_the_reader(i, n, summary):
        if i == 2:
            for child in multiprocessing.active_children():
                child.kill()
                child.join()
                killed.append(child)

    summaries = import_paths(store, [folders.inbox], keys=office_keys, folders=folders, progress=kill_the_reader)

    assert killed
    assert [s.outcome for s in summaries] == ["applied"] * 8
    with store.session() as s:
        assert s.query(OfficePackage).count() == 8
    assert not any(folders.inbox.rglob("*.qmspkg"))
