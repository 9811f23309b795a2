"""`qmsdesk demo` and `qmsdesk status`, run as a user runs them: as separate processes."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

UNTIL = "2026-10"  # the demo year is fixed, so these expectations do not move with the calendar
AS_OF = "2026-11-03"  # the day that year is read on (qmsdesk.demo.builder.READ_ON_DAY)


def run_cli(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", **env)
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-demo")
    path = folder / "d.db"
    result = run_cli("demo", "--db", path, "--until", UNTIL, cwd=folder, QMSDESK_DATA_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    return path, result


def _read(path, query):
    """A figure read from the demo database in this process, to compare with what the command printed."""
    from qmsdesk.db.engine import open_database

    db = open_database(path)
    try:
        with db.session() as s:
            return query(s)
    finally:
        db.close()


def _status(path, *args, cwd):
    return run_cli("status", "--db", path, *args, cwd=cwd, QMSDESK_DATA_DIR=str(cwd))


def test_demo_prints_a_chinese_summary_of_what_it_wrote(demo_db):
    _path, result = demo_db
    out = result.stdout
    assert "某县人民医院 心血管内科" in out
    assert re.search(r"人员 \d+ 人，质控小组成员 6 人", out)
    assert "质控小组例会 12 次" in out
    assert "2025-11 至 2026-10" in out and "2026-10 尚未上报" in out
    assert "qmsdesk status --period 2026-10" in out


def test_demo_without_until_ends_with_the_last_complete_month(tmp_path):
    from qmsdesk.clock import today
    from qmsdesk.periods import Period

    result = run_cli("demo", "--db", tmp_path / "now.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    last = Period.of(today()).previous()
    assert f"至 {last}" in result.stdout and f"{last} 尚未上报" in result.stdout


def test_demo_refuses_a_month_not_yet_over(tmp_path):
    from qmsdesk.clock import today
    from qmsdesk.periods import Period

    current = str(Period.of(today()))
    assert_one_line_error(run_cli("demo", "--db", tmp_path / "x.db", "--until", current, cwd=tmp_path), "已经结束的月份")
    assert not (tmp_path / "x.db").exists()


def test_demo_refuses_a_database_that_holds_records(demo_db, tmp_path):
    path, _ = demo_db
    before = sqlite3.connect(path).execute("SELECT count(*) FROM staff").fetchone()[0]
    result = run_cli("demo", "--db", path, cwd=tmp_path)
    assert_one_line_error(result, "已有记录", "--force")
    assert sqlite3.connect(path).execute("SELECT count(*) FROM staff").fetchone()[0] == before


def test_demo_force_backs_up_and_replaces(tmp_path):
    path = tmp_path / "d.db"
    assert run_cli("demo", "--db", path, "--seed", "2", cwd=tmp_path).returncode == 0
    names_seed2 = sorted(r[0] for r in sqlite3.connect(path).execute("SELECT name FROM staff"))
    result = run_cli("demo", "--db", path, "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "原数据库已备份为" in result.stdout
    backups = list(tmp_path.glob("d-before-demo-*.db"))
    assert len(backups) == 1
    assert sorted(r[0] for r in sqlite3.connect(backups[0]).execute("SELECT name FROM staff")) == names_seed2
    assert sqlite3.connect(path).execute("SELECT count(*) FROM submissions").fetchone()[0] == 11


def test_status_of_october_reads_like_the_head_nurses_month(demo_db, tmp_path):
    from qmsdesk.analytics import derived

    path, _ = demo_db
    result = _status(path, "--period", "2026-10", "--as-of", AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("某县人民医院 心血管内科 · 2026年10月")
    assert re.search(r"质控小组例会：已召开 1 次\n\s+2026-10-\d\d，出席 \d/6 人，主持：\S+", out)
    m = re.search(r"质量指标：已填报 (\d+)/(\d+) 项", out)
    assert m and int(m.group(1)) == int(m.group(2)) >= 20
    off = _read(path, lambda s: [r.name for r in derived.indicator_completeness(s, "2026-10").off_target])
    indicators = out.split("二、")[1].split("三、")[0]
    if off:
        assert f"未达目标 {len(off)} 项" in indicators and all(name in indicators for name in off[:5])
    else:  # October is on target; a rare event above its target on too few cases is only watched
        assert "未达目标" not in indicators
    ledger = _read(path, lambda s: derived.ledger_figures(s, "2026-10", date.fromisoformat(AS_OF)))
    m = re.search(rf"截至 {AS_OF}：未销号 (\d+) 项，其中超期 (\d+) 项", out)
    assert m and (int(m.group(1)), int(m.group(2))) == (ledger.open, len(ledger.overdue))
    assert 1 <= len(ledger.overdue) and 3 * len(ledger.overdue) <= ledger.open  # most open items on time
    assert re.search(r"- .+（责任人：\S+，期限 2026-\d\d-\d\d，已超期 \d+ 天(，2026-\d\d-\d\d 才销号)?）", out)
    assert re.search(r"2026年法律法规/医疗安全培训不足 2 次：\d+ 人", out)
    assert re.search(r"不良事件：本月 \d+ 例（Ⅰ级 \d 例，Ⅱ级 \d 例，Ⅲ级 \d 例，Ⅳ级 \d+ 例）", out)
    assert re.search(r"30 天内到期 [1-9]\d* 项", out)
    assert "七、月度上报：2026-10 尚未上报" in out


def test_status_of_a_submitted_month_says_it_is_locked(demo_db, tmp_path):
    path, _ = demo_db
    result = _status(path, "--period", "2026-03", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "第 1 版，已接收" in result.stdout and "本月记录已锁定" in result.stdout
    assert "截至 2026-03-31：未销号" in result.stdout  # a month is judged on its last day, as its report


def test_status_of_a_month_without_records_says_what_is_missing(demo_db, tmp_path):
    path, _ = demo_db
    out = _status(path, "--period", "2025-06", cwd=tmp_path).stdout
    assert "质控小组例会：本月未召开" in out
    assert "不良事件：本月无上报" in out


def test_status_in_english(demo_db, tmp_path):
    path, _ = demo_db
    result = run_cli("--lang", "en", "status", "--db", path, "--period", "2026-10", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Quality group meeting: held 1 time(s)" in result.stdout


@pytest.mark.parametrize("bad", ["2026-13", "2026/10", "十月", "26-10"])
def test_status_with_a_bad_period_is_one_clear_line(demo_db, tmp_path, bad):
    path, _ = demo_db
    assert_one_line_error(_status(path, "--period", bad, cwd=tmp_path), "YYYY-MM", bad)


def test_status_with_a_bad_as_of_date_is_one_clear_line(demo_db, tmp_path):
    path, _ = demo_db
    assert_one_line_error(_status(path, "--period", "2026-10", "--as-of", "11/23", cwd=tmp_path), "YYYY-MM-DD")


def test_status_of_a_missing_database_does_not_create_one(tmp_path):
    path = tmp_path / "none.db"
    assert_one_line_error(_status(path, "--period", "2026-10", cwd=tmp_path), "找不到数据库文件", "qmsdesk demo")
    assert not path.exists()
