"""Fixtures for the sync tests: a real keyring backend in tmp_path, office keys, an enrolled unit, a month."""

from __future__ import annotations

import pytest
from sync_month import seed_month


@pytest.fixture
def keyring_state(monkeypatch, tmp_path):
    """Save and restore keyring's global backend; no real keyringrc or env choice leaks in."""
    import keyring.core

    from qmsdesk.sync import keys

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    saved = keyring.core._keyring_backend
    monkeypatch.setattr(keys, "_plaintext_accepted", False)
    yield
    keyring.core._keyring_backend = saved


@pytest.fixture
def file_keyring(keyring_state, tmp_path):
    """keyrings.alt's file backend, pointed into tmp_path and chosen explicitly (as a user's config would)."""
    from keyrings.alt.file import PlaintextKeyring

    from qmsdesk.sync import keys

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keys.use_keyring_backend(backend, accept_plaintext=True)
    return backend


@pytest.fixture
def store(file_keyring):
    from qmsdesk.sync.keys import open_key_store

    return open_key_store()


@pytest.fixture(scope="session")
def office_keys():
    from qmsdesk.sync.keys import generate_office_keys

    return generate_office_keys()


@pytest.fixture
def inbox(tmp_path):
    path = tmp_path / "inbox"
    path.mkdir()
    return path


@pytest.fixture
def enrollment_file(tmp_path, office_keys, inbox):
    from qmsdesk.sync.enrollment import write_enrollment

    return write_enrollment(tmp_path / "enroll.json", office_keys, hospital_code="H001", hospital_name="示例县人民医院",
                            department_code="D012", department_name="心血管内科", department_type="inpatient_medical",
                            inbox=str(inbox), url="http://127.0.0.1:9/qms", deadline_day=5, token="tok-unit-1",
                            office_name="县医共体质控办")


@pytest.fixture
def enrolled(session, store, enrollment_file):
    from qmsdesk.sync.enrollment import enroll

    return enroll(session, enrollment_file, store=store)


@pytest.fixture
def month(session):
    return seed_month(session)
