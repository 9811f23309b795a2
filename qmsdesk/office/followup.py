"""整改跟踪 across units: open and overdue items (filterable), closure rate per unit, Pareto of categories.

An item travels in every month it is open, so the office sees it several times; its state is the one
of the newest month that carried it, judged on that month's last day (qmsdesk.rules): what the office
knows of an item is what that month's report said, and an item closed after the month ended still shows
as open then, with its later closure date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.analytics.pareto import ParetoSpec, pareto
from qmsdesk.i18n import msg
from qmsdesk.office.labels import item_status, source_label
from qmsdesk.office.models import OfficePackage, OfficeUnit
from qmsdesk.office.queries import counted, staff_names


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


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def all_items(session: Session, until: str | None = None) -> list[FollowItem]:
    """Every item any unit reported (months up to `until`), in its newest state."""
    periods = [p for p in known_periods(session) if until is None or p <= until]
    newest: dict[tuple[str, str], tuple[str, dict]] = {}
    for row in counted(session, "rectification_items", periods):
        key = (row.unit_id, str(row.data.get("id")))
        if key not in newest or newest[key][0] < row.period:
            newest[key] = (row.period, row.data)
    if not newest:
        return []
    labels = {u.id: u.label for u in session.scalars(select(OfficeUnit))}
    names = staff_names(session, {(u, str(d.get("responsible_id"))) for (u, _r), (_p, d) in newest.items()})
    out = []
    for (unit_id, rid), (period, d) in newest.items():
        out.append(FollowItem(unit_id, labels.get(unit_id, ""), rid, str(d.get("category") or msg("未分类", "none")),
                              str(d.get("source_kind") or "other"), str(d.get("problem") or ""),
                              str(d.get("status") or "open"), _day(d.get("found_on")), _day(d.get("deadline")),
                              _day(d.get("closed_on")), names.get((unit_id, str(d.get("responsible_id"))), ""), period,
                              _day(d.get("verified_on"))))
    out.sort(key=lambda i: (i.deadline or date.max, i.unit_label))
    return out


def open_items(session: Session, today: date, *, unit_id: str | None = None, source: str | None = None,
               category: str | None = None, overdue_only: bool = False, until: str | None = None,
               items: list[FollowItem] | None = None) -> list[FollowItem]:
    """Items open on each one's `as_of` (not later than `today`), filtered; `items` reuses an all_items() result
    (a page filtering repeatedly)."""
    items = [i for i in (items if items is not None else all_items(session, until)) if i.is_open(today)]
    if unit_id:
        items = [i for i in items if i.unit_id == unit_id]
    if source:
        items = [i for i in items if i.source == source]
    if category:
        items = [i for i in items if i.category == category]
    if overdue_only:
        items = [i for i in items if i.overdue(today)]
    return items


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


def closure_by_unit(session: Session, today: date, until: str | None = None,
                    items: list[FollowItem] | None = None) -> list[Closure]:
    """Items per unit: closed (销号), still open, overdue; worst closure rate first."""
    per: dict[str, list[FollowItem]] = {}
    for item in items if items is not None else all_items(session, until):
        per.setdefault(item.unit_id, []).append(item)
    out = []
    for unit_id, items in per.items():
        closed = sum(i.is_closed(today) for i in items)
        out.append(Closure(unit_id, items[0].unit_label, len(items), closed, len(items) - closed,
                           sum(i.overdue(today) for i in items)))
    out.sort(key=lambda c: (c.rate if c.rate is not None else 101, -c.overdue, c.unit_label))
    return out


def category_pareto(session: Session, periods: list[str] | None = None, unit_id: str | None = None,
                    items: list[FollowItem] | None = None) -> ParetoSpec:
    """Problem categories of the items found in `periods` (all when None), across units or for one."""
    items = items if items is not None else all_items(session)
    if periods:
        items = [i for i in items if i.found_on and f"{i.found_on:%Y-%m}" in periods]
    if unit_id:
        items = [i for i in items if i.unit_id == unit_id]
    what = msg("各单位整改问题类别排列图", "Problem categories across units")
    span = f"{periods[0]} — {periods[-1]}" if periods else ""
    return pareto(Counter(i.category for i in items), what, span)


def categories(items: list[FollowItem]) -> list[str]:
    return sorted({i.category for i in items})


def followup_view(session: Session, today: date) -> tuple[list[FollowItem], list[Closure], ParetoSpec]:
    """What 整改跟踪 shows on opening: every item in its newest state, closure per unit, the categories' Pareto."""
    items = all_items(session)
    return items, closure_by_unit(session, today, items=items), category_pareto(session, items=items)
