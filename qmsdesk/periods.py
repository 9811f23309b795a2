"""Periods (months) as a small value type: `Period.parse("2026-10")`, never loose dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from qmsdesk import clock
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | Period, field: str = "period") -> Period:
        if isinstance(text, Period):
            return text
        m = _PATTERN.match(str(text).strip())
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
            raise ValidationError(
                msg("月份格式应为 YYYY-MM（例如 2026-10），收到“{t}”", "A month must look like YYYY-MM (e.g. 2026-10), got '{t}'", t=text),
                field,
            )
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, d: date | datetime) -> Period:
        """The month of a date, or of a stored time in the unit's zone (the month a user sees)."""
        if isinstance(d, datetime) and d.tzinfo is not None:
            d = clock.local(d)
        return cls(d.year, d.month)

    def span(self) -> tuple[datetime, datetime]:
        """[start, end) of the month as aware times in the unit's zone, to compare with stored UTC times."""
        return clock.at_local(self.first_day), clock.at_local(self.next().first_day)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.next().first_day.toordinal() - 1)

    def next(self) -> Period:
        return Period(self.year + (self.month == 12), 1 if self.month == 12 else self.month + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    def contains(self, d: date) -> bool:
        return d.year == self.year and d.month == self.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        return msg("{y}年{m}月", "{y}-{m:02d}", y=self.year, m=self.month)


def months_between(start: Period, end: Period) -> list[Period]:
    out, p = [], start
    while p <= end:
        out.append(p)
        p = p.next()
    return out
