"""What a complete root-cause analysis must hold, judged on plain values (no ORM needed).

analytics/rca.py reads an event's analysis through the ORM; the month's validation read without SQLAlchemy
(services/submission_checks_raw.py) reads it with plain SQL. Both judge it here, with the same words.
"""

from __future__ import annotations

from typing import Any

from qmsdesk.db.enums import EventGrade
from qmsdesk.i18n import msg

MIN_WHYS = 3  # a "5 whys" chain that stops after one or two questions has not reached a root
RCA_GRADES = (EventGrade.I, EventGrade.II)


def gaps_of(event: Any, analysis: Any, n_actions: int) -> list[str]:
    """What a complete RCA still lacks (empty when complete).

    `event` has harm_level; `analysis` (None: none yet) has factors (each with `deleted`), whys, root_cause and
    lessons: ORM rows or plain objects with those attributes."""
    if analysis is None:
        return [msg("尚未做根因分析", "no root-cause analysis yet")]
    out = []
    if not event.harm_level:
        out.append(msg("未填写伤害程度", "no harm level"))
    if not any(not f.deleted for f in analysis.factors):
        out.append(msg("未选择原因因素（人·机·料·法·环·测）", "no contributing factors (fishbone)"))
    if len(analysis.whys or []) < MIN_WHYS:
        out.append(msg("“5个为什么”少于 {n} 层", "fewer than {n} whys", n=MIN_WHYS))
    if not analysis.root_cause:
        out.append(msg("未写明根本原因", "no root cause stated"))
    if not analysis.lessons:
        out.append(msg("未总结经验教训", "no lessons learned"))
    if n_actions == 0:
        out.append(msg("未制定改进措施（整改事项）", "no improvement items in the ledger"))
    return out
