"""Times are stored in UTC and shown, counted and reported in the unit's zone (default Asia/Shanghai), whatever
the machine's zone: a ward PC whose clock runs on UTC still shows a night-shift fall at night, in its month."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qmsdesk import clock
from qmsdesk.analytics import derived
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.services.unit import get_unit, set_unit

# 2026-11-01 02:30 in Shanghai is 2026-10-31 18:30 UTC: a night-shift fall of November, not October.
NIGHT_FALL = datetime(2026, 10, 31, 18, 30, tzinfo=UTC)
UNIT = dict(hospital_code="H001", hospital_name="示例县人民医院", department_code="D012", department_name="心血管内科",
            department_type="inpatient_medical", deadline_day=5)


@pytest.fixture(autouse=True)
def _default_zone():
    yield
    clock.set_zone(None)


def _ward(path: Path) -> Path:
    db = open_database(path, actor="测试护士长")
    with db.session() as s:
        set_unit(s, **UNIT)
        s.add(m.AdverseEvent(occurred_at=NIGHT_FALL, reported_at=NIGHT_FALL, category="fall", grade="III",
                             description="夜间如厕时跌倒", medical_record_no="ZY1234"))
    db.close()
    return path


def _run(*args, machine_zone: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, TZ=machine_zone, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.mark.parametrize("machine_zone", ["UTC", "America/New_York"])
def test_a_night_fall_is_counted_and_reported_in_its_local_month_whatever_the_machines_zone(tmp_path, machine_zone):
    path = _ward(tmp_path / "ward.db")
    probe = subprocess.run([sys.executable, "-c", "import time; print(time.strftime('%z'))"],
                           env=dict(os.environ, TZ=machine_zone), capture_output=True, text=True)
    assert probe.stdout.strip() != "+0800"  # the child really runs on another zone than the unit's

    november = _run("status", "--db", path, "--period", "2026-11", machine_zone=machine_zone, cwd=tmp_path)
    assert november.returncode == 0, november.stderr
    assert "不良事件：本月 1 例" in november.stdout
    october = _run("status", "--db", path, "--period", "2026-10", machine_zone=machine_zone, cwd=tmp_path)
    assert "不良事件：本月无上报" in october.stdout

    out = tmp_path / "preview"
    preview = _run("submit", "--db", path, "--period", "2026-11", "--preview", out, machine_zone=machine_zone,
                   cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    sheet = load_workbook(io.BytesIO((out / "report.xlsx").read_bytes()))["不良事件"]
    assert sheet["A2"].value == datetime(2026, 11, 1, 2, 30)  # 发生时间: at night, as the nurse wrote it


def test_the_window_shows_stored_times_in_the_units_zone(monkeypatch):
    import time

    from qmsdesk.ui.table_model import show_value

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert show_value(NIGHT_FALL) == "2026-11-01 02:30"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_units_zone_is_a_setting_kept_with_its_data(tmp_path):
    path = _ward(tmp_path / "ward.db")
    # 2026-10-31 17:00 UTC: November 01:00 in Shanghai, still October 23:00 in Urumqi (UTC+6).
    db = open_database(path, actor="测试护士长")
    with db.session() as s:
        s.add(m.AdverseEvent(occurred_at=datetime(2026, 10, 31, 17, 0, tzinfo=UTC),
                             reported_at=datetime(2026, 10, 31, 17, 0, tzinfo=UTC), category="fall", grade="IV",
                             description="跌倒"))
    with db.session() as s:
        assert get_unit(s).time_zone == "Asia/Shanghai"
        assert sum(derived.events_by_grade(s, "2026-11").values()) == 2
        set_unit(s, **UNIT, time_zone="Asia/Urumqi")
    with db.session() as s:
        assert sum(derived.events_by_grade(s, "2026-10").values()) == 1
    db.close()
    clock.set_zone(None)
    reopened = open_database(path, actor="测试护士长")  # the zone comes back with the database
    try:
        assert clock.zone_name() == "Asia/Urumqi"
        assert clock.local_text(NIGHT_FALL) == "2026-11-01 00:30"
    finally:
        reopened.close()


def test_an_unknown_zone_is_refused_with_a_clear_message(session):
    from qmsdesk.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        set_unit(session, **UNIT, time_zone="Mars/Olympus")
    assert "Mars/Olympus" in str(err.value) and "Asia/Shanghai" in str(err.value)
    assert clock.today() == datetime.now(clock.zone()).date() and isinstance(clock.today(), date)
