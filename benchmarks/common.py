"""Shared pieces of the benchmark harness: figures with goals, fresh child processes, the machine's description."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CACHE = RESULTS / "cache"  # databases and packages made once and reused (git-ignored with results/)
LAUNCHER = Path(__file__).resolve().parent / "launch.py"


@dataclass(frozen=True)
class Stat:
    """A figure from several runs: median with min and max (and every value, for the JSON)."""

    median: float
    min: float
    max: float
    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Stat:
        values = tuple(values)
        return cls(statistics.median(values), min(values), max(values), values)

    def to_json(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.min, "max": self.max, "runs": len(self.values),
                "values": list(self.values)}


@dataclass(frozen=True)
class Goal:
    """The issue's goal for a row: bounds on the ratio qmsdesk/baseline and on qmsdesk's own figure."""

    text: str
    ratio_at_most: float | None = None
    ratio_at_least: float | None = None
    at_most: float | None = None  # in the row's base unit (seconds, MiB, rows/s)

    def met(self, ours: float | None, ratio: float | None) -> bool | None:
        checks = []
        if self.ratio_at_most is not None or self.ratio_at_least is not None:
            if ratio is None:
                return None
            if self.ratio_at_most is not None:
                checks.append(ratio <= self.ratio_at_most)
            if self.ratio_at_least is not None:
                checks.append(ratio >= self.ratio_at_least)
        if self.at_most is not None:
            if ours is None:
                return None
            checks.append(ours <= self.at_most)
        return all(checks) if checks else None


UNITS = {"s": (1.0, "s"), "ms": (1000.0, "ms"), "MiB": (1.0, "MiB"), "rows/s": (1.0, "rows/s")}


def quantity(value: float, unit: str) -> str:
    scale, label = UNITS[unit]
    v = value * scale
    if unit == "rows/s":
        return f"{v / 1000:.1f}k rows/s"
    digits = 0 if unit in ("ms", "MiB") or v >= 100 else (2 if v < 10 else 1)
    return f"{v:.{digits}f} {label}"


@dataclass(frozen=True)
class Row:
    """One line of the table: what, qmsdesk's figure, the baseline's, their ratio, the goal and whether it is met.

    Values are in base units (seconds, MiB, rows/s); `unit` only chooses how they are shown. The ratio is
    always qmsdesk / baseline, as in the issue (for rows/s a ratio below 1 means slower than the baseline).
    """

    key: str
    what: str
    ours: Stat | None
    baseline: Stat | None
    unit: str
    baseline_label: str = ""
    goal: Goal | None = None
    how: str = ""
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.baseline is None or not self.baseline.median:
            return None
        return self.ours.median / self.baseline.median

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.ours is None:
            return None
        return self.goal.met(self.ours.median, self.ratio)

    def cells(self) -> list[str]:
        def figure(stat: Stat | None) -> str:
            if stat is None:
                return "—"
            spread = f" ({quantity(stat.min, self.unit)}–{quantity(stat.max, self.unit)})" if len(stat.values) > 1 else ""
            return quantity(stat.median, self.unit) + spread

        ours = figure(self.ours) if not self.error else f"not measured: {self.error}"
        base = figure(self.baseline)
        if self.baseline_label:
            base = f"{self.baseline_label}: {base}" if self.baseline else self.baseline_label
        r = self.ratio
        ratio = "—" if r is None else (f"{r:.2f}×" if r < 1 else f"{r:.1f}×")
        met = {True: "met", False: "**not met**", None: "—"}[self.met]
        return [self.what, ours, base, ratio, self.goal.text if self.goal else "—", met]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "what": self.what, "unit": self.unit, "baseline_label": self.baseline_label,
                "ours": self.ours.to_json() if self.ours else None,
                "baseline": self.baseline.to_json() if self.baseline else None, "ratio": self.ratio,
                "ratio_meaning": "qmsdesk / baseline", "goal": self.goal.text if self.goal else None,
                "met": self.met, "how": self.how, "error": self.error or None, "extra": self.extra}


# --- fresh child processes ------------------------------------------------------------------------

def env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: offscreen Qt, Chinese, no database or office chosen by the caller's shell."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("QMSDESK_") and k not in ("PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")}
    base.update(QT_QPA_PLATFORM="offscreen", QMSDESK_LANG="zh_CN", PYTHONPATH=str(ROOT))
    base.update(extra)
    return base


def python() -> list[str]:
    return [sys.executable]


def qmsdesk_command() -> list[str]:
    """`qmsdesk` as a user runs it: the installed console script beside this Python (else `python -m qmsdesk`)."""
    script = Path(sys.executable).with_name("qmsdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "qmsdesk"]


@dataclass(frozen=True)
class Launched:
    start: float  # time.monotonic() just before the fork: the user's click
    seconds: float  # start to exit
    max_rss_mib: float  # the process's own peak resident size
    returncode: int
    stdout: str
    stderr: str


class ChildFailed(RuntimeError):
    pass


def launch(command: Sequence[str], environ: dict[str, str] | None = None, timeout: float = 600,
           ok_codes: Sequence[int] = (0,)) -> Launched:
    """Run `command` as a fresh process through benchmarks/launch.py (see there why)."""
    with tempfile.TemporaryDirectory(prefix="qmsdesk-bench-out-") as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        done = subprocess.run([sys.executable, "-S", "-E", str(LAUNCHER), str(out), str(err), str(timeout), "--",
                               *command], capture_output=True, text=True, env=environ or env(), cwd=ROOT,
                              timeout=timeout + 60)
        if done.returncode != 0 or not done.stdout.strip():
            raise ChildFailed(f"launcher failed ({done.returncode}): {done.stderr[-1500:]}")
        info = json.loads(done.stdout.strip().splitlines()[-1])
        stdout = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
        stderr = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
    if info["timed_out"]:
        raise ChildFailed(f"{' '.join(command[:4])}… did not finish within {timeout:.0f} s: {stderr[-1500:]}")
    if info["returncode"] not in ok_codes:
        raise ChildFailed(f"{' '.join(command[:4])}… exited with {info['returncode']}: {stderr[-1500:]}")
    return Launched(info["start"], info["seconds"], info["max_rss_mib"], info["returncode"], stdout, stderr)


def run_python(code: str, *args: str, environ: dict[str, str] | None = None, timeout: float = 3600) -> str:
    """Set-up work in a child (not timed): python -c CODE ARGS; returns its stdout, raises with its stderr."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=environ or env(), cwd=ROOT, timeout=timeout)
    if done.returncode != 0:
        raise ChildFailed(f"set-up step failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def alternate(runs: int, ours, bare, warmup: bool = True) -> tuple[list[Any], list[Any]]:
    """Run ours and the baseline by turns (after one warm-up each), so a busy moment hits both alike."""
    if warmup:
        ours()
        if bare is not None:
            bare()
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        if bare is not None:
            b.append(bare())
    return a, b


# --- cache and machine ------------------------------------------------------------------------------

def fingerprint(*paths: Path | str, extra: str = "") -> str:
    """A short hash of the files (or folders of .py files) a cached artefact is made from."""
    h = hashlib.sha256(extra.encode())
    for p in paths:
        p = ROOT / p
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


def machine() -> dict[str, Any]:
    """nproc, RAM, CPU model, OS and versions: where the figures come from."""
    cpu = platform.processor() or "?"
    ram = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        ram = None
    versions = {}
    for name in ("PySide6", "sqlalchemy", "openpyxl", "reportlab", "psycopg"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:  # a missing optional library is reported as absent, not fatal
            versions[name] = None
    return {"nproc": os.cpu_count(), "ram_gib": ram, "cpu": cpu, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "load_avg": [round(x, 2) for x in os.getloadavg()],
            "versions": versions}
