"""Starting the program: Chinese font, the window on a database, `qmsdesk --demo`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from PySide6.QtGui import QFontDatabase

from qmsdesk.services.setup import write_demo_database
from qmsdesk.ui.app import ensure_cjk_font, ensure_demo_database, target_database


def test_the_application_font_draws_chinese(qapp):
    family = ensure_cjk_font(qapp)
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert qapp.font().family() == family


def test_qmsdesk_opens_the_window_on_a_database_and_exits_cleanly(unit_db, _isolated_data):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QMSDESK_EXIT_AFTER_PAINT="1",
               QMSDESK_DATA_DIR=str(_isolated_data))
    result = subprocess.run([sys.executable, "-m", "qmsdesk", "--db", str(unit_db)], capture_output=True,
                            text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr


def test_demo_flag_uses_demo_db_in_the_data_folder(_isolated_data):
    assert target_database(argparse.Namespace(demo=True, db=None)) == _isolated_data / "demo.db"
    assert target_database(argparse.Namespace(demo=False, db=None)) == _isolated_data / "qmsdesk.db"


def test_demo_database_is_written_once_and_then_reused(qapp, tmp_path):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.unit import get_unit

    path = tmp_path / "demo.db"
    write_demo_database(path)
    assert not (tmp_path / "demo.db.part").exists()
    db = open_database(path)
    with db.session() as s:
        assert get_unit(s).department_name == "心血管内科"
    db.close()
    stamp = path.stat().st_mtime_ns
    assert ensure_demo_database(path) is True
    assert path.stat().st_mtime_ns == stamp


def test_a_demo_made_by_an_older_version_or_schema_is_regenerated_not_reused(qapp, tmp_path):
    import json
    import sqlite3

    from qmsdesk.services.setup import demo_is_current, demo_stamp

    path = tmp_path / "demo.db"
    write_demo_database(path)
    stamp_file = tmp_path / "demo.db.stamp.json"
    assert demo_is_current(path)
    older = dict(demo_stamp(), version="0.1.0", demo="0000000000000000")
    stamp_file.write_text(json.dumps(older), "utf-8")
    (tmp_path / "demo.db-wal").write_bytes(b"an older demo's journal")
    before = path.stat().st_mtime_ns
    assert not demo_is_current(path)
    assert ensure_demo_database(path) is True
    assert path.stat().st_mtime_ns != before and demo_is_current(path)
    assert json.loads(stamp_file.read_text("utf-8")) == demo_stamp()
    wal = tmp_path / "demo.db-wal"
    assert not wal.exists() or b"older demo" not in wal.read_bytes(), "the old journal was removed"

    con = sqlite3.connect(path)  # a file at an older schema revision than this program's head
    con.execute("UPDATE alembic_version SET version_num = '0002'")
    con.commit()
    con.close()
    assert not demo_is_current(path)
    stamp_file.unlink()
    assert not demo_is_current(path), "a demo without its stamp is not trusted either"


def test_an_older_demo_another_window_has_open_is_not_replaced_under_it(qapp, tmp_path):
    from qmsdesk.db.instance_lock import acquire_instance_lock

    path = tmp_path / "demo.db"
    path.write_bytes(b"an older demo, open in another window")
    held = acquire_instance_lock(path)
    try:
        assert ensure_demo_database(path) is True  # the window then offers it read-only (claim_database)
        assert path.read_bytes() == b"an older demo, open in another window"
    finally:
        held.release()
