"""The figures of a quarter or a year (a `Span`), gathered once for its analysis and for the binder.

`span_figures()` reads indicators (monthly values with the monthly report's status word, the span's
pooled value against the year's goal, control-chart signals), adverse events by grade and category
with their analyses, inspections and their findings, the ledger (raised, closed, open and overdue at
the span's end), training and assessment compliance, the monthly group meetings, and the plan against
what was done. Everything is plain data: `to_json()` is what an analysis keeps as its snapshot and
what travels to the quality office, `SpanFigures.from_json()` reads it back. Patient record numbers are
masked here, so no snapshot, package or PDF can hold a full one.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.analytics import derived
from qmsdesk.analytics.rates import TargetStatus, format_value, target_status
from qmsdesk.clock import local_naive, local_text, now, today
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.reports.masking import mask_in_text, mask_record_no
from qmsdesk.spans import Span

SAFETY_LAW_PER_YEAR = derived.SAFETY_LAW_MINIMUM
GRADES = (("I", "Ⅰ级"), ("II", "Ⅱ级"), ("III", "Ⅲ级"), ("IV", "Ⅳ级"))  # short labels for one-line summaries


@dataclass
class MonthValue:
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    status: str  # the monthly report's word: 达标 / 未达标 / 无暴露 / 无目标 / 未填报


@dataclass
class IndicatorFigure:
    code: str
    name: str
    unit: str
    kind: str
    direction: str
    goal: float | None
    goal_text: str
    target_text: str
    months: list[MonthValue]
    numerator: float | None
    denominator: float | None
    value: float | None  # the span's pooled value (sum of numerators over sum of denominators)
    status: str  # TargetStatus of the pooled value against the year's goal
    months_off: int  # months whose value misses the goal
    signals: list[str] = field(default_factory=list)  # control-chart signals of concern inside the span

    @property
    def value_text(self) -> str:
        return format_value(self.value, self.unit)

    @property
    def status_label(self) -> str:
        return TargetStatus(self.status).label

    @property
    def of_concern(self) -> bool:
        return self.status == TargetStatus.MISSED or bool(self.signals)


@dataclass
class EventLine:
    id: str
    occurred: str  # local "YYYY-MM-DD HH:MM"
    period: str
    category: str
    category_label: str
    grade: str
    grade_label: str
    record_no: str  # masked
    description: str
    immediate_action: str
    analysis: str
    anonymous: bool


@dataclass
class EventFigures:
    total: int
    by_grade: dict[str, int]  # grade code → count, all four grades
    by_category: dict[str, int]  # Chinese category label → count
    lines: list[EventLine]

    @property
    def serious(self) -> list[EventLine]:
        return [x for x in self.lines if x.grade in ("I", "II")]


@dataclass
class InspectionLine:
    id: str
    date: str
    kind_label: str
    inspector: str
    topic: str
    score: float | None
    findings: list[str]  # "类别：描述"


@dataclass
class InspectionFigures:
    count: int
    by_kind: dict[str, int]
    mean_score: float | None
    findings_total: int
    top_categories: list[list[Any]]  # [category, count], most frequent first
    lines: list[InspectionLine]


@dataclass
class OverdueLine:
    problem: str
    responsible: str
    deadline: str
    days: int


@dataclass
class LedgerFigures:
    as_of: str
    raised: int
    closed: int
    open_at_end: int
    overdue_at_end: int
    overdue: list[OverdueLine]

    @property
    def closure_rate(self) -> float | None:
        total = self.closed + self.open_at_end
        return self.closed / total * 100 if total else None


@dataclass
class TrainingFigures:
    sessions: int
    hours: float
    attendances: int
    person_hours: float
    attempts: int
    attempts_passed: int
    people_assessed: int
    people_passed: int
    safety_expected: int  # safety/law trainings a person should have had by the span's end
    safety_behind: list[str]  # "姓名（n次）"

    @property
    def pass_rate(self) -> float | None:
        return self.people_passed / self.people_assessed * 100 if self.people_assessed else None


@dataclass
class MeetingFigures:
    months_judged: list[str]
    months_held: list[str]
    meetings: int
    present: int
    expected: int

    @property
    def months_missing(self) -> list[str]:
        return [p for p in self.months_judged if p not in self.months_held]

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.expected * 100 if self.expected else None


@dataclass
class PlanFigures:
    exists: bool
    trainings_due: int = 0
    trainings_held: int = 0
    not_held: list[str] = field(default_factory=list)
    inspections_expected: int = 0
    inspections_done: int = 0
    missed: list[str] = field(default_factory=list)
    focus_due: int = 0
    focus_covered: int = 0
    uncovered: list[str] = field(default_factory=list)
    pdca: list[str] = field(default_factory=list)


@dataclass
class SpanFigures:
    span: str
    label: str
    as_of: str  # the day the span was judged from: its last day, or the drafting day while it runs
    through: str  # the last month judged
    generated_at: str
    indicators: list[IndicatorFigure]
    events: EventFigures
    inspections: InspectionFigures
    ledger: LedgerFigures
    training: TrainingFigures
    meetings: MeetingFigures
    plan: PlanFigures

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SpanFigures:
        return _load(cls, data)

    @property
    def indicators_of_concern(self) -> list[IndicatorFigure]:
        return [i for i in self.indicators if i.of_concern]


@functools.cache
def _hints(cls) -> dict[str, Any]:
    # Evaluating the string annotations costs ~1 ms a class; a year's figures hold hundreds of nested ones.
    return typing.get_type_hints(cls)


def _load(cls, data: Any):
    """A dataclass (and the dataclasses inside it) back from its `asdict` form; missing keys take defaults."""
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        kind, raw = hints[f.name], data[f.name]
        args = typing.get_args(kind)
        if dataclasses.is_dataclass(kind):
            raw = _load(kind, raw)
        elif typing.get_origin(kind) is list and args and dataclasses.is_dataclass(args[0]):
            raw = [_load(args[0], x) for x in raw]
        values[f.name] = raw
    return cls(**values)


# --- gathering ------------------------------------------------------------------------------------

def _zh(enum: type[e.LabelledEnum], code: str | None) -> str:
    return enum.label_pairs().get(code or "", (code or "", ""))[0]


def _months(span: Span, through: Period) -> list[Period]:
    return [p for p in span.periods if p <= through]


def _indicators(session: Session, span: Span, through: Period) -> list[IndicatorFigure]:
    from qmsdesk.analytics.charts import CONCERN, indicator_chart, indicator_months
    from qmsdesk.analytics.targets import assess_each
    from qmsdesk.analytics.warnings import HISTORY_MONTHS, from_first_entry
    from qmsdesk.reports.month import indicator_status
    from qmsdesk.services.plan import goal_lines

    goals = {g.code: g for g in goal_lines(session, span.year)}
    defs = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True))
                           .order_by(m.IndicatorDefinition.code)).all()
    months = _months(span, through)
    wanted = {str(p) for p in months}
    values = {(v.indicator_id, v.period): v for v in session.scalars(
        live(m.IndicatorValue).where(m.IndicatorValue.period.in_(wanted)))} if wanted else {}
    chart_start = span.last
    for _ in range(11):
        chart_start = chart_start.previous()
    history = span.first
    for _ in range(HISTORY_MONTHS - 1):
        history = history.previous()
    out = []
    for d in defs:
        goal = goals.get(d.code)
        target = goal.goal if goal else d.target
        # Each month judged as its monthly report judged it (a rare event on its year: analytics/targets.py).
        series = from_first_entry(indicator_months(session, d, history, through))
        own = {mo.period: a for mo, a in zip(series, assess_each(d, series), strict=True)}
        to_goal = {mo.period: a for mo, a in zip(series, assess_each(d, series, target), strict=True)}
        rows, nums, dens, off = [], [], [], 0
        for p in months:
            v = values.get((d.id, str(p)))
            status = indicator_status(own.get(str(p)) if v is not None else None)
            rows.append(MonthValue(str(p), v.numerator if v else None, v.denominator if v else None,
                                   v.value if v else None, status))
            if v is not None:
                nums.append(v.numerator)
                dens.append(v.denominator or 0)
                off += to_goal[str(p)].status is TargetStatus.MISSED
        num = sum(nums) if nums else None
        den = sum(dens) if nums and d.kind != "count" else None
        pooled = _pooled(d, num, den)
        signals: list[str] = []
        if nums:
            spec = indicator_chart(session, d.code, min(chart_start, span.first), through)
            signals = [f"{p.period} {p.signal_text}" for p in spec.points
                       if p.signal and p.assessment == CONCERN and Period.parse(p.period) in months]
        out.append(IndicatorFigure(
            code=d.code, name=d.name_zh, unit=d.unit or "", kind=d.kind, direction=d.direction, goal=target,
            goal_text=goal.goal_text if goal else "", target_text=goal.target_text if goal else "", months=rows,
            numerator=num, denominator=den, value=pooled,
            status=_span_status(d, series, months, pooled, target).value, months_off=off, signals=signals))
    return out


def _span_status(d: m.IndicatorDefinition, series, months: list[Period], pooled: float | None,
                 target: float | None) -> TargetStatus:
    """The span's pooled value against the goal; a rare event's with its exact interval (analytics/targets.py)."""
    from qmsdesk.analytics.rare import judged_on_rolling
    from qmsdesk.analytics.targets import assess_months

    wanted = {str(p) for p in months}
    span_months = [mo for mo in series if mo.period in wanted]
    if not span_months or not judged_on_rolling(d.code, d.kind, [mo.numerator for mo in series]):
        return target_status(pooled, target, None, d.direction)
    return assess_months(d, span_months, target).status


def _pooled(d: m.IndicatorDefinition, num: float | None, den: float | None) -> float | None:
    if num is None:
        return None
    if d.kind == "count":
        return num
    if not den:
        return None
    return num / den * (d.multiplier or 1.0)


def _local(dt: datetime) -> str:
    return local_text(dt)


def span_events(session: Session, span: Span, through: Period | None = None) -> list[m.AdverseEvent]:
    """Live events that happened (local time) in the span's months up to `through`, by time."""
    from qmsdesk.services.events import list_events

    last = through or span.last
    return [ev for ev in list_events(session, year=span.year) if span.first <= Period.of(ev.occurred_at) <= last]


def _events(session: Session, span: Span, through: Period) -> EventFigures:
    events = span_events(session, span, through)
    record_nos = [ev.medical_record_no for ev in events if ev.medical_record_no]
    lines = [EventLine(
        id=str(ev.id), occurred=_local(ev.occurred_at), period=str(Period.of(ev.occurred_at)), category=ev.category,
        category_label=_zh(e.EventCategory, ev.category), grade=ev.grade, grade_label=_zh(e.EventGrade, ev.grade),
        record_no=mask_record_no(ev.medical_record_no), description=mask_in_text(ev.description, record_nos),
        immediate_action=mask_in_text(ev.immediate_action, record_nos), analysis=mask_in_text(ev.analysis, record_nos),
        anonymous=ev.reporter_id is None) for ev in events]
    by_grade = {g.value: 0 for g in e.EventGrade}
    for x in lines:
        by_grade[x.grade] = by_grade.get(x.grade, 0) + 1
    by_category = dict(Counter(x.category_label for x in lines).most_common())
    return EventFigures(len(lines), by_grade, by_category, lines)


def _inspections(session: Session, span: Span, through: Period) -> InspectionFigures:
    rows = session.scalars(live(m.Inspection).where(m.Inspection.date.between(span.first_day, through.last_day))
                           .order_by(m.Inspection.date, m.Inspection.created_at)).all()
    from qmsdesk.analytics.inspections import inspection_row

    lines, categories, scores = [], Counter(), []
    for i in rows:
        found = [f for f in i.findings if not f.deleted]
        categories.update(f.category for f in found)
        # The checklist's computed score (points out of 100, else the percentage); an old record's typed one.
        row = inspection_row(session, i)
        score = row.scored.score if row.scored is not None else row.typed_score
        score = None if score is None else round(score, 1)
        if score is not None:
            scores.append(score)
        lines.append(InspectionLine(str(i.id), i.date.isoformat(), _zh(e.InspectionKind, i.kind), i.inspector,
                                    i.topic or "", score, [f"{f.category}：{f.description}" for f in found]))
    return InspectionFigures(
        count=len(rows), by_kind=dict(Counter(x.kind_label for x in lines)),
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        findings_total=sum(len(x.findings) for x in lines),
        top_categories=[[c, n] for c, n in categories.most_common()], lines=lines)


def _ledger(session: Session, span: Span, through: Period, as_of: date) -> LedgerFigures:
    raised = closed = 0
    for p in _months(span, through):
        month = derived.ledger_figures(session, p, as_of)
        raised += month.raised
        closed += month.closed
    end = derived.ledger_figures(session, through, as_of)
    overdue = [OverdueLine(i.problem, i.responsible or "", i.deadline.isoformat(), i.days_overdue)
               for i in sorted(end.overdue, key=lambda i: -i.days_overdue)]
    return LedgerFigures(as_of.isoformat(), raised, closed, end.open, len(end.overdue), overdue)


def _training(session: Session, span: Span, through: Period) -> TrainingFigures:
    sessions = hours = attendances = 0
    person_hours = 0.0
    for p in _months(span, through):
        t = derived.training_month(session, p)
        sessions, hours, attendances = sessions + t.sessions, hours + t.hours, attendances + t.attendances
        person_hours += t.person_hours
    rate = derived.pass_rate_between(session, span.first_day, through.last_day)
    expected = SAFETY_LAW_PER_YEAR * through.month // 12
    behind = _safety_behind(session, span.year, through, expected) if expected else []
    return TrainingFigures(sessions, round(hours, 1), attendances, round(person_hours, 1), rate.attempts,
                           rate.attempts_passed, rate.people_assessed, rate.people_passed, expected, behind)


def _safety_behind(session: Session, year: int, through: Period, expected: int) -> list[str]:
    """Active staff with fewer safety/law trainings since 1 January than the rule expects by `through`'s end."""
    attended: Counter = Counter()
    rows = session.execute(
        select(m.TrainingAttendance.staff_id).join(m.TrainingSession)
        .where(m.TrainingAttendance.deleted.is_(False), m.TrainingSession.deleted.is_(False),
               m.TrainingSession.category == e.TrainingCategory.SAFETY_LAW,
               m.TrainingSession.date.between(date(year, 1, 1), through.last_day),
               m.TrainingAttendance.status == e.Attendance.PRESENT)).all()
    attended.update(staff_id for (staff_id,) in rows)
    out = []
    for s in session.scalars(live(m.Staff).where(m.Staff.active.is_(True)).order_by(m.Staff.employee_no)):
        if s.hire_date is not None and s.hire_date > through.last_day:
            continue
        if attended[s.id] < expected:
            out.append(f"{s.name}（{attended[s.id]}次）")
    return out


def _meetings(session: Session, span: Span, through: Period, as_of: date) -> MeetingFigures:
    """Monthly group meetings; a month still running is not judged (its meeting may yet be held)."""
    judged, held, count, present, expected = [], [], 0, 0, 0
    for p in _months(span, through):
        gm = derived.group_meetings(session, p)
        if p.last_day <= as_of or gm.held:
            judged.append(str(p))
        if gm.held:
            held.append(str(p))
        count += len(gm.meetings)
        present += sum(x.present for x in gm.meetings)
        expected += sum(x.expected for x in gm.meetings)
    return MeetingFigures(judged, held, count, present, expected)


def _plan(session: Session, span: Span, through: Period, as_of: date) -> PlanFigures:
    from qmsdesk.services.plan_progress import plan_progress

    progress = plan_progress(session, span.year, through, as_of=as_of).within(span.first, span.last)
    if not progress.exists:
        return PlanFigures(False)
    return PlanFigures(
        exists=True, trainings_due=progress.trainings_due, trainings_held=progress.trainings_held,
        not_held=[f"{t.plan.month}月 {t.plan.topic}" for t in progress.trainings if t.due and not t.held],
        inspections_expected=progress.inspections_expected, inspections_done=progress.inspections_done,
        missed=[f"{i.plan.title}（{'、'.join(w.label for w in i.missed)}）" for i in progress.inspections if i.missed],
        focus_due=progress.focus_due, focus_covered=progress.focus_covered,
        uncovered=[f"{f.plan.month}月 {f.plan.theme}" for f in progress.focus if f.due and not f.covered],
        pdca=[f"{p.plan.start_month}月起 {p.plan.theme}" for p in progress.pdca])


def judged_until(span: Span) -> tuple[date, Period]:
    """The day a span is judged from and its last month judged: its end, or today while it runs."""
    as_of = min(today(), span.last_day)
    return as_of, Period.of(as_of)


def span_figures(session: Session, span: Span | str) -> SpanFigures:
    """Every figure of the span, judged from its last day (or today while it is still running)."""
    span = Span.parse(span)
    as_of, through = judged_until(span)
    if through < span.first:
        through = span.first  # a span still to come: its first month, empty
    return SpanFigures(
        span=str(span), label=span.label_zh, as_of=as_of.isoformat(), through=str(through),
        generated_at=local_naive(now()).replace(microsecond=0).isoformat(sep=" "),
        indicators=_indicators(session, span, through), events=_events(session, span, through),
        inspections=_inspections(session, span, through), ledger=_ledger(session, span, through, as_of),
        training=_training(session, span, through), meetings=_meetings(session, span, through, as_of),
        plan=_plan(session, span, through, as_of))
