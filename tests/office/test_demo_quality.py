"""The office demo's units carry the quality tools too: scored inspections with their checklist items, an RCA
for every grade I–II event, and PDCA projects whose progress follows the unit's own indicator figures."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from qmsdesk.demo.unit_history import UnitHistory
from qmsdesk.demo.units import plan_units
from qmsdesk.periods import Period, months_between

PERIODS = months_between(Period(2025, 11), Period(2026, 10))
TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def packages():
    units = [UnitHistory(spec, PERIODS, 7, TODAY) for spec in plan_units(4, 6)]
    signed = datetime(2026, 12, 3, 2, tzinfo=UTC)
    return [(u, str(p), u.records(str(p), signed)) for u in units for p in PERIODS]


def test_inspections_are_scored_from_the_checklist_items_they_carry(packages):
    scored = 0
    for _u, _p, rec in packages:
        items = list(rec["inspection_items"].values())
        for ins in rec["inspections"].values():
            mine = [i for i in items if i["inspection_id"] == ins["id"]]
            assert ins["scored"] and ins["typed_score"] is None
            total = ins["max_score"]
            assert ins["score"] == pytest.approx(total - sum(i["deduction"] for i in mine))
            assert all(i["deduction"] <= i["cap"] and i["template_code"] == ins["template_code"] for i in mine)
            scored += 1
    assert scored > 50


def test_every_grade_one_and_two_event_has_its_rca_and_factors(packages):
    analysed = 0
    for _u, _p, rec in packages:
        analyses = {a["event_id"]: a for a in rec["event_analyses"].values()}
        for event in rec["adverse_events"].values():
            if event["grade"] in ("I", "II"):
                a = analyses[event["id"]]
                factors = [f for f in rec["event_factors"].values() if f["analysis_id"] == a["id"]]
                assert len(a["whys"]) >= 3 and a["root_cause"] and factors and any(f["primary"] for f in factors)
                analysed += 1
    assert analysed >= 3


def test_projects_move_through_their_stages_with_the_units_own_figures(packages):
    by_project: dict[str, list] = {}
    for _u, p, rec in packages:
        for row in rec["pdca_projects"].values():
            by_project.setdefault(row["id"], []).append((p, row))
    assert by_project, "no unit of the sample runs a PDCA project"
    for months in by_project.values():
        stages = [row["progress"]["stage"] for _p, row in sorted(months, key=lambda x: x[0])]
        order = ["plan", "do", "check", "act", "closed"]
        assert stages == sorted(stages, key=order.index) and stages[0] == "plan"
        last = sorted(months, key=lambda x: x[0])[-1][1]["progress"]["indicators"][0]
        if last["after_months"]:
            assert last["improved"] is True  # a unit takes up what its figures then show improving
