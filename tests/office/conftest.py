"""Office fixtures: the store on SQLite and on a real PostgreSQL server (tests/conftest.py's pg_url)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "office.db")
    from sqlalchemy import create_engine

    from qmsdesk.office.models import OfficeBase

    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    OfficeBase.metadata.drop_all(engine)  # each test starts from an empty store
    engine.dispose()
    return url


@pytest.fixture
def store(store_url):
    from qmsdesk.office.store import open_office_store

    s = open_office_store(store_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def office_keys():
    from qmsdesk.sync.keys import generate_office_keys

    return generate_office_keys()


@pytest.fixture
def folders(tmp_path):
    from qmsdesk.office.store import OfficeFolders

    return OfficeFolders(tmp_path / "office").ensure()


@pytest.fixture
def factory(store, office_keys, tmp_path):
    from office_helpers import PackageFactory

    return PackageFactory(store, office_keys, Path(tmp_path / "made"))
