"""Small modal questions and notices, in one place so every page asks the same way (and tests can answer)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

# When set (by the self-test), messages are handed to this function instead of shown, and questions
# are answered "no": an unattended run must never wait for a click.
_recorder: Callable[[str, str, str], None] | None = None


def set_recorder(recorder: Callable[[str, str, str], None] | None) -> None:
    global _recorder
    _recorder = recorder


def confirm(parent: QWidget | None, title: str, text: str, yes: str | None = None) -> bool:
    """Ask a yes/no question; the safe answer (No) is the default."""
    if _recorder is not None:
        _recorder("question", title, text)
        return False
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes or QCoreApplication.translate("messages", "确定"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("messages", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def error(parent: QWidget | None, title: str, text: str) -> None:
    if _recorder is not None:
        _recorder("error", title, text)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton(QCoreApplication.translate("messages", "知道了"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    if _recorder is not None:
        _recorder("info", title, text)
        return
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(QCoreApplication.translate("messages", "知道了"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
