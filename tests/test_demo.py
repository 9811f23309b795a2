"""The ward demo year: every kind of record, rates inside published Chinese ranges, a believable ledger,
consistent dates, the PDCA story and the CAUTI excursion where the docstrings say, every service rule
kept, and the same seed and months always writing the same records.

The year is fixed with `until=2026-10` (read on 2026-11-03), so no figure here moves with the calendar.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select

from qmsdesk import rules
from qmsdesk.analytics import derived
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.db.queries import live
from qmsdesk.demo import demo_window, existing_records, generate, story, texts
from qmsdesk.demo.builder import CHINA
from qmsdesk.errors import Collector, PeriodLockedError, QmsError, ValidationError
from qmsdesk.periods import Period, months_between
from qmsdesk.services.indicators import check_value
from qmsdesk.services.submission_checks import validate_month

UNTIL = Period(2026, 10)
MONTHS = [str(p) for p in months_between(Period(2025, 11), UNTIL)]
AS_OF = date(2026, 11, 3)


def _write_demo(path, seed, until=UNTIL):
    db = open_database(path, actor="演示")
    # CPU time, not wall time: the test machines are shared, and waiting for a core is not slowness.
    started = time.process_time()
    with db.session() as s:
        summary = generate(s, seed=seed, until=until)
    return db, summary, time.process_time() - started


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db, summary, seconds = _write_demo(tmp_path_factory.mktemp("demo") / "demo.db", 1)
    yield db, summary, seconds
    db.close()


@pytest.fixture
def s(demo):
    db = demo[0]
    with db.session() as session:
        yield session
        session.rollback()  # tests only read; nothing they touch may stick for the next test


def _all(s, model):
    return s.scalars(live(model)).all()


def _local_day(t) -> date:
    return t.astimezone(CHINA).date()


def _series(s, code):
    rows = s.execute(
        select(m.IndicatorValue).join(m.IndicatorDefinition).where(m.IndicatorDefinition.code == code)
        .order_by(m.IndicatorValue.period)
    ).scalars().all()
    return {v.period: v for v in rows}


def _year_rate(s, code) -> float:
    series = _series(s, code).values()
    v = next(iter(series))
    return sum(x.numerator for x in series) / sum(x.denominator for x in series) * v.indicator.multiplier


def _group_meetings(s):
    return s.scalars(live(m.Meeting).where(m.Meeting.kind == "group_monthly").order_by(m.Meeting.date)).all()


# --- the window and the command's months --------------------------------------------------------

def test_generate_is_fast(demo):
    assert demo[2] < 5.0


def test_the_year_ends_with_the_last_complete_month_and_is_read_early_in_the_next():
    months, as_of = demo_window(None, date(2026, 12, 6))
    assert (str(months[0]), str(months[-1]), as_of) == ("2025-12", "2026-11", date(2026, 12, 6))
    months, as_of = demo_window(UNTIL, date(2027, 3, 1))  # a fixed year reads the same whatever the date
    assert (str(months[0]), str(months[-1]), as_of, len(months)) == ("2025-11", "2026-10", AS_OF, 12)
    assert demo_window(UNTIL, date(2026, 11, 2))[1] == date(2026, 11, 2)  # never after today
    with pytest.raises(QmsError, match="已经结束的月份"):
        demo_window(Period(2026, 12), date(2026, 12, 6))


def test_without_until_the_demo_follows_the_clock(tmp_path, monkeypatch):
    import qmsdesk.demo

    monkeypatch.setattr(qmsdesk.demo, "today", lambda: date(2027, 2, 14))
    db = open_database(tmp_path / "d.db")
    try:
        with db.session() as session:
            summary = generate(session, seed=3)
            assert (str(summary.first), str(summary.last), summary.as_of) == ("2026-02", "2027-01", date(2027, 2, 14))
            assert {x.period for x in _all(session, m.Submission)} == {str(p) for p in months_between(
                Period(2026, 2), Period(2026, 12))}
            themes = {mt.date.month: mt.agenda for mt in _group_meetings(session)}
            assert "2027年度科室质控工作计划" in themes[1] and "三季度质量指标分析" in themes[10]
    finally:
        db.close()


def test_demo_writes_a_ward_year_of_every_kind(demo):
    c = demo[1].counts
    assert c["staff"] == len(texts.ROSTER)
    assert c["group"] == 6
    assert c["group_meetings"] == 12
    assert 35 <= c["trainings"] <= 45
    assert 45 <= c["events"] <= 85
    assert 50 <= c["items"] <= 100
    assert c["submissions"] == 11
    lines = demo[1].lines()
    assert "某县人民医院 心血管内科" in lines[0] and "2025-11 至 2026-10" in lines[0]
    assert "2026-10 尚未上报" in lines[-1]


# --- people ------------------------------------------------------------------------------------------

def test_unit_and_staff_look_like_a_county_cardiology_ward(s):
    (unit,) = _all(s, m.Unit)
    assert (unit.hospital_name, unit.department_name, unit.department_type) == ("某县人民医院", "心血管内科", "inpatient_medical")
    staff = _all(s, m.Staff)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", x.name) for x in staff)
    from qmsdesk.services.staff import pinyin_initials

    assert all(x.pinyin_initials == pinyin_initials(x.name) for x in staff)
    assert len({x.employee_no for x in staff}) == len(staff)
    professions = Counter(x.profession for x in staff)
    assert professions["nurse"] >= 15 and professions["doctor"] >= 6
    assert {x.nursing_level for x in staff if x.profession == "nurse"} == {"N0", "N1", "N2", "N3", "N4"}
    assert len({x.title for x in staff}) >= 6
    left = [x for x in staff if not x.active]
    assert len(left) == 1 and date(2025, 11, 1) <= left[0].left_on <= date(2026, 10, 31)
    assert all(x.hire_date <= date(2026, 10, 31) for x in staff)


def test_group_is_led_by_the_director_with_the_head_nurse_as_deputy(s):
    members = s.scalars(live(m.GroupMembership)).all()
    roles = Counter(g.role for g in members)
    assert roles == {"leader": 1, "deputy": 1, "controller": 2, "member": 2}
    leader = next(g.staff for g in members if g.role == "leader")
    deputy = next(g.staff for g in members if g.role == "deputy")
    assert (leader.profession, leader.title) == ("doctor", "主任医师")
    assert (deputy.profession, deputy.nursing_level) == ("nurse", "N4")
    assert all(g.start_date >= g.staff.hire_date for g in members)


def test_training_covers_every_category_and_leaves_some_under_the_safety_rule(s):
    sessions = _all(s, m.TrainingSession)
    assert {x.category for x in sessions} == {"basic_theory", "skills", "safety_law", "infection_control",
                                              "new_technology", "other"}
    assert all(x.attendance for x in sessions)
    under = derived.staff_under_safety_rule(s, 2026)
    assert 1 <= len(under) <= 10
    people = derived.people_year(s, 2026)
    assert sum(p.meets_safety_rule for p in people) > len(people) / 2
    employed = {x.id: x for x in _all(s, m.Staff)}
    for a in _all(s, m.TrainingAttendance):  # nobody attends before being hired or after leaving
        who, when = employed[a.staff_id], a.session.date
        assert who.hire_date <= when and (who.left_on is None or when <= who.left_on)


def test_assessments_include_failures_retakes_and_a_double_failure(s):
    rows = _all(s, m.Assessment)
    by_id = {a.id: a for a in rows}
    failed = [a for a in rows if not a.passed]
    retakes = [a for a in rows if a.retake_of_id]
    assert len(failed) >= 3 and retakes
    assert all(not by_id[a.retake_of_id].passed and a.date > by_id[a.retake_of_id].date for a in retakes)
    assert any(a.retake_of_id and by_id[a.retake_of_id].retake_of_id for a in rows)  # a second retake
    assert {a.kind for a in rows} == {"theory", "practical"}
    rate = derived.training_pass_rate(s, 2026)
    assert 80 <= rate.rate <= 100 and rate.attempts_passed < rate.attempts
    # a round that closes a training session is that session's scores (录入成绩 opens on them), after it
    linked = [a for a in rows if a.session_id is not None]
    assert len(linked) >= 10 and any(not a.passed for a in linked)
    sessions = {x.id: x for x in _all(s, m.TrainingSession)}
    assert all(sessions[a.session_id].date < a.date for a in linked)
    present = {(x.session_id, x.staff_id) for x in _all(s, m.TrainingAttendance) if x.status == "present"}
    assert all((a.session_id, a.staff_id) in present for a in linked)
    quarters = sorted({a.subject for a in rows if a.kind == "theory" and not a.retake_of_id})
    assert quarters == ["2025年第4季度三基理论考试", "2026年第1季度三基理论考试", "2026年第2季度三基理论考试",
                        "2026年第3季度三基理论考试"]


def test_authorisations_some_expiring_within_30_days_some_expired(s):
    soon = derived.expiring_authorisations(s, 30, as_of=AS_OF)
    expired = derived.expired_authorisations(s, as_of=AS_OF)
    assert len(soon) >= 2 and len(expired) >= 1
    statuses = Counter(a.status for a in _all(s, m.Authorisation))
    assert statuses["active"] > 20 and statuses["suspended"] >= 1 and statuses["revoked"] >= 1


# --- meetings ----------------------------------------------------------------------------------------

def test_one_group_meeting_a_month_with_attendance_minutes_and_problems(s):
    meetings = _group_meetings(s)
    assert [str(Period.of(x.date)) for x in meetings] == MONTHS
    for x in meetings:
        assert len(x.attendance) == 6
        assert any(a.status == "present" for a in x.attendance)
        assert "实到" in x.minutes and x.agenda.startswith("1. ") and x.decisions and x.follow_up
        assert x.host is not None and x.recorder is not None
        assert x.date.weekday() < 5
    assert sum(len(x.problems) for x in meetings) >= 15
    assert any(a.status != "present" for x in meetings for a in x.attendance)
    kinds = {x.kind for x in _all(s, m.Meeting)}
    assert kinds == {"group_monthly", "safety", "case_discussion", "morbidity_mortality"}


def test_minutes_report_only_what_had_happened_by_the_meeting(s):
    meetings = _group_meetings(s)
    events = _all(s, m.AdverseEvent)
    findings = [(f.description, f.inspection.date) for f in _all(s, m.InspectionFinding)]
    since = date(2025, 11, 1)
    for mt in meetings:
        reported = [e for e in events if since <= _local_day(e.occurred_at) < mt.date]
        said = re.search(r"上次例会以来上报不良事件(\d+)例|上次例会以来上报不良事件无", mt.minutes)
        assert said and int(said.group(1) or 0) == len(reported), mt.date
        fed_back = re.search(r"反馈检查情况：(.*)。", mt.minutes).group(1)
        if fed_back != "未发现明显问题":
            for text in fed_back.split("；"):
                assert any(t == text and since <= on < mt.date for t, on in findings), (mt.date, text)
        assert f"通报{Period.of(mt.date).previous().month}月" in mt.agenda  # last month's figures, not this one's
        since = mt.date
    # the agenda follows the calendar: the annual plan in January, the quarterly analyses after each quarter
    agenda = {mt.date.month: mt.agenda for mt in meetings}
    assert "2026年度科室质控工作计划" in agenda[1] and "一季度质量指标分析" in agenda[4]
    assert "三季度质量指标分析" in agenda[10]


def test_follow_up_counts_what_was_closed_by_the_meeting(s):
    meetings = _group_meetings(s)
    items = _all(s, m.RectificationItem)
    for prev, mt in zip(meetings, meetings[1:], strict=False):
        raised = {p.id for p in prev.problems}
        mine = [i for i in items if i.meeting_problem_id in raised]
        closed = sum(1 for i in mine if i.closed_on and i.closed_on <= mt.date)
        assert re.search(rf"{len(mine)}项.*?{closed}项.*?{len(mine) - closed}项", mt.follow_up), mt.follow_up


# --- indicators and rates ---------------------------------------------------------------------------

def test_indicator_values_complete_every_month(s):
    for period in MONTHS:
        c = derived.indicator_completeness(s, period)
        assert c.entered == c.applicable >= 20, period
    for code in ("NUR-FALL", "NUR-PI", "NUR-RESTRAINT", "NUR-UEX-GT", "NUR-CAUTI", "NUR-CLABSI", "NUR-HOURS",
                 "NUR-BED-RATIO", "NIT-AE-REPORT", "NIT-VTE"):
        assert len(_series(s, code)) == 12, code


def test_rates_sit_inside_published_chinese_ranges(s):
    assert 0.05 <= _year_rate(s, "NUR-FALL") <= 0.2          # ‰ of patient-days
    assert _year_rate(s, "NUR-PI") <= 0.1                    # % of patients, stage 2 and worse
    assert _year_rate(s, "NUR-CAUTI") <= 2.0                 # ‰ of catheter-days, the excursion included
    assert _year_rate(s, "NUR-CLABSI") <= 1.0
    assert _year_rate(s, "NUR-UEX-UC") <= 0.5 and _year_rate(s, "NUR-UEX-GT") <= 2.0
    assert 0.4 <= _year_rate(s, "NUR-BED-RATIO") <= 0.5
    assert 2.0 <= _year_rate(s, "NUR-HOURS") <= 3.5
    assert _year_rate(s, "NUR-RESTRAINT") <= 5.0
    beds_days = sum(v.denominator for v in _series(s, "NUR-FALL").values())
    assert 14_000 <= beds_days <= 19_000  # a 48-bed ward, nearly full in winter
    # only a handful of real target misses a year among the indicators compared month by month
    rare = {"NUR-FALL", "NUR-PI", "NUR-CAUTI", "NUR-CLABSI", "NUR-TURNOVER"}
    missed = [r for p in MONTHS for r in derived.indicator_completeness(s, p).off_target
              if r.code not in rare and not r.code.startswith("NUR-UEX")]
    assert 2 <= len(missed) <= 8, [(r.code, r.value) for r in missed]


def test_count_numerators_match_the_registers(s):
    events = _all(s, m.AdverseEvent)
    by_month = Counter(str(Period.of(_local_day(e.occurred_at))) for e in events)
    falls = Counter(str(Period.of(_local_day(e.occurred_at))) for e in events if e.category == "fall")
    injuries = Counter(str(Period.of(_local_day(e.occurred_at))) for e in events if e.category == "pressure_injury")
    for period in MONTHS:
        assert _series(s, "NIT-AE-REPORT")[period].numerator == by_month[period], period
        assert _series(s, "NUR-FALL")[period].numerator == falls[period], period
        assert _series(s, "NUR-PI")[period].numerator == injuries[period], period
    extubations = sum(e.category == "unplanned_extubation" for e in events)
    assert extubations == sum(v.numerator for c in ("NUR-UEX-ETT", "NUR-UEX-GT", "NUR-UEX-CVC", "NUR-UEX-PICC",
                                                    "NUR-UEX-UC") for v in _series(s, c).values())
    # the same catheters: CAUTI and urinary-catheter extubation share their catheter-days
    for period in MONTHS:
        assert _series(s, "NUR-CAUTI")[period].denominator == _series(s, "NUR-UEX-UC")[period].denominator


def test_reporting_rises_to_the_national_target_after_the_training(s):
    series = _series(s, "NIT-AE-REPORT")
    early = [series[p].value for p in MONTHS[:3]]
    late = [series[p].value for p in MONTHS[3:]]
    assert all(v < 2.5 for v in early) and all(v >= 2.5 for v in late)
    (item,) = [i for i in _all(s, m.RectificationItem) if i.indicator_value_id == series[MONTHS[0]].id]
    training = next(x for x in _all(s, m.TrainingSession) if "非惩罚性报告" in x.topic)
    assert item.found_on < training.date < date(2026, 2, 1)


def _poisson_lower(k: int, q: float = 0.025) -> float:
    """The exact (Garwood) lower confidence limit of a Poisson count, by bisection."""
    lo, hi = 0.0, float(k)
    for _ in range(60):
        mid = (lo + hi) / 2
        tail = 1 - sum(math.exp(-mid) * mid ** i / math.factorial(i) for i in range(k))  # P(X >= k)
        lo, hi = (mid, hi) if tail < q else (lo, mid)
    return lo


def test_cauti_has_one_real_excursion_that_the_group_handles_and_the_rate_comes_back(s):
    series = _series(s, "NUR-CAUTI")
    over = [p for p, v in series.items() if v.value > v.indicator.target]
    big = [p for p in over if series[p].numerator >= story.CLUSTER]
    assert len(big) == 1, over
    (month,) = big
    v = series[month]
    # a real excursion: even the exact lower limit of that month's rate is above the ≤2‰ target
    assert _poisson_lower(int(v.numerator)) / v.denominator * 1000 > v.indicator.target
    after = MONTHS[MONTHS.index(month) + 2:]
    assert after and all(series[p].numerator == 0 for p in after)
    items = _all(s, m.RectificationItem)
    (from_value,) = [i for i in items if i.indicator_value_id == v.id]
    assert from_value.status == "closed" and from_value.closed_on > Period.parse(after[1]).last_day
    meeting = next(x for x in _group_meetings(s) if str(Period.of(x.date)) == month)
    assert f"导尿管相关尿路感染{story.CLUSTER}例" in meeting.minutes and "CAUTI" in meeting.decisions
    cluster = [i for i in items if i.meeting_problem_id in {p.id for p in meeting.problems}]
    assert len(cluster) == 2 and all(i.status == "closed" and i.closed_on < from_value.closed_on for i in cluster)
    inspections = [x for x in _all(s, m.Inspection) if x.inspector == "院感科"]
    assert [str(Period.of(x.date)) for x in sorted(inspections, key=lambda x: x.date)] == [month, after[0]]


# --- the PDCA story (falls) --------------------------------------------------------------------------

def test_the_falls_pdca_runs_through_inspections_events_meetings_training_ledger_and_indicator(s):
    events = sorted((e for e in _all(s, m.AdverseEvent) if e.category == "fall"), key=lambda e: e.occurred_at)
    assert [str(Period.of(_local_day(e.occurred_at))) for e in events] == ["2025-12", "2026-02", "2026-03"]
    assert [e.grade for e in events] == ["III", "III", "II"] and events[-1].analysis.startswith("RCA")
    meetings = _group_meetings(s)
    plan = next(x for x in meetings if "PDCA计划阶段" in x.agenda)
    assert plan.date > _local_day(events[-1].occurred_at) and str(Period.of(plan.date)) == "2026-03"
    check = next(x for x in _all(s, m.Inspection) if x.topic == "跌倒/坠床防范专项自查")
    assert check.date < plan.date and "75%" in check.summary and len(check.findings) == 3
    items = _all(s, m.RectificationItem)
    countermeasures = [i for i in items if i.meeting_problem_id in {p.id for p in plan.problems}]
    assert len(countermeasures) == 4 and len({i.responsible_id for i in countermeasures}) >= 3
    effect = next(x for x in meetings if "PDCA检查阶段" in x.agenda)
    assert all(i.status == "closed" and plan.date < i.closed_on < effect.date for i in countermeasures)
    assert sum(i.closed_on > i.deadline for i in countermeasures) == 1  # the handrails came late
    assert "未再发生跌倒" in effect.minutes and "100%" in effect.minutes
    assert any("PDCA处理阶段" in x.agenda and "护理常规" in x.minutes for x in meetings)
    training = next(x for x in _all(s, m.TrainingSession) if x.topic.startswith("跌倒/坠床风险评估与预防"))
    scores = [a for a in _all(s, m.Assessment) if a.session_id == training.id]
    assert plan.date < training.date < min(a.date for a in scores) < effect.date and all(a.passed for a in scores)
    falls = _series(s, "NUR-FALL")
    assert all(falls[p].numerator == 0 for p in MONTHS[MONTHS.index("2026-04"):])  # the effect, kept to the end
    for e in events:
        (item,) = [i for i in items if i.event_id == e.id]
        assert item.found_on >= _local_day(e.reported_at) and item.status == "closed"


# --- the ledger -------------------------------------------------------------------------------------

def test_ledger_has_every_status_every_source_and_some_overdue_items(s):
    items = _all(s, m.RectificationItem)
    statuses = Counter(i.status for i in items)
    assert all(statuses[x] >= 2 for x in ("open", "in_progress", "awaiting_verification", "closed")), statuses
    assert {i.source_kind for i in items} == {"meeting", "inspection", "event", "indicator", "office"}
    assert 1 <= len([i for i in items if rules.overdue_on(i, AS_OF)])
    links = {"meeting": "meeting_problem_id", "inspection": "finding_id", "event": "event_id",
             "indicator": "indicator_value_id"}
    for i in items:
        set_links = {f for f in links.values() if getattr(i, f) is not None}
        assert set_links == ({links[i.source_kind]} if i.source_kind in links else set()), i.problem
    assert all(i.progress for i in items if i.status != "open")


def test_at_most_a_third_of_the_open_items_are_overdue_at_every_month_end_and_on_the_reading_day(s):
    for period in MONTHS:
        f = derived.ledger_figures(s, period, as_of=Period.parse(period).last_day)
        assert len(f.overdue) * 3 <= f.open, (period, f.open, len(f.overdue))
    f = derived.ledger_figures(s, MONTHS[-1], as_of=AS_OF)
    assert f.open >= 4 and 1 <= len(f.overdue) and len(f.overdue) * 3 <= f.open
    assert max(o.days_overdue for o in f.overdue) < 120  # nothing forgotten for most of a year


def test_items_follow_their_sources_in_time(s):
    meetings = {x.id: x for x in _all(s, m.Meeting)}
    problems = {p.id: meetings[p.meeting_id].date for p in _all(s, m.MeetingProblem)}
    findings = {f.id: f.inspection.date for f in _all(s, m.InspectionFinding)}
    events = {e.id: _local_day(e.reported_at) for e in _all(s, m.AdverseEvent)}
    values = {v.id: Period.parse(v.period).last_day for v in _all(s, m.IndicatorValue)}
    for i in _all(s, m.RectificationItem):
        if i.meeting_problem_id:
            assert i.found_on == problems[i.meeting_problem_id]
        if i.finding_id:
            assert i.found_on == findings[i.finding_id]
        if i.event_id:
            assert i.found_on >= events[i.event_id]
        if i.indicator_value_id:
            assert i.found_on > values[i.indicator_value_id]
        assert i.found_on <= date(2026, 10, 31)


def test_every_record_keeps_the_service_rules(s):
    last = date(2026, 10, 31)
    for model in (m.Meeting, m.TrainingSession, m.Assessment, m.Inspection):
        assert all(x.date <= last for x in _all(s, model)), model
    events = _all(s, m.AdverseEvent)
    assert all(_local_day(e.occurred_at) <= last for e in events)
    assert all(e.reported_at >= e.occurred_at and e.reported_at - e.occurred_at < timedelta(days=1) for e in events)
    assert all(0 <= a.score <= 100 for a in _all(s, m.Assessment))
    for v in _all(s, m.IndicatorValue):
        c = Collector()
        check_value(v.indicator, Period.parse(v.period), v.numerator, v.denominator, c)
        assert not c.errors, (v.indicator.code, v.period, c.errors)
    for i in _all(s, m.RectificationItem):
        assert i.found_on <= i.deadline and i.found_on <= AS_OF and i.responsible_id
        if i.status == "closed":
            assert i.verifier_id and i.verified_on and i.effect_evaluation and i.closed_on
            assert i.found_on < i.verified_on == i.closed_on < AS_OF
            assert i.verifier_id != i.responsible_id
        else:
            assert not (i.verified_on or i.closed_on)
        assert all(i.found_on <= n.date < AS_OF for n in i.progress)
        if i.closed_on:
            assert all(n.date <= i.closed_on for n in i.progress)
    for a in _all(s, m.Authorisation):
        assert a.granted_on < a.expires_on and a.granted_on <= AS_OF
    for period in MONTHS[:-1]:
        report = validate_month(s, period)
        assert not report.errors, (period, [e.message for e in report.errors])


# --- events ------------------------------------------------------------------------------------------

def test_adverse_events_are_a_reporting_wards_mix(s):
    events = _all(s, m.AdverseEvent)
    grades = Counter(e.grade for e in events)
    assert grades["IV"] + grades["III"] >= 0.8 * len(events) and grades["II"] >= 2 and grades["I"] <= 1
    assert all(e.analysis for e in events if e.grade in ("I", "II"))
    assert all(re.fullmatch(r"\d{10}", e.medical_record_no) for e in events)
    assert 1 <= sum(e.anonymous for e in events) < len(events)
    categories = Counter(e.category for e in events)
    assert len(categories) >= 7
    assert categories.most_common(1)[0][0] == "medication_error"
    assert categories["fall"] <= 0.1 * len(events)
    assert len({e.description for e in events}) >= 0.8 * len(events)  # drawn anew, not copied
    assert all(_local_day(e.occurred_at).day > 1 for e in events)  # the same month in any time zone


def test_inspections_of_every_kind_with_findings(s):
    inspections = _all(s, m.Inspection)
    assert {x.kind for x in inspections} == {"self", "functional", "cross", "flying"}
    assert all(x.findings for x in inspections)
    assert sorted(str(Period.of(x.date)) for x in inspections if x.kind == "self") == MONTHS


# --- submissions, audit, determinism ------------------------------------------------------------------

def test_months_before_the_last_are_submitted_on_time_and_locked(s):
    subs = _all(s, m.Submission)
    assert sorted(x.period for x in subs) == MONTHS[:-1]
    assert all(x.version == 1 and x.status == "accepted" and x.file_hash for x in subs)
    for x in subs:
        due = Period.parse(x.period).next().first_day + timedelta(days=4)
        assert Period.parse(x.period).last_day < _local_day(x.submitted_at) <= due
    march = s.scalars(live(m.Meeting).where(m.Meeting.date < date(2026, 4, 1), m.Meeting.date >= date(2026, 3, 1))).first()
    march.minutes += "（补记）"
    with pytest.raises(PeriodLockedError, match="2026-03"):
        s.flush()
    s.rollback()
    october = s.scalars(live(m.Meeting).where(m.Meeting.date >= date(2026, 10, 1))).first()
    october.minutes += "（补记）"
    s.flush()  # the unsubmitted month stays editable


def test_every_record_was_written_to_the_audit_log(s):
    audited = set(s.scalars(select(m.AuditEntry.record_id).where(m.AuditEntry.action == "create")))
    for model in (m.Staff, m.Meeting, m.RectificationItem, m.IndicatorValue, m.Submission):
        assert {str(x.id) for x in _all(s, model)} <= audited


def test_existing_records_sees_the_demo_but_not_the_bare_catalogue(s, session):
    assert existing_records(s)["staff"] == len(texts.ROSTER)
    from qmsdesk.services.catalogue import install_catalogue

    install_catalogue(session, "inpatient_medical")
    session.flush()
    assert existing_records(session) == {}


def _dump(db) -> dict[str, list[tuple]]:
    """Every record's content (timestamps aside), indicator definitions referred to by code."""
    out = {}
    with db.session() as s:
        codes = {d.id: d.code for d in s.scalars(select(m.IndicatorDefinition))}
        for model in m.SYNCED_MODELS:
            if model is m.IndicatorDefinition:
                continue
            cols = [c.key for c in inspect(model).column_attrs if c.key not in ("created_at", "updated_at")]
            rows = []
            for x in s.scalars(select(model)):
                values = {k: getattr(x, k) for k in cols}
                if "indicator_id" in values:
                    values["indicator_id"] = codes[values["indicator_id"]]
                rows.append(tuple(sorted((k, str(v)) for k, v in values.items())))
            out[model.__tablename__] = sorted(rows)
    return out


def test_same_seed_writes_the_same_records_and_another_seed_differs(demo, tmp_path):
    again, _, _ = _write_demo(tmp_path / "again.db", 1)
    other, _, _ = _write_demo(tmp_path / "other.db", 2)
    try:
        first = _dump(demo[0])
        assert _dump(again) == first
        second = _dump(other)
        assert second != first
        assert second["staff"] != first["staff"] and second["rectification_items"] != first["rectification_items"]
    finally:
        again.close()
        other.close()


def test_the_story_holds_whatever_the_seed_and_the_year(tmp_path):
    """Another seed and another last month: the scripted records land in the same months of the year."""
    db, summary, _ = _write_demo(tmp_path / "seed5.db", 5, until=Period(2026, 7))
    try:
        with db.session() as s:
            months = [str(p) for p in months_between(summary.first, summary.last)]
            falls = _series(s, "NUR-FALL")
            assert [p for p in months if falls[p].numerator] == [months[1], months[3], months[4]]
            for period in months:
                f = derived.ledger_figures(s, period, as_of=Period.parse(period).last_day)
                assert len(f.overdue) * 3 <= f.open, period
            f = derived.ledger_figures(s, months[-1], as_of=summary.as_of)
            assert len(f.overdue) * 3 <= f.open
            assert 0.05 <= _year_rate(s, "NUR-FALL") <= 0.2 and _year_rate(s, "NUR-CAUTI") <= 2.0
            checks = {x.topic: str(Period.of(x.date)) for x in _all(s, m.Inspection)}
            assert [checks[x.topic] for x in story.INSPECTIONS] == [months[x.month] for x in story.INSPECTIONS]
    finally:
        db.close()


def _values(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in inspect(type(obj)).column_attrs}


def _errors(check) -> list:
    """Run one of the services' own checks, whichever way it reports (collector or raising)."""
    c = Collector()
    try:
        check(c)
    except ValidationError as err:
        return err.errors
    return c.errors


def test_every_record_passes_the_services_own_checks(s):
    """The demo writes through the ORM for speed; these are the very checks the services run first."""
    from qmsdesk.services import authorisations, events, group, inspections, ledger, meetings, staff, training

    checks = {
        m.Staff: lambda x, c: staff._check_staff(s, _values(x), own_id=x.id),
        m.GroupMembership: lambda x, c: group._check(s, _values(x), own_id=x.id),
        m.Meeting: lambda x, c: meetings._check_meeting(s, _values(x), c),
        m.TrainingSession: lambda x, c: training._check_session(_values(x), c),
        m.Assessment: lambda x, c: training._check_assessment(s, _values(x), c, own_id=x.id),
        m.Authorisation: lambda x, c: authorisations._check(s, _values(x), c, own_id=x.id),
        m.Inspection: lambda x, c: inspections._check_inspection(_values(x), c),
        m.InspectionFinding: lambda x, c: inspections._check_finding(_values(x), c),
        m.AdverseEvent: lambda x, c: events._check(s, _values(x), c),
        m.RectificationItem: lambda x, c: ledger._check_item(s, _values(x)),
    }
    for model, check in checks.items():
        rows = _all(s, model)
        assert rows, model
        for x in rows:
            assert not _errors(lambda c, x=x, check=check: check(x, c)), (model.__name__, _values(x))


def test_the_demo_is_written_in_chinese_whatever_language_is_spoken(tmp_path):
    from qmsdesk.i18n import language, set_language

    set_language("en")
    try:
        english, _, _ = _write_demo(tmp_path / "en.db", 1)
        assert language() == "en"  # the caller's language is given back
    finally:
        set_language("zh_CN")
    chinese, _, _ = _write_demo(tmp_path / "zh.db", 1)
    try:
        assert _dump(english) == _dump(chinese)
    finally:
        english.close()
        chinese.close()
