"""A quarter's analysis judges a rare event as the monthly report does: on its pooled months, with an exact interval."""

from __future__ import annotations

from qmsdesk.db import models as m
from qmsdesk.services.analysis_figures import span_figures
from qmsdesk.spans import Span


def test_a_quarter_of_rare_falls_slightly_above_goal_is_kept_watching_not_missed(session):
    fall = m.IndicatorDefinition(code="NUR-FALL", name_zh="住院患者跌倒发生率", name_en="falls", numerator_def="n",
                                 denominator_def="d", kind="rate", multiplier=1000, unit="‰", direction="lower",
                                 target=0.5, department_types=[], applicable=True)
    session.add(fall)
    session.flush()
    for month, (n, d) in zip((1, 2, 3), ((2, 3000), (3, 3100), (0, 2900)), strict=True):
        session.add(m.IndicatorValue(indicator_id=fall.id, period=f"2026-{month:02d}", numerator=n, denominator=d))
    session.flush()
    falls = span_figures(session, Span.parse("2026Q1")).indicators[0]
    # 5 falls in 9,000 patient-days is 0.56‰ against ≤0.5‰, but its exact interval (0.18–1.30‰) holds the goal.
    assert falls.status == "uncertain" and falls.months[-1].status == "持续观察"
