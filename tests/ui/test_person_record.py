"""个人培训档案: a person's hours, the safety/law rule flagged in words, assessments with retakes, authorisations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from uihelpers import select_text, type_text

from qmsdesk.clock import today
from qmsdesk.services import authorisations, staff, training
from qmsdesk.ui.pages.training import TrainingPage
from qmsdesk.ui.person_record import EXPIRING_BACKGROUND, PersonRecordView


@pytest.fixture
def wang(ctx):
    """王芳 this year: one safety/law training (2 h), one skills training (3 h), a failed exam and its retake,
    an authorisation expiring in 10 days and one that expired last year."""
    start = today().replace(month=1, day=1)

    def make(s):
        wang = next(p for p in staff.list_staff(s) if p.name == "王芳")
        training.create_training_session(s, topic="医疗纠纷防范", category="safety_law", hours=2, date=start,
                                         attendance=[wang.id])
        training.create_training_session(s, topic="静脉输液技术", category="skills", hours=3, date=start,
                                         attendance=[wang.id])
        first = training.create_assessment(s, staff_id=wang.id, kind="theory", subject="核心制度", date=start, score=70)
        training.retake(s, first.id, date=start, score=85)
        authorisations.grant_authorisation(s, staff_id=wang.id, item="PICC置管", granted_on=start,
                                           expires_on=today() + timedelta(days=10))
        authorisations.grant_authorisation(s, staff_id=wang.id, item="静脉治疗", granted_on=start.replace(year=start.year - 3),
                                           expires_on=start.replace(year=start.year - 1))
        return wang.id
    return ctx.write(make)


def texts(model) -> list[str]:
    return [" | ".join(model.index(r, c).data() or "" for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_hours_and_too_few_safety_trainings_are_shown_in_words_and_red(qtbot, ctx, wang):
    view = PersonRecordView(ctx, wang)
    qtbot.addWidget(view)
    assert "王芳" in view.heading.text() and str(today().year) in view.heading.text()
    assert view.hours.text().startswith("5 学时（参加培训 2 次）")
    assert "1 次" in view.safety.text() and "不足 2 次" in view.safety.text()
    assert "#c62828" in view.safety.styleSheet()
    assert view.assessed.text() == "通过 1 项；不合格 1 次；待补考 0 项"
    assessments = texts(view.assessment_model)
    assert any("70 | 不合格 | 已补考" in t and "85 分，合格" in t for t in assessments), assessments
    assert any("85 | 合格 | 补考（原考核" in t for t in assessments), assessments


def test_a_second_safety_training_meets_the_rule(qtbot, ctx, wang):
    ctx.write(lambda s: training.create_training_session(
        s, topic="患者安全目标", category="safety_law", hours=1, date=today().replace(month=1, day=1),
        attendance=[wang]))
    view = PersonRecordView(ctx, wang)
    qtbot.addWidget(view)
    assert "2 次" in view.safety.text() and "已达到" in view.safety.text()
    assert "#2e7d32" in view.safety.styleSheet()


def test_authorisations_expiring_within_30_days_stand_out_with_text(qtbot, ctx, wang):
    view = PersonRecordView(ctx, wang)
    qtbot.addWidget(view)
    rows = texts(view.authorisation_model)
    picc = next(i for i, t in enumerate(rows) if "PICC置管" in t)
    assert "30 天内到期（还剩 10 天）" in rows[picc]
    background = view.authorisation_model.index(picc, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == EXPIRING_BACKGROUND
    assert any("静脉治疗" in t and "已过期" in t for t in rows), rows
    assert "1 项 30 天内到期" in view.authorised.text() and "1 项已过期" in view.authorised.text()


def test_picking_another_person_shows_their_record(qtbot, ctx, wang):
    view = PersonRecordView(ctx)
    qtbot.addWidget(view)
    assert "请先选择" in view.heading.text()
    view.picker.set_value(wang)
    assert "王芳" in view.heading.text()
    zhang = ctx.read(lambda s: next(p.id for p in staff.list_staff(s) if p.name == "张伟"))
    view.picker.set_value(zhang)
    assert "张伟" in view.heading.text()
    assert view.hours.text().startswith("0 学时") and "不足 2 次" in view.safety.text()
    assert view.assessed.text() == "本年没有考核记录。" and view.authorised.text() == "没有授权记录。"


def test_the_assessments_tab_opens_the_record_of_the_selected_person(qtbot, ctx, wang, answers):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.assessments)
    page.assessments.refresh()
    select_text(page.assessments, "核心制度 | 70")
    dialog = page.assessments.person_record_form()
    qtbot.addWidget(dialog)
    assert "王芳" in dialog.view.heading.text() and "不足 2 次" in dialog.view.safety.text()


def test_the_record_tab_follows_new_training(qtbot, ctx, wang):
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.person_record)
    page.person_record.set_person(wang)
    assert "1 次" in page.person_record.safety.text()
    ctx.write(lambda s: training.create_training_session(
        s, topic="患者安全目标", category="safety_law", hours=1, date=today().replace(month=1, day=1),
        attendance=[wang]))
    assert "2 次" in page.person_record.safety.text() and page.person_record.hours.text().startswith("6 学时")


def test_with_nobody_chosen_the_people_short_of_safety_training_are_one_click_away(qtbot, ctx, wang):
    view = PersonRecordView(ctx)
    qtbot.addWidget(view)
    assert "不足 2 次的人员" in view.safety.text() and "王芳" in view.safety.text() and "张伟" in view.safety.text()
    view.safety.linkActivated.emit(str(wang))
    assert "王芳" in view.heading.text() and view.hours.text().startswith("5 学时")


def test_typing_a_full_name_and_enter_opens_that_record(qtbot, ctx, wang):
    view = PersonRecordView(ctx)
    qtbot.addWidget(view)
    view.show()
    type_text(qtbot, view.picker.lineEdit(), "张伟")
    qtbot.keyClick(view.picker.lineEdit(), Qt.Key.Key_Return)
    assert "张伟" in view.heading.text()
