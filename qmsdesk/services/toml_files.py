"""Reading a TOML file a user or the program supplies (checklists, the factor vocabulary) with one clear message."""

from __future__ import annotations

import tomllib
from pathlib import Path

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg


def read_toml(path: Path, error: type[QmsError], what_zh: str, what_en: str) -> dict:
    """The parsed file, or `error` saying what is wrong with it (missing, unreadable, not UTF-8, not TOML)."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise error(msg("找不到{w}：{p}", "{w} not found: {p}", w=msg(what_zh, what_en), p=path)) from exc
    except UnicodeDecodeError as exc:
        raise error(msg("{w}（{p}）不是 UTF-8 编码的文本。", "{w} ({p}) is not UTF-8 text.", w=msg(what_zh, what_en),
                        p=path.name)) from exc
    except OSError as exc:
        raise error(msg("无法读取{w}（{p}）：{e}", "Cannot read {w} ({p}): {e}", w=msg(what_zh, what_en), p=path,
                        e=exc.strerror or exc)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(msg("{w}格式错误（{p}）：{e}", "{w} is malformed ({p}): {e}", w=msg(what_zh, what_en), p=path.name,
                        e=exc)) from exc
