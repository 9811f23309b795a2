"""The office import baselines: the same records written by bare drivers, one transaction per package.

    python benchmarks/bare_import.py sqlite ROWS.pickle FILE
    python benchmarks/bare_import.py pg-executemany ROWS.pickle URL
    python benchmarks/bare_import.py pg-copy ROWS.pickle URL

ROWS.pickle (benchmarks/data.py make_packages) holds every package's records already decrypted and parsed,
as (unit_id, period, kind, record_id, version, JSON text) rows. The timed part is what a database must
do with them at the least: connect, make a table with the same unique key, and write each package's rows
in its own transaction — sqlite3.executemany (WAL, as the office store), psycopg executemany (pipelined)
or COPY. Reading, verifying and decrypting the packages is not timed here, though the import must do
it: the ratio against this rate is therefore stricter than "the same work". Prints JSON: seconds, rows.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

COLUMNS = "unit_id, period, kind, record_id, version, data"
TABLE = ("CREATE TABLE bench_records (unit_id TEXT, period TEXT, kind TEXT, record_id TEXT, version INT, data TEXT, "
         "UNIQUE (unit_id, period, kind, record_id))")


def sqlite(batches: list[list[tuple]], path: str) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(TABLE)
    for rows in batches:
        with con:
            con.executemany(f"INSERT INTO bench_records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.close()


def _pg(url: str):
    import psycopg

    con = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    con.execute("DROP TABLE IF EXISTS bench_records")
    con.execute(TABLE)
    con.commit()
    return con


def pg_executemany(batches: list[list[tuple]], url: str) -> None:
    with _pg(url) as con:
        for rows in batches:
            with con.transaction(), con.cursor() as cur:
                cur.executemany(f"INSERT INTO bench_records ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)", rows)


def pg_copy(batches: list[list[tuple]], url: str) -> None:
    with _pg(url) as con:
        for rows in batches:
            with con.transaction(), con.cursor() as cur, cur.copy(f"COPY bench_records ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def main(how: str, rows_file: str, target: str) -> int:
    with open(rows_file, "rb") as fh:
        batches = pickle.load(fh)
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
