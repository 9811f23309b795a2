"""Driving pages and forms the way a user does: typing, choosing, pressing Enter, reading the table."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
)

from qmsdesk.ui.forms import FormDialog, PersonPicker
from qmsdesk.ui.pages.base import ListPage


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input method commits it (QTest cannot press 李)."""
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ord(ch) >= 128:
            chunk += ch
            continue
        if chunk:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)
            chunk = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)


def fill(qtbot, dialog: FormDialog, **values) -> None:
    """Type or choose each value into the field of that name."""
    for name, value in values.items():
        w = dialog.widgets[name]
        if isinstance(w, PersonPicker):
            w.lineEdit().clear()
            type_text(qtbot, w.lineEdit(), value)
        elif isinstance(w, QComboBox):
            index = w.findText(value) if w.findText(value) >= 0 else w.findData(value)
            assert index >= 0, f"{value!r} is not a choice of {name}"
            w.setCurrentIndex(index)
        elif isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
            assert isinstance(value, datetime)
            w.setDateTime(QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)))
        elif isinstance(w, QDateEdit):
            assert isinstance(value, date)
            w.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QPlainTextEdit):
            w.clear()
            type_text(qtbot, w, value)
        elif isinstance(w, QLineEdit):
            w.clear()
            type_text(qtbot, w, str(value))
        else:  # spin boxes: select all and type, as a user would
            w.selectAll()
            qtbot.keyClicks(w, str(value))


def press_enter(qtbot, dialog: FormDialog) -> None:
    """Enter in a one-line field saves (the dialog's default button)."""
    target = next((w for w in dialog.widgets.values() if isinstance(w, QLineEdit) and w.isEnabled()), None)
    if target is None:
        target = next(w for w in dialog.widgets.values() if isinstance(w, QComboBox) and w.isEnabled())
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)


def open_form(qtbot, page: ListPage, row: dict | None = None) -> FormDialog:
    dialog = page.make_form(row)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def table_texts(page: ListPage) -> list[str]:
    """Each visible row of the page's table as the text a user reads, cells joined by " | "."""
    proxy = page.proxy
    return [" | ".join(proxy.index(r, c).data() or "" for c in range(proxy.columnCount()))
            for r in range(proxy.rowCount())]


def select_text(page: ListPage, text: str) -> dict:
    """Click the first row whose text contains `text`; returns that row."""
    for r, line in enumerate(table_texts(page)):
        if text in line:
            page.table.selectRow(r)
            return page.selected_row()
    raise AssertionError(f"no row shows {text!r}: {table_texts(page)}")


def crud_roundtrip(qtbot, page: ListPage, add: dict, shown: str, edit: dict, edited: str) -> None:
    """Add through the form (Enter saves), see it, edit it, delete it, undo the delete."""
    page.window().show()
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, **add)
    press_enter(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text() + str(
        {n: dialog.error_text(n) for n in dialog.widgets})
    assert any(shown in t for t in table_texts(page))

    row = select_text(page, shown)
    dialog = open_form(qtbot, page, row)
    fill(qtbot, dialog, **edit)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, {n: dialog.error_text(n) for n in dialog.widgets}
    assert any(edited in t for t in table_texts(page))

    select_text(page, edited)
    assert page.delete_selected()
    assert not any(edited in t for t in table_texts(page))
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert any(edited in t for t in table_texts(page))
    assert not page.undo_button.isEnabled()
