"""Form dialogs built from field declarations, showing service validation messages beside their fields.

A page declares its fields (`Field`), opens `FormDialog(fields, values, save=...)`, and `save(values)`
calls the service. A `ValidationError` from the service keeps the dialog open with each message in red
under its field; fields the service names but the form does not show go to the top of the form.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QDoubleValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qmsdesk import clock
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.ui import messages

ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #b26a00;"  # a warning that does not stop saving
BLANK_DATE = QDate(1900, 1, 1)


def error_label(name: str = "form-error") -> QLabel:
    """A red, wrapping line that stays hidden until a message is put in it."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def save_cancel(dialog: QDialog, save_text: str, cancel_text: str, on_save: Callable[[], Any]) -> QDialogButtonBox:
    """Save and Cancel, in the dialog's words: Save runs `on_save`, Cancel rejects the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


@dataclass(frozen=True)
class Person:
    """An entry of the person picker: the staff id, the name shown, and pinyin initials for search.

    Any object with these attributes will do (the staff service's `people` query returns `StaffChoice`).
    """

    id: uuid.UUID
    name: str
    initials: str = ""
    employee_no: str = ""  # also searchable


@dataclass
class Field:
    """One input of a form. `kind` is text, multiline, choice, date, datetime, int, float, person or bool."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Sequence[tuple[Any, str]] = ()
    minimum: float | None = None
    maximum: float | None = None
    decimals: int = 2
    placeholder: str = ""
    check: Callable[[Any], str | None] | None = None  # local rule: message or None
    people: Sequence[Person] = field(default_factory=list)


class PersonPicker(QComboBox):
    """A staff chooser; typing searches names and pinyin initials (“zs” finds 张三)."""

    def __init__(self, people: Sequence[Person], allow_none: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._search_texts: list[str] = []
        if allow_none:
            self.addItem("", None)
            self._search_texts.append("")
        for p in people:
            # Stored as text: Qt cannot compare Python UUID objects when searching item data.
            self.addItem(p.name, str(p.id))
            self._search_texts.append(" ".join(x for x in (p.name, p.initials.lower(), p.employee_no) if x))
        completer = QCompleter([t for t in self._search_texts if t], self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._choose)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("输入姓名或拼音首字母"))

    def _choose(self, text: str) -> None:
        if text in self._search_texts:
            self.setCurrentIndex(self._search_texts.index(text))

    def value(self) -> uuid.UUID | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            for i, search in enumerate(self._search_texts):
                if search and search.split(" ")[0] == text:
                    index = i
        data = self.itemData(index) if index >= 0 else None
        return uuid.UUID(data) if data else None

    def set_value(self, value: uuid.UUID | str | None) -> None:
        index = self.findData(str(value)) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def has_unknown_text(self) -> bool:
        return bool(self.currentText().strip()) and self.value() is None


def _optional_date_edit(edit: QDateEdit, required: bool) -> None:
    edit.setCalendarPopup(True)
    if not required:
        # The minimum date shows as blank: the usual Qt way to let a date edit hold "no date".
        edit.setMinimumDate(BLANK_DATE)
        edit.setSpecialValueText(" ")


class FormDialog(QDialog):
    """A dialog for one record: fields, red messages, Enter saves, Esc cancels (asking if changed)."""

    def __init__(self, title: str, fields: Sequence[Field], values: dict[str, Any] | None = None,
                 save: Callable[[dict[str, Any]], Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("form-dialog")
        self.fields = list(fields)
        self._save = save
        self.result_value: Any = None
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()

        layout = QVBoxLayout(self)
        self.general_error = error_label("")
        layout.addWidget(self.general_error)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        for f in self.fields:
            self._add_field(f)
        self.extra = QVBoxLayout()  # pages add special widgets here (attendance grid, problems list)
        layout.addLayout(self.extra)
        note = QLabel(self.tr("带 * 的为必填项。Enter 保存，Esc 取消。"))
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        self.buttons = save_cancel(self, self.tr("保存"), self.tr("取消"), self.try_save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_save)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)

        if values:
            self.set_values(values)
        self._initial = self.values()
        previous = None
        for w in self.widgets.values():
            if previous is not None:
                QWidget.setTabOrder(previous, w)
            previous = w
        if self.fields:
            self.widgets[self.fields[0].name].setFocus()
        self.setMinimumWidth(480)

    # --- building --------------------------------------------------------------------------------
    def _add_field(self, f: Field) -> None:
        widget = self._make_widget(f)
        widget.setObjectName(f"field-{f.name}")
        self.widgets[f.name] = widget
        error = QLabel()
        error.setObjectName(f"error-{f.name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.errors[f.name] = error
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        inner.addWidget(error)
        label = QLabel(f"{f.label}{' *' if f.required else ''}")
        label.setBuddy(widget)
        self.form.addRow(label, box)

    def _make_widget(self, f: Field) -> QWidget:
        on_change = lambda *_: self._changed(f.name)  # noqa: E731
        if f.kind == "multiline":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(72)
            w.setPlaceholderText(f.placeholder)
            w.textChanged.connect(on_change)
        elif f.kind == "choice":
            w = QComboBox()
            if not f.required:
                w.addItem("", None)
            for value, text in f.choices:
                w.addItem(text, value)
            if f.required:
                w.setCurrentIndex(-1)
            w.currentIndexChanged.connect(on_change)
        elif f.kind == "date":
            w = QDateEdit()
            w.setDisplayFormat("yyyy-MM-dd")
            _optional_date_edit(w, f.required)
            w.setDate(QDate.currentDate() if f.required else BLANK_DATE)
            w.dateChanged.connect(on_change)
        elif f.kind == "datetime":
            w = QDateTimeEdit()
            w.setDisplayFormat("yyyy-MM-dd HH:mm")
            w.setCalendarPopup(True)
            w.setDateTime(QDateTime.currentDateTime())
            w.dateTimeChanged.connect(on_change)
        elif f.kind == "int":
            w = QSpinBox()
            w.setRange(int(f.minimum if f.minimum is not None else 0), int(f.maximum if f.maximum is not None else 1_000_000))
            w.valueChanged.connect(on_change)
        elif f.kind == "float" and f.required:
            w = QDoubleSpinBox()
            w.setDecimals(f.decimals)
            w.setRange(f.minimum if f.minimum is not None else 0.0, f.maximum if f.maximum is not None else 1e9)
            w.valueChanged.connect(on_change)
        elif f.kind == "float":
            w = QLineEdit()
            w.setValidator(QDoubleValidator(-1e12, 1e12, f.decimals))
            w.setPlaceholderText(f.placeholder)
            w.textChanged.connect(on_change)
        elif f.kind == "person":
            w = PersonPicker(f.people, allow_none=not f.required)
            if f.placeholder:
                w.lineEdit().setPlaceholderText(f.placeholder)
            w.setCurrentIndex(-1)
            w.currentIndexChanged.connect(on_change)
            w.editTextChanged.connect(on_change)
        elif f.kind == "bool":
            w = QCheckBox()
            w.toggled.connect(on_change)
        else:
            w = QLineEdit()
            w.setPlaceholderText(f.placeholder)
            w.textChanged.connect(on_change)
        return w

    # --- values ----------------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        f = next(x for x in self.fields if x.name == name)
        w = self.widgets[name]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip() or None
        if isinstance(w, PersonPicker):
            return w.value()
        if isinstance(w, QComboBox):
            return w.currentData() if w.currentIndex() >= 0 else None
        if isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
            return clock.as_local(w.dateTime().toPython())
        if isinstance(w, QDateEdit):
            d = w.date()
            return None if d == BLANK_DATE and not f.required else d.toPython()
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        text = w.text().strip()  # type: ignore[attr-defined]
        if f.kind == "float":
            return float(text.replace(",", ".")) if text else None
        return text or None

    def values(self) -> dict[str, Any]:
        return {f.name: self.value(f.name) for f in self.fields}

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            w = self.widgets.get(name)
            if w is None:
                continue
            if isinstance(w, QPlainTextEdit):
                w.setPlainText("" if value is None else str(value))
            elif isinstance(w, PersonPicker):
                w.set_value(value)
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(w.findData(value) if value is not None or w.findData(None) >= 0 else -1)
            elif isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
                if isinstance(value, datetime):
                    local = clock.local(value) if value.tzinfo else value
                    w.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))
            elif isinstance(w, QDateEdit):
                w.setDate(QDate(value.year, value.month, value.day) if isinstance(value, date) else BLANK_DATE)
            elif isinstance(w, QSpinBox):
                w.setValue(int(value or 0))
            elif isinstance(w, QDoubleSpinBox):
                w.setValue(float(value or 0))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QLineEdit):
                w.setText("" if value is None else (f"{value:g}" if isinstance(value, float) else str(value)))
        self._touched.clear()
        self.clear_errors()

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    # --- validation ------------------------------------------------------------------------------
    def local_error(self, f: Field) -> str | None:
        """What can be known without the database: required fields, number ranges, the field's own rule."""
        w = self.widgets[f.name]
        if isinstance(w, PersonPicker) and w.has_unknown_text():
            return self.tr("名单中没有“%1”，请从列表中选择。").replace("%1", w.currentText().strip())
        value = self.value(f.name)
        if f.required and (value is None or value == ""):
            return self.tr("请填写%1。").replace("%1", f.label)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if f.minimum is not None and value < f.minimum:
                return self.tr("%1不能小于 %2。").replace("%1", f.label).replace("%2", f"{f.minimum:g}")
            if f.maximum is not None and value > f.maximum:
                return self.tr("%1不能大于 %2。").replace("%1", f.label).replace("%2", f"{f.maximum:g}")
        if f.check is not None and value is not None:
            return f.check(value)
        return None

    def _changed(self, name: str) -> None:
        self._touched.add(name)
        f = next(x for x in self.fields if x.name == name)
        error = self.local_error(f)
        self.show_error(name, error)
        if error is None and f.kind in ("text", "multiline"):
            self._hint_patient_number(name)

    def _hint_patient_number(self, name: str) -> None:
        """Say at once when free text carries what looks like a patient number (it is masked in exports)."""
        from qmsdesk.reports.masking import patient_number_warning

        value = self.value(name)
        hint = patient_number_warning(value) if isinstance(value, str) else None
        label = self.errors[name]
        label.setStyleSheet(HINT_STYLE if hint else ERROR_STYLE)
        label.setText(hint or "")
        label.setVisible(bool(hint))

    def show_error(self, name: str, message: str | None) -> None:
        label = self.errors.get(name)
        if label is None:
            self._show_general([message] if message else [])
            return
        label.setStyleSheet(ERROR_STYLE)
        label.setText(message or "")
        label.setVisible(bool(message))

    def _show_general(self, messages: list[str]) -> None:
        self.general_error.setText("\n".join(messages))
        self.general_error.setVisible(bool(messages))

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self._show_general([])

    def show_validation(self, error: ValidationError) -> None:
        general: list[str] = []
        for name, texts in error.by_field().items():
            if name in self.errors:
                self.show_error(name, "；".join(texts))
            else:
                general.extend(texts)
        self._show_general(general)
        first = next((n for n in error.fields if n in self.widgets), None)
        if first:
            self.widgets[first].setFocus()

    def error_text(self, name: str) -> str:
        label = self.errors.get(name)
        return label.text() if label is not None and label.isVisible() else ""

    # --- closing ---------------------------------------------------------------------------------
    def try_save(self) -> bool:
        self.clear_errors()
        local = {f.name: msg for f in self.fields if (msg := self.local_error(f))}
        if local:
            for name, message in local.items():
                self.show_error(name, message)
            self.widgets[next(iter(local))].setFocus()
            return False
        if self._save is not None:
            try:
                self.result_value = self._save(self.values())
            except ValidationError as exc:
                self.show_validation(exc)
                return False
            except QmsError as exc:
                self._show_general([str(exc)])
                return False
        self._initial = self.values()
        self.accept()
        return True

    def reject(self) -> None:
        if self.is_dirty():
            if not messages.confirm(self, self.tr("放弃修改？"),
                                    self.tr("有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？"),
                                    yes=self.tr("放弃修改")):
                return
        super().reject()
