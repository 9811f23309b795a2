"""Schema migrations with Alembic, shipped inside the package and run on open when needed.

`HEAD_REVISION` lets the program compare a file's revision without importing Alembic (~0.4 s);
a test keeps it equal to the migration scripts' head.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

HEAD_REVISION = "0002"
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


def script_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engine: Engine, path: Path | None, current: str | None, target: str = "head") -> None:
    """Upgrade the schema; an existing SQLite file is backed up first."""
    from alembic import command

    if path is not None and current is not None and path.exists():
        from qmsdesk.db.backup import backup_database

        backup_database(path, kind=f"pre-upgrade-{current}")
    cfg = alembic_config(engine)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, target)
    except Exception as exc:  # Alembic/SQL errors of many kinds; the user needs one clear message
        raise DatabaseError(
            msg("数据库升级失败：{e}。升级前的备份保存在数据库所在文件夹。", "Database upgrade failed: {e}. A backup from before the upgrade is in the database folder.", e=exc)
        ) from exc
