"""One window per database: an advisory lock file beside the database, and a read-only mode for a second one.

SQLite itself keeps two writers from corrupting the file, but two windows on one database would each
show stale lists and overwrite each other's edits. The first window holds an OS lock on
`<database>.lock` (flock on POSIX, msvcrt on Windows) for as long as it is open; the operating system
drops the lock when the process ends, however it ends, so a crash never leaves a stale lock behind.
The lock file's text says who holds it, for the message the second window shows; the window writes it
once its database is open (`InstanceLock.describe`), so that the JSON, host name and time-zone modules it
needs are not imported before its first paint.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from qmsdesk.errors import DatabaseError
from qmsdesk.i18n import msg

# On Windows a locked byte range cannot be read by others, so the lock sits far past the text.
_WINDOWS_LOCK_OFFSET = 0x7FFF_FFF0


class DatabaseInUseError(DatabaseError):
    """Another qmsdesk window has the database open. `holder` is what its lock file says about it."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyError(DatabaseError):
    """A change was attempted in a window opened read-only."""


def lock_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def read_holder(db_path: Path | str) -> dict[str, Any]:
    """What the lock file says about the window holding it (empty when unreadable or not written yet)."""
    import json

    try:
        with lock_path(db_path).open("rb") as fh:
            doc = json.loads(fh.read(4096).decode("utf-8"))
        return doc if isinstance(doc, dict) else {}
    except (OSError, ValueError):
        return {}


def in_use_message(db_path: Path | str, holder: dict[str, Any]) -> str:
    if not holder:  # taken a moment ago by a window still starting (it names itself once its database is open)
        who = msg("一个刚刚启动、尚未写明使用者的窗口", "a window that has just started and not yet said whose it is")
    else:
        who = msg("用户 {u}（计算机 {h}，进程 {p}，{t} 起）", "user {u} (computer {h}, process {p}, since {t})",
                  u=holder.get("user", "?"), h=holder.get("host", "?"), p=holder.get("pid", "?"),
                  t=holder.get("since", "?"))
    return msg("另一个 qmsdesk 窗口已经打开了数据库“{d}”：{w}。\n两个窗口同时修改会互相覆盖。"
               "可以只读打开（只能查看和导出，不能修改），或先关闭另一个窗口再打开。",
               "Another qmsdesk window already has the database '{d}' open: {w}.\nTwo windows editing at once "
               "overwrite each other's changes. Open it read-only (view and export only), or close the other "
               "window first.", d=Path(db_path).name, w=who)


class InstanceLock:
    """The held lock; `release()` (or closing the process) lets the next window in."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def describe(self, user: str | None = None) -> None:
        """Write who holds the lock — user, computer, process, since when — for a second window's message."""
        import json
        import socket

        from qmsdesk import clock

        if self._fd is None:
            return
        if user is None:
            from qmsdesk.config import current_user

            user = current_user()
        info = {"pid": os.getpid(), "host": socket.gethostname(), "user": user,
                "since": clock.now().strftime("%Y-%m-%d %H:%M")}
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, json.dumps(info, ensure_ascii=False).encode("utf-8"))

    def release(self) -> None:
        if self._fd is None:
            return
        # A reader must not mistake an old holder for a current one; if the file cannot be emptied, nothing is
        # lost: the lock itself goes with the descriptor.
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire_instance_lock(db_path: Path | str, *, user: str | None = None, describe: bool = True) -> InstanceLock:
    """Take the database's window lock, or raise DatabaseInUseError naming who holds it.

    `describe=False` leaves the lock file's text to a later `describe()` (the window, after its first paint);
    until then a second window is still refused, its message naming no holder."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DatabaseError(msg("无法创建锁文件 {p}：{e}。", "Cannot create the lock file {p}: {e}.", p=path,
                                e=exc.strerror or exc)) from exc
    if not _try_lock(fd):
        os.close(fd)
        holder = read_holder(db_path)
        raise DatabaseInUseError(in_use_message(db_path, holder), holder)
    lock = InstanceLock(path, fd)
    if describe:
        lock.describe(user)
    return lock


def make_read_only(db) -> None:
    """Turn an open `Database` read-only: sessions refuse to flush and SQLite refuses any write."""
    from sqlalchemy import event

    def refuse(_session, _flush_context, _instances) -> None:
        raise ReadOnlyError(msg("只读模式：另一个窗口正在使用这个数据库，这里不能保存修改。请在那个窗口中修改，或关闭它后重新打开本程序。",
                                "Read-only: another window is using this database, so changes cannot be saved here. "
                                "Make the change in that window, or close it and open the program again."))

    def query_only(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA query_only=ON")
        cur.close()

    event.listen(db._factory, "before_flush", refuse)
    if db.engine.dialect.name == "sqlite":
        event.listen(db.engine, "connect", query_only)
        db.engine.dispose()  # connections made before the listener would still write
    db.read_only = True
