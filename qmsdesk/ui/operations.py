"""How the window reads and changes data: reads on the calling thread, every write on one database worker.

The window never writes to a database from the GUI thread or from a thread of its own. Every change —
a form's Save, a ledger status button, a paste into the indicator grid, an import, the office inbox
scan on its timer — is a function run on the single `DatabaseWorker` of the open database, in one
transaction, inside `db.changes.recording()`. It returns what it changed (`Changes`), and the context
announces that on the GUI thread through `changed`; each page then decides from the kinds it shows
whether to reload (ui/pages/base.py `Page.on_changes`, the page registry in ui/registry.py).

    ctx.read(ledger.ledger_rows)                        # a query: fresh read-only session, this thread
    ctx.write(ledger.move_item, item_id, "closed", ...)  # a change: on the worker, waited for, announced
    ctx.job(title, work)                                 # a long change with progress and Cancel
    ctx.start(title, work, on_done=...)                  # background work nobody waits for (inbox timer)

`write` waits for its result (a form needs the service's `ValidationError` to show beside its fields)
but keeps the window painted while it waits, so a save queued behind a long import never freezes it.
A failure of background work nobody waits for is logged with its context and shown (`problem`).

Undo (撤销删除) comes from the same place: a write may carry the `UndoStep` that reverses it; the
context keeps the steps and `undo(owner)` runs the newest one of that page as another write.
docs/operations.md walks one ledger status change from the button to the database and back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCursor, QGuiApplication

if TYPE_CHECKING:
    from qmsdesk.changes import Changes
    from qmsdesk.ui.jobs import Job, JobControl

T = TypeVar("T")
log = logging.getLogger("qmsdesk.operations")

WAIT_BEFORE_BUSY_S = 0.25  # a write that takes longer shows the busy cursor while the window keeps painting


class Task:
    """One piece of work for the worker: its function, and (once done) its result or error and its changes."""

    def __init__(self, fn: Callable[[], Any], label: str, locks_now: Callable[[], Any] | None,
                 job: Job | None = None, on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.fn, self.label, self.job = fn, label, job
        self.on_done, self.on_error = on_done, on_error
        self._locks_now = locks_now
        self.done = threading.Event()
        self.waited = False  # a caller waits for it and handles the outcome itself
        self.result: Any = None
        self.error: BaseException | None = None
        self.changes: Changes | None = None

    def run(self) -> None:
        """On the worker thread: run the function while recording what it changes."""
        import qmsdesk.db.changes  # noqa: F401  (the hooks that record every flush)
        from qmsdesk.changes import recording

        with recording() as recorder:
            try:
                self.result = self.fn()
            except BaseException as exc:  # handed to the GUI thread, which shows or raises it
                self.error = exc
        # Announced even after a failure: work that stopped half-way (an import after some files) changed things.
        try:
            self.changes = recorder.changes(self._locks_now)
        except Exception:  # the database went away meanwhile: say what is known without the locks
            log.warning("%s: months locked afterwards could not be read", self.label, exc_info=True)
            self.changes = recorder.changes()
        finally:
            self.done.set()


class _Runner(QObject):
    """Lives on the worker thread and runs tasks in the order they were queued."""

    finished = Signal(object)

    @Slot(object)
    def run(self, task: Task) -> None:
        task.run()
        self.finished.emit(task)


class DatabaseWorker(QObject):
    """The one thread that writes to a database; results come back to the GUI thread through `finished`."""

    finished = Signal(object)  # the Task, on the GUI thread
    _queue = Signal(object)

    def __init__(self, name: str, locks_now: Callable[[], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locks_now = locks_now
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._queue.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.finished.connect(self.finished, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], label: str, *, job: Job | None = None,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Task:
        task = Task(fn, label, self._locks_now, job, on_done, on_error)
        self._queue.emit(task)
        return task

    def on_worker_thread(self) -> bool:
        return QThread.currentThread() is self._thread

    def stop(self) -> None:
        """Let the queued work finish (tasks run in order: the last one queued ends after them), then end the thread."""
        last = self.submit(lambda: None, "stop")
        last.done.wait()
        self._thread.quit()
        self._thread.wait()


@dataclass(frozen=True)
class UndoStep:
    """A write that reverses an earlier one, offered by the page that made it (`owner`)."""

    owner: str
    label: str  # what it restores, for the button's tooltip
    fn: Callable[..., Any]  # fn(session): the reversing write


class DataSource(Protocol):
    """What a context reads and writes through: the ward's `Database`, or the office store's adapter."""

    def read_session(self) -> AbstractContextManager[Any]: ...

    def session(self) -> AbstractContextManager[Any]: ...


class DataContext(QObject):
    """What every window's pages share: reads, writes on the worker, change notices, undo, background problems.

    `source` opens the transactions (`read_session()` for reads, `session()` for writes); a source with
    `locked_months()` (the ward's database) lets the changes say which months a write locked or unlocked.
    """

    changed = Signal(object)  # Changes, on the GUI thread, after every write that changed something
    problem = Signal(str)  # a failure of background work nobody waited for, already logged
    undo_changed = Signal()

    def __init__(self, source: DataSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._worker: DatabaseWorker | None = None
        self._undo: list[UndoStep] = []

    @property
    def is_open(self) -> bool:
        return self.source is not None

    def _locks_now(self) -> Any:
        locked_months = getattr(self.source, "locked_months", None)
        return locked_months() if locked_months is not None else frozenset()

    # --- reading -------------------------------------------------------------------------------------
    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`query(session, *args, **kwargs)` in a fresh read-only session on this thread.

        The query returns plain rows or dataclasses (nothing loaded lazily later); a query that tries to
        write raises `ReadOnlyError`.
        """
        assert self.source is not None, "nothing open to read"
        with self.source.read_session() as s:
            return query(s, *args, **kwargs)

    # --- writing -------------------------------------------------------------------------------------
    @property
    def worker(self) -> DatabaseWorker:
        if self._worker is None:
            self._worker = DatabaseWorker("qmsdesk-database", self._locks_now, self)
            self._worker.finished.connect(self._finished)
        return self._worker

    def _in_transaction(self, change: Callable[..., T], args: tuple, kwargs: dict) -> Callable[[], T]:
        def run() -> T:
            assert self.source is not None, "nothing open to write to"
            with self.source.session() as s:
                return change(s, *args, **kwargs)
        return run

    def write(self, change: Callable[..., T], *args: Any, undo: UndoStep | None = None, **kwargs: Any) -> T:
        """Run `change(session, *args, **kwargs)` on the worker in one transaction and return its result.

        Waits (the window keeps painting), announces the `Changes` to every page, then returns or raises
        what `change` raised. `undo` is offered once the write succeeded.
        """
        result = self.wait(self.worker.submit(self._in_transaction(change, args, kwargs), _label(change)))
        if undo is not None:
            self._undo.append(undo)
            self.undo_changed.emit()
        return result

    def wait(self, task: Task) -> Any:
        """Wait for a queued task; announce its changes; return its result or raise its error."""
        task.waited = True
        if self.worker.on_worker_thread():  # a write inside a write: already on the worker
            task.run()
        elif not task.done.wait(WAIT_BEFORE_BUSY_S):
            self._wait_painting(task)
        self._announce(task)
        if task.error is not None:
            raise task.error
        return task.result

    def _wait_painting(self, task: Task) -> None:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            while not task.done.wait(0.02):
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 20)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def transaction(self, change: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Inside a job on the worker: `change(session, *args, **kwargs)` in a transaction of its own."""
        assert self.worker.on_worker_thread(), "transactions run on the database worker (use write or job)"
        return self._in_transaction(change, args, kwargs)()

    def job(self, title: str, work: Callable[[JobControl], Any], parent: QObject | None = None) -> Job:
        """A long change with progress and Cancel (run it with `run_job`), queued on the worker."""
        from qmsdesk.ui.jobs import Job

        return Job(title, work, parent, worker=self.worker)

    def start(self, title: str, work: Callable[[], T], *, on_done: Callable[[T], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None) -> Task:
        """Background work on the worker that nobody waits for; a failure is logged and shown via `problem`."""
        return self.worker.submit(work, title, on_done=on_done, on_error=on_error)

    def _finished(self, task: Task) -> None:
        if task.waited:
            return  # the caller of `wait` announced it
        self._announce(task)
        if task.job is not None:
            task.job.deliver()
        elif task.error is not None:
            self._background_failed(task)
        elif task.on_done is not None:
            task.on_done(task.result)

    def _announce(self, task: Task) -> None:
        if task.changes:
            log.debug("%s changed %s", task.label, task.changes.describe())
            self.changed.emit(task.changes)

    def _background_failed(self, task: Task) -> None:
        from qmsdesk.errors import QmsError
        from qmsdesk.i18n import colon

        error = task.error
        assert error is not None
        if isinstance(error, QmsError):
            log.warning("%s failed: %s", task.label, error)
            text = str(error)
        else:
            log.error("%s failed", task.label, exc_info=(type(error), error, error.__traceback__))
            text = f"{type(error).__name__}: {error}"
        if task.on_error is not None:
            task.on_error(error)
        self.problem.emit(task.label + colon() + text)

    def announce(self, changes: Changes) -> None:
        """Tell the pages about changes made outside an operation (a database opened or replaced)."""
        if changes:
            self.changed.emit(changes)

    # --- undo ----------------------------------------------------------------------------------------
    def undo_step(self, owner: str) -> UndoStep | None:
        """The newest step `owner` (a page key) offers, if any."""
        return next((s for s in reversed(self._undo) if s.owner == owner), None)

    def undo(self, owner: str) -> Any:
        """Run the newest undo step of `owner` as a write; it is used up even if the write is refused."""
        step = self.undo_step(owner)
        if step is None:
            return None
        self._undo.remove(step)
        self.undo_changed.emit()
        return self.write(step.fn)

    def forget_undo(self) -> None:
        self._undo.clear()
        self.undo_changed.emit()

    def stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None


def wait_for(signal: Any, ms: int) -> None:
    """Turn the event loop until `signal` is emitted or `ms` pass: a page's wait_loaded (tests, selftest,
    benchmarks and closing wait for a background load to be shown)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _label(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)

