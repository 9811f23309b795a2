"""会议记录 page: the meeting form, problems raised, and a problem becoming a rectification item."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uihelpers import crud_roundtrip, fill, open_form, press_enter, select_text

from qmsdesk.ui.pages.meetings import MeetingsPage


def test_add_edit_delete_and_undo_a_meeting(qtbot, ctx, answers):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page,
                   add=dict(kind="质控小组例会", date=date(2026, 10, 28), host_id="王芳", agenda="跌倒专题分析"),
                   shown="跌倒专题分析", edit=dict(agenda="跌倒与压伤专题分析"), edited="跌倒与压伤专题分析")


def test_a_future_meeting_date_is_refused_beside_the_date(qtbot, ctx, answers):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, kind="质控小组例会", date=date(2099, 1, 1), place="示教室")
    press_enter(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "不能晚于今天" in dialog.error_text("date")


def test_a_problem_raised_becomes_a_rectification_item(qtbot, ctx, answers):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, kind="质控小组例会", date=date(2026, 10, 28), place="示教室")
    press_enter(qtbot, dialog)
    select_text(page, "2026-10-28")

    problem = page.problem_form()
    qtbot.addWidget(problem)
    fill(qtbot, problem, description="交班记录不完整", category="护理文书")
    qtbot.mouseClick(problem.buttons.button(problem.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert page.problems_model.rowCount() == 1
    assert page.problems_model.index(0, 2).data() == "未转整改"

    page.problems.selectRow(0)
    item = page.item_form()
    qtbot.addWidget(item)
    fill(qtbot, item, responsible_id="张伟", deadline=date(2026, 11, 30))
    qtbot.mouseClick(item.buttons.button(item.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert item.result() == QDialog.DialogCode.Accepted
    assert page.problems_model.index(0, 2).data() == "待整改"


def test_a_problem_already_in_the_ledger_is_not_turned_into_a_second_item(qtbot, ctx, answers):
    from qmsdesk.services import ledger, meetings

    def make(s):
        meeting = meetings.create_meeting(s, kind="group_monthly", date=date(2026, 10, 28), problems=["交班记录不完整"])
        ledger.item_from_meeting_problem(s, meeting.problems[0].id)
    ctx.write(make)
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    select_text(page, "2026-10-28")
    page.problems.selectRow(0)
    assert page.problems_model.index(0, 2).data() == "待整改"
    assert not page.problem_to_item()
    assert any(kind == "info" and "已转为整改事项" in text for kind, _t, text in answers)
    assert ctx.read(lambda s: len(ledger.list_items(s, source_kind="meeting"))) == 1
