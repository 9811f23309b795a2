"""The demo year: enough of every kind of record, realistic variety, every service rule kept, and
the same seed always writing the same records."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import inspect, select

from qmsdesk import rules
from qmsdesk.analytics import derived
from qmsdesk.db import models as m
from qmsdesk.db.engine import open_database
from qmsdesk.db.queries import live
from qmsdesk.demo import AS_OF, existing_records, generate
from qmsdesk.errors import Collector, PeriodLockedError, ValidationError
from qmsdesk.periods import Period, months_between
from qmsdesk.services.indicators import check_value
from qmsdesk.services.submission_checks import validate_month

MONTHS = [str(p) for p in months_between(Period(2025, 11), Period(2026, 10))]


def _write_demo(path, seed):
    db = open_database(path, actor="演示")
    # CPU time, not wall time: the test machines are shared, and waiting for a core is not slowness.
    started = time.process_time()
    with db.session() as s:
        summary = generate(s, seed=seed)
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


def test_generate_is_fast(demo):
    assert demo[2] < 5.0


def test_demo_writes_a_ward_year_of_every_kind(demo):
    c = demo[1].counts
    assert 28 <= c["staff"] <= 32
    assert c["group"] == 6
    assert c["group_meetings"] == 12
    assert 35 <= c["trainings"] <= 45
    assert 13 <= c["events"] <= 18
    assert 50 <= c["items"] <= 80
    assert c["submissions"] == 11
    lines = demo[1].lines()
    assert "某县人民医院 心血管内科" in lines[0] and "2025-11 至 2026-10" in lines[0]


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
    assert len(left) == 1 and left[0].left_on is not None


def test_group_is_led_by_the_director_with_the_head_nurse_as_deputy(s):
    members = s.scalars(live(m.GroupMembership)).all()
    roles = Counter(g.role for g in members)
    assert roles == {"leader": 1, "deputy": 1, "controller": 2, "member": 2}
    leader = next(g.staff for g in members if g.role == "leader")
    deputy = next(g.staff for g in members if g.role == "deputy")
    assert (leader.profession, leader.title) == ("doctor", "主任医师")
    assert (deputy.profession, deputy.nursing_level) == ("nurse", "N4")


def test_one_group_meeting_a_month_with_attendance_minutes_and_problems(s):
    meetings = s.scalars(live(m.Meeting).where(m.Meeting.kind == "group_monthly").order_by(m.Meeting.date)).all()
    assert [str(Period.of(x.date)) for x in meetings] == MONTHS
    for x in meetings:
        assert len(x.attendance) == 6
        assert any(a.status == "present" for a in x.attendance)
        assert "实到" in x.minutes and x.agenda.startswith("1. ") and x.decisions and x.follow_up
        assert x.host is not None and x.recorder is not None
    assert sum(len(x.problems) for x in meetings) >= 15
    assert any(a.status != "present" for x in meetings for a in x.attendance)
    kinds = {x.kind for x in _all(s, m.Meeting)}
    assert kinds == {"group_monthly", "safety", "case_discussion", "morbidity_mortality"}


def test_training_covers_every_category_and_leaves_some_under_the_safety_rule(s):
    sessions = _all(s, m.TrainingSession)
    assert {x.category for x in sessions} == {"basic_theory", "skills", "safety_law", "infection_control",
                                              "new_technology", "other"}
    assert all(x.attendance for x in sessions)
    under = derived.staff_under_safety_rule(s, 2026)
    assert 1 <= len(under) <= 10
    people = derived.people_year(s, 2026)
    assert sum(p.meets_safety_rule for p in people) > len(people) / 2


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
    # the round that closes a training session is that session's scores: 录入成绩 opens on them
    linked = [a for a in rows if a.session_id is not None]
    sessions = {a.session_id for a in linked}
    assert len(linked) >= 10 and len(sessions) == 1 and any(not a.passed for a in linked)
    present = {x.staff_id for x in _all(s, m.TrainingAttendance) if x.session_id in sessions and x.status == "present"}
    assert {a.staff_id for a in linked} <= present


def test_authorisations_some_expiring_within_30_days_some_expired(s):
    soon = derived.expiring_authorisations(s, 30, as_of=AS_OF)
    expired = derived.expired_authorisations(s, as_of=AS_OF)
    assert len(soon) >= 2 and len(expired) >= 1
    statuses = Counter(a.status for a in _all(s, m.Authorisation))
    assert statuses["active"] > 20 and statuses["suspended"] >= 1 and statuses["revoked"] >= 1


def _series(s, code):
    rows = s.execute(
        select(m.IndicatorValue).join(m.IndicatorDefinition).where(m.IndicatorDefinition.code == code)
        .order_by(m.IndicatorValue.period)
    ).scalars().all()
    return {v.period: v for v in rows}


def test_indicator_values_complete_every_month_and_miss_targets(s):
    # October is complete too: the demo's last month is the one a head nurse submits next.
    for period in MONTHS:
        c = derived.indicator_completeness(s, period)
        assert c.entered == c.applicable >= 20, period
    assert sum(len(derived.indicator_completeness(s, p).off_target) for p in MONTHS) >= 5
    for code in ("NUR-FALL", "NUR-PI", "NUR-RESTRAINT", "NUR-UEX-GT", "NUR-CAUTI", "NUR-CLABSI", "NUR-HOURS",
                 "NUR-BED-RATIO", "NIT-AE-REPORT", "NIT-VTE"):
        assert len(_series(s, code)) == 12, code


def test_falls_and_cauti_shift_up_in_the_last_three_months(s):
    for code in ("NUR-FALL", "NUR-CAUTI"):
        series = _series(s, code)
        early = [series[p].value for p in MONTHS[:9]]
        late = [series[p].value for p in MONTHS[9:]]
        assert min(late) > sum(early) / len(early), code
        assert all(v > series[MONTHS[-1]].indicator.target for v in late), code


def test_fall_numerators_match_the_fall_events(s):
    falls = Counter(str(Period.of(e.occurred_at)) for e in _all(s, m.AdverseEvent) if e.category == "fall")
    series = _series(s, "NUR-FALL")
    assert {p: int(v.numerator) for p, v in series.items() if v.numerator} == dict(falls)


def test_inspections_of_every_kind_with_findings(s):
    inspections = _all(s, m.Inspection)
    assert {x.kind for x in inspections} == {"self", "functional", "cross", "flying"}
    assert all(x.findings for x in inspections)


def test_adverse_events_of_every_grade_with_analysis_masked_ids_and_anonymous_reports(s):
    events = _all(s, m.AdverseEvent)
    assert {e.grade for e in events} == {"I", "II", "III", "IV"}
    assert all(e.analysis for e in events if e.grade in ("I", "II"))
    assert all(re.fullmatch(r"\d{10}", e.medical_record_no) for e in events)
    assert 1 <= sum(e.anonymous for e in events) < len(events)
    assert all(e.reported_at >= e.occurred_at for e in events)
    assert len({e.category for e in events}) >= 6


def test_ledger_has_every_status_every_source_and_overdue_items(s):
    items = _all(s, m.RectificationItem)
    statuses = Counter(i.status for i in items)
    assert all(statuses[x] >= 2 for x in ("open", "in_progress", "awaiting_verification", "closed"))
    assert {i.source_kind for i in items} == {"meeting", "inspection", "event", "indicator", "office"}
    overdue = [i for i in items if rules.overdue_on(i, AS_OF)]
    assert len(overdue) >= 3
    links = {"meeting": "meeting_problem_id", "inspection": "finding_id", "event": "event_id",
             "indicator": "indicator_value_id"}
    for i in items:
        set_links = {f for f in links.values() if getattr(i, f) is not None}
        assert set_links == ({links[i.source_kind]} if i.source_kind in links else set()), i.problem
    assert all(i.progress for i in items if i.status != "open")


def test_every_record_keeps_the_service_rules(s):
    last = date(2026, 10, 31)
    for model in (m.Meeting, m.TrainingSession, m.Assessment, m.Inspection):
        assert all(x.date <= last for x in _all(s, model)), model
    assert all(e.occurred_at.date() <= last for e in _all(s, m.AdverseEvent))
    assert all(0 <= a.score <= 100 for a in _all(s, m.Assessment))
    for v in _all(s, m.IndicatorValue):
        c = Collector()
        check_value(v.indicator, v.period, v.numerator, v.denominator, c)
        assert not c.errors, (v.indicator.code, v.period, c.errors)
    for i in _all(s, m.RectificationItem):
        assert i.found_on <= i.deadline and i.found_on <= AS_OF and i.responsible_id
        if i.status == "closed":
            assert i.verifier_id and i.verified_on and i.effect_evaluation and i.closed_on
            assert i.found_on <= i.verified_on < AS_OF
            assert i.verifier_id != i.responsible_id
        else:
            assert not (i.verified_on or i.closed_on)
        assert all(i.found_on <= n.date < AS_OF for n in i.progress)
    for a in _all(s, m.Authorisation):
        assert a.granted_on < a.expires_on and a.granted_on <= AS_OF
    for period in MONTHS[:-1]:
        report = validate_month(s, period)
        assert not report.errors, (period, [e.message for e in report.errors])


def test_months_before_october_are_submitted_and_locked(s):
    subs = _all(s, m.Submission)
    assert sorted(x.period for x in subs) == MONTHS[:-1]
    assert all(x.version == 1 and x.status == "accepted" and x.file_hash for x in subs)
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
    assert existing_records(s)["staff"] == 30
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


def test_cauti_cluster_fires_a_control_chart_signal(s):
    from qmsdesk.analytics.warnings import month_warnings

    signals = {w.code for p in MONTHS[9:] for w in month_warnings(s, p) if w.is_signal}
    assert "NUR-CAUTI" in signals
