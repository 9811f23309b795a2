"""工作台: the current month at a glance and the latest indicator warnings, read in one session.

The figures come from analytics/derived.py and the rules of qmsdesk/rules.py, the same functions the
`status` command and the monthly submission use. The dashboard judges the ledger on today and says so
("截至今天"); opened on a month's last day it shows exactly what that month's report shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.analytics import derived
from qmsdesk.analytics.rates import format_value, shown_unit
from qmsdesk.analytics.warnings import SPC_SIGNAL, TARGET_MISSED, month_warnings
from qmsdesk.clock import today
from qmsdesk.periods import Period
from qmsdesk.services import indicators
from qmsdesk.services.catalogue import shown_name
from qmsdesk.services.submission import month_state
from qmsdesk.services.unit import get_unit

if TYPE_CHECKING:
    from qmsdesk.services.plan_rows import PlanGlance


@dataclass(frozen=True)
class MonthGlance:
    """Everything the dashboard's cards show."""

    period: Period
    today: date
    meeting_dates: tuple[date, ...]
    indicators_entered: int
    indicators_applicable: int
    indicators_missing: tuple[str, ...]  # names, in the user's language
    last_month_entered: int
    last_month_applicable: int
    items_open: int
    items_overdue: int
    worst_overdue: tuple[str, int] | None  # (problem, days overdue) of the longest overdue item
    safety_rule_names: tuple[str, ...]
    expiring: tuple[str, ...]
    expired: int
    report_period: Period
    report_status: str | None
    report_deadline: date | None
    report_late: bool = False  # not submitted and past its deadline (rules.submission_overdue)


def month_glance(session: Session, on: date | None = None) -> MonthGlance:
    day = on or today()
    period = Period.of(day)
    meetings = derived.group_meetings(session, period)
    completeness = derived.indicator_completeness(session, period)
    last_month = derived.indicator_completeness(session, period.previous())
    ledger = derived.ledger_figures(session, period, as_of=day, listed=1)
    under = derived.staff_under_safety_rule(session, day.year)
    expiring = derived.expiring_authorisations(session, 30, as_of=day)
    expired = derived.expired_authorisations(session, as_of=day)
    # The month to report now is last month.
    report_period = period.previous()
    state = month_state(session, report_period)
    unit = get_unit(session)
    deadline = rules.submission_deadline(report_period, unit.deadline_day) if unit is not None else None
    worst = ledger.overdue[0] if ledger.overdue else None  # longest overdue first
    names = {d.code: shown_name(d) for d in indicators.list_indicators(session)}
    return MonthGlance(
        period=period, today=day,
        meeting_dates=tuple(mt.date for mt in meetings.meetings),
        indicators_entered=completeness.entered, indicators_applicable=completeness.applicable,
        indicators_missing=tuple(names.get(code, name) for code, name in completeness.missing),
        last_month_entered=last_month.entered, last_month_applicable=last_month.applicable,
        items_open=ledger.open, items_overdue=ledger.overdue_count,
        worst_overdue=(worst.problem, worst.days_overdue) if worst else None,
        safety_rule_names=tuple(p.name for p in under),
        expiring=tuple(f"{a.name} {a.item} {a.expires_on.isoformat()}" for a in expiring),
        expired=len(expired),
        report_period=report_period, report_status=state.status,
        report_deadline=deadline,
        report_late=state.status is None and unit is not None
        and rules.submission_overdue(report_period, unit.deadline_day, day),
    )


# --- 指标预警 -------------------------------------------------------------------------------------------

# Control-chart signals stay on the dashboard for this many months (the latest month included).
SIGNAL_MONTHS = 3
# How far back the panel looks for the most recent month with entered values.
LOOK_BACK_MONTHS = 12
CHART_MONTHS = 12  # the chart a row opens shows this many months, ending at the warning's month


@dataclass(frozen=True)
class WarningRow:
    """One warning as the panel shows it."""

    code: str
    name: str
    period: str
    value: str  # "3.29‰"
    target: str  # "≤2.00‰", or "" without a target
    kinds: tuple[str, ...]
    reasons: tuple[str, ...]  # aligned with kinds
    problem: str
    category: str
    indicator_value_id: uuid.UUID
    item_id: uuid.UUID | None
    chart_start: str  # first month of the chart this row opens
    rolling: str = ""  # "0.53‰": a rare event's target is judged on its rolling 12-month rate

    @property
    def is_signal(self) -> bool:
        return SPC_SIGNAL in self.kinds

    @property
    def missed(self) -> bool:
        return TARGET_MISSED in self.kinds

    def chart_range(self) -> tuple[str, str]:
        return self.chart_start, self.period


@dataclass(frozen=True)
class WarningsView:
    """What the panel shows: the latest month with values (None when nothing was ever entered) and its rows."""

    period: Period | None
    signals_from: Period | None  # the first month whose signals are listed besides the latest month's warnings
    rows: tuple[WarningRow, ...]


def latest_month_with_values(session: Session, on: date | None = None) -> Period | None:
    """The current month if anything is entered for it yet, else the most recent month before it that has values."""
    period = Period.of(on or today())
    for _ in range(LOOK_BACK_MONTHS + 1):
        if indicators.values_for_period(session, period):
            return period
        period = period.previous()
    return None


def warnings_view(session: Session, on: date | None = None) -> WarningsView:
    latest = latest_month_with_values(session, on)
    if latest is None:
        return WarningsView(None, None, ())
    rows = [_warning_row(session, w) for w in month_warnings(session, latest)]
    earlier = latest
    for _ in range(SIGNAL_MONTHS - 1):
        earlier = earlier.previous()
        rows += [_warning_row(session, w) for w in month_warnings(session, earlier) if w.is_signal]
    return WarningsView(latest, earlier, tuple(rows))


def _warning_row(session: Session, w) -> WarningRow:
    definition = indicators.get_indicator(session, w.code)
    unit = shown_unit(w.unit)
    target = ""
    if w.target is not None:
        target = ("≤" if definition.direction == "lower" else "≥") + format_value(w.target, unit)
    # The last CHART_MONTHS months, but not before the first value: earlier months were never kept here, and
    # the chart would call them "not entered".
    month = Period.parse(w.period)  # analytics.warnings names its months as text
    start = month
    for _ in range(CHART_MONTHS - 1):
        start = start.previous()
    first = indicators.values_for_indicator(session, definition, start=start, end=month)
    return WarningRow(code=w.code, name=w.name, period=w.period, value=format_value(w.value, unit), target=target,
                      kinds=w.kinds, reasons=w.reasons, problem=w.problem, category=w.category,
                      indicator_value_id=w.indicator_value_id, item_id=w.item_id,
                      chart_start=first[0].period if first else str(start),
                      rolling=format_value(w.rolling, unit) if w.rolling is not None else "")


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard shows, read in one session: the cards, the plan card and the warnings panel."""

    glance: MonthGlance
    warnings: WarningsView
    plan: PlanGlance  # the plan card's counts (as `qmsdesk status` counts them)


def dashboard_data(session: Session, on: date | None = None) -> DashboardData:
    from qmsdesk.services.plan_rows import plan_glance

    glance = month_glance(session, on)
    return DashboardData(glance, warnings_view(session, glance.today), plan_glance(session, glance.today))
