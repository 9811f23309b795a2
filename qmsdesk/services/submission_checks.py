"""Checks a month must pass before it is submitted: blocking errors and warnings that must be accepted.

Each finding names the record it concerns (`kind` + `record_id`, and further `links` when it compares two
registers) so the window can open the places that fix it. Its `message` states the fact and is what the
quality office reads in the PDF, the workbook and data.json; `hint` says what to do in the window and
never leaves the ward.

The contract for warnings (the same in `qmsdesk submit` and the window): a month with warnings is
submitted only when someone accepts them with a comment; otherwise nothing is locked (`submit` exits 3).
`Acceptance` records who accepted, when and with which words, and is the one statement the cover, the
workbook and data.json make about the warnings.

The rules and the types live in services/month_checks.py (no ORM), shared with the read without SQLAlchemy
(services/submission_checks_raw.py); this module reads the month through the ORM for them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.services.month_checks import HISTORY_MONTHS as HISTORY_MONTHS
from qmsdesk.services.month_checks import KIND_AUTHORISATION as KIND_AUTHORISATION
from qmsdesk.services.month_checks import KIND_EVENT as KIND_EVENT
from qmsdesk.services.month_checks import KIND_INDICATOR as KIND_INDICATOR
from qmsdesk.services.month_checks import KIND_INDICATOR_VALUE as KIND_INDICATOR_VALUE
from qmsdesk.services.month_checks import KIND_ITEM as KIND_ITEM
from qmsdesk.services.month_checks import KIND_MEETING as KIND_MEETING
from qmsdesk.services.month_checks import KIND_PLAN as KIND_PLAN
from qmsdesk.services.month_checks import KIND_STAFF as KIND_STAFF
from qmsdesk.services.month_checks import MIN_HISTORY as MIN_HISTORY
from qmsdesk.services.month_checks import SAFETY_LAW_PER_YEAR as SAFETY_LAW_PER_YEAR
from qmsdesk.services.month_checks import Acceptance as Acceptance
from qmsdesk.services.month_checks import Issue as Issue
from qmsdesk.services.month_checks import Link as Link
from qmsdesk.services.month_checks import Report as Report
from qmsdesk.services.month_checks import check_month


def validate_month(session: Session, period: Period | str) -> Report:
    """Everything wrong with the month before it goes to the quality office."""
    return check_month(OrmChecks(session), period)


class OrmChecks:
    """What services/month_checks.check_month judges, read through the ORM (its module doc lists the questions)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def group_meeting_held(self, p: Period) -> bool:
        return self.session.scalars(live(m.Meeting).where(
            m.Meeting.kind == e.MeetingKind.GROUP_MONTHLY, m.Meeting.date.between(p.first_day, p.last_day))).first() \
            is not None

    def applicable_definitions(self) -> list[m.IndicatorDefinition]:
        return list(self.session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True))
                                         .order_by(m.IndicatorDefinition.code)))

    def month_values(self, p: Period) -> list[m.IndicatorValue]:
        return list(self.session.scalars(live(m.IndicatorValue).where(m.IndicatorValue.period == str(p))))

    def past_values(self, first: Period, p: Period) -> list[m.IndicatorValue]:
        return list(self.session.scalars(live(m.IndicatorValue).where(
            m.IndicatorValue.period >= str(first), m.IndicatorValue.period < str(p))))

    def judged(self, values: list[m.IndicatorValue]) -> dict:
        from qmsdesk.analytics.warnings import value_warnings

        return value_warnings(self.session, values)

    def month_events(self, p: Period) -> list[m.AdverseEvent]:
        return list(self.session.scalars(live(m.AdverseEvent).where(
            rules.sql_event_in_month(m.AdverseEvent.occurred_at, p)).order_by(m.AdverseEvent.occurred_at)))

    def rca_gaps(self, events: list[m.AdverseEvent]) -> dict[Any, list[str]]:
        from qmsdesk.analytics.rca import rca_gaps

        return {ev.id: rca_gaps(self.session, ev) for ev in events}

    def open_items(self, p: Period) -> list[m.RectificationItem]:
        from qmsdesk.services.ledger import items_open_in

        return items_open_in(self.session, p)

    def events_in_month(self, p: Period, categories) -> int:
        from qmsdesk.analytics.registers import events_in_month

        return events_in_month(self.session, p, categories)

    def safety_attendance(self, first, last) -> list:
        return list(self.session.scalars(
            select(m.TrainingAttendance.staff_id).join(m.TrainingSession)
            .where(m.TrainingAttendance.deleted.is_(False), m.TrainingSession.deleted.is_(False),
                   m.TrainingSession.category == e.TrainingCategory.SAFETY_LAW,
                   m.TrainingSession.date.between(first, last), m.TrainingAttendance.status == e.Attendance.PRESENT)))

    def active_staff(self) -> list[m.Staff]:
        return list(self.session.scalars(live(m.Staff).where(m.Staff.active.is_(True)).order_by(m.Staff.name)))

    def expired_authorisations(self, day) -> list[m.Authorisation]:
        return list(self.session.scalars(live(m.Authorisation).where(
            m.Authorisation.status == e.AuthorisationStatus.ACTIVE, m.Authorisation.expires_on.is_not(None),
            m.Authorisation.expires_on < day).order_by(m.Authorisation.expires_on)))

    def plan_progress(self, year: int, p: Period):
        from qmsdesk.services.plan_progress import plan_progress

        return plan_progress(self.session, year, p)
