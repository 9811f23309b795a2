"""`qmsdesk office import` starts with what importing needs: not the ward's database models, nor the module that
reads a ward's month into data.json (sync/records.py) — reading and checking a package needs neither."""

from __future__ import annotations

import os
import subprocess
import sys


def test_office_import_starts_without_the_wards_models(tmp_path):
    (tmp_path / "empty").mkdir()
    code = ("import sys; from qmsdesk.cli import main; "
            f"code = main(['office', 'import', '--db', {str(tmp_path / 'office.db')!r}, '--dir', "
            f"{str(tmp_path / 'office')!r}, {str(tmp_path / 'empty')!r}]); "
            "print(code, sorted(m for m in sys.modules if m in ('qmsdesk.db.models', 'qmsdesk.sync.records', "
            "'qmsdesk.rules', 'openpyxl', 'reportlab')))")
    env = {**os.environ, "QMSDESK_KEY_PASSPHRASE": "office-test-passphrase", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
