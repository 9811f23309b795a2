"""执业证书号 and gender are kept on the ward's PC: never in what a month package carries to the office."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from qmsdesk.services import staff, training
from qmsdesk.services.month_package import build_reports
from qmsdesk.services.unit import set_unit
from qmsdesk.sync.records import canonical_json, month_records

LICENCE = "202011000777"


def test_a_licence_number_is_in_neither_the_package_records_nor_the_month_reports(session):
    set_unit(session, hospital_name="某县人民医院", hospital_code="H001", department_name="心内科",
             department_code="CARD", department_type="inpatient_medical", deadline_day=5)
    person = staff.create_staff(session, name="李娜", employee_no="N101", profession="nurse", gender="female",
                                license_no=LICENCE)
    training.create_training_session(session, topic="心肺复苏", category="skills", hours=2.0, date=date(2026, 10, 12),
                                     attendance=[(person.id, "present")])
    records = month_records(session, "2026-10")
    assert records["staff"], "the person travels (by name, number and title)"
    assert LICENCE.encode() not in canonical_json(records)
    assert b"female" not in canonical_json(records["staff"])

    reports = build_reports(session, "2026-10", charts=False)
    cells = [str(c.value) for ws in load_workbook(io.BytesIO(reports.workbook)) for row in ws.iter_rows()
             for c in row if c.value is not None]
    assert any("李娜" in c for c in cells) and not any(LICENCE in c for c in cells)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(reports.pdf)).pages)
    assert "李娜" in text and LICENCE not in text
