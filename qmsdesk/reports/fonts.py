"""Finding and registering a Chinese font that reportlab can embed in a PDF.

reportlab embeds only TrueType-outline (`glyf`) fonts; CFF-outline OpenType files (every Noto CJK /
Source Han file) fail with "postscript outlines are not supported". So each candidate's outline
table is read from the file header before reportlab is asked to load it. The order is: a font the
user configured (`QMSDESK_PDF_FONT`), a font shipped in `resources/fonts`, the system's fonts
(Windows Microsoft YaHei / SimSun / SimHei, Linux WenQuanYi / AR PL), and as the last resort
reportlab's built-in `STSong-Light` CID font, which is not embedded (the viewer substitutes a font).
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

from qmsdesk import config

log = logging.getLogger(__name__)

FONT_ENV = config.QMSDESK_PDF_FONT.name
FALLBACK_CID = "STSong-Light"
_PROBE = "质控"

_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf")
_LINUX_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)


@dataclass
class CJKFont:
    """The font the PDF writer uses: its reportlab name and whether it is embedded."""

    name: str
    path: Path | None
    embedded: bool
    _chars: set[int] | None = field(default=None, repr=False)

    def covers(self, ch: str) -> bool:
        """Whether the font has a glyph for `ch`; the CID fallback covers the BMP only."""
        if self._chars is None:
            return ord(ch) <= 0xFFFF
        return ord(ch) in self._chars


def outline_kind(path: Path, subfont: int = 0) -> str | None:
    """'glyf', 'CFF' or None (not a font file), read from the sfnt table directory only."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if subfont >= count:
                    return None
                fh.seek(12 + 4 * subfont)
                offset = struct.unpack(">I", fh.read(4))[0]
            fh.seek(offset)
            directory = fh.read(12)
            if len(directory) < 12:
                return None
            num_tables = struct.unpack(">H", directory[4:6])[0]
            tags = {fh.read(16)[:4] for _ in range(num_tables)}
    except OSError:
        return None
    if b"glyf" in tags:
        return "glyf"
    if b"CFF " in tags or b"CFF2" in tags:
        return "CFF"
    return None


def candidate_paths() -> list[Path]:
    """Font files to try, best first."""
    out: list[Path] = []
    configured = config.env(config.QMSDESK_PDF_FONT)
    if configured:
        out.append(Path(configured).expanduser())
    shipped = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    for base in (shipped, Path(__file__).resolve().parents[2] / "resources" / "fonts"):
        if base.is_dir():
            out.extend(sorted(p for p in base.iterdir() if p.suffix.lower() in (".ttf", ".ttc")))
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        out.extend(d / n for n in _WINDOWS_NAMES for d in (windir, local))
    else:
        out.extend(Path(p) for p in _LINUX_PATHS)
        for base in (Path.home() / ".local/share/fonts", Path.home() / ".fonts"):
            if base.is_dir():
                out.extend(sorted(p for p in base.rglob("*") if p.suffix.lower() in (".ttf", ".ttc")))
    return out


_registered: CJKFont | None = None


def cjk_font() -> CJKFont:
    """Register (once) and return the best usable Chinese font."""
    global _registered
    if _registered is None:
        _registered = _register()
    return _registered


def _register() -> CJKFont:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in candidate_paths():
        if not path.is_file():
            continue
        kind = outline_kind(path)
        if kind != "glyf":
            if kind == "CFF":
                log.info("skipping %s: CFF outlines cannot be embedded by reportlab", path)
            continue
        try:
            font = TTFont("QmsCJK", str(path), subfontIndex=0)
        except Exception as exc:  # reportlab raises TTFError and plain errors for broken files
            log.warning("cannot load font %s: %s", path, exc)
            continue
        chars = set(font.face.charToGlyph)
        if not all(ord(c) in chars for c in _PROBE):
            log.info("skipping %s: no Chinese glyphs", path)
            continue
        pdfmetrics.registerFont(font)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping("QmsCJK", bold, italic, "QmsCJK")
        log.info("PDF font: %s", path)
        return CJKFont("QmsCJK", path, True, chars)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    log.warning(
        "no embeddable TrueType Chinese font found; using the built-in %s CID font, which is not "
        "embedded (the PDF viewer substitutes its own font). Install fonts-wqy-microhei or set %s.",
        FALLBACK_CID, FONT_ENV,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return CJKFont(FALLBACK_CID, None, False, None)
