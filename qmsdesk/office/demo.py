"""Demo packages of many units for the office (`qmsdesk office demo`): real demo years, varied per unit.

A few demo years are generated with qmsdesk.demo (different seeds) into temporary ward databases and
their months read with sync.records.month_records, exactly as a ward submits them. Each unit then gets
its own copy: its own record UUIDs (uuid5 of the unit and the original id), its own ward size and
quality (indicator figures scaled, events and closures varied), its own punctuality (signed on time or
late against its deadline, now and then a month missing), and its own signing key, trusted at the office
as if its fingerprint had been confirmed. Deterministic for a given seed.
"""

from __future__ import annotations

import copy
import random
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from qmsdesk.i18n import msg
from qmsdesk.office.comparison import indicator_info
from qmsdesk.periods import Period

HOSPITALS = ("县人民医院", "县中医院", "县妇幼保健院", "城关镇卫生院", "河口镇卫生院", "青山镇卫生院", "石桥镇卫生院",
             "白沙镇卫生院", "龙泉乡卫生院", "双河镇卫生院", "柳林镇卫生院", "高坪镇卫生院", "新店乡卫生院", "梅溪镇卫生院",
             "东关镇卫生院", "西岭乡卫生院", "南塘镇卫生院", "北山乡卫生院", "桃源镇卫生院", "松坪乡卫生院")
DEPARTMENTS = (("心血管内科", "inpatient_medical"), ("呼吸内科", "inpatient_medical"), ("消化内科", "inpatient_medical"),
               ("神经内科", "inpatient_medical"), ("内分泌科", "inpatient_medical"), ("普通外科", "inpatient_surgical"),
               ("骨科", "inpatient_surgical"), ("妇产科", "obstetrics"), ("儿科", "pediatrics"),
               ("重症医学科", "icu"), ("急诊科", "emergency"), ("肾内科", "inpatient_medical"))
LAST = Period(2026, 10)
TEMPLATE_SEEDS = (1, 2)
_ID_NS = uuid.UUID("6d1f3a52-4c0e-4d8a-9a43-0b8b1b0f5e21")


@dataclass(frozen=True)
class DemoResult:
    units: int
    packages: int
    folder: Path


def _hospital_name(i: int) -> str:
    base = HOSPITALS[i % len(HOSPITALS)]
    return base if i < len(HOSPITALS) else f"{base}（{i // len(HOSPITALS) + 1}）"


def _template_months(seed: int, periods: list[str]) -> dict[str, dict]:
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate
    from qmsdesk.sync.records import month_records

    with tempfile.TemporaryDirectory(prefix="qmsdesk-office-demo-") as tmp:
        db = open_database(Path(tmp) / "ward.db", actor="demo")
        try:
            with db.session() as s:
                generate(s, seed=seed)
            with db.session() as s:
                return {p: month_records(s, p) for p in periods}
        finally:
            db.close()


def _remap(value: Any, unit_ns: uuid.UUID, key: str) -> Any:
    if isinstance(value, str) and (key == "id" or key.endswith("_id")) and len(value) == 36:
        return str(uuid.uuid5(unit_ns, value))
    return value


def _vary(records: dict, unit_ns: uuid.UUID, rng: random.Random, profile: dict) -> dict:
    out: dict[str, dict] = {}
    for kind, rows in records.items():
        new_rows = {}
        for row in rows.values():
            row = {k: _remap(v, unit_ns, k) for k, v in row.items()}
            if row.get("deleted") is True and kind != "staff":
                new_rows[row["id"]] = row
                continue
            if kind == "indicator_values":
                _vary_value(row, rng, profile)
            elif kind == "adverse_events" and rng.random() > profile["events"]:
                continue
            elif kind == "adverse_events" and row.get("grade") in ("I", "II") and rng.random() > profile["serious"]:
                row["grade"] = rng.choice(("III", "IV"))  # most wards did not have the template's serious events
            elif kind == "assessments" and row.get("score") is not None:
                row["score"] = round(min(100.0, max(40.0, row["score"] + profile["skill"] + rng.gauss(0, 3))), 1)
            elif kind == "training_attendance" and row.get("status") == "present" and rng.random() > profile["attend"]:
                row["status"] = "absent"
            elif kind == "rectification_items" and row.get("status") == "closed" and rng.random() > profile["closing"]:
                row.update(status="in_progress", closed_on=None, verified_on=None, verifier_id=None)
            new_rows[row["id"]] = row
        out[kind] = new_rows
    _drop_orphans(out)
    return out


def _drop_orphans(records: dict) -> None:
    """Events dropped above take their rectification items' links with them (the ward would not have them)."""
    kept = set(records.get("adverse_events", {}))
    for row in records.get("rectification_items", {}).values():
        if row.get("event_id") and row["event_id"] not in kept:
            row["event_id"] = None
            row["source_kind"] = "other"


def _vary_value(row: dict, rng: random.Random, profile: dict) -> None:
    info = indicator_info(str(row.get("indicator_code")))
    num, den = row.get("numerator"), row.get("denominator")
    if num is None:
        return
    size = profile["size"]
    den2 = None if den is None else max(round(den * size), 1)
    quality = profile["quality"] * rng.uniform(0.8, 1.25)
    # worse quality raises a lower-is-better numerator and lowers a higher-is-better one
    factor = size * (quality if info.direction == "lower" else 1 / quality)
    num2 = num * factor
    num2 = round(num2) if float(num).is_integer() else round(num2, 1)
    if info.kind == "proportion" and den2 is not None:
        num2 = min(num2, den2)
    row["numerator"], row["denominator"] = num2, den2


def _created(period: str, deadline_day: int, rng: random.Random, punctual: float) -> datetime:
    nxt = Period.parse(period).next()
    if rng.random() < punctual:
        day = max(1, deadline_day - rng.randint(0, 4))
    else:
        day = deadline_day + rng.randint(1, 12)
    return datetime(nxt.year, nxt.month, min(day, 28), 9, rng.randint(0, 59), tzinfo=UTC) - timedelta(hours=8)


def generate_office_demo(out: Path, *, hospitals: int, departments: int, months: int, keys, store,
                         seed: int = 7, progress: Callable[[str], None] | None = None) -> DemoResult:
    """Register hospitals × departments demo units in `store` and write their packages into `out`."""
    from qmsdesk.office.units import register_unit, trust_key
    from qmsdesk.sync import crypto
    from qmsdesk.sync.package import UnitIdentity, build_package

    say = progress or (lambda _t: None)
    months = max(1, min(months, 12))
    start = LAST
    for _ in range(months - 1):
        start = start.previous()
    from qmsdesk.office.queries import period_list

    periods = period_list(start, LAST)
    templates = []
    for t_seed in TEMPLATE_SEEDS[: 1 if hospitals * departments < 4 else 2]:
        say(msg("正在生成演示科室全年数据（种子 {s}）…", "Generating a demo ward year (seed {s})…", s=t_seed))
        templates.append(_template_months(t_seed, periods))
    rng = random.Random(seed)
    out = Path(out)
    written = units = 0
    for h in range(hospitals):
        for d in range(min(departments, len(DEPARTMENTS))):
            units += 1
            name, dtype = DEPARTMENTS[d]
            h_code, d_code = f"H{h + 1:02d}", f"D{d + 1:02d}"
            key = crypto.new_signing_key()
            with store.session() as s:
                unit = register_unit(s, hospital_code=h_code, hospital_name=_hospital_name(h), department_code=d_code,
                                     department_name=name, department_type=dtype, deadline_day=5)
                trust_key(s, unit, crypto.b64e(crypto.raw_public(key)))
                unit_id, folder = unit.id, unit.folder_name
            identity = UnitIdentity(unit_id, h_code, d_code, _hospital_name(h), name)
            unit_ns = uuid.uuid5(_ID_NS, f"{h_code}/{d_code}")
            profile = {"size": rng.uniform(0.5, 1.6), "quality": rng.choice((0.6, 0.8, 1.0, 1.0, 1.2, 1.5, 2.2)),
                       "events": rng.uniform(0.3, 1.0), "closing": rng.uniform(0.4, 1.0),
                       "punctual": rng.choice((1.0, 0.95, 0.9, 0.8, 0.6)),
                       "skill": rng.uniform(-3, 6), "attend": rng.uniform(0.75, 1.0),
                       "serious": rng.choice((0.0, 0.0, 0.1, 0.3, 0.6))}
            template = templates[(h + d) % len(templates)]
            for period in periods:
                if rng.random() < 0.03:
                    continue  # now and then a month never arrives
                records = _vary(copy.deepcopy(template[period]), unit_ns, rng, profile)
                build_package(out / folder, unit=identity, period=period, version=1, records=records,
                              signing_key=key, office_key=keys.encryption_public.key_b64,
                              created=_created(period, 5, rng, profile["punctual"]), overwrite=True)
                written += 1
            if units % 20 == 0:
                say(msg("已生成 {u} 个单位、{n} 个上报包…", "{u} units, {n} packages so far…", u=units, n=written))
    return DemoResult(units, written, out)
