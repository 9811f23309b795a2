"""The derived tables (office/derived.py) against the records they come from, and the SQL rules against Python's.

整改跟踪, 培训与不良事件 and the quarterly report count over typed tables the import keeps; these tests read the
same months straight from office_records (the JSON as the packages carried it) and judge them with the Python
rules (qmsdesk.rules through FollowItem), on the office demo and on hand-made months that stress the refresh: a
newer version of an older month, a tombstone, a returned month, an item whose newest month is another month.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from office_helpers import month_records
from sqlalchemy import select, text

from qmsdesk.i18n import msg
from qmsdesk.office import derived, followup
from qmsdesk.office.acks import acknowledge, versions
from qmsdesk.office.compliance import SAFETY_CATEGORY, events_by_unit, training_by_unit
from qmsdesk.office.importer import import_file
from qmsdesk.office.models import OfficeUnit
from qmsdesk.office.queries import counted, period_list, staff_names

TODAY = date(2026, 11, 23)
UNTIL = "2026-10"


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def reference_items(s, until: str | None = None) -> dict[tuple[str, str], followup.FollowItem]:
    """Each item in the newest counted month that carried it, read from the JSON records in Python."""
    periods = [p for p in followup.known_periods(s) if until is None or p <= until]
    newest: dict[tuple[str, str], tuple[str, dict]] = {}
    for row in counted(s, "rectification_items", periods):
        key = (row.unit_id, str(row.data.get("id")))
        if key not in newest or newest[key][0] < row.period:
            newest[key] = (row.period, row.data)
    labels = {u.id: u.label for u in s.scalars(select(OfficeUnit))}
    names = staff_names(s, {(u, str(d.get("responsible_id"))) for (u, _r), (_p, d) in newest.items()})
    return {(u, r): followup.FollowItem(
        u, labels[u], r, str(d.get("category") or msg("未分类", "none")), str(d.get("source_kind") or "other"),
        str(d.get("problem") or ""), str(d.get("status") or "open"), _day(d.get("found_on")), _day(d.get("deadline")),
        _day(d.get("closed_on")), names.get((u, str(d.get("responsible_id"))), ""), p, _day(d.get("verified_on")))
        for (u, r), (p, d) in newest.items()}


def _check_items(s, until: str | None) -> dict:
    ref = reference_items(s, until)
    got = {(i.unit_id, i.record_id): i for i in followup.all_items(s, until)}
    assert got == ref
    # closure per unit: the SQL rules against the Python ones, item by item summed
    closure = {c.unit_id: (c.total, c.closed, c.overdue) for c in followup.closure_by_unit(s, TODAY, until)}
    per_unit: dict[str, list] = {}
    for item in ref.values():
        per_unit.setdefault(item.unit_id, []).append(item)
    assert closure == {u: (len(xs), sum(x.is_closed(TODAY) for x in xs), sum(x.overdue(TODAY) for x in xs))
                       for u, xs in per_unit.items()}
    open_ = [i for i in ref.values() if i.is_open(TODAY)]
    overdue = [i for i in open_ if i.overdue(TODAY)]
    assert {i.record_id for i in followup.open_items(s, TODAY, until=until)} == {i.record_id for i in open_}
    assert {i.record_id for i in followup.open_items(s, TODAY, overdue_only=True, until=until)} == \
        {i.record_id for i in overdue}
    page = followup.open_page(s, TODAY, until=until, limit=3)
    assert (page.total, len(page.items), page.cut) == (len(open_), min(3, len(open_)), len(open_) > 3)
    some = next(iter(ref.values()))
    assert {i.record_id for i in followup.open_items(s, TODAY, category=some.category, source=some.source,
                                                     unit_id=some.unit_id, until=until)} == \
        {i.record_id for i in open_ if (i.category, i.source, i.unit_id) == (some.category, some.source, some.unit_id)}
    quarter = ["2026-07", "2026-08", "2026-09"]
    spec = followup.category_pareto(s, quarter, until=until)
    assert {b.category: b.count for b in spec.bars} == Counter(
        i.category for i in ref.values() if i.found_on and f"{i.found_on:%Y-%m}" in quarter)
    return ref


def reference_training(s, periods: list[str]) -> dict[str, tuple]:
    """training_by_unit's figures per unit, from the JSON records in Python."""
    sessions = counted(s, "training_sessions", periods)
    attendance = [r for r in counted(s, "training_attendance", periods) if r.data.get("status") == "present"]
    assessed = counted(s, "assessments", periods)
    safety = {(r.unit_id, r.data.get("id")) for r in sessions if r.data.get("category") == SAFETY_CATEGORY}
    out: dict[str, list] = {}
    for r in sessions:
        row = out.setdefault(r.unit_id, [0, 0.0, 0, 0, 0, set(), set()])
        row[0] += 1
        row[1] += float(r.data.get("hours") or 0)
    for r in attendance:
        row = out.setdefault(r.unit_id, [0, 0.0, 0, 0, 0, set(), set()])
        row[2] += 1
        row[5].add(r.data.get("staff_id"))
        if (r.unit_id, r.data.get("session_id")) in safety:
            row[6].add(r.data.get("staff_id"))
    for r in assessed:
        row = out.setdefault(r.unit_id, [0, 0.0, 0, 0, 0, set(), set()])
        row[3] += 1
        mark = r.data.get("pass_mark")
        row[4] += float(r.data.get("score")) >= float(80 if mark is None else mark)
        row[5].add(r.data.get("staff_id"))
    return {u: (a, pytest.approx(h), b, c, d, len(e), len(f)) for u, (a, h, b, c, d, e, f) in out.items()}


def _reference_events(s, periods: list[str]) -> dict[str, dict]:
    out: dict[str, Counter] = {}
    for r in counted(s, "adverse_events", periods):
        out.setdefault(r.unit_id, Counter())[(str(r.data.get("category")), str(r.data.get("grade")))] += 1
    return {u: dict(c) for u, c in out.items()}


def _snapshot(s) -> dict[str, list]:
    cols = {"office_item_months": "unit_id, item_id, period, next_period, category, source, problem, status, "
                                  "found_on, deadline, closed_on, verified_on, responsible",
            "office_items": "*", "office_training_months": "*", "office_trained_staff": "*",
            "office_event_counts": "unit_id, period, category, grade, events",
            "office_indicator_months": "unit_id, period, code, numerator, denominator, name",
            "office_inspection_scores": "unit_id, period, code, version, name, percent",
            "office_deducted_items": "unit_id, period, code, item, version, text, deductions, points",
            "office_quoted_records": "unit_id, period, kind, tag, data"}
    return {t: sorted(tuple(map(str, r)) for r in s.execute(text(f"SELECT {c} FROM {t}"))) for t, c in cols.items()}


def test_the_demo_counts_the_same_from_the_derived_tables_as_from_the_records(store, office_keys, folders, tmp_path):
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths

    generate_office_demo(tmp_path / "inbox", hospitals=2, departments=4, months=6, keys=office_keys, store=store,
                         until=UNTIL, today=TODAY)
    import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)
    with store.session() as s:
        ref = _check_items(s, None)
        assert sum(i.overdue(TODAY) for i in ref.values()) > 0 and any(i.responsible for i in ref.values())
        assert any(i.is_closed(TODAY) for i in ref.values())
        _check_items(s, "2026-08")  # the quarterly report's "as of": some items' newest month is later
        assert any(i.period > "2026-08" for i in ref.values())
        for periods in (["2026-07", "2026-08", "2026-09"], period_list("2026-05", UNTIL)):
            got = {t.unit_id: (t.sessions, pytest.approx(t.hours), t.attendances, t.assessments, t.passed, t.trained,
                               t.safety_trained) for t in training_by_unit(s, periods)}
            assert got == reference_training(s, periods) and got
            events = events_by_unit(s, periods)
            assert {u: dict(c) for u, c in events.by_unit.items()} == _reference_events(s, periods) and events.by_unit
        # what the import kept month by month is what filling them from scratch makes
        kept = _snapshot(s)
        derived.rebuild(s.connection())
        assert _snapshot(s) == kept and kept["office_items"]
        assert kept["office_inspection_scores"] and kept["office_deducted_items"]
        assert "quality_analyses" in {kind for _u, _p, kind, _t, _d in kept["office_quoted_records"]}
        # an inactive unit counts nowhere
        gone = next(iter(ref.values())).unit_id
        s.get(OfficeUnit, gone).active = False
        s.flush()
        assert gone not in {i.unit_id for i in _check_items(s, None).values()}
        assert gone not in {t.unit_id for t in training_by_unit(s, period_list("2026-05", UNTIL))}
        assert gone not in events_by_unit(s, period_list("2026-05", UNTIL)).by_unit


def _import(store, factory, folders, office_keys, unit, period, version, records):
    path = factory.package(unit, period, version, records, out=folders.inbox / f"{period}-{version}")
    return import_file(store, path, keys=office_keys, folders=folders).outcome


def _item(unit, period, name, **fields):
    recs = month_records(f"{unit.identity.unit_id}/{name}", period, items=1)["rectification_items"]
    (rid, data), = recs.items()
    data.update(id=name, **fields)
    return {name: data}


def test_the_refresh_follows_versions_tombstones_returns_and_late_months(store, factory, folders, office_keys):
    unit = factory.unit()

    def month(period, **items):
        recs = month_records(unit.identity.unit_id + period, period, items=0)
        for name, fields in items.items():
            recs["rectification_items"] |= _item(unit, period, name, **fields)
        return recs

    def states():
        with store.session() as s:
            return {i.record_id: (i.period, i.status) for i in followup.all_items(s)}

    a, b = {"found_on": "2026-09-03", "deadline": "2026-10-30"}, {"found_on": "2026-09-04", "deadline": "2026-09-20"}
    assert _import(store, factory, folders, office_keys, unit, "2026-10", 1,
                   month("2026-10", A={**a, "status": "closed", "closed_on": "2026-10-10"})) == "applied"
    assert states() == {"A": ("2026-10", "closed")}
    # September arrives late: A's newest month stays October, B (only in September) appears
    assert _import(store, factory, folders, office_keys, unit, "2026-09", 1, month("2026-09", A=a, B=b)) == "applied"
    assert states() == {"A": ("2026-10", "closed"), "B": ("2026-09", "open")}
    # October version 2 drops A (a tombstone): A's state falls back to September's
    recs = month("2026-10", B={**b, "status": "closed", "closed_on": "2026-10-02"})
    recs["rectification_items"]["A"] = {"id": "A", "deleted": True}
    assert _import(store, factory, folders, office_keys, unit, "2026-10", 2, recs) == "applied"
    assert states() == {"A": ("2026-09", "open"), "B": ("2026-10", "closed")}
    with store.session() as s:
        assert [c.closed for c in followup.closure_by_unit(s, TODAY)] == [1]
        acknowledge(s, versions(s, unit.unit_id, "2026-10")[-1], "returned", "请补充", keys=office_keys, folders=folders)
    # a returned October counts nowhere: both items as September left them
    assert states() == {"A": ("2026-09", "open"), "B": ("2026-09", "open")}
    assert _import(store, factory, folders, office_keys, unit, "2026-10", 3,
                   month("2026-10", B={**b, "status": "closed", "closed_on": "2026-10-02"})) == "applied"
    assert states() == {"A": ("2026-09", "open"), "B": ("2026-10", "closed")}
    with store.session() as s:
        assert _check_items(s, None) and _check_items(s, "2026-09")
        kept = _snapshot(s)
        derived.rebuild(s.connection())
        assert _snapshot(s) == kept


def _awkward_month(unit, period: str, *, safety_gone: bool = False) -> dict:
    """A month whose records hold what the refresh's SQL must read exactly as rebuild's: days that are no calendar
    day, numbers as text, missing and null fields, a responsible person with a long name or none, an attendance at
    a safety session that is a tombstone, one person at two sessions and assessed."""
    recs = month_records(unit.identity.unit_id + period, period, items=0)
    long_name = "张" * 230
    recs["staff"] = {"s1": {"id": "s1", "name": "李护士"}, "s2": {"id": "s2", "name": long_name},
                     "s3": {"id": "s3", "name": 12345}}
    days = ["2026-02-30", "0000-01-01", f"{period}-03T10:00:00", 20260903, "", None, "2026-13-01", "2024-02-29",
            "2023-02-29", f"{period}-31", "abc"]
    items = {}
    for i, day in enumerate(days):
        items[f"item{i}"] = {"id": f"item{i}", "category": ["跌倒", 7, None][i % 3],
                             "source_kind": "inspection" if i % 2 else None, "problem": "问题" * i,
                             "status": ["open", "closed", "verified", None][i % 4], "found_on": day,
                             "deadline": days[-1 - i], "closed_on": day if i % 2 else None, "verified_on": days[i // 2],
                             "responsible_id": ["s1", "s2", "s3", "nobody", None][i % 5]}
    items["gone"] = {"id": "gone", "deleted": True}
    recs["rectification_items"] = items
    recs["training_sessions"] = {
        "safe": {"id": "safe", "category": SAFETY_CATEGORY, "hours": 1.5},
        "lost": ({"id": "lost", "deleted": True} if safety_gone else
                 {"id": "lost", "category": SAFETY_CATEGORY, "hours": "2"}),
        "other": {"id": "other", "category": "basic_theory", "hours": None},
        "text": {"id": "text", "category": "basic_theory", "hours": "0.5"}}
    recs["training_attendance"] = {
        "a1": {"id": "a1", "session_id": "safe", "staff_id": "s1", "status": "present"},
        "a2": {"id": "a2", "session_id": "other", "staff_id": "s1", "status": "present"},
        "a3": {"id": "a3", "session_id": "lost", "staff_id": "s2", "status": "present"},
        "a4": {"id": "a4", "session_id": "safe", "staff_id": "s3", "status": "excused"},
        "a5": {"id": "a5", "session_id": "nowhere", "staff_id": None, "status": "present"},
        "a6": {"id": "a6", "session_id": "safe", "status": "present"},
        "a7": {"id": "a7", "session_id": "other", "staff_id": 42, "status": "present"}}
    recs["assessments"] = {
        "x1": {"id": "x1", "staff_id": "s1", "kind": "theory", "score": 90, "pass_mark": 95},
        "x2": {"id": "x2", "staff_id": "s4", "kind": "skill", "score": 80, "pass_mark": None},
        "x3": {"id": "x3", "staff_id": "s3", "kind": "theory", "score": "85.5", "pass_mark": "85"},
        "x4": {"id": "x4", "staff_id": "s2", "kind": "theory", "score": 60}}
    recs["adverse_events"] |= {"e2": {"id": "e2", "category": "fall", "grade": None},
                               "e3": {"id": "e3", "category": None, "grade": "IV"},
                               "e4": {"id": "e4", "category": "fall", "grade": "III"}}
    recs["indicator_values"] |= {
        "i2": {"id": "i2", "indicator_code": "NUR-PU", "numerator": "3", "denominator": 0, "indicator_name": "名" * 210},
        "i3": {"id": "i3", "indicator_code": "NUR-X", "numerator": 1.25, "denominator": None},
        "i4": {"id": "i4", "numerator": 1, "denominator": 2}}
    recs["inspections"] = {
        "p1": {"id": "p1", "template_code": "T-HAND", "template_version": "2", "template_name": "手卫生", "scored": True,
               "percent": 87.5},
        "p2": {"id": "p2", "template_code": "T-HAND", "template_version": "2", "scored": True, "percent": "90"},
        "p3": {"id": "p3", "template_code": "T-FALL", "template_version": 1, "scored": False, "percent": 70},
        "p4": {"id": "p4", "template_code": "T-FALL", "template_version": 1, "scored": "true", "percent": 70}}
    recs["inspection_items"] = {
        "q1": {"id": "q1", "template_code": "T-HAND", "item_code": "H1", "template_version": "2", "text": "洗手",
               "deduction": 2},
        "q2": {"id": "q2", "template_code": "T-HAND", "item_code": "H1", "template_version": "2", "text": "洗手",
               "deduction": 0.5},
        "q3": {"id": "q3", "template_code": "T-HAND", "item_code": "H2", "template_version": "2", "deduction": 0},
        "q4": {"id": "q4", "template_code": "T-HAND", "item_code": "H3", "template_version": "2", "deduction": 3,
               "not_applicable": True},
        "q5": {"id": "q5", "template_code": "T-HAND", "item_code": "H4", "template_version": 2, "deduction": "4"},
        "q6": {"id": "q6", "template_code": "T-HAND", "item_code": "H5", "template_version": "2", "deduction": 1,
               "not_applicable": False, "text": None}}
    recs["quality_analyses"] = {"qa": {"id": "qa", "span": f"{period[:4]}Q3", "summary": "分析"}}
    recs["pdca_projects"] = {"pd": {"id": "pd", "stage": "do", "title": "降低跌倒"}}
    for records in recs.values():  # as a unit's program writes them
        for record in records.values():
            record.setdefault("deleted", False)
    return recs


def test_the_refresh_makes_what_rebuild_makes_from_awkward_records(store, factory, folders, office_keys):
    """Both import paths (one package: refresh_month; a batch: refresh_pending) fill the derived tables with their
    own statements; rebuild, from scratch, must make the same rows from the same store."""
    from qmsdesk.office.importer import import_paths

    first, second = factory.unit(), factory.unit("H002", "D020")
    for unit in (first, second):
        for n, period in enumerate(("2026-08", "2026-09", "2026-10")):
            factory.package(unit, period, 1, _awkward_month(unit, period), out=folders.inbox / "batch" / f"{n}")
    import_paths(store, [folders.inbox / "batch"], keys=office_keys, folders=folders)
    # a newer version (the safety session a tombstone), then a returned month, one package each
    assert _import(store, factory, folders, office_keys, first, "2026-09", 2,
                   _awkward_month(first, "2026-09", safety_gone=True)) == "applied"
    with store.session() as s:
        acknowledge(s, versions(s, second.unit_id, "2026-10")[-1], "returned", "请补充", keys=office_keys,
                    folders=folders)
    with store.session() as s:
        kept = _snapshot(s)
        assert all(kept.values()), {t: len(rows) for t, rows in kept.items()}
        staff = {(r[0], r[1], r[2]): r[3] for r in s.execute(text("SELECT * FROM office_trained_staff"))}
        assert staff[(first.unit_id, "2026-08", "s2")] and not staff[(first.unit_id, "2026-09", "s2")]
        derived.rebuild(s.connection())
        assert _snapshot(s) == kept
