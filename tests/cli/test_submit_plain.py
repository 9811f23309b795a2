"""`qmsdesk submit` on a file at the schema head runs without SQLAlchemy and sends what the ORM way sends.

Two copies of the same enrolled demo year are submitted by the same command line: one the way a ward's up to
date file goes (plain SQL), one forced through the ORM session (the way a file that needs an upgrade goes). The
office opens both packages: the records, the notes, every workbook cell and every PDF line must agree, and so
must what the command printed and the rows it left. Clock times (when accepted, when generated) aside.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest

from qmsdesk.sync.enrollment import write_enrollment
from qmsdesk.sync.keys import PASSPHRASE_ENV, generate_office_keys
from qmsdesk.sync.package import read_package

PERIOD = "2026-10"
ORM_WAY = "from qmsdesk.commands import submit as s; s._submit_plain = lambda args, period: None; "


def _env(tmp_path, data) -> dict:
    env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", QMSDESK_DATA_DIR=str(data),
               QMSDESK_USER="王护士长", PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               QMSDESK_PLAINTEXT_KEYRING="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))
    env.pop(PASSPHRASE_ENV, None)
    env.pop("QMSDESK_DB", None)
    return env


def _run(code: str, *args, env) -> subprocess.CompletedProcess:
    script = (f"import sys; {code}from qmsdesk.cli import main; rc = main({[str(a) for a in args]!r}); "
              "print('SQLALCHEMY', 'sqlalchemy' in sys.modules); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


@pytest.fixture(scope="module")
def office():
    return generate_office_keys()


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory, office):
    """An enrolled demo year: (its folder, the database, the data folder)."""
    folder = tmp_path_factory.mktemp("submit-plain")
    data = folder / "data"
    env = _env(folder, data)
    db = folder / "unit.db"
    done = _run("", "demo", "--db", db, "--until", PERIOD, env=env)
    assert done.returncode == 0, done.stderr
    unit = sqlite3.connect(db).execute("SELECT hospital_code, department_code FROM units").fetchone()
    path = write_enrollment(folder / "enroll.json", office, hospital_code=unit[0], hospital_name="示例县人民医院",
                            department_code=unit[1], department_name="心血管内科", department_type="inpatient_medical",
                            inbox=str(folder / "inbox"))
    done = _run("", "enroll", path, "--db", db, env=env)
    assert done.returncode == 0, done.stderr
    return folder, db, data


def _submit(enrolled, tmp_path, name: str, code: str, *extra):
    folder, db, data = enrolled
    mine = tmp_path / name
    shutil.copytree(data, mine / "data")
    shutil.copy(db, mine / "unit.db")
    done = _run(code, "submit", "--period", PERIOD, "--to", mine / "usb", *extra, "--db", mine / "unit.db",
                env=_env(folder, mine / "data"))
    return mine, done


_TIMES = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(\+00:00|Z)?|\d{1,2}:\d{2}")


def _timeless(value):
    if isinstance(value, datetime):
        return "<time>"
    if isinstance(value, str):
        return _TIMES.sub("<time>", value)
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_timeless(v) for v in value]
    return value


def _opened(mine, office):
    package = next((mine / "usb").glob("*.qmspkg"))
    return read_package(package, office_key=office.encryption)


def _cells(blob: bytes) -> dict:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(blob))
    return {ws.title: [[_timeless(c) for c in row] for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def _pdf_lines(blob: bytes) -> list[str]:
    from pypdf import PdfReader

    return [_timeless(page.extract_text()) for page in PdfReader(io.BytesIO(blob)).pages]


def _rows(db) -> list:
    con = sqlite3.connect(db)
    try:
        subs = con.execute("SELECT period, version, status, length(file_hash), package_path FROM submissions"
                           " WHERE period = ?", (PERIOD,)).fetchall()
        audit = con.execute("SELECT actor, action, table_name, changes FROM audit_log WHERE table_name = 'submissions'"
                            " ORDER BY id DESC LIMIT 3").fetchall()
    finally:
        con.close()
    subs = [(p, v, s, n, path.rsplit("/", 1)[-1]) for p, v, s, n, path in subs]
    return [subs, [(a, act, t, _timeless(json.loads(c)).keys()) for a, act, t, c in audit]]


def test_the_plain_way_sends_what_the_orm_way_sends(enrolled, office, tmp_path):
    plain, plain_run = _submit(enrolled, tmp_path, "plain", "", "--accept-warnings", "已逐条核实")
    orm, orm_run = _submit(enrolled, tmp_path, "orm", ORM_WAY, "--accept-warnings", "已逐条核实")
    assert plain_run.returncode == 0, plain_run.stderr
    assert orm_run.returncode == 0, orm_run.stderr
    # The plain way never imported SQLAlchemy; the forced one did.
    assert "SQLALCHEMY False" in plain_run.stdout and "SQLALCHEMY True" in orm_run.stdout
    assert "已上报 2026年10月（第 1 版），本月记录已锁定。" in plain_run.stdout
    assert "已签名并加密给质控办。" in plain_run.stdout

    def said(run):
        text = run.stdout.replace(str(plain), "<here>").replace(str(orm), "<here>")
        return [line for line in _timeless(text).splitlines() if not line.startswith(("SHA-256", "SQLALCHEMY"))]

    assert said(plain_run) == said(orm_run)
    assert _timeless(plain_run.stderr.replace(str(plain), "<here>")) == _timeless(orm_run.stderr.replace(str(orm), "<here>"))

    a, b = _opened(plain, office), _opened(orm, office)
    assert a.data["records"] == b.data["records"]
    assert a.data["records"]["meetings"], "the month's records travel"
    assert _timeless(a.data["notes"]) == _timeless(b.data["notes"])
    same = ("unit_id", "hospital_code", "hospital_name", "department_code", "department_name", "period", "version",
            "record_counts", "unit_key_fingerprint")
    assert {k: a.verified.manifest[k] for k in same} == {k: b.verified.manifest[k] for k in same}
    assert a.verified.encrypted and b.verified.encrypted
    plain_cells, orm_cells = _cells(a.members["report.xlsx"]), _cells(b.members["report.xlsx"])
    assert list(plain_cells) == list(orm_cells)
    for sheet, rows in plain_cells.items():
        assert [r for r in rows if r not in orm_cells[sheet]] == [r for r in orm_cells[sheet] if r not in rows] == [], sheet
        assert rows == orm_cells[sheet], sheet
    plain_pages, orm_pages = _pdf_lines(a.members["report.pdf"]), _pdf_lines(b.members["report.pdf"])
    assert len(plain_pages) == len(orm_pages) and plain_pages == orm_pages
    assert _rows(plain / "unit.db") == _rows(orm / "unit.db")
    assert _rows(plain / "unit.db")[0][0][2] == "sent"


def test_a_month_with_blocking_problems_is_refused_the_same_way(enrolled, tmp_path):
    folder, db, _data = enrolled
    broken = tmp_path / "broken.db"
    shutil.copy(db, broken)
    con = sqlite3.connect(broken)
    con.execute("UPDATE meetings SET deleted = 1 WHERE date BETWEEN '2026-10-01' AND '2026-10-31'")
    con.commit()
    con.close()
    runs = []
    for name, code in (("plain", ""), ("orm", ORM_WAY)):
        mine = tmp_path / name
        shutil.copy(broken, mine.with_suffix(".db"))
        runs.append(_run(code, "submit", "--period", PERIOD, "--db", mine.with_suffix(".db"), env=_env(folder, tmp_path / f"{name}-data")))
    plain_run, orm_run = runs
    assert plain_run.returncode == orm_run.returncode == 2
    assert "本月未锁定" in plain_run.stderr and plain_run.stderr == orm_run.stderr
    assert "SQLALCHEMY False" in plain_run.stdout
    statuses = sqlite3.connect(tmp_path / "plain.db").execute(
        "SELECT COUNT(*) FROM submissions WHERE period = ? AND status = 'submitted'", (PERIOD,)).fetchone()[0]
    assert statuses == 0


def test_a_locked_month_is_explained_as_before(enrolled, tmp_path):
    folder, db, data = enrolled
    path = tmp_path / "unit.db"
    shutil.copy(db, path)
    done = _run("", "submit", "--period", "2026-09", "--db", path, env=_env(folder, data))
    assert done.returncode == 2
    assert "已上报（第 1 版，已接收），记录已锁定" in done.stderr
