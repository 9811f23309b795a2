"""Importing 1,000 packages into the office store: packages per second and peak memory, SQLite and PostgreSQL,
beside a bare sqlite3.executemany of the same rows.

Run: `python benchmarks/office_import.py [--packages DIR] [--count 1000] [--pg URL]`
(`--pg` defaults to QMSDESK_TEST_PG_URL; without it PostgreSQL is left out and the report says so).
Without --packages the office demo makes them first (not timed): 29 hospitals × 12 departments × 3 months.

Each store is measured in a child process, so its peak resident size (getrusage) is its own:
- qmsdesk: `import_paths` as `qmsdesk office import` runs it — hash, verify, decrypt, one transaction per
  package with per-kind counts, archive copy, import journal;
- baseline: the same records already decrypted and parsed, written with bare sqlite3.executemany, one
  transaction per package (no checks, no signature, no comparison with earlier versions, no files).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path


def _mib_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _make_packages(folder: Path, keys, units_db: Path, count: int) -> None:
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.store import open_office_store

    store = open_office_store(units_db)
    hospitals = max(1, -(-count // 36) + 1)
    generate_office_demo(folder, hospitals=hospitals, departments=12, months=3, keys=keys, store=store,
                         progress=lambda t: print("  " + t, file=sys.stderr))
    store.close()


def _files(folder: Path, count: int) -> list[Path]:
    from qmsdesk.office.importer import _order_key, package_files

    return sorted(package_files([folder]), key=_order_key)[:count]


def _copy_units(src: Path, url: str) -> None:
    from qmsdesk.office.models import OfficeBase, OfficeUnit
    from qmsdesk.office.store import open_office_store

    if "://" in url and not url.startswith("sqlite"):
        from sqlalchemy import create_engine

        engine = create_engine(url)
        OfficeBase.metadata.drop_all(engine)
        engine.dispose()
    source, target = open_office_store(src), open_office_store(url)
    with source.session() as s, target.session() as t:
        for u in s.query(OfficeUnit):
            t.add(OfficeUnit(**{c.key: getattr(u, c.key) for c in OfficeUnit.__table__.columns}))
    source.close()
    target.close()


def _qmsdesk_run(url: str, files: list[str], keys_raw: tuple[str, str], work: str, out) -> None:
    from qmsdesk.office.importer import import_paths
    from qmsdesk.office.store import OfficeFolders, open_office_store
    from qmsdesk.sync import crypto
    from qmsdesk.sync.keys import OfficeKeys

    keys = OfficeKeys(crypto.signing_key(keys_raw[0]), crypto.encryption_private_key(keys_raw[1]))
    store = open_office_store(url)
    folders = OfficeFolders(Path(work)).ensure()
    start = time.perf_counter()
    summaries = import_paths(store, files, keys=keys, folders=folders)
    seconds = time.perf_counter() - start
    store.close()
    out.put({"seconds": seconds, "applied": sum(s.outcome == "applied" for s in summaries),
             "refused": sum(s.refused for s in summaries), "peak_mib": _mib_peak()})


def _baseline_run(files: list[str], keys_raw: tuple[str, str], db: str, out) -> None:
    from qmsdesk.sync import crypto
    from qmsdesk.sync.package import read_package

    office = crypto.encryption_private_key(keys_raw[1])
    batches = []
    for f in files:  # decrypting and parsing is not what the baseline times
        contents = read_package(f, office_key=office)
        m = contents.manifest
        batches.append([(m["unit_id"], m["period"], kind, rid, m["version"], json.dumps(row, ensure_ascii=False))
                        for kind, rows in contents.records.items() for rid, row in rows.items()])
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE records (unit_id TEXT, period TEXT, kind TEXT, record_id TEXT, version INT, data TEXT, "
                "UNIQUE(unit_id, period, kind, record_id))")
    start = time.perf_counter()
    for rows in batches:
        with con:
            con.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?)", rows)
    seconds = time.perf_counter() - start
    con.close()
    out.put({"seconds": seconds, "applied": len(batches), "refused": 0, "peak_mib": _mib_peak(),
             "rows": sum(len(b) for b in batches)})


def _in_child(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, help="folder of packages made earlier by this script")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get("QMSDESK_TEST_PG_URL"))
    args = parser.parse_args()

    from qmsdesk.sync import crypto
    from qmsdesk.sync.keys import generate_office_keys

    root = Path(tempfile.mkdtemp(prefix="qmsdesk-office-bench-"))
    folder = args.packages or root / "packages"
    keys_file = folder / "office-keys.json"
    units_db = folder / "units.db"
    if not keys_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        keys = generate_office_keys()
        keys_file.write_text(json.dumps([crypto.b64e(crypto.raw_private(keys.signing)),
                                         crypto.b64e(crypto.raw_private(keys.encryption))]))
        print(f"making packages into {folder} (not timed)…", file=sys.stderr)
        _make_packages(folder, keys, units_db, args.count)
    keys_raw = tuple(json.loads(keys_file.read_text()))
    files = [str(f) for f in _files(folder, args.count)]
    size = sum(Path(f).stat().st_size for f in files) / 2**20
    print(f"{len(files)} packages, {size:.0f} MiB in all")

    results = {}
    stores = {"SQLite": f"sqlite:///{root / 'office.db'}"}
    if args.pg:
        stores["PostgreSQL"] = args.pg
    for name, url in stores.items():
        _copy_units(units_db, url)
        results[f"qmsdesk → {name}"] = _in_child(_qmsdesk_run, url, files, keys_raw, str(root / f"work-{name}"))
    results["baseline sqlite3.executemany"] = _in_child(_baseline_run, files, keys_raw, str(root / "baseline.db"))

    print(f"{'':34}{'packages':>9}{'seconds':>9}{'pkg/s':>9}{'peak MiB':>10}")
    for name, r in results.items():
        print(f"{name:34}{r['applied']:>9}{r['seconds']:>9.1f}{r['applied'] / r['seconds']:>9.1f}{r['peak_mib']:>10.0f}")
    if not args.pg:
        print("PostgreSQL left out: give --pg URL or set QMSDESK_TEST_PG_URL")
    shutil.rmtree(root / "work-SQLite", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
