"""Reading a batch's package files in a process of its own: each file read once, hashed, checked and (for a key the
office confirmed) opened, handed to the importer as a ReadFile.

Reading, verifying, decrypting and parsing a thousand packages is about a second of the interpreter's time. On a
thread of the importer's process it shares the interpreter lock with the writes, so a batch gains nothing from it
(office/read_ahead.py). In a process of its own it runs on the other core while the importer writes.

This module is all that process imports: the package checks (sync/package.py) and the keys — no SQLAlchemy, no
store. The store's confirmed keys come from the importer as a snapshot taken when the batch starts; a package is
opened ahead only when its key is its unit's confirmed key in that snapshot, so a stranger's package still costs
no decryption. The importer checks every package again in its own transaction, against the store as it is then,
and only then uses what was opened ahead; whatever could not be read or opened here — a refusal, an error — it
does again itself, so the outcome and its wording are those of a file read on the importer's own thread.

Memory stays bounded: the process is a file or two ahead at most (what the pipe holds), files over
package.READ_ONCE_BYTES are not held, and data.json is opened ahead only up to OPEN_AHEAD_BYTES.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qmsdesk.sync.package import (
    DATA,
    PackageError,
    VerifiedPackage,
    check_members,
    inspect_package,
    read_data,
    read_once,
)

OPEN_AHEAD_BYTES = 1024 * 1024

# (hospital code, department code) -> (confirmed key, must the unit's packages be sealed): active units with a key
Confirmed = dict[tuple[str, str], tuple[str, bool]]


COUNT_KEYS = ("imported", "updated", "unchanged", "deleted")


def first_counts(records: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Per kind, the counts of a month's first version: every record is new, every tombstone a deletion."""
    out = {}
    for kind, rows in records.items():
        dead = 0 if kind == "staff" else sum(1 for data in rows.values() if data.get("deleted") is True)
        out[kind] = {"imported": len(rows) - dead, "updated": 0, "unchanged": 0, "deleted": dead}
    return out


@dataclass(frozen=True, slots=True)
class Digest:
    """What the importer needs of a data.json the reading process parsed and checked, besides its bytes: the notes,
    and the counts were it the month's first version. The records themselves are not sent back (unpickling them
    costs the importer as much as parsing); for a newer version the importer parses the checked bytes again."""

    notes: dict[str, Any]
    first_counts: dict[str, dict[str, int]]


@dataclass
class ReadFile:
    """One file as read before its transaction: its hash, and what the checks that need no store found."""

    path: Path
    sha: str | None = None
    unreadable: OSError | None = None
    verified: VerifiedPackage | None = None
    refused: PackageError | None = None  # by inspect_package
    # data.json decrypted and parsed ahead (its key was the unit's confirmed key when it was opened), or why not;
    # from the reading process the parsed data is None and `digest` holds what the importer needs of it
    opened: tuple[bytes, dict[str, Any] | None] | None = None
    open_refused: Exception | None = None
    digest: Digest | None = None


def read_file(path: Path) -> ReadFile:
    """Read, hash and inspect one file (no store, no key, no decryption)."""
    try:
        sha, content = read_once(path)
    except OSError as exc:
        return ReadFile(path, unreadable=exc)
    try:
        return ReadFile(path, sha, verified=inspect_package(path, sha, content))
    except PackageError as exc:
        return ReadFile(path, sha, refused=exc)


def small_data(verified: VerifiedPackage) -> bool:
    size = (verified.manifest.get("members") or {}).get(DATA, {}).get("size")
    return type(size) is int and size <= OPEN_AHEAD_BYTES


def may_open(verified: VerifiedPackage, key_b64: str | None, requires_encryption: bool) -> bool:
    """Whether a package may be opened ahead: signed by its unit's confirmed key, sealed if the unit must seal."""
    if not key_b64 or key_b64 != verified.unit_key:
        return False
    return verified.encrypted or not requires_encryption


def _read_and_open(path: Path, confirmed: Confirmed, office_key) -> ReadFile:
    item = read_file(path)
    v = item.verified
    if v is None or not small_data(v):
        return item
    m = v.manifest
    key, sealed = confirmed.get((str(m.get("hospital_code")), str(m.get("department_code"))), (None, False))
    if not may_open(v, key, sealed):
        return item
    try:
        check_members(v)
        opened = read_data(v, office_key)
    except PackageError:
        return item  # the importer opens it again after its checks, and refuses it in its own words
    if opened is not None:
        blob, data = opened
        item.opened = blob, None
        item.digest = Digest(dict(data.get("notes") or {}), first_counts(data["records"]))
        # The bytes were only kept for opening: the importer needs the manifest, not the file, from here on.
        item.verified = VerifiedPackage(v.path, v.sha256, v.manifest, v.manifest_bytes, v.unit_key,
                                        v.unit_key_fingerprint)
    return item


FAILED = "failed"  # this file could not be read here: the importer reads it itself


def serve(conn, files: list[str], confirmed: Confirmed, office_key_raw: bytes | None, reading_end=None) -> None:
    """The reading process: each file's ReadFile (or FAILED) sent in order down `conn`, the writing end of a pipe.
    The pipe holds a file or two: a send waits while the importer has not taken the ones before. The importer
    closing its end stops the process at its next send. A forked process gets the importer's `reading_end` too and
    closes it first: while a copy of it stays open here, the importer closing its own would not stop the sends."""
    if reading_end is not None:
        reading_end.close()
    from qmsdesk.sync import crypto

    office_key = crypto.encryption_private_key(office_key_raw) if office_key_raw is not None else None
    try:
        for name in files:
            try:
                item: Any = _read_and_open(Path(name), confirmed, office_key)
            except Exception:  # a bug or no memory: the importer reads the file itself and meets the error there
                item = FAILED
            conn.send(item)
    except (BrokenPipeError, KeyboardInterrupt):  # the importer has stopped or gone
        return
    finally:
        conn.close()
