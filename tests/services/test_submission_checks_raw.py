"""The month's checks read with plain SQL (services/submission_checks_raw.py) judge as the ORM's do.

`qmsdesk submit` on a ward's file at the schema head validates the month without SQLAlchemy; the window and
every other database validate through the ORM (services/submission_checks.py). Both feed the same rules
(services/month_checks.py), so here they must give the same report — every issue, its words, its record and
its order — on every month of the demo year, on a month edited to break every rule, and the same month state.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from demo_files import demo_copy, run_python

from qmsdesk.db import enums as e
from qmsdesk.db.raw import open_raw
from qmsdesk.periods import Period, months_between
from qmsdesk.services.submission import amend_month, month_state
from qmsdesk.services.submission_checks import validate_month
from qmsdesk.services.submission_checks_raw import month_state_raw, validate_month_raw

UNTIL = "2026-10"
# The month before the demo's first, the demo year and the two months after it.
MONTHS = list(months_between(Period.parse("2025-10"), Period.parse("2026-12")))
EDITED = Period.parse(UNTIL)



@pytest.fixture(scope="module")
def demo(demo_year, tmp_path_factory):
    return demo_copy(demo_year, tmp_path_factory.mktemp("checks-raw-demo"))


def _state(state) -> tuple:
    """services/submission.MonthState as the raw one holds it (the newest submission's id, not the row)."""
    return (state.period, state.locked, state.version, state.status,
            state.submission.id if state.submission is not None else None, state.status_label)


def _raw_state(state) -> tuple:
    return state.period, state.locked, state.version, state.status, state.submission_id, state.status_label


def _both(path, months) -> list[tuple]:
    """(month, ORM report, raw report, ORM state, raw state) of each month, read from the same file."""
    from qmsdesk.db.engine import open_database

    db = open_database(path)
    reader = open_raw(path)
    assert reader is not None, "the file is at the schema head: the raw reader must take it"
    out = []
    try:
        with db.session() as s:
            for p in months:
                out.append((p, validate_month(s, p), validate_month_raw(reader, p), _state(month_state(s, p)),
                            _raw_state(month_state_raw(reader, p))))
    finally:
        reader.close()
        db.close()
    return out


def _assert_same(rows) -> None:
    for p, orm, raw, orm_state, raw_state in rows:
        # Issue by issue first, so a difference names the finding.
        for mine, theirs in zip(raw.issues, orm.issues, strict=True):
            assert mine == theirs, p
        assert raw == orm, p
        assert raw_state == orm_state, p


def test_every_demo_month_is_judged_the_same_either_way(demo):
    rows = _both(demo, MONTHS)
    _assert_same(rows)
    # The demo's months between them raise errors and most kinds of warning, and hold submitted and open months.
    codes = {i.code for _p, orm, *_ in rows for i in orm.issues}
    assert {"no_group_meeting", "indicator_missing", "target_missed", "spc_signal", "value_outside_history",
            "overdue_without_progress", "safety_training_behind", "authorisation_expired",
            "plan_training_not_done"} <= codes
    states = {orm_state[1:4] for *_x, orm_state, _raw in rows}
    assert (True, 1, e.SubmissionStatus.ACCEPTED.value) in states and (False, 0, None) in states


def _break_every_rule(path) -> None:
    """Edit the demo's October so each check has something to find: deleted records, a proportion above 100%,
    grade I–II events with no or a half-done analysis, a closed but unverified item, a register that disagrees
    with its indicator, nothing planned held; and amend September (a second, open version)."""
    first, last = EDITED.first_day.isoformat(), EDITED.last_day.isoformat()
    con = sqlite3.connect(path)
    with con:
        for table in ("meetings", "training_sessions", "inspections"):
            con.execute(f"UPDATE {table} SET deleted = 1 WHERE date BETWEEN ? AND ?", (first, last))
        values = ("SELECT v.id FROM indicator_values v JOIN indicator_definitions d ON d.id = v.indicator_id"
                  " WHERE v.deleted = 0 AND d.deleted = 0 AND d.applicable = 1 AND v.period = ? AND d.kind = ?"
                  " ORDER BY d.code")
        proportions = [r[0] for r in con.execute(values, (str(EDITED), e.IndicatorKind.PROPORTION.value))]
        con.execute("UPDATE indicator_values SET deleted = 1 WHERE id = ?", (proportions[0],))
        con.execute("UPDATE indicator_values SET numerator = denominator + 3 WHERE id = ?", (proportions[1],))
        con.execute("UPDATE indicator_values SET numerator = numerator + 1 WHERE period = ? AND indicator_id ="
                    " (SELECT id FROM indicator_definitions WHERE code = 'NUR-FALL')", (str(EDITED),))
        # An October event made grade I with no analysis and no harm level ...
        con.execute("UPDATE adverse_events SET grade = ?, harm_level = NULL WHERE id = (SELECT id FROM adverse_events"
                    " WHERE deleted = 0 AND occurred_at >= '2026-10-05' AND occurred_at < '2026-10-25'"
                    " ORDER BY occurred_at LIMIT 1)", (e.EventGrade.I.value,))
        # ... and an analysed event moved into October, its analysis left half done: factors deleted, one why,
        # no lessons, its improvement items deleted.
        analysed = con.execute("SELECT a.id, a.event_id FROM event_analyses a JOIN adverse_events x ON x.id = a.event_id"
                               " WHERE a.deleted = 0 ORDER BY x.occurred_at DESC LIMIT 1").fetchone()
        con.execute("UPDATE adverse_events SET occurred_at = '2026-10-15 02:30:00.000000' WHERE id = ?", (analysed[1],))
        con.execute("UPDATE event_factors SET deleted = 1 WHERE analysis_id = ?", (analysed[0],))
        con.execute("UPDATE event_analyses SET whys = '[\"只问了一层\"]', lessons = NULL WHERE id = ?", (analysed[0],))
        con.execute("UPDATE rectification_items SET deleted = 1 WHERE event_id = ?", (analysed[1],))
        # An item open in October closed without a verifier.
        con.execute("UPDATE rectification_items SET status = ?, closed_on = '2026-10-20', verifier_id = NULL,"
                    " verified_on = NULL WHERE id = (SELECT id FROM rectification_items WHERE deleted = 0 AND status <> ?"
                    " AND found_on <= ? ORDER BY found_on LIMIT 1)",
                    (e.ItemStatus.CLOSED.value, e.ItemStatus.CLOSED.value, last))
    con.close()
    from qmsdesk.db.engine import open_database

    db = open_database(path)
    try:
        with db.session() as s:
            amend_month(s, EDITED.previous(), "更正 9 月跌倒例数")
    finally:
        db.close()


def test_a_month_that_breaks_every_rule_is_judged_the_same_either_way(demo, tmp_path):
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    _break_every_rule(path)
    rows = _both(path, [EDITED.previous(), EDITED, EDITED.next()])
    _assert_same(rows)
    october = rows[1][1]
    assert {i.code for i in october.errors} == {"no_group_meeting", "indicator_missing", "numerator_above_denominator",
                                                "event_without_rca", "closed_without_verification"}
    assert {"register_mismatch", "overdue_without_progress", "authorisation_expired",
            "plan_training_not_done"} <= {i.code for i in october.warnings}
    gaps = [i.message for i in october.errors if i.code == "event_without_rca"]
    assert len(gaps) == 2 and any("尚未做根因分析" in g for g in gaps)
    assert any("未选择原因因素" in g and "少于 3 层" in g and "未总结经验教训" in g and "未制定改进措施" in g for g in gaps)
    september = rows[0]
    assert september[3][1:4] == (False, 2, e.SubmissionStatus.DRAFT.value)  # amended: open again, version 2


def test_the_raw_checks_run_without_sqlalchemy_and_never_write_the_file(demo, tmp_path):
    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    before = path.read_bytes()
    code = (
        "import sys\n"
        "from qmsdesk import clock\n"
        "from qmsdesk.analytics.month_raw import RawMonth\n"
        "from qmsdesk.db.raw import open_raw\n"
        "from qmsdesk.services.submission_checks_raw import month_state_raw, validate_month_raw\n"
        f"with open_raw({str(path)!r}) as reader:\n"
        "    clock.set_zone(RawMonth(reader).unit().time_zone)\n"
        f"    report = validate_month_raw(reader, {UNTIL!r})\n"
        f"    state = month_state_raw(reader, {UNTIL!r})\n"
        "print(len(report.errors), len(report.warnings), state.locked, state.status_label)\n"
        "assert 'sqlalchemy' not in sys.modules, 'the raw checks imported SQLAlchemy'\n")
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "3", "False", "未上报"]
    assert path.read_bytes() == before


def test_the_raw_checks_take_the_month_in_the_units_time_zone_in_few_statements(demo, tmp_path):
    """An event on the evening of 31 October in Honolulu is 1 November in UTC: both reads put it in October."""
    from qmsdesk import clock

    path = tmp_path / "ward.db"
    shutil.copyfile(demo, path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE units SET time_zone = 'Pacific/Honolulu'")
        con.execute("UPDATE adverse_events SET occurred_at = '2026-11-01 07:30:00.000000', grade = ?, harm_level = NULL"
                    " WHERE id IN (SELECT id FROM adverse_events WHERE deleted = 0 ORDER BY occurred_at DESC LIMIT 1)",
                    (e.EventGrade.II.value,))
    con.close()
    try:
        rows = _both(path, [EDITED, EDITED.next()])
    finally:
        clock.set_zone(None)
    _assert_same(rows)
    assert [i.code for i in rows[0][1].errors] == ["event_without_rca"]
    assert "2026-10-31" in rows[0][1].errors[0].message
    assert not rows[1][1].errors or all(i.code != "event_without_rca" for i in rows[1][1].errors)
    with open_raw(path) as reader:
        validate_month_raw(reader, EDITED)
        # A fixed few statements, however many indicators, events and items the month has.
        assert reader.statements <= 30
