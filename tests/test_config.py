"""Every setting is declared once (qmsdesk/config.py), read through it, and documented in the README from it."""

from __future__ import annotations

import re
from pathlib import Path

from qmsdesk import config

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_table_is_the_one_the_declarations_make():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme:settings -->\n(.*?)\n<!-- /readme:settings -->", readme, re.S)
    assert found, "README.md has no settings table between its markers"
    assert found.group(1) == config.markdown_table(), "run python -m qmsdesk.config and paste its table into README.md"


def test_the_program_reads_its_variables_only_through_the_registry():
    declared = {v.name for v in config.ENVIRONMENT}
    readers = re.compile(r"os\.environ(?:\.get)?[\[(]\s*[\"']([A-Z_]+)[\"']|os\.getenv\(\s*[\"']([A-Z_]+)[\"']")
    outside = []
    for path in (ROOT / "qmsdesk").rglob("*.py"):
        if path.name == "config.py" and path.parent.name == "qmsdesk":
            continue
        for match in readers.finditer(path.read_text(encoding="utf-8")):
            name = match.group(1) or match.group(2)
            if name.startswith("QMSDESK_") or name in declared:
                outside.append(f"{path.relative_to(ROOT)}: {name}")
    assert outside == []


def test_every_qmsdesk_variable_the_code_names_is_declared():
    named = set()
    for path in (ROOT / "qmsdesk").rglob("*.py"):
        named |= set(re.findall(r"\bQMSDESK_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert named <= {v.name for v in config.ENVIRONMENT}, named - {v.name for v in config.ENVIRONMENT}


def test_the_language_is_the_command_line_then_the_environment_then_settings(monkeypatch):
    monkeypatch.delenv("QMSDESK_LANG", raising=False)
    assert config.language() == "zh_CN" and config.language(stored="en") == "en"
    monkeypatch.setenv("QMSDESK_LANG", "en")
    assert config.language(stored="zh_CN") == "en"
    assert config.language("zh_CN", stored="en") == "zh_CN"
