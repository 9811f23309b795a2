"""What the window remembers between runs, over the declarations in qmsdesk/config.py (`STORED`).

Stored with QSettings in an ini file in the data folder, so `QMSDESK_DATA_DIR` isolates tests and
installer smoke runs from the user's real state. Shared office settings live in the database, not here.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from qmsdesk import config
from qmsdesk.config import Stored, data_dir

SETTINGS_FILE = "qmsdesk-ui.ini"


def _store() -> QSettings:
    return QSettings(str(data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


class _Text:
    """A remembered text setting: its declared default, and (for choices) only a declared value."""

    def __init__(self, declared: Stored) -> None:
        self.declared = declared

    def __get__(self, settings: UiSettings, _owner=None) -> str:
        value = str(settings.store.value(self.declared.key, self.declared.default))
        if self.declared.choices and value not in self.declared.choices:
            return str(self.declared.default)
        return value

    def __set__(self, settings: UiSettings, value: str) -> None:
        settings.store.setValue(self.declared.key, value)


class UiSettings:
    """Typed accessors over the ini file; every key is declared in config.STORED."""

    language = _Text(config.LANGUAGE)  # applied at the next start (translators are installed before widgets)
    mode = _Text(config.MODE)  # "ward" (the department's workbench) or "office" (质控办): what `qmsdesk` opens
    last_page = _Text(config.LAST_PAGE)
    office_last_page = _Text(config.OFFICE_LAST_PAGE)

    def __init__(self) -> None:
        self.store = _store()

    def sync(self) -> None:
        self.store.sync()

    @property
    def geometry(self) -> QByteArray | None:
        value = self.store.value(config.GEOMETRY.key)
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue(config.GEOMETRY.key, value)

    def table_header(self, page: str) -> QByteArray | None:
        """The header state (column widths, order, sort column and direction) of one page's table."""
        value = self.store.value(config.TABLE_HEADER.key.replace("<page>", page))
        return value if isinstance(value, QByteArray) else None

    def set_table_header(self, page: str, state: QByteArray) -> None:
        self.store.setValue(config.TABLE_HEADER.key.replace("<page>", page), state)
