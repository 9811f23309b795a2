"""年度计划 page: planning a year item by item through the forms, and seeing each planned item beside what was done."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qmsdesk.periods import Period
from qmsdesk.services import plan as plan_svc
from qmsdesk.services import training as training_svc
from tests.ui.uihelpers import crud_roundtrip, fill, open_form, press_enter, select_text, table_texts

YEAR = 2025  # a year that has ended: every planned month is due
ON = date(2026, 1, 15)


@pytest.fixture
def page(qtbot, ctx):
    from qmsdesk.ui.pages.plan import PlanPage

    p = PlanPage(ctx, today=ON)
    qtbot.addWidget(p)
    p.show()
    p.show_year(YEAR)
    return p


def _tab(page, key):
    sub = next(s for s in page.lists if s.key == key)
    page.tabs.setCurrentWidget(sub)
    return sub


def test_a_year_without_a_plan_says_how_to_start(page):
    assert "还没有年度质控计划" in page.summary.text()
    goals = _tab(page, "plan_goals")
    assert goals.proxy.rowCount() > 10  # the catalogue's targets are the goals until the group sets its own
    assert all("目录" in t for t in table_texts(goals))


def test_a_planned_training_is_not_held_until_a_session_of_its_topic_is_recorded(qtbot, page, ctx):
    trainings = _tab(page, "plan_trainings")
    dialog = open_form(qtbot, trainings)
    fill(qtbot, dialog, month="3月", topic="心肺复苏", category="操作技能", audience="护士")
    press_enter(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    assert "心肺复苏" in table_texts(trainings)[0] and "未开展" in table_texts(trainings)[0]
    assert "培训 0/1 项已开展" in page.summary.text()

    ctx.write(training_svc.create_training_session, topic="心肺复苏（操作考核）", category="skills", hours=2,
              date=date(YEAR, 3, 12))
    assert "已开展" in table_texts(trainings)[0] and "2025-03-12" in table_texts(trainings)[0]
    assert "培训 1/1 项已开展" in page.summary.text()


def test_focus_themes_inspections_and_pdca_themes_are_added_edited_deleted_and_restored(qtbot, page, answers):
    crud_roundtrip(qtbot, _tab(page, "plan_focus"), add=dict(month="4月", theme="危急值报告"), shown="危急值报告",
                   edit=dict(theme="危急值报告制度执行"), edited="危急值报告制度执行")
    crud_roundtrip(qtbot, _tab(page, "plan_inspections"),
                   add=dict(title="护理文书质量自查", frequency="每季度"), shown="护理文书质量自查",
                   edit=dict(responsible="护理质控员"), edited="护理质控员")
    crud_roundtrip(qtbot, _tab(page, "plan_pdca"), add=dict(theme="降低跌倒发生率", start_month="5月"),
                   shown="降低跌倒发生率", edit=dict(theme="降低住院患者跌倒发生率"), edited="降低住院患者跌倒发生率")


def test_an_inspection_plan_shows_the_quarters_missed(qtbot, page, ctx):
    ctx.write(plan_svc.add_inspection, YEAR, title="护理文书质量自查", frequency="quarterly")
    inspections = _tab(page, "plan_inspections")
    line = table_texts(inspections)[0]
    assert "0/4" in line and "有未完成" in line and "1–3月" in line


def test_the_groups_own_goal_replaces_the_catalogue_target_and_can_be_reset(qtbot, page):
    goals = _tab(page, "plan_goals")
    row = select_text(goals, "NUR-FALL")
    dialog = open_form(qtbot, goals, row)
    fill(qtbot, dialog, goal="0.05")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    line = next(t for t in table_texts(goals) if "NUR-FALL" in t)
    assert "≤0.05‰" in line and "科室自定" in line
    select_text(goals, "NUR-FALL")
    assert goals.reset_button.isEnabled()
    assert goals.reset_selected()
    line = next(t for t in table_texts(goals) if "NUR-FALL" in t)
    assert "≤0.05‰" not in line and "科室自定" not in line


def test_a_plan_item_finding_of_the_months_check_opens_that_item(qtbot, ctx):
    from qmsdesk.ui.main_window import MainWindow

    ctx.write(plan_svc.add_focus, YEAR, month=2, theme="跌倒预防")
    item = ctx.write(plan_svc.add_training, YEAR, month=3, topic="输血安全", category="safety_law", hours=1.5)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.open_record("plan_item", str(item.id), Period(YEAR, 3))
    assert page.key == "plan" and page.year() == YEAR
    assert page.tabs.currentWidget().key == "plan_trainings"
    assert page.tabs.currentWidget().selected_row()["topic"] == "输血安全"


def test_a_planned_trainings_sign_in_sheet_lists_the_people_it_is_for(qtbot, page, ctx, tmp_path, monkeypatch):
    from qmsdesk.ui import printing

    ctx.write(plan_svc.add_training, YEAR, month=6, topic="静脉治疗护理", category="skills", hours=1, audience="护士")
    trainings = _tab(page, "plan_trainings")
    select_text(trainings, "静脉治疗护理")
    out = tmp_path / "签到表.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a: out)
    assert trainings.print_signin() == out
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert "培训签到表" in text and "静脉治疗护理" in text
    assert "王芳" in text and "张伟" not in text  # for nurses: the doctor is not expected
