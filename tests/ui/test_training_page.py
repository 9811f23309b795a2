"""培训考核 page: a training session and an assessment through their forms."""

from __future__ import annotations

from datetime import date

from uihelpers import crud_roundtrip, open_form

from qmsdesk.ui.pages.training import TrainingPage


def test_add_edit_delete_and_undo_a_training_session(qtbot, ctx, answers):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page.sessions,
                   add=dict(topic="输血安全", category="法律法规/医疗安全", hours="2", date=date(2026, 10, 9), trainer="王芳"),
                   shown="输血安全", edit=dict(topic="输血安全与核对"), edited="输血安全与核对")


def test_add_edit_delete_and_undo_an_assessment(qtbot, ctx, answers):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.assessments)
    crud_roundtrip(qtbot, page.assessments,
                   add=dict(staff_id="王芳", kind="操作考核", subject="心肺复苏", date=date(2026, 10, 9), score="92"),
                   shown="心肺复苏 | 92 | 合格", edit=dict(score="70"), edited="心肺复苏 | 70 | 不合格")


def test_training_hours_cannot_be_typed_below_half_an_hour(qtbot, ctx, answers):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    dialog = open_form(qtbot, page.sessions)
    hours = dialog.widgets["hours"]
    hours.lineEdit().selectAll()
    qtbot.keyClicks(hours.lineEdit(), "0")
    hours.interpretText()
    assert dialog.values()["hours"] >= 0.5
