"""When 整改台账 items close in the demos: on time, late or not yet, with the overdue share held believable.

An item's life is when it was found, its deadline and the day it was closed (销号) if it was. A ward that
works its ledger closes most items by the deadline, some late, and a few drag on; the demos draw that,
then make sure that at the checkpoints a reader looks from (the last month's end, the day the demo is
read) no more than about a third of the open items are overdue, while a few still are. The rules are the
ones the reports use: an item is open on a day when found by then and not closed by then; overdue when
also past its deadline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

MAX_OVERDUE_SHARE = 1 / 3


@dataclass
class Life:
    found: date
    deadline: date
    closed: date | None = None
    fixed: bool = False  # scripted (the PDCA story): never moved to balance the ledger
    roll: float = 0.5  # drawn once: where the item's work stands while it is open (see status_on)

    def open_on(self, day: date) -> bool:
        return self.found <= day and (self.closed is None or self.closed > day)

    def overdue_on(self, day: date) -> bool:
        return self.open_on(day) and self.deadline < day


def draw_closure(rng: random.Random, found: date, deadline: date, before: date, diligence: float) -> date | None:
    """The day an item is closed, or None when that day has not come by `before`. `diligence` is the
    share closed by the deadline; of the rest most close within a few weeks, some take months."""
    roll = rng.random()
    span = max(1, (deadline - found).days)
    if roll < diligence:  # verified towards the deadline, when the measures have had time to work
        done = found + timedelta(days=rng.randint(max(1, span * 2 // 3), span))
    elif roll < diligence + (1 - diligence) * 0.7:
        done = deadline + timedelta(days=rng.randint(2, 25))
    else:
        done = deadline + timedelta(days=rng.randint(30, 120))
    return done if done < before else None


def open_on(lives: list[Life], day: date) -> list[Life]:
    return [x for x in lives if x.open_on(day)]


def overdue_on(lives: list[Life], day: date) -> list[Life]:
    return [x for x in lives if x.overdue_on(day)]


def overdue_share(lives: list[Life], day: date) -> float:
    opened = open_on(lives, day)
    return len(overdue_on(lives, day)) / len(opened) if opened else 0.0


def hold_overdue(lives: list[Life], rng: random.Random, checkpoints: list[date],
                 share: float = MAX_OVERDUE_SHARE, least: int = 2) -> None:
    """Close the longest-overdue items (late) until at most `share` of the open ones are overdue on every
    checkpoint (the month ends, then the reading day, in order); then leave at least `least` overdue on
    the last two checkpoints (the last month's end and the reading day), if the share allows."""
    days = sorted(checkpoints)
    read_on = days[-1]
    for day in days:
        while True:
            late = sorted((x for x in overdue_on(lives, day) if not x.fixed), key=lambda x: x.deadline)
            if not late or len(late) + _fixed_overdue(lives, day) <= share * len(open_on(lives, day)):
                break
            _close_late(late[0], rng, last=day if day < read_on else read_on - timedelta(days=1))
    # A real ledger always has a few items past their deadline: keep open the most recently due of the
    # items that closed after their deadline or close to the end.
    for day in days[-2:]:
        candidates = sorted((x for x in lives if not x.fixed and x.closed and x.found <= day
                             and x.deadline < day - timedelta(days=3)), key=lambda x: x.deadline)[-8:]
        while len(overdue_on(lives, day)) < least and candidates:
            life = candidates.pop()
            kept, life.closed = life.closed, None
            if any(len(overdue_on(lives, c)) > share * len(open_on(lives, c)) for c in days if c > life.deadline):
                life.closed = kept


def keep_open(lives: list[Life], month_end: date, read_on: date, least: int = 5) -> None:
    """Leave at least `least` items open on the reading day, as a ledger is a month after its inspections:
    of the items due after the reading day, those that drew an early closure stay open instead."""
    candidates = sorted((x for x in lives if not x.fixed and x.closed and x.found <= month_end
                         and x.deadline >= read_on), key=lambda x: x.found)
    while len(open_on(lives, read_on)) < least and candidates:
        candidates.pop().closed = None


def _fixed_overdue(lives: list[Life], day: date) -> int:
    return sum(1 for x in lives if x.fixed and x.overdue_on(day))


def _close_late(life: Life, rng: random.Random, last: date) -> None:
    first = life.deadline + timedelta(days=1)
    if first > last:
        life.closed = life.deadline  # closed on its last day
        return
    life.closed = first + timedelta(days=rng.randint(0, (last - first).days))


def status_on(life: Life, day: date) -> str:
    """The item's status on `day`: closed once closed; open (nothing done yet) in its first week and, for
    a few, a while longer; awaiting verification when the work is done (closing within ten days, or
    `roll` says so); else in progress."""
    if life.closed is not None and life.closed <= day:
        return "closed"
    age = (day - life.found).days
    if age <= 7 or (life.roll < 0.15 and age <= 45):
        return "open"
    if (life.closed is not None and (life.closed - day).days <= 10) or life.roll > 0.7:
        return "awaiting_verification"
    return "in_progress"
