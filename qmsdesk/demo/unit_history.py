"""One office-demo unit's months, made straight as the records its monthly packages carry.

The rows have the very shape `qmsdesk.sync.records.month_records` gives a ward's package (the model's
columns, events masked and without their reporter, indicator values with their code and name, staff as
name, number and title), but no ward database is built: a unit-month costs a few milliseconds, so a
province of some 4,000 units can be made. Everything is drawn from a random source seeded by the unit,
so a unit's history does not depend on how many others are generated with it, and no two units share
an item. A package carries the ledger as it stood when the unit signed it (qmsdesk.demo.timeline).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import inspect

from qmsdesk.db import models as m
from qmsdesk.demo import bank, timeline
from qmsdesk.demo import office_texts as ot
from qmsdesk.demo.builder import CHINA, weekday_near
from qmsdesk.demo.quality import allot
from qmsdesk.demo.unit_quality import UnitQuality
from qmsdesk.demo.unit_values import (
    CENTRES,
    FALL_FACTOR,
    Census,
    census,
    centre,
    draw_profile,
    poisson,
    proportion,
)
from qmsdesk.demo.units import UnitSpec
from qmsdesk.periods import Period

MODELS = {
    "meetings": m.Meeting, "meeting_attendance": m.MeetingAttendance, "meeting_problems": m.MeetingProblem,
    "training_sessions": m.TrainingSession, "training_attendance": m.TrainingAttendance, "assessments": m.Assessment,
    "indicator_values": m.IndicatorValue, "inspections": m.Inspection, "inspection_findings": m.InspectionFinding,
    "adverse_events": m.AdverseEvent, "rectification_items": m.RectificationItem, "progress_notes": m.ProgressNote,
    "inspection_items": m.InspectionItem, "event_analyses": m.EventAnalysis, "event_factors": m.EventFactor,
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建国秀兰丽华晓燕志强敏婷海涛静桂芳明娟梅国栋雪佳怡文斌小红晨艳慧雨欣磊雅琴洋娜思媛萍强玉春琳一鸣冰红霞伟军平勇杰涛超刚辉鹏浩宇"
TUBES = ("NUR-UEX-ETT", "NUR-UEX-GT", "NUR-UEX-CVC", "NUR-UEX-PICC", "NUR-UEX-UC")
TUBE_RATE = {"NUR-UEX-ETT": 1.0, "NUR-UEX-GT": 1.2, "NUR-UEX-CVC": 0.3, "NUR-UEX-PICC": 0.2, "NUR-UEX-UC": 0.35}
RARE = {"NUR-FALL", "NUR-PI", "NUR-CAUTI", "NUR-CLABSI", "NUR-VAP", "NUR-TURNOVER", "EVT-SENTINEL", *TUBES}
SOURCE_LABELS = {"indicator": "质量指标", "event": "不良事件", "inspection": "检查督查", "meeting": "质控会议"}
TRAVEL_MONTHS = 12  # an approved analysis travels with the packages of the year after its quarter (services.analysis)


@cache
def _keys(model) -> tuple[str, ...]:
    return tuple(c.key for c in inspect(model).column_attrs)


@cache
def _catalogue() -> tuple:
    from qmsdesk.services.catalogue import load_catalogue

    return tuple(load_catalogue())


def _months(a: Period, b: Period) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def group_of(spec: UnitSpec) -> str:
    """The kind of department whose texts a unit uses (qmsdesk.demo.office_texts)."""
    dept = spec.department
    if dept.type == "other":
        return "public_health" if "公共卫生" in dept.name else "support"
    return dept.type


def _stamp(d: date, hour: int = 17) -> str:
    return datetime.combine(d, time(hour), CHINA).astimezone(UTC).isoformat()


@dataclass
class Person:
    id: str
    name: str
    employee_no: str
    title: str
    nurse: bool
    level: str | None = None


@dataclass
class Item:
    row: dict
    life: timeline.Life
    notes: list[tuple[date, str]] = field(default_factory=list)


class UnitHistory:
    """A unit's year: `created[period]` is when it signed that month's package (None: it never came),
    `records(period, created)` the package's records."""

    def __init__(self, spec: UnitSpec, periods: list[Period], seed: int, today: date) -> None:
        self.spec, self.periods, self.today = spec, periods, today
        self.rng = random.Random(f"qmsdesk-office-demo/{seed}/{spec.key}")
        self.profile = draw_profile(self.rng)
        self.quality_tools: UnitQuality | None = None
        self.group = group_of(spec)
        self.months: dict[str, dict[str, dict[str, dict]]] = {str(p): {k: {} for k in MODELS} for p in periods}
        self.items: list[Item] = []
        self.leaves: int | None = None
        self._people()
        self.quality_tools = UnitQuality(self, seed)  # scored inspections, RCAs, a PDCA project (issue 16)
        self.definitions = [(e, self._id()) for e in _catalogue() if spec.department.type in e.department_types]
        self.levels = {code: centre(self.rng, code, self.profile.quality, spec.department.type) for code in CENTRES}
        first = self.rng.randint(1, 6)
        self.safety_months = {first, first + 6}  # two medical-safety/law trainings a year (seed 001 art. 11)
        for index, p in enumerate(periods):
            self._month(index, p)
        self._settle()
        self.quality_tools.plan_project()
        self.analyses = self._analyses()
        self.created = {str(p): self._created(p) for p in periods}

    # --- people -----------------------------------------------------------------------------------

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _people(self) -> None:
        rng, dept = self.rng, self.spec.department
        if dept.type == "icu":
            nurses = round(dept.beds * rng.uniform(2.4, 3.0))
        elif dept.beds:
            ratio = (0.25, 0.45) if dept.type == "township" else (0.33, 0.5)
            nurses = max(4, round(dept.beds * rng.uniform(*ratio)))
        else:
            nurses = rng.randint(5, 16)
        doctors = max(2, round(dept.beds * rng.uniform(0.12, 0.22))) if dept.beds else rng.randint(3, 9)
        names: set[str] = set()
        self.staff: list[Person] = []
        for i in range(doctors + nurses):
            name = ""
            while not name or name in names:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            names.add(name)
            nurse = i >= doctors
            title, level = self._title(nurse, i - doctors if nurse else i)
            self.staff.append(Person(self._id(), name, f"{2000 + rng.randint(0, 25)}{i + 1:03d}", title, nurse, level))
        self.doctors = self.staff[:doctors]
        self.nurses = self.staff[doctors:]
        self.members = [self.doctors[0], self.nurses[0], self.doctors[-1], self.nurses[1], *self.nurses[2:4]]
        if len(self.periods) > 3 and rng.random() < 0.4:
            self.leaves = rng.randint(1, len(self.periods) - 2)  # a nurse leaves at the end of that month

    def _title(self, nurse: bool, rank: int) -> tuple[str, str | None]:
        township = self.spec.hospital_kind.startswith("township")
        if not nurse:
            titles = ("副主任医师", "主治医师", "医师", "执业助理医师") if township else \
                ("主任医师", "副主任医师", "主治医师", "主治医师", "住院医师")
            return titles[min(rank, len(titles) - 1)], None
        if self.spec.department.type == "medical_tech":
            return ("主管技师" if rank < 3 else "技师"), None
        level = "N4" if rank == 0 else self.rng.choice(("N1", "N2", "N2", "N3", "N0", "N1"))
        return {"N4": "副主任护师", "N3": "主管护师", "N2": "护师", "N1": "护师", "N0": "护士"}[level], level

    def nurses_in(self, index: int) -> int:
        gone = self.leaves is not None and self.leaves < index < self.leaves + 3
        return len(self.nurses) - gone

    # --- a month --------------------------------------------------------------------------------

    def _put(self, p: Period, table: str, when: date, **values) -> dict:
        row = dict.fromkeys(_keys(MODELS[table]))
        row.update(id=self._id(), created_at=_stamp(when), updated_at=_stamp(when), deleted=False, **values)
        self.months[str(p)][table][row["id"]] = row
        return row

    def _day(self, p: Period, lo: int, hi: int) -> date:
        return weekday_near(date(p.year, p.month, self.rng.randint(lo, min(hi, p.last_day.day))))

    def _month(self, index: int, p: Period) -> None:
        c = census(self.rng, self.spec, p)
        events = self._events(p, c)
        self._indicators(index, p, c, events)
        if not (self.profile.quality < 0.3 and self.rng.random() < 0.15):  # a weak unit skips a meeting now and then
            self._meeting(p)
        self._training(p)
        if p.month % 3 == 0:
            self._assessments(p)
        self._inspection(p, "self", self._day(p, 6, 18))
        if p.month in (3, 6, 9, 12):
            self._inspection(p, "functional", self._day(p, 12, 22))

    def _events(self, p: Period, c: Census) -> list[tuple[dict, str | None]]:
        rng, prof, flavour = self.rng, self.profile, bank.FLAVOURS[self.spec.department.flavour]
        drawn: list[tuple[bank.EventTemplate, str | None]] = []
        if c.patient_days:
            falls = c.patient_days * prof.falls * FALL_FACTOR.get(self.spec.department.type, 1.0) / 1000
            drawn += [(rng.choice(bank.by_category("fall")), None)] * poisson(rng, falls)
            drawn += [(rng.choice(bank.by_category("pressure_injury")), None)] * poisson(rng, c.patients * prof.injuries / 100)
            for tube, days in c.devices.items():
                if tube in TUBE_RATE:
                    for _ in range(poisson(rng, days * TUBE_RATE[tube] * prof.infections / 2000)):
                        drawn.append((self._tube_template(tube), tube))
            mean = max(0.0, c.discharges * prof.reporting / 100 - len(drawn))
        else:
            mean = rng.uniform(0.3, 1.2) * (3.0 if self.group == "emergency" else 1.0)
        drawn += [(t, None) for t in self._background(poisson(rng, mean))]
        rows = []
        for template, tube in drawn:
            when = date(p.year, p.month, rng.randint(2, p.last_day.day - 1))
            occurred = datetime.combine(when, time(rng.randint(*template.hours), rng.choice((5, 20, 35, 50))), CHINA)
            reported = occurred + timedelta(hours=rng.randint(1, 20))
            row = self._put(p, "adverse_events", when, occurred_at=occurred.astimezone(UTC).isoformat(),
                            reported_at=reported.astimezone(UTC).isoformat(), category=template.category,
                            grade=template.grade, description=bank.fill(template.description, rng, flavour),
                            immediate_action=bank.fill(template.action, rng, flavour),
                            analysis=template.analysis and bank.fill(template.analysis, rng, flavour),
                            medical_record_no=f"****{rng.randint(1000, 9999)}", anonymous=rng.random() < 0.15)
            del row["reporter_id"]  # never leaves the ward (sync.records)
            row["harm_level"] = "severe" if template.grade == "I" else "mild" if template.grade == "II" else "none"
            if template.grade in ("I", "II"):
                self.quality_tools.analyse(p, row, when)
            rows.append((row, tube))
            if template.grade in ("I", "II") or template.category in ("fall", "pressure_injury") or rng.random() < 0.2:
                self._item(p, "event", "患者安全", f"不良事件整改：{row['description']}", reported.date() + timedelta(days=2),
                           template.analysis or "高危因素评估与防范措施落实不到位",
                           "针对原因落实防范措施，全科学习事件经过与改进要求", event_id=row["id"])
        return rows

    def _tube_template(self, tube: str) -> bank.EventTemplate:
        return next((t for t in bank.by_category("unplanned_extubation") if t.tube == tube),
                    bank.by_category("unplanned_extubation")[0])

    def _background(self, n: int) -> list[bank.EventTemplate]:
        own = ot.own_events(self.group)
        ward = [t for t in bank.TEMPLATES if t.category not in ("fall", "pressure_injury", "unplanned_extubation")]
        pool = [*own, *ward] if self.spec.department.beds else list(own)
        mix = {k: w for k, w in ot.EVENT_MIX[self.group].items() if any(t.category == k for t in pool)}
        out = []
        for category in allot(n, mix) if mix else []:
            choices = [t for t in pool if t.category == category]
            out.append(self.rng.choices(choices, [3 if t.grade == "IV" else 1 for t in choices])[0])
        self.rng.shuffle(out)
        return out

    def _indicators(self, index: int, p: Period, c: Census, events: list[tuple[dict, str | None]]) -> None:
        for entry, def_id in self.definitions:
            num, den = self._value(entry.code, index, c, events)
            if entry.kind == "count":
                den = None
            row = self._put(p, "indicator_values", p.last_day, indicator_id=def_id, period=str(p), numerator=float(num),
                            denominator=None if den is None else float(den), note=None,
                            indicator_code=entry.code, indicator_name=entry.name_zh)
            value = None if not den and entry.kind != "count" else num / (den or 1) * entry.multiplier
            if entry.code in RARE or entry.target is None or value is None or index + 1 >= len(self.periods):
                continue
            missed = value > entry.target if entry.direction == "lower" else value < entry.target
            if missed and self.rng.random() < 0.7:
                sign = "≤" if entry.direction == "lower" else "≥"
                nxt = self.periods[index + 1]
                self._item(nxt, "indicator", "质量指标",
                           f"{entry.name_zh}{p.label()}为{value:.2f}{entry.unit}（{num:g}/{den:g}），"
                           f"未达到目标值（{sign}{entry.target:g}{entry.unit}）",
                           self._day(nxt, 5, 9), "原因分析中", "组织分析原因并制定改进措施，次月跟踪", indicator_value_id=row["id"])

    def _value(self, code: str, index: int, c: Census, events: list[tuple[dict, str | None]]) -> tuple[float, float]:
        rng = self.rng
        count = {"NUR-FALL": "fall", "NUR-PI": "pressure_injury"}
        if code in count:
            n = sum(1 for e, _t in events if e["category"] == count[code])
            return n, (c.patient_days if code == "NUR-FALL" else c.patients) or 1
        if code in TUBES:
            return sum(1 for _e, t in events if t == code), c.devices.get(code) or rng.randint(5, 30)
        if code in ("NUR-CAUTI", "NUR-CLABSI", "NUR-VAP"):
            days = {"NUR-CAUTI": c.devices.get("NUR-UEX-UC"), "NUR-VAP": c.devices.get("VENT"),
                    "NUR-CLABSI": c.devices.get("NUR-UEX-CVC", 0) + c.devices.get("NUR-UEX-PICC", 0)}[code]
            days = days or rng.randint(20, 120)
            return poisson(rng, days * self.profile.infections * (2.5 if code == "NUR-VAP" else 1) / 1000), days
        if code in CENTRES:
            return proportion(rng, code, self.levels[code], c)
        nurses = self.nurses_in(index)
        beds = self.spec.department.beds or 1
        if code == "NUR-BED-RATIO":
            return nurses, beds
        if code == "NUR-PATIENT-RATIO":
            per_nurse = 6.5 + (1 - self.profile.quality) * 3.5 + rng.uniform(-0.4, 0.4)
            return c.patient_days, max(1, round(c.patient_days / c.days / per_nurse)) * c.days
        if code == "NUR-HOURS":
            return round(nurses * 8 * 22 * rng.uniform(0.95, 1.05)), c.patient_days or 1
        if code.startswith("NUR-LEVEL-"):
            return sum(1 for x in self.nurses if x.level == code[-2:]), len(self.nurses)
        if code == "NUR-TURNOVER":
            return int(self.leaves == index), len(self.nurses)
        if code == "NIT-AE-REPORT":
            return len(events), c.discharges or rng.randint(300, 900)
        if code == "EVT-SENTINEL":
            return sum(1 for e, _t in events if e["grade"] == "I"), 1
        return 0, 100  # an indicator added to the catalogue later: entered as none observed

    def _meeting(self, p: Period) -> None:
        rng = self.rng
        when = self._day(p, 20, 28)
        host, recorder = self.members[0], self.members[3]
        problems = [self._problem() for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        topic = rng.choice(problems)[1]
        row = self._put(p, "meetings", when, kind="group_monthly", date=when.isoformat(), place="科室示教室",
                        host_id=host.id, recorder_id=recorder.id,
                        agenda=f"1. 通报{p.previous().month}月质量指标及不良事件\n2. 本月检查问题反馈\n3. {topic}",
                        decisions="；".join(x[3] for x in problems), follow_up="上月整改项目逐项核查，未完成者说明原因。")
        present = 0
        for person in self.members:
            status = "present" if person is host or rng.random() < 0.85 else rng.choice(("excused", "absent"))
            present += status == "present"
            self._put(p, "meeting_attendance", when, meeting_id=row["id"], staff_id=person.id, status=status)
        row["minutes"] = (f"应到{len(self.members)}人，实到{present}人，{host.name}主持，{recorder.name}记录。"
                          f"提出问题{len(problems)}项：" + "；".join(x[1] for x in problems) + "。")
        for category, text, root, measures in problems:
            mp = self._put(p, "meeting_problems", when, meeting_id=row["id"], category=category, description=text)
            self._item(p, "meeting", category, text, when, root, measures, meeting_problem_id=mp["id"])

    def _problem(self) -> tuple[str, str, str, str]:
        pool = (*ot.PROBLEMS.get(self.group, ()), *(ot.GENERAL if self.group in ot.CLINICAL else ()))
        category, text, root, measures = self.rng.choice(pool)
        return category, text.format(n=self.rng.randint(1, 4), p=self.rng.randint(72, 86)), root, measures

    def _training(self, p: Period) -> None:
        rng = self.rng
        topics = ot.TRAININGS["all"] + ot.TRAININGS.get(self.group, ())
        chosen = [rng.choice(topics) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        if p.month in self.safety_months:
            chosen[0] = rng.choice([t for t in ot.TRAININGS["all"] if t[0] == "safety_law"])
        for category, topic in chosen:
            when = self._day(p, 3, 24)
            row = self._put(p, "training_sessions", when, topic=topic, category=category, hours=rng.choice((1.0, 1.5, 2.0)),
                            trainer=self.members[rng.randrange(len(self.members))].name, date=when.isoformat(),
                            place="科室示教室")
            for person in self.staff:
                status = "present" if rng.random() < self.profile.attendance else rng.choice(("excused", "absent"))
                self._put(p, "training_attendance", when, session_id=row["id"], staff_id=person.id, status=status)

    def _assessments(self, p: Period) -> None:
        rng, when = self.rng, self._day(p, 22, 28)
        subject = f"{p.year}年第{p.month // 3}季度三基理论考试"
        for person in self.staff:
            score = min(100.0, max(45.0, round(rng.gauss(86 + self.profile.skill, 6))))
            self._put(p, "assessments", when, staff_id=person.id, kind="theory", subject=subject, date=when.isoformat(),
                      score=float(score), pass_mark=80.0)

    def _inspection(self, p: Period, kind: str, when: date) -> None:
        rng = self.rng
        found = [self._problem() for _ in range(rng.choice((0, 1, 1, 2, 3)))]
        inspector = "科室质控小组" if kind == "self" else "医院质控办、护理部"
        rng.uniform(93, 99)  # drawn where a typed score once was, so the unit's other records stay the same
        row = self._put(p, "inspections", when, kind=kind, date=when.isoformat(), inspector=inspector,
                        topic="科室质量与安全自查" if kind == "self" else "季度质量督查",
                        summary=f"共检查{rng.randint(10, 18)}项，发现问题{len(found)}项。")
        self.quality_tools.score(p, row, len(found))
        for category, text, root, measures in found:
            f = self._put(p, "inspection_findings", when, inspection_id=row["id"], category=category, description=text)
            if kind != "self" or rng.random() < 0.6:
                self._item(p, "inspection", category, text, when, root, measures, finding_id=f["id"])

    # --- the ledger -------------------------------------------------------------------------------

    def _item(self, p: Period, source: str, category: str, problem: str, found: date, root: str, measures: str,
              **link) -> None:
        rng = self.rng
        found = min(found, p.last_day)
        deadline = found + timedelta(days=rng.choice((21, 30, 30, 45, 60)))
        who = rng.choice(self.doctors if category in ("医疗质量", "病历质量", "核心制度") else self.nurses)
        row = dict.fromkeys(_keys(m.RectificationItem))
        row.update(id=self._id(), deleted=False, source_kind=source, category=category, problem=problem,
                   found_on=found.isoformat(), root_cause=root, measures=measures, responsible_id=who.id,
                   deadline=deadline.isoformat(), status="open", created_at=_stamp(found), **link)
        closed = timeline.draw_closure(rng, found, deadline, self.today, self.profile.diligence)
        self.items.append(Item(row, timeline.Life(found, deadline, closed, roll=rng.random())))

    def _settle(self) -> None:
        lives = [x.life for x in self.items]
        checkpoints = [p.last_day for p in self.periods] + [self.today]
        timeline.hold_overdue(lives, self.rng, checkpoints, share=self.profile.overdue_cap, least=1)
        for item in self.items:
            life, notes = item.life, item.notes
            end = life.closed or self.today
            if (end - life.found).days > 4:
                notes.append((life.found + timedelta(days=self.rng.randint(1, 3)), "已组织相关人员学习整改要求，制定具体措施。"))
            if (end - life.found).days > 20:
                notes.append((life.found + timedelta(days=self.rng.randint(10, 18)), "整改措施执行中，质控员每周抽查。"))
            if life.closed:
                notes.append((life.closed - timedelta(days=1), "已提交验证申请，附自查记录。"))

    def _created(self, p: Period) -> datetime | None:
        rng, nxt = self.rng, p.next()
        day = 5 - rng.randint(0, 4) if rng.random() < self.profile.punctual else 5 + rng.randint(1, 12)
        signed = datetime(nxt.year, nxt.month, day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=CHINA)
        return None if rng.random() < self.profile.missing else signed.astimezone(UTC)

    def _analyses(self) -> list[tuple[Period, date, dict]]:
        """The quarters' analyses the unit approved: (the quarter's last month, approval day, package row). A
        weak unit now and then never gets one approved; the others approve a week to a month after the quarter."""
        rng, out = self.rng, []
        leader = self.members[0]
        for p in self.periods:
            first = Period(p.year, p.month - 2) if p.month % 3 == 0 else None
            if first is None or first < self.periods[0] or (self.profile.quality < 0.3 and rng.random() < 0.5):
                continue  # only whole quarters of the window are analysed
            q = p.month // 3
            approved = weekday_near(p.last_day + timedelta(days=rng.randint(8, 30)))
            found = [x.row for x in self.items if first.first_day <= x.life.found <= p.last_day]
            found.sort(key=lambda r: ("indicator", "event", "inspection", "meeting").index(r["source_kind"]))
            problems = [{"number": n, "source": r["source_kind"], "source_label": SOURCE_LABELS[r["source_kind"]],
                         "problem": r["problem"], "cause": r["root_cause"], "measures": r["measures"]}
                        for n, r in enumerate(found[:6], 1)]
            events = sum(len(self.months[str(x)]["adverse_events"]) for x in (first, first.next(), p))
            summary = (f"本季度上报不良事件{events}例，检查和例会发现问题{len(found)}项，均已纳入整改台账；"
                       + ("主要问题已制定改进措施，下季度跟踪效果。" if problems else "各项工作按计划完成。"))
            row = {"id": self._id(), "deleted": False, "updated_at": _stamp(approved), "span": f"{p.year}Q{q}",
                   "kind": "quarterly", "status": "approved", "title": f"{p.year}年第{'一二三四'[q - 1]}季度质量与安全分析",
                   "summary": summary, "approved_by": leader.name, "approved_on": approved.isoformat(),
                   "reopen_reason": "", "figures": {}, "problems": problems}
            out.append((p, approved, row))
        return out

    # --- a package --------------------------------------------------------------------------------

    def records(self, period: str, created: datetime) -> dict[str, dict[str, dict]]:
        """The month's records as the unit signed them at `created`."""
        p = Period.parse(period)
        signed_on = created.astimezone(CHINA).date()
        out = {kind: dict(rows) for kind, rows in self.months[period].items()}
        out["rectification_items"], out["progress_notes"] = {}, {}
        leader, deputy = self.members[0], self.members[1]
        for item in self.items:
            life = item.life
            if not (life.found <= p.last_day and (life.closed is None or life.closed >= p.first_day)):
                continue
            row = dict(item.row, status=timeline.status_on(life, signed_on), updated_at=created.isoformat())
            if row["status"] == "closed":
                verifier = deputy if row["responsible_id"] == leader.id else leader
                row.update(closed_on=life.closed.isoformat(), verified_on=life.closed.isoformat(), verifier_id=verifier.id,
                           effect_evaluation="复查未再发现同类问题，措施有效，同意销号。")
            out["rectification_items"][row["id"]] = row
            for n, (day, text) in enumerate(item.notes):
                if day <= min(p.last_day, signed_on):
                    note_id = str(uuid.uuid5(uuid.UUID(row["id"]), str(n)))
                    out["progress_notes"][note_id] = dict(dict.fromkeys(_keys(m.ProgressNote)), id=note_id, deleted=False,
                                                          item_id=row["id"], date=day.isoformat(), note=text,
                                                          author=self._name(row["responsible_id"]),
                                                          created_at=_stamp(day), updated_at=_stamp(day))
        out["pdca_projects"] = self.quality_tools.project_rows(p, signed_on)
        out["quality_analyses"] = {row["id"]: row for last, approved, row in self.analyses
                                   if last <= p and approved <= signed_on and _months(last, p) < TRAVEL_MONTHS}
        out["staff"] = self._staff_rows(out)
        return out

    def _name(self, staff_id: str) -> str:
        return next(x.name for x in self.staff if x.id == staff_id)

    def _staff_rows(self, records: dict[str, dict[str, dict]]) -> dict[str, dict]:
        wanted = set()
        for kind, fields in (("meetings", ("host_id", "recorder_id")), ("meeting_attendance", ("staff_id",)),
                             ("training_attendance", ("staff_id",)), ("assessments", ("staff_id",)),
                             ("rectification_items", ("responsible_id", "verifier_id")),
                             ("pdca_projects", ("leader_id",))):
            for row in records[kind].values():
                wanted.update(row[f] for f in fields if row.get(f))
        return {x.id: {"id": x.id, "deleted": False, "name": x.name, "employee_no": x.employee_no, "title": x.title}
                for x in self.staff if x.id in wanted}
