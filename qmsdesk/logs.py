"""The rotating log file in the data folder: errors with the context a support call needs, no patient data.

`setup_logging()` attaches a rotating log file (about 1 MB × 3 files) to the root logger; every line
written through it passes a masking formatter, so a medical record number that reaches a message, an
argument or a traceback is written as `****1234`. `log_unexpected()` records a crash together with the
command line, the period and record the user was working on, the program versions and the platform —
what the support person asks first on the phone.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# Imported with the log, not when the first line is written: a process out of file descriptors (the receiver)
# could not import it then, and the line saying so would be lost (tests/office/test_receiver_limits.py).
from qmsdesk.reports.masking import mask_labelled_numbers, mask_record_no

LOG_FILENAME = "qmsdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 2  # qmsdesk.log plus qmsdesk.log.1 and .2: about 3 MB at most
HANDLER_NAME = "qmsdesk-log"

# Record numbers are digit runs (optionally after a short letter prefix such as ZY); six or more digits
# are never a date, a count or a version in our messages, so masking them cannot hide useful context.
_RECORD_NO = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{0,4}\d{6,}(?![0-9])")
# Arguments and fields that carry patient text; their values are dropped from the logged command line.
PATIENT_FIELDS = ("medical_record_no", "record_no", "patient", "description", "summary", "measures",
                  "analysis", "notes")

log = logging.getLogger("qmsdesk")


def mask_patient_data(text: str) -> str:
    """Every run that looks like a medical record number (≥ 6 digits), and any number labelled as a patient's
    (病案号 123), masked to its last characters."""
    return _RECORD_NO.sub(lambda m: mask_record_no(m.group(0)), mask_labelled_numbers(text))


class PatientDataFilter(logging.Filter):
    """Masks record numbers in the message and its arguments before any handler formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must still be logged, masked
            text = f"{record.msg} {record.args!r}"
        record.msg, record.args = mask_patient_data(text), None
        return True


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted line, tracebacks included (an exception message may quote a value)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_patient_data(super().format(record))


class RotatingLog(logging.Handler):
    """A RotatingFileHandler made when the first record is written: most runs write none, and importing
    logging.handlers (socket, pickle, queue) cost every start, the window's before its first paint, ~10 ms."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def _handler(self) -> logging.FileHandler:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                             encoding="utf-8", delay=True)
            self._file.setFormatter(self.formatter)
        return self._file

    def emit(self, record: logging.LogRecord) -> None:
        self._handler().emit(record)  # filtered already (Handler.handle), under this handler's lock

    def open_now(self) -> None:
        """Open the file now: a process that may run out of descriptors (the receiver) must not need a new one,
        nor an import, to write the message that says so."""
        handler = self._handler()
        if handler.stream is None:
            handler.setStream(open(handler.baseFilename, "a", encoding=handler.encoding))  # noqa: SIM115 (the handler owns it)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def log_path() -> Path:
    from qmsdesk.config import data_dir

    return data_dir() / LOG_FILENAME


def setup_logging(level: int = logging.WARNING) -> Path | None:
    """Warnings and crashes go to qmsdesk.log in the data folder (created only when written).

    Returns the log's path, or None when the data folder cannot be written: the program must still run.
    """
    try:
        path = log_path()
        handler = RotatingLog(path)
    except OSError:
        return None
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PatientDataFilter())
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:  # main() may run twice in one process
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def versions() -> str:
    """Program, Python, library and platform versions, in one line."""
    import platform

    from qmsdesk import __version__

    parts = [f"qmsdesk {__version__}", f"Python {platform.python_version()}"]
    for name in ("sqlalchemy", "PySide6", "openpyxl", "reportlab", "cryptography"):
        mod = sys.modules.get(name)  # only what this run loaded: importing more here could fail again
        if mod is not None:
            parts.append(f"{name} {getattr(mod, '__version__', '?')}")
    parts.append(f"{platform.system()} {platform.release()} {platform.machine()}")
    return ", ".join(parts)


def safe_command(argv: Iterable[str]) -> str:
    """The command line with the values of patient-text options left out and record numbers masked."""
    out, skip = [], False
    for arg in argv:
        if skip:
            out.append("<…>")
            skip = False
            continue
        name = arg.lstrip("-").split("=", 1)[0].replace("-", "_")
        if arg.startswith("--") and name in PATIENT_FIELDS:
            if "=" in arg:
                out.append(arg.split("=", 1)[0] + "=<…>")
            else:
                out.append(arg)
                skip = True
            continue
        out.append(arg)
    return mask_patient_data(" ".join(["qmsdesk", *out]))


def log_unexpected(argv: Iterable[str], *, period: str | None = None, kind: str | None = None,
                   record_id: str | None = None, where: str | None = None, exc_info: Any = True) -> None:
    """Record the exception being handled (or `exc_info`), with what a support person needs to reproduce it."""
    context = [f"command: {safe_command(argv)}"]
    if where:
        context.append(f"where: {where}")
    if period:
        context.append(f"period: {period}")
    if kind or record_id:
        context.append(f"record: {kind or '?'} {record_id or ''}".rstrip())
    context.append(f"versions: {versions()}")
    log.error("unexpected error; %s", "; ".join(context), exc_info=exc_info)


def install_excepthook(argv: Iterable[str], where: Callable[[], str | None] | None = None) -> None:
    """Log exceptions that reach the top of an event loop (Qt slots) before the usual report.

    `where` names what the user was doing (for the window: the page shown), asked at the moment of the error.
    """
    argv = list(argv)
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        try:
            log_unexpected(argv, where=where() if where else None, exc_info=(kind, value, tb))
        finally:
            previous(kind, value, tb)

    sys.excepthook = hook
