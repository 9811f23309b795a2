"""The user manual: a section for every page of both windows, in both languages, showing only screenshots the
self-test makes, in HTML that Qt's help viewer (QTextBrowser) reads, anchors and all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qmsdesk import manual

ROOT = Path(__file__).resolve().parents[1]


def html(language: str) -> str:
    return manual.manual_path(language).read_text("utf-8")


def ward_page_keys() -> list[str]:
    from qmsdesk.ui.registry import WARD_PAGES

    return [spec.key for spec in WARD_PAGES]


def office_page_keys() -> list[str]:
    from qmsdesk.ui.registry import OFFICE_PAGES

    return [spec.key for spec in OFFICE_PAGES]


def test_the_manual_ships_in_the_package_for_both_languages():
    for language in manual.LANGUAGES:
        path = manual.manual_path(language)
        assert path.is_file() and path.parent.parent == ROOT / "resources" / "manual"
    assert manual.manual_path("en_GB").parent.name == "en" and manual.manual_path(None).parent.name == "zh_CN"
    assert (ROOT / "resources" / "manual" / "manual.css").is_file()  # the style both languages link to
    url = manual.manual_url("ledger", "zh_CN")
    assert url.startswith("file://") and url.endswith("/zh_CN/manual.html#ledger")


@pytest.mark.parametrize("language", manual.LANGUAGES)
def test_every_page_of_both_windows_has_its_section(language):
    assert list(manual.WARD_PAGES) == ward_page_keys()
    assert list(manual.OFFICE_PAGES) == office_page_keys()
    found = manual.anchors(html(language))
    missing = [key for key in (*ward_page_keys(), *office_page_keys()) if key not in found]
    assert missing == []


def test_both_languages_have_the_same_sections_and_pictures():
    zh, en = html("zh_CN"), html("en")
    assert manual.anchors(zh) == manual.anchors(en)
    assert manual.image_sources(zh) == manual.image_sources(en)


@pytest.mark.parametrize("language", manual.LANGUAGES)
def test_links_lead_somewhere_and_nothing_needs_a_browser(language):
    text = html(language)
    targets = set(re.findall(r'href="#([^"]+)"', text))
    assert targets <= manual.anchors(text)
    assert not re.search(r"<script|javascript:|onclick=|<iframe|https?://", text, re.I)
    # Unfinished parts are marked so they are easy to find and update: every "coming" block says so.
    marker = "【建设中】" if language == "zh_CN" else "[Coming]"
    blocks = re.findall(r'class="coming">(.*?)</(?:p|li)>', text, re.S)
    assert blocks and all(b.startswith(marker) for b in blocks)


@pytest.mark.parametrize("language", manual.LANGUAGES)
def test_qt_help_viewer_finds_every_anchor_and_scrolls_to_it(qapp, language):
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QTextBrowser

    browser = QTextBrowser()
    browser.resize(900, 700)
    browser.setSource(QUrl(manual.manual_url(None, language)))
    browser.show()
    qapp.processEvents()
    doc = browser.document()
    names: set[str] = set()
    block = doc.begin()
    while block.isValid():
        for piece in block:
            names.update(piece.fragment().charFormat().anchorNames())
        block = block.next()
    assert set(ward_page_keys()) | set(office_page_keys()) <= names
    assert ("月度上报" if language == "zh_CN" else "Monthly submission") in doc.toPlainText()
    positions = []
    for key in ("dashboard", "ledger", "settings", "office-report"):
        browser.scrollToAnchor(key)
        qapp.processEvents()
        positions.append(browser.verticalScrollBar().value())
    assert positions == sorted(positions) and len(set(positions)) == 4 and positions[0] > 0
    browser.close()


def test_the_manual_shows_only_screenshots_the_selftest_makes(tmp_path):
    """The build step runs `qmsdesk selftest --screenshots` on demo data; every picture the manuals show must be
    one it made (the names do not depend on the language, so one language's run checks both manuals)."""
    made = manual.build(("zh_CN",), tmp_path)["zh_CN"]
    names = {p.name for p in made}
    assert {f"{key}.png" for key in (*ward_page_keys(), *office_page_keys())} <= names
    for language in manual.LANGUAGES:
        shown = [Path(src) for src in manual.image_sources(html(language))]
        assert shown and all(src.parent.as_posix() == manual.IMAGES for src in shown)
        assert [src.name for src in shown if src.name not in names] == []
    widths = {_png_width(p) for p in made}
    assert max(widths) <= manual.WIDTH


def _png_width(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:20], "big")


def test_the_screenshots_are_generated_not_committed():
    ignored = (ROOT / ".gitignore").read_text("utf-8")
    assert "resources/manual/*/images/" in ignored
