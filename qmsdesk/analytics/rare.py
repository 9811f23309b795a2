"""Rare events: which indicators count them, the g- and t-charts, the rolling 12-month rate and its exact interval.

With about 1,250 patient-days a month a ward expects a fall every few months. A monthly p- or u-chart then
calls every single fall a signal, and one fall against a target of ≤0.10‰ is a "target miss" of 0.78‰.
Practice for such data (NHS England/Improvement, "Making Data Count", 2019: rare events are plotted as the
time or the opportunities *between* them; Benneyan 2001) is followed here:

- an indicator counts events when its numerator counts occurrences (every count and rate per exposure, and the
  lower-is-better proportions in `EVENT_PROPORTIONS`); it is *rare* when fewer than `RARE_PER_MONTH` events
  are expected in a month (the mean monthly numerator of its history: centre rate × typical exposure);
- its default view is a g-chart — opportunities (patient-days, device-days, patients) between events, with
  Benneyan's limits ḡ ± 3·√(ḡ(ḡ+1)) (Benneyan J.C., "Number-between g-type statistical quality control charts
  for health care applications", Health Care Management Science 4(4):305–318, 2001) — or a t-chart of days
  between events, transformed by y = t^(1/3.6) so an individuals chart applies (Nelson L.S., "A control chart
  for parts-per-million nonconforming items", Journal of Quality Technology 26(3):239–240, 1994; Provost &
  Murray, The Health Care Data Guide, 2011);
- its target is compared on the rolling 12-month rate with an exact 95% interval (Poisson for rates and counts,
  Clopper–Pearson for proportions): a miss is declared only when the whole interval lies beyond the target, so
  one event in a small month reads as an event to analyse, not as a target miss or an SPC signal.

Monthly figures say how many events a month had, not when: the events of a month are placed evenly within it
(event k of n at (k − ½)/n of the month's exposure and days). Everything here is pure arithmetic (no scipy).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

RARE_PER_MONTH = 2.0
ROLLING_MONTHS = 12
MIN_GAPS_FOR_LIMITS = 3  # fewer events say nothing about their spacing
T_POWER = 3.6  # Nelson's transformation of exponential times: y = t^(1/3.6)
MR_FACTOR = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two
ALPHA = 0.05
EXCESS_P = 0.00135  # the one-sided tail of a 3-sigma limit: a month's count this improbable is a signal
G_LIMITS = "3-sigma (Benneyan): UCL = ḡ + 3·√(ḡ(ḡ+1)), LCL = max(0, ḡ − 3·√(ḡ(ḡ+1)))"
T_LIMITS = ("individuals chart of y = t^(1/3.6) (Nelson): limits ȳ ± 2.66·MR̄, LCL at least 0, "
            "shown back-transformed (y^3.6)")

# Lower-is-better proportions whose numerator counts occurrences (not a stock such as the N0 nurses on staff).
EVENT_PROPORTIONS = frozenset({"NUR-PI", "NUR-TURNOVER", "NIT-RETURN-OR", "NIT-VAGINAL-COMP", "TECH-COMPLICATION"})
# Targets meant for a year: always compared on the rolling 12 months, however many events a month brings.
ANNUAL_TARGETS = frozenset({"NUR-TURNOVER"})


def counts_events(code: str, kind: str) -> bool:
    return kind in ("count", "rate") or (kind == "proportion" and code in EVENT_PROPORTIONS)


def expected_per_month(numerators: Sequence[float | None]) -> float | None:
    """Events a typical month brings: the mean entered numerator (= centre rate × mean exposure)."""
    entered = [float(n) for n in numerators if n is not None]
    return sum(entered) / len(entered) if entered else None


def is_rare(code: str, kind: str, numerators: Sequence[float | None]) -> bool:
    """An event-counting indicator with fewer than RARE_PER_MONTH events expected in a month."""
    expected = expected_per_month(numerators)
    return counts_events(code, kind) and expected is not None and expected < RARE_PER_MONTH


def judged_on_rolling(code: str, kind: str, numerators: Sequence[float | None]) -> bool:
    """Whether the target is compared on the rolling 12 months: a rare event, or a target meant for a year."""
    return code in ANNUAL_TARGETS or is_rare(code, kind, numerators)


# --- exact intervals ---------------------------------------------------------------------------------

def poisson_cdf(k: int, mu: float) -> float:
    """P(X ≤ k) for X ~ Poisson(mu)."""
    if mu <= 0:
        return 1.0
    term = math.exp(-mu)
    total = term
    for i in range(1, k + 1):
        term *= mu / i
        total += term
    return min(total, 1.0)


def _binomial_cdf(k: int, n: float, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p); n may be fractional (average staff), via log-gamma."""
    if p <= 0:
        return 1.0
    if p >= 1:
        return 0.0 if k < n else 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    total = 0.0
    for i in range(0, min(k, math.floor(n)) + 1):
        total += math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p
                          + (n - i) * log_q)
    return min(total, 1.0)


def _solve(f, lo: float, hi: float) -> float:
    """The root of a decreasing f on [lo, hi] by bisection (f(lo) > 0 > f(hi))."""
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * max(1.0, hi):
            break
    return (lo + hi) / 2


# The exact intervals are pure and costly (bisection over a CDF); a dashboard asks for the same ones many times
# (each month's rolling window recurs in the charts of the months after it), so they are remembered.
@lru_cache(maxsize=4096)
def poisson_interval(events: float, alpha: float = ALPHA) -> tuple[float, float]:
    """Exact (Garwood) interval for the mean of a Poisson count."""
    k = round(events)
    upper_bound = max(10.0, 4 * k + 20)
    low = 0.0 if k == 0 else _solve(lambda mu: alpha / 2 - (1 - poisson_cdf(k - 1, mu)), 0.0, upper_bound)
    high = _solve(lambda mu: poisson_cdf(k, mu) - alpha / 2, 0.0, upper_bound)
    return low, high


@lru_cache(maxsize=4096)
def binomial_interval(events: float, trials: float, alpha: float = ALPHA) -> tuple[float, float]:
    """Exact (Clopper–Pearson) interval for a proportion, as fractions."""
    k = round(events)
    if trials <= 0:
        return 0.0, 1.0
    low = 0.0 if k == 0 else _solve(lambda p: alpha / 2 - (1 - _binomial_cdf(k - 1, trials, p)), 0.0, 1.0)
    high = 1.0 if k >= trials else _solve(lambda p: _binomial_cdf(k, trials, p) - alpha / 2, 0.0, 1.0)
    return low, high


# --- the rolling rate ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RollingRate:
    """The last (up to) 12 entered months pooled: Σ events / Σ exposure, in display units, with its exact interval."""

    months: int
    events: float
    exposure: float | None
    value: float | None
    low: float | None
    high: float | None


def rolling_rate(kind: str, multiplier: float, numerators: Sequence[float | None],
                 denominators: Sequence[float | None]) -> RollingRate:
    """Pool the months given (the caller passes the last 12). A count is pooled per month."""
    pairs = [(float(n), float(d) if d is not None else None) for n, d in zip(numerators, denominators, strict=True)
             if n is not None]
    if kind != "count":
        pairs = [(n, d) for n, d in pairs if d]
    if not pairs:
        return RollingRate(0, 0.0, None, None, None, None)
    events = sum(n for n, _ in pairs)
    mult = multiplier or 1.0
    if kind == "count":
        low, high = poisson_interval(events)
        months = len(pairs)
        return RollingRate(months, events, float(months), events / months, low / months, high / months)
    exposure = sum(d for _, d in pairs)
    if kind == "proportion":
        low, high = binomial_interval(events, exposure)
    else:
        low, high = (x / exposure for x in poisson_interval(events))
    return RollingRate(len(pairs), events, exposure, events / exposure * mult, low * mult, high * mult)


def interval_beyond_target(rate: RollingRate, target: float, direction: str) -> bool:
    """The whole interval on the wrong side of the target: a miss that is not chance."""
    if rate.low is None or rate.high is None:
        return False
    return rate.low > target if direction == "lower" else rate.high < target


# --- g- and t-charts ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """The opportunities (g) or days (t) from one event to the next; `period` is the month of the closing event.

    `events` numbers the two events (0 is the start of the chart); an open gap runs from the last event to the
    end of the chart and has no closing event yet.
    """

    period: str
    value: float
    events: tuple[int, int | None]
    open: bool = False


@dataclass(frozen=True)
class GapChart:
    chart: str  # "g" or "t"
    gaps: tuple[Gap, ...]  # closed gaps, then the open one (if the chart does not end on an event)
    centre: float | None
    lcl: float | None
    ucl: float | None
    events: int

    @property
    def closed(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if not g.open)


@dataclass(frozen=True)
class MonthEvents:
    period: str
    events: int
    exposure: float | None  # the month's denominator (opportunities); None for counts
    first_day: date
    days: int


def _positions(months: Sequence[MonthEvents], scale) -> tuple[list[tuple[float, str]], float]:
    """Each event's place on a running axis (events spread evenly within their month), and the axis's end."""
    out: list[tuple[float, str]] = []
    start = 0.0
    for mo in months:
        size = scale(mo)
        for k in range(1, mo.events + 1):
            out.append((start + size * (k - 0.5) / mo.events, mo.period))
        start += size
    return out, start


def _gaps(months: Sequence[MonthEvents], scale) -> list[Gap]:
    positions, end = _positions(months, scale)
    gaps, previous = [], 0.0
    for n, (where, period) in enumerate(positions, start=1):
        gaps.append(Gap(period, where - previous, (n - 1, n)))
        previous = where
    if months and end > previous:
        gaps.append(Gap(months[-1].period, end - previous, (len(positions), None), open=True))
    return gaps


def g_chart(months: Sequence[MonthEvents]) -> GapChart:
    """Opportunities between events with Benneyan's 3-sigma limits (see G_LIMITS)."""
    gaps = _gaps(months, lambda mo: float(mo.exposure or 0.0))
    closed = [g.value for g in gaps if not g.open]
    if len(closed) < MIN_GAPS_FOR_LIMITS:
        return GapChart("g", tuple(gaps), sum(closed) / len(closed) if closed else None, None, None, len(closed))
    g_bar = sum(closed) / len(closed)
    spread = 3 * math.sqrt(g_bar * (g_bar + 1))
    return GapChart("g", tuple(gaps), g_bar, max(0.0, g_bar - spread), g_bar + spread, len(closed))


def t_chart(months: Sequence[MonthEvents]) -> GapChart:
    """Days between events: an individuals chart of t^(1/3.6), limits shown in days (see T_LIMITS)."""
    gaps = _gaps(months, lambda mo: float(mo.days))
    closed = [g.value for g in gaps if not g.open]
    if len(closed) < MIN_GAPS_FOR_LIMITS:
        return GapChart("t", tuple(gaps), None, None, None, len(closed))
    y = [t ** (1 / T_POWER) for t in closed]
    y_bar = sum(y) / len(y)
    mr_bar = sum(abs(b - a) for a, b in zip(y, y[1:], strict=False)) / (len(y) - 1)
    low = max(0.0, y_bar - MR_FACTOR * mr_bar)
    return GapChart("t", tuple(gaps), y_bar ** T_POWER, low ** T_POWER, (y_bar + MR_FACTOR * mr_bar) ** T_POWER,
                    len(closed))
