"""整改台账: rectification items, where they came from, and their walk through PDCA to 销号."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_
from sqlalchemy.orm import Session, selectinload

from qmsdesk import clock, rules
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import EventCategory, ItemStatus, SourceKind
from qmsdesk.db.queries import ITEM_COLUMNS, live
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.base import (
    as_uuid,
    check_changes,
    check_choice,
    check_not_future,
    check_required,
    fields_of,
    get,
    values_of,
)
from qmsdesk.services.ledger_list import ITEM_TABLE, LIVE, ItemRow, item_row_select, run_item_rows
from qmsdesk.services.staff import require_staff

# The records an item of each source kind may link; it links exactly one of them (office feedback and
# "other" link none). An inspection item comes from a finding or from a checklist item's deduction.
# Any item may besides be a PDCA project's countermeasure (countermeasure_id): a problem raised at the
# project's planning meeting stays a meeting item; one made from the project itself has source "pdca".
SOURCE_LINKS: dict[str, tuple[tuple[str, type[m.Base]], ...]] = {
    SourceKind.MEETING: (("meeting_problem_id", m.MeetingProblem),),
    SourceKind.INSPECTION: (("finding_id", m.InspectionFinding), ("inspection_item_id", m.InspectionItem)),
    SourceKind.EVENT: (("event_id", m.AdverseEvent),),
    SourceKind.INDICATOR: (("indicator_value_id", m.IndicatorValue),),
    SourceKind.PDCA: (("countermeasure_id", m.PdcaCountermeasure),),
    SourceKind.OFFICE: (),
    SourceKind.OTHER: (),
}
LINK_FIELDS = ("meeting_problem_id", "finding_id", "event_id", "indicator_value_id", "inspection_item_id",
               "countermeasure_id")

# The PDCA walk. awaiting_verification → in_progress is a failed verification.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ItemStatus.OPEN: (ItemStatus.IN_PROGRESS,),
    ItemStatus.IN_PROGRESS: (ItemStatus.AWAITING_VERIFICATION,),
    ItemStatus.AWAITING_VERIFICATION: (ItemStatus.CLOSED, ItemStatus.IN_PROGRESS),
    ItemStatus.CLOSED: (),
}

# Fields only the status functions may set.
_STATUS_FIELDS = frozenset({"status", "verifier_id", "verified_on", "effect_evaluation", "closed_on"})

DEFAULT_DEADLINE_DAYS = 30


def _check_item(session: Session, v: dict) -> None:
    c = Collector()
    check_choice(c, "source_kind", v.get("source_kind"), SourceKind, msg("来源", "source"))
    _check_link(session, v, c)
    check_required(c, "category", v.get("category"), msg("问题类别", "category"))
    check_required(c, "problem", v.get("problem"), msg("问题描述", "problem"))
    check_required(c, "found_on", v.get("found_on"), msg("发现日期", "date found"))
    check_required(c, "deadline", v.get("deadline"), msg("整改期限", "deadline"))
    check_not_future(c, "found_on", v.get("found_on"), msg("发现日期", "The date found"))
    found, deadline = v.get("found_on"), v.get("deadline")
    if found is not None and deadline is not None and deadline < found:
        c.add("deadline", msg("整改期限（{d}）不能早于发现问题的日期（{f}）。",
                              "The deadline ({d}) cannot be before the problem was found ({f}).",
                              d=deadline.isoformat(), f=found.isoformat()))
    require_staff(session, c, "responsible_id", v.get("responsible_id"), msg("责任人", "The responsible person"))
    c.raise_if_any()


def _check_link(session: Session, v: dict, c: Collector) -> None:
    kind = _source_label(v.get("source_kind"))
    allowed = dict(SOURCE_LINKS.get(v.get("source_kind"), ()))
    given = [f for f in LINK_FIELDS if v.get(f) is not None]
    if "countermeasure_id" in given and "countermeasure_id" not in allowed:
        given.remove("countermeasure_id")  # a countermeasure besides its source: checked, not a source link
        row = session.get(m.PdcaCountermeasure, as_uuid(v["countermeasure_id"]))
        if row is None or row.deleted:
            c.add("countermeasure_id", msg("关联的对策不存在或已删除。", "The linked countermeasure does not exist or was deleted."))
    for field in given:
        if field not in allowed:
            c.add(field, msg("来源为“{k}”的整改项不能关联此类记录。", "An item from '{k}' cannot link this kind of record.",
                             k=kind))
    linked = [f for f in given if f in allowed]
    if allowed and not linked:
        c.add(next(iter(allowed)), msg("来源为“{k}”的整改项必须关联其来源记录。",
                                       "An item from '{k}' must link the record it came from.", k=kind))
    elif len(linked) > 1:
        c.add(linked[1], msg("一个整改项只能关联一条来源记录。", "An item links one source record only."))
    for field in linked:
        row = session.get(allowed[field], as_uuid(v[field]))
        if row is None or row.deleted:
            c.add(field, msg("关联的来源记录不存在或已删除。", "The linked source record does not exist or was deleted."))


def _source_label(kind: object) -> str:
    try:
        return SourceKind(kind).label
    except ValueError:
        return str(kind)


def get_item(session: Session, item_id) -> m.RectificationItem:
    return get(session, m.RectificationItem, item_id)


def create_item(
    session: Session, *, source_kind: str, category: str, problem: str, found_on: date, deadline: date,
    root_cause: str | None = None, measures: str | None = None, responsible_id: uuid.UUID | None = None,
    meeting_problem_id: uuid.UUID | None = None, finding_id: uuid.UUID | None = None,
    event_id: uuid.UUID | None = None, indicator_value_id: uuid.UUID | None = None,
    inspection_item_id: uuid.UUID | None = None, countermeasure_id: uuid.UUID | None = None,
) -> m.RectificationItem:
    """A new open item. Items from a meeting/inspection/event/indicator/PDCA project link their source record."""
    values = dict(
        source_kind=str(source_kind), category=category, problem=problem, found_on=found_on, deadline=deadline,
        root_cause=root_cause, measures=measures, responsible_id=as_uuid(responsible_id),
        meeting_problem_id=as_uuid(meeting_problem_id), finding_id=as_uuid(finding_id),
        event_id=as_uuid(event_id), indicator_value_id=as_uuid(indicator_value_id),
        inspection_item_id=as_uuid(inspection_item_id), countermeasure_id=as_uuid(countermeasure_id),
    )
    _check_item(session, values)
    item = m.RectificationItem(status=ItemStatus.OPEN.value, **values)
    session.add(item)
    session.flush()
    return item


def update_item(session: Session, item_id, **changes) -> m.RectificationItem:
    """Edit the item's content. Status and verification change only through the status functions."""
    check_changes(m.RectificationItem, changes, frozen=_STATUS_FIELDS)
    item = get_item(session, item_id)
    if item.status == ItemStatus.CLOSED:
        raise ValidationError(msg("已销号的整改项不能修改。", "A closed item cannot be changed."), "status")
    for key in ("responsible_id", *LINK_FIELDS):
        if key in changes:
            changes[key] = as_uuid(changes[key])
    _check_item(session, values_of(item) | changes)
    for key, value in changes.items():
        setattr(item, key, value)
    session.flush()
    return item


def delete_item(session: Session, item_id) -> None:
    item = get_item(session, item_id)
    item.deleted = True
    session.flush()


def restore_item(session: Session, item_id) -> m.RectificationItem:
    item = get(session, m.RectificationItem, item_id, include_deleted=True)
    item.deleted = False
    session.flush()
    return item


# --- one-call helpers from each source ---------------------------------------------------------

def _deadline(found_on: date, deadline: date | None) -> date:
    return deadline if deadline is not None else found_on + timedelta(days=DEFAULT_DEADLINE_DAYS)


def item_from_meeting_problem(
    session: Session, problem_id, *, deadline: date | None = None, responsible_id=None,
    category: str | None = None, root_cause: str | None = None, measures: str | None = None,
) -> m.RectificationItem:
    problem = get(session, m.MeetingProblem, problem_id)
    # One problem, one item: a second click on 转为整改事项 must not put the same problem in the ledger twice.
    existing = session.scalars(live(m.RectificationItem).where(m.RectificationItem.meeting_problem_id == problem.id)).first()
    if existing is not None:
        raise ValidationError(msg("这个问题已转为整改事项（{s}，期限 {d}），请到整改台账查看。",
                                  "This problem is already a rectification item ({s}, due {d}); see the ledger.",
                                  s=ItemStatus(existing.status).label, d=existing.deadline.isoformat()),
                              "meeting_problem_id")
    found = problem.meeting.date
    return create_item(
        session, source_kind=SourceKind.MEETING, category=category or problem.category or msg("会议提出", "Meeting"),
        problem=problem.description, found_on=found, deadline=_deadline(found, deadline),
        root_cause=root_cause, measures=measures, responsible_id=responsible_id, meeting_problem_id=problem.id,
    )


def item_from_finding(
    session: Session, finding_id, *, deadline: date | None = None, responsible_id=None,
    category: str | None = None, root_cause: str | None = None, measures: str | None = None,
) -> m.RectificationItem:
    finding = get(session, m.InspectionFinding, finding_id)
    found = finding.inspection.date
    return create_item(
        session, source_kind=SourceKind.INSPECTION, category=category or finding.category,
        problem=finding.description, found_on=found, deadline=_deadline(found, deadline),
        root_cause=root_cause, measures=measures, responsible_id=responsible_id, finding_id=finding.id,
    )


def item_from_event(
    session: Session, event_id, *, deadline: date | None = None, responsible_id=None,
    category: str | None = None, root_cause: str | None = None, measures: str | None = None,
) -> m.RectificationItem:
    from qmsdesk.reports.masking import patient_masker

    event = get(session, m.AdverseEvent, event_id)
    found = min(clock.local_day(event.reported_at), today())
    # The item travels in every month it is open (data.json, workbook, the office): the patient number stays
    # with the event, which alone holds it in full.
    masker = patient_masker(session)
    copied_cause = masker.text(event.analysis) if event.analysis else event.analysis
    return create_item(
        session, source_kind=SourceKind.EVENT, category=category or _event_category_label(event.category),
        problem=masker.text(event.description), found_on=found, deadline=_deadline(found, deadline),
        root_cause=root_cause if root_cause is not None else copied_cause, measures=measures,
        responsible_id=responsible_id, event_id=event.id,
    )


def _event_category_label(code: str) -> str:
    try:
        return EventCategory(code).label
    except ValueError:
        return code


def item_from_indicator_value(
    session: Session, value_id, *, deadline: date | None = None, responsible_id=None,
    category: str | None = None, problem: str | None = None, root_cause: str | None = None,
    measures: str | None = None,
) -> m.RectificationItem:
    """An item for an indicator month that missed its target; found on the month's last day (or today)."""
    value = get(session, m.IndicatorValue, value_id)
    ind = value.indicator
    found = min(Period.parse(value.period).last_day, today())
    if problem is None:
        rate = value.value
        shown = msg("无暴露", "no exposure") if rate is None else f"{rate:.2f}{ind.unit or ''}"
        target = "" if ind.target is None else msg("，目标 {t}{u}", ", target {t}{u}", t=ind.target, u=ind.unit or "")
        problem = msg("{n} {p} 为 {v}{t}", "{n} {p} was {v}{t}", n=msg(ind.name_zh, ind.name_en),
                      p=value.period, v=shown, t=target)
    return create_item(
        session, source_kind=SourceKind.INDICATOR, category=category or msg("质量指标", "Quality indicator"),
        problem=problem, found_on=found, deadline=_deadline(found, deadline), root_cause=root_cause,
        measures=measures, responsible_id=responsible_id, indicator_value_id=value.id,
    )


# --- the status machine ------------------------------------------------------------------------

def allowed_transitions(item: m.RectificationItem) -> list[ItemStatus]:
    """The statuses this item may move to next (the window shows a button for each)."""
    return [ItemStatus(s) for s in TRANSITIONS.get(item.status, ())]


def _require_transition(item: m.RectificationItem, target: ItemStatus) -> None:
    if target not in TRANSITIONS.get(item.status, ()):
        raise ValidationError(
            msg("整改项不能从“{a}”变为“{b}”。", "An item cannot go from '{a}' to '{b}'.",
                a=ItemStatus(item.status).label, b=ItemStatus(target).label),
            "status",
        )


def _actor(session: Session) -> str | None:
    return session.info.get("actor")


def _note(session: Session, item: m.RectificationItem, text: str, on: date | None, author: str | None) -> None:
    session.add(m.ProgressNote(item_id=item.id, date=on or today(), note=text, author=author or _actor(session)))


def start_work(session: Session, item_id, *, note: str | None = None, on: date | None = None,
               author: str | None = None) -> m.RectificationItem:
    """open → in progress."""
    item = get_item(session, item_id)
    _require_transition(item, ItemStatus.IN_PROGRESS)
    item.status = ItemStatus.IN_PROGRESS.value
    if note:
        _note(session, item, note, on, author)
    session.flush()
    return item


def submit_for_verification(session: Session, item_id, *, note: str | None = None, on: date | None = None,
                            author: str | None = None) -> m.RectificationItem:
    """in progress → awaiting verification (the measures are done; someone must check the effect)."""
    item = get_item(session, item_id)
    _require_transition(item, ItemStatus.AWAITING_VERIFICATION)
    item.status = ItemStatus.AWAITING_VERIFICATION.value
    if note:
        _note(session, item, note, on, author)
    session.flush()
    return item


def verify_and_close(session: Session, item_id, *, verifier_id=None, verified_on: date | None = None,
                     effect_evaluation: str | None = None) -> m.RectificationItem:
    """awaiting verification → closed (销号): only with a named verifier, a date and an effect evaluation."""
    item = get_item(session, item_id)
    _require_transition(item, ItemStatus.CLOSED)
    c = Collector()
    if verifier_id is None:
        c.add("verifier_id", msg("销号前请填写验证人。", "Name the verifier before closing."))
    else:
        require_staff(session, c, "verifier_id", verifier_id, msg("验证人", "The verifier"))
    if verified_on is None:
        c.add("verified_on", msg("销号前请填写验证日期。", "Give the verification date before closing."))
    else:
        check_not_future(c, "verified_on", verified_on, msg("验证日期", "The verification date"))
        if verified_on < item.found_on:
            c.add("verified_on", msg("验证日期（{v}）不能早于发现问题的日期（{f}）。",
                                     "The verification date ({v}) cannot be before the problem was found ({f}).",
                                     v=verified_on.isoformat(), f=item.found_on.isoformat()))
    if effect_evaluation is None or not effect_evaluation.strip():
        c.add("effect_evaluation", msg("销号前请填写效果评价。", "Write the effect evaluation before closing."))
    c.raise_if_any()
    item.verifier_id = as_uuid(verifier_id)
    item.verified_on = verified_on
    item.effect_evaluation = effect_evaluation.strip()
    item.closed_on = verified_on
    item.status = ItemStatus.CLOSED.value
    session.flush()
    return item


def reject_verification(session: Session, item_id, *, reason: str, on: date | None = None,
                        author: str | None = None) -> m.RectificationItem:
    """awaiting verification → in progress: the effect was not achieved; the reason becomes a progress note."""
    item = get_item(session, item_id)
    _require_transition(item, ItemStatus.IN_PROGRESS)
    if reason is None or not reason.strip():
        raise ValidationError(msg("请填写验证未通过的原因。", "Give the reason the verification failed."), "reason")
    item.status = ItemStatus.IN_PROGRESS.value
    _note(session, item, msg("验证未通过：{r}", "Verification failed: {r}", r=reason.strip()), on, author)
    session.flush()
    return item


def move_item(session: Session, item_id, to_status: str, **details) -> m.RectificationItem:
    """Move an item to `to_status` through the matching function (details: its keyword arguments)."""
    item = get_item(session, item_id)
    target = ItemStatus(to_status)
    _require_transition(item, target)
    if target == ItemStatus.IN_PROGRESS and item.status == ItemStatus.AWAITING_VERIFICATION:
        return reject_verification(session, item_id, **details)
    if target == ItemStatus.IN_PROGRESS:
        return start_work(session, item_id, **details)
    if target == ItemStatus.AWAITING_VERIFICATION:
        return submit_for_verification(session, item_id, **details)
    return verify_and_close(session, item_id, **details)


def add_progress_note(session: Session, item_id, *, note: str, date: date | None = None,
                      author: str | None = None) -> m.ProgressNote:
    item = get_item(session, item_id)
    c = Collector()
    check_required(c, "note", note, msg("进展内容", "the note"))
    check_not_future(c, "date", date, msg("进展日期", "The note's date"))
    if date is not None and date < item.found_on:
        c.add("date", msg("进展日期不能早于发现问题的日期（{f}）。", "A note cannot be dated before the problem was found ({f}).",
                          f=item.found_on.isoformat()))
    if item.status == ItemStatus.CLOSED:
        c.add("status", msg("已销号的整改项不能再添加进展。", "A closed item takes no more progress notes."))
    c.raise_if_any()
    row = m.ProgressNote(item_id=item.id, date=date or today(), note=note.strip(), author=author or _actor(session))
    session.add(row)
    session.flush()
    return row


# --- queries -----------------------------------------------------------------------------------

def list_items(
    session: Session, *, status: str | None = None, source_kind: str | None = None, category: str | None = None,
    responsible_id=None, overdue_only: bool = False, search: str | None = None, on: date | None = None,
) -> list[m.RectificationItem]:
    """Live items, most urgent deadline first. `on` is the day overdue is judged against (today)."""
    stmt = live(m.RectificationItem)
    if status is not None:
        stmt = stmt.where(m.RectificationItem.status == str(status))
    if source_kind is not None:
        stmt = stmt.where(m.RectificationItem.source_kind == str(source_kind))
    if category is not None:
        stmt = stmt.where(m.RectificationItem.category == category)
    if responsible_id is not None:
        stmt = stmt.where(m.RectificationItem.responsible_id == as_uuid(responsible_id))
    if overdue_only:
        stmt = stmt.where(rules.sql_overdue_on(ITEM_COLUMNS, on or today()))
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(or_(m.RectificationItem.problem.like(like), m.RectificationItem.category.like(like),
                              m.RectificationItem.root_cause.like(like), m.RectificationItem.measures.like(like)))
    stmt = stmt.order_by(m.RectificationItem.deadline, m.RectificationItem.found_on)
    return list(session.scalars(stmt))


def items_open_in(session: Session, period: Period, *, with_progress: bool = False) -> list[m.RectificationItem]:
    """Items open at any time during the month: found by its end and not closed before it began.

    `with_progress`: their progress notes too, in one more statement (not one per item as each is read)."""
    stmt = live(m.RectificationItem).where(rules.sql_in_month(ITEM_COLUMNS, period)).order_by(m.RectificationItem.found_on)
    if with_progress:
        stmt = stmt.options(selectinload(m.RectificationItem.progress))
    return list(session.scalars(stmt))


def overdue_items(session: Session, on: date | None = None) -> list[m.RectificationItem]:
    return list_items(session, overdue_only=True, on=on)


def source_record(session: Session, item: m.RectificationItem) -> m.Base | None:
    """The meeting problem, finding, checklist deduction, event, indicator value or countermeasure the item
    came from (None for office/other)."""
    for field, model in SOURCE_LINKS.get(item.source_kind, ()):
        rid = getattr(item, field)
        if rid is not None:
            return session.get(model, rid)
    return None


def item_rows(session: Session, on: date | None = None) -> list[ItemRow]:
    """Every live item in one query (no ORM objects), most urgent deadline first, with its days overdue
    on `on` (default today): overdue as rules.sql_overdue_on counts it, in the same statement."""
    day = on or today()
    stmt = item_row_select(day).where(LIVE)
    return run_item_rows(session, stmt.order_by(ITEM_TABLE.c.deadline, ITEM_TABLE.c.found_on), day)


# --- what the pages show ------------------------------------------------------------------------------

ITEM_FIELDS = ("source_kind", "category", "problem", "found_on", "deadline", "responsible_id", "root_cause",
               "measures")


def item_values(session: Session, item_id) -> dict:
    """The item's editable fields, for its form."""
    return fields_of(get_item(session, item_id), ITEM_FIELDS)


@dataclass(frozen=True)
class ItemStory:
    """Below the ledger: an item's progress notes (date, author, note) and its history from the audit log."""

    notes: tuple[tuple[date, str, str], ...]
    history: tuple[str, ...]  # lines of text, oldest change first


def item_story(session: Session, item_id) -> ItemStory:
    from qmsdesk.services import audit

    item = get_item(session, item_id)
    notes = tuple((n.date, n.author or "", n.note) for n in item.progress if not n.deleted)
    lines = tuple(line for record in audit.history(session, str(item.id)) for line in record.lines())
    return ItemStory(notes, lines)
