"""Quality group membership: roles, dates, one leader at a time."""

from __future__ import annotations

from datetime import date

import pytest

from qmsdesk.errors import ValidationError
from qmsdesk.services import group as svc


def test_members_listed_leader_first(session, nurse, doctor, head_nurse):
    svc.add_member(session, staff_id=nurse.id, role="controller", start_date=date(2025, 1, 1))
    svc.add_member(session, staff_id=doctor.id, role="leader", start_date=date(2025, 1, 1))
    svc.add_member(session, staff_id=head_nurse.id, role="deputy", start_date=date(2025, 1, 1))
    assert [g.staff for g in svc.list_members(session)] == [doctor, head_nurse, nurse]


def test_end_before_start_refused(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.add_member(session, staff_id=nurse.id, role="member", start_date=date(2025, 5, 1),
                       end_date=date(2025, 4, 1))
    assert err.value.fields == ["end_date"]


def test_one_leader_at_a_time(session, nurse, doctor):
    svc.add_member(session, staff_id=doctor.id, role="leader", start_date=date(2025, 1, 1),
                   end_date=date(2025, 12, 31))
    with pytest.raises(ValidationError) as err:
        svc.add_member(session, staff_id=nurse.id, role="leader", start_date=date(2025, 6, 1))
    assert err.value.fields == ["role"] and "组长" in str(err.value)
    svc.add_member(session, staff_id=nurse.id, role="leader", start_date=date(2026, 1, 1))


def test_same_person_twice_at_once_refused(session, nurse):
    row = svc.add_member(session, staff_id=nurse.id, role="member", start_date=date(2025, 1, 1))
    with pytest.raises(ValidationError) as err:
        svc.add_member(session, staff_id=nurse.id, role="controller", start_date=date(2025, 3, 1))
    assert "李娜" in str(err.value)
    svc.end_membership(session, row.id, date(2025, 2, 28))
    svc.add_member(session, staff_id=nurse.id, role="controller", start_date=date(2025, 3, 1))
    assert len(svc.list_members(session, include_past=True)) == 2
    assert svc.list_members(session, on=date(2025, 2, 1))[0].role == "member"


def test_unknown_staff_and_role_refused(session):
    import uuid

    with pytest.raises(ValidationError) as err:
        svc.add_member(session, staff_id=uuid.uuid4(), role="king", start_date=date(2025, 1, 1))
    assert set(err.value.fields) == {"staff_id", "role"}


def test_remove_and_restore(session, nurse):
    row = svc.add_member(session, staff_id=nurse.id, role="member", start_date=date(2025, 1, 1))
    svc.remove_member(session, row.id)
    assert svc.list_members(session) == []
    svc.restore_member(session, row.id)
    assert svc.list_members(session) == [row]
    with pytest.raises(TypeError):
        svc.update_member(session, row.id, deleted=True)
