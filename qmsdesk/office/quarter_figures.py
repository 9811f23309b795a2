"""Each unit's quarter figures that take a scan of a province's months to count, kept for the quarterly report:
its rectification items as of the quarter's last day (all, closed, overdue: 整改销号) and the staff seen in
training over the quarter (and of them, at a medical-safety session).

Counting them for a report reads every item state a province holds (460,000) and every trained staff member of
the quarter (200,000); the counts of a past quarter only change when one of the unit's months up to the quarter's
end changes. So they are counted set-based, by the same SQL the pages use (followup.closure_counts,
compliance.trained_staff), once per unit and quarter, kept in office_quarter_figures, and dropped for the unit from
a changed month's quarter on (derived.forget_quarters, called by refresh_month). A quarter still running (its last
day after `today`) is counted live: its items are judged on today, not on a day that is kept.
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
from qmsdesk.office.followup import Closure, closure_by_unit, closure_counts, closures
from qmsdesk.office.models import OfficeQuarterFigures, OfficeUnit
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


def count_quarter(session: Session, periods: list[str], today: date) -> int:
    """Count and keep the figures of every active unit not kept yet for the quarter; the number counted."""
    end, key = periods[-1], figures_key()
    f, units = OfficeQuarterFigures.__table__, OfficeUnit.__table__
    session.execute(f.delete().where(f.c.quarter_end == end, f.c.key != key))  # counted under older rules
    missing = (select(units.c.id).where(units.c.active.is_(True), ~exists().where(
        f.c.unit_id == units.c.id, f.c.quarter_end == end)).subquery("missing"))
    items = closure_counts(session, today, end, units=select(missing.c.id)).subquery("items")
    staff = trained_staff(periods, units=select(missing.c.id)).subquery("staff")
    rows = (select(missing.c.id, literal(end), literal(key), func.coalesce(items.c.total, 0),
                   func.coalesce(items.c.closed, 0), func.coalesce(items.c.overdue, 0),
                   func.coalesce(staff.c.trained, 0), func.coalesce(staff.c.safety, 0))
            .select_from(missing).outerjoin(items, items.c.unit_id == missing.c.id)
            .outerjoin(staff, staff.c.unit_id == missing.c.id))
    columns = ["unit_id", "quarter_end", "key", "items_total", "closed", "overdue", "trained", "safety_trained"]
    try:
        with session.begin_nested():
            done = session.execute(insert(f).from_select(columns, rows)).rowcount
    except IntegrityError:  # another office PC counted the same units meanwhile: its identical counts stand
        log.debug("quarter %s: figures counted by another office PC meanwhile", end)
        return 0
    if done and session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE office_quarter_figures"))  # the planner sees the new rows now
    return done


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
