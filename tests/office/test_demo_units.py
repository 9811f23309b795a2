"""The office demo: a 医共体 of plausible units, each with a year of its own, and the packages they send.

Plausibility bounds as assertions: department types that fit each hospital, rates inside published
ranges, an event mix that is not all falls, units that differ (on target or not, punctual or late, a few
missing months), no record or item shared between units, and the very record shape a ward's package has.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from qmsdesk.db.enums import DepartmentType
from qmsdesk.demo.unit_history import UnitHistory
from qmsdesk.demo.units import ALLOWED_TYPES, plan_units
from qmsdesk.periods import Period, months_between
from qmsdesk.services.catalogue import load_catalogue

UNTIL = Period(2026, 10)
PERIODS = months_between(Period(2025, 11), UNTIL)
TODAY = date(2026, 12, 6)
SPECIALTY = {"心血管内科", "神经内科", "呼吸与危重症医学科", "消化内科", "重症医学科", "骨科", "普通外科"}


@pytest.fixture(scope="module")
def histories():
    return [UnitHistory(spec, PERIODS, 7, TODAY) for spec in plan_units(6, 12)]


def _packages(histories):
    """(history, period, records) of every month that arrived."""
    for h in histories:
        for p in PERIODS:
            created = h.created[str(p)]
            if created is not None:
                yield h, str(p), h.records(str(p), created)


# --- which units ---------------------------------------------------------------------------------------

def test_a_county_community_has_one_county_hospital_and_township_centres_with_their_own_departments():
    units = plan_units(6, 12)
    hospitals = Counter((u.hospital_name, u.hospital_kind) for u in units)
    (county,) = [h for h in hospitals if h[1] == "county_general"]
    assert county[0] == "某县人民医院" and hospitals[county] == 12
    assert len({u.department.type for u in units if u.hospital_kind == "county_general"}) >= 8
    townships = [h for h in hospitals if h[1].startswith("township")]
    assert len(townships) == 5 and all(h[0].endswith("卫生院") for h in townships)
    assert all(2 <= hospitals[h] <= 5 for h in townships)
    for u in units:
        assert u.department.type in ALLOWED_TYPES[u.hospital_kind], u
        assert DepartmentType(u.department.type)
        if u.hospital_kind != "county_general":
            assert u.department.name not in SPECIALTY, u
    assert len({u.key for u in units}) == len(units)
    catalogue = load_catalogue()
    for u in units:  # every clinical unit gets indicators that fit it
        if u.department.type != "other":
            assert any(u.department.type in e.department_types for e in catalogue), u


def test_the_unit_list_is_a_function_of_its_parameters_up_to_a_province():
    assert len(plan_units(1, 3)) == 3 and len(plan_units(0, 12)) == 0
    assert [u.department.name for u in plan_units(2, 2)] == ["心血管内科", "普通外科", "全科医学科", "内科"]
    province = plan_units(150, 30, layout="province")
    assert 3_000 <= len(province) <= 4_500 and len({u.key for u in province}) == len(province)
    assert len({u.hospital_code for u in province}) == 150 == len({u.hospital_name for u in province})
    for u in province:
        assert u.department.type in ALLOWED_TYPES[u.hospital_kind]
        if u.hospital_kind == "maternal_child":
            assert u.department.type not in ("inpatient_medical", "icu", "emergency")


# --- the records ---------------------------------------------------------------------------------------

def test_records_have_the_shape_of_a_wards_package(tmp_path):
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate
    from qmsdesk.sync.records import RECORD_KINDS, month_records

    db = open_database(tmp_path / "ward.db")
    try:
        with db.session() as s:
            generate(s, until=UNTIL)
            ward = month_records(s, "2026-09")
    finally:
        db.close()
    h = UnitHistory(plan_units(1, 1)[0], PERIODS, 7, TODAY)
    mine = h.records("2026-09", datetime(2026, 10, 3, 2, tzinfo=UTC))
    assert set(mine) == set(RECORD_KINDS)
    # A unit-month may hold none of a rare kind (an RCA, a PDCA project); compare the kinds both have.
    compared = [kind for kind in RECORD_KINDS if mine[kind] and ward[kind]]
    assert len(compared) >= len(RECORD_KINDS) - 3, compared
    for kind in compared:
        theirs = {k for row in ward[kind].values() for k in row}
        ours = {k for row in mine[kind].values() for k in row}
        assert ours == theirs, kind


def test_one_unit_month_is_cheap():
    started = time.process_time()
    hs = [UnitHistory(spec, PERIODS, 3, TODAY) for spec in plan_units(3, 12)]
    n = sum(1 for _ in _packages(hs))
    per_month = (time.process_time() - started) / n
    assert per_month < 0.02, per_month  # a province of some 47,000 unit-months in well under twenty minutes


def test_each_unit_has_its_own_records_and_items(histories):
    ids: dict[str, str] = {}
    items: dict[tuple, set[str]] = {}
    for h, _period, records in _packages(histories):
        for kind, rows in records.items():
            for rid in rows:  # an item or a person travels in several months of its own unit, never in another
                assert ids.setdefault(rid, h.spec.key) == h.spec.key, (kind, rid)
        for row in records["rectification_items"].values():
            items.setdefault((row["problem"], row["found_on"], row["deadline"]), set()).add(h.spec.key)
    # The same short finding on the same day can happen at two units by chance; a clone would be everywhere.
    assert max(len(units) for units in items.values()) <= 2
    problems = Counter(p for p, _f, _d in items)
    assert len(problems) >= 0.4 * len(items)
    assert problems.most_common(1)[0][1] <= len(histories)


def test_counts_match_the_units_registers_and_rates_sit_in_published_ranges(histories):
    sums = Counter()
    for _h, period, records in _packages(histories):
        events = [e for e in records["adverse_events"].values()]
        assert all(Period.of(datetime.fromisoformat(e["occurred_at"]).astimezone(UTC)) in
                   (Period.parse(period), Period.parse(period).previous()) for e in events)
        by_code = {v["indicator_code"]: v for v in records["indicator_values"].values()}
        if "NIT-AE-REPORT" in by_code:
            assert by_code["NIT-AE-REPORT"]["numerator"] == len(events)
        for code, category in (("NUR-FALL", "fall"), ("NUR-PI", "pressure_injury")):
            if code in by_code:
                assert by_code[code]["numerator"] == sum(e["category"] == category for e in events)
                sums[code] += by_code[code]["numerator"]
                sums[code + "/den"] += by_code[code]["denominator"]
    assert 0.05 <= sums["NUR-FALL"] / sums["NUR-FALL/den"] * 1000 <= 0.3   # ‰ of patient-days, pooled
    assert sums["NUR-PI"] / sums["NUR-PI/den"] * 100 <= 0.15                # % of patients, pooled


def test_the_event_mix_is_a_reporting_communitys_not_a_list_of_falls(histories):
    events = [e for _h, _p, r in _packages(histories) for e in r["adverse_events"].values()]
    categories = Counter(e["category"] for e in events)
    assert len(events) >= 300 and len(categories) >= 8
    assert categories["fall"] <= 0.12 * len(events)
    assert categories.most_common(1)[0][0] in ("medication_error", "other")
    assert Counter(e["grade"] for e in events)["IV"] >= 0.25 * len(events)
    assert all(e["medical_record_no"].startswith("****") and "reporter_id" not in e for e in events)
    per_unit = {h.spec.key: Counter(e["category"] for e in r["adverse_events"].values())
                for h, _p, r in _packages(histories)}
    assert len({tuple(sorted(c)) for c in per_unit.values()}) >= 5  # units report different things


def test_units_differ_in_performance_punctuality_and_completeness(histories):
    catalogue = {e.code: e for e in load_catalogue()}
    year = Counter()
    for h, _period, records in _packages(histories):
        for v in records["indicator_values"].values():
            if v["denominator"]:
                year[(v["indicator_code"], h.spec.key, "num")] += v["numerator"]
                year[(v["indicator_code"], h.spec.key, "den")] += v["denominator"]
    mixed = []
    for code in ("NIT-VTE", "NUR-BED-RATIO", "NIT-IV", "NIT-AE-REPORT", "NUR-PATIENT-RATIO", "NUR-HOURS"):
        e = catalogue[code]
        values = [year[(c, u, "num")] / year[(c, u, "den")] * e.multiplier for c, u, part in year
                  if c == code and part == "den"]
        met = [v <= e.target if e.direction == "lower" else v >= e.target for v in values]
        if any(met) and not all(met):
            mixed.append(code)
    assert len(mixed) >= 3, mixed  # over the year some units meet each target and some do not
    deadline = {str(p): datetime(p.next().year, p.next().month, 5, 16, tzinfo=UTC) for p in PERIODS}
    cells = [(h.spec.key, p, h.created[p]) for h in histories for p in deadline]
    missing = [c for c in cells if c[2] is None]
    late = [c for c in cells if c[2] is not None and c[2] > deadline[c[1]]]
    assert 1 <= len(missing) <= 0.05 * len(cells)
    assert 0.03 * len(cells) <= len(late) <= 0.3 * len(cells)
    punctual = [h for h in histories if all(c is not None and c <= deadline[p] for p, c in h.created.items())]
    assert len(histories) / 3 <= len(punctual) < len(histories)


def test_dates_hold_together_in_every_package(histories):
    for h, period, records in _packages(histories):
        p = Period.parse(period)
        signed = h.created[period].date()
        for kind in ("meetings", "training_sessions", "assessments", "inspections"):
            assert all(p.contains(date.fromisoformat(r["date"])) for r in records[kind].values()), kind
        for e in records["adverse_events"].values():
            assert e["reported_at"] > e["occurred_at"]
        for item in records["rectification_items"].values():
            found, deadline = date.fromisoformat(item["found_on"]), date.fromisoformat(item["deadline"])
            assert found <= p.last_day and found <= deadline
            if item["status"] == "closed":
                assert found < date.fromisoformat(item["closed_on"]) <= signed and item["verifier_id"]
                assert item["verifier_id"] != item["responsible_id"]
            else:
                assert item["closed_on"] is None
        for note in records["progress_notes"].values():
            item = records["rectification_items"][note["item_id"]]
            assert item["found_on"] <= note["date"] <= min(p.last_day, signed).isoformat()
        staff = set(records["staff"])
        assert all(r["staff_id"] in staff for r in records["meeting_attendance"].values())
        assert all(r["responsible_id"] in staff for r in records["rectification_items"].values())


def test_the_same_seed_gives_the_same_year_and_the_months_end_with_until():
    spec = plan_units(2, 1)[1]
    a, b = UnitHistory(spec, PERIODS, 11, TODAY), UnitHistory(spec, PERIODS, 11, TODAY)
    signed = datetime(2026, 11, 4, 3, tzinfo=UTC)
    assert a.records("2026-10", signed) == b.records("2026-10", signed)
    assert UnitHistory(spec, PERIODS, 12, TODAY).records("2026-10", signed) != a.records("2026-10", signed)


# --- end to end: packages into a real office store -------------------------------------------------------

def test_office_demo_packages_import_and_read_as_a_community(store, office_keys, folders, tmp_path):
    from qmsdesk.office import completeness, followup
    from qmsdesk.office.analyses import unit_analyses
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.importer import import_paths
    from qmsdesk.office.queries import period_list
    from qmsdesk.office.units import list_units

    result = generate_office_demo(tmp_path / "inbox", hospitals=2, departments=4, months=4, keys=office_keys,
                                  store=store, until=UNTIL, today=TODAY)
    assert (result.units, str(result.first), str(result.last)) == (8, "2026-07", "2026-10")
    summaries = import_paths(store, [tmp_path / "inbox"], keys=office_keys, folders=folders)
    assert len(summaries) == result.packages and all(s.outcome == "applied" for s in summaries)
    with store.session() as s:
        units = list_units(s)
        assert {(u.hospital_name, u.department_name, u.department_type) for u in units} >= {
            ("某县人民医院", "产科", "obstetrics"), ("城关镇中心卫生院", "全科医学科", "township"),
            ("城关镇中心卫生院", "妇产科", "obstetrics")}
        table = completeness.completeness(s, period_list("2026-07", "2026-10"), TODAY)
        assert table.overall().expected == 32 and table.overall().reported == result.packages
        items = followup.all_items(s)
        assert items and len({i.unit_id for i in items}) == 8
        assert all(i.found_on <= date(2026, 10, 31) for i in items)
        # the units' own approved analyses of the third quarter reach the office's quarterly report
        quoted = unit_analyses(s, "2026Q3")
        assert quoted and all(a.approved_on > "2026-09-30" and a.summary for a in quoted)


def test_the_direct_province_store_holds_what_importing_the_same_packages_leaves(store, store_url, office_keys,
                                                                                 folders, tmp_path):
    """`office demo --direct` skips the package files for speed: its rows must be exactly an import's."""
    import json

    from sqlalchemy import select

    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.demo_store import fill_province_store
    from qmsdesk.office.importer import import_paths
    from qmsdesk.office.models import OfficePackage, OfficeRecord, OfficeUnit
    from qmsdesk.office.store import open_office_store

    plan = dict(hospitals=2, departments=3, months=2, until=UNTIL, today=TODAY, layout="province")
    generate_office_demo(tmp_path / "inbox", keys=office_keys, store=store, **plan)
    assert all(s.outcome == "applied" for s in import_paths(store, [tmp_path / "inbox"], keys=office_keys,
                                                            folders=folders))
    direct = open_office_store(tmp_path / "direct.db")
    fill_province_store(direct, **plan)

    def rows(st):
        u, r, p = OfficeUnit.__table__, OfficeRecord.__table__, OfficePackage.__table__
        with st.session() as s:
            records = {(*row[:8], json.dumps(row[8], sort_keys=True)) for row in s.execute(
                select(u.c.hospital_code, u.c.department_code, r.c.period, r.c.kind, r.c.record_id, r.c.version,
                       r.c.deleted, r.c.tag, r.c.data).join(u, u.c.id == r.c.unit_id))}
            packages = {(h, d, per, v, state, f"{created:%Y-%m-%d %H:%M}", json.dumps(counts, sort_keys=True))
                        for h, d, per, v, state, created, counts in s.execute(
                            select(u.c.hospital_code, u.c.department_code, p.c.period, p.c.version, p.c.state,
                                   p.c.created, p.c.counts).join(u, u.c.id == p.c.unit_id))}
        return records, packages

    imported, written = rows(store), rows(direct)
    direct.close()
    assert imported[0] and imported[0] - written[0] == set() and written[0] - imported[0] == set()
    assert imported[1] == written[1]
