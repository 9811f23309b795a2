"""录入成绩: one grid for the scores of everyone present at a training, saved in one go by record_scores.

The result column follows each keystroke (合格 / 不合格 against the pass mark, or what is wrong with the
score); the service checks everything again on save and its messages, which name the person, show
above the grid with that person's row marked. Nothing is saved unless every score is acceptable.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.db.enums import AssessmentKind, TrainingCategory
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.services import training
from qmsdesk.services.training import SavedScore, ScoreSheet
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.forms import ERROR_STYLE
from qmsdesk.ui.pages.base import label_of

PASS_COLOUR, FAIL_COLOUR, SAVED_COLOUR = QColor("#2e7d32"), QColor("#c62828"), QColor("#777777")
ERROR_BACKGROUND = QColor("#fde2e1")


@dataclass
class ScoreLine:
    """One person in the grid: the score as typed, and whether the service's last refusal named them."""

    staff_id: uuid.UUID
    name: str
    employee_no: str
    text: str = ""
    flagged: bool = False  # named by the service's last refusal


def parse_score(text: str) -> float | int | str:
    """A typed score as a number when it is one (92 stays 92, not 92.0, in messages); otherwise the text
    itself, for the service to refuse by name."""
    cleaned = text.strip().replace("，", ".").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return text.strip()
    return int(number) if number.is_integer() else number


class ScoreModel(QAbstractTableModel):
    """Columns: name, employee number, score (typed), result (live)."""

    NAME, NUMBER, SCORE, RESULT = range(4)

    def __init__(self, lines: list[ScoreLine], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.pass_mark = training.PASS_MARK
        self.saved: dict[uuid.UUID, SavedScore] = {}  # for the chosen kind and subject

    def headers(self) -> list[str]:
        return [self.tr("姓名"), self.tr("工号"), self.tr("成绩"), self.tr("结果")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def is_editable(self, row: int) -> bool:
        return self.lines[row].staff_id not in self.saved

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.SCORE and self.is_editable(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def result(self, row: int) -> tuple[str, QColor | None, str]:
        """(text, colour, tooltip) of the result column."""
        line = self.lines[row]
        saved = self.saved.get(line.staff_id)
        if saved is not None:
            verdict = self.tr("合格") if saved.passed else self.tr("不合格")
            return (self.tr("已录入：%1").replace("%1", verdict), PASS_COLOUR if saved.passed else FAIL_COLOUR,
                    self.tr("这项考核已保存；要改分数请到“考核”页修改。"))
        if not line.text.strip():
            return "", None, ""
        value = parse_score(line.text)
        problem = training.score_error(value)
        if problem is not None:
            return self.tr("分数有误"), FAIL_COLOUR, problem
        assert isinstance(value, int | float)
        if training.passes(value, self.pass_mark):
            return self.tr("合格"), PASS_COLOUR, ""
        return self.tr("不合格"), FAIL_COLOUR, ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        line = self.lines[row]
        saved = self.saved.get(line.staff_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return line.name
            if col == self.NUMBER:
                return line.employee_no
            if col == self.SCORE:
                return f"{saved.score:g}" if saved is not None else line.text
            return self.result(row)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.RESULT:
                colour = self.result(row)[1]
                return QBrush(colour) if colour is not None else None
            if saved is not None:
                return QBrush(SAVED_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and line.flagged:
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.SCORE, self.RESULT):
            return self.result(row)[2] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.SCORE, self.RESULT):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != self.SCORE or not self.is_editable(index.row()):
            return False
        self.lines[index.row()].text = str(value or "").strip()
        self.lines[index.row()].flagged = False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.RESULT))
        return True

    def refresh_all(self) -> None:
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, self.RESULT))

    def to_save(self) -> dict[uuid.UUID, float | int | str]:
        return {line.staff_id: parse_score(line.text) for i, line in enumerate(self.lines)
                if line.text.strip() and self.is_editable(i)}


class ScoreView(QTableView):
    """Spreadsheet habits: type a number, Enter goes to the next person; Ctrl+V pastes a column from Excel."""

    def next_score_cell(self, after_row: int) -> QModelIndex:
        model = self.model()
        assert isinstance(model, ScoreModel)
        for row in range(after_row + 1, model.rowCount()):
            if model.is_editable(row):
                return model.index(row, ScoreModel.SCORE)
        return QModelIndex()

    def go_next(self, from_row: int) -> None:
        target = self.next_score_cell(from_row)
        if target.isValid():
            self.setCurrentIndex(target)
            self.edit(target)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802 (Qt name)
        row = self.indexAt(editor.geometry().center()).row()  # the edited cell, wherever the cursor went
        submitted = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if submitted else hint)
        if submitted:
            self.go_next(row)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.go_next(self.currentIndex().row())
            return  # Enter in the grid moves on; it never saves the whole grid by accident
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_column(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste_column(self, text: str) -> int:
        """Fill scores downwards from the current row, one line of `text` per person. Returns how many."""
        model = self.model()
        assert isinstance(model, ScoreModel)
        values = [line.split("\t")[-1] for line in text.replace("\r", "").split("\n") if line.strip()]
        row = max(self.currentIndex().row(), 0)
        filled = 0
        while values and row < model.rowCount():
            if model.is_editable(row):
                model.setData(model.index(row, ScoreModel.SCORE), values.pop(0))
                filled += 1
            row += 1
        return filled


class ScoreGridDialog(QDialog):
    """录入成绩 for one training session."""

    def __init__(self, ctx: AppContext, facts: ScoreSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.facts = facts
        self.setObjectName("dlg-training-scores")
        self.setWindowTitle(self.tr("录入成绩 — %1").replace("%1", facts.topic))
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        layout.addLayout(self._exam_form())
        self.error = QLabel()
        self.error.setObjectName("scores-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self._grid(), 1)
        self._notes(layout)
        layout.addWidget(self._buttons())
        self._follow_the_exam()
        self.resize(560, 600)
        first = self.view.next_score_cell(-1)
        if first.isValid():
            self.view.setCurrentIndex(first)
        self.view.setFocus()

    def _heading(self) -> QLabel:
        facts = self.facts
        heading = QLabel(self.tr("%1 %2（%3，%4 学时）").replace("%1", facts.date.isoformat())
                         .replace("%2", facts.topic).replace("%3", label_of(TrainingCategory, facts.category))
                         .replace("%4", f"{facts.hours:g}"))
        heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        heading.setWordWrap(True)
        return heading

    def _exam_form(self) -> QFormLayout:
        """Which exam the scores are for: kind, date, pass mark and subject."""
        facts = self.facts
        form = QFormLayout()
        top = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("field-kind")
        for value, text in AssessmentKind.choices():
            self.kind.addItem(text, value)
        self.date = QDateEdit(QDate(facts.date.year, facts.date.month, facts.date.day))
        self.date.setObjectName("field-date")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setObjectName("field-pass_mark")
        self.pass_mark.setRange(1, 100)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setValue(training.PASS_MARK)
        self.pass_mark.setSuffix(self.tr(" 分"))
        for label, widget in ((self.tr("考核类型"), self.kind), (self.tr("考核日期"), self.date),
                              (self.tr("合格线"), self.pass_mark)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        form.addRow(top)
        self.subject = QLineEdit(facts.topic)
        self.subject.setObjectName("field-subject")
        form.addRow(self.tr("考核内容 *"), self.subject)
        return form

    def _grid(self) -> ScoreView:
        """Everyone present, one row each, scores typed in the third column."""
        self.model = ScoreModel([ScoreLine(p.staff_id, p.name, p.employee_no) for p in self.facts.present], self)
        self.view = ScoreView()
        self.view.setObjectName("score-grid")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        trigger = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(trigger.DoubleClicked | trigger.SelectedClicked | trigger.EditKeyPressed
                                  | trigger.AnyKeyPressed)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((100, 80, 80, 120)):
            self.view.setColumnWidth(col, width)
        return self.view

    def _notes(self, layout: QVBoxLayout) -> None:
        """What to do when nobody is listed, how to type, and the running count."""
        self.empty_note = QLabel(self.tr("这次培训还没有登记出席的人。请先关闭本窗口，点“出席情况…”登记出席，再录入成绩。"))
        self.empty_note.setObjectName("scores-empty")
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet(ERROR_STYLE)
        self.empty_note.setVisible(not self.facts.present)
        layout.addWidget(self.empty_note)
        hint = QLabel(self.tr("在“成绩”栏直接输入分数，按 Enter 到下一人；也可从 Excel 复制一列分数后按 Ctrl+V。"
                              "没参加考核的人留空。按 Ctrl+S 保存。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.summary = QLabel()
        self.summary.setObjectName("scores-summary")
        layout.addWidget(self.summary)

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存全部成绩"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)
        return self.buttons

    def _follow_the_exam(self) -> None:
        """The saved scores shown follow the exam chosen; the results follow the pass mark."""
        self._open_on_saved_round()
        self.kind.currentIndexChanged.connect(lambda _i: self._choose_saved())
        self.subject.textChanged.connect(lambda _t: self._choose_saved())
        self.pass_mark.valueChanged.connect(lambda _v: (self._set_pass_mark(), self._update_summary()))
        self.model.dataChanged.connect(lambda *_: self._update_summary())
        self._choose_saved()

    # --- state ------------------------------------------------------------------------------------
    def _set_pass_mark(self) -> None:
        self.model.pass_mark = self.pass_mark.value()
        self.model.refresh_all()

    def _open_on_saved_round(self) -> None:
        """Reopened after scores were saved: show that exam (kind and subject), not an empty new one."""
        if not self.facts.saved:
            return
        rounds = Counter((s.kind, s.subject) for s in self.facts.saved)
        kind, subject = rounds.most_common(1)[0][0]
        if self.kind.findData(kind) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.subject.setText(subject)

    def _choose_saved(self) -> None:
        """Scores already saved for this kind and subject are shown, not entered twice."""
        kind, subject = self.kind.currentData(), self.subject.text().strip()
        self.model.saved = {s.staff_id: s for s in self.facts.saved if s.kind == kind and s.subject == subject}
        self.model.refresh_all()
        self._update_summary()

    def _update_summary(self) -> None:
        m = self.model
        rows = range(m.rowCount())
        typed = [r for r in rows if m.is_editable(r) and m.lines[r].text.strip()]
        results = [m.result(r)[0] for r in typed]
        done = len(m.saved)
        text = self.tr("出席 %1 人，本次填写 %2 人：合格 %3，不合格 %4").replace("%1", str(m.rowCount())) \
            .replace("%2", str(len(typed))).replace("%3", str(results.count(self.tr("合格")))) \
            .replace("%4", str(results.count(self.tr("不合格"))))
        wrong = results.count(self.tr("分数有误"))
        if wrong:
            text += self.tr("，分数有误 %1").replace("%1", str(wrong))
        if done:
            text += self.tr("（另有 %1 人此前已录入）").replace("%1", str(done))
        self.summary.setText(text)

    def is_dirty(self) -> bool:
        return bool(self.model.to_save())

    # --- saving -----------------------------------------------------------------------------------
    def try_save(self) -> bool:
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:  # Ctrl+S while typing in a cell: that score counts too
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.error.hide()
        scores = self.model.to_save()
        if not scores:
            self._show_errors([self.tr("还没有填写任何成绩。")])
            return False
        kind, subject, when = self.kind.currentData(), self.subject.text().strip(), self.date.date().toPython()
        try:
            created = len(self.ctx.write(training.record_scores, self.facts.session_id, scores, kind=kind,
                                         subject=subject, date=when, pass_mark=self.pass_mark.value()))
        except ValidationError as exc:
            self._show_errors([e.message for e in exc.errors])
            return False
        except QmsError as exc:
            self._show_errors([str(exc)])
            return False
        self.result_value = created
        self.accept()
        return True

    def _show_errors(self, texts: list[str]) -> None:
        self.error.setText(self.tr("没有保存任何成绩：") + "\n" + "\n".join(texts))
        self.error.show()
        for line in self.model.lines:
            line.flagged = any(t.startswith(f"{line.name}：") for t in texts)
        self.model.refresh_all()
        flagged = next((i for i, line in enumerate(self.model.lines) if line.flagged), None)
        if flagged is not None:
            self.view.setCurrentIndex(self.model.index(flagged, ScoreModel.SCORE))

    def reject(self) -> None:
        if self.is_dirty() and not messages.confirm(
                self, self.tr("放弃修改？"), self.tr("已填写的成绩尚未保存。关闭后这些成绩将丢失，确定关闭吗？"),
                yes=self.tr("放弃修改")):
            return
        super().reject()


def score_grid_dialog(ctx: AppContext, session_id, parent: QWidget | None = None) -> ScoreGridDialog:
    return ScoreGridDialog(ctx, ctx.read(training.score_sheet, session_id), parent)
