"""Importing the quality group's members: people found on the staff list, the group's rules, all or nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sheet_shapes import excel_sheet, wps_sheet

from qmsdesk.services import group as group_service
from qmsdesk.services import staff as staff_service
from qmsdesk.services.group_import import import_group, preview_group_import, write_group_template
from qmsdesk.services.sheets import ImportRefused

HEADER = ["姓名", "工号", "小组角色", "起始日期", "结束日期"]


@pytest.fixture
def ward(session):
    for name, number, profession in (("陈志强", "1998001", "doctor"), ("赵婷婷", "2001009", "nurse"),
                                     ("贾明辉", "2009010", "nurse"), ("张伟", "2010001", "nurse"),
                                     ("张伟", "2011002", "doctor")):
        staff_service.create_staff(session, name=name, employee_no=number, profession=profession)
    return session


def roles(session) -> set[tuple[str, str, date, date | None]]:
    return {(g.staff.employee_no, g.role, g.start_date, g.end_date)
            for g in group_service.list_members(session, include_past=True)}


def test_members_by_name_or_number_with_their_roles(ward, tmp_path):
    path = excel_sheet(tmp_path / "小组.xlsx", "心血管内科质控小组成员", HEADER, [
        ["陈志强", None, "组长", datetime(2026, 1, 1), None],
        [None, "2001009", "副组长", datetime(2026, 1, 1), None],
        ["贾明辉", "2009010", "质控员", "2026/1/1", None],
        ["张伟", "2010001", "组员", "2026年3月1日", "2026年9月30日"],
    ])
    preview = preview_group_import(ward, path)
    assert preview.ready and preview.added == 4 and roles(ward) == set()
    import_group(ward, path)
    assert roles(ward) == {("1998001", "leader", date(2026, 1, 1), None), ("2001009", "deputy", date(2026, 1, 1), None),
                           ("2009010", "controller", date(2026, 1, 1), None),
                           ("2010001", "member", date(2026, 3, 1), date(2026, 9, 30))}
    again = preview_group_import(ward, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_a_name_two_people_share_is_asked_and_the_answer_picks_the_person(ward, tmp_path):
    path = wps_sheet(tmp_path / "小组.xlsx", "小组成员", HEADER, [["张伟", "", "成员", "2026-02-01", ""]])
    preview = preview_group_import(ward, path)
    [question] = preview.questions
    assert question.row == 3 and "2 位同名人员" in question.prompt
    assert [c.value for c in question.choices] == ["2010001", "2011002"]
    assert "医师" in question.choices[1].label
    with pytest.raises(ImportRefused):
        import_group(ward, path)
    import_group(ward, path, {3: "2011002"})
    assert roles(ward) == {("2011002", "member", date(2026, 2, 1), None)}


def test_the_groups_rules_are_checked_row_by_row_and_nothing_is_written(ward, tmp_path):
    path = excel_sheet(tmp_path / "小组.xlsx", "小组", HEADER, [
        ["陈志强", "1998001", "组长", datetime(2026, 1, 1), None],   # row 4: fine alone
        ["赵婷婷", "2001009", "组长", datetime(2026, 6, 1), None],   # row 5: a second leader at the same time
        ["贾明辉", "2009010", "主任", datetime(2026, 1, 1), None],   # row 6: no such role
        ["刘洋", None, "成员", datetime(2026, 1, 1), None],          # row 7: not on the staff list
        ["陈志强", "2001009", "成员", datetime(2026, 1, 1), None],   # row 8: number and name disagree
        ["张伟", "2010001", "成员", None, None],                     # row 9: no start date
    ])
    preview = preview_group_import(ward, path)
    assert {(p.row, p.column) for p in preview.problems} == {(5, "role"), (6, "role"), (7, "name"), (8, "name"),
                                                               (9, "start_date")}
    messages = {p.row: p.message for p in preview.problems}
    assert messages[5] == "第 5 行“小组角色”：同一时间只能有一位组长。"
    assert "不在人员名单中" in messages[7] and "工号 2001009 在人员名单中是 赵婷婷" in messages[8]
    with pytest.raises(ImportRefused):
        import_group(ward, path)
    assert roles(ward) == set()


def test_ending_the_old_leader_and_starting_the_new_one_in_one_sheet(ward, tmp_path):
    group_service.add_member(ward, staff_id=staff_service.list_staff(ward, search="1998001")[0].id, role="leader",
                             start_date=date(2025, 1, 1))
    path = excel_sheet(tmp_path / "小组.xlsx", "小组", HEADER, [
        ["赵婷婷", "2001009", "组长", datetime(2026, 7, 1), None],   # the new leader first in the sheet
        ["陈志强", "1998001", "组长", datetime(2025, 1, 1), datetime(2026, 6, 30)],
    ])
    preview = preview_group_import(ward, path)
    assert preview.ready and (preview.added, preview.updated) == (1, 1)
    [update] = [r for r in preview.rows if r.action == "update"]
    assert [(c.column, c.old, c.new) for c in update.changes] == [("结束日期", "", "2026-06-30")]
    import_group(ward, path)
    assert ("2001009", "leader", date(2026, 7, 1), None) in roles(ward)


def test_the_template_names_the_roles_and_is_refused_until_its_examples_go(ward, tmp_path):
    path = write_group_template(tmp_path / "模板.xlsx")
    data = load_workbook(path).worksheets[0]
    assert [c.value for c in data[1]] == HEADER
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert validations["C2"] == '"组长,副组长,质控员,成员"'
    assert {p.row for p in preview_group_import(ward, path).problems} == {2, 3}
