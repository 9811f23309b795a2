"""Writing a unit's month of records into the office store as the applied version carries them.

The importer has checked data.json (decrypted, parsed, no UUID twice, counts as signed); the database then
explodes those very bytes itself — json_each on SQLite, jsonb_each on PostgreSQL — in one INSERT … SELECT,
so no record is encoded to JSON again in Python and no statement is built per record. A newer version of a
month first compares its records with the rows held (for the per-kind counts), deletes them and writes the
new ones; records the new version no longer carries stay as tombstones. The office demo writes its months
through the same statement, so its store holds exactly what an import produces.

One exception, on SQLite: a month's first version that the reading process (office/reader.py) opened comes with
its rows already shaped there, on the other core — each record's id, tombstone flag, tag and where its text lies
in data.json — when they are the statement's rows to the character (reader.shape_rows says when); they are
written with one executemany (write_shaped), sparing the database a third parse of each record (json_type and
json_extract on top of json_each). tests/office/test_shaped_rows.py holds the two ways equal.
"""

from __future__ import annotations

import marshal
from itertools import chain, repeat
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, DBAPIError, OperationalError

from qmsdesk import changes
from qmsdesk.office.models import OfficeRecord
from qmsdesk.office.reader import COUNT_KEYS, TAG_FIELDS, first_counts

__all__ = ["TAG_FIELDS", "BadRecords", "apply_records", "bad_records", "month_counts", "write_month"]


def _sql(dialect: str) -> str:
    """INSERT … SELECT of every record in :blob's "records" (kind → UUID → record)."""
    if dialect == "postgresql":
        each = ("jsonb_each(CAST(:blob AS jsonb) -> 'records') AS k, jsonb_each(k.value) AS r",
                "COALESCE(r.value -> 'deleted' = 'true'::jsonb, FALSE)", "value ->> '{f}'", "left({v}, 64)")
    else:
        each = ("json_each(:blob, '$.records') AS k, json_each(k.value) AS r",
                "IFNULL(json_type(r.value, '$.deleted') = 'true', 0)", "json_extract(value, '$.{f}')", "substr({v}, 1, 64)")
    source, dead, field, cut = each
    tag = "CASE kind " + " ".join(f"WHEN '{k}' THEN {cut.format(v=field.format(f=f))}"
                                  for k, f in TAG_FIELDS.items()) + " END"
    return ("INSERT INTO office_records (unit_id, period, kind, record_id, version, deleted, tag, data) "
            f"SELECT :unit, :period, kind, rid, :version, dead, CASE WHEN dead THEN NULL ELSE {tag} END, "
            "CASE WHEN dead THEN NULL ELSE value END "
            f"FROM (SELECT k.key AS kind, r.key AS rid, r.value AS value, (k.key <> 'staff' AND {dead}) AS dead "
            f"FROM {source}) AS month_records")


_STATEMENTS: dict[str, Any] = {}


def _statement(dialect: str):
    if dialect not in _STATEMENTS:
        _STATEMENTS[dialect] = text(_sql(dialect))
    return _STATEMENTS[dialect]


class BadRecords(ValueError):
    """The database's JSON refused a record Python's parser took (an escaped NUL, a lone surrogate)."""


def _is_tombstone(kind: str, data: dict[str, Any]) -> bool:
    return kind != "staff" and data.get("deleted") is True


def month_counts(records: dict[str, dict[str, dict[str, Any]]],
                 held: dict[tuple[str, str], dict[str, Any] | None]) -> dict[str, dict[str, int]]:
    """Per kind: imported, updated, unchanged, deleted — the records against the rows `held` (None: a tombstone)."""
    if not held:  # a first version: every record is new, every tombstone a deletion
        return first_counts(records)
    counts: dict[str, dict[str, int]] = {k: dict.fromkeys(COUNT_KEYS, 0) for k in records}
    for kind, rows in records.items():
        c = counts[kind]
        for rid, data in rows.items():
            key = (kind, rid)
            was_there = key in held
            old = held.get(key)
            if _is_tombstone(kind, data):
                c["unchanged" if was_there and old is None else "deleted"] += 1
            elif not was_there:
                c["imported"] += 1
            elif old is None or old != data:
                c["updated"] += 1
            else:
                c["unchanged"] += 1
    for (kind, rid), old in held.items():
        if old is not None and rid not in records.get(kind, {}):
            # The newer version no longer carries it: it is gone from the month.
            counts.setdefault(kind, dict.fromkeys(COUNT_KEYS, 0))["deleted"] += 1
    return counts


def write_month(conn: Connection, unit_id: str, period: str, version: int, blob: bytes | str) -> None:
    """Insert the month's records straight from data.json's bytes (the month must hold no rows yet)."""
    try:
        conn.execute(_statement(conn.dialect.name), records_params(unit_id, period, version, blob))
    except (DataError, OperationalError) as exc:
        bad = bad_records(exc)
        if bad is not None:
            raise bad from exc
        raise


def records_params(unit_id: str, period: str, version: int, blob: bytes | str) -> dict[str, Any]:
    return {"unit": unit_id, "period": period, "version": version,
            "blob": blob.decode("utf-8") if isinstance(blob, bytes) else blob}


def bad_records(exc: DataError | OperationalError) -> BadRecords | None:
    """The database refusing data.json's text as JSON (BadRecords), or None for any other error."""
    if "json" in str(exc.orig).lower() or "unicode" in str(exc.orig).lower():
        return BadRecords(str(exc.orig).splitlines()[0])
    return None


# A tombstone's data text is '' (a record's text never is): NULL, as the database writes it.
_INSERT_ROWS = ("INSERT INTO office_records (unit_id, period, kind, record_id, version, deleted, tag, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''))")


def write_shaped(conn: Connection, unit_id: str, period: str, version: int, blob: bytes, rows: bytes) -> None:
    """Insert a first version's rows as the reading process shaped them (reader.shape_rows; SQLite only), each record's
    data its text sliced from data.json: one executemany of the very rows write_month's statement would make."""
    changes.note(OfficeRecord.__tablename__)
    text = blob.decode("utf-8")
    # The driver's own cursor: SQLAlchemy would look at each row's parameters once more; its errors as SQLAlchemy's.
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(_INSERT_ROWS, chain.from_iterable(
            zip(repeat(unit_id), repeat(period), repeat(kind), ids, repeat(version), dead, tags,
                map(text.__getitem__, map(slice, starts, ends)), strict=False)
            for kind, ids, dead, tags, starts, ends in marshal.loads(rows)))
    except conn.dialect.dbapi.Error as exc:
        raise DBAPIError.instance(_INSERT_ROWS, None, exc, conn.dialect.dbapi.Error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


def apply_records(conn: Connection, unit_id: str, period: str, version: int,
                  records: dict[str, dict[str, dict[str, Any]]] | None, blob: bytes, *, first: bool = False,
                  writes=None, counts: dict[str, dict[str, int]] | None = None,
                  rows: bytes | None = None) -> dict[str, dict[str, int]]:
    """Make the month's rows those of this version; return counts per kind.

    `first`: no version of the month was imported before, so it holds no rows (they are only ever written with
    their package) and they are not looked for; the unique key would refuse any row there all the same. Its
    `counts` may come already made (reader.first_counts), `records` then None.
    `writes` (import_sql.Writes): the writes go through it, in order (on PostgreSQL sent with the package's other
    writes; a refusal of data.json's JSON then comes as DataError when they are sent: see bad_records).
    `rows`: a first version's rows shaped by the reading process (reader.shape_rows), written as they are on SQLite
    instead of exploding `blob` again; PostgreSQL explodes the bytes itself all the same (jsonb_each is as fast as
    COPY there).
    """
    if first and rows is not None and conn.dialect.name == "sqlite":
        write_shaped(conn, unit_id, period, version, blob, rows)
        return first_counts(records) if counts is None else counts
    t = OfficeRecord.__table__
    held = {} if first else {(k, r): (None if dead else data) for k, r, dead, data in conn.execute(
        select(t.c.kind, t.c.record_id, t.c.deleted, t.c.data).where(t.c.unit_id == unit_id, t.c.period == period))}
    if counts is None or not first:
        counts = month_counts(records, held)
    gone = [dict(unit_id=unit_id, period=period, kind=k, record_id=r, version=version, deleted=True, tag=None, data=None)
            for k, r in held if r not in records.get(k, {})]
    if writes is not None:
        if held:
            writes.add("DELETE FROM office_records WHERE unit_id = :u AND period = :p", {"u": unit_id, "p": period})
        writes.add(_sql(conn.dialect.name), records_params(unit_id, period, version, blob))
        for row in gone:
            writes.insert(t, row)
        return counts
    if held:
        conn.execute(delete(t).where(t.c.unit_id == unit_id, t.c.period == period))
    write_month(conn, unit_id, period, version, blob)
    if gone:
        conn.execute(insert(t), gone)
    return counts
