"""根因分析 (RCA) read back: an event with its factors, why chain, lessons and the actions it produced.

`event_rca` gives plain values for the command line, the reports and the pages; `gaps_of` says what a
complete analysis still lacks (a grade I–II event needs none missing before its month is submitted);
`factor_counts` counts factor codes across events for the Pareto and the aggregated fishbone.
"""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.analytics.rca_view import (  # noqa: F401 (re-exported: the view's types and rules live there)
    MIN_WHYS,
    RCA_GRADES,
    ActionView,
    FactorView,
    RcaView,
    action_of,
    factor_pareto_of,
    gaps_of,
    rca_view_of,
)
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.factors import Vocabulary, vocabulary


def analysis_of(session: Session, event: m.AdverseEvent) -> m.EventAnalysis | None:
    return session.scalars(live(m.EventAnalysis).where(m.EventAnalysis.event_id == event.id)).first()


def _actions(session: Session, event: m.AdverseEvent) -> tuple[ActionView, ...]:
    items = session.scalars(live(m.RectificationItem).where(m.RectificationItem.event_id == event.id)
                            .order_by(m.RectificationItem.found_on)).all()
    return tuple(action_of(i, i.responsible.name if i.responsible else None) for i in items)


def event_rca(session: Session, event_id, vocab: Vocabulary | None = None) -> RcaView:
    """The event and its analysis as plain values; `gaps` says what a complete RCA still lacks."""
    vocab = vocab or vocabulary()
    event = session.get(m.AdverseEvent, event_id if isinstance(event_id, uuid.UUID) else uuid.UUID(str(event_id)))
    if event is None or event.deleted:
        raise NotFoundError(msg("找不到该不良事件（可能已被删除）。", "Adverse event not found (it may have been deleted)."))
    return rca_view_of(event, analysis_of(session, event), _actions(session, event), vocab)


def rca_gaps(session: Session, event: m.AdverseEvent) -> list[str]:
    return gaps_of(event, analysis_of(session, event), len(_actions(session, event)))


def factor_counts(session: Session, start: Period | str, end: Period | str, *,
                  event_category: str | None = None) -> Counter[str]:
    """How many events named each factor code, among events that happened in start..end (local months)."""
    start, end = Period.parse(start), Period.parse(end)
    lo, hi = start.span()[0], end.span()[1]  # the months in the unit's zone
    stmt = (select(m.EventFactor.code)
            .join(m.EventAnalysis, m.EventAnalysis.id == m.EventFactor.analysis_id)
            .join(m.AdverseEvent, m.AdverseEvent.id == m.EventAnalysis.event_id)
            .where(m.EventFactor.deleted.is_(False), m.EventAnalysis.deleted.is_(False),
                   m.AdverseEvent.deleted.is_(False), m.AdverseEvent.occurred_at >= lo, m.AdverseEvent.occurred_at < hi))
    if event_category is not None:
        stmt = stmt.where(m.AdverseEvent.category == str(event_category))
    return Counter(code for (code,) in session.execute(stmt))


def factor_pareto(session: Session, start: Period | str, end: Period | str, *, event_category: str | None = None,
                  vocab: Vocabulary | None = None):
    """The Pareto of contributing factors named in the analyses of events start..end (one bar per code)."""
    start, end = Period.parse(start), Period.parse(end)
    return factor_pareto_of(factor_counts(session, start, end, event_category=event_category), start, end,
                            event_category=event_category, vocab=vocab or vocabulary())
