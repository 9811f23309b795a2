"""The window's link to the data: the open database, service calls in a session, change notices.

Pages never hold a session. They call `ctx.read(fn, ...)` or `ctx.write(fn, ..., area=...)`; a write
announces the areas it touched through `changed`, and pages showing those areas reload (Anki's
"operation returns what changed", kept small).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the engine imports SQLAlchemy: not needed before the window paints
    from qmsdesk.db.engine import Database

T = TypeVar("T")


class AppContext(QObject):
    """Holds the open `Database` and tells pages when data changed."""

    changed = Signal(str)  # area name, e.g. "ledger"; "*" means everything
    opened = Signal()

    def __init__(self, db: Database | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # Pages with very many rows load them on a worker thread; tests that need each step to finish
        # before the next switch this off (one test covers the threaded path).
        self.background_loads = True

    @property
    def is_open(self) -> bool:
        return self.db is not None

    @property
    def path(self) -> Path | None:
        return self.db.path if self.db is not None else None

    def set_database(self, db: Database) -> None:
        if self.db is not None and self.db is not db:
            self.db.close()
        self.db = db
        self.opened.emit()
        self.changed.emit("*")

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call `fn(session, *args, **kwargs)` in a fresh session and return its result.

        The result must not need the session afterwards: pages turn records into plain rows
        inside `fn` (a lambda or a small function) so nothing is loaded lazily from a closed session.
        """
        assert self.db is not None, "no database open"
        with self.db.session() as s:
            return fn(s, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, area: str = "*", **kwargs: Any) -> T:
        """Like `read`, committed; then every page showing `area` reloads."""
        result = self.read(fn, *args, **kwargs)
        self.changed.emit(area)
        return result

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
