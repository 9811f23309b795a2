"""One month's records as plain JSON for data.json: by kind, keyed by UUID, masked, with tombstones.

Each kind is one table, so the office can upsert by UUID kind by kind. A record soft-deleted at the
unit travels as a tombstone (`{"id", "deleted": true, "updated_at"}`) and carries no content. Medical
record numbers are masked (`****1234`) in the event's field and in every string of every record (a
number copied into a description, a progress note or the minutes), together with anything labelled as
a patient number (reports.masking), so no full number leaves the ward. The serialisation is canonical:
the same data gives the same bytes.

The rules live in sync/records_build.py; this module reads the month through the ORM for them
(sync/records_raw.py reads it with plain SQL from the ward's file, for the same function).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session, selectinload

from qmsdesk import rules
from qmsdesk.db import models as m
from qmsdesk.db.queries import ITEM_COLUMNS
from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.sync.canonical import canonical_json, record_counts  # noqa: F401  (their home before canonical.py)
from qmsdesk.sync.records_build import (  # noqa: F401  (their home before records_build.py)
    RECORD_KINDS,
    STAFF_FIELDS,
    build_month_records,
    mask_record_no,
    plain,
)


class OrmRecords:
    """The month's records read through the ORM (a records_build.RecordSource)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def columns(self, obj: m.Base) -> list[str]:
        return [c.key for c in inspect(type(obj)).column_attrs]

    def _dated(self, model, first: date, last: date, *children) -> list:
        stmt = select(model).where(model.date >= first, model.date <= last)
        return list(self.session.scalars(stmt.options(*(selectinload(c) for c in children))).all())

    def meetings(self, first: date, last: date) -> list:
        return self._dated(m.Meeting, first, last, m.Meeting.attendance, m.Meeting.problems)

    def training_sessions(self, first: date, last: date) -> list:
        return self._dated(m.TrainingSession, first, last, m.TrainingSession.attendance)

    def assessments(self, first: date, last: date) -> list:
        return self._dated(m.Assessment, first, last)

    def indicator_values(self, period: Period) -> list:
        return list(self.session.scalars(select(m.IndicatorValue).where(m.IndicatorValue.period == str(period))).all())

    def record_nos(self) -> list[str]:
        return [r for (r,) in self.session.execute(select(m.AdverseEvent.medical_record_no)) if r]

    def inspections(self, first: date, last: date) -> list:
        return self._dated(m.Inspection, first, last, m.Inspection.findings, m.Inspection.items)

    def inspection_score(self, inspection: m.Inspection):
        from qmsdesk.analytics.inspections import inspection_score

        return inspection_score(self.session, inspection)

    def events(self, start: datetime, end: datetime) -> list:
        return list(self.session.scalars(select(m.AdverseEvent).where(
            m.AdverseEvent.occurred_at >= start, m.AdverseEvent.occurred_at < end)).all())

    def event_analyses(self, event: m.AdverseEvent) -> list:
        return list(self.session.scalars(select(m.EventAnalysis).where(m.EventAnalysis.event_id == event.id)
                                         .options(selectinload(m.EventAnalysis.factors))).all())

    def ledger_items(self, period: Period) -> list:
        return list(self.session.scalars(select(m.RectificationItem).where(rules.sql_in_month(ITEM_COLUMNS, period))
                                         .options(selectinload(m.RectificationItem.progress))).all())

    def analyses_to_send(self, period: Period) -> list:
        from qmsdesk.services.analysis import analyses_to_send

        return analyses_to_send(self.session, period)

    def projects(self, period: Period) -> list:
        return list(self.session.scalars(select(m.PdcaProject).where(
            m.PdcaProject.started_on <= period.last_day,
            or_(m.PdcaProject.closed_on.is_(None), m.PdcaProject.closed_on >= period.first_day))).all())

    def project_case(self, project: m.PdcaProject, period: Period):
        from qmsdesk.analytics.pdca_case import project_case

        return project_case(self.session, project.id, end=period)

    def staff(self, ids: set[uuid.UUID]) -> list:
        return list(self.session.scalars(select(m.Staff).where(m.Staff.id.in_(ids))).all())

    def masker(self) -> PatientMasker:
        from qmsdesk.reports.masking import patient_masker

        return patient_masker(self.session)


def month_records(session: Session, period: Period | str) -> dict[str, dict[str, dict[str, Any]]]:
    """The month's records by kind (see RECORD_KINDS), each a dict UUID -> plain JSON record."""
    return build_month_records(OrmRecords(session), period)
