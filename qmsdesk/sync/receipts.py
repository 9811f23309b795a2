"""Receipts (回执): the office's signed answer to a package — accepted, or returned with comments.

The office writes one per package (`write_receipt`) into the unit's folder of the inbox share or
serves it over HTTP; the unit checks the office signature with the key from its enrollment and
applies it (`import_receipts`): accepted marks the submission accepted; returned marks it returned,
which reopens the month (a returned version no longer locks it, db/events.py) with the comments kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.sync import crypto
from qmsdesk.sync.keys import write_atomically
from qmsdesk.sync.package import package_filename
from qmsdesk.sync.records import canonical_json

FORMAT = "qmsdesk-receipt"
FORMAT_VERSION = 1
SUFFIX = ".receipt.json"
STATUSES = ("accepted", "returned")
MAX_BYTES = 256 * 1024


class ReceiptError(QmsError):
    """A receipt cannot be trusted or read."""


@dataclass(frozen=True)
class Receipt:
    package_sha256: str
    hospital_code: str
    department_code: str
    period: str
    version: int
    status: str
    comments: str
    time: str
    office_key_fingerprint: str

    @property
    def status_label(self) -> str:
        return SubmissionStatus(self.status).label


@dataclass(frozen=True)
class ReceiptOutcome:
    """What importing one receipt file did (`applied`), and a sentence for the user."""

    path: Path
    receipt: Receipt | None
    applied: bool
    message: str


def receipt_filename(hospital_code: str, department_code: str, period: str, version: int) -> str:
    return package_filename(hospital_code, department_code, period, version).removesuffix(".qmspkg") + SUFFIX


def write_receipt(out_dir: Path, office_signing_key: Ed25519PrivateKey, *, package_sha256: str, hospital_code: str,
                  department_code: str, period: str, version: int, status: str, comments: str = "",
                  time: datetime | None = None) -> Path:
    """Write the signed receipt for one package into `out_dir` (the office side)."""
    if status not in STATUSES:
        raise ReceiptError(msg("回执状态只能是 accepted 或 returned。", "A receipt status is accepted or returned."))
    if status == "returned" and not (comments or "").strip():
        raise ReceiptError(msg("退回时请写明原因，科室需要据此更正。", "Give the reason when returning; the unit corrects by it."))
    when = (time or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "package_sha256": package_sha256,
        "hospital_code": hospital_code, "department_code": department_code, "period": str(Period.parse(period)),
        "version": int(version), "status": status, "comments": comments or "",
        "time": when.isoformat().replace("+00:00", "Z"),
    }
    doc["signature"] = crypto.b64e(crypto.sign(office_signing_key, canonical_json(doc)))
    path = Path(out_dir) / receipt_filename(hospital_code, department_code, doc["period"], version)
    write_atomically(path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"), mode=0o644)
    return path


def read_receipt(path: Path | str, office_verify_key: Ed25519PublicKey | str | bytes) -> Receipt:
    """Read a receipt and check the office's signature; ReceiptError says what is wrong."""
    path = Path(path)
    name = path.name

    def refuse(zh: str, en: str, **v) -> ReceiptError:
        return ReceiptError(msg("回执 {f} 无效：", "Receipt {f} is invalid: ", f=name) + msg(zh, en, **v))

    try:
        if path.stat().st_size > MAX_BYTES:
            raise refuse("文件过大。", "the file is too large.")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
        raise refuse("无法读取（{e}）。", "cannot be read ({e}).",
                     e=type(exc).__name__ if isinstance(exc, RecursionError) else exc) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise refuse("不是 qmsdesk 回执。", "not a qmsdesk receipt.")
    if doc.get("format_version") != FORMAT_VERSION:
        raise refuse("格式版本 {v} 无法识别，请升级 qmsdesk。", "unknown format version {v}; update qmsdesk.", v=doc.get("format_version"))
    try:
        signature = crypto.b64d(str(doc.get("signature", "")), "签名")
        body = canonical_json({k: v for k, v in doc.items() if k != "signature"})
        good = crypto.verify(office_verify_key, body, signature)
    except (crypto.CryptoError, ValueError):  # ValueError: NaN or Infinity cannot be signed canonically
        good = False
    if not good:
        raise refuse("质控办签名不符（文件被改动，或不是本机登记的质控办签发的）。",
                      "the office signature does not match (altered, or not issued by the office this unit enrolled with).")
    if doc.get("status") not in STATUSES:
        raise refuse("状态“{s}”无法识别。", "unknown status '{s}'.", s=doc.get("status"))
    key = office_verify_key
    raw = crypto.raw_public(key) if isinstance(key, Ed25519PublicKey) else (crypto.b64d(key) if isinstance(key, str) else key)
    try:
        return Receipt(str(doc["package_sha256"]), str(doc["hospital_code"]), str(doc["department_code"]),
                       str(Period.parse(doc["period"])), int(doc["version"]), doc["status"], str(doc.get("comments") or ""),
                       str(doc.get("time") or ""), crypto.fingerprint(raw))
    except (KeyError, TypeError, ValueError, QmsError) as exc:
        raise refuse("缺少或有误的字段（{e}）。", "missing or wrong fields ({e}).", e=exc) from exc


def apply_receipt(session: Session, receipt: Receipt, *, outbox=None) -> tuple[bool, str]:
    """Apply a verified receipt to its submission. Returns (applied, message)."""
    sub = session.scalars(select(m.Submission).where(
        m.Submission.period == receipt.period, m.Submission.version == receipt.version,
        m.Submission.deleted.is_(False))).first()
    what = msg("{p} 第 {v} 版", "{p} version {v}", p=receipt.period, v=receipt.version)
    if sub is None:
        return False, msg("{w}：本机没有这个上报版本，回执未应用。", "{w}: no such submission here; receipt not applied.", w=what)
    if sub.file_hash and sub.file_hash != receipt.package_sha256:
        return False, msg("{w}：回执针对的是另一份文件（校验值不同），未应用。请与质控办核对。",
                          "{w}: the receipt is for a different file (hash differs); not applied. Check with the office.",
                          w=what)
    if sub.status == receipt.status and (sub.comments or "") == receipt.comments:
        return False, msg("{w}：{s}（此前已导入）。", "{w}: {s} (imported before).", w=what, s=receipt.status_label)
    if sub.status == SubmissionStatus.SUPERSEDED:
        return False, msg("{w} 已被更新的版本替代，回执仅作记录，未改变状态。",
                          "{w} was superseded by a newer version; the receipt changes nothing.", w=what)
    sub.status = receipt.status
    sub.comments = receipt.comments or sub.comments
    session.flush()
    if outbox is not None:
        entry = outbox.by_sha256(receipt.package_sha256)
        if entry is not None:
            outbox.mark(entry, receipt.status, comments=receipt.comments)
    if receipt.status == "returned":
        return True, msg("{w} 被质控办退回：{c}。该月已重新打开，可修改后再次上报（将生成第 {n} 版）。",
                         "{w} was returned by the office: {c}. The month is open again; correct it and submit again "
                         "(as version {n}).", w=what, c=receipt.comments, n=receipt.version + 1)
    return True, msg("{w} 已被质控办接收。", "{w} was accepted by the office.", w=what)


def import_receipts(session: Session, folder: Path | str, *, enrollment=None, outbox=None) -> list[ReceiptOutcome]:
    """Check and apply every receipt file in `folder` addressed to this unit; report each one."""
    from qmsdesk.sync.enrollment import require_enrollment
    from qmsdesk.sync.outbox import Outbox

    enrollment = enrollment or require_enrollment()
    outbox = outbox or Outbox()
    folder = Path(folder)
    if not folder.is_dir():
        raise ReceiptError(msg("回执文件夹 {d} 不存在。", "The receipt folder {d} does not exist.", d=folder))
    outcomes = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            receipt = read_receipt(path, enrollment.office_signing_key)
        except ReceiptError as exc:
            outcomes.append(ReceiptOutcome(path, None, False, str(exc)))
            continue
        if (receipt.hospital_code, receipt.department_code) != (enrollment.hospital_code, enrollment.department_code):
            outcomes.append(ReceiptOutcome(path, receipt, False, msg(
                "回执 {f} 是发给 {h}/{d} 的，不是本科室，已跳过。", "Receipt {f} is for {h}/{d}, not this unit; skipped.",
                f=path.name, h=receipt.hospital_code, d=receipt.department_code)))
            continue
        applied, text = apply_receipt(session, receipt, outbox=outbox)
        outcomes.append(ReceiptOutcome(path, receipt, applied, text))
    return outcomes
