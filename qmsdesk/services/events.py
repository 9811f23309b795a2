"""不良事件: no-blame adverse event reports; the reporter may stay anonymous, the patient is a record number."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.db import models as m
from qmsdesk.db.enums import EventCategory, EventGrade, HarmLevel
from qmsdesk.db.queries import live
from qmsdesk.db.types import utcnow
from qmsdesk.errors import Collector
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_required,
    fields_of,
    get,
    values_of,
)
from qmsdesk.services.staff import require_staff

# Only a record number identifies the patient: letters, digits and dashes, never a name.
CLOCK_SLACK = timedelta(minutes=5)
_RECORD_NO = re.compile(r"^[A-Za-z0-9-]{1,32}$")


def aware(value: datetime | None) -> datetime | None:
    """A naive time typed by a user is local time; store it as an aware value. A bare date means its start."""
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if not isinstance(value, datetime):
        return value
    return clock.as_local(value)


def _not_future(c: Collector, field: str, value: datetime | None, what: str) -> None:
    # A few minutes of slack: the ward PC's clock and the moment the form was filled in differ a little.
    if isinstance(value, datetime) and value > utcnow() + CLOCK_SLACK:
        c.add(field, msg("{w}不能晚于现在。", "{w} cannot be later than now.", w=what))


def _check(session: Session, v: dict, c: Collector) -> None:
    occurred, reported = v.get("occurred_at"), v.get("reported_at")
    check_required(c, "occurred_at", occurred, msg("发生时间", "the time it happened"))
    _not_future(c, "occurred_at", occurred, msg("发生时间", "The time it happened"))
    check_required(c, "reported_at", reported, msg("上报时间", "the time reported"))
    _not_future(c, "reported_at", reported, msg("上报时间", "The time reported"))
    if occurred is not None and reported is not None and reported < occurred:
        c.add("reported_at", msg("上报时间不能早于发生时间。", "An event cannot be reported before it happened."))
    check_choice(c, "category", v.get("category"), EventCategory, msg("事件类别", "event category"))
    check_choice(c, "grade", v.get("grade"), EventGrade, msg("事件分级", "event grade"))
    _check_harm(c, v.get("harm_level"), v.get("grade"))
    check_required(c, "description", v.get("description"), msg("事件经过", "what happened"))
    record_no = v.get("medical_record_no")
    if record_no is not None and not _RECORD_NO.match(record_no):
        c.add("medical_record_no", msg("只填写病案号（字母、数字、“-”），不要填写患者姓名等身份信息。",
                                       "Enter the medical record number only (letters, digits, '-'), never the patient's name."))
    require_staff(session, c, "reporter_id", v.get("reporter_id"), msg("报告人", "The reporter"))


# Which harm levels each grade admits: I 警告事件 (death or permanent loss of function), II 不良后果事件
# (harm), III 未造成后果事件 (no harm, or a slight effect that heals without treatment), IV 隐患事件
# (it never reached the patient).
HARM_BY_GRADE: dict[str, tuple[str, ...]] = {
    EventGrade.I: (HarmLevel.SEVERE, HarmLevel.DEATH),
    EventGrade.II: (HarmLevel.MILD, HarmLevel.MODERATE, HarmLevel.SEVERE),
    EventGrade.III: (HarmLevel.NONE, HarmLevel.MILD),
    EventGrade.IV: (HarmLevel.NONE,),
}


def _check_harm(c: Collector, harm: str | None, grade: str | None) -> None:
    if harm is None:
        return
    check_choice(c, "harm_level", harm, HarmLevel, msg("伤害程度", "harm level"))
    allowed = HARM_BY_GRADE.get(grade)
    if allowed is not None and harm in {h.value for h in HarmLevel} and harm not in allowed:
        c.add("harm_level", msg("伤害程度“{h}”与事件分级“{g}”不符：该级别的伤害程度应为{a}。",
                                "Harm level '{h}' does not fit grade '{g}': that grade means {a}.",
                                h=HarmLevel(harm).label, g=EventGrade(grade).label,
                                a=msg("、", ", ").join(HarmLevel(a).label for a in allowed)))


def _normalise(v: dict) -> dict:
    for key in ("occurred_at", "reported_at"):
        if key in v:
            v[key] = aware(v[key])
    if isinstance(v.get("medical_record_no"), str):
        v["medical_record_no"] = v["medical_record_no"].strip() or None
    for key in ("category", "grade", "harm_level"):
        if v.get(key) is not None:
            v[key] = str(v[key])
    if "reporter_id" in v:
        v["reporter_id"] = as_uuid(v["reporter_id"])
    return v


def get_event(session: Session, event_id) -> m.AdverseEvent:
    return get(session, m.AdverseEvent, event_id)


def report_event(
    session: Session, *, occurred_at: datetime, category: str, grade: str, description: str,
    reported_at: datetime | None = None, immediate_action: str | None = None, analysis: str | None = None,
    medical_record_no: str | None = None, reporter_id=None, harm_level: str | None = None,
) -> m.AdverseEvent:
    """Record an event; without `reporter_id` the report is anonymous. `reported_at` defaults to now.

    `harm_level` (无伤害 … 死亡) must fit the grade; the root-cause analysis is services.rca.
    """
    values = _normalise(dict(
        occurred_at=occurred_at, reported_at=reported_at or utcnow(), category=category, grade=grade,
        description=description, immediate_action=immediate_action, analysis=analysis,
        medical_record_no=medical_record_no, reporter_id=reporter_id, harm_level=harm_level))
    c = Collector()
    _check(session, values, c)
    c.raise_if_any()
    row = m.AdverseEvent(**values)
    session.add(row)
    session.flush()
    return row


def update_event(session: Session, event_id, **changes) -> m.AdverseEvent:
    check_changes(m.AdverseEvent, changes)
    row = get_event(session, event_id)
    changes = _normalise(dict(changes))
    c = Collector()
    _check(session, values_of(row) | changes, c)
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def delete_event(session: Session, event_id) -> None:
    row = get_event(session, event_id)
    row.deleted = True
    session.flush()


def restore_event(session: Session, event_id) -> m.AdverseEvent:
    row = get(session, m.AdverseEvent, event_id, include_deleted=True)
    row.deleted = False
    session.flush()
    return row


def list_events(session: Session, *, period: str | Period | None = None, year: int | None = None,
                grade: str | None = None, category: str | None = None) -> list[m.AdverseEvent]:
    """Live events by the time they happened; `period` is the local month they happened in."""
    stmt = live(m.AdverseEvent)
    if period is not None:
        p = Period.parse(period)
        stmt = stmt.where(m.AdverseEvent.occurred_at >= _local_start(p.first_day),
                          m.AdverseEvent.occurred_at < _local_start(p.next().first_day))
    if year is not None:
        stmt = stmt.where(m.AdverseEvent.occurred_at >= _local_start(date(year, 1, 1)),
                          m.AdverseEvent.occurred_at < _local_start(date(year + 1, 1, 1)))
    if grade is not None:
        stmt = stmt.where(m.AdverseEvent.grade == str(grade))
    if category is not None:
        stmt = stmt.where(m.AdverseEvent.category == str(category))
    return list(session.scalars(stmt.order_by(m.AdverseEvent.occurred_at)))


def _local_start(day: date) -> datetime:
    return clock.at_local(day)


# --- what the pages show ------------------------------------------------------------------------------

EVENT_FIELDS = ("occurred_at", "reported_at", "category", "grade", "description", "immediate_action", "analysis",
                "medical_record_no", "reporter_id")


@dataclass(frozen=True, slots=True)
class EventRow:
    id: uuid.UUID
    occurred_at: datetime
    reported_at: datetime
    month: str  # the month it happened in, as the unit reckons months
    category: str
    grade: str
    description: str  # on one line
    medical_record_no: str | None
    reporter: str | None  # None: reported anonymously
    item: bool  # a rectification item was raised from it
    rca: str  # RCA_DONE, RCA_PARTLY, RCA_NONE: how far its root-cause analysis has come
    rca_gaps: tuple[str, ...]  # what a complete analysis still lacks
    rca_required: bool  # grade I–II: the month cannot be submitted until the analysis is complete


RCA_DONE, RCA_PARTLY, RCA_NONE = "done", "partly", "none"


def event_rows(session: Session) -> list[EventRow]:
    """不良事件 page: every event, newest first, with how far its root-cause analysis has come."""
    from qmsdesk.analytics.rca import RCA_GRADES, analysis_of, rca_gaps

    linked = set(session.scalars(select(m.RectificationItem.event_id).where(
        m.RectificationItem.deleted.is_(False), m.RectificationItem.event_id.is_not(None))))
    rows = []
    for e in reversed(list_events(session)):
        gaps = tuple(rca_gaps(session, e))
        state = RCA_DONE if not gaps else (RCA_NONE if analysis_of(session, e) is None else RCA_PARTLY)
        rows.append(EventRow(e.id, e.occurred_at, e.reported_at, str(Period.of(e.occurred_at)), e.category, e.grade,
                             (e.description or "").replace("\n", " "), e.medical_record_no,
                             e.reporter.name if e.reporter else None, e.id in linked, state, gaps,
                             e.grade in RCA_GRADES))
    return rows


def event_values(session: Session, event_id) -> dict:
    return fields_of(get_event(session, event_id), EVENT_FIELDS)
