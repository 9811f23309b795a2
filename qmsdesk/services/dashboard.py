"""工作台: the current month at a glance and the latest indicator warnings, read in one session.

The figures come from a month source (services/month_source.py): the ORM over the window's session
(analytics/derived.py) or, with `dashboard_data_at(path)`, the ward's SQLite file read-only with a few plain
SQL statements and no SQLAlchemy import (analytics/month_raw.py) — the same figures, from the same counting
and the rules of qmsdesk/rules.py that the `status` command and the monthly submission use. The dashboard
judges the ledger on today and says so ("截至今天"); opened on a month's last day it shows exactly what that
month's report shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk import rules
from qmsdesk.analytics.rates import format_value, shown_unit
from qmsdesk.analytics.warnings import SPC_SIGNAL, TARGET_MISSED
from qmsdesk.clock import today
from qmsdesk.periods import Period
from qmsdesk.services.plan_progress import PlanGlance, glance_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
    from qmsdesk.services.month_source import OrmMonth

    return glance_from(OrmMonth(session), on)


def glance_from(src: Any, on: date | None = None) -> MonthGlance:
    """The cards' figures from a month source (services/month_source.py)."""
    day = on or today()
    period = Period.of(day)
    meetings = src.group_meetings(period)
    completeness = src.indicator_completeness(period)
    last_month = src.indicator_completeness(period.previous())
    ledger = src.ledger_figures(period, as_of=day, listed=1)
    under = src.staff_under_safety_rule(day.year)
    expiring = src.expiring_authorisations(30, as_of=day)
    expired = src.expired_authorisations(as_of=day)
    # The month to report now is last month.
    report_period = period.previous()
    submission = src.submission(report_period)
    status = submission.status if submission is not None else None
    unit = src.unit()
    deadline = rules.submission_deadline(report_period, unit.deadline_day) if unit is not None else None
    worst = ledger.overdue[0] if ledger.overdue else None  # longest overdue first
    names = src.indicator_names()
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
        report_period=report_period, report_status=status,
        report_deadline=deadline,
        report_late=status is None and unit is not None
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
    from qmsdesk.services.month_source import OrmMonth

    return OrmMonth(session).latest_month_with_values(on or today(), LOOK_BACK_MONTHS)


def warnings_view(session: Session, on: date | None = None) -> WarningsView:
    from qmsdesk.services.month_source import OrmMonth

    return warnings_from(OrmMonth(session), on)


def warnings_from(src: Any, on: date | None = None) -> WarningsView:
    """The warnings panel from a month source (services/month_source.py)."""
    latest = src.latest_month_with_values(on or today(), LOOK_BACK_MONTHS)
    if latest is None:
        return WarningsView(None, None, ())
    rows = [_warning_row(src, w) for w in src.month_warnings(latest)]
    earlier = latest
    for _ in range(SIGNAL_MONTHS - 1):
        earlier = earlier.previous()
        rows += [_warning_row(src, w) for w in src.month_warnings(earlier) if w.is_signal]
    return WarningsView(latest, earlier, tuple(rows))


def _warning_row(src: Any, w) -> WarningRow:
    unit = shown_unit(w.unit)
    target = ""
    if w.target is not None:
        target = ("≤" if src.indicator_direction(w.code) == "lower" else "≥") + format_value(w.target, unit)
    # The last CHART_MONTHS months, but not before the first value: earlier months were never kept here, and
    # the chart would call them "not entered".
    month = Period.parse(w.period)  # analytics.warnings names its months as text
    start = month
    for _ in range(CHART_MONTHS - 1):
        start = start.previous()
    return WarningRow(code=w.code, name=w.name, period=w.period, value=format_value(w.value, unit), target=target,
                      kinds=w.kinds, reasons=w.reasons, problem=w.problem, category=w.category,
                      indicator_value_id=w.indicator_value_id, item_id=w.item_id,
                      chart_start=src.first_value_period(w.code, start, month) or str(start),
                      rolling=format_value(w.rolling, unit) if w.rolling is not None else "")


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard shows, read in one session: the cards, the plan card and the warnings panel."""

    glance: MonthGlance
    warnings: WarningsView
    plan: PlanGlance  # the plan card's counts (as `qmsdesk status` counts them)


def dashboard_data(session: Session, on: date | None = None) -> DashboardData:
    """The dashboard through the ORM session (any database)."""
    from qmsdesk.services.month_source import OrmMonth

    return dashboard_from(OrmMonth(session), on)


def dashboard_data_at(target: str | Path | None, on: date | None = None) -> DashboardData | None:
    """The dashboard read from the SQLite file `target` read-only, without the ORM (qmsdesk/db/raw.py); None
    when the file cannot be read that way (not at the schema head, missing, a URL): then use dashboard_data."""
    from qmsdesk.db.raw import open_raw

    reader = open_raw(target)
    if reader is None:
        return None
    from qmsdesk.analytics.month_raw import RawMonth

    with reader:
        return dashboard_from(RawMonth(reader), on)


def use_unit_at(target: str | Path | None) -> str | None:
    """Before the database is opened: make the file's unit the program's, as opening it does (db/engine.py: the
    unit's time zone decides "today", so the figures read next judge the same day the ORM would), and return
    the window's “医院 · 科室” (services.unit.unit_title: "" before the first set-up) for the status bar; None
    when the file cannot be read without the ORM (dashboard_data_at)."""
    from qmsdesk import clock
    from qmsdesk.db.raw import open_raw

    reader = open_raw(target)
    if reader is None:
        return None
    with reader:
        rows = reader.rows("SELECT hospital_name, department_name, time_zone FROM units WHERE deleted = 0 "
                           "ORDER BY created_at LIMIT 1")
    clock.set_zone(rows[0]["time_zone"] if rows else None)
    return f"{rows[0]['hospital_name']} · {rows[0]['department_name']}" if rows else ""


def dashboard_from(src: Any, on: date | None = None) -> DashboardData:
    """The cards, the warnings and the plan card from one month source."""
    glance = glance_from(src, on)
    day = glance.today
    plan = glance_of(src.plan_progress(day.year, Period.of(day), as_of=day))
    return DashboardData(glance, warnings_from(src, day), plan)
