"""Finding and registering a Chinese font that reportlab can embed in a PDF.

reportlab embeds only TrueType-outline (`glyf`) fonts; CFF-outline OpenType files (every Noto CJK /
Source Han file) fail with "postscript outlines are not supported". So each candidate's outline
table is read from the file header before reportlab is asked to load it. The order is: a font the
user configured (`QMSDESK_PDF_FONT`), a font shipped in `resources/fonts`, the system's fonts
(Windows Microsoft YaHei / SimSun / SimHei, Linux WenQuanYi / AR PL), and as the last resort
reportlab's built-in `STSong-Light` CID font, which is not embedded (the viewer substitutes a font).

Reading a Chinese font's metrics (cmap and widths of ~35,000 glyphs) takes reportlab a third of a second,
every time a program writes its first PDF: as long as the rest of a month's submission. So the metrics
of the chosen file are kept in the user's cache folder, keyed by the file (path, size, time) and the
reportlab version, and read back in milliseconds; anything unexpected in the cache means a full read.
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
FONT_NAME = "QmsCJK"
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

    for path in candidate_paths():
        if not path.is_file():
            continue
        kind = outline_kind(path)
        if kind != "glyf":
            if kind == "CFF":
                log.info("skipping %s: CFF outlines cannot be embedded by reportlab", path)
            continue
        try:
            font = _truetype(path)
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
                addMapping(FONT_NAME, bold, italic, FONT_NAME)
        log.info("PDF font: %s", path)
        return CJKFont(FONT_NAME, path, True, chars)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    log.warning(
        "no embeddable TrueType Chinese font found; using the built-in %s CID font, which is not "
        "embedded (the PDF viewer substitutes its own font). Install fonts-wqy-microhei or set %s.",
        FALLBACK_CID, FONT_ENV,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return CJKFont(FALLBACK_CID, None, False, None)


# --- the metrics cache ------------------------------------------------------------------------------

_CACHE_FORMAT = 2
_NOT_CACHED = ("_ttf_data", "_pdfScale")  # the file's bytes (read afresh) and a function (made afresh)


def _ints(values) -> bytes:
    from array import array

    return array("l", values).tobytes()


def _unints(blob: bytes) -> list[int]:
    from array import array

    return array("l", blob).tolist()


def _pack_map(mapping: dict) -> tuple[bytes, bytes]:
    from array import array

    return _ints(mapping), array("d", mapping.values()).tobytes()


def _unpack_map(packed: tuple[bytes, bytes]) -> dict:
    from array import array

    keys, values = packed
    return dict(zip(_unints(keys), array("d", values).tolist(), strict=True))


def _pack_int_map(mapping: dict) -> tuple[bytes, bytes]:
    return _ints(mapping), _ints(mapping.values())


def _unpack_int_map(packed: tuple[bytes, bytes]) -> dict:
    return dict(zip(*map(_unints, packed), strict=True))


def _pack_lists(mapping: dict) -> tuple[bytes, bytes, bytes]:
    return _ints(mapping), _ints(len(v) for v in mapping.values()), _ints(x for v in mapping.values() for x in v)


def _unpack_lists(packed: tuple[bytes, bytes, bytes]) -> dict:
    keys, counts, flat = map(_unints, packed)
    out, at = {}, 0
    for key, n in zip(keys, counts, strict=True):
        out[key] = flat[at:at + n]
        at += n
    return out


def _pack_pairs(pairs: list) -> tuple[list, list]:
    return [a for a, _ in pairs], [b for _, b in pairs]  # advances are floats, side bearings ints


def _unpack_pairs(packed: tuple[list, list]) -> list:
    return list(zip(*packed, strict=True))


# The four big tables, as arrays: marshal builds 35,000 small objects of each far slower than array does.
_PACKERS = {
    "charToGlyph": (_pack_int_map, _unpack_int_map),
    "charWidths": (_pack_map, _unpack_map),
    "glyphToChar": (_pack_lists, _unpack_lists),
    "hmetrics": (_pack_pairs, _unpack_pairs),
}


def _cache_file(path: Path) -> Path | None:
    """Where the metrics of this very file are kept: a changed file or reportlab version gets a new name."""
    import hashlib

    import reportlab
    from platformdirs import user_cache_dir

    try:
        st = path.stat()
        key = f"{_CACHE_FORMAT}|{reportlab.Version}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
        folder = Path(user_cache_dir(config.APP_NAME, config.APP_AUTHOR)) / "fonts"
    except OSError:
        return None
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:20]}.metrics"


def _truetype(path: Path):
    """reportlab's TTFont for `path`: from the cached metrics when this file was read before, else read whole."""
    from reportlab.pdfbase.ttfonts import TTFont

    cache = _cache_file(path)
    font = _from_cache(path, cache) if cache is not None else None
    if font is None:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
        if cache is not None:
            _save(cache, font)
    return font


def _save(cache: Path, font) -> None:
    """Keep the face's metrics (marshal: plain data only, nothing in it runs when it is read back)."""
    import marshal

    from reportlab.pdfbase.ttfonts import TTFNameBytes

    face = {k: v for k, v in vars(font.face).items() if k not in _NOT_CACHED}
    names = {k: v.ustr for k, v in face.items() if isinstance(v, TTFNameBytes)}
    try:
        packed = {k: _PACKERS[k][0](face[k]) for k in _PACKERS}
    except (KeyError, TypeError, ValueError, OverflowError):  # not the shapes this reportlab had: no cache
        log.info("font metrics of %s not cached: unexpected shapes", font.face.filename)
        return
    saved = {
        "face": {k: v for k, v in face.items() if k not in names and k not in _PACKERS},
        "packed": packed,
        "names": names,
        "font": {k: v for k, v in vars(font).items() if k not in ("face", "encoding", "state")},
        "font_attrs": sorted(vars(font)),
        "face_attrs": sorted(vars(font.face)),
    }
    try:
        blob = marshal.dumps(saved)
    except ValueError:  # a reportlab that keeps other kinds of objects in the face: no cache
        log.info("font metrics of %s not cached: not plain data", font.face.filename)
        return
    try:
        config.private_dir(cache.parent)
        part = cache.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(blob)
        os.replace(part, cache)
    except OSError as exc:  # a read-only or full cache folder only costs the next run the full read
        log.info("font metrics not cached in %s: %s", cache, exc)


def _from_cache(path: Path, cache: Path):
    """The TTFont rebuilt from the cache, or None (no cache, or one this reportlab would not have written)."""
    import marshal

    try:
        saved = marshal.loads(cache.read_bytes())
        face_data, names = saved["face"], saved["names"]
        face_data.update({k: _PACKERS[k][1](v) for k, v in saved["packed"].items()})
        font_data, font_attrs, face_attrs = saved["font"], saved["font_attrs"], saved["face_attrs"]
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    try:
        font = _cached_font_class()(path, face_data, names, font_data)
    except Exception as exc:  # a damaged cache: read the font itself
        log.info("font metrics cache %s not usable: %s", cache, exc)
        return None
    if sorted(vars(font)) != font_attrs or sorted(vars(font.face)) != face_attrs:
        return None
    return font


_font_class = None


def _cached_font_class():
    """TTFont and its face, made from cached metrics (classes made on first use: reportlab loads lazily)."""
    global _font_class
    if _font_class is not None:
        return _font_class
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    class CachedFace(TTFontFace):
        def __init__(self, filename: str, data: dict, names: dict) -> None:
            self._cached = (data, names)
            super().__init__(filename, subfontIndex=0)  # reads the file and its table directory, then extractInfo

        def extractInfo(self, charInfo=1) -> None:
            data, names = self.__dict__.pop("_cached")
            self.__dict__.update(data)
            for key, text in names.items():
                setattr(self, key, TTFNameBytes(text.encode("utf8")))
            per_unit = 1000 / self.unitsPerEm  # what extractInfo makes from the head table
            self._pdfScale = (lambda x: x) if self.unitsPerEm == 1000 else (lambda x: x * per_unit)

    class CachedFont(TTFont):
        def __init__(self, path: Path, data: dict, names: dict, attrs: dict) -> None:
            # What TTFont.__init__ sets, with the face from the cache; the attribute check in
            # _from_cache notices a reportlab that sets more.
            self.__dict__.update(attrs)
            self.face = CachedFace(str(path), data, names)
            self.encoding = TTEncoding()
            self.state = WeakKeyDictionary()

    _font_class = CachedFont
    return _font_class
