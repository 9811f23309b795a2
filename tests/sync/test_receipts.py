"""Receipts: the office's signed answer, checked and applied — a returned month opens again."""

from __future__ import annotations

import json

import pytest
from sync_month import PERIOD

from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.errors import PeriodLockedError
from qmsdesk.periods import Period
from qmsdesk.services.submission import month_state, submit_month
from qmsdesk.sync.keys import generate_office_keys
from qmsdesk.sync.monthly import build_month_package, send_package
from qmsdesk.sync.outbox import Outbox
from qmsdesk.sync.receipts import ReceiptError, import_receipts, read_receipt, write_receipt


@pytest.fixture
def sent(session, month, enrolled, store):
    sub = submit_month(session, Period.parse(PERIOD))
    built = build_month_package(session, sub, store=store)
    send_package(session, built)
    return sub, built


def _receipt(folder, office_keys, built, status, comments=""):
    return write_receipt(folder, office_keys.signing, package_sha256=built.sha256, hospital_code="H001",
                         department_code="D012", period=PERIOD, version=1, status=status, comments=comments)


def test_an_accepted_receipt_marks_the_submission_accepted(session, sent, office_keys, tmp_path):
    sub, built = sent
    _receipt(tmp_path, office_keys, built, "accepted")
    [outcome] = import_receipts(session, tmp_path)
    assert outcome.applied and "已被质控办接收" in outcome.message
    assert sub.status == SubmissionStatus.ACCEPTED and month_state(session, Period.parse(PERIOD)).locked
    assert Outbox().entry(built.path.name).state == "accepted"
    [again] = import_receipts(session, tmp_path)
    assert not again.applied and "此前已导入" in again.message


def test_a_returned_receipt_reopens_the_month_with_the_comments(session, sent, office_keys, tmp_path, month):
    sub, built = sent
    session.commit()
    with pytest.raises(PeriodLockedError):
        month["meeting"].place = "护士站"
        session.flush()
    session.rollback()
    _receipt(tmp_path, office_keys, built, "returned", "跌倒发生率分母与床日数不符，请核对")
    [outcome] = import_receipts(session, tmp_path)
    assert outcome.applied and "重新打开" in outcome.message and "第 2 版" in outcome.message
    assert sub.status == SubmissionStatus.RETURNED and sub.comments == "跌倒发生率分母与床日数不符，请核对"
    assert not month_state(session, Period.parse(PERIOD)).locked
    month["meeting"].place = "护士站"  # editing the month is allowed again
    session.flush()
    assert Outbox().entry(built.path.name).state == "returned"
    assert submit_month(session, Period.parse(PERIOD)).version == 2


def test_a_receipt_not_signed_by_the_enrolled_office_is_not_applied(session, sent, tmp_path):
    sub, built = sent
    _receipt(tmp_path, generate_office_keys(), built, "accepted")
    [outcome] = import_receipts(session, tmp_path)
    assert not outcome.applied and "签名不符" in outcome.message
    assert sub.status == SubmissionStatus.SENT


def test_an_altered_receipt_is_refused(sent, office_keys, tmp_path):
    _sub, built = sent
    path = _receipt(tmp_path, office_keys, built, "returned", "请补充会议记录")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["status"] = "accepted"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReceiptError, match="签名不符"):
        read_receipt(path, office_keys.signing.public_key())


def test_a_receipt_for_another_package_changes_nothing(session, sent, office_keys, tmp_path):
    sub, _built = sent
    write_receipt(tmp_path, office_keys.signing, package_sha256="0" * 64, hospital_code="H001", department_code="D012",
                  period=PERIOD, version=1, status="accepted")
    [outcome] = import_receipts(session, tmp_path)
    assert not outcome.applied and "另一份文件" in outcome.message and sub.status == SubmissionStatus.SENT


def test_a_receipt_for_another_unit_is_skipped(session, sent, office_keys, tmp_path):
    _sub, built = sent
    write_receipt(tmp_path, office_keys.signing, package_sha256=built.sha256, hospital_code="H001",
                  department_code="D099", period=PERIOD, version=1, status="accepted")
    [outcome] = import_receipts(session, tmp_path)
    assert not outcome.applied and "D099" in outcome.message


def test_returning_needs_a_reason(office_keys, tmp_path):
    with pytest.raises(ReceiptError, match="原因"):
        write_receipt(tmp_path, office_keys.signing, package_sha256="a" * 64, hospital_code="H001",
                      department_code="D012", period=PERIOD, version=1, status="returned")


def test_submission_model_still_has_the_fields_receipts_use():
    assert {"comments", "file_hash", "status"} <= set(m.Submission.__table__.columns.keys())


def test_receipts_fetched_over_http_are_applied(session, sent, office_keys, tmp_path):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from qmsdesk.sync.transport import fetch_receipts

    sub, built = sent
    served = tmp_path / "served"
    served.mkdir()
    path = _receipt(served, office_keys, built, "accepted")
    seen = []

    class Office(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — the http.server API
            seen.append((self.path, self.headers["Authorization"]))
            if self.path.endswith("/receipts"):
                body = json.dumps([{"name": path.name, "sha256": built.sha256}]).encode()
            else:
                body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Office)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/qms"
        got = fetch_receipts(url, "tok-unit-1", tmp_path / "fetched")
        assert [p.name for p in got] == [path.name]
        assert fetch_receipts(url, "tok-unit-1", tmp_path / "fetched") == []  # only new ones are downloaded
    finally:
        server.shutdown()
        server.server_close()
    assert seen[0] == ("/qms/receipts", "Bearer tok-unit-1")
    [outcome] = import_receipts(session, tmp_path / "fetched")
    assert outcome.applied and sub.status == SubmissionStatus.ACCEPTED
