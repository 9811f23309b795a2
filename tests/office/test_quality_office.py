"""Scored inspections, RCAs and PDCA progress travel in the package to the office store (SQLite and PostgreSQL):
scores compared across units of the same checklist version only, the most-deducted items across units, factors
grouped the office's way, and the quarterly report quoting the PDCA cases."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from quality_records import seed_quality
from unit_side import PERIOD, Ward

from qmsdesk.office import importer, quality
from qmsdesk.office.quarterly import write_quarterly_report
from qmsdesk.office.units import confirm_key, find_unit, issue_enrollment, register_unit
from qmsdesk.services import checklists, scoring


def _extra_inspection(s, *, revised: bool) -> None:
    """The second ward: a worse October, and an inspection on its own revision of the checklist."""
    safe = checklists.find_template(s, "NUR-SAFE")
    ins = scoring.start_inspection(s, template_id=safe.id, kind="self", date=date(2026, 10, 25), inspector="护士长")
    scoring.score_item(s, ins.id, "SAFE-02", failures=4, sample_size=5, reason="4名无警示标识")
    scoring.score_item(s, ins.id, "SAFE-04", deduction=6, reason="卫生间无扶手")
    if revised:
        spec = checklists.spec_of(safe)
        local = checklists.revise_template(s, safe.id, replace(spec, version="2026.1-本科1"))
        other = scoring.start_inspection(s, template_id=local.id, kind="self", date=date(2026, 10, 28), inspector="护士长")
        scoring.score_item(s, other.id, "SAFE-02", deduction=2, reason="1名无警示标识")


@pytest.fixture
def imported(store, office_keys, folders, tmp_path):
    wards = []
    with store.session() as s:
        for code, name in (("D012", "心血管内科"), ("D020", "呼吸内科")):
            unit = register_unit(s, hospital_code="H001", hospital_name="示例县人民医院", department_code=code,
                                 department_name=name, department_type="inpatient_medical", deadline_day=5)
            issued = issue_enrollment(s, unit, office_keys, tmp_path / f"{code}.enroll.json",
                                      inbox=str(folders.unit_inbox(unit.folder_name)))
            wards.append((issued.path, unit.folder_name))
    made = []
    for n, (path, folder) in enumerate(wards):
        folders.unit_inbox(folder).mkdir(parents=True, exist_ok=True)
        ward = Ward.enrolled(tmp_path / folder, path)
        with ward.db.session() as s:
            seed_quality(s, unit=False)
            if n == 1:
                _extra_inspection(s, revised=True)
        ward.submit(folders.unit_inbox(folder))
        made.append(ward)
    importer.scan_inbox(store, folders, keys=office_keys)
    with store.session() as s:
        for code in ("D012", "D020"):
            unit = find_unit(s, "H001", code)
            confirm_key(s, unit, unit.pending_fingerprint)
    summaries = importer.scan_inbox(store, folders, keys=office_keys)
    assert [x.outcome for x in summaries] == ["applied", "applied"]
    yield summaries
    for w in made:
        w.close()


def test_the_package_carries_scored_items_rcas_and_projects(imported):
    counts = imported[1].counts
    assert counts["inspections"]["imported"] == 2 + 1  # the ward's October inspections (one on its own revision)
    assert counts["inspection_items"]["imported"] >= 5
    assert counts["event_analyses"]["imported"] == 1 and counts["event_factors"]["imported"] == 2
    assert counts["pdca_projects"]["imported"] == 1


def test_scores_are_compared_only_within_one_checklist_version(store, imported):
    with store.session() as s:
        comps = quality.template_comparisons(s, [PERIOD])
    by_version = {(c.code, c.version): c for c in comps}
    assert set(by_version) == {("NUR-SAFE", "2026.1"), ("NUR-SAFE", "2026.1-本科1")}
    shipped = by_version[("NUR-SAFE", "2026.1")]
    # 心血管内科: one inspection at 96; 呼吸内科: 96 and 100 − 8 − 6 = 86 → mean 91, shown first (lowest)
    assert [(r.unit_label, r.inspections, r.mean_percent) for r in shipped.rows] == [
        ("示例县人民医院 呼吸内科", 2, 91.0), ("示例县人民医院 心血管内科", 1, 96.0)]
    assert shipped.overall == pytest.approx((96 + 86 + 96) / 3)
    assert [r.unit_label for r in by_version[("NUR-SAFE", "2026.1-本科1")].rows] == ["示例县人民医院 呼吸内科"]


def test_scores_counted_by_the_store_agree_with_each_inspection_read_back(store, imported):
    """template_comparisons counts in SQL; the same figures from every inspection record read one by one."""
    from collections import defaultdict

    from qmsdesk.office.queries import counted

    with store.session() as s:
        comps = quality.template_comparisons(s, [PERIOD])
        records = counted(s, "inspections", [PERIOD])
    by_hand: dict = defaultdict(lambda: defaultdict(list))
    for row in records:
        if row.data.get("scored") and row.data.get("percent") is not None:
            key = (str(row.data["template_code"]), str(row.data["template_version"]), str(row.data["template_name"]))
            by_hand[key][row.unit_id].append(float(row.data["percent"]))
    assert len(by_hand) == 2 and sum(len(v) for units in by_hand.values() for v in units.values()) == 4
    assert {(c.code, c.version, c.name): {r.unit_id: (r.inspections, pytest.approx(r.mean_percent), r.lowest_percent)
                                          for r in c.rows} for c in comps} == \
        {key: {u: (len(v), sum(v) / len(v), min(v)) for u, v in units.items()} for key, units in by_hand.items()}


def test_most_deducted_items_across_units_and_factors_grouped_by_the_office(store, imported):
    with store.session() as s:
        items = quality.deducted_items(s, [PERIOD])
        assert (items[0].item_code, items[0].inspections, items[0].units) == ("SAFE-02", 4, 2)
        assert items[0].points == 2 + 2 + 8 + 2
        pareto = quality.most_deducted(s, [PERIOD], items)
        assert pareto.bars[0].category.startswith("SAFE-02") and pareto.total == sum(i.inspections for i in items)
        assert dict(quality.factor_counts(s, [PERIOD])) == {"健康教育不到位，患者或家属未掌握防范要点": 2, "照明不足（夜间）": 2}
        quality.set_factor_group(s, "MAN-EDU", "宣教")
        quality.set_factor_group(s, "ENV-LIGHT", "环境")
    with store.session() as s:
        assert dict(quality.factor_counts(s, [PERIOD])) == {"宣教": 2, "环境": 2}
        quality.set_factor_group(s, "ENV-LIGHT", None)
    with store.session() as s:
        assert dict(quality.factor_counts(s, [PERIOD])) == {"宣教": 2, "照明不足（夜间）": 2}


def test_pdca_cases_reach_the_office_and_the_quarterly_report(store, imported, tmp_path):
    with store.session() as s:
        cases = quality.pdca_cases(s, [PERIOD])
    assert [(c.unit_label, c.stage) for c in cases] == [("示例县人民医院 呼吸内科", "closed"),
                                                        ("示例县人民医院 心血管内科", "closed")]
    assert cases[0].indicator_text() == "跌倒高危患者防范措施落实率 70.00% → 98.00%（目标 ≥95.00%）"
    assert (cases[0].countermeasures, cases[0].countermeasures_closed) == (1, 1)
    report = write_quarterly_report(store, "2026Q4", tmp_path / "reports", today=date(2026, 11, 23))
    # Reading order, lines joined: a title wraps inside its table cell.
    text = subprocess.run(["pdftotext", str(report.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    for words in ("八、检查评分与持续改进案例", "提高跌倒高危患者防范措施落实率", "扣分最多的检查项目", "SAFE-02",
                  "患者安全（跌倒/压力性损伤/管路）质量检查评分标准（NUR-SAFE 2026.1）"):
        assert words in text, words
    wb = load_workbook(report.xlsx)
    rows = [[c.value for c in row] for row in wb["持续改进案例"].iter_rows()]
    assert rows[0][:3] == ["单位", "改进主题", "阶段"] and len(rows) == 3
    assert rows[1][1] == "提高跌倒高危患者防范措施落实率" and rows[1][2] == "已结案"
    scores = [[c.value for c in row] for row in wb["检查评分"].iter_rows(min_row=2)]
    assert ["NUR-SAFE", "2026.1-本科1"] in [r[:2] for r in scores]


def _deducted_by_hand(s, periods):
    """The most-deducted items from every checklist item record read back one by one (the way they were counted
    before the store counted them)."""
    from collections import defaultdict

    from qmsdesk.office.queries import counted

    tally: dict = defaultdict(lambda: [0, 0.0, set()])
    texts: dict = {}
    for row in counted(s, "inspection_items", periods):
        d = row.data
        deduction = float(d.get("deduction") or 0)
        if deduction <= 0 or d.get("not_applicable"):
            continue
        key = (str(d.get("template_code")), str(d.get("item_code")))
        tally[key][0] += 1
        tally[key][1] += deduction
        tally[key][2].add(row.unit_id)
        version = str(d.get("template_version") or "")
        if key not in texts or version > texts[key][0]:
            texts[key] = (version, str(d.get("text") or ""))
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0][1]))
    return [quality.DeductedItem(k[0], k[1], texts[k][1], n, len(units), pytest.approx(points))
            for k, (n, points, units) in ranked]


def test_deducted_items_counted_by_the_store_agree_with_each_item_read_back(store, imported):
    with store.session() as s:
        assert quality.deducted_items(s, [PERIOD]) == _deducted_by_hand(s, [PERIOD])


def _factors_by_hand(s, periods):
    from collections import Counter

    from qmsdesk.office.queries import counted

    groups, tally = quality.factor_groups(s), Counter()
    for row in counted(s, "event_factors", periods):
        code = str(row.data.get("code") or "")
        tally[groups.get(code) or str(row.data.get("label") or code)] += 1
    return tally


QUARTER = ["2026-07", "2026-08", "2026-09"]


def _scores(comparisons):
    return {(c.code, c.version, c.name): {r.unit_id: (r.inspections, pytest.approx(r.mean_percent), r.lowest_percent)
                                          for r in c.rows} for c in comparisons}


def _scores_by_hand(s, periods):
    """template_comparisons' figures from every inspection record read back one by one."""
    from collections import defaultdict

    from qmsdesk.office.queries import counted

    by_hand: dict = defaultdict(lambda: defaultdict(list))
    for row in counted(s, "inspections", periods):
        if row.data.get("scored") and row.data.get("percent") is not None:
            key = (str(row.data["template_code"]), str(row.data["template_version"]), str(row.data["template_name"]))
            by_hand[key][row.unit_id].append(float(row.data["percent"]))
    return {key: {u: (len(v), sum(v) / len(v), min(v)) for u, v in units.items()} for key, units in by_hand.items()}


def _demo(store, office_keys, folders, tmp_path, months: int = 4) -> None:
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths

    generate_office_demo(tmp_path / "inbox", hospitals=2, departments=4, months=months, keys=office_keys, store=store,
                         until="2026-10", today=date(2026, 11, 23))
    import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)


def test_the_demos_deducted_items_and_factors_counted_by_the_store_agree_with_each_record_read_back(
        store, office_keys, folders, tmp_path):
    """On the office demo's months, also after a unit's month is returned (its records then count nowhere) and
    with a factor grouped by the office."""
    from collections import Counter

    from qmsdesk.office.acks import acknowledge, versions
    from qmsdesk.office.queries import counted

    _demo(store, office_keys, folders, tmp_path)
    with store.session() as s:
        items = quality.deducted_items(s, QUARTER)
        assert len(items) > 10 and any(i.units > 1 for i in items)
        assert items == _deducted_by_hand(s, QUARTER)
        assert _scores(quality.template_comparisons(s, QUARTER)) == _scores_by_hand(s, QUARTER)
        factors = quality.factor_counts(s, QUARTER)
        assert len(factors) >= 2 and factors == _factors_by_hand(s, QUARTER)
        for code in sorted({r.data["code"] for r in counted(s, "event_factors", QUARTER)})[:2]:  # two codes as one
            quality.set_factor_group(s, code, "环境")
        busiest = Counter(r.unit_id for r in counted(s, "inspection_items", ["2026-08"])
                          if float(r.data.get("deduction") or 0) > 0).most_common(1)[0][0]
        acknowledge(s, versions(s, busiest, "2026-08")[-1], "returned", "请核实", keys=office_keys, folders=folders)
    with store.session() as s:
        after = quality.deducted_items(s, QUARTER)
        assert after == _deducted_by_hand(s, QUARTER)
        grouped = quality.factor_counts(s, QUARTER)
        assert "环境" in grouped and grouped == _factors_by_hand(s, QUARTER)
        assert _scores(quality.template_comparisons(s, QUARTER)) == _scores_by_hand(s, QUARTER)
        assert sum(i.inspections for i in after) < sum(i.inspections for i in items)



def test_a_schema_7_store_gets_its_scored_inspections_and_deducted_items_typed(store_url, office_keys, folders,
                                                                                tmp_path):
    """Schema 8 keeps scored inspections and deducted items in typed tables: an older store's are made from the
    records it holds when it opens (and again, unchanged, if the step runs twice)."""
    from sqlalchemy import text

    from qmsdesk.office.derived import rebuild_quality
    from qmsdesk.office.models import SCHEMA_VERSION
    from qmsdesk.office.store import open_office_store

    store = open_office_store(store_url)
    try:
        _demo(store, office_keys, folders, tmp_path)
        with store.session() as s:
            before = (quality.template_comparisons(s, QUARTER), quality.deducted_items(s, QUARTER))
            assert before[0] and before[1] and before[1] == _deducted_by_hand(s, QUARTER)
        with store.engine.begin() as conn:  # as schema 7 left it: no such tables
            for table in ("office_inspection_scores", "office_deducted_items"):
                conn.execute(text(f"DROP TABLE {table}"))
            conn.execute(text("UPDATE office_meta SET value = '7' WHERE key = 'schema_version'"))
    finally:
        store.close()
    store = open_office_store(store_url)
    try:
        with store.session() as s:
            assert s.execute(text("SELECT value FROM office_meta WHERE key = 'schema_version'")).scalar() \
                == str(SCHEMA_VERSION) and SCHEMA_VERSION >= 8
            assert (quality.template_comparisons(s, QUARTER), quality.deducted_items(s, QUARTER)) == before
        with store.engine.begin() as conn:
            rebuild_quality(conn)
        with store.session() as s:
            assert (quality.template_comparisons(s, QUARTER), quality.deducted_items(s, QUARTER)) == before
    finally:
        store.close()


def _quoted_by_hand(s, span: str, periods: list[str]):
    """The units' analyses of `span` and the PDCA projects of `periods` as read from each counted record's JSON
    (what office_quoted_records replaced): (unit, carried by, summary, problems) and (unit, project, month, title)."""
    from qmsdesk.office.followup import known_periods
    from qmsdesk.office.queries import counted

    best: dict[str, tuple] = {}
    for r in counted(s, "quality_analyses", known_periods(s), tag=span):
        if r.data.get("status") != "approved":
            continue
        rank = (str(r.data.get("approved_on") or ""), str(r.data.get("updated_at") or ""), r.period)
        if r.unit_id not in best or best[r.unit_id][0] < rank:
            best[r.unit_id] = (rank, (r.unit_id, r.period, r.data.get("summary"), r.data.get("problems")))
    projects: dict[tuple[str, str], tuple] = {}
    for r in counted(s, "pdca_projects", periods):
        key = (r.unit_id, str(r.data.get("id")))
        if key not in projects or projects[key][0] < r.period:
            projects[key] = (r.period, str(r.data.get("title") or ""))
    return (sorted(quoted for _rank, quoted in best.values()),
            sorted((u, pid, period, title) for (u, pid), (period, title) in projects.items()))


def _quoted(s, span: str, periods: list[str]):
    from qmsdesk.office.analyses import unit_analyses

    return (sorted((a.unit_id, a.carried_by, a.summary, a.problems) for a in unit_analyses(s, span)),
            sorted((c.unit_id, c.project_id, c.period, c.title) for c in quality.pdca_cases(s, periods)))


def test_a_schema_8_store_gets_the_quoted_analyses_and_projects_kept_as_text(store_url, office_keys, folders,
                                                                             tmp_path):
    """Schema 9 keeps the records the quarterly report quotes whole (units' analyses, PDCA projects) with their JSON
    as text: an older store's are made from the records it holds when it opens (and again, unchanged, if the step
    runs twice); the import keeps them month by month, and a returned month's copies count no more."""
    from sqlalchemy import text

    from qmsdesk.office.acks import acknowledge, versions
    from qmsdesk.office.analyses import unit_analyses
    from qmsdesk.office.derived import rebuild_quoted
    from qmsdesk.office.models import SCHEMA_VERSION
    from qmsdesk.office.store import open_office_store

    store = open_office_store(store_url)
    try:
        _demo(store, office_keys, folders, tmp_path, months=12)  # a year: a PDCA project runs in the quarter
        with store.session() as s:
            before = _quoted(s, "2026Q3", QUARTER)
            assert before[0] and before[1] and before == _quoted_by_hand(s, "2026Q3", QUARTER)
            full = (unit_analyses(s, "2026Q3"), quality.pdca_cases(s, QUARTER))
        with store.engine.begin() as conn:  # as schema 8 left it: no such table
            conn.execute(text("DROP TABLE office_quoted_records"))
            conn.execute(text("UPDATE office_meta SET value = '8' WHERE key = 'schema_version'"))
    finally:
        store.close()
    store = open_office_store(store_url)
    try:
        with store.session() as s:
            assert s.execute(text("SELECT value FROM office_meta WHERE key = 'schema_version'")).scalar() \
                == str(SCHEMA_VERSION) == "9"
            assert (unit_analyses(s, "2026Q3"), quality.pdca_cases(s, QUARTER)) == full
        with store.engine.begin() as conn:
            rebuild_quoted(conn)
        with store.session() as s:
            assert (unit_analyses(s, "2026Q3"), quality.pdca_cases(s, QUARTER)) == full
            # the month that carried a unit's analysis returned: an earlier copy (or none) is quoted, as by hand
            unit_id, carried_by = before[0][0][0], before[0][0][1]
            acknowledge(s, versions(s, unit_id, carried_by)[-1], "returned", "请核实", keys=office_keys, folders=folders)
        with store.session() as s:
            after = _quoted(s, "2026Q3", QUARTER)
            assert after == _quoted_by_hand(s, "2026Q3", QUARTER)
            assert (unit_id, carried_by) not in {(u, p) for u, p, _s, _p in after[0]}
    finally:
        store.close()
