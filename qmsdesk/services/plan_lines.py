"""The annual plan as plain values (what services/plan.py reads and services/plan_progress.py judges).

Apart from services/plan.py so the read-only month reader (analytics/month_raw.py) can fill them without
importing SQLAlchemy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from qmsdesk.db.enums import Direction


@dataclass(frozen=True)
class GoalLine:
    """One indicator's goal for the year: the group's own, or the catalogue target."""

    code: str
    name: str
    unit: str
    direction: str
    catalogue_target: float | None
    goal: float | None
    own: bool  # True when the group set its own goal
    note: str

    @property
    def sign(self) -> str:
        return "≤" if self.direction == Direction.LOWER_BETTER else "≥"

    @property
    def goal_text(self) -> str:
        return "" if self.goal is None else f"{self.sign}{_fmt(self.goal)}{self.unit if self.unit in ('%', '‰') else ''}"

    @property
    def target_text(self) -> str:
        if self.catalogue_target is None:
            return ""
        return f"{self.sign}{_fmt(self.catalogue_target)}{self.unit if self.unit in ('%', '‰') else ''}"


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


@dataclass(frozen=True)
class FocusLine:
    id: uuid.UUID
    month: int
    theme: str
    details: str
    outcome: str


@dataclass(frozen=True)
class TrainingLine:
    id: uuid.UUID
    month: int
    topic: str
    category: str
    category_label: str
    hours: float
    audience: str
    trainer: str


@dataclass(frozen=True)
class InspectionLine:
    id: uuid.UUID
    title: str
    template_code: str
    kind: str
    kind_label: str
    frequency: str
    frequency_label: str
    responsible: str


@dataclass(frozen=True)
class PdcaLine:
    id: uuid.UUID
    theme: str
    start_month: int
    indicator_code: str
    leader: str


@dataclass(frozen=True)
class PlanView:
    """The whole plan of a year as plain values; `exists` is False when nothing was planned yet."""

    year: int
    exists: bool
    objectives: str
    goals: list[GoalLine]
    focus: list[FocusLine]
    trainings: list[TrainingLine]
    inspections: list[InspectionLine]
    pdca: list[PdcaLine]

    def focus_of(self, month: int) -> list[FocusLine]:
        return [f for f in self.focus if f.month == month]

    def trainings_of(self, month: int) -> list[TrainingLine]:
        return [t for t in self.trainings if t.month == month]


def zh_label(enum, code: str) -> str:
    # Printed plans are Chinese whatever the window's language.
    return enum.label_pairs().get(code, (code, code))[0]
