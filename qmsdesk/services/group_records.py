"""The group's records as plain values for printing: meeting minutes, training records and sign-in sheets.

Query functions only (a page can show what the printout will hold); labels are Chinese whatever the
window's language, because these are paper records the group signs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import as_uuid, get
from qmsdesk.services.group import list_members


def _zh(enum: type[e.LabelledEnum], code: str | None) -> str:
    return enum.label_pairs().get(code or "", (code or "", ""))[0]


def _post(staff: m.Staff) -> str:
    return staff.title or _zh(e.Profession, staff.profession)


@dataclass(frozen=True)
class Person:
    name: str
    post: str  # 职称, or the profession when no title is recorded
    employee_no: str


def _person(staff: m.Staff) -> Person:
    return Person(staff.name, _post(staff), staff.employee_no)


@dataclass(frozen=True)
class MeetingRecord:
    """会议记录: who came, what was said and decided, and who signs it."""

    id: uuid.UUID
    date: date
    kind: str
    kind_label: str
    place: str
    host: str
    recorder: str
    present: list[Person]
    absent: list[Person]
    excused: list[Person]
    agenda: str
    minutes: str
    problems: list[str]
    decisions: str
    follow_up: str

    @property
    def title(self) -> str:
        return f"{self.date.isoformat()} {self.kind_label}"


def _by_status(rows) -> dict[str, list[Person]]:
    out: dict[str, list[Person]] = {s.value: [] for s in e.Attendance}
    for a in sorted((a for a in rows if not a.deleted), key=lambda a: a.staff.employee_no):
        out.setdefault(a.status, []).append(_person(a.staff))
    return out


def meeting_record(session: Session, meeting_id) -> MeetingRecord:
    mt = get(session, m.Meeting, meeting_id)
    who = _by_status(mt.attendance)
    return MeetingRecord(
        id=mt.id, date=mt.date, kind=mt.kind, kind_label=_zh(e.MeetingKind, mt.kind), place=mt.place or "",
        host=mt.host.name if mt.host else "", recorder=mt.recorder.name if mt.recorder else "",
        present=who["present"], absent=who["absent"], excused=who["excused"], agenda=mt.agenda or "",
        minutes=mt.minutes or "", problems=[p.description for p in mt.problems if not p.deleted],
        decisions=mt.decisions or "", follow_up=mt.follow_up or "")


def meeting_records(session: Session, first: date, last: date) -> list[MeetingRecord]:
    rows = session.scalars(live(m.Meeting).where(m.Meeting.date.between(first, last))
                           .order_by(m.Meeting.date, m.Meeting.created_at)).all()
    return [meeting_record(session, r.id) for r in rows]


@dataclass(frozen=True)
class Score:
    name: str
    kind_label: str
    subject: str
    score: float
    passed: bool
    retake: bool


@dataclass(frozen=True)
class TrainingRecord:
    """培训记录: the session, who attended, and the scores of the assessment that followed it."""

    id: uuid.UUID
    date: date
    topic: str
    category_label: str
    hours: float
    trainer: str
    place: str
    present: list[Person]
    absent: list[Person]
    excused: list[Person]
    scores: list[Score] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.present) + len(self.absent) + len(self.excused)


def training_record(session: Session, session_id) -> TrainingRecord:
    ts = get(session, m.TrainingSession, session_id)
    who = _by_status(ts.attendance)
    exams = session.scalars(live(m.Assessment).where(m.Assessment.session_id == ts.id)
                            .order_by(m.Assessment.date, m.Assessment.created_at)).all()
    scores = sorted((Score(a.staff.name, _zh(e.AssessmentKind, a.kind), a.subject, a.score, a.passed,
                           a.retake_of_id is not None) for a in exams), key=lambda s: (s.retake, s.name))
    return TrainingRecord(ts.id, ts.date, ts.topic, _zh(e.TrainingCategory, ts.category), ts.hours, ts.trainer or "",
                          ts.place or "", who["present"], who["absent"], who["excused"], scores)


def training_records(session: Session, first: date, last: date) -> list[TrainingRecord]:
    rows = session.scalars(live(m.TrainingSession).where(m.TrainingSession.date.between(first, last))
                           .order_by(m.TrainingSession.date, m.TrainingSession.created_at)).all()
    return [training_record(session, r.id) for r in rows]


# --- sign-in sheets -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SigninSheet:
    """签到表: what the meeting or training is, and the people expected to sign, in order."""

    title: str
    facts: list[tuple[str, str]]
    expected: list[Person]


def _active_staff(session: Session, day: date | None) -> list[m.Staff]:
    rows = session.scalars(live(m.Staff).where(m.Staff.active.is_(True)).order_by(m.Staff.employee_no)).all()
    if day is None:
        return list(rows)
    return [s for s in rows if (s.hire_date is None or s.hire_date <= day) and (s.left_on is None or s.left_on >= day)]


def _audience(session: Session, audience: str, day: date | None) -> list[m.Staff]:
    """The staff a planned training is for: "护士…" means nurses, "医师/医生" doctors, otherwise everyone."""
    staff = _active_staff(session, day)
    text = audience or ""
    if "护" in text and not any(w in text for w in ("医护", "医生", "医师")):
        return [s for s in staff if s.profession == e.Profession.NURSE]
    if any(w in text for w in ("医生", "医师")) and "护" not in text:
        return [s for s in staff if s.profession == e.Profession.DOCTOR]
    return staff


def meeting_signin(session: Session, meeting_id) -> SigninSheet:
    """For a recorded meeting: everyone on its attendance list (or the group members on the day)."""
    mt = get(session, m.Meeting, meeting_id)
    people = [a.staff for a in sorted((a for a in mt.attendance if not a.deleted), key=lambda a: a.staff.employee_no)]
    if not people:
        people = [g.staff for g in list_members(session, on=mt.date)]
    facts = [("会议类型", _zh(e.MeetingKind, mt.kind)), ("时间", mt.date.isoformat()), ("地点", mt.place or ""),
             ("主持人", mt.host.name if mt.host else ""), ("记录人", mt.recorder.name if mt.recorder else ""),
             ("议程", (mt.agenda or "").replace("\n", "；"))]
    return SigninSheet(f"{_zh(e.MeetingKind, mt.kind)}签到表", facts, [_person(s) for s in people])


def planned_meeting_signin(session: Session, day: date, *, place: str | None = None) -> SigninSheet:
    """For the monthly group meeting still to be held on `day`: the group members on that day."""
    members = list_members(session, on=day)
    if not members:
        raise ValidationError(msg("{d} 没有质控小组成员，无法生成签到表。请先在“质控小组”中登记成员。",
                                  "The group has no members on {d}; record them first.", d=day.isoformat()), "date")
    host = next((g.staff.name for g in members if g.role == e.GroupRole.LEADER), "")
    facts = [("会议类型", _zh(e.MeetingKind, e.MeetingKind.GROUP_MONTHLY)), ("时间", day.isoformat()),
             ("地点", place or ""), ("主持人", host), ("记录人", ""), ("议程", "")]
    return SigninSheet("质控小组例会签到表", facts, [_person(g.staff) for g in members])


def training_signin(session: Session, training_id) -> SigninSheet:
    """For a recorded training session (its attendance list, or all staff) or a training of the annual plan."""
    rid = as_uuid(training_id)
    ts = session.get(m.TrainingSession, rid)
    if ts is not None and not ts.deleted:
        people = [a.staff for a in sorted((a for a in ts.attendance if not a.deleted), key=lambda a: a.staff.employee_no)]
        facts = [("培训主题", ts.topic), ("类别", _zh(e.TrainingCategory, ts.category)), ("时间", ts.date.isoformat()),
                 ("学时", f"{ts.hours:g}"), ("授课人", ts.trainer or ""), ("地点", ts.place or "")]
        return SigninSheet("培训签到表", facts, [_person(s) for s in people or _active_staff(session, ts.date)])
    planned = session.get(m.PlanTraining, rid)
    if planned is None or planned.deleted:
        raise NotFoundError(msg("找不到编号为 {i} 的培训或计划培训。", "No training session or planned training has the id {i}.",
                                i=training_id))
    plan = session.get(m.AnnualPlan, planned.plan_id)
    facts = [("培训主题", planned.topic), ("类别", _zh(e.TrainingCategory, planned.category)),
             ("时间", f"{plan.year}年{planned.month}月____日"), ("学时", f"{planned.hours:g}"),
             ("授课人", planned.trainer or ""), ("培训对象", planned.audience or "全体人员")]
    people = _audience(session, planned.audience or "", None)
    return SigninSheet("培训签到表", facts, [_person(s) for s in people])
