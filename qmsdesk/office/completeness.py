"""上报情况: which unit has reported which month — on time, late by N days, returned, or missing.

Timeliness is measured against the unit's deadline day in the month after the period (DESIGN §4;
qmsdesk.rules.submission_deadline), using the day the unit signed its first version (the package's
`created`) in the unit's own time zone, which its package states (notes["time_zone"], Asia/Shanghai for
packages that predate it): an amendment asked for by the office does not make a month late. A month whose
deadline has not passed and that has not arrived is "not yet due", and counts in no rate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk import clock, rules
from qmsdesk.i18n import msg
from qmsdesk.office.models import OfficePackage
from qmsdesk.office.units import UnitRef, unit_refs

ON_TIME, LATE, RETURNED, MISSING, NOT_DUE = "on_time", "late", "returned", "missing", "not_due"


def local_date(when: datetime, zone_name: str | None = None) -> date:
    """The day a stored time fell on for a unit in `zone_name` (its package's zone; default the office's)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if not clock.known_zone(zone_name):
        return clock.local_day(when)
    return when.astimezone(ZoneInfo(str(zone_name))).date()


def signed_on(package: OfficePackage) -> date:
    """The day the unit signed the package, in the unit's zone (a row may carry the zone alone, as `zone`)."""
    zone = getattr(package, "zone", None) or (getattr(package, "notes", None) or {}).get("time_zone")
    return local_date(package.created, zone or clock.DEFAULT_ZONE)


@dataclass(frozen=True, slots=True)
class Cell:
    status: str
    days_late: int = 0
    version: int | None = None
    versions: int = 0
    submitted_on: date | None = None
    accepted: bool = False

    @property
    def text(self) -> str:
        if self.status == ON_TIME:
            base = msg("按时", "on time")
        elif self.status == LATE:
            base = msg("迟报 {n} 天", "late by {n} days", n=self.days_late)
        elif self.status == RETURNED:
            base = msg("已退回", "returned")
        elif self.status == MISSING:
            base = msg("未报", "missing")
        else:
            base = msg("未到期", "not yet due")
        if self.version and self.version > 1:
            base += msg("（第 {v} 版）", " (v{v})", v=self.version)
        return base

    @property
    def reported(self) -> bool:
        return self.status in (ON_TIME, LATE)


@dataclass(frozen=True)
class Rate:
    reported: int
    on_time: int
    expected: int

    @property
    def completeness(self) -> float | None:
        return self.reported / self.expected * 100 if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected * 100 if self.expected else None


@dataclass
class CompletenessTable:
    periods: list[str]
    units: list[UnitRef]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, unit_id: str, period: str) -> Cell:
        return self.cells[(unit_id, period)]

    def _rate(self, cells: list[Cell]) -> Rate:
        due = [c for c in cells if c.status != NOT_DUE]
        return Rate(sum(c.reported for c in due), sum(c.status == ON_TIME for c in due), len(due))

    def month_rate(self, period: str) -> Rate:
        return self._rate([self.cells[(u.id, period)] for u in self.units])

    def unit_rate(self, unit_id: str) -> Rate:
        return self._rate([self.cells[(unit_id, p)] for p in self.periods])

    def overall(self) -> Rate:
        return self._rate(list(self.cells.values()))


def _cell(packages: list, period: str, unit: UnitRef, today: date) -> Cell:
    if not packages:
        return Cell(MISSING if _overdue(period, unit.deadline_day, today) else NOT_DUE)
    if len(packages) == 1:  # most months: one version; a province's months share few signing days
        one = packages[0]
        return _one_version(period, unit.deadline_day, signed_day(one.created, one.zone), one.version,
                            one.ack_status)
    first = min(packages, key=lambda p: p.version)
    current = next((p for p in packages if p.state == "current"), max(packages, key=lambda p: p.version))
    return _judged(period, unit.deadline_day, signed_day(first.created, first.zone), current.version,
                   current.ack_status, len(packages))


def _judged(period: str, deadline_day: int, submitted: date, version: int, ack_status: str | None,
            versions: int) -> Cell:
    late = _days_late(period, deadline_day, submitted)
    common = dict(days_late=late, version=version, versions=versions, submitted_on=submitted,
                  accepted=ack_status == "accepted")
    if ack_status == "returned":
        return Cell(RETURNED, **common)
    return Cell(LATE if late else ON_TIME, **common)


@lru_cache(maxsize=65536)
def _one_version(period: str, deadline_day: int, submitted: date, version: int, ack_status: str | None) -> Cell:
    return _judged(period, deadline_day, submitted, version, ack_status, 1)  # a Cell is frozen: shared safely


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo | None:
    return ZoneInfo(name) if clock.known_zone(name) else None


def signed_day(created: datetime, zone_name: str) -> date:
    """signed_on() of a package row whose zone the query gave (the office's when the package named none);
    a zone's ZoneInfo is made once, not once per package."""
    zone = _zone(zone_name)
    if zone is None:
        return local_date(created, zone_name)
    return (created if created.tzinfo else created.replace(tzinfo=UTC)).astimezone(zone).date()


@lru_cache(maxsize=4096)
def _overdue(period: str, deadline_day: int, today: date) -> bool:
    return rules.submission_overdue(period, deadline_day, today)


@lru_cache(maxsize=65536)
def _days_late(period: str, deadline_day: int, submitted: date) -> int:
    return rules.days_late(period, deadline_day, submitted)


def completeness(session: Session, periods: list[str], today: date | None = None,
                 units: list[UnitRef] | None = None) -> CompletenessTable:
    """The month × unit table for `periods` (rows: active units)."""
    today = today or clock.today()
    units = units if units is not None else unit_refs(session)
    by_key: dict[tuple[str, str], list] = defaultdict(list)
    if units:
        p = OfficePackage.__table__  # plain rows (version, state, review, signing time): a province has 4,000 a month
        for pkg in session.execute(select(p.c.unit_id, p.c.period, p.c.version, p.c.state, p.c.ack_status, p.c.created,
                                          func.coalesce(p.c.notes["time_zone"].as_string(),
                                                        clock.DEFAULT_ZONE).label("zone"))
                                   .where(p.c.period.in_(periods))).all():
            by_key[(pkg[0], pkg[1])].append(pkg)  # by position: by name, a row's look-ups cost more than its cell
    table = CompletenessTable(list(periods), units)
    cells, none = table.cells, []
    for unit in units:
        unit_id, deadline_day = unit.id, unit.deadline_day
        for period in periods:
            packages = by_key.get((unit_id, period), none)
            if len(packages) == 1:  # _cell's commonest case inline: a province's quarter has 11,000 of them
                _unit, _period, version, _state, ack_status, created, zone = packages[0]
                cells[(unit_id, period)] = _one_version(period, deadline_day, signed_day(created, zone), version,
                                                        ack_status)
            else:
                cells[(unit_id, period)] = _cell(packages, period, unit, today)
    return table


def reminders(session: Session, period: str, today: date | None = None) -> list[tuple[UnitRef, Cell]]:
    """Units that still owe `period` (missing, or returned and not yet amended), with their cell."""
    table = completeness(session, [period], today)
    out = []
    for unit in table.units:
        cell = table.cell(unit.id, period)
        if cell.status in (MISSING, RETURNED, NOT_DUE):
            out.append((unit, cell))
    return out


def rate_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


@dataclass(frozen=True)
class CompletenessGrid:
    """上报情况 as the page draws it: per unit its cells and rate, the months' rates, and who to remind."""

    periods: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...], Rate], ...]  # unit label, a cell per month, the unit's rates
    month_rates: tuple[Rate, ...]
    owing: tuple[tuple[str, str], ...]  # (unit label, cell text) of the units to remind for the last month
    unit_ids: tuple[str, ...] = ()  # the units of `rows`, in order

    def reported(self, row: int, col: int) -> bool:
        """Whether that unit's month arrived (returned months too): its figures can be shown."""
        cell = self.rows[row][1][col]
        return cell.reported or cell.status == RETURNED


def completeness_grid(session: Session, periods: list[str], today: date | None = None) -> CompletenessGrid:
    table = completeness(session, periods, today)
    rows = tuple((u.label, tuple(table.cell(u.id, p) for p in periods), table.unit_rate(u.id)) for u in table.units)
    last = [(u, table.cell(u.id, periods[-1])) for u in table.units]  # reminders(), from the table already read
    owing = tuple((u.label, cell.text) for u, cell in last if cell.status in (MISSING, RETURNED, NOT_DUE))
    return CompletenessGrid(tuple(periods), rows, tuple(table.month_rate(p) for p in periods), owing,
                            tuple(u.id for u in table.units))
