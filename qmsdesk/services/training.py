"""培训考核: training sessions with attendance, and assessments (exams, skill checks, retakes)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import AssessmentKind, Attendance, TrainingCategory
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services import attendance as attendance_rows
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_not_future,
    check_required,
    dated_within,
    get,
    mark_deleted,
    values_of,
)
from qmsdesk.services.staff import require_staff

PASS_MARK = 80.0
MAX_HOURS_PER_SESSION = 24.0
# Attendance is a list of staff ids (all present) or of (staff_id, status) pairs.
AttendanceInput = attendance_rows.AttendanceInput


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_session(v: dict, c: Collector) -> None:
    check_required(c, "topic", v.get("topic"), msg("培训主题", "the topic"))
    check_choice(c, "category", v.get("category"), TrainingCategory, msg("培训类别", "training category"))
    check_required(c, "date", v.get("date"), msg("培训日期", "the training date"))
    check_not_future(c, "date", v.get("date"), msg("培训日期", "The training date"))
    hours = v.get("hours")
    if not _is_number(hours) or not 0 < hours <= MAX_HOURS_PER_SESSION:
        c.add("hours", msg("学时应大于 0 且每次不超过 {h} 小时。", "Hours must be above 0 and at most {h} per session.",
                           h=int(MAX_HOURS_PER_SESSION)))


def get_training_session(session: Session, session_id) -> m.TrainingSession:
    return get(session, m.TrainingSession, session_id)


def create_training_session(
    session: Session, *, topic: str, category: str, hours: float, date: date, trainer: str | None = None,
    place: str | None = None, attendance: AttendanceInput = (),
) -> m.TrainingSession:
    values = dict(topic=topic.strip() if isinstance(topic, str) else topic, category=str(category), hours=hours,
                  date=date, trainer=trainer, place=place)
    rows = attendance_rows.normalise(attendance)
    c = Collector()
    _check_session(values, c)
    attendance_rows.check(session, rows, c, msg("参训人员", "A trainee"))
    c.raise_if_any()
    training = m.TrainingSession(**values)
    session.add(training)
    session.flush()
    # session_id is set explicitly (not only through the relationship) so the month-lock hook sees it.
    for staff_id, status in rows:
        training.attendance.append(m.TrainingAttendance(session_id=training.id, staff_id=staff_id, status=status))
    session.flush()
    return training


def update_training_session(session: Session, session_id, **changes) -> m.TrainingSession:
    check_changes(m.TrainingSession, changes)
    training = get_training_session(session, session_id)
    c = Collector()
    _check_session(values_of(training) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(training, key, value)
    session.flush()
    return training


def delete_training_session(session: Session, session_id) -> None:
    training = get_training_session(session, session_id)
    mark_deleted(session, training, training.attendance, True)


def restore_training_session(session: Session, session_id) -> m.TrainingSession:
    training = get(session, m.TrainingSession, session_id, include_deleted=True)
    mark_deleted(session, training, training.attendance, False)
    return training


def set_training_attendance(session: Session, session_id, attendance: AttendanceInput) -> list[m.TrainingAttendance]:
    """Replace the attendance list; people left out are removed, earlier rows are reused."""
    training = get_training_session(session, session_id)
    rows = attendance_rows.normalise(attendance)
    c = Collector()
    attendance_rows.check(session, rows, c, msg("参训人员", "A trainee"))
    c.raise_if_any()
    attendance_rows.replace(training.attendance, rows, lambda staff_id, status: training.attendance.append(
        m.TrainingAttendance(session_id=training.id, staff_id=staff_id, status=status)))
    session.flush()
    return training_attendance_of(session, training.id)


def training_attendance_of(session: Session, session_id) -> list[m.TrainingAttendance]:
    stmt = live(m.TrainingAttendance).where(m.TrainingAttendance.session_id == as_uuid(session_id))
    return sorted(session.scalars(stmt), key=lambda a: a.staff.employee_no)


def list_training_sessions(session: Session, *, period: Period | None = None, year: int | None = None,
                           category: str | None = None, staff_id=None) -> list[m.TrainingSession]:
    """Live sessions by date; `staff_id` keeps only those the person attended (present)."""
    stmt = live(m.TrainingSession)
    stmt = dated_within(stmt, m.TrainingSession.date, period=period, year=year)
    if category is not None:
        stmt = stmt.where(m.TrainingSession.category == str(category))
    if staff_id is not None:
        attended = select(m.TrainingAttendance.session_id).where(
            m.TrainingAttendance.deleted.is_(False),
            m.TrainingAttendance.staff_id == as_uuid(staff_id),
            m.TrainingAttendance.status == Attendance.PRESENT.value)
        stmt = stmt.where(m.TrainingSession.id.in_(attended))
    return list(session.scalars(stmt.order_by(m.TrainingSession.date, m.TrainingSession.created_at)))


# --- assessments -------------------------------------------------------------------------------

def passes(score: float, pass_mark: float = PASS_MARK) -> bool:
    """The pass rule of `Assessment.passed`, for screens that show the result before anything is saved."""
    return score >= pass_mark


def _check_score(c: Collector, field: str, score: object, who: str = "") -> None:
    if not _is_number(score) or not 0 <= score <= 100:
        c.add(field, msg("{w}成绩应在 0–100 分之间，收到“{s}”。", "{w}Score must be between 0 and 100, got '{s}'.",
                         w=who, s=score))


def score_error(score: object) -> str | None:
    """What is wrong with a score as entered (None when it is acceptable), for live checks on screen."""
    c = Collector()
    _check_score(c, "score", score)
    return c.errors[0].message if c.errors else None


def _check_assessment(session: Session, v: dict, c: Collector, own_id=None) -> None:
    require_staff(session, c, "staff_id", v.get("staff_id"), msg("被考核人", "The person assessed"))
    check_required(c, "staff_id", v.get("staff_id"), msg("被考核人", "the person assessed"))
    check_choice(c, "kind", v.get("kind"), AssessmentKind, msg("考核类型", "assessment kind"))
    check_required(c, "subject", v.get("subject"), msg("考核内容", "the subject"))
    check_required(c, "date", v.get("date"), msg("考核日期", "the assessment date"))
    check_not_future(c, "date", v.get("date"), msg("考核日期", "The assessment date"))
    _check_score(c, "score", v.get("score"))
    mark = v.get("pass_mark")
    if not _is_number(mark) or not 0 < mark <= 100:
        c.add("pass_mark", msg("合格线应在 0–100 分之间。", "The pass mark must be between 0 and 100."))
    retake_of = v.get("retake_of_id")
    if retake_of is not None:
        first = session.get(m.Assessment, as_uuid(retake_of))
        if first is None or first.deleted or first.id == own_id:
            c.add("retake_of_id", msg("补考对应的原考核不存在。", "The assessment being retaken does not exist."))
        else:
            if first.staff_id != v.get("staff_id"):
                c.add("retake_of_id", msg("补考必须是同一人的考核。", "A retake must be by the same person."))
            if v.get("date") is not None and v["date"] < first.date:
                c.add("date", msg("补考日期不能早于原考核日期（{d}）。", "A retake cannot be dated before the original ({d}).",
                                  d=first.date.isoformat()))
    if v.get("session_id") is not None:
        training = session.get(m.TrainingSession, as_uuid(v["session_id"]))
        if training is None or training.deleted:
            c.add("session_id", msg("关联的培训不存在。", "The linked training session does not exist."))


def create_assessment(
    session: Session, *, staff_id, kind: str, subject: str, date: date, score: float,
    pass_mark: float = PASS_MARK, retake_of_id=None, session_id=None,
) -> m.Assessment:
    values = dict(staff_id=as_uuid(staff_id), kind=str(kind), subject=subject, date=date, score=score,
                  pass_mark=pass_mark, retake_of_id=as_uuid(retake_of_id), session_id=as_uuid(session_id))
    c = Collector()
    _check_assessment(session, values, c)
    c.raise_if_any()
    row = m.Assessment(**values)
    session.add(row)
    session.flush()
    return row


def retake(session: Session, assessment_id, *, date: date, score: float) -> m.Assessment:
    """补考: a new assessment of the same person, kind and subject, linked to the one it retakes."""
    first = get_assessment(session, assessment_id)
    return create_assessment(session, staff_id=first.staff_id, kind=first.kind, subject=first.subject, date=date,
                             score=score, pass_mark=first.pass_mark, retake_of_id=first.id,
                             session_id=first.session_id)


def get_assessment(session: Session, assessment_id) -> m.Assessment:
    return get(session, m.Assessment, assessment_id)


def update_assessment(session: Session, assessment_id, **changes) -> m.Assessment:
    check_changes(m.Assessment, changes)
    row = get_assessment(session, assessment_id)
    for key in ("staff_id", "retake_of_id", "session_id"):
        if key in changes:
            changes[key] = as_uuid(changes[key])
    c = Collector()
    _check_assessment(session, values_of(row) | changes, c, own_id=row.id)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def delete_assessment(session: Session, assessment_id) -> None:
    row = get_assessment(session, assessment_id)
    row.deleted = True
    session.flush()


def restore_assessment(session: Session, assessment_id) -> m.Assessment:
    row = get(session, m.Assessment, assessment_id, include_deleted=True)
    row.deleted = False
    session.flush()
    return row


def record_scores(
    session: Session, session_id, scores: Mapping[uuid.UUID | str, float], *, kind: str = AssessmentKind.THEORY,
    subject: str | None = None, date: date | None = None, pass_mark: float = PASS_MARK,
) -> list[m.Assessment]:
    """The end-of-training exam: one assessment per person; every bad score is reported at once."""
    training = get_training_session(session, session_id)
    when = date or training.date
    c = Collector()
    rows = []
    for staff_id, score in scores.items():
        values = dict(staff_id=as_uuid(staff_id), kind=str(kind), subject=subject or training.topic, date=when,
                      score=score, pass_mark=pass_mark, retake_of_id=None, session_id=training.id)
        person = session.get(m.Staff, values["staff_id"])
        who = f"{person.name}：" if person is not None else ""
        one = Collector()
        _check_assessment(session, values, one)
        for e in one.errors:
            c.add(e.field, e.message if e.message.startswith(who) else who + e.message)
        rows.append(values)
    c.raise_if_any()
    created = [m.Assessment(**values) for values in rows]
    session.add_all(created)
    session.flush()
    return created


def list_assessments(session: Session, *, staff_id=None, year: int | None = None, period: Period | None = None,
                     kind: str | None = None, failed_only: bool = False, session_id=None) -> list[m.Assessment]:
    stmt = live(m.Assessment)
    if staff_id is not None:
        stmt = stmt.where(m.Assessment.staff_id == as_uuid(staff_id))
    stmt = dated_within(stmt, m.Assessment.date, period=period, year=year)
    if kind is not None:
        stmt = stmt.where(m.Assessment.kind == str(kind))
    if session_id is not None:
        stmt = stmt.where(m.Assessment.session_id == as_uuid(session_id))
    if failed_only:
        stmt = stmt.where(m.Assessment.score < m.Assessment.pass_mark)
    return list(session.scalars(stmt.order_by(m.Assessment.date, m.Assessment.created_at)))


def retakes_of(session: Session, assessment_id) -> list[m.Assessment]:
    stmt = live(m.Assessment).where(m.Assessment.retake_of_id == as_uuid(assessment_id))
    return list(session.scalars(stmt.order_by(m.Assessment.date)))


# --- what the pages show ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TrainingRow:
    id: uuid.UUID
    date: date
    topic: str
    category: str
    hours: float
    trainer: str | None
    place: str | None
    present: int


def training_rows(session: Session) -> list[TrainingRow]:
    """培训 tab: every training session, newest first, with how many attended."""
    return [TrainingRow(t.id, t.date, t.topic, t.category, t.hours, t.trainer, t.place,
                        sum(1 for a in t.attendance if not a.deleted and a.status == Attendance.PRESENT))
            for t in reversed(list_training_sessions(session))]


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    id: uuid.UUID
    date: date
    name: str
    staff_id: uuid.UUID
    kind: str
    subject: str
    score: float
    pass_mark: float
    passed: bool
    retake: bool


def assessment_rows(session: Session) -> list[AssessmentRow]:
    """考核 tab: every assessment, newest first."""
    return [AssessmentRow(a.id, a.date, a.staff.name, a.staff_id, a.kind, a.subject, a.score, a.pass_mark, a.passed,
                          a.retake_of_id is not None)
            for a in reversed(list_assessments(session))]


@dataclass(frozen=True, slots=True)
class ScoreEntry:
    """Someone present at the session, who can be given a score."""

    staff_id: uuid.UUID
    name: str
    employee_no: str


@dataclass(frozen=True, slots=True)
class SavedScore:
    staff_id: uuid.UUID
    kind: str
    subject: str
    score: float
    passed: bool


@dataclass(frozen=True)
class ScoreSheet:
    """What 录入成绩 needs about one session: the session, who was present, the scores already saved."""

    session_id: uuid.UUID
    topic: str
    category: str
    hours: float
    date: date
    present: tuple[ScoreEntry, ...]
    saved: tuple[SavedScore, ...]


def score_sheet(session: Session, session_id) -> ScoreSheet:
    ts = get_training_session(session, session_id)
    present = [a for a in training_attendance_of(session, session_id) if a.status == Attendance.PRESENT]
    saved = [SavedScore(a.staff_id, a.kind, a.subject, a.score, a.passed)
             for a in list_assessments(session, session_id=session_id)]
    return ScoreSheet(ts.id, ts.topic, ts.category, ts.hours, ts.date,
                      tuple(ScoreEntry(a.staff_id, a.staff.name, a.staff.employee_no or "") for a in present),
                      tuple(saved))


# 个人培训档案 ----------------------------------------------------------------------------------------

EXPIRY_WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True)
class PersonTraining:
    date: date
    topic: str
    category: str
    hours: float


@dataclass(frozen=True, slots=True)
class PersonAssessment:
    date: date
    subject: str
    kind: str
    score: float
    pass_mark: float
    passed: bool
    retake_of: tuple[date, float] | None  # the failed assessment this one retakes: (date, score)
    retaken: tuple[date, float, bool] | None  # the retake of this one: (date, score, passed)


@dataclass(frozen=True, slots=True)
class PersonAuthorisation:
    item: str
    level: str | None
    granted_on: date
    expires_on: date | None
    status: str
    due: str  # "expiring" (within EXPIRY_WINDOW_DAYS), "expired" (past its date, still active) or ""
    days: int | None  # days left (negative: days past)


@dataclass(frozen=True)
class PersonRecord:
    """One person's year: figures from analytics.derived, and the lists behind them."""

    name: str
    year: int
    figures: object | None  # analytics.derived.PersonYear; None when the person was not employed that year
    trainings: tuple[PersonTraining, ...]
    assessments: tuple[PersonAssessment, ...]
    authorisations: tuple[PersonAuthorisation, ...]

    @property
    def expiring(self) -> int:
        return sum(1 for a in self.authorisations if a.due == "expiring")

    @property
    def expired(self) -> int:
        return sum(1 for a in self.authorisations if a.due == "expired")


def person_record(session: Session, staff_id, year: int) -> PersonRecord:
    from qmsdesk.analytics import derived
    from qmsdesk.services.authorisations import list_authorisations
    from qmsdesk.services.staff import get_staff

    person = get_staff(session, staff_id)
    trainings = tuple(PersonTraining(t.date, t.topic, t.category, t.hours)
                      for t in list_training_sessions(session, year=year, staff_id=person.id))
    every = list_assessments(session, staff_id=person.id)
    by_id = {a.id: a for a in every}
    later = {a.retake_of_id: a for a in every if a.retake_of_id is not None}
    assessments = []
    for a in every:
        if a.date.year != year:
            continue
        first = by_id.get(a.retake_of_id) if a.retake_of_id else None
        follow = later.get(a.id)
        assessments.append(PersonAssessment(
            a.date, a.subject, a.kind, a.score, a.pass_mark, a.passed,
            (first.date, first.score) if first is not None else None,
            (follow.date, follow.score, follow.passed) if follow is not None else None))
    expiring = {d.authorisation_id: d.days_left for d in derived.expiring_authorisations(session, EXPIRY_WINDOW_DAYS)}
    expired = {d.authorisation_id: d.days_left for d in derived.expired_authorisations(session)}
    authorisations = []
    for a in list_authorisations(session, staff_id=person.id):
        due, days = ("expiring", expiring[a.id]) if a.id in expiring else \
            ("expired", expired[a.id]) if a.id in expired else ("", None)
        authorisations.append(PersonAuthorisation(a.item, a.level, a.granted_on, a.expires_on, a.status, due, days))
    return PersonRecord(person.name, year, derived.person_year(session, person.id, year), trainings,
                        tuple(assessments), tuple(authorisations))


def staff_short_of_safety_training(session: Session, year: int) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the people who have not yet had the yearly minimum of safety/law trainings."""
    from qmsdesk.analytics import derived

    return [(p.staff_id, p.name) for p in derived.staff_under_safety_rule(session, year)]
