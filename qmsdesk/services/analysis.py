"""季度质量分析 and 年度质控总结: drafted from the data, completed by the group, approved by the 组长.

A draft holds the span's figures (`services.analysis_figures`) and one problem per finding that needs
the group's 原因分析 and 改进措施 (an indicator off its goal or with a signal of concern, grade I–II
events, repeated events of a kind, recurring inspection findings, overdue rectification, training
shortfalls, months without a group meeting, planned work not done). Drafting again refreshes the
figures and keeps what the group wrote. Approval needs every problem completed, the span ended and the
group's leader; an approved analysis is locked like a submitted month (a session hook in db/events.py
refuses any change) until it is reopened with a reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import AnalysisSource, AnalysisStatus
from qmsdesk.db.events import analysis_locked_message
from qmsdesk.db.queries import live
from qmsdesk.db.types import utcnow
from qmsdesk.errors import FieldError, NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.analysis_figures import SpanFigures, span_figures
from qmsdesk.services.analysis_package import (  # noqa: F401  (package_row, TRAVEL_MONTHS: their home before)
    TRAVEL_MONTHS,
    ProblemLine,
    package_row,
    problem_lines,
    title_of,
    travels_with,
)
from qmsdesk.services.base import as_uuid, get
from qmsdesk.spans import Span

# Events of one category in a span from which on they are a problem of their own.
REPEATED_EVENTS = 2
REPEATED_FINDINGS = 2


# --- what needs the group's analysis --------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    key: str
    source: str
    problem: str


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def findings(f: SpanFigures) -> list[Finding]:
    """The span's problems that need a 原因分析 and 改进措施, in the order the analysis discusses them."""
    word = "本年度" if len(f.span) == 4 else "本季度"
    out: list[Finding] = []
    for i in f.indicators_of_concern:
        parts = []
        if i.status == "missed":
            parts.append(f"{word}{i.value_text}，未达年度目标{_goal(i)}（{i.months_off} 个月未达标）")
        if i.signals:
            parts.append("控制图：" + "；".join(i.signals))
        out.append(Finding(f"indicator:{i.code}", AnalysisSource.INDICATOR, f"{i.name}：" + "；".join(parts)))
    for ev in f.events.serious:
        out.append(Finding(f"event:{ev.id}", AnalysisSource.EVENT,
                           f"{ev.occurred[:10]} {ev.grade_label}{ev.category_label}：{ev.description}"))
    for label, n in f.events.by_category.items():
        if n >= REPEATED_EVENTS:
            out.append(Finding(f"event_category:{label}", AnalysisSource.EVENT, f"{word}发生{label} {n} 例"))
    for category, n in f.inspections.top_categories:
        if n >= REPEATED_FINDINGS:
            out.append(Finding(f"inspection:{category}", AnalysisSource.INSPECTION,
                               f"检查督查中“{category}”类问题 {n} 项"))
    if f.ledger.overdue_at_end:
        out.append(Finding("ledger:overdue", AnalysisSource.LEDGER,
                           f"截至 {f.ledger.as_of}，整改事项超期未销号 {f.ledger.overdue_at_end} 项"))
    t = f.training
    if t.safety_behind:
        out.append(Finding("training:safety", AnalysisSource.TRAINING,
                           f"{len(t.safety_behind)} 人法律法规/医疗安全培训未达要求（到期末应至少 {t.safety_expected} 次）"))
    if t.pass_rate is not None and t.people_passed < t.people_assessed:
        out.append(Finding("training:pass", AnalysisSource.TRAINING,
                           f"考核合格率 {t.pass_rate:.1f}%（{t.people_passed}/{t.people_assessed} 人），未达 100%"))
    if f.meetings.months_missing:
        out.append(Finding("meeting:missing", AnalysisSource.MEETING,
                           "未召开质控小组例会的月份：" + "、".join(f.meetings.months_missing)))
    p = f.plan
    for key, items, what in (("plan:training", p.not_held, "计划培训未开展"), ("plan:inspection", p.missed, "计划检查未完成"),
                             ("plan:focus", p.uncovered, "每月质控重点未落实")):
        if items:
            out.append(Finding(key, AnalysisSource.PLAN, f"{what}：" + "；".join(items)))
    return out


def _goal(i) -> str:
    sign = "≤" if i.direction == "lower" else "≥"
    return f"{sign}{_num(i.goal)}{i.unit if i.unit in ('%', '‰') else ''}"


# --- the record -----------------------------------------------------------------------------------

def find_analysis(session: Session, span: Span | str) -> m.QualityAnalysis | None:
    return session.scalars(live(m.QualityAnalysis).where(m.QualityAnalysis.span == str(Span.parse(span)))).first()


def get_analysis(session: Session, span: Span | str) -> m.QualityAnalysis:
    span = Span.parse(span)
    row = find_analysis(session, span)
    if row is None:
        raise NotFoundError(msg("{s}还没有分析草稿。先生成草稿：qmsdesk analysis draft {o}",
                                "{s} has no analysis yet. Draft it first: qmsdesk analysis draft {o}",
                                s=span.label(), o=_option(span)))
    return row


def _option(span: Span) -> str:
    return f"--year {span.year}" if span.is_year else f"--quarter {span}"


def _require_draft(row: m.QualityAnalysis) -> None:
    if row.status == AnalysisStatus.APPROVED:
        raise ValidationError(analysis_locked_message(row), "status")


def draft_analysis(session: Session, span: Span | str) -> m.QualityAnalysis:
    """Make the span's draft, or refresh it: new figures, new findings added, the group's text kept.

    A generated problem whose finding has gone (say, a late value put the indicator back on target)
    is dropped unless the group already wrote something for it.
    """
    span = Span.parse(span)
    row = find_analysis(session, span)
    if row is None:
        row = m.QualityAnalysis(span=str(span), kind=span.kind, status=AnalysisStatus.DRAFT.value)
        session.add(row)
    _require_draft(row)
    figures = span_figures(session, span)
    row.figures, row.drafted_at = figures.to_json(), utcnow()
    session.flush()
    _refresh_problems(session, row, findings(figures))
    session.flush()
    return row


def _refresh_problems(session: Session, row: m.QualityAnalysis, found: list[Finding]) -> None:
    existing = {p.key: p for p in row.problems if not p.deleted and p.key}
    wanted = {f.key for f in found}
    for key, p in existing.items():
        if key not in wanted and not (p.cause or p.measures):
            p.deleted = True
    for position, f in enumerate(found):
        p = existing.get(f.key)
        if p is None:
            row.problems.append(m.AnalysisProblem(analysis_id=row.id, key=f.key, source=str(f.source),
                                                  problem=f.problem, position=position))
        else:
            p.problem, p.source, p.position = f.problem, str(f.source), position
    manual = [p for p in row.problems if not p.deleted and not p.key]
    for offset, p in enumerate(sorted(manual, key=lambda p: p.position), start=len(found)):
        p.position = offset


def set_summary(session: Session, span: Span | str, summary: str | None) -> m.QualityAnalysis:
    """总体评价: the group's own conclusion on the span."""
    row = get_analysis(session, span)
    _require_draft(row)
    row.summary = (summary or "").strip() or None
    session.flush()
    return row


def _problem(session: Session, problem_id) -> m.AnalysisProblem:
    row = get(session, m.AnalysisProblem, problem_id)
    _require_draft(row.analysis)
    return row


def complete_problem(session: Session, problem_id, *, cause: str | None, measures: str | None) -> m.AnalysisProblem:
    """Write a problem's 原因分析 and 改进措施 (both, as the group agreed them)."""
    row = _problem(session, problem_id)
    row.cause = (cause or "").strip() or None
    row.measures = (measures or "").strip() or None
    session.flush()
    return row


def add_problem(session: Session, span: Span | str, *, problem: str, source: str = AnalysisSource.OTHER,
                cause: str | None = None, measures: str | None = None) -> m.AnalysisProblem:
    """A problem the group raises itself (not found in the figures)."""
    row = get_analysis(session, span)
    _require_draft(row)
    if not (problem or "").strip():
        raise ValidationError(msg("请填写问题描述。", "Please describe the problem."), "problem")
    if str(source) not in {s.value for s in AnalysisSource}:
        raise ValidationError(msg("问题来源“{s}”无效。", "Unknown problem source '{s}'.", s=source), "source")
    position = max((p.position for p in row.problems if not p.deleted), default=-1) + 1
    added = m.AnalysisProblem(analysis_id=row.id, key=None, source=str(source), problem=problem.strip(),
                              cause=(cause or "").strip() or None, measures=(measures or "").strip() or None,
                              position=position)
    row.problems.append(added)
    session.flush()
    return added


def delete_problem(session: Session, problem_id) -> None:
    """Remove a problem the group added; one found in the data comes back with every draft, so it stays."""
    row = _problem(session, problem_id)
    if row.key:
        raise ValidationError(msg("这个问题由数据生成，不能删除；如认为无需整改，请在原因分析中说明理由。",
                                  "This problem comes from the data and cannot be removed; if no action is needed, say "
                                  "why in its cause analysis."), "problem")
    row.deleted = True
    session.flush()


def approve_analysis(session: Session, span: Span | str, *, approver_id, on: date | None = None) -> m.QualityAnalysis:
    """组长审定: refresh the draft, then lock it once it is complete. The span must have ended."""
    span = Span.parse(span)
    day = on or today()
    row = draft_analysis(session, span)
    errors = []
    if day <= span.last_day:
        errors.append(FieldError("span", msg("{s}到 {d} 才结束，结束后才能审定。", "{s} ends on {d}; it can be approved "
                                             "after that.", s=span.label(), d=span.last_day.isoformat())))
    errors += _approver_errors(session, approver_id, day)
    for n, p in enumerate((p for p in row.problems if not p.deleted), start=1):
        missing = [w for w, text in ((msg("原因分析", "cause analysis"), p.cause),
                                     (msg("改进措施", "improvement measures"), p.measures)) if not text]
        if missing:
            errors.append(FieldError(f"problems.{p.id}", msg("问题 {n}“{t}”还没有填写{w}。", "Problem {n} '{t}' has no {w} "
                                                             "yet.", n=n, t=_short(p.problem), w="、".join(missing))))
    if errors:
        raise ValidationError(errors)
    # Loaded before the status changes: loading it could flush the status alone, and the approver set after that
    # would be a change to an approved (locked) analysis.
    approver = session.get(m.Staff, as_uuid(approver_id))
    row.status, row.approved_on, row.approved_by = AnalysisStatus.APPROVED.value, day, approver
    session.flush()
    return row


def _approver_errors(session: Session, approver_id, day: date) -> list[FieldError]:
    from qmsdesk.services.group import leader_on

    leader = leader_on(session, day)
    if leader is None:
        return [FieldError("approver_id", msg("{d} 小组没有组长：请先在“质控小组”中登记组长，由组长审定。",
                                              "The group has no leader on {d}: record the leader first; the leader "
                                              "approves.", d=day.isoformat()))]
    if leader.staff_id != as_uuid(approver_id):
        return [FieldError("approver_id", msg("只有组长（{n}）可以审定分析。", "Only the group leader ({n}) can approve "
                                              "the analysis.", n=leader.staff.name))]
    return []


def _short(text: str, n: int = 24) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def reopen_analysis(session: Session, span: Span | str, *, reason: str) -> m.QualityAnalysis:
    """Unlock an approved analysis for changes; the reason is kept and shown with the next approval."""
    row = get_analysis(session, span)
    if row.status != AnalysisStatus.APPROVED:
        raise ValidationError(msg("分析尚未审定，可直接修改，无需撤回。", "The analysis is not approved; it can be "
                                  "changed directly."), "status")
    if not (reason or "").strip():
        raise ValidationError(msg("请填写撤回审定的原因。", "Please give the reason for reopening."), "reopen_reason")
    row.status, row.reopen_reason = AnalysisStatus.DRAFT.value, reason.strip()
    row.approved_by, row.approved_on = None, None
    session.flush()
    return row


# --- reading --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AnalysisView:
    """An analysis as a page, the CLI and the binder show it."""

    id: uuid.UUID
    span: Span
    title: str
    status: str
    status_label: str
    figures: SpanFigures
    summary: str
    problems: list[ProblemLine]
    drafted_at: datetime
    approved_by: str
    approved_on: date | None
    reopen_reason: str

    @property
    def approved(self) -> bool:
        return self.status == AnalysisStatus.APPROVED

    @property
    def incomplete(self) -> list[ProblemLine]:
        return [p for p in self.problems if not p.complete]


def view(row: m.QualityAnalysis) -> AnalysisView:
    span = Span.parse(row.span)
    return AnalysisView(
        id=row.id, span=span, title=title_of(span), status=row.status,
        status_label=AnalysisStatus.label_pairs()[row.status][0], figures=SpanFigures.from_json(row.figures or {}),
        summary=row.summary or "",
        problems=problem_lines(row.problems),
        drafted_at=row.drafted_at, approved_by=row.approved_by.name if row.approved_by else "",
        approved_on=row.approved_on, reopen_reason=row.reopen_reason or "")


def analysis_view(session: Session, span: Span | str) -> AnalysisView | None:
    row = find_analysis(session, span)
    return view(row) if row is not None else None


def list_analyses(session: Session, year: int | None = None) -> list[AnalysisView]:
    rows = session.scalars(live(m.QualityAnalysis).order_by(m.QualityAnalysis.span)).all()
    return [view(r) for r in rows if year is None or Span.parse(r.span).year == year]


# --- what travels to the quality office -----------------------------------------------------------

def analyses_to_send(session: Session, period) -> list[m.QualityAnalysis]:
    """Approved analyses whose span ended within the TRAVEL_MONTHS months ending with `period`."""
    rows = session.scalars(live(m.QualityAnalysis).where(m.QualityAnalysis.status == AnalysisStatus.APPROVED.value)
                           .order_by(m.QualityAnalysis.span)).all()
    return [r for r in rows if travels_with(r.span, period)]


# --- what the window's analysis page offers ---------------------------------------------------------

@dataclass(frozen=True)
class SpanChoice:
    span: Span
    status: str | None  # the analysis's status, None when none was drafted


def span_choices(session: Session, on: date | None = None) -> list[SpanChoice]:
    """The quarters and years to analyse, newest first: this year's and last year's up to the running quarter,
    and every span an analysis exists for."""
    day = on or today()
    running = Span(day.year, (day.month - 1) // 3 + 1)
    spans = {Span(y, q) for y in (day.year - 1, day.year) for q in range(1, 5) if Span(y, q) <= running}
    spans |= {Span(day.year - 1), Span(day.year)}
    existing = {Span.parse(r.span): r.status for r in session.scalars(live(m.QualityAnalysis))}
    spans |= set(existing)

    def order(s: Span) -> tuple[int, int]:
        return (s.year, 5 if s.quarter is None else s.quarter)

    return [SpanChoice(s, existing.get(s)) for s in sorted(spans, key=order, reverse=True)]


def leader_id_on(session: Session, day: date | None = None) -> uuid.UUID | None:
    """The staff id of the group's 组长 on a day (the approver the window proposes)."""
    from qmsdesk.services.group import leader_on

    leader = leader_on(session, day or today())
    return leader.staff_id if leader is not None else None
