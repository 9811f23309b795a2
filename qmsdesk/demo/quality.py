"""Demo quality work: the ward's census, inspections and findings, adverse events, monthly indicator values.

Rates stay inside the ranges Chinese wards publish (see the sources in qmsdesk.demo): falls and pressure
injuries are the scripted few of qmsdesk.demo.story, every count indicator's numerator is the number of
matching events in the register, and the adverse-event reporting rate is the register's own count over
discharges — low in the first three months, on target after the non-punitive reporting training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from qmsdesk.db import models as m
from qmsdesk.demo import bank, story
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import BEDS, Demo
from qmsdesk.services.catalogue import install_catalogue

# kind -> month indexes of routine inspections; the story's inspections come on top (self: m3, m5, m6
# are the story's own self-inspections that month).
INSPECTION_MONTHS = {"self": (0, 1, 2, 4, 7, 8, 9, 10, 11), "functional": (1, 4, 10), "cross": (2, 8), "flying": (5, 11)}
INSPECTION_DAYS = {"self": (8, 16), "functional": (15, 21), "cross": (9, 14), "flying": (3, 8)}
# What the ward reports besides its scripted falls, pressure injuries and extubations.
BACKGROUND = {"medication_error": 36, "other": 20, "identification": 14, "equipment": 12,
              "infusion_reaction": 10, "transfusion": 8}
REPORTING_LOW_MONTHS = 3  # before the non-punitive reporting training of m2 takes hold
IV_MISS_MONTH, VTE_MISS_MONTH = 1, 2


@dataclass(frozen=True)
class Census:
    days: int
    patient_days: int
    discharges: int
    patients: int  # 期初在院 + 新入院
    nurses: int
    devices: dict[str, int]  # device-days by the indicator that counts them


def plan_census(d: Demo) -> list[Census]:
    out = []
    for index, p in enumerate(d.months):
        days = p.last_day.day
        winter = p.month in (12, 1, 2)
        occupancy = d.rng.uniform(0.95, 1.03) if winter else d.rng.uniform(0.86, 0.96)
        patient_days = int(BEDS * days * occupancy)
        discharges = int(patient_days / d.rng.uniform(6.6, 7.4))
        uc_days = d.rng.randint(275, 295) if story.CAUTI_CASES.get(index, 0) >= story.CLUSTER else d.rng.randint(260, 340)
        devices = {"NUR-UEX-ETT": d.rng.randint(6, 20), "NUR-UEX-GT": d.rng.randint(60, 110),
                   "NUR-UEX-CVC": d.rng.randint(80, 140), "NUR-UEX-PICC": d.rng.randint(150, 230),
                   "NUR-UEX-UC": uc_days}
        out.append(Census(days, patient_days, discharges, round(BEDS * occupancy) + discharges,
                          len(d.nurses_at(p.last_day)), devices))
    return out


# --- inspections ---------------------------------------------------------------------------------

def write_inspections(d: Demo) -> None:
    used = {kind: d.rng.randrange(len(bank_)) for kind, bank_ in t.FINDINGS.items()}
    plan = sorted((index, kind) for kind, months in INSPECTION_MONTHS.items() for index in months)
    for n, (index, kind) in enumerate(plan):
        inspector, topics = t.INSPECTORS[kind]
        when = d.weekday_near(d.day(index, d.rng.randint(*INSPECTION_DAYS[kind])))
        count = d.rng.randint(*t.FINDINGS_PER_INSPECTION[kind])
        # No score here: demo.checklists scores the inspections item by item (a score is never typed). The
        # draw that made the old typed score stays, so a seed writes the same later records as before.
        d.rng.uniform(94, 99)
        ins = d.add(m.Inspection(
            kind=kind, date=when, inspector=inspector, topic=topics[(n + index) % len(topics)],
            summary=f"共检查{d.rng.randint(10, 18)}项，发现问题{count}项，已反馈科室。",
        ))
        d.session.flush()  # stored before its findings, so the month-lock hook finds it without a query
        findings = t.FINDINGS[kind]
        for _ in range(count):
            category, text, root, measures = findings[used[kind] % len(findings)]
            used[kind] += 1
            text = text.format(n=d.rng.randint(1, 3), p=d.rng.randint(76, 84))
            f = d.add(m.InspectionFinding(inspection_id=ins.id, category=category, description=text))
            d.findings.append((f, (category, text, root, measures), when))
    for s in story.INSPECTIONS:
        when = d.weekday_near(d.day(s.month, s.day))
        ins = d.add(m.Inspection(kind=s.kind, date=when, inspector=s.inspector, topic=s.topic, summary=s.summary))
        d.story[s.key] = ins
        d.session.flush()
        for sf in s.findings:
            f = d.add(m.InspectionFinding(inspection_id=ins.id, category=sf.category, description=sf.description))
            d.story[sf.key] = f


# --- adverse events -------------------------------------------------------------------------------

def _event(d: Demo, index: int, day: int, hour: int, minute: int, category: str, grade: str, text: str,
           action: str, analysis: str | None, anonymous: bool) -> m.AdverseEvent:
    on = d.day(index, day)
    occurred = d.local_time(on, hour, minute)
    delay = timedelta(hours=d.rng.randint(1, 3) if grade in ("I", "II") else d.rng.randint(2, 20))
    reporters = [s for s in d.staff if s.profession in ("nurse", "doctor") and d.employed_on(s, on)]
    event = d.add(m.AdverseEvent(
        occurred_at=occurred, reported_at=occurred + delay, category=category, grade=grade,
        description=text, immediate_action=action, analysis=analysis,
        medical_record_no=f"{d.month(index).year % 100:02d}{d.rng.randint(10_000_000, 99_999_999)}",
        reporter_id=None if anonymous else d.rng.choice(reporters).id,
    ))
    d.events.append(event)
    return event


def write_events(d: Demo, census: list[Census]) -> None:
    """The story's events, then background reports until each month holds what the ward reported:
    about 1.5 per 100 discharges in the first three months, about 2.8 after."""
    for e in story.EVENTS:
        text = e.description.format(age=d.rng.randint(72, 88))
        d.story[e.key] = _event(d, e.month, e.day, e.hour, e.minute, e.category, e.grade, text, e.action,
                                e.analysis, anonymous=False)
        if e.tube:
            d.tubes[d.story[e.key].id] = e.tube
    wanted = []
    for index, c in enumerate(census):
        per_hundred = d.rng.uniform(1.3, 1.8) if index < REPORTING_LOW_MONTHS else d.rng.uniform(2.6, 3.2)
        scripted = sum(1 for e in story.EVENTS if e.month == index)
        wanted.append(max(0, math.ceil(c.discharges * per_hundred / 100) - scripted))
    categories = allot(sum(wanted), BACKGROUND)
    d.rng.shuffle(categories)
    for index, (c, n) in enumerate(zip(census, wanted, strict=True)):
        for _ in range(n):
            _background_event(d, index, c.days, categories.pop())
    d.events.sort(key=lambda e: e.occurred_at)


def _background_event(d: Demo, index: int, days: int, category: str) -> None:
    flavour = bank.FLAVOURS["cardiology"]
    choices = bank.by_category(category)
    # near misses (Ⅳ级) are most of what a reporting ward reports
    template = d.rng.choices(choices, [3 if x.grade == "IV" else 1 for x in choices])[0]
    _event(d, index, d.rng.randint(2, days - 1), d.rng.randint(*template.hours), d.rng.choice((5, 10, 20, 30, 40, 50)),
           template.category, template.grade, bank.fill(template.description, d.rng, flavour),
           bank.fill(template.action, d.rng, flavour), template.analysis and bank.fill(template.analysis, d.rng, flavour),
           anonymous=template.grade in ("III", "IV") and d.rng.random() < 0.2)


def allot(total: int, weights: dict[str, int]) -> list[str]:
    """`total` draws shared out by weight (largest remainder), so a year's mix is the mix intended."""
    whole = sum(weights.values())
    shares = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in shares.items()}
    for k in sorted(shares, key=lambda k: shares[k] - out[k], reverse=True)[: total - sum(out.values())]:
        out[k] += 1
    return [k for k, n in out.items() for _ in range(n)]


def events_in(d: Demo, index: int, category: str | None = None, tube: str | None = None) -> list[m.AdverseEvent]:
    p = d.month(index)
    return [e for e in d.events if p.contains(d.local_date(e.occurred_at))
            and (category is None or e.category == category) and (tube is None or d.tubes.get(e.id) == tube)]


# --- indicators -----------------------------------------------------------------------------------

def _value(d: Demo, code: str, index: int, c: Census) -> tuple[float, float | None, str | None]:
    """Numerator, denominator and note of one indicator in one month, consistent with the registers."""
    rng = d.rng
    if code == "NUR-FALL":
        n = len(events_in(d, index, "fall"))
        return n, c.patient_days, f"本月跌倒{n}例，已上报不良事件" if n else None
    if code == "NUR-PI":
        n = len(events_in(d, index, "pressure_injury"))
        return n, c.patients, "院内新发压力性损伤，已上报不良事件" if n else None
    if code in c.devices:
        return len(events_in(d, index, "unplanned_extubation", code)), c.devices[code], None
    if code == "NUR-CAUTI":
        n = story.CAUTI_CASES.get(index, 0)
        return n, c.devices["NUR-UEX-UC"], "经院感科确认" + ("，聚集性病例" if n >= story.CLUSTER else "") if n else None
    if code == "NUR-CLABSI":
        return story.CLABSI_CASES.get(index, 0), c.devices["NUR-UEX-CVC"] + c.devices["NUR-UEX-PICC"], None
    if code == "NUR-RESTRAINT":
        return round(c.patient_days * rng.uniform(0.012, 0.032)), c.patient_days, None
    if code == "NUR-BED-RATIO":
        return c.nurses, BEDS, None
    if code == "NUR-PATIENT-RATIO":
        return c.patient_days, math.ceil(c.patient_days / c.days / rng.uniform(6.6, 7.4)) * c.days, None
    if code == "NUR-HOURS":
        return c.nurses * 8 * 22 + rng.randint(-60, 120), c.patient_days, None
    if code.startswith("NUR-LEVEL-"):
        level = code.rsplit("-", 1)[1]
        nurses = d.nurses_at(d.month(index).last_day)
        return sum(1 for s in nurses if s.nursing_level == level), len(nurses), None
    if code == "NUR-TURNOVER":
        p = d.month(index)
        left = sum(1 for s in d.staff if s.profession == "nurse" and s.left_on and p.contains(s.left_on))
        return left, len(d.nurses_at(p.first_day)), "1名护士因家庭原因离职" if left else None
    if code == "NIT-AE-REPORT":
        return len(events_in(d, index)), c.discharges, None
    if code == "NIT-VTE":
        at_risk = round(c.discharges * rng.uniform(0.45, 0.55))
        share = 0.86 if index == VTE_MISS_MONTH else rng.uniform(0.91, 0.97)
        return int(at_risk * share), at_risk, None
    if code == "NIT-PATHOGEN":
        treated = rng.randint(30, 45)
        return int(treated * rng.uniform(0.55, 0.72)), treated, None
    if code == "NIT-IV":
        share = 0.815 if index == IV_MISS_MONTH else rng.uniform(0.70, 0.78)
        return int(c.discharges * share), c.discharges, None
    return 0, 100, None  # an indicator added to the catalogue later: entered as none observed


def write_indicators(d: Demo, census: list[Census]) -> None:
    defs = [x for x in install_catalogue(d.session, "inpatient_medical") if x.applicable]
    for index, p in enumerate(d.months):
        for definition in defs:
            numerator, denominator, note = _value(d, definition.code, index, census[index])
            if definition.kind == "count":
                denominator = None
            value = d.add(m.IndicatorValue(
                indicator_id=definition.id, period=str(p), numerator=float(numerator),
                denominator=None if denominator is None else float(denominator), note=note,
            ))
            value.indicator = definition
            d.values.append(value)
