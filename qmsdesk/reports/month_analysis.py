"""The month report's quality-tool tables: scored inspections item by item, event RCAs, PDCA progress.

Gathered here (like reports.month gathers the rest) and written by both the workbook and the PDF.
Patient record numbers are masked in every free text, whichever record it was typed into.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qmsdesk import clock, rules
from qmsdesk.analytics.inspections import inspection_rows, points_text
from qmsdesk.db import enums as e
from qmsdesk.db import models as m
from qmsdesk.db.queries import live
from qmsdesk.periods import Period
from qmsdesk.reports.masking import mask_in_text
from qmsdesk.reports.month import Column, Table


def known_record_nos(session: Session) -> list[str]:
    """Every medical record number the ward holds: any of them may have been typed into any text."""
    rows = session.execute(select(m.AdverseEvent.medical_record_no).where(m.AdverseEvent.medical_record_no.is_not(None)))
    return [r for (r,) in rows if r]


def _zh(enum: type[e.LabelledEnum], code: str | None) -> str:
    return enum.label_pairs().get(code, (code, code))[0] if code else ""


def inspection_tables(session: Session, period: Period, record_nos: list[str]) -> list[Table]:
    """检查督查 (one row per inspection, the score computed or marked as typed) and 检查扣分明细."""
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
    ledger = _ledger_states(session)
    for row in inspection_rows(session, period=period):
        sc = row.scored
        if sc is not None:
            insp.rows.append([row.date, _zh(e.InspectionKind, row.kind), row.inspector, row.topic or "",
                              f"{sc.template_code} {sc.template_version}", sc.points, sc.applicable_total, sc.percent,
                              "逐项评分", len(sc.deducted_items), row.findings, mask_in_text(row.summary, record_nos)])
            for it in sc.deducted_items:
                items.rows.append([row.date, sc.template_name, it.code, it.text, it.standard, it.method_label,
                                   it.sample_size, it.failures, it.deduction, mask_in_text(it.reason, record_nos),
                                   it.attachment or "", ledger.get(it.ledger_item_id, "")])
        else:
            manual = "手填（旧记录）" if row.typed_score is not None else "未评分"
            insp.rows.append([row.date, _zh(e.InspectionKind, row.kind), row.inspector, row.topic or "", "",
                              row.typed_score, None, None, manual, None, row.findings,
                              mask_in_text(row.summary, record_nos)])
    return [insp, items]


def _ledger_states(session: Session) -> dict[str, str]:
    rows = session.execute(select(m.RectificationItem.id, m.RectificationItem.status).where(
        m.RectificationItem.deleted.is_(False), m.RectificationItem.inspection_item_id.is_not(None)))
    return {str(i): _zh(e.ItemStatus, s) for i, s in rows}


def _month_events(session: Session, period: Period) -> list[m.AdverseEvent]:
    return list(session.scalars(live(m.AdverseEvent).where(rules.sql_event_in_month(m.AdverseEvent.occurred_at, period))
                                .order_by(m.AdverseEvent.occurred_at)))


def rca_views(session: Session, period: Period) -> list[Any]:
    """The analysis (analytics.rca.RcaView) of every event of the month that has one or needs one."""
    from qmsdesk.analytics.rca import event_rca

    views = [event_rca(session, ev.id) for ev in _month_events(session, period)]
    return [v for v in views if v.required or v.analysed_on is not None]


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
        t.rows.append([clock.local_naive(v.occurred_at), _zh(e.EventCategory, v.category),
                       _zh(e.EventGrade, v.grade), _zh(e.HarmLevel, v.harm_level),
                       mask_in_text(factors, record_nos), mask_in_text(whys, record_nos),
                       mask_in_text(v.root_cause, record_nos), mask_in_text(v.lessons, record_nos),
                       mask_in_text(actions, record_nos), state])
    return t


def active_projects(session: Session, period: Period) -> list[m.PdcaProject]:
    """Projects running at any time in the month: started by its end, not closed before it began."""
    stmt = live(m.PdcaProject).where(m.PdcaProject.started_on <= period.last_day,
                                     or_(m.PdcaProject.closed_on.is_(None), m.PdcaProject.closed_on >= period.first_day))
    return list(session.scalars(stmt.order_by(m.PdcaProject.started_on)))


def pdca_cases(session: Session, period: Period) -> list[Any]:
    from qmsdesk.analytics.pdca_case import project_case

    return [project_case(session, p.id, end=period) for p in active_projects(session, period)]


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
        t.rows.append([c.title, _zh(e.PdcaStage, c.stage), c.started_on, c.leader or "", "\n".join(figures),
                       "；".join(k.description for k in c.key_causes), f"{c.closed_countermeasures}/{len(c.countermeasures)}",
                       mask_in_text(notes, record_nos)])
    return t


def counts(sheets: dict[str, list[Table]]) -> list[tuple[str, Any]]:
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
