"""Authorisations: grant, suspend, revoke, reinstate, and expiry warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.services import authorisations as svc


def grant(session, person, **over):
    values = dict(staff_id=person.id, item="PICC置管", level="独立操作", granted_on=date(2025, 6, 1),
                  expires_on=date(2027, 5, 31), basis="理论及操作考核合格")
    values.update(over)
    return svc.grant_authorisation(session, **values)


def test_grant_is_active(session, nurse):
    a = grant(session, nurse)
    assert a.status == "active" and svc.is_authorised(session, nurse.id, "PICC置管", on=date(2026, 1, 1))
    assert not svc.is_authorised(session, nurse.id, "PICC置管", on=date(2027, 6, 1))


def test_expiry_must_follow_grant(session, nurse):
    with pytest.raises(ValidationError) as err:
        grant(session, nurse, expires_on=date(2025, 6, 1))
    assert err.value.fields == ["expires_on"] and "有效期" in str(err.value)


def test_grant_in_future_and_missing_fields_refused(session, nurse):
    with pytest.raises(ValidationError) as err:
        grant(session, nurse, item=" ", granted_on=today() + timedelta(days=1), expires_on=None)
    assert set(err.value.fields) == {"item", "granted_on"}


def test_same_item_twice_refused_until_revoked(session, nurse):
    a = grant(session, nurse)
    with pytest.raises(ValidationError) as err:
        grant(session, nurse)
    assert err.value.fields == ["item"] and "已有" in str(err.value)
    svc.revoke_authorisation(session, a.id, reason="连续两次操作考核不合格")
    assert grant(session, nurse).status == "active"


def test_suspend_and_reinstate(session, nurse):
    a = grant(session, nurse)
    with pytest.raises(ValidationError) as err:
        svc.suspend_authorisation(session, a.id, reason="")
    assert err.value.fields == ["reason"]
    svc.suspend_authorisation(session, a.id, reason="发生导管相关不良事件，待复核", on=date(2026, 3, 1))
    assert a.status == "suspended" and "2026-03-01 暂停：发生导管相关不良事件" in a.basis
    svc.reinstate_authorisation(session, a.id)
    assert a.status == "active"


def test_revoked_is_final(session, nurse):
    a = grant(session, nurse)
    svc.revoke_authorisation(session, a.id, reason="调离岗位")
    for action in (svc.reinstate_authorisation, svc.suspend_authorisation, svc.revoke_authorisation):
        with pytest.raises(ValidationError) as err:
            action(session, a.id, reason="再试")
        assert "取消" in str(err.value)


def test_reinstating_active_is_refused(session, nurse):
    a = grant(session, nurse)
    with pytest.raises(ValidationError) as err:
        svc.reinstate_authorisation(session, a.id)
    assert "有效" in str(err.value)


def test_status_not_changeable_by_update(session, nurse):
    a = grant(session, nurse)
    with pytest.raises(TypeError):
        svc.update_authorisation(session, a.id, status="revoked")
    svc.update_authorisation(session, a.id, level="带教")
    assert a.level == "带教"
    with pytest.raises(ValidationError):
        svc.update_authorisation(session, a.id, expires_on=date(2025, 1, 1))


def test_expiring_within(session, nurse, doctor):
    soon = grant(session, nurse, expires_on=today() + timedelta(days=20))
    grant(session, nurse, item="血液净化", expires_on=today() + timedelta(days=90))
    late = grant(session, doctor, item="冠脉介入", expires_on=today() - timedelta(days=1))
    suspended = grant(session, doctor, item="起搏器植入", expires_on=today() + timedelta(days=5))
    svc.suspend_authorisation(session, suspended.id, reason="复核")
    assert svc.expiring_within(session, 30) == [soon]
    assert svc.expired(session) == [late]
    assert len(svc.list_authorisations(session, staff_id=doctor.id)) == 2


def test_delete_and_restore(session, nurse):
    a = grant(session, nurse)
    svc.delete_authorisation(session, a.id)
    assert svc.list_authorisations(session) == []
    svc.restore_authorisation(session, a.id)
    assert svc.list_authorisations(session, status="active") == [a]


def test_the_pages_rows_say_how_many_days_are_left_and_which_are_due(session, nurse):
    """授权管理's rows, once worked out by the page: due within 30 days, past due while still active."""
    grant(session, nurse, item="PICC置管", expires_on=date(2026, 12, 1))
    grant(session, nurse, item="CRRT", expires_on=date(2026, 10, 31))
    grant(session, nurse, item="气管插管", expires_on=date(2027, 5, 31))
    rows = {r.item: r for r in svc.authorisation_rows(session, as_of=date(2026, 11, 10))}
    assert (rows["PICC置管"].days_left, rows["PICC置管"].due) == (21, "expiring")
    assert (rows["CRRT"].days_left, rows["CRRT"].due) == (-10, "expired")
    assert rows["气管插管"].due == ""
    svc.suspend_authorisation(session, rows["CRRT"].id, reason="暂停", on=date(2026, 11, 1))
    assert {r.item: r.due for r in svc.authorisation_rows(session, as_of=date(2026, 11, 10))}["CRRT"] == ""
