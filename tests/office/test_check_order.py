"""The importer's order of checks, seen from outside a real `qmsdesk office serve`: limits and counts before
decryption, signature and key before data.json is decrypted or parsed, sealed members required of an
enrolled unit, one record per UUID. Memory is the witness: parsing 14 MB of data.json costs the receiver
a hundred MiB and more; a package the key check stops costs next to nothing.
"""

from __future__ import annotations

import uuid

import pytest
from office_helpers import rebuild
from receiver_process import PERIOD, Office, Receivers, UnitKeys, month, package

from qmsdesk.sync import crypto
from qmsdesk.sync.package import package_filename


@pytest.fixture
def office(tmp_path):
    return Office.with_units(tmp_path, str(tmp_path / "office.db"), ("H001", "D012"))


@pytest.fixture
def token(office):
    return office.token("H001", "D012")


@pytest.fixture
def rx(office):
    with Receivers(office) as start:
        yield start()


@pytest.fixture
def unit(office, rx, token, tmp_path) -> UnitKeys:
    """H001/D012 with its key confirmed by the office."""
    a = UnitKeys("H001", "D012")
    first = package(tmp_path / "first", a, office.keys(), period="2026-09")
    assert rx.post(first, token, first.name).code == "key_pending"
    assert office.confirm("H001", "D012", a.fingerprint).returncode == 0
    assert office.cli("import").returncode == 0  # the waiting package, now that its key is confirmed
    return a


def _big_month(seed: str, rows: int = 4_900, kinds: int = 4, words: int = 1) -> dict:
    """Up to 8 MB of data.json (the caps: 20,000 records, 8 MiB), free text of `words` sentences a row."""
    text = "夜班巡视不足，跌倒风险评估未落实，需加强交接班与床旁宣教。" * words
    out = {}
    for kind in ("rectification_items", "progress_notes", "meeting_problems", "inspection_findings")[:kinds]:
        out[kind] = {}
        for i in range(rows):
            rid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}/{kind}/{i}"))
            out[kind][rid] = {"id": rid, "deleted": False, "category": "跌倒", "problem": text, "note": text}
    return out


def test_a_strangers_big_package_is_held_by_its_key_without_being_decrypted_or_parsed(office, rx, token, unit,
                                                                                       tmp_path):
    forger = UnitKeys("H001", "D012", unit_id=unit.unit_id)
    big = package(tmp_path / "big", forger, office.keys(), records=_big_month("x"))
    assert 4 * 2**20 < big.stat().st_size < 8 * 2**20
    rx.reset_peak()
    ready = rx.peak_rss_mib()
    held = rx.post(big, token, big.name)
    stopped = rx.peak_rss_mib()
    assert (held.status, held.code) == (202, "new_key_pending")

    # The same bytes as version 2, signed by the unit's confirmed key: checked all the way to parsing (where
    # data.json, still saying version 1, is found inconsistent).
    def as_the_unit(manifest):
        manifest["unit_public_key"] = crypto.b64e(crypto.raw_public(unit.key))
        manifest["unit_key_fingerprint"] = unit.fingerprint
        manifest["version"] = 2

    control = rebuild(big, tmp_path / "control" / package_filename("H001", "D012", PERIOD, 2), signing_key=unit.key,
                      manifest_edit=as_the_unit)
    rx.reset_peak()
    parsed = rx.post(control, token, control.name)
    after_parsing = rx.peak_rss_mib()
    print(f"\nreceiver peak: {ready:.0f} MiB ready, {stopped:.0f} MiB for the package stopped by its key, "
          f"{after_parsing:.0f} MiB for the same bytes decrypted and parsed")
    assert (parsed.status, parsed.code) == (422, "inconsistent")
    assert stopped - ready < 15, "the stranger's data.json was decrypted or parsed"
    assert after_parsing - ready > (stopped - ready) + 20  # the witness: parsing does cost memory
    assert after_parsing < 150


@pytest.mark.parametrize("shape", ["most records", "most text"])
def test_a_package_at_the_caps_is_imported_within_150_mib(office, rx, token, unit, tmp_path, shape):
    records = (_big_month("cap", rows=10_000, kinds=2) if shape == "most records"
               else _big_month("cap", rows=3_400, kinds=2, words=6))
    big = package(tmp_path / "cap", unit, office.keys(), records=records)
    rx.reset_peak()
    reply = rx.post(big, token, big.name)
    peak = rx.peak_rss_mib()
    print(f"\nreceiver peak importing a package at the caps ({shape}, {big.stat().st_size / 2**20:.1f} MB): "
          f"{peak:.0f} MiB")
    assert (reply.status, reply.outcome) == (201, "applied"), reply.doc
    assert peak < 150


def test_record_counts_past_the_cap_are_refused_before_decryption(office, rx, token, unit, tmp_path):
    small = package(tmp_path / "small", unit, office.keys())

    def nine_hundred_thousand(manifest):
        manifest["record_counts"]["rectification_items"]["live"] = 900_000

    claimed = rebuild(small, tmp_path / "claimed" / small.name, signing_key=unit.key, manifest_edit=nine_hundred_thousand)
    reply = rx.post(claimed, token, claimed.name)
    assert (reply.status, reply.code) == (422, "too_many_records") and "900000" in reply.message
    assert office.counts()["packages"] == 1  # only the unit's first package, of 2026-09


def test_a_member_larger_than_its_limit_is_refused_from_the_listing(office, rx, token, unit, tmp_path):
    small = package(tmp_path / "small", unit, office.keys())
    huge = bytes(65 * 2**20)  # over the 64 MiB limit, deflated to 64 KB: the declared size is checked, nothing read
    bomb = rebuild(small, tmp_path / "bomb" / small.name, signing_key=unit.key, extra={"report.pdf": huge},
                   list_extra=True, compress=True)
    assert bomb.stat().st_size < 500_000
    reply = rx.post(bomb, token, bomb.name)
    assert (reply.status, reply.code) == (422, "oversized") and "report.pdf" in reply.message
    assert office.counts()["packages"] == 1


def test_an_unsealed_package_from_a_unit_enrolled_with_the_office_key_is_refused(office, rx, token, unit, tmp_path):
    plain = package(tmp_path / "plain", unit, office.keys(), sealed=False)
    reply = rx.post(plain, token, plain.name)
    assert (reply.status, reply.code) == (422, "not_encrypted") and "加密" in reply.message
    assert office.counts()["records"] == 2  # the 2026-09 month only


def test_the_same_uuid_twice_in_one_kind_is_refused_with_its_reason(office, rx, token, unit, tmp_path, monkeypatch):
    from qmsdesk.sync import package as package_module

    records = month("dup")
    rid = next(iter(records["rectification_items"]))
    real = package_module.canonical_json

    def with_a_second_copy(obj):
        blob = real(obj)
        first = f'"{rid}":'.encode()
        row = blob[blob.index(first):]
        row = row[:row.index(b"}") + 1]
        twice = row.replace("夜班巡视不足".encode(), "已整改完毕".encode())
        return blob.replace(row, row + b"," + twice) if first in blob and b'"records"' in blob else blob

    monkeypatch.setattr(package_module, "canonical_json", with_a_second_copy)
    dup = package(tmp_path / "dup", unit, office.keys(), records=records)
    monkeypatch.setattr(package_module, "canonical_json", real)
    reply = rx.post(dup, token, package_filename("H001", "D012", PERIOD, 1))
    assert (reply.status, reply.code) == (422, "duplicate_record") and rid in reply.message
    assert office.counts()["records"] == 2
