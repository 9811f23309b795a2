"""The office's HTTP receiver (`qmsdesk office serve`): units upload packages and fetch their receipts.

The contract is the one sync.transport speaks:

    POST /packages          Authorization: Bearer <unit token>, Content-SHA256, X-Qmsdesk-Filename; body = package
        → 201 applied or kept, 200 unchanged, 202 held (the office must confirm the unit's key),
          4xx refused: {"outcome", "code", "message", "file", "sha256"} — the importer's own result
    GET  /receipts          → [{"name", "sha256"}] of this unit's receipts
    GET  /receipts/<name>   → the receipt file

What a dishonest unit or a stranger cannot do through it (DESIGN §4, the trust boundary):
- A token belongs to one unit. Before anything reaches the inbox, the package's signed manifest must name
  that unit and the file name must be the one its manifest gives; otherwise 403/400 and nothing is stored,
  no key recorded. The importer is then told which unit delivered the file (its `source`), so a pending key
  comes only from the unit's own token.
- The body streams into a private file under `incoming/` with a byte counter and a digest: past the limit it
  is refused at once, too slow it is dropped (at least 1 KiB per timeout window), never held in memory.
  Uploads at once are capped (per unit and in all), and so are a unit's packages waiting in its inbox.
- Two uploads of one file name are placed and imported one after the other (a lock per name): the second
  finds the first's version and is refused as a conflict (409) naming the file that won.

Plain HTTP on 127.0.0.1 by default: put TLS in front with a reverse proxy, or pass certificates to uvicorn
(docs/office.md, which also shows running it under systemd with a raised open-file limit).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

from qmsdesk import config
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.office.importer import APPLIED, HELD, KEPT, REFUSED, UNCHANGED, ImportSummary, import_file
from qmsdesk.office.models import OfficePackage
from qmsdesk.office.store import OfficeFolders, OfficeStore
from qmsdesk.office.units import unit_by_token
from qmsdesk.sync.package import SUFFIX, PackageError, file_sha256, inspect_package, package_filename

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_CONNECTIONS = 200
MIN_RATE = 1024  # bytes per second, averaged over each timeout window: a slower body is dropped
_NAME = re.compile(r"^QMS_([A-Za-z0-9_.-]{1,32})_(\d{6})_v(\d{1,4})\.qmspkg$")
_RECEIPT = re.compile(r"^[A-Za-z0-9_.-]{1,200}\.receipt\.json$")
_STATUS = {APPLIED: 201, KEPT: 201, UNCHANGED: 200, HELD: 202}


@dataclass
class Limits:
    """How much one receiver takes in at once; `serve` fills it from its options."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    uploads: int = 4  # bodies being received at once, in all
    uploads_per_unit: int = 2
    waiting_per_unit: int = field(default_factory=lambda: config.number(config.QMSDESK_INBOX_MAX_WAITING))


class _Gate:
    """Counts uploads in progress (event-loop only, so no lock)."""

    def __init__(self, limits: Limits) -> None:
        self.limits, self.total, self.by_unit = limits, 0, {}

    def enter(self, unit_id: str) -> bool:
        if self.total >= self.limits.uploads or self.by_unit.get(unit_id, 0) >= self.limits.uploads_per_unit:
            return False
        self.total += 1
        self.by_unit[unit_id] = self.by_unit.get(unit_id, 0) + 1
        return True

    def leave(self, unit_id: str) -> None:
        self.total -= 1
        self.by_unit[unit_id] -= 1


class _NameLocks:
    def __init__(self) -> None:
        self._guard, self._locks = threading.Lock(), {}

    def __call__(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())


def _reply(http_status: int, outcome: str, code: str | None, message: str, **extra) -> JSONResponse:
    body = {"outcome": outcome, "code": code, "message": message, "detail": message, "reason": message, **extra}
    # After a refusal the rest of a body is not read: close, so the client cannot keep the connection.
    headers = {"Connection": "close"} if http_status >= 400 else None
    return JSONResponse(body, status_code=http_status, headers=headers)


def _refusal(status: int, code: str, zh: str, en: str, file: str | None = None, **values) -> JSONResponse:
    """The receiver's own refusal (before the importer): nothing of the upload was stored."""
    return _reply(status, REFUSED, code, msg(zh, en, **values), **({"file": file} if file else {}))


def _error(status: int, code: str, zh: str, en: str, **values) -> JSONResponse:
    """A failure of this attempt that is not a verdict on the package (the unit may send it again)."""
    return _reply(status, "error", code, msg(zh, en, **values))


def summary_reply(summary: ImportSummary) -> JSONResponse:
    """The importer's result as the unit receives it: outcome, reason code, message, the file it concerns."""
    extra = {"file": summary.path.name, "sha256": summary.sha256,
             "status": "duplicate" if summary.outcome == UNCHANGED else "received"}
    if summary.reason:
        extra["reason"] = summary.reason + (msg("（{n}）", " ({n})", n=summary.note) if summary.note else "")
    if summary.outcome in _STATUS:
        return _reply(_STATUS[summary.outcome], summary.outcome, summary.code, summary.line(), **extra)
    status = {"conflict": 409, "unit_mismatch": 403}.get(summary.code or "", 422)
    return _reply(status, REFUSED, summary.code, summary.line(), **extra)


def create_app(store: OfficeStore, folders: OfficeFolders, keys, *, max_bytes: int = DEFAULT_MAX_BYTES,
               limits: Limits | None = None) -> Starlette:
    """The receiver as an ASGI app (uvicorn runs it; tests also drive it on a real uvicorn)."""
    limits = limits or Limits(max_bytes=max_bytes)
    receiver = _Receiver(store, folders, keys, limits)
    return Starlette(routes=[Route("/packages", receiver.upload, methods=["POST"]),
                             Route("/receipts", receiver.receipts), Route("/receipts/{name}", receiver.receipt),
                             Route("/health", receiver.health)])


class _Receiver:
    def __init__(self, store: OfficeStore, folders: OfficeFolders, keys, limits: Limits) -> None:
        self.store, self.folders, self.keys, self.limits = store, folders, keys, limits
        self.gate, self.locks = _Gate(limits), _NameLocks()
        incoming = folders.incoming
        incoming.mkdir(parents=True, exist_ok=True)
        for stale in incoming.glob("*.partial"):  # left by a receiver that was killed mid-upload
            stale.unlink(missing_ok=True)

    # --- authentication ---------------------------------------------------------------------------
    def _unit_of(self, request: Request):
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        with self.store.session() as s:
            unit = unit_by_token(s, token)
            if unit is None:
                return None
            s.expunge(unit)
            return unit

    async def _authenticated(self, request: Request):
        unit = await run_in_threadpool(self._unit_of, request)
        if unit is None:
            log.warning("upload refused: invalid token from %s", request.client.host if request.client else "?")
        return unit

    # --- POST /packages ---------------------------------------------------------------------------
    async def upload(self, request: Request):
        unit = await self._authenticated(request)
        if unit is None:
            return _refusal(401, "bad_token", "上传凭据无效或已停用，请向质控办索取新的登记文件。",
                            "The upload token is invalid or withdrawn; ask the office for a new enrollment file.")
        name = request.headers.get("x-qmsdesk-filename", "")
        if not _NAME.match(name) or not name.startswith(f"QMS_{unit.hospital_code}_{unit.department_code}_"):
            return _refusal(400, "bad_name", "文件名“{n}”不是本单位（{u}）的上报包名称。",
                            "'{n}' is not a package name of this unit ({u}).", n=name[:120], u=unit.folder_name)
        if int(request.headers.get("content-length") or 0) > self.limits.max_bytes:
            return self._too_large()
        if not self.gate.enter(unit.id):
            return _error(503, "busy", "接收端正忙（同时上传的包过多），请稍后重试。", "The receiver is busy (too many uploads at "
                          "once); try again shortly.")
        tmp = self.folders.incoming / f"{uuid.uuid4().hex}.partial"
        try:
            streamed = await self._stream(request, tmp)
            if isinstance(streamed, JSONResponse):
                return streamed
            claimed = request.headers.get("content-sha256")
            if claimed and claimed.lower() != streamed:
                return _error(400, "digest_mismatch", "收到的内容校验值与声明的不一致，传输不完整，请重新上传。",
                              "The content does not match its declared SHA-256; the upload was incomplete. Upload again.")
            return await run_in_threadpool(self._receive, unit, name, tmp, streamed)
        finally:
            self.gate.leave(unit.id)
            tmp.unlink(missing_ok=True)

    def _too_large(self) -> JSONResponse:
        return _refusal(413, "too_large", "上报包过大（上限 {m} MB）。", "The package is too large (limit {m} MB).",
                        m=self.limits.max_bytes >> 20)

    async def _stream(self, request: Request, tmp: Path) -> str | JSONResponse:
        """Write the body to `tmp` as it arrives; its SHA-256, or the response refusing it."""
        digest, size, timeout = hashlib.sha256(), 0, self.limits.timeout
        loop = asyncio.get_running_loop()
        window_start, window_bytes = loop.time(), 0
        chunks = request.stream().__aiter__()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as out:
            while True:
                try:
                    chunk = await asyncio.wait_for(chunks.__anext__(), timeout)
                except StopAsyncIteration:
                    break
                except (TimeoutError, ClientDisconnect):
                    return self._too_slow()
                size += len(chunk)
                if size > self.limits.max_bytes:
                    return self._too_large()
                out.write(chunk)
                digest.update(chunk)
                window_bytes += len(chunk)
                if loop.time() - window_start >= timeout:
                    if window_bytes < MIN_RATE * timeout:
                        return self._too_slow()
                    window_start, window_bytes = loop.time(), 0
        return digest.hexdigest()

    def _too_slow(self) -> JSONResponse:
        log.warning("upload dropped: the body arrived too slowly or the connection went away")
        return _error(408, "too_slow", "上传太慢或连接中断，已放弃这次上传，请稍后重新发送。",
                      "The upload was too slow or the connection dropped; send it again later.")

    # --- placing and importing (a worker thread) --------------------------------------------------
    def _receive(self, unit, name: str, tmp: Path, sha: str) -> JSONResponse:
        with tmp.open("rb+") as fh:  # on disk before anything is said about it (here, off the event loop)
            os.fsync(fh.fileno())
        refused = self._check_claim(unit, name, tmp, sha)
        if refused is not None:
            return refused
        with self.locks(name):
            done = self._imported(sha)
            if done is not None:
                return done
            target = self.folders.unit_inbox(unit.folder_name) / name
            placed = self._place(unit, tmp, target, sha)
            if placed is not None:
                return placed
            return summary_reply(import_file(self.store, target, keys=self.keys, folders=self.folders,
                                             source=unit.folder_name))

    def _check_claim(self, unit, name: str, tmp: Path, sha: str) -> JSONResponse | None:
        """The signed manifest must name the token's unit and the file name must be the manifest's own."""
        try:
            manifest = inspect_package(tmp, sha).manifest
        except PackageError:
            return None  # not a readable package: the importer refuses it with its reason, in this unit's quarantine
        named = (str(manifest.get("hospital_code")), str(manifest.get("department_code")))
        if named != (unit.hospital_code, unit.department_code):
            log.warning("upload refused: the token of %s sent a package naming %s/%s", unit.folder_name, *named)
            return _refusal(403, "unit_mismatch", "上报包写明的单位是 {h}/{d}，而上传凭据属于 {u}。一个单位只能上报自己的数据；"
                            "未保存任何内容。", "The package names the unit {h}/{d} but the upload token belongs to {u}. A "
                            "unit may only submit its own data; nothing was stored.", h=named[0], d=named[1],
                            u=unit.folder_name)
        try:
            own = package_filename(named[0], named[1], str(manifest.get("period")), int(manifest.get("version")))
        except (QmsError, ValueError, TypeError):
            return None  # inspect_package checked these; a surprise is the importer's to refuse
        if own != name:
            return _refusal(400, "name_mismatch", "文件名 {n} 与包内写明的 {o} 不一致；未保存任何内容。",
                            "The file name {n} differs from {o}, the name its manifest gives; nothing was stored.",
                            n=name, o=own)
        return None

    def _imported(self, sha: str) -> JSONResponse | None:
        with self.store.session() as s:
            known = s.query(OfficePackage).filter(OfficePackage.sha256 == sha).first()
            if known is None:
                return None
            return _reply(200, UNCHANGED, None, msg("{f} 此前已收到并导入，内容相同，未作改动。", "{f} was received and "
                          "imported before with the same content; nothing changed.", f=known.filename),
                          file=known.filename, sha256=sha, status="duplicate")

    def _place(self, unit, tmp: Path, target: Path, sha: str) -> JSONResponse | None:
        """Put the upload into the unit's inbox under its name, never over another file."""
        folder = target.parent
        folder.mkdir(parents=True, exist_ok=True)
        waiting = [p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")]
        if not target.exists() and len(waiting) >= self.limits.waiting_per_unit:
            return _error(507, "inbox_full", "质控办收件箱中本单位已有 {n} 个等待处理的上报包，请联系质控办处理后再发送。",
                          "The office inbox already holds {n} packages of this unit waiting to be processed; ask the "
                          "office to deal with them, then send again.", n=len(waiting))
        try:
            os.link(tmp, target)
        except FileExistsError:
            if file_sha256(target) == sha:
                return None  # the same file is waiting (held): import it again
            return _refusal(409, "conflict", "收件箱中已有内容不同的同名文件 {n}（校验值 {s}），正在等待质控办处理。同一版本不能覆盖；"
                            "请申请更正生成新版本。", "A different file named {n} (SHA-256 {s}) is already waiting in the "
                            "inbox. A version is never overwritten; amend to make a new version.", n=target.name,
                            s=file_sha256(target)[:16], file=target.name)
        except OSError:
            # No hard links on this file system (a FAT stick, some shares): the name lock keeps replace safe.
            if target.exists():
                return self._place_exists(target, sha)
            os.replace(tmp, target)
        return None

    def _place_exists(self, target: Path, sha: str) -> JSONResponse | None:
        if file_sha256(target) == sha:
            return None
        return _refusal(409, "conflict", "收件箱中已有内容不同的同名文件 {n}，正在等待质控办处理。同一版本不能覆盖；请申请更正生成新版本。",
                        "A different file named {n} is already waiting in the inbox; amend to make a new version.",
                        n=target.name, file=target.name)

    # --- receipts ----------------------------------------------------------------------------------
    async def receipts(self, request: Request):
        unit = await self._authenticated(request)
        if unit is None:
            return _refusal(401, "bad_token", "上传凭据无效。", "Invalid token.")
        folder = self.folders.unit_inbox(unit.folder_name)
        files = sorted(folder.glob("*.receipt.json")) if folder.is_dir() else []
        return JSONResponse([{"name": f.name, "sha256": file_sha256(f)} for f in files])

    async def receipt(self, request: Request):
        unit = await self._authenticated(request)
        if unit is None:
            return _refusal(401, "bad_token", "上传凭据无效。", "Invalid token.")
        name = request.path_params["name"]
        path = self.folders.unit_inbox(unit.folder_name) / name
        if not _RECEIPT.match(name) or not path.is_file():
            return _error(404, "not_found", "没有这个回执。", "No such receipt.")
        return FileResponse(path, media_type="application/json")

    async def health(self, _request: Request):
        return JSONResponse({"status": "ok"})


def connection_cap(requested: int | None) -> int:
    """The connections the receiver takes at once: as asked, else what the open-file limit leaves room for."""
    from qmsdesk.office.receiver_guard import FD_RESERVE, raise_file_limit

    files = raise_file_limit()
    if requested is None:
        return DEFAULT_MAX_CONNECTIONS if files is None else max(8, min(DEFAULT_MAX_CONNECTIONS, files - FD_RESERVE))
    if files is not None and requested + FD_RESERVE > files:
        print(msg("注意：最多 {c} 个连接，但本进程最多只能打开 {f} 个文件；连接过多时新连接会失败。请提高文件数上限"
                  "（systemd：LimitNOFILE，见 docs/office.md）或减小 --max-connections。",
                  "Note: up to {c} connections, but this process may open only {f} files; with too many connections new "
                  "ones fail. Raise the open-file limit (systemd: LimitNOFILE, see docs/office.md) or lower "
                  "--max-connections.", c=requested, f=files), flush=True)
    return requested


def serve(*, db=None, folder=None, host: str = "127.0.0.1", port: int = 8765, max_bytes: int = DEFAULT_MAX_BYTES,
          keys=None, ssl_certfile: str | None = None, ssl_keyfile: str | None = None, timeout: float = DEFAULT_TIMEOUT,
          max_connections: int | None = None) -> int:
    """Run the receiver with uvicorn until interrupted, with its connection cap and timeouts."""
    import uvicorn

    from qmsdesk.office.receiver_guard import (
        BACKLOG,
        RateLimitFilter,
        guarded_protocol,
        limit_accept_errors,
        log_while_out_of_files,
    )
    from qmsdesk.office.store import office_folders, open_office_store

    cap = connection_cap(max_connections)
    limit_accept_errors()
    log.addFilter(RateLimitFilter("invalid token"))
    store, folders = open_office_store(db), office_folders(folder)
    scheme = "https" if ssl_certfile else "http"
    print(msg("质控办接收端：{s}://{h}:{p}/ （收件箱 {i}；每包上限 {m} MB，最多 {c} 个连接，超时 {t} 秒）。按 Ctrl+C 停止。",
              "Office receiver: {s}://{h}:{p}/ (inbox {i}; {m} MB per package, at most {c} connections, {t} s "
              "timeout). Ctrl+C stops it.", s=scheme, h=host, p=port, i=folders.inbox, m=max_bytes >> 20,
              c=cap, t=f"{timeout:g}"), flush=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not ssl_certfile:
        print(msg("注意：接收端对外网卡开放，请在前面配置 HTTPS（见 docs/office.md）。",
                  "Note: the receiver listens beyond this computer; put HTTPS in front of it (see docs/office.md)."))
    app = create_app(store, folders, keys, limits=Limits(max_bytes=max_bytes, timeout=timeout))
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", loop="asyncio",
                            http=guarded_protocol(cap, timeout), backlog=BACKLOG,
                            timeout_keep_alive=max(1, int(min(5, timeout))), h11_max_incomplete_event_size=16 * 1024,
                            ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
    log_while_out_of_files("asyncio", __name__)  # after uvicorn's logging set-up, which closes the log file
    try:
        uvicorn.Server(config).run()
    finally:
        store.close()
    return 0
