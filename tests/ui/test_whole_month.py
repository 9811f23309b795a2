"""A whole month through the window: meeting → problem → item → in progress → verification → closed,
with the dashboard following each step."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uihelpers import fill, open_form, press_enter, select_text

from qmsdesk import clock
from qmsdesk.ui.main_window import MainWindow


def _save(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()


def test_a_month_from_meeting_to_closed_item_updates_the_dashboard(qtbot, ctx, answers):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.page("dashboard")
    cards = dashboard.cards
    assert cards["meeting"].value.text() == "未召开"
    assert cards["ledger"].value.text() == "逾期 0 项"

    # The dashboard card opens the page that fixes it.
    qtbot.mouseClick(cards["meeting"].button, Qt.MouseButton.LeftButton)
    meetings = window.current_page()
    assert meetings.key == "meetings"

    today = clock.today()
    dialog = open_form(qtbot, meetings)
    fill(qtbot, dialog, kind="质控小组例会", date=today, host_id="王芳", recorder_id="张伟", agenda="本月质量分析")
    press_enter(qtbot, dialog)
    select_text(meetings, "本月质量分析")
    problem = meetings.problem_form()
    fill(qtbot, problem, description="床头跌倒警示标识缺失", category="患者安全")
    _save(qtbot, problem)
    meetings.problems.selectRow(0)
    item = meetings.item_form()
    fill(qtbot, item, responsible_id="王芳", deadline=today + timedelta(days=14))
    _save(qtbot, item)

    window.show_page("dashboard")
    assert cards["meeting"].value.text() == "已召开"
    assert today.isoformat() in cards["meeting"].detail.text()
    assert "未完成 1 项，其中逾期 0 项" in cards["ledger"].detail.text()

    ledger = window.show_page("ledger")
    row = select_text(ledger, "床头跌倒警示标识缺失")
    assert row["source_kind"] == "meeting"
    _save(qtbot, ledger.transition_form(row, "in_progress"))
    _save(qtbot, ledger.transition_form(select_text(ledger, "床头跌倒"), "awaiting_verification"))
    form = ledger.transition_form(select_text(ledger, "床头跌倒"), "closed")
    fill(qtbot, form, verifier_id="张伟", verified_on=today, effect_evaluation="抽查 20 床全部已挂警示标识")
    _save(qtbot, form)
    assert "已销号" in " ".join(str(v) for v in [ledger.proxy.index(0, 0).data()])

    window.show_page("dashboard")
    assert "未完成 0 项，其中逾期 0 项" in cards["ledger"].detail.text()
    assert cards["ledger"].value.text() == "逾期 0 项"
    meetings = window.show_page("meetings")
    select_text(meetings, "本月质量分析")
    assert meetings.problems_model.index(0, 2).data() == "已销号"
