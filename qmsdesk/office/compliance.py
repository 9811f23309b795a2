"""Training compliance and adverse events across units: pass rates, safety-training coverage, events by
category and grade per unit and month."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qmsdesk.i18n import msg
from qmsdesk.office.models import OfficeEventCount, OfficeTrainedStaff, OfficeTrainingMonth, OfficeUnit

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
    trained: int = 0  # staff seen in training (present) or assessments
    safety_trained: int = 0  # of them, present at a medical-safety/law session

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.assessments * 100 if self.assessments else None

    @property
    def safety_rate(self) -> float | None:
        """Share of the staff seen in training or assessments who attended a medical-safety/law session."""
        return self.safety_trained / self.trained * 100 if self.trained else None


def _labels(session: Session) -> dict[str, str]:
    # imported here: the office import reaches this module (derived.py) and must not load the rules queries holds
    from qmsdesk.office.queries import unit_labels

    return unit_labels(session, active_only=True)


def trained_staff(periods: list[str], units=None):
    """SELECT of (unit, staff seen in training or assessments, of them at a safety session) over `periods` (of the
    `units` a SELECT of ids gives, when given): each staff member once per unit (grouped, not COUNT(DISTINCT): a
    hash, where DISTINCT sorts 200,000 rows)."""
    staff = OfficeTrainedStaff.__table__
    where = [staff.c.period.in_(list(periods))] + ([staff.c.unit_id.in_(units)] if units is not None else [])
    person = (select(staff.c.unit_id, func.max(case((staff.c.safety.is_(True), 1), else_=0)).label("safety"))
              .where(*where).group_by(staff.c.unit_id, staff.c.staff_id).subquery())
    return select(person.c.unit_id, func.count().label("trained"),
                  func.sum(person.c.safety).label("safety")).group_by(person.c.unit_id)


def training_by_unit(session: Session, periods: list[str],
                     seen: dict[str, tuple[int, int]] | None = None) -> list[TrainingRow]:
    """Sessions, hours, attendance, pass rate and safety-training coverage per unit, counted in SQL over the
    typed month rows office/derived.py keeps (staff counted once per unit over all of `periods`; `seen`: those
    counts already made, unit → (trained, safety trained), as office/quarter_figures.py keeps them)."""
    labels = _labels(session)
    t = OfficeTrainingMonth.__table__
    sums = session.execute(
        select(t.c.unit_id, func.sum(t.c.sessions), func.sum(t.c.hours), func.sum(t.c.attendances),
               func.sum(t.c.assessments), func.sum(t.c.passed))
        .where(t.c.period.in_(list(periods))).group_by(t.c.unit_id)
        .having(func.sum(t.c.sessions) + func.sum(t.c.attendances) + func.sum(t.c.assessments) > 0)).all()
    if seen is None:
        seen = {u: (int(n), int(safe or 0)) for u, n, safe in session.execute(trained_staff(periods))}
    rows = []
    for unit_id, n_sessions, hours, attended, n_assessed, n_passed in sums:
        if unit_id not in labels:  # an inactive unit counts nowhere
            continue
        trained, safety = seen.get(unit_id, (0, 0))
        rows.append(TrainingRow(unit_id, labels[unit_id], int(n_sessions), float(hours or 0), int(attended),
                                int(n_assessed), int(n_passed), trained, safety))
    return sorted(rows, key=lambda t: (t.pass_rate if t.pass_rate is not None else 101, t.unit_label))


_NONE: Counter = Counter()  # a unit without events (read only: a province's report asks for 4,000 of them)


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
        return sum(self.by_unit.get(unit_id, _NONE).values())

    def serious(self, unit_id: str) -> int:
        """Grade I and II events (the ones that need a root-cause analysis)."""
        return sum(n for (_c, g), n in self.by_unit.get(unit_id, _NONE).items() if g in ("I", "II"))


def _event_groups(session: Session, periods: list[str]):
    """(unit, month, category, grade, count) of the counted adverse events of active units (office_event_counts)."""
    e, u = OfficeEventCount.__table__, OfficeUnit.__table__
    inactive = select(u.c.id).where(u.c.active.is_(False))  # a few at most: named, where a join hashed every unit
    stmt = (select(e.c.unit_id, e.c.period, e.c.category, e.c.grade, e.c.events)
            .where(e.c.period.in_(list(periods)), e.c.unit_id.not_in(inactive)).order_by(e.c.period, e.c.id))
    return session.execute(stmt).all()  # fetched at once: row by row cost a province's quarter 0.2 s


def events_by_unit(session: Session, periods: list[str]) -> EventTable:
    table = EventTable(list(periods), labels=_labels(session))
    by_unit, by_month = table.by_unit, table.by_month
    for unit_id, period, cat, grade, n in _event_groups(session, periods):
        counts = by_unit.get(unit_id)
        if counts is None:  # a Counter per unit, not one made per row and dropped (20,000 in a province's quarter)
            counts = by_unit[unit_id] = Counter()
        key = (str(cat), str(grade))
        counts[key] = counts.get(key, 0) + n  # not +=: a key the Counter lacks costs a call of its __missing__
        by_month[(unit_id, period)] = by_month.get((unit_id, period), 0) + n
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

    labels, by_month = _labels(session), defaultdict(list)
    for unit_id, period, cat, grade, n in _event_groups(session, periods):
        by_month[period].append((unit_id, str(cat), str(grade), n))
    shown_category: dict[str, str] = {}  # a province's quarter has 20,000 rows and a few dozen labels
    shown_grade: dict[str, str] = {}
    rows = []
    for p in periods:  # month by month; within a month, units as they were first reported, then category and grade
        order: dict[str, int] = {}
        for unit_id, *_rest in by_month[p]:
            order.setdefault(unit_id, len(order))
        for unit_id, cat, grade, n in sorted(by_month[p], key=lambda g: (order[g[0]], g[1], g[2])):
            if cat not in shown_category:
                shown_category[cat] = event_category(cat)
            if grade not in shown_grade:
                shown_grade[grade] = msg("{g} 级", "grade {g}", g=grade)
            rows.append(EventCount(labels.get(unit_id, ""), p, shown_category[cat], shown_grade[grade], n))
    return rows
