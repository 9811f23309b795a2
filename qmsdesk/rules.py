"""The derived rules of the domain, each defined once, each judged on an explicit reference day.

Overdue, open, closed-by, closed-in-month, in-month (for ledger items and events), the submission deadline
and on-time. Every figure the program shows — the month's PDF and workbook, `qmsdesk status`, the dashboard,
the 整改台账 page, the quality office's tables — asks here, so one month cannot have three overdue counts.

The reference day is always given by the caller:
- a month's report, `qmsdesk status` and the office judge a month on its last day (`month_end`): an item
  closed after that day was still open that month, and is shown with its later closure date;
- the dashboard and the ledger page judge on today, and say so on screen.

Each ledger rule comes side by side in three forms: a Python predicate for one record (`overdue_on(item,
day)`), a SQLAlchemy expression for counting in the database (`sql_overdue_on(columns, day)`), over the unit's
table or the office's JSON records, and the same condition as SQL text (`text_overdue_on(columns, ":day")`) for
the read-only month reader (qmsdesk/db/raw.py), which reads a month without importing SQLAlchemy.
tests/test_rules.py checks the forms agree on every combination of dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from qmsdesk.clock import local_day, today
from qmsdesk.db.enums import ItemStatus
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.sql import ColumnElement

CLOSED = ItemStatus.CLOSED.value  # the one terminal status (销号)
DEADLINE_DAY_MAX = 28  # a reporting deadline every month has


# --- the reference day ----------------------------------------------------------------------------

def month_end(period: Period | str, on: date | None = None) -> date:
    """The day a month is judged on: its last day — or, while the month is still running, today."""
    return min(Period.parse(period).last_day, on or today())


# --- the monthly submission ---------------------------------------------------------------------------

def plan_year(day: date) -> int:
    """The year whose 年度质控计划 a group is writing on `day`: next year's from December on, when the year's
    summary is done and next year's plan is due before January, otherwise this year's."""
    return day.year + 1 if day.month == 12 else day.year


def submission_deadline(period: Period | str, deadline_day: int) -> date:
    """The day a month's submission is due: the unit's deadline day of the following month."""
    nxt = Period.parse(period).next()
    return date(nxt.year, nxt.month, max(1, min(int(deadline_day), DEADLINE_DAY_MAX)))


def days_late(period: Period | str, deadline_day: int, submitted: date | datetime) -> int:
    """How many days after its deadline a month was submitted (0 when on time), in the unit's zone."""
    return max((local_day(submitted) - submission_deadline(period, deadline_day)).days, 0)


def submission_overdue(period: Period | str, deadline_day: int, day: date) -> bool:
    """Whether a month not yet submitted is late on `day`."""
    return day > submission_deadline(period, deadline_day)


# --- rectification items: one record --------------------------------------------------------------------

class ItemLike(Protocol):
    """What the rules read of a ledger item: an ORM row, a query row, an office FollowItem, or `ItemDates`."""

    found_on: date | None
    deadline: date | None
    status: str
    closed_on: date | None
    verified_on: date | None


@dataclass(frozen=True)
class ItemDates:
    """An item's dates and status as plain values."""

    found_on: date | None
    deadline: date | None
    status: str
    closed_on: date | None
    verified_on: date | None = None


def closed_day(item: ItemLike) -> date | None:
    """The day the item was closed (销号), or None while it is not closed."""
    if item.status != CLOSED:
        return None
    return item.closed_on or getattr(item, "verified_on", None)


def closed_by(item: ItemLike, day: date) -> bool:
    """Closed on or before `day`. A closed item with no date on record counts as closed all along."""
    if item.status != CLOSED:
        return False
    done = closed_day(item)
    return done is None or done <= day


def open_on(item: ItemLike, day: date) -> bool:
    """Found by `day` and not closed by then."""
    return item.found_on is not None and item.found_on <= day and not closed_by(item, day)


def overdue_on(item: ItemLike, day: date) -> bool:
    """Open on `day` and past its deadline (the deadline day itself is not overdue)."""
    return open_on(item, day) and item.deadline is not None and item.deadline < day


def days_overdue(item: ItemLike, day: date) -> int:
    return (day - item.deadline).days if overdue_on(item, day) else 0


def closed_in(item: ItemLike, period: Period | str) -> bool:
    done = closed_day(item)
    return done is not None and Period.parse(period).contains(done)


def in_month(item: ItemLike, period: Period | str) -> bool:
    """Open at some time in the month: found by its last day and not closed before its first day."""
    p = Period.parse(period)
    return item.found_on is not None and item.found_on <= p.last_day and not closed_by(item, p.first_day - timedelta(days=1))


def closed_after(item: ItemLike, day: date) -> date | None:
    """The closure date when the item was closed after `day` (still open that day): the date a report notes."""
    done = closed_day(item)
    return done if done is not None and done > day else None


def closed_late(item: ItemLike) -> bool:
    done = closed_day(item)
    return done is not None and item.deadline is not None and done > item.deadline


# --- rectification items: counting in SQL ----------------------------------------------------------------

@dataclass(frozen=True)
class ItemColumns:
    """SQL expressions for an item's dates and status, and how a day is written to compare with them.

    The unit's table has Date columns (`day` as is); the office's records hold ISO text in JSON (`day` as text).
    """

    found_on: Any
    deadline: Any
    status: Any
    closed_on: Any
    verified_on: Any
    as_day: Any = None  # Callable[[date], Any]; None: the date itself

    def day(self, value: date) -> Any:
        return value if self.as_day is None else self.as_day(value)


def sql_closed_by(c: ItemColumns, day: date) -> ColumnElement[bool]:
    from sqlalchemy import and_, func, or_  # here, not at the top: `status` reads a month without SQLAlchemy

    done = func.coalesce(c.closed_on, c.verified_on)
    return and_(c.status == CLOSED, or_(done.is_(None), done <= c.day(day)))


def sql_open_on(c: ItemColumns, day: date) -> ColumnElement[bool]:
    from sqlalchemy import and_, not_

    return and_(c.found_on.is_not(None), c.found_on <= c.day(day), not_(sql_closed_by(c, day)))


def sql_overdue_on(c: ItemColumns, day: date) -> ColumnElement[bool]:
    from sqlalchemy import and_

    return and_(sql_open_on(c, day), c.deadline.is_not(None), c.deadline < c.day(day))


def sql_closed_in(c: ItemColumns, period: Period | str) -> ColumnElement[bool]:
    from sqlalchemy import and_, func

    p = Period.parse(period)
    done = func.coalesce(c.closed_on, c.verified_on)
    return and_(c.status == CLOSED, done >= c.day(p.first_day), done <= c.day(p.last_day))


def sql_in_month(c: ItemColumns, period: Period | str) -> ColumnElement[bool]:
    from sqlalchemy import and_, not_

    p = Period.parse(period)
    return and_(c.found_on.is_not(None), c.found_on <= c.day(p.last_day),
                not_(sql_closed_by(c, p.first_day - timedelta(days=1))))


def sql_found_in(c: ItemColumns, period: Period | str) -> ColumnElement[bool]:
    from sqlalchemy import and_

    p = Period.parse(period)
    return and_(c.found_on >= c.day(p.first_day), c.found_on <= c.day(p.last_day))


# --- rectification items: the same conditions as SQL text ------------------------------------------------

@dataclass(frozen=True)
class ItemText:
    """An item's columns as SQL text (the unit's table by default), for conditions written as text."""

    found_on: str = "found_on"
    deadline: str = "deadline"
    status: str = "status"
    closed_on: str = "closed_on"
    verified_on: str = "verified_on"


def text_closed_by(c: ItemText, day: str) -> str:
    """sql_closed_by as SQL text; `day` is the SQL of the day (a bound parameter such as ":day")."""
    done = f"COALESCE({c.closed_on}, {c.verified_on})"
    return f"({c.status} = '{CLOSED}' AND ({done} IS NULL OR {done} <= {day}))"


def text_open_on(c: ItemText, day: str) -> str:
    return f"({c.found_on} IS NOT NULL AND {c.found_on} <= {day} AND NOT {text_closed_by(c, day)})"


def text_overdue_on(c: ItemText, day: str) -> str:
    return f"({text_open_on(c, day)} AND {c.deadline} IS NOT NULL AND {c.deadline} < {day})"


def text_closed_in(c: ItemText, first: str, last: str) -> str:
    """sql_closed_in with the month's first and last day as SQL text."""
    done = f"COALESCE({c.closed_on}, {c.verified_on})"
    return f"({c.status} = '{CLOSED}' AND {done} >= {first} AND {done} <= {last})"


def text_in_month(c: ItemText, last: str, day_before: str) -> str:
    """sql_in_month with the month's last day and the day before its first as SQL text."""
    return f"({c.found_on} IS NOT NULL AND {c.found_on} <= {last} AND NOT {text_closed_by(c, day_before)})"


def text_found_in(c: ItemText, first: str, last: str) -> str:
    return f"({c.found_on} >= {first} AND {c.found_on} <= {last})"


# --- events ------------------------------------------------------------------------------------

def sql_event_in_month(column: Any, period: Period | str) -> ColumnElement[bool]:
    """An event belongs to the month its time falls in, in the unit's zone (Period.of for one event)."""
    from sqlalchemy import and_

    start, end = Period.parse(period).span()
    return and_(column >= start, column < end)
