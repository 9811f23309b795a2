"""A realistic, deterministic demo year (2025-11..2026-10) for the 心血管内科 ward of a county hospital.

`generate(session, seed=1)` writes it through the ORM, so the session hooks audit every record;
the same seed writes the same records (ids included). Months 2025-11..2026-09 end up submitted and
accepted, which locks them; 2026-10 is left open, as on a ward that has not yet submitted it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.demo import ledger, people, quality, year
from qmsdesk.demo.builder import AS_OF, FIRST_MONTH, LAST_MONTH, Demo
from qmsdesk.i18n import msg

__all__ = ["AS_OF", "FIRST_MONTH", "LAST_MONTH", "DemoSummary", "generate", "existing_records"]


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote, counted by kind (for the command's report and the tests)."""

    seed: int
    counts: dict[str, int]

    def lines(self) -> list[str]:
        c = self.counts
        return [
            msg("演示数据：某县人民医院 心血管内科，{a} 至 {b}（随机种子 {s}）",
                "Demo data: 心血管内科 of 某县人民医院, {a} to {b} (seed {s})", a=FIRST_MONTH, b=LAST_MONTH, s=self.seed),
            msg("  人员 {n} 人，质控小组成员 {g} 人", "  {n} staff, {g} quality-group members", n=c["staff"], g=c["group"]),
            msg("  会议 {n} 次（其中质控小组例会 {g} 次），提出问题 {p} 项",
                "  {n} meetings ({g} monthly group meetings), {p} problems raised",
                n=c["meetings"], g=c["group_meetings"], p=c["problems"]),
            msg("  培训 {n} 次，考核 {a} 人次（不合格 {f} 人次），授权 {u} 项",
                "  {n} training sessions, {a} assessments ({f} failed), {u} authorisations",
                n=c["trainings"], a=c["assessments"], f=c["failed_assessments"], u=c["authorisations"]),
            msg("  指标月度数据 {n} 条，检查督查 {i} 次（发现问题 {f} 项），不良事件 {e} 例",
                "  {n} monthly indicator values, {i} inspections ({f} findings), {e} adverse events",
                n=c["indicator_values"], i=c["inspections"], f=c["findings"], e=c["events"]),
            msg("  整改台账 {n} 项（已销号 {c} 项），已上报月份 {s} 个（2026-10 尚未上报）",
                "  {n} rectification items ({c} closed), {s} months submitted (2026-10 not yet)",
                n=c["items"], c=c["closed_items"], s=c["submissions"]),
        ]


def existing_records(session: Session) -> dict[str, int]:
    """Live records already in the database, by table, ignoring the indicator catalogue (which the
    program may install on its own) and the audit log."""
    out = {}
    for model in m.SYNCED_MODELS:
        if model is m.IndicatorDefinition:
            continue
        n = session.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))
        if n:
            out[model.__tablename__] = n
    return out


def generate(session: Session, seed: int = 1) -> DemoSummary:
    """Write the demo year into `session` (flushed, not committed) and say what was written."""
    d = Demo(session=session, rng=random.Random(seed), seed=seed)
    people.write_unit(d)
    people.write_staff(d)
    people.write_training(d)
    people.write_assessments(d)
    people.write_authorisations(d)
    quality.write_inspections(d)
    quality.write_events(d)
    quality.write_indicators(d)
    quality.write_group_meetings(d)
    quality.write_other_meetings(d)
    # Items link their sources by id only, so the sources must be in the database first.
    session.flush()
    ledger.write_items(d)
    ledger.settle_items(d)
    session.flush()
    # The submissions lock their months, so they go in only after everything dated in those months.
    ledger.write_submissions(d)
    session.flush()
    # The group's year on paper (duties, annual plan, quarterly analyses) reads all of the above.
    year.write_year(d)
    return DemoSummary(seed, _counts(session))


def _counts(session: Session) -> dict[str, int]:
    def n(model, *where) -> int:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False), *where))

    return {
        "staff": n(m.Staff),
        "group": n(m.GroupMembership, m.GroupMembership.end_date.is_(None)),
        "meetings": n(m.Meeting),
        "group_meetings": n(m.Meeting, m.Meeting.kind == "group_monthly"),
        "problems": n(m.MeetingProblem),
        "trainings": n(m.TrainingSession),
        "assessments": n(m.Assessment),
        "failed_assessments": n(m.Assessment, m.Assessment.score < m.Assessment.pass_mark),
        "authorisations": n(m.Authorisation),
        "indicator_values": n(m.IndicatorValue),
        "inspections": n(m.Inspection),
        "findings": n(m.InspectionFinding),
        "events": n(m.AdverseEvent),
        "items": n(m.RectificationItem),
        "closed_items": n(m.RectificationItem, m.RectificationItem.status == "closed"),
        "submissions": n(m.Submission),
    }
