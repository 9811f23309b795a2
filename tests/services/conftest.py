"""Fixtures for service tests: a few staff members and dates safely in the past."""

from __future__ import annotations

from datetime import date

import pytest

from qmsdesk.services import staff as staff_service

# A month well in the past, so "not in the future" never trips these tests.
PAST = date(2026, 3, 10)


@pytest.fixture
def nurse(session):
    return staff_service.create_staff(session, name="李娜", employee_no="N001", profession="nurse",
                                      title="主管护师", nursing_level="N3", hire_date=date(2015, 7, 1))


@pytest.fixture
def head_nurse(session):
    return staff_service.create_staff(session, name="王芳", employee_no="N000", profession="nurse",
                                      title="副主任护师", nursing_level="N4", hire_date=date(2008, 7, 1))


@pytest.fixture
def doctor(session):
    return staff_service.create_staff(session, name="张伟", employee_no="D001", profession="doctor",
                                      title="主治医师", hire_date=date(2012, 8, 1))
