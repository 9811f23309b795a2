"""A read-only look at the ward's SQLite file with the standard library, for readers that need no ORM.

`qmsdesk status` and the dashboard's figures read a month with a handful of SQL statements; importing
SQLAlchemy's ORM and the models costs more than the reading. This opens the file read-only (`mode=ro`: it
can never write, lock out the window, or migrate) and only when its schema is at this program's head
(`alembic_version` against migrate.HEAD_REVISION, without importing Alembic). Anything else — no file, an
empty or older or newer file, a PostgreSQL URL, a file SQLite cannot read — gives None, and the caller takes
the normal path (open_database: upgrade, checks, clear errors).

Values come back as SQLite keeps what SQLAlchemy wrote: dates as ISO text, UUIDs as 32 hex digits, UTC
timestamps as naive "YYYY-MM-DD HH:MM:SS.ffffff" text, booleans as 0/1; the helpers below turn them back.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from qmsdesk.db.migrate import HEAD_REVISION


class RawReader:
    """One read-only connection; `rows` runs a statement with named parameters (":day")."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self.statements = 0  # how many statements were run (tests keep the dashboard's few)

    def rows(self, sql: str, **params: Any) -> list[sqlite3.Row]:
        self.statements += 1
        return self.connection.execute(sql, params).fetchall()

    def one(self, sql: str, **params: Any) -> sqlite3.Row:
        return self.rows(sql, **params)[0]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> RawReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _local_file(target: str | Path | None) -> Path | None:
    """`target` as a SQLite file with content, else None (a PostgreSQL URL, no file, an empty one)."""
    if target is None or "://" in str(target):
        return None
    path = Path(target)
    try:
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None


def _at_head(connection: sqlite3.Connection, begin: str) -> bool:
    """Begin the connection's one transaction and say whether the schema is this program's head; closes it if not.
    SQLite's "database is locked" (another writer past the busy timeout) is raised as it came."""
    try:
        connection.execute(begin)
        versions = [r[0] for r in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():
            connection.close()
            raise
        versions = []
    except sqlite3.Error:
        versions = []
    if versions != [HEAD_REVISION]:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
        return False
    connection.row_factory = sqlite3.Row
    return True


def open_raw(target: str | Path | None) -> RawReader | None:
    """A reader of the SQLite file `target` when it is at the schema head, else None (see the module doc)."""
    path = _local_file(target)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        # One read transaction for the reader's life: every figure of the month is read from the same moment of
        # the file, even while the window writes to it (as the ORM's session does).
        if not _at_head(connection, "BEGIN"):
            return None
    except sqlite3.Error:  # a lock that outlasted SQLite's wait: the caller's normal path says so properly
        return None
    return RawReader(connection, path)


# --- stored values back to Python ---------------------------------------------------------------------

def day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def uid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


def utc(text: str | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (what db/types.UTCDateTime returns)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


def stored_time(moment: datetime) -> str:
    """An aware time as SQLite holds it (naive UTC text), to compare with stored timestamps."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def stored_uuid(value: uuid.UUID) -> str:
    return value.hex


# --- writing without the ORM (`qmsdesk submit`) ---------------------------------------------------

class RawWriter(RawReader):
    """One read-write connection holding the write lock from the start (BEGIN IMMEDIATE) until `commit`.

    What it reads is what it wrote; `close` without `commit` rolls everything back, so a refusal, an error or
    a cancel leaves the file as it was (as a session that is not committed does).
    """

    def execute(self, sql: str, **params: Any) -> int:
        """Run one INSERT/UPDATE; the number of rows it changed."""
        self.statements += 1
        return self.connection.execute(sql, params).rowcount

    def commit(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
        self.connection.close()


def open_raw_write(target: str | Path | None) -> RawWriter | None:
    """A writer of the SQLite file `target` when it is at the schema head, else None (the caller opens the
    database the normal way: upgrade, checks). Same connection settings as db/engine.py's engine; another
    writer holding the file past the busy timeout is the user's DatabaseError."""
    from qmsdesk.config import DEFAULT_BUSY_TIMEOUT_S, busy_timeout_s

    path = _local_file(target)
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
    except OSError:
        return None
    timeout = busy_timeout_s(DEFAULT_BUSY_TIMEOUT_S)
    try:
        connection = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", f"busy_timeout={timeout * 1000}"):
            connection.execute(f"PRAGMA {pragma}")
        if not _at_head(connection, "BEGIN IMMEDIATE"):
            return None
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc).lower():
            return None
        from qmsdesk.errors import DatabaseError

        raise DatabaseError(busy_message(timeout)) from exc
    except sqlite3.Error:
        return None
    return RawWriter(connection, path)


def busy_message(seconds: int) -> str:
    """What a user reads when another writer kept the file past the busy timeout (also db/engine.busy_error)."""
    from qmsdesk.i18n import msg

    return msg("另一个程序正在写入数据库，等待 {s} 秒后仍未结束，本次修改未保存。请关闭其他正在使用该数据库的 qmsdesk 后重试。",
               "Another program is writing to the database and did not finish within {s} s; this change was "
               "not saved. Close other qmsdesk programs using this database and try again.", s=seconds)
