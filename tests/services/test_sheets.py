"""Reading cells and headers as Excel, WPS, LibreOffice and exam platforms write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from qmsdesk.services.sheets import (
    Column,
    ImportRefused,
    code_text,
    normalise_header,
    parse_date,
    person_name,
    plain_text,
    read_table,
)

COLUMNS = (Column("name", "姓名", "name"), Column("employee_no", "工号", "employee number", ("员工号",)),
           Column("score", "成绩", "score", ("总分",)))


@pytest.mark.parametrize("cell", [date(2023, 9, 1), datetime(2023, 9, 1, 8, 30), 45170, 45170.0, "45170",
                                  "2023-09-01", "2023/9/1", "2023.9.1", "2023年9月1日", "2023年9月1号", "20230901",
                                  "２０２３年９月１日", "2023/09/01 10:23:45", " 2023-9-1 "])
def test_one_day_written_every_way_people_write_it(cell):
    assert parse_date(cell) == date(2023, 9, 1)


@pytest.mark.parametrize("cell", ["2023年13月1日", "昨天", "2023-02-30", "9/1/2023", -5, True])
def test_text_that_is_not_a_day_is_refused(cell):
    with pytest.raises(ValueError):
        parse_date(cell)


def test_names_codes_and_free_text():
    assert person_name("张 伟") == person_name("张　伟 ") == person_name(" 张伟") == "张伟"
    assert person_name("阿依古丽・买买提") == "阿依古丽·买买提"
    assert person_name("Mary  Ann") == "Mary Ann"
    assert code_text(1023.0) == "1023" and code_text(" １０ ２３ ") == "1023" and code_text(None) == ""
    assert plain_text("  心肺复苏考核（补考）　") == "心肺复苏考核（补考）"


@pytest.mark.parametrize("text", ["姓名", "1、姓名：", "2. 姓名:", "*姓名", "姓名（必填）", "姓名 (name)", "Q1、姓名"])
def test_headers_with_numbers_marks_and_notes_are_recognised(text):
    assert normalise_header(text) == normalise_header("姓名")


def test_the_header_is_found_below_titles_and_repeated_headers_are_not_data(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.merge_cells("A1:D1")
    ws["A1"] = "2026年10月理论考试成绩单"
    ws.append([])
    ws.append(["序号", "姓名", "员工号", "总分"])
    ws.append([1, "王芳", "1001", 90])
    ws.append([None, "姓名", "员工号", "总分"])  # the header repeated on the next printed page
    ws.append([2, "李娜", "1002", 85])
    for _ in range(5):
        ws.append([None, None, None, None])
    path = tmp_path / "成绩.xlsx"
    wb.save(path)
    sheet = read_table(path, COLUMNS, (("name", "employee_no"), ("score",)))
    assert sheet.header_row == 3 and sheet.ignored_headers == ("序号",)
    assert [(r.row, r.values["name"], r.values["score"]) for r in sheet.rows] == [(4, "王芳", 90), (6, "李娜", 85)]


def test_the_sheet_with_the_header_is_used_even_when_another_is_first(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "请在第二张表填写"
    data = wb.create_sheet("名单")
    data.append(["姓名", "工号", "成绩"])
    data.append(["王芳", "1001", 88])
    hidden = wb.create_sheet("旧名单", 0)
    hidden.append(["姓名", "工号", "成绩"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "a.xlsx"
    wb.save(path)
    sheet = read_table(path, COLUMNS, (("name",), ("score",)))
    assert sheet.sheet_name == "名单" and len(sheet.rows) == 1


def test_a_csv_from_excel_as_unicode_text_with_tabs(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("姓名\t工号\t成绩\r\n王芳\t1001\t88\r\n".encode("utf-16"))
    assert read_table(path, COLUMNS, (("name",), ("score",))).rows[0].values == {"name": "王芳", "employee_no": "1001",
                                                                                 "score": "88"}


def test_an_empty_file_and_a_header_with_nothing_under_it_are_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n,,\r\n")
    with pytest.raises(ImportRefused, match="文件是空的"):
        read_table(empty, COLUMNS, (("name",),))
    only_header = tmp_path / "h.csv"
    only_header.write_text("姓名,工号\n", "utf-8")
    with pytest.raises(ImportRefused, match="表头（第 1 行）下面没有数据行"):
        read_table(only_header, COLUMNS, (("name",),))
