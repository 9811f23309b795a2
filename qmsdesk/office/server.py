"""The office's HTTP receiver (`qmsdesk office serve`): units upload packages and fetch their receipts.

The contract is the one sync.transport speaks:

    POST /packages          Authorization: Bearer <unit token>, Content-SHA256, X-Qmsdesk-Filename; body = package
                            → {"sha256", "status": "received" | "duplicate", "outcome", "message"}
    GET  /receipts          → [{"name", "sha256"}] of this unit's receipts
    GET  /receipts/<name>   → the receipt file

The receiver only writes into the unit's inbox folder (temporary name, then rename) and hands the file
to the same importer the inbox scan uses; it never writes elsewhere. Uploads are deduplicated by hash,
so a unit retrying after a dropped connection changes nothing. Tokens are checked against their SHA-256
in the store; a package must be named for the unit the token belongs to. Plain HTTP on 127.0.0.1 by
default: put TLS in front with a reverse proxy, or pass certificates to uvicorn (docs/office.md).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

from qmsdesk.i18n import msg
from qmsdesk.office.importer import import_file
from qmsdesk.office.models import OfficePackage
from qmsdesk.office.store import OfficeFolders, OfficeStore
from qmsdesk.office.units import unit_by_token
from qmsdesk.sync.package import file_sha256

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_NAME = re.compile(r"^QMS_([A-Za-z0-9_.-]{1,32})_(\d{6})_v(\d{1,4})\.qmspkg$")
_RECEIPT = re.compile(r"^[A-Za-z0-9_.-]{1,200}\.receipt\.json$")


def _error(status: int, zh: str, en: str, **values) -> JSONResponse:
    return JSONResponse({"detail": msg(zh, en, **values)}, status_code=status)


def create_app(store: OfficeStore, folders: OfficeFolders, keys, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Starlette:
    """The receiver as an ASGI app (uvicorn runs it; tests drive it with Starlette's TestClient)."""

    def unit_of(request: Request):
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        with store.session() as s:
            unit = unit_by_token(s, token)
            if unit is None:
                return None
            s.expunge(unit)
            return unit

    async def upload(request: Request):
        unit = await run_in_threadpool(unit_of, request)
        if unit is None:
            return _error(401, "上传凭据无效或已停用，请向质控办索取新的登记文件。",
                          "The upload token is invalid or withdrawn; ask the office for a new enrollment file.")
        name = Path(request.headers.get("x-qmsdesk-filename", "")).name
        match = _NAME.match(name)
        if not match or not name.startswith(f"QMS_{unit.hospital_code}_{unit.department_code}_"):
            return _error(400, "文件名“{n}”不是本单位（{u}）的上报包名称。", "'{n}' is not a package name of this unit ({u}).",
                          n=name, u=unit.folder_name)
        declared = int(request.headers.get("content-length") or 0)
        if declared > max_bytes:
            return _error(413, "上报包过大（上限 {m} MB）。", "The package is too large (limit {m} MB).", m=max_bytes >> 20)
        digest, chunks, size = hashlib.sha256(), [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                return _error(413, "上报包过大（上限 {m} MB）。", "The package is too large (limit {m} MB).", m=max_bytes >> 20)
            digest.update(chunk)
            chunks.append(chunk)
        sha = digest.hexdigest()
        claimed = request.headers.get("content-sha256")
        if claimed and claimed.lower() != sha:
            return _error(400, "收到的内容校验值与声明的不一致，传输不完整，请重新上传。",
                          "The content does not match its declared SHA-256; the upload was incomplete. Upload again.")
        return await run_in_threadpool(_receive, unit, name, sha, b"".join(chunks))

    def _receive(unit, name: str, sha: str, body: bytes) -> JSONResponse:
        with store.session() as s:
            if s.query(OfficePackage.id).filter(OfficePackage.sha256 == sha).first() is not None:
                return JSONResponse({"sha256": sha, "status": "duplicate", "outcome": "unchanged",
                                     "message": msg("此前已收到并导入。", "Received and imported before.")})
        folder = folders.unit_inbox(unit.folder_name)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        if target.exists():
            if file_sha256(target) == sha:
                return JSONResponse({"sha256": sha, "status": "duplicate", "outcome": "waiting",
                                     "message": msg("此前已收到，正在等待导入。", "Received before; waiting to be imported.")})
            return _error(409, "收件箱中已有内容不同的同名文件 {n}。同一版本不能覆盖；请申请更正生成新版本。",
                          "A different file named {n} is already in the inbox; amend to make a new version.", n=name)
        tmp = folder / f".{name}.{os.getpid()}.partial"
        with tmp.open("wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        summary = import_file(store, target, keys=keys, folders=folders)
        return JSONResponse({"sha256": sha, "status": "received", "outcome": summary.outcome,
                             "message": summary.line()}, status_code=201)

    async def receipts(request: Request):
        unit = await run_in_threadpool(unit_of, request)
        if unit is None:
            return _error(401, "上传凭据无效。", "Invalid token.")
        folder = folders.unit_inbox(unit.folder_name)
        files = sorted(folder.glob("*.receipt.json")) if folder.is_dir() else []
        return JSONResponse([{"name": f.name, "sha256": file_sha256(f)} for f in files])

    async def receipt(request: Request):
        unit = await run_in_threadpool(unit_of, request)
        if unit is None:
            return _error(401, "上传凭据无效。", "Invalid token.")
        name = request.path_params["name"]
        path = folders.unit_inbox(unit.folder_name) / name
        if not _RECEIPT.match(name) or not path.is_file():
            return _error(404, "没有这个回执。", "No such receipt.")
        return FileResponse(path, media_type="application/json")

    async def health(_request: Request):
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/packages", upload, methods=["POST"]), Route("/receipts", receipts),
                             Route("/receipts/{name}", receipt), Route("/health", health)])


def serve(*, db=None, folder=None, host: str = "127.0.0.1", port: int = 8765, max_bytes: int = DEFAULT_MAX_BYTES,
          keys=None, ssl_certfile: str | None = None, ssl_keyfile: str | None = None) -> int:
    """Run the receiver with uvicorn until interrupted."""
    import uvicorn

    from qmsdesk.office.store import office_folders, open_office_store

    store, folders = open_office_store(db), office_folders(folder)
    scheme = "https" if ssl_certfile else "http"
    print(msg("质控办接收端：{s}://{h}:{p}/ （收件箱 {i}）。按 Ctrl+C 停止。", "Office receiver: {s}://{h}:{p}/ (inbox {i}). "
              "Ctrl+C stops it.", s=scheme, h=host, p=port, i=folders.inbox))
    if host not in ("127.0.0.1", "localhost", "::1") and not ssl_certfile:
        print(msg("注意：接收端对外网卡开放，请在前面配置 HTTPS（见 docs/office.md）。",
                  "Note: the receiver listens beyond this computer; put HTTPS in front of it (see docs/office.md)."))
    try:
        uvicorn.run(create_app(store, folders, keys, max_bytes=max_bytes), host=host, port=port, log_level="warning",
                    ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
    finally:
        store.close()
    return 0
