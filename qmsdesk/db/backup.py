"""Backups of the SQLite file with SQLite's online backup API, and restore with an integrity check."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

KEEP = 10


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _copy(src: Path, dest: Path, progress=None) -> None:
    """Copy a live database consistently (other connections may be writing), via a temp name."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        source = sqlite3.connect(str(src), timeout=30)
        try:
            target = sqlite3.connect(str(tmp))
            try:
                source.backup(target, pages=256, progress=progress)
            finally:
                target.close()
        finally:
            source.close()
        tmp.replace(dest)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(msg("备份失败：{e}。原数据库未受影响。", "Backup failed: {e}. The database is unchanged.", e=exc)) from exc


def backup_database(db_path: Path, *, kind: str = "backup", keep: int = KEEP, progress=None) -> Path:
    """Write `<name>-<kind>-<timestamp>.db` next to the database and keep the newest `keep` of that kind."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise DatabaseError(msg("找不到数据库文件“{p}”。", "Database file '{p}' not found.", p=db_path))
    dest = db_path.with_name(f"{db_path.stem}-{kind}-{_stamp()}.db")
    _copy(db_path, dest, progress)
    for old in list_backups(db_path, kind)[keep:]:
        old.unlink(missing_ok=True)
    return dest


def list_backups(db_path: Path, kind: str = "backup") -> list[Path]:
    """Backups of one kind, newest first."""
    db_path = Path(db_path)
    return sorted(db_path.parent.glob(f"{db_path.stem}-{kind}-*.db"), reverse=True)


def integrity_problem(path: Path) -> str | None:
    """None when `path` is a sound qmsdesk database; otherwise what is wrong with it, for the user."""
    path = Path(path)
    if not path.is_file():
        return msg("找不到文件“{p}”。", "File '{p}' not found.", p=path)
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return msg("“{p}”不是数据库文件。", "'{p}' is not a database file.", p=path.name)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            has_version = con.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return msg("数据库文件已损坏：{e}", "The database file is damaged: {e}", e=exc)
    if result != ["ok"]:
        return msg("数据库完整性检查未通过：{e}", "Integrity check failed: {e}", e="; ".join(result[:3]))
    if not has_version:
        return msg("“{p}”不是 qmsdesk 数据库。", "'{p}' is not a qmsdesk database.", p=path.name)
    return None


def restore_database(db_path: Path, backup_file: Path, progress=None) -> Path | None:
    """Replace the database with `backup_file` after checking it; returns where the replaced one was kept."""
    db_path, backup_file = Path(db_path), Path(backup_file)
    problem = integrity_problem(backup_file)
    if problem:
        raise DatabaseError(msg("不能恢复：{e}。当前数据库未改动。", "Cannot restore: {e}. The current database is unchanged.", e=problem))
    kept = None
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.stem}-replaced-{_stamp()}.db")
        _copy(db_path, kept)
    try:
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(str(db_path), timeout=30)
            try:
                source.backup(target, pages=256, progress=progress)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise DatabaseError(msg("恢复失败：{e}。被替换的数据库保存在 {k}。", "Restore failed: {e}. The replaced database is kept at {k}.", e=exc, k=kept)) from exc
    return kept
