"""The Chinese font's metrics are read once per font file and kept in the user's cache folder.

What is embedded and measured must be the same whether the metrics came from the font or the cache:
the same widths (line breaks, column fits) and the same subset bytes in the PDF.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qmsdesk.reports import fonts

SAMPLE = "质控小组月度报告 跌倒高危患者未复评 ABC 123 ①②"


def _embeddable() -> Path:
    for path in fonts.candidate_paths():
        if path.is_file() and fonts.outline_kind(path) == "glyf":
            return path
    pytest.skip("no embeddable TrueType Chinese font on this machine")


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _subset_bytes(font, text: str) -> bytes:
    glyphs = sorted({0, *(ord(ch) for ch in text)})
    return font.face.makeSubset(glyphs)


def test_the_second_read_comes_from_the_cache_and_embeds_the_same_bytes(cache_home):
    from reportlab.pdfbase.ttfonts import TTFont

    path = _embeddable()
    first = fonts._truetype(path)
    assert type(first) is TTFont  # read whole the first time
    assert list(cache_home.rglob("*.metrics"))
    again = fonts._truetype(path)
    assert type(again) is not TTFont and isinstance(again, TTFont)  # from the cache

    ours = {k: v for k, v in vars(again.face).items() if k != "_pdfScale"}
    theirs = {k: v for k, v in vars(first.face).items() if k != "_pdfScale"}
    assert ours.keys() == theirs.keys()
    for key in ours:
        assert ours[key] == theirs[key], key
    assert again.face._pdfScale(2048) == first.face._pdfScale(2048)
    assert again.stringWidth(SAMPLE, 9) == first.stringWidth(SAMPLE, 9)
    assert _subset_bytes(again, SAMPLE) == _subset_bytes(first, SAMPLE)


def test_a_changed_font_file_is_read_again(cache_home, tmp_path):
    from reportlab.pdfbase.ttfonts import TTFont

    copy = tmp_path / "font.ttc"
    copy.write_bytes(_embeddable().read_bytes())
    fonts._truetype(copy)
    assert type(fonts._truetype(copy)) is not TTFont
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # replaced by another version
    assert type(fonts._truetype(copy)) is TTFont
    assert len(list(cache_home.rglob("*.metrics"))) == 2


def test_a_damaged_cache_means_a_full_read_not_a_failure(cache_home):
    from reportlab.pdfbase.ttfonts import TTFont

    path = _embeddable()
    fonts._truetype(path)
    (cached,) = cache_home.rglob("*.metrics")
    cached.write_bytes(cached.read_bytes()[: 1000])
    font = fonts._truetype(path)
    assert type(font) is TTFont
    assert font.stringWidth(SAMPLE, 9) > 0
    assert type(fonts._truetype(path)) is not TTFont  # the full read wrote a whole cache again


def test_the_pdf_writer_runs_on_reportlabs_c_accelerator():
    """rl_accel is a dependency: without it reportlab silently formats every number of a chart in Python."""
    from reportlab.lib import rl_accel

    for name in ("fp_str", "instanceStringWidthTTF", "asciiBase85Encode"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name
