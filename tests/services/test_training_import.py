"""Importing a session's sign-in sheet and exam scores (exam platforms, 问卷星): retakes, re-imports, the month lock."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sheet_shapes import excel_csv_gb18030, excel_sheet, wps_sheet

from qmsdesk.analytics import derived
from qmsdesk.errors import ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import staff as staff_service
from qmsdesk.services import submission, training
from qmsdesk.services.sheets import ImportRefused
from qmsdesk.services.training_import import (
    find_training_session,
    import_attendance,
    import_scores,
    preview_attendance_import,
    preview_scores_import,
    score_defaults,
    write_scores_template,
)

CPR = date(2026, 10, 12)


@pytest.fixture
def ward(session):
    people = {}
    for name, number in (("王芳", "1001"), ("李娜", "1002"), ("周静", "1003"), ("许文静", "1004"), ("张伟", "1005"),
                         ("张伟", "1006")):
        people[number] = staff_service.create_staff(session, name=name, employee_no=number, profession="nurse").id
    lecture = training.create_training_session(session, topic="心肺复苏（CPR）复训", category="skills", hours=2, date=CPR,
                                               attendance=[(people["1001"], "present"), (people["1004"], "absent")])
    return session, people, lecture


def attendance_of(session, lecture) -> dict[str, str]:
    return {a.staff.employee_no: a.status for a in training.training_attendance_of(session, lecture.id)}


def scores_of(session) -> list[tuple[str, str, date, float, bool]]:
    return [(a.staff.employee_no, a.subject, a.date, a.score, a.retake_of_id is not None)
            for a in training.list_assessments(session)]


# --- attendance -----------------------------------------------------------------------------------

def test_a_sign_in_sheet_adds_the_people_on_it_and_keeps_those_already_recorded(ward, tmp_path):
    s, people, lecture = ward
    path = excel_csv_gb18030(tmp_path / "签到表.csv", "心肺复苏复训签到表", ["姓名", "工号", "签到"], [
        ["王芳", "1001", "√"],       # already present: unchanged
        ["李娜", "", ""],            # a name on the sheet with no mark signed in
        ["周静", "1003", "请假"],
        ["许文静", "1004", "已签到"],  # recorded absent: now present
    ])
    preview = preview_attendance_import(s, path, lecture)
    assert preview.ready and (preview.added, preview.updated, preview.unchanged) == (2, 1, 1)
    [update] = [r for r in preview.rows if r.action == "update"]
    assert update.row == 6 and [(c.old, c.new) for c in update.changes] == [("缺席", "出席")]
    assert attendance_of(s, lecture) == {"1001": "present", "1004": "absent"}
    import_attendance(s, path, lecture)
    assert attendance_of(s, lecture) == {"1001": "present", "1002": "present", "1003": "excused", "1004": "present"}
    assert preview_attendance_import(s, path, lecture).unchanged == 4


def test_an_unknown_mark_a_stranger_and_a_shared_name_are_all_reported(ward, tmp_path):
    s, people, lecture = ward
    path = wps_sheet(tmp_path / "签到.xlsx", "签到表", ["序号", "姓名", "出勤"], [
        [1, "李娜", "迟到"], [2, "刘洋", "出席"], [3, "张伟", "出席"], [4, "李娜", "出席"]])
    preview = preview_attendance_import(s, path, lecture)
    assert {(p.row, p.column) for p in preview.problems} == {(3, "status"), (4, "name"), (6, "name")}
    assert "与第 3 行重复" in preview.problems[-1].message
    [question] = preview.questions
    assert question.row == 5 and [c.value for c in question.choices] == ["1005", "1006"]
    with pytest.raises(ImportRefused):
        import_attendance(s, path, lecture)
    assert attendance_of(s, lecture) == {"1001": "present", "1004": "absent"}


def test_a_submitted_month_refuses_the_sign_in_sheet_with_the_way_out(ward, tmp_path):
    s, people, lecture = ward
    submission.submit_month(s, Period(2026, 10))
    path = excel_sheet(tmp_path / "签到.xlsx", "签到表", ["姓名", "工号"], [["李娜", "1002"]])
    [problem] = preview_attendance_import(s, path, lecture).problems
    assert problem.row == 0 and "2026-10 已于" in problem.message and "申请更正" in problem.message


def test_the_session_is_found_by_date_and_topic(ward):
    s, people, lecture = ward
    training.create_training_session(s, topic="院感防控", category="infection_control", hours=1, date=CPR)
    with pytest.raises(ValidationError, match="有 2 次培训"):
        find_training_session(s, on=CPR)
    assert find_training_session(s, on=CPR, topic="心肺复苏").id == lecture.id
    with pytest.raises(ValidationError, match="没有培训记录"):
        find_training_session(s, on=date(2026, 10, 13))


# --- scores ---------------------------------------------------------------------------------------

def wjx_export(path, rows) -> None:
    """问卷星's 'download answers' sheet: numbered questions with colons, 总分, the submission time as text."""
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "总分", "1、姓名：", "2、工号："])
    for n, (when, score, name, number) in enumerate(rows, start=1):
        ws.append([n, when, "512秒", "微信", "N/A", "10.1.2.3(内网)", score, name, number])
    wb.save(path)


def test_a_wjx_export_imports_as_standalone_scores(ward, tmp_path):
    s, people, _lecture = ward
    path = tmp_path / "问卷星.xlsx"
    wjx_export(path, [("2026/10/20 10:23:45", 92, "王芳", "1001"), ("2026/10/20 10:31:02", "76", "李娜", None),
                      ("2026/10/20 11:02:13", 88.5, "周静 ", "１００３")])
    defaults = score_defaults(subject="护理核心制度理论考试")
    preview = preview_scores_import(s, path, defaults)
    assert preview.ready and preview.added == 3
    assert set(preview.ignored_columns) == {"序号", "所用时间", "来源", "来源详情", "来自IP"}
    import_scores(s, path, defaults)
    assert scores_of(s) == [("1001", "护理核心制度理论考试", date(2026, 10, 20), 92, False),
                            ("1002", "护理核心制度理论考试", date(2026, 10, 20), 76, False),
                            ("1003", "护理核心制度理论考试", date(2026, 10, 20), 88.5, False)]
    assert preview_scores_import(s, path, defaults).unchanged == 3, "a second import adds nothing"


def test_a_retake_sheet_is_linked_to_the_failed_attempt_and_counts_the_person_once(ward, tmp_path):
    s, people, lecture = ward
    header = ["考生姓名", "工号", "考试名称", "得分", "考试时间"]
    first = excel_sheet(tmp_path / "成绩.xlsx", "2026年10月心肺复苏考核成绩单", header, [
        ["王芳", "1001", "心肺复苏考核", 90, datetime(2026, 10, 12)],
        ["李娜", "1002", "心肺复苏考核", 72, datetime(2026, 10, 12)],
    ])
    import_scores(s, first, score_defaults(lecture))
    retake = excel_sheet(tmp_path / "补考.xlsx", "补考成绩单", header, [
        ["李娜", "1002", "心肺复苏考核（补考）", 86, "2026年10月26日"],
        ["王芳", "1001", "心肺复苏考核（补考）", 95, "2026年10月26日"],   # she passed: nothing to retake
    ])
    preview = preview_scores_import(s, retake, score_defaults(lecture))
    assert [(p.row, p.column) for p in preview.problems] == [(5, "subject")]
    assert "找不到 王芳 在 2026-10-26 之前未通过的“心肺复苏考核”考核" in preview.problems[0].message
    retake = excel_sheet(tmp_path / "补考.xlsx", "补考成绩单", header,
                         [["李娜", "1002", "心肺复苏考核（补考）", 86, "2026年10月26日"]])
    preview = preview_scores_import(s, retake, score_defaults(lecture))
    assert preview.rows[0].subject.endswith("（补考，原 2026-10-12 72 分）")
    import_scores(s, retake, score_defaults(lecture))
    assert ("1002", "心肺复苏考核（补考）", date(2026, 10, 26), 86, True) in scores_of(s)
    tally = derived.person_year(s, people["1002"], 2026)
    assert (tally.assessments_passed, tally.assessments_failed, tally.assessments_outstanding) == (1, 1, 0)


def test_two_attempts_in_one_sheet_become_an_attempt_and_its_retake(ward, tmp_path):
    s, people, _lecture = ward
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩", "考核日期", "考核内容", "考核类型"], [
        ["周静", "86分", "2026-10-28", "静脉治疗操作", "操作"],   # the retake listed first
        ["周静", 70, "2026-10-14", "静脉治疗操作", "操作"],
    ])
    import_scores(s, path)
    attempts = training.list_assessments(s, staff_id=people["1003"])
    assert [(a.date, a.score, a.kind) for a in attempts] == [(date(2026, 10, 14), 70, "practical"),
                                                             (date(2026, 10, 28), 86, "practical")]
    assert attempts[1].retake_of_id == attempts[0].id


def test_a_retake_of_a_refused_row_is_refused_too_not_linked_to_nothing(ward, tmp_path):
    s, _people, _lecture = ward
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩", "考核日期", "考核内容"], [
        ["周静", -5, "2026-10-14", "静脉治疗操作"],              # row 4: a score the service refuses
        ["周静", 86, "2026-10-28", "静脉治疗操作（补考）"]])      # row 5: its retake
    preview = preview_scores_import(s, path)
    assert [(p.row, p.column) for p in preview.problems] == [(4, "score"), (5, "retake")]
    assert "第 4 行的考核" in preview.problems[1].message
    assert training.list_assessments(s) == []


def test_a_session_score_sheet_needs_only_names_and_scores_and_a_corrected_score_updates(ward, tmp_path):
    s, people, lecture = ward
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩"], [["王芳", 91], ["许文静", 84]])
    import_scores(s, path, score_defaults(lecture))
    assert [(a.subject, a.date, a.session_id) for a in training.list_assessments(s)] == [
        ("心肺复苏（CPR）复训", CPR, lecture.id)] * 2
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩"], [["王芳", 93], ["许文静", 84]])
    preview = preview_scores_import(s, path, score_defaults(lecture))
    assert (preview.updated, preview.unchanged) == (1, 1)
    assert [(c.column, c.old, c.new) for c in preview.rows[0].changes] == [("成绩", "91", "93")]
    import_scores(s, path, score_defaults(lecture))
    assert sorted(a.score for a in training.list_assessments(s)) == [84, 93]


def test_scores_without_a_date_or_a_subject_are_refused_once_and_bad_cells_by_row(ward, tmp_path):
    s, _people, _lecture = ward
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩"], [["王芳", 91]])
    problems = preview_scores_import(s, path).problems
    assert [p.row for p in problems] == [0, 0] and "考核日期" in problems[0].message and "考核内容" in problems[1].message
    path = excel_sheet(tmp_path / "成绩.xlsx", "成绩", ["姓名", "成绩", "考核日期"], [
        ["王芳", "缺考", "2026-10-20"], ["李娜", 120, "2026-10-20"], ["周静", 90, "2026-13-01"]])
    preview = preview_scores_import(s, path, score_defaults(subject="三基理论"))
    assert {(p.row, p.column) for p in preview.problems} == {(4, "score"), (5, "score"), (6, "date")}
    assert "没有参加考核的人请删除这一行" in preview.problems[0].message
    assert "0–100" in preview.problems[1].message


def test_the_scores_template_round_trip(ward, tmp_path):
    s, _people, lecture = ward
    path = write_scores_template(tmp_path / "成绩模板.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == ["姓名", "工号", "成绩", "考核日期", "考核内容", "考核类型", "合格线", "补考"]
    assert {p.row for p in preview_scores_import(s, path).problems} == {2, 3}
    ws.delete_rows(2, 2)
    ws.append(["王芳", "1001", 88, None, None, "理论", None, None])
    wb.save(path)
    assert import_scores(s, path, score_defaults(lecture)).added == 1
