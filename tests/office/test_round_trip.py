"""Two wards submit to the office through a folder; the office returns one, which amends as version 2."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from unit_side import PERIOD, Ward

from qmsdesk.office import acks, completeness, importer
from qmsdesk.office.comparison import compare_units
from qmsdesk.office.units import confirm_key, find_unit, issue_enrollment, register_unit

TODAY = date(2026, 11, 23)


@pytest.fixture
def wards(store, office_keys, folders, tmp_path):
    made = []
    with store.session() as s:
        for code, name, falls in (("D012", "心血管内科", 2), ("D020", "呼吸内科", 4)):
            unit = register_unit(s, hospital_code="H001", hospital_name="示例县人民医院", department_code=code,
                                 department_name=name, department_type="inpatient_medical", deadline_day=5)
            issued = issue_enrollment(s, unit, office_keys, tmp_path / f"{code}.enroll.json",
                                      inbox=str(folders.unit_inbox(unit.folder_name)))
            made.append((issued.path, falls, unit.folder_name))
    out = []
    for path, falls, folder in made:
        folders.unit_inbox(folder).mkdir(parents=True, exist_ok=True)
        out.append(Ward.enrolled(tmp_path / folder, path, falls))
    yield out
    for w in out:
        w.close()


def _scan(store, folders, office_keys):
    return importer.scan_inbox(store, folders, keys=office_keys)


def test_two_wards_submit_the_office_returns_one_and_version_2_replaces_its_figures(store, office_keys, folders, wards):
    cardio, resp = wards
    for ward in wards:
        ward.submit(folders.unit_inbox(f"H001_{ward.enrollment.department_code}"))

    first = _scan(store, folders, office_keys)
    assert [s.outcome for s in first] == ["held", "held"]  # the unit keys are new: the office confirms them first
    assert "尚未确认" in first[0].reason and first[0].path.exists()
    with store.session() as s:
        for code in ("D012", "D020"):
            unit = find_unit(s, "H001", code)
            confirm_key(s, unit, unit.pending_fingerprint)

    imported = _scan(store, folders, office_keys)
    assert [s.outcome for s in imported] == ["applied", "applied"]
    assert all(s.counts["indicator_values"]["imported"] == 1 for s in imported)
    with store.session() as s:
        table = completeness.completeness(s, [PERIOD], TODAY)
        # both wards signed today, which is after the deadline of 2026-11-05
        late = (completeness.local_date(datetime.now(UTC)) - date(2026, 11, 5)).days
        assert {table.cell(u.id, PERIOD).text for u in table.units} == {f"迟报 {late} 天" if late > 0 else "按时"}
        assert table.month_rate(PERIOD).reported == 2
        falls = {r.unit_label: r.value for r in compare_units(s, "NUR-FALL", PERIOD).rows}
        assert falls == pytest.approx({"示例县人民医院 心血管内科": 2 / 3000 * 1000, "示例县人民医院 呼吸内科": 4 / 3000 * 1000})

        returned = acks.versions(s, find_unit(s, "H001", "D020").id, PERIOD)[0]
        result = acks.acknowledge(s, returned, "returned", "跌倒例次与事件上报不一致，请核对", keys=office_keys, folders=folders)
        assert result.receipt.parent == folders.unit_inbox("H001_D020")
    with store.session() as s:
        table = completeness.completeness(s, [PERIOD], TODAY)
        assert table.cell(find_unit(s, "H001", "D020").id, PERIOD).text == "已退回"
        assert [r.unit_label for r in compare_units(s, "NUR-FALL", PERIOD).rows] == ["示例县人民医院 心血管内科"]

    outcomes = resp.read_receipts(folders.unit_inbox("H001_D020"))
    assert any(o.applied for o in outcomes)
    assert resp.status() == "returned"
    resp.set_falls(1)
    resp.submit(folders.unit_inbox("H001_D020"))
    cardio.amend("补录一例跌倒的分母")  # the other ward amends on its own: v2 through amend_month
    cardio.submit(folders.unit_inbox("H001_D012"))

    again = _scan(store, folders, office_keys)
    assert sorted((s.unit_label, s.version, s.outcome) for s in again) == [
        ("示例县人民医院 呼吸内科", 2, "applied"), ("示例县人民医院 心血管内科", 2, "applied")]
    resp_v2 = next(s for s in again if "呼吸" in s.unit_label)
    assert resp_v2.counts["indicator_values"] == {"imported": 0, "updated": 1, "unchanged": 0, "deleted": 0}
    with store.session() as s:
        unit = find_unit(s, "H001", "D020")
        listed = acks.versions(s, unit.id, PERIOD)
        assert [(p.version, p.state, p.ack_status) for p in listed] == [(1, "superseded", "returned"), (2, "current", None)]
        falls = {r.unit_label: r.value for r in compare_units(s, "NUR-FALL", PERIOD).rows}
        assert falls["示例县人民医院 呼吸内科"] == pytest.approx(1 / 3000 * 1000)
        cell = completeness.completeness(s, [PERIOD], TODAY).cell(unit.id, PERIOD)
        assert cell.reported and cell.version == 2
    assert not list(folders.inbox.rglob("*.qmspkg"))  # everything imported left the inbox…
    assert len(list(folders.archive.rglob("*.qmspkg"))) == 4  # …for the archive, none deleted


def test_the_status_bar_names_the_store_as_a_user_knows_it(store, store_url):
    """A SQLite store is its file path (no sqlite:/// prefix); a server's URL never shows its password."""
    if "://" not in store_url:
        assert store.display == store_url
    else:
        from sqlalchemy.engine import make_url

        url = make_url(store_url)
        assert url.host in store.display and url.database in store.display
        if url.password:
            assert f":{url.password}@" not in store.display and ":***@" in store.display
