"""Demo people: the unit, staff, the quality group, training with attendance, assessments, authorisations."""

from __future__ import annotations

from datetime import date, timedelta

from qmsdesk.db import models as m
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import AS_OF, Demo

LEFT_ON = date(2026, 6, 30)
NEW_NURSE_HIRED = date(2026, 7, 1)


def write_unit(d: Demo) -> m.Unit:
    return d.add(m.Unit(
        hospital_code=t.HOSPITAL[0], hospital_name=t.HOSPITAL[1], department_code=t.DEPARTMENT[0],
        department_name=t.DEPARTMENT[1], department_type="inpatient_medical", deadline_day=5,
    ))


def write_staff(d: Demo) -> None:
    names = d.rng.sample(t.NAMES, len(t.ROSTER))
    for i, ((profession, title, level, years, post), (name, initials)) in enumerate(zip(t.ROSTER, names, strict=True)):
        if post == "新入职":
            hired = NEW_NURSE_HIRED
        else:
            hired = date(2025 - years, d.rng.choice((7, 8, 9)), 1)
        s = d.add(m.Staff(
            name=name, employee_no=f"{hired.year}{i + 1:03d}", profession=profession, title=title,
            nursing_level=level, hire_date=hired, active=post != "离职",
            left_on=LEFT_ON if post == "离职" else None, pinyin_initials=initials,
        ))
        d.staff.append(s)
        if post:
            d.posts[post] = s
    for index, role in t.GROUP:
        s = d.staff[index]
        start = date(2025, 3, 1) if d.posts.get("护理质控员") is s else date(2024, 1, 1)
        d.add(m.GroupMembership(staff_id=s.id, role=role, start_date=start))
        d.group.append((s, role))


def _trainer(d: Demo, text: str) -> str:
    if text in d.posts:
        return d.posts[text].name
    if text == "临床药师":
        return next(s.name for s in d.staff if s.profession == "pharmacist")
    if text == "心电图室 技师":
        return next(s.name for s in d.staff if s.profession == "technician")
    return text


def write_training(d: Demo) -> None:
    """About 40 sessions of every category. A few people miss the safety/law sessions of 2026, so the
    rule of two such trainings a year (seed 001 art. 11) has someone to flag."""
    group_ids = {s.id for s, _ in d.group}
    candidates = [s for s in d.staff if s.active and s.id not in group_ids and s.hire_date < date(2026, 1, 1)]
    missing_safety = {s.id for s in d.rng.sample(candidates, 4)}
    safety_seen: dict = {}
    sessions = []
    for index, day, category, topic, hours, trainer, who in t.TRAININGS:
        when = d.weekday_near(d.day(index, day))
        hospital_wide = trainer.startswith(("医务科", "质控办", "输血科", "护理部 王"))
        sessions.append((d.add(m.TrainingSession(
            topic=topic, category=category, hours=hours, trainer=_trainer(d, trainer), date=when,
            place="医院学术报告厅" if hospital_wide else t.WARD_PLACE,
        )), who))
    # Stored before their attendance, so the month-lock hook finds each session without a query.
    d.session.flush()
    for ts, who in sessions:
        when, category = ts.date, ts.category
        for s in d.clinical(when, who):
            roll = d.rng.random()
            status = "present" if roll < 0.86 else ("excused" if roll < 0.96 else "absent")
            if category == "safety_law" and when.year == 2026 and s.id in missing_safety:
                seen = safety_seen.get(s.id, 0)
                status = "present" if seen == 0 else d.rng.choice(("excused", "absent"))
                safety_seen[s.id] = seen + (status == "present")
            d.add(m.TrainingAttendance(session_id=ts.id, staff_id=s.id, status=status))
            if status == "present":
                d.trainings.setdefault(ts.topic, (ts, set()))[1].add(s.id)


def write_assessments(d: Demo) -> None:
    """Eight rounds with a few failures; a failure is retaken one to three weeks later (one person
    needs two retakes). A failure at the end of October has no retake yet: it is still outstanding."""
    double_failure_done = False
    last_day = d.months[-1].last_day
    for index, day, kind, subject, who, follows in t.ASSESSMENTS:
        when = d.weekday_near(d.day(index, day))
        # the round that closes a training session is that session's scores (录入成绩 shows them)
        linked, present = d.trainings.get(follows, (None, set())) if follows else (None, set())
        people = [s for s in d.clinical(when, who) if s.profession in ("doctor", "nurse")]
        failing = {s.id for s in d.rng.sample(people, d.rng.choice((1, 1, 2, 2, 3)))}
        for s in people:
            score = d.rng.randint(62, 78) if s.id in failing else d.rng.randint(80, 98)
            first = d.add(m.Assessment(staff_id=s.id, kind=kind, subject=subject, date=when, score=float(score),
                                       pass_mark=80.0, session_id=linked.id if s.id in present else None))
            if s.id not in failing:
                continue
            retake_on = when + timedelta(days=d.rng.randint(7, 21))
            if retake_on > last_day:
                continue
            fails_again = not double_failure_done
            double_failure_done = True
            second = d.add(m.Assessment(
                staff_id=s.id, kind=kind, subject=f"{subject}（补考）", date=retake_on,
                score=float(d.rng.randint(70, 78) if fails_again else d.rng.randint(80, 92)),
                pass_mark=80.0, retake_of_id=first.id,
            ))
            third_on = retake_on + timedelta(days=14)
            if fails_again and third_on <= last_day:
                d.add(m.Assessment(staff_id=s.id, kind=kind, subject=f"{subject}（第二次补考）", date=third_on,
                                   score=float(d.rng.randint(82, 90)), pass_mark=80.0, retake_of_id=second.id))


def _holders(d: Demo, who: str) -> list[m.Staff]:
    doctors = [s for s in d.staff if s.profession == "doctor"]
    nurses = [s for s in d.staff if s.profession == "nurse"]
    return {
        "senior_doctors": [s for s in doctors if s.title in ("主任医师", "副主任医师")] + [d.posts["医疗质控员"]],
        "doctors": [s for s in doctors if s.title != "住院医师"],
        "senior_nurses": [s for s in nurses if s.nursing_level in ("N3", "N4")],
        "nurses": [s for s in nurses if s.nursing_level in ("N2", "N3", "N4")],
    }[who]


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def write_authorisations(d: Demo) -> None:
    """Authorisations of several items. Relative to AS_OF: three expire within 30 days, two have
    expired without renewal, one is suspended and the leaver's are revoked."""
    rows: list[m.Authorisation] = []
    for item, level, who, years in t.AUTHORISATION_ITEMS:
        for s in _holders(d, who):
            latest = min(date(2026, 9, 30), AS_OF - timedelta(days=60))
            earliest = _years_before(AS_OF + timedelta(days=45), years)
            granted = earliest + timedelta(days=d.rng.randint(0, (latest - earliest).days))
            if s.hire_date and granted < s.hire_date:
                granted = s.hire_date + timedelta(days=180)
            if s.left_on and granted > s.left_on:
                granted = s.left_on - timedelta(days=200)
            rows.append(d.add(m.Authorisation(
                staff_id=s.id, item=item, level=level, granted_on=granted,
                expires_on=_safe_add_years(granted, years), status="active",
                basis=t.AUTH_BASIS.format(t=d.rng.randint(84, 96)),
            )))
    candidates = [a for a in rows if a.staff_id != d.posts["离职"].id]
    chosen = d.rng.sample(candidates, 6)
    years_of = {item: years for item, _, _, years in t.AUTHORISATION_ITEMS}
    expiry_days = (5, 16, 27, -23, -6)  # days from AS_OF: three soon, two already past
    for a, delta in zip(chosen[:5], expiry_days, strict=True):
        a.expires_on = AS_OF + timedelta(days=delta)
        a.granted_on = _years_before(a.expires_on, years_of[a.item])
    chosen[5].status = "suspended"
    chosen[5].basis += "；2026-09 起暂停，待再培训考核合格后恢复"
    for a in rows:
        if a.staff_id == d.posts["离职"].id:
            a.status = "revoked"
            a.basis += "；本人于 2026-06-30 离职，授权取消"


def _safe_add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
