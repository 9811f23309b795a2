"""Printing from the window: ask where to save, build the PDF off the GUI thread with progress, write it whole,
then offer to open its folder.

Every print button calls `save_printout(parent, ctx, title, default_name, make, *args)` with a function of
qmsdesk.reports.printouts (`make(session, *args) -> bytes`); it only reads the database, so it runs on a thread
of its own (no write is queued on the database worker). `ask_save_path` is the one place that asks for a
file name (tests answer it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from qmsdesk.ui import messages
from qmsdesk.ui.jobs import Job, run_job
from qmsdesk.ui.operations import DataContext


def default_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def ask_save_path(parent: QWidget | None, title: str, default_name: str) -> Path | None:
    """The file the user chose to save a PDF as (None: cancelled)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default_folder() / default_name),
                                            QCoreApplication.translate("printing", "PDF 文件 (*.pdf)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class Steps(QObject):
    """Carries a job's step descriptions from its thread to the progress dialog."""

    text = Signal(str)


def write_file(parent: QWidget | None, ctx: DataContext, title: str, path: Path,
               make: Callable[..., bytes], *args: Any) -> Path | None:
    """Build `make(session, *args)` off the GUI thread and save it at `path`; errors are shown, None returned."""
    from qmsdesk.exports import save_export

    job = Job(title, lambda _control: save_export(path, ctx.read(make, *args)), parent)
    outcome, value = run_job(job, parent)
    if outcome == "failed":
        messages.error(parent, QCoreApplication.translate("printing", "未能生成"), value)
    return value if outcome == "ok" else None


def offer_folder(parent: QWidget | None, path: Path, what: str = "") -> None:
    """Say where the file is and offer to open its folder (for the USB stick or the printer PC)."""
    text = QCoreApplication.translate("printing", "已保存：\n%1\n\n打开所在文件夹吗？").replace("%1", str(path))
    if what:
        text = what + "\n" + text
    yes = QCoreApplication.translate("printing", "打开文件夹")
    if messages.confirm(parent, QCoreApplication.translate("printing", "已保存"), text, yes=yes):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def save_printout(parent: QWidget | None, ctx: DataContext, title: str, default_name: str,
                  make: Callable[..., bytes], *args: Any) -> Path | None:
    """Ask where, write the printout there, offer its folder; the path written (None when cancelled or failed)."""
    path = ask_save_path(parent, title, default_name)
    if path is None:
        return None
    written = write_file(parent, ctx, title, path, make, *args)
    if written is not None:
        offer_folder(parent, written)
    return written


def safe_name(text: str) -> str:
    """A file name part without the characters Windows refuses."""
    return "".join("_" if c in '\\/:*?"<>|' else c for c in text).strip() or "printout"


def print_menu_button(parent: QWidget, entries: list[tuple[str, str, Callable[[], Any]]]) -> QPushButton:
    """A 打印 button whose menu holds a page's printouts: (label, object name, slot) each."""
    button = QPushButton(QCoreApplication.translate("printing", "打印"))
    button.setObjectName("print")
    menu = QMenu(button)
    for label, name, slot in entries:
        action = menu.addAction(label)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, run=slot: run())
    button.setMenu(menu)
    return button
