"""Two office PCs import the same shared inbox folder at the same moment, into one PostgreSQL store.

Each runs the real `qmsdesk office import` in a process of its own over the same folder of packages: a
month's versions 1 and 2 included, so the two may apply a month's versions in either order. Both must
finish without a refusal, every package must be imported exactly once (one row, one journal line, one
"已导入" between the two reports, one file in the archive), none lost or quarantined, and each month's
figures must be those of its newest version.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from receiver_process import Office
from sqlalchemy import create_engine, func, select

PERIODS = ("2026-07", "2026-08", "2026-09", "2026-10")
UNITS = [("H001", f"D{n:03d}") for n in range(1, 25)]  # enough packages that neither PC empties the inbox while the other starts


def _records(unit_id: str, period: str, version: int) -> dict:
    from office_helpers import month_records

    # Version 2 carries other records (new UUIDs): the two versions' rows never collide by key.
    return month_records(f"{unit_id}/{period}/v{version}", period, fall=(version, 1000), events=version, items=2)


def _packages(office: Office) -> dict[str, tuple[str, str, int]]:
    """Every unit's four months (version 1) and a version 2 of the last two, in the units' inbox folders."""
    from qmsdesk.office.units import find_unit, trust_key
    from qmsdesk.sync import crypto
    from qmsdesk.sync.package import UnitIdentity, build_package

    keys, made = office.keys(), {}
    store = office.store()
    for hospital, department in UNITS:
        key = crypto.new_signing_key()
        with store.session() as s:
            unit = find_unit(s, hospital, department)
            trust_key(s, unit, crypto.b64e(crypto.raw_public(key)))
            unit_id, folder = unit.id, unit.folder_name
        identity = UnitIdentity(unit_id, hospital, department, f"{hospital}医院", f"{department}科")
        for period in PERIODS:
            for version in (1, 2) if period >= "2026-09" else (1,):
                built = build_package(office.dir / "inbox" / folder, unit=identity, period=period, version=version,
                                      records=_records(unit_id, period, version), signing_key=key,
                                      office_key=keys.encryption_public.key_b64,
                                      created=datetime(2026, 11, 3, version, 0, tzinfo=UTC))
                made[built.path.name] = (unit_id, period, version)
    store.close()
    return made


def test_two_office_pcs_importing_one_inbox_at_once_import_each_package_exactly_once(pg_url, tmp_path):
    from qmsdesk.office.models import ImportLogEntry, OfficeBase, OfficePackage, OfficeRecord

    engine = create_engine(pg_url)
    OfficeBase.metadata.drop_all(engine)
    engine.dispose()
    office = Office.with_units(tmp_path, pg_url, *UNITS)
    made = _packages(office)
    assert len(made) == len(UNITS) * 6
    pcs = [subprocess.Popen([sys.executable, "-m", "qmsdesk", "office", "import"], env=office.env, text=True,
                            encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    try:
        reports = [pc.communicate(timeout=300) for pc in pcs]
    finally:
        for pc in pcs:
            pc.kill()
    for pc, (out, err) in zip(pcs, reports, strict=True):
        assert pc.returncode == 0, out + err  # both finish, neither refused anything
    for out, _err in reports:  # they did run at once: each found packages in the inbox (the later one, not all)
        assert any(line.startswith("QMS_") for line in out.splitlines()), out
    said = "\n".join(out for out, _err in reports)
    for name in made:  # one of the two PCs imported it (applied, or kept as an older version): the other did not
        imported = [line for line in said.splitlines() if line.startswith(name) and
                    ("— 已导入" in line or "比已导入的版本旧" in line)]
        assert len(imported) == 1, (name, said)

    store = office.store()
    try:
        with store.session() as s:
            rows = s.execute(select(OfficePackage.filename, OfficePackage.state, OfficePackage.unit_id,
                                    OfficePackage.period, OfficePackage.version)).all()
            journal = s.execute(select(ImportLogEntry.filename, func.count()).where(
                ImportLogEntry.outcome.in_(("applied", "kept"))).group_by(ImportLogEntry.filename)).all()
            current = {(u, p): v for _f, state, u, p, v in rows if state == "current"}
            falls = dict(((u, p), n) for u, p, n in s.execute(
                select(OfficeRecord.unit_id, OfficeRecord.period, OfficeRecord.data["numerator"].as_integer()).where(
                    OfficeRecord.kind == "indicator_values", OfficeRecord.deleted.is_(False))))
    finally:
        store.close()
    assert sorted(f for f, *_ in rows) == sorted(made), "every package once, none lost"
    assert dict(journal) == dict.fromkeys(made, 1)
    newest = {(u, p): max(v for uu, pp, v in made.values() if (uu, pp) == (u, p)) for u, p, _v in made.values()}
    assert current == newest, "each month counts its newest version"
    assert falls == newest, "and holds that version's records only"
    assert not list((office.dir / "inbox").rglob("*.qmspkg")), "the inbox is empty"
    assert not list((office.dir / "quarantine").rglob("*.qmspkg")), "nothing refused"
    assert sorted(p.name for p in (office.dir / "archive").rglob("*.qmspkg")) == sorted(made)



def test_two_versions_of_one_month_imported_at_once_leave_only_the_newest_counting(store, store_url, folders,
                                                                                   office_keys, factory, monkeypatch):
    """One PC is writing version 2 of a month when another PC starts on version 1 of it: version 1 must wait and be
    kept as the older one, never counted beside version 2 (PostgreSQL: the unit's row is locked; SQLite: its
    one write lock, taken before the month is looked at again)."""
    import threading

    from qmsdesk.office import importer
    from qmsdesk.office.importer import import_file
    from qmsdesk.office.models import OfficePackage
    from qmsdesk.office.store import open_office_store

    unit = factory.unit()
    v1 = factory.package(unit, "2026-10", 1, records=_records(unit.unit_id, "2026-10", 1), out=folders.root / "v1")
    v2 = factory.package(unit, "2026-10", 2, records=_records(unit.unit_id, "2026-10", 2), out=folders.root / "v2")
    other = open_office_store(store_url)
    real_apply, second = importer.apply_records, {}

    def write_while_the_other_pc_starts_on_version_1(*args, **kwargs):
        if not second:  # this PC has checked version 2 and is about to write it
            second["thread"] = threading.Thread(target=lambda: second.setdefault(
                "summary", import_file(other, v1, keys=office_keys, folders=folders)))
            second["thread"].start()
            second["thread"].join(timeout=2)  # long enough for version 1 to be written, were nothing holding it
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(importer, "apply_records", write_while_the_other_pc_starts_on_version_1)
    first = import_file(store, v2, keys=office_keys, folders=folders)
    second["thread"].join(timeout=60)
    other.close()
    from qmsdesk.office.comparison import compare_units

    assert (first.outcome, second["summary"].outcome) == ("applied", "kept"), second["summary"].line()
    with store.session() as s:
        states = dict(s.execute(select(OfficePackage.version, OfficePackage.state)).all())
        assert compare_units(s, "NUR-FALL", "2026-10").rows[0].numerator == 2
    assert states == {2: "current", 1: "stale"}
