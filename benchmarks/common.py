"""Shared pieces of the benchmark harness: repeated timing, child processes, the machine's description."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CACHE = RESULTS / "cache"  # databases and packages made once and reused (git-ignored with results/)


@dataclass(frozen=True)
class Stat:
    """A figure from several runs: median with min and max."""

    median: float
    min: float
    max: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stat:
        values = list(values)
        return cls(statistics.median(values), min(values), max(values), len(values))

    def text(self, unit: str, scale: float = 1.0, digits: int = 2) -> str:
        f = f"{{:.{digits}f}}"
        return f"{f.format(self.median * scale)} {unit} ({f.format(self.min * scale)}–{f.format(self.max * scale)})"

    def to_json(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Row:
    """One line of the Markdown table: what, qmsdesk's figure, the baseline's, and their ratio."""

    what: str
    ours: Stat | None
    baseline: Stat | None
    unit: str
    scale: float = 1.0
    digits: int = 2
    note: str = ""
    higher_is_better: bool = False

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.baseline is None or not self.baseline.median or not self.ours.median:
            return None
        if self.higher_is_better:
            return self.baseline.median / self.ours.median
        return self.ours.median / self.baseline.median

    def markdown(self) -> str:
        ours = self.ours.text(self.unit, self.scale, self.digits) if self.ours else "—"
        base = self.baseline.text(self.unit, self.scale, self.digits) if self.baseline else "—"
        r = self.ratio
        ratio = "—" if r is None else (f"{r:.1f}×" if r >= 0.1 else f"{r:.3f}×")
        return f"| {self.what} | {ours} | {base} | {ratio} | {self.note} |"

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "unit": self.unit, "scale": self.scale, "note": self.note,
                "ours": self.ours.to_json() if self.ours else None,
                "baseline": self.baseline.to_json() if self.baseline else None, "ratio": self.ratio,
                "ratio_meaning": "baseline/ours (higher is better)" if self.higher_is_better else "ours/baseline"}


def timed(fn: Callable[[], Any], runs: int, warmup: int = 0) -> Stat:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Stat.of(times)


def env(**extra: str) -> dict[str, str]:
    base = dict(os.environ)
    base.setdefault("QT_QPA_PLATFORM", "offscreen" if not base.get("DISPLAY") else base.get("QT_QPA_PLATFORM", ""))
    base["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), base.get("PYTHONPATH", "")) if p)
    base.update(extra)
    return base


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # wall time from start to exit
    max_rss_mib: float  # the child's peak resident size
    stdout: str
    returncode: int


def run_child(argv: Sequence[str], *, environ: dict[str, str] | None = None, timeout: float = 600) -> ChildRun:
    """Run a process, returning its wall time and its own peak resident size (wait4's rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ or env(),
                            cwd=ROOT)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - start
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err[-2000:]}")
    rss = usage.ru_maxrss / 1024 if sys.platform.startswith("linux") else usage.ru_maxrss / 2**20
    return ChildRun(seconds, rss, out, proc.returncode)


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def forked(fn: Callable[[], Any]) -> tuple[float, float]:
    """Run `fn` once in a forked child: (seconds, peak resident growth in MiB during the run).

    Time and memory come from the same run, at full speed (tracemalloc would slow Python several times),
    and every run starts from the same warmed-up state. The child resets its peak (clear_refs 5) and
    reports VmHWM minus VmRSS at the start.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, leave without running the parent's clean-up
        code = 0
        try:
            os.close(read_end)
            Path("/proc/self/clear_refs").write_text("5")
            base = _status_mib("VmRSS")
            start = time.perf_counter()
            fn()
            seconds = time.perf_counter() - start
            os.write(write_end, json.dumps([seconds, _status_mib("VmHWM") - base]).encode())
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        text = fh.read().decode()
    _pid, status, _usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not text:
        raise RuntimeError(f"benchmark run failed in the child ({status})")
    seconds, growth = json.loads(text)
    return seconds, max(0.0, growth)


def child_json(args: Sequence[str], timeout: float = 900) -> dict[str, Any]:
    """Run `python -m benchmarks --child ...` and return the JSON it prints on its last line."""
    run = run_child([sys.executable, "-m", "benchmarks", "--child", *args], timeout=timeout)
    return json.loads(run.stdout.strip().splitlines()[-1])


def demo_database(folder: Path | None = None) -> Path:
    """The demo year (qmsdesk demo), made once into the cache."""
    folder = folder or CACHE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    if not path.exists():
        part = folder / "demo.db.part"
        for leftover in folder.glob("demo.db.part*"):
            leftover.unlink()
        subprocess.run([sys.executable, "-m", "qmsdesk", "demo", "--db", str(part)], check=True, env=env(),
                       capture_output=True, cwd=ROOT)
        os.replace(part, path)
        for side in ("-wal", "-shm"):
            Path(f"{part}{side}").unlink(missing_ok=True)
    return path


def machine() -> dict[str, Any]:
    """nproc, RAM, CPU model, OS and versions: where the figures come from."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    versions = {}
    for name in ("PySide6", "sqlalchemy", "openpyxl", "reportlab"):
        try:
            versions[name] = __import__(name).__version__
        except Exception:  # a missing optional library is reported as absent, not fatal
            versions[name] = None
    return {"nproc": os.cpu_count(), "ram_gib": ram, "cpu": cpu, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "load_avg": load, "versions": versions}
