"""`qmsdesk submit` with plain SQL writes what the ORM path writes: the same submission rows and audit rows.

On a ward file at the schema head the submission is written without SQLAlchemy (services/submission_raw.py,
services/month_package_raw.py). Here the same steps run both ways on two copies of the demo year and the rows
they leave must agree field by field (ids and clock times aside), for a first version and for a reopened draft.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest
from demo_files import demo_copy

from qmsdesk.db.raw import open_raw_write
from qmsdesk.periods import Period
from qmsdesk.services.month_package_raw import RawSource, open_raw_source

UNTIL = "2026-10"
ACTOR = "王护士长"
HASH = "ab" * 32



@pytest.fixture(scope="module")
def demo(demo_year, tmp_path_factory):
    return demo_copy(demo_year, tmp_path_factory.mktemp("submit-raw-demo"))


def _orm(path, period: Period, *, amend: str | None = None) -> None:
    from qmsdesk.db.engine import open_database
    from qmsdesk.services import submission
    from qmsdesk.services.month_package import SessionSource

    db = open_database(path, actor=ACTOR)
    try:
        with db.session() as s:
            if amend:
                submission.amend_month(s, period, amend)
                s.commit()
            source = SessionSource(s)
            made = source.submit_month(period)
            source.record_package(made, _Built(HASH, f"/outbox/{period}.qmspkg"))
            source.mark_sent(HASH)
    finally:
        db.close()


def _raw(path, period: Period, *, amend: str | None = None) -> None:
    if amend:
        from qmsdesk.db.engine import open_database
        from qmsdesk.services import submission

        db = open_database(path, actor=ACTOR)
        with db.session() as s:
            submission.amend_month(s, period, amend)
        db.close()
    source = open_raw_source(path, actor=ACTOR)
    assert source is not None, "the demo file is at the schema head"
    with source.writer:
        made = source.submit_month(period)
        source.record_package(made, _Built(HASH, f"/outbox/{period}.qmspkg"))
        source.mark_sent(HASH)
        source.writer.commit()


class _Built:
    def __init__(self, sha256: str, path: str) -> None:
        self.sha256, self.path = sha256, path


def _rows(path, period: Period, since: int):
    import sqlite3

    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    subs = [dict(r) for r in con.execute("SELECT * FROM submissions WHERE period = ? ORDER BY version", (str(period),))]
    audit = [dict(r) for r in con.execute("SELECT * FROM audit_log WHERE id > ? ORDER BY id", (since,))]
    con.close()
    return subs, audit


def _since(path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def _comparable(subs, audit, ids):
    """The rows without what differs by nature: ids and clock times (checked for their stored form instead)."""
    def stored_time(text):
        datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores a UTC time in SQLite
        return "<time>"

    out_subs = []
    for row in subs:
        ids.setdefault(row["id"], f"<sub{len(ids)}>")
        out_subs.append({**row, "id": ids[row["id"]], "created_at": stored_time(row["created_at"]),
                         "updated_at": stored_time(row["updated_at"]),
                         # the demo's months keep their dates; the one submitted here has the clock's
                         "submitted_at": row["submitted_at"] if (row["submitted_at"] or "") < "2026-11"
                         else stored_time(row["submitted_at"])})
    out_audit = []
    for row in audit:
        changes = json.loads(row["changes"])
        for key, (old, new) in changes.items():
            if key == "submitted_at":  # an aware ISO time, as db/events._plain writes it
                changes[key] = [old, datetime.fromisoformat(new).tzinfo is not None and "<aware time>"]
        record = row["record_id"].replace("-", "")
        out_audit.append({**row, "id": None, "at": stored_time(row["at"]), "record_id": ids.get(record, record),
                          "changes": changes})
    return out_subs, out_audit


@pytest.mark.parametrize(("period", "amend"), [(Period.parse(UNTIL), None), (Period.parse("2026-09"), "补录一次培训")])
def test_submission_and_audit_rows_are_the_same_either_way(demo, tmp_path, period, amend):
    orm_file, raw_file = tmp_path / "orm.db", tmp_path / "raw.db"
    shutil.copy(demo, orm_file)
    shutil.copy(demo, raw_file)
    since = _since(demo)
    _orm(orm_file, period, amend=amend)
    _raw(raw_file, period, amend=amend)
    orm_subs, orm_audit = _rows(orm_file, period, since)
    raw_subs, raw_audit = _rows(raw_file, period, since)
    # Same versions, statuses and package fields; the audit says the same, change by change.
    assert [(r["version"], r["status"], r["file_hash"]) for r in raw_subs][-1][1:] == ("sent", HASH)
    orm_ids: dict = {}
    raw_ids: dict = {}
    assert _comparable(raw_subs, raw_audit, raw_ids) == _comparable(orm_subs, orm_audit, orm_ids)
    assert [a["action"] for a in raw_audit][-3:] == (["update", "update", "update"] if amend else ["create", "update", "update"])
    assert all(a["actor"] == ACTOR for a in raw_audit)


def test_a_locked_month_is_refused_in_the_same_words(demo, tmp_path):
    from qmsdesk.errors import ValidationError

    path = tmp_path / "raw.db"
    shutil.copy(demo, path)
    source = open_raw_source(path, actor=ACTOR)
    with source.writer:
        assert source.locked(Period.parse("2026-09"))
        with pytest.raises(ValidationError, match="已上报（第 1 版，已接收）"):
            source.submit_month(Period.parse("2026-09"))
        with pytest.raises(ValidationError, match="尚未到来"):
            source.submit_month(Period.parse("2030-01"))


def test_nothing_stays_written_without_commit(demo, tmp_path):
    path = tmp_path / "raw.db"
    shutil.copy(demo, path)
    since = _since(path)
    source = open_raw_source(path, actor=ACTOR)
    with source.writer:
        source.submit_month(Period.parse(UNTIL))
    subs, audit = _rows(path, Period.parse(UNTIL), since)
    assert not [s for s in subs if s["status"] == "submitted"] and audit == []


def test_the_plain_writer_takes_only_a_file_at_the_schema_head(demo, tmp_path):
    import sqlite3

    old = tmp_path / "old.db"
    shutil.copy(demo, old)
    con = sqlite3.connect(old)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert open_raw_write(old) is None
    (tmp_path / "not.db").write_text("这不是数据库", encoding="utf-8")
    assert open_raw_write(tmp_path / "not.db") is None
    assert open_raw_write(tmp_path / "missing.db") is None
    assert open_raw_write("postgresql://x/y") is None
    writer = open_raw_write(demo)
    assert writer is not None
    writer.close()


def test_a_busy_file_gives_the_users_message(demo, tmp_path, monkeypatch):
    import sqlite3

    from qmsdesk.errors import DatabaseError

    path = tmp_path / "busy.db"
    shutil.copy(demo, path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    monkeypatch.setenv("QMSDESK_BUSY_TIMEOUT", "1")
    try:
        with pytest.raises(DatabaseError, match="另一个程序正在写入数据库，等待 1 秒"):
            open_raw_write(path)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_raw_source_sets_the_units_day(demo, tmp_path):
    from qmsdesk import clock

    writer = open_raw_write(demo)
    with writer:
        RawSource(writer, actor=ACTOR)
        assert clock.zone_name() == "Asia/Shanghai"
