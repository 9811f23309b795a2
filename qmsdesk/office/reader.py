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
It also shapes the month's office_records rows from the parsed data (shape_rows), which the importer writes as they
are when the store is on SQLite and the package is the month's first version.

Memory stays bounded: the process is as far ahead as its pipe holds (read_ahead.PIPE_BYTES), files over
package.READ_ONCE_BYTES are not held, and data.json is opened ahead only up to OPEN_AHEAD_BYTES.
"""

from __future__ import annotations

import json
import marshal
import os
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

# What the aggregate queries filter on, per record kind (office_records.tag; office/month_rows.py).
TAG_FIELDS = {"indicator_values": "indicator_code", "adverse_events": "category", "rectification_items": "category",
              "training_sessions": "category", "assessments": "kind", "quality_analyses": "span",
              "inspections": "template_code", "inspection_items": "item_code", "event_factors": "code",
              "pdca_projects": "stage"}


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
    # The office_records rows of the month as its first version writes them (shape_rows), or None
    rows: bytes | None = None


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
    link: bool | None = None  # whether the path was a symbolic link when it was read (None: not looked at)


def read_file(path: Path) -> ReadFile:
    """Read, hash and inspect one file (no store, no key, no decryption)."""
    link = os.path.islink(path)  # here, not on the importer's thread (where the inbox lies: importer._real)
    try:
        sha, content = read_once(path)
    except OSError as exc:
        return ReadFile(path, unreadable=exc, link=link)
    try:
        return ReadFile(path, sha, verified=inspect_package(path, sha, content), link=link)
    except PackageError as exc:
        return ReadFile(path, sha, refused=exc, link=link)


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_MARK = "\0"  # stands for the records while the rest of data.json is encoded again, and between two records
_MARKED = _compact(_MARK)  # "\u0000" (quotes included)
_BETWEEN, _LAST = f",{_MARKED},", f",{_MARKED}]"
_SAFE_INT = 2 ** 62  # SQLite's json_extract gives a number this small as an integer (a larger one may be a REAL)


def _tag(value: Any) -> str | None | bool:
    """substr(json_extract(record, '$.<field>'), 1, 64) as SQLite 3.40 makes it; False where Python cannot say
    cheaply (a REAL: SQLite prints it in its own way)."""
    if value is None or isinstance(value, str):
        return value if value is None or len(value) <= 64 else value[:64]
    if value is True or value is False:
        return "1" if value else "0"
    if type(value) is int:
        return str(value) if -_SAFE_INT < value < _SAFE_INT else False
    if isinstance(value, dict | list):
        return _compact(value)[:64]
    return False


def shape_rows(text: str, data: dict[str, Any]) -> bytes | None:
    """The month's office_records rows as the database's INSERT … SELECT over json_each(data.json) makes them for a
    first version (office/month_rows.py), per kind: (kind, record ids, deleted flags, tags, where each record's data
    text starts and ends in `text` — 0 and 0 for a tombstone, which keeps none), marshalled: the importer slices the
    texts from the bytes it has anyway, so the pipe carries little more than data.json.

    Only when they are the same to the character: data.json is the compact JSON Python writes (its canonical form),
    so each record's text as json_each gives it — the record's own text, minified — is its text in data.json; and
    no \\u escape anywhere (an escaped NUL or lone surrogate the database's JSON may refuse, a character it would
    keep escaped). Anything else — a REAL tag, a record without its `deleted` flag — is None: the database explodes
    the bytes itself, as for every newer version."""
    if "\\u" in text:
        return None
    records = data["records"]
    # Every record's text from one encoding of them all, a mark between each two (no string holds a NUL here)
    texts = _compact([x for rows in records.values() for r in rows.values() for x in (r, _MARK)])[1:-len(_LAST)]
    texts = texts.split(_BETWEEN) if texts else []
    outer = _compact({k: (_MARK if k == "records" else v) for k, v in data.items()}).split(_MARKED)
    if len(outer) != 2:
        return None
    out = []
    parts = []
    at, pos = 0, len(outer[0]) + 1
    for kind, rows in records.items():
        mine = texts[at:at + len(rows)]
        at += len(rows)
        if kind == "staff":
            dead = [False] * len(rows)
        else:
            try:
                dead = [r["deleted"] is True for r in rows.values()]
            except KeyError:  # json_type(…) IS NULL: the row's `deleted` would be NULL (the database refuses it)
                return None
        field = TAG_FIELDS.get(kind)
        tags = [None if d or field is None else _tag(r.get(field)) for d, r in zip(dead, rows.values(), strict=True)]
        if False in tags:
            return None
        ids = list(rows)
        part = f'"{kind}":{{' + ",".join([f'"{i}":{t}' for i, t in zip(ids, mine, strict=True)]) + "}"
        starts, ends = [], []
        at_record = pos + len(kind) + 4
        for i, t, d in zip(ids, mine, dead, strict=True):
            start = at_record + len(i) + 3
            starts.append(0 if d else start)
            ends.append(0 if d else start + len(t))
            at_record = start + len(t) + 1
        parts.append(part)
        pos += len(part) + 1
        out.append((kind, ids, dead, tags, starts, ends))
    # The whole text must be data encoded again: then every record's text above is its own text in data.json.
    body = "{" + ",".join(parts) + "}"
    if len(text) != len(outer[0]) + len(body) + len(outer[1]) or not (
            text.startswith(outer[0]) and text.endswith(outer[1]) and text[len(outer[0]):len(text) - len(outer[1])] == body):
        return None
    return marshal.dumps(out)


def small_data(verified: VerifiedPackage) -> bool:
    size = (verified.manifest.get("members") or {}).get(DATA, {}).get("size")
    return type(size) is int and size <= OPEN_AHEAD_BYTES


def may_open(verified: VerifiedPackage, key_b64: str | None, requires_encryption: bool) -> bool:
    """Whether a package may be opened ahead: signed by its unit's confirmed key, sealed if the unit must seal."""
    if not key_b64 or key_b64 != verified.unit_key:
        return False
    return verified.encrypted or not requires_encryption


def _read_and_open(path: Path, confirmed: Confirmed, office_key, rows: bool = False) -> ReadFile:
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
        item.digest = Digest(dict(data.get("notes") or {}), first_counts(data["records"]),
                             shape_rows(blob.decode("utf-8"), data) if rows else None)
        # The bytes were only kept for opening: the importer needs the manifest, not the file, from here on.
        item.verified = VerifiedPackage(v.path, v.sha256, v.manifest, v.manifest_bytes, v.unit_key,
                                        v.unit_key_fingerprint)
    return item


FAILED = "failed"  # this file could not be read here: the importer reads it itself


def serve(conn, files: list[str], confirmed: Confirmed, office_key_raw: bytes | None, rows: bool = True,
          reading_end=None) -> None:
    """The reading process: each file's ReadFile (or FAILED) sent in order down `conn`, the writing end of a pipe;
    with `rows` each opened package's digest carries its rows shaped (shape_rows): only a store on SQLite writes them
    (PostgreSQL explodes data.json's bytes itself), so a batch into PostgreSQL spares the work by passing False.
    The pipe holds what read_ahead.PIPE_BYTES lets it: a send waits while the importer has not taken the ones before.
    The importer closing its end stops the process at its next send. A forked process gets the importer's
    `reading_end` too and closes it first: while a copy of it stays open here, the importer closing its own would not
    stop the sends."""
    if reading_end is not None:
        reading_end.close()
    from qmsdesk.sync import crypto

    office_key = crypto.encryption_private_key(office_key_raw) if office_key_raw is not None else None
    try:
        for name in files:
            try:
                item: Any = _read_and_open(Path(name), confirmed, office_key, rows)
            except Exception:  # a bug or no memory: the importer reads the file itself and meets the error there
                item = FAILED
            conn.send(item)
    except (BrokenPipeError, KeyboardInterrupt):  # the importer has stopped or gone
        return
    finally:
        conn.close()
