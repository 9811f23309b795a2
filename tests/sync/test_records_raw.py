"""The package's records read with plain SQL (sync/records_raw.py) are the ORM's (sync/records.py), byte for byte.

`qmsdesk submit` reads the month from the ward's file without SQLAlchemy; the office must get the same data.json
either way. Both readers feed the same build (sync/records_build.py); here they read the same demo year, and the
same year after edits that make every rule work (tombstones of deleted records and of their children, an amended
month, record numbers typed into free text), and must give the same bytes every month.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from demo_files import demo_copy, run_python

from qmsdesk.db.raw import open_raw
from qmsdesk.periods import Period, months_between
from qmsdesk.sync.canonical import canonical_json
from qmsdesk.sync.records_raw import COLUMNS, month_records_raw, unit_identity_raw

UNTIL = "2026-10"
MONTHS = list(months_between(Period.parse("2025-11"), Period.parse("2026-11")))  # the demo year and the month after



@pytest.fixture(scope="module")
def demo(demo_year, tmp_path_factory):
    return demo_copy(demo_year, tmp_path_factory.mktemp("records-raw-demo"))


def _orm_bytes(path) -> dict[str, bytes]:
    from qmsdesk.db.engine import open_database
    from qmsdesk.sync.records import month_records

    db = open_database(path)
    try:
        with db.session() as s:
            return {str(p): canonical_json(month_records(s, p)) for p in MONTHS}
    finally:
        db.close()


def _assert_same_every_month(path) -> dict[str, bytes]:
    orm = _orm_bytes(path)  # opening the database sets the unit's zone (the events' month), as the submit does
    with open_raw(path) as reader:
        assert reader is not None, "the file is at the schema head: the raw reader must take it"
        for p in MONTHS:
            assert canonical_json(month_records_raw(reader, p)) == orm[str(p)], p
    return orm


def test_every_demo_month_gives_the_same_bytes_read_either_way(demo):
    import json

    orm = _assert_same_every_month(demo)
    # The comparison means something only if the demo holds every kind: each kind has records in some month.
    kinds = {k for b in orm.values() for k, rows in json.loads(b).items() if rows}
    from qmsdesk.sync.records import RECORD_KINDS

    assert kinds == set(RECORD_KINDS)


def test_the_unit_identity_is_the_same_read_either_way(demo):
    from qmsdesk.db.engine import open_database
    from qmsdesk.sync.monthly import _identity

    db = open_database(demo)
    try:
        with db.session() as s, open_raw(demo) as reader:
            assert unit_identity_raw(reader) == _identity(s)
    finally:
        db.close()


def _one(con, sql, *args):
    return con.execute(sql, args).fetchone()[0]


def _edit(path) -> dict[str, str]:
    """Amend September, delete records (with children) there and in October, type record numbers into texts."""
    from qmsdesk.db import models as m
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.submission import amend_month

    con = sqlite3.connect(path)
    ids = {
        "meeting": _one(con, "SELECT id FROM meetings WHERE date LIKE '2026-09%' AND deleted = 0 ORDER BY id"),
        "analysis": _one(con, "SELECT a.id FROM event_analyses a JOIN adverse_events e ON e.id = a.event_id"
                              " WHERE e.occurred_at LIKE '2026-09%'"),
        "inspection": _one(con, "SELECT i.id FROM inspections i WHERE i.date LIKE '2026-10%' AND EXISTS"
                                " (SELECT 1 FROM inspection_items x WHERE x.inspection_id = i.id) ORDER BY i.id"),
        "item": _one(con, "SELECT i.id FROM rectification_items i WHERE i.deleted = 0 AND i.closed_on IS NULL"
                          " AND (SELECT COUNT(*) FROM progress_notes n WHERE n.item_id = i.id) > 1 ORDER BY i.id"),
        "project": _one(con, "SELECT id FROM pdca_projects WHERE closed_on IS NULL"),
        "event": _one(con, "SELECT id FROM adverse_events WHERE occurred_at LIKE '2026-10-1%' ORDER BY id"),
    }
    con.close()
    db = open_database(path)
    try:
        with db.session() as s:
            amend_month(s, Period.parse("2026-09"), "补录会议记录有误")
            s.get(m.Meeting, _uuid(ids["meeting"])).deleted = True
            s.get(m.EventAnalysis, _uuid(ids["analysis"])).deleted = True
            s.get(m.Inspection, _uuid(ids["inspection"])).deleted = True
            s.get(m.RectificationItem, _uuid(ids["item"])).deleted = True
            s.get(m.PdcaProject, _uuid(ids["project"])).deleted = True
            s.get(m.AdverseEvent, _uuid(ids["event"])).deleted = True  # its number stays masked everywhere
            s.commit()
    finally:
        db.close()
    con = sqlite3.connect(path)
    with con:
        number = _one(con, "SELECT medical_record_no FROM adverse_events WHERE id = ?", ids["event"])
        typed = f"病人 {number} 复查"
        for sql in ("UPDATE meetings SET minutes = minutes || ? WHERE date LIKE '2026-10%'",
                    "UPDATE progress_notes SET note = note || ? WHERE date LIKE '2026-10%'",
                    "UPDATE inspection_items SET reason = ? WHERE id IN (SELECT x.id FROM inspection_items x"
                    " JOIN inspections i ON i.id = x.inspection_id WHERE i.date LIKE '2026-10%')",
                    "UPDATE pdca_log SET note = note || ? WHERE date LIKE '2026-10%'",
                    "UPDATE analysis_problems SET cause = ? WHERE analysis_id IN"
                    " (SELECT id FROM quality_analyses WHERE span = '2026Q3')",
                    "UPDATE event_analyses SET root_cause = ?"):
            assert con.execute(sql, (typed,)).rowcount, sql
        con.execute("UPDATE event_analyses SET whys = json_insert(whys, '$[#]', ?)", (typed,))
    con.close()
    return {**ids, "number": number}


def _uuid(text: str):
    import uuid

    return uuid.UUID(text)


def test_deleted_records_amended_months_and_typed_numbers_give_the_same_bytes(demo, tmp_path):
    import json
    import uuid

    path = tmp_path / "edited.db"
    shutil.copyfile(demo, path)
    edited = _edit(path)
    orm = _assert_same_every_month(path)

    def rows(p: str) -> dict:
        return json.loads(orm[p])

    september, october = rows("2026-09"), rows("2026-10")
    tomb = {"id", "deleted", "updated_at"}

    def key(name: str) -> str:
        return str(uuid.UUID(edited[name]))

    con = sqlite3.connect(path)

    def children(table: str, column: str, parent: str) -> list[str]:
        found = [str(uuid.UUID(r[0])) for r in con.execute(f"SELECT id FROM {table} WHERE {column} = ?", (parent,))]
        assert found, table
        return found

    # A deleted record and every child of it travel as tombstones, without content.
    for month, kind, name, child_kind, child_table, column in (
            (september, "meetings", "meeting", "meeting_attendance", "meeting_attendance", "meeting_id"),
            (september, "event_analyses", "analysis", "event_factors", "event_factors", "analysis_id"),
            (october, "inspections", "inspection", "inspection_items", "inspection_items", "inspection_id"),
            (october, "rectification_items", "item", "progress_notes", "progress_notes", "item_id")):
        assert set(month[kind][key(name)]) == tomb, kind
        kids = [month[child_kind][c] for c in children(child_table, column, edited[name]) if c in month[child_kind]]
        assert kids and all(set(r) == tomb and r["deleted"] for r in kids), child_kind
    con.close()
    assert set(october["pdca_projects"][key("project")]) == tomb
    assert set(october["adverse_events"][key("event")]) == tomb
    # The typed number is masked wherever it was typed, in every month, read either way.
    full = edited["number"]
    assert all(full not in b.decode("utf-8") for b in orm.values())
    masked = "****" + full[-4:]
    text = orm["2026-10"].decode("utf-8")
    assert text.count(masked) >= 4 and f"病人 {masked} 复查" in text


def test_the_column_map_is_the_models_columns():
    """The raw reader's map names every column of every table it reads, each read back as its model's type."""
    from sqlalchemy import JSON, Boolean, Date, Uuid

    from qmsdesk.db import models as m
    from qmsdesk.db.types import UTCDateTime

    def kind(column) -> str:
        t = column.type
        for cls, code in ((Uuid, "u"), (UTCDateTime, "t"), (Date, "d"), (Boolean, "b"), (JSON, "j")):
            if isinstance(t, cls):
                return code
        return ""

    tables = {mapper.local_table.name: mapper.local_table for mapper in m.Base.registry.mappers}
    for name, columns in COLUMNS.items():
        assert columns == {c.name: kind(c) for c in tables[name].columns}, name
    from qmsdesk.sync.records import RECORD_KINDS

    assert set(RECORD_KINDS) <= set(COLUMNS)


def test_submit_reads_the_records_without_sqlalchemy_and_never_writes(demo, tmp_path):
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    expected = _orm_bytes(path)[UNTIL]
    code = ("import hashlib, sys\nfrom qmsdesk import clock\nfrom qmsdesk.db.raw import open_raw\n"
            "from qmsdesk.sync.canonical import canonical_json\n"
            "from qmsdesk.sync.records_raw import month_records_raw, unit_identity_raw\n"
            f"reader = open_raw({str(path)!r})\n"
            "clock.set_zone(reader.one('SELECT time_zone FROM units WHERE deleted = 0 ORDER BY created_at LIMIT 1')[0])\n"
            f"data = canonical_json(month_records_raw(reader, {UNTIL!r}))\n"
            "print(hashlib.sha256(data).hexdigest(), unit_identity_raw(reader).department_name)\n"
            "assert 'sqlalchemy' not in sys.modules, sorted(m for m in sys.modules if m.startswith('sqlalchemy'))\n")
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [hashlib.sha256(expected).hexdigest(), "心血管内科"]
    assert path.read_bytes() == before


def test_a_file_without_a_unit_is_refused_with_the_normal_message(demo, tmp_path):
    from qmsdesk.errors import ValidationError

    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE units SET deleted = 1")
    con.close()
    with open_raw(path) as reader, pytest.raises(ValidationError, match="尚未设置本单位"):
        unit_identity_raw(reader)
