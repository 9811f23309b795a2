"""The installed package carries everything the program loads at run time."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_declared_packages_match_the_source_tree():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "qmsdesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    found.add("qmsdesk.resources")
    # Alembic's folders are loaded as files, not imported, but ship as packages too.
    found |= {"qmsdesk.db.migrations", "qmsdesk.db.migrations.versions"}
    assert declared == found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return zipfile.ZipFile(next(out.glob("qmsdesk-*.whl")))


def test_wheel_ships_migrations_and_resources(wheel):
    names = set(wheel.namelist())
    assert "qmsdesk/db/migrations/env.py" in names
    assert "qmsdesk/db/migrations/script.py.mako" in names
    assert "qmsdesk/db/migrations/versions/0001_initial_schema.py" in names
    assert "qmsdesk/db/migrations/versions/0002_staff_pinyin_initials.py" in names
    shipped_resources = {n for n in names if n.startswith("qmsdesk/resources/")}
    on_disk = {
        "qmsdesk/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".ts", ".pyc"}
    }
    assert on_disk <= shipped_resources
