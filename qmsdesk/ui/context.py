"""The ward window's link to its data: the open database, its one writer, and what changed.

Pages never hold a session. They read with `ctx.read(query, ...)` (a domain query function returning
plain rows) and change data with `ctx.write(change, ...)` or `ctx.job(...)`, which run on the database
worker and announce their `Changes` through `changed` (ui/operations.py explains the whole path).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from qmsdesk.ui.operations import DataContext

if TYPE_CHECKING:  # the engine imports SQLAlchemy: not needed before the window paints
    from qmsdesk.db.engine import Database


class AppContext(DataContext):
    """Holds the open `Database`; its writes run on one worker and tell the pages what they changed."""

    opened = Signal()

    def __init__(self, db: Database | None = None, parent: QObject | None = None) -> None:
        super().__init__(db, parent)
        # Pages with very many rows load them on a thread of their own; tests that need each step to finish
        # before the next switch this off (one test covers the threaded path).
        self.background_loads = True

    @property
    def db(self) -> Database | None:
        return self.source  # type: ignore[return-value]

    @property
    def path(self) -> Path | None:
        return self.db.path if self.db is not None else None

    def set_database(self, db: Database) -> None:
        """Open `db` (a first open, or the database reopened after a restore): every page reloads."""
        from qmsdesk.changes import Changes

        if self.db is not None and self.db is not db:
            self.close()
        self.source = db
        self.forget_undo()
        self.opened.emit()
        self.announce(Changes.all())

    def wait_open(self, ms: int = 120_000) -> bool:
        """Wait (the window painting, a busy cursor shown) until the database is open; False if it did not open.

        The dashboard shows figures read from the file while the database is still being opened
        (ui/app.py); a button there clicked in that moment waits here instead of finding nothing to read."""
        if self.is_open:
            return True
        from PySide6.QtCore import QEventLoop, Qt, QTimer
        from PySide6.QtGui import QCursor, QGuiApplication

        loop = QEventLoop()
        self.opened.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.opened.disconnect(loop.quit)
        return self.is_open

    def close(self) -> None:
        """Let queued writes finish, then close the database."""
        self.stop_worker()
        if self.db is not None:
            self.db.close()
            self.source = None


def context_for(source) -> DataContext:
    """The window's context as is, or a bare `Database` wrapped in one (widgets shown on their own, tests)."""
    return source if isinstance(source, DataContext) else AppContext(source)
