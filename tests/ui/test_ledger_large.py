"""整改台账 with 100,000 items, loaded on worker threads as in the real window: the count, a row far down found
by searching, sorting by a column, the selection kept when the data changes, the filters' choices."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from uihelpers import table_texts, type_text

from qmsdesk.ui.pages.ledger import LedgerPage

ITEMS = 100_000
PROBLEMS = ["床头未悬挂跌倒警示标识", "手卫生依从性不足", "PICC维护记录不完整", "体温单漏记"]


@pytest.fixture
def big_ctx(unit_db):
    """The test unit's database with 100,000 live items (written with sqlite3: the ORM would take minutes)."""
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    con = sqlite3.connect(unit_db)
    wang, stamp = con.execute("SELECT id, created_at FROM staff WHERE name = '王芳'").fetchone()
    rows = []
    for i in range(ITEMS):
        found = date(2022, 1, 1) + timedelta(days=i % 1500)
        status = ("open", "in_progress", "closed")[i % 3]
        rows.append((uuid.uuid4().hex, "other", ("护理文书", "患者安全")[i % 2], f"{PROBLEMS[i % 4]}（第{i}项）",
                     found.isoformat(), (found + timedelta(days=30)).isoformat(), status,
                     (found + timedelta(days=20)).isoformat() if status == "closed" else None,
                     wang if i % 5 else None, stamp, stamp, 0))
    con.executemany("INSERT INTO rectification_items (id, source_kind, category, problem, found_on, deadline, status,"
                    " closed_on, responsible_id, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.commit()
    con.close()
    context = AppContext(open_database(unit_db, actor=current_user()))
    context.background_loads = True
    yield context
    context.close()


def _opened(qtbot, ctx) -> LedgerPage:
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        page.show()
    return page


def test_a_search_finds_the_item_on_row_99000(qtbot, big_ctx):
    page = _opened(qtbot, big_ctx)
    assert page.count_label.text() == "共 100000 条"
    assert page.proxy.rowCount() == ITEMS and "逾期" in table_texts_of(page, 0)
    page.table.scrollTo(page.model.index(99_000, 0))  # the user drags the scroll bar far down
    qtbot.waitUntil(lambda: page.model.row_at(99_000) is not None, timeout=30_000)
    far = page.model.row_at(99_000)
    number = far["problem"].split("（")[1].rstrip("）")  # 第NNNNN项
    type_text(qtbot, page.search, number)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=30_000)
    assert far["problem"] in table_texts(page)[0]
    assert page.count_label.text() == "显示 1 / 共 100000 条"
    page.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == ITEMS, timeout=30_000)
    assert page.count_label.text() == "共 100000 条"


def test_sorting_by_deadline_both_ways(qtbot, big_ctx, unit_db):
    page = _opened(qtbot, big_ctx)
    con = sqlite3.connect(unit_db)
    first, last = con.execute("SELECT min(deadline), max(deadline) FROM rectification_items WHERE deleted = 0").fetchone()
    con.close()
    assert "已销号" not in table_texts_of(page, 0)  # unfinished items first, most urgent on top
    page.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: last in table_texts_of(page, 0), timeout=30_000)
    page.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: first in table_texts_of(page, 0), timeout=30_000)
    assert page.proxy.rowCount() == ITEMS


def test_the_selected_item_stays_selected_when_another_changes_and_filters_offer_what_is_there(qtbot, big_ctx):
    from qmsdesk.services import ledger

    page = _opened(qtbot, big_ctx)
    assert [page.person_filter.itemText(i) for i in range(page.person_filter.count())] == ["全部责任人", "王芳"]
    assert page.month_filter.count() == 1 + 50  # 全部月份 and the 50 months items were found in
    page.table.selectRow(5)
    chosen = page.selected_row()
    other = page.model.row_at(6)
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        big_ctx.write(ledger.update_item, other["id"], measures="每班核对")
    assert page.selected_row()["id"] == chosen["id"]
    page.person_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.count_label.text() == "显示 80000 / 共 100000 条", timeout=30_000)


def table_texts_of(page: LedgerPage, row: int) -> str:
    """The text a user reads on one row (the whole table's text would read 100,000 rows)."""
    proxy = page.proxy
    return " | ".join(proxy.index(row, c).data() or "" for c in range(proxy.columnCount()))
