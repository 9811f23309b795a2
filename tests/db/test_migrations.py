"""The schema: migrations match the models, old files upgrade with their data, bad files are refused."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from qmsdesk.db import migrate
from qmsdesk.db import models as m
from qmsdesk.db.backup import list_backups
from qmsdesk.db.engine import make_engine, open_database, sqlite_revision
from qmsdesk.errors import DatabaseError


def test_models_match_migration_head(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        differences = compare_metadata(context, m.Base.metadata)
    assert differences == [], "models changed without a migration: add one (batch mode) and bump HEAD_REVISION"


def test_head_revision_constant_matches_scripts():
    assert migrate.HEAD_REVISION == migrate.script_head()
    assert migrate.known_revisions()[0] == "0001"
    assert migrate.known_revisions()[-1] == migrate.HEAD_REVISION


def test_new_database_is_at_head(db, db_path):
    assert sqlite_revision(db_path) == migrate.HEAD_REVISION


def test_database_runs_in_wal_mode_with_foreign_keys(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(m.MeetingAttendance(meeting_id=uuid.uuid4(), staff_id=uuid.uuid4(), status="present"))


def test_first_revision_database_upgrades_with_data_intact(old_db):
    assert sqlite_revision(old_db.path) == "0001"
    database = open_database(old_db.path, actor="测试护士长")
    try:
        assert sqlite_revision(old_db.path) == migrate.HEAD_REVISION
        with database.session() as s:
            nurse = s.get(m.Staff, old_db.nurse_id)
            assert (nurse.name, nurse.employee_no, nurse.nursing_level, nurse.hire_date) == ("王芳", "N1023", "N2", date(2015, 7, 1))
            assert nurse.pinyin_initials is None  # the column 0002 added, empty for old rows
            meeting = s.get(m.Meeting, old_db.meeting_id)
            assert meeting.host.name == "李秀英" and meeting.recorder.name == "王芳"
            assert [a.staff.name for a in meeting.attendance] == ["王芳"]
            assert [p.description for p in meeting.problems] == ["夜间如厕跌倒风险评估不到位"]
            item = s.get(m.RectificationItem, old_db.item_id)
            assert item.meeting_problem_id == old_db.problem_id and item.responsible.name == "王芳"
            assert item.status == "in_progress" and item.deadline == date(2026, 4, 4)
            assert [n.note for n in item.progress] == ["已完成全员培训"]
            value = s.get(m.IndicatorValue, old_db.value_id)
            assert value.indicator.code == "NUR-FALL" and value.value == pytest.approx(0.8)
            assert value.indicator.department_types == ["inpatient_medical"]
            event = s.get(m.AdverseEvent, old_db.event_id)
            assert event.occurred_at.tzinfo is not None and event.anonymous
            assert s.scalar(select(m.Unit.department_name)) == "心血管内科"
            assert [e.actor for e in s.scalars(select(m.AuditEntry))] == ["李秀英"]
            nurse.pinyin_initials = "wf"  # the new column is usable, and the change is audited
        with database.session() as s:
            assert s.get(m.Staff, old_db.nurse_id).pinyin_initials == "wf"
            last = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc())).first()
            assert last.action == "update" and last.changes["pinyin_initials"] == [None, "wf"]
    finally:
        database.close()


def test_opening_an_older_database_backs_it_up_first(old_db):
    open_database(old_db.path).close()
    backups = list_backups(old_db.path, "pre-upgrade-0001")
    assert len(backups) == 1
    assert backups[0].parent == old_db.path.parent
    assert sqlite_revision(backups[0]) == "0001"
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT name FROM staff ORDER BY employee_no").fetchall() == [("李秀英",), ("王芳",)]
    finally:
        con.close()


def test_opening_a_current_database_makes_no_backup(db_path):
    open_database(db_path).close()
    open_database(db_path).close()
    assert list(db_path.parent.glob("*pre-upgrade*")) == []


def test_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这是一份会议记录，不是数据库。\n" * 20, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="不是 qmsdesk 数据库文件"):
        open_database(path)
    assert path.read_bytes() == before


def test_folder_given_as_database_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="是一个文件夹"):
        open_database(tmp_path)


def test_another_programs_sqlite_file_is_left_untouched(tmp_path):
    path = tmp_path / "his.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE patients (bed TEXT, name TEXT)")
    con.execute("INSERT INTO patients VALUES ('12床', '张三')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="其他程序的数据库"):
        open_database(path)
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        con.close()
    assert tables == ["patients"]


def test_database_from_a_newer_version_is_refused(db_path):
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '0999'")
    con.close()
    with pytest.raises(DatabaseError, match="更新版本的 qmsdesk"):
        open_database(db_path)
    assert sqlite_revision(db_path) == "0999"


def test_upgrade_from_first_revision_through_engine_reaches_head(tmp_path):
    path = tmp_path / "stepwise.db"
    engine = make_engine(path)
    try:
        migrate.upgrade(engine, None, None, target="0001")
        assert sqlite_revision(path) == "0001"
        migrate.upgrade(engine, path, "0001")
        assert sqlite_revision(path) == migrate.HEAD_REVISION
    finally:
        engine.dispose()


def test_a_migration_that_fails_part_way_leaves_the_old_schema_and_can_run_again(old_db):
    # A crash after the schema change but before the version stamp is what a power cut can do. A trigger makes
    # the stamp fail, deterministically: the column 0002 added must go with it, or the next start would try
    # to add it again and the ward could not open its database at all.
    con = sqlite3.connect(old_db.path)
    con.execute("CREATE TRIGGER crash BEFORE UPDATE ON alembic_version BEGIN SELECT RAISE(ABORT, 'power cut'); END")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="数据库升级失败"):
        open_database(old_db.path)
    con = sqlite3.connect(old_db.path)
    assert "pinyin_initials" not in [r[1] for r in con.execute("PRAGMA table_info(staff)")]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.execute("DROP TRIGGER crash")
    con.commit()
    con.close()
    assert sqlite_revision(old_db.path) == "0001"

    database = open_database(old_db.path)  # the next start upgrades normally, every row still there
    try:
        assert sqlite_revision(old_db.path) == migrate.HEAD_REVISION
        with database.session() as s:
            assert s.get(m.Staff, old_db.nurse_id).name == "王芳"
    finally:
        database.close()
