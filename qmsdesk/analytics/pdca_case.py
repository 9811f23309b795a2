"""A PDCA project read back as a case (持续改进案例): every part in plain values, with its figures computed.

`project_case` gathers what the case write-up, the command line and the pages show — the current-state
Pareto (from checklist deductions or event factors), the fishbone of its causes, the countermeasures
with their ledger state, the log, and the before/after of each indicator — and what the next stage
still needs (`gaps_for`, which services.pdca also asks before moving a project).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from qmsdesk.analytics.charts import MonthData, indicator_months
from qmsdesk.analytics.pareto import ParetoSpec
from qmsdesk.analytics.pdca import BeforeAfterSpec
from qmsdesk.analytics.pdca_view import (  # noqa: F401 (re-exported: the case's types and rules live there)
    NEXT_STAGE,
    CauseView,
    CountermeasureView,
    IndicatorTarget,
    LogView,
    PdcaCase,
    after_end,
    baseline_months_of,
    case_of,
    comparisons_of,
    gaps_of,
)
from qmsdesk.db import models as m
from qmsdesk.db.enums import PdcaStage
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period


class OrmCaseSource:
    """What a case reads beyond its project, through the session (analytics/pdca_view.CaseSource)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def months(self, definition: m.IndicatorDefinition, start: Period, end: Period) -> list[MonthData]:
        return indicator_months(self.session, definition, start, end)

    def countermeasure_items(self, project: m.PdcaProject) -> list[m.RectificationItem]:
        return countermeasure_items(self.session, project)

    def pareto(self, source: dict) -> ParetoSpec | None:
        if not source:
            return None
        if source.get("kind") == "checklist":
            from qmsdesk.analytics.inspections import deduction_pareto

            return deduction_pareto(self.session, source["start"], source["end"], template_code=source.get("template"))
        from qmsdesk.analytics.rca import factor_pareto

        return factor_pareto(self.session, source["start"], source["end"], event_category=source.get("event_category"))

    def person(self, record: m.PdcaProject | m.RectificationItem) -> str | None:
        who = record.leader if isinstance(record, m.PdcaProject) else record.responsible
        return who.name if who else None

    def title_of(self, project_id) -> str | None:
        previous = self.session.get(m.PdcaProject, project_id)
        return previous.title if previous else None

    def next_title(self, project: m.PdcaProject) -> str | None:
        following = next_cycle_of(self.session, project.id)
        return following.title if following else None


def comparisons(session: Session, project: m.PdcaProject, end: Period | None = None) -> list[BeforeAfterSpec]:
    """The before/after of each of the project's indicators (none before the baseline and change are set)."""
    return comparisons_of(OrmCaseSource(session), project, end)


def baseline_months_with_data(session: Session, project: m.PdcaProject, ind: m.PdcaIndicator) -> int:
    return baseline_months_of(OrmCaseSource(session), project, ind)


def countermeasure_items(session: Session, project: m.PdcaProject) -> list[m.RectificationItem]:
    ids = [c.id for c in project.countermeasures if not c.deleted]
    if not ids:
        return []
    return list(session.scalars(live(m.RectificationItem).where(m.RectificationItem.countermeasure_id.in_(ids))
                                .order_by(m.RectificationItem.deadline)))


def gaps_for(session: Session, project: m.PdcaProject, target: str) -> list[str]:
    """What the project still lacks to move to `target` (empty when it may move)."""
    return gaps_of(OrmCaseSource(session), project, target)


def project_case(session: Session, project_id, end: Period | None = None) -> PdcaCase:
    pid = project_id if isinstance(project_id, uuid.UUID) else uuid.UUID(str(project_id))
    p = session.get(m.PdcaProject, pid)
    if p is None or p.deleted:
        raise NotFoundError(msg("找不到该改进项目（可能已被删除）。", "Improvement project not found (it may have been deleted)."))
    return case_of(OrmCaseSource(session), p, end)


def next_cycle_of(session: Session, project_id) -> m.PdcaProject | None:
    """The live project started as the next cycle of `project_id`, if there is one."""
    return session.scalars(live(m.PdcaProject).where(m.PdcaProject.previous_id == project_id)).first()


@dataclass(frozen=True)
class ProjectRow:
    """A project in a list: its stage and how far its countermeasures and indicators have come."""

    id: str
    title: str
    stage: str
    started_on: date
    closed_on: date | None
    leader: str | None
    progress: str

    @property
    def stage_label(self) -> str:
        return PdcaStage(self.stage).label


def project_rows(session: Session, end: Period | None = None) -> list[ProjectRow]:
    out = []
    for p in session.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)):
        case = project_case(session, p.id, end)
        out.append(ProjectRow(case.id, case.title, case.stage, case.started_on, case.closed_on, case.leader,
                              case.progress_text()))
    return out
