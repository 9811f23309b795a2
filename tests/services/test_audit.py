"""The audit log: every create, update and delete through the services, readable, and append-only."""

from __future__ import annotations

import inspect as pyinspect
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import set_language
from qmsdesk.services import audit, ledger
from qmsdesk.services import staff as staff_service


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


def _meeting(s, nurse):
    from qmsdesk.services import meetings

    row = meetings.create_meeting(s, kind="group_monthly", date=date(2026, 3, 5))
    return row, lambda: meetings.update_meeting(s, row.id, place="示教室"), lambda: meetings.delete_meeting(s, row.id)


def _event(s, nurse):
    from datetime import datetime

    from qmsdesk.services import events

    row = events.report_event(s, occurred_at=datetime(2026, 3, 5, 8), category="fall", grade="IV", description="险情")
    return row, lambda: events.update_event(s, row.id, grade="III"), lambda: events.delete_event(s, row.id)


def _authorisation(s, nurse):
    from qmsdesk.services import authorisations

    row = authorisations.grant_authorisation(s, staff_id=nurse.id, item="PICC维护", granted_on=date(2026, 1, 1))
    return (row, lambda: authorisations.suspend_authorisation(s, row.id, reason="复核"),
            lambda: authorisations.delete_authorisation(s, row.id))


def _training(s, nurse):
    from qmsdesk.services import training

    row = training.create_training_session(s, topic="院感", category="infection_control", hours=1, date=date(2026, 3, 5))
    return (row, lambda: training.update_training_session(s, row.id, hours=1.5),
            lambda: training.delete_training_session(s, row.id))


def _item(s, nurse):
    row = ledger.create_item(s, source_kind="other", category="设备", problem="监护仪报警未开", found_on=date(2026, 3, 5),
                             deadline=date(2026, 3, 20))
    return row, lambda: ledger.start_work(s, row.id), lambda: ledger.delete_item(s, row.id)


@pytest.mark.parametrize("make", [_meeting, _event, _authorisation, _training, _item])
def test_every_area_is_audited(session, nurse, make):
    row, change, remove = make(session, nurse)
    change()
    remove()
    life = audit.history(session, row.id)
    assert [r.action for r in life] == ["create", "update", "delete"]
    assert all(r.actor == "测试护士长" for r in life)
    assert all(c.old != c.new for c in life[1].changes) and life[1].changes
