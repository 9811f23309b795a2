"""Fixtures for storage tests: a database file created at the FIRST schema revision and filled with rows."""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class OldDatabase:
    path: Path
    nurse_id: uuid.UUID
    leader_id: uuid.UUID
    meeting_id: uuid.UUID
    problem_id: uuid.UUID
    item_id: uuid.UUID
    indicator_id: uuid.UUID
    value_id: uuid.UUID
    event_id: uuid.UUID


def make_revision_0001_database(path: Path) -> OldDatabase:
    """A file as the first released schema left it, with rows written by plain SQL (not the models)."""
    from qmsdesk.db import migrate
    from qmsdesk.db.engine import make_engine

    engine = make_engine(path)
    migrate.upgrade(engine, None, None, target="0001")
    engine.dispose()

    ids = {k: uuid.uuid4() for k in ("unit", "nurse", "leader", "membership", "meeting", "attend", "problem",
                                      "item", "note", "indicator", "value", "event")}
    stamp = "2026-03-05 02:30:00.000000"
    common = (stamp, stamp, 0)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    with con:
        con.execute(
            "INSERT INTO units (hospital_code, hospital_name, department_code, department_name, department_type,"
            " deadline_day, id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?)",
            ("H001", "青山县人民医院", "D-CARD", "心血管内科", "inpatient_medical", 5, ids["unit"].hex, *common))
        for key, name, no, title, level in (("nurse", "王芳", "N1023", "护师", "N2"), ("leader", "李秀英", "N0007", "主任护师", "N4")):
            con.execute(
                "INSERT INTO staff (name, employee_no, profession, title, nursing_level, hire_date, active, left_on,"
                " id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (name, no, "nurse", title, level, "2015-07-01", 1, None, ids[key].hex, *common))
        con.execute(
            "INSERT INTO group_memberships (staff_id, role, start_date, end_date, id, created_at, updated_at, deleted)"
            " VALUES (?,?,?,?,?,?,?,?)", (ids["leader"].hex, "leader", "2025-01-01", None, ids["membership"].hex, *common))
        con.execute(
            "INSERT INTO meetings (kind, date, place, host_id, recorder_id, agenda, minutes, decisions, follow_up,"
            " id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ("group_monthly", "2026-03-04", "护士站示教室", ids["leader"].hex, ids["nurse"].hex, "2月跌倒事件分析",
             "讨论了2月份1例跌倒事件的原因。", "夜班加强巡视", None, ids["meeting"].hex, *common))
        con.execute(
            "INSERT INTO meeting_attendance (meeting_id, staff_id, status, id, created_at, updated_at, deleted)"
            " VALUES (?,?,?,?,?,?,?)", (ids["meeting"].hex, ids["nurse"].hex, "present", ids["attend"].hex, *common))
        con.execute(
            "INSERT INTO meeting_problems (meeting_id, category, description, id, created_at, updated_at, deleted)"
            " VALUES (?,?,?,?,?,?,?)", (ids["meeting"].hex, "护理安全", "夜间如厕跌倒风险评估不到位", ids["problem"].hex, *common))
        con.execute(
            "INSERT INTO rectification_items (source_kind, meeting_problem_id, category, problem, found_on, measures,"
            " responsible_id, deadline, status, id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ("meeting", ids["problem"].hex, "护理安全", "夜间如厕跌倒风险评估不到位", "2026-03-04", "高危患者床头挂警示牌",
             ids["nurse"].hex, "2026-04-04", "in_progress", ids["item"].hex, *common))
        con.execute(
            "INSERT INTO progress_notes (item_id, date, note, author, id, created_at, updated_at, deleted)"
            " VALUES (?,?,?,?,?,?,?,?)", (ids["item"].hex, "2026-03-10", "已完成全员培训", "王芳", ids["note"].hex, *common))
        con.execute(
            "INSERT INTO indicator_definitions (code, name_zh, name_en, numerator_def, denominator_def, kind, multiplier,"
            " unit, direction, department_types, applicable, custom, id, created_at, updated_at, deleted)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ("NUR-FALL", "住院患者跌倒发生率", "Inpatient falls", "跌倒例次数", "住院患者实际占用床日数", "rate", 1000.0,
             "‰", "lower", json.dumps(["inpatient_medical"]), 1, 0, ids["indicator"].hex, *common))
        con.execute(
            "INSERT INTO indicator_values (indicator_id, period, numerator, denominator, note, id, created_at, updated_at,"
            " deleted) VALUES (?,?,?,?,?,?,?,?,?)", (ids["indicator"].hex, "2026-02", 1, 1250, None, ids["value"].hex, *common))
        con.execute(
            "INSERT INTO adverse_events (occurred_at, reported_at, category, grade, description, medical_record_no,"
            " reporter_id, id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ("2026-02-17 19:40:00.000000", "2026-02-17 21:00:00.000000", "fall", "III", "患者夜间如厕时跌倒，无损伤。",
             "ZY20260217", None, ids["event"].hex, *common))
        con.execute(
            "INSERT INTO audit_log (at, actor, action, table_name, record_id, changes) VALUES (?,?,?,?,?,?)",
            (stamp, "李秀英", "create", "staff", str(ids["nurse"]), json.dumps({"name": [None, "王芳"]})))
    con.close()
    return OldDatabase(path, ids["nurse"], ids["leader"], ids["meeting"], ids["problem"], ids["item"],
                       ids["indicator"], ids["value"], ids["event"])


@pytest.fixture
def old_db(tmp_path) -> OldDatabase:
    return make_revision_0001_database(tmp_path / "old.db")
