"""Importing the staff list from the sheets wards really have: previews, matching, all or nothing, the template."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sheet_shapes import excel_csv_gb18030, excel_csv_utf8, excel_sheet, libreoffice_sheet, wps_sheet
from sqlalchemy import func, select

from qmsdesk.db import models as m
from qmsdesk.services import staff as staff_service
from qmsdesk.services.sheets import ImportRefused
from qmsdesk.services.staff_import import import_staff, preview_staff_import, write_staff_template

HEADER = ["姓名", "工号", "性别", "专业类别", "职称", "护士层级", "入职日期", "执业证书号"]


def staff(session) -> dict[str, m.Staff]:
    return {p.employee_no: p for p in staff_service.list_staff(session)}


def count(session) -> int:
    return session.scalar(select(func.count()).select_from(m.Staff).where(m.Staff.deleted.is_(False)))


def test_an_excel_roster_with_title_rows_imports_every_person(session, tmp_path):
    path = excel_sheet(tmp_path / "护理人员名单.xlsx", "心血管内科护理人员名单", HEADER, [
        ["王芳", "1001", "女", "护士", "主管护师", "N3", datetime(2012, 7, 1), "201211000001"],
        ["李 强", 1002, "男", "医师", "主治医师", None, datetime(2015, 8, 1), None],
        ["阿依古丽·买买提", "1003", "女", "护士", "护师", "N2级", datetime(2019, 9, 1), None],
    ])
    preview = preview_staff_import(session, path)
    assert preview.ready and (preview.added, preview.updated, preview.unchanged) == (3, 0, 0)
    assert preview.header_row == 3 and preview.ignored_columns == ("序号",)
    assert count(session) == 0, "a dry run writes nothing"

    done = import_staff(session, path)
    assert done.applied and done.added == 3
    people = staff(session)
    assert people["1001"].license_no == "201211000001" and people["1001"].gender == "female"
    assert people["1002"].name == "李强" and people["1002"].profession == "doctor"
    assert people["1003"].nursing_level == "N2" and people["1003"].hire_date == date(2019, 9, 1)
    assert people["1002"].pinyin_initials == "lq"


def test_a_wps_sheet_with_text_numbers_text_dates_and_full_width_input(session, tmp_path):
    staff_service.create_staff(session, name="周静", employee_no="00123", profession="nurse")
    path = wps_sheet(tmp_path / "名单.xlsx", "人员名单", HEADER, [
        ["周静", "00123", "女", "护士", "护师", "N1", "2020年9月1日", None],
        ["许　文静", "１００５", "女", "护士", "护师", "n2", "2016/7/1", " 2016 1100 0005 "],
        ["郑慧敏", "1006", "女", "护理", "护师", "N2", "2018.9.1", None],
    ])
    done = import_staff(session, path)
    assert (done.added, done.updated, done.unchanged) == (2, 1, 0)
    people = staff(session)
    assert people["00123"].hire_date == date(2020, 9, 1) and people["00123"].title == "护师"
    assert people["1005"].name == "许文静" and people["1005"].license_no == "201611000005"
    assert people["1005"].hire_date == date(2016, 7, 1) and people["1005"].nursing_level == "N2"
    assert people["1006"].profession == "nurse" and people["1006"].hire_date == date(2018, 9, 1)


def test_a_libreoffice_sheet_with_serial_dates_and_numbers_for_numbers(session, tmp_path):
    staff_service.create_staff(session, name="唐芳", employee_no="00456", profession="pharmacist")
    path = libreoffice_sheet(tmp_path / "lo.xlsx", HEADER, [
        ["唐芳", 456, "女", "药师", "主管药师", None, 41883, None],  # 41883 = 2014-09-01; Excel dropped the zeros
        ["于洋", 2013013, "男", "护士", "主管护师", "N3", 41518.0, 201311000013],
    ])
    done = import_staff(session, path)
    assert (done.added, done.updated) == (1, 1)
    people = staff(session)
    assert set(people) == {"00456", "2013013"}, "456 found the person recorded as 00456: no duplicate"
    assert people["00456"].hire_date == date(2014, 9, 1) and people["00456"].title == "主管药师"
    assert people["2013013"].hire_date == date(2013, 9, 1) and people["2013013"].license_no == "201311000013"


@pytest.mark.parametrize("writer", [excel_csv_utf8, excel_csv_gb18030])
def test_csv_saved_by_excel_in_utf8_with_bom_or_in_gb18030(session, tmp_path, writer):
    path = writer(tmp_path / "名单.csv", "人员名单", HEADER, [
        ["王芳", "1001", "女", "护士", "主管护师", "N3", "2012/7/1", ""],
        ["张喆", "1007", "男", "医师", "住院医师", "", "2023年9月1日", ""],
    ])
    done = import_staff(session, path)
    assert done.added == 2 and done.header_row == 2
    assert staff(session)["1007"].name == "张喆" and staff(session)["1007"].hire_date == date(2023, 9, 1)


def test_importing_again_changes_nothing_and_a_changed_cell_is_shown_before_it_is_written(session, tmp_path):
    rows = [["王芳", "1001", "女", "护士", "护师", "N2", datetime(2012, 7, 1), None],
            ["李强", "1002", "男", "医师", "主治医师", None, datetime(2015, 8, 1), None]]
    path = excel_sheet(tmp_path / "a.xlsx", "名单", HEADER, rows)
    import_staff(session, path)
    again = preview_staff_import(session, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)

    rows[0][4:6] = ["主管护师", "N3"]
    path = excel_sheet(tmp_path / "b.xlsx", "名单", HEADER, rows)
    preview = preview_staff_import(session, path)
    assert (preview.added, preview.updated, preview.unchanged) == (0, 1, 1)
    [changed] = [r for r in preview.rows if r.action == "update"]
    assert changed.row == 4 and [(c.column, c.old, c.new) for c in changed.changes] == [
        ("职称", "护师", "主管护师"), ("护士层级", "N2", "N3")]
    assert staff(session)["1001"].title == "护师", "the preview changed nothing"
    import_staff(session, path)
    assert staff(session)["1001"].title == "主管护师" and count(session) == 2


def test_blank_cells_leave_what_is_recorded_and_people_not_in_the_sheet_are_untouched(session, tmp_path):
    staff_service.create_staff(session, name="王芳", employee_no="1001", profession="nurse", title="主管护师",
                               nursing_level="N3", hire_date=date(2012, 7, 1), license_no="201211000001")
    staff_service.create_staff(session, name="赵婷婷", employee_no="1009", profession="nurse")
    path = excel_sheet(tmp_path / "a.xlsx", "名单", ["姓名", "工号", "性别"], [["王芳", "1001", "女"]])
    done = import_staff(session, path)
    assert done.updated == 1
    person = staff(session)["1001"]
    assert (person.title, person.nursing_level, person.license_no) == ("主管护师", "N3", "201211000001")
    assert person.gender == "female" and "1009" in staff(session)


def test_a_namesake_under_another_number_is_asked_about_never_duplicated(session, tmp_path):
    staff_service.create_staff(session, name="张伟", employee_no="0999", profession="nurse")
    path = excel_sheet(tmp_path / "a.xlsx", "名单", HEADER, [["张 伟", 1023, "男", "护士", "护师", "N2", None, None]])
    preview = preview_staff_import(session, path)
    assert not preview.ready and preview.problems == ()
    [question] = preview.questions
    assert question.row == 4 and "张伟（工号 1023）" in question.prompt
    assert [c.value for c in question.choices] == ["0999", "new"]
    assert "张伟（工号 0999，护士）" in question.choices[0].label
    with pytest.raises(ImportRefused, match="是同一人吗"):
        import_staff(session, path)
    assert count(session) == 1

    same = import_staff(session, path, {4: "0999"})
    assert (same.added, same.updated) == (0, 1)
    assert set(staff(session)) == {"1023"} and staff(session)["1023"].nursing_level == "N2"


def test_a_different_person_of_the_same_name_is_added_when_the_user_says_so(session, tmp_path):
    staff_service.create_staff(session, name="张伟", employee_no="0999", profession="doctor")
    path = excel_sheet(tmp_path / "a.xlsx", "名单", HEADER, [["张伟", "1023", "男", "护士", "护师", None, None, None]])
    done = import_staff(session, path, {"4": "new"})
    assert done.added == 1 and set(staff(session)) == {"0999", "1023"}


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(session, tmp_path):
    staff_service.create_staff(session, name="李强", employee_no="1002", profession="doctor")
    path = excel_sheet(tmp_path / "a.xlsx", "名单", HEADER, [
        ["王芳", "1001", "女", "护士", "主管护师", "N3", datetime(2012, 7, 1), None],   # row 4: fine
        ["", "1003", "女", "护士", None, None, None, None],                           # row 5: no name
        ["陈静", "1004", "未知", "护士", None, "N7", "2019年13月1日", None],            # row 6: three bad cells
        ["李强", "1002", None, None, None, "N2", None, None],                          # row 7: a doctor given N2
        ["刘洋", "1005", "男", None, None, None, None, None],                         # row 8: new, no profession
        ["何斌", "1006", "男", "医师", None, None, datetime(2099, 1, 1), None],        # row 9: hired in the future
        ["王芳", "1001", "女", "护士", None, None, None, None],                         # row 10: number again
        ["孙丽", "1008", "女", "护士", None, None, None, "执业-证书"],                   # row 11: bad licence
    ])
    preview = preview_staff_import(session, path)
    found = {(p.row, p.column) for p in preview.problems}
    assert found == {(5, "name"), (6, "gender"), (6, "nursing_level"), (6, "hire_date"), (7, "nursing_level"),
                     (8, "profession"), (9, "hire_date"), (10, "employee_no"), (11, "license_no")}
    messages = [p.message for p in preview.problems]
    assert "第 6 行“护士层级”：护士层级应为 N0–N4。" in messages
    assert {p.column_label for p in preview.problems if p.row == 6} == {"性别", "护士层级", "入职日期"}
    assert any(t.startswith("第 7 行“护士层级”") and "只适用于护士" in t for t in messages)
    assert any(t.startswith("第 9 行“入职日期”") and "不能晚于今天" in t for t in messages)
    assert any(t.startswith("第 10 行“工号”") and "与第 4 行重复" in t for t in messages)
    with pytest.raises(ImportRefused) as refused:
        import_staff(session, path)
    assert len(refused.value.errors) == len(found)
    assert set(staff(session)) == {"1002"}, "nothing written, not even the good row"


def test_the_template_has_chinese_headers_examples_and_a_sheet_explaining_each_column(session, tmp_path):
    path = write_staff_template(tmp_path / "人员名单模板.xlsx")
    wb = load_workbook(path)
    data, notes = wb.worksheets
    assert data.title == "人员名单" and notes.title == "填写说明"
    assert [c.value for c in data[1]] == HEADER
    examples = list(data.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in examples] == ["示例：王芳", "示例：李强"]
    assert {r[0]: r[2] for r in notes.iter_rows(min_row=2, max_row=9, values_only=True)}["执业证书号"].endswith("不上报质控办。")
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert validations["C2"] == '"男,女"' and validations["F2"] == '"N0,N1,N2,N3,N4"'

    untouched = preview_staff_import(session, path)
    assert [(p.row, p.column) for p in untouched.problems] == [(2, "name"), (3, "name")]
    assert "示例行" in untouched.problems[0].message

    data.delete_rows(2, 2)
    data.append(["周静", "2020020", "女", "护士", "护师", "N1", date(2020, 9, 1), "202011000020"])
    wb.save(path)
    assert import_staff(session, path).added == 1
    assert staff(session)["2020020"].license_no == "202011000020"


def test_files_that_cannot_be_used_say_why(session, tmp_path):
    old = tmp_path / "名单.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    [problem] = preview_staff_import(session, old).problems
    assert problem.row == 0 and "另存为” .xlsx" in problem.message

    no_number = excel_sheet(tmp_path / "a.xlsx", "名单", ["姓名", "科室"], [["王芳", "心内科"]])
    [problem] = preview_staff_import(session, no_number).problems
    assert problem.message == "第 3 行（表头）缺少列“工号”（可用：工号 / 员工号 / 职工号 / 员工编号 / 职工编号 / 人员编号 / 工作证号）。"

    damaged = tmp_path / "坏.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    assert "无法读取工作簿" in preview_staff_import(session, damaged).problems[0].message


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
def test_a_roster_saved_by_libreoffice_itself_as_xlsx_and_as_csv(session, tmp_path):
    """The Excel-shaped roster opened and saved again by LibreOffice Calc: its own xlsx and its own csv."""
    source = excel_sheet(tmp_path / "名单.xlsx", "心血管内科护理人员名单", HEADER, [
        ["王芳", "1001", "女", "护士", "主管护师", "N3", datetime(2012, 7, 1), "201211000001"],
        ["李 强", 1002, "男", "医师", "主治医师", None, datetime(2015, 8, 1), None],
    ])
    profile = tmp_path / "lo-profile"
    converted = {}
    for target, folder in (("xlsx:Calc MS Excel 2007 XML", "xlsx"),
                           ("csv:Text - txt - csv (StarCalc):44,34,76,1", "csv")):
        done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                               target, "--outdir", str(tmp_path / folder), str(source)],
                              capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr
        converted[folder] = tmp_path / folder / f"名单.{folder}"
    for kind, path in converted.items():
        preview = preview_staff_import(session, path)
        assert preview.ready and preview.added == 2 and preview.header_row == 3, (kind, preview.problems)
    import_staff(session, converted["csv"])
    assert preview_staff_import(session, converted["xlsx"]).unchanged == 2
    people = staff(session)
    assert people["1001"].hire_date == date(2012, 7, 1) and people["1002"].name == "李强"
