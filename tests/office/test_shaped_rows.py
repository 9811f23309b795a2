"""A first version's records written from the rows the reading process shaped (reader.shape_rows, SQLite) are the
very rows the database's own INSERT … SELECT over data.json's bytes writes (json_each): every column, to the
character, in the same order — also for awkward values (Chinese, emoji, escapes, floats, nested tags, tombstones).
Where equality cannot be had cheaply the reader sends no rows and the database explodes the bytes as before; and a
batch of real packages ends with the same records, derived tables and office pages either way."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from office_helpers import month_records
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from qmsdesk.office import importer, month_rows, read_ahead
from qmsdesk.office.models import OfficeBase, OfficeUnit
from qmsdesk.office.reader import shape_rows
from qmsdesk.office.store import OfficeFolders, open_office_store
from qmsdesk.sync.canonical import canonical_json


def _rid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


LONG = "跌倒🙂" * 30  # 90 characters (emoji outside the BMP): a tag is cut at 64 characters, not bytes


def _awkward_records() -> dict[str, dict[str, dict]]:
    """Values that a careless copy of the database's rules gets wrong (all of them ones it can match)."""
    tags = ["NUR-FALL", "", None, "引号\"反斜杠\\换行\n制表\t斜杠/", LONG, LONG + "尾", True, False, 0, -17, 2 ** 62 - 1,
            ["a", {"b": 1.5, "c": "中"}], {"z": 1, "a": [True, None]}, {"long": "长" * 80}]
    indicator = {}
    for i, tag in enumerate(tags):
        r = _rid(f"iv{i}")
        indicator[r] = {"id": r, "deleted": False, "indicator_code": tag, "numerator": 0.1 * i, "denominator": 1e-7,
                        "big": 2 ** 80, "tiny": -0.0, "huge": 1e300, "odd": 123456789.123456789, "nested": [[{}], []],
                        "文字": "中文键"}
    missing = _rid("iv-missing")
    indicator[missing] = {"id": missing, "deleted": False}  # no tag field at all: NULL
    dead = _rid("iv-dead")
    indicator[dead] = {"id": dead, "deleted": True, "indicator_code": "GONE"}  # a tombstone: no tag, no data
    odd_flags = {_rid(f"ev{i}"): {"id": _rid(f"ev{i}"), "deleted": flag, "category": "fall"}
                 for i, flag in enumerate([None, 1, "true", False, True])}  # only JSON true is a tombstone
    staff = {_rid("s1"): {"id": _rid("s1"), "deleted": True, "name": "张三"},  # staff rows are never tombstones
             _rid("s2"): {"id": _rid("s2"), "deleted": False, "name": "李四🙂"}}
    return {"indicator_values": indicator, "adverse_events": odd_flags, "staff": staff,
            "meetings": {_rid("m"): {"id": _rid("m"), "deleted": False, "title": "无标签的种类"}},
            "assessments": {}, "inspection_items": {_rid("ii"): {"id": _rid("ii"), "deleted": False, "item_code": 7}}}


def _data(records) -> dict:
    return {"format_version": 1, "notes": {"comment": "备注\"", "warnings": [{"code": "x", "n": 2.5}]},
            "period": "2026-10", "records": records, "unit_id": "u", "version": 1}


def _two_stores(tmp_path, store):
    """`store` (SQLite) with one unit, and a second store holding the same unit."""
    with store.session() as s:
        from qmsdesk.office.units import register_unit

        unit = register_unit(s, hospital_code="H001", hospital_name="一院", department_code="D001",
                             department_name="内科")
        unit_id = unit.id
        row = {c.key: getattr(unit, c.key) for c in OfficeUnit.__table__.columns}
    other = open_office_store(str(tmp_path / "other.db"))
    with other.session() as t:
        t.add(OfficeUnit(**row))
    return unit_id, other


def _records_table(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(
            "SELECT id, unit_id, period, kind, record_id, version, deleted, tag, data, typeof(deleted), typeof(tag), "
            "typeof(data) FROM office_records ORDER BY id")))


@pytest.fixture
def sqlite_store(tmp_path):
    store = open_office_store(str(tmp_path / "office.db"))
    yield store
    store.close()


def test_shaped_rows_are_the_rows_json_each_writes_to_the_character(sqlite_store, tmp_path):
    blob = canonical_json(_data(_awkward_records()))
    rows = shape_rows(blob.decode("utf-8"), json.loads(blob))  # parsed as the reader parses it
    assert rows is not None, "every value here can be matched"
    unit_id, other = _two_stores(tmp_path, sqlite_store)
    try:
        with sqlite_store.engine.begin() as conn:
            month_rows.write_month(conn, unit_id, "2026-10", 1, blob)
        with other.engine.begin() as conn:
            month_rows.write_shaped(conn, unit_id, "2026-10", 1, blob, rows)
        exploded, shaped = _records_table(sqlite_store), _records_table(other)
        # a record twice is refused as the database's statement refuses it: as SQLAlchemy's IntegrityError
        with pytest.raises(IntegrityError), other.engine.begin() as conn:
            month_rows.write_shaped(conn, unit_id, "2026-10", 1, blob, rows)
        assert _records_table(other) == shaped
    finally:
        other.close()
    assert shaped == exploded
    by_id = {r[4]: r for r in exploded}
    assert by_id[_rid("iv4")][7] == LONG[:64] and by_id[_rid("iv6")][7] == "1" and by_id[_rid("iv2")][7] is None
    assert by_id[_rid("iv11")][7] == '["a",{"b":1.5,"c":"中"}]' and by_id[_rid("iv3")][7] == "引号\"反斜杠\\换行\n制表\t斜杠/"
    assert by_id[_rid("iv-dead")][6:9] == (1, None, None) and by_id[_rid("s1")][6] == 0
    assert [by_id[_rid(f"ev{i}")][6] for i in range(5)] == [0, 0, 0, 0, 1]
    assert '"文字":"中文键"' in by_id[_rid("iv0")][8] and "1e+300" in by_id[_rid("iv0")][8]


@pytest.mark.parametrize("case", ["real_tag", "huge_int_tag", "escaped_nul", "escaped_letter", "no_deleted_flag",
                                  "spaced"])
def test_values_it_cannot_match_cheaply_send_no_rows(case):
    records = _awkward_records()
    first = next(iter(records["indicator_values"].values()))
    spaced = False
    if case == "real_tag":
        first["indicator_code"] = 1.5  # SQLite prints a REAL its own way
    elif case == "huge_int_tag":
        first["indicator_code"] = 2 ** 63  # a REAL for SQLite's json_extract
    elif case == "escaped_nul":
        first["name"] = "a\x00b"  # written \u0000: json_extract stops at it
    elif case == "escaped_letter":
        first["name"] = "\x1f"  # written \u001f, kept escaped by json_each
    elif case == "no_deleted_flag":
        del first["deleted"]  # the row's `deleted` would be NULL: the database refuses it
    else:
        spaced = True
    blob = canonical_json(_data(records)).decode("utf-8")
    if spaced:
        blob = blob.replace('"records":{', '"records": {')
    assert shape_rows(blob, json.loads(blob)) is None


def test_a_lone_surrogate_sends_no_rows():
    blob = '{"records":{"staff":{"a":{"deleted":false,"name":"\\ud800"}}}}'
    assert shape_rows(blob, json.loads(blob)) is None


def _tables(store) -> dict[str, list[tuple]]:
    """Every table a page reads (the records, the derived tables, the packages' counts), in a stable order."""
    skip = {"office_import_log", "office_meta", "office_unit_keys"}  # the keys were not copied
    out = {}
    with store.engine.connect() as conn:
        for table in OfficeBase.metadata.sorted_tables:
            if table.name in skip:
                continue
            cols = [c for c in table.c if c.name not in ("imported_at", "stored_path", "time", "created_at")]
            rows = conn.execute(select(*cols))
            out[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return out


def _copy_units(store, target_url: str):
    other = open_office_store(target_url)
    with store.session() as s, other.session() as t:
        for unit in s.query(OfficeUnit):
            t.add(OfficeUnit(**{c.key: getattr(unit, c.key) for c in OfficeUnit.__table__.columns}))
    return other


def test_a_batch_gives_the_same_store_and_pages_with_shaped_rows_as_with_json_each(
        store, office_keys, factory, tmp_path, monkeypatch):
    from datetime import date

    from qmsdesk.office.compliance import events_by_unit, training_by_unit
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.followup import all_items, closure_by_unit
    from qmsdesk.office.queries import period_list

    monkeypatch.setattr(read_ahead, "PROCESS_FROM", 1)  # read by the process, as a big batch is
    inbox = tmp_path / "inbox"
    generate_office_demo(inbox, hospitals=2, departments=3, months=4, keys=office_keys, store=store, until="2026-10")
    # a unit of its own with awkward months: one the reader shapes, one it leaves to the database, a version 2
    unit = factory.unit("H900", "D900")
    awkward = _awkward_records()
    factory.package(unit, "2026-09", records=awkward, out=inbox / "H900_D900")
    awkward["indicator_values"][_rid("iv0")]["indicator_code"] = 2.5
    awkward["staff"][_rid("s2")]["name"] = "零\x00字"
    factory.package(unit, "2026-10", records=awkward, out=inbox / "H900_D900")
    factory.package(unit, "2026-10", 2, records={**month_records("x", "2026-10"), "staff": awkward["staff"]},
                    out=inbox / "H900_D900")
    shaped = []
    real_write = month_rows.write_shaped
    monkeypatch.setattr(month_rows, "write_shaped", lambda *a: shaped.append(a[1:3]) or real_write(*a))
    if store.engine.dialect.name != "sqlite":
        summaries = importer.import_paths(store, [inbox], keys=office_keys, folders=OfficeFolders(tmp_path / "o").ensure())
        assert {s.outcome for s in summaries} == {"applied", "refused"}  # jsonb refuses the escaped NUL, as before
        assert shaped == [], "PostgreSQL explodes data.json's bytes itself"
        return
    plain_inbox = tmp_path / "plain-inbox"
    shutil.copytree(inbox, plain_inbox)
    plain = _copy_units(store, str(tmp_path / "plain.db"))
    try:
        with_rows = importer.import_paths(store, [inbox], keys=office_keys,
                                          folders=OfficeFolders(tmp_path / "o1").ensure())
        firsts = [(s.unit_label, s.period) for s in with_rows if s.version == 1]
        assert len(shaped) == len(firsts) - 1, "every first version but the one with a REAL tag came as rows"
        assert (unit.unit_id, "2026-09") in shaped and (unit.unit_id, "2026-10") not in shaped
        real_apply = importer.apply_records
        monkeypatch.setattr(importer, "apply_records", lambda *a, **k: real_apply(*a, **{**k, "rows": None}))
        shaped.clear()
        without = importer.import_paths(plain, [plain_inbox], keys=office_keys,
                                        folders=OfficeFolders(tmp_path / "o2").ensure())
        assert shaped == []
        assert [(s.outcome, s.counts) for s in with_rows] == [(s.outcome, s.counts) for s in without]
        assert {s.outcome for s in with_rows} == {"applied"}
        assert _records_table(store) == _records_table(plain)
        assert _tables(store) == _tables(plain)
        periods = period_list("2026-07", "2026-10")
        with store.session() as s, plain.session() as t:
            assert all_items(s) == all_items(t) and all_items(s)
            today = date(2026, 11, 23)
            assert closure_by_unit(s, today) == closure_by_unit(t, today)
            assert training_by_unit(s, periods) == training_by_unit(t, periods)
            assert events_by_unit(s, periods).by_unit == events_by_unit(t, periods).by_unit
    finally:
        plain.close()
