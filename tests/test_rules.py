"""The derived rules (qmsdesk/rules.py): each word means one thing, and its SQL form counts what its Python form says."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select

from qmsdesk import rules
from qmsdesk.db import models as m
from qmsdesk.db.queries import ITEM_COLUMNS
from qmsdesk.rules import ItemDates

OCT = "2026-10"
DAYS = (date(2026, 9, 20), date(2026, 10, 1), date(2026, 10, 29), date(2026, 10, 31), date(2026, 11, 8))


def test_an_item_due_on_a_day_is_not_overdue_that_day_but_is_the_next():
    item = ItemDates(date(2026, 10, 2), date(2026, 10, 29), "in_progress", None)
    assert not rules.overdue_on(item, date(2026, 10, 29))
    assert rules.overdue_on(item, date(2026, 10, 30)) and rules.days_overdue(item, date(2026, 10, 31)) == 2


def test_an_item_closed_after_the_month_is_open_and_overdue_that_month_with_its_closure_noted():
    late = ItemDates(date(2026, 10, 2), date(2026, 10, 29), "closed", date(2026, 11, 8), date(2026, 11, 8))
    end = rules.month_end(OCT)
    assert end == date(2026, 10, 31)
    assert rules.open_on(late, end) and rules.overdue_on(late, end) and rules.days_overdue(late, end) == 2
    assert rules.closed_after(late, end) == date(2026, 11, 8) and rules.closed_late(late)
    assert not rules.closed_in(late, OCT) and rules.closed_in(late, "2026-11")
    assert rules.in_month(late, OCT) and rules.in_month(late, "2026-11") and not rules.in_month(late, "2026-12")
    assert not rules.open_on(late, date(2026, 11, 8))


def test_a_running_month_is_judged_on_today():
    assert rules.month_end("2026-12", on=date(2026, 12, 6)) == date(2026, 12, 6)
    assert rules.month_end("2026-11", on=date(2026, 12, 6)) == date(2026, 11, 30)


def test_submission_deadline_is_the_units_day_of_the_next_month():
    assert rules.submission_deadline("2026-12", 5) == date(2027, 1, 5)
    assert rules.submission_deadline("2026-01", 31) == date(2026, 2, 28)  # a day every month has
    assert not rules.submission_overdue(OCT, 5, date(2026, 11, 5))
    assert rules.submission_overdue(OCT, 5, date(2026, 11, 6))
    assert rules.days_late(OCT, 5, date(2026, 11, 5)) == 0 and rules.days_late(OCT, 5, date(2026, 11, 9)) == 4


def _items() -> list[ItemDates]:
    """Every combination that matters: found before/in/after the month, due before/in/after, open or closed when."""
    found = (date(2026, 9, 10), date(2026, 10, 1), date(2026, 10, 31), date(2026, 11, 2))
    deadline = (date(2026, 9, 30), date(2026, 10, 29), date(2026, 10, 31), date(2026, 12, 1))
    closure = (None, date(2026, 9, 30), date(2026, 10, 2), date(2026, 10, 31), date(2026, 11, 8))
    out = []
    for f, d, c in itertools.product(found, deadline, closure):
        if c is not None and c < f:
            continue
        out.append(ItemDates(f, max(d, f), "closed" if c else "in_progress", c, c))
    out.append(ItemDates(date(2026, 9, 1), date(2026, 9, 5), "closed", None, None))  # closed, no date on record
    out.append(ItemDates(date(2026, 9, 1), date(2026, 9, 5), "closed", None, date(2026, 10, 3)))  # verified only
    return out


PREDICATES = (
    ("open", rules.open_on, rules.sql_open_on),
    ("overdue", rules.overdue_on, rules.sql_overdue_on),
    ("closed_by", rules.closed_by, rules.sql_closed_by),
)


def test_sql_and_python_forms_agree_on_the_units_table(session):
    items = _items()
    rows = [m.RectificationItem(source_kind="other", category="c", problem=f"p{i}", found_on=x.found_on,
                                deadline=x.deadline, status=x.status, closed_on=x.closed_on,
                                verified_on=x.verified_on) for i, x in enumerate(items)]
    session.add_all(rows)
    session.flush()
    by_problem = {r.problem: x for r, x in zip(rows, items, strict=True)}

    def chosen(condition) -> set[str]:
        return set(session.scalars(select(m.RectificationItem.problem).where(condition)))

    for day in DAYS:
        for name, python, sql in PREDICATES:
            expected = {p for p, x in by_problem.items() if python(x, day)}
            assert chosen(sql(ITEM_COLUMNS, day)) == expected, (name, day)
    for period in ("2026-09", OCT, "2026-11"):
        assert chosen(rules.sql_in_month(ITEM_COLUMNS, period)) == {p for p, x in by_problem.items()
                                                                     if rules.in_month(x, period)}
        assert chosen(rules.sql_closed_in(ITEM_COLUMNS, period)) == {p for p, x in by_problem.items()
                                                                      if rules.closed_in(x, period)}


def test_text_and_python_forms_agree_on_the_units_file(session, db_path):
    """The read-only month reader (qmsdesk/db/raw.py) counts with the SQL-text form over the stored file."""
    import sqlite3
    from datetime import timedelta

    from qmsdesk.periods import Period

    items = _items()
    session.add_all(m.RectificationItem(source_kind="other", category="c", problem=f"p{i}", found_on=x.found_on,
                                        deadline=x.deadline, status=x.status, closed_on=x.closed_on,
                                        verified_on=x.verified_on) for i, x in enumerate(items))
    session.commit()
    by_problem = {f"p{i}": x for i, x in enumerate(items)}
    con = sqlite3.connect(db_path)
    c = rules.ItemText()

    def chosen(condition: str, **days: date) -> set[str]:
        sql = f"SELECT problem FROM rectification_items WHERE {condition}"
        return {r[0] for r in con.execute(sql, {k: v.isoformat() for k, v in days.items()})}

    text_forms = {"open": rules.text_open_on, "overdue": rules.text_overdue_on, "closed_by": rules.text_closed_by}
    try:
        for day in DAYS:
            for name, python, _sql in PREDICATES:
                expected = {p for p, x in by_problem.items() if python(x, day)}
                assert chosen(text_forms[name](c, ":day"), day=day) == expected, (name, day)
        for period in ("2026-09", OCT, "2026-11"):
            p = Period.parse(period)
            first, last, before = p.first_day, p.last_day, p.first_day - timedelta(days=1)
            assert chosen(rules.text_in_month(c, ":last", ":before"), last=last, before=before) == {
                q for q, x in by_problem.items() if rules.in_month(x, period)}
            assert chosen(rules.text_closed_in(c, ":first", ":last"), first=first, last=last) == {
                q for q, x in by_problem.items() if rules.closed_in(x, period)}
            assert chosen(rules.text_found_in(c, ":first", ":last"), first=first, last=last) == {
                q for q, x in by_problem.items() if first <= x.found_on <= last}
    finally:
        con.close()
