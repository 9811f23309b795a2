"""Pareto analysis: problems by category, largest first, with the cumulative percentage.

`pareto()` is pure; `problem_categories()` collects the categories of inspection findings, adverse
events and rectification items dated in a range of months, which is what the group's meeting charts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import listing
from qmsdesk.analytics.pareto_spec import VITAL_SHARE, ParetoBar, ParetoSpec, pareto  # noqa: F401 (re-exported)
from qmsdesk.db import models as m
from qmsdesk.db.enums import EventCategory, SourceKind
from qmsdesk.db.queries import live
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between

PARETO_SOURCES = ("inspection", "event", "ledger")


def _day_range(start: Period, end: Period) -> tuple[datetime, datetime]:
    return (datetime.combine(start.first_day, time.min, tzinfo=UTC),
            datetime.combine(end.next().first_day, time.min, tzinfo=UTC))


def problem_categories(session: Session, start: Period | str, end: Period | str,
                       sources: Iterable[str] = PARETO_SOURCES) -> Counter[str]:
    """Count problems by category label among the chosen sources dated start..end (inclusive months).

    Sources: "inspection" (findings, by the inspection date), "event" (adverse events, by when they
    happened, by category label), "ledger" (rectification items, by the date found; items raised
    from a finding or an event already counted are not counted twice).
    """
    start, end = Period.parse(start), Period.parse(end)
    first, last = start.first_day, end.last_day
    wanted = set(sources)
    tally: Counter[str] = Counter()
    if "inspection" in wanted:
        rows = session.execute(
            select(m.InspectionFinding.category)
            .join(m.Inspection, m.Inspection.id == m.InspectionFinding.inspection_id)
            .where(m.InspectionFinding.deleted.is_(False), m.Inspection.deleted.is_(False),
                   m.Inspection.date >= first, m.Inspection.date <= last)
        )
        tally.update(category for (category,) in rows)
    if "event" in wanted:
        lo, hi = _day_range(start, end)
        events = session.scalars(live(m.AdverseEvent).where(m.AdverseEvent.occurred_at >= lo,
                                                            m.AdverseEvent.occurred_at < hi))
        tally.update(_event_label(e.category) for e in events)
    if "ledger" in wanted:
        items = session.scalars(live(m.RectificationItem).where(m.RectificationItem.found_on >= first,
                                                                m.RectificationItem.found_on <= last))
        # An item raised from a finding or an event is the same problem: count it once.
        tally.update(
            i.category for i in items
            if not (i.finding_id and "inspection" in wanted) and not (i.event_id and "event" in wanted)
        )
    # Categories are typed by hand and go into the chart PDF: a patient number typed there is masked too.
    from qmsdesk.reports.masking import patient_masker

    masker = patient_masker(session)
    masked: Counter[str] = Counter()
    for category, n in tally.items():
        masked[masker.text(category) if isinstance(category, str) else category] += n
    return masked


def _event_label(code: str) -> str:
    try:
        return EventCategory(code).label
    except ValueError:
        return code


def source_label(source: str) -> str:
    return {
        "inspection": SourceKind.INSPECTION.label,
        "event": SourceKind.EVENT.label,
        "ledger": msg("整改台账", "Rectification ledger"),
    }.get(source, source)


def problem_pareto(session: Session, start: Period | str, end: Period | str,
                   sources: Iterable[str] = PARETO_SOURCES) -> ParetoSpec:
    """The Pareto chart of problems by category for a range of months, titled in the user's language."""
    start, end = Period.parse(start), Period.parse(end)
    sources = tuple(sources)
    months = months_between(start, end)
    span = str(start) if len(months) == 1 else f"{start} — {end}"
    return pareto(
        problem_categories(session, start, end, sources),
        title=msg("问题类别排列图（帕累托图）", "Pareto chart of problems by category"),
        subtitle=msg("{span}；来源：{src}", "{span}; sources: {src}", span=span,
                     src=listing(source_label(s) for s in sources)),
    )
