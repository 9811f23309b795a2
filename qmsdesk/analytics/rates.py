"""An indicator's value from its numerator and denominator, its confidence interval, and its target status."""

from __future__ import annotations

import math
from enum import StrEnum

from qmsdesk.i18n import msg

# z for a two-sided 95% interval.
Z95 = 1.959963984540054


def indicator_value(kind: str, numerator: float | None, denominator: float | None,
                    multiplier: float = 1.0) -> float | None:
    """The value in display units (after the multiplier).

    A count is its numerator. Every other kind divides; a zero or missing denominator means
    "no exposure this month" and gives None, never a division by zero.
    """
    if numerator is None:
        return None
    if kind == "count":
        return float(numerator)
    if not denominator:
        return None
    return numerator / denominator * (multiplier or 1.0)


def wilson_interval(successes: float, trials: float, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion, as fractions in [0, 1]; None when there were no trials.

    Unlike the normal approximation it stays inside [0, 1] and is sensible for 0 of n and n of n,
    which is the usual case for rare events such as falls or pressure injuries on one ward.
    """
    if not trials:
        return None
    n = float(trials)
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


class TargetStatus(StrEnum):
    MET = "met"
    NEAR = "near"  # still on target but past the warning threshold
    MISSED = "missed"
    UNCERTAIN = "uncertain"  # off target on too few events to tell from chance (analytics/targets.py)
    NO_TARGET = "no_target"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {
            "met": msg("达标", "On target"),
            "near": msg("接近目标值", "Near target"),
            "missed": msg("未达标", "Missed target"),
            "uncertain": msg("持续观察", "Keep watching"),
            "no_target": msg("无目标值", "No target"),
            "no_data": msg("无数据", "No data"),
        }[self.value]


def meets_target(value: float | None, target: float | None, direction: str) -> bool | None:
    """Whether a value meets its target (≤ for lower-is-better, ≥ for higher-is-better)."""
    if value is None or target is None:
        return None
    return value <= target if direction == "lower" else value >= target


def target_status(value: float | None, target: float | None, warning: float | None,
                  direction: str) -> TargetStatus:
    if value is None:
        return TargetStatus.NO_DATA
    if target is None:
        return TargetStatus.NO_TARGET
    if not meets_target(value, target, direction):
        return TargetStatus.MISSED
    if warning is not None and not meets_target(value, warning, direction):
        return TargetStatus.NEAR
    return TargetStatus.MET


# Display units of the shipped catalogue in English (the catalogue keeps the Chinese unit it was published with).
UNITS_EN = {"例": "cases", "例/百出院人次": "per 100 discharges", "名患者/护士": "patients per nurse",
            "名护士/床": "nurses per bed", "小时": "hours"}


def shown_unit(unit: str | None) -> str:
    """An indicator's unit in the user's language (% and ‰ read the same in both)."""
    unit = unit or ""
    return msg(unit, UNITS_EN.get(unit, unit))


def shown_name(definition) -> str:
    """An indicator's name in the user's language (its Chinese name where it has no English one)."""
    return msg(definition.name_zh, definition.name_en or definition.name_zh)


def format_value(value: float | None, unit: str = "", digits: int | None = None) -> str:
    """A value as shown to a user: '0.35‰', '92.50%', '—' when there is none."""
    if value is None:
        return "—"
    if digits is None:
        digits = 2 if abs(value) >= 0.1 or value == 0 else 3
    text = f"{value:.{digits}f}"
    if unit in ("%", "‰"):
        return text + unit
    return f"{text} {unit}".rstrip()
