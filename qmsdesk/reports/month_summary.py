"""The month at a glance as plain text (what `qmsdesk status` prints): meeting, indicators, ledger,
training, adverse events, authorisations and the submission, in the order a head nurse checks them.

The figures come from a month source: services/month_source.OrmMonth (the ORM, any database) or
analytics/month_raw.RawMonth (the ward's SQLite file read-only, without the ORM); both give the same figures.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from qmsdesk import clock, rules
from qmsdesk.analytics.figures import SAFETY_LAW_MINIMUM
from qmsdesk.db.enums import EventGrade
from qmsdesk.i18n import msg
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

EXPIRY_WINDOW_DAYS = 30
MAX_LISTED = 10  # longer lists are cut with "… and N more", the terminal is not a report


def _unit_line(src: Any, p: Period) -> str:
    unit = src.unit()
    name = f"{unit.hospital_name} {unit.department_name}" if unit else msg("（未设置单位）", "(unit not set)")
    return msg("{u} · {p} 质控工作月报", "{u} · quality work for {p}", u=name, p=p.label())


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:.0f}"


def _more(shown: int, total: int) -> list[str]:
    if total <= shown:
        return []
    return [msg("    …… 另有 {n} 项", "    … and {n} more", n=total - shown)]


def _meeting(src: Any, p: Period) -> list[str]:
    gm = src.group_meetings(p)
    if not gm.held:
        return [msg("一、质控小组例会：本月未召开（每月至少召开 1 次）",
                    "1. Quality group meeting: none held this month (at least one a month is required)")]
    lines = [msg("一、质控小组例会：已召开 {n} 次", "1. Quality group meeting: held {n} time(s)", n=len(gm.meetings))]
    for mt in gm.meetings:
        lines.append(msg("    {d}，出席 {p}/{e} 人，主持：{h}", "    {d}, {p}/{e} present, chaired by {h}",
                         d=mt.date.isoformat(), p=mt.present, e=mt.expected, h=mt.host or "—"))
    return lines


def _indicators(src: Any, p: Period) -> list[str]:
    ic = src.indicator_completeness(p)
    lines = [msg("二、质量指标：已填报 {n}/{m} 项", "2. Quality indicators: {n} of {m} entered",
                 n=ic.entered, m=ic.applicable)]
    if ic.missing:
        names = "、".join(name for _code, name in ic.missing[:MAX_LISTED])
        if len(ic.missing) > MAX_LISTED:
            names += msg(" 等 {n} 项", " and {k} more", n=len(ic.missing), k=len(ic.missing) - MAX_LISTED)
        lines.append(msg("    未填报：{x}", "    Not entered: {x}", x=names))
    off = ic.off_target
    if not off:
        if ic.entered and not ic.watched:
            lines.append(msg("    已填报指标均达到目标值", "    Every entered indicator meets its target"))
        return lines + _watched(ic)
    lines.append(msg("    未达目标 {n} 项：", "    {n} off target:", n=len(off)))
    for r in off[:MAX_LISTED]:
        sign = "≤" if r.direction == "lower" else "≥"
        lines.append(msg("    - {name} {v}{u}（目标 {s}{t}{u}）", "    - {name} {v}{u} (target {s}{t}{u})",
                         name=r.name, v=_fmt(r.value), u=r.unit, s=sign, t=_fmt(r.target)))
        if r.compared != r.value:  # a rare event: the miss is the year's, not this month's
            lines.append(f"      {r.reason}")
    return lines + _more(MAX_LISTED, len(off)) + _watched(ic)


def _watched(ic) -> list[str]:
    if not ic.watched:
        return []
    return [msg("    持续观察 {n} 项（罕见事件高于目标，但例数太少，差异无统计学意义）：{x}",
                "    {n} to keep watching (rare events above target on too few events to tell): {x}",
                n=len(ic.watched), x="、".join(r.name for r in ic.watched))]


def _ledger(src: Any, p: Period, as_of: date) -> list[str]:
    f = src.ledger_figures(p, as_of, listed=MAX_LISTED)
    lines = [msg("三、整改台账：本月涉及 {t} 项，其中本月新增 {r} 项，本月销号 {c} 项",
                 "3. Rectification ledger: {t} item(s) this month, {r} raised and {c} closed this month",
                 t=f.in_month, r=f.raised, c=f.closed),
             msg("    截至 {d}：未销号 {o} 项，其中超期 {x} 项", "    As of {d}: {o} open, {x} overdue",
                 d=as_of.isoformat(), o=f.open, x=f.overdue_count)]
    for item in f.overdue:
        problem = item.problem if len(item.problem) <= 40 else item.problem[:39] + "…"
        later = msg("，{d} 才销号", ", closed only on {d}", d=item.closed_later.isoformat()) if item.closed_later else ""
        lines.append(msg("    - {p}（责任人：{r}，期限 {d}，已超期 {n} 天{l}）",
                         "    - {p} (responsible: {r}, due {d}, {n} days overdue{l})",
                         p=problem, r=item.responsible or msg("未指定", "none"), d=item.deadline.isoformat(),
                         n=item.days_overdue, l=later))
    return lines + _more(MAX_LISTED, f.overdue_count)


def _training(src: Any, p: Period) -> list[str]:
    tm = src.training_month(p)
    under = src.staff_under_safety_rule(p.year)
    rate = src.training_pass_rate(p.year)
    lines = [
        msg("四、培训考核：本月培训 {s} 次，共 {h} 学时，参训 {a} 人次",
            "4. Training: {s} session(s) this month, {h} hours, {a} attendances",
            s=tm.sessions, h=_fmt(tm.hours), a=tm.attendances),
    ]
    if under:
        names = "、".join(f"{x.name}（{x.safety_law_trainings}次）" for x in under[:MAX_LISTED])
        lines.append(msg("    {y}年法律法规/医疗安全培训不足 {k} 次：{n} 人 —— {names}",
                         "    Fewer than {k} law/safety trainings in {y}: {n} people — {names}",
                         y=p.year, k=SAFETY_LAW_MINIMUM, n=len(under), names=names))
        lines += _more(MAX_LISTED, len(under))
    else:
        lines.append(msg("    {y}年全员法律法规/医疗安全培训均已达 {k} 次", "    Everyone had {k} law/safety trainings in {y}",
                         y=p.year, k=SAFETY_LAW_MINIMUM))
    if rate.people_assessed:
        lines.append(msg("    {y}年考核合格率 {r}%（{p}/{n} 人，含补考；考核不合格 {f} 人次）",
                         "    {y} pass rate {r}% ({p}/{n} people, retakes included; {f} failed attempts)",
                         y=p.year, r=f"{rate.rate:.1f}", p=rate.people_passed, n=rate.people_assessed,
                         f=rate.attempts - rate.attempts_passed))
    return lines


def _events(src: Any, p: Period) -> list[str]:
    counts = src.events_by_grade(p)
    total = sum(counts.values())
    if not total:
        return [msg("五、不良事件：本月无上报", "5. Adverse events: none reported this month")]
    # The short grade (Ⅰ级) is enough here; the label's explanation in brackets would crowd the line.
    parts = "，".join(f"{EventGrade(g).label.split('（')[0].split(' (')[0]} {n} 例" for g, n in counts.items())
    return [msg("五、不良事件：本月 {t} 例（{parts}）", "5. Adverse events: {t} this month ({parts})", t=total, parts=parts)]


def _authorisations(src: Any, as_of: date) -> list[str]:
    soon = src.expiring_authorisations(EXPIRY_WINDOW_DAYS, as_of)
    expired = src.expired_authorisations(as_of)
    lines = [msg("六、授权管理：{w} 天内到期 {n} 项，已过期未复评 {x} 项",
                 "6. Authorisations: {n} expire within {w} days, {x} expired and not renewed",
                 w=EXPIRY_WINDOW_DAYS, n=len(soon), x=len(expired))]
    for a in soon[:MAX_LISTED]:
        lines.append(msg("    - {n}：{i}，{d} 到期（还有 {k} 天）", "    - {n}: {i}, expires {d} (in {k} days)",
                         n=a.name, i=a.item, d=a.expires_on.isoformat(), k=a.days_left))
    for a in expired[:MAX_LISTED]:
        lines.append(msg("    - {n}：{i}，已于 {d} 过期", "    - {n}: {i}, expired {d}",
                         n=a.name, i=a.item, d=a.expires_on.isoformat()))
    return lines


def _submission(src: Any, p: Period) -> list[str]:
    from qmsdesk.db.enums import SubmissionStatus

    sub = src.submission(p)
    if sub is None:
        return [msg("七、月度上报：{p} 尚未上报", "7. Monthly submission: {p} not yet submitted", p=p)]
    when = clock.local_text(sub.submitted_at, "%Y-%m-%d") or "—"
    lock = msg("，本月记录已锁定", "; the month's records are locked") if sub.locked else ""
    return [msg("七、月度上报：第 {v} 版，{s}（{d}）{lock}", "7. Monthly submission: version {v}, {s} ({d}){lock}",
                v=sub.version, s=SubmissionStatus(sub.status).label, d=when, lock=lock)]


def _plan(src: Any, p: Period, as_of: date) -> list[str]:
    """Plan against actual for the year up to this month (rules in services.plan_progress)."""
    progress = src.plan_progress(p.year, p, as_of=as_of)
    if not progress.exists:
        return [msg("八、年度计划：尚未制定 {y} 年度质控计划（qmsdesk plan edit --year {y}）",
                    "8. Annual plan: no quality plan for {y} yet (qmsdesk plan edit --year {y})", y=p.year)]
    lines = [msg("八、年度计划执行（{y}年1–{m}月）：培训 {th}/{tp} 项已开展，检查 {id}/{ie} 次已完成，每月质控重点 {fc}/{fd} 项已落实",
                 "8. Annual plan, {y} months 1–{m}: {th} of {tp} trainings held, {id} of {ie} inspections done, "
                 "{fc} of {fd} monthly focus themes taken up", y=p.year, m=p.month, th=progress.trainings_held,
                 tp=progress.trainings_due, id=progress.inspections_done, ie=progress.inspections_expected,
                 fc=progress.focus_covered, fd=progress.focus_due)]
    missed = [msg("    - 培训未开展：{m}月 {t}", "    - training not held: month {m}, {t}", m=t.plan.month, t=t.plan.topic)
              for t in progress.trainings if t.due and not t.held]
    missed += [msg("    - 检查未完成：{t}（{w}）", "    - inspection not done: {t} ({w})", t=i.plan.title,
                   w="、".join(w.label for w in i.missed)) for i in progress.inspections if i.missed]
    missed += [msg("    - 质控重点未落实：{m}月 {t}", "    - focus not taken up: month {m}, {t}", m=f.plan.month, t=f.plan.theme)
               for f in progress.focus if f.due and not f.covered]
    return lines + missed[:MAX_LISTED] + _more(MAX_LISTED, len(missed))


def month_summary(session: Session, period: Period | str, as_of: date | None = None) -> str:
    """The month's summary as text, read through the ORM session (see month_summary_of)."""
    from qmsdesk.services.month_source import OrmMonth

    return month_summary_of(OrmMonth(session), period, as_of)


def month_summary_of(source: Any, period: Period | str, as_of: date | None = None) -> str:
    """The month's summary as text, from a month source (OrmMonth or month_raw.RawMonth). `as_of` (default: the month's last day, or today while it runs —
    rules.month_end, the day the month's report is judged on) is the day the ledger and authorisations are
    seen from: an item is overdue, an authorisation expiring, relative to it."""
    p = Period.parse(period)
    day = as_of or rules.month_end(p)
    sections = [
        [_unit_line(source, p)],
        _meeting(source, p),
        _indicators(source, p),
        _ledger(source, p, day),
        _training(source, p),
        _events(source, p),
        _authorisations(source, day),
        _submission(source, p),
        _plan(source, p, day),
    ]
    return "\n".join(line for section in sections for line in section) + "\n"
