"""A ward's approved quarterly analysis travels with its next package and the office's quarterly report quotes it."""

from __future__ import annotations

from datetime import date

import pytest
from unit_side import Ward

from qmsdesk.db import models as m
from qmsdesk.office import importer
from qmsdesk.office.analyses import unit_analyses
from qmsdesk.office.quarterly import gather, write_quarterly_report
from qmsdesk.office.units import confirm_key, find_unit, issue_enrollment, register_unit
from qmsdesk.services import analysis, group

RECORD_NO = "ZY20261234"  # the ward's event carries it; the group typed it into a problem too


@pytest.fixture
def wards(store, office_keys, folders, tmp_path):
    made = []
    with store.session() as s:
        for code, name in (("D012", "心血管内科"), ("D020", "呼吸内科")):
            unit = register_unit(s, hospital_code="H001", hospital_name="示例县人民医院", department_code=code,
                                 department_name=name, department_type="inpatient_medical", deadline_day=5)
            issued = issue_enrollment(s, unit, office_keys, tmp_path / f"{code}.enroll.json",
                                      inbox=str(folders.unit_inbox(unit.folder_name)))
            made.append((issued.path, unit.folder_name))
    out = []
    for path, folder in made:
        folders.unit_inbox(folder).mkdir(parents=True, exist_ok=True)
        out.append(Ward.enrolled(tmp_path / folder, path))
    yield out
    for w in out:
        w.close()


def _approve_q3(ward: Ward) -> None:
    with ward.db.session() as s:
        leader = m.Staff(name="李主任", employee_no="D001", profession="doctor")
        s.add(leader)
        s.flush()
        group.add_member(s, staff_id=leader.id, role="leader", start_date=date(2025, 1, 1), duty_title="科主任")
        analysis.draft_analysis(s, "2026Q3")
        analysis.add_problem(s, "2026Q3", problem=f"病案号 {RECORD_NO} 患者跌倒后复评不及时",
                             cause="夜班护士对复评时限不熟悉", measures="跌倒后 2 小时内复评，纳入交班")
        for p in analysis.analysis_view(s, "2026Q3").problems:
            if not p.complete:
                analysis.complete_problem(s, p.id, cause="人力不足", measures="弹性排班")
        analysis.set_summary(s, "2026Q3", "三季度跌倒发生率偏高，已开展专项整改。")
        analysis.approve_analysis(s, "2026Q3", approver_id=leader.id, on=date(2026, 10, 12))


def test_the_office_quarterly_report_quotes_each_units_own_analysis(store, office_keys, folders, wards, tmp_path):
    cardio, resp = wards
    _approve_q3(cardio)
    for ward in wards:
        ward.submit(folders.unit_inbox(f"H001_{ward.enrollment.department_code}"))
    importer.scan_inbox(store, folders, keys=office_keys)
    with store.session() as s:
        for code in ("D012", "D020"):
            unit = find_unit(s, "H001", code)
            confirm_key(s, unit, unit.pending_fingerprint)
    imported = importer.scan_inbox(store, folders, keys=office_keys)
    assert [x.outcome for x in imported] == ["applied", "applied"]
    assert imported[0].counts["quality_analyses"]["imported"] == 1
    assert imported[1].counts["quality_analyses"]["imported"] == 0

    with store.session() as s:
        quoted = unit_analyses(s, "2026Q3")
    assert [a.unit_label for a in quoted] == ["示例县人民医院 心血管内科"]
    own = quoted[0]
    assert (own.approved_by, own.approved_on, own.carried_by) == ("李主任", "2026-10-12", "2026-10")
    assert own.summary == "三季度跌倒发生率偏高，已开展专项整改。"
    typed = next(p for p in own.problems if "复评不及时" in p["problem"])
    assert RECORD_NO not in typed["problem"] and "****1234" in typed["problem"]
    assert typed["measures"] == "跌倒后 2 小时内复评，纳入交班"

    content = gather(store, "2026Q3", office_name="示例县医共体质控办", today=date(2026, 11, 23))
    assert content.units_without_analysis == ["示例县人民医院 呼吸内科"]
    report = write_quarterly_report(store, "2026Q3", tmp_path / "reports", today=date(2026, 11, 23))
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(report.pdf)).pages)
    assert "七、各单位季度质量分析（摘录）" in text
    assert "三季度跌倒发生率偏高" in text and "跌倒后 2 小时内复评" in text
    assert "尚未报送审定的季度分析：示例县人民医院 呼吸内科" in text
    assert RECORD_NO not in text
    from openpyxl import load_workbook

    rows = list(load_workbook(report.xlsx)["单位季度分析"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"示例县人民医院 心血管内科"}
    assert any(r[7] == "跌倒后 2 小时内复评，纳入交班" for r in rows)


def test_a_draft_or_reopened_analysis_does_not_travel(wards):
    from qmsdesk.sync.records import month_records

    cardio = wards[0]
    _approve_q3(cardio)
    with cardio.db.session() as s:
        assert len(month_records(s, "2026-10")["quality_analyses"]) == 1
        assert month_records(s, "2026-08")["quality_analyses"] == {}  # a month inside Q3 never carries it
        analysis.reopen_analysis(s, "2026Q3", reason="补充九月漏报的不良事件")
        assert month_records(s, "2026-10")["quality_analyses"] == {}
