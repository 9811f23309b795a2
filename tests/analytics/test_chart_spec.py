"""The chart description both renderers draw: points, limits, signals judged by direction, JSON form."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytest import approx

from qmsdesk.analytics.charts import (
    ABOVE_UCL,
    BELOW_LCL,
    CONCERN,
    IMPROVEMENT,
    LONG_RUN,
    MonthData,
    build_chart,
    default_chart,
)
from qmsdesk.errors import ValidationError


@dataclass
class Indicator:
    code: str = "NUR-FALL"
    name_zh: str = "住院患者跌倒发生率"
    name_en: str = "Inpatient falls per 1000 patient-days"
    kind: str = "rate"
    multiplier: float = 1000
    unit: str = "‰"
    direction: str = "lower"
    target: float | None = 2.0


def months(nums, dens, start_year=2026):
    return [MonthData(f"{start_year}-{i + 1:02d}", n, d) for i, (n, d) in enumerate(zip(nums, dens, strict=True))]


def test_u_chart_in_display_units_flags_a_concern_for_a_lower_is_better_rate():
    # ū = 12/4000 = 3‰; n = 1000 → UCL 8.196‰; 9‰ is above it, which is bad for falls.
    spec = build_chart(Indicator(), months([1, 0, 2, 9], [900, 1000, 1100, 1000]))
    assert spec.chart == "u"
    assert spec.centre == approx(3.0)
    last = spec.points[-1]
    assert last.value == approx(9.0)
    assert last.ucl == approx(8.19615, abs=1e-5)
    assert (last.signal, last.assessment) == (ABOVE_UCL, CONCERN)
    assert last.target_met is False
    assert spec.points[1].target_met is True
    assert [s.code for s in spec.signals] == ["outside_limits"]
    assert "2026-04" in spec.signals[0].text and "需关注" in spec.signals[0].text
    assert "高于控制上限" in spec.tooltip(last) and "分子 9" in spec.tooltip(last)


def test_the_same_movement_is_an_improvement_when_higher_is_better():
    vte = Indicator(code="NIT-VTE", name_zh="VTE规范预防率", kind="proportion", multiplier=100, unit="%",
                    direction="higher", target=90)
    spec = build_chart(vte, months([5, 20, 35], [100, 100, 100]))
    assert spec.chart == "p"
    assert (spec.points[0].signal, spec.points[0].assessment) == (BELOW_LCL, CONCERN)
    assert (spec.points[2].signal, spec.points[2].assessment) == (ABOVE_UCL, IMPROVEMENT)
    assert spec.points[0].lcl == approx(8.0) and spec.points[0].ucl == approx(32.0)


def test_a_long_run_and_few_crossings_mark_the_points_and_the_chart():
    # 24 months around a median of 3‰: 9 high, 3 low, H L H L H, 7 low.
    # Runs 9,3,1,1,1,1,1,7 → longest 9 > 8 and 7 crossings < 8: both Anhøj rules fire.
    nums = [5] * 9 + [1] * 3 + [5, 1, 5, 1, 5] + [1] * 7
    spec = build_chart(Indicator(target=None), months(nums, [1000] * 24, 2024)[:12]
                       + months(nums[12:], [1000] * 12, 2025), chart="run")
    assert spec.centre == approx(3.0)
    data = spec.to_json()
    assert (data["longest_run"], data["longest_run_max"]) == (9, 8)
    assert (data["crossings"], data["crossings_min"]) == (7, 8)
    assert data["runs_signal"] is True
    assert [p.signal for p in spec.points[:9]] == [LONG_RUN] * 9
    assert spec.points[0].assessment == CONCERN  # falls above the median for 9 months
    assert spec.points[9].signal is None
    long_run, crossings = spec.signals
    assert long_run.code == "long_run" and long_run.assessment == CONCERN and len(long_run.periods) == 9
    assert crossings.code == "few_crossings" and crossings.assessment == IMPROVEMENT  # it ends low


def test_run_chart_json_has_exactly_the_documented_keys():
    spec = build_chart(Indicator(), months([1, 2, 0, 1], [1000, 1000, 0, 1000]), chart="run")
    data = spec.to_json()
    assert set(data) == {"code", "chart", "center", "points", "runs_signal", "longest_run", "longest_run_max",
                         "crossings", "crossings_min"}
    assert set(data["points"][0]) == {"period", "numerator", "denominator", "value", "lcl", "ucl", "signal"}
    assert data["chart"] == "run" and data["center"] == approx(1.0)
    assert data["points"][2] == {"period": "2026-03", "numerator": 0, "denominator": 0, "value": None,
                                 "lcl": None, "ucl": None, "signal": None}


def test_zero_denominator_month_is_a_gap_not_a_point():
    spec = build_chart(Indicator(), months([1, 0, 3], [1000, 0, 1000]), chart="u")
    gap = spec.points[1]
    assert gap.no_exposure and gap.value is None and gap.ucl is None and gap.target_met is None
    assert "无暴露" in spec.tooltip(gap)
    assert spec.centre == approx(2.0)


def test_missing_month_is_shown_as_not_entered():
    spec = build_chart(Indicator(), months([1, None, 3], [1000, None, 1000]))
    assert not spec.points[1].entered
    assert "未填报" in spec.tooltip(spec.points[1])


def test_laney_option_is_reported_as_p_prime():
    vte = Indicator(code="NIT-VTE", kind="proportion", multiplier=100, unit="%", direction="higher", target=90)
    spec = build_chart(vte, months([5, 20, 35], [100, 100, 100]), laney=True)
    assert spec.to_json()["chart"] == "p'"
    assert spec.points[0].signal is None
    assert "p′" in spec.title


def test_chart_type_follows_the_kind_and_refuses_nonsense():
    assert default_chart("proportion") == "p"
    assert default_chart("rate") == "u"
    assert default_chart("ratio") == "run"
    with pytest.raises(ValidationError):
        build_chart(Indicator(kind="ratio"), months([1], [2]), chart="p")


def test_rare_events_switch_the_runs_rules_off_but_keep_the_limits():
    # One CLABSI in a year: 11 zero months sit below the mean, so crossings (2) < minimum (3) would
    # "signal" a shift that is only rarity. The spike above the UCL still signals.
    clabsi = Indicator(code="NUR-CLABSI", target=1.0)
    spec = build_chart(clabsi, months([0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0], [900] * 12), chart="u")
    assert spec.runs.crossings == 2 and spec.runs.crossings_min == 3
    assert spec.runs_signal is False and spec.to_json()["runs_signal"] is False
    assert [s.code for s in spec.signals] == ["outside_limits"]
    assert spec.points[4].signal == ABOVE_UCL
    assert any("游程规则不适用" in n for n in spec.notes())


def test_proportion_tooltip_gives_the_wilson_interval():
    vte = Indicator(code="NIT-VTE", kind="proportion", multiplier=100, unit="%", direction="higher", target=90)
    spec = build_chart(vte, months([3], [10]))
    # Wilson 95% for 3 of 10: 10.78% .. 60.32%
    assert "95% 置信区间 10.78% – 60.32%" in spec.tooltip(spec.points[0])
