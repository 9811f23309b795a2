"""`qmsdesk db upgrade|check|backup|restore`, run as a user runs them: as a separate process."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qmsdesk.db import migrate
from qmsdesk.db import models as m
from qmsdesk.db.backup import backup_database, list_backups
from qmsdesk.db.engine import make_engine, sqlite_revision


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def _first_revision_file(path: Path) -> Path:
    engine = make_engine(path)
    migrate.upgrade(engine, None, None, target="0001")
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO staff (id, name, employee_no, profession, active, created_at, updated_at, deleted)"
                    " VALUES ('0123456789abcdef0123456789abcdef', '王芳', 'N1023', 'nurse', 1,"
                    " '2026-03-01 00:00:00', '2026-03-01 00:00:00', 0)")
    con.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(db, db_path):
    with db.session() as s:
        for i, name in enumerate(("王芳", "李秀英", "张伟")):
            s.add(m.Staff(name=name, employee_no=f"N{i}", profession="nurse"))
    with db.session() as s:
        s.query(m.Staff).filter_by(name="张伟").one().deleted = True
    db.close()
    return db_path


def test_upgrade_prints_from_and_to_revision(tmp_path):
    path = _first_revision_file(tmp_path / "old.db")
    result = run_cli("db", "upgrade", "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"从 0001 升级到 {migrate.HEAD_REVISION}" in result.stdout
    backup = list_backups(path, "pre-upgrade-0001")[0]
    assert str(backup) in result.stdout
    assert sqlite_revision(path) == migrate.HEAD_REVISION

    again = run_cli("db", "upgrade", "--db", path, cwd=tmp_path)
    assert again.returncode == 0 and "无需升级" in again.stdout


def test_upgrade_accepts_the_global_db_option_and_creates_a_new_file(tmp_path):
    path = tmp_path / "fresh.db"
    result = run_cli("--db", path, "db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已新建数据库" in result.stdout and sqlite_revision(path) == migrate.HEAD_REVISION


def test_check_reports_integrity_revision_and_counts_in_chinese(filled, tmp_path):
    result = run_cli("db", "check", "--db", filled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "完整性检查：通过" in out
    assert f"结构版本：{migrate.HEAD_REVISION}（最新）" in out
    staff_line = next(line for line in out.splitlines() if line.strip().startswith("人员"))
    assert "2 条" in staff_line and "已删除 1 条" in staff_line
    assert any(line.strip().startswith("审计日志") for line in out.splitlines())
    assert "staff" not in out  # tables are named in Chinese


def test_check_of_an_older_file_says_how_to_upgrade(tmp_path):
    path = _first_revision_file(tmp_path / "old.db")
    result = run_cli("db", "check", "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "结构版本：0001" in result.stdout and "qmsdesk db upgrade" in result.stdout
    assert sqlite_revision(path) == "0001"  # checking never changes the file


def test_check_of_a_damaged_file_fails_and_points_to_restore(filled, tmp_path):
    data = bytearray(filled.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset:offset + 64] = b"\xff" * 64
    filled.write_bytes(bytes(data))
    result = run_cli("db", "check", "--db", filled, cwd=tmp_path)
    assert result.returncode == 1
    assert "未通过" in result.stdout and "qmsdesk db restore" in result.stdout


def test_backup_writes_a_timestamped_copy_beside_the_database(filled, tmp_path):
    result = run_cli("db", "backup", "--db", filled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    made = list_backups(filled)
    assert len(made) == 1 and made[0].parent == filled.parent
    assert str(made[0]) in result.stdout and "保留最近 10 份" in result.stdout


def test_backup_of_a_missing_database_is_one_clear_line(tmp_path):
    result = run_cli("db", "backup", "--db", tmp_path / "none.db", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "找不到数据库文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_replaces_the_database_and_says_where_the_old_one_is(filled, tmp_path):
    backup = backup_database(filled)
    con = sqlite3.connect(filled)
    with con:
        con.execute("DELETE FROM staff")
    con.close()
    result = run_cli("db", "restore", backup, "--db", filled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    kept = [p for p in filled.parent.glob("qms-replaced-*.db")]
    assert len(kept) == 1 and str(kept[0]) in result.stdout
    con = sqlite3.connect(filled)
    try:
        assert con.execute("SELECT count(*) FROM staff").fetchone()[0] == 3
    finally:
        con.close()


def test_restore_refuses_a_file_that_is_not_a_qmsdesk_database(filled, tmp_path):
    bogus = tmp_path / "会议记录.db"
    bogus.write_text("不是数据库", encoding="utf-8")
    before = _digest(filled)
    result = run_cli("db", "restore", bogus, "--db", filled, cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1
    assert "不能恢复" in result.stderr and "当前数据库未改动" in result.stderr
    assert _digest(filled) == before


def test_restore_refuses_a_damaged_backup(filled, tmp_path):
    backup = backup_database(filled)
    backup.write_bytes(backup.read_bytes()[:6000])
    before = _digest(filled)
    result = run_cli("db", "restore", backup, "--db", filled, cwd=tmp_path)
    assert result.returncode != 0 and "不能恢复" in result.stderr
    assert _digest(filled) == before


def test_restore_of_an_older_backup_upgrades_it(filled, tmp_path):
    old = _first_revision_file(tmp_path / "old-backup.db")
    result = run_cli("db", "restore", old, "--db", filled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"从 0001 升级到 {migrate.HEAD_REVISION}" in result.stdout
    assert sqlite_revision(filled) == migrate.HEAD_REVISION
    assert sqlite_revision(old) == "0001"  # the backup file itself is left as it was


def test_restore_without_a_file_is_a_usage_error(tmp_path):
    result = run_cli("db", "restore", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "FILE" in result.stderr


def test_backup_and_restore_of_a_large_database_show_progress(filled, monkeypatch, capsys):
    # What counts as large is lowered so a small file takes the large-file path.
    import qmsdesk.commands.db as db_command
    from qmsdesk import cli

    monkeypatch.setattr(db_command, "PROGRESS_MIN_BYTES", 0)
    assert cli.main(["db", "backup", "--db", str(filled)]) == 0
    assert "进度 100%" in capsys.readouterr().err
    assert cli.main(["db", "restore", str(list_backups(filled)[0]), "--db", str(filled)]) == 0
    assert "进度 100%" in capsys.readouterr().err
