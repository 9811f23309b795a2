"""Killed mid-work (SIGKILL, as a power cut or the task manager would): the database stays whole.

Each task runs in its own process (crash_worker.py) and is killed after several delays spread over
its measured duration. Afterwards the file passes `PRAGMA integrity_check`, each transaction is there
wholly or not at all, the program opens the database normally, and `qmsdesk status` runs.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("crash_worker.py")
FRACTIONS = (0.1, 0.5, 0.9)
N_STAFF = 600
FIRST_YEAR, LAST_YEAR = 2019, 2024

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL"), pytest.mark.slow]


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "QMSDESK_DATA_DIR": str(tmp / "data"), "QMSDESK_LANG": "zh_CN"}


def run_worker(tmp: Path, *args: str, kill_after: float | None = None) -> tuple[bool, float]:
    """Run the worker; kill it `kill_after` seconds after it starts working. (finished?, seconds worked)."""
    proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env(tmp))
    line = proc.stdout.readline()
    assert line.strip() == "GO", proc.stderr.read()
    start = time.perf_counter()
    if kill_after is None:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        return True, time.perf_counter() - start
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return proc.returncode == 0, time.perf_counter() - start


def integrity(path: Path) -> list[str]:
    con = sqlite3.connect(path)  # a normal connection, so a left-over WAL is recovered as the program would
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def scalar(path: Path, sql: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def starts_normally(path: Path, tmp: Path) -> None:
    from qmsdesk.db.engine import open_database

    open_database(path, actor="测试").close()
    result = subprocess.run([sys.executable, "-m", "qmsdesk", "status", "--period", "2026-10", "--db", str(path)],
                            capture_output=True, text=True, env=_env(tmp), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """A database with the indicator catalogue and many staff, closed cleanly (no WAL left)."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.catalogue import install_catalogue
    from qmsdesk.services.staff import create_staff

    path = tmp_path_factory.mktemp("base") / "base.db"
    db = open_database(path, actor="测试")
    with db.session() as s:
        install_catalogue(s, "inpatient_medical")
        for i in range(N_STAFF):
            create_staff(s, name=f"护士{i}", employee_no=f"N{i:05d}", profession="nurse", title="护师")
    db.close()
    return path


def fresh_copy(base: Path, tmp: Path, name: str) -> Path:
    target = tmp / name
    shutil.copyfile(base, target)
    return target


def kill_points(duration: float, seed: int, fractions: tuple[float, ...] = FRACTIONS) -> list[float]:
    rnd = random.Random(seed)
    return [max(0.01, duration * f * rnd.uniform(0.9, 1.1)) for f in fractions]


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory) -> tuple[Path, int]:
    from qmsdesk.services.catalogue import load_catalogue

    codes = [e.code for e in load_catalogue() if e.kind in ("rate", "proportion")]
    path = tmp_path_factory.mktemp("sheet") / "figures.csv"
    lines = ["code,period,numerator,denominator"]
    for code in codes:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for month in range(1, 13):
                lines.append(f"{code},{year}-{month:02d},1,100")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines) - 1


def test_a_killed_import_leaves_all_rows_or_none(base_db, big_sheet, tmp_path):
    sheet, rows = big_sheet
    full = fresh_copy(base_db, tmp_path, "full.db")
    _, duration = run_worker(tmp_path, "import", str(full), str(sheet))
    assert scalar(full, "SELECT count(*) FROM indicator_values") == rows
    for i, delay in enumerate(kill_points(duration, 1)):
        path = fresh_copy(base_db, tmp_path, f"import{i}.db")
        finished, _ = run_worker(tmp_path, "import", str(path), str(sheet), kill_after=delay)
        assert integrity(path) == ["ok"]
        count = scalar(path, "SELECT count(*) FROM indicator_values")
        assert count in (0, rows), f"killed after {delay:.2f}s: {count} of {rows} rows"
        assert finished == (count == rows) or count == rows  # a kill after commit keeps the rows
    starts_normally(path, tmp_path)


def test_a_killed_bulk_edit_changes_every_row_or_none(base_db, tmp_path):
    path = fresh_copy(base_db, tmp_path, "edit.db")
    _, duration = run_worker(tmp_path, "bulk_edit", str(path), "主管护师")
    assert scalar(path, "SELECT count(DISTINCT title) FROM staff") == 1
    audited = scalar(path, "SELECT count(*) FROM audit_log")
    for i, delay in enumerate(kill_points(duration, 2)):
        tag = f"副主任护师{i}"
        run_worker(tmp_path, "bulk_edit", str(path), tag, kill_after=delay)
        assert integrity(path) == ["ok"]
        titles = {r for (r,) in sqlite3.connect(path).execute("SELECT DISTINCT title FROM staff")}
        assert len(titles) == 1, f"killed after {delay:.2f}s: staff have titles {sorted(titles)[:5]}…"
        # the audit rows belong to the same transaction as the changes they describe
        now = scalar(path, "SELECT count(*) FROM audit_log")
        assert now - audited in (0, N_STAFF)
        audited = now
    starts_normally(path, tmp_path)


def _revision_0001_db(path: Path, staff: int) -> None:
    from qmsdesk.db import migrate
    from qmsdesk.db.engine import make_engine

    engine = make_engine(path)
    migrate.upgrade(engine, path, None, target="0001")
    engine.dispose()
    con = sqlite3.connect(path)
    cols = [r[1] for r in con.execute("PRAGMA table_info(staff)")]
    assert "pinyin_initials" not in cols
    rows = []
    for i in range(staff):
        values = {"id": f"{i:032x}", "created_at": "2025-01-01 00:00:00", "updated_at": "2025-01-01 00:00:00",
                  "deleted": 0, "name": f"护士{i}", "employee_no": f"N{i:06d}", "profession": "nurse", "active": 1}
        rows.append(tuple(values.get(c) for c in cols))
    con.executemany(f"INSERT INTO staff ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", rows)
    con.commit()
    con.close()


def test_a_killed_migration_leaves_the_old_or_the_new_schema_with_every_row(tmp_path):
    from qmsdesk.db.engine import sqlite_revision
    from qmsdesk.db.migrate import HEAD_REVISION

    staff = 60_000
    old = tmp_path / "old.db"
    _revision_0001_db(old, staff)
    full = fresh_copy(old, tmp_path, "full.db")
    _, duration = run_worker(tmp_path, "migrate", str(full))
    assert sqlite_revision(full) == HEAD_REVISION
    # the schema change itself (copy, drop, rename) is the last part of the run, after the backup
    for i, delay in enumerate(kill_points(duration, 3, (0.3, 0.6, 0.75, 0.85, 0.92))):
        path = fresh_copy(old, tmp_path, f"migrate{i}.db")
        run_worker(tmp_path, "migrate", str(path), kill_after=delay)
        assert integrity(path) == ["ok"]
        assert sqlite_revision(path) in ("0001", HEAD_REVISION)
        assert scalar(path, "SELECT count(*) FROM staff") == staff
        for backup in path.parent.glob(f"{path.stem}-pre-upgrade-*.db"):
            assert integrity(backup) == ["ok"]  # a backup under its final name is always complete
        starts_normally(path, tmp_path)
        assert sqlite_revision(path) == HEAD_REVISION
        assert scalar(path, "SELECT count(*) FROM staff") == staff


def test_a_killed_backup_never_leaves_a_half_file_under_a_backup_name(base_db, tmp_path):
    from qmsdesk.db.backup import integrity_problem

    path = fresh_copy(base_db, tmp_path, "big.db")
    con = sqlite3.connect(path)  # bulk so the copy takes a moment: 40 MB of audit text
    con.executemany("INSERT INTO audit_log (at, actor, action, table_name, record_id, changes) "
                    "VALUES ('2025-01-01 00:00:00', 'x', 'update', 'staff', ?, ?)",
                    ((f"{i:032x}", '{"note": "' + "x" * 400 + '"}') for i in range(100_000)))
    con.commit()
    con.close()
    _, duration = run_worker(tmp_path, "backup", str(path))
    for delay in kill_points(duration, 4):
        run_worker(tmp_path, "backup", str(path), kill_after=delay)
        assert integrity(path) == ["ok"]
        for backup in path.parent.glob("big-backup-*.db"):
            assert integrity_problem(backup) is None, f"{backup.name} after a kill at {delay:.2f}s"
    starts_normally(path, tmp_path)
