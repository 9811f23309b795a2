"""`qmsdesk enroll`, `package verify|show|outbox` and `receipts import` as a user runs them."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from qmsdesk.cli import main
from qmsdesk.db import models as m
from qmsdesk.periods import Period
from qmsdesk.sync.enrollment import write_enrollment
from qmsdesk.sync.keys import PASSPHRASE_ENV, export_office_key_file, generate_office_keys

PERIOD = "2026-10"


@pytest.fixture
def env_keyring(monkeypatch, tmp_path):
    """A keyring backend chosen the way a user would: PYTHON_KEYRING_BACKEND, its file inside tmp_path."""
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("QMSDESK_PLAINTEXT_KEYRING", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    saved = keyring.core._keyring_backend
    keyring.core._keyring_backend = None
    yield
    keyring.core._keyring_backend = saved


@pytest.fixture
def office():
    return generate_office_keys()


@pytest.fixture
def enrolled_db(tmp_path, env_keyring, office, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = write_enrollment(tmp_path / "enroll.json", office, hospital_code="H001", hospital_name="示例县人民医院",
                            department_code="D012", department_name="心血管内科", department_type="inpatient_medical",
                            inbox=str(inbox))
    db = tmp_path / "unit.db"
    assert main(["enroll", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert office.signing_public.fingerprint in out and "本科室公钥指纹" in out
    return db, inbox


@pytest.fixture
def sent_package(enrolled_db):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.submission import submit_month
    from qmsdesk.sync.monthly import build_month_package, send_package

    db_path, inbox = enrolled_db
    db = open_database(db_path)
    try:
        with db.session() as s:
            s.add(m.Meeting(kind="group_monthly", date=date(2026, 10, 8), minutes="例会"))
            s.flush()
            sub = submit_month(s, Period.parse(PERIOD))
            built = build_month_package(s, sub, members={"report.pdf": b"%PDF-1.4 x"},
                                        notes={"accepted_warnings": "已核实"})
            send_package(s, built)
    finally:
        db.close()
    return db_path, inbox, built


def test_enroll_public_key_shows_the_fingerprint(enrolled_db, capsys):
    assert main(["enroll", "--public-key"]) == 0
    assert "指纹" in capsys.readouterr().out


def test_package_verify_exits_zero_only_when_intact(sent_package, tmp_path, capsys):
    _db, inbox, built = sent_package
    delivered = inbox / built.path.name
    assert main(["package", "verify", str(delivered)]) == 0
    out = capsys.readouterr().out
    assert "完好" in out and built.sha256 in out and "加密：是" in out

    tampered = tmp_path / "tampered.qmspkg"
    with zipfile.ZipFile(delivered) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, data[:-1] + b"\0" if info.filename == "report.pdf" else data)
    assert main(["package", "verify", str(tampered)]) == 1
    assert "report.pdf" in capsys.readouterr().err

    cut = tmp_path / "cut.qmspkg"
    cut.write_bytes(delivered.read_bytes()[:500])
    assert main(["package", "verify", str(cut)]) == 1
    assert "截断" in capsys.readouterr().err


def test_package_show_decrypts_only_with_the_office_key(sent_package, office, tmp_path, capsys, monkeypatch):
    _db, inbox, built = sent_package
    delivered = str(inbox / built.path.name)
    assert main(["package", "show", delivered]) == 0
    out = capsys.readouterr().out
    assert "meetings: 1/0" in out and "只有质控办密钥能打开" in out and "已核实" not in out

    keyfile = tmp_path / "office.qmskey"
    export_office_key_file(office, keyfile, "office-passphrase")
    monkeypatch.setenv(PASSPHRASE_ENV, "office-passphrase")
    assert main(["package", "show", delivered, "--key", str(keyfile)]) == 0
    assert "已核实" in capsys.readouterr().out

    monkeypatch.setenv(PASSPHRASE_ENV, "wrong-passphrase")
    assert main(["package", "show", delivered, "--key", str(keyfile)]) == 2
    assert "口令不正确" in capsys.readouterr().err


def test_package_outbox_lists_each_package_with_its_state(sent_package, capsys):
    _db, _inbox, built = sent_package
    assert main(["package", "outbox"]) == 0
    out = capsys.readouterr().out
    assert built.path.name in out and "已发送" in out


def test_receipts_import_applies_a_returned_receipt(sent_package, office, tmp_path, capsys):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.submission import month_state
    from qmsdesk.sync.receipts import write_receipt

    db_path, _inbox, built = sent_package
    back = tmp_path / "receipts"
    back.mkdir()
    write_receipt(back, office.signing, package_sha256=built.sha256, hospital_code="H001", department_code="D012",
                  period=PERIOD, version=1, status="returned", comments="请补充例会签到")
    assert main(["receipts", "import", str(back), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "退回" in out and "请补充例会签到" in out
    db = open_database(db_path)
    try:
        with db.session() as s:
            state = month_state(s, Period.parse(PERIOD))
            assert state.status == "returned" and not state.locked
            assert state.submission.comments == "请补充例会签到"
    finally:
        db.close()
    assert main(["package", "outbox"]) == 0
    assert "已退回" in capsys.readouterr().out


def test_receipts_import_reports_a_forged_receipt(sent_package, tmp_path, capsys):
    from qmsdesk.sync.receipts import write_receipt

    db_path, _inbox, built = sent_package
    write_receipt(tmp_path, generate_office_keys().signing, package_sha256=built.sha256, hospital_code="H001",
                  department_code="D012", period=PERIOD, version=1, status="accepted")
    assert main(["receipts", "import", str(tmp_path), "--db", str(db_path)]) == 1
    assert "签名不符" in capsys.readouterr().out
