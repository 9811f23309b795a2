"""Printing from the pages: sign-in sheets and minutes on 会议记录, sign-in sheets and training records on 培训考核,
the roster with duties on 质控小组 — each PDF read back for the names a group signs beside."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qmsdesk.services import group, meetings, training
from qmsdesk.services.staff import people
from qmsdesk.ui import printing
from tests.ui.uihelpers import fill, open_form, select_text, table_texts


def _text(path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages))


@pytest.fixture
def save_to(tmp_path, monkeypatch):
    """Where the save dialog "chooses" to save; the offer to open the folder is recorded (answered no)."""
    out = tmp_path / "printout.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a: out)
    return out


@pytest.fixture
def ids(ctx):
    return {p.name: p.id for p in ctx.read(people)}


def test_a_meetings_sign_in_sheet_and_minutes_name_who_was_there(qtbot, ctx, ids, save_to, _never_block):
    from qmsdesk.ui.pages.meetings import MeetingsPage

    ctx.write(meetings.create_meeting, kind="group_monthly", date=date(2026, 3, 25), place="示教室",
              host_id=ids["张伟"], agenda="跌倒防范", attendance=[(ids["张伟"], "present"), (ids["王芳"], "excused")])
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    select_text(page, "2026-03-25")
    actions = {a.objectName(): a for a in page.print_button.menu().actions()}
    assert actions["print-signin"].isEnabled() and actions["print-minutes"].isEnabled()

    actions["print-signin"].trigger()
    text = _text(save_to)
    assert "签到表" in text and "张伟" in text and "王芳" in text and "签名" in text and "示教室" in text
    assert any(kind == "question" and str(save_to) in message for kind, _t, message in _never_block)  # folder offered

    actions["print-minutes"].trigger()
    text = _text(save_to)
    assert "会议记录" in text and "出席（1人）：张伟" in text and "请假（1人）：王芳" in text


def test_a_sign_in_sheet_for_a_meeting_still_to_be_held_lists_that_days_members(qtbot, ctx, ids, save_to,
                                                                                 monkeypatch):
    from qmsdesk.ui.pages.meetings import MeetingsPage

    ctx.write(group.add_member, staff_id=ids["王芳"], role="leader", start_date=date(2025, 1, 1))
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    dialog = page.planned_signin_form()
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, date=date(2026, 4, 28), place="护士站")
    monkeypatch.setattr(page, "planned_signin_form", lambda: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: (dialog.try_save(), dialog.result())[1])
    assert page.print_planned_signin() == save_to
    text = _text(save_to)
    assert "质控小组例会签到表" in text and "2026-04-28" in text and "王芳" in text and "张伟" not in text


def test_a_training_sessions_sign_in_sheet_and_record_with_scores(qtbot, ctx, ids, save_to):
    from qmsdesk.services.training import create_assessment
    from qmsdesk.ui.pages.training import TrainingSessionsList

    session = ctx.write(training.create_training_session, topic="心肺复苏", category="skills", hours=2,
                        date=date(2026, 3, 12), trainer="王芳")
    ctx.write(training.set_training_attendance, session.id, [(ids["王芳"], "present"), (ids["张伟"], "absent")])
    ctx.write(create_assessment, staff_id=ids["王芳"], kind="practical", subject="心肺复苏操作", date=date(2026, 3, 12),
              score=92, pass_mark=80, session_id=session.id)
    page = TrainingSessionsList(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    select_text(page, "心肺复苏")
    page.print_signin()
    text = _text(save_to)
    assert "培训签到表" in text and "心肺复苏" in text and "王芳" in text and "张伟" in text
    page.print_record()
    text = _text(save_to)
    assert "培训记录" in text and "心肺复苏操作" in text and "92" in text


def test_the_roster_shows_posts_and_duties_and_prints_them_with_a_signature_column(qtbot, ctx, ids, save_to):
    from qmsdesk.ui.pages.group import GroupPage

    page = GroupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, staff_id="王芳", role="组长", duty_title="护士长", duties="负责护理质量检查与培训考核",
         start_date=date(2025, 1, 1))
    dialog.widgets["staff_id"].completer().popup().hide()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    line = table_texts(page)[0]
    assert "护士长" in line and "负责护理质量检查与培训考核" in line

    page.print_roster()
    text = _text(save_to)
    assert "小组成员及职责" in text and "王芳" in text and "护士长" in text and "负责护理质量检查与培训考核" in text
    assert "本人签名" in text
