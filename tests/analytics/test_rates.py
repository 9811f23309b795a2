"""Each catalogue indicator's value on a hand-worked month, the Wilson interval, and target status."""

from __future__ import annotations

import pytest
from pytest import approx

from qmsdesk.analytics.rates import (
    TargetStatus,
    format_value,
    indicator_value,
    meets_target,
    target_status,
    wilson_interval,
)
from qmsdesk.db import models as m
from qmsdesk.services.catalogue import install_catalogue, load_catalogue

# code: (numerator, denominator, value in display units), worked by hand.
HAND = {
    "NUR-BED-RATIO": (18, 40, 0.45),            # 18 nurses for 40 beds
    "NUR-PATIENT-RATIO": (1240, 155, 8.0),      # 1240 patient-shifts / 155 nurse-shifts = 1:8
    "NUR-HOURS": (7440, 1240, 6.0),             # 7440 nursing hours over 1240 patient-days
    "NUR-LEVEL-N0": (2, 20, 10.0),
    "NUR-LEVEL-N1": (6, 20, 30.0),
    "NUR-LEVEL-N2": (7, 20, 35.0),
    "NUR-LEVEL-N3": (4, 20, 20.0),
    "NUR-LEVEL-N4": (1, 20, 5.0),
    "NUR-TURNOVER": (1, 19.5, 5.128205),        # 1 leaver, (19 + 20) / 2 nurses
    "NUR-RESTRAINT": (31, 1240, 2.5),           # restrained patient-days / patient-days
    "NUR-FALL": (2, 3100, 0.645161),            # 2 falls in 3100 patient-days = 0.645‰
    "NUR-PI": (1, 250, 0.4),
    "NUR-UEX-ETT": (1, 400, 2.5),
    "NUR-UEX-GT": (1, 800, 1.25),
    "NUR-UEX-CVC": (0, 600, 0.0),
    "NUR-UEX-PICC": (1, 2000, 0.5),
    "NUR-UEX-UC": (3, 1500, 2.0),
    "NUR-CAUTI": (1, 1500, 0.666667),
    "NUR-CLABSI": (2, 2600, 0.769231),
    "NUR-VAP": (3, 450, 6.666667),
    "NIT-AE-REPORT": (6, 240, 2.5),             # 6 reports per 240 discharges = 2.5 per 100
    "NIT-VTE": (93, 100, 93.0),
    "NIT-PATHOGEN": (27, 45, 60.0),
    "NIT-IV": (150, 240, 62.5),
    "NIT-STEMI": (7, 8, 87.5),
    "NIT-STROKE": (3, 6, 50.0),
    "NIT-RETURN-OR": (2, 800, 0.25),
    "NIT-SEPSIS": (5, 8, 62.5),
    "NIT-VAGINAL-COMP": (3, 120, 2.5),
    "TECH-COMPLICATION": (1, 40, 2.5),
    "TECH-FOLLOWUP": (36, 40, 90.0),
    "EVT-SENTINEL": (1, None, 1.0),
}


def test_every_catalogue_indicator_has_a_hand_example():
    assert {e.code for e in load_catalogue()} == set(HAND)


@pytest.mark.parametrize("entry", load_catalogue(), ids=lambda e: e.code)
def test_catalogue_indicator_value_on_a_hand_example(entry):
    numerator, denominator, expected = HAND[entry.code]
    value = indicator_value(entry.kind, numerator, denominator, entry.multiplier)
    assert value == approx(expected, abs=1e-6)


def test_stored_values_compute_the_same_as_the_analytics(session):
    definitions = {d.code: d for d in install_catalogue(session, "inpatient_medical")}
    for code in ("NUR-FALL", "NIT-AE-REPORT", "NUR-HOURS", "EVT-SENTINEL"):
        numerator, denominator, expected = HAND[code]
        value = m.IndicatorValue(indicator=definitions[code], period="2026-10", numerator=numerator,
                                 denominator=denominator)
        session.add(value)
        session.flush()
        assert value.value == approx(expected, abs=1e-6)


def test_zero_or_missing_denominator_is_no_exposure():
    assert indicator_value("rate", 0, 0, 1000) is None
    assert indicator_value("proportion", 0, None, 100) is None
    assert indicator_value("rate", None, 100, 1000) is None
    assert indicator_value("count", 0, None) == 0.0


def test_wilson_interval_matches_the_worked_example():
    # 3 of 10 (Newcombe 1998, method 3): 0.1078 .. 0.6032
    low, high = wilson_interval(3, 10)
    assert (low, high) == (approx(0.1078, abs=1e-4), approx(0.6032, abs=1e-4))
    # 0 of 20: 0 .. 0.1611 — never below 0, unlike the normal approximation
    low, high = wilson_interval(0, 20)
    assert low == 0.0 and high == approx(0.1611, abs=1e-4)
    assert wilson_interval(0, 0) is None


def test_target_is_checked_in_the_indicator_direction():
    assert meets_target(0.1, 0.1, "lower") is True
    assert meets_target(0.11, 0.1, "lower") is False
    assert meets_target(89.9, 90, "higher") is False
    assert meets_target(None, 90, "higher") is None
    assert target_status(0.09, 0.1, 0.08, "lower") is TargetStatus.NEAR
    assert target_status(0.05, 0.1, 0.08, "lower") is TargetStatus.MET
    assert target_status(91, 90, 92, "higher") is TargetStatus.NEAR
    assert target_status(85, 90, 92, "higher") is TargetStatus.MISSED
    assert target_status(85, None, None, "higher") is TargetStatus.NO_TARGET
    assert target_status(None, 90, None, "higher") is TargetStatus.NO_DATA


def test_values_are_formatted_with_their_unit():
    assert format_value(0.645161, "‰") == "0.65‰"
    assert format_value(93.0, "%") == "93.00%"
    assert format_value(0.05, "‰") == "0.050‰"
    assert format_value(None, "%") == "—"
    assert format_value(6.0, "小时") == "6.00 小时"
