"""Flooding a real `qmsdesk office serve`: huge, slow and idle connections, refusals that pile up, too many
connections under a low open-file limit. The receiver's memory, disk and log must stay bounded and it
must keep answering.

The receiver's peak memory during a 300 MB upload is measured here (its VmHWM) and printed (`pytest -s`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time

import pytest
from receiver_process import PERIOD, Office, Receiver, Receivers, UnitKeys, package

from qmsdesk.sync.package import package_filename

NAME = package_filename("H001", "D012", PERIOD, 1)


@pytest.fixture
def office(tmp_path):
    return Office.with_units(tmp_path, str(tmp_path / "office.db"), ("H001", "D012"))


@pytest.fixture
def token(office):
    return office.token("H001", "D012")


@pytest.fixture
def receiver(office):
    with Receivers(office) as start:
        yield start


def _send_streamed(rx: Receiver, token: str, total: int, *, chunked: bool = False) -> tuple[int, bytes]:
    """Send `total` bytes of noise as one upload from a raw socket; (bytes the receiver took, its reply)."""
    block = os.urandom(1 << 20)
    sock = socket.create_connection(("127.0.0.1", rx.port), timeout=60)
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    sock.sendall((f"POST /packages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nX-Qmsdesk-Filename: {NAME}"
                  f"\r\n{length}\r\n\r\n").encode())
    sent = 0
    with contextlib.suppress(OSError):  # the receiver cut the upload off: what it answered is read below
        while sent < total:
            piece = block[:min(len(block), total - sent)]
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
    sock.settimeout(120)
    reply = b""
    with contextlib.suppress(OSError):  # a reset after the reply: what arrived is what counts
        while chunk := sock.recv(65536):
            reply += chunk
    sock.close()
    return sent, reply


# --- streaming and the byte limit -------------------------------------------------------------------

def test_a_300_mb_upload_streams_to_disk_and_the_receiver_stays_under_150_mib(office, token, receiver):
    rx = receiver("--max-mb", "400", env={"QMSDESK_QUARANTINE_MAX_MB": "100"})
    start = rx.peak_rss_mib()
    rx.reset_peak()
    ready = rx.peak_rss_mib()
    sent, reply = _send_streamed(rx, token, 300 * 2**20)
    peak = rx.peak_rss_mib()
    print(f"\nreceiver peak RSS: {start:.0f} MiB over start-up (the key file's scrypt), {ready:.0f} MiB ready, "
          f"{peak:.0f} MiB at most while receiving and refusing a 300 MB upload")
    assert sent == 300 * 2**20
    assert b" 422 " in reply.split(b"\r\n", 1)[0] and "not_a_package" in reply.decode("utf-8", "replace")
    assert peak < 150, f"the receiver peaked at {peak:.0f} MiB"
    assert "隔离区已满" in reply.decode("utf-8", "replace")  # 300 MB over the 100 MB quota: not kept
    assert not office.files("quarantine") and not office.files("incoming") and not office.files("inbox", "H001_D012")


def test_a_body_past_the_limit_is_cut_off_as_soon_as_it_crosses_it(office, token, receiver):
    rx = receiver("--max-mb", "8")
    sent, reply = _send_streamed(rx, token, 256 * 2**20, chunked=True)  # no length to refuse it by in advance
    assert b" 413 " in reply.split(b"\r\n", 1)[0], reply[:200]
    assert sent < 64 * 2**20, f"{sent >> 20} MB went in before the receiver stopped it"
    assert not office.files("incoming") and not office.files("inbox", "H001_D012")
    assert rx.get("/health").status == 200


# --- quarantine quota, no duplicates, a unit's waiting packages -------------------------------------

def test_refused_bodies_fill_only_the_units_quota_and_a_resent_body_is_not_kept_twice(office, token, receiver):
    rx = receiver(env={"QMSDESK_QUARANTINE_MAX_FILES": "3"})
    bodies = [os.urandom(2048) for _ in range(5)]
    replies = [rx.post(b, token, NAME) for b in bodies]
    assert [r.status for r in replies] == [422] * 5 and {r.code for r in replies} == {"not_a_package"}
    kept = [p for p in office.files("quarantine", "H001_D012") if not p.name.endswith(".reason.txt")]
    assert len(kept) == 3
    assert all("隔离区已满" in r.message for r in replies[3:])
    again = rx.post(bodies[0], token, NAME)
    assert again.status == 422 and "未重复保存" in again.message
    assert len([p for p in office.files("quarantine", "H001_D012") if not p.name.endswith(".reason.txt")]) == 3
    assert not office.files("inbox", "H001_D012")


def test_a_unit_cannot_pile_up_packages_waiting_in_its_inbox(office, token, receiver, tmp_path):
    rx = receiver(env={"QMSDESK_INBOX_MAX_WAITING": "2"})
    keys = office.keys()
    for version in (1, 2):
        pkg = package(tmp_path / f"v{version}", UnitKeys("H001", "D012"), keys, version=version)
        assert rx.post(pkg, token, pkg.name).status == 202  # held: a new key each time, from its own token
    third = package(tmp_path / "v3", UnitKeys("H001", "D012"), keys, version=3)
    reply = rx.post(third, token, third.name)
    assert (reply.status, reply.code) == (507, "inbox_full")
    assert len(office.files("inbox", "H001_D012")) == 2


# --- idle, slow and too many connections -----------------------------------------------------------

def _closed_within(sock: socket.socket, seconds: float) -> bytes | None:
    """What the receiver sent before closing the connection, or None if it was still open after `seconds`."""
    sock.settimeout(seconds)
    got = b""
    try:
        while chunk := sock.recv(4096):
            got += chunk
    except TimeoutError:
        return None
    except OSError:
        return got
    return got


def test_idle_and_slow_connections_are_closed(office, token, receiver):
    rx = receiver("--timeout", "2")
    idle = socket.create_connection(("127.0.0.1", rx.port))
    assert _closed_within(idle, 6) == b""

    headers = socket.create_connection(("127.0.0.1", rx.port))
    started = time.monotonic()
    closed = False
    for byte in b"POST /packages HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 40:
        try:
            headers.sendall(bytes([byte]))
        except OSError:
            closed = True
            break
        if _closed_within(headers, 0.5) is not None:
            closed = True
            break
    assert closed and time.monotonic() - started < 8, "a connection sending its headers a byte at a time stayed open"

    body = socket.create_connection(("127.0.0.1", rx.port))
    body.sendall((f"POST /packages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                  f"X-Qmsdesk-Filename: {NAME}\r\nContent-Length: 100000\r\n\r\n").encode())
    answer = None
    for _ in range(40):
        try:
            body.sendall(b"x")
        except OSError:
            break
        answer = _closed_within(body, 0.5)
        if answer is not None:
            break
    assert answer is not None and b" 408 " in answer.split(b"\r\n", 1)[0], answer
    assert not office.files("incoming") and not office.files("inbox", "H001_D012")
    assert rx.get("/health").status == 200


def _flood(rx: Receiver, count: int) -> list[socket.socket]:
    socks = []
    for _ in range(count):
        try:
            socks.append(socket.create_connection(("127.0.0.1", rx.port), timeout=5))
        except OSError:
            break
    return socks


def _log_bytes(office, rx: Receiver) -> int:
    log = office.data / "qmsdesk.log"
    return len(rx.output().encode()) + (log.stat().st_size if log.exists() else 0)


def test_eleven_hundred_idle_connections_under_a_1024_file_limit_do_not_stop_the_receiver(office, receiver):
    import threading

    rx = receiver("--timeout", "3", file_limit=1024)
    assert "最多 200 个连接" in rx.output()
    most, flooding = [0], [True]

    def count_descriptors() -> None:
        while flooding[0]:
            most[0] = max(most[0], len(os.listdir(f"/proc/{rx.process.pid}/fd")))
            time.sleep(0.05)

    watcher = threading.Thread(target=count_descriptors)
    watcher.start()
    socks = _flood(rx, 1100)
    try:
        assert len(socks) == 1100
        answers = _until_all_closed(socks, 20)  # idle ones after the timeout, the ones beyond the cap at once
        assert len(answers) == 1100, f"{1100 - len(answers)} connections were still open"
        assert any(a.startswith(b"HTTP/1.1 503") for a in answers)  # beyond the cap: "busy", the socket released
        assert rx.get("/health").status == 200
    finally:
        flooding[0] = False
        watcher.join()
        for s in socks:
            s.close()
    from qmsdesk.office.receiver_guard import FD_RESERVE

    print(f"\nat most {most[0]} descriptors open during the flood (cap 200 + reserve {FD_RESERVE}, limit 1024)")
    assert most[0] <= 200 + FD_RESERVE + 64, f"the receiver held {most[0]} descriptors"
    assert "out of system resource" not in rx.output()
    assert _log_bytes(office, rx) < 64 * 1024


def _until_all_closed(socks: list[socket.socket], seconds: float) -> list[bytes]:
    """Wait until the receiver has closed each connection; what each one received before it was closed."""
    import selectors

    waiting, answers = {s.fileno(): s for s in socks}, {}
    got: dict[int, bytes] = {}
    with selectors.DefaultSelector() as sel:
        for s in waiting.values():
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
        deadline = time.monotonic() + seconds
        while waiting and time.monotonic() < deadline:
            for key, _mask in sel.select(timeout=0.5):
                s = key.fileobj
                try:
                    chunk = s.recv(4096)
                except OSError:
                    chunk = b""
                if chunk:
                    got[s.fileno()] = got.get(s.fileno(), b"") + chunk
                    continue
                answers[s.fileno()] = got.get(s.fileno(), b"")
                sel.unregister(s)
                del waiting[s.fileno()]
    return list(answers.values())


def test_accept_errors_when_files_run_out_are_logged_rate_limited_and_the_receiver_recovers(office, receiver):
    rx = receiver("--timeout", "4", "--max-connections", "1000", file_limit=256)
    assert "LimitNOFILE" in rx.output()  # told at start that the cap does not fit the file limit
    socks = _flood(rx, 600)
    try:
        time.sleep(3)
    finally:
        for s in socks:
            s.close()
    time.sleep(6)
    assert rx.get("/health").status == 200
    out = rx.output()
    assert 1 <= out.count("out of system resource") <= 3, out[-2000:]  # it did run out, and said so once
    assert "out of system resource" in (office.data / "qmsdesk.log").read_text(encoding="utf-8")
    assert _log_bytes(office, rx) < 64 * 1024
