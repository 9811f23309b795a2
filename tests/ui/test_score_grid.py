"""录入成绩: everyone present in one grid, the result shown as you type, one save through record_scores."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uihelpers import select_text, table_texts

from qmsdesk.services import staff, training
from qmsdesk.ui.pages.training import TrainingPage
from qmsdesk.ui.score_grid import ScoreGridDialog, ScoreModel


@pytest.fixture
def page(qtbot, ctx):
    """A training attended by 王芳, 张伟 and 李娜 (present) and 赵敏 (excused: not in the grid)."""
    def make(s):
        ids = {p.name: p.id for p in staff.list_staff(s)}
        ids["李娜"] = staff.create_staff(s, name="李娜", employee_no="N010", profession="nurse").id
        ids["赵敏"] = staff.create_staff(s, name="赵敏", employee_no="N011", profession="nurse").id
        training.create_training_session(
            s, topic="心肺复苏", category="skills", hours=2, date=date(2026, 10, 9),
            attendance=[ids["王芳"], ids["张伟"], ids["李娜"], (ids["赵敏"], "excused")])
    ctx.write(make)
    training_page = TrainingPage(ctx)
    qtbot.addWidget(training_page)
    training_page.show()
    training_page.sessions.refresh()
    select_text(training_page.sessions, "心肺复苏")
    return training_page


def open_grid(qtbot, page) -> ScoreGridDialog:
    dialog = page.sessions.scores_form()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(dialog: ScoreGridDialog) -> list[str]:
    return [line.name for line in dialog.model.lines]


def type_score(qtbot, dialog: ScoreGridDialog, name: str, text: str) -> None:
    """Type into the person's score cell and press Enter, as at the keyboard."""
    index = dialog.model.index(names(dialog).index(name), ScoreModel.SCORE)
    dialog.view.setCurrentIndex(index)
    dialog.view.edit(index)
    editor = dialog.view.indexWidget(index)
    assert editor is not None, f"{name}'s score cell does not open for typing"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # Qt commits a cell on Enter through a queued call


def result_of(dialog: ScoreGridDialog, name: str) -> str:
    return dialog.model.index(names(dialog).index(name), ScoreModel.RESULT).data()


def save(qtbot, dialog: ScoreGridDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_three_scores_in_one_grid_become_assessments_with_one_failure(qtbot, ctx, page, answers):
    dialog = open_grid(qtbot, page)
    assert sorted(names(dialog)) == ["张伟", "李娜", "王芳"]  # the excused person is not examined
    type_score(qtbot, dialog, "王芳", "92")
    assert dialog.view.currentIndex().row() == names(dialog).index("王芳") + 1  # Enter moved on to the next person
    assert dialog.view.state() == dialog.view.State.EditingState  # ready to type the next score
    type_score(qtbot, dialog, "张伟", "85")
    type_score(qtbot, dialog, "李娜", "65")
    assert (result_of(dialog, "王芳"), result_of(dialog, "李娜")) == ("合格", "不合格")
    assert "本次填写 3 人：合格 2，不合格 1" in dialog.summary.text()
    dialog.kind.setCurrentIndex(dialog.kind.findText("操作考核"))
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()

    page.tabs.setCurrentWidget(page.assessments)
    page.assessments.refresh()
    rows = table_texts(page.assessments)
    assert any("王芳 | 操作考核 | 心肺复苏 | 92 | 合格" in r for r in rows), rows
    assert any("张伟 | 操作考核 | 心肺复苏 | 85 | 合格" in r for r in rows), rows
    assert any("李娜 | 操作考核 | 心肺复苏 | 65 | 不合格" in r for r in rows), rows


def test_the_pass_mark_moves_the_live_result(qtbot, page):
    dialog = open_grid(qtbot, page)
    type_score(qtbot, dialog, "王芳", "85")
    assert result_of(dialog, "王芳") == "合格"
    dialog.pass_mark.setValue(90)
    assert result_of(dialog, "王芳") == "不合格"


def test_a_score_of_120_names_the_person_and_nothing_is_saved(qtbot, ctx, page, answers):
    dialog = open_grid(qtbot, page)
    type_score(qtbot, dialog, "王芳", "90")
    type_score(qtbot, dialog, "张伟", "120")
    assert result_of(dialog, "张伟") == "分数有误"
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "张伟：成绩应在 0–100 分之间，收到“120”" in dialog.error.text()
    assert "没有保存任何成绩" in dialog.error.text()
    assert dialog.model.lines[names(dialog).index("张伟")].flagged
    assert not dialog.model.lines[names(dialog).index("王芳")].flagged
    assert ctx.read(lambda s: len(training.list_assessments(s))) == 0


def test_scores_already_saved_are_shown_and_not_entered_twice(qtbot, ctx, page, answers):
    dialog = open_grid(qtbot, page)
    type_score(qtbot, dialog, "王芳", "92")
    save(qtbot, dialog)
    again = open_grid(qtbot, page)
    row = names(again).index("王芳")
    assert result_of(again, "王芳") == "已录入：合格"
    assert not again.model.flags(again.model.index(row, ScoreModel.SCORE)) & Qt.ItemFlag.ItemIsEditable
    assert "另有 1 人此前已录入" in again.summary.text()
    # A practical assessment of the same training is a different exam: everybody can be entered.
    again.kind.setCurrentIndex(again.kind.findText("操作考核"))
    assert again.model.flags(again.model.index(row, ScoreModel.SCORE)) & Qt.ItemFlag.ItemIsEditable


def test_a_column_pasted_from_excel_fills_the_scores_downwards(qtbot, page):
    dialog = open_grid(qtbot, page)
    dialog.view.setCurrentIndex(dialog.model.index(0, ScoreModel.SCORE))
    assert dialog.view.paste_column("88\r\n77\r\n66\r\n") == 3
    assert [line.text for line in dialog.model.lines] == ["88", "77", "66"]


def test_an_empty_grid_is_not_saved_and_says_so(qtbot, ctx, page, answers):
    dialog = open_grid(qtbot, page)
    save(qtbot, dialog)
    assert "还没有填写任何成绩" in dialog.error.text()


def test_a_training_without_attendance_says_to_record_it_first(qtbot, ctx, answers):
    ctx.write(lambda s: training.create_training_session(s, topic="院感培训", category="infection_control", hours=1,
                                                         date=date(2026, 10, 2)))
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.sessions.refresh()
    select_text(page.sessions, "院感培训")
    dialog = open_grid(qtbot, page)
    assert dialog.model.rowCount() == 0
    assert dialog.empty_note.isVisible() and "出席情况" in dialog.empty_note.text()


def test_typing_straight_into_the_grid_fills_one_person_after_another(qtbot, page):
    dialog = open_grid(qtbot, page)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    for keys in ("87", "61"):
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget(), key)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.processEvents()
    assert [line.text for line in dialog.model.lines] == ["87", "61", ""]
    assert dialog.isVisible()  # Enter in the grid never saves the whole grid by accident
    assert "合格 1，不合格 1" in dialog.summary.text()


def test_reopened_after_a_practical_exam_the_grid_shows_that_exam(qtbot, ctx, page, answers):
    dialog = open_grid(qtbot, page)
    dialog.kind.setCurrentIndex(dialog.kind.findText("操作考核"))
    dialog.subject.setText("心肺复苏操作考核")
    type_score(qtbot, dialog, "王芳", "92")
    type_score(qtbot, dialog, "张伟", "70")
    save(qtbot, dialog)
    again = open_grid(qtbot, page)
    assert (again.kind.currentText(), again.subject.text()) == ("操作考核", "心肺复苏操作考核")
    assert (result_of(again, "王芳"), result_of(again, "张伟")) == ("已录入：合格", "已录入：不合格")
    assert "另有 2 人此前已录入" in again.summary.text()
