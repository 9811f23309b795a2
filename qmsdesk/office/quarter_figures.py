"""Each unit's quarter figures that take a scan of a province's months to count, kept for the quarterly report:
its rectification items as of the quarter's last day (all, closed, overdue: 整改销号, and which are overdue) and
the staff seen in training over the quarter (and of them, at a medical-safety session).

Counting them for a report reads every item state a province holds (460,000) and every trained staff member of
the quarter (200,000); the counts of a past quarter only change when one of the unit's months up to the quarter's
end changes. So they are counted set-based, by the same SQL the pages use (followup.closure_counts,
overdue_states, compliance.trained_staff), once per unit and quarter, kept in office_quarter_figures and
office_quarter_overdue, and dropped for the unit from a changed month's quarter on (derived.forget_quarters, called
by refresh_month). A quarter still running (its last day after `today`) is counted live: its items are judged on
today, not on a day that is kept.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import exists, func, insert, literal, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.office.compliance import trained_staff
from qmsdesk.office.followup import (
    STATE_COLUMNS,
    Closure,
    FollowItem,
    closure_by_unit,
    closure_counts,
    closures,
    listed_states,
    open_items,
    overdue_states,
)
from qmsdesk.office.models import OfficeQuarterFigures, OfficeQuarterOverdue, OfficeUnit
from qmsdesk.office.signals import rules_key
from qmsdesk.periods import Period

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def figures_key() -> str:
    """What the kept counts depend on besides the data: the item rules (qmsdesk/rules.py) and the analytics'."""
    from qmsdesk import __version__, rules

    digest = hashlib.sha256(rules_key().encode())
    try:
        digest.update(Path(rules.__file__).read_bytes())
    except OSError:  # an installed build without sources: its version stands for them
        digest.update(__version__.encode())
    return digest.hexdigest()[:16]


def kept(periods: list[str], today: date) -> bool:
    """Whether the quarter's figures can be kept: its last day is past (on `today` and on the clock's today)."""
    return min(today, clock.today()) >= Period.parse(periods[-1]).last_day


FEW = 500  # units named by id in one statement (bound parameters stay well under both databases' limits)


def count_quarter(session: Session, periods: list[str], today: date) -> int:
    """Count and keep the figures of every active unit not kept yet for the quarter; the number counted."""
    end, key = periods[-1], figures_key()
    f, o, units = OfficeQuarterFigures.__table__, OfficeQuarterOverdue.__table__, OfficeUnit.__table__
    stale = select(f.c.unit_id).where(f.c.quarter_end == end, f.c.key != key)  # counted under older rules
    session.execute(o.delete().where(o.c.quarter_end == end, o.c.unit_id.in_(stale)))
    session.execute(f.delete().where(f.c.quarter_end == end, f.c.key != key))
    unkept = select(units.c.id).where(units.c.active.is_(True), ~exists().where(
        f.c.unit_id == units.c.id, f.c.quarter_end == end))
    missing = list(session.scalars(unkept))
    if not missing:
        return 0
    # a few units (after an import) by their ids, which the indexes find; many (a new quarter) all in one pass
    chosen = missing if len(missing) <= FEW else unkept
    try:
        with session.begin_nested():
            overdue = overdue_states(session, today, end, chosen).subquery("overdue")
            session.execute(insert(o).from_select(["quarter_end", *STATE_COLUMNS], select(
                literal(end), *(overdue.c[c] for c in STATE_COLUMNS))))  # first: the units are missing until
            session.execute(insert(f).from_select(_COLUMNS, _figures(session, periods, today, chosen)))
    except IntegrityError:  # another office PC counted these units meanwhile: its identical counts stand
        log.debug("quarter %s: figures of %d units counted by another office PC meanwhile", end, len(missing))
    if len(missing) > FEW and session.get_bind().dialect.name == "postgresql":
        for table in ("office_quarter_figures", "office_quarter_overdue"):  # the planner sees the new rows now
            session.execute(text(f"ANALYZE {table}"))
    return len(missing)


_COLUMNS = ["unit_id", "quarter_end", "key", "items_total", "closed", "overdue", "trained", "safety_trained"]


def _figures(session: Session, periods: list[str], today: date, some):
    """SELECT of office_quarter_figures' rows of the units `some` (ids, or a SELECT of them)."""
    end, units = periods[-1], OfficeUnit.__table__
    items = closure_counts(session, today, end, units=some).subquery("items")
    staff = trained_staff(periods, units=some).subquery("staff")
    return (select(units.c.id, literal(end), literal(figures_key()), func.coalesce(items.c.total, 0),
                   func.coalesce(items.c.closed, 0), func.coalesce(items.c.overdue, 0),
                   func.coalesce(staff.c.trained, 0), func.coalesce(staff.c.safety, 0))
            .outerjoin(items, items.c.unit_id == units.c.id).outerjoin(staff, staff.c.unit_id == units.c.id)
            .where(units.c.id.in_(some)))


def _kept_rows(session: Session, end: str):
    f, units = OfficeQuarterFigures.__table__, OfficeUnit.__table__
    label = units.c.hospital_name + literal(" ") + units.c.department_name
    return session.execute(select(f.c.unit_id, label, f.c.items_total, f.c.closed, f.c.overdue, f.c.trained,
                                  f.c.safety_trained).join(units, units.c.id == f.c.unit_id)
                           .where(f.c.quarter_end == end, units.c.active.is_(True))).all()


def quarter_closure(session: Session, periods: list[str], today: date) -> tuple[list[Closure], dict | None]:
    """(closure per unit as of the quarter's end, unit → (trained, safety trained) or None): from the kept counts
    when the quarter is past (count_quarter first), else counted live (the staff then by training_by_unit)."""
    if not kept(periods, today):
        return closure_by_unit(session, today, until=periods[-1]), None
    rows = _kept_rows(session, periods[-1])
    seen = {u: (trained, safety) for u, _label, _n, _closed, _overdue, trained, safety in rows}
    return closures((u, label, n, closed, overdue) for u, label, n, closed, overdue, _t, _s in rows if n), seen


def quarter_overdue(session: Session, periods: list[str], today: date) -> list[FollowItem]:
    """The items overdue as of the quarter's end, as open_items(overdue_only=True, until=its last month) lists
    them: from the kept rows when the quarter is past (count_quarter first), else found live."""
    end = periods[-1]
    if not kept(periods, today):
        return open_items(session, today, overdue_only=True, until=end)
    o = OfficeQuarterOverdue.__table__
    return listed_states(session, select(o).where(o.c.quarter_end == end).subquery("kept"))
