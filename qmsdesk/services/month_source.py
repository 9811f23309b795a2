"""Where a month's figures are read from: `OrmMonth`, the ORM over a session (any database, the window's
session), or analytics/month_raw.RawMonth (the ward's SQLite file read-only, without SQLAlchemy).

Both answer the same questions with the same names (group_meetings, ledger_figures, month_warnings, …) and
the same results; `qmsdesk status` (reports/month_summary.py) and the dashboard (services/dashboard.py)
take either. tests/analytics/test_month_raw.py holds them equal on the demo year.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from qmsdesk.analytics.month_raw import SubmissionGlance
from qmsdesk.analytics.rates import shown_name
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.analytics.warnings import IndicatorWarning
    from qmsdesk.services.plan_progress import PlanProgress


class OrmMonth:
    """The month's figures through the ORM: analytics/derived.py and the services over one session."""

    def __init__(self, session: Session) -> None:
        from qmsdesk.analytics import derived

        self.session = session
        self.derived = derived

    def __getattr__(self, name: str) -> Any:
        # group_meetings, ledger_figures, training_month, …: derived's function of the same name on this session.
        fn = getattr(self.derived, name)
        return lambda *args, **kw: fn(self.session, *args, **kw)

    def unit(self) -> Any:
        from qmsdesk.services.unit import get_unit

        return get_unit(self.session)

    def record_nos(self) -> list[str]:
        from sqlalchemy import select

        from qmsdesk.db import models as m

        return list(self.session.scalars(select(m.AdverseEvent.medical_record_no)
                                         .where(m.AdverseEvent.medical_record_no.is_not(None))))

    def submission(self, p: Period) -> SubmissionGlance | None:
        from qmsdesk.services.submission import month_state

        state = month_state(self.session, p)
        sub = state.submission
        return None if sub is None else SubmissionGlance(sub.version, sub.status, sub.submitted_at, state.locked)

    def plan_progress(self, year: int, through: Period, *, as_of: date | None = None) -> PlanProgress:
        from qmsdesk.services.plan_progress import plan_progress

        return plan_progress(self.session, year, through, as_of=as_of)

    # --- what the dashboard reads besides ----------------------------------------------------------------

    def indicator_names(self) -> dict[str, str]:
        from qmsdesk.services import indicators

        return {d.code: shown_name(d) for d in indicators.list_indicators(self.session)}

    def latest_month_with_values(self, on: date, look_back: int) -> Period | None:
        from qmsdesk.services import indicators

        period = Period.of(on)
        for _ in range(look_back + 1):
            if indicators.values_for_period(self.session, period):
                return period
            period = period.previous()
        return None

    def month_warnings(self, period: Period) -> list[IndicatorWarning]:
        from qmsdesk.analytics.warnings import month_warnings

        return month_warnings(self.session, period)

    def indicator_direction(self, code: str) -> str:
        from qmsdesk.services import indicators

        return indicators.get_indicator(self.session, code).direction

    def first_value_period(self, code: str, start: Period, end: Period) -> str | None:
        """The first month start..end with a live value of the indicator."""
        from qmsdesk.services import indicators

        first = indicators.values_for_indicator(self.session, code, start=start, end=end)
        return first[0].period if first else None
