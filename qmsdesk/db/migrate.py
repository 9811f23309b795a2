"""Schema migrations with Alembic, shipped inside the package and run on open when needed.

`HEAD_REVISION` lets the program compare a file's revision without importing Alembic (~0.4 s) or SQLAlchemy
(the read-only month reader, qmsdesk/db/raw.py);
a test keeps it equal to the migration scripts' head.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD_REVISION = "0007"
MIGRATIONS = Path(__file__).with_name("migrations")


def head_revision() -> str:
    return HEAD_REVISION


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def script_head() -> str:
    return _scripts().get_current_head()


def known_revisions() -> list[str]:
    """Every revision this version of qmsdesk can upgrade from, oldest first."""
    return [s.revision for s in reversed(list(_scripts().walk_revisions()))]


def _sqlite_tables(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        con.close()


def check_upgradable(path: Path | None, current: str | None) -> None:
    """Refuse files that an upgrade would damage: another program's database, or a newer qmsdesk's."""
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    if current is None:
        try:
            tables = _sqlite_tables(path)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(msg("无法读取数据库“{p}”：{e}", "Cannot read the database '{p}': {e}", p=path, e=exc)) from exc
        if tables:
            # Creating our tables inside someone else's database would mix two programs' data.
            raise DatabaseError(msg(
                "“{p}”是其他程序的数据库（没有 qmsdesk 版本信息），未做任何改动。请用 --db 指定 qmsdesk 数据库文件。",
                "'{p}' belongs to another program (it has no qmsdesk schema version) and was left untouched. "
                "Use --db to name a qmsdesk database file.", p=path))
        return
    if current not in known_revisions():
        raise DatabaseError(msg(
            "数据库“{p}”由更新版本的 qmsdesk 创建（结构版本 {r}），本程序不能打开。请安装最新版本的 qmsdesk。",
            "The database '{p}' was written by a newer qmsdesk (schema version {r}); this version cannot open it. "
            "Please install the newest qmsdesk.", p=path, r=current))


def upgrade(engine: Engine, path: Path | None, current: str | None, target: str = "head") -> Path | None:
    """Upgrade the schema; an existing SQLite file is backed up first. Returns that backup, if any."""
    from alembic import command

    check_upgradable(path, current)
    backup = None
    if path is not None and current is not None and path.exists():
        from qmsdesk.db.backup import backup_database

        backup = backup_database(path, kind=f"pre-upgrade-{current}")
    cfg = alembic_config(engine)
    runner = _transactional_ddl_engine(engine)
    try:
        with runner.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
    except Exception as exc:  # Alembic/SQL errors of many kinds; the user needs one clear message
        where = backup or msg("数据库所在文件夹", "the database folder")
        raise DatabaseError(
            msg("数据库升级失败：{e}。升级前的备份保存在 {b}。", "Database upgrade failed: {e}. A backup from before the upgrade is at {b}.",
                e=exc, b=where)
        ) from exc
    finally:
        if runner is not engine:
            runner.dispose()
    return backup


def _transactional_ddl_engine(engine: Engine) -> Engine:
    """For SQLite, an engine whose transactions include the schema changes.

    Python's sqlite3 driver opens a transaction only before INSERT/UPDATE/DELETE, so on the normal engine an
    ALTER TABLE commits at once and a crash before the version stamp leaves a half-migrated file that the
    next start cannot upgrade. Here the driver is told to leave transactions alone and SQLAlchemy's begin
    emits BEGIN IMMEDIATE itself, so the whole migration, stamp included, commits or vanishes together.
    """
    if engine.dialect.name != "sqlite":
        return engine  # PostgreSQL runs DDL inside transactions already
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from qmsdesk.db.engine import busy_timeout_s

    runner = create_engine(engine.url, poolclass=NullPool, connect_args={"timeout": busy_timeout_s()})

    @event.listens_for(runner, "connect")
    def _driver_autocommit(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(runner, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return runner
