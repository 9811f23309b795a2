"""The import's own statements as plain SQL for the driver, and its writes sent to PostgreSQL in one round trip.

A package's transaction is a handful of small statements. Built and compiled through SQLAlchemy for each of a
thousand packages they cost more than the database's work, and on PostgreSQL each waits for its own round trip
to the server. Here each statement is text built once, in the driver's parameter style, with the values its
columns' SQLAlchemy types would bind (dates as SQLite stores them, JSON as text); and `Writes` queues the writes
of one transaction and sends them in a single psycopg pipeline, so a package costs two round trips (its reads
with the lock and the month's versions, then its writes with the COMMIT) instead of a dozen. An error of any queued statement
is raised as SQLAlchemy raises it (IntegrityError, DataError, …) when the queue is sent, before the commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from qmsdesk import changes

_SQL: dict[tuple[str, str], str] = {}


def driver_sql(conn: Connection, sql: str) -> str:
    """`sql` (with :name parameters) in the driver's own parameter style, converted once."""
    key = (conn.dialect.paramstyle, sql)
    if key not in _SQL:
        if conn.dialect.paramstyle in ("named", "qmark"):  # sqlite3 takes :name with a dict in either
            _SQL[key] = sql
        else:
            import re

            _SQL[key] = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql.replace("%", "%%"))
    return _SQL[key]


def execute(conn: Connection, sql: str, params: dict[str, Any]):
    """Run one statement now: on SQLite on the driver's connection itself (the same connection and transaction —
    pysqlite begins it at the first write, as under SQLAlchemy — without SQLAlchemy's result machinery, which cost
    more than SQLite's own work for the import's small statements), elsewhere with exec_driver_sql (no statement
    object, no compiling). Rows come back as tuples; an error is raised as SQLAlchemy raises it."""
    if conn.dialect.name != "sqlite":
        return conn.exec_driver_sql(driver_sql(conn, sql), params)
    try:
        return _Rows(conn.connection.driver_connection.execute(sql, params))
    except conn.dialect.dbapi.Error as exc:
        raise _translated(conn, sql, params, exc) from exc


class _Rows:
    """A sqlite3 cursor read as the importer reads a result: iterated, first row, first value."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor) -> None:
        self._cursor = cursor

    @property
    def returns_rows(self) -> bool:
        return self._cursor.description is not None

    def __iter__(self):
        return iter(self._cursor)

    def first(self):
        row = self._cursor.fetchone()
        self._cursor.close()
        return row

    def scalar(self):
        row = self.first()
        return None if row is None else row[0]


def pipelined(conn: Connection, statements: list[tuple[str, dict[str, Any]]]) -> list[list]:
    """Run statements in order and return each one's rows (empty for a statement without): on PostgreSQL in one
    round trip."""
    if conn.dialect.name != "postgresql":
        out = []
        for sql, params in statements:
            result = execute(conn, sql, params)
            out.append(list(result) if result.returns_rows else [])
        return out
    raw = conn.connection.driver_connection
    sql, params = statements[-1]
    try:
        with raw.pipeline():
            cursors = [raw.cursor() for _ in statements]
            for cur, (sql, params) in zip(cursors, statements, strict=True):
                cur.execute(driver_sql(conn, sql), params)
        out = [cur.fetchall() if cur.description is not None else [] for cur in cursors]
        for cur in cursors:
            cur.close()
        return out
    except conn.dialect.dbapi.Error as exc:
        raise _translated(conn, sql, params, exc) from exc


def _translated(conn: Connection, sql: str, params, exc: Exception) -> DBAPIError:
    return DBAPIError.instance(sql, params, exc, conn.dialect.dbapi.Error, dialect=conn.dialect)


_INSERTS: dict[tuple[str, tuple[str, ...]], str] = {}


def bound(conn: Connection, table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """`values` as the columns' SQLAlchemy types bind them on this connection (what Core's insert would send)."""
    out = {}
    for name, value in values.items():
        process = _processor(conn, table, name)
        out[name] = value if process is None or value is None else process(value)
    return out


_PROCESSORS: dict[tuple[str, str, str], Any] = {}


def _processor(conn: Connection, table: Table, name: str):
    key = (conn.dialect.name, table.name, name)
    if key not in _PROCESSORS:
        column_type = table.c[name].type
        _PROCESSORS[key] = column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return _PROCESSORS[key]


def insert_sql(table: Table, columns: tuple[str, ...]) -> str:
    key = (table.name, columns)
    if key not in _INSERTS:
        _INSERTS[key] = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    return _INSERTS[key]


_TABLES: dict[str, str] = {}


def _table_of(sql: str) -> str:
    if sql not in _TABLES:
        import re

        found = re.match(r"\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", sql)
        assert found is not None, sql
        _TABLES[sql] = found.group(1)
    return _TABLES[sql]


class Writes:
    """One transaction's writes: run at once on SQLite (in-process, no round trip to save), queued on PostgreSQL
    and sent together by `send()` in one pipeline."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.queued: list[tuple[str, dict[str, Any]]] | None = [] if conn.dialect.name == "postgresql" else None

    def add(self, sql: str, params: dict[str, Any]) -> None:
        # The window's pages reload on the tables a write names (qmsdesk.changes; db/changes.py notes Core
        # statements itself, not these).
        changes.note(_table_of(sql))
        if self.queued is None:
            execute(self.conn, sql, params)
        else:
            self.queued.append((sql, params))

    def insert(self, table: Table, values: dict[str, Any]) -> None:
        self.add(insert_sql(table, tuple(values)), bound(self.conn, table, values))

    def send(self, *, commit: bool = False) -> None:
        """Send what is queued; with `commit` the COMMIT goes in the same round trip (the caller's own commit then
        finds the transaction ended and sends nothing: only for a transaction with no ORM changes to flush)."""
        if self.queued:
            queued, self.queued = self.queued, []
            _send(self.conn, queued, commit)


def _send(conn: Connection, queued: list[tuple[str, dict[str, Any]]], commit: bool) -> None:
    raw = conn.connection.driver_connection
    sql, params = queued[0]
    try:
        with raw.pipeline():
            with raw.cursor() as cur:
                for sql, params in queued:
                    cur.execute(driver_sql(conn, sql), params)
            if commit:
                sql, params = "COMMIT", {}
                raw.commit()
    except conn.dialect.dbapi.Error as exc:
        raise _translated(conn, sql, params, exc) from exc
