"""Validation before submitting: what blocks a month, what only warns, and which record each names."""

from __future__ import annotations

from datetime import UTC, date, datetime

from month_records import PERIOD, seed_month
from sqlalchemy import select

from qmsdesk.db import models as m
from qmsdesk.services.submission import validate_month


def codes(issues):
    return sorted(i.code for i in issues)


def test_complete_month_has_no_blocking_errors(session):
    seed_month(session)
    report = validate_month(session, PERIOD)
    assert report.ok, [i.message for i in report.errors]


def test_month_with_gaps_lists_every_blocking_error_with_its_record(session):
    rec = seed_month(session, complete=False)
    report = validate_month(session, PERIOD)
    assert not report.ok
    assert codes(report.errors) == ["closed_without_verification", "event_without_rca",
                                    "indicator_missing", "no_group_meeting"]
    by_code = {i.code: i for i in report.errors}
    assert by_code["indicator_missing"].kind == "indicator_definition"
    assert by_code["indicator_missing"].record_id == str(rec["pi"].id)
    assert by_code["event_without_rca"].record_id == str(rec["event"].id)
    assert by_code["closed_without_verification"].record_id == str(rec["closed_item"].id)
    assert "质控小组例会" in by_code["no_group_meeting"].message
    assert "院内压力性损伤" in by_code["indicator_missing"].message


def test_proportion_numerator_above_denominator_blocks(session):
    rec = seed_month(session)
    rec["values"]["vte"].numerator = 120
    session.flush()
    report = validate_month(session, PERIOD)
    hit = [i for i in report.errors if i.code == "numerator_above_denominator"]
    assert len(hit) == 1 and hit[0].record_id == str(rec["values"]["vte"].id)
    assert "分子（120）大于分母（100）" in hit[0].message


def test_rate_numerator_above_denominator_is_not_an_error(session):
    rec = seed_month(session)
    rec["values"]["fall"].numerator = 5000  # a rate per 1000 patient-days may exceed its denominator count
    session.flush()
    assert "numerator_above_denominator" not in codes(validate_month(session, PERIOD).errors)


def test_grade_three_event_without_analysis_does_not_block(session):
    rec = seed_month(session)
    rec["event"].grade = "III"
    rec["event"].analysis = None
    session.flush()
    assert "event_without_rca" not in codes(validate_month(session, PERIOD).errors)


def test_value_far_outside_own_history_warns_but_a_rare_event_is_not_a_typo(session):
    rec = seed_month(session)
    report = validate_month(session, PERIOD)
    outside = {i.record_id for i in report.warnings if i.code == "value_outside_history"}
    assert str(rec["values"]["vte"].id) in outside  # 85% after a year of 90–92%
    assert str(rec["values"]["fall"].id) not in outside  # 3 falls after one a month: events, not a typing slip
    rec["values"]["vte"].numerator = 91
    session.flush()
    outside = {i.record_id for i in validate_month(session, PERIOD).warnings if i.code == "value_outside_history"}
    assert str(rec["values"]["vte"].id) not in outside


def test_overdue_item_without_progress_this_month_warns_until_a_note_is_added(session):
    rec = seed_month(session)
    item = rec["open_item"]
    assert item.id in {_id(i) for i in validate_month(session, PERIOD).warnings if i.code == "overdue_without_progress"}
    session.add(m.ProgressNote(item_id=item.id, date=date(2026, 10, 20), note="已组织培训", author="王护士长"))
    session.flush()
    session.expire(item)
    assert not [i for i in validate_month(session, PERIOD).warnings if i.code == "overdue_without_progress"]


def _id(issue):
    import uuid

    return uuid.UUID(issue.record_id)


def test_staff_behind_safety_training_and_expired_authorisation_warn(session):
    rec = seed_month(session)
    session.add(m.Authorisation(staff_id=rec["nurse"].id, item="PICC置管", granted_on=date(2024, 1, 1),
                                expires_on=date(2026, 6, 30), status="active"))
    session.flush()
    report = validate_month(session, PERIOD)
    behind = {i.record_id for i in report.warnings if i.code == "safety_training_behind"}
    assert behind == {str(rec["director"].id)}  # the two nurses attended the October session
    expired = [i for i in report.warnings if i.code == "authorisation_expired"]
    assert len(expired) == 1 and "PICC置管" in expired[0].message and "2026-06-30" in expired[0].message


def test_acceptance_states_who_when_and_the_comment_and_carries_each_warning(session):
    seed_month(session)
    report = validate_month(session, PERIOD)
    assert report.warnings
    at = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
    accepted = report.acceptance("  跌倒例数已核实，为真实上升 ", by="王护士长", at=at)
    data = accepted.as_json(report.warnings)
    assert (data["state"], data["accepted"], data["accepted_by"], data["comment"]) == (
        "accepted", True, "王护士长", "跌倒例数已核实，为真实上升")
    assert data["accepted_at"] == "2026-11-03T16:30:00+08:00"  # the unit's zone, not the machine's
    assert [w["code"] for w in data["warnings"]] == [w.code for w in report.warnings]
    assert all(set(w) >= {"code", "message", "kind", "record_id", "links"} for w in data["warnings"])
    assert "由 王护士长 于 2026-11-03 16:30 核实确认，说明：“跌倒例数已核实，为真实上升”" in accepted.statement()

    nobody = report.acceptance("  ")
    assert (nobody.state, nobody.by, nobody.at, nobody.comment) == ("unconfirmed", None, None, None)
    assert "尚未核实确认" in nobody.statement() and "已由" not in nobody.statement()
    assert nobody.as_json(report.warnings)["accepted"] is False


def test_text_for_the_office_carries_no_window_instructions(session):
    rec = seed_month(session)
    rec["values"]["vte"].numerator = 80  # misses its target of 90%: the warning that used to say where to click
    session.flush()
    report = validate_month(session, PERIOD)
    missed = next(w for w in report.warnings if w.code == "target_missed")
    assert "工作台" in missed.hint
    for w in report.warnings:
        for word in ("工作台", "可在", "点击", "页面"):
            assert word not in w.message, w.message
        assert "hint" not in w.as_dict()


def test_control_chart_signal_of_concern_warns(session):
    from qmsdesk.periods import Period

    iv = m.IndicatorDefinition(code="NIT-IV", name_zh="住院患者静脉输液使用率", name_en="IV", numerator_def="a",
                               denominator_def="b", kind="proportion", multiplier=100, unit="%", direction="lower",
                               target=80, department_types=[], applicable=True)
    session.add(iv)
    session.flush()
    months, p = [], Period.parse(PERIOD)
    for _ in range(24):
        months.append(p)
        p = p.previous()
    # Nine months in a row above the earlier level, each within the last year's range: only the run shows it.
    for i, month in enumerate(reversed(months)):
        session.add(m.IndicatorValue(indicator_id=iv.id, period=str(month), denominator=100,
                                     numerator=50 + i % 3 if i < 15 else 56 + i % 2))
    session.flush()
    warnings = validate_month(session, PERIOD).warnings
    assert [w.code for w in warnings if w.kind == "indicator_value"] == ["spc_signal"]
    assert "控制图信号" in next(w.message for w in warnings if w.code == "spc_signal")


def test_a_value_that_misses_its_target_is_a_warning_naming_the_target(tmp_path):
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    db = open_database(tmp_path / "demo.db")
    with db.session() as s:
        generate(s, until="2026-10")
    with db.session() as s:
        # the demo's one month of VTE prophylaxis below its ≥90% target
        (value,) = [v for v in s.scalars(select(m.IndicatorValue)) if v.indicator.code == "NIT-VTE"
                    and v.value < v.indicator.target]
        report = validate_month(s, value.period)
    db.close()
    missed = [w for w in report.warnings if w.code == "target_missed"]
    assert any("静脉血栓栓塞症（VTE）规范预防率" in w.message and "目标" in w.message for w in missed)
    assert all(w.kind and w.record_id for w in missed)
