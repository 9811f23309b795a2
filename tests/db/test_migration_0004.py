"""Upgrading to 0004 (scored checklists, RCA, PDCA): an inspection whose score was typed keeps it, readable and
marked as typed; its findings stay; nothing can type a score afterwards."""

from __future__ import annotations

import sqlite3
import uuid

from qmsdesk.db import migrate
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database, sqlite_revision


def test_a_typed_score_survives_the_upgrade_as_typed_score(old_db):
    inspection, finding = uuid.uuid4(), uuid.uuid4()
    stamp = "2026-03-05 02:30:00.000000"
    con = sqlite3.connect(old_db.path)
    with con:
        con.execute("INSERT INTO inspections (kind, date, inspector, topic, score, summary, id, created_at, updated_at,"
                    " deleted) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    ("functional", "2026-03-03", "护理部", "护理文书", 92.5, "共检查15项，发现问题1项", inspection.hex,
                     stamp, stamp, 0))
        con.execute("INSERT INTO inspection_findings (inspection_id, category, description, id, created_at, updated_at,"
                    " deleted) VALUES (?,?,?,?,?,?,?)", (inspection.hex, "文书", "护理记录签名不全", finding.hex, stamp,
                                                         stamp, 0))
    con.close()
    database = open_database(old_db.path, actor="测试护士长")
    try:
        assert sqlite_revision(old_db.path) == migrate.HEAD_REVISION
        with database.session() as s:
            from qmsdesk.analytics.inspections import inspection_row

            row = s.get(m.Inspection, inspection)
            assert row.typed_score == 92.5 and row.template_id is None
            assert [f.description for f in row.findings] == ["护理记录签名不全"]
            view = inspection_row(s, row)
            assert view.scored is None and view.score_text == "92.5（旧记录手填）"
            event = s.get(m.AdverseEvent, old_db.event_id)
            assert event.harm_level is None and event.description == "患者夜间如厕时跌倒，无损伤。"
    finally:
        database.close()
