"""Backups of the SQLite file with SQLite's online backup API, and restore with an integrity check."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

KEEP = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
# Pages copied per step when progress is reported (4096 pages of 4 KiB = 16 MiB between reports).
STEP_PAGES = 4096

# progress(copied_pages, total_pages) — called while a backup or restore runs. An exception raised
# from it cancels: a cancelled backup leaves no file, a cancelled restore leaves the database as it was
# (SQLite rolls the unfinished copy back).
Progress = Callable[[int, int], None]


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def is_sqlite_file(path: Path) -> bool:
    with Path(path).open("rb") as fh:
        return fh.read(16) == SQLITE_MAGIC


def _sqlite_progress(progress: Progress | None):
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(total - remaining, total)


def _backup(source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None) -> None:
    # Without progress, one step copies everything inside one read transaction: a writer on another
    # connection can never make it restart. With progress, big steps keep restarts rare.
    pages = -1 if progress is None else STEP_PAGES
    source.backup(target, pages=pages, progress=_sqlite_progress(progress), sleep=0)


def _copy(src: Path, dest: Path, progress: Progress | None = None) -> None:
    """Copy a live database consistently (other connections may be writing), via a temp name."""
    from qmsdesk.config import create_private_file

    tmp = dest.with_name(dest.name + ".part")
    try:
        create_private_file(tmp)  # a backup holds what the database holds: private like it
        source = sqlite3.connect(str(src), timeout=30)
        try:
            target = sqlite3.connect(str(tmp))
            try:
                _backup(source, target, progress)
            finally:
                target.close()
        finally:
            source.close()
        tmp.replace(dest)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(msg("备份失败：{e}。原数据库未受影响。", "Backup failed: {e}. The database is unchanged.", e=exc)) from exc
    except BaseException:  # cancelled from the progress callback (or Ctrl+C): no half-written file stays
        tmp.unlink(missing_ok=True)
        raise


def _free_name(folder: Path, prefix: str) -> Path:
    """A new file name; two backups within one clock tick (coarse clocks on Windows) must not collide."""
    stamp = _stamp()
    dest = folder / f"{prefix}-{stamp}.db"
    n = 1
    while dest.exists():
        dest = folder / f"{prefix}-{stamp}-{n}.db"
        n += 1
    return dest


def backup_database(db_path: Path, *, kind: str = "backup", keep: int = KEEP, progress: Progress | None = None) -> Path:
    """Write `<name>-<kind>-<timestamp>.db` next to the database and keep the newest `keep` of that kind."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise DatabaseError(msg("找不到数据库文件“{p}”。", "Database file '{p}' not found.", p=db_path))
    if not is_sqlite_file(db_path):
        raise DatabaseError(msg("“{p}”不是数据库文件，无法备份。", "'{p}' is not a database file; nothing was backed up.", p=db_path))
    dest = _free_name(db_path.parent, f"{db_path.stem}-{kind}")
    _copy(db_path, dest, progress)
    for old in list_backups(db_path, kind)[keep:]:
        old.unlink(missing_ok=True)
    return dest


def list_backups(db_path: Path, kind: str = "backup") -> list[Path]:
    """Backups of one kind, newest first."""
    db_path = Path(db_path)
    return sorted(db_path.parent.glob(f"{db_path.stem}-{kind}-2*.db"), key=lambda p: p.name, reverse=True)


def integrity_problem(path: Path) -> str | None:
    """None when `path` is a sound qmsdesk database; otherwise what is wrong with it, for the user."""
    path = Path(path)
    if not path.is_file():
        return msg("找不到文件“{p}”", "File '{p}' not found", p=path)
    if not is_sqlite_file(path):
        return msg("“{p}”不是数据库文件", "'{p}' is not a database file", p=path.name)
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
        return msg("数据库文件已损坏（{e}）", "the database file is damaged ({e})", e=exc)
    if result != ["ok"]:
        return msg("数据库完整性检查未通过（{e}）", "the integrity check failed ({e})", e="; ".join(result[:3]))
    if not has_version:
        return msg("“{p}”不是 qmsdesk 数据库", "'{p}' is not a qmsdesk database", p=path.name)
    return None


def restore_database(db_path: Path, backup_file: Path, progress: Progress | None = None) -> Path | None:
    """Replace the database with `backup_file` after checking it; returns where the replaced one was kept."""
    from qmsdesk.db.engine import sqlite_revision
    from qmsdesk.db.migrate import known_revisions

    db_path, backup_file = Path(db_path), Path(backup_file)
    refused = msg("不能恢复：{e}。当前数据库未改动。", "Cannot restore: {e}. The current database is unchanged.")
    problem = integrity_problem(backup_file)
    if problem:
        raise DatabaseError(refused.format(e=problem))
    if db_path.exists() and db_path.resolve() == backup_file.resolve():
        raise DatabaseError(refused.format(e=msg("备份文件就是当前数据库本身", "the backup file is the current database itself")))
    revision = sqlite_revision(backup_file)
    if revision not in known_revisions():
        raise DatabaseError(refused.format(e=msg(
            "该文件由更新版本的 qmsdesk 创建（结构版本 {r}），请先安装最新版本",
            "the file was written by a newer qmsdesk (schema version {r}); install the newest version first", r=revision)))
    if db_path.exists() and not is_sqlite_file(db_path):
        raise DatabaseError(refused.format(e=msg("“{p}”不是数据库文件", "'{p}' is not a database file", p=db_path)))
    kept = None
    if db_path.exists():
        kept = _free_name(db_path.parent, f"{db_path.stem}-replaced")
        _copy(db_path, kept)
    from qmsdesk.config import create_private_file

    try:
        create_private_file(db_path)  # restored into a new file: private like any database
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(str(db_path), timeout=30)
            try:
                _backup(source, target, progress)
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(msg("恢复失败：{e}。被替换的数据库保存在 {k}。", "Restore failed: {e}. The replaced database is kept at {k}.", e=exc, k=kept)) from exc
    return kept
