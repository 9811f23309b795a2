"""Writing an exported file (template, chart PDF) to a folder the user chose: whole or not at all, one clear message."""

from __future__ import annotations

import errno
from pathlib import Path

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg


class ExportError(QmsError):
    """An export could not be written; nothing was left under the file's name."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return msg("磁盘或 U 盘已满", "the disk or USB stick is full")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return msg("文件夹只读或没有写权限", "the folder is read-only or not writable")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return msg("文件夹不存在或已被拔出", "the folder does not exist or was removed")
    return exc.strerror or str(exc)


def save_export(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path` via a temporary name and a rename (never half a file under the final name)."""
    from qmsdesk.sync.keys import write_atomically

    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(msg("无法写入 {p}：文件夹 {d} 不存在（U 盘是否已插好？）。没有写入任何文件。",
                              "Cannot write {p}: the folder {d} does not exist (is the USB stick plugged in?). Nothing "
                              "was written.", p=path.name, d=path.parent))
    try:
        write_atomically(path, data, mode=0o644)
    except OSError as exc:
        raise ExportError(msg("无法写入 {p}：{r}。没有留下不完整的文件，请换一个位置或腾出空间后重试。",
                              "Cannot write {p}: {r}. No partial file was left; choose another place or free some space "
                              "and try again.", p=path, r=_reason(exc))) from exc
    return path
