"""UI state remembered between runs, declared once with types (window geometry, last page, tables).

Stored with QSettings in an ini file in the data folder, so `QMSDESK_DATA_DIR` isolates tests and
installer smoke runs from the user's real state. Shared office settings live in the database, not here.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from qmsdesk.config import data_dir

SETTINGS_FILE = "qmsdesk-ui.ini"


def _store() -> QSettings:
    return QSettings(str(data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


class UiSettings:
    """Typed accessors over the ini file; every key the window uses is named here."""

    def __init__(self) -> None:
        self._s = _store()

    def sync(self) -> None:
        self._s.sync()

    # language: applied at the next start (Qt translators are installed before widgets exist)
    @property
    def language(self) -> str:
        value = str(self._s.value("ui/language", "zh_CN"))
        return value if value in ("zh_CN", "en") else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    # mode: "ward" (the department's workbench) or "office" (质控办), the window `qmsdesk` opens
    @property
    def mode(self) -> str:
        return "office" if str(self._s.value("ui/mode", "ward")) == "office" else "ward"

    @mode.setter
    def mode(self, value: str) -> None:
        self._s.setValue("ui/mode", value)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def last_page(self) -> str:
        return str(self._s.value("window/last_page", "dashboard"))

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._s.setValue("window/last_page", value)

    @property
    def office_last_page(self) -> str:
        return str(self._s.value("office/last_page", "office-completeness"))

    @office_last_page.setter
    def office_last_page(self, value: str) -> None:
        self._s.setValue("office/last_page", value)

    def table_header(self, page: str) -> QByteArray | None:
        """The header state (column widths, order, sort column and direction) of one page's table."""
        value = self._s.value(f"tables/{page}")
        return value if isinstance(value, QByteArray) else None

    def set_table_header(self, page: str, state: QByteArray) -> None:
        self._s.setValue(f"tables/{page}", state)
