"""Quarters and years as a small value type (`Span.parse("2026Q3")`, `Span.parse("2026")`), like `Period` for months.

The quarterly analysis, the annual summary and the binder each cover a span of whole months; a span
knows its months, its first and last day and how a Chinese document names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between

CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Span:
    year: int
    quarter: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, text: str | Span | int, field: str = "span") -> Span:
        if isinstance(text, Span):
            return text
        value = str(text).strip()
        if m := _QUARTER.match(value):
            return cls(int(m.group(1)), int(m.group(2)))
        if (m := _YEAR.match(value)) and int(m.group(1)) >= 1900:
            return cls(int(m.group(1)))
        raise ValidationError(msg("“{t}”既不是季度也不是年份：季度写作 2026Q3，年份写作 2026。",
                                  "'{t}' is neither a quarter nor a year: write a quarter as 2026Q3 and a year as 2026.",
                                  t=text), field)

    @classmethod
    def of_period(cls, period: Period) -> Span:
        """The quarter a month belongs to."""
        return cls(period.year, (period.month - 1) // 3 + 1)

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def kind(self) -> str:
        """The AnalysisKind code of an analysis covering this span."""
        return "annual" if self.is_year else "quarterly"

    @property
    def first(self) -> Period:
        return Period(self.year, 1 if self.quarter is None else 3 * self.quarter - 2)

    @property
    def last(self) -> Period:
        return Period(self.year, 12 if self.quarter is None else 3 * self.quarter)

    @property
    def periods(self) -> list[Period]:
        return months_between(self.first, self.last)

    @property
    def first_day(self) -> date:
        return self.first.first_day

    @property
    def last_day(self) -> date:
        return self.last.last_day

    @property
    def quarters(self) -> list[Span]:
        """The quarters of a year; a quarter is its own only quarter."""
        return [Span(self.year, q) for q in range(1, 5)] if self.is_year else [self]

    def contains(self, period: Period) -> bool:
        return self.first <= period <= self.last

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.quarter is None else f"{self.year:04d}Q{self.quarter}"

    @property
    def label_zh(self) -> str:
        """"2026年第三季度" / "2026年度": how printed documents name it, whatever the window's language."""
        return f"{self.year}年度" if self.quarter is None else f"{self.year}年第{CN_QUARTER[self.quarter]}季度"

    def label(self) -> str:
        if self.quarter is None:
            return msg("{y}年度", "{y}", y=self.year)
        return msg("{y}年第{q}季度", "{y} Q{n}", y=self.year, q=CN_QUARTER[self.quarter], n=self.quarter)
