"""Rare events: g- and t-charts against hand-worked examples, exact intervals, and the rules that keep one event in a
small month from being called a target miss or a control-chart signal."""

from __future__ import annotations

from dataclasses import dataclass

from pytest import approx

from qmsdesk.analytics import rare
from qmsdesk.analytics.charts import ABOVE_UCL, IMPROVEMENT, MonthData, build_chart
from qmsdesk.analytics.rates import TargetStatus
from qmsdesk.analytics.targets import assess_months


@dataclass
class Indicator:
    code: str = "NUR-FALL"
    name_zh: str = "住院患者跌倒发生率"
    name_en: str = "Inpatient falls per 1000 patient-days"
    kind: str = "rate"
    multiplier: float = 1000
    unit: str = "‰"
    direction: str = "lower"
    target: float | None = 0.1
    warning: float | None = 0.08


def months(nums, dens, first=1, year=2026):
    return [MonthData(f"{year}-{first + i:02d}", n, d) for i, (n, d) in enumerate(zip(nums, dens, strict=True))]


def test_g_chart_matches_the_hand_worked_example():
    """Six months of 1,000 patient-days with 1, 0, 2, 0, 1, 0 falls.

    Monthly figures carry counts, not times, so a month's falls sit evenly within it: event k of n at (k − ½)/n
    of the month's patient-days. The falls are then at 500, 2250, 2750 and 4500 patient-days from the start:
        gaps g = 500 (start → 1st), 1750, 500, 1750; the open gap since the 4th fall is 6000 − 4500 = 1500.
        ḡ = (500 + 1750 + 500 + 1750) / 4 = 1125
        √(ḡ(ḡ + 1)) = √(1125 × 1126) = √1,266,750 = 1125.49989
        UCL = 1125 + 3 × 1125.49989 = 4501.4997;  LCL = max(0, 1125 − 3376.4997) = 0
    """
    spec = build_chart(Indicator(), months([1, 0, 2, 0, 1, 0], [1000] * 6), chart="g")
    assert [p.value for p in spec.points] == approx([500, 1750, 500, 1750, 1500])
    assert [p.events for p in spec.points] == [(0, 1), (1, 2), (2, 3), (3, 4), (4, None)]
    assert [p.period for p in spec.points] == ["2026-01", "2026-03", "2026-03", "2026-05", "2026-06"]
    assert spec.points[-1].open_gap and not any(p.open_gap for p in spec.points[:-1])
    assert spec.centre == approx(1125.0)
    assert spec.points[0].ucl == approx(4501.4997, abs=1e-4) and spec.points[0].lcl == 0
    assert not any(p.signal for p in spec.points)
    data = spec.to_json()
    assert data["chart"] == "g" and data["limits"].startswith("3-sigma (Benneyan)")
    assert (data["center"], data["ucl"], data["lcl"], data["events"]) == (1125.0, approx(4501.4997, abs=1e-4), 0.0, 4)
    assert [g["gap"] for g in data["gaps"]] == [500, 1750, 500, 1750]
    assert data["open_gap"] == {"after_event": 4, "until": "2026-06", "gap": 1500.0, "signal": None}


def test_a_long_stretch_without_falls_is_an_improvement_on_the_g_chart():
    spec = build_chart(Indicator(), months([1, 0, 2, 0, 1, 0, 0, 0, 0, 0], [1000] * 10), chart="g")
    last = spec.points[-1]
    assert last.open_gap and last.value == approx(5500) and last.value > last.ucl
    assert (last.signal, last.assessment) == (ABOVE_UCL, IMPROVEMENT)
    assert "尚无下一例" in spec.tooltip(last)


def test_t_chart_matches_the_hand_worked_example():
    """Sentinel events, one in each of January, March, May and June 2026 (31, 28, 31, 30, 31, 30 days).

    Spread within their months they fall on days 15.5, 74.5, 135.5 and 166 of the year: t = 15.5, 59, 61, 30.5.
        y = t^(1/3.6) = 2.14115, 3.10387, 3.13274, 2.58408;  ȳ = 2.74046
        moving ranges 0.96272, 0.02888, 0.54867;  MR̄ = 0.51342
        UCL = (ȳ + 2.66·MR̄)^3.6 = 4.10617^3.6 = 161.57 days;  LCL = (ȳ − 2.66·MR̄)^3.6 = 1.37475^3.6 = 3.145 days
        centre = ȳ^3.6 = 37.68 days
    """
    sentinel = Indicator(code="EVT-SENTINEL", kind="count", multiplier=1, unit="例", target=0, warning=None)
    spec = build_chart(sentinel, months([1, 0, 1, 0, 1, 1], [None] * 6))
    assert spec.chart == "t"  # a rare count's default view
    assert [p.value for p in spec.points[:4]] == approx([15.5, 59, 61, 30.5])
    assert spec.centre == approx(37.6847, abs=1e-3)
    assert spec.points[0].ucl == approx(161.573, abs=1e-2) and spec.points[0].lcl == approx(3.1450, abs=1e-3)
    assert spec.to_json()["limits"].startswith("individuals chart of y = t^(1/3.6)")


def test_exact_intervals_match_published_values():
    assert rare.poisson_interval(0) == approx((0.0, 3.68888), abs=1e-4)
    assert rare.poisson_interval(1) == approx((0.025318, 5.57164), abs=1e-5)
    assert rare.poisson_interval(10) == approx((4.79539, 18.39036), abs=1e-4)
    assert rare.binomial_interval(1, 100) == approx((0.000253, 0.054459), abs=1e-6)
    assert rare.binomial_interval(50, 100) == approx((0.398321, 0.601679), abs=1e-6)


def test_rare_is_fewer_than_two_events_expected_a_month_of_an_event_count():
    assert rare.is_rare("NUR-FALL", "rate", [0, 1, 0, 2, 1])
    assert not rare.is_rare("NUR-FALL", "rate", [2, 3, 1, 4])
    assert not rare.is_rare("NIT-VTE", "proportion", [0, 1, 0])  # a compliance share, not an event count
    assert rare.is_rare("NUR-PI", "proportion", [0, 1, 0])
    assert build_chart(Indicator(), months([0, 1, 0, 0], [1250] * 4)).chart == "g"
    assert build_chart(Indicator(), months([3, 4, 2, 5], [1250] * 4)).chart == "u"


def _year(falls, patient_days=1250):
    return months(falls[:12], [patient_days] * 12, first=1) if len(falls) <= 12 else None


def test_one_fall_in_a_small_month_is_an_event_not_a_target_miss_or_a_signal():
    # 0.80‰ this month against ≤0.10‰, but one fall in 15,000 patient-days is 0.067‰ over the year.
    year = _year([0] * 11 + [1])
    result = assess_months(Indicator(), year)
    assert result.month_value == approx(0.8)
    assert (result.basis, result.status) == ("rolling", TargetStatus.MET)
    assert result.rolling.value == approx(1 / 15000 * 1000)
    spec = build_chart(Indicator(), year)
    assert spec.chart == "g" and not any(p.signal for p in spec.points + spec.companion.points)


def test_two_falls_above_target_but_within_chance_are_kept_watching_not_missed():
    result = assess_months(Indicator(), _year([1] + [0] * 10 + [1]))
    assert result.status is TargetStatus.UNCERTAIN  # 0.133‰ > 0.10‰, interval 0.016–0.48‰ holds the target
    assert "差异无统计学意义" in result.reason("‰", "lower", 0.1)


def test_a_year_of_falls_clearly_above_target_is_a_miss_on_the_rolling_rate():
    result = assess_months(Indicator(), _year([1] * 12))
    assert result.status is TargetStatus.MISSED and result.rolling.low > 0.1
    assert "整个区间均未达目标" in result.reason("‰", "lower", 0.1)


def test_a_cluster_the_past_year_cannot_explain_is_a_signal_of_concern():
    spec = build_chart(Indicator(), _year([0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 5]))
    last = spec.companion.points[-1]
    assert (last.signal, last.assessment) == ("excess_count", "concern")
    assert "本月例数远超此前 12 个月的水平" in spec.companion.tooltip(last)
    quieter = build_chart(Indicator(), _year([0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 2]))
    assert quieter.companion.points[-1].signal is None


def test_turnover_is_judged_on_the_year_not_on_the_month_a_nurse_leaves():
    turnover = Indicator(code="NUR-TURNOVER", name_zh="护士离职率", kind="proportion", multiplier=100, unit="%",
                         target=1.0, warning=0.8)
    year = months([0] * 11 + [1], [19] * 12)
    result = assess_months(turnover, year)
    assert result.month_value == approx(100 / 19)  # 5.26% in the month
    assert (result.basis, result.status) == ("rolling", TargetStatus.MET)  # 1 of 228 nurse-months: 0.44%
    # Annual by nature: even a large department with several leavers a month is judged on its year.
    big = assess_months(turnover, months([3] * 12, [400] * 12))
    assert big.basis == "rolling"
