"""The audit log: every create, update and delete through the services, readable, and append-only."""

from __future__ import annotations

import inspect as pyinspect
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from qmsdesk.db import models as m
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import set_language
from qmsdesk.services import audit, ledger
from qmsdesk.services import staff as staff_service
from qmsdesk.services.base import today


def test_create_update_delete_recorded_with_actor_and_values(session, nurse):
    staff_service.update_staff(session, nurse.id, title="副主任护师", nursing_level="N4")
    staff_service.delete_staff(session, nurse.id)
    staff_service.restore_staff(session, nurse.id)
    life = audit.history(session, nurse.id)
    assert [r.action for r in life] == ["create", "update", "delete", "restore"]
    assert {r.actor for r in life} == {"测试护士长"}
    created = {c.field: c.new for c in life[0].changes}
    assert created["name"] == "李娜" and created["employee_no"] == "N001"
    update = {c.field: (c.old, c.new) for c in life[1].changes}
    assert update == {"title": ("主管护师", "副主任护师"), "nursing_level": ("N3", "N4")}
    assert [(c.field, c.old, c.new) for c in life[2].changes] == [("deleted", False, True)]


def test_readable_labels_names_and_statuses(session, nurse, head_nurse):
    item = ledger.create_item(session, source_kind="office", category="文书", problem="护理记录缺签名",
                              found_on=date(2026, 3, 1), deadline=date(2026, 3, 31), responsible_id=nurse.id)
    ledger.start_work(session, item.id)
    ledger.update_item(session, item.id, responsible_id=head_nurse.id)
    newest_first = audit.entries(session, record_id=str(item.id))
    change = newest_first[0].changes[0]
    assert (change.label, change.old_text, change.new_text) == ("责任人", "李娜", "王芳")
    status = newest_first[1].changes[0]
    assert (status.label, status.old_text, status.new_text) == ("状态", "待整改", "整改中")
    assert newest_first[1].lines()[1] == "    状态：待整改 → 整改中"
    assert newest_first[0].table_label == "整改台账" and newest_first[0].action_label == "修改"


def test_labels_follow_language(session, nurse):
    set_language("en")
    try:
        record = audit.history(session, nurse.id)[0]
        labels = {c.field: c.label for c in record.changes}
        assert labels["employee_no"] == "employee number" and record.action_label == "created"
    finally:
        set_language("zh_CN")


def test_entries_filters(session, nurse, doctor):
    assert len(audit.entries(session, table="staff")) == 2
    assert len(audit.entries(session, limit=1)) == 1
    assert audit.entries(session, since=today() + timedelta(days=1)) == []
    assert len(audit.entries(session, since=today())) >= 2
    assert [r.record_id for r in audit.entries(session, record_id=doctor.id)] == [str(doctor.id)]


def test_audit_service_offers_no_way_to_change_rows():
    public = [name for name, obj in pyinspect.getmembers(audit, pyinspect.isfunction)
              if obj.__module__ == audit.__name__ and not name.startswith("_")]
    assert public and not [n for n in public if any(w in n for w in ("edit", "update", "delete", "remove",
                                                                       "purge", "set", "clear", "write"))]


def test_modifying_an_audit_row_is_refused(db):
    with db.session() as s:
        staff_service.create_staff(s, name="周敏", employee_no="N300", profession="nurse")
    with pytest.raises(ValidationError) as err, db.session() as s:
        row = s.scalars(select(m.AuditEntry)).first()
        row.actor = "someone else"
        s.flush()
    assert "审计日志" in str(err.value)
    with pytest.raises(ValidationError), db.session() as s:
        s.delete(s.scalars(select(m.AuditEntry)).first())
        s.flush()
    with db.session() as s:
        assert "someone else" not in {r.actor for r in audit.entries(s)}
