"""What the benchmarks run on, made once into benchmarks/results/cache/ (never timed).

- the demo year (`qmsdesk demo`, with `--until 2026-10` where the command has it);
- the demo year plus rectification items up to 100,000 (the ledger, `status` and the dashboard at size);
- office packages from the office demo, with their records decrypted once for the bare import baselines;
- the month's table rows and the PDF font, for the bare package baseline.

Each artefact's name carries a hash of the code it is made from, so a changed demo or schema makes a
new one (and the stale one is removed) instead of measuring yesterday's data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.common import CACHE, ROOT, env, fingerprint, qmsdesk_command, run_python

PERIOD = "2026-10"
SEARCH_FIRST, SEARCH_NEXT = "跌", "倒"  # typed as two input-method commits: 跌, then 跌倒


def _fresh(pattern: str, keep: Path) -> None:
    """Remove stale artefacts of one kind (older fingerprints), keeping `keep`."""
    for old in CACHE.glob(pattern):
        if old != keep:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _demo_arguments() -> list[str]:
    """Fixed arguments for the demo, so every run measures the same year whatever today is."""
    help_text = subprocess.run([*qmsdesk_command(), "demo", "-h"], capture_output=True, text=True, env=env(),
                               cwd=ROOT).stdout
    return ["--until", PERIOD] if "--until" in help_text else []


def demo_database() -> Path:
    args = _demo_arguments()
    fp = fingerprint("qmsdesk/demo", "qmsdesk/commands/demo.py", "qmsdesk/db", extra=" ".join(args))
    path = CACHE / f"demo-{fp}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        part = CACHE / "demo.db.part"
        for side in ("", "-wal", "-shm"):
            Path(f"{part}{side}").unlink(missing_ok=True)
        print(f"  making the demo year (qmsdesk demo {' '.join(args)}; once, not timed)…", file=sys.stderr)
        subprocess.run([*qmsdesk_command(), "demo", *args, "--db", str(part)], check=True, capture_output=True,
                       env=env(QMSDESK_DATA_DIR=str(CACHE / "data")), cwd=ROOT)
        _checkpoint(part)
        os.replace(part, path)
        _fresh("demo-*.db", path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file, so the one file holds everything and copies of it are whole."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


# --- the demo with 100,000 ledger items ---------------------------------------------------------------

CATEGORIES = ["护理文书", "患者安全", "医院感染", "用药安全", "核心制度", "急救管理", "设备管理", "管路安全"]
PROBLEMS = ["交班记录未体现危重患者重点观察内容", "床头未悬挂跌倒警示标识", "手卫生依从性不足", "高警示药品未单独存放",
            "抢救车除颤仪自检记录缺失", "PICC维护记录不完整", "约束患者观察记录缺项", "体温单漏记",
            "患者跌伤后未在24小时内上报", "跌倒高危患者未复评"]


def add_items(path: str, total: int) -> None:
    """Fill the demo's ledger up to `total` live items in every status, written through the ORM (audited)."""
    import random
    from datetime import date, timedelta

    from sqlalchemy import func, select

    from qmsdesk.db import models as m
    from qmsdesk.db.engine import open_database

    rng = random.Random(18)
    db = open_database(Path(path), actor="benchmark")
    with db.session() as s:
        have = s.scalar(select(func.count()).select_from(m.RectificationItem).where(m.RectificationItem.deleted.is_(False)))
        people = list(s.scalars(select(m.Staff.id)))
    statuses = ["open", "in_progress", "awaiting_verification", "closed", "closed", "closed"]
    start = date(2021, 11, 1)
    for first in range(have, total, 10_000):
        with db.session() as s:
            for i in range(first, min(first + 10_000, total)):
                found = start + timedelta(days=rng.randrange(5 * 365))
                status = rng.choice(statuses)
                s.add(m.RectificationItem(
                    source_kind="other", category=rng.choice(CATEGORIES), problem=f"{rng.choice(PROBLEMS)}（第{i}项）",
                    found_on=found, deadline=found + timedelta(days=30), responsible_id=rng.choice(people),
                    status=status, closed_on=found + timedelta(days=20) if status == "closed" else None))
    db.close()


def big_database(items: int) -> Path:
    demo = demo_database()
    fp = fingerprint("benchmarks/data.py", extra=f"{demo.name} {items}")
    path = CACHE / f"ledger-{items}-{fp}.db"
    if not path.exists():
        print(f"  adding rectification items to the demo up to {items:,} (once, not timed; a few minutes)…",
              file=sys.stderr)
        part = CACHE / "ledger.db.part"
        for side in ("", "-wal", "-shm"):
            Path(f"{part}{side}").unlink(missing_ok=True)
        shutil.copyfile(demo, part)
        run_python("import sys; from benchmarks.data import add_items; add_items(sys.argv[1], int(sys.argv[2]))",
                   str(part), str(items), environ=env(QMSDESK_DATA_DIR=str(CACHE / "data")))
        _checkpoint(part)
        os.replace(part, path)
        _fresh(f"ledger-{items}-*.db", path)
    return path


# --- office packages ---------------------------------------------------------------------------------

def make_packages(folder: str, count: int) -> None:
    """Office keys, units registered in units.db, `count` demo packages, and their records for the baselines."""
    import pickle

    from qmsdesk.demo.units import plan_units
    from qmsdesk.office.demo import generate_office_demo
    from qmsdesk.office.store import open_office_store
    from qmsdesk.sync import crypto
    from qmsdesk.sync.keys import generate_office_keys
    from qmsdesk.sync.package import read_package

    root = Path(folder)
    keys = generate_office_keys()
    (root / "office-keys.json").write_text(json.dumps([crypto.b64e(crypto.raw_private(keys.signing)),
                                                       crypto.b64e(crypto.raw_private(keys.encryption))]))
    store = open_office_store(root / "units.db")
    made = root / "made"
    departments, months, hospitals = 12, 3, 1
    while len(plan_units(hospitals, departments)) * months * 0.9 < count:  # now and then a month never arrives
        hospitals += 1
    generate_office_demo(made, hospitals=hospitals, departments=departments, months=months, keys=keys, store=store,
                         until=PERIOD)
    store.close()
    chosen = sorted(made.rglob("*.qmspkg"), key=lambda p: (p.name, str(p)))[:count]
    if len(chosen) < count:
        raise RuntimeError(f"the office demo made {len(chosen)} packages, fewer than {count}")
    batches = []
    for f in chosen:
        target = root / "packages" / f.relative_to(made)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(f, target)
        contents = read_package(target, office_key=keys.encryption)
        m = contents.manifest
        batches.append([(m["unit_id"], m["period"], kind, rid, m["version"], json.dumps(row, ensure_ascii=False))
                        for kind, rows in contents.records.items() for rid, row in rows.items()])
    shutil.rmtree(made)
    with open(root / "rows.pickle", "wb") as fh:
        pickle.dump(batches, fh)
    (root / "meta.json").write_text(json.dumps({"packages": len(chosen), "rows": sum(map(len, batches))}))


def office_packages(count: int) -> Path:
    fp = fingerprint("benchmarks/data.py", "qmsdesk/office/demo.py", "qmsdesk/demo", "qmsdesk/sync",
                     extra=str(count))
    folder = CACHE / f"office-{count}-{fp}"
    if not (folder / "meta.json").exists():
        print(f"  making {count} office packages (once, not timed)…", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        run_python("import sys; from benchmarks.data import make_packages; make_packages(sys.argv[1], int(sys.argv[2]))",
                   str(folder), str(count), environ=env(QMSDESK_DATA_DIR=str(CACHE / "data")))
        _fresh(f"office-{count}-*", folder)
    return folder


# --- the month's rows, for the bare package ----------------------------------------------------------

def dump_month(db_path: str, out: str) -> None:
    """The table rows of the month's report as collect_month gives them, and the PDF font's file."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.reports.fonts import cjk_font
    from qmsdesk.reports.month import collect_month

    db = open_database(Path(db_path), actor="benchmark", upgrade=False)
    with db.session() as s:
        content = collect_month(s, PERIOD)
        tables = {f"{sheet}-{t.title}": [[c.header for c in t.columns],
                                         *[["" if v is None else str(v) for v in r] for r in t.rows]]
                  for sheet, ts in content.sheets.items() for t in ts}
        s.rollback()
    db.close()
    font = cjk_font()
    Path(out).write_text(json.dumps({"font": str(font.path) if font.path else None, "tables": tables},
                                    ensure_ascii=False), encoding="utf-8")


def month_rows() -> Path:
    demo = demo_database()
    path = CACHE / f"month-{PERIOD}-{fingerprint('benchmarks/data.py', 'qmsdesk/reports', extra=demo.name)}.json"
    if not path.exists():
        run_python("import sys; from benchmarks.data import dump_month; dump_month(sys.argv[1], sys.argv[2])",
                   str(demo), str(path), environ=env(QMSDESK_DATA_DIR=str(CACHE / "data")))
        _fresh(f"month-{PERIOD}-*.json", path)
    return path
