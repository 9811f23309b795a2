"""`qmsdesk office …` end to end: enroll, a held package, confirm the key, import, refuse, status, return, report."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from qmsdesk.cli import main


@pytest.fixture
def office_env(monkeypatch, tmp_path):
    """No system keyring here: the office keys live in the passphrase key file, as on a headless server."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("QMSDESK_KEY_PASSPHRASE", "office-passphrase")
    monkeypatch.setenv("QMSDESK_OFFICE_DB", str(tmp_path / "office.db"))
    monkeypatch.setenv("QMSDESK_OFFICE_DIR", str(tmp_path / "office"))
    return tmp_path


def _package(tmp_path, enrollment_file, key, version=1, falls=2):
    from qmsdesk.sync import crypto
    from qmsdesk.sync.enrollment import read_enrollment
    from qmsdesk.sync.package import UnitIdentity, build_package

    enrollment, _token = read_enrollment(enrollment_file)
    rid = "0b6f4a8e-1d7c-4e0b-9a51-3f2d8c9e7a10"
    records = {"indicator_values": {rid: {"id": rid, "deleted": False, "period": "2026-10", "indicator_code": "NUR-FALL",
                                          "indicator_name": "住院患者跌倒发生率", "numerator": falls, "denominator": 3000}}}
    built = build_package(tmp_path / "ward-outbox", unit=UnitIdentity("u-1", "H001", "D012", "示例县人民医院", "心血管内科"),
                          period="2026-10", version=version, records=records, signing_key=key,
                          office_key=enrollment.office_encryption_key, created=datetime(2026, 11, 3, 1, tzinfo=UTC))
    return built.path, crypto.fingerprint(crypto.raw_public(key))


def test_office_commands_from_enrollment_to_quarterly_report(office_env, capsys):
    from qmsdesk.sync import crypto

    tmp = office_env
    enroll_file = tmp / "H001_D012.enroll.json"
    assert main(["office", "enroll", "--hospital", "H001", "--hospital-name", "示例县人民医院", "--department", "D012",
                 "--department-name", "心血管内科", "--out", str(enroll_file)]) == 0
    assert "已登记 示例县人民医院 心血管内科" in capsys.readouterr().out
    assert json.loads(enroll_file.read_text(encoding="utf-8"))["token"]

    key = crypto.new_signing_key()
    picked, fingerprint = _package(tmp, enroll_file, key)
    assert main(["office", "import", str(picked)]) == 1  # a first key is never taken from just anywhere
    assert "陌生来源的密钥不会被登记" in capsys.readouterr().err
    package = tmp / "office" / "inbox" / "H001_D012" / picked.name  # the unit's own inbox folder
    package.write_bytes(picked.read_bytes())
    assert main(["office", "import"]) == 3  # held: the unit's key waits for confirmation
    assert "尚未确认" in capsys.readouterr().out
    assert main(["office", "confirm-key", "--hospital", "H001", "--department", "D012", "--fingerprint", "0000"]) == 2
    assert "指纹不符" in capsys.readouterr().err
    assert main(["office", "confirm-key", "--hospital", "H001", "--department", "D012",
                 "--fingerprint", fingerprint]) == 0
    capsys.readouterr()

    assert main(["office", "import", "--details", str(package)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") >= 2 and "已导入 示例县人民医院 心血管内科 2026-10 第 1 版：新增 1" in out
    assert "指标数据：新增 1" in out

    broken = tmp / "broken" / "QMS_H001_D012_202610_v9.qmspkg"
    broken.parent.mkdir()
    broken.write_bytes(picked.read_bytes()[:300])
    assert main(["office", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "已拒绝" in err and "隔离区" in err
    assert broken.exists()  # a file picked from elsewhere is copied, never moved away or deleted

    assert main(["office", "status", "--period", "2026-10"]) == 0
    out = capsys.readouterr().out
    assert "示例县人民医院 心血管内科" in out and "按时" in out and "上报率 100.0%（1/1）" in out

    archived = next((tmp / "office" / "archive").rglob("*.qmspkg"))
    assert main(["office", "ack", str(archived), "--return", "分母与床日统计不一致"]) == 0
    assert "已退回" in capsys.readouterr().out
    receipt = next((tmp / "office" / "inbox" / "H001_D012").glob("*.receipt.json"))
    assert json.loads(receipt.read_text(encoding="utf-8"))["status"] == "returned"
    assert main(["office", "status", "--period", "2026-10"]) == 0
    assert "已退回" in capsys.readouterr().out

    assert main(["office", "report", "--quarter", "2026Q4", "--out", str(tmp / "report")]) == 0
    assert (tmp / "report" / "季度质控报告_2026Q4.pdf").stat().st_size > 1000


def test_import_dry_run_writes_nothing_and_moves_nothing(office_env, capsys):
    from qmsdesk.sync import crypto

    tmp = office_env
    enroll_file = tmp / "e.json"
    main(["office", "enroll", "--hospital", "H001", "--hospital-name", "示例县人民医院", "--department", "D012",
          "--department-name", "心血管内科", "--out", str(enroll_file)])
    package, fingerprint = _package(tmp, enroll_file, crypto.new_signing_key())
    waiting = tmp / "office" / "inbox" / "H001_D012" / package.name
    waiting.write_bytes(package.read_bytes())
    assert main(["office", "import", str(waiting)]) == 3  # the key arrives through the unit's own folder
    main(["office", "confirm-key", "--hospital", "H001", "--department", "D012", "--fingerprint", fingerprint])
    capsys.readouterr()
    assert main(["office", "import", "--dry-run", str(package)]) == 0
    assert "[试运行]" in capsys.readouterr().out
    assert main(["office", "status", "--period", "2026-10"]) == 0
    assert "未报" in capsys.readouterr().out
    assert not list((tmp / "office" / "archive").rglob("*.qmspkg"))


def test_quarter_must_be_written_like_2026Q3(office_env, capsys):
    assert main(["office", "report", "--quarter", "2026-3", "--out", str(office_env / "r")]) == 2
    assert "2026Q3" in capsys.readouterr().err


def test_office_serve_receives_an_upload_on_localhost(office_env, capsys):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from qmsdesk.sync import crypto
    from qmsdesk.sync.transport import upload

    tmp = office_env
    enroll_file = tmp / "e.json"
    main(["office", "enroll", "--hospital", "H001", "--hospital-name", "示例县人民医院", "--department", "D012",
          "--department-name", "心血管内科", "--url", "http://127.0.0.1/qms", "--out", str(enroll_file)])
    token = json.loads(enroll_file.read_text(encoding="utf-8"))["token"]
    package, _fp = _package(tmp, enroll_file, crypto.new_signing_key())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "qmsdesk", "office", "serve", "--port", str(port)],
                            env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        result = upload(package, url, token, attempts=1)
        assert result.status == "received"
    finally:
        proc.terminate()
        out, _err = proc.communicate(timeout=10)
    assert "http://127.0.0.1:" in out
    held = next((tmp / "office" / "inbox" / "H001_D012").glob("*.qmspkg"))  # the key is not confirmed yet
    assert held.name == package.name
