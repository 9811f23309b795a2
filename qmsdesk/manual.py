"""The user manual (用户手册): where it is, the anchor of each page in it, and the step that makes its screenshots.

The manual is HTML that Qt's QTextBrowser shows (resources/manual/<language>/manual.html), one anchor per
page of the two windows, so F1 can open it where the user is (`manual_url(page_key, language)`).
Its screenshots are not kept in git: they are taken from the program itself by `qmsdesk selftest
--screenshots` on the demo data, so they never show an older window. Make them with

    python -m qmsdesk.manual            # both languages, into resources/manual/<language>/images/

(the installer build runs it before bundling). The screenshots are taken by `qmsdesk` run as a separate
process; only `shrink` imports Qt (QImage), to make the window's 1280-pixel shots fit a help viewer.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from qmsdesk.ui import registry

LANGUAGES = ("zh_CN", "en")
# The pages the manual has a section for: the windows' own registry (qmsdesk/ui/registry.py).
WARD_PAGES = tuple(spec.key for spec in registry.WARD_PAGES)
OFFICE_PAGES = tuple(spec.key for spec in registry.OFFICE_PAGES)
IMAGES = "images"
WIDTH = 760  # pixels: a page shot this wide reads well beside the help text without scrolling sideways
_SOURCE = Path(__file__).resolve().parent.parent / "resources" / "manual"


def manual_folder() -> Path:
    """resources/manual of this installation (the source tree, the installed package or the bundle)."""
    from importlib.resources import files

    return Path(str(files("qmsdesk.resources") / "manual"))


def manual_path(language: str | None = None) -> Path:
    lang = "en" if (language or "").lower().startswith("en") else "zh_CN"
    return manual_folder() / lang / "manual.html"


def manual_url(page_key: str | None = None, language: str | None = None) -> str:
    """file:///…/manual.html#page_key — what the window's help viewer opens for the page the user is on."""
    url = manual_path(language).as_uri()
    return f"{url}#{page_key}" if page_key else url


def anchors(html: str) -> set[str]:
    """The names a link or F1 can jump to (`<a name="…">`, as QTextBrowser.scrollToAnchor finds them)."""
    return set(re.findall(r"<a\s+name=\"([^\"]+)\"", html))


def image_sources(html: str) -> list[str]:
    return re.findall(r"<img\s[^>]*src=\"([^\"]+)\"", html)


# --- screenshots ----------------------------------------------------------------------------------

def screenshot_name(selftest_file: str) -> str:
    """'03-staff.png' → 'staff.png', '01-office-completeness.png' → 'office-completeness.png' (the number is
    the sidebar position, which may change); dialogs keep their name ('dlg-ledger-closed.png')."""
    return re.sub(r"^\d+-", "", selftest_file)


def take_screenshots(language: str, dest: Path, work: Path) -> list[Path]:
    """Run the self-test on a fresh demo database in `language` and put its screenshots into `dest` under
    stable names. Returns the files written; raises RuntimeError with the program's output on failure."""
    data = work / language / "data"
    shots = work / language / "shots"
    db = data / "qmsdesk.db"
    data.mkdir(parents=True, exist_ok=True)
    # The office's part runs on a demo county (a few units, a year of packages) with keys of its own in the
    # throw-away data folder, never the machine's keyring.
    env = dict(os.environ, QMSDESK_DATA_DIR=str(data), QMSDESK_LANG=language, QMSDESK_USER="护士长",
               QMSDESK_KEY_PASSPHRASE="manual-screenshots", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    for name in ("QMSDESK_DB", "QMSDESK_OFFICE_DB", "QMSDESK_OFFICE_DIR"):
        env.pop(name, None)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    for args in (["demo", "--db", str(db)], ["--lang", language, "selftest", "--db", str(db), "--screenshots", str(shots)],
                 ["office", "demo", "--units", "3", "--departments", "3", "--out", str(work / language / "packages"),
                  "--import"],
                 ["--lang", language, "selftest", "--office", "--screenshots", str(shots)]):
        done = subprocess.run([sys.executable, "-m", "qmsdesk", *args], env=env, capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"qmsdesk {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.png"):
        old.unlink()
    written = []
    for png in sorted(shots.glob("*.png")):
        target = dest / screenshot_name(png.name)
        shutil.copyfile(png, target)
        written.append(target)
    shrink(written)
    return written


def shrink(files: list[Path], width: int = WIDTH) -> None:
    """Scale images wider than `width` down to it, smoothly (QTextBrowser would scale them coarsely)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    for path in files:
        image = QImage(str(path))
        if image.width() > width:
            image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation).save(str(path))


def build(languages: tuple[str, ...] = LANGUAGES, root: Path | None = None) -> dict[str, list[Path]]:
    """Screenshots for each language into <root>/<language>/images (root: the source tree's resources/manual)."""
    root = root or _SOURCE
    with tempfile.TemporaryDirectory(prefix="qmsdesk-manual-") as work:
        return {lang: take_screenshots(lang, root / lang / IMAGES, Path(work)) for lang in languages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qmsdesk.manual", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    parser.add_argument("--dest", type=Path, default=_SOURCE, help="the manual folder (default: resources/manual)")
    args = parser.parse_args(argv)
    made = build(tuple(args.lang or LANGUAGES), args.dest)
    for lang, files in made.items():
        html = (args.dest / lang / "manual.html").read_text("utf-8")
        names = {f.name for f in files}
        missing = [src for src in image_sources(html) if Path(src).name not in names]
        print(f"{lang}: {len(files)} screenshots in {args.dest / lang / IMAGES}")
        if missing:
            print(f"{lang}: the manual shows images the self-test did not make: {', '.join(missing)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
