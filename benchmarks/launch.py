"""Run one command as a fresh process; print its start time, wall time and its own peak memory as JSON.

    python benchmarks/launch.py OUT ERR TIMEOUT -- COMMAND...

Why a launcher: on Linux a child's peak resident size (ru_maxrss) starts from the high-water mark of the
process that forked it — the kernel carries the forked copy's peak through exec — so a command forked
straight from the benchmark harness, which holds databases and figures, reports the harness's peak, not
its own (the old harness reported 69 MiB for a bare window of 51 MiB). This launcher is a small Python
process with nothing loaded; the command is forked from it, so the floor it inherits (about 10 MiB) is
below any measured program's own peak. Standard library only, so that floor stays small.

The start time is time.monotonic() just before the fork: the moment the user clicks. Programs that report
when something appeared on screen (benchmarks/probe.py) use the same clock, so the harness subtracts.
The command's output goes to OUT and ERR; the launcher's own stdout carries only the JSON line.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def main(argv: list[str]) -> int:
    out, err, timeout, separator, *command = argv
    if separator != "--" or not command:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            for path, fd in ((out, 1), (err, 2)):
                os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    timed_out = []

    def kill(_signum, _frame) -> None:
        timed_out.append(True)
        os.kill(pid, signal.SIGKILL)

    signal.signal(signal.SIGALRM, kill)
    signal.alarm(max(1, int(float(timeout))))
    _pid, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    signal.alarm(0)
    print(json.dumps({"start": start, "seconds": seconds, "max_rss_mib": usage.ru_maxrss / 1024,
                      "returncode": os.waitstatus_to_exitcode(status), "timed_out": bool(timed_out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
