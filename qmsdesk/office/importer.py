"""Importing submission packages into the office store: verify, decrypt, then apply in one transaction.

Rules (DESIGN.md §4): a package is identified by (unit, month, version) and by its SHA-256. The same
file twice is "unchanged" and writes nothing; the same identity with other content is a conflict and is
refused; a newer version replaces the month's records (keyed by UUID, tombstones drop records) and the
older versions stay listed; an older version arriving after a newer one is kept but not applied. Every
file gets an ImportSummary with per-kind counts or the refusal reason. Files are never deleted while
there is room: imported ones move (or, when picked from outside the inbox, are copied) to the archive,
refused ones to the unit's quarantine with `<name>.reason.txt` (office.quarantine keeps it bounded), and
a package whose key waits for the office's confirmation stays in the inbox.

The trust boundary, cheapest check first: sizes and record counts, the signature (package.inspect_package);
the unit named must be the one whose token or inbox folder delivered the file (`source`); the key must be
the unit's confirmed key (or one it retired, for packages signed before the change) — a new key is only
recorded as pending when it came from the unit's own token or folder; a unit enrolled with the office's
encryption key must send sealed members; only then are the members hashed, data.json decrypted and parsed.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from qmsdesk.i18n import msg
from qmsdesk.office.archiving import Archiver
from qmsdesk.office.derived import refresh_month, refresh_pending
from qmsdesk.office.import_sql import Writes, execute, pipelined
from qmsdesk.office.models import ImportLogEntry, OfficePackage, OfficeUnit, utcnow
from qmsdesk.office.month_rows import COUNT_KEYS, BadRecords, apply_records, bad_records
from qmsdesk.office.quarantine import free_name, put_away, put_in_quarantine, write_reason
from qmsdesk.office.read_ahead import ReadAhead, ReadFile, read_file
from qmsdesk.office.reader import Digest
from qmsdesk.office.store import OfficeFolders, OfficeStore
from qmsdesk.office.units import find_unit, record_pending_key, retired_key
from qmsdesk.sync.package import SUFFIX, PackageError, VerifiedPackage, check_members, read_data

APPLIED, UNCHANGED, KEPT, HELD, REFUSED = "applied", "unchanged", "kept", "held", "refused"

class Refusal(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class ImportSummary:
    """What importing one file did, like DHIS2's import summary."""

    path: Path
    outcome: str
    sha256: str | None = None
    unit_label: str = ""
    period: str | None = None
    version: int | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    code: str | None = None
    reason: str = ""
    dry_run: bool = False
    moved_to: Path | None = None
    note: str = ""  # what became of a refused file when it was not kept (quarantine full, kept before)

    @property
    def refused(self) -> bool:
        return self.outcome == REFUSED

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())

    def totals_text(self) -> str:
        i = u = n = d = 0
        for c in self.counts.values():
            i, u, n, d = i + c.get("imported", 0), u + c.get("updated", 0), n + c.get("unchanged", 0), d + c.get("deleted", 0)
        return msg("新增 {i}，更新 {u}，未变 {n}，删除 {d}", "imported {i}, updated {u}, unchanged {n}, deleted {d}",
                   i=i, u=u, n=n, d=d)

    def line(self) -> str:
        """One line for the command and the inbox page."""
        what = msg("{u} {p} 第 {v} 版", "{u} {p} version {v}", u=self.unit_label, p=self.period, v=self.version)
        prefix = msg("[试运行] ", "[dry run] ") if self.dry_run else ""
        if self.outcome == APPLIED:
            body = msg("已导入 {w}：{t}", "imported {w}: {t}", w=what, t=self.totals_text())
        elif self.outcome == UNCHANGED:
            body = msg("{w} 此前已导入，内容相同，未作改动（{t}）", "{w} was imported before with the same content; nothing "
                       "changed ({t})", w=what, t=self.totals_text())
        elif self.outcome == KEPT:
            body = msg("{w} 比已导入的版本旧：已保存备查，未用于统计", "{w} is older than the version already imported: kept "
                       "for the record, not applied", w=what)
        elif self.outcome == HELD:
            body = self.reason
        else:
            body = msg("已拒绝：{r}", "refused: {r}", r=self.reason)
            if self.note:
                body += msg("（{n}）", " ({n})", n=self.note)
        return f"{prefix}{self.path.name} — {body}"

    def detail_lines(self) -> list[str]:
        from qmsdesk.office.labels import kind_label

        return [msg("  {k}：新增 {i}，更新 {u}，未变 {n}，删除 {d}", "  {k}: imported {i}, updated {u}, unchanged {n}, "
                    "deleted {d}", k=kind_label(k), i=c["imported"], u=c["updated"], n=c["unchanged"], d=c["deleted"])
                for k, c in self.counts.items() if any(c.values())]


def _created(manifest: dict[str, Any]) -> datetime:
    text = str(manifest.get("created") or "")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError as exc:
        raise Refusal("bad_manifest", msg("清单中的生成时间“{t}”无法读取。", "The manifest's created time '{t}' cannot be "
                                          "read.", t=text)) from exc


def _unchanged_counts(package: OfficePackage) -> dict[str, dict[str, int]]:
    out = {}
    for kind, c in (package.counts or {}).items():
        total = sum(c.get(k, 0) for k in COUNT_KEYS)
        out[kind] = {"imported": 0, "updated": 0, "unchanged": total, "deleted": 0}
    return out


def _refuse_package(exc: PackageError) -> Refusal:
    return Refusal(exc.code, str(exc))


@dataclass(frozen=True, slots=True)
class _Unit:
    """The unit's row as the checks read it: one Core SELECT, no ORM object per package."""

    id: str
    hospital_code: str
    hospital_name: str
    department_code: str
    department_name: str
    key_b64: str | None
    key_fingerprint: str | None
    pending_key_b64: str | None
    unit_uuid: str | None
    active: bool
    requires_encryption: bool

    label = OfficeUnit.label
    folder_name = OfficeUnit.folder_name


_KNOWN = "SELECT id FROM office_packages WHERE sha256 = :sha"
_UNIT_BY_CODES = "SELECT id FROM office_units WHERE hospital_code = :h AND department_code = :d"
_LOCK_BY_CODES = f"{_UNIT_BY_CODES} FOR UPDATE"
_VERSIONS_BY_CODES = f"SELECT version, sha256, filename FROM office_packages WHERE unit_id = ({_UNIT_BY_CODES}) AND period = :p"
_KNOWN_AND_UNIT = (f"SELECT ({_KNOWN}), {', '.join(_Unit.__slots__)} FROM office_units "
                   "WHERE hospital_code = :h AND department_code = :d")


def _known_and_unit(session: Session, item: ReadFile) -> tuple[int | None, _Unit | None]:
    """The id of the package already imported from these very bytes, and the row of the unit the manifest names —
    in one statement (one round trip to a server) when the file could be inspected."""
    conn = session.connection()
    if item.verified is None:
        return execute(conn, _KNOWN, {"sha": item.sha}).scalar(), None
    man = item.verified.manifest
    codes = {"sha": item.sha, "h": str(man.get("hospital_code")), "d": str(man.get("department_code"))}
    # pipelined: on PostgreSQL the transaction's BEGIN goes in the same round trip
    statements = [(_KNOWN_AND_UNIT, codes)]
    if conn.dialect.name == "postgresql" and item.opened is not None:
        # Opened ahead: the unit's lock and its month's versions, which the writer takes after the checks, are
        # taken now in the same round trip (a lock held a few checks longer; the reads the same, after the lock).
        month = {**codes, "p": str(man.get("period"))}
        statements += [(_LOCK_BY_CODES, codes), (_VERSIONS_BY_CODES, month)]
    results = pipelined(conn, statements)
    rows = results[0]
    if len(results) == 3 and rows:
        session.info["locked_versions"] = (rows[0][1], month["p"], _versions(results[2]))
    if not rows:  # no such unit
        return execute(conn, _KNOWN, {"sha": item.sha}).scalar(), None
    return rows[0][0], _Unit(*rows[0][1:])


def _check_unit(session: Session, verified: VerifiedPackage, source: str | None, unit: _Unit | None) -> _Unit:
    """The unit the manifest names (`unit`, read with it): registered, active, and the one whose token or folder
    delivered the file (a folder of no unit is like the inbox root)."""
    man = verified.manifest
    if source is not None and (unit is None or unit.folder_name != source) and _unit_of_folder(session, source):
        raise Refusal("unit_mismatch", msg(
            "上报包写明的单位是 {h}/{d}，却来自 {s} 的上传凭据或收件文件夹。一个单位只能上报自己的数据，已拒绝；"
            "若确为误放，请让 {h}/{d} 自己发送。",
            "the package names the unit {h}/{d} but came through the upload token or inbox folder of {s}. A unit may "
            "only submit its own data, so it was refused; if it was misplaced, {h}/{d} must send it itself.",
            h=man.get("hospital_code"), d=man.get("department_code"), s=source))
    if unit is None or not unit.active:
        raise Refusal("unknown_unit", msg(
            "单位 {h}/{d}（{hn} {dn}）未在质控办登记。请先在“单位与登记”中登记该单位并发放登记文件，再重新导入。",
            "The unit {h}/{d} ({hn} {dn}) is not enrolled at this office. Register it under Units & enrollment, issue "
            "its enrollment file, then import again.", h=man.get("hospital_code"), d=man.get("department_code"),
            hn=man.get("hospital_name", ""), dn=man.get("department_name", "")))
    return unit


def _unit_of_folder(session: Session, folder: str | None) -> OfficeUnit | None:
    """The unit whose inbox folder is `<hospital>_<department>` (a folder of no unit is like the inbox root)."""
    for at in [i for i, c in enumerate(folder or "") if c == "_"]:
        unit = find_unit(session, folder[:at], folder[at + 1:])
        if unit is not None:
            return unit
    return None


def _wrong_key(unit: _Unit, verified: VerifiedPackage) -> Refusal:
    return Refusal("wrong_key", msg(
        "上报包由密钥 {g} 签名，而 {u} 已确认的密钥是 {e}。若该科室重新登记过，请让科室从自己的收件文件夹或上传凭据发送，"
        "核对新指纹后在“单位与登记”中确认。",
        "signed by key {g}, expected {e} (the confirmed key of {u}). If the unit enrolled again, it must send through "
        "its own inbox folder or upload token; check the new fingerprint and confirm it under Units & enrollment.",
        g=verified.unit_key_fingerprint, e=unit.key_fingerprint, u=unit.label))


def _key_accepted(session: Session, unit: _Unit, verified: VerifiedPackage, created: datetime) -> bool:
    """The confirmed key, or a key the unit used before for a package it signed before the office replaced it."""
    if unit.key_b64 and verified.unit_key == unit.key_b64:
        return True
    old = retired_key(session, unit, verified.unit_key)
    if old is None:
        return False
    retired = old.retired_at if old.retired_at.tzinfo else old.retired_at.replace(tzinfo=UTC)
    # A manifest's time has whole seconds: one signed in the very second the new key was confirmed is not
    # "before" it (else a retired key signs anything made in that second).
    if created < retired.replace(microsecond=0):
        return True
    raise Refusal("retired_key", msg(
        "上报包由 {u} 已停用的旧密钥 {g} 签名，签名时间（{t}）晚于质控办确认新密钥 {e} 的时间：停用后的旧密钥签名无效。"
        "请科室用当前密钥重新生成上报包。",
        "signed by {g}, a key {u} no longer uses, at {t}, after the office confirmed its new key {e}: a retired key "
        "signs nothing new. The unit must build the package again with its current key.",
        u=unit.label, g=verified.unit_key_fingerprint, e=unit.key_fingerprint, t=created.isoformat(timespec="minutes")))


def _hold_for_key(session: Session, unit: _Unit, verified: VerifiedPackage, source: str | None,
                  summary: ImportSummary) -> None:
    """A key the office has not confirmed: recorded as pending when the unit's own token or folder brought it."""
    if source != unit.folder_name:
        if unit.key_b64:
            raise _wrong_key(unit, verified)
        raise Refusal("untrusted_source", msg(
            "{u} 的密钥尚未确认，而这个包不是从该单位自己的收件文件夹（inbox/{f}）或上传凭据收到的：陌生来源的密钥不会被登记。"
            "请把文件放入 inbox/{f} 或让科室自己发送，再导入。",
            "the key of {u} is not confirmed yet and this package did not come through the unit's own inbox folder "
            "(inbox/{f}) or upload token: a key from elsewhere is never recorded. Put the file into inbox/{f}, or "
            "have the unit send it, then import again.", u=unit.label, f=unit.folder_name))
    record_pending_key(session.get(OfficeUnit, unit.id), verified.unit_key, verified.unit_key_fingerprint)
    summary.outcome = HELD
    if unit.key_b64:
        summary.code = "new_key_pending"
        summary.reason = msg(
            "{u} 的上报包由新密钥 {n} 签名，而质控办已确认的是旧密钥 {o}：上报包留在收件箱。请与科室电话核对新指纹，"
            "在“单位与登记”中确认新密钥（旧密钥此前签名的上报包仍然有效），再重新导入。",
            "the package of {u} is signed by a new key {n}, while the office confirmed {o}: the package stays in the "
            "inbox. Check the new fingerprint with the unit by phone, confirm the new key under Units & enrollment "
            "(packages the old key signed before stay valid), and import again.",
            u=unit.label, n=verified.unit_key_fingerprint, o=unit.key_fingerprint)
    else:
        summary.code = "key_pending"
        summary.reason = msg(
            "{u} 的密钥（指纹 {f}）尚未确认：上报包留在收件箱，请与科室核对指纹后在“单位与登记”中确认，再重新导入。",
            "the key of {u} (fingerprint {f}) is not confirmed yet: the package stays in the inbox. Check the "
            "fingerprint with the unit, confirm it under Units & enrollment, and import again.",
            u=unit.label, f=verified.unit_key_fingerprint)


def _check_sealed(unit: _Unit, verified: VerifiedPackage, keys) -> None:
    if unit.requires_encryption and not verified.encrypted:
        raise Refusal("not_encrypted", msg(
            "{u} 登记时已收到质控办的加密公钥，它的上报包必须加密；这个包没有加密，不是该科室登记后的程序生成的。"
            "请科室在登记后的电脑上重新生成上报包。",
            "{u} received the office's encryption key when it enrolled, so its packages must be sealed; this one is "
            "not, so it was not made by the unit's enrolled program. The unit must build it again on its enrolled PC.",
            u=unit.label))
    if verified.encrypted and keys is None:
        raise Refusal("no_office_key", msg("上报包已加密，但本机没有质控办私钥，无法解密。", "The package is encrypted and this "
                                           "computer has no office private key to open it."))


def _month_versions(session: Session, unit: _Unit, period: str, *, lock: bool = False) -> dict[int, tuple[str, str]]:
    """The versions of the unit's month already imported: version → (SHA-256, file name).

    With `lock` (just before writing) the unit's row is locked first, until the import commits: two office PCs
    importing two versions of one month at once take turns, and the second sees the first's version here
    instead of both writing the month. (PostgreSQL: SELECT … FOR UPDATE, then read committed. SQLite: BEGIN
    IMMEDIATE takes the database's one write lock and begins the transaction, so the reads after it are current;
    its driver runs the SELECTs before it outside a transaction.)
    """
    conn, unit_id = session.connection(), {"u": unit.id}
    if lock and session.info.get("locked_versions", (None, None))[:2] == (unit.id, period):
        return session.info.pop("locked_versions")[2]  # taken with the first look (_known_and_unit)
    versions = ("SELECT version, sha256, filename FROM office_packages WHERE unit_id = :u AND period = :p",
                {**unit_id, "p": period})
    # Two statements, not one SELECT … JOIN … FOR UPDATE: after waiting for the lock, PostgreSQL rechecks only the
    # locked row and would join the packages as they were before the other PC committed. Sent together: the
    # server runs the second after the first has its lock.
    if lock and conn.dialect.name == "postgresql":
        rows = pipelined(conn, [("SELECT id FROM office_units WHERE id = :u FOR UPDATE", unit_id), versions])[-1]
    elif lock:
        if not conn.connection.driver_connection.in_transaction:  # else a write of this transaction holds it already
            # the write lock without writing a page (an UPDATE of the unit's row put one more page in the WAL each
            # package)
            execute(conn, "BEGIN IMMEDIATE", {})
        rows = execute(conn, *versions)
    else:
        rows = execute(conn, *versions)
    return _versions(rows)


def _versions(rows) -> dict[int, tuple[str, str]]:
    return {v: (sha, name) for v, sha, name in rows}


def _check_identity(session: Session, versions: dict[int, tuple[str, str]], period: str, version: int,
                    sha: str) -> OfficePackage | None:
    """The package already imported under this identity if it is this very file (None if new); refuses other content."""
    same = versions.get(version)
    if same is not None and same[0] == sha:
        # another importer committed this file while it was being checked
        return session.scalars(select(OfficePackage).where(OfficePackage.sha256 == sha)).one()
    if same is not None:
        raise Refusal("conflict", msg(
            "{p} 第 {v} 版此前已导入（文件 {f}，校验值 {s}），但内容不同。同一版本不能覆盖；请科室申请更正，作为第 {n} 版重新上报。",
            "version {v} of {p} was already imported as {f} (SHA-256 {s}) with other content; amend as version {n}.",
            p=period, v=version, n=version + 1, f=same[1], s=same[0][:16]))
    return None


def _unchanged(summary: ImportSummary, known: OfficePackage) -> None:
    summary.outcome, summary.counts = UNCHANGED, _unchanged_counts(known)
    summary.unit_label, summary.period, summary.version = known.unit.label, known.period, known.version


def _verify(item: ReadFile, summary: ImportSummary) -> VerifiedPackage:
    if item.refused is not None:
        raise _refuse_package(item.refused)
    verified = item.verified
    man = verified.manifest
    summary.period, summary.version = man.get("period"), man.get("version")
    summary.unit_label = f"{man.get('hospital_name', '')} {man.get('department_name', '')}".strip()
    return verified


def _open(verified: VerifiedPackage, keys) -> tuple[bytes, dict[str, Any]]:
    try:
        check_members(verified)
        opened = read_data(verified, keys.encryption if keys is not None else None)
    except PackageError as exc:
        raise _refuse_package(exc) from exc
    if opened is None:
        raise Refusal("bad_data", msg("上报包中没有 data.json。", "The package holds no data.json."))
    return opened


def _opened(item: ReadFile, keys) -> tuple[bytes, dict[str, Any] | None, Digest | None]:
    """data.json as opened ahead (read_ahead: only for the key the store confirmed), else opened now: its bytes, and
    either the parsed data or, from the reading process, its digest."""
    if item.open_refused is not None:
        raise item.open_refused
    if item.opened is not None:
        return *item.opened, item.digest
    return *_open(item.verified, keys), None


@dataclass
class _Accepted:
    """A package that passed every check: its unit's folder and the row to insert (its records already written)."""

    unit_folder: str
    values: dict[str, Any]


def _bad_data(exc: BadRecords) -> Refusal:
    return Refusal("bad_data", msg("data.json 无法读取（{e}）。", "data.json cannot be read ({e}).", e=exc))


def _apply(session: Session, unit: _Unit, period: str, version: int, blob: bytes, data: dict[str, Any] | None,
           digest: Digest | None, superseding: bool, writes: Writes) -> dict[str, dict[str, int]]:
    conn = session.connection()
    if data is None and superseding:  # the records, to compare with the month's: the reading process checked these bytes
        data = json.loads(blob)
    try:
        counts = apply_records(conn, unit.id, period, version, None if data is None else data["records"], blob,
                               first=not superseding, writes=writes,
                               counts=None if digest is None else digest.first_counts,
                               rows=None if digest is None else digest.rows)
    except BadRecords as exc:
        raise _bad_data(exc) from exc
    if superseding:
        writes.add("UPDATE office_packages SET state = 'superseded' WHERE unit_id = :u AND period = :p "
                   "AND state = 'current'", {"u": unit.id, "p": period})
    return counts


def _import(session: Session, item: ReadFile, keys, summary: ImportSummary,
            source: str | None, writes: Writes) -> _Accepted | None:
    """The checks, cheapest first, and the write; raises Refusal. Returns the package to insert (None when held or
    unchanged)."""
    path, sha = item.path, item.sha
    known, unit = _known_and_unit(session, item)
    if known is not None:
        return _unchanged(summary, session.get(OfficePackage, known))
    verified = _verify(item, summary)
    man = verified.manifest
    unit = _check_unit(session, verified, source, unit)
    summary.unit_label = unit.label
    created = _created(man)
    if not _key_accepted(session, unit, verified, created):
        return _hold_for_key(session, unit, verified, source, summary)
    period, version = str(man["period"]), int(man["version"])
    if item.opened is None:  # to be opened now: other content under this identity is refused before decrypting
        versions = _month_versions(session, unit, period)
        known = _check_identity(session, versions, period, version, sha)
        if known is not None:
            return _unchanged(summary, known)
    _check_sealed(unit, verified, keys)
    blob, data, digest = _opened(item, keys)
    # Another office PC may have imported a version of this month meanwhile: look again, holding the unit.
    versions = _month_versions(session, unit, period, lock=True)
    known = _check_identity(session, versions, period, version, sha)
    if known is not None:
        return _unchanged(summary, known)
    values = dict(unit_id=unit.id, period=period, version=version, sha256=sha, filename=path.name[:200],
                  created=created, notes=digest.notes if data is None else dict(data.get("notes") or {}))
    if versions and version < max(versions):
        values.update(state="stale", counts={})
        summary.outcome = KEPT
    else:
        counts = _apply(session, unit, period, version, blob, data, digest, superseding=bool(versions), writes=writes)
        values.update(state="current", counts=counts)
        summary.outcome, summary.counts = APPLIED, counts
    if not unit.unit_uuid and man.get("unit_id"):
        writes.add("UPDATE office_units SET unit_uuid = :uuid WHERE id = :u", {"uuid": str(man["unit_id"]), "u": unit.id})
    return _Accepted(unit.folder_name, values)


_MARK = "INSERT INTO office_pending_months (unit_id, period) VALUES (:u, :p)"  # derived.refresh_pending takes them


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    # The inbox, and the folder of a batch's files, are resolved once, not twice per file.
    return folder.resolve()


def _real(path: Path, link: bool | None = None) -> Path:
    """path.resolve(), with the folder resolved once for all its files (a file that is a link: resolved itself).
    `link`: whether it is one, as the file's reader found it (None: looked at here)."""
    if link is None:
        link = path.is_symlink()
    if link or not path.is_absolute():  # a relative folder is not cached: the working folder may change
        return path.resolve()
    return _resolved(path.parent) / path.name


def _in_folder(path: Path, folder: Path) -> bool:
    try:
        _real(path).relative_to(_resolved(folder))
    except ValueError:
        return False
    return True


def _inbox_parts(path: Path, folders: OfficeFolders, link: bool | None = None) -> tuple[str, ...] | None:
    """Where in the inbox a file lies (its path's parts under the inbox), None when it lies elsewhere."""
    # compared as text: the two are resolved already, and relative_to's refusal (most files of a batch picked outside
    # the inbox) builds a message each time
    real, inbox = str(_real(path, link)), str(_resolved(folders.inbox)).rstrip(os.sep)
    if real == inbox:
        return ()
    if not real.startswith(inbox + os.sep):
        return None
    return tuple(real[len(inbox) + 1:].split(os.sep))


def _source(parts: tuple[str, ...] | None) -> str | None:
    return parts[0] if parts is not None and len(parts) >= 2 else None


def inbox_source(path: Path, folders: OfficeFolders) -> str | None:
    """The unit folder of the inbox a file lies in (`inbox/<H>_<D>/…`), or None (the inbox root, elsewhere)."""
    return _source(_inbox_parts(path, folders))


def _log_values(summary: ImportSummary) -> dict[str, Any]:
    # Names come from files and manifests: cut to the journal's columns rather than fail to record the refusal.
    return dict(filename=summary.path.name[:260], sha256=summary.sha256, unit_label=summary.unit_label[:300],
                period=summary.period, version=summary.version, outcome=summary.outcome,
                code=summary.code, message=summary.line(), counts=summary.counts)


def _send(writes: Writes, commit: bool = False) -> None:
    """The transaction's queued writes sent (PostgreSQL); data.json's JSON refused by the database is a refusal."""
    try:
        writes.send(commit=commit)
    except (DataError, OperationalError) as exc:
        bad = bad_records(exc)
        if bad is not None:
            raise _bad_data(bad) from exc
        raise


def _log(store: OfficeStore, summary: ImportSummary) -> None:
    with store.session() as s:
        s.connection().execute(insert(ImportLogEntry.__table__), _log_values(summary))


def _run(store: OfficeStore, item: ReadFile, keys, folders: OfficeFolders, summary: ImportSummary,
         source: str | None, dry_run: bool, session=None, batch: bool = False) -> tuple[ImportSummary, str | None]:
    """The import transaction (tried twice when another importer commits the same file meanwhile). In a `batch`
    the month's derived rows are marked pending instead of made again here (import_paths refreshes them)."""
    attempt = 0
    while True:
        attempt += 1
        try:
            with (session or store.session)() as s:
                writes = Writes(s.connection())
                accepted = _import(s, item, keys, summary, source, writes)
                unit_folder = accepted.unit_folder if accepted is not None else None
                if accepted is not None:
                    accepted.values["stored_path"] = "" if dry_run else str(
                        free_name(folders.archive / unit_folder, item.path.name, summary.sha256))
                    writes.insert(OfficePackage.__table__, {**accepted.values, "imported_at": utcnow()})
                    month = accepted.values["unit_id"], accepted.values["period"]
                    if batch:  # office/derived.py
                        writes.add(_MARK, dict(zip(("u", "p"), month, strict=True)))
                    else:
                        _send(writes)
                        refresh_month(s, *month)
                if not dry_run:
                    writes.insert(ImportLogEntry.__table__, {**_log_values(summary), "time": utcnow()})
                _send(writes, commit=not dry_run and not (s.new or s.dirty or s.deleted))
                if dry_run:
                    s.rollback()
            return summary, unit_folder
        except Refusal as exc:
            summary.outcome, summary.code, summary.reason = REFUSED, exc.code, exc.message
            return summary, None
        except (IntegrityError, OperationalError):
            # Another importer (the receiver, a second office PC) committed the same package a moment
            # earlier; looking again finds it and reports it unchanged.
            if attempt == 2:
                raise
            summary = ImportSummary(item.path, REFUSED, sha256=summary.sha256, dry_run=dry_run)


def _quarantine(store: OfficeStore, folders: OfficeFolders, summary: ImportSummary, source: str | None,
                inside: bool) -> None:
    kept = put_in_quarantine(folders.quarantine, summary.path, summary.sha256, source, inside_inbox=inside)
    summary.moved_to, summary.note = kept.path, kept.note
    _log(store, summary)
    if kept.path is not None and not kept.note:
        write_reason(kept.path, f"{summary.line()}\n{msg('原因代码', 'reason code')}: {summary.code}\n"
                     f"SHA-256: {summary.sha256}\n{msg('时间', 'time')}: {datetime.now(UTC).isoformat(timespec='seconds')}\n")


def import_file(store: OfficeStore, path: Path | str, *, keys, folders: OfficeFolders,
                dry_run: bool = False, source: str | None = None) -> ImportSummary:
    """Import one package file; never raises for a bad package (the summary says why it was refused).

    `source` is the folder name of the unit whose upload token delivered the file (the receiver); for a file
    in a unit's inbox folder it is that folder, and None for any other file.
    """
    return import_read(store, read_file(Path(path)), keys=keys, folders=folders, dry_run=dry_run, source=source)


def import_read(store: OfficeStore, item: ReadFile, *, keys, folders: OfficeFolders, dry_run: bool = False,
                source: str | None = None, session=None, batch: bool = False,
                archiver: Archiver | None = None) -> ImportSummary:
    """import_file for a file already read (read_ahead.read_file, or ahead of time by ReadAhead); `session` makes
    the package's transaction (default store.session). With `batch` the month's derived rows are only marked
    pending: the caller must refresh them (derived.refresh_pending) before it returns. With `archiver` an imported
    file is put away on its thread (the caller closes it before it returns; summary.moved_to is set then)."""
    path = item.path
    summary = ImportSummary(path, REFUSED, dry_run=dry_run)
    parts = _inbox_parts(path, folders, item.link)  # one look at the file (a link?) for both, by its reader
    inside = parts is not None
    source = source if source is not None else _source(parts)
    if item.unreadable is not None:
        exc = item.unreadable
        summary.code, summary.reason = "unreadable", msg("无法读取文件（{e}）。", "Cannot read the file ({e}).",
                                                         e=exc.strerror or exc)
        return summary
    summary.sha256 = item.sha
    if archiver is not None:  # the archive's names as they will be once the files before this one are put away
        archiver.settle(path.name)
    summary, unit_folder = _run(store, item, keys, folders, summary, source, dry_run, session, batch)
    if dry_run:
        return summary
    if archiver is not None and summary.outcome in (APPLIED, KEPT, UNCHANGED):
        # put away on its thread, which finds out itself whether another importer has moved the file on
        folder = _archive_folder(store, folders, summary, unit_folder)
        archiver.put(path.name, partial(_archive, summary, folder, inside))
        return summary
    if not path.exists():  # that other importer has already moved the file on
        if summary.outcome == REFUSED and _unit_folder_of(store, summary.sha256) is not None:
            summary.outcome, summary.code, summary.reason = UNCHANGED, None, ""
        return summary
    try:
        if summary.outcome == REFUSED:
            _quarantine(store, folders, summary, source, inside)
        elif summary.outcome in (APPLIED, KEPT, UNCHANGED):
            _archive(summary, _archive_folder(store, folders, summary, unit_folder), inside)
    except FileNotFoundError:
        if path.exists():
            raise
        # Another office PC sharing the inbox moved the file on between the look above and this move.
    return summary


def _archive_folder(store: OfficeStore, folders: OfficeFolders, summary: ImportSummary,
                    unit_folder: str | None) -> Path:
    return folders.archive / (unit_folder or _unit_folder_of(store, summary.sha256) or "_unknown")


def _archive(summary: ImportSummary, folder: Path, inside: bool) -> None:
    try:
        summary.moved_to = put_away(summary.path, folder, summary.sha256, inside)
    except FileNotFoundError:
        if summary.path.exists():
            raise
        # Another office PC sharing the inbox moved the file on since it was imported.


def _unit_folder_of(store: OfficeStore, sha: str | None) -> str | None:
    with store.session() as s:
        package = s.scalars(select(OfficePackage).where(OfficePackage.sha256 == sha)).first()
        return package.unit.folder_name if package is not None else None


def package_files(paths: Iterable[Path | str]) -> list[Path]:
    """The package files named, or found under the folders named (hidden and partial copies skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob(f"*{SUFFIX}") if f.is_file() and not f.name.startswith("."))
        else:
            out.append(p)
    return out


def import_paths(store: OfficeStore, paths: Iterable[Path | str], *, keys, folders: OfficeFolders,
                 dry_run: bool = False, progress: Callable[[int, int, ImportSummary], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[ImportSummary]:
    """Import files and folders in order (oldest version first within a month, so newer ones win).

    Each package is its own transaction; the derived tables of the months written are made again set-based
    along the way (_Refresher) and before returning (also when stopped by an error or cancelled), not once per
    package: a quarter of a package's statements and most of its database work."""
    files = sorted(package_files(paths), key=_order_key)
    out = []
    # The next files are read, checked and (for a confirmed key) opened by another process or a thread while this
    # one writes (office/read_ahead.py); imported files are put away on another thread (office/archiving.py).
    archiver = Archiver(held=True)  # released at each refresh: see Archiver
    office_key = keys.encryption if keys is not None else None

    def job(item: ReadFile, session) -> ImportSummary:
        return import_read(store, item, keys=keys, folders=folders, dry_run=dry_run, session=session, batch=True,
                           archiver=archiver)

    with ReadAhead(store, files, lambda verified: _open(verified, keys), office_key) as ahead, \
            store.batch_connection() as conn:
        session = partial(store.session, conn)
        refresher = _Refresher(store, session, archiver)
        beside = (_Beside(store, job) if not store.is_sqlite and not dry_run and len(files) >= BESIDE_FROM
                  else None)

        def done(i: int, path: Path, summary: ImportSummary) -> None:
            refresher.imported()
            if summary.code == "unreadable" and not path.exists() and _in_folder(path.parent, folders.inbox):
                return  # another office PC took it from the shared inbox since the listing: in that PC's report
            out.append(summary)
            if progress is not None:
                progress(i, len(files), summary)

        try:
            for i, (path, item) in enumerate(ahead, start=1):
                if cancelled is not None and cancelled():
                    if beside is not None:
                        beside.cancel()
                    break
                if beside is None:
                    done(i, path, job(item, session))
                    continue
                for finished in beside.submit(i, path, item):
                    done(*finished)
            if beside is not None:
                for finished in beside.finish():
                    done(*finished)
        except BaseException:
            # What was imported still gets its derived rows; if the store cannot do it now, the marks stay for
            # the next import or the store's next opening, and the error that stopped the import is the one raised.
            # The files of the packages committed are put away all the same.
            if beside is not None:
                beside.stop()
            archiver.close(raise_error=False)
            refresher.close(raise_error=False)
            with contextlib.suppress(SQLAlchemyError):
                _refresh(session)
            raise
        try:
            refresher.close()
            archiver.release()
            _refresh(session)  # the months left (while the last files are put away)
        except BaseException:
            archiver.close(raise_error=False)
            raise
        archiver.close()
    return out


BESIDE_FROM = 64  # files from which a batch on PostgreSQL imports several packages at a time (_Beside)


class _Beside:
    """Several packages imported at a time, each on a thread with a connection of its own (PostgreSQL).

    A package's transaction spends most of its time waiting for the server; meanwhile the other threads check and
    write other packages, and the server works for them at once. It is what two office PCs importing one inbox do,
    and the same locks keep it correct: each writer locks the unit before it reads a month's versions and writes.
    The files of one unit (by the name the unit's program gives them, QMS_<hospital>_<department>_…) all go to one
    thread, in order, so a month's versions are applied oldest first as in a one-by-one import, and a file's
    archive or quarantine names are picked by one thread. The outcomes are handed back in the files' order.
    """

    WORKERS = 4  # on two cores, 1,000 packages: 2 threads 4.4–4.9 s, 4 threads 3.8–4.2 s, 6 threads 4.0–4.5 s
    WAITING = 4  # packages queued for each thread

    def __init__(self, store: OfficeStore, job: Callable[[ReadFile, Any], ImportSummary]) -> None:
        self._store, self._job = store, job
        self._queues = [queue.Queue(maxsize=self.WAITING) for _ in range(self.WORKERS)]
        self._done: queue.Queue = queue.Queue()
        self._ready: dict[int, tuple[Path, ImportSummary]] = {}
        self._next = 1
        self._units: dict[str, int] = {}  # a unit's files (by the name's unit part) -> its thread
        self._error: BaseException | None = None
        self._stopped = threading.Event()
        # each in a copy of this thread's context: what the writes note reaches the window's recording (changes.py)
        self._threads = [threading.Thread(target=contextvars.copy_context().run, args=(self._work, q),
                                          name=f"qmsdesk-import-{n}", daemon=True) for n, q in enumerate(self._queues)]
        for thread in self._threads:
            thread.start()

    def submit(self, i: int, path: Path, item: ReadFile) -> list[tuple[int, Path, ImportSummary]]:
        """Queue the i-th file (1, 2, …, in order); return the outcomes now ready in the files' order."""
        # each unit's files to one thread, the units in turn (the files come sorted by unit)
        unit = self._units.setdefault(_order_key(path)[0], len(self._units) % self.WORKERS)
        target = self._queues[unit]
        while True:
            self._collect()
            try:
                target.put((i, path, item), timeout=0.05)
                break
            except queue.Full:
                continue
        return self._in_order()

    def finish(self) -> list[tuple[int, Path, ImportSummary]]:
        """Wait for every package queued; the outcomes left in the files' order."""
        self._end()
        self._collect()
        if self._error is not None:
            raise self._error
        out = self._in_order()
        # the packages a stop left undone have no outcome: the rest follow in order
        return out + [(i, *self._ready.pop(i)) for i in sorted(self._ready)]

    def cancel(self) -> None:
        """Leave the packages queued undone (their files stay where they are); finish waits for the ones under way."""
        self._stopped.set()

    def stop(self) -> None:
        """cancel, and wait for the packages under way (after an error)."""
        self.cancel()
        self._end()

    def _end(self) -> None:
        for q in self._queues:
            q.put(None)
        for thread in self._threads:
            thread.join()

    def _collect(self) -> None:
        while True:
            try:
                i, path, outcome = self._done.get_nowait()
            except queue.Empty:
                return
            if isinstance(outcome, BaseException):
                if self._error is None:
                    self._error = outcome
                raise self._error
            self._ready[i] = path, outcome

    def _in_order(self) -> list[tuple[int, Path, ImportSummary]]:
        out = []
        while self._next in self._ready:
            out.append((self._next, *self._ready.pop(self._next)))
            self._next += 1
        return out

    def _work(self, jobs: queue.Queue) -> None:
        try:
            with self._store.batch_connection() as conn:
                session = partial(self._store.session, conn)
                while (job := jobs.get()) is not None:
                    if self._stopped.is_set():
                        continue
                    i, path, item = job
                    self._done.put((i, path, self._job(item, session)))
        except BaseException as exc:  # raised on the importer's thread by submit or finish
            self._stopped.set()
            self._done.put((0, None, exc))
            while jobs.get() is not None:  # what is queued is left undone; the importer's put never waits forever
                continue


REFRESH_EVERY = 250  # packages between refreshes of the derived tables: the pages another PC shows lag no more
# PostgreSQL, where they run beside the import: more often, so the months left for the last one, which the import
# waits for, are fewer
REFRESH_BESIDE_EVERY = 100


def _refresh(session) -> None:
    with session() as s:
        refresh_pending(s.connection())


class _Refresher:
    """The refreshes of a batch's derived tables along the way (every REFRESH_EVERY packages, REFRESH_BESIDE_EVERY on
    PostgreSQL).

    On PostgreSQL they run on a thread, on a connection of their own: the server refreshes in another backend while
    this one goes on importing (the thread only waits for the server). refresh_pending locks the marked units as an
    importer does, so a package of a unit being refreshed waits for it; the refresh never waits for anything the
    importer holds but a unit's lock until its package commits. On SQLite one writer works at a time, so a refresh
    there runs in line, on the batch's own connection. Whatever a refresh leaves marked — it failed, or packages
    came after it — the batch's last refresh, in line, takes.
    """

    def __init__(self, store: OfficeStore, session, archiver: Archiver) -> None:
        self._store, self._session, self._archiver = store, session, archiver
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._since = 0  # packages since the last refresh began

    def imported(self) -> None:
        """One more package done: a refresh when one is due."""
        self._since += 1
        if self._store.is_sqlite:
            if self._since >= REFRESH_EVERY:
                self._since = 0
                self._archiver.release()  # the files put away while the database refreshes
                _refresh(self._session)
            return
        if self._since < REFRESH_BESIDE_EVERY or (self._thread is not None and self._thread.is_alive()):
            return  # not yet, or still at the last one: the marks since then wait for the next
        self._since = 0
        self._archiver.release()
        self._join()
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._run,),
                                        name="qmsdesk-refresh", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            _refresh(self._store.session)
        except BaseException as exc:  # raised on the importer's thread by close
            self._error = exc

    def _join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        error, self._error = self._error, None
        # A database error leaves the marks for the batch's last refresh, which meets it again if it lasts; any
        # other error is a fault to report.
        if error is not None and not isinstance(error, SQLAlchemyError):
            raise error

    def close(self, *, raise_error: bool = True) -> None:
        """Wait for a refresh under way."""
        try:
            self._join()
        except BaseException:
            if raise_error:
                raise


def _order_key(path: Path) -> tuple:
    # QMS_<h>_<d>_<YYYYMM>_v<N>.qmspkg: month then version, so v1 is applied before v2 in one batch
    stem = path.name.removesuffix(SUFFIX)
    parts = stem.rsplit("_", 2)
    if len(parts) == 3 and parts[2].startswith("v") and parts[2][1:].isdigit():
        return (parts[0], parts[1], int(parts[2][1:]), path.name)
    return (stem, "", 0, path.name)


def scan_inbox(store: OfficeStore, folders: OfficeFolders, *, keys, dry_run: bool = False, **kw) -> list[ImportSummary]:
    """Import whatever sits in the inbox (each unit's folder included)."""
    return import_paths(store, [folders.inbox], keys=keys, folders=folders, dry_run=dry_run, **kw)


def recent_log(store: OfficeStore, limit: int = 200) -> list[ImportLogEntry]:
    with store.session() as s:
        return list(s.scalars(select(ImportLogEntry).order_by(ImportLogEntry.id.desc()).limit(limit)))
