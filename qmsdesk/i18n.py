"""The language of user-facing messages produced outside Qt (services, CLI, exports).

Messages are written where they are raised as a Chinese/English pair, so a reader sees both at
once; `msg()` picks the one for the current language. Simplified Chinese is the default.
The window translates its own text through Qt's `tr()`; it calls `set_language()` too so that
service errors match the window's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from qmsdesk import config

SUPPORTED = ("zh_CN", "en")
_language = "zh_CN"


def _normalise(code: str | None) -> str:
    if code and code.lower().startswith("en"):
        return "en"
    return "zh_CN"


def set_language(code: str | None) -> None:
    global _language
    _language = _normalise(code)


def language() -> str:
    return _language


@contextmanager
def data_language() -> Iterator[None]:
    """Chinese for the duration: text written into records (demo data, generated items) is data, and the
    unit's data is Chinese whatever language the window or the command line happens to speak."""
    global _language
    previous, _language = _language, "zh_CN"
    try:
        yield
    finally:
        _language = previous


def msg(zh: str, en: str, /, **values: object) -> str:
    """Return the message in the current language, formatted with `values`."""
    text = en if _language == "en" else zh
    return text.format(**values) if values else text


set_language(config.language())


def joined(items) -> str:
    """Items listed in the current language: 甲、乙、丙 or a, b, c."""
    return msg("、", ", ").join(items)


def bracketed(text: object, note: object) -> str:
    """A text with a note after it: 王芳（N000） or Wang Fang (N000)."""
    return msg("{t}（{n}）", "{t} ({n})", t=text, n=note)


def colon() -> str:
    """The colon after a caption: 医院名称： or Hospital name: ."""
    return msg("：", ": ")
