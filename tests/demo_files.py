"""The program run as a user runs it, and private copies of the run's demo year (tests/conftest.py `demo_year`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEMO_UNTIL = "2026-10"


def run_qmsdesk(*args, cwd) -> subprocess.CompletedProcess:
    """The program in a process of its own, with its data folder in `cwd`."""
    return _run([sys.executable, "-m", "qmsdesk", *map(str, args)], cwd, 180)


def run_python(code: str, cwd, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -c code` in a fresh process (nothing imported yet: what a command would import), data folder `cwd`."""
    return _run([sys.executable, "-c", code], cwd, timeout)


def _run(command: list[str], cwd, timeout: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", QMSDESK_DATA_DIR=str(cwd))
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def demo_copy(demo_year: Path, folder: Path) -> Path:
    """A private copy of the demo year in `folder`."""
    path = folder / "demo.db"
    shutil.copyfile(demo_year, path)
    return path
