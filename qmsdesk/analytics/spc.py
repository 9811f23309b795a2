"""Control limits for p-charts (proportions) and u-charts (rates per exposure), with Laney's p′/u′ option.

Limits vary with each month's denominator: centre ± 3·σᵢ, σᵢ = √(p̄(1−p̄)/nᵢ) for p and √(ū/nᵢ) for u.
The LCL is floored at 0 and a p-chart's UCL capped at 1. With many patient-days per month the
binomial/Poisson σ can be too small for real month-to-month variation (over-dispersion), so Laney's
correction widens σᵢ by σ_z, the moving-range spread of the standardised values
(Laney 2002, "Improved control charts for attributes", Quality Engineering 14(4)).
Everything here is in raw units (fractions, events per unit of exposure); the caller applies the
indicator's multiplier for display.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# d2 for a moving range of two: the expected range of two normal values in units of σ.
D2 = 1.128


@dataclass(frozen=True)
class Limits:
    chart: str  # "p" or "u"
    centre: float | None
    values: tuple[float | None, ...]  # raw value of each month; None when there was no exposure
    lcl: tuple[float | None, ...]
    ucl: tuple[float | None, ...]
    laney: bool = False
    sigma_z: float | None = None  # Laney's inflation factor (1 means no over-dispersion)

    def position(self, i: int) -> int:
        """+1 above the UCL, −1 below the LCL, 0 inside (or no limits)."""
        v, lo, hi = self.values[i], self.lcl[i], self.ucl[i]
        if v is None or lo is None or hi is None:
            return 0
        eps = 1e-12
        if v > hi + eps:
            return 1
        if v < lo - eps:
            return -1
        return 0


def _exposed(numerators: Sequence[float | None], denominators: Sequence[float | None]) -> list[bool]:
    if len(numerators) != len(denominators):
        raise ValueError("numerators and denominators differ in length")
    return [n is not None and d is not None and d > 0 for n, d in zip(numerators, denominators, strict=True)]


def _laney_sigma_z(values: list[float | None], sigmas: list[float | None], centre: float) -> float:
    z = [(v - centre) / s for v, s in zip(values, sigmas, strict=True) if v is not None and s]
    if len(z) < 2:
        return 1.0
    moving_ranges = [abs(b - a) for a, b in zip(z, z[1:], strict=False)]
    return (sum(moving_ranges) / len(moving_ranges)) / D2


def _chart(kind: str, numerators: Sequence[float | None], denominators: Sequence[float | None],
           laney: bool) -> Limits:
    exposed = _exposed(numerators, denominators)
    total_x = sum(float(x) for x, e in zip(numerators, exposed, strict=True) if e)
    total_n = sum(float(n) for n, e in zip(denominators, exposed, strict=True) if e)
    values = [float(x) / float(n) if e else None for x, n, e in zip(numerators, denominators, exposed, strict=True)]
    if total_n <= 0:
        empty = tuple(None for _ in values)
        return Limits(kind, None, tuple(values), empty, empty, laney, None)
    centre = total_x / total_n
    if kind == "p":
        spread = centre * (1 - centre)
    else:
        spread = centre
    sigmas = [math.sqrt(spread / float(n)) if e else None for n, e in zip(denominators, exposed, strict=True)]
    sigma_z = _laney_sigma_z(values, sigmas, centre) if laney else None
    factor = sigma_z if laney else 1.0
    lcl: list[float | None] = []
    ucl: list[float | None] = []
    for s in sigmas:
        if s is None:
            lcl.append(None)
            ucl.append(None)
            continue
        lo = max(0.0, centre - 3 * s * factor)
        hi = centre + 3 * s * factor
        if kind == "p":
            hi = min(1.0, hi)
        lcl.append(lo)
        ucl.append(hi)
    return Limits(kind, centre, tuple(values), tuple(lcl), tuple(ucl), laney, sigma_z)


def p_chart(numerators: Sequence[float | None], denominators: Sequence[float | None], *,
            laney: bool = False) -> Limits:
    """p-chart (or Laney p′) of monthly proportions numerator/denominator."""
    return _chart("p", numerators, denominators, laney)


def u_chart(numerators: Sequence[float | None], denominators: Sequence[float | None], *,
            laney: bool = False) -> Limits:
    """u-chart (or Laney u′) of monthly rates: events per unit of exposure (patient-day, catheter-day)."""
    return _chart("u", numerators, denominators, laney)
