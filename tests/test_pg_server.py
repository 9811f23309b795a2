"""The throw-away PostgreSQL server the tests start when QMSDESK_TEST_PG_URL is not set (tests/pg_server.py).

CI sets the URL, so without these tests it would never run the path a newcomer's `pytest` takes.
"""

from __future__ import annotations

import os
import socket
import stat

import pytest
from pg_server import PostgresUnavailable, ThrowawayPostgres, find_bin_dir


def _accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_a_throw_away_server_holds_the_office_store_and_leaves_nothing_behind():
    from qmsdesk.office.models import OfficeUnit
    from qmsdesk.office.store import open_office_store

    server = ThrowawayPostgres().start()
    folder, port = server.folder, server.port
    try:
        if os.geteuid() == 0:  # PostgreSQL refuses root: the server runs as the postgres user, in its own folder
            import pwd

            assert folder.stat().st_uid == pwd.getpwnam("postgres").pw_uid
        store = open_office_store(server.url)
        with store.session() as s:
            s.add(OfficeUnit(hospital_code="H9", hospital_name="某县人民医院", department_code="D9",
                             department_name="心血管内科"))
        with store.session() as s:
            assert [u.department_name for u in s.query(OfficeUnit)] == ["心血管内科"]
        store.close()
        assert _accepts(port)
    finally:
        server.stop()
    assert not folder.exists()
    assert not _accepts(port)


def test_missing_postgresql_programs_say_which_package_to_install(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    (empty / "initdb").write_text("#!/bin/sh\n")
    (empty / "initdb").chmod(stat.S_IRWXU)  # initdb alone is not enough: pg_ctl is missing
    with pytest.raises(PostgresUnavailable) as caught:
        find_bin_dir([empty])
    message = str(caught.value)
    assert "initdb and pg_ctl" in message and "apt-get install postgresql" in message
    assert "QMSDESK_TEST_PG_URL" in message
