"""Reading package files ahead of the import's writes: each file read once, hashed and checked from those bytes.

The importer writes one package at a time on one connection; while the store commits a package (the database's
own work, with the interpreter lock released), a thread reads the next files: their bytes once, the SHA-256 of
those bytes, the checks that need no store (package.inspect_package: sizes, counts, signature). Where the
package's key is the one the store holds as its unit's confirmed key at that moment (looked up on the thread's
own read connection), it also hashes the members and decrypts and parses data.json — never for any other key,
so a stranger's package still costs no decryption. The writer checks everything again in its transaction, in
the same order as for a single file, and only then uses what was opened ahead (importer.import_read).

Memory stays bounded: at most AHEAD files wait, files over package.READ_ONCE_BYTES are not held, and data.json
is opened ahead only up to OPEN_AHEAD_BYTES.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from qmsdesk.office.import_sql import execute
from qmsdesk.office.store import OfficeStore
from qmsdesk.sync.package import DATA, PackageError, VerifiedPackage, inspect_package, read_once

AHEAD = 4
OPEN_AHEAD_BYTES = 1024 * 1024


@dataclass
class ReadFile:
    """One file as read before its transaction: its hash, and what the checks that need no store found."""

    path: Path
    sha: str | None = None
    unreadable: OSError | None = None
    verified: VerifiedPackage | None = None
    refused: PackageError | None = None  # by inspect_package
    # data.json decrypted and parsed ahead (its key was the unit's confirmed key when it was opened), or why not
    opened: tuple[bytes, dict[str, Any]] | None = None
    open_refused: Exception | None = None


def read_file(path: Path) -> ReadFile:
    """Read, hash and inspect one file (no store, no key, no decryption)."""
    try:
        sha, content = read_once(path)
    except OSError as exc:
        return ReadFile(path, unreadable=exc)
    try:
        return ReadFile(path, sha, verified=inspect_package(path, sha, content))
    except PackageError as exc:
        return ReadFile(path, sha, refused=exc)


_KEY = "SELECT key_b64, requires_encryption, active FROM office_units WHERE hospital_code = :h AND department_code = :d"


class _KeyLookup:
    """The confirmed key and sealing rule of a unit, read on a connection of the reading thread's own."""

    def __init__(self, store: OfficeStore) -> None:
        # Autocommit: each look-up is its own statement, no snapshot held open between files and no ROLLBACK
        # round trip after each.
        self._conn = store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def may_open(self, verified: VerifiedPackage) -> bool:
        m = verified.manifest
        try:
            row = execute(self._conn, _KEY, {"h": str(m.get("hospital_code")), "d": str(m.get("department_code"))}).first()
        except SQLAlchemyError:  # the store busy or gone: the writer opens the package itself after its own checks
            return False
        if row is None or not row.active or not row.key_b64 or row.key_b64 != verified.unit_key:
            return False
        return verified.encrypted or not row.requires_encryption

    def close(self) -> None:
        # The connection was made on this thread: SQLite's driver must not hand it to another one through the pool.
        try:
            self._conn.invalidate()
        finally:
            self._conn.close()


def _small_data(verified: VerifiedPackage) -> bool:
    size = (verified.manifest.get("members") or {}).get(DATA, {}).get("size")
    return type(size) is int and size <= OPEN_AHEAD_BYTES


class ReadAhead:
    """Iterate (path, ReadFile) in the files' order while a thread reads the next ones.

    `open_data(verified)` is the importer's own decrypt-and-parse step; it runs ahead only for a package whose
    key the store confirms at that moment. Use as a context manager: leaving stops the thread.
    """

    def __init__(self, store: OfficeStore, files: list[Path], open_data: Callable[[VerifiedPackage], Any] | None):
        self._store, self._files, self._open = store, files, open_data
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="qmsdesk-read-ahead", daemon=True)

    def __enter__(self) -> ReadAhead:
        if self._files:  # nothing to read: no thread, no connection
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread.ident is None:
            return
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # let a thread waiting to hand over a file see the stop
                self._queue.get(timeout=0.05)
        self._thread.join()

    def __iter__(self) -> Iterator[tuple[Path, ReadFile]]:
        for path in self._files:
            item = self._queue.get()
            if isinstance(item, BaseException):
                raise item
            yield path, item

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        lookup = None
        try:
            lookup = _KeyLookup(self._store) if self._open is not None else None
            for path in self._files:
                if not self._put(self._read(path, lookup)):
                    return
        except BaseException as exc:  # a bug must reach the importer, not die with the thread
            self._put(exc)
        finally:
            if lookup is not None:
                lookup.close()

    def _read(self, path: Path, lookup: _KeyLookup | None) -> ReadFile:
        item = read_file(path)
        v = item.verified
        if v is not None and lookup is not None and _small_data(v) and lookup.may_open(v):
            try:
                item.opened = self._open(v)
            except Exception as exc:  # the importer's refusal, raised again at its place in the checks
                item.open_refused = exc
        return item
