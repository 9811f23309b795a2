"""A real quality office for the hostile tests: `qmsdesk office serve` in its own process on a free port, the
office's commands run as the office runs them, and real wards that enroll and `qmsdesk submit --url`.

Nothing here reaches into the receiver: a test sees what a unit or a stranger on the network sees (HTTP
status and JSON), and afterwards reads every file and table the office wrote.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

OFFICE_PASSPHRASE = "office-passphrase-1"
WARD_PASSPHRASE = "ward-passphrase-1"
PERIOD = "2026-10"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(**extra: str) -> dict[str, str]:
    """The environment of a program on a headless office server: no keyring, the passphrase key file."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHON_KEYRING_BACKEND", "QMSDESK_KEY_PASSPHRASE", "QMSDESK_PLAINTEXT_KEYRING")}
    env.update(QMSDESK_LANG="zh_CN", PYTHONIOENCODING="utf-8", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def run(args: list[Any], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qmsdesk", *map(str, args)], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def in_process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`qmsdesk ARGS` through cli.main in this process, with `env` as the environment for its duration.

    The same code path as the command (argument parsing, key store, exit codes, messages), without a new
    interpreter each time: the office's commands run dozens of times in these tests.
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout

    import keyring.core

    from qmsdesk.cli import main

    saved_env, saved_backend = dict(os.environ), keyring.core._keyring_backend
    os.environ.clear()
    os.environ.update(env)
    keyring.core._keyring_backend = None  # chosen again from this environment
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        keyring.core._keyring_backend = saved_backend
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@dataclass
class Reply:
    status: int
    doc: dict[str, Any]

    @property
    def outcome(self) -> str | None:
        return self.doc.get("outcome")

    @property
    def code(self) -> str | None:
        return self.doc.get("code")

    @property
    def message(self) -> str:
        return str(self.doc.get("message") or self.doc.get("detail") or "")


@dataclass
class Office:
    """The office's store, folders and keys, and its commands."""

    root: Path
    store_url: str
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = self.root / "office-data"
        self.dir = self.root / "office"
        self.env = base_env(QMSDESK_DATA_DIR=str(self.data), QMSDESK_KEY_PASSPHRASE=OFFICE_PASSPHRASE,
                            QMSDESK_OFFICE_DB=self.store_url, QMSDESK_OFFICE_DIR=str(self.dir))

    def cli(self, *args: Any, timeout: float = 300) -> subprocess.CompletedProcess:
        """An office command, run in this process with the office's environment (the receiver has its own)."""
        return in_process(["office", *map(str, args)], self.env)

    @classmethod
    def with_units(cls, root: Path, store_url: str, *units: tuple[str, str]) -> Office:
        office = cls(root, store_url)
        for hospital, department in units:
            office.enroll(hospital, department)
        return office

    def token(self, hospital: str, department: str) -> str:
        """The upload token in the unit's (latest) enrollment file."""
        return json.loads((self.root / f"{hospital}_{department}.enroll.json").read_text(encoding="utf-8"))["token"]

    def enroll(self, hospital: str, department: str, *, url: str = "http://127.0.0.1:9/qms") -> tuple[Path, str]:
        """Register a unit; its enrollment file (with the office's keys and a fresh token) and the token."""
        out = self.root / f"{hospital}_{department}.enroll.json"
        done = self.cli("enroll", "--hospital", hospital, "--hospital-name", f"{hospital}医院", "--department",
                        department, "--department-name", f"{department}科", "--url", url, "--out", out)
        assert done.returncode == 0, done.stderr
        return out, json.loads(out.read_text(encoding="utf-8"))["token"]

    def keys(self):
        from qmsdesk.sync.keys import PassphraseFileStore, key_file_path, load_office_keys

        return load_office_keys(PassphraseFileStore(key_file_path(self.data), OFFICE_PASSPHRASE))

    def store(self):
        from qmsdesk.office.store import open_office_store

        return open_office_store(self.store_url)

    def folders(self):
        from qmsdesk.office.store import OfficeFolders

        return OfficeFolders(self.dir)

    def unit(self, hospital: str, department: str):
        from qmsdesk.office.units import find_unit

        store = self.store()
        try:
            with store.session() as s:
                unit = find_unit(s, hospital, department)
                s.expunge(unit)
                return unit
        finally:
            store.close()

    def confirm(self, hospital: str, department: str, fingerprint: str) -> subprocess.CompletedProcess:
        return self.cli("confirm-key", "--hospital", hospital, "--department", department, "--fingerprint", fingerprint)

    def counts(self) -> dict[str, int]:
        from qmsdesk.office.models import ImportLogEntry, OfficePackage, OfficeRecord

        store = self.store()
        try:
            with store.session() as s:
                return {name: s.scalar(select(func.count()).select_from(model)) for name, model in
                        (("packages", OfficePackage), ("records", OfficeRecord), ("journal", ImportLogEntry))}
        finally:
            store.close()

    def files(self, *parts: str) -> list[Path]:
        folder = self.dir.joinpath(*parts)
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


class Receiver:
    """`qmsdesk office serve` as a process; `post` speaks HTTP to it like any client on the network."""

    def __init__(self, office: Office, *args: Any, env: dict[str, str] | None = None, file_limit: int | None = None):
        self.office, self.port = office, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stderr_path = office.root / f"serve-{self.port}.err"
        self.stdout_path = office.root / f"serve-{self.port}.out"

        def limit_files() -> None:
            if file_limit is not None:
                import resource

                resource.setrlimit(resource.RLIMIT_NOFILE, (file_limit, file_limit))

        with self.stderr_path.open("wb") as err, self.stdout_path.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "qmsdesk", "office", "serve", "--port", str(self.port), *map(str, args)],
                env=dict(office.env, **(env or {})), stdout=out, stderr=err, preexec_fn=limit_files)
        self.wait_ready()

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the receiver exited: {self.output()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.get("/health").status == 200:
                    return
            time.sleep(0.1)
        raise AssertionError(f"the receiver did not start: {self.output()}")

    def output(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace") + self.stderr_path.read_text(
            encoding="utf-8", errors="replace")

    def get(self, path: str, token: str | None = None, timeout: float = 10) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        try:
            doc = json.loads(body or b"{}")
        except ValueError:
            doc = {"detail": body.decode("utf-8", "replace")}
        return Reply(resp.status, doc if isinstance(doc, dict) else {"list": doc})

    def post(self, body: bytes | Path, token: str | None, name: str, timeout: float = 120) -> Reply:
        data = body.read_bytes() if isinstance(body, Path) else body
        headers = {"Content-Type": "application/octet-stream", "X-Qmsdesk-Filename": name,
                   "Content-Length": str(len(data))}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("POST", "/packages", body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
        finally:
            conn.close()
        try:
            return Reply(resp.status, json.loads(raw or b"{}"))
        except ValueError:
            return Reply(resp.status, {"detail": raw.decode("utf-8", "replace")})

    def reset_peak(self) -> None:
        """Start the peak over (Linux clear_refs 5): unlocking the office key file at start-up costs scrypt's
        128 MiB once, before any upload; what an upload costs is measured from here."""
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")

    def peak_rss_mib(self) -> float:
        """The receiver's peak resident memory since start or the last reset_peak (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


class Receivers:
    """Starts receivers for one office (call it with `office serve` options) and stops them all at the end."""

    def __init__(self, office: Office) -> None:
        self.office, self.started = office, []

    def __call__(self, *args: Any, **kw: Any) -> Receiver:
        self.started.append(Receiver(self.office, *args, **kw))
        return self.started[-1]

    def __enter__(self) -> Receivers:
        return self

    def __exit__(self, *_exc) -> None:
        for receiver in self.started:
            receiver.stop()


@dataclass
class UnitKeys:
    """A unit as a forger sees it: codes and a signing key it holds."""

    hospital: str
    department: str
    key: Any = None
    unit_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        from qmsdesk.sync import crypto

        self.key = self.key or crypto.new_signing_key()

    @property
    def fingerprint(self) -> str:
        from qmsdesk.sync import crypto

        return crypto.fingerprint(crypto.raw_public(self.key))


def month(seed: str, *, falls: int = 2, problem: str = "夜班巡视不足", extra: dict | None = None) -> dict:
    """A small month of records: one indicator value and one rectification item (free text `problem`)."""
    def rid(name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}/{name}"))

    records = {"indicator_values": {rid("fall"): {"id": rid("fall"), "deleted": False, "period": PERIOD,
                                                  "indicator_code": "NUR-FALL", "indicator_name": "住院患者跌倒发生率",
                                                  "numerator": falls, "denominator": 3000}},
               "rectification_items": {rid("it"): {"id": rid("it"), "deleted": False, "category": "跌倒",
                                                   "source_kind": "meeting", "status": "open", "problem": problem,
                                                   "found_on": f"{PERIOD}-05", "deadline": f"{PERIOD}-28",
                                                   "closed_on": None}}}
    records.update(extra or {})
    return records


def package(out: Path, unit: UnitKeys, office_keys, *, version: int = 1, records: dict | None = None,
            sealed: bool = True, key=None, period: str = PERIOD, created: datetime | None = None) -> Path:
    """A package as the unit's program (or a forger holding `key`) would build it."""
    from qmsdesk.sync.package import UnitIdentity, build_package

    identity = UnitIdentity(unit.unit_id, unit.hospital, unit.department, f"{unit.hospital}医院", f"{unit.department}科")
    built = build_package(out, unit=identity, period=period, version=version,
                          records=records if records is not None else month(unit.unit_id), signing_key=key or unit.key,
                          office_key=office_keys.encryption_public.key_b64 if sealed else None,
                          created=created or datetime(2026, 11, 3, 2, 0, tzinfo=UTC), overwrite=True)
    return built.path


@dataclass
class Ward:
    """A real ward installation: its own data folder, database, passphrase key file, enrollment and outbox."""

    root: Path

    def __post_init__(self) -> None:
        self.data = self.root / "ward-data"
        self.db = self.data / "q.db"
        self.env = base_env(QMSDESK_DATA_DIR=str(self.data), QMSDESK_KEY_PASSPHRASE=WARD_PASSPHRASE)

    def create(self, enrollment: Path) -> Ward:
        from month_records import seed_month

        from qmsdesk.db.engine import open_database

        db = open_database(self.db, actor="测试护士长")
        with db.session() as s:
            seed_month(s)
        db.close()
        done = run(["enroll", enrollment, "--db", self.db], self.env)
        assert done.returncode == 0, done.stderr
        return self

    def cli(self, *args: Any) -> subprocess.CompletedProcess:
        return run([*args, "--db", self.db], self.env)

    def submit(self, url: str) -> subprocess.CompletedProcess:
        return self.cli("submit", "--period", PERIOD, "--url", url, "--accept-warnings", "已核实")

    def fingerprint(self) -> str:
        done = run(["enroll", "--public-key", "--db", self.db], self.env)
        assert done.returncode == 0, done.stderr
        import re

        return re.search(r"[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}", done.stdout + done.stderr).group(0)

    def outbox(self) -> list[dict]:
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((self.data / "outbox").glob("*.state.json"))]
