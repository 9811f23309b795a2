"""The benchmark harness's own honesty (the measurements themselves run with `python -m benchmarks`, not here).

A figure that flatters is a bug: a measured process must report its own peak memory, not the harness's,
and a row must say "not met" when either bound of its goal is missed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import Goal, Row, Stat  # noqa: E402 (the repository root is not always on the path)

HARNESS = """
import json, os, subprocess, sys
held = bytearray(300 * 2**20)
for i in range(0, len(held), 4096):
    held[i] = 1
launcher, out = sys.argv[1], sys.argv[2]
via = subprocess.run([sys.executable, "-S", "-E", launcher, out + "/o", out + "/e", "60", "--", sys.executable, "-c",
                      "pass"], capture_output=True, text=True, check=True).stdout
naive = subprocess.Popen([sys.executable, "-c", "pass"])
_pid, _status, usage = os.wait4(naive.pid, 0)
print(json.dumps({"launched": json.loads(via)["max_rss_mib"], "naive": usage.ru_maxrss / 1024}))
"""


def test_a_measured_process_reports_its_own_peak_memory_not_the_harness_s(tmp_path):
    done = subprocess.run([sys.executable, "-c", HARNESS, str(ROOT / "benchmarks" / "launch.py"), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    peaks = json.loads(done.stdout)
    assert peaks["naive"] > 300  # forked straight from a 300 MiB harness, `python -c pass` "peaks" above it
    assert peaks["launched"] < 40  # through the launcher: its own ~10 MiB


def test_a_goal_is_met_only_when_every_bound_holds():
    open_goal = Goal("≤1.5× and <0.4 s", ratio_at_most=1.5, at_most=0.4)
    fast_but_slow = Row("ledger-open", "ledger open", Stat.of([0.45, 0.46, 0.44]), Stat.of([0.35]), "s", goal=open_goal)
    assert round(fast_but_slow.ratio, 2) == 1.29
    assert fast_but_slow.met is False  # the ratio holds, the 0.4 s does not
    both = Row("ledger-open", "ledger open", Stat.of([0.38]), Stat.of([0.30]), "s", goal=open_goal)
    assert both.met is True
    slower_import = Row("import", "office import", Stat.of([9000.0]), Stat.of([62800.0]), "rows/s",
                        goal=Goal("≥0.4×", ratio_at_least=0.4))
    cells = slower_import.cells()
    assert cells[3] == "0.14×" and cells[-1] == "**not met**"
    assert cells[1] == "9.0k rows/s"
    unmeasured = Row("pg", "office import, PostgreSQL", None, None, "rows/s", goal=Goal("≥0.4×", ratio_at_least=0.4),
                     error="no PostgreSQL")
    assert unmeasured.met is None and unmeasured.cells()[1] == "not measured: no PostgreSQL"
