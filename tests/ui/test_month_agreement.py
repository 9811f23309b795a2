"""One month, five surfaces, one set of numbers: `qmsdesk status`, the signed PDF's cover, the workbook's 概览,
the dashboard opened on the month's last day, and the quality office's figures after importing the package.

The month is built here (not taken from the demo): October 2026 of a ward with items in every state the
rules distinguish — overdue at month end, due on the 29th and closed late on 11-08, closed in the month,
still within its deadline, closed before the month, found after it — and events either side of midnight.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database

PERIOD = "2026-10"
MONTH_END = date(2026, 10, 31)
# What the rules say for October, worked out by hand from the records below.
EXPECTED = {"group_meetings": 1, "entered": 2, "applicable": 2, "events": 2, "in_month": 4, "raised": 3,
            "closed": 1, "open": 3, "overdue": 2}


def _seed(s) -> None:
    head = m.Staff(name="王护士长", employee_no="N001", profession="nurse")
    director = m.Staff(name="李主任", employee_no="D001", profession="doctor")
    s.add_all([head, director])
    s.flush()
    for code, kind, mult, unit, direction, target, num, den in (
            ("NIT-VTE", "proportion", 100, "%", "higher", 90, 95, 100),
            ("NUR-HOURS", "mean", 1, "小时", "higher", 2.0, 2600, 1200)):
        d = m.IndicatorDefinition(code=code, name_zh=code, name_en=code, numerator_def="n", denominator_def="d",
                                  kind=kind, multiplier=mult, unit=unit, direction=direction, target=target,
                                  department_types=[], applicable=True)
        s.add(d)
        s.flush()
        s.add(m.IndicatorValue(indicator_id=d.id, period=PERIOD, numerator=num, denominator=den))
    meeting = m.Meeting(kind="group_monthly", date=date(2026, 10, 20), host_id=director.id, recorder_id=head.id)
    s.add_all([meeting, m.Meeting(kind="safety", date=date(2026, 10, 22))])
    s.flush()
    s.add_all([m.MeetingAttendance(meeting_id=meeting.id, staff_id=x.id, status="present") for x in (head, director)])
    # 10-31 23:30 and 10-01 00:10 in Shanghai are October; 11-01 01:00 is November.
    for at, grade in ((datetime(2026, 10, 31, 15, 30, tzinfo=UTC), "III"), (datetime(2026, 9, 30, 16, 10, tzinfo=UTC), "IV"),
                      (datetime(2026, 10, 31, 17, 0, tzinfo=UTC), "IV")):
        s.add(m.AdverseEvent(occurred_at=at, reported_at=at, category="fall", grade=grade, description="跌倒"))

    def item(problem, found, due, status="in_progress", closed=None):
        s.add(m.RectificationItem(source_kind="meeting", category="安全", problem=problem, found_on=found, deadline=due,
                                  status=status, responsible_id=head.id, closed_on=closed,
                                  verified_on=closed, verifier_id=director.id if closed else None,
                                  effect_evaluation="抽查合格" if closed else None))

    item("九月发现超期未完成", date(2026, 9, 10), date(2026, 9, 30))
    item("十月底到期十一月逾期销号", date(2026, 10, 2), date(2026, 10, 29), "closed", date(2026, 11, 8))
    item("十月内销号", date(2026, 10, 5), date(2026, 10, 25), "closed", date(2026, 10, 20))
    item("尚在期限内", date(2026, 10, 10), date(2026, 11, 30), "open")
    item("九月已销号", date(2026, 9, 1), date(2026, 9, 20), "closed", date(2026, 9, 25))
    item("十一月发现", date(2026, 11, 3), date(2026, 11, 10), "open")


@pytest.fixture
def office(tmp_path):
    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.office.units import issue_enrollment, register_unit
    from qmsdesk.sync.keys import generate_office_keys

    keys = generate_office_keys()
    store = open_office_store(tmp_path / "office.db")
    folders = OfficeFolders(tmp_path / "office").ensure()
    with store.session() as s:
        unit = register_unit(s, hospital_code="H001", hospital_name="示例县人民医院", department_code="D012",
                             department_name="心血管内科", department_type="inpatient_medical", deadline_day=5)
        enrollment = issue_enrollment(s, unit, keys, tmp_path / "D012.enroll.json",
                                      inbox=str(folders.unit_inbox(unit.folder_name))).path
        inbox = folders.unit_inbox(unit.folder_name)
    inbox.mkdir(parents=True, exist_ok=True)
    yield store, folders, keys, enrollment, inbox
    store.close()


@pytest.fixture
def ward(tmp_path, office):
    """The ward enrolled with the office, its October recorded, submitted to the office's inbox."""
    from qmsdesk.services.month_package import submit
    from qmsdesk.sync.enrollment import enroll
    from qmsdesk.sync.keys import PassphraseFileStore
    from qmsdesk.sync.outbox import Outbox

    _store, _folders, _keys, enrollment, inbox = office
    path = tmp_path / "ward.db"
    keys = PassphraseFileStore(tmp_path / "keys.qmskey", "ward-passphrase")
    db = open_database(path, actor="王护士长")
    with db.session() as s:
        enroll(s, enrollment, store=keys)
        _seed(s)
    with db.session() as s:
        result = submit(s, PERIOD, "已逐条核实", folder=inbox, store=keys, outbox=Outbox(tmp_path / "outbox"))
    assert result.destination and not result.send_error
    db.close()
    return path, result


def _status_numbers(path: Path, cwd: Path) -> dict[str, int]:
    env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "qmsdesk", "status", "--db", str(path), "--period", PERIOD], env=env,
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    ledger = re.search(r"本月涉及 (\d+) 项，其中本月新增 (\d+) 项，本月销号 (\d+) 项", out).groups()
    end = re.search(r"截至 2026-10-31：未销号 (\d+) 项，其中超期 (\d+) 项", out).groups()
    assert "十月底到期十一月逾期销号" in out and "2026-11-08 才销号" in out
    return {"group_meetings": int(re.search(r"例会：已召开 (\d+) 次", out).group(1)),
            "entered": int(re.search(r"已填报 (\d+)/\d+ 项", out).group(1)),
            "applicable": int(re.search(r"已填报 \d+/(\d+) 项", out).group(1)),
            "events": int(re.search(r"不良事件：本月 (\d+) 例", out).group(1)),
            "in_month": int(ledger[0]), "raised": int(ledger[1]), "closed": int(ledger[2]),
            "open": int(end[0]), "overdue": int(end[1])}


def _cover_numbers(pdf: bytes) -> dict[str, int]:
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace(" ", "").replace("\n", "")

    def n(label: str) -> int:
        return int(re.search(re.escape(label) + r"(\d+)", text).group(1))

    entered = re.search(r"质量指标已填报(\d+)/(\d+)", text).groups()
    return {"group_meetings": n("其中质控小组例会"), "entered": int(entered[0]), "applicable": int(entered[1]),
            "events": n("不良事件（例）"), "in_month": n("整改事项（本月涉及，项）"), "raised": n("其中本月新增"),
            "closed": n("其中本月销号"), "open": n("截至2026-10-31未销号（项）"), "overdue": n("其中逾期")}


def _overview_numbers(workbook: bytes) -> dict[str, int]:
    rows = {str(a).strip(): b for a, b, *_ in load_workbook(io.BytesIO(workbook))["概览"].iter_rows(values_only=True)
            if a is not None}
    entered, applicable = (int(x) for x in rows["质量指标已填报"].split("/"))
    return {"group_meetings": rows["其中质控小组例会"], "entered": entered, "applicable": applicable,
            "events": rows["不良事件（例）"], "in_month": rows["整改事项（本月涉及，项）"], "raised": rows["其中本月新增"],
            "closed": rows["其中本月销号"], "open": rows["截至 2026-10-31 未销号（项）"], "overdue": rows["其中逾期"]}


def _dashboard_numbers(qtbot, path: Path) -> dict[str, int]:
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.pages.dashboard import DashboardPage

    ctx = AppContext(open_database(path, actor="王护士长"))
    ctx.background_loads = False
    try:
        page = DashboardPage(ctx, today=MONTH_END)
        qtbot.addWidget(page)
        page.refresh()
        cards = page.cards
        assert "截至 2026-10-31" in page.heading.text()
        ledger = re.search(r"截至 2026-10-31（今天）：未完成 (\d+) 项，其中逾期 (\d+) 项", cards["ledger"].detail.text())
        assert cards["ledger"].value.text() == f"逾期 {ledger.group(2)} 项"
        entered, applicable = cards["indicators"].value.text().split(" / ")
        return {"group_meetings": len(cards["meeting"].detail.text().split("、")), "entered": int(entered),
                "applicable": int(applicable), "open": int(ledger.group(1)), "overdue": int(ledger.group(2))}
    finally:
        ctx.close()


def _office_numbers(qtbot, office) -> dict[str, int]:
    from qmsdesk.office import importer
    from qmsdesk.office.units import confirm_key, find_unit
    from qmsdesk.ui.office.completeness_page import CompletenessPage
    from qmsdesk.ui.office.context import OfficeContext

    store, folders, keys, _enrollment, _inbox = office
    assert [r.outcome for r in importer.scan_inbox(store, folders, keys=keys)] == ["held"]  # a new key: confirm it
    with store.session() as s:
        unit = find_unit(s, "H001", "D012")
        confirm_key(s, unit, unit.pending_fingerprint)
    assert [r.outcome for r in importer.scan_inbox(store, folders, keys=keys)] == ["applied"]
    ctx = OfficeContext(store, folders, lambda: keys)
    try:
        page = CompletenessPage(ctx, today=date(2026, 11, 23))
        qtbot.addWidget(page)
        page.end.setCurrentText(PERIOD)
        page.refresh()
        page.wait_loaded()  # the grid is read on the store's worker
        page.grid.setCurrentIndex(page.grid.model().index(0, page.periods().index(PERIOD)))
        page.wait_loaded()  # and so is the chosen unit's month
        text = page.month_figures.text()
    finally:
        ctx.stop_worker()  # the store is the fixture's
    numbers = re.search(r"（截至 2026-10-31）：质控小组例会 (\d+) 次；已填报指标 (\d+) 项；不良事件 (\d+) 例；整改事项 (\d+) 项"
                        r"（本月新增 (\d+) 项，本月销号 (\d+) 项），月末未销号 (\d+) 项，其中逾期 (\d+) 项", text)
    assert numbers, text
    keys_ = ("group_meetings", "entered", "events", "in_month", "raised", "closed", "open", "overdue")
    return dict(zip(keys_, (int(x) for x in numbers.groups()), strict=True))


def test_one_month_reads_the_same_on_every_surface(qtbot, tmp_path, ward, office):
    from qmsdesk.sync.package import read_package

    path, result = ward
    package = read_package(result.package, office_key=office[2].encryption)
    surfaces = {
        "status": _status_numbers(path, tmp_path),
        "PDF cover": _cover_numbers(package.members["report.pdf"]),
        "workbook 概览": _overview_numbers(package.members["report.xlsx"]),
        "dashboard on 2026-10-31": _dashboard_numbers(qtbot, path),
        "office": _office_numbers(qtbot, office),
    }
    for name, numbers in surfaces.items():
        assert numbers == {k: EXPECTED[k] for k in numbers}, name
