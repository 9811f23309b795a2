"""Anhøj run-chart rules against the published limits and hand-counted sequences."""

from __future__ import annotations

import pytest

from qmsdesk.analytics.runs import analyse_runs, crossings_limit, longest_run_limit


@pytest.mark.parametrize(("n", "longest_max", "crossings_min"), [
    # Anhøj & Olesen 2014, table 1 (round(log2 n) + 3 and qbinom(0.05, n − 1, 0.5))
    (10, 6, 2), (12, 7, 3), (15, 7, 4), (20, 7, 6), (24, 8, 8), (30, 8, 10), (40, 8, 14), (50, 9, 19),
])
def test_limits_match_the_published_table(n, longest_max, crossings_min):
    assert longest_run_limit(n) == longest_max
    assert crossings_limit(n) == crossings_min


def test_nine_in_a_row_of_24_is_an_unusually_long_run():
    values = [1] * 9 + [-1] * 3 + [1, -1] * 6
    result = analyse_runs(values, centre=0)
    assert (result.useful, result.longest_run, result.longest_run_max) == (24, 9, 8)
    assert result.crossings == 13 and result.crossings_min == 8
    assert result.long_run_signal and not result.few_crossings_signal
    assert sorted(result.long_run_points) == list(range(9))


def test_three_crossings_of_24_are_too_few():
    values = [1] * 6 + [-1] * 6 + [1] * 6 + [-1] * 6
    result = analyse_runs(values, centre=0)
    assert (result.longest_run, result.crossings) == (6, 3)
    assert result.few_crossings_signal and not result.long_run_signal
    assert result.signal


def test_points_on_the_centre_line_neither_break_nor_count():
    # 8 above, one on the line, 1 above: a run of 9 among 23 useful points (limit 8).
    values = [1] * 8 + [0] + [1] + [-1, 1] * 6 + [-1, 1]
    result = analyse_runs(values, centre=0)
    assert result.useful == 23
    assert result.longest_run == 9 and result.longest_run_max == 8
    assert result.crossings == 14 and result.crossings_min == 7
    assert 8 not in result.long_run_points


def test_missing_months_are_skipped():
    result = analyse_runs([2.0, None, 3.0, 1.0, None, 4.0])
    assert result.centre == 2.5
    assert result.useful == 4 and result.crossings == 3


def test_default_centre_is_the_median_and_values_on_it_are_not_counted():
    result = analyse_runs([3.0, 1.0, 2.0])
    assert result.centre == 2.0
    assert result.useful == 2 and result.crossings == 1


def test_no_data_gives_no_signal():
    result = analyse_runs([None, None])
    assert result.useful == 0 and not result.signal
