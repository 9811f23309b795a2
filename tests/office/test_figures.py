"""Completeness, comparison, follow-up, compliance and the quarterly report on small hand-made months."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from office_helpers import month_records

from qmsdesk.office import completeness as comp
from qmsdesk.office.acks import acknowledge, versions
from qmsdesk.office.comparison import Z95, Z998, compare_units, unit_trend
from qmsdesk.office.compliance import events_by_unit, training_by_unit
from qmsdesk.office.followup import category_pareto, closure_by_unit, open_items
from qmsdesk.office.importer import import_file

TODAY = date(2026, 11, 23)


def _signed(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 2, 0, tzinfo=UTC)  # 10:00 China time


def _load(store, factory, folders, office_keys, unit, period="2026-10", version=1, created=None, **kw):
    path = factory.package(unit, period, version, month_records(unit.identity.unit_id, period, **kw), created=created,
                           out=folders.inbox / unit.identity.department_code)
    summary = import_file(store, path, keys=office_keys, folders=folders)
    assert summary.outcome == "applied", summary.line()
    return summary


def test_timeliness_is_measured_against_each_units_deadline_day(store, factory, folders, office_keys):
    early = factory.unit("H001", "D01", deadline_day=5)
    late = factory.unit("H001", "D02", deadline_day=5)
    factory.unit("H001", "D03")
    _load(store, factory, folders, office_keys, early, created=_signed(5))
    _load(store, factory, folders, office_keys, late, created=_signed(9))
    with store.session() as s:
        table = comp.completeness(s, ["2026-10", "2026-11"], TODAY)
        cells = {u.department_code: table.cell(u.id, "2026-10") for u in table.units}
        assert (cells["D01"].text, cells["D02"].text, cells["D03"].text) == ("按时", "迟报 4 天", "未报")
        assert table.cell(table.units[0].id, "2026-11").text == "未到期"  # its deadline is 2026-12-05
        rate = table.month_rate("2026-10")
        assert (rate.reported, rate.on_time, rate.expected) == (2, 1, 3)
        assert table.month_rate("2026-11").expected == 0  # not due: in no rate
        assert [u.department_code for u, _c in comp.reminders(s, "2026-10", TODAY)] == ["D03"]


def test_a_returned_month_counts_in_no_figure_until_the_next_version(store, factory, folders, office_keys):
    a, b = factory.unit("H001", "D01"), factory.unit("H001", "D02")
    _load(store, factory, folders, office_keys, a, fall=(1, 1000), events=2)
    _load(store, factory, folders, office_keys, b, fall=(3, 1000), events=1)
    with store.session() as s:
        assert compare_units(s, "NUR-FALL", "2026-10").pooled == pytest.approx(2.0)
        acknowledge(s, versions(s, b.unit_id, "2026-10")[0], "returned", "请补充分析", keys=office_keys, folders=folders)
    with store.session() as s:
        assert compare_units(s, "NUR-FALL", "2026-10").pooled == pytest.approx(1.0)
        assert sum(events_by_unit(s, ["2026-10"]).grades().values()) == 2
        assert comp.completeness(s, ["2026-10"], TODAY).cell(b.unit_id, "2026-10").text == "已退回"
    _load(store, factory, folders, office_keys, b, version=2, fall=(5, 1000), events=1)
    with store.session() as s:
        assert compare_units(s, "NUR-FALL", "2026-10").pooled == pytest.approx(3.0)


def test_units_are_ordered_worst_first_with_target_status_and_funnel_limits(store, factory, folders, office_keys):
    units = [factory.unit("H001", f"D0{i}") for i in range(1, 4)]
    for unit, falls in zip(units, (0, 1, 30), strict=True):
        _load(store, factory, folders, office_keys, unit, fall=(falls, 3000))
    with store.session() as s:
        result = compare_units(s, "NUR-FALL", "2026-10")
        assert [r.numerator for r in result.rows] == [0, 1, 30]  # lower is better: best first
        assert result.rows[-1].status.value == "missed" and result.rows[-1].funnel_outlier
        assert result.indicator.target_text.startswith("≤")
        # Poisson limits around the pooled rate (31 falls in 9,000 patient-days, per 1,000), worked out when asked
        mult = result.indicator.multiplier
        p = result.pooled / mult
        for row, z, limits in ((r, z, r.limits95 if z == Z95 else r.limits998) for r in result.rows for z in (Z95, Z998)):
            spread = (p / row.denominator) ** 0.5
            assert limits == pytest.approx((max(p - z * spread, 0) * mult, (p + z * spread) * mult))
        assert [r.funnel_outlier for r in result.rows] == [
            not r.limits998[0] <= r.value <= r.limits998[1] for r in result.rows]
        spec = unit_trend(s, "NUR-FALL", units[2].unit_id, "2026-05", "2026-10")
        assert spec.point("2026-10").numerator == 30 and spec.point("2026-09").numerator is None


def test_follow_up_keeps_each_items_newest_state_and_counts_closure(store, factory, folders, office_keys):
    unit = factory.unit()
    sept = month_records(unit.identity.unit_id, "2026-09", items=2)
    path = factory.package(unit, "2026-09", 1, sept, out=folders.inbox / "x")
    import_file(store, path, keys=office_keys, folders=folders)
    octo = month_records(unit.identity.unit_id, "2026-09", items=2)  # the same items, carried into October
    first = next(iter(octo["rectification_items"].values()))
    first.update(status="closed", closed_on="2026-10-20")
    octo["indicator_values"] = {}
    path = factory.package(unit, "2026-10", 1, octo, out=folders.inbox / "y")
    import_file(store, path, keys=office_keys, folders=folders)
    with store.session() as s:
        items = open_items(s, TODAY)
        # Judged on the last day of the newest month that carried it (October), not on the office's today.
        assert len(items) == 1 and items[0].overdue(TODAY) and items[0].days_overdue(TODAY) == 33
        closure = closure_by_unit(s, TODAY)[0]
        assert (closure.total, closure.closed, closure.overdue, closure.rate) == (2, 1, 1, 50.0)
        assert open_items(s, TODAY, source="inspection") == []
        assert category_pareto(s).bars[0].category == "跌倒"


def test_training_pass_rate_and_safety_coverage(store, factory, folders, office_keys):
    unit = factory.unit()
    recs = month_records("t", "2026-10", events=0, items=0)
    recs["training_sessions"] = {"s1": {"id": "s1", "deleted": False, "category": "safety_law", "hours": 2.0},
                                 "s2": {"id": "s2", "deleted": False, "category": "skills", "hours": 1.5}}
    recs["training_attendance"] = {
        "a1": {"id": "a1", "deleted": False, "session_id": "s1", "staff_id": "p1", "status": "present"},
        "a2": {"id": "a2", "deleted": False, "session_id": "s2", "staff_id": "p2", "status": "present"},
        "a3": {"id": "a3", "deleted": False, "session_id": "s1", "staff_id": "p3", "status": "absent"}}
    recs["assessments"] = {
        "x1": {"id": "x1", "deleted": False, "staff_id": "p1", "kind": "theory", "score": 92, "pass_mark": 80},
        "x2": {"id": "x2", "deleted": False, "staff_id": "p2", "kind": "theory", "score": 71, "pass_mark": 80}}
    import_file(store, factory.package(unit, records=recs, out=folders.inbox / "t"), keys=office_keys, folders=folders)
    with store.session() as s:
        row = training_by_unit(s, ["2026-10"])[0]
        assert (row.sessions, row.hours, row.attendances, row.pass_rate, row.safety_rate) == (2, 3.5, 2, 50.0, 50.0)


def test_quarterly_report_reads_like_a_report(store, factory, folders, office_keys, tmp_path):
    import openpyxl
    from pypdf import PdfReader

    from qmsdesk.office.quarterly import write_quarterly_report

    units = [factory.unit("H001", f"D0{i}") for i in range(1, 4)]
    for period in ("2026-07", "2026-08", "2026-09"):
        for unit, falls in zip(units, (1, 2, 25), strict=True):
            _load(store, factory, folders, office_keys, unit, period, fall=(falls, 3000),
                  created=_signed(3, int(period[5:]) + 1))
    report = write_quarterly_report(store, "2026Q3", tmp_path / "r", office_name="示例县医共体质控办", today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(report.pdf).pages)
    for heading in ("示例县医共体质控办2026年第三季度医疗质量与安全质控报告", "一、上报情况", "二、质量指标", "三、不良事件",
                    "四、整改落实", "五、培训与考核", "六、需要关注的单位与指标", "住院患者跌倒发生率", "第 1 页"):
        assert heading.replace(" ", "") in text.replace(" ", "").replace("\n", ""), heading
    assert "H001医院 D03科" in text  # the outlier unit is named among those needing attention
    wb = openpyxl.load_workbook(report.xlsx)
    assert wb.sheetnames[:3] == ["概览", "上报情况", "质量指标"]
    rows = list(wb["质量指标"].iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in rows if r[0] == "NUR-FALL"} == {"H001医院 D01科", "H001医院 D02科", "H001医院 D03科"}
    assert wb["上报情况"]["C2"].value == "按时"
