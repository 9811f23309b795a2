"""Run-chart analysis with the Anhøj rules: unusually long runs and unusually few crossings.

Anhøj & Olesen (2014), "Run charts revisited", PLoS ONE 9(11): e113825. With n useful observations
(points not on the centre line), a run longer than round(log2(n)) + 3 or fewer crossings than the
5th percentile of Binomial(n − 1, 0.5) signals non-random variation. Both limits are computed
exactly here (no table, no scipy).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace


def longest_run_limit(useful: int) -> int:
    """The longest run expected by chance: round(log2(n)) + 3 (n = 24 gives 8)."""
    if useful < 1:
        return 0
    return int(math.floor(math.log2(useful) + 0.5)) + 3


def crossings_limit(useful: int) -> int:
    """The fewest crossings expected by chance: the 5th percentile of Binomial(n − 1, 0.5) (n = 24 gives 8).

    The quantile is the smallest k with P(X ≤ k) ≥ 0.05, found with integer arithmetic:
    20 · Σ C(n−1, i) ≥ 2^(n−1).
    """
    if useful < 2:
        return 0
    trials = useful - 1
    total = 1 << trials
    cumulative = 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:
            return k
    return trials


@dataclass(frozen=True)
class RunsResult:
    centre: float | None
    useful: int  # observations not on the centre line
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int
    # index of each point in a run longer than longest_run_max, with its side (+1 above, −1 below)
    long_run_points: dict[int, int] = field(default_factory=dict)
    last_side: int = 0  # side of the latest useful point, used to judge a crossings signal
    applicable: bool = True  # False when the rules do not fit the data (rare events, see rare_events())

    @property
    def long_run_signal(self) -> bool:
        return self.applicable and self.useful > 0 and self.longest_run > self.longest_run_max

    @property
    def few_crossings_signal(self) -> bool:
        return self.applicable and self.useful > 1 and self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        return self.long_run_signal or self.few_crossings_signal


def rare_events(values: Sequence[float | None]) -> bool:
    """Whether most months had no event at all (value 0).

    Runs and crossings then only say that events are rare: every zero month sits on the same side
    of the centre line, so a ward with one fall a year would "signal" all the time.
    """
    present = [v for v in values if v is not None]
    return len(present) > 0 and sum(1 for v in present if v == 0) * 2 > len(present)


def median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def analyse_runs(values: Sequence[float | None], centre: float | None = None) -> RunsResult:
    """Runs and crossings of `values` around `centre` (the median when not given).

    Missing values (None: no data or no exposure) and values on the centre line are skipped, so they
    neither break nor extend a run.
    """
    if centre is None:
        centre = median(values)
    sides: list[tuple[int, int]] = []  # (index, side)
    if centre is not None:
        for i, v in enumerate(values):
            if v is None or math.isclose(v, centre, rel_tol=1e-12, abs_tol=1e-12):
                continue
            sides.append((i, 1 if v > centre else -1))
    useful = len(sides)
    runs: list[list[tuple[int, int]]] = []
    for item in sides:
        if runs and runs[-1][-1][1] == item[1]:
            runs[-1].append(item)
        else:
            runs.append([item])
    longest = max((len(r) for r in runs), default=0)
    limit = longest_run_limit(useful)
    long_points = {i: side for r in runs if len(r) > limit for i, side in r}
    return RunsResult(
        centre=centre, useful=useful, longest_run=longest, longest_run_max=limit,
        crossings=max(len(runs) - 1, 0), crossings_min=crossings_limit(useful),
        long_run_points=long_points, last_side=sides[-1][1] if sides else 0,
    )


def without_rules(result: RunsResult) -> RunsResult:
    """The same counts, with the rules switched off (no signal, no points marked)."""
    return replace(result, long_run_points={}, applicable=False)
