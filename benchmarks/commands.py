"""Commands as a user types them, each a whole fresh process, beside a bare process doing the part any
implementation must do:

- `qmsdesk status --period 2026-10` on the demo, beside `python -c "import sqlalchemy.orm, alembic.command"`,
  and on the demo with 100,000 ledger items beside itself on the demo;
- `qmsdesk submit --period 2026-10 --to DIR` on the enrolled demo (keys in the desktop keyring, package
  signed and encrypted: imports, font, keyring, validation, lock, encryption, writing), beside
  benchmarks/bare_package.py writing the same rows with openpyxl and reportlab in the same font;
- (full run) `qmsdesk selftest`, every page and dialog: its peak memory beside a bare window's.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, Goal, Row, Stat, alternate, env, launch, qmsdesk_command
from benchmarks.data import PERIOD, month_rows


def status_rows(demo: Path, big: Path, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="qmsdesk-status-") as tmp:
        demo_copy, big_copy = Path(tmp) / "demo.db", Path(tmp) / "big.db"
        shutil.copyfile(demo, demo_copy)
        shutil.copyfile(big, big_copy)
        environ = env(QMSDESK_DATA_DIR=str(Path(tmp) / "data"))

        def status(db: Path):
            return lambda: launch([*qmsdesk_command(), "status", "--period", PERIOD, "--db", str(db)], environ)

        bare = [sys.executable, "-c", "import sqlalchemy.orm, alembic.command"]
        on_demo, imports = alternate(runs, status(demo_copy), lambda: launch(bare, environ))
        on_big, _ = alternate(runs, status(big_copy), None, warmup=False)
    seconds = lambda runs: Stat.of([r.seconds for r in runs])  # noqa: E731
    return [
        Row("status", f"`qmsdesk status --period {PERIOD}`", seconds(on_demo), seconds(imports), "s",
            baseline_label="`import sqlalchemy.orm, alembic.command`",
            goal=Goal("≤1.0× (no ORM needed to read a month)", ratio_at_most=1.0),
            how="whole process, start to exit, on the demo year",
            extra={"peak_rss_mib": Stat.of([r.max_rss_mib for r in on_demo]).to_json(),
                   "baseline_peak_rss_mib": Stat.of([r.max_rss_mib for r in imports]).to_json()}),
        Row("status-100k", "`status` with 100,000 ledger items", seconds(on_big), seconds(on_demo), "s",
            baseline_label="the same on the 1-year demo", goal=Goal("≤1.5× the demo", ratio_at_most=1.5),
            how="whole process on the demo with rectification items up to 100,000",
            extra={"peak_rss_mib": Stat.of([r.max_rss_mib for r in on_big]).to_json()}),
    ]


def _enrolled_unit(demo: Path, folder: Path, session) -> tuple[Path, Path]:
    """The demo unit enrolled with an office (office keys and unit key in the session's keyring)."""
    office = env(**session.environ, QMSDESK_DATA_DIR=str(folder / "office-data"))
    enrollment = folder / "enrollment.json"
    launch([*qmsdesk_command(), "office", "enroll", "--hospital", "H01", "--hospital-name", "某县人民医院",
            "--department", "D01", "--department-name", "心血管内科", "--out", str(enrollment),
            "--db", str(folder / "office.db")], office)
    unit_db, unit_data = folder / "enrolled.db", folder / "unit-data"
    shutil.copyfile(demo, unit_db)
    launch([*qmsdesk_command(), "enroll", str(enrollment), "--db", str(unit_db)],
           env(**session.environ, QMSDESK_DATA_DIR=str(unit_data)))
    return unit_db, unit_data


def submit_rows(demo: Path, runs: int, session) -> list[Row]:
    rows = month_rows()
    with tempfile.TemporaryDirectory(prefix="qmsdesk-submit-") as tmp:
        folder = Path(tmp)
        unit_db, unit_data = _enrolled_unit(demo, folder, session)
        counter = iter(range(10_000))

        def ours():
            run = folder / f"run{next(counter)}"
            shutil.copytree(unit_data, run / "data")
            shutil.copyfile(unit_db, run / "unit.db")
            done = launch([*qmsdesk_command(), "submit", "--period", PERIOD, "--to", str(run / "usb"),
                           "--accept-warnings", "基准测试：提示已核对", "--db", str(run / "unit.db")],
                          env(**session.environ, QMSDESK_DATA_DIR=str(run / "data")))
            if "已签名并加密" not in done.stdout or not list((run / "usb").rglob("*.qmspkg")):
                raise RuntimeError(f"submit did not write an encrypted package: {done.stdout[-800:]}")
            shutil.rmtree(run)
            return done

        def bare():
            return launch([sys.executable, str(ROOT / "benchmarks" / "bare_package.py"), str(rows),
                           str(folder / "bare")])

        a, b = alternate(runs, ours, bare)
    return [
        Row("submit", f"`submit --period {PERIOD} --to DIR` (enrolled, encrypted)", Stat.of([r.seconds for r in a]),
            Stat.of([r.seconds for r in b]), "s", baseline_label="bare openpyxl + reportlab, same rows and font",
            goal=Goal("≤1.8×", ratio_at_most=1.8),
            how=f"whole process on the enrolled demo, start to exit; keys in {session.keyring}",
            extra={"peak_rss_mib": Stat.of([r.max_rss_mib for r in a]).to_json(),
                   "baseline_peak_rss_mib": Stat.of([r.max_rss_mib for r in b]).to_json()}),
        Row("submit-memory", "`submit` peak memory", Stat.of([r.max_rss_mib for r in a]),
            Stat.of([r.max_rss_mib for r in b]), "MiB", baseline_label="the bare package process",
            how="peak resident size of each whole process"),
    ]


def selftest_rows(demo: Path, runs: int) -> list[Row]:
    from benchmarks.window import held

    with tempfile.TemporaryDirectory(prefix="qmsdesk-selftest-") as tmp:
        db = Path(tmp) / "demo.db"
        shutil.copyfile(demo, db)
        environ = env(QMSDESK_DATA_DIR=str(Path(tmp) / "data"))
        ours, bare = alternate(max(1, runs // 2), lambda: launch([*qmsdesk_command(), "selftest", "--db", str(db)],
                                                                   environ, timeout=900),
                               lambda: held("1000", "bare-window", []), warmup=False)
    return [Row("selftest-memory", "peak memory, every page and dialog visited (`qmsdesk selftest`)",
                Stat.of([r.max_rss_mib for r in ours]), Stat.of([r.max_rss_mib for r in bare]), "MiB",
                baseline_label="bare QMainWindow+QTableView", how="peak resident size of each whole process",
                extra={"seconds": Stat.of([r.seconds for r in ours]).to_json()})]
