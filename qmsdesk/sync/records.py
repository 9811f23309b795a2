"""One month's records as plain JSON for data.json: by kind, keyed by UUID, masked, with tombstones.

Each kind is one table, so the office can upsert by UUID kind by kind. A record soft-deleted at the
unit travels as a tombstone (`{"id", "deleted": true, "updated_at"}`) and carries no content. Medical
record numbers are masked (`****1234`) in the event's field and in every string of every record (a
number copied into a description, a progress note or the minutes), together with anything labelled as
a patient number (reports.masking), so no full number leaves the ward. The serialisation is canonical:
the same data gives the same bytes.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from qmsdesk import rules
from qmsdesk.db import models as m
from qmsdesk.db.queries import ITEM_COLUMNS
from qmsdesk.periods import Period
from qmsdesk.reports.masking import mask_in_text
from qmsdesk.sync import records_quality as quality
from qmsdesk.sync.canonical import canonical_json, record_counts  # noqa: F401  (their home before canonical.py)

RECORD_KINDS = (
    "meetings", "meeting_attendance", "meeting_problems", "training_sessions", "training_attendance",
    "assessments", "indicator_values", "inspections", "inspection_findings", "inspection_items", "adverse_events",
    "event_analyses", "event_factors", "rectification_items", "progress_notes", "pdca_projects", "staff",
    "quality_analyses",
)
STAFF_FIELDS = ("name", "employee_no", "title")
# The reporter is left out on purpose: events are reported without blame, and the office needs none.
_EVENT_OMIT = {"reporter_id"}


def mask_record_no(value: str | None) -> str | None:
    """`****1234`: at most the last four characters and never more than half of them stay visible."""
    if value is None:
        return None
    text = str(value).strip()
    keep = min(4, len(text) // 2)
    return "****" + (text[-keep:] if keep else "")


def plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(obj: m.Base, omit: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    if getattr(obj, "deleted", False):
        return {"id": str(obj.id), "deleted": True, "updated_at": plain(obj.updated_at)}
    return {c.key: plain(getattr(obj, c.key)) for c in inspect(type(obj)).column_attrs if c.key not in omit}


def _tombstone_children(row: dict[str, Any], parent_deleted: bool, obj: m.Base) -> dict[str, Any]:
    # A child of a deleted parent is gone for the office too, even if nobody deleted it by itself.
    if parent_deleted and not row.get("deleted"):
        return {"id": str(obj.id), "deleted": True, "updated_at": plain(obj.updated_at)}
    return row


def _event(ev: m.AdverseEvent) -> dict[str, Any]:
    row = _row(ev, _EVENT_OMIT)
    if row.get("deleted"):
        return row
    full = (ev.medical_record_no or "").strip()
    masked = mask_record_no(full) if full else None
    row["medical_record_no"] = masked
    row["anonymous"] = ev.reporter_id is None
    return row


def month_records(session: Session, period: Period | str) -> dict[str, dict[str, dict[str, Any]]]:
    """The month's records by kind (see RECORD_KINDS), each a dict UUID -> plain JSON record."""
    p = Period.parse(period)
    first, last = p.first_day, p.last_day
    out: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in RECORD_KINDS}
    staff_ids: set[uuid.UUID] = set()

    def put(kind: str, obj: m.Base, row: dict[str, Any]) -> None:
        out[kind][str(obj.id)] = row

    def dated(model, *children):
        stmt = select(model).where(model.date >= first, model.date <= last)
        return session.scalars(stmt.options(*(selectinload(c) for c in children))).all()

    for mt in dated(m.Meeting, m.Meeting.attendance, m.Meeting.problems):
        put("meetings", mt, _row(mt))
        if not mt.deleted:
            staff_ids.update(x for x in (mt.host_id, mt.recorder_id) if x)
        for att in mt.attendance:
            put("meeting_attendance", att, _tombstone_children(_row(att), mt.deleted, att))
            if not (mt.deleted or att.deleted):
                staff_ids.add(att.staff_id)
        for pr in mt.problems:
            put("meeting_problems", pr, _tombstone_children(_row(pr), mt.deleted, pr))

    for ts in dated(m.TrainingSession, m.TrainingSession.attendance):
        put("training_sessions", ts, _row(ts))
        for att in ts.attendance:
            put("training_attendance", att, _tombstone_children(_row(att), ts.deleted, att))
            if not (ts.deleted or att.deleted):
                staff_ids.add(att.staff_id)

    for a in dated(m.Assessment):
        put("assessments", a, _row(a))
        if not a.deleted:
            staff_ids.add(a.staff_id)

    for iv in session.scalars(select(m.IndicatorValue).where(m.IndicatorValue.period == str(p))).all():
        row = _row(iv)
        if not row.get("deleted"):
            row["indicator_code"] = iv.indicator.code
            row["indicator_name"] = iv.indicator.name_zh
        put("indicator_values", iv, row)

    record_nos = [r for (r,) in session.execute(select(m.AdverseEvent.medical_record_no)) if r]

    def mask(text: str | None) -> str | None:
        return mask_in_text(text, record_nos) if text else text

    for ins in dated(m.Inspection, m.Inspection.findings, m.Inspection.items):
        row = _row(ins)
        if not row.get("deleted"):
            row.update(quality.inspection_extras(session, ins), summary=mask(ins.summary))
        put("inspections", ins, row)
        for f in ins.findings:
            put("inspection_findings", f, _tombstone_children(_row(f), ins.deleted, f))
        quality.put_inspection_items(ins, _row, put, mask)

    # The month in the unit's zone (qmsdesk.clock), as every other count of the month's events.
    lo, hi = p.span()
    events = session.scalars(select(m.AdverseEvent).where(
        m.AdverseEvent.occurred_at >= lo, m.AdverseEvent.occurred_at < hi)).all()
    for ev in events:
        put("adverse_events", ev, _event(ev))
        quality.put_event_analysis(session, ev, _row, put, mask)

    # The items open at some time in the month (qmsdesk.rules), tombstones included.
    items = session.scalars(select(m.RectificationItem).where(rules.sql_in_month(ITEM_COLUMNS, p))
                            .options(selectinload(m.RectificationItem.progress))).all()
    for it in items:
        put("rectification_items", it, _row(it))
        if not it.deleted:
            staff_ids.update(x for x in (it.responsible_id, it.verifier_id) if x)
        for note in it.progress:
            if note.date <= last:
                put("progress_notes", note, _tombstone_children(_row(note), it.deleted, note))

    # The group's approved quarterly/annual analyses travel with the next packages (services.analysis).
    from qmsdesk.services.analysis import analyses_to_send, package_row

    for qa in analyses_to_send(session, p):
        put("quality_analyses", qa, package_row(qa, record_nos))
    quality.put_projects(session, p, _row, put, mask)
    staff_ids.update(pr.leader_id for pr in session.scalars(select(m.PdcaProject).where(
        m.PdcaProject.id.in_([uuid.UUID(k) for k in out["pdca_projects"]]))) if pr.leader_id and not pr.deleted)

    for st in session.scalars(select(m.Staff).where(m.Staff.id.in_(staff_ids))).all() if staff_ids else []:
        row = {"id": str(st.id), "deleted": bool(st.deleted)}
        row.update({k: getattr(st, k) for k in STAFF_FIELDS})
        put("staff", st, row)
    from qmsdesk.reports.masking import patient_masker

    masker = patient_masker(session)
    return {kind: {rid: masker.deep(row) for rid, row in rows.items()} for kind, rows in out.items()}
