"""The office window's link to its data: the office store, its folders and keys, and change notices.

Pages call `ctx.read(fn)` with a function of a session that returns plain rows (the office services
in qmsdesk.office do the work); writes go through `ctx.write(fn, area=…)` and pages showing that area reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from qmsdesk.office.store import OfficeFolders, OfficeStore

T = TypeVar("T")


class OfficeContext(QObject):
    changed = Signal(str)  # "units", "imports", "acks" or "*"
    opened = Signal()

    def __init__(self, store: OfficeStore, folders: OfficeFolders, key_provider: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.folders = folders
        self._key_provider = key_provider
        self._keys = None

    @property
    def is_open(self) -> bool:
        return self.store is not None

    def keys(self):
        """The office key pair, asked for once (the keyring, or the passphrase key file)."""
        if self._keys is None:
            self._keys = self._key_provider()
        return self._keys

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.store.session() as s:
            return fn(s, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, area: str = "*", **kwargs: Any) -> T:
        result = self.read(fn, *args, **kwargs)
        self.changed.emit(area)
        return result

    def close(self) -> None:
        self.store.close()
