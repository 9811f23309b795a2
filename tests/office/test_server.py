"""The HTTP receiver on a real uvicorn (127.0.0.1), driven by the unit's own transport code."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from qmsdesk.office import acks
from qmsdesk.office.server import create_app
from qmsdesk.office.units import find_unit, issue_enrollment
from qmsdesk.sync.receipts import read_receipt
from qmsdesk.sync.transport import TransportError, fetch_receipts, upload


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def receiver(store, folders, office_keys):
    import uvicorn

    servers = []

    def start(max_bytes: int = 256 * 1024 * 1024) -> str:
        port = _free_port()
        config = uvicorn.Config(create_app(store, folders, office_keys, max_bytes=max_bytes), host="127.0.0.1",
                                port=port, log_level="error")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.02)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture
def token_unit(factory, store, office_keys, tmp_path):
    made = factory.unit()
    with store.session() as s:
        issued = issue_enrollment(s, find_unit(s, "H001", "D012"), office_keys, tmp_path / "e.json", url="http://x")
    return made, issued.token


def test_upload_is_imported_once_and_a_retry_is_a_duplicate(receiver, factory, token_unit, store, folders):
    unit, token = token_unit
    url = receiver()
    package = factory.package(unit)
    first = upload(package, url, token, attempts=1)
    assert first.status == "received"
    again = upload(package, url, token, attempts=1)
    assert again.status == "duplicate"
    with store.session() as s:
        assert len(acks.packages(s)) == 1
    assert list(folders.archive.rglob(package.name))  # it went through the inbox and the importer
    assert not list(folders.inbox.rglob("*.qmspkg"))


def test_wrong_token_is_refused_without_retrying(receiver, factory, token_unit):
    unit, _token = token_unit
    url = receiver()
    with pytest.raises(TransportError) as err:
        upload(factory.package(unit), url, "not-the-token", attempts=3, sleep=lambda _s: None)
    assert "401" in str(err.value) and not err.value.retryable


def test_package_over_the_size_limit_is_refused(receiver, factory, token_unit, folders):
    unit, token = token_unit
    url = receiver(max_bytes=1000)
    with pytest.raises(TransportError) as err:
        upload(factory.package(unit), url, token, attempts=1)
    assert "413" in str(err.value)
    assert not list(folders.inbox.rglob("*.qmspkg"))


def test_a_package_named_for_another_unit_is_refused(receiver, factory, token_unit, tmp_path):
    unit, token = token_unit
    other = factory.unit("H002", "D001")
    url = receiver()
    with pytest.raises(TransportError) as err:
        upload(factory.package(other), url, token, attempts=1)
    assert "400" in str(err.value)


def test_unit_fetches_its_signed_receipt(receiver, factory, token_unit, store, folders, office_keys, tmp_path):
    unit, token = token_unit
    url = receiver()
    upload(factory.package(unit), url, token, attempts=1)
    with store.session() as s:
        acks.acknowledge(s, acks.packages(s)[0], "returned", "跌倒例次漏报", keys=office_keys, folders=folders)
    got = fetch_receipts(url, token, tmp_path / "receipts")
    assert len(got) == 1
    receipt = read_receipt(got[0], office_keys.signing_public.key_b64)
    assert (receipt.status, receipt.comments, receipt.period) == ("returned", "跌倒例次漏报", "2026-10")
