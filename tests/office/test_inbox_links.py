"""Where a file lies decides whose it is: a unit's inbox folder vouches for a new key, another's folder refuses it.
A file in a unit's folder that is a link to a file elsewhere lies elsewhere — also in a batch, where the reading
process, not the importer, looks at whether the path is a link."""

from __future__ import annotations

import pytest

from qmsdesk.office import read_ahead
from qmsdesk.office.importer import import_file, import_paths


@pytest.fixture(params=["one file", "a batch read by the process"])
def importing(request, store, office_keys, folders, monkeypatch):
    if request.param == "one file":
        return lambda path: import_file(store, path, keys=office_keys, folders=folders)
    monkeypatch.setattr(read_ahead, "PROCESS_FROM", 1)
    return lambda path: import_paths(store, [path], keys=office_keys, folders=folders)[0]


def test_a_new_key_is_held_from_the_units_own_folder(importing, factory, folders):
    unit = factory.unit(confirmed=False)
    path = factory.package(unit, out=folders.inbox / "H001_D012")

    summary = importing(path)

    assert (summary.outcome, summary.code) == ("held", "key_pending")


def test_a_link_in_the_units_folder_to_a_file_elsewhere_is_not_from_the_unit(importing, factory, folders, tmp_path):
    unit = factory.unit(confirmed=False)
    made = factory.package(unit, out=tmp_path / "elsewhere")
    link = folders.inbox / "H001_D012" / made.name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(made)

    summary = importing(link)

    assert (summary.outcome, summary.code) == ("refused", "untrusted_source"), summary.line()
