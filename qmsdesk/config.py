"""Where qmsdesk keeps its files, who is using it, and the settings read from the environment.

The data folder comes from platformdirs and can be overridden with `QMSDESK_DATA_DIR`; the database
file with `--db PATH` or `QMSDESK_DB`, so tests and installer smoke tests never touch real data.
Folders the program makes for its data are private to the user (0700 on Linux; Windows' per-user
profile ACLs already do that).
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

APP_NAME = "qmsdesk"
APP_AUTHOR = "qmsdesk"
DB_FILENAME = "qmsdesk.db"


# The trust boundary's settings (README "其他环境变量"): how much the office keeps of what it refuses, and
# the one way to let a plaintext keyring hold private keys.
QUARANTINE_MAX_FILES_ENV = "QMSDESK_QUARANTINE_MAX_FILES"  # refused files kept per unit (default 50)
QUARANTINE_MAX_MB_ENV = "QMSDESK_QUARANTINE_MAX_MB"  # megabytes of refused files kept per unit (default 1024)
INBOX_MAX_WAITING_ENV = "QMSDESK_INBOX_MAX_WAITING"  # packages one unit may have waiting in its inbox (default 20)
PLAINTEXT_KEYRING_ENV = "QMSDESK_PLAINTEXT_KEYRING"  # the plaintext keyring backend the user accepts, by name


def int_setting(name: str, default: int) -> int:
    """A whole-number setting from the environment; a missing, malformed or negative value means the default."""
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) as folders only the user can open (0700 on Linux)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        for made in missing:
            os.chmod(made, 0o700)
    return path


def create_private_file(path: Path) -> Path:
    """Make an empty file only the user can read (0600 on Linux) unless it exists; its folder private too.

    SQLite opens an empty file as a new database and gives its -wal and -shm files the same permissions,
    so a database, a backup or an office store holding patient numbers never starts world-readable.
    """
    path = Path(path)
    if path.exists():
        return path
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return path  # made meanwhile by another program: it is theirs to keep
    return path


def data_dir() -> Path:
    override = os.environ.get("QMSDESK_DATA_DIR")
    if override:
        return private_dir(Path(override))
    from platformdirs import user_data_dir

    path = private_dir(Path(user_data_dir(APP_NAME, APP_AUTHOR)))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        # The program's own folder, made readable by an older version: databases with record numbers live here.
        os.chmod(path, 0o700)
    return path


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: explicit argument, then QMSDESK_DB, then the user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("QMSDESK_DB")
    if env:
        return Path(env).expanduser().resolve()
    return data_dir() / DB_FILENAME


def current_user() -> str:
    """The name written into the audit log for changes made in this session."""
    name = os.environ.get("QMSDESK_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no login name exists (services, containers)
        return "unknown"
