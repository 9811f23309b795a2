"""What every service shares: fetching a record, marking records deleted, common field checks."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.errors import Collector, NotFoundError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

T = TypeVar("T", bound=m.Base)


def get(session: Session, model: type[T], record_id: uuid.UUID | str, *, include_deleted: bool = False) -> T:
    rid = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
    obj = session.get(model, rid)
    if obj is None or (obj.deleted and not include_deleted):
        raise NotFoundError(msg("找不到该记录（可能已被删除）。", "Record not found (it may have been deleted)."))
    return obj


def check_not_future(c: Collector, field: str, value: date | datetime | None, what: str) -> None:
    if value is None:
        return
    day = clock.local_day(value)
    c.check(day <= today(), field,
            msg("{w}不能晚于今天（{d}）。", "{w} cannot be later than today ({d}).", w=what, d=today().isoformat()))


def check_required(c: Collector, field: str, value: object, what: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        c.add(field, msg("请填写{w}。", "{w} is required.", w=what))


PROTECTED_FIELDS = frozenset({"id", "created_at", "updated_at", "deleted"})


def check_changes(model: type[m.Base], changes: dict, *, frozen: frozenset[str] = frozenset()) -> None:
    """Refuse fields the model lacks or that only a dedicated service function may set.

    A wrong field name is a programming error, not a user's, so it raises TypeError.
    """
    from sqlalchemy import inspect as sa_inspect

    columns = {c.key for c in sa_inspect(model).column_attrs}
    bad = sorted(k for k in changes if k not in columns or k in PROTECTED_FIELDS or k in frozen)
    if bad:
        raise TypeError(f"{model.__name__}: these fields cannot be changed here: {', '.join(bad)}")


def values_of(obj: m.Base) -> dict:
    """The record's column values, to merge with proposed changes before validating the whole."""
    from sqlalchemy import inspect as sa_inspect

    return {c.key: getattr(obj, c.key) for c in sa_inspect(type(obj)).column_attrs}


def check_choice(c: Collector, field: str, value: object, vocabulary: type, what: str) -> None:
    """Add an error unless `value` is a code of the LabelledEnum `vocabulary`."""
    codes = [member.value for member in vocabulary]
    if value not in codes:
        c.add(field, msg("{w}“{v}”无效，可选：{o}。", "Invalid {w} '{v}'; choose one of: {o}.", w=what, v=value,
                         o="、".join(member.label for member in vocabulary)))


def as_uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def mark_deleted(session: Session, parent: m.Synced, children: Iterable[m.Synced], deleted: bool) -> None:
    """Soft-delete (or restore) a record together with the rows that only exist through it.

    The children travel as tombstones with their parent, so the office drops them too.
    """
    parent.deleted = deleted
    for row in children:
        row.deleted = deleted
    session.flush()


def dated_within(stmt: Select, column, *, period: Period | None = None, year: int | None = None) -> Select:
    """Narrow `stmt` to rows whose date `column` falls in a month and/or a year."""
    if period is not None:
        stmt = stmt.where(column >= period.first_day, column <= period.last_day)
    if year is not None:
        stmt = stmt.where(column >= date(year, 1, 1), column <= date(year, 12, 31))
    return stmt


def fields_of(obj: m.Base, keys: Iterable[str]) -> dict:
    """The named column values of a record, for a form that edits it (plain values, no session needed)."""
    return {k: getattr(obj, k) for k in keys}
