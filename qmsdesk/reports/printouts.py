"""The group's single printouts as PDF bytes, read from a session: sign-in sheets, minutes, training records,
the roster and an analysis. The command line (`qmsdesk print`, `qmsdesk analysis --out`) and the window's
print buttons call these, so both print the same paper.

Every printout is headed with the unit's name and masks the event register's patient record numbers
(deleted events' too) wherever they appear.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.spans import Span


def unit_label(session: Session) -> str:
    unit = session.scalars(live(m.Unit)).first()
    return f"{unit.hospital_name} {unit.department_name}" if unit else ""


def record_nos(session: Session) -> list[str]:
    """Every record number of the event register (deleted events too): none is printed in full, whatever field."""
    return [n for (n,) in session.execute(select(m.AdverseEvent.medical_record_no)) if n]


def meeting_signin_pdf(session: Session, meeting_id) -> bytes:
    from qmsdesk.reports.records_pdf import build_signin_pdf
    from qmsdesk.services.group_records import meeting_signin

    return build_signin_pdf(meeting_signin(session, meeting_id), unit_label(session), record_nos(session))


def planned_meeting_signin_pdf(session: Session, day: date, place: str | None = None) -> bytes:
    """The sign-in sheet of a group meeting still to be held on `day` (that day's members)."""
    from qmsdesk.reports.records_pdf import build_signin_pdf
    from qmsdesk.services.group_records import planned_meeting_signin

    return build_signin_pdf(planned_meeting_signin(session, day, place=place), unit_label(session), record_nos(session))


def training_signin_pdf(session: Session, training_id) -> bytes:
    """A recorded training session's sign-in sheet, or a planned training's (`training_id` of the plan)."""
    from qmsdesk.reports.records_pdf import build_signin_pdf
    from qmsdesk.services.group_records import training_signin

    return build_signin_pdf(training_signin(session, training_id), unit_label(session), record_nos(session))


def minutes_pdf(session: Session, meeting_id) -> bytes:
    from qmsdesk.reports.records_pdf import build_minutes_pdf
    from qmsdesk.services.group_records import meeting_record

    return build_minutes_pdf(meeting_record(session, meeting_id), unit_label(session), record_nos(session))


def training_record_pdf(session: Session, training_id) -> bytes:
    from qmsdesk.reports.records_pdf import build_training_pdf
    from qmsdesk.services.group_records import training_record

    return build_training_pdf(training_record(session, training_id), unit_label(session), record_nos(session))


def roster_pdf(session: Session, on: date) -> bytes:
    from qmsdesk.reports.records_pdf import build_roster_pdf
    from qmsdesk.services.group import roster

    return build_roster_pdf(roster(session, on=on), unit_label(session), on, record_nos(session))


def analysis_pdf(session: Session, span: Span | str) -> bytes:
    """The analysis of a quarter or year as it stands (draft or approved), with its indicator charts."""
    from qmsdesk.periods import Period
    from qmsdesk.reports.analysis_pdf import build_analysis_pdf
    from qmsdesk.reports.binder import chart_maker
    from qmsdesk.services.analysis import analysis_view

    span = Span.parse(span)
    current = analysis_view(session, span)
    if current is None:
        raise NotFoundError(msg("{s}还没有分析草稿，请先生成草稿。", "{s} has no analysis yet; draft it first.",
                                s=span.label()))
    charts = chart_maker(session, Period.parse(current.figures.through))
    return build_analysis_pdf(current, unit_label(session), charts=charts, record_nos=record_nos(session))
