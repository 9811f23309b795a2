"""The office import baselines: the same records written by bare drivers, one transaction per package.

    python benchmarks/bare_import.py sqlite ROWS.pickle FILE
    python benchmarks/bare_import.py pg-executemany ROWS.pickle URL
    python benchmarks/bare_import.py pg-copy ROWS.pickle URL

ROWS.pickle (benchmarks/data.py make_packages) holds every package's records already decrypted and parsed,
as (unit_id, period, kind, record_id, version, JSON text) rows; each row's `tag` (the field the office's
pages filter on, office/month_rows.TAG_FIELDS) and tombstone flag are worked out before the clock starts.
The timed part is what a database must do with them at the least: connect, make a table shaped as the
store's office_records — the same columns and types (JSONB on PostgreSQL), the same unique key and the
two indexes the pages use — and write each package's rows in its own transaction: sqlite3.executemany
(WAL, as the office store), psycopg executemany (pipelined) or COPY. A table without those indexes would
be less work than the store must do for the same rows (on SQLite each package then touches a leaf page
per kind in each index). Reading, verifying and decrypting the packages is not timed here, though the
import must do it: the ratio against this rate is therefore stricter than "the same work". Prints JSON:
seconds, rows.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

COLUMNS = "unit_id, period, kind, record_id, version, deleted, tag, data"
# office/models.py OfficeRecord, as the store makes it
TABLE = ("CREATE TABLE bench_records (id {id}, unit_id VARCHAR(36) NOT NULL, period VARCHAR(7) NOT NULL, "
         "kind VARCHAR(40) NOT NULL, record_id VARCHAR(36) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL, "
         "tag VARCHAR(64), data {data}, UNIQUE (unit_id, period, kind, record_id))")
INDEXES = ("CREATE INDEX bench_records_kind_period ON bench_records (kind, period)",
           "CREATE INDEX bench_records_kind_tag_period ON bench_records (kind, tag, period)")
# office/month_rows.py TAG_FIELDS: what the aggregate queries filter on, per kind
TAG_FIELDS = {"indicator_values": "indicator_code", "adverse_events": "category", "rectification_items": "category",
              "training_sessions": "category", "assessments": "kind", "quality_analyses": "span",
              "inspections": "template_code", "inspection_items": "item_code", "event_factors": "code",
              "pdca_projects": "stage"}


def _shaped(batches: list[list[tuple]]) -> list[list[tuple]]:
    """The rows as the store holds them: tombstones without data, `tag` from the kind's field (not timed)."""
    out = []
    for rows in batches:
        shaped = []
        for unit_id, period, kind, record_id, version, text in rows:
            record = json.loads(text)
            dead = kind != "staff" and record.get("deleted") is True
            value = None if dead else record.get(TAG_FIELDS.get(kind, ""))
            tag = None if value is None else (value if isinstance(value, str) else json.dumps(value))[:64]
            shaped.append((unit_id, period, kind, record_id, version, dead, tag, None if dead else text))
        out.append(shaped)
    return out


def sqlite(batches: list[list[tuple]], path: str) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(TABLE.format(id="INTEGER NOT NULL PRIMARY KEY", data="JSON"))
    for index in INDEXES:
        con.execute(index)
    for rows in batches:
        with con:
            con.executemany(f"INSERT INTO bench_records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()


def _pg(url: str):
    import psycopg

    con = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    con.execute("DROP TABLE IF EXISTS bench_records")
    con.execute(TABLE.format(id="SERIAL NOT NULL PRIMARY KEY", data="JSONB"))
    for index in INDEXES:
        con.execute(index)
    con.commit()
    return con


def pg_executemany(batches: list[list[tuple]], url: str) -> None:
    with _pg(url) as con:
        for rows in batches:
            with con.transaction(), con.cursor() as cur:
                cur.executemany(f"INSERT INTO bench_records ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)


def pg_copy(batches: list[list[tuple]], url: str) -> None:
    with _pg(url) as con:
        for rows in batches:
            with con.transaction(), con.cursor() as cur, cur.copy(f"COPY bench_records ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def main(how: str, rows_file: str, target: str) -> int:
    with open(rows_file, "rb") as fh:
        batches = _shaped(pickle.load(fh))
    if how == "sqlite":  # a new file every run
        for side in ("", "-wal", "-shm"):
            Path(target + side).unlink(missing_ok=True)
    start = time.perf_counter()
    {"sqlite": sqlite, "pg-executemany": pg_executemany, "pg-copy": pg_copy}[how](batches, target)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": sum(map(len, batches)), "packages": len(batches)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
