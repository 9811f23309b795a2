"""Reading a package's zip as a hostile file: the directory sized up before zipfile parses it, safe member
names, members read or hashed with a byte limit, and the refusal every check raises (PackageError).

package.py builds on these; nothing here knows what a package means, only what a zip may cost to read.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg

MAX_MEMBERS = 8  # members listed in a manifest, besides manifest.json and signature
# The zip's central directory of MAX_MEMBERS + 2 entries is a few KB; zipfile would parse millions of entries
# into memory before any count could be checked, so its size is read from the end record first.
MAX_DIRECTORY_BYTES = 64 * 1024
_EOCD = b"PK\x05\x06"


class PackageError(QmsError):
    """A package was refused. `code` names the reason for summaries; `member` the member concerned."""

    def __init__(self, message: str, code: str, member: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.member = member

    def __reduce__(self):  # sent whole from a batch's reading process (office/reader.py)
        return type(self), (self.args[0], self.code, self.member)


def refuse(path: Path, code: str, zh: str, en: str, member: str | None = None, **values) -> PackageError:
    reason = msg(zh, en, **values)
    return PackageError(msg("上报包 {f} 未通过校验：{r}", "Package {f} failed verification: {r}",
                            f=Path(path).name, r=reason), code, member)


def unsafe_zip_name(name: str) -> bool:
    parts = name.split("/")
    return (not name or name.startswith("/") or "\\" in name or ":" in name or ".." in parts
            or any(ord(c) < 32 for c in name) or name.endswith("/"))


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    if info.file_size > limit:
        raise refuse(path, "oversized", "成员“{n}”过大（{s} 字节，上限 {l}）。", "member '{n}' is too large ({s} bytes, limit {l}).",
                      info.filename, n=info.filename, s=info.file_size, l=limit)
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, UnicodeDecodeError) as exc:
        # NotImplementedError: a compression method zipfile does not know, i.e. a damaged or foreign member;
        # UnicodeDecodeError: a member header whose name says UTF-8 and is not (found by the fuzzer)
        raise refuse(path, "damaged_member", "成员“{n}”已损坏（{e}），文件在传输中被改动或截断。请让科室重新发送。",
                      "member '{n}' is damaged ({e}); the file was altered or cut short in transit. Ask the unit to "
                      "send it again.", info.filename, n=info.filename, e=exc) from exc
    if len(data) > limit:
        raise refuse(path, "oversized", "成员“{n}”过大（上限 {l} 字节）。", "member '{n}' is too large (limit {l} bytes).",
                      info.filename, n=info.filename, l=limit)
    return data


def hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a member read in 1 MiB pieces (never more than `limit` bytes inflated)."""
    digest, size = hashlib.sha256(), 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise refuse(path, "oversized", "成员“{n}”过大（上限 {l} 字节）。", "member '{n}' is too large "
                                  "(limit {l} bytes).", info.filename, n=info.filename, l=limit)
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, UnicodeDecodeError) as exc:
        raise refuse(path, "damaged_member", "成员“{n}”已损坏（{e}），文件在传输中被改动或截断。请让科室重新发送。",
                      "member '{n}' is damaged ({e}); the file was altered or cut short in transit. Ask the unit to "
                      "send it again.", info.filename, n=info.filename, e=exc) from exc
    return size, digest.hexdigest()


def precheck_zip(path: Path, content: bytes | None = None) -> None:
    """Refuse a zip whose directory is too big to be a package before zipfile parses it (zip64 included).

    `content`: the file's bytes when the caller has read them already (its end is looked at instead)."""
    if content is not None:
        _check_end(content[-(22 + 65535):], path)
        return
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 22 - 65535))
            tail = fh.read()
    except OSError as exc:
        raise PackageError(msg("无法读取文件 {p}（{e}）。", "Cannot read {p} ({e}).", p=path, e=exc.strerror or exc),
                           "not_found") from exc
    _check_end(tail, path)


def _check_end(tail: bytes, path: Path) -> None:
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise refuse(path, "not_a_package", "文件不完整（被截断）或不是上报包。请重新复制或让科室重新发送。",
                      "the file is truncated or not a package. Copy it again or ask the unit to resend it.")
    entries, directory = struct.unpack("<HI", tail[at + 10:at + 16])
    if entries > MAX_MEMBERS + 2 or directory > MAX_DIRECTORY_BYTES:
        raise refuse(path, "too_many_members", "包内文件过多或目录过大（{n} 个成员，目录 {d} 字节），不是本程序生成的上报包。",
                      "too many members or too large a directory ({n} members, {d} bytes): not made by qmsdesk.",
                      n=entries, d=directory)


def open_zip(path: Path, content: bytes | None = None) -> zipfile.ZipFile:
    """The zip at `path`, or in `content` (the bytes read from `path` once, hashed and checked from memory)."""
    if content is None and not path.is_file():
        raise PackageError(msg("找不到文件 {p}。", "File {p} not found.", p=path), "not_found")
    precheck_zip(path, content)
    try:
        return zipfile.ZipFile(path if content is None else io.BytesIO(content))
    except NotImplementedError as exc:  # zipfile's word for a zip feature or version it cannot read
        raise refuse(path, "not_a_package", "文件使用了本程序不支持的压缩格式（{e}），不是本程序生成的上报包，或已损坏。",
                      "the file uses a zip feature this program cannot read ({e}); it was not made by qmsdesk or it "
                      "is damaged.", e=exc) from exc
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError) as exc:
        raise refuse(path, "not_a_package", "文件不完整（被截断）或不是上报包。请重新复制或让科室重新发送。",
                      "the file is truncated or not a package. Copy it again or ask the unit to resend it.") from exc


def check_listing(zf: zipfile.ZipFile, path: Path, required: tuple[str, ...]) -> dict[str, zipfile.ZipInfo]:
    """Safe names, no zip passwords, no duplicates, at most MAX_MEMBERS + 2 entries, the `required` ones there."""
    infos = zf.infolist()
    for info in infos:
        if unsafe_zip_name(info.filename):
            raise refuse(path, "unsafe_name", "包内成员名“{n}”不安全（绝对路径、“..”或反斜杠），已拒绝。",
                          "member name '{n}' is unsafe (absolute path, '..' or backslash).", info.filename, n=info.filename)
        if info.flag_bits & 0x1:
            raise refuse(path, "unsafe_name", "成员“{n}”使用了 zip 密码加密，不是本程序生成的包。",
                          "member '{n}' uses zip password encryption; not made by qmsdesk.", info.filename, n=info.filename)
    if len(infos) > MAX_MEMBERS + 2:
        raise refuse(path, "too_many_members", "包内文件过多（{n} 个，上限 {l}）。", "too many members ({n}, limit {l}).",
                      n=len(infos), l=MAX_MEMBERS + 2)
    by_name = {i.filename: i for i in infos}
    if len(by_name) != len(infos):
        raise refuse(path, "duplicate_member", "包内有重名成员。", "the package holds duplicate member names.")
    for name in required:
        if name not in by_name:
            raise refuse(path, "missing_member", "缺少“{n}”。", "'{n}' is missing.", name, n=name)
    return by_name


