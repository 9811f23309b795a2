"""Peak memory of a window process with nothing watching it: quit MS milliseconds after the main window is shown
(and, for qmsdesk's window, not before its database is open).

    python -m benchmarks.hold MS TARGET [ARGS...]    (TARGET as in benchmarks/probe.py)

benchmarks/probe.py's event filters and timers cost the process a few MiB of their own; this runner
adds only a wrapper around QWidget.show and one timer, so the peak it leaves is the program's.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def main(argv: list[str]) -> int:
    ms, target, *args = argv
    shown: list[QWidget] = []
    show = QWidget.show

    def quit_once_open() -> None:
        # qmsdesk's window may show figures read ahead while the database still opens on a thread: the
        # peak counts once that is done too (the bare window has no database)
        ctx = getattr(shown[0], "ctx", None)
        if ctx is not None and not getattr(ctx, "is_open", True):
            ctx.opened.connect(lambda: QTimer.singleShot(0, QApplication.quit))
        else:
            QApplication.quit()

    def show_then_quit(widget: QWidget) -> None:
        if not shown and isinstance(widget, QMainWindow):
            shown.append(widget)
            QTimer.singleShot(int(ms), quit_once_open)
        show(widget)

    QWidget.show = show_then_quit
    code = run_target(target, args)
    return code if shown else 3


def run_target(target: str, args: list[str]) -> int:
    """`qmsdesk` as its console script runs it, or a bare baseline (bare-window, bare-ledger)."""
    if target == "qmsdesk":
        from qmsdesk.cli import main as run

        return run(args)
    import importlib

    return importlib.import_module(f"benchmarks.{target.replace('-', '_')}").run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
