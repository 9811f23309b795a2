"""Demo people: the unit, staff, the quality group, training with attendance, assessments, authorisations."""

from __future__ import annotations

from datetime import date, timedelta

from qmsdesk.db import models as m
from qmsdesk.demo import texts as t
from qmsdesk.demo.builder import Demo


def write_unit(d: Demo) -> m.Unit:
    return d.add(m.Unit(
        hospital_code=t.HOSPITAL[0], hospital_name=t.HOSPITAL[1], department_code=t.DEPARTMENT[0],
        department_name=t.DEPARTMENT[1], department_type="inpatient_medical", deadline_day=5,
    ))


def _hired(d: Demo, years: int) -> date:
    """A first-of-month hire date `years` (and one to four months) before the demo year starts."""
    day = d.first.first_day - timedelta(days=365 * years + d.rng.randint(30, 120))
    return day.replace(day=1)


def write_staff(d: Demo) -> None:
    names = d.rng.sample(t.NAMES, len(t.ROSTER))
    leaves_on = d.month(t.LEAVES_AFTER).last_day
    for i, ((profession, title, level, years, post), (name, initials)) in enumerate(zip(t.ROSTER, names, strict=True)):
        hired = d.month(t.REPLACED_IN).first_day if post == "新入职" else _hired(d, years)
        s = d.add(m.Staff(
            name=name, employee_no=f"{hired.year}{i + 1:03d}", profession=profession, title=title,
            nursing_level=level, hire_date=hired, active=post != "离职",
            left_on=leaves_on if post == "离职" else None, pinyin_initials=initials,
        ))
        d.staff.append(s)
        if post:
            d.posts[post] = s
    for index, role in t.GROUP:
        s = d.staff[index]
        if d.posts.get("护理质控员") is s:
            start = (d.first.first_day - timedelta(days=240)).replace(day=1)
        else:
            start = (d.first.first_day - timedelta(days=700)).replace(day=1)
        d.add(m.GroupMembership(staff_id=s.id, role=role, start_date=max(start, s.hire_date)))
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
    """About 40 sessions of every category. A few people miss the safety/law sessions of the demo's last
    calendar year, so the rule of two such trainings a year (seed 001 art. 11) has someone to flag."""
    group_ids = {s.id for s, _ in d.group}
    candidates = [s for s in d.staff if s.active and s.id not in group_ids and s.hire_date < d.first.first_day]
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
            if ts.topic in _STORY_TRAININGS:
                status = "present" if roll < 0.95 else "excused"  # the PDCA's training: nearly everyone
            if category == "safety_law" and when.year == d.year and s.id in missing_safety:
                seen = safety_seen.get(s.id, 0)
                status = "present" if seen == 0 else d.rng.choice(("excused", "absent"))
                safety_seen[s.id] = seen + (status == "present")
            d.add(m.TrainingAttendance(session_id=ts.id, staff_id=s.id, status=status))
            if status == "present":
                d.trainings.setdefault(ts.topic, (ts, set()))[1].add(s.id)


_STORY_TRAININGS = {"跌倒/坠床风险评估与预防（专题培训）", "导尿管相关尿路感染（CAUTI）防控集束化措施再培训"}


def _rounds(d: Demo) -> list[tuple[date, str, str, str, str | None]]:
    """(date, kind, subject, who, training topic it closes): a 三基 theory exam in the last month of each
    calendar quarter, and the practical assessments of the year."""
    rounds = []
    for index, p in enumerate(d.months):
        if p.month % 3 == 0:
            subject = f"{p.year}年第{p.month // 3}季度三基理论考试"
            rounds.append((d.weekday_near(d.day(index, 27)), "theory", subject, "all", None))
    for index, day, subject, who, follows in t.PRACTICALS:
        rounds.append((d.weekday_near(d.day(index, day)), "practical", subject, who, follows))
    return sorted(rounds)


def write_assessments(d: Demo) -> None:
    """Theory exams and practical assessments with a few failures; a failure is retaken one to three weeks
    later (one person needs two retakes). A failure in the last weeks has no retake yet: it is still
    outstanding. The PDCA story's assessment is passed by everyone (its item says so)."""
    double_failure_done = False
    last_day = d.last.last_day
    for when, kind, subject, who, follows in _rounds(d):
        # the round that closes a training session is that session's scores (录入成绩 shows them)
        linked, present = d.trainings.get(follows, (None, set())) if follows else (None, set())
        people = [s for s in d.clinical(when, who) if s.profession in ("doctor", "nurse")]
        story = follows in _STORY_TRAININGS
        failing = set() if story else {s.id for s in d.rng.sample(people, d.rng.choice((1, 1, 2, 2, 3)))}
        for s in people:
            score = d.rng.randint(62, 78) if s.id in failing else d.rng.randint(80, 98)
            first = d.add(m.Assessment(staff_id=s.id, kind=kind, subject=subject, date=when, score=float(score),
                                       pass_mark=80.0, session_id=linked.id if s.id in present else None))
            if s.id not in failing:
                continue
            retake_on = d.weekday_near(when + timedelta(days=d.rng.randint(7, 21)))
            if retake_on > last_day or retake_on <= when:
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
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def write_authorisations(d: Demo) -> None:
    """Authorisations of several items. Relative to the reading day: three expire within 30 days, two have
    expired without renewal, one is suspended and the leaver's are revoked."""
    rows: list[m.Authorisation] = []
    leaver = d.posts["离职"]
    for item, level, who, years in t.AUTHORISATION_ITEMS:
        for s in _holders(d, who):
            latest = min(d.last.first_day, d.as_of - timedelta(days=60))
            earliest = _years_before(d.as_of + timedelta(days=45), years)
            granted = earliest + timedelta(days=d.rng.randint(0, (latest - earliest).days))
            if s.hire_date and granted < s.hire_date:
                granted = s.hire_date + timedelta(days=180)
            if s.left_on and granted > s.left_on:
                granted = s.left_on - timedelta(days=200)
            rows.append(d.add(m.Authorisation(
                staff_id=s.id, item=item, level=level, granted_on=granted,
                expires_on=_years_before(granted, -years), status="active",
                basis=t.AUTH_BASIS.format(t=d.rng.randint(84, 96)),
            )))
    candidates = [a for a in rows if a.staff_id != leaver.id]
    chosen = d.rng.sample(candidates, 6)
    years_of = {item: years for item, _, _, years in t.AUTHORISATION_ITEMS}
    expiry_days = (5, 16, 27, -23, -6)  # days from the reading day: three soon, two already past
    for a, delta in zip(chosen[:5], expiry_days, strict=True):
        a.expires_on = d.as_of + timedelta(days=delta)
        a.granted_on = _years_before(a.expires_on, years_of[a.item])
    suspended_from = d.as_of - timedelta(days=75)
    chosen[5].status = "suspended"
    chosen[5].basis += f"；{suspended_from.year}-{suspended_from.month:02d} 起暂停，待再培训考核合格后恢复"
    for a in rows:
        if a.staff_id == leaver.id:
            a.status = "revoked"
            a.basis += f"；本人于 {leaver.left_on.isoformat()} 离职，授权取消"
