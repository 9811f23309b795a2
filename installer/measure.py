"""Measure the built bundle: its size, and how fast the bundled program starts.

    python installer/measure.py [--bundle dist/qmsdesk] [--runs 5] [--json FILE]

Reports
- the bundle's size on disk and its biggest parts;
- `qmsdesk --version` wall time (the frozen interpreter and the CLI, no Qt window);
- the time from starting `qmsdesk --db DEMO` to its main window being mapped on an X server (Xvfb,
  started here on a free display): the first paint follows on that map's expose event. The program
  has no quit-after-paint switch, so the clock is read from the X server's MapNotify event, by a
  small libX11 client (ctypes), and the program is then ended.
The first run of each kind is shown apart: it reads the bundle from disk, later runs hit the page
cache (this machine does not let us drop the cache, so "cold" means "first after the build").
Linux only (Xvfb, libX11); the window timing is skipped with a note when Xvfb is missing.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
MAP_NOTIFY = 19


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def biggest_parts(bundle: Path, count: int = 8) -> list[tuple[str, int]]:
    internal = bundle / "_internal"
    parts = []
    for child in internal.iterdir():
        if child.is_symlink():  # PyInstaller links libQt6Core.so.6 etc. to PySide6/Qt/lib: counted there
            continue
        size = folder_size(child)[0] if child.is_dir() else child.stat().st_size
        parts.append((child.name, size))
    return sorted(parts, key=lambda p: -p[1])[:count]


def time_version(program: Path, runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([program, "--version"], check=True, capture_output=True, env=env, timeout=120)
        times.append(time.perf_counter() - start)
    return times


class XServer:
    """An Xvfb on a free display, and a libX11 connection that watches top-level windows appear."""

    def __init__(self) -> None:
        self.display = next(n for n in range(90, 190) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                            and not Path(f"/tmp/.X{n}-lock").exists())
        self.process = subprocess.Popen(["Xvfb", f":{self.display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xlib.XOpenDisplay.restype = ctypes.c_void_p
        self.xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.xlib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.xlib.XPending.argtypes = [ctypes.c_void_p]
        self.xlib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.xlib.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        deadline = time.monotonic() + 20
        self.conn = None
        while self.conn is None and time.monotonic() < deadline:
            time.sleep(0.05)
            self.conn = self.xlib.XOpenDisplay(f":{self.display}".encode()) or None
        if self.conn is None:
            self.close()
            raise RuntimeError("Xvfb did not start")
        root = self.xlib.XDefaultRootWindow(self.conn)
        self.xlib.XSelectInput(self.conn, root, SUBSTRUCTURE_NOTIFY_MASK)
        self.xlib.XPending(self.conn)  # flush the request
        self.event = ctypes.create_string_buffer(192)  # sizeof(XEvent)

    def drain(self) -> None:
        while self.xlib.XPending(self.conn):
            self.xlib.XNextEvent(self.conn, self.event)

    def wait_for_map(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        fd = self.xlib.XConnectionNumber(self.conn)
        while time.monotonic() < deadline:
            while self.xlib.XPending(self.conn):
                self.xlib.XNextEvent(self.conn, self.event)
                if ctypes.c_int.from_buffer(self.event).value == MAP_NOTIFY:
                    return True
            select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        return False

    def close(self) -> None:
        if self.conn:
            self.xlib.XCloseDisplay(self.conn)
        self.process.terminate()
        self.process.wait(timeout=10)


def time_window(program: Path, runs: int, env: dict[str, str], db: Path) -> list[float]:
    server = XServer()
    times = []
    try:
        window_env = dict(env, DISPLAY=f":{server.display}")
        window_env.pop("QT_QPA_PLATFORM", None)
        window_env.pop("WAYLAND_DISPLAY", None)
        for _ in range(runs):
            server.drain()
            start = time.perf_counter()
            proc = subprocess.Popen([program, "--db", db], env=window_env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            mapped = server.wait_for_map(timeout=120)
            elapsed = time.perf_counter() - start
            proc.terminate()
            _out, err = proc.communicate(timeout=30)
            if not mapped:
                raise RuntimeError(f"no window appeared within 120 s: {err.decode(errors='replace')[-2000:]}")
            times.append(elapsed)
    finally:
        server.close()
    return times


def summary(times: list[float]) -> dict[str, float]:
    later = times[1:] or times
    return {"first_s": round(times[0], 3), "median_later_s": round(statistics.median(later), 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3), "runs": len(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "qmsdesk", help="the bundle folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    program = args.bundle / "qmsdesk"
    if not program.exists():
        print(f"no bundle at {args.bundle}; build it with: python installer/build.py", file=sys.stderr)
        return 2

    size, files = folder_size(args.bundle)
    results: dict[str, object] = {"bundle": str(args.bundle), "size_mib": round(size / MIB, 1), "files": files,
                                  "biggest": {name: round(b / MIB, 1) for name, b in biggest_parts(args.bundle)}}
    print(f"bundle {args.bundle}: {size / MIB:.1f} MiB in {files} files")
    for name, b in biggest_parts(args.bundle):
        print(f"  {b / MIB:7.1f} MiB  {name}")

    with tempfile.TemporaryDirectory(prefix="qmsdesk-measure-") as tmp:
        env = dict(os.environ, QMSDESK_DATA_DIR=str(Path(tmp) / "data"), QT_QPA_PLATFORM="offscreen")
        version = time_version(program, args.runs, env)
        results["version"] = summary(version)
        print(f"qmsdesk --version: first {version[0]:.2f} s, later median {results['version']['median_later_s']:.2f} s"
              f" ({args.runs} runs)")
        if shutil.which("Xvfb"):
            db = Path(tmp) / "demo.db"
            subprocess.run([program, "demo", "--db", db], check=True, capture_output=True, env=env, timeout=600)
            window = time_window(program, args.runs, env, db)
            results["window"] = summary(window)
            print(f"start to main window shown (Xvfb, demo database): first {window[0]:.2f} s, "
                  f"later median {results['window']['median_later_s']:.2f} s ({args.runs} runs)")
        else:
            results["window"] = "skipped: Xvfb not installed (apt-get install xvfb)"
            print(results["window"])
    results["load_average"] = os.getloadavg()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
