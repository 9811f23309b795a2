"""Attendance sign-in sheet: pick who came to a meeting or a training (出席 / 缺席 / 请假) from the roster.

`AttendancePicker` is the widget (a searchable list of people with one tick per status);
`AttendanceDialog` wraps it with save and cancel. `meeting_attendance_dialog` and
`training_attendance_dialog` read the sheet through services.attendance (`meeting_sheet`,
`training_sheet`) and save through `services.meetings.set_attendance` /
`services.training.set_training_attendance`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.db.enums import Attendance
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.services.attendance import Attendee, meeting_sheet, training_sheet
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.forms import ERROR_STYLE

STATUSES = (Attendance.PRESENT.value, Attendance.ABSENT.value, Attendance.EXCUSED.value)
GROUP_BACKGROUND = QColor("#eef4fb")
STATUS_COLOURS = {Attendance.PRESENT.value: QColor("#2e7d32"), Attendance.ABSENT.value: QColor("#c62828"),
                  Attendance.EXCUSED.value: QColor("#8a6d00")}
STATUS_KEYS = {Qt.Key.Key_1: Attendance.PRESENT.value, Qt.Key.Key_2: Attendance.ABSENT.value,
               Qt.Key.Key_3: Attendance.EXCUSED.value}


# --- the widget ------------------------------------------------------------------------------------

class AttendanceModel(QAbstractTableModel):
    """Rows of `Attendee`; columns: name, role, and one tick column per status."""

    NAME, ROLE = 0, 1
    FIRST_STATUS = 2

    def __init__(self, people: Sequence[Attendee], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people = list(people)

    def headers(self) -> list[str]:
        return [self.tr("姓名"), self.tr("小组角色 / 岗位"), self.tr("出席"), self.tr("缺席"), self.tr("请假")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else 2 + len(STATUSES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() >= self.FIRST_STATUS else base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.people[index.row()]
        col = index.column()
        if col >= self.FIRST_STATUS:
            status = STATUSES[col - self.FIRST_STATUS]
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if person.status == status else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.headers()[col]
        elif role == Qt.ItemDataRole.DisplayRole:
            return person.name if col == self.NAME else (person.role or person.description)
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.NAME and person.status:
            return QBrush(STATUS_COLOURS[person.status])
        if role == Qt.ItemDataRole.BackgroundRole and person.in_group:
            return QBrush(GROUP_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return person.employee_no and self.tr("工号 %1").replace("%1", person.employee_no)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() < self.FIRST_STATUS:
            return False
        status = STATUSES[index.column() - self.FIRST_STATUS]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_status(index.row(), status if checked else None)
        return True

    def set_status(self, row: int, status: str | None) -> None:
        self.people[row] = replace(self.people[row], status=status)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class _RosterFilter(QSortFilterProxyModel):
    """Keeps the people whose name, pinyin initials or employee number contain every typed word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 deprecates invalidateFilter for this pair
            self.beginFilterChange()
            self.words = text.lower().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = text.lower().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 (Qt name)
        model = self.sourceModel()
        assert isinstance(model, AttendanceModel)
        hay = model.people[source_row].search_text()
        return all(w in hay for w in self.words)


class AttendancePicker(QWidget):
    """The sign-in sheet: search, tick 出席 / 缺席 / 请假 per person, bulk buttons, a running count."""

    def __init__(self, people: Sequence[Attendee], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance-picker")
        self.model = AttendanceModel(people, self)
        self.proxy = _RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("attendance-search")
        self.search.setPlaceholderText(self.tr("查找：姓名或拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        bar.addWidget(self.search, 1)
        self.group_present = QPushButton(self.tr("小组成员全部出席"))
        self.group_present.setObjectName("group-present")
        self.group_present.setVisible(any(p.in_group for p in people))
        self.group_present.clicked.connect(lambda: self.mark_all(Attendance.PRESENT.value, group_only=True))
        self.shown_present = QPushButton(self.tr("所列人员全部出席"))
        self.shown_present.setObjectName("shown-present")
        self.shown_present.setToolTip(self.tr("把当前列出的人（搜索后只含找到的人）都标为出席"))
        self.shown_present.clicked.connect(lambda: self.mark_all(Attendance.PRESENT.value))
        self.clear_button = QPushButton(self.tr("清除所列人员"))
        self.clear_button.setObjectName("clear-marks")
        self.clear_button.clicked.connect(lambda: self.mark_all(None))
        for button in (self.group_present, self.shown_present, self.clear_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        layout.addLayout(bar)

        self.view = QTableView()
        self.view.setObjectName("attendance-table")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((110, 170, 56, 56, 56)):
            self.view.setColumnWidth(col, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AttendanceModel.ROLE, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)
        self.search.installEventFilter(self)
        layout.addWidget(self.view, 1)

        hint = QLabel(self.tr("在“出席 / 缺席 / 请假”下打勾；或选中一人按 1 出席、2 缺席、3 请假、0 清除。"
                              "没有打勾的人不记入名单。浅蓝底色为质控小组成员。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.summary = QLabel()
        self.summary.setObjectName("attendance-summary")
        layout.addWidget(self.summary)
        self.model.dataChanged.connect(lambda *_: self._update_summary())
        self._update_summary()

    # --- values -----------------------------------------------------------------------------------
    def marks(self) -> list[tuple[uuid.UUID, str]]:
        """What to save: (staff_id, status) for every ticked person, in sheet order."""
        return [(p.staff_id, p.status) for p in self.model.people if p.status]

    def status_of(self, name: str) -> str | None:
        return next((p.status for p in self.model.people if p.name == name), None)

    def set_status(self, name: str, status: str | None) -> None:
        """Mark a person by name (tests and keyboard users both end up here)."""
        row = next(i for i, p in enumerate(self.model.people) if p.name == name)
        self.model.set_status(row, status)

    def mark_all(self, status: str | None, group_only: bool = False) -> None:
        for proxy_row in range(self.proxy.rowCount()):
            row = self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()
            if not group_only or self.model.people[row].in_group:
                self.model.set_status(row, status)

    def counts(self) -> dict[str, int]:
        found = {s: 0 for s in STATUSES}
        for p in self.model.people:
            if p.status:
                found[p.status] += 1
        return found

    def _update_summary(self) -> None:
        c = self.counts()
        listed = sum(c.values())
        text = self.tr("已登记 %1 人：出席 %2，缺席 %3，请假 %4").replace("%1", str(listed)) \
            .replace("%2", str(c[Attendance.PRESENT.value])).replace("%3", str(c[Attendance.ABSENT.value])) \
            .replace("%4", str(c[Attendance.EXCUSED.value]))
        self.summary.setText(text)

    # --- keyboard ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            # Enter after typing a name goes to the first person found (to press 1/2/3), never saves.
            self.view.setFocus()
            if self.proxy.rowCount():
                self.view.setCurrentIndex(self.proxy.index(0, AttendanceModel.FIRST_STATUS))
            return True
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in STATUS_KEYS or key in (Qt.Key.Key_0, Qt.Key.Key_Delete):
                current = self.view.currentIndex()
                if current.isValid():
                    row = self.proxy.mapToSource(current).row()
                    self.model.set_status(row, STATUS_KEYS.get(key))
                    below = self.proxy.index(current.row() + 1, current.column())
                    if below.isValid():
                        self.view.setCurrentIndex(below)
                return True
        return super().eventFilter(watched, event)


class AttendanceDialog(QDialog):
    """The sign-in sheet in a dialog; `save(marks)` calls the service, its messages show in red."""

    def __init__(self, title: str, people: Sequence[Attendee], save: Callable[[list[tuple[uuid.UUID, str]]], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance-dialog")
        self.setWindowTitle(self.tr("出席情况 — %1").replace("%1", title))
        self._save = save
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        layout.addWidget(heading)
        self.error = QLabel()
        self.error.setObjectName("attendance-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.picker = AttendancePicker(people, self)
        layout.addWidget(self.picker, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)
        self._initial = self.picker.marks()
        self.picker.search.setFocus()
        self.resize(600, 640)

    def is_dirty(self) -> bool:
        return self.picker.marks() != self._initial

    def try_save(self) -> bool:
        self.error.hide()
        try:
            self._save(self.picker.marks())
        except ValidationError as exc:
            self.error.setText("\n".join(e.message for e in exc.errors))
            self.error.show()
            return False
        except QmsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self._initial = self.picker.marks()
        self.accept()
        return True

    def reject(self) -> None:
        if self.is_dirty() and not messages.confirm(
                self, self.tr("放弃修改？"), self.tr("出席情况有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？"),
                yes=self.tr("放弃修改")):
            return
        super().reject()


def meeting_attendance_dialog(ctx: AppContext, meeting_id, parent: QWidget | None = None) -> AttendanceDialog:
    from qmsdesk.services import meetings

    sheet = ctx.read(meeting_sheet, meeting_id)
    save = lambda marks: ctx.write(meetings.set_attendance, meeting_id, marks)  # noqa: E731
    dialog = AttendanceDialog(sheet.title, sheet.people, save, parent)
    dialog.setObjectName("dlg-meetings-attendance")
    return dialog


def training_attendance_dialog(ctx: AppContext, session_id, parent: QWidget | None = None) -> AttendanceDialog:
    from qmsdesk.services import training

    sheet = ctx.read(training_sheet, session_id)
    save = lambda marks: ctx.write(training.set_training_attendance, session_id, marks)  # noqa: E731
    dialog = AttendanceDialog(sheet.title, sheet.people, save, parent)
    dialog.setObjectName("dlg-training-attendance")
    return dialog
