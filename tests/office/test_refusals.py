"""Every refusal names its own reason, writes nothing, and keeps the file in the quarantine with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from office_helpers import month_records, rebuild, store_counts

from qmsdesk.office.importer import import_file
from qmsdesk.sync import crypto


@pytest.fixture
def unit(factory):
    return factory.unit()


@pytest.fixture
def good(factory, unit, folders) -> Path:
    return factory.package(unit, out=folders.inbox / "H001_D012")


def _refused(store, folders, office_keys, path: Path, code: str, *words: str):
    before = store_counts(store)
    original = path.read_bytes()
    summary = import_file(store, path, keys=office_keys, folders=folders)
    assert summary.outcome == "refused"
    assert summary.code == code
    for word in words:
        assert word in summary.reason
    assert store_counts(store) == before  # nothing partial written
    assert summary.moved_to is not None and summary.moved_to.parent.parent == folders.quarantine
    assert summary.moved_to.read_bytes() == original  # the file is kept, byte for byte
    reason = summary.moved_to.with_name(summary.moved_to.name + ".reason.txt").read_text(encoding="utf-8")
    assert summary.reason in reason
    return summary


def test_truncated_zip_is_refused_as_cut_short(store, folders, office_keys, good):
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    _refused(store, folders, office_keys, good, "not_a_package", "截断")


def test_flipped_byte_in_a_member_is_refused_as_changed_after_signing(store, folders, office_keys, good, tmp_path):
    import zipfile

    with zipfile.ZipFile(good) as zf:
        blob = bytearray(zf.read("data.json"))
    blob[len(blob) // 2] ^= 0x01
    bad = rebuild(good, tmp_path / "in" / good.name, members={"data.json": bytes(blob)})
    _refused(store, folders, office_keys, bad, "hash_mismatch", "data.json", "签名后被改动")


def test_package_signed_by_another_key_from_elsewhere_is_refused_naming_both_keys(store, folders, office_keys,
                                                                                   factory, unit, tmp_path):
    intruder = crypto.new_signing_key()
    path = factory.package(unit, key=intruder, out=tmp_path / "stick")
    summary = _refused(store, folders, office_keys, path, "wrong_key")
    assert crypto.fingerprint(crypto.raw_public(intruder)) in summary.reason
    assert crypto.fingerprint(crypto.raw_public(unit.key)) in summary.reason
    with store.session() as s:
        from qmsdesk.office.units import find_unit

        assert find_unit(s, "H001", "D012").pending_key_b64 is None  # a stranger's key is never recorded


def test_a_new_key_from_the_units_own_folder_waits_with_both_fingerprints(store, folders, office_keys, factory, unit):
    new_key = crypto.new_signing_key()
    path = factory.package(unit, key=new_key, out=folders.inbox / "H001_D012")
    summary = import_file(store, path, keys=office_keys, folders=folders)
    assert (summary.outcome, summary.code) == ("held", "new_key_pending")
    assert crypto.fingerprint(crypto.raw_public(new_key)) in summary.reason
    assert crypto.fingerprint(crypto.raw_public(unit.key)) in summary.reason
    assert path.exists() and store_counts(store) == (0, 0)  # waits in the inbox, nothing applied


def test_a_forged_signature_is_refused(store, folders, office_keys, good, tmp_path):
    forged = crypto.b64e(crypto.sign(crypto.new_signing_key(), b"something else")).encode("ascii")
    bad = rebuild(good, tmp_path / "in" / good.name, members={"signature": forged})
    _refused(store, folders, office_keys, bad, "bad_signature", "签名无效")


def test_unknown_unit_is_refused_with_the_way_to_enroll_it(store, folders, office_keys, factory, tmp_path):
    stranger = factory.unit("H999", "D001")
    path = factory.package(stranger, out=folders.inbox / "H999_D001")
    with store.session() as s:
        from qmsdesk.office.units import find_unit

        s.delete(find_unit(s, "H999", "D001"))
    _refused(store, folders, office_keys, path, "unknown_unit", "H999/D001", "未在质控办登记")


def test_unknown_format_version_is_refused_asking_for_an_update(store, folders, office_keys, unit, good, tmp_path):
    def future(manifest):
        manifest["format_version"] = 99

    bad = rebuild(good, tmp_path / "in" / good.name, signing_key=unit.key, manifest_edit=future)
    _refused(store, folders, office_keys, bad, "unknown_format", "99", "升级")


def test_member_named_outside_the_archive_is_refused(store, folders, office_keys, good, tmp_path):
    bad = rebuild(good, tmp_path / "in" / good.name, extra={"../../x": b"escape"})
    _refused(store, folders, office_keys, bad, "unsafe_name", "../../x")
    assert not (folders.root.parent / "x").exists()


def test_oversized_member_is_refused_before_it_is_read(store, folders, office_keys, unit, good, tmp_path):
    from qmsdesk.sync.package import MAX_MEMBER_BYTES

    huge = bytes(MAX_MEMBER_BYTES + 1)
    bad = rebuild(good, tmp_path / "in" / good.name, signing_key=unit.key, extra={"report.pdf": huge},
                  list_extra=True, compress=True)
    assert bad.stat().st_size < 1_000_000  # a zip bomb in miniature: small file, huge member
    _refused(store, folders, office_keys, bad, "oversized", "report.pdf", "过大")


def test_same_package_twice_is_unchanged_not_refused(store, folders, office_keys, good, tmp_path):
    copy = tmp_path / "again" / good.name
    copy.parent.mkdir()
    copy.write_bytes(good.read_bytes())
    first = import_file(store, good, keys=office_keys, folders=folders)
    assert first.outcome == "applied"
    before = store_counts(store)
    second = import_file(store, copy, keys=office_keys, folders=folders)
    assert second.outcome == "unchanged" and not second.refused
    assert second.total("imported") == second.total("updated") == second.total("deleted") == 0
    assert second.total("unchanged") == first.total("imported") + first.total("deleted")
    assert store_counts(store) == before
    assert copy.exists() and second.moved_to.parent.parent == folders.archive  # copied, the picked file stays


def test_same_version_with_other_content_is_a_conflict(store, folders, office_keys, factory, unit):
    import_file(store, factory.package(unit, out=folders.inbox / "a"), keys=office_keys, folders=folders)
    other = factory.package(unit, records=month_records("other", "2026-10", fall=(9, 3000)), out=folders.inbox / "b")
    _refused(store, folders, office_keys, other, "conflict", "第 1 版此前已导入", "第 2 版")


def test_older_version_after_newer_is_kept_but_not_applied(store, folders, office_keys, factory, unit):
    from qmsdesk.office.comparison import compare_units

    v1 = factory.package(unit, "2026-10", 1, month_records("u", "2026-10", fall=(1, 3000)),
                         out=folders.inbox / "v1")
    v2 = factory.package(unit, "2026-10", 2, month_records("u", "2026-10", fall=(5, 3000)), out=folders.inbox / "v2")
    assert import_file(store, v2, keys=office_keys, folders=folders).outcome == "applied"
    before = store_counts(store)
    late = import_file(store, v1, keys=office_keys, folders=folders)
    assert late.outcome == "kept" and "未用于统计" in late.line()
    assert store_counts(store) == (before[0] + 1, before[1])  # listed, records untouched
    with store.session() as s:
        assert compare_units(s, "NUR-FALL", "2026-10").rows[0].numerator == 5
    assert late.moved_to.parent.parent == folders.archive


def test_dry_run_reports_counts_and_changes_nothing(store, folders, office_keys, good):
    summary = import_file(store, good, keys=office_keys, folders=folders, dry_run=True)
    assert summary.outcome == "applied" and summary.total("imported") == 3 and "试运行" in summary.line()
    assert store_counts(store) == (0, 0)
    assert good.exists()


def test_two_importers_racing_for_one_file_import_it_once(store, store_url, folders, office_keys, good):
    """A second office PC (or the receiver) sharing the store imports the same file at the same moment."""
    import threading

    from qmsdesk.office.store import open_office_store

    other = open_office_store(store_url)
    results = []
    barrier = threading.Barrier(2)

    def run(st):
        barrier.wait()
        results.append(import_file(st, good, keys=office_keys, folders=folders))

    threads = [threading.Thread(target=run, args=(st,)) for st in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert sorted(r.outcome for r in results) == ["applied", "unchanged"], [(r.code, r.reason) for r in results]
    assert store_counts(store)[0] == 1
    assert len(list(folders.archive.rglob("*.qmspkg"))) == 1


def test_a_file_imported_elsewhere_while_it_was_being_checked_is_unchanged_not_a_conflict(
        store, store_url, folders, office_keys, good, monkeypatch, tmp_path):
    """The race above, made certain: the other PC commits the same file while this one is still verifying it.

    The other PC sees the inbox share under another path, so it copies the file to its archive and leaves it.
    """
    from qmsdesk.office import importer
    from qmsdesk.office.store import OfficeFolders, open_office_store

    other = open_office_store(store_url)
    other_folders = OfficeFolders(tmp_path / "second-pc").ensure()
    real_read = importer.read_data
    done = []

    def read_while_the_other_pc_imports(*args, **kwargs):
        contents = real_read(*args, **kwargs)  # this PC has read the file; now the other one imports it
        if not done:
            done.append(None)  # the other PC's own read below is a plain one
            done[0] = import_file(other, good, keys=office_keys, folders=other_folders)
        return contents

    monkeypatch.setattr(importer, "read_data", read_while_the_other_pc_imports)
    summary = import_file(store, good, keys=office_keys, folders=folders)
    other.close()
    assert done[0].outcome == "applied"
    assert (summary.outcome, summary.code) == ("unchanged", None), summary.line()
    assert store_counts(store)[0] == 1
    assert not list(folders.quarantine.rglob("*.qmspkg")), "a good package must never end in quarantine"
