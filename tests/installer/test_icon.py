"""The committed icon files are what installer/make_icon.py draws (they are generated, then shipped)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def make_icon():
    pytest.importorskip("PIL")
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "installer" / "make_icon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_svg_matches_its_source(make_icon):
    assert (ROOT / "resources/icons/qmsdesk.svg").read_text("utf-8") == make_icon.svg()


def test_committed_png_has_the_pixels_the_source_draws(make_icon):
    from PIL import Image

    with Image.open(ROOT / "resources/icons/qmsdesk.png") as shipped:
        assert shipped.size == (256, 256)
        assert shipped.convert("RGBA").tobytes() == make_icon.raster(256).convert("RGBA").tobytes()
