"""The quarantine: refused files, kept per unit with a reason beside each, within a quota.

A refused file is evidence the office may need (what did that unit send?), so it is kept, not deleted —
but a dishonest unit must not fill the office's disk by sending refusals. So each unit has its own folder
(`quarantine/<hospital>_<department>/`, `_other/` for files no unit delivered) with a cap on files and bytes
(config: QMSDESK_QUARANTINE_MAX_FILES, QMSDESK_QUARANTINE_MAX_MB), and the same body refused again is not
kept twice. A body over the cap, or already kept, is not stored again: the import journal still records
its name, hash and reason.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from qmsdesk import config
from qmsdesk.i18n import msg
from qmsdesk.sync.package import file_sha256

OTHER = "_other"
REASON_SUFFIX = ".reason.txt"


@dataclass(frozen=True)
class Quota:
    files: int
    bytes: int

    @classmethod
    def from_settings(cls) -> Quota:
        return cls(config.number(config.QMSDESK_QUARANTINE_MAX_FILES),
                   config.number(config.QMSDESK_QUARANTINE_MAX_MB) * 1024 * 1024)


@dataclass(frozen=True)
class Kept:
    """Where a refused file is now. `path` None: not kept; `note` says why (for the journal and the reply)."""

    path: Path | None
    note: str = ""


def free_name(folder: Path, name: str, sha: str | None) -> Path:
    """A name in `folder` that nothing has yet: the file's own, else with a counter (never an overwrite)."""
    target = folder / name
    n = 1
    while target.exists():
        if sha and target.is_file() and file_sha256(target) == sha:
            target = folder / f"{name}.{sha[:8]}-{n}"
        else:
            target = folder / f"{name}.{n}"
        n += 1
    return target


def _bodies(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.is_file() and not p.name.endswith(REASON_SUFFIX)]


def _same_body(folder: Path, sha: str, size: int) -> Path | None:
    for body in _bodies(folder):
        if body.stat().st_size == size and file_sha256(body) == sha:
            return body
    return None


def _release(path: Path, inside_inbox: bool) -> None:
    """A file the office received (inbox or upload) that is not kept goes; one picked from elsewhere stays."""
    if inside_inbox:
        path.unlink(missing_ok=True)


def put_in_quarantine(root: Path, path: Path, sha: str, unit_folder: str | None, *, inside_inbox: bool,
                      quota: Quota | None = None) -> Kept:
    """Keep a refused file under its unit's quota: moved when it came into the office, copied otherwise."""
    quota = quota or Quota.from_settings()
    folder = root / (unit_folder or OTHER)
    size = path.stat().st_size
    earlier = _same_body(folder, sha, size)
    if earlier is not None:
        _release(path, inside_inbox)
        return Kept(earlier, msg("与隔离区中已有的 {f} 内容相同，未重复保存", "the same as {f}, already in the quarantine; "
                                 "not stored twice", f=earlier.name))
    bodies = _bodies(folder)
    used = sum(b.stat().st_size for b in bodies)
    if len(bodies) + 1 > quota.files or used + size > quota.bytes:
        _release(path, inside_inbox)
        return Kept(None, msg("该单位的隔离区已满（{n} 个文件，{mb} MB），文件未保存", "the unit's quarantine is full ({n} files, "
                              "{mb} MB); the file was not stored", n=len(bodies), mb=used >> 20))
    return Kept(put_away(path, folder, sha, inside_inbox))


def put_away(path: Path, folder: Path, sha: str | None, inside_inbox: bool) -> Path:
    """Move a file out of the inbox (copy one picked from elsewhere) into `folder`, never over another file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder, path.name, sha)
    if inside_inbox:
        shutil.move(str(path), str(target))
    else:
        shutil.copy2(path, target)
    return target


def write_reason(kept: Path, text: str) -> Path:
    reason = kept.with_name(kept.name + REASON_SUFFIX)
    reason.write_text(text, encoding="utf-8")
    return reason
