"""The checks a month must pass before it is submitted, judged on what a source read (no ORM needed).

services/submission_checks.py reads the month through the ORM (any database, the window's session);
services/submission_checks_raw.py reads the ward's SQLite file with plain SQL (`qmsdesk submit` without
SQLAlchemy). Both hand the same plain facts to `check_month`, so every rule, number and message is this
module's, whichever way the month was read. The finding and report types live here for the same reason;
submission_checks re-exports them (its module doc says what each finding means to the window and the office).

A source answers (rows are ORM objects or plain objects with the models' attribute names):
  group_meeting_held(p) -> bool                 a live group monthly meeting dated in the month
  applicable_definitions() -> [definition]      live, applicable indicators, by code
  month_values(p) -> [value]                    the month's live values, each with its `indicator`
  past_values(first, p) -> [value]              live values of months first..p-1 (indicator_id, numerator, value)
  judged(values) -> {value id: IndicatorWarning | None}   analytics.warnings.indicator_warning of each value
  month_events(p) -> [event]                    live events of the month (the unit's zone), oldest first
  rca_gaps(events) -> {event id: [gap]}         analytics.rca_gaps.gaps_of of each event
  open_items(p) -> [item]                       ledger items open in the month by found_on, with `progress`
  events_in_month(p, categories) -> int         live events of the month in categories (None: all)
  safety_attendance(first, last) -> [staff id]  one per present attendance at a safety/law session
  active_staff() -> [staff]                     live active staff, by name
  expired_authorisations(day) -> [authorisation]  live active ones expiring before `day`, with `staff.name`
  plan_progress(year, p) -> PlanProgress        services.plan_progress.judge_plan's judgement
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from qmsdesk import clock, rules
from qmsdesk.analytics.rates import shown_name, shown_unit
from qmsdesk.db import enums as e
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

# Record kinds named by issues (the window maps each to the page that edits it).
KIND_MEETING = "meeting"
KIND_INDICATOR = "indicator_definition"
KIND_INDICATOR_VALUE = "indicator_value"
KIND_EVENT = "adverse_event"
KIND_ITEM = "rectification_item"
KIND_STAFF = "staff"
KIND_AUTHORISATION = "authorisation"
KIND_PLAN = "plan_item"

HISTORY_MONTHS = 12
MIN_HISTORY = 6  # fewer months say too little about "the ward's own range"
SAFETY_LAW_PER_YEAR = 2  # seed 001 art. 11


@dataclass(frozen=True)
class Link:
    """A place an issue opens: a record of `kind`, or the month's list of that kind when `record_id` is None."""

    kind: str
    record_id: str | None = None


@dataclass(frozen=True)
class Issue:
    """One finding. `blocking` errors stop the submission; warnings need an accepting comment.

    `message` is the fact (it goes to the office); `hint` is what to do in the window (it stays here).
    """

    code: str
    message: str
    kind: str
    record_id: str | None
    blocking: bool
    hint: str | None = None
    also: tuple[Link, ...] = ()  # further places, e.g. the register an indicator was checked against

    @property
    def links(self) -> tuple[Link, ...]:
        return (Link(self.kind, self.record_id), *self.also)

    def as_dict(self) -> dict[str, Any]:
        """The issue as data.json carries it: no window hint."""
        return {"code": self.code, "message": self.message, "kind": self.kind, "record_id": self.record_id,
                "blocking": self.blocking, "links": [asdict(link) for link in self.links]}


@dataclass(frozen=True)
class Acceptance:
    """What happened to a month's warnings: the one statement every document makes about them.

    `state`: "none" (no warnings), "accepted" (by whom, when, with which comment), "unconfirmed" (a preview
    nobody has accepted yet; never in a package), "blocked" (a preview that still has blocking errors).
    """

    warnings: int
    errors: int = 0
    by: str | None = None
    at: datetime | None = None
    comment: str | None = None

    @property
    def state(self) -> str:
        if self.errors:
            return "blocked"
        if not self.warnings:
            return "none"
        return "accepted" if self.comment else "unconfirmed"

    @property
    def when(self) -> str:
        return clock.local_text(self.at) if self.at is not None else ""

    def statement(self) -> str:
        """The sentence on the cover and in the workbook (exports are in Chinese)."""
        if self.state == "blocked":
            return f"上报前校验：尚有 {self.errors} 个必须处理的问题，本文件为预览，不能作为上报材料。"
        if self.state == "none":
            return "上报前校验：无必须处理的问题，无提示。"
        if self.state == "unconfirmed":
            return (f"上报前校验：无必须处理的问题；{self.warnings} 条提示尚未核实确认（本文件为预览）。"
                    "提示全文见“上报前校验提示”。")
        return (f"上报前校验：无必须处理的问题；{self.warnings} 条提示已由 {self.by or '（未记录）'} 于 {self.when} "
                f"核实确认，说明：“{self.comment}”。提示全文见“上报前校验提示”。")

    def as_json(self, warnings: list[Issue]) -> dict[str, Any]:
        """data.json's notes["accepted_warnings"]: the same facts, and every warning."""
        return {"state": self.state, "accepted": self.state == "accepted", "accepted_by": self.by,
                "accepted_at": clock.local(self.at).isoformat(timespec="seconds") if self.at is not None else None,
                "comment": self.comment, "warnings": [w.as_dict() for w in warnings]}


@dataclass
class Report:
    period: str
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def issues(self) -> list[Issue]:
        return [*self.errors, *self.warnings]

    def acceptance(self, comment: str | None, by: str | None = None, at: datetime | None = None) -> Acceptance:
        """What the documents say about this report's warnings: accepted with `comment` by `by` at `at` (now),
        or unconfirmed when no comment was given."""
        comment = (comment or "").strip() or None
        if comment is None or not self.warnings:
            return Acceptance(len(self.warnings), len(self.errors))
        return Acceptance(len(self.warnings), len(self.errors), by, at or clock.now(), comment)

    def raise_if_blocked(self) -> None:
        if self.errors:
            from qmsdesk.errors import FieldError

            raise ValidationError([FieldError(i.code, i.message) for i in self.errors])


def _error(code: str, kind: str, record_id: Any, message: str, hint: str | None = None) -> Issue:
    return Issue(code, message, kind, str(record_id) if record_id else None, True, hint)


def _warning(code: str, kind: str, record_id: Any, message: str, hint: str | None = None) -> Issue:
    return Issue(code, message, kind, str(record_id) if record_id else None, False, hint)


def check_month(source: Any, period: Period | str) -> Report:
    """Everything wrong with the month before it goes to the quality office, judged on what `source` reads."""
    p = Period.parse(period)
    report = Report(str(p))
    report.errors += _group_meeting(source.group_meeting_held(p), p)
    values, missing = _indicator_values(source.applicable_definitions(), source.month_values(p), p)
    report.errors += missing
    report.errors += _proportions(values, p)
    report.errors += _events_without_analysis(source, p)
    items = source.open_items(p)
    report.errors += _closed_without_verification(items)
    report.warnings += _outside_history(source, values, p)
    judged = source.judged([v for v in values if v.value is not None])
    report.warnings += _spc_signals(values, p, {w.record_id for w in report.warnings}, judged)
    report.warnings += _target_misses(values, p, judged)
    report.warnings += _register_mismatches(source, values, p)
    report.warnings += _overdue_without_progress(items, p)
    report.warnings += _safety_training(source, p)
    report.warnings += _expired_authorisations(source, p)
    report.warnings += _plan_shortfalls(source, p)
    return report


def _group_meeting(held: bool, p: Period) -> list[Issue]:
    if held:
        return []
    return [_error("no_group_meeting", KIND_MEETING, None, msg(
        "{p} 没有质控小组例会记录：每月至少召开一次质控小组例会。",
        "{p} has no quality group meeting: at least one a month is required.", p=p.label()),
        msg("请在“会议记录”中补录本月例会。", "Record it on the Meetings page."))]


def _indicator_values(defs: list, month: list, p: Period) -> tuple[list, list[Issue]]:
    have = {v.indicator_id for v in month}
    missing = [_error("indicator_missing", KIND_INDICATOR, d.id, msg(
        "指标“{n}”（{c}）{p}未填报分子和分母。没有发生时请填 0。",
        "Indicator '{n}' ({c}) has no value for {p}. Enter 0 when nothing happened.",
        n=shown_name(d), c=d.code, p=p.label())) for d in defs if d.id not in have]
    return [v for v in month if v.indicator.applicable and not v.indicator.deleted], missing


def _proportions(values: list, p: Period) -> list[Issue]:
    out = []
    for v in values:
        ind = v.indicator
        if ind.kind == e.IndicatorKind.PROPORTION and v.denominator is not None and v.numerator > v.denominator:
            out.append(_error("numerator_above_denominator", KIND_INDICATOR_VALUE, v.id, msg(
                "指标“{n}”{p}的分子（{a:g}）大于分母（{b:g}），比例不可能超过 100%，请核对。",
                "Indicator '{n}' for {p}: the numerator ({a:g}) is above the denominator ({b:g}); a proportion "
                "cannot exceed 100%. Please check.", n=shown_name(ind), p=p.label(), a=v.numerator, b=v.denominator)))
    return out


def _events_without_analysis(source: Any, p: Period) -> list[Issue]:
    """Grade I–II events need a complete root-cause analysis (analytics.rca_gaps.gaps_of) before the month goes."""
    from qmsdesk.analytics.rca_gaps import RCA_GRADES

    events = [ev for ev in source.month_events(p) if ev.grade in RCA_GRADES]
    gaps_by_event = source.rca_gaps(events) if events else {}
    out = []
    for ev in events:
        gaps = gaps_by_event[ev.id]
        if not gaps:
            continue
        when = clock.local_text(ev.occurred_at, "%Y-%m-%d")
        out.append(_error("event_without_rca", KIND_EVENT, ev.id, msg(
            "{d} 的{g}不良事件（{c}）根因分析未完成：{x}。Ⅰ、Ⅱ级事件须完成根因分析（伤害程度、人·机·料·法·环·测原因因素、"
            "5个为什么、根本原因、经验教训、整改措施）后才能上报。",
            "The {g} adverse event of {d} ({c}) has an incomplete root-cause analysis: {x}. Grade I and II events "
            "need a complete analysis (harm level, fishbone factors, the whys, root cause, lessons, improvement items) "
            "before the month is submitted.", d=when, g=e.EventGrade(ev.grade).label, c=_category(ev.category),
            x=msg("、", ", ").join(gaps))))
    return out


def _category(code: str) -> str:
    try:
        return e.EventCategory(code).label
    except ValueError:
        return code


def _closed_without_verification(items: list) -> list[Issue]:
    out = []
    for item in items:
        if item.status == e.ItemStatus.CLOSED and (item.verifier_id is None or item.verified_on is None):
            out.append(_error("closed_without_verification", KIND_ITEM, item.id, msg(
                "整改事项“{t}”已销号，但没有验证人和验证日期：销号前须由验证人确认整改效果。",
                "Rectification item '{t}' is closed without a verifier and verification date; the effect must be "
                "verified before closing.", t=_short(item.problem))))
    return out


def _short(text: str, n: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def _outside_history(source: Any, values: list, p: Period) -> list[Issue]:
    """Values beyond the ward's own last-12-month range widened by half of it: likely typos or real shifts.

    Not for rare events (analytics/rare.py): one more fall than usual is an event, checked against the event
    register instead, not a suspected typo.
    """
    from qmsdesk.analytics.rare import is_rare

    first = p
    for _ in range(HISTORY_MONTHS):
        first = first.previous()
    history: dict[Any, list[float]] = defaultdict(list)
    counts: dict[Any, list[float]] = defaultdict(list)
    for row in source.past_values(first, p):
        counts[row.indicator_id].append(row.numerator)
        if row.value is not None:
            history[row.indicator_id].append(row.value)
    out = []
    for v in values:
        past = history.get(v.indicator_id, [])
        rate = v.value
        if rate is None or len(past) < MIN_HISTORY:
            continue
        if is_rare(v.indicator.code, v.indicator.kind, [*counts[v.indicator_id], v.numerator]):
            continue
        lo, hi = min(past), max(past)
        # A flat history (say, no falls all year) gives no range; then half its level is the margin,
        # and a flat zero gives none, so a rare event's first occurrence is not called a typo.
        margin = (hi - lo) / 2 if hi > lo else abs(hi) / 2
        if margin == 0 or lo - margin <= rate <= hi + margin:
            continue
        unit = shown_unit(v.indicator.unit)
        out.append(_warning("value_outside_history", KIND_INDICATOR_VALUE, v.id, msg(
            "指标“{n}”{p}的值 {x}{u} 远超出本科室近 {k} 个月的范围（{a}～{b}{u}），请核对分子分母是否录入有误。",
            "Indicator '{n}' for {p}: {x}{u} is far outside the ward's last {k} months ({a} to {b}{u}). Check the "
            "numerator and denominator.", n=shown_name(v.indicator), p=p.label(), x=_num(rate), u=unit, k=len(past),
            a=_num(lo), b=_num(hi))))
    return out


def _spc_signals(values: list, p: Period, flagged: set[str | None], judged: dict) -> list[Issue]:
    """A control-chart signal of concern in this month (analytics.warnings), unless already flagged above."""
    from qmsdesk.analytics.warnings import SPC_SIGNAL

    out = []
    for v in values:
        if str(v.id) in flagged or v.value is None:
            continue
        w = judged[v.id]
        if w is None or not w.is_signal:
            continue
        reason = w.reasons[w.kinds.index(SPC_SIGNAL)]
        out.append(_warning("spc_signal", KIND_INDICATOR_VALUE, v.id, msg(
            "指标“{n}”{p}的值 {x}{u} 出现{r}，提示过程可能发生了变化，请核对数据并分析原因。",
            "Indicator '{n}' for {p}: {x}{u} shows a {r}; the process may have changed. Check the data and look "
            "for the cause.", n=shown_name(v.indicator), p=p.label(), x=_num(v.value), u=shown_unit(v.indicator.unit), r=reason)))
    return out


def _target_misses(values: list, p: Period, judged: dict) -> list[Issue]:
    """A value that misses its target: the office should see the ward knew, and what it is doing."""
    from qmsdesk.analytics.warnings import TARGET_MISSED

    out = []
    for v in values:
        if v.value is None:
            continue
        w = judged[v.id]
        if w is None or TARGET_MISSED not in w.kinds:
            continue
        out.append(_warning("target_missed", KIND_INDICATOR_VALUE, v.id, msg(
            "指标“{n}”{p}的值 {x}{u} {r}。", "Indicator '{n}' for {p}: {x}{u} {r}.", n=v.indicator.name_zh,
            p=p.label(), x=_num(v.value), u=v.indicator.unit or "", r=w.reasons[w.kinds.index(TARGET_MISSED)]),
            msg("如尚未整改，可在工作台“指标预警”中转为整改事项。",
                "If not yet in hand, turn it into a rectification item from the dashboard's indicator warnings.")))
    return out


def _register_mismatches(source: Any, values: list, p: Period) -> list[Issue]:
    """An indicator numerator that counts the ward's own event register, and disagrees with it for the month."""
    from qmsdesk.analytics.registers import REGISTER_COUNTS

    out = []
    for register in REGISTER_COUNTS:
        counted = [v for v in values if v.indicator.code in register.codes]
        if not counted:
            continue
        reported = sum(v.numerator for v in counted)
        kept = source.events_in_month(p, register.categories)
        if reported == kept:
            continue
        names = "、".join(f"“{v.indicator.name_zh}”" for v in counted)
        out.append(Issue("register_mismatch", msg(
            "指标{n}{p}的分子合计 {a} 例，本科室不良事件登记中{p}的{w}为 {b} 例，两者不一致。",
            "Indicator {n} for {p} counts {a} in its numerator, while the ward's event register holds {b} "
            "({w}) for {p}: they disagree.", n=names, p=p.label(), a=_num(reported), b=kept, w=register.what),
            KIND_INDICATOR_VALUE, str(counted[0].id), False,
            msg("请核对指标分子，或在“不良事件”中补录、更正登记。",
                "Check the numerator, or add or correct the events on the Adverse events page."),
            (Link(KIND_EVENT, None),)))
    return out


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _overdue_without_progress(items: list, p: Period) -> list[Issue]:
    day = rules.month_end(p)
    out = []
    for item in items:
        if not rules.overdue_on(item, day):
            continue
        if any(not n.deleted and p.contains(n.date) for n in item.progress):
            continue
        out.append(_warning("overdue_without_progress", KIND_ITEM, item.id, msg(
            "整改事项“{t}”已超过整改期限（{d}），本月没有进展记录。请补记进展或调整期限。",
            "Rectification item '{t}' is past its deadline ({d}) with no progress note this month. Add a note or "
            "revise the deadline.", t=_short(item.problem), d=item.deadline.isoformat())))
    return out


def _safety_training(source: Any, p: Period) -> list[Issue]:
    """Seed 001 art. 11 asks for two safety/law trainings a year; by month M expect ⌊2·M/12⌋ of them."""
    expected = SAFETY_LAW_PER_YEAR * p.month // 12
    if expected == 0:
        return []
    start, end = Period(p.year, 1).first_day, p.last_day
    attended: dict[Any, int] = defaultdict(int)
    for staff_id in source.safety_attendance(start, end):
        attended[staff_id] += 1
    out = []
    for s in source.active_staff():
        if s.hire_date is not None and s.hire_date > end:
            continue
        if attended[s.id] < expected:
            out.append(_warning("safety_training_behind", KIND_STAFF, s.id, msg(
                "{n} 今年参加医疗安全/法律法规培训 {a} 次：全年至少 {y} 次，到 {m} 月底应至少 {x} 次。",
                "{n} attended {a} safety/law training(s) this year: at least {y} a year are required, {x} by the end "
                "of month {m}.", n=s.name, a=attended[s.id], y=SAFETY_LAW_PER_YEAR, m=p.month, x=expected)))
    return out


def _expired_authorisations(source: Any, p: Period) -> list[Issue]:
    ref = rules.month_end(p)
    rows = source.expired_authorisations(ref)
    return [_warning("authorisation_expired", KIND_AUTHORISATION, a.id, msg(
        "{n} 的授权“{i}”已于 {d} 到期，但仍为有效状态。请复评后续期，或将其暂停/取消。",
        "{n}'s authorisation '{i}' expired on {d} but is still active. Reassess and renew it, or suspend/revoke it.",
        n=a.staff.name, i=a.item, d=a.expires_on.isoformat())) for a in rows]


def _plan_shortfalls(source: Any, p: Period) -> list[Issue]:
    """Planned trainings, inspections and focus themes of the month that were not done (services.plan_progress)."""
    progress = source.plan_progress(p.year, p)
    if not progress.exists:
        return []
    return [_warning(f"plan_{s.kind}_not_done", KIND_PLAN, s.plan_item_id, s.message) for s in progress.shortfalls(p)]
