"""`qmsdesk staff|group template/import` and `qmsdesk training import-scores|import-attendance` as a user runs them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sheet_shapes import excel_csv_gb18030, excel_sheet

from qmsdesk.cli import main
from qmsdesk.services import staff as staff_service
from qmsdesk.services import training


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def ward(db, db_path):
    with db.session() as s:
        staff_service.create_staff(s, name="王芳", employee_no="1001", profession="nurse", title="护师")
        staff_service.create_staff(s, name="张伟", employee_no="0999", profession="nurse")
        training.create_training_session(s, topic="心肺复苏复训", category="skills", hours=2, date=date(2026, 10, 12))
    return str(db_path)


def staff_numbers(db) -> set[str]:
    with db.session() as s:
        return {p.employee_no for p in staff_service.list_staff(s)}


def test_staff_template_then_import_with_a_dry_run_first(ward, db, tmp_path, capsys):
    out_file = tmp_path / "人员模板.xlsx"
    code, out, _ = run(capsys, "staff", "template", "--out", out_file)
    assert code == 0 and "已生成导入模板" in out
    wb = load_workbook(out_file)
    ws = wb.worksheets[0]
    ws.delete_rows(2, 2)
    ws.append(["王芳", "1001", "女", "护士", "主管护师", "N3", date(2012, 7, 1), None])
    ws.append(["李强", "1002", "男", "医师", "主治医师", None, date(2015, 8, 1), None])
    ws.append(["周静", "1003", "女", "护士", "护师", "N1", date(2020, 9, 1), None])
    wb.save(out_file)

    code, out, _ = run(capsys, "staff", "import", out_file, "--dry-run", "--db", ward)
    assert code == 0
    assert "试运行（未写入）：将新增 2 人，更新 1 人，未变 0 人。" in out
    assert "更新  第 2 行  王芳（工号 1001，护士，护师）：性别 （空） → 女；职称 护师 → 主管护师" in out
    assert staff_numbers(db) == {"1001", "0999"}

    code, out, _ = run(capsys, "staff", "import", out_file, "--db", ward)
    assert code == 0 and "已导入：新增 2 人，更新 1 人，未变 0 人。" in out
    assert staff_numbers(db) == {"0999", "1001", "1002", "1003"}
    code, out, _ = run(capsys, "staff", "import", out_file, "--dry-run", "--db", ward)
    assert "将新增 0 人，更新 0 人，未变 3 人" in out


def test_a_question_stops_the_import_until_match_answers_it(ward, db, tmp_path, capsys):
    path = excel_sheet(tmp_path / "名单.xlsx", "名单", ["姓名", "工号", "专业类别"], [["张伟", 1023, "护士"]])
    code, _out, err = run(capsys, "staff", "import", path, "--db", ward)
    assert code == 2
    assert "第 4 行 张伟（工号 1023）：人员名单中已有同名人员，工号不同。是同一人吗？" in err
    assert "--match 4=0999" in err and "--match 4=new" in err and "没有写入任何数据。" in err
    assert staff_numbers(db) == {"1001", "0999"}
    code, out, _ = run(capsys, "staff", "import", path, "--match", "4=new", "--db", ward)
    assert code == 0 and "新增 1 人" in out
    assert staff_numbers(db) == {"1001", "0999", "1023"}
    code, _out, err = run(capsys, "staff", "import", path, "--match", "four=new", "--db", ward)
    assert code == 2 and "--match 应写成 行号=工号" in err


def test_problems_are_listed_by_row_and_column_with_exit_2(ward, db, tmp_path, capsys):
    path = excel_sheet(tmp_path / "名单.xlsx", "名单", ["姓名", "工号", "专业类别", "入职日期"], [
        ["刘洋", "1005", "护工", datetime(2020, 1, 1)], ["", "1006", "护士", "昨天"]])
    code, out, err = run(capsys, "staff", "import", path, "--dry-run", "--db", ward)
    assert code == 2 and out == ""
    assert "第 4 行“专业类别”：专业类别应为：医师、护士、技师、药师、其他。" in err
    assert "第 5 行“姓名”：请填写姓名。" in err and "第 5 行“入职日期”：“昨天”不是日期" in err


def test_group_import_from_the_command_line(ward, db, tmp_path, capsys):
    path = excel_sheet(tmp_path / "小组.xlsx", "小组", ["姓名", "小组角色", "起始日期"],
                       [["王芳", "质控员", datetime(2026, 1, 1)]])
    code, out, _ = run(capsys, "group", "template", "--out", tmp_path / "g.xlsx")
    assert code == 0
    code, out, _ = run(capsys, "group", "import", path, "--db", ward)
    assert code == 0 and "新增 1 条任职" in out


def test_attendance_and_scores_for_a_session_named_by_its_date(ward, db, tmp_path, capsys):
    sheet = excel_csv_gb18030(tmp_path / "签到.csv", "签到表", ["姓名", "签到"], [["王芳", "√"], ["张伟", "请假"]])
    code, out, err = run(capsys, "training", "import-attendance", sheet, "--session", "2026-10-12", "--dry-run",
                         "--db", ward)
    assert code == 0, err
    assert "培训：2026-10-12 心肺复苏复训" in out and "将新增 2 人，更新 0 人，未变 0 人" in out
    code, out, _ = run(capsys, "training", "import-attendance", sheet, "--session", "2026-10-12", "--db", ward)
    assert code == 0 and "已导入：新增 2 人" in out

    scores = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩"], [["王芳", 91], ["张伟", 78]])
    code, out, _ = run(capsys, "training", "import-scores", scores, "--session", "2026-10-12", "--db", ward)
    assert code == 0 and "已导入：新增 2 条成绩" in out
    with db.session() as s:
        assert sorted((a.subject, a.score) for a in training.list_assessments(s)) == [
            ("心肺复苏复训", 78), ("心肺复苏复训", 91)]

    code, _out, err = run(capsys, "training", "import-attendance", sheet, "--session", "2026-10-13", "--db", ward)
    assert code == 2 and "2026-10-13 没有培训记录" in err


def test_standalone_scores_take_subject_and_date_from_the_options(ward, db, tmp_path, capsys):
    scores = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["工号", "总分"], [["1001", 88]])
    code, _out, err = run(capsys, "training", "import-scores", scores, "--db", ward)
    assert code == 2 and "考核日期" in err and "考核内容" in err
    code, out, _ = run(capsys, "training", "import-scores", scores, "--subject", "三基理论", "--date", "2026-11-02",
                       "--kind", "操作", "--db", ward)
    assert code == 0
    with db.session() as s:
        [a] = training.list_assessments(s)
        assert (a.subject, a.date, a.kind, a.session_id) == ("三基理论", date(2026, 11, 2), "practical", None)
    code, out, _ = run(capsys, "training", "sessions", "--period", "2026-10", "--db", ward)
    assert "心肺复苏复训" in out and "共 1 次培训" in out


def test_english_messages(ward, tmp_path, capsys):
    path = excel_sheet(tmp_path / "a.xlsx", "list", ["姓名", "工号"], [["王芳", "1001"]])
    code, out, _ = run(capsys, "--lang", "en", "staff", "import", path, "--dry-run", "--db", ward)
    assert code == 0 and "Dry run (nothing written): 0 new, 0 updated, 1 unchanged people." in out
