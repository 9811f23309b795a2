"""The demo year's quality tools on the falls story (qmsdesk.demo.story): inspections scored item by item from
the shipped checklists, RCAs for every grade I–II event, and the falls PDCA project — started from the
checklist deductions and fall-3's RCA, its countermeasures the m4 meeting's ledger items, its before/after
read from NUR-FALL, closed at m11 — with its next cycle in plan."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qmsdesk.analytics.inspections import inspection_rows
from qmsdesk.analytics.pdca_case import gaps_for, project_case
from qmsdesk.analytics.rca import event_rca
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.db.queries import live
from qmsdesk.demo import generate
from qmsdesk.periods import Period, months_between

MONTHS = [str(p) for p in months_between(Period(2025, 11), Period(2026, 10))]


@pytest.fixture(scope="module")
def s(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.db", actor="演示")
    with db.session() as session:
        generate(session, seed=1, until="2026-10")
    with db.session() as session:
        yield session
        session.rollback()
    db.close()


def test_every_self_inspection_is_scored_item_by_item(s):
    rows = [r for p in MONTHS for r in inspection_rows(s, period=p)]
    self_rows = [r for r in rows if r.kind == "self"]
    assert len({r.date.isoformat()[:7] for r in self_rows}) == 12  # a self-inspection every month
    assert all(r.scored is not None and r.typed_score is None for r in self_rows)
    assert len({r.scored.template_code for r in self_rows}) >= 4
    unscored = [r.topic for r in rows if r.scored is None]
    assert unscored == ["导尿管相关感染防控专项督查", "CAUTI集束化措施落实复查"]  # the 院感科's own bundle form


def test_the_falls_self_inspection_deducts_what_its_findings_say(s):
    (row,) = [r for r in inspection_rows(s, period="2026-02") if r.topic == "跌倒/坠床防范专项自查"]
    deducted = {i.code: (i.failures, i.sample_size, i.deduction) for i in row.scored.deducted_items}
    assert deducted == {"SAFE-02": (5, 12, 10), "SAFE-01": (2, 12, 4), "SAFE-03": (1, 5, 2)}
    assert row.scored.points == 84 and row.scored.template_code == "NUR-SAFE"


def test_every_grade_one_and_two_event_has_a_complete_rca(s):
    events = s.scalars(live(m.AdverseEvent)).all()
    assert all(e.harm_level for e in events)
    serious = [event_rca(s, e.id) for e in events if e.grade in ("I", "II")]
    assert len(serious) >= 2 and all(v.complete for v in serious), [v.gaps for v in serious]
    fall_3 = next(v for v in serious if v.category == "fall")
    assert {f.code for f in fall_3.factors} >= {"MAN-ASSESS", "MAT-DRUG", "MAN-PATROL", "ENV-LAYOUT"}


def test_the_falls_project_starts_from_deductions_runs_through_the_ledger_and_closes_on_its_evidence(s):
    first, second = s.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)).all()
    case = project_case(s, first.id)
    assert case.stage == "closed" and not gaps_for(s, first, "closed")  # the C evidence still holds
    assert case.analysis_source == {"kind": "checklist", "start": "2025-11", "end": "2026-02", "template": "NUR-SAFE"}
    assert case.pareto.bars[0].category.startswith("SAFE-02")
    items = s.scalars(select(m.RectificationItem).where(m.RectificationItem.countermeasure_id.is_not(None))).all()
    assert len(items) == 4 and {i.source_kind for i in items} == {"meeting"}  # the m4 meeting's problems
    assert all(c.status == "closed" for c in case.countermeasures) and len(case.key_causes) == 4
    (falls,) = case.comparisons
    assert falls.code == "NUR-FALL" and falls.before.numerator == 2 and falls.after.numerator == 0
    assert falls.after.periods == ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09")
    assert falls.improved and falls.target_met and "改进后 0.00‰" in first.check_summary
    assert second.previous_id == first.id and second.stage == "plan" and second.reason == first.next_cycle
