"""The unit set-up: one row, validated."""

from __future__ import annotations

import pytest

from qmsdesk.errors import ValidationError
from qmsdesk.services import unit as svc

GOOD = dict(hospital_code="H4301", hospital_name="某县人民医院", department_code="CARD",
            department_name="心血管内科", department_type="inpatient_medical")


def test_unit_is_created_once_then_updated(session):
    assert svc.get_unit(session) is None
    first = svc.set_unit(session, **GOOD)
    second = svc.set_unit(session, **(GOOD | {"department_name": "心内科", "deadline_day": 10}))
    assert first is second and second.department_name == "心内科" and second.deadline_day == 10
    assert svc.require_unit(session) is first


def test_unit_not_set_up_is_a_clear_error(session):
    with pytest.raises(ValidationError) as err:
        svc.require_unit(session)
    assert "本单位" in str(err.value)


def test_unit_fields_validated_together(session):
    with pytest.raises(ValidationError) as err:
        svc.set_unit(session, hospital_code="H 43", hospital_name="", department_code="CARD",
                     department_name="心血管内科", department_type="zoo", deadline_day=31)
    assert set(err.value.fields) == {"hospital_code", "hospital_name", "department_type", "deadline_day"}
    assert "请填写医院名称" in str(err.value)
