"""月度上报 page on the demo year: check a month, open what blocks it, submit through the dialog, amend, receipts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from uihelpers import table_texts, type_text

from qmsdesk.clock import today
from qmsdesk.periods import Period
from qmsdesk.services import submission
from qmsdesk.services.unit import get_unit
from qmsdesk.ui.main_window import MainWindow
from qmsdesk.ui.pages.submission import SubmissionPage

DEMO_LAST = "2026-10"  # the demo year ends here, not yet submitted


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path, actor="演示")
    with db.session() as s:
        generate(s, until=DEMO_LAST)  # the year fixed, so the months below do not move with the calendar
    db.close()
    return path


@pytest.fixture
def demo_ctx(_demo_template, tmp_path):
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    context = AppContext(open_database(path, actor=current_user()))
    context.background_loads = False
    yield context
    context.close()


@pytest.fixture
def key_store(monkeypatch, tmp_path):
    """keyrings.alt's file backend in tmp_path, chosen explicitly as a user's keyring config would (as tests/sync)."""
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    from qmsdesk.sync import keys

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setattr(keys, "_plaintext_accepted", False)
    saved = keyring.core._keyring_backend
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keys.use_keyring_backend(backend, accept_plaintext=True)
    yield keys.open_key_store()
    keyring.core._keyring_backend = saved


def _data_dir() -> Path:
    return Path(os.environ["QMSDESK_DATA_DIR"])


def _page(qtbot, ctx) -> SubmissionPage:
    page = SubmissionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _select(page: SubmissionPage, period: str) -> None:
    assert page.select_id(period), table_texts(page)


def _row(page: SubmissionPage, period: str) -> str:
    return next(t for t in table_texts(page) if t.startswith(period))


def _submit(qtbot, page: SubmissionPage, period: str, comment: str):
    _select(page, period)
    dialog = page.submit_form()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.target.to_outbox.setChecked(True)
    assert not dialog.submit_button.isEnabled()  # the demo month has warnings: a comment is needed first
    type_text(qtbot, dialog.comment, comment)
    assert dialog.submit_button.isEnabled()
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    return dialog.result_value


def test_the_page_opens_on_the_month_due_not_the_month_still_running(qtbot, demo_ctx, monkeypatch):
    from datetime import date

    from qmsdesk.ui.pages import submission as page_module

    monkeypatch.setattr(page_module, "today", lambda: date(2026, 11, 23))
    page = _page(qtbot, demo_ctx)
    assert str(page.selected_period()) == DEMO_LAST  # October is overdue; November runs until its end
    assert "截止日期 2026-11-05" in page.note.text()
    monkeypatch.setattr(page_module, "today", lambda: date(2026, 10, 20))  # September is accepted already
    assert _page(qtbot, demo_ctx).selected_period() == Period(2026, 10)


def test_a_month_without_a_group_meeting_is_blocked_and_its_row_opens_the_meetings_page(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("submission")
    month = str(Period.of(today()))  # after the demo year: nothing recorded, no meeting
    _select(page, month)
    report = page.check_selected()
    assert "no_group_meeting" in [i.code for i in report.errors]
    first = page.issues.item(0, 1)
    assert page.issues.item(0, 0).text() == "必须处理"
    assert "质控小组例会" in first.text() and first.foreground().color().name() == "#c62828"
    assert "必须先处理" in page.check_summary.text()

    page.issues.cellDoubleClicked.emit(0, 1)
    assert window.current_page().key == "meetings"
    assert window.sidebar.currentItem().text() == "会议记录"


def test_submitting_the_last_demo_month_through_the_dialog_locks_it_and_leaves_a_verified_package(
        qtbot, demo_ctx, key_store, _never_block):
    from qmsdesk.sync.outbox import Outbox
    from qmsdesk.sync.package import read_package, verify_package

    page = _page(qtbot, demo_ctx)
    assert _row(page, DEMO_LAST).startswith(f"{DEMO_LAST} | 未上报")
    result = _submit(qtbot, page, DEMO_LAST, "已核实：超期整改事项已与护理部沟通")
    assert result is not None, _never_block

    assert _row(page, DEMO_LAST).startswith(f"{DEMO_LAST} | 已上报 | 第 1 版")
    assert "已生成，待发送" in _row(page, DEMO_LAST)
    assert demo_ctx.read(submission.month_state, Period.parse(DEMO_LAST)).locked
    entries = Outbox(_data_dir() / "outbox").entries()
    assert [(e.period, e.version, e.state) for e in entries] == [(DEMO_LAST, 1, "built")]
    assert verify_package(entries[0].path).period == DEMO_LAST  # raises on any broken hash or signature
    notes = read_package(entries[0].path).data["notes"]["accepted_warnings"]
    assert notes["comment"] == "已核实：超期整改事项已与护理部沟通"
    told = [text for kind, _title, text in _never_block if kind == "info"]
    assert any(str(entries[0].path) in text for text in told)  # the user is told where the package is
    _select(page, DEMO_LAST)
    assert "已上报" in page.note.text() and entries[0].name in page.note.text()
    assert page.amend_button.isEnabled() and not page.submit_button.isEnabled()


def test_amending_needs_a_reason_and_makes_version_two(qtbot, demo_ctx, key_store):
    page = _page(qtbot, demo_ctx)
    assert _submit(qtbot, page, DEMO_LAST, "已核实") is not None
    _select(page, DEMO_LAST)
    dialog = page.amend_form()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.error_text("reason")  # empty reason refused
    assert demo_ctx.read(submission.month_state, Period.parse(DEMO_LAST)).version == 1
    type_text(qtbot, dialog.widgets["reason"], "跌倒漏报1例，补录")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)

    state = demo_ctx.read(submission.month_state, Period.parse(DEMO_LAST))
    assert (state.version, state.locked) == (2, False)
    assert _row(page, DEMO_LAST).startswith(f"{DEMO_LAST} | 草稿（更正中） | 第 2 版")
    _select(page, DEMO_LAST)
    versions = [page.versions.item(r, 0).text() + " " + page.versions.item(r, 1).text()
                for r in range(page.versions.rowCount())]
    assert versions == ["第 2 版 草稿（更正中）", "第 1 版 已被新版本替代"]
    assert page.versions.item(0, 7).text() == "跌倒漏报1例，补录"
    assert page.submit_button.isEnabled()


def _enrolled_and_submitted(qtbot, ctx, store, tmp_path, url=None):
    """Enroll the demo unit with a fresh office, submit the last demo month; returns (page, office, unit, result)."""
    from qmsdesk.sync.enrollment import enroll, write_enrollment
    from qmsdesk.sync.keys import generate_office_keys

    office = generate_office_keys()
    unit = ctx.read(get_unit)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    enrollment = write_enrollment(tmp_path / "enroll.json", office, hospital_code=unit.hospital_code,
                                  hospital_name=unit.hospital_name, department_code=unit.department_code,
                                  department_name=unit.department_name, department_type=unit.department_type,
                                  inbox=str(inbox), url=url, token="tok-card")
    ctx.write(lambda s: enroll(s, enrollment, store=store))
    page = _page(qtbot, ctx)
    result = _submit(qtbot, page, DEMO_LAST, "已核实")
    assert result is not None and result.encrypted
    return page, office, unit, result


def _returned(folder: Path, office, unit, result) -> Path:
    from qmsdesk.sync.receipts import write_receipt

    return write_receipt(folder, office.signing, package_sha256=result.sha256, hospital_code=unit.hospital_code,
                         department_code=unit.department_code, period=DEMO_LAST, version=1, status="returned",
                         comments="跌倒发生率分母与床日数不符，请核对")


def test_a_returned_receipt_shows_the_office_comment_and_reopens_the_month(qtbot, demo_ctx, key_store, tmp_path):
    page, office, unit, result = _enrolled_and_submitted(qtbot, demo_ctx, key_store, tmp_path)
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    _returned(receipts, office, unit, result)
    outcomes = page.import_receipts(receipts)
    assert [o.applied for o in outcomes] == [True]

    row = _row(page, DEMO_LAST)
    assert row.startswith(f"{DEMO_LAST} | 已退回 | 第 1 版") and "跌倒发生率分母与床日数不符" in row
    assert "质控办已退回" in row  # the outbox package's state follows the receipt
    _select(page, DEMO_LAST)
    assert "跌倒发生率分母与床日数不符" in page.note.text() and "第 2 版" in page.note.text()
    assert not demo_ctx.read(submission.month_state, Period.parse(DEMO_LAST)).locked
    assert page.submit_button.isEnabled() and not page.amend_button.isEnabled()
    reopened = _page(qtbot, demo_ctx)  # next time the page opens, the returned month is the one shown
    assert str(reopened.selected_period()) == DEMO_LAST and "跌倒发生率分母与床日数不符" in reopened.note.text()


def test_receipts_are_downloaded_from_the_office_receiver_with_the_unit_token(qtbot, demo_ctx, key_store, tmp_path):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    served = tmp_path / "served"
    served.mkdir()
    tokens: list[str | None] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            tokens.append(self.headers.get("Authorization"))
            if self.path == "/qms/receipts":
                body = json.dumps([{"name": p.name} for p in served.iterdir()]).encode()
            else:
                body = (served / Path(self.path).name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/qms"
        page, office, unit, result = _enrolled_and_submitted(qtbot, demo_ctx, key_store, tmp_path, url=url)
        _returned(served, office, unit, result)
        page._receipt_sources()
        assert page.fetch_action.isEnabled()
        outcomes = page.download_receipts()
    finally:
        server.shutdown()
        server.server_close()
    assert [o.applied for o in outcomes] == [True]
    assert set(tokens) == {"Bearer tok-card"}
    assert _row(page, DEMO_LAST).startswith(f"{DEMO_LAST} | 已退回")


def test_a_warning_row_opens_the_ledger_with_that_item_selected(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("submission")
    _select(page, DEMO_LAST)
    report = page.check_selected()
    assert not report.errors and report.warnings
    row = next(r for r in range(page.issues.rowCount()) if page.issues.issue_at(r).kind == "rectification_item")
    assert page.issues.item(row, 0).text() == "提示" and page.issues.item(row, 2).text() == "整改台账"
    page.issues.cellDoubleClicked.emit(row, 1)
    ledger = window.current_page()
    assert ledger.key == "ledger"
    assert ledger.selected_row()["id"] == page.issues.issue_at(row).record_id.replace("-", "")


def test_a_package_kept_in_the_outbox_can_be_sent_to_a_usb_folder_later(qtbot, demo_ctx, key_store, tmp_path,
                                                                         _never_block):
    page = _page(qtbot, demo_ctx)
    result = _submit(qtbot, page, DEMO_LAST, "已核实")
    assert result is not None
    _select(page, DEMO_LAST)
    assert page.resend_button.isEnabled()
    stick = tmp_path / "usb"
    stick.mkdir()
    sent = page.send_again(Period.parse(DEMO_LAST), str(stick), None)
    assert sent is not None and (stick / result.package.name).is_file()
    row = _row(page, DEMO_LAST)
    assert row.startswith(f"{DEMO_LAST} | 已发送 | 第 1 版") and "| 已发送 |" in row

    missing = tmp_path / "no-such-stick"
    assert page.send_again(Period.parse(DEMO_LAST), str(missing), None) is None
    kind, title, text = _never_block[-1]
    assert (kind, title) == ("error", "发送没有成功") and "发件箱" in text  # told why, and that the package is kept
    assert result.package.is_file()


def test_cancelling_the_progress_dialog_leaves_the_month_open_and_the_outbox_empty(
        qtbot, demo_ctx, key_store, _never_block, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from qmsdesk.reports import workbook as workbook_module
    from qmsdesk.ui.jobs import JobDialog

    # The workbook is being written when the user clicks Cancel (a fast machine finishes before anyone could).
    clicked, write_workbook = threading.Event(), workbook_module.build_workbook

    def slow_workbook(content):
        clicked.wait(30)
        return write_workbook(content)

    monkeypatch.setattr(workbook_module, "build_workbook", slow_workbook)

    # Progress dialogs of earlier tests may linger among the top-level widgets: Cancel goes to this submit's own.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, JobDialog)}

    def cancel() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, JobDialog) and id(w) not in earlier), None)
        if dialog is None:
            QTimer.singleShot(5, cancel)
            return
        dialog.cancel()  # the progress dialog's Cancel button
        clicked.set()

    QTimer.singleShot(0, cancel)
    page = _page(qtbot, demo_ctx)
    assert _submit(qtbot, page, DEMO_LAST, "已核实") is None
    assert ("info", "已取消", "已取消上报，本月没有锁定。") in _never_block
    assert not demo_ctx.read(submission.month_state, Period.parse(DEMO_LAST)).locked
    assert not list((_data_dir() / "outbox").glob("*.qmspkg"))
    assert _row(page, DEMO_LAST).startswith(f"{DEMO_LAST} | 未上报")


def test_a_missing_indicator_row_opens_the_entry_grid_at_that_month(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("submission")
    month = str(Period.of(today()))
    _select(page, month)
    page.check_selected()
    row = next(r for r in range(page.issues.rowCount()) if page.issues.issue_at(r).code == "indicator_missing")
    assert page.issues.item(row, 2).text() == "质量指标"
    page.issues.cellDoubleClicked.emit(row, 1)
    indicators = window.current_page()
    assert indicators.key == "indicators"
    assert indicators.tabs.currentWidget() is indicators.grid and indicators.grid.month.currentText() == month


def test_locking_a_month_makes_its_indicator_grid_read_only_without_reopening_the_page(qtbot, demo_ctx, key_store):
    """The stale lock: after 月度上报 locks October, the 质量指标 grid already open on October turns read-only."""
    from qmsdesk.ui.indicator_grid import NUMERATOR

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    indicators = window.show_page("indicators")
    grid = indicators.grid
    grid.month.setCurrentText(DEMO_LAST)
    fall = grid.model.index(grid.model.row_of("NUR-FALL"), NUMERATOR)
    assert grid.model.flags(fall) & Qt.ItemFlag.ItemIsEditable  # October is still open

    page = window.show_page("submission")
    assert _submit(qtbot, page, DEMO_LAST, "已核实") is not None
    window.show_page("indicators")  # back to the page already open, on the same month
    assert grid.month.currentText() == DEMO_LAST
    fall = grid.model.index(grid.model.row_of("NUR-FALL"), NUMERATOR)
    assert not grid.model.flags(fall) & Qt.ItemFlag.ItemIsEditable
    assert "已锁定" in grid.info.text()

    _select(page, DEMO_LAST)  # amending reopens the month: the grid follows again
    window.show_page("submission")
    dialog = page.amend_form()
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.widgets["reason"], "跌倒漏报1例，补录")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    window.show_page("indicators")
    fall = grid.model.index(grid.model.row_of("NUR-FALL"), NUMERATOR)
    assert grid.model.flags(fall) & Qt.ItemFlag.ItemIsEditable
