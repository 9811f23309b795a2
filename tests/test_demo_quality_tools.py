"""The demo year's quality tools: every month's 患者安全 self-inspection scored item by item, RCAs for every
grade I–II event, and the falls story — a PDCA cycle that starts from checklist deductions and an event RCA,
runs its countermeasures through the ledger, shows its before/after on the indicators and closes; then the next."""

from __future__ import annotations

import pytest

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
        generate(session, seed=1)
    with db.session() as session:
        yield session
        session.rollback()
    db.close()


def test_every_month_has_a_scored_patient_safety_self_inspection(s):
    for period in MONTHS:
        rows = [r for r in inspection_rows(s, period=period) if r.scored and r.scored.template_code == "NUR-SAFE"
                and r.kind == "self"]
        assert rows, period
        assert all(0 < r.scored.percent <= 100 for r in rows)


def test_every_grade_one_and_two_event_has_a_complete_rca(s):
    events = s.scalars(live(m.AdverseEvent)).all()
    assert all(e.harm_level for e in events)
    serious = [event_rca(s, e.id) for e in events if e.grade in ("I", "II")]
    assert len(serious) >= 4 and all(v.complete for v in serious), [v.gaps for v in serious]


def test_the_first_falls_cycle_starts_from_deductions_and_an_rca_and_closes_on_its_evidence(s):
    first, second = s.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)).all()
    case = project_case(s, first.id)
    assert case.stage == "closed" and not gaps_for(s, first, "closed")  # the C evidence still holds
    assert case.analysis_source["kind"] == "checklist"
    assert [b.category.split()[0] for b in case.pareto.bars[:3]] == ["SAFE-02", "SAFE-03", "SAFE-01"]
    first_fall = min((e for e in s.scalars(live(m.AdverseEvent)) if e.category == "fall"), key=lambda e: e.occurred_at)
    assert event_rca(s, first_fall.id).complete and first_fall.grade == "III"  # analysed though optional
    assert len(case.countermeasures) == 4 and all(c.status == "closed" for c in case.countermeasures)
    audit, falls = case.comparisons
    assert (audit.code, round(audit.before.value, 2), round(audit.after.value, 2)) == ("K-FALL-PREV", 72.37, 96.04)
    assert audit.improved and audit.target_met and audit.after.periods[-1] == "2026-06"
    assert falls.code == "NUR-FALL" and falls.improved
    assert "72.37%" in first.check_summary and "96.04%" in first.check_summary


def test_the_second_cycle_runs_its_countermeasures_when_the_year_ends(s):
    first, second = s.scalars(live(m.PdcaProject).order_by(m.PdcaProject.started_on)).all()
    case = project_case(s, second.id)
    assert second.previous_id == first.id and case.stage == "do"
    assert case.analysis_source == {"kind": "events", "start": "2026-07", "end": "2026-09", "event_category": "fall"}
    assert case.pareto.total >= 8 and case.pareto.bars[0].category == "风险评估不到位或未按时复评"
    assert {c.status for c in case.countermeasures} == {"in_progress"}
    items = s.scalars(live(m.RectificationItem).where(m.RectificationItem.inspection_item_id.is_not(None))).all()
    assert len(items) == 2 and all(i.source_kind == "inspection" for i in items)
