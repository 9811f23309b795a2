"""Shared fixtures: a real SQLite file in tmp_path, opened (and migrated) as the program opens it, and a
real PostgreSQL server for the office store (QMSDESK_TEST_PG_URL, or a throw-away one: tests/pg_server.py)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QMSDESK_LANG", "zh_CN")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "QMSDESK_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder or database."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("QMSDESK_DATA_DIR", str(data))
    monkeypatch.delenv("QMSDESK_DB", raising=False)
    monkeypatch.setenv("QMSDESK_USER", "测试护士长")
    from qmsdesk.i18n import set_language

    set_language("zh_CN")
    yield data
    # Reset after the test as well: a module-scoped fixture of the next module (a demo database) is built
    # before this fixture runs again, and must not be written in a language a test switched to.
    set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "qms.db"


@pytest.fixture
def db(db_path):
    from qmsdesk.db.engine import open_database

    database = open_database(db_path, actor="测试护士长")
    yield database
    database.close()


@pytest.fixture
def session(db):
    """A session committed at the end of the test (so hooks and constraints really run)."""
    with db.session() as s:
        yield s


@pytest.fixture(scope="session")
def pg_url():
    """A PostgreSQL server's URL: QMSDESK_TEST_PG_URL when set, else a throw-away server for this test run.

    Started only when a test needs it. Without PostgreSQL's programs the tests that need it fail and say
    what to install: a run that silently skipped them would look green without having tested the store.
    """
    url = os.environ.get(PG_ENV)
    if url:
        yield url
        return
    from pg_server import PostgresUnavailable, ThrowawayPostgres

    try:
        server = ThrowawayPostgres().start()
    except PostgresUnavailable as exc:
        problem = str(exc)
    else:
        problem = None
    if problem:
        pytest.fail(f"{PG_ENV} is not set and no throw-away PostgreSQL server could be started: {problem}",
                    pytrace=False)
    yield server.url
    server.stop()



@pytest.fixture(scope="session")
def demo_year(tmp_path_factory):
    """The demo year until 2026-10 made by `qmsdesk demo` once per test run. Never written to: a module takes its
    own copy (demo_files.demo_copy), since opening the file through the ORM may write."""
    from demo_files import DEMO_UNTIL, run_qmsdesk

    folder = tmp_path_factory.mktemp("demo-year")
    path = folder / "demo.db"
    result = run_qmsdesk("demo", "--db", path, "--until", DEMO_UNTIL, cwd=folder)
    assert result.returncode == 0, result.stderr
    return path
