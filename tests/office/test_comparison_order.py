"""指标对比's order, as the page and the quarterly report list the units: the best value first (the lowest where
lower is better, the highest where higher is), equal values by unit label and then as the units came, units
without a value (no numerator, or no denominator for a rate) last by label — and the pooled value of every unit's
counts, missing ones counted as none; the units reporting a value are counted apart from those listed without
one."""

from __future__ import annotations

from operator import itemgetter

import pytest

from qmsdesk.analytics.rates import TargetStatus, indicator_value
from qmsdesk.office.comparison import comparison, indicator_info, judged_comparison

MISSED, MET = TargetStatus.MISSED, TargetStatus.MET

# unit id → (numerator, denominator); labels chosen so that value ties and label order cross the ids' order
SUMS = {"u1": (2, 1000), "u2": (1, 1000), "u3": (2, 1000), "u4": (None, 800), "u5": (3, 0),
        "u6": (0, 500), "u7": (2, 1000), "u8": (2.5, 1000.0), "u9": (0, 250), "u10": (None, None)}
LABELS = {"u1": "乙医院 外科", "u2": "甲医院 内科", "u3": "甲医院 外科", "u4": "丙医院 儿科",
          "u5": "甲医院 儿科", "u6": "乙医院 内科", "u7": "乙医院 外科", "u8": "丁医院 骨科",
          "u9": "乙医院 内科", "u10": "丁医院 内科"}


def _expected(code: str) -> list[str]:
    """The order written out as the key it follows."""
    info = indicator_info(code)
    sign = 1 if info.direction == "lower" else -1
    keyed = []
    for i, (unit, (num, den)) in enumerate(SUMS.items()):
        value = indicator_value(info.kind, num, den, info.multiplier)
        keyed.append(((value is None, (value or 0) * sign, LABELS[unit], i), unit))
    return [unit for _key, unit in sorted(keyed, key=itemgetter(0))]


@pytest.mark.parametrize("code", ["NUR-FALL", "NIT-VTE", "NUR-BED-RATIO", "EVT-SENTINEL"])
def test_units_are_listed_best_first_ties_by_label_and_those_without_a_value_last(code):
    info = indicator_info(code)
    result = comparison(info, ["2026-07", "2026-08", "2026-09"], SUMS,
                        lambda u, _v: MISSED if u in ("u1", "u8") else MET, LABELS)
    assert [r.unit_id for r in result.rows] == _expected(code)
    assert [r.unit_label for r in result.rows] == [LABELS[u] for u in _expected(code)]
    assert [r.unit_id for r in result.missed] == [u for u in _expected(code) if u in ("u1", "u8")]
    assert result.pooled == pytest.approx(indicator_value(info.kind, 12.5, 6550.0, info.multiplier))
    assert result.period == "2026-07—2026-09"
    assert result.reporting == sum(r.value is not None for r in result.rows) == (8 if info.kind == "count" else 7)
    for r in result.rows:
        assert (r.numerator, r.denominator) == SUMS[r.unit_id]
        assert r.value == indicator_value(info.kind, *SUMS[r.unit_id], info.multiplier)


def test_the_kept_judgements_give_the_same_list_as_judging_each_unit():
    info = indicator_info("NUR-FALL")
    status = {u: (MISSED if (n or 0) >= 2 else MET) for u, (n, _d) in SUMS.items()}
    judged = [(u, n, d, status[u]) for u, (n, d) in SUMS.items()]
    assert judged_comparison(info, ["2026-09"], judged, LABELS) == comparison(
        info, ["2026-09"], SUMS, lambda u, _v: status[u], LABELS)
    assert judged_comparison(info, ["2026-09"], [], LABELS).rows == []
    assert judged_comparison(info, ["2026-09"], [], LABELS).pooled is None
