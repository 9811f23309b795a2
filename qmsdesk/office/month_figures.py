"""One unit's month in figures as the office holds it: the same numbers the unit's report, `status` and
dashboard show for that month, counted in SQL from the records the package carried.

The month is judged on its last day (qmsdesk.rules.month_end): an item closed after it counts as open and
overdue in that month, exactly as on the unit's PDF cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.db.enums import MeetingKind
from qmsdesk.office.models import OfficeRecord
from qmsdesk.office.queries import ITEM_COLUMNS, counted_where
from qmsdesk.periods import Period


@dataclass(frozen=True)
class UnitMonth:
    unit_id: str
    period: str
    as_of: date
    group_meetings: int
    indicators_entered: int
    events: int
    items_in_month: int
    items_raised: int
    items_closed: int
    items_open: int
    items_overdue: int


def _count(condition=None):
    if condition is None:
        return func.count()
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _of_kind(session: Session, unit_id: str, period: str, kind: str, *columns):
    stmt = counted_where(select(*columns).select_from(OfficeRecord), kind, [period])
    return session.execute(stmt.where(OfficeRecord.unit_id == unit_id)).one()


def unit_month(session: Session, unit_id: str, period: Period | str) -> UnitMonth:
    """`unit_id`'s month `period` from its current, not returned package."""
    p = str(Period.parse(period))
    day = rules.month_end(p)
    c = ITEM_COLUMNS
    meetings, = _of_kind(session, unit_id, p, "meetings",
                         _count(OfficeRecord.data["kind"].as_string() == MeetingKind.GROUP_MONTHLY.value))
    values, = _of_kind(session, unit_id, p, "indicator_values", _count())
    events, = _of_kind(session, unit_id, p, "adverse_events", _count())
    in_month, raised, closed, open_, overdue = _of_kind(
        session, unit_id, p, "rectification_items", _count(rules.sql_in_month(c, p)), _count(rules.sql_found_in(c, p)),
        _count(rules.sql_closed_in(c, p)), _count(rules.sql_open_on(c, day)), _count(rules.sql_overdue_on(c, day)))
    return UnitMonth(unit_id, p, day, int(meetings), int(values), int(events), int(in_month), int(raised),
                     int(closed), int(open_), int(overdue))
