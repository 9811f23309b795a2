"""根因分析 (RCA) of adverse events, the writing side: the analysis (5 whys, root cause, lessons) and its factors.

An event has at most one analysis. Factors are codes of the controlled vocabulary (services.factors);
the improvement items are the ledger items raised from the event (ledger.item_from_event). Reading an
analysis back, and what a complete one lacks, is analytics.rca.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.analytics.rca import analysis_of
from qmsdesk.db import models as m
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import check_not_future, get
from qmsdesk.services.factors import Vocabulary, vocabulary


def _clean(text: str | None) -> str | None:
    return text.strip() if isinstance(text, str) and text.strip() else None


def analyse_event(session: Session, event_id, *, analysed_on: date, team: str | None = None,
                  whys: list[str] | tuple[str, ...] = (), root_cause: str | None = None,
                  lessons: str | None = None) -> m.EventAnalysis:
    """Write (or rewrite) the event's analysis: who analysed it when, the why chain, the root cause, lessons."""
    event = get(session, m.AdverseEvent, event_id)
    chain = [w.strip() for w in whys if isinstance(w, str) and w.strip()]
    c = Collector()
    if analysed_on is None:
        c.add("analysed_on", msg("请填写分析日期。", "Give the date of the analysis."))
    else:
        check_not_future(c, "analysed_on", analysed_on, msg("分析日期", "The analysis date"))
        if analysed_on < clock.local_day(event.occurred_at):
            c.add("analysed_on", msg("分析日期不能早于事件发生日期。", "An event cannot be analysed before it happened."))
    c.raise_if_any()
    row = analysis_of(session, event)
    if row is None:
        row = m.EventAnalysis(event_id=event.id, analysed_on=analysed_on)
        session.add(row)
    row.analysed_on, row.team, row.whys = analysed_on, _clean(team), chain
    row.root_cause, row.lessons = _clean(root_cause), _clean(lessons)
    session.flush()
    return row


def set_factors(session: Session, event_id, factors: list[dict], vocab: Vocabulary | None = None) -> list[m.EventFactor]:
    """Make the event's factors exactly `factors`: dicts with `code`, optional `note` and `primary` (主要原因).

    Codes come from the vocabulary; an "other" term needs a note saying what it is.
    """
    vocab = vocab or vocabulary()
    event = get(session, m.AdverseEvent, event_id)
    analysis = analysis_of(session, event)
    if analysis is None:
        raise ValidationError(msg("请先填写根因分析（分析日期、5个为什么），再选择原因因素。",
                                  "Write the analysis (date, the whys) before choosing its factors."), "analysis")
    c = Collector()
    wanted: dict[str, dict] = {}
    for n, f in enumerate(factors, start=1):
        code = str(f.get("code") or "").strip()
        term = vocab.get(code)
        if term is None:
            c.add(f"factors.{n}", msg("原因因素“{c}”不在词表中：请从人、机、料、法、环、测的词条中选择，补充说明写在备注里。",
                                      "Factor '{c}' is not in the vocabulary; choose a term and put your wording in the note.",
                                      c=code))
            continue
        if term.other and not _clean(f.get("note")):
            c.add(f"factors.{n}", msg("选择“{l}”时请在备注中写明具体原因。", "'{l}' needs a note saying what it is.",
                                      l=term.label))
        wanted[code] = {"category": term.category, "note": _clean(f.get("note")), "primary": bool(f.get("primary"))}
    c.raise_if_any()
    # One row per code, ever: a factor taken out and chosen again comes back (a tombstone travelled for it).
    existing = {x.code: x for x in analysis.factors}
    for code, row in existing.items():
        if code not in wanted and not row.deleted:
            row.deleted = True
    out = []
    for code, values in wanted.items():
        row = existing.get(code)
        if row is None:
            row = m.EventFactor(analysis_id=analysis.id, code=code, **values)
            analysis.factors.append(row)
        else:
            row.category, row.note, row.primary, row.deleted = values["category"], values["note"], values["primary"], False
        out.append(row)
    session.flush()
    return out


def save_rca(session: Session, event_id, *, harm_level: str | None, analysed_on: date, team: str | None = None,
             whys: list[str] | tuple[str, ...] = (), root_cause: str | None = None, lessons: str | None = None,
             factors: list[dict] = ()) -> m.EventAnalysis:
    """The window's one save of the RCA editor: the harm level, the analysis and its factors, together or not at all."""
    from qmsdesk.services.events import update_event

    event = get(session, m.AdverseEvent, event_id)
    if harm_level != event.harm_level:
        update_event(session, event.id, harm_level=harm_level)
    row = analyse_event(session, event.id, analysed_on=analysed_on, team=team, whys=whys, root_cause=root_cause,
                        lessons=lessons)
    set_factors(session, event.id, list(factors))
    return row
