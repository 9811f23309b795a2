"""`qmsdesk selftest`: every page and dialog opens; screenshots named after them; errors make it fail."""

from __future__ import annotations

import os
import subprocess
import sys

from qmsdesk.ui.selftest import run_selftest


def test_every_page_and_dialog_opens_and_is_photographed(qtbot, unit_db, tmp_path):
    shots = tmp_path / "shots"
    assert run_selftest(unit_db, shots) == []
    names = sorted(p.name for p in shots.glob("*.png"))
    pages = [n for n in names if n[:2].isdigit()]
    from qmsdesk.ui.registry import WARD_PAGES

    count = len(WARD_PAGES)  # every registered page, the settings last
    assert pages[0] == "01-dashboard.png" and pages[-1] == f"{count:02d}-settings.png" and len(pages) == count
    assert {"checklists", "checklist-analysis", "pdca"} <= {n[3:-4] for n in pages}
    assert {"plan", "analysis"} <= {n[3:-4] for n in pages}
    assert "dlg-ledger-add.png" in names and "dlg-settings-unit.png" in names


def _cli(*args, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "qmsdesk", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_selftest_command_passes_on_a_sound_database(unit_db):
    result = _cli("selftest", "--db", str(unit_db))
    assert result.returncode == 0, result.stderr
    assert "自检通过" in result.stdout


def test_selftest_command_fails_clearly_on_a_missing_database(tmp_path):
    result = _cli("selftest", "--db", str(tmp_path / "none.db"))
    assert result.returncode != 0
    assert "找不到数据库" in result.stderr


def test_selftest_command_fails_on_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    result = _cli("selftest", "--db", str(bad))
    assert result.returncode != 0
    assert "不是 qmsdesk 数据库文件" in result.stderr
