"""Making units and their packages for the office tests (signed with a real unit key, sealed to the office)."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qmsdesk.office.units import register_unit, trust_key
from qmsdesk.sync import crypto
from qmsdesk.sync.package import UnitIdentity, build_package


def month_records(seed: str, period: str, *, fall: tuple[int, int] = (2, 3000), events: int = 1,
                  items: int = 1) -> dict[str, dict[str, dict[str, Any]]]:
    """A small month: one indicator value, `events` adverse events, `items` rectification items, a tombstone."""
    def rid(name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}/{name}"))

    recs: dict[str, dict[str, dict[str, Any]]] = {
        "indicator_values": {rid("fall"): {"id": rid("fall"), "deleted": False, "period": period,
                                           "indicator_code": "NUR-FALL", "indicator_name": "住院患者跌倒发生率",
                                           "numerator": fall[0], "denominator": fall[1]}},
        "adverse_events": {},
        "rectification_items": {},
        "meetings": {rid("gone"): {"id": rid("gone"), "deleted": True, "updated_at": f"{period}-20T00:00:00"}},
    }
    for i in range(events):
        recs["adverse_events"][rid(f"ev{i}")] = {"id": rid(f"ev{i}"), "deleted": False, "category": "fall",
                                                 "grade": "III", "occurred_at": f"{period}-09T14:30:00+00:00"}
    for i in range(items):
        recs["rectification_items"][rid(f"it{i}")] = {
            "id": rid(f"it{i}"), "deleted": False, "category": "跌倒", "source_kind": "meeting", "status": "open",
            "problem": "夜班巡视不足", "found_on": f"{period}-05", "deadline": f"{period}-28", "closed_on": None}
    return recs


@dataclass
class MadeUnit:
    identity: UnitIdentity
    key: Any
    unit_id: str = ""


@dataclass
class PackageFactory:
    store: Any
    office_keys: Any
    out: Path
    units: dict[str, MadeUnit] = field(default_factory=dict)

    def unit(self, hospital: str = "H001", department: str = "D012", *, confirmed: bool = True,
             deadline_day: int = 5) -> MadeUnit:
        key = crypto.new_signing_key()
        identity = UnitIdentity(str(uuid.uuid4()), hospital, department, f"{hospital}医院", f"{department}科")
        with self.store.session() as s:
            row = register_unit(s, hospital_code=hospital, hospital_name=identity.hospital_name,
                                department_code=department, department_name=identity.department_name,
                                department_type="inpatient_medical", deadline_day=deadline_day)
            if confirmed:
                trust_key(s, row, crypto.b64e(crypto.raw_public(key)))
            unit_id = row.id
        made = MadeUnit(identity, key, unit_id)
        self.units[f"{hospital}/{department}"] = made
        return made

    def package(self, unit: MadeUnit, period: str = "2026-10", version: int = 1, records=None, *,
                created: datetime | None = None, out: Path | None = None, key=None,
                notes: dict[str, Any] | None = None) -> Path:
        records = copy.deepcopy(records if records is not None else month_records(unit.identity.unit_id, period))
        out = Path(out or self.out)
        out.mkdir(parents=True, exist_ok=True)
        built = build_package(out, unit=unit.identity, period=period, version=version, records=records,
                              signing_key=key or unit.key, office_key=self.office_keys.encryption_public.key_b64,
                              created=created or datetime(2026, 11, 3, 2, 0, tzinfo=UTC), overwrite=True,
                              notes=notes)
        return built.path


def rebuild(src: Path, dst: Path, *, signing_key=None, manifest_edit=None, members: dict[str, bytes] | None = None,
            extra: dict[str, bytes] | None = None, list_extra: bool = False, compress: bool = False) -> Path:
    """Copy a package member by member, changing what a test needs (re-signed when `signing_key` is given).

    `members` replaces members' bytes without touching the manifest (tampering); `extra` adds members,
    listed in the manifest with their real hash when `list_extra` (a well-formed but unusual package).
    """
    import hashlib
    import io
    import json
    import zipfile

    with zipfile.ZipFile(src) as zf:
        blobs = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(blobs["manifest.json"])
    if list_extra:
        for name, blob in (extra or {}).items():
            manifest["members"][name] = {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob),
                                         "encrypted": bool(manifest.get("encryption"))}
    if manifest_edit:
        manifest_edit(manifest)
    if manifest_edit or list_extra:
        blobs["manifest.json"] = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
        if signing_key is not None:
            blobs["signature"] = crypto.b64e(crypto.sign(signing_key, blobs["manifest.json"])).encode("ascii")
    blobs.update(members or {})
    blobs.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, blob in blobs.items():
            zf.writestr(name, blob, compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(buf.getvalue())
    return dst


def store_counts(store) -> tuple[int, int]:
    from sqlalchemy import func, select

    from qmsdesk.office.models import OfficePackage, OfficeRecord

    with store.session() as s:
        return (s.scalar(select(func.count()).select_from(OfficePackage)),
                s.scalar(select(func.count()).select_from(OfficeRecord)))


def derived_rows(conn) -> dict[str, list[tuple]]:
    """Every derived table's rows (ids left out), sorted: what the pages read, to compare with `derived.rebuild`'s."""
    from sqlalchemy import text

    from qmsdesk.office import derived

    out = {}
    for table in (*derived.TABLES, *derived.QUALITY_TABLES, "office_indicator_months", "office_quoted_records"):
        columns = [c for c in conn.execute(text(f"SELECT * FROM {table} WHERE 1 = 0")).keys() if c != "id"]
        out[table] = sorted(tuple(map(str, row)) for row in conn.execute(text(f"SELECT {', '.join(columns)} FROM {table}")))
    return out
