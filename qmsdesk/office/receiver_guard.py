"""What keeps the receiver up under idle, slow and too many connections: uvicorn's HTTP protocol with a
connection cap and a request deadline, rate-limited logging of accept errors, and the open-file limit.

uvicorn (h11) closes an idle keep-alive connection only after a response, and any byte that arrives
cancels that timer: a connection that never finishes its headers, or sends them a byte a second, stays
open for ever. Under the common limit of 1,024 open files about a thousand of them stop the receiver, and
asyncio's accept loop then logs one error per queued connection per turn (about 100 MB of log in seconds).
So `guarded_protocol` closes a connection that has not completed its request headers within the timeout
(counted from the connect, or from the last response), refuses connections beyond the cap at once (a short
503, the socket released), and the body's pace is the upload handler's business (server.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

from uvicorn.protocols.http.h11_impl import H11Protocol

_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 10\r\n"
         b"Connection: close\r\nContent-Length: 5\r\n\r\nbusy\n")
# asyncio accepts up to this many connections per turn of the loop (uvicorn's `backlog`); a connection
# turned away is closed on the next turn, so that many descriptors may be in flight besides the cap.
BACKLOG = 64
# Descriptors the receiver needs besides its connections: the store, the log, uploads being written, imports,
# and the connections being turned away.
FD_RESERVE = 64 + BACKLOG


def guarded_protocol(max_connections: int, timeout: float) -> type[H11Protocol]:
    """An H11Protocol class with the cap and the header deadline (uvicorn.Config(http=...))."""

    class GuardedH11Protocol(H11Protocol):
        _refused = False
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if len(self.connections) >= max_connections:
                self._refused = True
                transport.write(_BUSY)
                transport.close()
                return
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(timeout, self._expire)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expire(self) -> None:
            # Only while waiting for a request's headers: a request being read or answered is the app's business.
            if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
                self.transport.close()

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:  # a request's headers are complete
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._refused:
                return
            self._disarm()
            super().connection_lost(exc)

    return GuardedH11Protocol


class RateLimitFilter(logging.Filter):
    """Lets through the first record that matches, then at most one per `interval` seconds, saying how many
    were held back. For errors that repeat in a tight loop (asyncio's accept errors, refused uploads)."""

    def __init__(self, match: str, interval: float = 10.0) -> None:
        super().__init__()
        self.match, self.interval = match, interval
        self._last = float("-inf")
        self._held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if self.match not in str(record.msg):
            return True
        now = time.monotonic()
        if now - self._last < self.interval:
            self._held += 1
            return False
        if self._held:
            record.msg = f"{record.msg} ({self._held} similar messages in the last {self.interval:g} s not logged)"
            self._held = 0
        self._last = now
        return True


ACCEPT_ERROR = "socket.accept() out of system resource"


def limit_accept_errors(interval: float = 10.0) -> RateLimitFilter:
    """Install the rate limit on asyncio's accept-error message (once per process)."""
    logger = logging.getLogger("asyncio")
    for existing in logger.filters:
        if isinstance(existing, RateLimitFilter) and existing.match == ACCEPT_ERROR:
            return existing
    limiter = RateLimitFilter(ACCEPT_ERROR, interval)
    logger.addFilter(limiter)
    # A handler that cannot write (no descriptors left) would print its own traceback each time.
    logging.raiseExceptions = False
    return limiter


def log_while_out_of_files(*names: str) -> None:
    """The receiver's warnings go to stderr too (a service's journal), and the log file is opened now:
    when descriptors run out, a message that needs a new one to be written is a message lost."""
    import sys

    from qmsdesk.logs import MaskingFormatter, PatientDataFilter, RotatingLog

    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingLog):
            handler.open_now()
        elif isinstance(handler, logging.FileHandler) and handler.stream is None:
            handler.setStream(open(handler.baseFilename, "a", encoding=handler.encoding))  # noqa: SIM115 (the handler owns it)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console.addFilter(PatientDataFilter())
    for name in names:
        logging.getLogger(name).addHandler(console)


def raise_file_limit() -> int | None:
    """Raise the soft open-file limit to the hard one (Linux, macOS); return the limit now in force."""
    if os.name != "posix":
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            return soft  # some containers forbid it; serve() warns when the limit is too low for the cap
        soft = hard
    return None if soft == resource.RLIM_INFINITY else soft
