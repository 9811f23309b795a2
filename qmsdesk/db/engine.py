"""Opening a qmsdesk database: engine settings, automatic backup and migration, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

import qmsdesk.db.changes  # noqa: F401  (registers the change-recording and read-only hooks)
from qmsdesk.config import DEFAULT_BUSY_TIMEOUT_S as BUSY_TIMEOUT_S
from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg


def busy_timeout_s() -> int:
    """How long a writer waits for another one; QMSDESK_BUSY_TIMEOUT (seconds) overrides it for support and tests."""
    from qmsdesk.config import busy_timeout_s as configured

    return configured(BUSY_TIMEOUT_S)


def busy_error(exc: BaseException) -> DatabaseError | None:
    """SQLite's "database is locked" after the busy timeout, as a message a user can act on."""
    if not isinstance(exc, (OperationalError, sqlite3.OperationalError)) or "locked" not in str(exc).lower():
        return None
    from qmsdesk.db.raw import busy_message

    return DatabaseError(busy_message(busy_timeout_s()))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_s() * 1000}")
    cur.close()


def make_engine(url_or_path: str | Path) -> Engine:
    """An engine for a SQLite file path or any SQLAlchemy URL (the office may use PostgreSQL)."""
    text = str(url_or_path)
    if "://" in text:
        engine = create_engine(text, future=True, pool_pre_ping=True)
        if engine.dialect.name != "sqlite":
            return engine
    else:
        engine = create_engine(f"sqlite:///{text}", connect_args={"timeout": busy_timeout_s()})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, read cheaply without SQLAlchemy or Alembic."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


class Database:
    """An open store. `session()` yields a session that commits on success and rolls back on error."""

    def __init__(self, engine: Engine, path: Path | None, actor: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.actor = actor
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self, **info) -> Iterator[Session]:
        """One transaction for a write: committed when the block ends, rolled back on any error."""
        s = self._factory()
        if self.actor:
            s.info["actor"] = self.actor
        s.info.update(info)
        try:
            yield s
            s.commit()
        except BaseException as exc:
            s.rollback()
            busy = busy_error(exc)
            if busy is not None:
                raise busy from exc
            raise
        finally:
            s.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only: a flush that would write raises `ReadOnlyError`; nothing is committed.

        The records read stay usable after the block (as after a write's commit), so a query may return them.
        """
        s = self._factory()
        s.info["read_only"] = True
        try:
            yield s
        except BaseException as exc:
            busy = busy_error(exc)
            if busy is not None:
                raise busy from exc
            raise
        finally:
            s.close()  # ends the transaction without committing; what was read stays readable (not expired)

    def locked_months(self):
        """The months a submission has locked, read in a fresh session (for `Recorder.changes`)."""
        from qmsdesk.db.changes import locked_months

        with self.read_session() as s:
            return locked_months(s)

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | Path, *, actor: str | None = None, upgrade: bool = True) -> Database:
    """Open (creating if needed) a database and bring its schema to the newest revision.

    An existing SQLite file that is behind is backed up first, so a failed migration loses nothing.
    """
    import qmsdesk.db.events  # noqa: F401  (registers the audit and lock hooks)

    text = str(target)
    is_url = "://" in text
    path = None if is_url else Path(text)
    if path is not None:
        if path.is_dir():
            raise DatabaseError(msg("“{p}”是一个文件夹，不是数据库文件。", "'{p}' is a folder, not a database file.", p=path))
        if path.exists() and path.stat().st_size > 0 and not _looks_like_sqlite(path):
            raise DatabaseError(msg("“{p}”不是 qmsdesk 数据库文件。", "'{p}' is not a qmsdesk database file.", p=path))
    if path is not None:
        from qmsdesk.config import create_private_file

        try:
            create_private_file(path)  # the register holds full record numbers: 0600 in a 0700 folder
        except OSError as exc:
            raise DatabaseError(msg("无法创建数据库文件“{p}”：{e}。", "Cannot create the database file '{p}': {e}.", p=path,
                                    e=exc.strerror or exc)) from exc
    engine = make_engine(text)
    if upgrade:
        from qmsdesk.db import migrate

        current = sqlite_revision(path) if path is not None else None
        if path is None or current != migrate.head_revision():
            migrate.upgrade(engine, path, current)
        _use_unit_zone(engine)
    return Database(engine, path, actor)


def prepare_models() -> None:
    """Finish SQLAlchemy's set-up of the models now (the first query would otherwise do it, wherever it runs:
    the window calls this on its loading thread so the GUI thread never pays for it)."""
    from sqlalchemy.orm import configure_mappers

    import qmsdesk.db.models  # noqa: F401  (the mappers to configure)

    configure_mappers()


def _use_unit_zone(engine: Engine) -> None:
    """Days and months follow the unit's zone from here on (qmsdesk.clock), whatever the machine's zone."""
    from sqlalchemy import text

    from qmsdesk import clock

    with engine.connect() as conn:
        name = conn.execute(text("SELECT time_zone FROM units WHERE deleted = :no ORDER BY created_at LIMIT 1"),
                            {"no": False}).scalar()
    clock.set_zone(name)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"
