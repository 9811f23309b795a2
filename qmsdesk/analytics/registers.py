"""Which indicators count records the unit keeps itself, and what its own register says for a month.

"每百名出院人次主动报告不良事件例数" counts the adverse events the ward reported; the fall rate counts falls;
the pressure-injury rate new pressure injuries; the unplanned-extubation rates unplanned removals. Each of
these is also in the ward's event register (不良事件登记), so the two can be compared month by month
(submission_checks turns a disagreement into a warning that opens both places).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qmsdesk.db.enums import EventCategory
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RegisterCount:
    """Indicators whose numerators together count the month's events of `categories` (None: every category)."""

    codes: tuple[str, ...]
    categories: tuple[str, ...] | None

    @property
    def what(self) -> str:
        if self.categories is None:
            return msg("全部不良事件", "adverse events of every category")
        return msg("、", ", ").join(EventCategory(c).label for c in self.categories)


UEX_CODES = ("NUR-UEX-ETT", "NUR-UEX-GT", "NUR-UEX-CVC", "NUR-UEX-PICC", "NUR-UEX-UC")

REGISTER_COUNTS: tuple[RegisterCount, ...] = (
    RegisterCount(("NIT-AE-REPORT",), None),
    RegisterCount(("NUR-FALL",), (EventCategory.FALL.value,)),
    RegisterCount(("NUR-PI",), (EventCategory.PRESSURE_INJURY.value,)),
    # The five tube-type rates share one register category: their numerators add up to its count.
    RegisterCount(UEX_CODES, (EventCategory.UNPLANNED_EXTUBATION.value,)),
)


def events_in_month(session: Session, period: Period | str, categories: Iterable[str] | None) -> int:
    """Live events of the month (the unit's zone) in `categories`, counted in SQL."""
    # here, not at the top: the validation read without SQLAlchemy takes REGISTER_COUNTS from this module
    from sqlalchemy import func, select

    from qmsdesk import rules
    from qmsdesk.db import models as m

    stmt = select(func.count()).select_from(m.AdverseEvent).where(
        m.AdverseEvent.deleted.is_(False), rules.sql_event_in_month(m.AdverseEvent.occurred_at, period))
    if categories is not None:
        stmt = stmt.where(m.AdverseEvent.category.in_(list(categories)))
    return int(session.scalar(stmt) or 0)
