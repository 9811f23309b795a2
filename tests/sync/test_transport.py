"""Sending: folder copies that are checked before they count, HTTP upload with retries, the outbox keeps all."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sync_month import PERIOD

from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.periods import Period
from qmsdesk.services.submission import submit_month
from qmsdesk.sync.monthly import build_month_package, send_package
from qmsdesk.sync.outbox import Outbox
from qmsdesk.sync.package import file_sha256, verify_package
from qmsdesk.sync.transport import TransportError, send_to_folder, upload


@pytest.fixture
def built(session, month, enrolled, store):
    sub = submit_month(session, Period.parse(PERIOD))
    return sub, build_month_package(session, sub, members={"report.pdf": b"%PDF-1.4 test"}, store=store)


def test_a_built_package_waits_in_the_outbox_and_the_submission_knows_its_hash(built):
    sub, pkg = built
    entry = Outbox().entry(pkg.path.name)
    assert entry.state == "built" and entry.sha256 == pkg.sha256 == sub.file_hash
    assert verify_package(pkg.path).encrypted


def test_folder_transport_delivers_an_identical_copy_and_marks_it_sent(session, built, inbox):
    sub, pkg = built
    result = send_package(session, pkg, store=None)  # the enrollment's inbox folder
    assert result.destination == str(inbox / pkg.path.name)
    assert file_sha256(inbox / pkg.path.name) == pkg.sha256
    assert [p.name for p in inbox.iterdir()] == [pkg.path.name]  # no temporary name left behind
    assert Outbox().entry(pkg.path.name).state == "sent" and pkg.path.exists()
    assert sub.status == SubmissionStatus.SENT
    assert send_to_folder(pkg.path, inbox) == inbox / pkg.path.name  # sending twice is harmless


def test_a_missing_folder_keeps_the_package_in_the_outbox(session, built, tmp_path):
    sub, pkg = built
    with pytest.raises(TransportError) as err:
        send_package(session, pkg, folder=tmp_path / "no-usb-stick")
    assert "不存在" in str(err.value) and "仍保存在发件箱" in str(err.value)
    entry = Outbox().entry(pkg.path.name)
    assert entry.state == "built" and "不存在" in entry.last_error and pkg.path.exists()
    assert sub.status == SubmissionStatus.SUBMITTED


def test_a_file_where_the_folder_should_be_keeps_the_package(session, built, tmp_path):
    _sub, pkg = built
    blocker = tmp_path / "E-drive"
    blocker.write_text("not a folder")
    with pytest.raises(TransportError, match="不是文件夹"):
        send_package(session, pkg, folder=blocker)
    assert Outbox().entry(pkg.path.name).state == "built"


@pytest.fixture
def read_only_dir(tmp_path):
    """A read-only folder that even root cannot write: a read-only tmpfs mount (chmod does not stop root)."""
    path = tmp_path / "ro-stick"
    path.mkdir()
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a read-only tmpfs: {done.stderr.decode().strip()}")
        yield path
        subprocess.run(["umount", str(path)], check=False)
    else:
        path.chmod(0o555)
        yield path
        path.chmod(0o755)


def test_a_read_only_folder_keeps_the_package_in_the_outbox(session, built, read_only_dir):
    _sub, pkg = built
    with pytest.raises(TransportError) as err:
        send_package(session, pkg, folder=read_only_dir)
    assert "不可写" in str(err.value) or "无法写入" in str(err.value)
    assert Outbox().entry(pkg.path.name).state == "built" and pkg.path.exists()
    assert list(read_only_dir.iterdir()) == []


class _Receiver(BaseHTTPRequestHandler):
    """A tiny stand-in for the office receiver: first answer 503, then accept."""

    failures_left = 1
    calls: list[dict] = []

    def do_POST(self):  # noqa: N802 — the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).calls.append({"path": self.path, "auth": self.headers["Authorization"],
                                 "sha": self.headers["Content-SHA256"], "size": len(body)})
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        if self.headers["Authorization"] != "Bearer tok-unit-1":
            self._json(403, {"detail": "unknown token"})
            return
        import hashlib

        self._json(201, {"sha256": hashlib.sha256(body).hexdigest(), "status": "received"})

    def _json(self, code, doc):
        data = json.dumps(doc).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        return


@pytest.fixture
def receiver():
    _Receiver.failures_left, _Receiver.calls = 1, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/qms"
    server.shutdown()
    server.server_close()


def test_http_upload_retries_after_a_503_and_is_marked_sent(session, built, store, receiver):
    sub, pkg = built
    waits = []
    result = send_package(session, pkg, url=receiver, store=store, sleep=waits.append)
    assert result.upload.attempts == 2 and result.upload.status == "received" and waits == [1.0]
    assert [c["path"] for c in _Receiver.calls] == ["/qms/packages"] * 2
    assert _Receiver.calls[-1]["auth"] == "Bearer tok-unit-1" and _Receiver.calls[-1]["sha"] == pkg.sha256
    assert Outbox().entry(pkg.path.name).state == "sent" and sub.status == SubmissionStatus.SENT


def test_http_refusal_is_final_and_keeps_the_package(built, receiver):
    _sub, pkg = built
    _Receiver.failures_left = 0
    with pytest.raises(TransportError) as err:
        upload(pkg.path, receiver, "wrong-token", sleep=lambda s: None)
    assert not err.value.retryable and "unknown token" in str(err.value) and len(_Receiver.calls) == 1


def test_unreachable_receiver_gives_up_after_backing_off(built):
    _sub, pkg = built
    waits = []
    with pytest.raises(TransportError, match="已尝试 3 次"):
        upload(pkg.path, "http://127.0.0.1:9/qms", "tok", attempts=3, sleep=waits.append, timeout=2)
    assert waits == [1.0, 2.0]


def test_a_sent_version_cannot_be_rebuilt(session, built, store):
    sub, pkg = built
    send_package(session, pkg)
    from qmsdesk.sync.outbox import OutboxError

    with pytest.raises(OutboxError, match="已经发出"):
        build_month_package(session, sub, store=store)
