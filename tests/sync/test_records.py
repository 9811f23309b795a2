"""data.json content: every kind of the month, masked record numbers, tombstones, stable bytes."""

from __future__ import annotations

import json

from sync_month import FULL_MRN, PERIOD

from qmsdesk.sync.records import canonical_json, mask_record_no, month_records


def test_month_records_hold_every_kind_of_the_month(session, month):
    recs = month_records(session, PERIOD)
    assert str(month["meeting"].id) in recs["meetings"]
    assert len(recs["meeting_attendance"]) == 2 and len(recs["meeting_problems"]) == 1
    assert len(recs["training_sessions"]) == 1 and len(recs["training_attendance"]) == 1
    assert len(recs["assessments"]) == 1 and len(recs["inspection_findings"]) == 1
    [value] = recs["indicator_values"].values()
    assert value["indicator_code"] == "NUR-FALL" and value["period"] == PERIOD and value["numerator"] == 2
    assert str(month["carried"].id) in recs["rectification_items"]  # found in September, still open
    assert str(month["old"].id) not in recs["rectification_items"]  # closed before October
    assert [n["note"] for n in recs["progress_notes"].values()] == ["已排班增加巡视"]


def test_only_referenced_staff_travel_with_name_number_and_title(session, month):
    staff = month_records(session, PERIOD)["staff"]
    assert {s["employee_no"] for s in staff.values()} == {"N001", "N002"}
    assert staff[str(month["nurse"].id)] == {"id": str(month["nurse"].id), "deleted": False, "name": "张𠮷",
                                            "employee_no": "N002", "title": "护师"}


def test_medical_record_number_is_masked_also_inside_the_description(session, month):
    recs = month_records(session, PERIOD)
    [event] = recs["adverse_events"].values()
    assert event["medical_record_no"] == "****1234"
    assert "reporter_id" not in event and event["anonymous"] is False
    assert FULL_MRN not in canonical_json(recs).decode("utf-8")
    assert "****1234" in event["description"]


def test_short_record_numbers_never_show_more_than_half():
    assert mask_record_no("123456") == "****456"
    assert mask_record_no("12") == "****2"
    assert mask_record_no("1") == "****"


def test_deleted_meeting_travels_as_a_tombstone_without_content(session, month):
    row = month_records(session, PERIOD)["meetings"][str(month["gone"].id)]
    assert row["deleted"] is True and set(row) == {"id", "deleted", "updated_at"}


def test_same_data_gives_the_same_bytes(session, month):
    first = canonical_json(month_records(session, PERIOD))
    second = canonical_json(month_records(session, PERIOD))
    assert first == second
    assert "心血管" not in first.decode() and "夜间如厕" in first.decode()  # readable UTF-8, not \u escapes
    json.loads(first)
