"""Before/after of a PDCA project, computed from the indicator's monthly values — never typed.

A BeforeAfterSpec is one indicator's run chart split at the change point: the baseline months, the
months between the baseline and the change (left out of both sides), and the months from the change on.
Each side is pooled (Σ numerator / Σ denominator) and has its median; the after side is also read with
the run-chart shift rule against the baseline median (six or more months in a row on the better side).
The window and the PDF only draw it: points, the two medians, the change line, the target.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from qmsdesk.analytics.charts import MonthData, nice_ticks
from qmsdesk.analytics.rates import format_value, indicator_value, meets_target
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between

BEFORE, GAP, AFTER = "before", "gap", "after"
MIN_MONTHS = 3  # fewer months on either side say nothing about a change
SHIFT_RUN = 6  # run-chart rule: six or more consecutive points on one side of the baseline median


@dataclass(frozen=True)
class PhasePoint:
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    phase: str


@dataclass(frozen=True)
class Phase:
    label: str
    periods: tuple[str, ...]
    numerator: float
    denominator: float | None
    value: float | None  # pooled over the phase's months
    median: float | None  # of the monthly values
    months_with_data: int


@dataclass(frozen=True)
class BeforeAfterSpec:
    code: str
    name: str
    unit: str
    kind: str
    direction: str
    target: float | None  # the project's target for this indicator
    title: str
    subtitle: str
    points: tuple[PhasePoint, ...]
    change_period: str
    before: Phase
    after: Phase
    shift_run: int  # longest run of after-months on the better side of the baseline median
    shift_applicable: bool

    def fmt(self, value: float | None) -> str:
        return format_value(value, self.unit)

    @property
    def change_index(self) -> int:
        """Where the change line is drawn: before the first point of the change month."""
        return next((i for i, p in enumerate(self.points) if p.period >= self.change_period), len(self.points))

    @property
    def shift_signal(self) -> bool:
        return self.shift_applicable and self.shift_run >= SHIFT_RUN

    @property
    def improved(self) -> bool | None:
        b, a = self.before.value, self.after.value
        if b is None or a is None:
            return None
        return a < b if self.direction == "lower" else a > b

    @property
    def target_met(self) -> bool | None:
        return meets_target(self.after.value, self.target, self.direction)

    @property
    def change_percent(self) -> float | None:
        b, a = self.before.value, self.after.value
        if b in (None, 0) or a is None:
            return None
        return (a - b) / b * 100

    def evidence_gaps(self) -> list[str]:
        """Why this comparison is not yet evidence of an effect (empty when it is)."""
        out = []
        if self.before.months_with_data < MIN_MONTHS:
            out.append(msg("“{n}”改进前只有 {k} 个月的数据（至少 {m} 个月）", "'{n}' has {k} baseline month(s) of data "
                           "(at least {m} needed)", n=self.name, k=self.before.months_with_data, m=MIN_MONTHS))
        if self.after.months_with_data < MIN_MONTHS:
            out.append(msg("“{n}”改进后只有 {k} 个月的数据（至少 {m} 个月）", "'{n}' has {k} month(s) of data after the "
                           "change (at least {m} needed)", n=self.name, k=self.after.months_with_data, m=MIN_MONTHS))
        return out

    def verdict(self) -> str:
        """One sentence for the case write-up: before → after, target, and whether the shift rule holds."""
        if self.improved is None:
            return msg("数据不足，尚不能比较改进前后。", "Not enough data to compare before and after.")
        change = self.change_percent
        rel = "" if change is None else msg("（{s}{c:.0f}%）", " ({s}{c:.0f}%)", s="+" if change > 0 else "", c=change)
        parts = [msg("改进前 {b}，改进后 {a}{r}，{w}", "before {b}, after {a}{r}: {w}", b=self.fmt(self.before.value),
                     a=self.fmt(self.after.value), r=rel, w=msg("有所改善", "better") if self.improved
                     else msg("未见改善", "not better"))]
        if self.target is not None:
            parts.append(msg("目标 {t}：{m}", "target {t}: {m}", t=self.fmt(self.target),
                             m=msg("已达成", "met") if self.target_met else msg("未达成", "not met")))
        if self.shift_signal:
            parts.append(msg("改进后连续 {n} 个月优于改进前中位数，提示过程已发生改变",
                             "{n} months in a row better than the baseline median: the process has shifted",
                             n=self.shift_run))
        elif not self.shift_applicable:
            parts.append(msg("事件罕见（基线中位数为 0），不用游程规则判断", "rare events (baseline median 0): the shift "
                             "rule does not apply"))
        return msg("；", "; ").join(parts) + msg("。", ".")

    def axis(self) -> tuple[float, float, list[float]]:
        values = [p.value for p in self.points if p.value is not None]
        values += [x for x in (self.before.median, self.after.median, self.target) if x is not None]
        high = max(values, default=1.0) * 1.15 or 1.0
        ticks = nice_ticks(0.0, high)
        if self.unit == "%" and ticks[-1] > 100:
            ticks = [t for t in ticks if t <= 100] + ([100.0] if 100.0 not in ticks else [])
        return ticks[0], ticks[-1], ticks


def _phase(label: str, points: Sequence[PhasePoint], kind: str, multiplier: float) -> Phase:
    entered = [p for p in points if p.numerator is not None]
    num = sum(p.numerator for p in entered)
    den = None if kind == "count" else sum(p.denominator or 0 for p in entered)
    if kind == "count":
        pooled = num / len(entered) if entered else None
    else:
        pooled = indicator_value(kind, num if entered else None, den, multiplier)
    values = [p.value for p in entered if p.value is not None]
    return Phase(label, tuple(p.period for p in points), num, den, pooled,
                 statistics.median(values) if values else None, len(values))


def _longest_better_run(points: Sequence[PhasePoint], median: float | None, direction: str) -> int:
    if median is None:
        return 0
    best = run = 0
    for p in points:
        if p.value is None or p.value == median:
            continue  # neither breaks nor extends a run, as in analytics.runs
        better = p.value < median if direction == "lower" else p.value > median
        run = run + 1 if better else 0
        best = max(best, run)
    return best


def before_after(indicator, months: Sequence[MonthData], *, baseline_start: str, baseline_end: str,
                 change_period: str, target: float | None) -> BeforeAfterSpec:
    """Split the indicator's months (baseline_start..last) at the change point and compare the two sides."""
    mult = indicator.multiplier or 1.0
    points = []
    for mo in months:
        if mo.period < baseline_start:
            continue
        phase = BEFORE if mo.period <= baseline_end else (AFTER if mo.period >= change_period else GAP)
        points.append(PhasePoint(mo.period, mo.numerator, mo.denominator,
                                 indicator_value(indicator.kind, mo.numerator, mo.denominator, mult), phase))
    before = _phase(msg("改进前", "Before"), [p for p in points if p.phase == BEFORE], indicator.kind, mult)
    after = _phase(msg("改进后", "After"), [p for p in points if p.phase == AFTER], indicator.kind, mult)
    after_points = [p for p in points if p.phase == AFTER]
    rare = before.median is not None and before.median == 0 and indicator.direction == "lower"
    name = indicator.name_zh
    last = points[-1].period if points else change_period
    return BeforeAfterSpec(
        code=indicator.code, name=name, unit=indicator.unit or "", kind=indicator.kind, direction=indicator.direction,
        target=target, title=msg("{n} — 改进前后对比（运行图）", "{n} — before and after (run chart)", n=name),
        subtitle=msg("改进前 {a} — {b}；改进措施自 {c} 起；至 {d}", "baseline {a} — {b}; change from {c}; to {d}",
                     a=baseline_start, b=baseline_end, c=change_period, d=last),
        points=tuple(points), change_period=change_period, before=before, after=after,
        shift_run=_longest_better_run(after_points, before.median, indicator.direction), shift_applicable=not rare)


def month_range(baseline_start: str, end: Period | str) -> list[str]:
    return [str(p) for p in months_between(Period.parse(baseline_start), Period.parse(end))]
