"""A checklist's score by month and the Pareto of deducted items, checked against figures worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from qmsdesk.analytics.inspections import deduction_pareto, score_trend
from qmsdesk.services import checklists, scoring


@pytest.fixture
def scored(session):
    checklists.install_templates(session)
    safe = checklists.find_template(session, "NUR-SAFE")
    doc = checklists.find_template(session, "NUR-DOC")

    def inspect(template, day, *items):
        ins = scoring.start_inspection(session, template_id=template.id, kind="self", date=day, inspector="护士长")
        for code, kwargs in items:
            scoring.score_item(session, ins.id, code, **kwargs)

    # January: 100 − 4 − 2 = 94 and 100 − 2 = 98; February: 90 of 90 applicable minus 9 = 90%
    inspect(safe, date(2026, 1, 10), ("SAFE-02", dict(failures=2, sample_size=5, reason="a")),  # 2 × 2 points
            ("SAFE-03", dict(deduction=2, reason="b")))
    inspect(safe, date(2026, 1, 20), ("SAFE-02", dict(deduction=2, reason="c")))
    inspect(safe, date(2026, 2, 15), ("SAFE-07", dict(not_applicable=True)), ("SAFE-01", dict(deduction=9, reason="d")))
    inspect(doc, date(2026, 2, 16), ("DOC-09", dict(deduction=2, reason="e")))
    inspect(safe, date(2026, 4, 1), ("SAFE-05", dict(deduction=2, reason="outside the range")))
    return session


def test_score_trend_is_the_monthly_mean_percentage(scored):
    spec = score_trend(scored, "NUR-SAFE", "2026-01", "2026-03")
    assert [(p.period, p.value) for p in spec.points] == [("2026-01", 96.0), ("2026-02", 90.0), ("2026-03", None)]
    assert spec.centre == 93.0  # the median of 96 and 90
    assert spec.target == 90.0 and spec.unit == "%" and spec.chart == "run"
    assert [p.target_met for p in spec.points[:2]] == [True, True]
    # March had no inspection: said so in those words, not as a month left unentered
    assert "没有检查的月份：2026-03" in spec.notes() and not any("未填报" in n for n in spec.notes())


def test_pareto_counts_the_instances_found_non_compliant(scored):
    spec = deduction_pareto(scored, "2026-01", "2026-02")
    bars = [(b.category.split()[0], b.count, round(b.cumulative_percent, 1), b.vital) for b in spec.bars]
    # SAFE-02: 2 failures + 1 deduction without a count = 3; three items once each (ties in name order)
    # of 6: 50, 66.7, 83.3 (the 80% line is crossed here), 100 %
    assert bars == [("SAFE-02", 3, 50.0, True), ("DOC-09", 1, 66.7, True), ("SAFE-01", 1, 83.3, True),
                    ("SAFE-03", 1, 100.0, False)]
    assert spec.total == 6 and "2026-01 — 2026-02" in spec.subtitle
    only_safe = deduction_pareto(scored, "2026-01", "2026-02", template_code="NUR-SAFE")
    assert only_safe.total == 5 and all(b.category.startswith("SAFE") for b in only_safe.bars)
