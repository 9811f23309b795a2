"""The program's idea of "now" and of local time: today's date and the unit's time zone, below every layer.

Times are stored in UTC (`db.types.UTCDateTime`). What a user sees, which day an event happened and which
month a record belongs to are decided in the unit's time zone (`Unit.time_zone`, default Asia/Shanghai),
never in the machine's: a ward PC whose clock is set to UTC still shows a night-shift fall at 02:30 and
counts it in the right month. Opening the unit's database sets the zone (db/engine.py); services, analytics,
reports and the window ask here, so tests and the demo can reason about 'now' and no layer reaches into
another for it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"

_zone = ZoneInfo(DEFAULT_ZONE)


def zone() -> ZoneInfo:
    """The unit's time zone."""
    return _zone


def zone_name() -> str:
    return _zone.key


def known_zone(name: str | None) -> bool:
    """Whether `name` is an IANA zone this machine (or the bundled tzdata) knows, e.g. "Asia/Urumqi"."""
    if not name or not str(name).strip():
        return False
    try:
        ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def set_zone(name: str | None) -> None:
    """Use `name` as the unit's zone from now on; None, empty or unknown means the default (Asia/Shanghai)."""
    global _zone
    _zone = ZoneInfo(str(name).strip()) if known_zone(name) else ZoneInfo(DEFAULT_ZONE)


def now() -> datetime:
    """The current time in the unit's zone (aware)."""
    return datetime.now(_zone)


def today() -> date:
    """Today's date in the unit's zone."""
    return now().date()


def local(value: datetime) -> datetime:
    """An aware time in the unit's zone. A naive value is taken as UTC: that is how the database returns one."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone)


def local_naive(value: datetime | None) -> datetime | None:
    """The unit's wall-clock time without a zone: what a spreadsheet cell can hold and a reader expects."""
    return None if value is None else local(value).replace(tzinfo=None)


def local_day(value: datetime | date) -> date:
    """The date a time falls on in the unit's zone (a date is returned as it is)."""
    return local(value).date() if isinstance(value, datetime) else value


def local_text(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if value is None else local(value).strftime(fmt)


def at_local(day: date, at: time = time.min) -> datetime:
    """The moment `day` (at `at`, wall-clock) begins in the unit's zone, aware."""
    return datetime.combine(day, at, tzinfo=_zone)


def as_local(value: datetime) -> datetime:
    """A time a user typed: naive means wall-clock time in the unit's zone; an aware one is kept."""
    return value if value.tzinfo is not None else value.replace(tzinfo=_zone)
