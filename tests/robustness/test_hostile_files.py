"""Hostile files: random, mutated and forged packages, enrollment files, receipts and indicator sheets.

The only outcomes allowed are a successful read or the reader's documented refusal (a QmsError
subclass naming the reason); nothing else may escape, and a refused sheet writes nothing. Forged
inputs are *signed* with a key the forger holds, so they get past the signature check and exercise
what comes after it: a unit's key travels inside its package, so anyone can sign a package.
"""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import uuid
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qmsdesk.sync import crypto
from qmsdesk.sync.enrollment import EnrollmentError, read_enrollment, write_enrollment
from qmsdesk.sync.keys import generate_office_keys
from qmsdesk.sync.package import (
    MANIFEST,
    SIGNATURE,
    PackageError,
    UnitIdentity,
    build_package,
    read_package,
    verify_package,
)
from qmsdesk.sync.receipts import ReceiptError, read_receipt, write_receipt

RARE = "𠮷𡈽"  # outside the Basic Multilingual Plane
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
OFFICE = generate_office_keys()
UNIT_KEY = crypto.new_signing_key()
UNIT = UnitIdentity(str(uuid.UUID(int=1)), "H001", "D012", "示例医院", "心血管内科")

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                      st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                      st.sampled_from(["", "\x00", "\u202e", RARE, "../../etc/passwd", "9999-99-99", "0000-01-01",
                                       "2026-13", "=cmd|' /C calc'!A0"]))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                             st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                          max_leaves=12)


def month_records() -> dict[str, dict[str, dict[str, Any]]]:
    sid = str(uuid.UUID(int=2))
    return {"staff": {sid: {"id": sid, "name": f"张{RARE}", "deleted": False}},
            "adverse_events": {str(uuid.UUID(int=3)): {"description": f"跌倒\x07 {RARE}", "medical_record_no": "****1234",
                                                       "occurred_at": "2026-10-03T08:00:00Z", "deleted": False}}}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pk")
    plain_dir, sealed_dir = out / "plain", out / "sealed"
    plain_dir.mkdir()
    sealed_dir.mkdir()
    members = {"report.xlsx": b"PK-not-really", "report.pdf": b"%PDF-1.4 " + RARE.encode()}
    plain = build_package(plain_dir, unit=UNIT, period="2026-10", version=1, records=month_records(),
                          signing_key=UNIT_KEY, members=members)
    sealed = build_package(sealed_dir, unit=UNIT, period="2026-10", version=1, records=month_records(),
                           signing_key=UNIT_KEY, members=members, office_key=OFFICE.encryption.public_key())
    return {"plain": plain.path, "sealed": sealed.path}


def forge(path: Path, manifest: Any, members: dict[str, bytes], *, raw_manifest: bytes | None = None,
          extra: list[tuple[str, bytes]] = ()) -> Path:
    """A zip signed with UNIT_KEY over whatever manifest the forger chose."""
    body = raw_manifest if raw_manifest is not None else json.dumps(manifest, ensure_ascii=False).encode()
    signature = crypto.b64e(crypto.sign(UNIT_KEY, body)).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, body)
        zf.writestr(SIGNATURE, signature)
        for name, blob in [*members.items(), *extra]:
            zf.writestr(name, blob)
    return path


def honest_manifest(blobs: dict[str, bytes], **overrides) -> dict[str, Any]:
    from qmsdesk.sync.package import sha256_hex

    doc = {"format_version": 1, "unit_id": UNIT.unit_id, "hospital_code": "H001", "department_code": "D012",
           "period": "2026-10", "version": 1, "record_counts": {}, "encryption": None,
           "unit_public_key": crypto.b64e(crypto.raw_public(UNIT_KEY)),
           "members": {n: {"sha256": sha256_hex(b), "size": len(b), "encrypted": False} for n, b in blobs.items()}}
    doc.update(overrides)
    return doc


def read_or_refuse(path: Path) -> None:
    """Both readers, with and without the office key: success or PackageError, nothing else."""
    for call in (lambda: verify_package(path), lambda: read_package(path),
                 lambda: read_package(path, office_key=OFFICE.encryption)):
        try:
            call()
        except PackageError as exc:
            assert str(exc).strip()


# --- packages -------------------------------------------------------------------------------------

def test_rare_characters_survive_the_package_round_trip(packages):
    for kind in ("plain", "sealed"):
        got = read_package(packages[kind], office_key=OFFICE.encryption)
        assert got.records == month_records()
        assert got.members["report.pdf"].endswith(RARE.encode())
        assert "𠮷" in got.records["staff"][str(uuid.UUID(int=2))]["name"]


@FUZZ
@given(data=st.data())
def test_mutated_packages_are_read_or_refused(packages, tmp_path, data):
    original = packages[data.draw(st.sampled_from(["plain", "sealed"]))].read_bytes()
    blob = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        blob[data.draw(st.integers(0, 2**20)) % len(blob)] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, 2**20).map(lambda n: n % (len(blob) + 1))))
    target = tmp_path / "m.qmspkg"
    target.write_bytes(bytes(blob[:cut] if cut is not None else blob))
    read_or_refuse(target)


@pytest.mark.parametrize("field, value", [(6, 64), (10, 99)], ids=["zip-version-6.4", "unknown-compression"])
def test_zip_features_the_reader_does_not_know_are_a_refusal(packages, tmp_path, field, value):
    # Found by the fuzzer: a central-directory entry claiming "needs zip 6.4" made zipfile raise
    # NotImplementedError, which escaped as a crash instead of the refusal the office files in quarantine.
    blob = bytearray(packages["plain"].read_bytes())
    entry = blob.index(b"PK\x01\x02")  # the first member's central-directory record: the manifest
    struct.pack_into("<H", blob, entry + field, value)
    target = tmp_path / "odd.qmspkg"
    target.write_bytes(bytes(blob))
    for call in (lambda: verify_package(target), lambda: read_package(target, office_key=OFFICE.encryption)):
        with pytest.raises(PackageError) as refused:
            call()
        assert refused.value.code in ("not_a_package", "damaged_member")
        assert "本程序" in str(refused.value) or "损坏" in str(refused.value)


@pytest.mark.parametrize("where", ["local", "central"])
def test_a_member_name_that_claims_utf8_and_is_not_is_a_refusal(packages, tmp_path, where):
    # Found by the fuzzer: a header with the UTF-8 flag and a name that does not decode made zipfile raise
    # UnicodeDecodeError, which escaped as a crash instead of the refusal the office files in quarantine.
    blob = bytearray(packages["plain"].read_bytes())
    header = 0 if where == "local" else blob.index(b"PK\x01\x02")
    flags, name = (6, 30) if where == "local" else (8, 46)
    struct.pack_into("<H", blob, header + flags, struct.unpack_from("<H", blob, header + flags)[0] | 0x0800)
    blob[header + name] = 0x80
    target = tmp_path / "odd-name.qmspkg"
    target.write_bytes(bytes(blob))
    for call in (lambda: verify_package(target), lambda: read_package(target, office_key=OFFICE.encryption)):
        with pytest.raises(PackageError) as refused:
            call()
        assert refused.value.code in ("not_a_package", "damaged_member", "tampered")


@FUZZ
@given(field=st.sampled_from(["format_version", "members", "unit_public_key", "encryption", "period", "version",
                              "record_counts", "unit_id"]), value=json_value)
def test_signed_manifests_with_wrong_types_are_refused_not_crashed(tmp_path, field, value):
    data = json.dumps({"format_version": 1, "unit_id": UNIT.unit_id, "period": "2026-10", "version": 1,
                       "records": {}, "notes": {}}).encode()
    members = {"data.json": data}
    manifest = honest_manifest(members, **{field: value})
    read_or_refuse(forge(tmp_path / "f.qmspkg", manifest, members))


@FUZZ
@given(records=json_value, counts=json_value)
def test_signed_data_json_with_hostile_records_is_read_or_refused(tmp_path, records, counts):
    data = json.dumps({"format_version": 1, "unit_id": UNIT.unit_id, "period": "2026-10", "version": 1,
                       "records": records, "notes": {}}).encode()
    members = {"data.json": data}
    read_or_refuse(forge(tmp_path / "d.qmspkg", honest_manifest(members, record_counts=counts), members))


@pytest.mark.parametrize("claimed", [1, 2])
def test_duplicated_uuids_in_data_json_are_refused_by_name(tmp_path, claimed):
    """json.loads would keep the last of two records under one UUID; the reader refuses, whatever the counts say."""
    sid = str(uuid.UUID(int=9))
    text = ('{"format_version":1,"notes":{},"period":"2026-10","records":{"staff":{' + f'"{sid}":{{"name":"甲"}},'
            + f'"{sid}":{{"name":"乙"}}' + f'}}}},"unit_id":"{UNIT.unit_id}","version":1}}').encode()
    members = {"data.json": text}
    counts = {"staff": {"live": claimed, "deleted": 0}}
    path = forge(tmp_path / "dup.qmspkg", honest_manifest(members, record_counts=counts), members)
    with pytest.raises(PackageError) as caught:
        read_package(path)
    assert caught.value.code == "duplicate_record" and sid in str(caught.value)


@pytest.mark.parametrize("name", ["../evil.json", "/etc/passwd", "a\\..\\b", "C:evil", "sub/../../x", "nul\x00x"])
def test_path_traversal_names_are_refused_and_nothing_is_extracted(tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    members = {"data.json": b"{}"}
    # the manifest lists the hostile member too, so only the name check stands between it and the reader
    listed = honest_manifest({**members, name: b"owned"})
    path = forge(tmp_path / "t.qmspkg", listed, members, extra=[(name, b"owned")])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(PackageError) as caught:
        read_package(path)
    # zipfile cuts a name at NUL, so that one arrives as a member the manifest does not list
    assert caught.value.code in ("unsafe_name", "unexpected_member", "missing_member")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/evil.json").exists()


@pytest.mark.parametrize("where", ["manifest", "data"])
def test_huge_json_nesting_is_a_refusal(tmp_path, where):
    deep = b"[" * 200_000 + b"]" * 200_000
    if where == "manifest":
        path = forge(tmp_path / "n.qmspkg", None, {}, raw_manifest=deep)
    else:
        data = b'{"records":' + deep + b"}"
        members = {"data.json": data}
        path = forge(tmp_path / "n.qmspkg", honest_manifest(members), members)
    with pytest.raises(PackageError):
        read_package(path)


def _zip_with_raw_member(entries: list[tuple[str, bytes]], name: str, deflated: bytes, declared: int,
                         crc: int) -> bytes:
    """A zip whose last member's deflate stream is given as is, with whatever size its headers declare.

    zipfile cannot write such a member without inflating it; the classic zip bomb lies about its size.
    """
    out = io.BytesIO()
    central = []
    for fname, method, comp, size, c in [*((n.encode(), 0, d, len(d), zlib.crc32(d)) for n, d in entries),
                                         (name.encode(), 8, deflated, declared, crc)]:
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, c, len(comp), size,
                              len(fname), 0) + fname + comp)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, c, len(comp),
                                   size, len(fname), 0, 0, 0, 0, 0, offset) + fname)
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def test_a_zip_bomb_is_refused_without_inflating_past_the_limit(tmp_path, monkeypatch):
    from qmsdesk.sync import package

    limit = 4 * 2**20
    monkeypatch.setattr(package, "MAX_MEMBER_BYTES", limit)
    true_size = 200 * 2**20
    zeros = b"\0" * true_size
    crc = zlib.crc32(zeros)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = squeeze.compress(zeros) + squeeze.flush()  # ~200 KB that inflate to 200 MiB
    del zeros
    manifest = json.dumps(honest_manifest({"data.json": b"{}"})).encode()
    signature = crypto.b64e(crypto.sign(UNIT_KEY, manifest)).encode()
    for declared in (true_size, 1000):  # the truth (refused by its size), and a lie (bounded by the reader)
        path = tmp_path / f"bomb{declared}.qmspkg"
        path.write_bytes(_zip_with_raw_member([(MANIFEST, manifest), (SIGNATURE, signature)], "data.json", bomb,
                                              declared, crc))
        tracemalloc.start()
        try:
            with pytest.raises(PackageError) as caught:
                read_package(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert caught.value.code in ("oversized", "hash_mismatch", "damaged_member")
        # fh.read(limit + 1) may hold the inflated bytes twice while joining chunks; never the 200 MiB
        assert peak < 3 * limit, f"the reader held {peak / 2**20:.0f} MiB for a {limit / 2**20:.0f} MiB limit"


# --- enrollment files and receipts ----------------------------------------------------------------

def _enrollment(tmp_path: Path) -> Path:
    return write_enrollment(tmp_path / "e.json", OFFICE, hospital_code="H001", hospital_name=f"示例{RARE}医院",
                            department_code="D012", department_name="心血管内科", department_type="inpatient_medical",
                            inbox="/mnt/share/inbox")


def test_rare_characters_survive_enrollment(tmp_path):
    enrollment, _token = read_enrollment(_enrollment(tmp_path))
    assert enrollment.hospital_name == f"示例{RARE}医院"


@FUZZ
@given(data=st.data())
def test_mutated_enrollment_files_are_read_or_refused(tmp_path, data):
    path = _enrollment(tmp_path)
    blob = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        blob[data.draw(st.integers(0, 2**20)) % len(blob)] = data.draw(st.integers(0, 255))
    path.write_bytes(bytes(blob))
    try:
        read_enrollment(path)
    except EnrollmentError:
        pass


@FUZZ
@given(field=st.sampled_from(["hospital_code", "hospital_name", "department_type", "deadline_day", "inbox", "url",
                              "office_encryption_key", "token", "issued", "office_name"]), value=json_value)
def test_signed_enrollment_with_wrong_types_is_refused_not_crashed(tmp_path, field, value):
    from qmsdesk.sync.enrollment import _signed_bytes

    doc = json.loads(_enrollment(tmp_path).read_text(encoding="utf-8"))
    doc[field] = value
    try:
        doc["signature"] = crypto.b64e(crypto.sign(OFFICE.signing, _signed_bytes(doc)))
    except ValueError:
        doc["signature"] = "AAAA"  # NaN cannot be signed canonically; the file still reaches the reader
    path = tmp_path / "w.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    try:
        read_enrollment(path)
    except EnrollmentError:
        pass


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"format": NaN}', "\ufeff{}", "𠮷" * 1000])
def test_strange_enrollment_and_receipt_texts_are_refused(tmp_path, text):
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EnrollmentError):
        read_enrollment(path)
    with pytest.raises(ReceiptError):
        read_receipt(path, OFFICE.signing.public_key())


def _receipt(tmp_path: Path) -> Path:
    return write_receipt(tmp_path, OFFICE.signing, package_sha256="ab" * 32, hospital_code="H001",
                         department_code="D012", period="2026-10", version=1, status="returned",
                         comments=f"请补充{RARE}的记录")


def test_rare_characters_survive_a_receipt(tmp_path):
    assert read_receipt(_receipt(tmp_path), OFFICE.signing.public_key()).comments == f"请补充{RARE}的记录"


@FUZZ
@given(field=st.sampled_from(["package_sha256", "hospital_code", "period", "version", "status", "comments", "time"]),
       value=json_value)
def test_signed_receipts_with_wrong_types_are_refused_not_crashed(tmp_path, field, value):
    from qmsdesk.sync.records import canonical_json

    doc = json.loads(_receipt(tmp_path).read_text(encoding="utf-8"))
    doc[field] = value
    doc.pop("signature")
    try:
        doc["signature"] = crypto.b64e(crypto.sign(OFFICE.signing, canonical_json(doc)))
    except ValueError:
        doc["signature"] = "AAAA"
    path = tmp_path / "r.receipt.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    try:
        read_receipt(path, OFFICE.signing.public_key())
    except ReceiptError:
        pass


# --- indicator sheets -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sheet_db(tmp_path_factory):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.catalogue import install_catalogue

    db = open_database(tmp_path_factory.mktemp("sheet") / "q.db", actor="测试")
    with db.session() as s:
        install_catalogue(s, "inpatient_medical")
    yield db
    db.close()


def _import(db, path: Path) -> None:
    from qmsdesk.errors import ValidationError
    from qmsdesk.services.indicator_import import import_values

    with db.session() as s:
        try:
            import_values(s, path)
        except ValidationError:
            assert not s.new and not s.dirty and not s.deleted, "a refused sheet left changes behind"
        s.rollback()  # successful imports are undone too, so every example starts from the same database


cell = st.one_of(st.sampled_from(["NUR-FALL", "NUR-PI", "nur-fall ", "NIT-VTE", "", "2026-10", "2025-11", "2026-13",
                                  "9999-12", "0001-01", "1e309", "NaN", "-1", "0", "3.5", "１２", RARE, "\x00\x1b[2J",
                                  "=1+1", "2026/10/01", "10/2026"]),
                 st.text(max_size=12), st.integers(-10**12, 10**12).map(str), st.floats().map(str))


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=6), max_size=8),
       header=st.sampled_from([["code", "period", "numerator", "denominator"], ["指标编码", "月份", "分子", "分母", "备注"],
                               ["x"], []]))
def test_random_csv_sheets_import_whole_or_are_refused_writing_nothing(sheet_db, tmp_path, rows, header):
    import csv

    path = tmp_path / "s.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    _import(sheet_db, path)


@FUZZ
@given(data=st.data())
def test_mutated_xlsx_sheets_are_imported_or_refused(sheet_db, tmp_path, data):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["指标编码", "月份", "分子", "分母", "备注"])
    from openpyxl.utils.exceptions import IllegalCharacterError

    for row in data.draw(st.lists(st.lists(cell, min_size=4, max_size=5), max_size=5)):
        try:
            ws.append(row)
        except IllegalCharacterError:
            assume(False)  # openpyxl itself refuses to write these; a sheet cannot carry them
    buf = io.BytesIO()
    wb.save(buf)
    blob = bytearray(buf.getvalue())
    if data.draw(st.booleans()):
        for _ in range(data.draw(st.integers(1, 10))):
            # A position drawn independently of the file's length: the saved workbook carries the time, so
            # its compressed length varies run to run, and Hypothesis must replay the same draws.
            blob[data.draw(st.integers(0, 2**20)) % len(blob)] = data.draw(st.integers(0, 255))
    path = tmp_path / "s.xlsx"
    path.write_bytes(bytes(blob))
    _import(sheet_db, path)


def test_rare_characters_survive_the_indicator_template(sheet_db, tmp_path):
    from openpyxl import load_workbook

    from qmsdesk.services.indicator_import import import_values, write_template

    with sheet_db.session() as s:
        path = write_template(tmp_path / "t.xlsx", s, "2026-10")
    wb = load_workbook(path)
    ws = wb.active
    ws.delete_rows(2, ws.max_row)  # the template's blank rows would be refused as missing figures
    ws.append(["NUR-FALL", "住院患者跌倒发生率", "2026-09", 1, 1000, f"患者{RARE}"])
    wb.save(path)
    with sheet_db.session() as s:
        import_values(s, path)
        from sqlalchemy import select

        from qmsdesk.db import models as m

        notes = set(s.scalars(select(m.IndicatorValue.note)))
        s.rollback()
    assert f"患者{RARE}" in notes
