"""Enrollment: the office-issued file that tells a unit who it is, where to send, and which keys to trust.

The office writes it (`write_enrollment`) signed with its Ed25519 key; the unit imports it (`enroll`):
the codes go into the Unit row, the office's public keys and addresses into `enrollment.json` in the
data folder, an upload token (if any) into the key store, and the unit's own signing key is made then.
The file's signature proves it was not altered after issue; the office key's fingerprint is shown so
the head nurse can compare it with the one the office announced.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from qmsdesk.changes import Kind, note
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.sync import crypto
from qmsdesk.sync.keys import (
    OfficeKeys,
    PublicKeyExport,
    SecretStore,
    create_unit_key,
    open_key_store,
    public_export,
    set_upload_token,
    write_atomically,
)
from qmsdesk.sync.package import CODE_PATTERN

if TYPE_CHECKING:  # only `enroll` writes through a session; reading the enrollment (submit) needs no ORM
    from sqlalchemy.orm import Session

FORMAT = "qmsdesk-enrollment"
FORMAT_VERSION = 1
SETTINGS_FILE = "enrollment.json"
MAX_FILE_BYTES = 256 * 1024


class EnrollmentError(QmsError):
    """An enrollment file cannot be used (damaged, altered, incomplete), or the unit is not enrolled."""


@dataclass(frozen=True)
class Enrollment:
    hospital_code: str
    hospital_name: str
    department_code: str
    department_name: str
    department_type: str
    office_signing_key: str  # base64 raw Ed25519 public key: verifies receipts
    office_encryption_key: str  # base64 raw X25519 public key: packages are sealed to it
    inbox: str | None = None
    url: str | None = None
    deadline_day: int = 5
    office_name: str = ""
    issued: str = ""

    @property
    def office_verify_key(self) -> Ed25519PublicKey:
        return crypto.verify_key(self.office_signing_key)

    @property
    def office_public_key(self) -> X25519PublicKey:
        return crypto.encryption_public_key(self.office_encryption_key)

    @property
    def office_fingerprint(self) -> str:
        return crypto.fingerprint(crypto.b64d(self.office_signing_key))


@dataclass(frozen=True)
class EnrollResult:
    enrollment: Enrollment
    unit_public_key: PublicKeyExport
    key_store: str  # where the unit key is kept, for the user to read
    settings_path: Path


def _refuse(path: Path, zh: str, en: str, **values) -> EnrollmentError:
    return EnrollmentError(msg("登记文件 {f} 无法使用：", "Enrollment file {f} cannot be used: ", f=Path(path).name)
                           + msg(zh, en, **values) + msg("请向质控办索取新的登记文件。", " Ask the quality office for a new one."))


def write_enrollment(out_path: Path, office_keys: OfficeKeys, *, hospital_code: str, hospital_name: str,
                     department_code: str, department_name: str, department_type: str = "other",
                     inbox: str | None = None, url: str | None = None, deadline_day: int = 5,
                     token: str | None = None, office_name: str = "") -> Path:
    """Write a signed enrollment file for one unit (the office side). `token` is the unit's upload token."""
    for code, what in ((hospital_code, "医院编码"), (department_code, "科室编码")):
        if not CODE_PATTERN.match(code or ""):
            raise ValidationError(msg("{w}“{c}”无效：只能包含字母、数字、“-”“_”“.”，最长 32 个字符。",
                                      "{w} '{c}' is invalid: letters, digits, '-', '_', '.' only, at most 32.", w=what, c=code))
    if not 1 <= int(deadline_day) <= 28:
        raise ValidationError(msg("上报截止日应为每月 1–28 日之间。", "The deadline day must be from 1 to 28."), "deadline_day")
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "office_name": office_name,
        "hospital_code": hospital_code, "hospital_name": hospital_name,
        "department_code": department_code, "department_name": department_name, "department_type": department_type,
        "deadline_day": int(deadline_day), "inbox": inbox, "url": url, "token": token,
        "office_signing_key": office_keys.signing_public.key_b64,
        "office_encryption_key": office_keys.encryption_public.key_b64,
        "issued": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    doc["signature"] = crypto.b64e(crypto.sign(office_keys.signing, _signed_bytes(doc)))
    out_path = Path(out_path)
    write_atomically(out_path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    return out_path


def _signed_bytes(doc: dict[str, Any]) -> bytes:
    from qmsdesk.sync.canonical import canonical_json

    return canonical_json({k: v for k, v in doc.items() if k != "signature"})


def _read_doc(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise EnrollmentError(msg("找不到登记文件 {p}。", "Enrollment file {p} not found.", p=path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refuse(path, "文件过大，不是登记文件。", "it is too large to be an enrollment file.")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise _refuse(path, "内容无法读取（{e}）。", "its content cannot be read ({e}).",
                      e=type(exc).__name__ if isinstance(exc, RecursionError) else exc) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _refuse(path, "这不是 qmsdesk 登记文件。", "it is not a qmsdesk enrollment file.")
    if doc.get("format_version") != FORMAT_VERSION:
        raise _refuse(path, "格式版本 {v} 无法识别，请升级 qmsdesk。", "format version {v} is unknown; update qmsdesk.",
                      v=doc.get("format_version"))
    return doc


def read_enrollment(path: Path | str) -> tuple[Enrollment, str | None]:
    """Validate an enrollment file: format, fields, codes, keys and the office signature.

    Returns the enrollment and the upload token it carries (None when the office gave none).
    """
    path = Path(path)
    doc = _read_doc(path)
    required = ("hospital_code", "hospital_name", "department_code", "department_name",
                "office_signing_key", "office_encryption_key", "signature")
    missing = [k for k in required if not isinstance(doc.get(k), str) or not doc[k].strip()]
    if missing:
        raise _refuse(path, "缺少字段：{m}。", "fields missing: {m}.", m=", ".join(missing))
    for key in ("hospital_code", "department_code"):
        if not CODE_PATTERN.match(doc[key]):
            raise _refuse(path, "编码“{c}”无效。", "code '{c}' is invalid.", c=doc[key])
    from qmsdesk.db.enums import DepartmentType

    if str(doc.get("department_type") or "other") not in {t.value for t in DepartmentType}:
        raise _refuse(path, "科室类型“{t}”无法识别。", "department type '{t}' is unknown.", t=doc.get("department_type"))
    day = doc.get("deadline_day", 5)
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 28:
        raise _refuse(path, "上报截止日“{d}”无效。", "deadline day '{d}' is invalid.", d=day)
    if not (doc.get("inbox") or doc.get("url")):
        raise _refuse(path, "没有给出收件文件夹或接收地址。", "it gives neither an inbox folder nor a receiver URL.")
    try:
        crypto.encryption_public_key(doc["office_encryption_key"])
        signed = crypto.verify(doc["office_signing_key"], _signed_bytes(doc), crypto.b64d(doc["signature"]))
    except (crypto.CryptoError, ValueError) as exc:  # ValueError: NaN or Infinity cannot be signed canonically
        raise _refuse(path, "密钥格式不正确（{e}）。", "a key is malformed ({e}).", e=exc) from exc
    if not signed:
        raise _refuse(path, "签名无效，文件在签发后被改动过。", "the signature is invalid; the file was changed after it was issued.")
    enrollment = Enrollment(
        hospital_code=doc["hospital_code"], hospital_name=doc["hospital_name"],
        department_code=doc["department_code"], department_name=doc["department_name"],
        department_type=doc.get("department_type") or "other",
        office_signing_key=doc["office_signing_key"], office_encryption_key=doc["office_encryption_key"],
        inbox=doc.get("inbox") or None, url=doc.get("url") or None, deadline_day=day,
        office_name=doc.get("office_name") or "", issued=doc.get("issued") or "",
    )
    return enrollment, doc.get("token") or None


def settings_path(data_dir: Path | None = None) -> Path:
    from qmsdesk.config import data_dir as default_dir

    return (data_dir or default_dir()) / SETTINGS_FILE


def current_enrollment(data_dir: Path | None = None) -> Enrollment | None:
    """The enrollment this installation imported, or None before enrollment."""
    path = settings_path(data_dir)
    if not path.is_file():
        return None
    try:
        return Enrollment(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise EnrollmentError(msg("登记设置文件 {p} 已损坏（{e}），请重新导入登记文件。",
                                  "The enrollment settings {p} are damaged ({e}); import the enrollment file again.",
                                  p=path, e=exc)) from exc


def require_enrollment(data_dir: Path | None = None) -> Enrollment:
    enrollment = current_enrollment(data_dir)
    if enrollment is None:
        raise EnrollmentError(msg("本机尚未登记。请先导入质控办发放的登记文件（“设置”或 qmsdesk enroll 登记文件）。",
                                  "This installation is not enrolled. Import the enrollment file from the quality office "
                                  "first (Settings, or qmsdesk enroll FILE)."))
    return enrollment


def enroll(session: Session, path: Path | str, *, store: SecretStore | None = None, passphrase: str | None = None,
           replace_key: bool = False, data_dir: Path | None = None) -> EnrollResult:
    """Import an enrollment file: unit codes, office keys and addresses, token; make the unit key pair."""
    from qmsdesk.services.unit import set_unit

    enrollment, token = read_enrollment(path)
    store = store or open_key_store(passphrase=passphrase, data_dir=data_dir)
    set_unit(session, hospital_code=enrollment.hospital_code, hospital_name=enrollment.hospital_name,
             department_code=enrollment.department_code, department_name=enrollment.department_name,
             department_type=enrollment.department_type, deadline_day=enrollment.deadline_day)
    key = create_unit_key(store, enrollment.hospital_code, enrollment.department_code, replace=replace_key)
    if token:
        set_upload_token(store, enrollment.hospital_code, enrollment.department_code, token)
    target = settings_path(data_dir)
    write_atomically(target, json.dumps(asdict(enrollment), ensure_ascii=False, indent=1).encode("utf-8"))
    note(Kind.ENROLLMENT)
    return EnrollResult(enrollment, public_export(key), store.description, target)
