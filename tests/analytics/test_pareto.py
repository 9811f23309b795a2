"""Pareto analysis: largest categories first, cumulative %, the vital few; collected from the records."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytest import approx

from qmsdesk.analytics.pareto import pareto, problem_pareto
from qmsdesk.db import models as m


def test_bars_are_sorted_with_cumulative_percentages():
    spec = pareto({"交接班": 3, "手卫生": 10, "用药": 5, "文书": 2})
    assert [b.category for b in spec.bars] == ["手卫生", "用药", "交接班", "文书"]
    assert spec.total == 20
    assert [b.percent for b in spec.bars] == approx([50.0, 25.0, 15.0, 10.0])
    assert [b.cumulative_percent for b in spec.bars] == approx([50.0, 75.0, 90.0, 100.0])
    # the categories needed to first reach 80%: 50 + 25 + 15
    assert [b.category for b in spec.vital_few] == ["手卫生", "用药", "交接班"]


def test_ties_are_ordered_by_name_and_empty_categories_dropped():
    spec = pareto(["b", "a", "b", "a", "c"] + [])
    assert [b.category for b in spec.bars] == ["a", "b", "c"]
    assert pareto({"x": 0}).bars == ()


def test_problem_pareto_counts_findings_events_and_items_once(session):
    inspection = m.Inspection(kind="self", date=date(2026, 10, 5), inspector="护士长")
    session.add(inspection)
    session.flush()
    findings = [m.InspectionFinding(inspection_id=inspection.id, category=c, description="…")
                for c in ("手卫生", "手卫生", "护理文书")]
    session.add_all(findings)
    session.add(m.AdverseEvent(occurred_at=datetime(2026, 10, 8, 3, tzinfo=UTC), reported_at=datetime(2026, 10, 8, 4, tzinfo=UTC),
                               category="fall", grade="III", description="夜间如厕跌倒"))
    session.add(m.AdverseEvent(occurred_at=datetime(2026, 9, 8, 3, tzinfo=UTC), reported_at=datetime(2026, 9, 8, 4, tzinfo=UTC),
                               category="fall", grade="III", description="上个月的，不在范围内"))
    session.flush()
    session.add(m.RectificationItem(source_kind="inspection", finding_id=findings[0].id, category="手卫生",
                                    problem="洗手依从性低", found_on=date(2026, 10, 5), deadline=date(2026, 11, 5)))
    session.add(m.RectificationItem(source_kind="meeting", category="交接班", problem="交接不清",
                                    found_on=date(2026, 10, 20), deadline=date(2026, 11, 20)))
    session.flush()
    spec = problem_pareto(session, "2026-10", "2026-10")
    assert {b.category: b.count for b in spec.bars} == {"手卫生": 2, "护理文书": 1, "跌倒/坠床": 1, "交接班": 1}
    assert spec.total == 5
    assert "2026-10" in spec.subtitle
    only_ledger = problem_pareto(session, "2026-10", "2026-10", sources=["ledger"])
    assert {b.category: b.count for b in only_ledger.bars} == {"手卫生": 1, "交接班": 1}
