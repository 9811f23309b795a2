"""The content of one month's report and its computing, over plain objects: no database, no SQLAlchemy.

reports/month.py reads the month through the ORM and reports/month_collect_raw.py with plain SQL; both hand
the rows (ORM objects, or SimpleNamespace rows with the same attribute names) to the builders here, so the
tables, the statuses, the counts and the masking of the report come from one piece of code whichever path
read them. Values stay typed (dates, numbers) so the workbook can store real dates and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from qmsdesk import clock, rules
from qmsdesk.analytics.inspection_scores import points_text
from qmsdesk.analytics.targets import month_assessment
from qmsdesk.db import enums as e
from qmsdesk.periods import Period
from qmsdesk.reports.masking import PatientMasker, mask_in_text, mask_record_no

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


def fmt_number(value: float | None) -> str:
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


def target_text(defn: Any, level: float | None) -> str:
    if level is None:
        return ""
    sign = "≤" if defn.direction == e.Direction.LOWER_BETTER else "≥"
    return f"{sign}{fmt_number(level)}"


def target_notes(defn: Any, assessment: Any) -> list[str]:
    """Why the status reads as it does: a rare event judged on its year, or a value past the warning level."""
    from qmsdesk.analytics.rates import TargetStatus

    if assessment.on_rolling:
        month = f"本月 {fmt_number(assessment.month_events)} 例（罕见事件，按近 12 个月评价）"
        return [month, assessment.reason(defn.unit or "", defn.direction, defn.target)]
    if assessment.status is TargetStatus.NEAR:
        return [f"接近目标值（越过预警值 {fmt_number(defn.warning)}）"]
    return []


def label(enum: type[e.LabelledEnum], code: str | None) -> str:
    if not code:
        return ""
    # Exports are in Chinese whatever the window's language (DESIGN.md §6).
    return enum.label_pairs().get(code, (code, code))[0]


# --- the tables, from rows ------------------------------------------------------------------------

def indicator_lines(defs: list[Any], values: dict[Any, Any], history: dict[Any, list[Any]], period: Period,
                    issues: list[Any]) -> list[IndicatorLine]:
    """The applicable definitions (by code) with the month's value (by definition id) judged on `history` (each
    judged definition's values over analytics/warnings.history_start..period); `issues` add their messages."""
    by_record: dict[str, list[str]] = {}
    for issue in issues:
        if issue.record_id:
            by_record.setdefault(str(issue.record_id), []).append(issue.message)
    lines = []
    for d in defs:
        v = values.get(d.id)
        rate = v.value if v is not None else None
        assessment = month_assessment(None, d, period, history.get(d.id, [])) if v is not None else None
        notes = target_notes(d, assessment) if assessment is not None else []
        notes += by_record.get(str(v.id), []) if v is not None else []
        lines.append(IndicatorLine(
            code=d.code, name=d.name_zh, value_id=str(v.id) if v else None, definition_id=str(d.id),
            numerator=v.numerator if v else None, denominator=v.denominator if v else None, value=rate,
            unit=d.unit or "", target_text=target_text(d, d.target), warning_text=target_text(d, d.warning),
            status=indicator_status(assessment), notes=notes,
        ))
    return lines


def meetings_table(meetings: list[Any], names: dict) -> Table:
    """The month's meetings by date, each with its `attendance` and `problems`."""
    t = Table("质控会议", [
        Column("日期", "date", 12, 1.6), Column("会议类型", "text", 16, 2.0), Column("地点", "text", 14),
        Column("主持人", "text", 10, 1.3), Column("记录人", "text", 10), Column("出席", "int", 7, 0.8),
        Column("缺席", "int", 7, 0.8), Column("请假", "int", 7, 0.8), Column("议程", "text", 24),
        Column("会议纪要", "text", 40, 5.0), Column("发现问题", "text", 30, 3.5), Column("决议", "text", 28),
        Column("上次问题跟进", "text", 28),
    ], empty_text="本月无会议记录。")
    for mt in meetings:
        att = [a.status for a in mt.attendance if not a.deleted]
        problems = "；".join(p.description for p in mt.problems if not p.deleted)
        t.rows.append([
            mt.date, label(e.MeetingKind, mt.kind), mt.place or "", names.get(mt.host_id, ""),
            names.get(mt.recorder_id, ""), att.count("present"), att.count("absent"), att.count("excused"),
            mt.agenda or "", mt.minutes or "", problems, mt.decisions or "", mt.follow_up or "",
        ])
    return t


def training_tables(sessions_: list[Any], assessments: list[Any], names: dict) -> list[Table]:
    """The month's training sessions (each with its `attendance`) and assessments, by date."""
    sessions = Table("培训", [
        Column("日期", "date", 12, 1.6), Column("培训主题", "text", 36, 4.0), Column("类别", "text", 18, 2.2),
        Column("学时", "number", 8, 0.8, "0.0"), Column("授课人", "text", 12, 1.3), Column("地点", "text", 14),
        Column("应到", "int", 7, 0.8), Column("实到", "int", 7, 0.8),
    ], empty_text="本月无培训记录。")
    for s in sessions_:
        att = [a.status for a in s.attendance if not a.deleted]
        sessions.rows.append([s.date, s.topic, label(e.TrainingCategory, s.category), s.hours, s.trainer or "",
                              s.place or "", len(att), att.count("present")])
    exams = Table("考核", [
        Column("日期", "date", 12, 1.6), Column("姓名", "text", 10, 1.3), Column("考核类型", "text", 12, 1.5),
        Column("考核内容", "text", 36, 4.0), Column("成绩", "number", 8, 0.8, "0.0"),
        Column("合格线", "number", 8, 0.9, "0"), Column("结果", "text", 8, 0.9),
    ], empty_text="本月无考核记录。")
    for a in assessments:
        exams.rows.append([a.date, names.get(a.staff_id, ""), label(e.AssessmentKind, a.kind), a.subject,
                           a.score, a.pass_mark, "合格" if a.passed else "不合格"])
    return [sessions, exams]


def indicator_table(lines: list[IndicatorLine]) -> Table:
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


def inspection_tables(rows: list[Any], ledger_states: dict[str, str], record_nos: list[str]) -> list[Table]:
    """检查督查 (one row per inspection, the score computed or marked as typed) and 检查扣分明细, from the
    month's analytics.inspection_scores.InspectionRow; `ledger_states`: ledger item id → its status in words."""
    insp = Table("检查督查", [
        Column("日期", "date", 12, 1.5), Column("检查类型", "text", 14, 1.6), Column("检查人/部门", "text", 16, 1.8),
        Column("检查内容", "text", 30, 3.0), Column("评分表版本", "text", 16, 1.6), Column("得分", "number", 8, 0.9, "0.0"),
        Column("满分", "number", 7, 0.8, "0"), Column("得分率(%)", "number", 9, 1.0, "0.0"),
        Column("评分方式", "text", 12, 1.3), Column("扣分项", "int", 7, 0.8), Column("问题数", "int", 7, 0.8),
        Column("检查小结", "text", 36),
    ], empty_text="本月无检查督查记录。")
    items = Table("检查扣分明细", [
        Column("检查日期", "date", 12, 1.5), Column("评分表", "text", 24, 2.4), Column("项目编码", "text", 10, 1.0),
        Column("检查项目", "text", 40, 4.0), Column("标准分", "number", 8, 0.8, "0.0"), Column("检查方法", "text", 10, 1.0),
        Column("抽查数", "int", 7, 0.8), Column("不合格数", "int", 8, 0.8), Column("扣分", "number", 7, 0.8, "0.0"),
        Column("扣分原因", "text", 30, 3.0), Column("附件", "text", 20), Column("整改事项", "text", 10, 1.0),
    ], empty_text="本月检查评分无扣分项目。")
    for row in rows:
        sc = row.scored
        if sc is not None:
            insp.rows.append([row.date, label(e.InspectionKind, row.kind), row.inspector, row.topic or "",
                              f"{sc.template_code} {sc.template_version}", sc.points, sc.applicable_total, sc.percent,
                              "逐项评分", len(sc.deducted_items), row.findings, mask_in_text(row.summary, record_nos)])
            for it in sc.deducted_items:
                items.rows.append([row.date, sc.template_name, it.code, it.text, it.standard, it.method_label,
                                   it.sample_size, it.failures, it.deduction, mask_in_text(it.reason, record_nos),
                                   it.attachment or "", ledger_states.get(it.ledger_item_id, "")])
        else:
            manual = "手填（旧记录）" if row.typed_score is not None else "未评分"
            insp.rows.append([row.date, label(e.InspectionKind, row.kind), row.inspector, row.topic or "", "",
                              row.typed_score, None, None, manual, None, row.findings,
                              mask_in_text(row.summary, record_nos)])
    return [insp, items]


def findings_table(inspections: list[Any], record_nos: list[str]) -> Table:
    """检查发现问题: the month's inspections by date, each with its `findings`."""
    finds = Table("检查发现问题", [
        Column("检查日期", "date", 12, 1.6), Column("检查类型", "text", 14, 1.8), Column("问题类别", "text", 16, 2.0),
        Column("问题描述", "text", 50, 6.0),
    ], empty_text="本月检查未发现问题。")
    for i in inspections:
        kind = label(e.InspectionKind, i.kind)
        finds.rows.extend([i.date, kind, f.category, mask_in_text(f.description, record_nos)]
                          for f in i.findings if not f.deleted)
    return finds


def events_table(events: list[Any]) -> Table:
    """不良事件: the month's events by when they happened (aware UTC times)."""
    t = Table("不良事件", [
        Column("发生时间", "datetime", 17, 2.2), Column("上报时间", "datetime", 17), Column("事件类别", "text", 14, 1.8),
        Column("分级", "text", 20, 2.2), Column("伤害程度", "text", 10, 1.2), Column("病案号", "text", 12, 1.4),
        Column("事件经过", "text", 36, 4.5),
        Column("即时处置", "text", 28), Column("原因分析", "text", 36, 3.5), Column("报告方式", "text", 10, 1.2),
    ], empty_text="本月无不良事件报告。")
    record_nos = [ev.medical_record_no for ev in events if ev.medical_record_no]
    for ev in events:
        t.rows.append([
            clock.local_naive(ev.occurred_at), clock.local_naive(ev.reported_at), label(e.EventCategory, ev.category),
            label(e.EventGrade, ev.grade), label(e.HarmLevel, ev.harm_level), mask_record_no(ev.medical_record_no),
            mask_in_text(ev.description, record_nos), mask_in_text(ev.immediate_action, record_nos),
            mask_in_text(ev.analysis, record_nos),
            # No-blame reporting: the report names no reporter, as data.json does not either.
            "实名" if ev.reporter_id else "匿名",
        ])
    return t


def item_status(item: Any, day: date) -> str:
    """The status on the report's day; an item closed after it reads as still open, with its closure date."""
    later = rules.closed_after(item, day)
    if later is None:
        return label(e.ItemStatus, item.status)
    late = "逾期" if rules.closed_late(item) else ""
    return f"未销号\n（{later.isoformat()}\n{late}销号）"


def ledger_table(items: list[Any], names: dict, period: Period, day: date) -> Table:
    """整改台账: the items open at any time in the month, by the day found, each with its `progress` by date."""
    t = Table("整改台账", [
        Column("发现日期", "date", 12, 1.6), Column("来源", "text", 12, 1.4), Column("类别", "text", 14, 1.5),
        Column("问题", "text", 30, 3.8), Column("原因分析", "text", 26), Column("整改措施", "text", 30, 3.4),
        Column("责任人", "text", 10, 1.2), Column("整改期限", "date", 12, 1.6), Column("状态", "text", 20, 1.6),
        Column("逾期", "text", 6, 0.7), Column("最新进展", "text", 28), Column("验证人", "text", 10, 1.1),
        Column("验证日期", "date", 12), Column("效果评价", "text", 24), Column("销号日期", "date", 12, 1.6),
    ], empty_text="本月无整改事项。")
    for i in items:
        notes = [n for n in i.progress if not n.deleted and n.date <= period.last_day]
        latest = f"{notes[-1].date.isoformat()} {notes[-1].note}" if notes else ""
        t.rows.append([
            i.found_on, label(e.SourceKind, i.source_kind), i.category, i.problem, i.root_cause or "",
            i.measures or "", names.get(i.responsible_id, ""), i.deadline, item_status(i, day),
            "是" if rules.overdue_on(i, day) else "", latest, names.get(i.verifier_id, ""), i.verified_on,
            i.effect_evaluation or "", i.closed_on,
        ])
    return t


def rca_table(views: list[Any], record_nos: list[str]) -> Table:
    t = Table("根因分析", [
        Column("发生时间", "datetime", 17, 1.8), Column("事件类别", "text", 12, 1.3), Column("分级", "text", 18, 1.8),
        Column("伤害程度", "text", 10, 1.1), Column("原因因素（人·机·料·法·环·测）", "text", 40, 4.0),
        Column("5个为什么", "text", 40, 3.6), Column("根本原因", "text", 30, 2.6), Column("经验教训", "text", 30, 2.4),
        Column("改进措施", "text", 30, 2.6), Column("完成情况", "text", 20, 1.8),
    ], empty_text="本月无需要根因分析的事件。")
    for v in views:
        factors = "；".join(f"{f.category_label}：{f.label}{'（主要）' if f.primary else ''}"
                           + (f"（{f.note}）" if f.note else "") for f in v.factors)
        whys = "\n".join(f"{n}. {w}" for n, w in enumerate(v.whys, start=1))
        actions = "\n".join(f"{a.problem}（{a.status_label}，期限 {a.deadline.isoformat()}）" for a in v.actions)
        state = "完整" if v.complete else "未完成：" + "、".join(v.gaps)
        t.rows.append([clock.local_naive(v.occurred_at), label(e.EventCategory, v.category),
                       label(e.EventGrade, v.grade), label(e.HarmLevel, v.harm_level),
                       mask_in_text(factors, record_nos), mask_in_text(whys, record_nos),
                       mask_in_text(v.root_cause, record_nos), mask_in_text(v.lessons, record_nos),
                       mask_in_text(actions, record_nos), state])
    return t


def pdca_table(cases: list[Any], period: Period, record_nos: list[str]) -> Table:
    t = Table("持续改进项目", [
        Column("改进主题", "text", 30, 2.8), Column("阶段", "text", 10, 1.1), Column("立项日期", "date", 12, 1.3),
        Column("负责人", "text", 10, 1.0), Column("指标：改进前 → 改进后（目标）", "text", 40, 3.6),
        Column("要因", "text", 30, 2.6), Column("对策（已销号/总数）", "text", 12, 1.2),
        Column("本月实施记录", "text", 40, 3.4),
    ], empty_text="本月无进行中的持续改进项目。")
    for c in cases:
        figures = []
        by_code = {s.code: s for s in c.comparisons}
        for ind in c.indicators:
            spec = by_code.get(ind.code)
            after = spec.fmt(spec.after.value) if spec and spec.after.months_with_data else "—"
            figures.append(f"{ind.name} {ind.fmt(ind.baseline)} → {after}（目标 {ind.target_text}）")
        notes = "\n".join(f"{x.date.isoformat()} {x.note}" for x in c.log if period.contains(x.date))
        t.rows.append([c.title, label(e.PdcaStage, c.stage), c.started_on, c.leader or "", "\n".join(figures),
                       "；".join(k.description for k in c.key_causes), f"{c.closed_countermeasures}/{len(c.countermeasures)}",
                       mask_in_text(notes, record_nos)])
    return t


def quality_counts(sheets: dict[str, list[Table]]) -> list[tuple[str, Any]]:
    """The overview lines of the quality tools."""
    insp, items = sheets["检查督查"][0], sheets["检查督查"][1]
    scored = [r for r in insp.rows if r[8] == "逐项评分"]
    rates = [r[7] for r in scored if r[7] is not None]
    rca = next(t for t in sheets["不良事件"] if t.title == "根因分析")
    return [
        ("　其中逐项评分", len(scored)),
        ("　逐项评分平均得分率", f"{points_text(round(sum(rates) / len(rates), 1))}%" if rates else "—"),
        ("　扣分项目（项）", len(items.rows)),
        ("根因分析（例）", len(rca.rows)),
        ("　其中已完成", sum(1 for r in rca.rows if r[9] == "完整")),
        ("持续改进项目（个）", len(sheets["持续改进"][0].rows)),
    ]


def month_counts(sheets: dict[str, list[Table]], lines: list[IndicatorLine], day: date, ledger: Any,
                 group_meetings: int) -> list[tuple[str, Any]]:
    """The month in figures (the cover and 概览): the ledger's `ledger` (analytics.figures.LedgerFigures) and the
    group's meetings held as `status` and the dashboard count them (analytics/derived.py, analytics/month_raw.py)."""
    meetings = sheets["会议"][0].rows
    training, exams = sheets["培训考核"]
    insp, finds = sheets["检查督查"][0], sheets["检查督查"][-1]
    events = sheets["不良事件"][0].rows
    entered = sum(1 for x in lines if x.status != MISSING)
    grades: dict[str, int] = {}
    for row in events:
        grades[row[3]] = grades.get(row[3], 0) + 1
    quality = quality_counts(sheets)
    return [
        ("质控会议（次）", len(meetings)),
        ("　其中质控小组例会", group_meetings),
        ("培训（次）", len(training.rows)),
        ("培训学时合计", round(sum(r[3] or 0 for r in training.rows), 1)),
        ("考核（人次）", len(exams.rows)),
        ("考核合格（人次）", sum(1 for r in exams.rows if r[6] == "合格")),
        ("质量指标已填报", f"{entered} / {len(lines)}"),
        ("质量指标达标", sum(1 for x in lines if x.status == MET)),
        ("质量指标未达标", sum(1 for x in lines if x.status == NOT_MET)),
        *((("质量指标持续观察", watch),) if (watch := sum(1 for x in lines if x.status == WATCH)) else ()),
        ("检查督查（次）", len(insp.rows)),
        *quality[:3],
        ("检查发现问题（项）", len(finds.rows)),
        ("不良事件（例）", len(events)),
        *((f"　其中 {g}", n) for g, n in sorted(grades.items())),
        *quality[3:5],
        ("整改事项（本月涉及，项）", ledger.in_month),
        ("　其中本月新增", ledger.raised),
        ("　其中本月销号", ledger.closed),
        (f"截至 {day.isoformat()} 未销号（项）", ledger.open),
        ("　其中逾期", len(ledger.overdue)),
        *quality[5:],
    ]


def masked(masker: PatientMasker, content: MonthContent) -> MonthContent:
    """Every string the writers will print, masked: table cells, indicator notes, warnings, the acceptance's
    comment, the unit's names."""
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


@dataclass
class MonthRows:
    """Everything the month's report is computed from, as read by either reader (ORM objects or plain rows)."""

    unit: Any  # the live unit (hospital_name, hospital_code, department_name, department_code) or None
    names: dict  # staff id → name
    definitions: list[Any]  # live applicable indicator definitions by code
    values: dict  # definition id → the month's live value (with `value` computed)
    history: dict  # definition id → its live values over analytics/warnings.history_start..period
    meetings: list[Any]  # with `attendance` and `problems`
    sessions: list[Any]  # training sessions with `attendance`
    assessments: list[Any]
    record_nos: list[str]  # every record number of the event register (deleted events included)
    inspection_rows: list[Any]  # analytics.inspection_scores.InspectionRow of the month
    ledger_states: dict[str, str]  # ledger item id (raised from a checklist line) → its status in words
    inspections: list[Any]  # the month's inspections with `findings`
    events: list[Any]  # the month's live events by when they happened
    rca: list[Any]  # analytics.rca_view.RcaView of the month's events that have or need one
    ledger_items: list[Any]  # items open in the month by the day found, with `progress`
    pdca: list[Any]  # analytics.pdca_view.PdcaCase of the projects running in the month
    ledger: Any  # analytics.figures.LedgerFigures of the month on its day
    group_meetings: int  # the group's monthly meetings held
    masker: PatientMasker


def build_month(rows: MonthRows, period: Period, day: date, *, version: int, warnings: list[Any],
                acceptance: Any) -> MonthContent:
    """The month's report content from its rows, masked (the one computing behind both readers)."""
    lines = indicator_lines(rows.definitions, rows.values, rows.history, period, warnings)
    sheets: dict[str, list[Table]] = {
        "会议": [meetings_table(rows.meetings, rows.names)],
        "培训考核": training_tables(rows.sessions, rows.assessments, rows.names),
        "质量指标": [indicator_table(lines)],
        "检查督查": [*inspection_tables(rows.inspection_rows, rows.ledger_states, rows.record_nos),
                   findings_table(rows.inspections, rows.record_nos)],
        "不良事件": [events_table(rows.events), rca_table(rows.rca, rows.record_nos)],
        "整改台账": [ledger_table(rows.ledger_items, rows.names, period, day)],
        "持续改进": [pdca_table(rows.pdca, period, rows.record_nos)],
    }
    counts = month_counts(sheets, lines, day, rows.ledger, rows.group_meetings)
    unit = rows.unit
    return masked(rows.masker, MonthContent(
        period=period, version=version, as_of=day,
        hospital_name=unit.hospital_name if unit else "", hospital_code=unit.hospital_code if unit else "",
        department_name=unit.department_name if unit else "", department_code=unit.department_code if unit else "",
        generated_at=clock.local_naive(clock.now()).replace(microsecond=0), counts=counts, indicators=lines,
        sheets=sheets, warnings=warnings, acceptance=acceptance, rca=rows.rca, pdca=rows.pdca,
    ))
