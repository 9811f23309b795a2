"""`qmsdesk db upgrade|check|backup|restore FILE`: look after the database file itself."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from pathlib import Path

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

# Files above this size show a progress line while they are copied.
PROGRESS_MIN_BYTES = 64 * 1024 * 1024


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    parser = subparsers.add_parser(
        "db", help=msg("数据库维护：升级、检查、备份、恢复", "database care: upgrade, check, back up, restore"),
        description=msg("数据库文件的维护。", "Care of the database file."),
    )
    add_db_option(parser)
    parser.set_defaults(handler=lambda _args: _print_help(parser))
    actions = parser.add_subparsers(dest="db_command", metavar=msg("操作", "ACTION"))

    p = actions.add_parser("upgrade", help=msg("把数据库结构升级到本版本（先自动备份）", "upgrade the schema to this version (backs up first)"))
    p.set_defaults(handler=upgrade_command)
    add_db_option(p)

    p = actions.add_parser("check", help=msg("完整性检查、结构版本、各表记录数", "integrity check, schema version, records per table"))
    p.set_defaults(handler=check_command)
    add_db_option(p)

    p = actions.add_parser("backup", help=msg("在数据库旁边生成带时间的备份，保留最近 10 份", "write a timestamped backup beside the database, keep the newest 10"))
    p.set_defaults(handler=backup_command)
    add_db_option(p)

    p = actions.add_parser("restore", help=msg("用备份文件恢复数据库（先检查备份，并保留被替换的数据库）", "restore from a backup file (checked first; the replaced database is kept)"))
    p.add_argument("file", metavar="FILE", help=msg("备份文件", "backup file"))
    p.set_defaults(handler=restore_command)
    add_db_option(p)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _target(args: argparse.Namespace) -> Path:
    from qmsdesk.config import database_path

    path = database_path(getattr(args, "db", None))
    if path.is_dir():
        raise DatabaseError(msg("“{p}”是一个文件夹，不是数据库文件。", "'{p}' is a folder, not a database file.", p=path))
    return path


def _existing(path: Path) -> Path:
    from qmsdesk.db.backup import is_sqlite_file

    if not path.is_file():
        raise DatabaseError(msg("找不到数据库文件“{p}”。可用 --db 指定，或先运行 qmsdesk demo 生成演示数据库。",
                                "Database file '{p}' not found. Name one with --db, or create a demo with 'qmsdesk demo'.", p=path))
    if not is_sqlite_file(path):
        raise DatabaseError(msg("“{p}”不是 qmsdesk 数据库文件。", "'{p}' is not a qmsdesk database file.", p=path))
    return path


def _size(path: Path) -> str:
    size = path.stat().st_size
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def _progress_for(path: Path):
    """A progress printer for big files (copying them takes long enough to wonder), else None."""
    if path.stat().st_size < PROGRESS_MIN_BYTES:
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{msg('进度', 'Progress')} {done * 100 // max(total, 1)}%", end=end, file=sys.stderr, flush=True)

    return report


def upgrade_command(args: argparse.Namespace) -> int:
    from qmsdesk.config import current_user
    from qmsdesk.db.backup import list_backups
    from qmsdesk.db.engine import open_database, sqlite_revision
    from qmsdesk.db.migrate import head_revision

    path = _target(args)
    existed = path.is_file() and path.stat().st_size > 0
    before = sqlite_revision(path) if existed else None
    open_database(path, actor=current_user()).close()
    after = sqlite_revision(path)
    if not existed:
        print(msg("已新建数据库 {p}，结构版本 {r}。", "Created the database {p} at schema version {r}.", p=path, r=after))
    elif before == after:
        print(msg("数据库 {p} 已是最新结构版本 {r}，无需升级。", "The database {p} is already at the newest schema version {r}.", p=path, r=after))
    else:
        print(msg("数据库 {p} 的结构版本已从 {a} 升级到 {b}。", "The database {p} was upgraded from schema version {a} to {b}.",
                  p=path, a=before, b=after))
        kept = list_backups(path, f"pre-upgrade-{before}")
        if kept:
            print(msg("升级前的备份：{k}", "Backup from before the upgrade: {k}", k=kept[0]))
    return 0 if after == head_revision() else 1


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table_counts(con: sqlite3.Connection) -> list[tuple[str, int, int | None]]:
    """(table, live rows, deleted rows or None when the table has no soft delete)."""
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name")]
    out = []
    for name in tables:
        columns = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
        if "deleted" in columns:
            live, gone = con.execute(
                f'SELECT coalesce(sum(deleted = 0), 0), coalesce(sum(deleted != 0), 0) FROM "{name}"').fetchone()
            out.append((name, int(live), int(gone)))
        else:
            out.append((name, con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0], None))
    return out


def check_command(args: argparse.Namespace) -> int:
    from qmsdesk.db.backup import integrity_problem
    from qmsdesk.db.engine import sqlite_revision
    from qmsdesk.db.migrate import head_revision
    from qmsdesk.services.audit import TABLE_LABELS

    path = _existing(_target(args))
    print(msg("数据库：{p}（{s}）", "Database: {p} ({s})", p=path, s=_size(path)))
    problem = integrity_problem(path)
    if problem:
        print(msg("完整性检查：未通过 — {e}", "Integrity check: FAILED — {e}", e=problem))
        print(msg("请用 qmsdesk db restore 从最近的备份恢复（备份在数据库所在文件夹）。",
                  "Restore the newest backup with 'qmsdesk db restore' (backups are in the database folder)."))
        return 1
    print(msg("完整性检查：通过", "Integrity check: passed"))
    revision, head = sqlite_revision(path), head_revision()
    if revision == head:
        print(msg("结构版本：{r}（最新）", "Schema version: {r} (newest)", r=revision))
    else:
        print(msg("结构版本：{r}（本程序为 {h}，运行 qmsdesk db upgrade 升级）",
                  "Schema version: {r} (this program uses {h}; run 'qmsdesk db upgrade')", r=revision, h=head))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = _table_counts(con)
    finally:
        con.close()
    labels = {**TABLE_LABELS, "audit_log": ("审计日志", "Audit log")}
    order = list(labels)

    def table_label(table: str) -> str:
        return msg(*labels.get(table, (table, table)))

    counts.sort(key=lambda c: (order.index(c[0]) if c[0] in order else len(order), c[0]))
    print(msg("各表记录数：", "Records per table:"))
    width = max((_width(table_label(t)) for t, _, _ in counts), default=0)
    for table, live, gone in counts:
        label = table_label(table)
        pad = " " * (width - _width(label))
        if gone:
            print(msg("  {t}{pad}  {n} 条（另有已删除 {d} 条）", "  {t}{pad}  {n} (plus {d} deleted)", t=label, pad=pad, n=live, d=gone))
        else:
            print(msg("  {t}{pad}  {n} 条", "  {t}{pad}  {n}", t=label, pad=pad, n=live))
    return 0


def backup_command(args: argparse.Namespace) -> int:
    from qmsdesk.db.backup import KEEP, backup_database

    path = _existing(_target(args))
    dest = backup_database(path, progress=_progress_for(path))
    print(msg("已备份到 {d}（{s}）。同一文件夹中保留最近 {k} 份备份。", "Backed up to {d} ({s}). The newest {k} backups are kept in that folder.",
              d=dest, s=_size(dest), k=KEEP))
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from qmsdesk.config import current_user
    from qmsdesk.db.backup import restore_database
    from qmsdesk.db.engine import open_database, sqlite_revision
    from qmsdesk.db.migrate import head_revision

    path = _target(args)
    source = Path(args.file).expanduser().resolve()
    kept = restore_database(path, source, progress=_progress_for(source) if source.is_file() else None)
    print(msg("已用 {f} 恢复数据库 {p}。", "Restored the database {p} from {f}.", f=source, p=path))
    if kept:
        print(msg("被替换的数据库保存在：{k}", "The replaced database is kept at: {k}", k=kept))
    before = sqlite_revision(path)
    if before != head_revision():
        open_database(path, actor=current_user()).close()
        print(msg("恢复的数据库结构版本已从 {a} 升级到 {b}。", "The restored database was upgraded from schema version {a} to {b}.",
                  a=before, b=sqlite_revision(path)))
    return 0
