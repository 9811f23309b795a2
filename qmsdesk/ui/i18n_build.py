"""Rebuild the window's translations: `python -m qmsdesk.ui.i18n_build`.

1. `pyside6-lupdate` reads every `tr()` / `QCoreApplication.translate()` in qmsdesk/ui and updates
   resources/translations/qmsdesk_<lang>.ts (existing translations are kept; the source language is
   Simplified Chinese, so English is the one file translators fill in, e.g. with pyside6-linguist);
2. `pyside6-lrelease` compiles each .ts into the .qm the program loads.

`--release-only` skips step 1 (the test that checks shipped .qm files against their .ts uses it).
The .qm files are generated: never edit them, run this command and commit both files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
PACKAGE_UI = Path(__file__).resolve().parent
TRANSLATIONS = PACKAGE_UI.parent.parent / "resources" / "translations"


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (a venv's bin/Scripts), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE_UI.rglob("*.py") if p.name != "i18n_build.py")


def ts_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"qmsdesk_{language}.ts"


def qm_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"qmsdesk_{language}.qm"


def update(language: str, folder: Path = TRANSLATIONS) -> None:
    cmd = [tool("pyside6-lupdate"), *map(str, sources()), "-source-language", "zh_CN",
           "-target-language", language, "-locations", "none", "-no-obsolete", "-ts", str(ts_path(language, folder))]
    subprocess.run(cmd, check=True, capture_output=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qmsdesk.ui.i18n_build", description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="compile the .ts files without lupdate")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if not args.release_only:
            update(language)
        release(ts_path(language), qm_path(language))
        print(f"{qm_path(language).relative_to(TRANSLATIONS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
