"""Enrollment: the office's signed file becomes the unit's codes, trusted keys, addresses and key pair."""

from __future__ import annotations

import json

import pytest

from qmsdesk.db import models as m
from qmsdesk.services.unit import get_unit
from qmsdesk.sync import keys
from qmsdesk.sync.enrollment import EnrollmentError, current_enrollment, enroll, read_enrollment


def test_enrollment_file_reads_back_with_its_token(enrollment_file, office_keys, inbox):
    enrollment, token = read_enrollment(enrollment_file)
    assert (enrollment.hospital_code, enrollment.department_code, enrollment.deadline_day) == ("H001", "D012", 5)
    assert enrollment.inbox == str(inbox) and token == "tok-unit-1"
    assert enrollment.office_fingerprint == office_keys.signing_public.fingerprint


def test_an_altered_enrollment_file_is_refused(enrollment_file):
    doc = json.loads(enrollment_file.read_text(encoding="utf-8"))
    doc["inbox"] = r"\\attacker\share"
    enrollment_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EnrollmentError, match="签名无效"):
        read_enrollment(enrollment_file)


def test_a_file_that_is_not_an_enrollment_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(EnrollmentError, match="不是 qmsdesk 登记文件"):
        read_enrollment(path)


def test_enrolling_sets_the_unit_keeps_the_office_keys_and_makes_the_unit_key(session, enrolled, store, office_keys):
    unit = get_unit(session)
    assert (unit.hospital_code, unit.department_name, unit.department_type) == ("H001", "心血管内科", "inpatient_medical")
    saved = current_enrollment()
    assert saved.office_encryption_key == office_keys.encryption_public.key_b64
    assert "tok-unit-1" not in enrolled.settings_path.read_text(encoding="utf-8")  # the token is a secret
    assert keys.get_upload_token(store, "H001", "D012") == "tok-unit-1"
    assert keys.public_export(keys.load_unit_key(store, "H001", "D012")) == enrolled.unit_public_key


def test_enrolling_again_keeps_the_unit_key(session, enrolled, store, enrollment_file):
    again = enroll(session, enrollment_file, store=store)
    assert again.unit_public_key == enrolled.unit_public_key
    assert session.query(m.Unit).count() == 1
