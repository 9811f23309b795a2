"""Receipts: the office's signed answer, checked and applied — a returned month opens again."""

from __future__ import annotations

import json

import pytest
from sync_month import PERIOD

from qmsdesk.db import models as m
from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.errors import PeriodLockedError
from qmsdesk.services.submission import month_state, submit_month
from qmsdesk.sync.keys import generate_office_keys
from qmsdesk.sync.monthly import build_month_package, send_package
from qmsdesk.sync.outbox import Outbox
from qmsdesk.sync.receipts import ReceiptError, import_receipts, read_receipt, write_receipt


@pytest.fixture
def sent(session, month, enrolled, store):
    sub = submit_month(session, PERIOD)
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
    assert sub.status == SubmissionStatus.ACCEPTED and month_state(session, PERIOD).locked
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
    assert not month_state(session, PERIOD).locked
    month["meeting"].place = "护士站"  # editing the month is allowed again
    session.flush()
    assert Outbox().entry(built.path.name).state == "returned"
    assert submit_month(session, PERIOD).version == 2


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
