"""`qmsdesk audit`: the audit log as a head nurse reads it, in Chinese, run as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from qmsdesk import clock
from qmsdesk.db import models as m


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def history(db, db_path):
    """A person created, promoted, deleted and restored; a rectification item taken up by her."""
    with db.session() as s:
        nurse = m.Staff(name="王芳", employee_no="N1023", profession="nurse", title="护师")
        s.add(nurse)
    with db.session() as s:
        s.get(m.Staff, nurse.id).title = "主管护师"
    with db.session() as s:
        s.get(m.Staff, nurse.id).deleted = True
    with db.session() as s:
        s.get(m.Staff, nurse.id).deleted = False
    with db.session() as s:
        item = m.RectificationItem(source_kind="meeting", category="护理安全", problem="夜间巡视记录不全",
                                   found_on=date(2026, 11, 2), deadline=date(2026, 11, 30), status="open")
        s.add(item)
    with db.session() as s:
        it = s.get(m.RectificationItem, item.id)
        it.status = "in_progress"
        it.responsible_id = nurse.id
    db.close()
    return db_path, nurse.id, item.id


def test_audit_lists_every_change_in_chinese(history, tmp_path):
    path, nurse_id, item_id = history
    result = run_cli("audit", "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for action in ("新建", "修改", "删除", "恢复"):
        assert f"测试护士长  {action}  人员  {nurse_id}" in out
    assert "姓名：王芳" in out
    assert "职称：护师 → 主管护师" in out
    assert "已删除：否 → 是" in out and "已删除：是 → 否" in out
    assert f"修改  整改台账  {item_id}" in out
    assert "状态：待整改 → 整改中" in out
    assert "责任人：（空） → 王芳" in out  # people by name, not by id
    today = clock.today().isoformat()  # the unit's day, whatever the machine's zone
    assert out.splitlines()[0].startswith(today)


def test_audit_shows_newest_first(history, tmp_path):
    path, _nurse_id, item_id = history
    first = run_cli("audit", "--db", path, cwd=tmp_path).stdout.splitlines()[0]
    assert f"修改  整改台账  {item_id}" in first


def test_audit_of_one_record(history, tmp_path):
    path, nurse_id, item_id = history
    result = run_cli("audit", "--record", str(item_id), "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(item_id) in result.stdout and str(nurse_id) not in result.stdout
    assert "新建  整改台账" in result.stdout


def test_audit_since_a_later_day_is_empty(history, tmp_path):
    path, _, _ = history
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    result = run_cli("audit", "--since", tomorrow, "--db", path, cwd=tmp_path)
    assert result.returncode == 0 and "没有符合条件的审计记录" in result.stdout
    today = run_cli("audit", "--since", clock.today().isoformat(), "--db", path, cwd=tmp_path)
    assert "王芳" in today.stdout


def test_audit_limit_says_how_many_are_hidden(history, tmp_path):
    path, _, _ = history
    result = run_cli("audit", "--limit", "1", "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if not line.startswith(" ") and "测试护士长" in line]
    assert len(headers) == 1
    assert "仅显示最近 1 条，共 6 条" in result.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (("--since", "2026-13-01"), "YYYY-MM-DD"),
    (("--since", "昨天"), "YYYY-MM-DD"),
    (("--record", "12345"), "UUID"),
    (("--limit", "-3"), "--limit"),
])
def test_audit_bad_filters_are_one_line_errors(history, tmp_path, args, expected):
    path, _, _ = history
    result = run_cli("audit", *args, "--db", path, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_audit_in_english(history, tmp_path):
    path, nurse_id, _ = history
    result = run_cli("--lang", "en", "audit", "--db", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"changed  Staff  {nurse_id}" in result.stdout
    assert "title: 护师 → 主管护师" in result.stdout
