"""An office-demo unit's character and its monthly figures: census, rare events, indicator values.

Each unit draws a profile once — how good its care is, how much it reports, how fast it closes items,
how punctually it submits — and its months follow from it, so across a 医共体 some units meet their
targets and some do not, some are late and a few miss a month. Rare events (falls, pressure injuries,
extubations, device infections) come from per-day rates inside the ranges cited in qmsdesk.demo; every
count indicator's numerator is the number of matching events the unit reported that month.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from qmsdesk.demo.units import UnitSpec
from qmsdesk.periods import Period


@dataclass(frozen=True)
class Profile:
    quality: float     # 0 poor … 1 excellent: where its proportions sit between the bad and good ends
    reporting: float   # adverse events reported per 100 discharges
    diligence: float   # share of ledger items closed by their deadline
    overdue_cap: float  # share of its open items it lets run past the deadline, at most
    punctual: float    # share of months submitted by the deadline
    missing: float     # chance that a month never arrives
    attendance: float  # share of staff at a training session
    skill: float       # points added to its assessment scores
    falls: float       # falls per 1000 patient-days
    injuries: float    # hospital-acquired pressure injuries per 100 patients
    infections: float  # device infections per 1000 device-days


def draw_profile(rng: random.Random) -> Profile:
    quality = rng.choice((0.15, 0.35, 0.5, 0.65, 0.75, 0.85, 0.95))
    careful = 0.5 + quality / 2
    return Profile(
        quality=quality, reporting=rng.uniform(0.6, 3.4), diligence=rng.uniform(0.5, 0.92),
        overdue_cap=rng.choice((1 / 3, 1 / 3, 0.4, 0.5, 0.6)), punctual=rng.choice((1.0, 0.95, 0.9, 0.9, 0.8, 0.6)),
        missing=rng.choice((0.0,) * 8 + (0.08, 0.15)), attendance=rng.uniform(0.72, 0.97), skill=rng.uniform(-5, 6),
        falls=rng.uniform(0.04, 0.2) / careful, injuries=rng.uniform(0.01, 0.07) / careful,
        infections=rng.uniform(0.4, 2.2) / careful,
    )


# Falls by kind of patient, against an adult medical ward: mothers and children fall less, ICU patients
# seldom leave their beds.
FALL_FACTOR = {"obstetrics": 0.5, "pediatrics": 0.6, "icu": 0.3, "inpatient_surgical": 0.8}
ALOS = {"inpatient_medical": 8.0, "inpatient_surgical": 7.0, "obstetrics": 4.0, "pediatrics": 5.0, "icu": 6.0,
        "township": 7.0}
DEVICE_SHARE = {  # device-days per patient-day, by department type
    "icu": {"NUR-UEX-ETT": 0.45, "NUR-UEX-GT": 0.6, "NUR-UEX-CVC": 0.6, "NUR-UEX-PICC": 0.05, "NUR-UEX-UC": 0.8,
            "VENT": 0.45},
    "inpatient_medical": {"NUR-UEX-ETT": 0.005, "NUR-UEX-GT": 0.06, "NUR-UEX-CVC": 0.08, "NUR-UEX-PICC": 0.12,
                          "NUR-UEX-UC": 0.2},
    "inpatient_surgical": {"NUR-UEX-ETT": 0.005, "NUR-UEX-GT": 0.12, "NUR-UEX-CVC": 0.1, "NUR-UEX-PICC": 0.08,
                           "NUR-UEX-UC": 0.3},
    "obstetrics": {"NUR-UEX-UC": 0.15},
    "pediatrics": {"NUR-UEX-GT": 0.03, "NUR-UEX-PICC": 0.02},
    "township": {"NUR-UEX-UC": 0.05},
}


@dataclass
class Census:
    days: int
    patient_days: int = 0
    discharges: int = 0
    patients: int = 0
    devices: dict[str, int] = field(default_factory=dict)


def census(rng: random.Random, spec: UnitSpec, p: Period) -> Census:
    days = p.last_day.day
    dept = spec.department
    if not dept.beds:
        return Census(days)
    winter = p.month in (12, 1, 2)
    occupancy = rng.uniform(0.85, 1.02) if winter else rng.uniform(0.7, 0.95)
    if dept.type == "township":
        occupancy *= 0.8  # township beds are seldom full
    patient_days = max(1, int(dept.beds * days * occupancy))
    discharges = max(1, int(patient_days / (ALOS[dept.type] * rng.uniform(0.9, 1.1))))
    devices = {code: max(1, round(patient_days * share * rng.uniform(0.8, 1.2)))
               for code, share in DEVICE_SHARE.get(dept.type, {}).items()}
    return Census(days, patient_days, discharges, round(dept.beds * occupancy) + discharges, devices)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth); the means here are small."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


# Proportions: (bad end, good end) of a unit's usual value; a unit sits between them by its quality.
CENTRES = {
    "NIT-VTE": (0.84, 0.97), "NIT-PATHOGEN": (0.42, 0.75), "NIT-IV": (0.88, 0.55), "NIT-STEMI": (0.7, 0.95),
    "NIT-STROKE": (0.35, 0.7), "NIT-RETURN-OR": (0.009, 0.002), "NIT-SEPSIS": (0.6, 0.9),
    "NIT-VAGINAL-COMP": (0.04, 0.012), "TECH-COMPLICATION": (0.04, 0.008), "TECH-FOLLOWUP": (0.85, 0.99),
    "NUR-RESTRAINT": (0.06, 0.01),
}
# Denominators of those proportions: a share of discharges or patient-days, or a count range.
DENOMINATORS = {
    "NIT-VTE": ("discharges", 0.4), "NIT-PATHOGEN": ("discharges", 0.25), "NIT-IV": ("discharges", 1.0),
    "NIT-VAGINAL-COMP": ("discharges", 0.6), "NUR-RESTRAINT": ("patient_days", 1.0),
    "NIT-STEMI": (3, 12), "NIT-STROKE": (3, 10), "NIT-SEPSIS": (2, 8), "NIT-RETURN-OR": (250, 700),
    "TECH-COMPLICATION": (20, 80), "TECH-FOLLOWUP": (20, 80),
}


def centre(rng: random.Random, code: str, quality: float, department_type: str) -> float:
    bad, good = CENTRES[code]
    if code == "NUR-RESTRAINT" and department_type == "icu":
        bad, good = 0.12, 0.04
    q = min(1.0, max(0.0, quality + rng.gauss(0, 0.15)))
    return bad + (good - bad) * q


def proportion(rng: random.Random, code: str, level: float, c: Census) -> tuple[int, int]:
    source, size = DENOMINATORS[code]
    if isinstance(source, str):
        base = getattr(c, source) or rng.randint(300, 900)  # emergency: patients seen in the month
        den = max(1, round(base * size))
    else:
        den = rng.randint(source, size)
    spread = math.sqrt(max(level * (1 - level), 0.0001) / den)
    share = min(1.0, max(0.0, level + rng.gauss(0, spread)))
    return round(den * share), den
