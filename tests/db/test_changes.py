"""What a write changed is recorded below the services: kinds and ids, months locked and unlocked, files; reads cannot write."""

from __future__ import annotations

from datetime import date

import pytest

from qmsdesk.changes import Changes, Kind, note, recording
from qmsdesk.db.changes import ReadOnlyError
from qmsdesk.periods import Period
from qmsdesk.services import ledger, staff, submission


def _write(db, fn, *args, **kwargs):
    with recording() as recorder:
        with db.session() as s:
            result = fn(s, *args, **kwargs)
    return result, recorder.changes(db.locked_months)


def test_a_status_move_names_the_item_its_progress_note_and_nothing_else(db):
    person, _ = _write(db, staff.create_staff, name="李娜", employee_no="N001", profession="nurse")
    item, _ = _write(db, ledger.create_item, source_kind="other", category="护理文书", problem="体温单漏记",
                     found_on=date(2026, 3, 2), deadline=date(2026, 4, 1), responsible_id=person.id)
    _, changes = _write(db, ledger.move_item, item.id, "in_progress", note="已开始")
    assert changes.ids(Kind.ITEM) == {item.id.hex}
    assert Kind.PROGRESS_NOTE in changes.kinds and Kind.STAFF not in changes.kinds
    assert changes.touches({Kind.ITEM}) and not changes.touches({Kind.MEETING, Kind.EVENT})
    assert not changes.locks and not changes.everything


def test_submitting_a_month_says_it_was_locked_and_amending_that_it_was_unlocked(db):
    _, changes = _write(db, submission.submit_month, Period(2026, 3))
    assert changes.locked == {Period(2026, 3)} and not changes.unlocked
    assert changes.touches((), locks=True) and not changes.touches(())
    _, changes = _write(db, submission.amend_month, Period(2026, 3), "补录跌倒 1 例")
    assert changes.unlocked == {Period(2026, 3)} and not changes.locked


def test_a_write_that_changes_nothing_reports_nothing(db):
    _write(db, staff.create_staff, name="李娜", employee_no="N001", profession="nurse")
    _, changes = _write(db, staff.list_staff)
    assert not changes and changes.describe() == "nothing"


def test_changes_outside_the_database_are_noted_and_changes_combine():
    with recording() as recorder:
        note(Kind.OUTBOX, ("QMS_H001_CARD_202603_v1.qmspkg",))
    changes = recorder.changes()
    assert changes.ids(Kind.OUTBOX) == {"QMS_H001_CARD_202603_v1.qmspkg"}
    both = changes | Changes.of(Kind.ITEM)
    assert both.kinds == {Kind.OUTBOX, Kind.ITEM} and Changes.all().touches(())


def test_a_read_session_refuses_to_write_and_keeps_what_it_read(db):
    _write(db, staff.create_staff, name="李娜", employee_no="N001", profession="nurse")
    with db.read_session() as s:
        people = staff.list_staff(s)
        with pytest.raises(ReadOnlyError, match="Staff"):
            staff.create_staff(s, name="张伟", employee_no="D001", profession="doctor")
    assert [p.name for p in people] == ["李娜"]  # still readable after the session ended
    with db.read_session() as s:
        assert len(staff.list_staff(s)) == 1  # nothing was written


def test_bulk_core_statements_name_their_table(db):
    from sqlalchemy import update

    from qmsdesk.db import models as m

    _write(db, staff.create_staff, name="李娜", employee_no="N001", profession="nurse")
    with recording() as recorder:
        with db.session() as s:
            s.execute(update(m.Staff).values(title="护师"))
    assert Kind.STAFF in recorder.changes().kinds
