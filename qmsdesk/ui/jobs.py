"""Long work off the GUI thread: a job with progress and cancel, and a progress dialog that shows it.

A job wraps the same function the command line calls, e.g. `backup_database(path, progress=...)`.
The function receives a `JobControl` and reports `control.progress(done, total)`; after the user
presses Cancel, the next `progress` call raises `JobCancelled`, so the function stops at a safe point.

A job that writes runs on the window's database worker (`ctx.job(title, fn)`, see ui/operations.py), so
it queues behind other writes and its `Changes` reach every page; a job that only reads or fetches files
(`Job(title, fn)`) gets a thread of its own. Either way its outcome arrives as a signal on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qmsdesk.errors import QmsError

if TYPE_CHECKING:
    from qmsdesk.ui.operations import DatabaseWorker, Task

log = logging.getLogger("qmsdesk.jobs")


class JobCancelled(QmsError):
    """The user cancelled the job."""


class JobControl:
    """Handed to the job's function: report progress, learn about cancellation."""

    def __init__(self, job: Job) -> None:
        self._job = job

    def progress(self, done: int, total: int) -> None:
        if self._job.cancel_requested:
            raise JobCancelled(self._job.tr("已取消。"))
        self._job.progressed.emit(int(done), int(total))

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_requested


class _Thread(QThread):
    """The own thread of a job that does not write to the database."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run_here()
        self.job.deliver()


class Job(QObject):
    """One piece of long work. Start it, listen to its signals, ask it to cancel."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, title: str, fn: Callable[[JobControl], Any], parent: QObject | None = None, *,
                 worker: DatabaseWorker | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.fn = fn
        self.cancel_requested = False
        self.result: Any = None
        self.outcome: tuple[str, Any] | None = None  # ("ok", result), ("failed", message) or ("cancelled", "")
        self._worker = worker
        self._task: Task | None = None
        self._thread = _Thread(self) if worker is None else None

    def start(self) -> None:
        if self._worker is not None:
            self._task = self._worker.submit(self.run_here, self.title, job=self)
        else:
            assert self._thread is not None
            self._thread.start()

    def cancel(self) -> None:
        self.cancel_requested = True

    def wait(self, ms: int = 60_000) -> bool:
        if self._thread is not None:
            return self._thread.wait(ms)
        return self._task is None or self._task.done.wait(ms / 1000)

    def is_running(self) -> bool:
        if self._thread is not None:
            return self._thread.isRunning()
        return self._task is not None and not self._task.done.is_set()

    def run_here(self) -> Any:
        """Run the function on the calling thread and keep its outcome (the worker or the job's thread)."""
        try:
            result = self.fn(JobControl(self))
        except JobCancelled:
            self.outcome = ("cancelled", "")
        except QmsError as exc:
            log.warning("%s: %s", self.title, exc)
            self.outcome = ("failed", str(exc))
        except Exception as exc:  # any crash must reach the user as a message, and the log with its traceback
            log.exception("%s failed", self.title)
            self.outcome = ("failed", f"{type(exc).__name__}: {exc}")
        else:
            self.result = result
            self.outcome = ("ok", result)
        return self.result

    def deliver(self) -> None:
        """Emit the outcome (on the GUI thread for worker jobs, after their changes reached the pages)."""
        kind, value = self.outcome or ("failed", "")
        if kind == "ok":
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)


class JobDialog(QProgressDialog):
    """A progress dialog for a `Job`; its Cancel button asks the job to stop."""

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(job.title, self.tr("取消"), 0, 0, parent)
        self.setObjectName("job-dialog")
        self.setWindowTitle(job.title)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.job = job
        self.outcome: str | None = None  # "ok", "failed" or "cancelled"
        self.message = ""
        job.progressed.connect(self._progress)
        job.succeeded.connect(lambda _r: self._finish("ok", ""))
        job.failed.connect(lambda m: self._finish("failed", m))
        job.cancelled.connect(lambda: self._finish("cancelled", self.tr("已取消。")))
        self.canceled.connect(job.cancel)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))

    def _finish(self, outcome: str, message: str) -> None:
        self.outcome = outcome
        self.message = message
        self.job.wait()
        self.done(0)


def run_job(job: Job, parent: QWidget | None = None, steps=None) -> tuple[str, Any]:
    """Run `job` behind a modal progress dialog; returns ("ok", result), ("failed", message) or ("cancelled", "").

    `steps`, a signal carrying text, changes the dialog's text as the job goes (the binder names each section)."""
    dialog = JobDialog(job, parent)
    if steps is not None:
        steps.connect(dialog.setLabelText)
    job.start()
    dialog.exec()
    if dialog.outcome is None:  # closed by the window manager: treat as cancel and wait for a safe stop
        job.cancel()
        job.wait()
        return "cancelled", ""
    return dialog.outcome, job.result if dialog.outcome == "ok" else dialog.message
