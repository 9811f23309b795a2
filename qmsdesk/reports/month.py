"""The content of one month's report, gathered once and written by both the workbook and the PDF writer.

Values stay typed (dates, numbers) so the workbook can store real dates and numbers; patient record
numbers are masked here — the events' own field, and every string of the content against the unit's whole
event register and the labelled-number pattern (reports.masking) — so no writer can leak them by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session, selectinload

from qmsdesk import rules
from qmsdesk.analytics.charts import indicator_history
from qmsdesk.analytics.targets import month_assessment
from qmsdesk.analytics.warnings import history_start
from qmsdesk.clock import local_naive, now
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker, mask_in_text, mask_record_no, patient_masker

# Indicator status words; the workbook colours cells by them. 持续观察: a rare event above its target on too few
# events to tell from chance (analytics/targets.py).
MET, NOT_MET, WATCH, NO_EXPOSURE, NO_TARGET, MISSING = "达标", "未达标", "持续观察", "无暴露", "无目标", "未填报"


@dataclass
class Column:
    header: str
    kind: str = "text"  # text | date | datetime | int | number | status
    width: float = 12  # workbook width in characters
    pdf: float | None = None  # relative width in the PDF table; None: workbook only
    number_format: str | None = None


@dataclass
class Table:
    """One block of rows under a heading; a workbook sheet holds one or more blocks."""

    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    empty_text: str = ""


@dataclass
class IndicatorLine:
    code: str
    name: str
    value_id: str | None
    definition_id: str
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    target_text: str
    warning_text: str
    status: str
    notes: list[str] = field(default_factory=list)


@dataclass
class MonthContent:
    period: Period
    version: int
    hospital_name: str
    hospital_code: str
    department_name: str
    department_code: str
    generated_at: datetime
    counts: list[tuple[str, Any]]
    indicators: list[IndicatorLine]
    sheets: dict[str, list[Table]]
    warnings: list[Any] = field(default_factory=list)  # submission_checks.Issue
    acceptance: Any = None  # submission_checks.Acceptance: what happened to the warnings
    as_of: date | None = None  # the day the month is judged on (rules.month_end)
    rca: list[Any] = field(default_factory=list)  # analytics.rca.RcaView of the month's analysed events
    pdca: list[Any] = field(default_factory=list)  # analytics.pdca_case.PdcaCase running in the month

    @property
    def month_label(self) -> str:
        """"2026年10月": exports are in Chinese whatever the window's language."""
        return f"{self.period.year}年{self.period.month}月"

    @property
    def unit_label(self) -> str:
        return f"{self.hospital_name} {self.department_name}".strip()


def acceptance_statement(content: MonthContent) -> str:
    """The sentence about the warnings on the cover and in the workbook (submission_checks.Acceptance)."""
    if content.acceptance is not None:
        return content.acceptance.statement()
    return "上报前校验：无必须处理的问题，无提示。" if not content.warnings else (
        f"上报前校验：{len(content.warnings)} 条提示尚未核实确认（本文件为预览）。")


def acceptance_rows(content: MonthContent) -> list[tuple[str, str]]:
    """The workbook's rows on the warnings: the statement, then who, when and the comment, each said plainly."""
    a = content.acceptance
    rows = [("确认情况", acceptance_statement(content))]
    if content.warnings:
        accepted = a is not None and a.state == "accepted"
        rows += [("确认人", (a.by or "（未记录）") if accepted else "未确认"),
                 ("确认时间", a.when if accepted else "未确认"),
                 ("确认说明", a.comment if accepted else "未填写")]
    return rows


def _names(session: Session) -> dict[Any, str]:
    return {s.id: s.name for s in session.scalars(live(m.Staff))}


def _fmt_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def indicator_status(assessment: Any | None) -> str:
    """达标 / 未达标 / 持续观察 / 无暴露 / 无目标 / 未填报, from analytics.targets (a value near its target is 达标)."""
    from qmsdesk.analytics.rates import TargetStatus

    if assessment is None:
        return MISSING
    return {TargetStatus.NO_DATA: NO_EXPOSURE, TargetStatus.NO_TARGET: NO_TARGET, TargetStatus.MISSED: NOT_MET,
            TargetStatus.UNCERTAIN: WATCH}.get(assessment.status, MET)


def _target_text(defn: m.IndicatorDefinition, level: float | None) -> str:
    if level is None:
        return ""
    sign = "≤" if defn.direction == e.Direction.LOWER_BETTER else "≥"
    return f"{sign}{_fmt_number(level)}"


def _target_notes(defn: m.IndicatorDefinition, assessment: Any) -> list[str]:
    """Why the status reads as it does: a rare event judged on its year, or a value past the warning level."""
    from qmsdesk.analytics.rates import TargetStatus

    if assessment.on_rolling:
        month = f"本月 {_fmt_number(assessment.month_events)} 例（罕见事件，按近 12 个月评价）"
        return [month, assessment.reason(defn.unit or "", defn.direction, defn.target)]
    if assessment.status is TargetStatus.NEAR:
        return [f"接近目标值（越过预警值 {_fmt_number(defn.warning)}）"]
    return []


def _indicators(session: Session, period: Period, issues: list[Any]) -> list[IndicatorLine]:
    defs = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.applicable.is_(True))
                           .order_by(m.IndicatorDefinition.code)).all()
    values = {v.indicator_id: v for v in session.scalars(live(m.IndicatorValue)
                                                         .where(m.IndicatorValue.period == str(period)))}
    by_record: dict[str, list[str]] = {}
    for issue in issues:
        if issue.record_id:
            by_record.setdefault(str(issue.record_id), []).append(issue.message)
    # Every judged indicator's history in one statement (month_assessment would read one per indicator).
    history = indicator_history(session, [d.id for d in defs if d.id in values], history_start(period), period)
    lines = []
    for d in defs:
        v = values.get(d.id)
        rate = v.value if v is not None else None
        assessment = month_assessment(session, d, period, history.get(d.id, [])) if v is not None else None
        notes = _target_notes(d, assessment) if assessment is not None else []
        notes += by_record.get(str(v.id), []) if v is not None else []
        lines.append(IndicatorLine(
            code=d.code, name=d.name_zh, value_id=str(v.id) if v else None, definition_id=str(d.id),
            numerator=v.numerator if v else None, denominator=v.denominator if v else None, value=rate,
            unit=d.unit or "", target_text=_target_text(d, d.target), warning_text=_target_text(d, d.warning),
            status=indicator_status(assessment), notes=notes,
        ))
    return lines


def _meetings(session: Session, period: Period, names: dict) -> Table:
    t = Table("质控会议", [
        Column("日期", "date", 12, 1.6), Column("会议类型", "text", 16, 2.0), Column("地点", "text", 14),
        Column("主持人", "text", 10, 1.3), Column("记录人", "text", 10), Column("出席", "int", 7, 0.8),
        Column("缺席", "int", 7, 0.8), Column("请假", "int", 7, 0.8), Column("议程", "text", 24),
        Column("会议纪要", "text", 40, 5.0), Column("发现问题", "text", 30, 3.5), Column("决议", "text", 28),
        Column("上次问题跟进", "text", 28),
    ], empty_text="本月无会议记录。")
    rows = session.scalars(live(m.Meeting).where(m.Meeting.date.between(period.first_day, period.last_day))
                           .options(selectinload(m.Meeting.attendance), selectinload(m.Meeting.problems))
                           .order_by(m.Meeting.date)).all()
    for mt in rows:
        att = [a.status for a in mt.attendance if not a.deleted]
        problems = "；".join(p.description for p in mt.problems if not p.deleted)
        t.rows.append([
            mt.date, _label(e.MeetingKind, mt.kind), mt.place or "", names.get(mt.host_id, ""),
            names.get(mt.recorder_id, ""), att.count("present"), att.count("absent"), att.count("excused"),
            mt.agenda or "", mt.minutes or "", problems, mt.decisions or "", mt.follow_up or "",
        ])
    return t


def _training(session: Session, period: Period, names: dict) -> list[Table]:
    sessions = Table("培训", [
        Column("日期", "date", 12, 1.6), Column("培训主题", "text", 36, 4.0), Column("类别", "text", 18, 2.2),
        Column("学时", "number", 8, 0.8, "0.0"), Column("授课人", "text", 12, 1.3), Column("地点", "text", 14),
        Column("应到", "int", 7, 0.8), Column("实到", "int", 7, 0.8),
    ], empty_text="本月无培训记录。")
    for s in session.scalars(live(m.TrainingSession)
                             .where(m.TrainingSession.date.between(period.first_day, period.last_day))
                             .options(selectinload(m.TrainingSession.attendance))  # one query, not one a session
                             .order_by(m.TrainingSession.date)):
        att = [a.status for a in s.attendance if not a.deleted]
        sessions.rows.append([s.date, s.topic, _label(e.TrainingCategory, s.category), s.hours, s.trainer or "",
                              s.place or "", len(att), att.count("present")])
    exams = Table("考核", [
        Column("日期", "date", 12, 1.6), Column("姓名", "text", 10, 1.3), Column("考核类型", "text", 12, 1.5),
        Column("考核内容", "text", 36, 4.0), Column("成绩", "number", 8, 0.8, "0.0"),
        Column("合格线", "number", 8, 0.9, "0"), Column("结果", "text", 8, 0.9),
    ], empty_text="本月无考核记录。")
    for a in session.scalars(live(m.Assessment)
                             .where(m.Assessment.date.between(period.first_day, period.last_day))
                             .order_by(m.Assessment.date)):
        exams.rows.append([a.date, names.get(a.staff_id, ""), _label(e.AssessmentKind, a.kind), a.subject,
                           a.score, a.pass_mark, "合格" if a.passed else "不合格"])
    return [sessions, exams]


def _indicator_table(lines: list[IndicatorLine]) -> Table:
    t = Table("质量指标", [
        Column("指标代码", "text", 16), Column("指标名称", "text", 40, 4.2), Column("分子", "number", 10, 1.0),
        Column("分母", "number", 10, 1.1), Column("指标值", "number", 10, 1.1, "0.00"),
        Column("单位", "text", 10, 1.0), Column("目标值", "text", 9, 1.0), Column("预警值", "text", 9, 1.0),
        Column("状态", "status", 9, 1.0), Column("提示", "text", 36, 3.2),
    ], empty_text="未设置适用指标。")
    for x in lines:
        t.rows.append([x.code, x.name, x.numerator, x.denominator, x.value, x.unit, x.target_text,
                       x.warning_text, x.status, "；".join(x.notes)])
    return t


def _inspections(session: Session, period: Period, record_nos: list[str]) -> list[Table]:
    """检查督查 with computed scores, the deducted checklist items, and the findings."""
    from qmsdesk.reports.month_analysis import inspection_tables

    finds = Table("检查发现问题", [
        Column("检查日期", "date", 12, 1.6), Column("检查类型", "text", 14, 1.8), Column("问题类别", "text", 16, 2.0),
        Column("问题描述", "text", 50, 6.0),
    ], empty_text="本月检查未发现问题。")
    for i in session.scalars(live(m.Inspection)
                             .where(m.Inspection.date.between(period.first_day, period.last_day))
                             .order_by(m.Inspection.date)):
        kind = _label(e.InspectionKind, i.kind)
        finds.rows.extend([i.date, kind, f.category, mask_in_text(f.description, record_nos)]
                          for f in i.findings if not f.deleted)
    return [*inspection_tables(session, period, record_nos), finds]


def _events(session: Session, period: Period) -> Table:
    t = Table("不良事件", [
        Column("发生时间", "datetime", 17, 2.2), Column("上报时间", "datetime", 17), Column("事件类别", "text", 14, 1.8),
        Column("分级", "text", 20, 2.2), Column("伤害程度", "text", 10, 1.2), Column("病案号", "text", 12, 1.4),
        Column("事件经过", "text", 36, 4.5),
        Column("即时处置", "text", 28), Column("原因分析", "text", 36, 3.5), Column("报告方式", "text", 10, 1.2),
    ], empty_text="本月无不良事件报告。")
    events = session.scalars(live(m.AdverseEvent).where(rules.sql_event_in_month(m.AdverseEvent.occurred_at, period))
                             .order_by(m.AdverseEvent.occurred_at)).all()
    record_nos = [ev.medical_record_no for ev in events if ev.medical_record_no]
    for ev in events:
        t.rows.append([
            local_naive(ev.occurred_at), local_naive(ev.reported_at), _label(e.EventCategory, ev.category),
            _label(e.EventGrade, ev.grade), _label(e.HarmLevel, ev.harm_level), mask_record_no(ev.medical_record_no),
            mask_in_text(ev.description, record_nos), mask_in_text(ev.immediate_action, record_nos),
            mask_in_text(ev.analysis, record_nos),
            # No-blame reporting: the report names no reporter, as data.json does not either.
            "实名" if ev.reporter_id else "匿名",
        ])
    return t


def _item_status(item: m.RectificationItem, day: date) -> str:
    """The status on the report's day; an item closed after it reads as still open, with its closure date."""
    later = rules.closed_after(item, day)
    if later is None:
        return _label(e.ItemStatus, item.status)
    late = "逾期" if rules.closed_late(item) else ""
    return f"未销号\n（{later.isoformat()}\n{late}销号）"


def _ledger(session: Session, period: Period, names: dict, day: date) -> Table:
    t = Table("整改台账", [
        Column("发现日期", "date", 12, 1.6), Column("来源", "text", 12, 1.4), Column("类别", "text", 14, 1.5),
        Column("问题", "text", 30, 3.8), Column("原因分析", "text", 26), Column("整改措施", "text", 30, 3.4),
        Column("责任人", "text", 10, 1.2), Column("整改期限", "date", 12, 1.6), Column("状态", "text", 20, 1.6),
        Column("逾期", "text", 6, 0.7), Column("最新进展", "text", 28), Column("验证人", "text", 10, 1.1),
        Column("验证日期", "date", 12), Column("效果评价", "text", 24), Column("销号日期", "date", 12, 1.6),
    ], empty_text="本月无整改事项。")
    from qmsdesk.services.ledger import items_open_in

    for i in items_open_in(session, period, with_progress=True):
        notes = [n for n in i.progress if not n.deleted and n.date <= period.last_day]
        latest = f"{notes[-1].date.isoformat()} {notes[-1].note}" if notes else ""
        t.rows.append([
            i.found_on, _label(e.SourceKind, i.source_kind), i.category, i.problem, i.root_cause or "",
            i.measures or "", names.get(i.responsible_id, ""), i.deadline, _item_status(i, day),
            "是" if rules.overdue_on(i, day) else "", latest, names.get(i.verifier_id, ""), i.verified_on,
            i.effect_evaluation or "", i.closed_on,
        ])
    return t


def _label(enum: type[e.LabelledEnum], code: str | None) -> str:
    if not code:
        return ""
    # Exports are in Chinese whatever the window's language (DESIGN.md §6).
    return enum.label_pairs().get(code, (code, code))[0]


def collect_month(
    session: Session,
    period: Period | str,
    *,
    version: int = 1,
    warnings: list[Any] | None = None,
    acceptance: Any = None,
    as_of: date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MonthContent:
    """Read everything the month's report shows, judged on `as_of` (default: the month's end, rules.month_end).

    `warnings` are submission_checks issues to print; `acceptance` (submission_checks.Acceptance) says what
    happened to them, in the same words on the cover, in the workbook and in data.json.
    """
    period = Period.parse(period)
    day = as_of or rules.month_end(period)
    warnings = list(warnings or [])
    unit = session.scalars(live(m.Unit)).first()
    names = _names(session)
    lines = _indicators(session, period, warnings)
    sheets: dict[str, list[Table]] = {}
    sheets["会议"] = [_meetings(session, period, names)]
    sheets["培训考核"] = _training(session, period, names)
    sheets["质量指标"] = [_indicator_table(lines)]
    if cancelled and cancelled():
        from qmsdesk.errors import QmsError

        raise QmsError(msg("已取消。", "Cancelled."))
    from qmsdesk.reports import month_analysis as qa

    record_nos = qa.known_record_nos(session)
    sheets["检查督查"] = _inspections(session, period, record_nos)
    rca = qa.rca_views(session, period)
    sheets["不良事件"] = [_events(session, period), qa.rca_table(rca, record_nos)]
    sheets["整改台账"] = [_ledger(session, period, names, day)]
    pdca = qa.pdca_cases(session, period)
    sheets["持续改进"] = [qa.pdca_table(pdca, period, record_nos)]
    counts = _counts(session, sheets, lines, period, day)
    return _masked(patient_masker(session), MonthContent(
        period=period, version=version, as_of=day,
        hospital_name=unit.hospital_name if unit else "", hospital_code=unit.hospital_code if unit else "",
        department_name=unit.department_name if unit else "", department_code=unit.department_code if unit else "",
        generated_at=local_naive(now()).replace(microsecond=0), counts=counts, indicators=lines, sheets=sheets,
        warnings=warnings, acceptance=acceptance, rca=rca, pdca=pdca,
    ))


def _masked(masker: PatientMasker, content: MonthContent) -> MonthContent:
    """Every string the writers will print, masked: table cells, indicator notes, warnings, the acceptance's
    comment, the unit's names."""
    from dataclasses import replace

    for tables in content.sheets.values():
        for table in tables:
            table.rows = [masker.deep(row) for row in table.rows]
    for line in content.indicators:
        line.name, line.notes = masker.text(line.name), masker.deep(line.notes)
    content.warnings = [replace(w, message=masker.text(w.message)) if hasattr(w, "message") else w
                        for w in content.warnings]
    content.acceptance = masker.deep(content.acceptance)
    content.rca, content.pdca = masker.deep(content.rca), masker.deep(content.pdca)
    content.hospital_name, content.department_name = masker.text(content.hospital_name), masker.text(
        content.department_name)
    return content


def _counts(session: Session, sheets: dict[str, list[Table]], lines: list[IndicatorLine], period: Period,
            day: date) -> list[tuple[str, Any]]:
    """The month in figures (the cover and 概览): the ledger's from analytics.derived, as `status` and the dashboard."""
    from qmsdesk.analytics import derived

    meetings = sheets["会议"][0].rows
    training, exams = sheets["培训考核"]
    from qmsdesk.reports.month_analysis import counts as quality_counts

    insp, finds = sheets["检查督查"][0], sheets["检查督查"][-1]
    events = sheets["不良事件"][0].rows
    entered = sum(1 for x in lines if x.status != MISSING)
    grades: dict[str, int] = {}
    for row in events:
        grades[row[3]] = grades.get(row[3], 0) + 1
    ledger = derived.ledger_figures(session, period, day)
    return [
        ("质控会议（次）", len(meetings)),
        ("　其中质控小组例会", len(derived.group_meetings(session, period).meetings)),
        ("培训（次）", len(training.rows)),
        ("培训学时合计", round(sum(r[3] or 0 for r in training.rows), 1)),
        ("考核（人次）", len(exams.rows)),
        ("考核合格（人次）", sum(1 for r in exams.rows if r[6] == "合格")),
        ("质量指标已填报", f"{entered} / {len(lines)}"),
        ("质量指标达标", sum(1 for x in lines if x.status == MET)),
        ("质量指标未达标", sum(1 for x in lines if x.status == NOT_MET)),
        *((("质量指标持续观察", watch),) if (watch := sum(1 for x in lines if x.status == WATCH)) else ()),
        ("检查督查（次）", len(insp.rows)),
        *quality_counts(sheets)[:3],
        ("检查发现问题（项）", len(finds.rows)),
        ("不良事件（例）", len(events)),
        *((f"　其中 {g}", n) for g, n in sorted(grades.items())),
        *quality_counts(sheets)[3:5],
        ("整改事项（本月涉及，项）", ledger.in_month),
        ("　其中本月新增", ledger.raised),
        ("　其中本月销号", ledger.closed),
        (f"截至 {day.isoformat()} 未销号（项）", ledger.open),
        ("　其中逾期", len(ledger.overdue)),
        *quality_counts(sheets)[5:],
    ]
