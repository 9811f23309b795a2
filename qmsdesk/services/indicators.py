"""质量指标: the office's own indicator definitions and every month's numerator and denominator."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import Direction, IndicatorKind
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period, months_between
from qmsdesk.services.base import check_changes, check_choice, check_required, get, values_of

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
# Kinds whose numerator counts cases (so it must be whole); a proportion's denominator counts too.
_WHOLE_NUMERATOR = frozenset({IndicatorKind.PROPORTION, IndicatorKind.RATE, IndicatorKind.COUNT})
# What the office may change on an indicator that came from the national catalogue.
_CATALOGUE_EDITABLE = frozenset({"target", "warning", "applicable"})

IndicatorRef = m.IndicatorDefinition | uuid.UUID | str


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- definitions -------------------------------------------------------------------------------

def get_indicator(session: Session, ref: IndicatorRef) -> m.IndicatorDefinition:
    """An indicator by object, id or code."""
    if isinstance(ref, m.IndicatorDefinition):
        return ref
    if isinstance(ref, str):
        try:
            ref = uuid.UUID(ref)
        except ValueError:
            found = session.scalars(live(m.IndicatorDefinition).where(m.IndicatorDefinition.code == ref)).first()
            if found is None:
                raise NotFoundError(msg("找不到指标“{c}”。", "No indicator with code '{c}'.", c=ref)) from None
            return found
    return get(session, m.IndicatorDefinition, ref)


def _check_definition(session: Session, v: dict, c: Collector, own_id=None) -> None:
    code = v.get("code")
    check_required(c, "code", code, msg("指标代码", "the code"))
    if code and code.strip():
        if not _CODE.match(code):
            c.add("code", msg("指标代码只能由大写字母、数字、“-”“_”组成，最长 32 位。",
                              "A code may hold only capital letters, digits, '-' and '_', at most 32 characters."))
        stmt = select(m.IndicatorDefinition).where(m.IndicatorDefinition.code == code)
        other = session.scalars(stmt).first()
        if other is not None and other.id != own_id:
            extra = msg("（已删除，可恢复）", " (deleted; it can be restored)") if other.deleted else ""
            c.add("code", msg("指标代码“{c}”已存在{e}。", "Indicator code '{c}' already exists{e}.", c=code, e=extra))
    check_required(c, "name_zh", v.get("name_zh"), msg("指标名称", "the name"))
    check_required(c, "numerator_def", v.get("numerator_def"), msg("分子定义", "the numerator definition"))
    check_choice(c, "kind", v.get("kind"), IndicatorKind, msg("指标类型", "indicator kind"))
    check_choice(c, "direction", v.get("direction"), Direction, msg("方向", "direction"))
    if v.get("kind") != IndicatorKind.COUNT:
        check_required(c, "denominator_def", v.get("denominator_def"), msg("分母定义", "the denominator definition"))
    multiplier = v.get("multiplier")
    if not _is_number(multiplier) or multiplier <= 0:
        c.add("multiplier", msg("倍数应为正数（如 100 表示百分比，1000 表示千分率）。",
                                "The multiplier must be positive (100 for a percentage, 1000 per thousand)."))
    for field, what in (("target", msg("目标值", "The target")), ("warning", msg("预警值", "The warning threshold"))):
        value = v.get(field)
        if value is not None and (not _is_number(value) or value < 0):
            c.add(field, msg("{w}应为不小于 0 的数。", "{w} must be a number not below 0.", w=what))


def _default_multiplier(kind: str) -> float:
    return 100.0 if kind == IndicatorKind.PROPORTION else 1.0


def create_indicator(
    session: Session, *, code: str, name_zh: str, numerator_def: str, kind: str, direction: str,
    name_en: str | None = None, denominator_def: str | None = None, multiplier: float | None = None,
    unit: str = "", target: float | None = None, warning: float | None = None,
    department_types: list[str] | tuple[str, ...] = (), source: str | None = None,
    source_year: int | None = None, applicable: bool = True,
) -> m.IndicatorDefinition:
    """An indicator the office adds itself (custom); it applies to this unit unless told otherwise."""
    code = code.strip().upper() if isinstance(code, str) else code
    values = dict(code=code, name_zh=name_zh, name_en=name_en or name_zh, numerator_def=numerator_def,
                  denominator_def=denominator_def, kind=str(kind),
                  multiplier=_default_multiplier(str(kind)) if multiplier is None else multiplier, unit=unit,
                  direction=str(direction), target=target, warning=warning,
                  department_types=list(department_types), source=source, source_year=source_year,
                  applicable=applicable)
    c = Collector()
    _check_definition(session, values, c)
    c.raise_if_any()
    row = m.IndicatorDefinition(custom=True, **values)
    session.add(row)
    session.flush()
    return row


def update_indicator(session: Session, indicator: IndicatorRef, **changes) -> m.IndicatorDefinition:
    """Edit a custom indicator freely; a catalogue one only in its target, warning and applicability."""
    check_changes(m.IndicatorDefinition, changes, frozen=frozenset({"custom"}))
    row = get_indicator(session, indicator)
    if not row.custom:
        fixed = sorted(set(changes) - _CATALOGUE_EDITABLE)
        if fixed:
            raise ValidationError(
                msg("国家目录中的指标只能修改目标值、预警值和是否适用。",
                    "A catalogue indicator can only change its target, warning threshold and applicability."),
                fixed[0])
    if "code" in changes and isinstance(changes["code"], str):
        changes["code"] = changes["code"].strip().upper()
    c = Collector()
    _check_definition(session, values_of(row) | changes, c, own_id=row.id)
    if "kind" in changes and changes["kind"] != row.kind and _has_values(session, row):
        c.add("kind", msg("该指标已有月度数据，不能更改指标类型。", "The indicator already has monthly values; its kind cannot change."))
    c.raise_if_any()
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return row


def _has_values(session: Session, row: m.IndicatorDefinition) -> bool:
    stmt = select(func.count()).select_from(m.IndicatorValue).where(
        m.IndicatorValue.indicator_id == row.id, m.IndicatorValue.deleted.is_(False))
    return bool(session.scalar(stmt))


def set_applicable(session: Session, indicator: IndicatorRef, applicable: bool) -> m.IndicatorDefinition:
    return update_indicator(session, indicator, applicable=bool(applicable))


def delete_indicator(session: Session, indicator: IndicatorRef) -> None:
    """Soft delete a custom indicator; catalogue ones are set not applicable instead."""
    row = get_indicator(session, indicator)
    if not row.custom:
        raise ValidationError(msg("国家目录中的指标不能删除，可将其设为“不适用”。",
                                  "A catalogue indicator cannot be deleted; mark it not applicable instead."), "code")
    row.deleted = True
    session.flush()


def restore_indicator(session: Session, indicator_id) -> m.IndicatorDefinition:
    row = get(session, m.IndicatorDefinition, indicator_id, include_deleted=True)
    row.deleted = False
    session.flush()
    return row


def list_indicators(session: Session, *, applicable_only: bool = False, custom: bool | None = None,
                    search: str | None = None) -> list[m.IndicatorDefinition]:
    stmt = live(m.IndicatorDefinition)
    if applicable_only:
        stmt = stmt.where(m.IndicatorDefinition.applicable.is_(True))
    if custom is not None:
        stmt = stmt.where(m.IndicatorDefinition.custom.is_(custom))
    if search and search.strip():
        like = f"%{search.strip()}%"
        stmt = stmt.where(or_(m.IndicatorDefinition.code.like(like), m.IndicatorDefinition.name_zh.like(like),
                              m.IndicatorDefinition.name_en.like(like)))
    return list(session.scalars(stmt.order_by(m.IndicatorDefinition.code)))


# --- monthly values ----------------------------------------------------------------------------

def check_value(ind: m.IndicatorDefinition, period: Period, numerator: object,
                denominator: object, c: Collector) -> None:
    """The rules one month's figures must meet (shared with importers so a file is judged the same).

    The month is a `Period`: text typed or read from a file is read into one where it arrives.
    """
    if period > Period.of(today()):
        c.add("period", msg("{p} 尚未到来，不能录入指标数据。", "{p} has not begun; no values can be entered yet.",
                            p=period))
    kind = ind.kind
    num_ok = _is_number(numerator)
    if not num_ok:
        c.add("numerator", msg("请填写分子（数字）。", "Enter the numerator (a number)."))
    elif numerator < 0:
        c.add("numerator", msg("分子不能为负数。", "The numerator cannot be negative."))
    elif kind in _WHOLE_NUMERATOR and numerator != int(numerator):
        c.add("numerator", msg("分子是例数，应为整数，收到 {n}。", "The numerator counts cases and must be whole, got {n}.",
                               n=numerator))
    den_ok = _is_number(denominator)
    if kind == IndicatorKind.COUNT:
        if denominator is not None and (not den_ok or denominator < 0):
            c.add("denominator", msg("分母不能为负数。", "The denominator cannot be negative."))
        return
    if not den_ok:
        c.add("denominator", msg("请填写分母（数字）；本月无暴露时填 0。",
                                 "Enter the denominator (a number); enter 0 when there was no exposure."))
        return
    if denominator < 0:
        c.add("denominator", msg("分母不能为负数。", "The denominator cannot be negative."))
        return
    if kind == IndicatorKind.PROPORTION and denominator != int(denominator):
        c.add("denominator", msg("比例指标的分母是例数，应为整数，收到 {d}。",
                                 "A proportion's denominator counts cases and must be whole, got {d}.", d=denominator))
    if not num_ok or numerator < 0:
        return
    if denominator == 0 and numerator > 0:
        c.add("numerator", msg("分母为 0（本月无暴露）时，分子也应为 0。",
                               "With a denominator of 0 (no exposure this month) the numerator must be 0 too."))
    elif kind == IndicatorKind.PROPORTION and numerator > denominator:
        c.add("numerator", msg("分子（{n:g}）不能大于分母（{d:g}）。", "The numerator ({n:g}) cannot exceed the denominator ({d:g}).",
                               n=numerator, d=denominator))


def set_value(
    session: Session, indicator: IndicatorRef, period: Period, numerator: float,
    denominator: float | None = None, note: str | None = None,
) -> m.IndicatorValue:
    """Enter (or correct) one month's figures; a value deleted earlier is brought back, not duplicated."""
    ind = get_indicator(session, indicator)
    c = Collector()
    check_value(ind, period, numerator, denominator, c)
    c.raise_if_any()
    p = str(period)  # stored as text
    stmt = select(m.IndicatorValue).where(m.IndicatorValue.indicator_id == ind.id, m.IndicatorValue.period == p)
    row = session.scalars(stmt).first()
    note = note.strip() or None if isinstance(note, str) else note
    if row is None:
        row = m.IndicatorValue(indicator_id=ind.id, period=p, numerator=numerator, denominator=denominator, note=note)
        session.add(row)
    else:
        # Assign only what differs, so an unchanged re-entry writes no audit row.
        for key, value in (("numerator", numerator), ("denominator", denominator), ("note", note), ("deleted", False)):
            if getattr(row, key) != value:
                setattr(row, key, value)
    session.flush()
    return row


def value_for(session: Session, indicator: IndicatorRef, period: Period) -> m.IndicatorValue | None:
    ind = get_indicator(session, indicator)
    stmt = live(m.IndicatorValue).where(m.IndicatorValue.indicator_id == ind.id,
                                        m.IndicatorValue.period == str(period))
    return session.scalars(stmt).first()


def delete_value(session: Session, indicator: IndicatorRef, period: Period) -> None:
    row = value_for(session, indicator, period)
    if row is None:
        raise NotFoundError(msg("该月没有这项指标的数据。", "There is no value for this indicator in that month."))
    row.deleted = True
    session.flush()


def values_for_period(session: Session, period: Period, *, applicable_only: bool = False) -> list[m.IndicatorValue]:
    """The month's live values of live indicators, by indicator code."""
    stmt = (live(m.IndicatorValue).join(m.IndicatorValue.indicator)
            .where(m.IndicatorValue.period == str(period),
                   m.IndicatorDefinition.deleted.is_(False)))
    if applicable_only:
        stmt = stmt.where(m.IndicatorDefinition.applicable.is_(True))
    return list(session.scalars(stmt.order_by(m.IndicatorDefinition.code)).unique())


def values_for_indicator(session: Session, indicator: IndicatorRef, *, start: Period | None = None,
                         end: Period | None = None) -> list[m.IndicatorValue]:
    """One indicator's values month by month (for trend and control charts)."""
    ind = get_indicator(session, indicator)
    stmt = live(m.IndicatorValue).where(m.IndicatorValue.indicator_id == ind.id)
    if start is not None:
        stmt = stmt.where(m.IndicatorValue.period >= str(start))
    if end is not None:
        stmt = stmt.where(m.IndicatorValue.period <= str(end))
    return list(session.scalars(stmt.order_by(m.IndicatorValue.period)))


def missing_for_period(session: Session, period: Period) -> list[m.IndicatorDefinition]:
    """Applicable indicators with no value entered for the month."""
    entered = {v.indicator_id for v in values_for_period(session, period)}
    return [d for d in list_indicators(session, applicable_only=True) if d.id not in entered]


# --- what the pages show ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IndicatorChoice:
    code: str
    name: str  # in the user's language
    kind: str
    applicable: bool


def indicator_choices(session: Session, *, applicable_only: bool = False) -> list[IndicatorChoice]:
    """Indicators for choosers, by code."""
    from qmsdesk.services.catalogue import shown_name

    return [IndicatorChoice(d.code, shown_name(d), d.kind, d.applicable)
            for d in list_indicators(session, applicable_only=applicable_only)]


@dataclass(frozen=True, slots=True)
class ValueRow:
    id: str  # "CODE@YYYY-MM"
    code: str
    name: str
    period: Period
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    target: float | None
    note: str | None
    kind: str
    status: str  # "ok" (on target or no target), "off" (target missed), "missing" (not entered yet)


def value_rows(session: Session, as_of: date | None = None) -> list[ValueRow]:
    """数据列表: every entered value, and each applicable indicator not yet entered for a month up to `as_of`'s,
    newest month first, codes in order within it."""
    from qmsdesk.analytics.rates import TargetStatus, shown_unit
    from qmsdesk.analytics.targets import value_statuses
    from qmsdesk.services.catalogue import shown_name

    rows: list[ValueRow] = []
    definitions = list_indicators(session)
    entered: dict[Period, set[str]] = {}
    for ind in definitions:
        name, unit = shown_name(ind), shown_unit(ind.unit)
        assessed = value_statuses(session, ind)  # a rare event judged on its year (analytics/targets.py)
        for v in values_for_indicator(session, ind):
            period = Period.parse(v.period)  # stored as text
            missed = v.period in assessed and assessed[v.period].status is TargetStatus.MISSED
            rows.append(ValueRow(f"{ind.code}@{period}", ind.code, name, period, v.numerator, v.denominator,
                                 v.value, unit, ind.target, v.note, ind.kind, "off" if missed else "ok"))
            entered.setdefault(period, set()).add(ind.code)
    current = Period.of(as_of or today())
    first = min(entered, default=current)
    for period in months_between(first, current):
        done = entered.get(period, set())
        rows += [ValueRow(f"{ind.code}@{period}", ind.code, shown_name(ind), period, None, None, None,
                          shown_unit(ind.unit), ind.target, None, ind.kind, "missing")
                 for ind in definitions if ind.applicable and ind.code not in done]
    rows.sort(key=lambda r: r.code)
    rows.sort(key=lambda r: r.period, reverse=True)
    return rows


def enter_value(session: Session, *, code: str, period: Period, numerator: float,
                denominator: float | None = None, note: str | None = None) -> m.IndicatorValue:
    """`set_value` with the form's field names (数据列表's 录入数据 and 修改)."""
    return set_value(session, code, period, numerator, denominator, note)


@dataclass(frozen=True, slots=True)
class EntryLine:
    """One applicable indicator in the monthly entry grid, with the month's saved figures."""

    indicator_id: str
    code: str
    name: str
    kind: str
    multiplier: float
    unit: str
    direction: str
    target: float | None
    warning: float | None
    numerator_def: str
    denominator_def: str | None
    numerator: float | None
    denominator: float | None
    saved: bool
    signal: str  # the month's control-chart signal of concern, "" if none
    target_state: object  # the saved month against its target (analytics.targets: a rare event on its year)


@dataclass(frozen=True)
class EntrySheet:
    """月度录入 for one month: its lines, and why the month is locked ("" while it is open)."""

    period: Period
    lines: tuple[EntryLine, ...]
    locked: str


def month_signals(session: Session, period: Period) -> dict[str, str]:
    """Indicator code → the month's control-chart signal of concern (text), from analytics.warnings."""
    from qmsdesk.analytics.warnings import SPC_SIGNAL, month_warnings

    return {w.code: w.reasons[w.kinds.index(SPC_SIGNAL)] for w in month_warnings(session, period)
            if SPC_SIGNAL in w.kinds}


def lock_reason(session: Session, period: Period) -> str:
    """The refusal message when a submission has locked the month, else ""."""
    from qmsdesk.db.events import locked_message, locked_periods

    sub = locked_periods(session).get(str(period))
    return locked_message(sub) if sub is not None else ""


def entry_sheet(session: Session, period: Period) -> EntrySheet:
    from qmsdesk.analytics.rates import shown_unit
    from qmsdesk.analytics.targets import month_assessment
    from qmsdesk.services.catalogue import shown_name

    values = {v.indicator_id: v for v in values_for_period(session, period)}
    signals = month_signals(session, period)
    lines = []
    for d in list_indicators(session, applicable_only=True):
        v = values.get(d.id)
        lines.append(EntryLine(
            str(d.id), d.code, shown_name(d), d.kind, d.multiplier or 1.0, shown_unit(d.unit), d.direction, d.target,
            d.warning, d.numerator_def, d.denominator_def, v.numerator if v else None, v.denominator if v else None,
            v is not None, signals.get(d.code, "") if v else "",
            month_assessment(session, d, period).status if v else None))
    return EntrySheet(period, tuple(lines), lock_reason(session, period))


def enter_month(session: Session, period: Period,
                figures: list[tuple[str, float | None, float | None]]) -> list[m.IndicatorValue]:
    """Several indicators' figures for one month, all or none: (indicator id or code, numerator, denominator)."""
    return [set_value(session, ref, period, numerator, denominator) for ref, numerator, denominator in figures]
