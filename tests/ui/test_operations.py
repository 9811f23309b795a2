"""The window's one writer: writes run on the database worker, say what they changed, and undo comes from there too."""

from __future__ import annotations

import logging
import threading
from datetime import date

import pytest

from qmsdesk.changes import Kind
from qmsdesk.db.changes import ReadOnlyError
from qmsdesk.errors import QmsError
from qmsdesk.services import ledger, staff


def test_a_write_runs_on_the_worker_and_every_page_hears_what_it_changed(qtbot, ctx):
    heard = []
    ctx.changed.connect(heard.append)
    threads = []

    def add(s):
        threads.append(threading.get_ident())
        return staff.create_staff(s, name="李娜", employee_no="N001", profession="nurse")

    person = ctx.write(add)
    assert threads and threads[0] != threading.get_ident()
    assert [c.ids(Kind.STAFF) for c in heard] == [{person.id.hex}]
    assert [p.name for p in ctx.read(staff.list_staff) if p.employee_no == "N001"] == ["李娜"]


def test_a_refused_write_raises_its_message_and_changes_nothing(qtbot, ctx):
    heard = []
    ctx.changed.connect(heard.append)
    with pytest.raises(QmsError):
        ctx.write(staff.create_staff, name="", employee_no="N001", profession="nurse")
    assert heard == []


def test_a_read_cannot_write(ctx):
    with pytest.raises(ReadOnlyError):
        ctx.read(staff.create_staff, name="李娜", employee_no="N001", profession="nurse")
    assert "李娜" not in [p.name for p in ctx.read(staff.list_staff)]


def test_background_work_that_fails_is_logged_with_its_name_and_shown(qtbot, ctx, caplog):
    problems = []
    ctx.problem.connect(problems.append)

    def broken():
        raise OSError("收件箱所在的共享盘已断开")

    with caplog.at_level(logging.ERROR, logger="qmsdesk.operations"), qtbot.waitSignal(ctx.problem, timeout=10_000):
        ctx.start("自动扫描收件箱", broken)
    assert problems == ["自动扫描收件箱：OSError: 收件箱所在的共享盘已断开"]
    record = next(r for r in caplog.records if "自动扫描收件箱" in r.getMessage())
    assert record.exc_info is not None  # the traceback is in the log


def test_undo_of_a_delete_is_offered_to_the_page_that_deleted_and_runs_as_a_write(qtbot, ctx):
    from qmsdesk.ui.operations import UndoStep

    item = ctx.write(ledger.create_item, source_kind="other", category="护理文书", problem="体温单漏记",
                     found_on=date(2026, 3, 2), deadline=date(2026, 4, 1))
    heard = []
    ctx.changed.connect(heard.append)
    ctx.write(ledger.delete_item, item.id,
              undo=UndoStep("ledger", "体温单漏记", lambda s: ledger.restore_item(s, item.id)))
    assert ctx.undo_step("ledger").label == "体温单漏记" and ctx.undo_step("meetings") is None
    ctx.undo("ledger")
    assert ctx.undo_step("ledger") is None
    assert [r.problem for r in ctx.read(ledger.item_rows)] == ["体温单漏记"]
    assert [c.ids(Kind.ITEM) for c in heard] == [{item.id.hex}, {item.id.hex}]


def test_closing_lets_queued_writes_finish(ctx, unit_db):
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    for i in range(5):
        ctx.start("录入人员", lambda i=i: ctx.transaction(staff.create_staff, name=f"护士{i}",
                                                           employee_no=f"N10{i}", profession="nurse"))
    ctx.close()
    other = AppContext(open_database(unit_db))
    try:
        assert {f"护士{i}" for i in range(5)} <= {p.name for p in other.read(staff.list_staff)}
    finally:
        other.close()
