"""Long work off the GUI thread: a job with progress and cancel, and a progress dialog that shows it.

A job wraps the same function the command line calls, e.g. `backup_database(path, progress=...)`.
The function receives a `JobControl` and reports `control.progress(done, total)`; after the user
presses Cancel, the next `progress` call raises `JobCancelled`, so the function stops at a safe point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qmsdesk.errors import QmsError


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


class _Worker(QThread):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        job = self.job
        try:
            result = job.fn(JobControl(job))
        except JobCancelled:
            job.cancelled.emit()
        except QmsError as exc:
            job.failed.emit(str(exc))
        except Exception as exc:  # any crash must reach the user as a message, not kill the thread silently
            job.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            job.result = result
            job.succeeded.emit(result)


class Job(QObject):
    """One piece of long work. Start it, listen to its signals, ask it to cancel."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, title: str, fn: Callable[[JobControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.fn = fn
        self.cancel_requested = False
        self.result: Any = None
        self._thread = _Worker(self)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_requested = True

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()


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


def run_job(job: Job, parent: QWidget | None = None) -> tuple[str, Any]:
    """Run `job` behind a modal progress dialog; returns ("ok", result), ("failed", message) or ("cancelled", "")."""
    dialog = JobDialog(job, parent)
    job.start()
    dialog.exec()
    if dialog.outcome is None:  # closed by the window manager: treat as cancel and wait for a safe stop
        job.cancel()
        job.wait()
        return "cancelled", ""
    return dialog.outcome, job.result if dialog.outcome == "ok" else dialog.message
