"""The ledger page's list in SQL keeps what the page's search and filters always kept, in the page's order.

The reference is the page's former rule, written out here in Python over the same rows: a search word appears
(Python's lower case) in the status label, problem, category, person or source label; unfinished items first,
the most urgent deadline on top; a sorted column puts blanks first going up and keeps that order among ties.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qmsdesk import rules
from qmsdesk.db import models as m
from qmsdesk.db.enums import ItemStatus, SourceKind
from qmsdesk.services import ledger, ledger_list
from qmsdesk.services.ledger_list import ItemFilter

DAY = date(2026, 10, 20)
PROBLEMS = ["床头未悬挂跌倒警示标识", "患者跌伤后未上报", "PICC维护记录不完整", "ＰＩＣＣ导管固定不牢", "Ⅱ级压疮未上报",
            "İnfüzyon pump alarm off", "Fridge at 4 K above range", "交班记录不完整 50%_done", "picc 冲管未记录"]
CATEGORIES = ["患者安全", "管路安全", "护理文书", "Device", "用药安全"]


@pytest.fixture
def items(session, nurse, head_nurse):
    made = []
    people = [nurse.id, head_nurse.id, None]
    statuses = ["open", "in_progress", "awaiting_verification", "closed"]
    for i in range(72):
        found = date(2026, 7, 1) + timedelta(days=(i * 7) % 100)
        status = statuses[i % 4]
        item = m.RectificationItem(
            source_kind=["other", "office", "meeting"][i % 3], category=CATEGORIES[i % 5],
            problem=f"{PROBLEMS[i % len(PROBLEMS)]}（{i}）", found_on=found,
            deadline=found + timedelta(days=(i * 11) % 60), responsible_id=people[i % 3], status=status,
            closed_on=found + timedelta(days=5) if status == "closed" else None,
            verified_on=found + timedelta(days=5) if status == "closed" else None)
        session.add(item)
        made.append(item)
    gone = m.RectificationItem(source_kind="other", category="患者安全", problem="已删除的跌倒问题", found_on=DAY,
                               deadline=DAY, status="open", deleted=True)
    session.add(gone)
    session.flush()
    return made


def _reference(session, words=(), sort=None, descending=False, keep=lambda r: True):
    """The page's former search and sort, in Python, over every live item's row."""
    status = dict(ItemStatus.choices())
    source = dict(SourceKind.choices())
    rows = [r for r in ledger.item_rows(session, DAY) if keep(r)]
    rows.sort(key=lambda r: (r.status == "closed", r.deadline, r.found_on, r.id))
    hay = {r.id: "\x1f".join((status.get(r.status, ""), r.problem, r.category, r.responsible or "",
                              source.get(r.source_kind, ""))).lower() for r in rows}
    rows = [r for r in rows if all(w in hay[r.id] for w in words)]
    if sort is not None:
        def key(r):
            value = getattr(r, sort)
            return (0, "") if value is None else (1, value)
        rows = sorted(rows, key=key, reverse=descending)
    return [r.id for r in rows]


@pytest.mark.parametrize("text", ["跌", "跌倒", "picc", "PICC", "ｐｉｃｃ", "Ⅱ级", "ⅱ", "i̇nfüzyon", "k above",
                                  "50%_", "待整改", "已销号", "质控办", "王芳", "李娜 管路", "不完整 picc", "无此内容"])
def test_search_keeps_what_the_python_search_kept_in_its_order(session, items, text):
    words = ItemFilter.words_of(text)
    found = ledger_list.item_list(session, ItemFilter(words=words), DAY)
    expected = _reference(session, words)
    assert found.ids == expected
    assert found.count == len(expected) and found.total == len(items)


def test_searching_as_the_user_types_over_the_texts_read_once(session, items):
    shown = ledger_list.item_list(session, ItemFilter(sort="deadline"), DAY, searchable=True)
    assert shown.ids == _reference(session, sort="deadline") and len(shown.texts) == len(items)
    for text in ["跌", "ｐｉｃｃ", "Ⅱ级", "k above", "待整改", "王芳", "李娜 管路", "无此内容"]:
        words = ItemFilter.words_of(text)
        found = ledger_list.search_within(session, shown, ItemFilter(words=words, sort="deadline"))
        assert found.ids == _reference(session, words, sort="deadline"), text
        assert [r.id for r in found.head] == found.ids[:ledger_list.HEAD] and found.total == len(items)


@pytest.mark.parametrize("column", ledger_list.SORTABLE)
@pytest.mark.parametrize("descending", [False, True])
def test_each_column_sorts_as_the_page_sorted_it(session, items, column, descending):
    found = ledger_list.item_list(session, ItemFilter(sort=column, descending=descending), DAY)
    assert found.ids == _reference(session, sort=column, descending=descending)


def test_overdue_days_and_the_overdue_filter_follow_the_rule(session, items):
    """The SQL's overdue (filter, sort, days shown) and rules.days_overdue agree for every item."""
    by_id = {item.id.hex: item for item in items}
    rows = {r.id: r for r in ledger_list.rows_of(session, list(by_id), DAY)}
    assert any(r.days_overdue for r in rows.values()) and not all(r.days_overdue for r in rows.values())
    for rid, item in by_id.items():
        assert rows[rid].days_overdue == rules.days_overdue(item, DAY)
    late = ledger_list.item_list(session, ItemFilter(overdue_only=True), DAY)
    assert set(late.ids) == {rid for rid, item in by_id.items() if rules.overdue_on(item, DAY)}
    assert late.ids == _reference(session, keep=lambda r: r.days_overdue > 0)


def test_filters_and_their_choices(session, items, nurse):
    month = ledger_list.item_list(session, ItemFilter(month="2026-08"), DAY)
    assert month.ids == _reference(session, keep=lambda r: r.found_on.isoformat()[:7] == "2026-08")
    both = ItemFilter(status="open", category="患者安全", responsible="李娜", source_kind="other")
    assert ledger_list.item_list(session, both, DAY).ids == _reference(session, keep=lambda r: (
        r.status, r.category, r.responsible, r.source_kind) == ("open", "患者安全", "李娜", "other"))
    choices = ledger_list.item_choices(session)
    assert choices.months == sorted({i.found_on.isoformat()[:7] for i in items}, reverse=True)
    assert choices.categories == sorted(set(CATEGORIES)) and choices.people == ["李娜", "王芳"]


def test_the_first_rows_then_the_rest_and_a_word_typed_on(session, items):
    everything = ledger_list.item_list(session, ItemFilter(), DAY)
    head = ledger_list.item_head(session, ItemFilter(), DAY, head=10)
    assert head.ids == everything.ids[:10] and head.count == len(items) and not head.complete
    assert [r.id for r in head.head] == head.ids and head.head[0].problem
    first = ledger_list.item_list(session, ItemFilter(words=("跌",)), DAY, previous=everything)
    typed_on = ledger_list.item_list(session, ItemFilter(words=("跌倒",)), DAY, previous=first)
    assert typed_on.ids == _reference(session, ("跌倒",)) and 0 < typed_on.count < first.count
    assert ledger_list.rows_of(session, ["0" * 32, head.ids[3]], DAY)[0].id == head.ids[3]  # unknown ids left out
