"""p- and u-chart limits, Laney's correction, zero denominators: against hand computations."""

from __future__ import annotations

from pytest import approx

from qmsdesk.analytics.spc import p_chart, u_chart


def test_p_chart_limits_vary_with_each_denominator():
    # p̄ = 120 / 1900 = 0.0631579
    # n = 400: σ = √(0.0631579 × 0.9368421 / 400) = 0.0121624 → 0.0266709 .. 0.0996449
    # n = 500: σ = 0.0108783 → 0.0305229 .. 0.0957929
    limits = p_chart([20, 30, 25, 45], [400, 500, 500, 500])
    assert limits.centre == approx(0.0631579, abs=1e-7)
    assert limits.lcl[0] == approx(0.0266709, abs=1e-7)
    assert limits.ucl[0] == approx(0.0996449, abs=1e-7)
    assert limits.lcl[1] == approx(0.0305229, abs=1e-7)
    assert limits.ucl[1] == approx(0.0957929, abs=1e-7)
    assert [limits.position(i) for i in range(4)] == [0, 0, 0, 0]


def test_p_chart_floors_lcl_at_zero_and_caps_ucl_at_one():
    # p̄ = 10/450; n = 100: σ = 0.0147405 → LCL −0.0220 floored to 0, UCL 0.0664439
    limits = p_chart([2, 5, 3], [100, 200, 150])
    assert limits.lcl == (0.0, 0.0, 0.0)
    assert limits.ucl[0] == approx(0.0664439, abs=1e-7)
    # p̄ = 0.9, n = 4: σ = 0.15 → UCL 1.35 capped to 1
    capped = p_chart([4, 4, 4, 3, 3], [4, 4, 4, 4, 4])
    assert max(capped.ucl) == 1.0


def test_u_chart_flags_a_month_above_its_limit():
    # ū = 12 falls / 4000 patient-days = 0.003; n = 1000: σ = √(0.003/1000) = 0.00173205
    # UCL = 0.003 + 3σ = 0.00819615; 9/1000 = 0.009 is above it.
    limits = u_chart([1, 0, 2, 9], [900, 1000, 1100, 1000])
    assert limits.centre == approx(0.003)
    assert limits.ucl[1] == approx(0.00819615, abs=1e-8)
    assert limits.ucl[0] == approx(0.003 + 3 * 0.00182574, abs=1e-8)  # n = 900
    assert limits.lcl == (0.0, 0.0, 0.0, 0.0)
    assert [limits.position(i) for i in range(4)] == [0, 0, 0, 1]


def test_laney_p_prime_widens_limits_by_sigma_z():
    # p̄ = 0.2, σ = 0.04; z = −3.75, 0, 3.75; mean moving range 3.75 → σz = 3.75 / 1.128 = 3.3244681
    # UCL = 0.2 + 3 × 0.04 × 3.3244681 = 0.5989362; LCL floored at 0.
    limits = p_chart([5, 20, 35], [100, 100, 100], laney=True)
    assert limits.sigma_z == approx(3.3244681, abs=1e-7)
    assert limits.ucl[0] == approx(0.5989362, abs=1e-7)
    assert limits.lcl[0] == 0.0
    plain = p_chart([5, 20, 35], [100, 100, 100])
    assert plain.ucl[0] == approx(0.32) and plain.lcl[0] == approx(0.08)
    assert plain.position(0) == -1 and limits.position(0) == 0


def test_laney_u_prime_uses_the_same_correction():
    # ū = 0.01, n = 1000: σ = 0.0031623; z = −1.5811, 1.5811 → σz = 3.1623 / 1.128 = 2.8034
    limits = u_chart([5, 15], [1000, 1000], laney=True)
    assert limits.sigma_z == approx(2.8034, abs=1e-4)
    assert limits.ucl[0] == approx(0.01 + 3 * 0.0031623 * 2.8034, abs=1e-6)


def test_zero_and_missing_denominators_are_no_exposure_not_errors():
    limits = u_chart([1, 0, None, 3], [1000, 0, None, 1000])
    assert limits.values[1] is None and limits.values[2] is None
    assert limits.lcl[1] is None and limits.ucl[2] is None
    assert limits.centre == approx(4 / 2000)
    assert limits.position(1) == 0


def test_no_exposure_at_all_gives_no_centre():
    limits = p_chart([0, 0], [0, 0])
    assert limits.centre is None
    assert limits.ucl == (None, None)
