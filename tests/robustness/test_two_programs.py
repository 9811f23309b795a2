"""Two programs on one database: a second window is told and may only read; two CLI writers never corrupt it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qmsdesk.db import models as m
from qmsdesk.db.instance_lock import (
    DatabaseInUseError,
    ReadOnlyError,
    acquire_instance_lock,
    lock_path,
    make_read_only,
    read_holder,
)


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "QMSDESK_DATA_DIR": str(tmp / "data"), "QMSDESK_LANG": "zh_CN", "QT_QPA_PLATFORM": "offscreen"}


def test_a_second_lock_on_the_same_database_names_the_first_holder(db_path):
    with acquire_instance_lock(db_path, user="李秀英"):
        with pytest.raises(DatabaseInUseError) as caught:
            acquire_instance_lock(db_path, user="王芳")
        text = str(caught.value)
        assert "另一个 qmsdesk 窗口" in text and "李秀英" in text and str(os.getpid()) in text and "只读" in text
    with acquire_instance_lock(db_path, user="王芳"):  # released: the next window gets it
        assert read_holder(db_path)["user"] == "王芳"


def test_a_lock_described_later_refuses_a_second_window_at_once_and_names_its_holder_once_described(db_path):
    """The window takes its lock before it shows and writes who holds it once its database is open (ui/app.py)."""
    with acquire_instance_lock(db_path, describe=False) as lock:
        with pytest.raises(DatabaseInUseError) as caught:
            acquire_instance_lock(db_path, user="王芳")
        assert read_holder(db_path) == {}
        assert "刚刚启动" in str(caught.value) and "只读" in str(caught.value) and "?" not in str(caught.value)
        lock.describe("李秀英")
        with pytest.raises(DatabaseInUseError) as caught:
            acquire_instance_lock(db_path, user="王芳")
        assert "李秀英" in str(caught.value) and str(os.getpid()) in str(caught.value)
    assert read_holder(db_path) == {}, "released: the text is emptied with the lock"


def test_a_crashed_window_leaves_no_stale_lock(tmp_path, db_path):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from qmsdesk.db.instance_lock import acquire_instance_lock
        lock = acquire_instance_lock({str(db_path)!r}, user="crash")
        print("LOCKED", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True, env=_env(tmp_path))
    assert holder.stdout.readline().strip() == "LOCKED"
    with pytest.raises(DatabaseInUseError):
        acquire_instance_lock(db_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    acquire_instance_lock(db_path).release()


def test_a_read_only_second_window_can_read_but_not_change(db, db_path, session):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.staff import create_staff, list_staff

    create_staff(session, name="王芳", employee_no="N1", profession="nurse")
    session.commit()
    second = open_database(db_path, actor="第二个窗口", upgrade=False)
    make_read_only(second)
    try:
        with second.session() as s:
            assert [p.name for p in list_staff(s)] == ["王芳"]
        with pytest.raises(ReadOnlyError, match="只读"), second.session() as s:
            create_staff(s, name="张伟", employee_no="N2", profession="nurse")
        with pytest.raises(sqlite3.OperationalError), second.engine.raw_connection() as raw:
            raw.execute("DELETE FROM staff")  # even SQL that bypasses the session cannot write
    finally:
        second.close()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(m.Staff)) == 1


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_the_window_holds_the_lock_while_open(tmp_path):
    """The real window (offscreen) takes the lock on start; a second start is refused naming it."""
    path = tmp_path / "qms.db"
    from qmsdesk.db.engine import open_database

    open_database(path).close()
    window = subprocess.Popen([sys.executable, "-m", "qmsdesk", "--db", str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=_env(tmp_path))
    try:
        deadline = time.monotonic() + 60
        while read_holder(path).get("pid") != window.pid:
            assert window.poll() is None, window.stderr.read()
            assert time.monotonic() < deadline, "the window never took the lock"
            time.sleep(0.1)
        with pytest.raises(DatabaseInUseError) as caught:
            acquire_instance_lock(path)
        assert str(window.pid) in str(caught.value)
    finally:
        window.send_signal(signal.SIGKILL)
        window.communicate()
    assert lock_path(path).exists()
    acquire_instance_lock(path).release()


def test_the_window_asks_and_opens_read_only_or_not_at_all(qapp, tmp_path, monkeypatch):
    from qmsdesk.ui import app as ui_app
    from qmsdesk.ui import messages

    path = tmp_path / "qms.db"
    seen: list[tuple[str, str, str]] = []
    messages.set_recorder(lambda *a: seen.append(a))  # answers "no", as an unattended run must
    try:
        with acquire_instance_lock(path, user="李秀英"):
            assert ui_app.claim_database(path) is None
            kind, title, text = seen[0]
            assert kind == "question" and "另一个窗口" in title and "李秀英" in text and "只读打开" in text
        messages.set_recorder(None)
        with acquire_instance_lock(path, user="李秀英"):
            monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
            assert ui_app.claim_database(path) == (None, True)
        lock, read_only = ui_app.claim_database(path)
        assert lock.held and not read_only
        lock.release()
    finally:
        messages.set_recorder(None)


WRITER = """
import sys
from qmsdesk.db.engine import open_database
from qmsdesk.services.staff import create_staff
db = open_database(sys.argv[1], actor=sys.argv[2])
for batch in range(int(sys.argv[3])):
    with db.session() as s:
        for i in range(50):
            create_staff(s, name=f"{sys.argv[2]}{batch}-{i}", employee_no=f"{sys.argv[2]}{batch:03d}{i:02d}",
                         profession="nurse")
print("DONE", flush=True)
"""


def test_two_writers_at_once_both_succeed_and_the_file_stays_sound(tmp_path, db_path):
    from qmsdesk.db.engine import open_database

    open_database(db_path).close()
    batches = 20
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), who, str(batches)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path))
               for who in ("A", "B")]
    results = [w.communicate(timeout=300) for w in writers]
    for w, (out, err) in zip(writers, results, strict=True):
        # the busy timeout (30 s) makes one wait for the other; neither may fail with "database is locked"
        assert w.returncode == 0 and "DONE" in out, err
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM staff").fetchone()[0] == 2 * batches * 50
        assert con.execute("SELECT count(*) FROM audit_log WHERE action='create' AND table_name='staff'").fetchone()[0] \
            == 2 * batches * 50
    finally:
        con.close()


def test_a_writer_that_cannot_get_in_gets_a_clear_message(tmp_path, db_path):
    """Held past the busy timeout (shortened here), the CLI says the database is busy — one line, no traceback."""
    from qmsdesk.db.engine import open_database

    open_database(db_path).close()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        env = {**_env(tmp_path), "QMSDESK_BUSY_TIMEOUT": "1"}
        result = subprocess.run([sys.executable, "-m", "qmsdesk", "indicators", "install", "--department-type",
                                 "inpatient_medical", "--db", str(db_path)], capture_output=True, text=True, env=env,
                                timeout=120)
    finally:
        blocker.rollback()
        blocker.close()
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "另一个程序正在写入" in result.stderr
