"""Putting a batch's imported files away on a thread, in order, while the database works.

A file goes to the archive (moved out of the inbox, copied when it was picked from elsewhere) only after its
package's transaction committed, as for a single file (importer.import_read). In a batch that work — creating,
copying and stamping a file: system calls, the interpreter lock released — runs on a thread of its own, handed over
in bursts while the database refreshes the derived tables (see Archiver). Files are put away one at a time in the
order they were committed, so the names free_name picks are those a one-by-one import picks. A stop in between leaves
a file where it was: the next import finds its package already imported (by its SHA-256) and puts it away then.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable


class Archiver:
    """Run `put(...)` jobs in order on one thread; `close()` waits for all of them and raises the first error.

    `held`: the jobs wait until `release()` (or a settle, or close) hands them to the thread. Each system call of a
    job releases the interpreter lock and takes it back, and so does each statement of the writer; run side by side
    the two took turns at the lock thousands of times a second, and the writer lost more time waiting for it (about
    a second in a thousand packages) than the jobs take. The importer releases them while the database works in
    one long stretch (a refresh of the derived tables), and at the end."""

    def __init__(self, *, held: bool = False) -> None:
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="qmsdesk-put-away", daemon=True)
        self._error: BaseException | None = None
        self._pending: Counter[str] = Counter()  # names of files still to be put away
        self._lock = threading.Lock()
        self._held: list[tuple[str, Callable[[], None]]] | None = [] if held else None

    def put(self, name: str, job: Callable[[], None]) -> None:
        """Queue `job`, which puts away the file called `name`."""
        self._raise()
        with self._lock:
            self._pending[name] += 1
        if self._held is not None:
            self._held.append((name, job))
            return
        self._hand_over([(name, job)])

    def release(self) -> None:
        """Hand the jobs held so far to the thread."""
        if self._held:
            held, self._held = self._held, []
            self._hand_over(held)

    def _hand_over(self, jobs: list[tuple[str, Callable[[], None]]]) -> None:
        if self._thread.ident is None:
            self._thread.start()
        for entry in jobs:
            self._queue.put(entry)

    def settle(self, name: str) -> None:
        """Wait until no file called `name` waits to be put away: the archive's names seen now are final."""
        with self._lock:
            waiting = self._pending[name] > 0
        if waiting:
            self.release()
            self._queue.join()
        self._raise()

    def close(self, *, raise_error: bool = True) -> None:
        self.release()
        if self._thread.ident is not None:
            self._queue.put(None)
            self._thread.join()
        if raise_error:
            self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            entry = self._queue.get()
            try:
                if entry is None:
                    return
                name, job = entry
                if self._error is None:  # after an error the rest stay where they are, as after a stop
                    try:
                        job()
                    except BaseException as exc:  # raised on the importer's thread by put, settle or close
                        self._error = exc
                with self._lock:
                    self._pending[name] -= 1
            finally:
                self._queue.task_done()
