"""Plan against actual (计划执行情况): which planned trainings were held, which planned inspections were done,
which monthly focus themes were taken up, which PDCA themes were started.

The matching rules live here and only here (status, the dashboard, the submission warnings, the
analyses and the binder all read them from `plan_progress()`):
- a planned training is held when a live session of the same year has its topic (or the planned topic
  contains the session's), else when a session of the planned month has the planned category; each
  session counts for one planned training only;
- a planned inspection is due once per window of its frequency (month, quarter, half year, year) and
  done in a window when a live inspection of the plan's kind in that window is of the same subject: the
  same checklist template when both name one, else the titles agree once the generic ending (检查,
  自查, 督查…) is dropped, one containing the other;
- a monthly focus theme is covered when the group wrote down how it was carried out (落实情况), or when
  a key word of it (the theme split at 、，/ and the like, less a generic ending such as 管理 or 预防)
  appears in that month's meetings (agenda, minutes, decisions), trainings or inspections;
- an item is due once its month (or its inspection window) is over: up to `through`, and, when an
  `as_of` day is given, ended by that day, so the month still running is never called behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.plan_lines import FocusLine, InspectionLine, PdcaLine, PlanView, TrainingLine

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_GENERIC_INSPECTION = ("飞行检查", "交叉检查", "专项检查", "检查", "自查", "督查", "抽查")
_GENERIC_THEME = ("管理", "防范", "预防", "落实", "检查", "情况", "工作", "规范", "培训", "专项", "控制", "措施")
_SPLIT = re.compile(r"[、，,；;/／\s与和及]+")
_NOISE = re.compile(r"[\s（）()“”\"'《》·:：.。-]")


def _norm(text: str | None) -> str:
    return _NOISE.sub("", text or "")


def _strip_ending(text: str, endings: tuple[str, ...]) -> str:
    for end in endings:
        if text.endswith(end) and len(text) - len(end) >= 2:
            return text[: -len(end)]
    return text


def inspection_subject(title: str | None) -> str:
    """"护理文书质量自查" → "护理文书质量": what an inspection is about, without how it was done."""
    return _strip_ending(_norm(title), _GENERIC_INSPECTION)


def theme_keys(theme: str) -> list[str]:
    """The key words of a focus theme: "跌倒预防、压力性损伤" → ["跌倒", "压力性损伤"]."""
    keys = []
    for part in _SPLIT.split(theme or ""):
        part = _strip_ending(_norm(part), _GENERIC_THEME)
        if len(part) >= 2:
            keys.append(part)
    return keys


@dataclass(frozen=True)
class TrainingCheck:
    plan: TrainingLine
    due: bool
    held_on: date | None = None
    held_topic: str = ""
    by: str = ""  # "topic" or "category": how the session was matched

    @property
    def held(self) -> bool:
        return self.held_on is not None


@dataclass(frozen=True)
class InspectionWindow:
    first: Period
    last: Period
    due: bool
    done_on: tuple[date, ...]

    @property
    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first.month}月"
        return f"{self.first.month}–{self.last.month}月"


@dataclass(frozen=True)
class InspectionCheck:
    plan: InspectionLine
    windows: tuple[InspectionWindow, ...]

    @property
    def expected(self) -> int:
        return sum(w.due for w in self.windows)

    @property
    def done(self) -> int:
        return sum(bool(w.due and w.done_on) for w in self.windows)

    @property
    def missed(self) -> list[InspectionWindow]:
        return [w for w in self.windows if w.due and not w.done_on]


@dataclass(frozen=True)
class FocusCheck:
    plan: FocusLine
    due: bool
    where: str = ""  # the record it was found in, or "落实情况"

    @property
    def covered(self) -> bool:
        return bool(self.where)


@dataclass(frozen=True)
class PdcaCheck:
    plan: PdcaLine
    due: bool
    started: bool  # a PDCA project of the year moves its indicator or names its theme


@dataclass(frozen=True)
class PlanProgress:
    year: int
    through: Period
    plan: PlanView
    trainings: tuple[TrainingCheck, ...]
    inspections: tuple[InspectionCheck, ...]
    focus: tuple[FocusCheck, ...]
    pdca: tuple[PdcaCheck, ...] = field(default=())

    @property
    def exists(self) -> bool:
        return self.plan.exists

    @property
    def trainings_due(self) -> int:
        return sum(t.due for t in self.trainings)

    @property
    def trainings_held(self) -> int:
        return sum(t.due and t.held for t in self.trainings)

    @property
    def inspections_expected(self) -> int:
        return sum(i.expected for i in self.inspections)

    @property
    def inspections_done(self) -> int:
        return sum(i.done for i in self.inspections)

    @property
    def focus_due(self) -> int:
        return sum(f.due for f in self.focus)

    @property
    def focus_covered(self) -> int:
        return sum(f.due and f.covered for f in self.focus)

    def within(self, first: Period, last: Period) -> PlanProgress:
        """The same judgement kept to the months first..last (a quarter of the year)."""
        inspections = []
        for check in self.inspections:
            windows = tuple(w for w in check.windows if first <= w.last <= last)
            inspections.append(InspectionCheck(check.plan, windows))
        return PlanProgress(
            self.year, min(self.through, last), self.plan,
            tuple(t for t in self.trainings if first.month <= t.plan.month <= last.month),
            tuple(inspections),
            tuple(f for f in self.focus if first.month <= f.plan.month <= last.month),
            tuple(p for p in self.pdca if first.month <= p.plan.start_month <= last.month),
        )

    def shortfalls(self, period: Period) -> list[Shortfall]:
        """What was planned for `period` (or due by its end) and not done: the month's submission warnings."""
        out = []
        for t in self.trainings:
            if t.plan.month == period.month and t.due and not t.held:
                out.append(Shortfall("training", t.plan.id, msg(
                    "计划于 {m} 月开展的培训“{t}”（{c}）本月没有培训记录。如已改期，请在年度计划中调整月份。",
                    "The training '{t}' ({c}) planned for month {m} has no training record this month. If it was "
                    "moved, change its month in the annual plan.", m=period.month, t=t.plan.topic, c=t.plan.category_label)))
        for i in self.inspections:
            for w in i.missed:
                if w.last == period:
                    out.append(Shortfall("inspection", i.plan.id, msg(
                        "计划{f}一次的{k}“{t}”在 {w} 内没有检查记录。",
                        "The {k} '{t}' planned {f} has no inspection record in {w}.",
                        f=i.plan.frequency_label, k=i.plan.kind_label, t=i.plan.title, w=w.label)))
        for f in self.focus:
            if f.plan.month == period.month and f.due and not f.covered:
                out.append(Shortfall("focus", f.plan.id, msg(
                    "{m} 月质控重点“{t}”没有出现在本月的会议、培训或检查记录中，也未填写落实情况。",
                    "Month {m}'s focus '{t}' appears in none of the month's meetings, trainings or inspections, and "
                    "no outcome was written for it.", m=period.month, t=f.plan.theme)))
        return out


@dataclass(frozen=True)
class Shortfall:
    """A planned item of a month that was not done: `kind` is training, inspection or focus."""

    kind: str
    plan_item_id: object
    message: str


def _due(last: Period, through: Period, as_of: date | None) -> bool:
    return last <= through and (as_of is None or last.last_day <= as_of)


def _trainings(sessions: list, plan: PlanView, through: Period, as_of: date | None) -> tuple[TrainingCheck, ...]:
    """`sessions`: the year's live training sessions by date (id, date, topic, category)."""
    used: set = set()
    found: dict = {}
    # Topic first (a training moved to another month still counts), then the month's category.
    for line in plan.trainings:
        key = _norm(line.topic)
        for s in sessions:
            topic = _norm(s.topic)
            if s.id not in used and key and topic and (key in topic or topic in key):
                used.add(s.id)
                found[line.id] = (s, "topic")
                break
    for line in plan.trainings:
        if line.id in found:
            continue
        for s in sessions:
            if s.id not in used and s.date.month == line.month and s.category == line.category:
                used.add(s.id)
                found[line.id] = (s, "category")
                break
    out = []
    for line in plan.trainings:
        due = _due(Period(plan.year, line.month), through, as_of)
        s, by = found.get(line.id, (None, ""))
        out.append(TrainingCheck(line, due, s.date if s else None, s.topic if s else "", by))
    return tuple(out)


def _inspection_matches(line: InspectionLine, inspection: Any) -> bool:
    if inspection.kind != line.kind:
        return False
    # A scored checklist inspection names its template (issue 16); older inspections name none.
    template = getattr(getattr(inspection, "template", None), "code", None) or getattr(inspection, "template_code", None)
    if line.template_code and template:
        return template == line.template_code
    want, got = inspection_subject(line.title), inspection_subject(inspection.topic)
    return bool(want and got) and (want in got or got in want)


def _inspections(rows: list, plan: PlanView, through: Period, as_of: date | None) -> tuple[InspectionCheck, ...]:
    """`rows`: the year's live inspections (kind, template_code, topic, date)."""
    from qmsdesk.db.enums import InspectionFrequency

    out = []
    for line in plan.inspections:
        step = InspectionFrequency(line.frequency).months_per_window
        windows = []
        for start in range(1, 13, step):
            first, last = Period(plan.year, start), Period(plan.year, start + step - 1)
            done = tuple(sorted(i.date for i in rows
                                if first.first_day <= i.date <= last.last_day and _inspection_matches(line, i)))
            windows.append(InspectionWindow(first, last, _due(last, through, as_of), done))
        out.append(InspectionCheck(line, tuple(windows)))
    return tuple(out)


def month_texts(meetings: list, sessions: list, inspections: list) -> list[tuple[str, str]]:
    """(where, text) of everything the group recorded in a month that a focus theme can show up in: its
    meetings (date, agenda, minutes, decisions), trainings (date, topic) and inspections (date, topic, summary)."""
    out = []
    for mt in meetings:
        text = " ".join(x or "" for x in (mt.agenda, mt.minutes, mt.decisions))
        out.append((f"{mt.date.isoformat()} 会议", text))
    for s in sessions:
        out.append((f"{s.date.isoformat()} 培训", s.topic))
    for i in inspections:
        out.append((f"{i.date.isoformat()} 检查", " ".join(x or "" for x in (i.topic, i.summary))))
    return [(where, _norm(text)) for where, text in out]


def _focus(texts_of: Callable[[Period], list[tuple[str, str]]], plan: PlanView, through: Period,
           as_of: date | None) -> tuple[FocusCheck, ...]:
    texts: dict[int, list[tuple[str, str]]] = {}
    out = []
    for line in plan.focus:
        period = Period(plan.year, line.month)
        due = _due(period, through, as_of)
        if line.outcome:
            out.append(FocusCheck(line, due, "落实情况"))
            continue
        if line.month not in texts:
            texts[line.month] = texts_of(period)
        keys = theme_keys(line.theme)
        where = next((w for w, text in texts[line.month] if any(k in text for k in keys)), "")
        out.append(FocusCheck(line, due, where))
    return tuple(out)


def _pdca(projects: list[tuple[str, set[str]]], plan: PlanView, through: Period,
          as_of: date | None) -> tuple[PdcaCheck, ...]:
    """A planned theme is started when a PDCA project of the year moves its indicator or names its theme.
    `projects`: (title, codes of the live indicators it moves) of the year's live projects."""
    out = []
    for line in plan.pdca:
        keys = theme_keys(line.theme)
        started = any((line.indicator_code and line.indicator_code in codes) or any(k in _norm(title) for k in keys)
                      for title, codes in projects)
        out.append(PdcaCheck(line, _due(Period(plan.year, line.start_month), through, as_of), started))
    return tuple(out)


@dataclass(frozen=True)
class PlanRecords:
    """What the plan is judged against, however it was read: the year's live training sessions by date,
    inspections, PDCA projects (title, indicator codes), and a month's recorded texts (month_texts)."""

    sessions: list
    inspections: list
    projects: list[tuple[str, set[str]]]
    texts_of: Callable[[Period], list[tuple[str, str]]]


def judge_plan(plan: PlanView, records: PlanRecords, through: Period | str | None = None, *,
               as_of: date | None = None) -> PlanProgress:
    """The plan against the records, for the months up to `through` (default December) ended by `as_of`."""
    last = Period.parse(through) if through is not None else Period(plan.year, 12)
    return PlanProgress(plan.year, last, plan, _trainings(records.sessions, plan, last, as_of),
                        _inspections(records.inspections, plan, last, as_of),
                        _focus(records.texts_of, plan, last, as_of), _pdca(records.projects, plan, last, as_of))


def _records(session: Session, year: int) -> PlanRecords:
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    first, last = date(year, 1, 1), date(year, 12, 31)

    def dated(model, a: date, b: date) -> list:
        # By date (and id, so two records of one day always come in the same order, whoever reads them).
        return list(session.scalars(live(model).where(model.date.between(a, b)).order_by(model.date, model.id)))

    projects = [(p.title, {i.indicator.code for i in p.indicators if not i.deleted})
                for p in session.scalars(live(m.PdcaProject).where(m.PdcaProject.started_on.between(first, last)))]

    sessions, inspections = dated(m.TrainingSession, first, last), dated(m.Inspection, first, last)
    meetings: list = []  # the year's, read on the first month asked for (three statements a month before)

    def texts_of(period: Period) -> list[tuple[str, str]]:
        if not meetings:
            meetings.append(dated(m.Meeting, first, last))
        a, b = period.first_day, period.last_day

        def within(rows: list) -> list:
            return [r for r in rows if a <= r.date <= b]

        return month_texts(within(meetings[0]), within(sessions), within(inspections))

    return PlanRecords(sessions, inspections, projects, texts_of)


def plan_progress(session: Session, year: int, through: Period | str | None = None, *,
                  as_of: date | None = None) -> PlanProgress:
    """The year's plan against what was recorded, judged for the months up to `through` (default December)
    that have ended by `as_of` (default: all of them, as when a month is being submitted)."""
    from qmsdesk.services.plan import plan_view

    return judge_plan(plan_view(session, year), _records(session, year), through, as_of=as_of)


# --- the dashboard's plan card ------------------------------------------------------------------------

@dataclass(frozen=True)
class BehindItem:
    """A planned item not done: `kind` training, inspection or focus; months `first`..`last` (one month mostly)."""

    kind: str
    first: int
    last: int
    title: str


@dataclass(frozen=True)
class PlanGlance:
    """The dashboard's plan card: the year so far, counted as `qmsdesk status` counts it for this month."""

    year: int
    exists: bool
    trainings_held: int
    trainings_due: int
    inspections_done: int
    inspections_expected: int
    focus_covered: int
    focus_due: int
    behind: tuple[BehindItem, ...]  # in month order


def glance_of(p: PlanProgress) -> PlanGlance:
    """The plan card of a year's progress (judged up to a day: the month running is never called behind)."""
    behind = [BehindItem("training", t.plan.month, t.plan.month, t.plan.topic) for t in p.trainings
              if t.due and not t.held]
    behind += [BehindItem("inspection", w.first.month, w.last.month, i.plan.title) for i in p.inspections
               for w in i.missed]
    behind += [BehindItem("focus", f.plan.month, f.plan.month, f.plan.theme) for f in p.focus if f.due and not f.covered]
    return PlanGlance(p.year, p.exists, p.trainings_held, p.trainings_due, p.inspections_done, p.inspections_expected,
                      p.focus_covered, p.focus_due, tuple(sorted(behind, key=lambda b: (b.last, b.first))))
