"""Scored inspections: the score is 标准分 − 扣分, computed, capped per item, never typed; a deduction becomes
one ledger item; the checklist version an inspection used stays with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from qmsdesk.analytics.inspections import inspection_row, inspection_score
from qmsdesk.db import models as m
from qmsdesk.errors import PeriodLockedError, ValidationError
from qmsdesk.periods import Period
from qmsdesk.services import checklists, inspections, scoring, submission

DAY = date(2026, 3, 12)


@pytest.fixture
def safe(session):
    checklists.install_templates(session)
    return checklists.find_template(session, "NUR-SAFE")


def _start(session, template, day=DAY):
    return scoring.start_inspection(session, template_id=template.id, kind="self", date=day, inspector="护士长")


def test_score_is_standard_minus_deductions_from_failures_capped(session, safe):
    ins = _start(session, safe)
    scoring.score_item(session, ins.id, "SAFE-02", failures=2, sample_size=5, reason="2名高危患者无警示标识")  # 2×2
    scoring.score_item(session, ins.id, "SAFE-04", failures=7, reason="7处地面湿滑无警示")  # 7×2=14, capped at 10
    scoring.score_item(session, ins.id, "SAFE-03", deduction=3, reason="提问3人答不全")
    sc = inspection_score(session, ins)
    assert [(i.code, i.deduction) for i in sc.deducted_items] == [("SAFE-02", 4), ("SAFE-03", 3), ("SAFE-04", 10)]
    assert sc.points == 100 - 17 == 83 and sc.out_of_100 and sc.display() == "83 分"
    assert sc.score == 83 and sc.percent == 83


def test_not_applicable_items_leave_the_total_and_the_score_shows_as_a_percentage(session, safe):
    ins = _start(session, safe)
    scoring.score_item(session, ins.id, "SAFE-07", not_applicable=True)
    scoring.score_item(session, ins.id, "SAFE-01", failures=1, sample_size=5, reason="1名未复评")
    sc = inspection_score(session, ins)
    assert sc.applicable_total == 90 and sc.points == 88
    assert sc.percent == pytest.approx(88 / 90 * 100) and not sc.out_of_100
    assert sc.display() == "97.8%（88/90 分）"


def test_a_checklist_out_of_50_is_shown_as_a_percentage(session, safe):
    emerg = checklists.find_template(session, "NUR-EMERG")
    ins = _start(session, emerg)
    scoring.score_item(session, ins.id, "EMG-05", failures=1, reason="吸引器负压不足")
    sc = inspection_score(session, ins)
    assert (sc.points, sc.applicable_total, sc.score) == (45, 50, 90.0)
    assert sc.display() == "90.0%（45/50 分）"


def test_deductions_are_checked(session, safe):
    ins = _start(session, safe)
    with pytest.raises(ValidationError, match="最多扣 10 分") as err:
        scoring.score_item(session, ins.id, "SAFE-01", deduction=11, reason="x")
    assert err.value.fields == ["deduction"]
    with pytest.raises(ValidationError, match="扣分原因"):
        scoring.score_item(session, ins.id, "SAFE-01", failures=1)
    with pytest.raises(ValidationError, match="不能超过抽查数"):
        scoring.score_item(session, ins.id, "SAFE-01", failures=6, sample_size=5, reason="x")
    with pytest.raises(ValidationError, match="不适用的项目不能扣分"):
        scoring.score_item(session, ins.id, "SAFE-07", not_applicable=True, deduction=5, reason="x")
    with pytest.raises(ValidationError, match="没有项目 DOC-01"):
        scoring.score_item(session, ins.id, "DOC-01", deduction=1, reason="x")
    emerg = _start(session, checklists.find_template(session, "NUR-EMERG"))
    with pytest.raises(ValidationError, match="不按处扣分"):  # EMG-07's rule is all-or-nothing: say the points
        scoring.score_item(session, emerg.id, "EMG-07", failures=1, reason="账物不符")
    assert inspection_score(session, ins).points == 100  # nothing refused was kept


def test_a_score_cannot_be_typed(session, safe):
    with pytest.raises(TypeError):
        inspections.create_inspection(session, kind="self", date=DAY, inspector="护士长", score=95)
    ins = _start(session, safe)
    with pytest.raises(TypeError, match="typed_score"):
        inspections.update_inspection(session, ins.id, typed_score=95)
    scoring.score_item(session, ins.id, "SAFE-01", deduction=2, reason="x")
    other = checklists.find_template(session, "NUR-DOC")
    with pytest.raises(ValidationError, match="不能更换检查评分表"):
        inspections.update_inspection(session, ins.id, template_id=other.id)


def test_an_old_inspection_keeps_its_typed_score_marked_as_typed(session):
    old = m.Inspection(kind="functional", date=DAY, inspector="护理部", typed_score=92.5)
    session.add(old)
    session.flush()
    row = inspection_row(session, old)
    assert row.scored is None and row.typed_score == 92.5 and row.score_text == "92.5（旧记录手填）"


def test_the_version_an_inspection_used_stays_with_it_after_a_revision(session, safe):
    ins = _start(session, safe)
    scoring.score_item(session, ins.id, "SAFE-10", deduction=4, reason="约束无知情同意")
    spec = checklists.spec_of(safe)
    revised = replace(spec, version="2026.1-本科1", items=spec.items[:-1], total=90)  # the ward dropped SAFE-10
    new = checklists.revise_template(session, safe.id, revised)
    sc = inspection_score(session, ins)
    assert (sc.template_version, sc.template_total, sc.points) == ("2026.1", 100, 96)
    assert "SAFE-10" in [i.code for i in sc.items]
    later = _start(session, new, date(2026, 3, 20))
    assert inspection_score(session, later).template_version == "2026.1-本科1"
    assert "SAFE-10" not in [i.code for i in inspection_score(session, later).items]


def test_one_call_makes_a_deduction_a_ledger_item_once(session, safe):
    nurse = m.Staff(name="王芳", employee_no="N1", profession="nurse")
    session.add(nurse)
    ins = _start(session, safe)
    row = scoring.score_item(session, ins.id, "SAFE-02", failures=1, sample_size=5, reason="1名高危患者床档未拉起")
    item = scoring.deduction_to_item(session, row.id, responsible_id=nurse.id, measures="夜班交接核查床档")
    assert item.source_kind == "inspection" and item.inspection_item_id == row.id and item.finding_id is None
    assert item.category == "患者安全" and item.found_on == DAY
    assert "SAFE-02" in item.problem and "1名高危患者床档未拉起" in item.problem and "扣 2 分" in item.problem
    assert inspection_score(session, ins).deducted_items[0].ledger_item_id == str(item.id)
    with pytest.raises(ValidationError, match="已转为整改事项"):
        scoring.deduction_to_item(session, row.id)
    clean = scoring.score_item(session, ins.id, "SAFE-01", deduction=0)
    with pytest.raises(ValidationError, match="没有扣分"):
        scoring.deduction_to_item(session, clean.id)


def test_deleting_an_inspection_takes_its_scored_items(session, safe):
    ins = _start(session, safe)
    row = scoring.score_item(session, ins.id, "SAFE-01", deduction=2, reason="x")
    inspections.delete_inspection(session, ins.id)
    assert row.deleted
    inspections.restore_inspection(session, ins.id)
    assert not row.deleted


def test_a_submitted_month_locks_its_scored_items(db):
    with db.session() as s:
        checklists.install_templates(s)
        s.add(m.Unit(hospital_code="H1", hospital_name="医院", department_code="D1", department_name="科室",
                     department_type="inpatient_medical"))
        ins = _start(s, checklists.find_template(s, "NUR-SAFE"))
        scoring.score_item(s, ins.id, "SAFE-01", deduction=2, reason="x")
        submission.submit_month(s, Period(2026, 3))
        ins_id = ins.id
    with pytest.raises(PeriodLockedError, match="已锁定"), db.session() as s:
        scoring.score_item(s, ins_id, "SAFE-02", deduction=2, reason="后补扣分")
