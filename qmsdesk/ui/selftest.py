"""The window's self-test: every page of the registry shown, every dialog opened and closed, errors collected.

Used by `qmsdesk selftest` (the ward window, or with --office the quality office's) and by the tests; it
never writes to the database and never waits for a click (message boxes are recorded instead of shown).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WINDOW_SIZE = (1280, 800)


def _prefer_offscreen() -> None:
    # A server or CI machine has no display; Qt would abort instead of drawing offscreen.
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _Visit:
    """Where the visit is, and what went wrong so far."""

    def __init__(self, screenshots: str | os.PathLike[str] | None) -> None:
        self.problems: list[str] = []
        self.where = "start"
        self.out = Path(screenshots) if screenshots else None
        if self.out is not None:
            self.out.mkdir(parents=True, exist_ok=True)

    def record(self, kind: str, title: str, text: str) -> None:
        if kind == "error":
            self.problems.append(f"[{self.where}] {title}: {text}")

    def crashed(self, exc: BaseException) -> None:
        self.problems.append(f"[{self.where}] " + "".join(traceback.format_exception(exc)).strip())

    def save(self, widget, name: str) -> None:
        if self.out is not None:
            widget.grab().save(str(self.out / name))


@contextmanager
def _watching(visit: _Visit, language: str | None) -> Iterator[None]:
    """The application in `language`, message boxes recorded, exceptions raised inside Qt slots collected."""
    from qmsdesk.ui import messages
    from qmsdesk.ui.app import make_app

    _app = make_app(language)  # held until the end of the run
    old_hook = sys.excepthook
    sys.excepthook = lambda t, exc, tb: visit.crashed(exc)
    messages.set_recorder(visit.record)
    try:
        yield
    finally:
        messages.set_recorder(None)
        sys.excepthook = old_hook
        del _app


def visit_pages(window, visit: _Visit, on_page: Callable | None = None) -> None:
    """Show each page of `window` in sidebar order, photograph it, open and close each of its dialogs."""
    from PySide6.QtWidgets import QApplication

    for number, page in enumerate(window.pages, start=1):
        visit.where = page.key
        try:
            window.show_page(page.key)
            QApplication.processEvents()
            if hasattr(page, "wait_loaded"):
                page.wait_loaded()
                QApplication.processEvents()  # lay out what the load changed (the count label) before the photo
            if on_page is not None:
                on_page(page)
            visit.save(window, f"{number:02d}-{page.key}.png")
            for name, make in page.dialogs().items():
                visit.where = f"{page.key}/{name}"
                dialog = make()
                if dialog is None:
                    continue  # nothing to edit on this page (an empty table): not an error
                dialog.show()
                QApplication.processEvents()
                if on_page is not None:
                    on_page(dialog)
                visit.save(dialog, f"dlg-{page.key}-{name}.png")
                dialog.done(0)
                dialog.deleteLater()
                QApplication.processEvents()
        except Exception as exc:  # keep visiting the other pages; report where it broke
            visit.crashed(exc)


def _visit_window(open_context: Callable, make_window: Callable, screenshots, language: str | None,
                  on_page: Callable | None) -> list[str]:
    """Open the context, show its window at the self-test's size, visit every page, close; the problems found."""
    from PySide6.QtWidgets import QApplication

    visit = _Visit(screenshots)
    with _watching(visit, language):
        ctx = open_context()
        window = None
        try:
            window = make_window(ctx)
            window.resize(*WINDOW_SIZE)
            window.show()
            QApplication.processEvents()
            visit_pages(window, visit, on_page)
        finally:
            if window is not None:
                window.hide()  # not close(): the self-test must not overwrite the user's remembered layout
                window.deleteLater()
            ctx.close()
            QApplication.processEvents()
    return visit.problems


def run_selftest(db_path: Path, screenshots: str | os.PathLike[str] | None = None,
                 language: str | None = None, on_page: Callable | None = None) -> list[str]:
    """The ward window on `db_path`; returns the problems found (empty when everything opened cleanly).

    `on_page(widget)` is called with every page and dialog as it is shown (tests read their text).
    """
    _prefer_offscreen()
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.main_window import MainWindow

    def open_context() -> AppContext:
        ctx = AppContext()
        ctx.set_database(open_database(db_path, actor=current_user()))
        return ctx

    return _visit_window(open_context, MainWindow, screenshots, language, on_page)


def run_office_selftest(store: str | Path | None, folder: Path | None, screenshots: str | os.PathLike[str] | None = None,
                        language: str | None = None, on_page: Callable | None = None, today=None) -> list[str]:
    """The quality office's window on `store` (a path or URL; None: the configured one) with its folders under
    `folder` (None: the configured ones)."""
    _prefer_offscreen()
    from qmsdesk.errors import QmsError
    from qmsdesk.office.store import office_folders, open_office_store
    from qmsdesk.ui.office.context import OfficeContext
    from qmsdesk.ui.office.window import OfficeWindow
    from qmsdesk.ui.settings import UiSettings

    def no_keys():
        raise QmsError("the self-test does not unlock the office keys")

    return _visit_window(lambda: OfficeContext(open_office_store(store), office_folders(folder), no_keys),
                         lambda ctx: OfficeWindow(ctx, UiSettings(), today=today), screenshots, language, on_page)
