"""Office import as the user runs it — a whole `qmsdesk office import` process — in records per second,
beside bare drivers writing the same records (benchmarks/bare_import.py), on SQLite and on PostgreSQL.

The store starts each run with the units registered and no package; the office's keys are in the
desktop session's keyring, as on an office PC. Every run is checked: each package must be applied.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import ROOT, Goal, Row, Stat, alternate, env, launch, qmsdesk_command, run_python
from benchmarks.data import office_packages

SAVE_KEYS = """
import json, sys
from qmsdesk.sync import crypto
from qmsdesk.sync.keys import OfficeKeys, open_key_store, save_office_keys
raw = json.loads(open(sys.argv[1]).read())
save_office_keys(open_key_store(), OfficeKeys(crypto.signing_key(raw[0]), crypto.encryption_private_key(raw[1])))
"""

RESET_STORE = """
import sys
from sqlalchemy import create_engine, func, select
from qmsdesk.office.models import OfficeBase, OfficePackage, OfficeUnit
from qmsdesk.office.store import open_office_store
units, url, action = sys.argv[1:4]
if action == "count":
    store = open_office_store(url)
    with store.session() as s:
        print(s.scalar(select(func.count()).select_from(OfficePackage)))
    store.close()
    raise SystemExit(0)
if "://" in url and not url.startswith("sqlite"):
    engine = create_engine(url)
    OfficeBase.metadata.drop_all(engine)
    engine.dispose()
source, target = open_office_store(units), open_office_store(url)
with source.session() as s, target.session() as t:
    for u in s.query(OfficeUnit):
        t.add(OfficeUnit(**{c.key: getattr(u, c.key) for c in OfficeUnit.__table__.columns}))
source.close()
target.close()
"""

GOAL = Goal("≥0.4×", ratio_at_least=0.4)


@contextlib.contextmanager
def postgres(url: str | None) -> Iterator[tuple[str | None, str]]:
    """The server to measure on: the one given, else a throw-away one (tests/pg_server.py), else none."""
    if url:
        yield url, "the server given with --pg"
        return
    spec = importlib.util.spec_from_file_location("pg_server", ROOT / "tests" / "pg_server.py")
    module = sys.modules.setdefault("pg_server", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    try:
        server = module.ThrowawayPostgres(durable=True).start()
    except module.PostgresUnavailable as exc:
        yield None, f"no PostgreSQL: {exc}"
        return
    try:
        yield server.url, "a throw-away local server with default durability"
    finally:
        server.stop()


def _applied_count(units: Path, store: str) -> int:
    return int(run_python(RESET_STORE, str(units), store, "count").strip())


def _store_rows(label: str, store_of, folder: Path, meta: dict, runs: int, session, bare: dict[str, list[str]]):
    """ours: the whole import process; each baseline: bare_import.py with its own command."""
    with tempfile.TemporaryDirectory(prefix="qmsdesk-office-data-") as data:
        qenv = env(**session.environ, QMSDESK_DATA_DIR=data)
        return _measure_store(label, store_of, folder, meta, runs, qenv, bare)


def _measure_store(label: str, store_of, folder: Path, meta: dict, runs: int, qenv: dict[str, str],
                   bare: dict[str, list[str]]) -> list[Row]:
    units, rows = folder / "units.db", meta["rows"]
    counter = iter(range(10_000))

    def ours() -> tuple[float, float]:
        store = store_of(next(counter))
        run_python(RESET_STORE, str(units), store, "reset")
        work = Path(tempfile.mkdtemp(prefix="qmsdesk-import-"))
        try:
            r = launch([*qmsdesk_command(), "office", "import", "--db", store, "--dir", str(work), str(folder / "packages")],
                       qenv, timeout=1800)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        applied = _applied_count(units, store)
        if applied != meta["packages"]:
            raise RuntimeError(f"{label}: {applied} of {meta['packages']} packages applied")
        return rows / r.seconds, r.max_rss_mib

    def baseline(command: list[str]):
        def run() -> float:
            out = launch([sys.executable, str(ROOT / "benchmarks" / "bare_import.py"), *command], timeout=1800)
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            return figures["rows"] / figures["seconds"]
        return run

    runners = [baseline(command) for command in bare.values()]
    a, b = alternate(runs, ours, lambda: [run() for run in runners], warmup=False)
    what = f"office import, {meta['packages']:,} packages, {label}"
    return [Row(f"import-{label}-{name}", what + (" (vs COPY)" if "COPY" in name else ""),
                Stat.of([x[0] for x in a]), Stat.of([x[i] for x in b]), "rows/s", baseline_label=name, goal=GOAL,
                how=f"whole `qmsdesk office import` process, {rows:,} records / wall time; baseline {name} into a "
                    "table shaped as the store's office_records (same columns, types and indexes), one transaction "
                    "per package, timed from connect to the last commit (decrypting not timed)",
                extra={"peak_rss_mib": Stat.of([x[1] for x in a]).to_json(), "rows": rows,
                       "packages": meta["packages"]})
            for i, name in enumerate(bare)]


def import_rows(count: int, runs: int, session, pg_url: str | None) -> list[Row]:
    folder = office_packages(count)
    meta = json.loads((folder / "meta.json").read_text())
    run_python(SAVE_KEYS, str(folder / "office-keys.json"), environ=env(**session.environ))
    rows_file = str(folder / "rows.pickle")
    result = []
    with tempfile.TemporaryDirectory(prefix="qmsdesk-office-") as tmp:
        result += _store_rows("SQLite", lambda i: str(Path(tmp) / f"office{i}.db"), folder, meta, runs, session,
                              {"sqlite3 executemany": ["sqlite", rows_file, str(Path(tmp) / "bare.db")]})
    with postgres(pg_url) as (url, where):
        if url is None:
            return result + [Row("import-PostgreSQL", "office import, PostgreSQL", None, None, "rows/s", goal=GOAL,
                                 error=where)]
        bare = {"psycopg executemany": ["pg-executemany", rows_file, url], "psycopg COPY": ["pg-copy", rows_file, url]}
        pg = _store_rows("PostgreSQL", lambda _i: url, folder, meta, runs, session, bare)
    return result + [dataclasses.replace(r, how=f"{r.how}; {where}") for r in pg]
