"""首次使用设置: from no database to a working first month without typing a person, driven as a head nurse would."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from sheet_shapes import excel_sheet
from uihelpers import fill, press_enter, table_texts

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.services import attendance, dashboard, meetings, plan, staff
from qmsdesk.ui.setup_steps import GROUP, INDICATORS, PLAN, ROSTER, SetupWizard
from qmsdesk.ui.wizard import FirstRunWizard

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅琳雪婷"


def roster_rows(n: int = 30) -> list[list[object]]:
    """A 护理部 roster of n people: the head nurse, nurses of every level, two doctors."""
    rows = []
    for i in range(n):
        doctor = i >= n - 2
        rows.append([SURNAMES[i] + GIVEN[i], f"{2010000 + i}", "男" if i % 7 == 3 else "女",
                     "医师" if doctor else "护士", "主治医师" if doctor else ("副主任护师" if i == 0 else "护师"),
                     None if doctor else f"N{min(4, 4 - i % 5)}", date(2005 + i % 18, 7, 1),
                     f"2010110{i:05d}"])
    return rows


def _open(path):
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    ctx = AppContext()
    ctx.set_database(open_database(path, actor=current_user()))
    ctx.background_loads = False
    return ctx


def _next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


@pytest.fixture
def new_database(qtbot, tmp_path):
    """The unit step of the first run, done through its form."""
    path = tmp_path / "qmsdesk.db"
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(qtbot, wizard, hospital_name="某县人民医院", hospital_code="H001", department_name="心血管内科",
         department_code="CARD", department_type="内科病区")
    press_enter(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    ctx = _open(path)
    yield ctx
    ctx.close()


def test_a_new_database_reaches_a_working_first_month_through_the_setup_without_typing_a_person(
        qtbot, new_database, answers, tmp_path):
    ctx = new_database
    roster = excel_sheet(tmp_path / "护理部名单.xlsx", "心血管内科人员名单",
                         ["姓名", "工号", "性别", "专业类别", "职称", "护士层级", "入职日期", "执业证书号"], roster_rows())
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()

    # 1. the roster, from the workbook 护理部 gave her
    step = wizard.step(ROSTER)
    assert wizard.currentPage() is step and "现有 0 人" in step.count.text()
    dialog = step.import_form()
    qtbot.addWidget(dialog)
    dialog.choose_file(roster)
    assert "将新增 30 人" in dialog.summary.text()
    assert dialog.do_import()
    step.load()
    assert "现有 30 人" in step.count.text()
    _next(qtbot, wizard)

    # 2. the group: a leader, a controller and two members ticked from the list
    step = wizard.step(GROUP)
    assert wizard.currentPage() is step and step.table.rowCount() == 30
    step.choose("2010000", "leader")
    step.choose("2010001", "controller")
    step.choose("2010002", "member")
    step.choose("2010028", "member")
    _next(qtbot, wizard)

    # 3. the indicators the catalogue gives 内科病区, one turned off
    step = wizard.step(INDICATORS)
    assert wizard.currentPage() is step
    chosen = step.chosen()
    assert chosen, "the department type's indicators come ticked"
    step.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    _next(qtbot, wizard)

    # 4. this year's plan with its defaults
    step = wizard.step(PLAN)
    assert wizard.currentPage() is step and str(rules.plan_year(today())) in step.subTitle()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted

    # The first month works: the dashboard counts the chosen indicators, this year has a plan, and a
    # meeting's sign-in sheet starts with the group the setup made.
    glance = ctx.read(dashboard.month_glance)
    assert glance.indicators_applicable == len(chosen) - 1
    view = ctx.read(plan.plan_view, rules.plan_year(today()))
    assert view.exists and len(view.inspections) == 1 and len(view.trainings) == 4
    meeting = ctx.write(meetings.create_meeting, kind="group_monthly", date=today())
    sheet = ctx.read(attendance.meeting_sheet, meeting.id)
    assert [(a.name, a.role) for a in sheet.people[:4]] == [
        ("王芳", "组长"), ("李娜", "质控员"), ("张敏", "成员"), ("邓琳", "成员")]
    assert len(sheet.people) == 30
    assert ctx.read(staff.staff_rows)[0].license_no == "201011000000"


def test_every_step_can_be_skipped_and_nothing_is_written(qtbot, new_database):
    ctx = new_database
    before = ctx.read(dashboard.month_glance).indicators_applicable
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    for key in (ROSTER, GROUP, INDICATORS):
        assert wizard.currentPage() is wizard.step(key)
        wizard.skip()
    assert wizard.currentPage() is wizard.step(PLAN)
    wizard.skip()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert ctx.read(dashboard.month_glance).indicators_applicable == before, "a skipped step wrote nothing"
    assert not ctx.read(plan.plan_view, today().year).exists


def test_each_step_is_reachable_again_from_settings(qtbot, ctx, answers):
    from qmsdesk.ui.pages.settings import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert [b.text() for b in page.setup_buttons.values()] == [
        "导入人员名单…", "质控小组成员与角色…", "本科室适用的质量指标…", "今年的年度质控计划…"]
    wizard = page.setup_form(GROUP)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.windowTitle() == "质控小组成员与角色" and len(wizard.pageIds()) == 1
    wizard.step(GROUP).choose("N000", "leader")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    from qmsdesk.ui.pages.group import GroupPage

    group = GroupPage(ctx)
    qtbot.addWidget(group)
    group.refresh()
    assert any("王芳" in t and "组长" in t for t in table_texts(group))


def test_two_leaders_are_refused_on_the_step_and_it_stays(qtbot, ctx):
    wizard = SetupWizard(ctx, (GROUP,))
    qtbot.addWidget(wizard)
    wizard.show()
    step = wizard.step(GROUP)
    step.choose("N000", "leader")
    step.choose("D001", "leader")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert "只能有一位组长" in step.error.text() and step.error.isVisible()


def test_the_window_opened_on_a_new_database_offers_the_setup_once(qtbot, unit_db):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.main_window import MainWindow
    from qmsdesk.ui.setup_steps import after_first_open

    ctx = AppContext()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    after_first_open(window, ctx)
    seen: list[str] = []

    def close_when_shown() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, SetupWizard):
            seen.append(shown.currentPage().title())
            shown.reject()
        else:
            QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(50, close_when_shown)
    ctx.set_database(open_database(unit_db, actor=current_user()))
    try:
        qtbot.waitUntil(lambda: seen == ["导入人员名单"], timeout=10_000)
    finally:
        ctx.close()


def test_the_plan_step_offers_last_years_plan_and_copies_it(qtbot, ctx):
    year = rules.plan_year(today())
    ctx.write(plan.set_objectives, year - 1, "去年的目标：跌倒发生率下降")
    wizard = SetupWizard(ctx, (PLAN,))
    qtbot.addWidget(wizard)
    wizard.show()
    step = wizard.step(PLAN)
    assert not step.copy.isHidden() and f"{year} 年还没有年度质控计划" in step.year_label.text()
    step.copy.setChecked(True)
    assert not step.objectives.isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert ctx.read(plan.plan_view, year).objectives == "去年的目标：跌倒发生率下降"


def test_the_plan_step_proposes_the_year_being_planned_and_another_can_be_chosen(qtbot, ctx):
    wizard = SetupWizard(ctx, (PLAN,))
    qtbot.addWidget(wizard)
    wizard.show()
    step = wizard.step(PLAN)
    proposed, this_year = rules.plan_year(today()), today().year
    assert step.year.currentData() == proposed and f"{proposed} 年" in step.subTitle()
    other = this_year + 1 if proposed == this_year else this_year
    step.year.setCurrentIndex(step.year.findData(other))
    assert f"{other} 年还没有年度质控计划" in step.year_label.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert ctx.read(plan.plan_view, other).exists and not ctx.read(plan.plan_view, proposed).exists
