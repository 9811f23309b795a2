"""The month report's quality-tool reads through the ORM: scored inspections' ledger states, event RCAs, PDCA cases.

The tables are built in reports/month_content.py, shared with the plain-SQL reader
reports/month_collect_raw.py. Patient record numbers are masked in every free text, whichever record it was
typed into.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.reports.month_content import label


def known_record_nos(session: Session) -> list[str]:
    """Every medical record number the ward holds: any of them may have been typed into any text."""
    rows = session.execute(select(m.AdverseEvent.medical_record_no).where(m.AdverseEvent.medical_record_no.is_not(None)))
    return [r for (r,) in rows if r]


def ledger_states(session: Session) -> dict[str, str]:
    """Ledger item id → its status in words, for the items raised from a checklist line."""
    rows = session.execute(select(m.RectificationItem.id, m.RectificationItem.status).where(
        m.RectificationItem.deleted.is_(False), m.RectificationItem.inspection_item_id.is_not(None)))
    return {str(i): label(e.ItemStatus, s) for i, s in rows}


def _month_events(session: Session, period: Period) -> list[m.AdverseEvent]:
    return list(session.scalars(live(m.AdverseEvent).where(rules.sql_event_in_month(m.AdverseEvent.occurred_at, period))
                                .order_by(m.AdverseEvent.occurred_at)))


def rca_views(session: Session, period: Period, events: list[m.AdverseEvent] | None = None) -> list[Any]:
    """The analysis (analytics.rca.RcaView) of every event of the month that has one or needs one."""
    from qmsdesk.analytics.rca import event_rca

    views = [event_rca(session, ev.id) for ev in (events if events is not None else _month_events(session, period))]
    return [v for v in views if v.required or v.analysed_on is not None]


def active_projects(session: Session, period: Period) -> list[m.PdcaProject]:
    """Projects running at any time in the month: started by its end, not closed before it began."""
    stmt = live(m.PdcaProject).where(m.PdcaProject.started_on <= period.last_day,
                                     or_(m.PdcaProject.closed_on.is_(None), m.PdcaProject.closed_on >= period.first_day))
    return list(session.scalars(stmt.order_by(m.PdcaProject.started_on)))


def pdca_cases(session: Session, period: Period) -> list[Any]:
    from qmsdesk.analytics.pdca_case import project_case

    return [project_case(session, p.id, end=period) for p in active_projects(session, period)]
