"""The window's self-test: every page shown, every dialog opened and closed, errors collected.

Used by `qmsdesk selftest` and by the tests; it never writes to the database and never waits for
a click (message boxes are recorded instead of shown).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

WINDOW_SIZE = (1280, 800)


def _prefer_offscreen() -> None:
    # A server or CI machine has no display; Qt would abort instead of drawing offscreen.
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_selftest(db_path: Path, screenshots: str | os.PathLike[str] | None = None,
                 language: str | None = None) -> list[str]:
    """Returns the problems found (empty when everything opened cleanly)."""
    _prefer_offscreen()
    from PySide6.QtWidgets import QApplication

    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui import messages
    from qmsdesk.ui.app import make_app
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.main_window import MainWindow

    problems: list[str] = []
    where = ["start"]
    out = Path(screenshots) if screenshots else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    def record(kind: str, title: str, text: str) -> None:
        if kind == "error":
            problems.append(f"[{where[0]}] {title}: {text}")

    def hook(exc_type, exc, tb) -> None:
        problems.append(f"[{where[0]}] " + "".join(traceback.format_exception(exc_type, exc, tb)).strip())

    _app = make_app(language)  # held until the end of the run
    old_hook = sys.excepthook
    sys.excepthook = hook  # exceptions raised inside Qt slots arrive here
    messages.set_recorder(record)
    ctx = AppContext()
    window = None
    try:
        ctx.set_database(open_database(db_path, actor=current_user()))
        window = MainWindow(ctx)
        window.resize(*WINDOW_SIZE)
        window.show()
        QApplication.processEvents()
        for number, page in enumerate(window.pages, start=1):
            where[0] = page.key
            try:
                window.show_page(page.key)
                QApplication.processEvents()
                if hasattr(page, "wait_loaded"):
                    page.wait_loaded()
                if out is not None:
                    window.grab().save(str(out / f"{number:02d}-{page.key}.png"))
                for name, make in page.dialogs().items():
                    where[0] = f"{page.key}/{name}"
                    dialog = make()
                    if dialog is None:
                        continue  # nothing to edit on this page (an empty table): not an error
                    dialog.show()
                    QApplication.processEvents()
                    if out is not None:
                        dialog.grab().save(str(out / f"dlg-{page.key}-{name}.png"))
                    dialog.done(0)
                    dialog.deleteLater()
                    QApplication.processEvents()
            except Exception as exc:  # keep visiting the other pages; report where it broke
                problems.append(f"[{where[0]}] " + "".join(traceback.format_exception(exc)).strip())
    finally:
        messages.set_recorder(None)
        sys.excepthook = old_hook
        if window is not None:
            window.hide()  # not close(): the self-test must not overwrite the user's remembered layout
            window.deleteLater()
        ctx.close()
        QApplication.processEvents()
    return problems
