"""The content of one month's report, gathered once and written by both the workbook and the PDF writer.

Values stay typed (dates, numbers) so the workbook can store real dates and numbers; patient record
numbers are masked here — the events' own field, and every string of the content against the unit's whole
event register and the labelled-number pattern (reports.masking) — so no writer can leak them by accident.

This module reads the month through the ORM; the types and the computing live in reports/month_content.py
(re-exported here), shared with the plain-SQL reader reports/month_collect_raw.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, selectinload

from qmsdesk import rules
from qmsdesk.analytics.charts import indicator_history
from qmsdesk.analytics.warnings import history_start
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.reports.masking import patient_masker
from qmsdesk.reports.month_content import (  # noqa: F401 (re-exported: the content's types and rules live there)
    MET,
    MISSING,
    NO_EXPOSURE,
    NO_TARGET,
    NOT_MET,
    WATCH,
    Column,
    IndicatorLine,
    MonthContent,
    MonthRows,
    Table,
    acceptance_rows,
    acceptance_statement,
    build_month,
    indicator_status,
)


def _names(session: Session) -> dict[Any, str]:
    return {s.id: s.name for s in session.scalars(live(m.Staff))}


def _indicator_rows(session: Session, period: Period) -> tuple[list, dict, dict]:
    defs = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True))
                           .order_by(m.IndicatorDefinition.code)).all()
    values = {v.indicator_id: v for v in session.scalars(live(m.IndicatorValue)
                                                         .where(m.IndicatorValue.period == str(period)))}
    # Every judged indicator's history in one statement (month_assessment would read one per indicator).
    history = indicator_history(session, [d.id for d in defs if d.id in values], history_start(period), period)
    return list(defs), values, history


def _in_month(model, period: Period):
    return live(model).where(model.date.between(period.first_day, period.last_day)).order_by(model.date)


def _month_events(session: Session, period: Period) -> list[m.AdverseEvent]:
    return list(session.scalars(live(m.AdverseEvent).where(rules.sql_event_in_month(m.AdverseEvent.occurred_at, period))
                                .order_by(m.AdverseEvent.occurred_at)))


def collect_month(
    session: Session,
    period: Period | str,
    *,
    version: int = 1,
    warnings: list[Any] | None = None,
    acceptance: Any = None,
    as_of: date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MonthContent:
    """Read everything the month's report shows, judged on `as_of` (default: the month's end, rules.month_end).

    `warnings` are submission_checks issues to print; `acceptance` (submission_checks.Acceptance) says what
    happened to them, in the same words on the cover, in the workbook and in data.json.
    """
    from qmsdesk.analytics import derived
    from qmsdesk.analytics.inspections import inspection_rows
    from qmsdesk.reports import month_analysis as qa
    from qmsdesk.services.ledger import items_open_in

    period = Period.parse(period)
    day = as_of or rules.month_end(period)
    warnings = list(warnings or [])
    unit = session.scalars(live(m.Unit).order_by(m.Unit.created_at)).first()  # the unit, as services/unit.get_unit
    names = _names(session)
    defs, values, history = _indicator_rows(session, period)
    meetings = session.scalars(_in_month(m.Meeting, period).options(
        selectinload(m.Meeting.attendance), selectinload(m.Meeting.problems))).all()
    sessions = session.scalars(_in_month(m.TrainingSession, period)
                               .options(selectinload(m.TrainingSession.attendance))).all()  # one query, not one a session
    assessments = session.scalars(_in_month(m.Assessment, period)).all()
    if cancelled and cancelled():
        from qmsdesk.errors import QmsError

        raise QmsError(msg("已取消。", "Cancelled."))
    events = _month_events(session, period)
    rows = MonthRows(
        unit=unit, names=names, definitions=defs, values=values, history=history, meetings=list(meetings),
        sessions=list(sessions), assessments=list(assessments), record_nos=qa.known_record_nos(session),
        inspection_rows=inspection_rows(session, period=period), ledger_states=qa.ledger_states(session),
        inspections=list(session.scalars(_in_month(m.Inspection, period))), events=events,
        rca=qa.rca_views(session, period, events), ledger_items=items_open_in(session, period, with_progress=True),
        pdca=qa.pdca_cases(session, period), ledger=derived.ledger_figures(session, period, day),
        group_meetings=len(derived.group_meetings(session, period).meetings), masker=patient_masker(session))
    return build_month(rows, period, day, version=version, warnings=warnings, acceptance=acceptance)
