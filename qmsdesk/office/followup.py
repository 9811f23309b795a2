"""整改跟踪 across units: open and overdue items (filterable, paged), closure rate per unit, Pareto of categories.

An item travels in every month it is open, so the office sees it several times; its state is the one
of the newest month that carried it, judged on that month's last day (qmsdesk.rules): what the office
knows of an item is what that month's report said, and an item closed after the month ended still shows
as open then, with its later closure date.

Everything is counted in SQL over office/derived.py's tables: `office_items` (each item's newest state) or,
for a report "as of" an earlier month, the states of office_item_months valid then. The rules are
qmsdesk.rules' SQL forms, judged per row on the day its month is judged (`_judged_day`); a province holds some
460,000 items, so the page reads counts and one page of the open items, never all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from qmsdesk import clock, rules
from qmsdesk.analytics.pareto import ParetoSpec, pareto
from qmsdesk.i18n import msg
from qmsdesk.office.labels import item_status, source_label
from qmsdesk.office.models import OfficeItem, OfficeItemMonth, OfficePackage, OfficeUnit
from qmsdesk.periods import Period

PAGE_ROWS = 500  # open items the page lists at once; the filters narrow the rest


@dataclass(frozen=True)
class FollowItem:
    unit_id: str
    unit_label: str
    record_id: str
    category: str
    source: str
    problem: str
    status: str
    found_on: date | None
    deadline: date | None
    closed_on: date | None
    responsible: str
    period: str  # the newest month that carried it
    verified_on: date | None = None

    @property
    def as_of(self) -> date:
        """The day the office knows the item's state for: the last day of the newest month that carried it."""
        return rules.month_end(self.period)

    def _day(self, day: date | None) -> date:
        return min(day or self.as_of, self.as_of)

    def is_open(self, day: date | None = None) -> bool:
        """Open on `day` (never judged later than `as_of`)."""
        return rules.open_on(self, self._day(day))

    def is_closed(self, day: date | None = None) -> bool:
        return rules.closed_by(self, self._day(day))

    def overdue(self, day: date | None = None) -> bool:
        return rules.overdue_on(self, self._day(day))

    def days_overdue(self, day: date | None = None) -> int:
        return rules.days_overdue(self, self._day(day))

    @property
    def status_label(self) -> str:
        later = rules.closed_after(self, self.as_of)
        if later is not None:
            return msg("未销号（{d} 销号）", "open ({d} closed)", d=later.isoformat())
        return item_status(self.status)

    @property
    def source_label(self) -> str:
        return source_label(self.source)


def known_periods(session: Session) -> list[str]:
    return sorted(session.scalars(select(OfficePackage.period).distinct()))


_COLUMNS = ("unit_id", "item_id", "period", "month_end", "category", "source", "problem", "status", "found_on", "deadline",
            "closed_on", "verified_on", "responsible")


def _states(session: Session, until: str | None):
    """Each item's newest counted state (as of month `until`, when given), of active units, as a subquery."""
    units = OfficeUnit.__table__
    # A few units at most are inactive: naming them costs nothing per row, where a join with every unit costs
    # more than the scan of a province's items.
    inactive = list(session.scalars(select(units.c.id).where(units.c.active.is_(False))))

    def of(table, *where):
        if inactive:
            where = (*where, table.c.unit_id.not_in(inactive))
        return select(*(table.c[c] for c in _COLUMNS)).where(*where)

    items = OfficeItem.__table__
    if until is None:
        return of(items).subquery("states")
    months = OfficeItemMonth.__table__
    return union_all(of(items, items.c.period <= until),
                     of(months, months.c.period <= until, months.c.next_period > until)).subquery("states")


def _label():
    units = OfficeUnit.__table__
    return (units.c.hospital_name + literal(" ") + units.c.department_name).label("unit_label")


def _listed(st, *where):
    """The states with their unit's label, in the list's order: by deadline (none last), unit, item."""
    units = OfficeUnit.__table__
    label = _label()
    return (select(st, label).join(units, units.c.id == st.c.unit_id).where(*where)
            .order_by(st.c.deadline.is_(None), st.c.deadline, label, st.c.item_id))


def _rules(st, today: date | None):
    """The rules' columns over the states `st`, and the day each row is judged on: its month's last day
    (FollowItem.as_of), never after `today` nor the clock's today."""
    cap = clock.today() if today is None else min(today, clock.today())
    day = case((st.c.month_end < cap, st.c.month_end), else_=cap)
    return rules.ItemColumns(st.c.found_on, st.c.deadline, st.c.status, st.c.closed_on, st.c.verified_on), day


def _item(row) -> FollowItem:
    """A row of _listed (the state's _COLUMNS, then the unit's label) as the item, unpacked by position: by name, a
    row's thirteen look-ups cost the quarterly report's 7,000 overdue items 40 ms."""
    (unit_id, item_id, period, _month_end, category, source, problem, status, found_on, deadline, closed_on,
     verified_on, responsible, unit_label) = row
    return FollowItem(unit_id, unit_label, item_id, category or msg("未分类", "none"), source or "other", problem,
                      status or "open", found_on, deadline, closed_on, responsible, period, verified_on)


def all_items(session: Session, until: str | None = None) -> list[FollowItem]:
    """Every item any unit reported (months up to `until`), in its newest state — a province's are many: the
    page lists `open_page`; this is for exports and checks."""
    return [_item(r) for r in session.execute(_listed(_states(session, until)))]


@dataclass(frozen=True)
class OpenItems:
    """One page of the open items that match the filters, and how many match in all."""

    items: list[FollowItem]
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.items)


def _source_is(st, source: str):
    return or_(st.c.source == "", st.c.source == "other") if source == "other" else st.c.source == source


def _category_is(st, category: str):
    unnamed = msg("未分类", "none")  # what an item without a category is listed under
    return or_(st.c.category == "", st.c.category == unnamed) if category == unnamed else st.c.category == category


def _open_query(session: Session, today: date, unit_id, source, category, overdue_only, until):
    """(ordered SELECT of the matching open items, SELECT of their number)."""
    st = _states(session, until)
    c, day = _rules(st, today)
    where = [rules.sql_overdue_on(c, day) if overdue_only else rules.sql_open_on(c, day)]
    if unit_id:
        where.append(st.c.unit_id == unit_id)
    if source:
        where.append(_source_is(st, source))
    if category:
        where.append(_category_is(st, category))
    return _listed(st, *where), select(func.count()).select_from(st).where(*where)


def overdue_states(session: Session, today: date, until: str, units=None):
    """SELECT of the newest states as of month `until` of the items then overdue (of the `units` a SELECT of ids
    gives, when given), in office_item_months' columns: the rows open_items(overdue_only=True) lists."""
    st = _states(session, until)
    c, day = _rules(st, today)
    where = [rules.sql_overdue_on(c, day)] + ([st.c.unit_id.in_(units)] if units is not None else [])
    return select(*(st.c[c] for c in _COLUMNS)).where(*where)


STATE_COLUMNS = _COLUMNS


def listed_states(session: Session, states) -> list[FollowItem]:
    """Item states (a table with office_item_months' columns) of active units, as open_items lists them."""
    st = select(*(states.c[c] for c in _COLUMNS)).subquery("states")
    return [_item(r) for r in session.execute(_listed(st, OfficeUnit.__table__.c.active.is_(True))).all()]


def open_page(session: Session, today: date, *, unit_id: str | None = None, source: str | None = None,
              category: str | None = None, overdue_only: bool = False, until: str | None = None,
              limit: int | None = PAGE_ROWS, total: int | None = None) -> OpenItems:
    """Items open on each one's `as_of` (not later than `today`), filtered, by deadline: the first `limit` of them
    (all when None) and their number (`total` when the caller counted them already)."""
    rows, number = _open_query(session, today, unit_id, source, category, overdue_only, until)
    items = [_item(r) for r in session.execute(rows if limit is None else rows.limit(limit))]
    if total is None:
        total = len(items) if limit is None or len(items) < limit else int(session.scalar(number))
    return OpenItems(items, total)


def open_items(session: Session, today: date, *, unit_id: str | None = None, source: str | None = None,
               category: str | None = None, overdue_only: bool = False, until: str | None = None) -> list[FollowItem]:
    """Every item open on its `as_of` (not later than `today`) that matches the filters, by deadline."""
    return open_page(session, today, unit_id=unit_id, source=source, category=category, overdue_only=overdue_only,
                     until=until, limit=None).items


def most_overdue_first(items: list[FollowItem], today: date) -> list[FollowItem]:
    """The items by days overdue on `today` (each judged on its `as_of` at the latest), most first, then by unit:
    FollowItem.days_overdue with each month's last day worked out once, not once per item (a province has 7,000)."""
    ends: dict[str, date] = {}

    def days(item: FollowItem) -> int:
        end = ends.get(item.period)
        if end is None:
            end = ends[item.period] = item.as_of
        return rules.days_overdue(item, min(today, end))
    return sorted(items, key=lambda i: (-days(i), i.unit_label))


@dataclass(frozen=True)
class Closure:
    unit_id: str
    unit_label: str
    total: int
    closed: int
    open: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.closed / self.total * 100 if self.total else None


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def closure_by_unit(session: Session, today: date, until: str | None = None) -> list[Closure]:
    """Items per unit: closed (销号), still open, overdue; worst closure rate first."""
    return _closure_counts(session, today, until)[0]


def closure_counts(session: Session, today: date, until: str | None, units=None):
    """SELECT of (unit, items, closed, overdue, open) over each item's newest state (as of month `until`), of the
    `units` a SELECT of ids gives, when given."""
    st = _states(session, until)
    c, day = _rules(st, today)
    where = [st.c.unit_id.in_(units)] if units is not None else []
    return (select(st.c.unit_id, func.count().label("total"), _count(rules.sql_closed_by(c, day)).label("closed"),
                   _count(rules.sql_overdue_on(c, day)).label("overdue"), _count(rules.sql_open_on(c, day)).label("open"))
            .where(*where).group_by(st.c.unit_id))


def closures(rows) -> list[Closure]:
    """(unit, label, items, closed, overdue) as Closure rows, worst closure rate first."""
    out = [Closure(unit_id, label, int(total), int(closed), int(total) - int(closed), int(overdue))
           for unit_id, label, total, closed, overdue in rows]
    out.sort(key=lambda c: (c.rate if c.rate is not None else 101, -c.overdue, c.unit_label))
    return out


def _closure_counts(session: Session, today: date, until: str | None) -> tuple[list[Closure], int]:
    """Closure per unit, and how many items are open in all (one pass over the states)."""
    per_unit = closure_counts(session, today, until).subquery("per_unit")
    units = OfficeUnit.__table__
    stmt = select(per_unit, _label()).join(units, units.c.id == per_unit.c.unit_id)
    rows, open_total = [], 0
    for unit_id, total, closed, overdue, open_, label in session.execute(stmt):
        rows.append((unit_id, label, total, closed, overdue))
        open_total += int(open_)
    return closures(rows), open_total


def _found_in(st, periods: list[str]):
    spans = [Period.parse(p) for p in periods]
    return or_(*(st.c.found_on.between(p.first_day, p.last_day) for p in spans))


def _category_sources(session: Session, periods: list[str] | None, unit_id: str | None, until: str | None):
    st = _states(session, until)
    stmt = select(st.c.category, st.c.source, func.count()).group_by(st.c.category, st.c.source)
    if periods:
        stmt = stmt.where(_found_in(st, periods))
    if unit_id:
        stmt = stmt.where(st.c.unit_id == unit_id)
    return [(cat or msg("未分类", "none"), src or "other", int(n)) for cat, src, n in session.execute(stmt)]


def _pareto(groups, periods: list[str] | None) -> ParetoSpec:
    counts: Counter = Counter()
    for cat, _src, n in groups:
        counts[cat] += n
    what = msg("各单位整改问题类别排列图", "Problem categories across units")
    span = f"{periods[0]} — {periods[-1]}" if periods else ""
    return pareto(counts, what, span)


def category_pareto(session: Session, periods: list[str] | None = None, unit_id: str | None = None,
                    until: str | None = None) -> ParetoSpec:
    """Problem categories of the items found in `periods` (all when None), across units or for one."""
    return _pareto(_category_sources(session, periods, unit_id, until), periods)


@dataclass(frozen=True)
class FollowupView:
    """What 整改跟踪 shows on opening."""

    open: OpenItems
    pareto: ParetoSpec
    sources: list[str]
    categories: list[str]
    closure: list[Closure] | None = None  # None: not read (the page reads it when its tab is opened)


def followup_view(session: Session, today: date) -> FollowupView:
    """The first page of open items, closure per unit, the categories' Pareto and the filters' choices."""
    closure, open_total = _closure_counts(session, today, None)
    groups = _category_sources(session, None, None, None)
    first = open_page(session, today, total=open_total)
    return FollowupView(first, *_choices(groups), closure=closure)


def list_view(session: Session, today: date) -> FollowupView:
    """The first page of open items, the categories' Pareto and the filters' choices, without the closure per unit:
    counting it scans every item of a province (a third of a second), for a tab the page does not open with."""
    groups = _category_sources(session, None, None, None)
    return FollowupView(open_page(session, today), *_choices(groups))


def _choices(groups) -> tuple[ParetoSpec, list[str], list[str]]:
    return _pareto(groups, None), sorted({src for _c, src, _n in groups}), sorted({cat for cat, _s, _n in groups})
