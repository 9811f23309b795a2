"""The submission package (.qmspkg): build, verify and read the signed, optionally encrypted zip.

Layout (DESIGN.md §4): `manifest.json` (identity, counts, SHA-256 and size of every member, the
unit's public key, encryption parameters), `signature` (base64 Ed25519 over the exact manifest bytes)
and the members: `data.json`, `report.xlsx`, `report.pdf`. With an office encryption key every member
is sealed to it (crypto.Sealer), so the zip holds no plaintext member bytes; the manifest stays
readable so anyone can check integrity and identity without the office's private key.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from qmsdesk import __version__
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.sync import crypto
from qmsdesk.sync.canonical import canonical_json, record_counts
from qmsdesk.sync.keys import write_atomically
from qmsdesk.sync.zip_reader import (
    MAX_MEMBERS,
    PackageError,
    check_listing,
    hash_member,
    open_zip,
    read_member,
    refuse,
    unsafe_zip_name,
)

FORMAT_VERSION = 1
SUPPORTED_FORMATS = frozenset({1})
SUFFIX = ".qmspkg"
MANIFEST = "manifest.json"
SIGNATURE = "signature"
DATA = "data.json"
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
# One department's month is a few hundred records and about 100 KB of data.json (the demo's busiest month:
# 300 records, 114 KB). The caps are far above that and keep an importer's memory bounded: data.json is
# decrypted, parsed and written whole, and a package at the caps takes the receiver to about 120 MiB.
MAX_DATA_BYTES = 8 * 1024 * 1024
MAX_RECORDS_PER_KIND = 10_000
MAX_RECORDS = 20_000
MAX_KINDS = 64
_KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_RECORD_ID = re.compile(r"^[A-Za-z0-9-]{1,36}$")  # a UUID, as every record's id is
# The same codes the unit service accepts (services/unit.py).
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class UnitIdentity:
    unit_id: str
    hospital_code: str
    department_code: str
    hospital_name: str = ""
    department_name: str = ""


@dataclass(frozen=True)
class BuiltPackage:
    path: Path
    sha256: str
    manifest: dict[str, Any]


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose hashes and signature hold. `sha256` is of the whole file (the office's dedup key)."""

    path: Path
    sha256: str
    manifest: dict[str, Any]
    manifest_bytes: bytes
    unit_key: str
    unit_key_fingerprint: str
    # The file's bytes when they were read once (hashed and checked from memory); None: read from `path`.
    content: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def encrypted(self) -> bool:
        return bool(self.manifest.get("encryption"))

    @property
    def period(self) -> str:
        return self.manifest["period"]

    @property
    def version(self) -> int:
        return self.manifest["version"]


@dataclass(frozen=True)
class PackageContents:
    verified: VerifiedPackage
    members: dict[str, bytes] = field(default_factory=dict)  # decrypted; empty for sealed ones without a key
    data: dict[str, Any] | None = None

    @property
    def manifest(self) -> dict[str, Any]:
        return self.verified.manifest

    @property
    def records(self) -> dict[str, dict[str, dict[str, Any]]] | None:
        return None if self.data is None else self.data["records"]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# A file up to this size is read once and checked from memory (hash, listing, signature, members, data.json);
# a bigger one is streamed from disk as before, so memory stays bounded.
READ_ONCE_BYTES = 16 * 1024 * 1024


def read_once(path: Path | str) -> tuple[str, bytes | None]:
    """The file's SHA-256 and, when it is small enough to hold, its bytes (None: hashed as a stream)."""
    path = Path(path)
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size <= READ_ONCE_BYTES:
            content = fh.read(READ_ONCE_BYTES + 1)
            if len(content) <= READ_ONCE_BYTES:
                return sha256_hex(content), content
    return file_sha256(path), None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_code(code: str, what: str) -> str:
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise PackageError(msg("{w}“{c}”无效：只能包含字母、数字、“-”“_”“.”，最长 32 个字符。",
                               "{w} '{c}' is invalid: letters, digits, '-', '_' and '.' only, at most 32.", w=what, c=code),
                           "bad_code")
    return code


def package_filename(hospital_code: str, department_code: str, period: Period | str, version: int) -> str:
    p = Period.parse(period)
    return (f"QMS_{check_code(hospital_code, '医院编码')}_{check_code(department_code, '科室编码')}_"
            f"{p.year:04d}{p.month:02d}_v{int(version)}{SUFFIX}")


def _check_member_name(name: str) -> None:
    reserved = name in (MANIFEST, SIGNATURE)
    if reserved or not _NAME_PATTERN.match(name) or ".." in name:
        raise PackageError(msg("成员名“{n}”不安全或不允许（不能是绝对路径、含“..”或反斜杠、或与保留名重复）。",
                               "Member name '{n}' is unsafe or not allowed (absolute path, '..', backslash or reserved).",
                               n=name), "unsafe_name", name)


# --- building ----------------------------------------------------------------------------------

def _check_build_counts(records: dict[str, dict[str, dict[str, Any]]]) -> None:
    """The office refuses more records than the caps; say so here, before anything is signed or sent."""
    sizes = {kind: len(rows) for kind, rows in records.items()}
    big = [k for k, n in sizes.items() if n > MAX_RECORDS_PER_KIND]
    if big or sum(sizes.values()) > MAX_RECORDS or len(sizes) > MAX_KINDS:
        raise PackageError(msg("本月记录过多（{k}），超过一个上报包的上限（每类 {p} 条，共 {t} 条）。请联系技术支持。",
                               "Too many records this month ({k}): more than one package holds ({p} per kind, {t} in "
                               "all). Contact support.", k=", ".join(big) or sum(sizes.values()),
                               p=MAX_RECORDS_PER_KIND, t=MAX_RECORDS), "too_many_records")


def build_package(out_dir: Path, *, unit: UnitIdentity, period: Period | str, version: int,
                  records: dict[str, dict[str, dict[str, Any]]], signing_key: Ed25519PrivateKey,
                  members: Mapping[str, bytes] | None = None,
                  office_key: X25519PublicKey | bytes | str | None = None,
                  notes: Mapping[str, Any] | None = None, created: datetime | None = None,
                  overwrite: bool = False) -> BuiltPackage:
    """Write QMS_<h>_<d>_<YYYYMM>_v<N>.qmspkg into `out_dir` (temp name + fsync + rename).

    `records` is `records.month_records()`; `members` the extra files by name (report.xlsx,
    report.pdf); `notes` goes into data.json (accepted warnings and their comment, amend reason);
    `office_key` (the office's X25519 public key) seals every member to the office.
    """
    p = Period.parse(period)
    if int(version) < 1:
        raise PackageError(msg("版本号必须从 1 开始。", "Versions start at 1."), "bad_version")
    extra = dict(members or {})
    if DATA in extra:
        raise PackageError(msg("data.json 由程序生成，不能作为附加文件传入。", "data.json is generated, not passed in."),
                           "unsafe_name", DATA)
    for name in extra:
        _check_member_name(name)
    if len(extra) + 1 > MAX_MEMBERS:
        raise PackageError(msg("附加文件太多（最多 {n} 个）。", "Too many members (at most {n}).", n=MAX_MEMBERS - 1),
                           "too_many_members")
    path = Path(out_dir) / package_filename(unit.hospital_code, unit.department_code, p, version)
    if path.exists() and not overwrite:
        raise PackageError(msg("{f} 已存在。已发出的版本不能被覆盖；如需更正请申请更正生成新版本。",
                               "{f} already exists. A sent version is never overwritten; amend to make a new version.",
                               f=path.name), "exists")
    data = {"format_version": FORMAT_VERSION, "unit_id": unit.unit_id, "period": str(p), "version": int(version),
            "records": records, "notes": dict(notes or {})}
    plain_members = {DATA: canonical_json(data), **{k: bytes(v) for k, v in sorted(extra.items())}}
    _check_build_counts(records)

    sealer = None
    if office_key is not None:
        if not isinstance(office_key, X25519PublicKey):
            office_key = crypto.encryption_public_key(office_key)
        sealer = crypto.Sealer(office_key)
    stored = {n: (sealer.seal(n, b) if sealer else b) for n, b in plain_members.items()}
    for name, blob in stored.items():
        if len(blob) > _limit_of(name):
            raise PackageError(msg("“{n}”超过 {mb} MB，无法打包。", "'{n}' exceeds {mb} MB.", n=name,
                                   mb=_limit_of(name) // 2**20), "oversized", name)

    created = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    unit_raw = crypto.raw_public(signing_key)
    manifest = {
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "unit_id": unit.unit_id,
        "hospital_code": unit.hospital_code,
        "hospital_name": unit.hospital_name,
        "department_code": unit.department_code,
        "department_name": unit.department_name,
        "period": str(p),
        "version": int(version),
        "created": created.isoformat().replace("+00:00", "Z"),
        "record_counts": record_counts(records),
        "members": {n: {"sha256": sha256_hex(b), "size": len(b), "encrypted": sealer is not None}
                    for n, b in stored.items()},
        "unit_public_key": crypto.b64e(unit_raw),
        "unit_key_fingerprint": crypto.fingerprint(unit_raw),
        "encryption": None if sealer is None else {
            "scheme": crypto.SCHEME,
            "ephemeral_public_key": crypto.b64e(sealer.ephemeral_public),
            "recipient_key_fingerprint": crypto.fingerprint(sealer.recipient_public),
        },
    }
    manifest_bytes = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
    signature = crypto.b64e(crypto.sign(signing_key, manifest_bytes)).encode("ascii")

    buf = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buf, "w") as zf:
        for name, blob, compress in [(MANIFEST, manifest_bytes, True), (SIGNATURE, signature, False),
                                     *[(n, b, sealer is None) for n, b in stored.items()]]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, blob)
    blob = buf.getvalue()
    write_atomically(path, blob, mode=0o644)
    return BuiltPackage(path, sha256_hex(blob), manifest)


# --- verifying and reading ---------------------------------------------------------------------

def _as_raw_verify_key(key: Ed25519PublicKey | bytes | str) -> bytes:
    if isinstance(key, Ed25519PublicKey):
        return crypto.raw_public(key)
    return crypto.b64d(key) if isinstance(key, str) else bytes(key)


def _parse_manifest(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise refuse(path, "bad_manifest", "manifest.json 无法读取（{e}）。", "manifest.json cannot be read ({e}).",
                      MANIFEST, e=type(exc).__name__ if isinstance(exc, RecursionError) else exc) from exc
    fmt = manifest.get("format_version")
    if not isinstance(fmt, int) or fmt not in SUPPORTED_FORMATS:
        raise refuse(path, "unknown_format", "格式版本 {v} 无法识别（本程序支持 {s}）。请升级 qmsdesk 后再导入。",
                      "unknown format version {v} (this program reads {s}). Update qmsdesk and import again.",
                      v=fmt, s=", ".join(map(str, sorted(SUPPORTED_FORMATS))))
    members = manifest.get("members")
    if not isinstance(members, dict) or not isinstance(manifest.get("unit_public_key"), str):
        raise refuse(path, "bad_manifest", "manifest.json 缺少成员清单或单位公钥。", "manifest.json lacks members or unit key.")
    if not isinstance(manifest.get("encryption"), dict | None):
        raise refuse(path, "bad_manifest", "manifest.json 的加密信息格式不对。", "manifest.json's encryption section is malformed.")
    return manifest


def _limit_of(name: str) -> int:
    """The most bytes a member may take in the zip (sealed or not)."""
    return min(MAX_DATA_BYTES, MAX_MEMBER_BYTES) if name == DATA else MAX_MEMBER_BYTES


def _check_counts(manifest: dict[str, Any], path: Path) -> None:
    """The signed record counts stay within the caps: a month of one department is a few hundred rows."""
    counts = manifest.get("record_counts")
    if not isinstance(counts, dict) or len(counts) > MAX_KINDS:
        raise refuse(path, "bad_manifest", "manifest.json 的记录数格式不对。", "manifest.json's record counts are malformed.")
    total = 0
    for kind, c in counts.items():
        numbers = list(c.values()) if isinstance(c, dict) else [None]
        if not _KIND_PATTERN.match(str(kind)) or not all(type(n) is int and n >= 0 for n in numbers):
            raise refuse(path, "bad_manifest", "manifest.json 的记录数格式不对。", "manifest.json's record counts are malformed.")
        if sum(numbers) > MAX_RECORDS_PER_KIND:
            raise refuse(path, "too_many_records", "“{k}”有 {n} 条记录，超过上限 {l} 条，不是一个科室一个月的数据。",
                          "'{k}' holds {n} records, more than the limit of {l}: not one department's month.",
                          k=kind, n=sum(numbers), l=MAX_RECORDS_PER_KIND)
        total += sum(numbers)
    if total > MAX_RECORDS:
        raise refuse(path, "too_many_records", "共有 {n} 条记录，超过上限 {l} 条，不是一个科室一个月的数据。",
                      "{n} records in all, more than the limit of {l}: not one department's month.", n=total, l=MAX_RECORDS)


def _check_members_listed(manifest: dict[str, Any], by_name: dict[str, zipfile.ZipInfo], path: Path) -> None:
    """Names, encryption flags and sizes as the manifest states them, against the zip's own listing."""
    listed = manifest["members"]
    if len(listed) > MAX_MEMBERS:
        raise refuse(path, "too_many_members", "清单列出的成员过多（{n} 个，上限 {l}）。",
                      "the manifest lists too many members ({n}, limit {l}).", n=len(listed), l=MAX_MEMBERS)
    for name in sorted(set(by_name) - set(listed) - {MANIFEST, SIGNATURE}):
        raise refuse(path, "unexpected_member", "包内有清单之外的文件“{n}”。", "'{n}' is in the zip but not in the manifest.",
                      name, n=name)
    sealed = bool(manifest.get("encryption"))
    for name, meta in listed.items():
        if not isinstance(meta, dict) or bool(meta.get("encrypted")) != sealed:
            raise refuse(path, "bad_manifest", "清单中成员“{n}”的加密标记与加密信息不一致。",
                          "the manifest's encryption flag of '{n}' contradicts its encryption section.", name, n=name)
        if unsafe_zip_name(name) or name in (MANIFEST, SIGNATURE):
            raise refuse(path, "unsafe_name", "清单中的成员名“{n}”不安全。", "manifest member name '{n}' is unsafe.", name, n=name)
        if name not in by_name:
            raise refuse(path, "missing_member", "缺少成员“{n}”。", "member '{n}' is missing.", name, n=name)
        limit, size = _limit_of(name), meta.get("size")
        for claimed in (size, by_name[name].file_size):
            if type(claimed) is not int or claimed > limit:
                raise refuse(path, "oversized", "成员“{n}”过大（{s} 字节，上限 {l}）。",
                              "member '{n}' is too large ({s} bytes, limit {l}).", name, n=name, s=claimed, l=limit)
        if by_name[name].file_size != size:
            raise refuse(path, "hash_mismatch", "成员“{n}”的大小与清单不符，内容在签名后被改动。请让科室重新发送。",
                          "member '{n}' does not have the size the manifest states; it was changed after signing. Ask "
                          "the unit to send it again.", name, n=name)


def _check_identity_fields(manifest: dict[str, Any], path: Path) -> None:
    """Unit codes, month, version and names in the shape the office stores them (its columns are bounded)."""
    codes_ok = all(isinstance(manifest.get(k), str) and CODE_PATTERN.match(manifest[k])
                   for k in ("hospital_code", "department_code"))
    version = manifest.get("version")
    names_ok = all(isinstance(manifest.get(k, ""), str) and len(manifest.get(k, "")) <= 200
                   for k in ("hospital_name", "department_name"))
    unit_ok = isinstance(manifest.get("unit_id"), str) and 0 < len(manifest["unit_id"]) <= 36
    if not (codes_ok and names_ok and unit_ok and type(version) is int and 1 <= version <= 9999
            and _valid_period(manifest.get("period"))):
        raise refuse(path, "bad_manifest", "manifest.json 中的单位编码、月份、版本或名称格式不对。",
                      "manifest.json's unit codes, month, version or names are malformed.", MANIFEST)


def _valid_period(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}", value):
        return False
    try:
        Period.parse(value)
    except QmsError:
        return False
    return True


def _check_signature(manifest: dict[str, Any], manifest_bytes: bytes, sig_text: bytes, path: Path) -> bytes:
    try:
        unit_raw = crypto.b64d(manifest["unit_public_key"])
        signature = crypto.b64d(sig_text.decode("ascii").strip())
        signed = len(unit_raw) == 32 and crypto.verify(unit_raw, manifest_bytes, signature)
    except (crypto.CryptoError, UnicodeDecodeError):
        signed = False
    if not signed:
        raise refuse(path, "bad_signature", "签名无效：清单在签名后被改动，或签名不属于包内的单位公钥。请让科室重新发送。",
                      "the signature is invalid: the manifest was changed after signing, or the signature does not "
                      "match the unit key. Ask the unit to send it again.", SIGNATURE)
    return unit_raw


def inspect_package(path: Path | str, sha256: str | None = None, content: bytes | None = None) -> VerifiedPackage:
    """The cheap checks, in order, without reading a member's content: the zip's directory (before zipfile
    parses it), safe names, limits on members, sizes and record counts, format version, the signature.

    The member hashes (`check_members`) and decryption (`open_data`) come after the caller has checked
    the key: a stranger's package costs no decryption and no parsing of data.json. `content`: the file's
    bytes already read (read_once), with `sha256` their hash; every later step reads from them.
    """
    path = Path(path)
    with open_zip(path, content) as zf:
        by_name = check_listing(zf, path, (MANIFEST, SIGNATURE))
        manifest_bytes = read_member(zf, by_name[MANIFEST], MAX_MANIFEST_BYTES, path)
        sig_text = read_member(zf, by_name[SIGNATURE], 1024, path)
    manifest = _parse_manifest(manifest_bytes, path)
    _check_members_listed(manifest, by_name, path)
    _check_counts(manifest, path)
    _check_identity_fields(manifest, path)
    unit_raw = _check_signature(manifest, manifest_bytes, sig_text, path)
    if sha256 is None:
        sha256 = sha256_hex(content) if content is not None else file_sha256(path)
    return VerifiedPackage(path, sha256, manifest, manifest_bytes, crypto.b64e(unit_raw), crypto.fingerprint(unit_raw),
                           content)


def check_unit_key(verified: VerifiedPackage, expected_unit_key: Ed25519PublicKey | bytes | str) -> None:
    expected = _as_raw_verify_key(expected_unit_key)
    if expected != crypto.b64d(verified.unit_key):
        raise refuse(verified.path, "wrong_key", "签名密钥（指纹 {g}）不是该单位已确认的密钥（指纹 {e}）。若科室重新登记过，"
                      "请先在质控办确认新密钥。", "signed with key {g}, but the confirmed key of this unit is {e}. "
                      "If the unit enrolled again, confirm its new key at the office first.",
                      g=verified.unit_key_fingerprint, e=crypto.fingerprint(expected))


def check_members(verified: VerifiedPackage) -> None:
    """Every listed member hashed as a stream: its size and SHA-256 must be what the signed manifest says."""
    path = verified.path
    with open_zip(path, verified.content) as zf:
        by_name = {i.filename: i for i in zf.infolist()}
        for name, meta in verified.manifest["members"].items():
            size, digest = hash_member(zf, by_name[name], _limit_of(name), path)
            if size != meta.get("size") or digest != meta.get("sha256"):
                raise refuse(path, "hash_mismatch", "成员“{n}”的校验值与清单不符，内容在签名后被改动。请让科室重新发送。",
                              "member '{n}' does not match its hash in the manifest; it was changed after signing. Ask the "
                              "unit to send it again.", name, n=name)


def verify_package(path: Path | str, expected_unit_key: Ed25519PublicKey | bytes | str | None = None) -> VerifiedPackage:
    """Check the whole package: safe names, limits, format version, signature, every member's hash.

    `expected_unit_key` is the key the office confirmed for this unit; a package signed by any other
    key is refused naming both fingerprints. Raises PackageError (with `.code`) on any problem.
    """
    verified = inspect_package(path)
    if expected_unit_key is not None:
        check_unit_key(verified, expected_unit_key)
    check_members(verified)
    return verified


def _opener(verified: VerifiedPackage, office_key: X25519PrivateKey) -> crypto.Opener:
    enc = verified.manifest["encryption"]
    mine = crypto.fingerprint(crypto.raw_public(office_key))
    if enc.get("scheme") != crypto.SCHEME:
        raise refuse(verified.path, "unknown_format", "加密方式“{s}”无法识别。", "unknown encryption scheme '{s}'.",
                      s=enc.get("scheme"))
    if enc.get("recipient_key_fingerprint") != mine:
        raise refuse(verified.path, "wrong_office_key", "该包加密给了指纹为 {t} 的质控办密钥，而这里使用的是 {m}。请使用正确的质控办密钥。",
                      "the package is encrypted to office key {t}, but key {m} was given. Use the right office key.",
                      t=enc.get("recipient_key_fingerprint"), m=mine)
    try:
        return crypto.Opener(office_key, crypto.b64d(enc.get("ephemeral_public_key"), "ephemeral key"))
    except (crypto.CryptoError, ValueError, TypeError) as exc:
        raise refuse(verified.path, "decrypt_failed", "加密信息中的临时公钥无效（{e}）。", "the encryption section's "
                      "ephemeral key is invalid ({e}).", e=exc) from exc


def _members(verified: VerifiedPackage, office_key: X25519PrivateKey | None, names) -> dict[str, bytes]:
    opener = _opener(verified, office_key) if verified.encrypted and office_key is not None else None
    out: dict[str, bytes] = {}
    with open_zip(verified.path, verified.content) as zf:
        by_name = {i.filename: i for i in zf.infolist()}
        for name in names:
            blob = read_member(zf, by_name[name], _limit_of(name), verified.path)
            if opener is not None:
                try:
                    blob = opener.open(name, blob)
                except crypto.CryptoError as exc:
                    raise refuse(verified.path, "decrypt_failed", "{e}", "{e}", name, e=exc) from exc
            out[name] = blob
    return out


def open_data(verified: VerifiedPackage, office_key: X25519PrivateKey | None) -> dict[str, Any] | None:
    """data.json alone, decrypted and parsed (the office needs nothing else); None when sealed and no key."""
    opened = read_data(verified, office_key)
    return None if opened is None else opened[1]


def read_data(verified: VerifiedPackage, office_key: X25519PrivateKey | None) -> tuple[bytes, dict[str, Any]] | None:
    """data.json decrypted, as its bytes and parsed: the office's store explodes the very bytes it checked."""
    if DATA not in verified.manifest["members"] or (verified.encrypted and office_key is None):
        return None
    blob = _members(verified, office_key, [DATA])[DATA]
    return blob, _parse_data(verified, blob)


def read_package(path: Path | str, office_key: X25519PrivateKey | None = None,
                 expected_unit_key: Ed25519PublicKey | bytes | str | None = None) -> PackageContents:
    """Verify, then return the members (decrypted with the office's X25519 key) and parsed data.json.

    A sealed package read without the key returns the manifest only (members empty, data None).
    """
    verified = verify_package(path, expected_unit_key)
    if verified.encrypted and office_key is None:
        return PackageContents(verified)
    members = _members(verified, office_key, list(verified.manifest["members"]))
    data = _parse_data(verified, members[DATA]) if DATA in members else None
    return PackageContents(verified, members, data)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; two records under one UUID must be refused instead.
    # dict() in C, and the slow search for the key only when the sizes say there is one.
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _parse_data(verified: VerifiedPackage, blob: bytes) -> dict[str, Any]:
    try:
        # NaN and Infinity are not JSON: no database's JSON type stores them.
        data = json.loads(blob.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_not_json)
        records = data["records"]
        if not isinstance(records, dict) or not all(
                isinstance(rows, dict) and all(isinstance(r, dict) and _RECORD_ID.match(rid) for rid, r in rows.items())
                for rows in records.values()):
            raise ValueError("records")
    except _DuplicateKey as exc:
        raise refuse(verified.path, "duplicate_record", "data.json 中同一编号“{k}”出现了两次（同一条记录不能有两份内容）。"
                      "请让科室重新生成上报包。", "data.json holds the key '{k}' twice (one record cannot have two "
                      "contents). Ask the unit to build the package again.", DATA, k=exc.key[:64]) from exc
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise refuse(verified.path, "bad_data", "data.json 无法读取（{e}）。", "data.json cannot be read ({e}).",
                      DATA, e=type(exc).__name__ if isinstance(exc, RecursionError) else exc) from exc
    _check_consistent(verified, data)
    return data


def _check_consistent(verified: VerifiedPackage, data: dict[str, Any]) -> None:
    """data.json must describe the same unit, month, version and counts as the signed manifest."""
    m = verified.manifest
    same = (data.get("unit_id"), data.get("period"), data.get("version")) == (m.get("unit_id"), m.get("period"),
                                                                              m.get("version"))
    if not same or record_counts(data["records"]) != m.get("record_counts"):
        raise refuse(verified.path, "inconsistent", "data.json 的单位、月份、版本或记录数与清单不一致。请让科室重新生成上报包。",
                      "data.json disagrees with the manifest on unit, month, version or counts. Ask the unit to build "
                      "the package again.", DATA)
