"""Backups with SQLite's online backup API, their rotation, and restore that refuses damaged files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
import uuid
from pathlib import Path

import pytest

from qmsdesk.db import models as m
from qmsdesk.db.backup import KEEP, backup_database, integrity_problem, list_backups, restore_database
from qmsdesk.db.engine import open_database, sqlite_revision
from qmsdesk.errors import DatabaseError


def _add_staff(database, *names: str) -> None:
    with database.session() as s:
        for i, name in enumerate(names):
            s.add(m.Staff(name=name, employee_no=f"N{i:04d}", profession="nurse"))


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM staff"))
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_is_a_sound_copy_next_to_the_database(db, db_path):
    _add_staff(db, "王芳", "李秀英")
    dest = backup_database(db_path)
    assert dest.parent == db_path.parent and dest.name.startswith("qms-backup-2")
    assert integrity_problem(dest) is None
    assert _names(dest) == ["李秀英", "王芳"]
    assert not list(db_path.parent.glob("*.part"))


def test_rotation_keeps_the_newest_ten(db, db_path):
    made = [backup_database(db_path) for _ in range(KEEP + 2)]
    kept = list_backups(db_path)
    assert KEEP == 10 and len(kept) == 10
    assert set(kept) == set(made[2:])
    assert not made[0].exists() and not made[1].exists()


def test_rotation_leaves_pre_upgrade_backups_alone(db, db_path):
    pre = db_path.with_name("qms-pre-upgrade-0001-20260101-000000-000000.db")
    shutil.copy(db_path, pre)
    for _ in range(KEEP + 1):
        backup_database(db_path)
    assert pre.exists()


def test_progress_is_reported_to_the_end(db, db_path):
    seen: list[tuple[int, int]] = []
    backup_database(db_path, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_backup_taken_while_another_connection_writes_is_consistent(db, db_path):
    # Each writer transaction adds a person and their group membership together; a consistent
    # snapshot therefore always holds as many memberships as people, whatever moment it caught.
    _add_staff(db, *[f"护士{i}" for i in range(2000)])
    stop, started = threading.Event(), threading.Event()
    written = []

    def writer() -> None:
        con = sqlite3.connect(db_path, timeout=30)
        con.execute("PRAGMA foreign_keys=ON")
        stamp = "2026-11-01 00:00:00.000000"
        try:
            while not stop.is_set():
                sid = uuid.uuid4().hex
                with con:
                    con.execute("INSERT INTO staff (id, name, employee_no, profession, active, created_at, updated_at, deleted)"
                                " VALUES (?, '新护士', 'X', 'nurse', 1, ?, ?, 0)", (sid, stamp, stamp))
                    con.execute("INSERT INTO group_memberships (id, staff_id, role, start_date, created_at, updated_at, deleted)"
                                " VALUES (?, ?, 'member', '2026-11-01', ?, ?, 0)", (uuid.uuid4().hex, sid, stamp, stamp))
                written.append(sid)
                started.set()
        finally:
            con.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert started.wait(30), "the writer never got to write"
        copies = [backup_database(db_path, keep=20) for _ in range(5)]
        copies.append(backup_database(db_path, keep=20, progress=lambda done, total: None))
    finally:
        stop.set()
        thread.join()
    assert len(written) > 1
    for copy in copies:
        assert integrity_problem(copy) is None
        con = sqlite3.connect(copy)
        try:
            people = con.execute("SELECT count(*) FROM staff WHERE name = '新护士'").fetchone()[0]
            members = con.execute("SELECT count(*) FROM group_memberships").fetchone()[0]
        finally:
            con.close()
        assert people == members


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "overwritten":
        # Scribble over every page but the first: the header still says "SQLite format 3".
        for offset in range(4096, len(data), 4096):
            data[offset:offset + 64] = b"\xff" * 64
        path.write_bytes(bytes(data))
    else:
        path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 10)


@pytest.mark.parametrize("how", ["truncated", "overwritten", "not_sqlite"])
def test_restore_of_a_damaged_file_is_refused_and_changes_nothing(db, db_path, how):
    _add_staff(db, "王芳")
    copy = backup_database(db_path)
    _damage(copy, how)
    db.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseError, match="不能恢复.*当前数据库未改动"):
        restore_database(db_path, copy)
    assert _digest(db_path) == before
    assert not list(db_path.parent.glob("*-replaced-*"))


def test_restore_of_an_empty_sqlite_file_is_refused(db, db_path, tmp_path):
    other = tmp_path / "empty.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseError, match="不是 qmsdesk 数据库"):
        restore_database(db_path, other)


def test_restore_replaces_the_database_and_keeps_the_replaced_one(db, db_path):
    _add_staff(db, "王芳")
    backup = backup_database(db_path)
    _add_staff(db, "后来录入的护士")
    db.close()
    kept = restore_database(db_path, backup)
    assert _names(db_path) == ["王芳"]
    assert kept is not None and kept.parent == db_path.parent and "replaced" in kept.name
    assert sorted(_names(kept)) == sorted(["王芳", "后来录入的护士"])
    reopened = open_database(db_path)
    try:
        with reopened.session() as s:
            assert [p.name for p in s.query(m.Staff)] == ["王芳"]
    finally:
        reopened.close()


def test_restore_without_an_existing_database_creates_it(db, db_path, tmp_path):
    _add_staff(db, "王芳")
    backup = backup_database(db_path)
    target = tmp_path / "new" / "qmsdesk.db"
    target.parent.mkdir()
    assert restore_database(target, backup) is None
    assert _names(target) == ["王芳"]


def test_restore_of_the_database_onto_itself_is_refused(db, db_path):
    with pytest.raises(DatabaseError, match="就是当前数据库本身"):
        restore_database(db_path, db_path)


def test_restore_of_a_newer_versions_backup_is_refused(db, db_path, tmp_path):
    backup = backup_database(db_path)
    con = sqlite3.connect(backup)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '0999'")
    con.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        restore_database(db_path, backup)
    assert sqlite_revision(db_path) != "0999"


class _Cancelled(Exception):
    pass


def _cancel_after_first_step(done: int, total: int) -> None:
    raise _Cancelled


def test_cancelled_backup_leaves_no_file(db, db_path, monkeypatch):
    import qmsdesk.db.backup as backup

    monkeypatch.setattr(backup, "STEP_PAGES", 1)  # several steps even for a small file
    with pytest.raises(_Cancelled):
        backup_database(db_path, progress=_cancel_after_first_step)
    assert list_backups(db_path) == []
    assert not list(db_path.parent.glob("*.part"))


def test_cancelled_restore_leaves_the_database_as_it_was(db, db_path, monkeypatch):
    import qmsdesk.db.backup as backup

    _add_staff(db, "王芳")
    copy = backup_database(db_path)
    _add_staff(db, "后来录入的护士")
    db.close()
    before = _names(db_path)
    monkeypatch.setattr(backup, "STEP_PAGES", 1)
    with pytest.raises(_Cancelled):
        restore_database(db_path, copy, progress=_cancel_after_first_step)
    assert _names(db_path) == before
    assert integrity_problem(db_path) is None
