"""The quarterly quality-control report (季度质控报告): its content gathered once, then written as PDF and XLSX.

Sections follow what a 质控办 publishes (seed 001 art. 5): reporting completeness and timeliness,
indicators by unit against their targets with SPC signals, adverse events by category and grade,
rectification closure and overdue items, training compliance, the units and indicators that need
attention, and each unit's own quarterly analysis quoted (office.analyses). Figures use each unit's newest version of a month that was not returned.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qmsdesk import clock
from qmsdesk.analytics.rates import TargetStatus
from qmsdesk.i18n import msg
from qmsdesk.office import quarter_figures
from qmsdesk.office.analyses import UnitAnalysis, unit_analyses
from qmsdesk.office.comparison import Comparison, IndicatorInfo, reported_indicators, unit_labels
from qmsdesk.office.completeness import CompletenessTable, completeness
from qmsdesk.office.compliance import EventTable, TrainingRow, events_by_unit, training_by_unit
from qmsdesk.office.followup import Closure, FollowItem, category_pareto, most_overdue_first
from qmsdesk.office.quality import factor_pareto
from qmsdesk.office.quality_report import gather_quality
from qmsdesk.office.queries import label_sets, quarter_periods, shared_labels
from qmsdesk.office.signals import judge_quarter, quarter_indicators
from qmsdesk.office.store import OfficeStore

KEY_INDICATORS = ("NUR-FALL", "NUR-PI", "NUR-UEX-GT", "NUR-CAUTI", "NUR-CLABSI", "NIT-VTE")
CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass
class IndicatorSummary:
    comparison: Comparison
    signals: dict[str, list[str]]  # unit id → signal texts in the quarter

    @property
    def info(self) -> IndicatorInfo:
        return self.comparison.indicator

    @property
    def missed(self) -> int:
        return len(self.comparison.missed)

    @property
    def reporting(self) -> int:
        return self.comparison.reporting

    @property
    def concern_units(self) -> int:
        return len(self.signals)


@dataclass
class Attention:
    subject: str
    reasons: list[str]


@dataclass
class QuarterContent:
    quarter: str
    title: str
    periods: list[str]
    office_name: str
    today: date
    table: CompletenessTable
    indicators: list[IndicatorSummary]
    events: EventTable
    closure: list[Closure]
    overdue: list[FollowItem]
    pareto: object
    training: list[TrainingRow]
    units_attention: list[Attention] = field(default_factory=list)
    indicators_attention: list[Attention] = field(default_factory=list)
    analyses: list[UnitAnalysis] = field(default_factory=list)  # each unit's own approved quarterly analysis

    @property
    def units_without_analysis(self) -> list[str]:
        done = {a.unit_id for a in self.analyses}
        return [u.label for u in self.table.units if u.id not in done]
    quality: object = None  # office.quality_report.QualityPart: checklist scores, deductions, PDCA cases

    @property
    def span(self) -> str:
        return f"{self.periods[0]} — {self.periods[-1]}"


def _attention(content: QuarterContent) -> None:
    per_unit: dict[str, tuple[str, list[str]]] = {}

    def note(unit_id: str, label: str, reason: str) -> None:
        per_unit.setdefault(unit_id, (label, []))[1].append(reason)

    table = content.table.cells  # (unit id, month) → cell: 12,000 look-ups in a province's quarter, not method calls
    for unit in content.table.units:
        cells = [table[(unit.id, p)] for p in content.periods]
        missing = [p for p, c in zip(content.periods, cells, strict=True) if c.status in ("missing", "returned")]
        late = [c for c in cells if c.status == "late"]
        if missing:
            note(unit.id, unit.label, msg("{m} 未上报或被退回未更正", "{m} missing or returned", m="、".join(missing)))
        if len(late) >= 2:
            note(unit.id, unit.label, msg("本季度迟报 {n} 次", "late {n} times this quarter", n=len(late)))
    outliers: dict[str, tuple[str, list[str]]] = {}
    signalled: dict[str, tuple[str, list[str]]] = {}
    for ind in content.indicators:
        for row in ind.comparison.missed:
            if row.funnel_outlier:
                outliers.setdefault(row.unit_id, (row.unit_label, []))[1].append(ind.info.name_zh)
        labels = {r.unit_id: r.unit_label for r in ind.comparison.rows} if ind.signals else {}
        for unit_id, _texts in ind.signals.items():
            signalled.setdefault(unit_id, (labels.get(unit_id, ""), []))[1].append(ind.info.name_zh)
    for unit_id, (label, names) in outliers.items():
        note(unit_id, label, msg("{n} 项指标未达目标且明显偏离全区水平（{i}）", "{n} indicators miss the target as funnel "
                                 "outliers ({i})", n=len(names), i=_some(names)))
    for unit_id, (label, names) in signalled.items():
        note(unit_id, label, msg("控制图出现不利信号：{i}", "unfavourable SPC signals: {i}", i=_some(names)))
    for c in content.closure:
        if c.overdue >= 5 and c.rate is not None and c.rate < 50:
            note(c.unit_id, c.unit_label, msg("整改销号率 {r:.0f}%，超期 {o} 项", "closure {r:.0f}%, {o} overdue",
                                              r=c.rate or 0, o=c.overdue))
    for t in content.training:
        if t.pass_rate is not None and t.pass_rate < 85:
            note(t.unit_id, t.unit_label, msg("考核合格率 {r:.1f}%", "pass rate {r:.1f}%", r=t.pass_rate))
    for unit_id, label in content.events.labels.items():
        serious = content.events.serious(unit_id)
        if serious >= 2:
            note(unit_id, label, msg("发生 I–II 级不良事件 {n} 例", "{n} grade I–II events", n=serious))
    ranked = sorted(per_unit.values(), key=lambda lr: (-len(lr[1]), lr[0]))
    content.units_attention = [Attention(label, reasons) for label, reasons in ranked]
    for ind in content.indicators:
        reasons = []
        pooled_ok = ind.comparison.pooled is None or ind.info.target is None or (
            ind.comparison.pooled <= ind.info.target if ind.info.direction == "lower"
            else ind.comparison.pooled >= ind.info.target)
        if not pooled_ok:
            reasons.append(msg("全区合计 {v} 未达目标 {t}", "overall {v} misses the target {t}",
                               v=ind.info.fmt(ind.comparison.pooled), t=ind.info.target_text))
        if ind.reporting and ind.missed / ind.reporting >= 0.3:
            reasons.append(msg("{m}/{n} 个单位未达目标", "{m} of {n} units miss the target", m=ind.missed, n=ind.reporting))
        if ind.concern_units:
            reasons.append(msg("{n} 个单位出现异常信号", "{n} units show signals", n=ind.concern_units))
        if reasons:
            content.indicators_attention.append(Attention(f"{ind.info.name_zh}（{ind.info.code}）", reasons))


def _some(names: list[str], k: int = 3) -> str:
    return "、".join(names[:k]) + (msg(" 等", " and others") if len(names) > k else "")


def quarter_title(quarter: str, office_name: str = "") -> str:
    periods = quarter_periods(quarter)
    year, q = periods[0][:4], (int(periods[0][5:]) + 2) // 3
    return msg("{o}{y}年第{q}季度医疗质量与安全质控报告", "{o}Quality and safety report, {y} Q{q}",
               o=office_name, y=year, q=CN_QUARTER[q] if msg("zh", "en") == "zh" else q)


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a province's report makes a million small objects that form no cycles,
    and each full collection they set off walks every object of the process again (half the report's CPU time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def gather(store: OfficeStore, quarter: str, *, office_name: str = "", today: date | None = None,
           progress: Callable[[int, int], None] | None = None) -> QuarterContent:
    """The report's content; `progress(done, total)` while the units' charts not judged yet are judged."""
    periods = quarter_periods(quarter)
    today = today or clock.today()
    with store.session() as s:
        judge_quarter(s, periods, progress)  # the units' charts not yet judged for this quarter (office/signals.py)
        if quarter_figures.kept(periods, today):
            quarter_figures.count_quarter(s, periods, today)  # the units' counts not yet kept
        with _no_collection():
            content = _read(store, s, quarter, periods, office_name, today)
            _attention(content)
    return content


def _read(store: OfficeStore, s, quarter: str, periods: list[str], office_name: str, today: date) -> QuarterContent:
    """The sections; on a server, those that mostly wait for it are read on two more connections meanwhile."""
    with ThreadPoolExecutor(max_workers=len(_ASIDE)) as pool, shared_labels(s):
        if store.is_sqlite:  # one file: nothing to gain from more readers
            aside = [_Done(part(s, quarter, periods, today)) for part in _ASIDE]
        else:
            aside = [pool.submit(copy_context().run, _aside_session, part, store, label_sets(), quarter, periods,
                                 today) for part in _ASIDE]
        infos = [info for info in reported_indicators(s, periods) if info.target is not None]
        indicators = [IndicatorSummary(*pair) for pair in quarter_indicators(s, infos, periods, unit_labels(s))]
        closure, seen = quarter_figures.quarter_closure(s, periods, today)
        training = training_by_unit(s, periods, seen)
        overdue = most_overdue_first(quarter_figures.quarter_overdue(s, periods, today), today)
        sections = {}
        for part in aside:
            sections.update(part.result())
        sections["quality"].factors = sections.pop("factors")
        return QuarterContent(quarter=quarter.upper(), title=quarter_title(quarter, office_name), periods=periods,
                              office_name=office_name, today=today, indicators=indicators, closure=closure,
                              overdue=overdue, training=training, **sections)


@dataclass
class _Done:
    value: dict

    def result(self) -> dict:
        return self.value


def _aside_session(part, store: OfficeStore, labels, quarter: str, periods: list[str], today: date) -> dict:
    with store.session() as s, shared_labels(s, labels):  # the labels the report's own session read
        return part(s, quarter, periods, today)


def _completeness_events(s, _quarter: str, periods: list[str], today: date) -> dict:
    """Sections that are mostly the server's work: completeness, events, the categories' Pareto, and the events'
    contributing factors (the quality tools' part that the other connection, the busier one, leaves out)."""
    return dict(table=completeness(s, periods, today), events=events_by_unit(s, periods),
                pareto=category_pareto(s, periods, until=periods[-1]), factors=factor_pareto(s, periods))


def _quality_analyses(s, quarter: str, periods: list[str], _today: date) -> dict:
    """The other sections that are mostly the server's work: the quality tools (scored inspections, deducted items,
    PDCA cases) and the units' analyses."""
    return dict(quality=gather_quality(s, periods, factors=False), analyses=unit_analyses(s, quarter.strip().upper()))


_ASIDE = (_completeness_events, _quality_analyses)


def key_indicators(content: QuarterContent, k: int = 4) -> list[IndicatorSummary]:
    """The indicators worth a chart: most units missing the target first, never one where all values are 0."""
    varied = [i for i in content.indicators if any(r.value for r in i.comparison.rows)]
    ranked = sorted(varied, key=lambda i: (-i.missed, i.info.code not in KEY_INDICATORS, i.info.code))
    return [i for i in ranked if i.missed][:k] or ranked[:k]


def status_text(status: TargetStatus) -> str:
    return {TargetStatus.MET: msg("达标", "met"), TargetStatus.NEAR: msg("接近预警", "near"),
            TargetStatus.MISSED: msg("未达标", "missed"),
            TargetStatus.UNCERTAIN: msg("持续观察", "keep watching")}.get(status, "—")


@dataclass(frozen=True)
class QuarterlyReport:
    pdf: Path
    xlsx: Path


def write_quarterly_report(store: OfficeStore, quarter: str, out_dir: Path, *, office_name: str = "",
                           today: date | None = None,
                           progress: Callable[[int, int], None] | None = None) -> QuarterlyReport:
    """Write 季度质控报告_<quarter>.pdf and .xlsx into `out_dir` (`progress` as gather reports it)."""
    from qmsdesk.office.quarterly_pdf import build_quarterly_pdf
    from qmsdesk.office.quarterly_xlsx import build_quarterly_workbook
    from qmsdesk.sync.keys import write_atomically

    content = gather(store, quarter, office_name=office_name, today=today, progress=progress)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = msg("季度质控报告_{q}", "quarterly_report_{q}", q=content.quarter)
    pdf, xlsx = out_dir / f"{stem}.pdf", out_dir / f"{stem}.xlsx"
    write_atomically(pdf, build_quarterly_pdf(content), mode=0o644)
    write_atomically(xlsx, build_quarterly_workbook(content), mode=0o644)
    return QuarterlyReport(pdf, xlsx)
