"""Where qmsdesk keeps its files, and who is using it.

The data folder comes from platformdirs and can be overridden with `QMSDESK_DATA_DIR`; the database
file with `--db PATH` or `QMSDESK_DB`, so tests and installer smoke tests never touch real data.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

APP_NAME = "qmsdesk"
APP_AUTHOR = "qmsdesk"
DB_FILENAME = "qmsdesk.db"


def data_dir() -> Path:
    override = os.environ.get("QMSDESK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
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
