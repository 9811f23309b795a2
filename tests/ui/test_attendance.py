"""Attendance sign-in sheet: ticking 出席 / 缺席 / 请假 for a meeting or a training, searched by pinyin initials."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from uihelpers import select_text, table_texts, type_text

from qmsdesk.services import group, meetings, staff, training
from qmsdesk.ui.attendance import AttendanceDialog
from qmsdesk.ui.pages.meetings import MeetingsPage
from qmsdesk.ui.pages.training import TrainingPage


@pytest.fixture
def ward(ctx):
    """王芳 leads the group; 张伟 and 李娜 are staff outside it; one monthly meeting and one training."""
    def make(s):
        people = {p.name: p.id for p in staff.list_staff(s)}
        people["李娜"] = staff.create_staff(s, name="李娜", employee_no="N010", profession="nurse").id
        group.add_member(s, staff_id=people["王芳"], role="leader", start_date=date(2025, 1, 1))
        meeting = meetings.create_meeting(s, kind="group_monthly", date=date(2026, 10, 28), agenda="跌倒专题")
        ts = training.create_training_session(s, topic="输血安全", category="safety_law", hours=2,
                                              date=date(2026, 10, 9))
        return people, meeting.id, ts.id
    people, meeting_id, session_id = ctx.write(make)
    return dict(people=people, meeting=meeting_id, training=session_id)


def _save(qtbot, dialog: AttendanceDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_marking_attendance_changes_the_count_in_the_meetings_table(qtbot, ctx, ward, answers):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    select_text(page, "跌倒专题")
    assert page.attendance_button.isEnabled()
    dialog = page.attendance_form()
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.picker
    picker.set_status("王芳", "present")
    picker.set_status("张伟", "present")
    picker.set_status("李娜", "excused")
    assert "出席 2" in picker.summary.text() and "请假 1" in picker.summary.text()
    _save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert any("跌倒专题" in t and "| 2/3 |" in t for t in table_texts(page)), table_texts(page)

    # Opening again shows the saved marks; 张伟 becomes absent with the keyboard (2), 李娜 is taken off (0).
    again = page.attendance_form()
    qtbot.addWidget(again)
    again.show()
    assert again.picker.status_of("李娜") == "excused"
    view, proxy = again.picker.view, again.picker.proxy
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    view.setFocus()
    view.setCurrentIndex(proxy.index(names.index("张伟"), 0))
    qtbot.keyClick(view, Qt.Key.Key_2)
    view.setCurrentIndex(proxy.index(names.index("李娜"), 0))
    qtbot.keyClick(view, Qt.Key.Key_0)
    _save(qtbot, again)
    assert any("跌倒专题" in t and "| 1/2 |" in t for t in table_texts(page)), table_texts(page)
    assert ctx.read(lambda s: sorted((a.staff.name, a.status) for a in meetings.attendance_of(s, ward["meeting"]))) \
        == [("张伟", "absent"), ("王芳", "present")]


def test_group_members_come_first_and_pinyin_initials_find_a_person(qtbot, ctx, ward):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    select_text(page, "跌倒专题")
    dialog = page.attendance_form()
    qtbot.addWidget(dialog)
    picker = dialog.picker
    assert picker.proxy.index(0, 0).data() == "王芳" and picker.proxy.index(0, 1).data() == "组长"
    type_text(qtbot, picker.search, "ln")
    assert [picker.proxy.index(r, 0).data() for r in range(picker.proxy.rowCount())] == ["李娜"]
    # "all listed present" only marks who the search shows
    qtbot.mouseClick(picker.shown_present, Qt.MouseButton.LeftButton)
    assert picker.status_of("李娜") == "present" and picker.status_of("张伟") is None
    picker.search.clear()
    qtbot.mouseClick(picker.group_present, Qt.MouseButton.LeftButton)
    assert picker.status_of("王芳") == "present" and picker.status_of("张伟") is None


def test_ticking_a_box_in_the_absent_column_replaces_present(qtbot, ctx, ward):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    select_text(page, "跌倒专题")
    dialog = page.attendance_form()
    qtbot.addWidget(dialog)
    model, proxy = dialog.picker.model, dialog.picker.proxy
    dialog.picker.set_status("张伟", "present")
    row = [proxy.index(r, 0).data() for r in range(proxy.rowCount())].index("张伟")
    proxy.setData(proxy.index(row, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.picker.status_of("张伟") == "absent"
    assert proxy.index(row, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.people[[p.name for p in model.people].index("张伟")].status == "absent"


def test_closing_with_unsaved_marks_asks_first(qtbot, ctx, ward, _never_block):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    select_text(page, "跌倒专题")
    dialog = page.attendance_form()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.set_status("张伟", "present")
    dialog.reject()  # the recorder answers "no": the dialog stays open
    assert dialog.isVisible()
    assert any(kind == "question" and "出席情况" in text for kind, _t, text in _never_block)


def test_training_attendance_shows_in_the_sessions_table(qtbot, ctx, ward, answers):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    sessions = page.sessions
    sessions.refresh()
    select_text(sessions, "输血安全")
    dialog = sessions.attendance_form()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.set_status("王芳", "present")
    dialog.picker.set_status("张伟", "present")
    dialog.picker.set_status("李娜", "absent")
    _save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    row = next(t for t in table_texts(sessions) if "输血安全" in t)
    assert "| 2 |" in row


def test_selftest_photographs_the_sign_in_sheets_score_grid_and_person_record(qtbot, unit_db, tmp_path):
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.selftest import run_selftest

    db = open_database(unit_db, actor=current_user())
    with db.session() as s:
        wang = next(p.id for p in staff.list_staff(s) if p.name == "王芳")
        meetings.create_meeting(s, kind="group_monthly", date=date(2026, 10, 28), attendance=[(wang, "present")])
        ts = training.create_training_session(s, topic="输血安全", category="safety_law", hours=2,
                                              date=date(2026, 10, 9), attendance=[wang])
        training.record_scores(s, ts.id, {wang: 90})
    db.close()
    shots = tmp_path / "shots"
    assert run_selftest(unit_db, shots) == []
    names = {p.name for p in shots.glob("dlg-*.png")}
    assert {"dlg-meetings-attendance.png", "dlg-training-training_sessions-attendance.png",
            "dlg-training-training_sessions-scores.png", "dlg-training-assessments-person-record.png"} <= names


def test_enter_in_the_search_box_goes_to_the_person_found_and_keys_mark_them(qtbot, ctx, ward):
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    select_text(page, "跌倒专题")
    dialog = page.attendance_form()
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.picker
    type_text(qtbot, picker.search, "ln")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter in the search box does not save the sheet
    assert picker.proxy.index(picker.view.currentIndex().row(), 0).data() == "李娜"
    qtbot.keyClick(picker.view, Qt.Key.Key_1)
    assert picker.status_of("李娜") == "present"
