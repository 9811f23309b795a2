"""The shared state of one demo run: the seeded random source, the session, and who is who."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.periods import Period, months_between

FIRST_MONTH = Period(2025, 11)
LAST_MONTH = Period(2026, 10)
# The demo's "today": what the contract calls now. Overdue items and expiring authorisations are
# arranged relative to it so that the story holds when the demo is read on this date.
AS_OF = date(2026, 11, 23)
CHINA = timezone(timedelta(hours=8))


@dataclass
class Demo:
    session: Session
    rng: random.Random
    seed: int
    months: list[Period] = field(default_factory=lambda: months_between(FIRST_MONTH, LAST_MONTH))
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
    # Strong references to everything written: the session's identity map holds clean objects only
    # weakly, and the month-lock hook looks parents up there (a miss costs a query per child).
    written: list[m.Synced] = field(default_factory=list)

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
        return date(p.year, p.month, min(day, p.last_day.day))

    def weekday_near(self, d: date) -> date:
        """The same day, moved back to Friday when it falls on a weekend."""
        while d.weekday() >= 5:
            d -= timedelta(days=1)
        return d

    def local_time(self, d: date, hour: int, minute: int = 0) -> datetime:
        """A wall-clock time on the ward (China time) as the UTC instant the database keeps."""
        return datetime(d.year, d.month, d.day, hour, minute, tzinfo=CHINA).astimezone(UTC)

    def employed_on(self, s: m.Staff, d: date) -> bool:
        return (s.hire_date is None or s.hire_date <= d) and (s.left_on is None or s.left_on >= d)

    def clinical(self, d: date, who: str = "all") -> list[m.Staff]:
        """Staff working on day `d`: all, nurses only or doctors only."""
        wanted = {"all": {"doctor", "nurse", "technician", "pharmacist"}, "nurses": {"nurse"},
                  "doctors": {"doctor"}}[who]
        return [s for s in self.staff if s.profession in wanted and self.employed_on(s, d)]

    def by_post(self, post: str) -> m.Staff:
        return self.posts[post]

    def nurses_at(self, d: date) -> list[m.Staff]:
        return [s for s in self.staff if s.profession == "nurse" and self.employed_on(s, d)]
