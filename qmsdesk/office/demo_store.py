"""A province's office store filled straight from the demo (`qmsdesk office demo --direct`), for measuring the
office at its real size: some 150 hospitals × 30 departments × 12 months a year, several years.

Building, signing, sealing and importing 100,000 packages would take hours of one CPU; this writes the rows an
import leaves instead. Each month's records are those of qmsdesk.demo.unit_history, written by the importer's
own statement (office.month_rows.write_month, the same bytes data.json would carry); the package, its counts
and the import journal line are those the importer writes. To stay within minutes, a department of one kind of
hospital has `variants` histories of its own (hospital 1, 2, 3 of that kind get one each, hospital 4 the first
again…), and a unit that shares a history receives its rows copied in SQL from the unit that was written first —
every unit still has its own rows, package rows and SHA-256s.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, text

from qmsdesk.i18n import msg
from qmsdesk.office.demo import DemoResult, _periods, _register
from qmsdesk.office.derived import rebuild
from qmsdesk.office.models import ImportLogEntry, OfficePackage
from qmsdesk.office.month_rows import month_counts, write_month
from qmsdesk.periods import Period

_COPY = ("INSERT INTO office_records (unit_id, period, kind, record_id, version, deleted, tag, data) "
         "SELECT :unit, period, kind, record_id, version, deleted, tag, data FROM office_records WHERE unit_id = :source")


def _package_rows(unit_id: str, spec, months: list[tuple[str, object, str, dict]]) -> tuple[list[dict], list[dict]]:
    """The office_packages and journal rows an import of these months leaves: (period, created, data SHA, counts)."""
    from qmsdesk.sync.package import package_filename

    packages, journal = [], []
    label = f"{spec.hospital_name} {spec.department.name}"
    for period, created, digest, counts in months:
        name = package_filename(spec.hospital_code, spec.department.code, period, 1)
        sha = hashlib.sha256(f"{digest}/{unit_id}".encode()).hexdigest()
        imported = created + timedelta(hours=2)
        packages.append(dict(unit_id=unit_id, period=period, version=1, sha256=sha, filename=name, stored_path="",
                             created=created, imported_at=imported, state="current", counts=counts, notes={}))
        totals = {k: sum(c[k] for c in counts.values()) for k in ("imported", "deleted")}
        journal.append(dict(time=imported, filename=name, sha256=sha, unit_label=label, period=period, version=1,
                            outcome="applied", code=None, counts=counts,
                            message=msg("{n} — 已导入 {u} {p} 第 1 版：新增 {i}，更新 0，未变 0，删除 {d}",
                                        "{n} — imported {u} {p} version 1: imported {i}, updated 0, unchanged 0, "
                                        "deleted {d}", n=name, u=label, p=period, i=totals["imported"],
                                        d=totals["deleted"])))
    return packages, journal


def _write_history(conn, unit_id: str, spec, periods: list[Period], seed: int, day: date) -> list[tuple]:
    """Generate the unit's history and write its months; returns (period, created, data SHA, counts) per month."""
    from qmsdesk.demo.unit_history import UnitHistory

    history = UnitHistory(spec, periods, seed, day)
    arrived_by = datetime.combine(day + timedelta(days=1), time(), UTC) - timedelta(hours=8)  # the end of today, China
    months = []
    for p in periods:
        created = history.created[str(p)]
        if created is None or created >= arrived_by:
            continue  # this month never came, or has not come yet
        records = history.records(str(p), created)
        blob = json.dumps({"records": records}, ensure_ascii=False, separators=(",", ":"))
        write_month(conn, unit_id, str(p), 1, blob)
        months.append((str(p), created, hashlib.sha256(blob.encode()).hexdigest(), month_counts(records, {})))
    return months


def fill_province_store(store, *, hospitals: int, departments: int, months: int, seed: int = 7,
                        until: Period | str | None = None, layout: str = "province", variants: int = 3,
                        progress: Callable[[str], None] | None = None, today: date | None = None) -> DemoResult:
    """Register the units in `store` and write their months as imported packages (see the module's docstring)."""
    from qmsdesk.clock import today as clock_today
    from qmsdesk.demo.units import plan_units
    from qmsdesk.sync import crypto

    say = progress or (lambda _t: None)
    day = today or clock_today()
    periods = _periods(months, None if until is None else Period.parse(until), day)
    units = plan_units(hospitals, departments, layout)
    written: dict[tuple, tuple[str, list[tuple]]] = {}  # history key → (unit id written first, its months)
    rank: dict[str, int] = {}  # hospital code → its number among the hospitals of its kind
    of_kind: dict[str, int] = {}
    packages = 0
    for n, spec in enumerate(units, 1):
        if spec.hospital_code not in rank:
            rank[spec.hospital_code] = of_kind.get(spec.hospital_kind, 0)
            of_kind[spec.hospital_kind] = rank[spec.hospital_code] + 1
        key = (spec.hospital_kind, spec.department.code, rank[spec.hospital_code] % max(1, variants))
        public = crypto.b64e(crypto.raw_public(crypto.new_signing_key()))
        unit_id, _folder = _register(store, spec, public)
        with store.engine.begin() as conn:
            if key not in written:
                written[key] = (unit_id, _write_history(conn, unit_id, spec, periods, seed, day))
            else:
                conn.execute(text(_COPY), {"unit": unit_id, "source": written[key][0]})
            rows, journal = _package_rows(unit_id, spec, written[key][1])
            if rows:
                conn.execute(insert(OfficePackage.__table__), rows)
                conn.execute(insert(ImportLogEntry.__table__), journal)
            packages += len(rows)
        if n % 100 == 0:
            say(msg("已写入 {u} 个单位、{n} 个上报包…", "{u} units, {n} packages so far…", u=n, n=packages))
    with store.engine.begin() as conn:
        rebuild(conn)  # the pages' derived tables, as the import keeps them month by month
        if conn.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
    return DemoResult(len(units), packages, None, periods[0], periods[-1])
