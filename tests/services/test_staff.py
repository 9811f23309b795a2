"""Staff list rules: required fields, unique employee numbers among live staff, soft delete."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qmsdesk.clock import today
from qmsdesk.errors import ValidationError
from qmsdesk.services import staff as svc


def test_create_staff_fills_pinyin_initials(session):
    person = svc.create_staff(session, name=" 张伟 ", employee_no="D009", profession="doctor")
    assert (person.name, person.pinyin_initials, person.active) == ("张伟", "zw", True)


def test_required_fields_reported_together(session):
    with pytest.raises(ValidationError) as err:
        svc.create_staff(session, name="", employee_no=" ", profession="wizard")
    assert set(err.value.fields) == {"name", "employee_no", "profession"}
    assert "请填写姓名" in str(err.value) and "请填写工号" in str(err.value)


def test_employee_number_unique_among_live_staff(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.create_staff(session, name="李四", employee_no="N001", profession="nurse")
    assert err.value.fields == ["employee_no"] and "N001" in str(err.value)
    svc.delete_staff(session, nurse.id)
    again = svc.create_staff(session, name="李四", employee_no="N001", profession="nurse")
    with pytest.raises(ValidationError):
        svc.restore_staff(session, nurse.id)
    svc.delete_staff(session, again.id)
    assert svc.restore_staff(session, nurse.id).deleted is False


def test_nursing_level_only_for_nurses(session):
    with pytest.raises(ValidationError) as err:
        svc.create_staff(session, name="赵医生", employee_no="D100", profession="doctor", nursing_level="N2")
    assert err.value.fields == ["nursing_level"] and "护士" in str(err.value)
    with pytest.raises(ValidationError):
        svc.create_staff(session, name="钱护士", employee_no="N100", profession="nurse", nursing_level="N7")


def test_hire_date_in_future_refused(session):
    with pytest.raises(ValidationError) as err:
        svc.create_staff(session, name="孙", employee_no="N200", profession="nurse",
                         hire_date=today() + timedelta(days=3))
    assert err.value.fields == ["hire_date"]


def test_update_validates_merged_record(session, nurse, doctor):
    with pytest.raises(ValidationError) as err:
        svc.update_staff(session, nurse.id, employee_no="D001")
    assert err.value.fields == ["employee_no"]
    with pytest.raises(ValidationError):
        svc.update_staff(session, doctor.id, nursing_level="N1")
    svc.update_staff(session, nurse.id, name="李娜娜", title="副主任护师")
    assert nurse.pinyin_initials == "lnn" and nurse.title == "副主任护师"


def test_update_refuses_unknown_fields(session, nurse):
    with pytest.raises(TypeError):
        svc.update_staff(session, nurse.id, salary=1)
    with pytest.raises(TypeError):
        svc.update_staff(session, nurse.id, id=None)


def test_leaving_date_not_before_hire(session, nurse):
    with pytest.raises(ValidationError) as err:
        svc.mark_left(session, nurse.id, date(2010, 1, 1))
    assert err.value.fields == ["left_on"]
    svc.mark_left(session, nurse.id, date(2026, 6, 30))
    assert not nurse.active and nurse.left_on == date(2026, 6, 30)


def test_list_staff_search_and_filters(session, nurse, doctor, head_nurse):
    assert [p.employee_no for p in svc.list_staff(session)] == ["D001", "N000", "N001"]
    assert svc.list_staff(session, search="zw") == [doctor]
    assert svc.list_staff(session, search="李") == [nurse]
    assert svc.list_staff(session, search="N00") == [head_nurse, nurse]
    assert svc.list_staff(session, profession="doctor") == [doctor]
    svc.mark_left(session, nurse.id, date(2026, 6, 30))
    assert nurse not in svc.list_staff(session, include_inactive=False)
    svc.delete_staff(session, doctor.id)
    assert doctor not in svc.list_staff(session)
