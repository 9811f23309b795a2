"""Scored inspections: a checklist filled item by item (扣分, 扣分原因, sample and failures).

Nothing here stores a score: analytics.inspections computes it from the items each time
(标准分 − 扣分, a percentage when the applicable points are not 100), so no one can type one.
One call turns a deduction into a ledger item whose source is that checklist item.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.analytics.inspections import points_text
from qmsdesk.db import models as m
from qmsdesk.db.enums import InspectionKind, ItemStatus, SourceKind
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, FieldError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.base import get

MAX_ATTACHMENT = 500  # characters of a file path


def deduction_for(failures: int | None, per: float | None, cap: float) -> float | None:
    """The rule's deduction for `failures` instances: failures × points per instance, at most the cap
    (None when the item is not deducted per instance: the inspector judges the points)."""
    if per is None:
        return None
    return min((failures or 0) * per, cap)


# --- filling in --------------------------------------------------------------------------------

def start_inspection(session: Session, *, template_id, kind: str, date: date, inspector: str,
                     topic: str | None = None, summary: str | None = None) -> m.Inspection:
    """A new inspection to be scored against the checklist version `template_id`."""
    from qmsdesk.services.inspections import create_inspection

    return create_inspection(session, kind=kind, date=date, inspector=inspector, topic=topic, summary=summary,
                             template_id=template_id)


def _template_item(session: Session, inspection: m.Inspection, item) -> m.ChecklistItem:
    if inspection.template_id is None:
        raise ValidationError(msg("这次检查没有选用检查评分表，不能逐项评分。", "This inspection has no checklist to score."),
                              "template_id")
    stmt = live(m.ChecklistItem).where(m.ChecklistItem.template_id == inspection.template_id)
    if isinstance(item, m.ChecklistItem):
        stmt = stmt.where(m.ChecklistItem.id == item.id)
    elif isinstance(item, uuid.UUID):
        stmt = stmt.where(m.ChecklistItem.id == item)
    else:
        stmt = stmt.where(m.ChecklistItem.code == str(item).strip())
    found = session.scalars(stmt).first()
    if found is None:
        raise ValidationError(msg("检查评分表中没有项目 {c}。", "The checklist has no item {c}.", c=item), "item")
    return found


def _deduction(line: m.ChecklistItem, v: dict, c: Collector) -> float:
    """The deduction given, or failures × points per instance capped at the item's maximum."""
    deduction, failures, sample = v["deduction"], v["failures"], v["sample_size"]
    if sample is not None and (not isinstance(sample, int) or sample < 1):
        c.add("sample_size", msg("抽查数量应为正整数。", "The sample size must be a whole number of at least 1."))
    if failures is not None and (not isinstance(failures, int) or failures < 0):
        c.add("failures", msg("不合格数应为 0 或正整数。", "Failures must be a whole number, 0 or more."))
    elif failures is not None and isinstance(sample, int) and failures > sample:
        c.add("failures", msg("不合格数（{f}）不能超过抽查数（{s}）。", "Failures ({f}) cannot exceed the sample ({s}).",
                              f=failures, s=sample))
    if deduction is None:
        if not failures:
            return 0.0
        if line.deduct_per is None:
            c.add("deduction", msg("“{c}”不按处扣分，请直接填写扣分（{r}）。", "Item {c} is not deducted per instance; enter "
                                   "the deduction ({r}).", c=line.code, r=line.rule))
            return 0.0
        return deduction_for(failures, line.deduct_per, line.cap) or 0.0
    if isinstance(deduction, bool) or not isinstance(deduction, int | float) or deduction < 0:
        c.add("deduction", msg("扣分应为 0 或正数。", "The deduction must be 0 or more."))
        return 0.0
    if deduction > line.cap + 1e-9:
        c.add("deduction", msg("“{c}”最多扣 {m} 分（{r}），不能扣 {d} 分。", "Item {c} loses at most {m} points ({r}), "
                               "not {d}.", c=line.code, m=points_text(line.cap), r=line.rule, d=points_text(deduction)))
    return float(deduction)


def score_item(session: Session, inspection_id, item, *, deduction: float | None = None, failures: int | None = None,
               sample_size: int | None = None, reason: str | None = None, not_applicable: bool = False,
               attachment: str | None = None) -> m.InspectionItem:
    """Record what was found for one checklist item (by its code or id); replaces what was recorded before.

    Without `deduction`, it is failures × the item's points per instance, capped at the item's maximum.
    A deduction needs its reason (扣分原因); an item marked not applicable loses nothing and leaves the total.
    """
    inspection = get(session, m.Inspection, inspection_id)
    line = _template_item(session, inspection, item)
    reason = reason.strip() if isinstance(reason, str) and reason.strip() else None
    attachment = attachment.strip() if isinstance(attachment, str) and attachment.strip() else None
    v = {"deduction": deduction, "failures": failures, "sample_size": sample_size}
    c = Collector()
    value = _deduction(line, v, c)
    if not_applicable and (value or failures):
        c.add("not_applicable", msg("不适用的项目不能扣分。", "An item that does not apply loses no points."))
    if value > 0 and reason is None:
        c.add("reason", msg("扣分请写明扣分原因。", "Give the reason for the deduction."))
    if attachment is not None and len(attachment) > MAX_ATTACHMENT:
        c.add("attachment", msg("附件路径过长。", "The attachment path is too long."))
    c.raise_if_any()
    row = session.scalars(live(m.InspectionItem).where(m.InspectionItem.inspection_id == inspection.id,
                                                       m.InspectionItem.template_item_id == line.id)).first()
    if row is None:
        row = m.InspectionItem(inspection_id=inspection.id, template_item_id=line.id)
        session.add(row)
    row.deduction, row.reason, row.failures, row.sample_size = value, reason, failures, sample_size
    row.not_applicable, row.attachment = bool(not_applicable), attachment
    session.flush()
    return row


def deduction_to_item(session: Session, inspection_item_id, *, deadline: date | None = None, responsible_id=None,
                      root_cause: str | None = None, measures: str | None = None) -> m.RectificationItem:
    """Make one deduction a ledger item (source: that checklist item of that inspection); once per deduction."""
    from qmsdesk.services import ledger

    row = get(session, m.InspectionItem, inspection_item_id)
    if row.deduction <= 0:
        raise ValidationError(msg("这一项没有扣分，不需要整改。", "This item lost no points; there is nothing to rectify."),
                              "deduction")
    existing = session.scalars(live(m.RectificationItem).where(
        m.RectificationItem.inspection_item_id == row.id)).first()
    if existing is not None:
        raise ValidationError(msg("这项扣分已转为整改事项（{s}，期限 {d}），请到整改台账查看。",
                                  "This deduction is already a rectification item ({s}, due {d}); see the ledger.",
                                  s=ItemStatus(existing.status).label, d=existing.deadline.isoformat()),
                              "inspection_item_id")
    inspection, line = row.inspection, row.template_item
    found = inspection.date
    problem = msg("{k}（{t}）{c} {x}：{r}（扣 {d} 分）", "{k} ({t}) {c} {x}: {r} ({d} points off)",
                  k=InspectionKind(inspection.kind).label, t=inspection.template.name, c=line.code, x=line.text,
                  r=row.reason or "", d=points_text(row.deduction))
    return ledger.create_item(
        session, source_kind=SourceKind.INSPECTION, category=inspection.template.category, problem=problem,
        found_on=found, deadline=deadline or found + timedelta(days=ledger.DEFAULT_DEADLINE_DAYS), root_cause=root_cause,
        measures=measures, responsible_id=responsible_id, inspection_item_id=row.id)


# --- what the window reads and writes ----------------------------------------------------------

def score_sheet(session: Session, inspection_id):
    """The inspection's checklist with what was found per item and the computed score (None without a checklist)."""
    from qmsdesk.analytics.inspections import inspection_score

    return inspection_score(session, get(session, m.Inspection, inspection_id))


def score_items(session: Session, inspection_id, entries: list[dict]) -> int:
    """Save a filled checklist at once: each entry is `item` (code) plus score_item's keywords.

    Every item's problems are reported together, each named by its item code (field `<code>.<key>`),
    and nothing is saved unless every item is valid. Returns how many items were saved.
    """
    errors = []
    for entry in entries:
        values = dict(entry)
        code = values.pop("item")
        try:  # score_item checks everything before it writes, so a refused item leaves nothing half-saved
            score_item(session, inspection_id, code, **values)
        except ValidationError as exc:
            errors += [FieldError(f"{code}.{e.field}", f"{code}：{e.message}") for e in exc.errors]
    if errors:
        raise ValidationError(errors)
    return len(entries)


@dataclass(frozen=True)
class DeductionRow:
    """A deducted item of one inspection, with the ledger item made from it (if any)."""

    id: str  # the inspection item
    code: str
    text: str
    deduction: float
    reason: str | None
    item_status: str | None


def deduction_rows(session: Session, inspection_id) -> list[DeductionRow]:
    """The items this inspection deducted, in the checklist's order, each with its ledger item's status."""
    sheet = score_sheet(session, inspection_id)
    if sheet is None:
        return []
    linked = [uuid.UUID(i.ledger_item_id) for i in sheet.deducted_items if i.ledger_item_id]
    status = dict(session.execute(select(m.RectificationItem.id, m.RectificationItem.status).where(
        m.RectificationItem.id.in_(linked))).all()) if linked else {}
    return [DeductionRow(str(i.inspection_item_id), i.code, i.text, i.deduction, i.reason,
                         status.get(uuid.UUID(i.ledger_item_id)) if i.ledger_item_id else None)
            for i in sheet.deducted_items]
