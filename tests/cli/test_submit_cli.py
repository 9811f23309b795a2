"""`qmsdesk submit`, run as a user runs it: a separate process, a real database file, a real key store."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from month_records import PERIOD, seed_month

from qmsdesk.db.engine import open_database
from qmsdesk.periods import Period
from qmsdesk.services import submission


def run_cli(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.fixture
def env(tmp_path):
    """A keyring configured on purpose (keyrings.alt's file backend in tmp_path), as a user's keyringrc would."""
    base = {k: v for k, v in os.environ.items() if k not in ("QMSDESK_KEY_PASSPHRASE", "PYTHON_KEYRING_BACKEND")}
    return dict(base, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(tmp_path / "xdg-data"),
                XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
                PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", QMSDESK_PLAINTEXT_KEYRING="PlaintextKeyring")


def _database(path: Path, *, complete: bool = True) -> Path:
    db = open_database(path, actor="测试护士长")
    with db.session() as s:
        seed_month(s, complete=complete)
    db.close()
    return path


def _state(path: Path):
    db = open_database(path, actor="测试护士长")
    try:
        with db.session() as s:
            st = submission.month_state(s, Period.parse(PERIOD))
            return st.locked, st.status
    finally:
        db.close()


def test_blocking_errors_are_listed_in_chinese_and_nothing_is_locked(tmp_path, env):
    dbf = _database(tmp_path / "q.db", complete=False)
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "已核实", env=env)
    assert done.returncode == 2
    assert "必须先处理" in done.stderr and "质控小组例会" in done.stderr and "根因分析" in done.stderr
    assert _state(dbf) == (False, None)


def test_unaccepted_warnings_exit_3_and_lock_nothing_as_the_help_promises(tmp_path, env):
    from pypdf import PdfReader

    from qmsdesk.sync.package import read_package

    dbf = _database(tmp_path / "q.db")
    assert "3 有提示未确认（未锁定" in run_cli("submit", "-h", env=env).stdout
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, env=env)
    assert done.returncode == 3, done.stderr
    assert "未上报、未锁定" in done.stderr and "--accept-warnings" in done.stderr
    assert _state(dbf) == (False, None)
    outbox = Path(env["QMSDESK_DATA_DIR"]) / "outbox"
    assert not list(outbox.glob("*.qmspkg"))

    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "跌倒上升已核实", env=env)
    assert done.returncode == 0, done.stderr
    package = read_package(next(outbox.glob("*.qmspkg")))
    accepted = package.data["notes"]["accepted_warnings"]
    assert accepted["accepted"] is True and accepted["comment"] == "跌倒上升已核实"
    cover = PdfReader(io.BytesIO(package.members["report.pdf"])).pages[0].extract_text().replace("\n", "")
    assert f"{len(accepted['warnings'])} 条提示已由 {accepted['accepted_by']} 于" in cover
    assert "说明：“跌倒上升已核实”" in cover


def test_submit_to_a_folder_makes_a_package_that_verifies(tmp_path, env):
    dbf = _database(tmp_path / "q.db")
    stick = tmp_path / "stick"
    stick.mkdir()
    done = run_cli("submit", "--period", PERIOD, "--to", stick, "--db", dbf, "--accept-warnings", "跌倒上升已核实",
                   env=env)
    assert done.returncode == 0, done.stderr
    assert "已上报 2026年10月（第 1 版）" in done.stdout and "已发送到" in done.stdout
    sent = list(stick.glob("*.qmspkg"))
    assert len(sent) == 1 and sent[0].name == "QMS_H001_D012_202610_v1.qmspkg"
    assert _state(dbf) == (True, "sent")
    verified = run_cli("package", "verify", sent[0], env=env)
    assert verified.returncode == 0, verified.stderr


def test_headless_machine_uses_the_passphrase_key_file(tmp_path, env):
    dbf = _database(tmp_path / "q.db")
    env = dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    refused = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "ok", env=env)
    assert refused.returncode != 0 and "QMSDESK_KEY_PASSPHRASE" in refused.stderr
    assert _state(dbf) == (False, None)
    done = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "ok",
                   env=dict(env, QMSDESK_KEY_PASSPHRASE="correct horse battery"))
    assert done.returncode == 0, done.stderr
    assert (Path(env["QMSDESK_DATA_DIR"]) / "keys.qmskey").is_file()


def test_failed_send_keeps_the_package_and_a_second_run_sends_it(tmp_path, env):
    dbf = _database(tmp_path / "q.db")
    missing = tmp_path / "unplugged-stick" / "qms"
    done = run_cli("submit", "--period", PERIOD, "--to", missing, "--db", dbf, "--accept-warnings", "ok", env=env)
    assert done.returncode == 4
    assert "发送失败" in done.stderr and "发件箱" in done.stderr
    assert _state(dbf) == (True, "submitted")
    missing.parent.mkdir()
    again = run_cli("submit", "--period", PERIOD, "--to", missing, "--db", dbf, env=env)
    assert again.returncode == 0, again.stderr
    assert len(list(missing.glob("*.qmspkg"))) == 1
    assert _state(dbf) == (True, "sent")


def test_a_submitted_month_is_not_submitted_twice(tmp_path, env):
    dbf = _database(tmp_path / "q.db")
    assert run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "ok", env=env).returncode == 0
    again = run_cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "ok", env=env)
    assert again.returncode == 2
    assert "已上报（第 1 版" in again.stderr and "申请更正" in again.stderr and "第 2 版" in again.stderr


def test_demo_october_submits_to_a_folder_and_verifies(tmp_path, env):
    dbf = tmp_path / "demo.db"
    assert run_cli("demo", "--db", dbf, "--until", "2026-10", env=env).returncode == 0
    outbox = tmp_path / "outbox"
    done = run_cli("submit", "--period", "2026-10", "--to", outbox, "--db", dbf, "--accept-warnings",
                   "逾期整改已逐项核实", env=env)
    assert done.returncode == 0, done.stderr
    package = next(outbox.glob("*.qmspkg"))
    assert run_cli("package", "verify", package, env=env).returncode == 0


def test_preview_writes_the_reports_without_locking(tmp_path, env):
    dbf = _database(tmp_path / "q.db")
    out = tmp_path / "preview"
    done = run_cli("submit", "--period", PERIOD, "--preview", out, "--db", dbf, env=env)
    assert done.returncode == 0, done.stderr
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF") and (out / "report.xlsx").is_file()
    assert "上报时需确认" in done.stderr
    assert _state(dbf) == (False, None)
