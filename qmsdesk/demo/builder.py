"""The shared state of one demo run: its twelve months, its "today", the seeded random source, who is who."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between

CHINA = timezone(timedelta(hours=8))
BEDS = 48
# With an explicit last month, the demo is read on this day of the month after it — the ward is getting
# that month's submission ready, due on the 5th — fixed, so a test's figures do not move with the calendar.
READ_ON_DAY = 3


def demo_window(until: Period | None, today: date) -> tuple[list[Period], date]:
    """The demo's twelve months (ending with `until`, default the last complete month before `today`) and
    the day the demo is read on: `today` when that falls in the month after `until`, else the 3rd of it."""
    current = Period.of(today)
    last = until or current.previous()
    if last >= current:
        raise QmsError(msg("演示数据只能截至已经结束的月份（{c} 之前），收到 {u}。",
                           "The demo can only end with a month already over (before {c}); got {u}.", c=current, u=last))
    first = last
    for _ in range(11):
        first = first.previous()
    after = last.next()
    as_of = today if after == current else min(today, after.first_day + timedelta(days=READ_ON_DAY - 1))
    return months_between(first, last), as_of


def weekday_near(d: date) -> date:
    """The same day, moved back to Friday when it falls on a weekend (forward to Monday when going back
    would leave the month)."""
    if d.weekday() < 5:
        return d
    back = d - timedelta(days=d.weekday() - 4)
    return back if back.month == d.month else d + timedelta(days=7 - d.weekday())


@dataclass
class Demo:
    session: Session
    rng: random.Random
    seed: int
    months: list[Period]
    as_of: date  # the day the demo is read on: ledger work, authorisations and closures stop before it
    staff: list[m.Staff] = field(default_factory=list)
    posts: dict[str, m.Staff] = field(default_factory=dict)  # 科主任, 护士长, 医疗质控员, 护理质控员 …
    group: list[tuple[m.Staff, str]] = field(default_factory=list)
    meetings: list[m.Meeting] = field(default_factory=list)  # group_monthly, one per month in order
    # training sessions by topic, with who was present: an assessment that follows one is linked to it
    trainings: dict[str, tuple[m.TrainingSession, set[uuid.UUID]]] = field(default_factory=dict)
    problems: list[tuple[m.MeetingProblem, tuple[str, str, str, str]]] = field(default_factory=list)
    findings: list[tuple[m.InspectionFinding, tuple[str, str, str, str], date]] = field(default_factory=list)
    events: list[m.AdverseEvent] = field(default_factory=list)
    values: list[m.IndicatorValue] = field(default_factory=list)
    items: list[m.RectificationItem] = field(default_factory=list)
    # Scripted records of the PDCA story and the CAUTI excursion, by key (see qmsdesk.demo.story).
    story: dict[str, m.Synced] = field(default_factory=dict)
    tubes: dict[uuid.UUID, str] = field(default_factory=dict)  # unplanned extubations: the tube's indicator
    # Strong references to everything written: the session's identity map holds clean objects only
    # weakly, and the month-lock hook looks parents up there (a miss costs a query per child).
    written: list[m.Synced] = field(default_factory=list)

    @property
    def first(self) -> Period:
        return self.months[0]

    @property
    def last(self) -> Period:
        return self.months[-1]

    @property
    def year(self) -> int:
        """The calendar year the demo ends in: the year whose rules (two safety trainings…) it shows."""
        return self.last.year

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, obj: m.Synced) -> m.Synced:
        """Add with an id drawn from the seed, so the same seed writes the same records."""
        obj.id = self.new_id()
        self.session.add(obj)
        self.written.append(obj)
        return obj

    def month(self, index: int) -> Period:
        return self.months[index]

    def day(self, index: int, day: int) -> date:
        p = self.months[index]
        return date(p.year, p.month, max(1, min(day, p.last_day.day)))

    def index_of(self, d: date) -> int:
        return self.months.index(Period(d.year, d.month))

    @staticmethod
    def weekday_near(d: date) -> date:
        return weekday_near(d)

    @staticmethod
    def local_time(d: date, hour: int, minute: int = 0) -> datetime:
        """A wall-clock time on the ward (China time) as the UTC instant the database keeps."""
        return datetime(d.year, d.month, d.day, hour, minute, tzinfo=CHINA).astimezone(UTC)

    @staticmethod
    def local_date(t: datetime) -> date:
        return t.astimezone(CHINA).date()

    @staticmethod
    def employed_on(s: m.Staff, d: date) -> bool:
        return (s.hire_date is None or s.hire_date <= d) and (s.left_on is None or s.left_on >= d)

    def clinical(self, d: date, who: str = "all") -> list[m.Staff]:
        """Staff working on day `d`: all, nurses only or doctors only."""
        wanted = {"all": {"doctor", "nurse", "technician", "pharmacist"}, "nurses": {"nurse"},
                  "doctors": {"doctor"}}[who]
        return [s for s in self.staff if s.profession in wanted and self.employed_on(s, d)]

    def nurses_at(self, d: date) -> list[m.Staff]:
        return [s for s in self.staff if s.profession == "nurse" and self.employed_on(s, d)]

    def name_of(self, staff_id: uuid.UUID | None) -> str:
        return next((s.name for s in self.staff if s.id == staff_id), "")
