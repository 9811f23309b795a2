"""What of an approved quality analysis travels to the quality office, over plain objects (no database).

services/analysis.py reads analyses through the ORM and sync/records_raw.py reads them with plain SQL; both
choose which travel (`travels_with`) and shape each (`package_row`, with the problems of `problem_lines`)
here, so a package carries the same analysis whichever way the month was read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from qmsdesk.db.enums import AnalysisSource
from qmsdesk.periods import Period
from qmsdesk.spans import Span

# An approved analysis rides with the packages of the months up to a year after its span ended, so the
# first package built after the approval carries it whenever that is.
TRAVEL_MONTHS = 12


@dataclass(frozen=True)
class ProblemLine:
    id: uuid.UUID
    number: int
    source: str
    source_label: str
    problem: str
    cause: str
    measures: str
    generated: bool

    @property
    def complete(self) -> bool:
        return bool(self.cause and self.measures)


def title_of(span: Span) -> str:
    return f"{span.label_zh}{'质控工作总结' if span.is_year else '质量与安全分析'}"


def problem_lines(problems: list[Any]) -> list[ProblemLine]:
    """The live problems of an analysis (in their order), numbered from 1."""
    live = [p for p in problems if not p.deleted]
    return [ProblemLine(p.id, n, p.source, AnalysisSource.label_pairs().get(p.source, (p.source, ""))[0],
                        p.problem, p.cause or "", p.measures or "", p.key is not None)
            for n, p in enumerate(live, start=1)]


def travels_with(span: str, period: Period | str) -> bool:
    """An analysis of `span` travels with `period`'s package: its span ended within the TRAVEL_MONTHS months
    ending with `period`."""
    p = Period.parse(period)
    first = p
    for _ in range(TRAVEL_MONTHS - 1):
        first = first.previous()
    return first <= Span.parse(span).last <= p


def package_row(row: Any, record_nos: list[str]) -> dict:
    """The analysis as data.json carries it: its figures, its problems with the group's text, who approved it.

    `row` has the QualityAnalysis columns, `problems` (in their order) and `approved_by` (a staff or None).
    Every text is masked for the patient record numbers given (a number typed into a problem's text too).
    """
    from qmsdesk.reports.masking import mask_in_text

    def text(value: str) -> str:
        return mask_in_text(value, record_nos) if value else value

    return {
        "id": str(row.id), "deleted": False, "updated_at": row.updated_at.isoformat(), "span": row.span, "kind": row.kind,
        "status": row.status, "title": title_of(Span.parse(row.span)), "summary": text(row.summary or ""),
        "approved_by": row.approved_by.name if row.approved_by else "",
        "approved_on": row.approved_on.isoformat() if row.approved_on else None,
        "reopen_reason": text(row.reopen_reason or ""), "figures": row.figures,
        "problems": [{"number": p.number, "source": p.source, "source_label": p.source_label, "problem": text(p.problem),
                      "cause": text(p.cause), "measures": text(p.measures)} for p in problem_lines(row.problems)],
    }
