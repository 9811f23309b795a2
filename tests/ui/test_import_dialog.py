"""导入 dialogs on the staff, group and training pages: real sheets, the dry run a user reads, then the import."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sheet_shapes import excel_csv_gb18030, excel_sheet, wps_sheet
from uihelpers import select_text, table_texts

from qmsdesk.services import staff, training
from qmsdesk.ui.pages.group import GroupPage
from qmsdesk.ui.pages.staff import StaffPage
from qmsdesk.ui.pages.training import TrainingPage

ROSTER_HEADER = ["姓名", "工号", "性别", "专业类别", "职称", "护士层级", "入职日期", "执业证书号"]


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_staff_roster_preview_names_adds_updates_and_unchanged_then_imports_and_the_page_shows_them(
        qtbot, ctx, answers, tmp_path):
    sheet = excel_sheet(tmp_path / "名单.xlsx", "心内科护士名单", ROSTER_HEADER, [
        ["王芳", "N000", "女", "护士", "主任护师", "N4", date(2008, 7, 1), "200811000001"],  # 职称 changes
        ["张伟", "D001", None, None, "主治医师", None, date(2012, 8, 1), None],  # unchanged
        ["李娜", "N101", "女", "护士", "护师", "N2", date(2020, 7, 1), "202011000123"],
        ["赵磊", "N102", "男", "护士", "护士", "N1", date(2023, 8, 1), None],
    ])
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    page.show()  # on screen: a change it shows reloads it at once
    dialog = page.import_form()
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(ctx.changed, wait=100):  # a dry run changes nothing, so no page reloads
        dialog.choose_file(sheet)

    assert "将新增 2 人，更新 1 人，未变 1 人" in dialog.summary.text()
    rows = _cells(dialog.rows_table)
    assert [r[1] for r in rows] == ["更新", "未变", "新增", "新增"]
    assert "职称：副主任护师 → 主任护师" in rows[0][3]
    assert dialog.import_button.isEnabled()
    assert len(ctx.read(staff.staff_rows)) == 2, "a dry run writes nothing"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert ("info", "导入完成", "已导入：新增 2 人，更新 1 人，未变 1 人。") in answers
    texts = table_texts(page)
    assert any("李娜" in t and "N101" in t and "女" in t for t in texts), "the staff page reloaded from the changes"
    assert any("王芳" in t and "主任护师" in t for t in texts)


def test_a_refused_roster_names_every_row_and_column_and_cannot_be_imported(qtbot, ctx, answers, tmp_path):
    sheet = wps_sheet(tmp_path / "wps.xlsx", "名单", ROSTER_HEADER, [
        ["李娜", "N101", "女", "护士", "护师", "N7", "2020年7月1日", None],
        ["赵磊", "N102", "男", None, "护士", None, "2023/13/45", None],
    ])
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    dialog = page.import_form()
    qtbot.addWidget(dialog)
    dialog.choose_file(sheet)
    problems = _cells(dialog.problems_table)
    assert ["3", "护士层级"] == problems[0][:2] and "N0–N4" in problems[0][2]
    assert any(p[:2] == ["4", "入职日期"] for p in problems)
    assert dialog.tabs.currentIndex() == 1, "the problems tab is shown"
    assert not dialog.import_button.isEnabled()
    assert len(ctx.read(staff.staff_rows)) == 2


def test_a_name_two_people_share_is_asked_and_the_answer_imports_the_right_person(qtbot, ctx, answers, tmp_path):
    ctx.write(staff.create_staff, name="王芳", employee_no="N200", profession="nurse")
    session_id = ctx.write(training.create_training_session, topic="心肺复苏", category="skills", hours=2.0,
                           date=date(2026, 10, 12)).id
    sheet = excel_csv_gb18030(tmp_path / "签到.csv", "心肺复苏培训签到", ["姓名", "出勤"],
                              [["王芳", ""], ["张伟", "请假"]])
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.sessions.refresh()
    select_text(page.sessions, "心肺复苏")
    dialog = page.sessions.import_attendance_form()
    qtbot.addWidget(dialog)
    assert "心肺复苏" in dialog.findChild(type(dialog.summary), "training").text()
    dialog.choose_file(sheet)
    assert "1 行需要确认是哪一位人员" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    box = dialog.question_boxes[3]
    assert any("N200" in box.itemText(i) for i in range(box.count()))
    box.setCurrentIndex(next(i for i in range(box.count()) if box.itemData(i) == "N200"))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.questions_box.isHidden()
    assert dialog.do_import()
    page.sessions.refresh()
    row = select_text(page.sessions, "心肺复苏")
    assert row["id"] == session_id and row["present"] == 1, "王芳 (N200) present, 张伟 excused"


def test_group_members_and_standalone_scores_import_from_their_pages(qtbot, ctx, answers, tmp_path):
    members = excel_sheet(tmp_path / "小组.xlsx", "质控小组", ["姓名", "小组角色", "起始日期"],
                          [["王芳", "组长", date(2026, 1, 1)], ["张伟", "组员", date(2026, 1, 1)]])
    group = GroupPage(ctx)
    qtbot.addWidget(group)
    group.show()
    dialog = group.import_form()
    qtbot.addWidget(dialog)
    dialog.choose_file(members)
    assert "将新增 2 条任职" in dialog.summary.text()
    assert dialog.do_import()
    assert any("王芳" in t and "组长" in t for t in table_texts(group))

    scores = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "总分", "考试日期", "试卷名称"],
                         [["王芳", 92, date(2026, 10, 20), "院感理论"], ["张伟", 70, date(2026, 10, 20), "院感理论"]])
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    dialog = page.assessments.import_form()
    qtbot.addWidget(dialog)
    dialog.choose_file(scores)
    assert "将新增 2 条成绩" in dialog.summary.text()
    assert dialog.do_import()
    page.assessments.refresh()
    assert any("张伟" in t and "院感理论" in t for t in table_texts(page.assessments))


def test_the_template_button_writes_the_chinese_template(qtbot, ctx, answers, tmp_path):
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    dialog = page.import_form()
    qtbot.addWidget(dialog)
    written = dialog.save_template(tmp_path / "模板.xlsx")
    header = [c.value for c in next(load_workbook(written).active.iter_rows(max_row=1))]
    assert header[:2] == ["姓名", "工号"] and "执业证书号" in header
    assert any(kind == "info" and "模板已保存" in title for kind, title, _t in answers)
