"""Random and damaged people sheets: every import previews without crashing, then writes all of it or nothing."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from qmsdesk.db import models as m

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
RARE = "𠮷𡈽"
HEADERS = ["姓名", "工号", "性别", "专业类别", "职称", "护士层级", "入职日期", "执业证书号", "小组角色", "起始日期", "出勤", "成绩",
           "考核日期", "考核内容", "补考", "序号", "x", ""]
cell = st.one_of(st.sampled_from(["王芳", "张伟", "张 伟", "示例：王芳", "1001", "0999", "１００２", "", " ", "护士", "医师", "护工",
                                  "N2", "n9", "男", "未知", "2026-10-12", "2099-01-01", "2023年13月1日", "45170", "1e309",
                                  "NaN", "-1", "85分", "缺考", "是", "否", "组长", "√", "请假", "=1+1", RARE, "\x00"]),
                 st.text(max_size=10), st.integers(-10**9, 10**9), st.floats(allow_nan=True))


@pytest.fixture(scope="module")
def people_db(tmp_path_factory):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services import staff, training

    db = open_database(tmp_path_factory.mktemp("sheets") / "q.db", actor="测试")
    with db.session() as s:
        staff.create_staff(s, name="张伟", employee_no="0999", profession="nurse")
        staff.create_staff(s, name="张伟", employee_no="1003", profession="doctor")
        staff.create_staff(s, name="王芳", employee_no="1001", profession="nurse")
        training.create_training_session(s, topic="心肺复苏", category="skills", hours=2, date=date(2026, 10, 12))
    yield db
    db.close()


def _counts(s) -> tuple[int, ...]:
    return tuple(s.scalar(select(func.count()).select_from(model)) for model in
                 (m.Staff, m.GroupMembership, m.TrainingAttendance, m.Assessment, m.AuditEntry))


def _every_import(db, path) -> None:
    from qmsdesk.services import group_import, staff_import, training_import
    from qmsdesk.services.sheets import ImportRefused

    with db.session() as s:
        lecture = training_import.find_training_session(s, on=date(2026, 10, 12))
        runs = [
            (staff_import.preview_staff_import, staff_import.import_staff, ()),
            (group_import.preview_group_import, group_import.import_group, ()),
            (training_import.preview_attendance_import, training_import.import_attendance, (lecture,)),
            (training_import.preview_scores_import, training_import.import_scores,
             (training_import.score_defaults(lecture),)),
        ]
        before = _counts(s)
        for preview, apply, extra in runs:
            shown = preview(s, path, *extra)
            assert _counts(s) == before, f"{preview.__name__} wrote something"
            try:
                done = apply(s, path, *extra)
            except ImportRefused as refused:
                assert not shown.ready and refused.errors
                assert _counts(s) == before, f"{apply.__name__} was refused but left changes"
            else:
                assert shown.ready and done.applied
                assert (done.added, done.updated, done.unchanged) == (shown.added, shown.updated, shown.unchanged)
            s.rollback()  # every example and every import starts from the same database


@FUZZ
@given(rows=st.lists(st.lists(cell, max_size=8), max_size=6),
       header=st.lists(st.sampled_from(HEADERS), min_size=0, max_size=8),
       encoding=st.sampled_from(["utf-8-sig", "gb18030", "utf-8"]))
def test_random_csv_people_sheets_preview_and_import_whole_or_not_at_all(people_db, tmp_path, rows, header, encoding):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([[str(c) for c in row] for row in rows])
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = tmp_path / "s.csv"
    path.write_bytes(data)
    _every_import(people_db, path)


@FUZZ
@given(data=st.data())
def test_mutated_xlsx_people_sheets_are_imported_or_refused(people_db, tmp_path, data):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "工号", "专业类别", "小组角色", "起始日期", "成绩"])
    for row in data.draw(st.lists(st.lists(cell, min_size=6, max_size=6), max_size=4)):
        try:
            ws.append(row)
        except (IllegalCharacterError, ValueError):
            assume(False)
    buf = io.BytesIO()
    wb.save(buf)
    blob = bytearray(buf.getvalue())
    if data.draw(st.booleans()):
        for _ in range(data.draw(st.integers(1, 10))):
            blob[data.draw(st.integers(0, 2**20)) % len(blob)] = data.draw(st.integers(0, 255))
    path = tmp_path / "s.xlsx"
    path.write_bytes(bytes(blob))
    _every_import(people_db, path)
