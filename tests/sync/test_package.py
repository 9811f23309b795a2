"""The package: round trip, encryption, and every way a damaged or hostile package is refused."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from reportlab.pdfgen import canvas
from sync_month import FULL_MRN, PERIOD

from qmsdesk.sync import crypto
from qmsdesk.sync import package as pkg
from qmsdesk.sync.keys import generate_office_keys
from qmsdesk.sync.records import month_records

UNIT = pkg.UnitIdentity("5b0c3d8e-0000-4000-8000-000000000001", "H001", "D012", "示例县人民医院", "心血管内科")


def _xlsx() -> bytes:
    wb = Workbook()
    wb.active.title = "概览"
    wb.active["A1"] = "科室质控月报"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "QMS monthly report")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture
def unit_key():
    return crypto.new_signing_key()


@pytest.fixture
def records(session, month):
    return month_records(session, PERIOD)


def _build(tmp_path, records, unit_key, office=None, **kw):
    return pkg.build_package(tmp_path / "out", unit=UNIT, period=PERIOD, version=kw.pop("version", 1), records=records,
                             signing_key=unit_key, members={"report.xlsx": _xlsx(), "report.pdf": _pdf()},
                             office_key=office.encryption.public_key() if office else None, **kw)


def _rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a package zip, passing each (name, bytes) through `change` (None drops the member)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            out = change(info.filename, zin.read(info))
            if out is not None:
                name, data = out
                zout.writestr(name, data)
    return dst


def test_a_month_round_trips_through_a_plain_package(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key, notes={"accepted_warnings": "已知晓"})
    assert built.path.name == "QMS_H001_D012_202610_v1.qmspkg"
    contents = pkg.read_package(built.path)
    assert contents.records == records
    assert contents.data["notes"] == {"accepted_warnings": "已知晓"}
    assert load_workbook(io.BytesIO(contents.members["report.xlsx"]))["概览"]["A1"].value == "科室质控月报"
    assert contents.members["report.pdf"].startswith(b"%PDF")
    m = contents.manifest
    assert (m["format_version"], m["hospital_code"], m["department_code"], m["period"], m["version"]) == \
        (1, "H001", "D012", PERIOD, 1)
    assert m["record_counts"]["meetings"] == {"live": 1, "deleted": 1}
    assert m["unit_public_key"] == crypto.b64e(crypto.raw_public(unit_key))
    assert set(m["members"]) == {"data.json", "report.xlsx", "report.pdf"}


def test_a_sealed_package_round_trips_with_the_office_key(tmp_path, records, unit_key, office_keys):
    built = _build(tmp_path, records, unit_key, office_keys)
    assert pkg.verify_package(built.path).encrypted  # integrity is checkable without the office key
    assert pkg.read_package(built.path).data is None
    contents = pkg.read_package(built.path, office_keys.encryption)
    assert contents.records == records
    assert contents.members["report.pdf"].startswith(b"%PDF")


def test_the_wrong_office_key_cannot_open_a_sealed_package(tmp_path, records, unit_key, office_keys):
    built = _build(tmp_path, records, unit_key, office_keys)
    with pytest.raises(pkg.PackageError) as err:
        pkg.read_package(built.path, generate_office_keys().encryption)
    assert err.value.code == "wrong_office_key" and "正确的质控办密钥" in str(err.value)


def test_a_sealed_package_holds_no_plaintext_member_bytes(tmp_path, records, unit_key, office_keys):
    built = _build(tmp_path, records, unit_key, office_keys)
    raw = built.path.read_bytes()
    with zipfile.ZipFile(built.path) as zf:
        stored = {n: zf.read(n) for n in zf.namelist()}
    for needle in ("夜间如厕".encode(), "王护士长".encode(), b"%PDF", b"xl/worksheets", FULL_MRN.encode()):
        assert needle not in raw
        assert all(needle not in blob for blob in stored.values())


@pytest.mark.parametrize("sealed", [False, True])
def test_no_full_medical_record_number_anywhere_in_the_package(tmp_path, records, unit_key, office_keys, sealed):
    built = _build(tmp_path, records, unit_key, office_keys if sealed else None)
    assert FULL_MRN.encode() not in built.path.read_bytes()
    contents = pkg.read_package(built.path, office_keys.encryption if sealed else None)
    for name, blob in contents.members.items():
        assert FULL_MRN.encode() not in blob, name
        if name == "data.json":
            assert "****1234" in blob.decode()
    with zipfile.ZipFile(built.path) as zf:
        assert all(FULL_MRN.encode() not in zf.read(n) for n in zf.namelist())


def test_the_same_records_give_the_same_data_json(tmp_path, records, unit_key):
    a = pkg.read_package(_build(tmp_path, records, unit_key).path).members["data.json"]
    b = pkg.read_package(_build(tmp_path / "b", records, unit_key).path).members["data.json"]
    assert a == b


def _flip_stored_byte(path: Path, member: str) -> None:
    """Flip one byte inside a member's stored data, in place, as a bad USB stick would."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    data = bytearray(path.read_bytes())
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x20
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "sealed"])
@pytest.mark.parametrize("member", ["manifest.json", "signature", "data.json", "report.xlsx", "report.pdf"])
def test_a_flipped_byte_in_any_member_fails_verification(tmp_path, records, unit_key, office_keys, member, sealed):
    built = _build(tmp_path, records, unit_key, office_keys if sealed else None)
    _flip_stored_byte(built.path, member)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(built.path)
    assert "未通过校验" in str(err.value)


@pytest.mark.parametrize("member", ["data.json", "report.xlsx", "report.pdf"])
def test_a_changed_member_is_named_in_the_refusal(tmp_path, records, unit_key, member):
    built = _build(tmp_path, records, unit_key)

    def change(name, data):
        return (name, data[:-1] + bytes([data[-1] ^ 1])) if name == member else (name, data)

    bad = _rewrite(built.path, tmp_path / "bad.qmspkg", change)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(bad)
    assert err.value.code == "hash_mismatch" and err.value.member == member and member in str(err.value)


def test_a_changed_manifest_breaks_the_signature(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key)

    def change(name, data):
        return (name, data.replace(b'"version": 1', b'"version": 2')) if name == "manifest.json" else (name, data)

    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(_rewrite(built.path, tmp_path / "bad.qmspkg", change))
    assert err.value.code == "bad_signature"


def test_a_package_signed_by_another_key_is_refused_naming_both(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key)
    expected = crypto.new_signing_key()
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(built.path, expected_unit_key=expected.public_key())
    assert err.value.code == "wrong_key"
    assert crypto.fingerprint(crypto.raw_public(expected)) in str(err.value)
    assert pkg.verify_package(built.path, expected_unit_key=crypto.raw_public(unit_key)).version == 1


def test_a_truncated_package_is_refused(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key)
    cut = tmp_path / "cut.qmspkg"
    cut.write_bytes(built.path.read_bytes()[: built.path.stat().st_size // 2])
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(cut)
    assert err.value.code == "not_a_package" and "截断" in str(err.value)


def test_a_missing_member_is_refused(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key)
    bad = _rewrite(built.path, tmp_path / "bad.qmspkg", lambda n, d: None if n == "report.pdf" else (n, d))
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(bad)
    assert err.value.code == "missing_member" and "report.pdf" in str(err.value)


def _signed_zip(path: Path, key, manifest: dict, members: dict[str, bytes]) -> Path:
    """A package written by hand (as an attacker would), properly signed."""
    mbytes = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", mbytes)
        zf.writestr("signature", crypto.b64e(crypto.sign(key, mbytes)))
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _manifest(key, members: dict[str, bytes], **over) -> dict:
    base = {"format_version": 1, "unit_public_key": crypto.b64e(crypto.raw_public(key)), "period": PERIOD,
            "version": 1, "members": {n: {"sha256": pkg.sha256_hex(d), "size": len(d), "encrypted": False}
                                      for n, d in members.items()}}
    base.update(over)
    return base


@pytest.mark.parametrize("name", ["../../x", "/etc/cron.d/x", "a\\..\\b", "C:/x", "a/../../b"])
def test_unsafe_member_names_are_refused(tmp_path, unit_key, name):
    members = {name: b"payload"}
    path = _signed_zip(tmp_path / "evil.qmspkg", unit_key, _manifest(unit_key, members), members)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(path)
    assert err.value.code == "unsafe_name"


def test_unsafe_member_names_are_refused_when_building(tmp_path, records, unit_key):
    with pytest.raises(pkg.PackageError) as err:
        pkg.build_package(tmp_path, unit=UNIT, period=PERIOD, version=1, records=records, signing_key=unit_key,
                          members={"../report.pdf": b"x"})
    assert err.value.code == "unsafe_name"


def test_an_unknown_format_version_is_refused_with_the_way_out(tmp_path, unit_key):
    members = {"data.json": b"{}"}
    path = _signed_zip(tmp_path / "v9.qmspkg", unit_key, _manifest(unit_key, members, format_version=9), members)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(path)
    assert err.value.code == "unknown_format" and "升级 qmsdesk" in str(err.value)


def test_an_oversized_member_is_refused_before_it_is_read(tmp_path, unit_key, monkeypatch):
    monkeypatch.setattr(pkg, "MAX_MEMBER_BYTES", 1000)
    members = {"data.json": b"0" * 5000}  # compresses to almost nothing: the declared size decides
    path = _signed_zip(tmp_path / "big.qmspkg", unit_key, _manifest(unit_key, members), members)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(path)
    assert err.value.code == "oversized" and err.value.member == "data.json"


def test_too_many_members_are_refused(tmp_path, unit_key):
    members = {f"m{i}.txt": b"x" for i in range(pkg.MAX_MEMBERS + 1)}
    path = _signed_zip(tmp_path / "many.qmspkg", unit_key, _manifest(unit_key, members), members)
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(path)
    assert err.value.code == "too_many_members"


def test_a_member_outside_the_manifest_is_refused(tmp_path, unit_key):
    members = {"data.json": b"{}"}
    path = _signed_zip(tmp_path / "extra.qmspkg", unit_key, _manifest(unit_key, members),
                       {**members, "payload.exe": b"MZ"})
    with pytest.raises(pkg.PackageError) as err:
        pkg.verify_package(path)
    assert err.value.code == "unexpected_member" and "payload.exe" in str(err.value)


def test_an_existing_package_is_not_overwritten_by_default(tmp_path, records, unit_key):
    _build(tmp_path, records, unit_key)
    with pytest.raises(pkg.PackageError) as err:
        _build(tmp_path, records, unit_key)
    assert err.value.code == "exists"


def test_a_package_is_written_without_leftover_temporary_files(tmp_path, records, unit_key):
    built = _build(tmp_path, records, unit_key)
    assert [p.name for p in built.path.parent.iterdir()] == [built.path.name]
    assert zlib.crc32(built.path.read_bytes())  # a real, complete file


def test_data_json_that_disagrees_with_the_manifest_is_refused(tmp_path, unit_key):
    data = json.dumps({"format_version": 1, "unit_id": "u", "period": "2026-09", "version": 1, "records": {},
                       "notes": {}}).encode()
    members = {"data.json": data}
    manifest = _manifest(unit_key, members, unit_id="u", record_counts={}, hospital_code="H001", department_code="D012")
    path = _signed_zip(tmp_path / "odd.qmspkg", unit_key, manifest, members)
    pkg.verify_package(path)  # intact as a file ...
    with pytest.raises(pkg.PackageError) as err:  # ... but it claims another month inside
        pkg.read_package(path)
    assert err.value.code == "inconsistent"
