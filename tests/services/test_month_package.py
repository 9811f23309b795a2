"""Submitting a month end to end: refusals leave it open; a submission locks it, builds a verifiable package."""

from __future__ import annotations

import io
from datetime import date

import pytest
from month_records import FULL_RECORD_NO, PERIOD, seed_month
from openpyxl import load_workbook

from qmsdesk.db import models as m
from qmsdesk.errors import PeriodLockedError
from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.services.month_package import (
    SubmissionBlocked,
    SubmitCancelled,
    WarningsNotAccepted,
    build_reports,
    submit,
)
from qmsdesk.sync.package import read_package, verify_package


@pytest.fixture
def store(monkeypatch, tmp_path):
    """keyrings.alt's file backend in tmp_path, chosen explicitly as a user's keyring config would."""
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    from qmsdesk.sync import keys

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(keys, "_plaintext_accepted", False)
    saved = keyring.core._keyring_backend
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keys.use_keyring_backend(backend, accept_plaintext=True)
    yield keys.open_key_store()
    keyring.core._keyring_backend = saved


@pytest.fixture
def outbox(tmp_path):
    from qmsdesk.sync.outbox import Outbox

    return Outbox(tmp_path / "outbox")


def test_blocking_errors_refuse_and_leave_the_month_open(db, store, outbox):
    with db.session() as s:
        seed_month(s, complete=False)
    with pytest.raises(SubmissionBlocked) as err, db.session() as s:
        submit(s, PERIOD, "已核实", store=store, outbox=outbox)
    assert "no_group_meeting" in [i.code for i in err.value.report.errors]
    assert "质控小组例会" in str(err.value)
    with db.session() as s:
        assert not submission.month_state(s, Period.parse(PERIOD)).locked
    assert not list(outbox.root.glob("*.qmspkg"))


def test_warnings_without_a_comment_refuse_and_lock_nothing(db, store, outbox):
    with db.session() as s:
        seed_month(s)
    for comment in (None, "  "):
        with pytest.raises(WarningsNotAccepted) as err, db.session() as s:
            submit(s, PERIOD, comment, store=store, outbox=outbox, charts=False)
        assert "--accept-warnings" in str(err.value) and err.value.report.warnings
    with db.session() as s:
        assert not submission.month_state(s, Period.parse(PERIOD)).locked
    assert not list(outbox.root.glob("*.qmspkg"))


def test_cover_workbook_and_data_say_the_same_about_the_accepted_warnings(db, store, outbox):
    from pypdf import PdfReader

    with db.session() as s:
        seed_month(s)
    with db.session() as s:
        result = submit(s, PERIOD, "跌倒上升已核实，已加强夜班巡视", store=store, outbox=outbox, charts=False)
    contents = read_package(result.package)
    notes = contents.data["notes"]
    accepted = notes["accepted_warnings"]
    assert (accepted["state"], accepted["accepted_by"]) == ("accepted", "测试护士长")
    assert notes["time_zone"] == "Asia/Shanghai"
    when = accepted["accepted_at"][:16].replace("T", " ")
    said = f"{len(accepted['warnings'])} 条提示已由 测试护士长 于 {when} 核实确认，说明：“跌倒上升已核实，已加强夜班巡视”"
    cover = PdfReader(io.BytesIO(contents.members["report.pdf"])).pages[0].extract_text().replace("\n", "")
    assert said in cover
    overview = {r[0]: r[1] for r in load_workbook(io.BytesIO(contents.members["report.xlsx"]))["概览"]
                .iter_rows(values_only=True)}
    assert said in overview["确认情况"]
    assert (overview["确认人"], overview["确认时间"], overview["确认说明"]) == (
        "测试护士长", when, "跌倒上升已核实，已加强夜班巡视")


def test_submit_locks_the_month_and_builds_a_signed_package_with_reports(db, store, outbox):
    steps = []
    with db.session() as s:
        seed_month(s)
    with db.session() as s:
        result = submit(s, PERIOD, "跌倒上升已核实", store=store, outbox=outbox,
                        progress=lambda n, total, label: steps.append((n, total, label)))
    assert [n for n, _, _ in steps] == list(range(1, 6)) and all(t == 5 for _, t, _ in steps)
    assert all(label for _, _, label in steps)
    assert result.package.parent == outbox.root and not result.encrypted
    verified = verify_package(result.package)
    assert verified.period == PERIOD and verified.version == 1
    contents = read_package(result.package)
    assert set(contents.members) == {"data.json", "report.xlsx", "report.pdf"}
    accepted = contents.data["notes"]["accepted_warnings"]
    assert accepted["comment"] == "跌倒上升已核实" and accepted["warnings"]
    wb = load_workbook(io.BytesIO(contents.members["report.xlsx"]))
    assert "跌倒上升已核实" in [c.value for row in wb["概览"].iter_rows() for c in row]
    assert FULL_RECORD_NO.encode() not in contents.members["data.json"]
    with db.session() as s:
        state = submission.month_state(s, Period.parse(PERIOD))
        assert state.locked and state.submission.file_hash == result.sha256
        assert state.submission.package_path == str(result.package)
    with db.session() as s:
        s.add(m.Meeting(kind="safety", date=date(2026, 10, 30)))
        with pytest.raises(PeriodLockedError):
            s.flush()
        s.rollback()


def test_cancel_stops_before_anything_is_locked(db, store, outbox):
    with db.session() as s:
        seed_month(s)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 3

    with pytest.raises(SubmitCancelled), db.session() as s:
        submit(s, PERIOD, "ok", store=store, outbox=outbox, cancel=cancel)
    with db.session() as s:
        assert not submission.month_state(s, Period.parse(PERIOD)).locked


def test_amended_month_goes_out_as_version_two_with_its_reason(db, store, outbox):
    with db.session() as s:
        seed_month(s)
    with db.session() as s:
        submit(s, PERIOD, "ok", store=store, outbox=outbox)
    with db.session() as s:
        submission.amend_month(s, Period.parse(PERIOD), "补录一例不良事件")
    with db.session() as s:
        result = submit(s, PERIOD, "ok", store=store, outbox=outbox)
    assert result.version == 2 and result.package.name.endswith("_v2.qmspkg")
    data = read_package(result.package).data
    assert data["notes"]["amend_reason"] == "补录一例不良事件"


def test_send_to_folder_and_a_missing_folder_keeps_the_package(db, store, outbox, tmp_path):
    with db.session() as s:
        seed_month(s)
    with db.session() as s:
        result = submit(s, PERIOD, "ok", store=store, outbox=outbox, folder=tmp_path / "no-such-stick")
    assert result.send_error and "不存在" in result.send_error
    assert result.package.is_file()
    with db.session() as s:
        assert submission.month_state(s, Period.parse(PERIOD)).status == "submitted"
        from qmsdesk.services.month_package import send_submitted

        stick = tmp_path / "stick"
        stick.mkdir()
        again = send_submitted(s, PERIOD, folder=stick, outbox=outbox)
    assert again.send_error is None and (stick / result.package.name).is_file()
    with db.session() as s:
        assert submission.month_state(s, Period.parse(PERIOD)).status == "sent"


def test_enrolled_unit_package_is_encrypted_to_the_office(db, store, outbox, tmp_path):
    from qmsdesk.sync.enrollment import enroll, write_enrollment
    from qmsdesk.sync.keys import generate_office_keys

    office = generate_office_keys()
    with db.session() as s:
        seed_month(s)
    path = write_enrollment(tmp_path / "enroll.json", office, hospital_code="H001", hospital_name="示例县人民医院",
                            department_code="D012", department_name="心血管内科", department_type="inpatient_medical",
                            inbox=str(tmp_path), deadline_day=5, office_name="质控办")
    with db.session() as s:
        enroll(s, path, store=store)
    with db.session() as s:
        result = submit(s, PERIOD, "ok", store=store, outbox=outbox)
    assert result.encrypted
    assert read_package(result.package).data is None  # without the office key nothing opens
    opened = read_package(result.package, office_key=office.encryption)
    assert opened.data["records"]["meetings"] and b"%PDF" in opened.members["report.pdf"][:8]


def test_reports_preview_without_submitting(session):
    seed_month(session)
    reports = build_reports(session, PERIOD)
    assert reports.pdf.startswith(b"%PDF") and reports.workbook[:2] == b"PK"
    assert not submission.month_state(session, Period.parse(PERIOD)).locked


def test_licence_numbers_and_gender_imported_with_the_roster_stay_at_the_ward(db, store, outbox, tmp_path):
    """执业证书号 is kept for the ward's own records; nothing sent to the office carries it (or the gender)."""
    from pypdf import PdfReader
    from sheet_shapes import excel_sheet

    from qmsdesk.services.staff_import import import_staff

    licences = {"N001": "201011000001", "D001": "110330000000002", "N002": "201811000003"}
    with db.session() as s:
        seed_month(s)
    roster = excel_sheet(tmp_path / "名单.xlsx", "名单", ["姓名", "工号", "性别", "执业证书号"], [
        ["王护士长", "N001", "女", licences["N001"]], ["李主任", "D001", "男", licences["D001"]],
        ["张𠮷", "N002", "女", licences["N002"]]])
    with db.session() as s:
        assert import_staff(s, roster).updated == 3
    with db.session() as s:
        result = submit(s, PERIOD, "已核实", store=store, outbox=outbox)
    contents = read_package(result.package)
    data = contents.members["data.json"].decode("utf-8")
    assert "王护士长" in data and "李主任" in data, "the staff travel (by name and number) …"
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(contents.members["report.pdf"])).pages)
    assert "王护士长" in pdf_text
    workbook = load_workbook(io.BytesIO(contents.members["report.xlsx"]))
    cells = " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value)
    for number in licences.values():  # … but not their licence numbers, in any member or in the package bytes
        assert number not in data and number not in pdf_text and number not in cells
        assert number.encode() not in result.package.read_bytes()
    for staff_row in contents.data["records"]["staff"].values():
        assert set(staff_row) == {"id", "deleted", "name", "employee_no", "title"}
