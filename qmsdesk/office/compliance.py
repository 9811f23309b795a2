"""Training compliance and adverse events across units: pass rates, safety-training coverage, events by
category and grade per unit and month."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.i18n import msg
from qmsdesk.office.models import OfficeUnit
from qmsdesk.office.queries import counted

SAFETY_CATEGORY = "safety_law"
GRADES = ("I", "II", "III", "IV")


@dataclass
class TrainingRow:
    unit_id: str
    unit_label: str
    sessions: int = 0
    hours: float = 0.0
    attendances: int = 0
    assessments: int = 0
    passed: int = 0
    trained_staff: set[str] = field(default_factory=set)
    safety_staff: set[str] = field(default_factory=set)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.assessments * 100 if self.assessments else None

    @property
    def safety_rate(self) -> float | None:
        """Share of the staff seen in training or assessments who attended a medical-safety/law session."""
        return len(self.safety_staff) / len(self.trained_staff) * 100 if self.trained_staff else None


def _labels(session: Session) -> dict[str, str]:
    return {u.id: u.label for u in session.scalars(select(OfficeUnit).where(OfficeUnit.active.is_(True)))}


def training_by_unit(session: Session, periods: list[str]) -> list[TrainingRow]:
    labels = _labels(session)
    rows: dict[str, TrainingRow] = {}

    def row(unit_id: str) -> TrainingRow:
        return rows.setdefault(unit_id, TrainingRow(unit_id, labels.get(unit_id, "")))

    safety_sessions: set[tuple[str, str]] = set()
    for r in counted(session, "training_sessions", periods):
        t = row(r.unit_id)
        t.sessions += 1
        t.hours += float(r.data.get("hours") or 0)
        if r.data.get("category") == SAFETY_CATEGORY:
            safety_sessions.add((r.unit_id, str(r.data.get("id"))))
    for r in counted(session, "training_attendance", periods):
        if r.data.get("status") != "present":
            continue
        t = row(r.unit_id)
        t.attendances += 1
        staff = str(r.data.get("staff_id"))
        t.trained_staff.add(staff)
        if (r.unit_id, str(r.data.get("session_id"))) in safety_sessions:
            t.safety_staff.add(staff)
    for r in counted(session, "assessments", periods):
        t = row(r.unit_id)
        t.assessments += 1
        t.trained_staff.add(str(r.data.get("staff_id")))
        score, mark = r.data.get("score"), r.data.get("pass_mark") or 80
        if score is not None and float(score) >= float(mark):
            t.passed += 1
    return sorted(rows.values(), key=lambda t: (t.pass_rate if t.pass_rate is not None else 101, t.unit_label))


@dataclass
class EventTable:
    periods: list[str]
    by_unit: dict[str, Counter] = field(default_factory=dict)  # unit → (category, grade) counts
    by_month: dict[tuple[str, str], int] = field(default_factory=dict)  # (unit, period) → count
    labels: dict[str, str] = field(default_factory=dict)

    def categories(self) -> Counter:
        total: Counter = Counter()
        for c in self.by_unit.values():
            for (cat, _grade), n in c.items():
                total[cat] += n
        return total

    def grades(self) -> Counter:
        total: Counter = Counter()
        for c in self.by_unit.values():
            for (_cat, grade), n in c.items():
                total[grade] += n
        return total

    def category_grade(self) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for c in self.by_unit.values():
            for (cat, grade), n in c.items():
                out[cat][grade] += n
        return dict(out)

    def unit_total(self, unit_id: str) -> int:
        return sum(self.by_unit.get(unit_id, Counter()).values())

    def serious(self, unit_id: str) -> int:
        """Grade I and II events (the ones that need a root-cause analysis)."""
        return sum(n for (_c, g), n in self.by_unit.get(unit_id, Counter()).items() if g in ("I", "II"))


def events_by_unit(session: Session, periods: list[str]) -> EventTable:
    table = EventTable(list(periods), labels=_labels(session))
    for r in counted(session, "adverse_events", periods):
        table.by_unit.setdefault(r.unit_id, Counter())[(str(r.data.get("category")), str(r.data.get("grade")))] += 1
        table.by_month[(r.unit_id, r.period)] = table.by_month.get((r.unit_id, r.period), 0) + 1
    return table


@dataclass(frozen=True, slots=True)
class EventCount:
    unit: str
    month: str
    category: str  # shown label
    grade: str  # shown, e.g. "II 级"
    count: int


def event_counts(session: Session, periods: list[str]) -> list[EventCount]:
    """不良事件 by unit, month, category and grade, month by month."""
    from qmsdesk.office.labels import event_category

    rows = []
    for p in periods:
        table = events_by_unit(session, [p])
        for unit_id, counts in table.by_unit.items():
            for (cat, grade), n in sorted(counts.items()):
                rows.append(EventCount(table.labels.get(unit_id, ""), p, event_category(cat),
                                       msg("{g} 级", "grade {g}", g=grade), n))
    return rows
