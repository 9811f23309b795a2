"""Query building blocks every layer above the models shares (services, analytics, reports, office)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, select

from qmsdesk.db import models as m
from qmsdesk.rules import ItemColumns

T = TypeVar("T", bound=m.Base)


def live(model: type[T]) -> Select:
    """SELECT of the records of `model` that are not soft-deleted."""
    return select(model).where(model.deleted.is_(False))


# The ledger item's columns the derived rules (qmsdesk.rules) count with.
ITEM_COLUMNS = ItemColumns(m.RectificationItem.found_on, m.RectificationItem.deadline, m.RectificationItem.status,
                           m.RectificationItem.closed_on, m.RectificationItem.verified_on)
