"""Reading package files ahead of the import's writes: each file read once, hashed and checked from those bytes.

The importer writes one package at a time on one connection; meanwhile the next files are read: their bytes once,
the SHA-256 of those bytes, the checks that need no store (package.inspect_package: sizes, counts, signature). Where
the package's key is the one the store holds as its unit's confirmed key, data.json's members are hashed and it is
decrypted and parsed too — never for any other key, so a stranger's package still costs no decryption. The writer
checks everything again in its transaction, in the same order as for a single file, and only then uses what was
opened ahead (importer.import_read).

A batch of PROCESS_FROM files or more is read in a process of its own (office/reader.py), on the other core: on a
thread that work shares the interpreter lock with the writes and a batch gains nothing. It opens a package by the
confirmed keys as the store held them when the batch started. A smaller batch — a few files dropped on the window —
is read on a thread, which starts at once, and looks the key up in the store just before it opens each package.
Should the process fail to start or stop early, the files it has not handed over are read on the importer's thread.

Memory stays bounded: at most AHEAD files wait (the process: what its pipe holds, PIPE_BYTES), files over
package.READ_ONCE_BYTES are not held, and data.json is opened ahead only up to reader.OPEN_AHEAD_BYTES.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from qmsdesk.office.import_sql import execute
from qmsdesk.office.reader import FAILED, Confirmed, ReadFile, may_open, read_file, small_data
from qmsdesk.office.store import OfficeStore
from qmsdesk.sync.package import VerifiedPackage

__all__ = ["AHEAD", "PROCESS_FROM", "ReadAhead", "ReadFile", "read_file"]

AHEAD = 4
PROCESS_FROM = 64  # files: fewer are read on a thread (starting a process costs about a tenth of a second)


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
        if row is None:
            return False
        key_b64, requires_encryption, active = row
        return bool(active) and may_open(verified, key_b64, bool(requires_encryption))

    def close(self) -> None:
        # The connection was made on this thread: SQLite's driver must not hand it to another one through the pool.
        try:
            self._conn.invalidate()
        finally:
            self._conn.close()


_CONFIRMED = ("SELECT hospital_code, department_code, key_b64, requires_encryption FROM office_units "
              "WHERE active AND key_b64 IS NOT NULL")


def _confirmed(store: OfficeStore) -> Confirmed:
    """The store's confirmed keys now, for the reading process."""
    with store.engine.connect() as conn:
        return {(h, d): (key, bool(sealed)) for h, d, key, sealed in execute(conn, _CONFIRMED, {})}


PIPE_BYTES = 1024 * 1024  # the pipe from the process (Linux: 64 KiB unless asked; at most /proc/sys/fs/pipe-max-size)


def _widen(pipe) -> None:
    """Let the pipe hold files whole, many of them: with Linux's 64 KiB a file of 40–70 KiB was written in pieces,
    and the importer, reading it, waited for the process to be scheduled and write the rest (0.15–0.25 s in 1,000
    packages). Taking files off the pipe on a thread of this process instead cost the writer more: its statements
    waited for the interpreter lock while that thread unpickled."""
    import fcntl

    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: the pipe as it is
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


STOP_WAIT = 10  # seconds for the process to stop by itself once the importer has closed its end of the pipe


def _start_method() -> str:
    import multiprocessing

    alone = threading.active_count() == 1
    return "fork" if alone and "fork" in multiprocessing.get_all_start_methods() else "spawn"


class ReadAhead:
    """Iterate (path, ReadFile) in the files' order while a process (PROCESS_FROM files or more) or a thread reads
    the next ones.

    `open_data(verified)` is the importer's own decrypt-and-parse step; the thread runs it ahead only for a package
    whose key the store confirms at that moment. The process opens with `office_key` (the office's X25519 key, or
    None) by the same rules, against the keys confirmed when the batch started. Use as a context manager: leaving
    stops the thread or the process.
    """

    def __init__(self, store: OfficeStore, files: list[Path], open_data: Callable[[VerifiedPackage], Any] | None,
                 office_key=None):
        self._store, self._files, self._open, self._office_key = store, files, open_data, office_key
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="qmsdesk-read-ahead", daemon=True)
        self._process = None
        self._pipe = None

    def __enter__(self) -> ReadAhead:
        if self._open is not None and len(self._files) >= PROCESS_FROM:
            self._start_process()
        if self._process is None and self._files:  # nothing to read: no thread, no connection
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._process is not None:
            self._end_process()
        if self._thread.ident is None:
            return
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # let a thread waiting to hand over a file see the stop
                self._queue.get(timeout=0.05)
        self._thread.join()

    def __iter__(self) -> Iterator[tuple[Path, ReadFile]]:
        if self._process is not None:
            yield from self._from_process()
            return
        for path in self._files:
            item = self._queue.get()
            if isinstance(item, BaseException):
                raise item
            yield path, item

    def _start_process(self) -> None:
        import multiprocessing

        from qmsdesk.office import reader
        from qmsdesk.sync import crypto

        try:
            confirmed = _confirmed(self._store)
            # Forked when this process runs no other thread (a command): the copy starts at once, its modules loaded.
            # Spawned otherwise (the window's process has threads of its own, which a fork would copy mid-work): a
            # fresh interpreter importing only the reader's modules, about a sixth of a second before the first file.
            method = _start_method()
            forked = method == "fork"
            context = multiprocessing.get_context(method)
            here, there = context.Pipe(duplex=False)  # it writes, this process reads
            _widen(here)
            key = crypto.raw_private(self._office_key) if self._office_key is not None else None
            # the rows shaped only for a store on SQLite, which writes them (reader.serve)
            process = context.Process(target=reader.serve, args=(there, [str(p) for p in self._files], confirmed, key,
                                                                 self._store.is_sqlite, here if forked else None),
                                      name="qmsdesk-read-ahead", daemon=True)
            process.start()
        except (OSError, RuntimeError, SQLAlchemyError):  # no process: the thread reads the files
            return
        there.close()
        self._process, self._pipe = process, here

    def _from_process(self) -> Iterator[tuple[Path, ReadFile]]:
        for path in self._files:
            item = FAILED
            if self._pipe is not None:
                try:
                    item = self._pipe.recv()
                except (EOFError, OSError):  # the process has ended early: the files left are read here
                    self._end_process()
                    item = FAILED
            if isinstance(item, str) or item.path != path:
                item = read_file(path)
            yield path, item

    def _end_process(self) -> None:
        """Close the pipe (the process stops at its next send, if it has files left) and wait for the process."""
        process, pipe, self._pipe = self._process, self._pipe, None
        if pipe is not None:
            pipe.close()
        process.join(STOP_WAIT)
        if process.is_alive():  # stuck reading a file (a share gone away): it holds nothing of the store
            process.terminate()
            process.join()

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
        if v is not None and lookup is not None and small_data(v) and lookup.may_open(v):
            try:
                item.opened = self._open(v)
            except Exception as exc:  # the importer's refusal, raised again at its place in the checks
                item.open_refused = exc
        return item
