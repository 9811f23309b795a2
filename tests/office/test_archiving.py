"""A folder import puts its files away on a thread (office/archiving.py): when it returns every file is where a
one-by-one import puts it, under the same names, and the package rows name those files."""

from __future__ import annotations

import hashlib
import threading

from sqlalchemy import select

from qmsdesk.office.importer import import_paths
from qmsdesk.office.models import OfficePackage


def test_a_batch_puts_every_file_away_under_the_names_of_a_one_by_one_import(store, folders, office_keys, factory,
                                                                             tmp_path):
    unit = factory.unit()
    picked = tmp_path / "picked"
    months = [factory.package(unit, f"2026-{m:02d}", out=picked / "a") for m in (8, 9, 10)]
    again = picked / "b" / months[0].name  # the same file a second time, from another folder
    again.parent.mkdir()
    again.write_bytes(months[0].read_bytes())
    inboxed = factory.package(unit, "2026-11", out=folders.inbox / "H001_D012")

    summaries = {(s.path.parent.name, s.path.name): s
                 for s in import_paths(store, [picked, folders.inbox], keys=office_keys, folders=folders)}

    archive = folders.archive / "H001_D012"
    assert [s.outcome for s in summaries.values()].count("applied") == 4
    assert summaries[("b", again.name)].outcome == "unchanged"
    for (_folder, name), s in summaries.items():
        assert s.moved_to is not None and s.moved_to.parent == archive, name
        assert hashlib.sha256(s.moved_to.read_bytes()).hexdigest() == s.sha256, name
    # the second copy of a file kept beside the first, not over it, as free_name names it
    assert summaries[("b", again.name)].moved_to.name == f"{again.name}.{summaries[('b', again.name)].sha256[:8]}-1"
    assert all(p.exists() for p in [*months, again]), "files picked from elsewhere are copied, not moved"
    assert not inboxed.exists(), "a file in the inbox is moved"
    with store.session() as s:
        stored = set(s.scalars(select(OfficePackage.stored_path)))
    assert stored == {str(summaries[k].moved_to) for k in summaries if summaries[k].outcome == "applied"}
    assert not any(t.name == "qmsdesk-put-away" for t in threading.enumerate())


def test_held_files_are_put_away_in_order_once_released_or_asked_for():
    from qmsdesk.office.archiving import Archiver

    done: list[str] = []
    archiver = Archiver(held=True)
    for name in ("a.qmspkg", "b.qmspkg", "c.qmspkg"):
        archiver.put(name, lambda n=name: done.append(n))
    assert done == [], "held while the importer writes"
    archiver.settle("b.qmspkg")  # a file of that name is about to be named: the ones before it are put away first
    assert done[:2] == ["a.qmspkg", "b.qmspkg"]
    archiver.put("d.qmspkg", lambda: done.append("d.qmspkg"))
    archiver.close()
    assert done == ["a.qmspkg", "b.qmspkg", "c.qmspkg", "d.qmspkg"]
