"""A realistic, deterministic demo year for the 心血管内科 ward (48 beds) of a county hospital.

`generate(session, seed=1, until=None)` writes twelve months ending with `until` (default: the last
complete month before `qmsdesk.clock.today()`), through the ORM, so the session hooks audit every
record; the same seed and months write the same records (ids included). All months but the last end up
submitted and accepted, which locks them; the last is left open, as on a ward that has not yet submitted
it. The demo is read on a fixed day (`DemoSummary.as_of`): today when today falls in the month after the
last one, else the 3rd of that month; ledger work, closures and authorisation dates are arranged up to it.

What makes it believable, and where the figures come from (public sources, looked up for this demo):
- Falls: three in the year, ≈0.18‰ of some 17,000 patient-days, inside the 0.05–0.2‰ that Chinese
  wards report (a 三甲 hospital's 2020 register: 64 falls, 0.01% of patient-days = 0.1‰, 57.9% with
  harm — jxxfw.com/periodical/6fdd74e6d76b4379f7a05417bbce43be.html) and against the catalogue's ≤0.1‰
  target they are shown as events (a fall is an event to analyse, not a monthly rate).
- Pressure injury (stage 2+, hospital-acquired): two in about 3,500 patients, ≈0.06% (≤0.1% target; a
  Wenzhou 三甲 hospital reported 0.12% over 2017–2019 with ICU the main source —
  jizihe.com/page/2021/0128/9706506.shtml).
- CAUTI: well under 1‰ of catheter-days outside one cluster (4 cases in a month ≈14‰, a count the months
  before cannot explain: the product's rare-event rule flags it), ≈1.7‰ for the year
  (≤2‰ target). 国家护理质量数据平台 data for 353 三甲 hospitals 2015–2017 (霍玉萌等, 中国卫生质量管理
  2020(6), fx361.com/page/2020/1211/15265624.shtml) and a PDCA bundle study that took a hospital from
  1.23‰ to 0.57‰ (zggrkz.com/html/zggrkzzz/2025/2/20250207.htm) set the level and the recovery.
- Adverse-event reporting: the register's own events over discharges, ≈1.5 per 100 discharges before the
  non-punitive reporting training and ≈2.8 after (national improvement target ≥2.5, 2021 目标十); most
  reports are near misses (Ⅳ级) and no-harm events (Ⅲ级), falls are a few percent of them.
- Nurse staffing (床护比 ≈0.43, 护理时数 ≈2.8 h) and the other proportions sit near the catalogue's
  targets, with one month each of VTE prophylaxis (86%) and IV infusion (81.5%) missing theirs.
- The ledger: about four in five items are closed by their deadline; at the last month's end and on the
  reading day no more than about a third of the open items are overdue (qmsdesk.demo.timeline).

The one full PDCA story (falls, across inspections, events, meetings, training, ledger and the NUR-FALL
series) and the CAUTI excursion are scripted in qmsdesk.demo.story, whose docstring lists every record
by month: that is where issue 16 attaches its PDCA project and checklist inspections.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.demo import checklists, ledger, meetings, pdca, people, quality, rca, year
from qmsdesk.demo.builder import Demo, demo_window
from qmsdesk.i18n import data_language, msg
from qmsdesk.periods import Period

__all__ = ["DemoSummary", "demo_window", "existing_records", "generate"]


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote, counted by kind (for the command's report and the tests)."""

    seed: int
    first: Period
    last: Period
    as_of: date
    counts: dict[str, int]

    def lines(self) -> list[str]:
        c = self.counts
        return [
            msg("演示数据：某县人民医院 心血管内科，{a} 至 {b}（随机种子 {s}）",
                "Demo data: 心血管内科 of 某县人民医院, {a} to {b} (seed {s})", a=self.first, b=self.last, s=self.seed),
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
            msg("  整改台账 {n} 项（已销号 {c} 项），已上报月份 {s} 个（{b} 尚未上报）",
                "  {n} rectification items ({c} closed), {s} months submitted ({b} not yet)",
                n=c["items"], c=c["closed_items"], s=c["submissions"], b=self.last),
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


def generate(session: Session, seed: int = 1, until: Period | str | None = None) -> DemoSummary:
    """Write the demo year into `session` (flushed, not committed) and say what was written."""
    with data_language():
        return _generate(session, seed, until)


def _generate(session: Session, seed: int, until: Period | str | None) -> DemoSummary:
    months, as_of = demo_window(None if until is None else Period.parse(until), today())
    d = Demo(session=session, rng=random.Random(seed), seed=seed, months=months, as_of=as_of)
    people.write_unit(d)
    people.write_staff(d)
    people.write_training(d)
    people.write_assessments(d)
    people.write_authorisations(d)
    census = quality.plan_census(d)
    quality.write_inspections(d)
    checklists.score_inspections(d)  # scored item by item from the shipped checklists (issue 16)
    quality.write_events(d, census)
    quality.write_indicators(d, census)
    meetings.write_group_meetings(d)
    meetings.write_other_meetings(d)
    # Items link their sources by id only, so the sources must be in the database first.
    session.flush()
    items = ledger.write_items(d)
    ledger.settle_items(d, items)
    session.flush()
    rca.analyse_events(d)  # an RCA names the items its event produced, so it follows the ledger
    pdca.write_projects(d)  # the falls story as a PDCA project; its countermeasures are the m4 items
    # The submissions lock their months, so they go in only after everything dated in those months.
    ledger.write_submissions(d)
    session.flush()
    # The group's year on paper (duties, annual plan, quarterly analyses) reads all of the above.
    year.write_year(d)
    return DemoSummary(seed, d.first, d.last, d.as_of, _counts(session))


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
