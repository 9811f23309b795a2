"""Getting a package to the office: a folder (USB stick, mapped share) or an HTTP upload.

Folder: copy under a temporary name, fsync, re-read the copy and compare its SHA-256, then rename —
the office's inbox scanner never sees half a file, and a bad stick is caught before the user leaves.
HTTP (the office receiver, office/server.py), with urllib so no new dependency:

    POST {url}/packages            body: the package bytes, streamed from the file
        Authorization: Bearer <unit token>     Content-SHA256: <hex>     X-Qmsdesk-Filename: <name>
        → JSON {"outcome": "applied" | "kept" | "unchanged" | "held" | "refused" | "error", "code", "message",
                "file", "sha256"}: the office importer's own result
    GET  {url}/receipts            → JSON [{"name": "<file>.receipt.json", "sha256": "<hex>"}, ...]
    GET  {url}/receipts/<name>     → the receipt file

The unit acts on the outcome: `held` comes back as an UploadResult saying what the office must do;
`refused` raises OfficeRefused (code and reason), which the outbox records as state `refused`. Uploads
are repeat-safe (the office deduplicates by hash), so network errors, 408, 429 and 5xx are retried with
exponential back-off; other failures are final and their message is shown.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.sync.package import file_sha256

_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
MAX_RECEIPT_BYTES = 256 * 1024


class TransportError(QmsError):
    """Sending failed; the package is still in the outbox. `retryable` says whether trying later may help."""

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


def _kept(path: Path) -> str:
    return msg("上报包仍保存在发件箱（{p}），可稍后重新发送。", " The package is still in the outbox ({p}); send it again later.",
               p=path)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def send_to_folder(package: Path, folder: Path | str) -> Path:
    """Copy the package into `folder` safely; return the final path. Repeat-safe: an identical copy is kept."""
    package, folder = Path(package), Path(folder)
    if not folder.exists():
        raise TransportError(msg("目标文件夹 {d} 不存在（U 盘是否已插好、共享盘是否已连接？）。", "The folder {d} does not exist "
                                 "(is the USB stick plugged in, the share connected?).", d=folder) + _kept(package))
    if not folder.is_dir():
        raise TransportError(msg("{d} 不是文件夹。", "{d} is not a folder.", d=folder) + _kept(package))
    if not os.access(folder, os.W_OK):
        raise TransportError(msg("目标文件夹 {d} 不可写（只读的 U 盘或没有写权限）。", "The folder {d} is not writable "
                                 "(read-only stick or no permission).", d=folder) + _kept(package))
    expected = file_sha256(package)
    final = folder / package.name
    if final.exists():
        if file_sha256(final) == expected:
            return final
        raise TransportError(msg("目标文件夹中已有内容不同的同名文件 {f}，不会覆盖。请检查是否误用了旧的 U 盘内容。",
                                 "A different file named {f} is already in the folder and is not overwritten.",
                                 f=final) + _kept(package), retryable=False)
    tmp = folder / f".{package.name}.partial"
    try:
        with package.open("rb") as src, tmp.open("wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
            if hasattr(os, "posix_fadvise"):
                # Drop the cached pages so the check below reads what the stick really holds.
                os.posix_fadvise(dst.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        if file_sha256(tmp) != expected:
            raise TransportError(msg("复制到 {d} 后校验不一致（U 盘可能有坏块），已放弃这次复制。", "The copy in {d} does not "
                                     "match the original (faulty stick?); the copy was discarded.", d=folder) + _kept(package))
        os.replace(tmp, final)
        _fsync_dir(folder)
    except OSError as exc:
        raise TransportError(msg("无法写入 {d}：{e}。", "Cannot write to {d}: {e}.", d=folder, e=exc.strerror or exc)
                             + _kept(package)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return final


class OfficeRefused(TransportError):
    """The office looked at the package and refused it (wrong unit, key, conflict…): sending again the same
    file cannot help. `code` is the importer's reason code, `reason` its message."""

    def __init__(self, code: str | None, reason: str, status: int) -> None:
        super().__init__(msg("质控办拒收了上报包（HTTP {c}：{r}）", "The office refused the package (HTTP {c}: {r})",
                             c=status, r=reason), retryable=False)
        self.code, self.reason, self.http_status = code or "refused", reason, status


@dataclass(frozen=True)
class UploadResult:
    sha256: str
    status: str  # "received" or "duplicate" as the office said
    attempts: int
    outcome: str = "applied"  # applied | kept | unchanged | held, as the office's importer decided
    code: str | None = None
    message: str = ""
    file: str = ""  # the file the office imported (or holds)

    @property
    def held(self) -> bool:
        return self.outcome == "held"


def _endpoint(url: str, *parts: str) -> str:
    return url.rstrip("/") + "/" + "/".join(urllib.parse.quote(p) for p in parts)


def _server_doc(err: urllib.error.HTTPError) -> dict:
    try:
        body = err.read(65536).decode("utf-8", "replace")
    except OSError:
        return {"detail": err.reason or ""}
    try:
        doc = json.loads(body)
    except ValueError:
        return {"detail": body.strip() or str(err.reason)}
    return doc if isinstance(doc, dict) else {"detail": body.strip()}


def _server_text(err: urllib.error.HTTPError) -> str:
    doc = _server_doc(err)
    return str(doc.get("message") or doc.get("detail") or doc.get("error") or err.reason or "")


def _result(doc: dict, sha: str, attempt: int, package: Path) -> UploadResult:
    echoed = doc.get("sha256", sha)
    if echoed != sha:
        raise TransportError(msg("接收端收到的内容校验值（{g}）与本地（{e}）不一致。", "The receiver got content "
                                 "with hash {g}, expected {e}.", g=echoed, e=sha) + _kept(package))
    return UploadResult(sha, str(doc.get("status") or "received"), attempt, str(doc.get("outcome") or "applied"),
                        doc.get("code"), str(doc.get("reason") or doc.get("message") or ""),
                        str(doc.get("file") or package.name))


def _post(url: str, package: Path, headers: dict[str, str], timeout: float) -> dict:
    with package.open("rb") as body:  # streamed: the unit never holds the whole package in memory
        request = urllib.request.Request(_endpoint(url, "packages"), data=body, method="POST",
                                         headers={**headers, "Content-Length": str(package.stat().st_size)})
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            doc = json.loads(resp.read(65536).decode("utf-8") or "{}")
    return doc if isinstance(doc, dict) else {}


def _final(err: urllib.error.HTTPError, package: Path) -> TransportError:
    doc = _server_doc(err)
    text = str(doc.get("reason") or doc.get("message") or doc.get("detail") or err.reason or "")
    if doc.get("outcome") == "refused":
        return OfficeRefused(doc.get("code"), text, err.code)
    return TransportError(msg("质控办接收端未接收上报包（HTTP {c}：{e}）。", "The office receiver did not take the package "
                              "(HTTP {c}: {e}).", c=err.code, e=text) + _kept(package), retryable=False)


def upload(package: Path, url: str, token: str | None, *, attempts: int = 5, backoff: float = 1.0,
           timeout: float = 60.0, sleep: Callable[[float], None] = time.sleep) -> UploadResult:
    """POST the package to the office receiver; retried with back-off (1, 2, 4 … s) on transient failures.

    Returns the office's outcome (imported, unchanged, or held with what the office must do); raises
    OfficeRefused when the office refused the package, TransportError when it could not be delivered.
    """
    package = Path(package)
    if not token:
        raise TransportError(msg("没有上传凭据：登记文件未提供令牌。请改用文件夹方式（U 盘/共享盘），或向质控办索取带令牌的登记文件。",
                                 "No upload token: the enrollment file gave none. Send by folder (USB stick/share), or ask "
                                 "the office for an enrollment file with a token.") + _kept(package), retryable=False)
    sha = file_sha256(package)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream",
               "Content-SHA256": sha, "X-Qmsdesk-Filename": package.name}
    last = ""
    for attempt in range(1, attempts + 1):
        try:
            return _result(_post(url, package, headers, timeout), sha, attempt, package)
        except urllib.error.HTTPError as err:
            if err.code not in _RETRY_STATUSES:
                raise _final(err, package) from err
            last = f"HTTP {err.code}: {_server_text(err)}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as err:
            last = str(getattr(err, "reason", err))
        if attempt < attempts:
            sleep(min(backoff * 2 ** (attempt - 1), 60.0))
    raise TransportError(msg("无法连接质控办接收端 {u}（已尝试 {n} 次，最后一次：{e}）。", "Could not reach the office receiver "
                             "{u} ({n} attempts; last: {e}).", u=url, n=attempts, e=last) + _kept(package))


def fetch_receipts(url: str, token: str | None, dest: Path, *, timeout: float = 30.0) -> list[Path]:
    """Download the unit's receipts from the receiver into `dest` (new ones only); return the files written."""
    from qmsdesk.sync.keys import write_atomically

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    headers = {"Authorization": f"Bearer {token or ''}"}

    def get(*parts: str) -> bytes:
        req = urllib.request.Request(_endpoint(url, *parts), headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.read(MAX_RECEIPT_BYTES + 1)
        except urllib.error.HTTPError as err:
            raise TransportError(msg("获取回执失败（HTTP {c}：{e}）。", "Fetching receipts failed (HTTP {c}: {e}).",
                                     c=err.code, e=_server_text(err))) from err
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            raise TransportError(msg("无法连接质控办接收端 {u}：{e}。", "Cannot reach the office receiver {u}: {e}.",
                                     u=url, e=getattr(err, "reason", err))) from err

    try:
        listing = json.loads(get("receipts").decode("utf-8"))
    except ValueError as exc:
        raise TransportError(msg("接收端返回的回执列表无法读取。", "The receiver's receipt list cannot be read.")) from exc
    written = []
    for item in listing:
        name = Path(str(item.get("name", ""))).name
        if not name.endswith(".receipt.json") or (dest / name).exists():
            continue
        blob = get("receipts", name)
        if len(blob) > MAX_RECEIPT_BYTES:
            raise TransportError(msg("回执 {n} 过大，不是有效回执。", "Receipt {n} is too large to be a receipt.", n=name))
        write_atomically(dest / name, blob, mode=0o644)
        written.append(dest / name)
    return written
