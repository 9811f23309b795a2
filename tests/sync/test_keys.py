"""Where keys live: a configured keyring, the Secret Service, or the passphrase file — never plaintext."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qmsdesk.sync import crypto, keys

# CI clones the repository with shared/ beside it; a developer's checkout has it at /work/shared.
WITH_KEYRING = next(
    (p for p in (Path(__file__).resolve().parents[3] / "shared/tools/with-keyring",
                 Path("/work/shared/tools/with-keyring")) if p.exists()),
    Path("/work/shared/tools/with-keyring"),
)


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _leaks(folder: Path, key) -> list[Path]:
    raw = crypto.raw_private(key)
    needles = [raw, base64.b64encode(raw), base64.b64encode(raw).rstrip(b"=")]
    return [p for p in _files_under(folder) if any(n in p.read_bytes() for n in needles)]


def test_unit_key_round_trips_through_a_configured_keyring_backend(store, file_keyring):
    assert "PlaintextKeyring" in store.description
    made = keys.create_unit_key(store, "H001", "D012")
    loaded = keys.load_unit_key(store, "H001", "D012")
    assert crypto.raw_public(made) == crypto.raw_public(loaded)
    assert file_keyring.get_password(keys.SERVICE, keys.unit_secret_name("H001", "D012", "signing-key"))
    # enrolling again keeps the key the office already trusts
    assert crypto.raw_public(keys.create_unit_key(store, "H001", "D012")) == crypto.raw_public(made)


def test_a_plaintext_backend_chosen_implicitly_is_refused(keyring_state, tmp_path, _isolated_data):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    silent = PlaintextKeyring()
    silent.file_path = str(tmp_path / "silent.cfg")
    keyring.set_keyring(silent)  # as keyring itself does when keyrings.alt is installed
    problem = keys.keyring_problem()
    assert problem and "PlaintextKeyring" in problem and "明文" in problem
    with pytest.raises(keys.PassphraseRequired) as err:
        keys.open_key_store()
    assert err.value.creating and "明文" in str(err.value) and keys.PASSPHRASE_ENV in str(err.value)
    store = keys.open_key_store(passphrase="正确的口令-123")
    assert isinstance(store, keys.PassphraseFileStore)
    key = keys.create_unit_key(store, "H001", "D012")
    assert not Path(silent.file_path).exists()
    assert _leaks(_isolated_data, key) == []


def test_without_a_keyring_the_key_goes_to_the_passphrase_file_not_plaintext(keyring_state, _isolated_data):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(keys.PassphraseRequired) as err:
        keys.open_key_store()
    assert "没有可用的系统钥匙串" in str(err.value)
    store = keys.open_key_store(passphrase="correct horse battery")
    key = keys.create_unit_key(store, "H001", "D012")
    assert keys.key_file_path().is_file()
    assert _leaks(_isolated_data, key) == []
    again = keys.open_key_store(passphrase="correct horse battery")
    assert crypto.raw_public(keys.load_unit_key(again, "H001", "D012")) == crypto.raw_public(key)


def test_wrong_passphrase_is_a_clear_message(keyring_state):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    keys.create_unit_key(keys.open_key_store(passphrase="first-passphrase"), "H001", "D012")
    with pytest.raises(keys.PassphraseRequired) as err:
        keys.open_key_store()
    assert not err.value.creating and "输入密钥文件" in str(err.value)
    with pytest.raises(keys.KeyStoreError, match="口令不正确"):
        keys.open_key_store(passphrase="second-passphrase")


def test_a_short_new_passphrase_is_refused(keyring_state):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(keys.KeyStoreError, match="口令太短"):
        keys.open_key_store(passphrase="short")


def test_missing_unit_key_says_to_enroll_first(store):
    with pytest.raises(keys.KeyStoreError, match="qmsdesk enroll"):
        keys.load_unit_key(store, "H001", "D012")


def test_public_key_export_has_a_grouped_fingerprint(store):
    export = keys.public_export(keys.create_unit_key(store, "H001", "D012"))
    assert len(base64.b64decode(export.key_b64)) == 32
    groups = export.fingerprint.split(" ")
    assert len(groups) == 4 and all(len(g) == 4 for g in groups)


def test_office_key_file_needs_its_passphrase(tmp_path, office_keys):
    path = tmp_path / "office.qmskey"
    keys.export_office_key_file(office_keys, path, "office-passphrase")
    back = keys.load_office_key_file(path, "office-passphrase")
    assert crypto.raw_public(back.encryption) == crypto.raw_public(office_keys.encryption)
    assert crypto.raw_private(office_keys.encryption) not in path.read_bytes()
    with pytest.raises(keys.KeyStoreError, match="口令不正确"):
        keys.load_office_key_file(path, "not-the-passphrase")


_SECRET_SERVICE_SCRIPT = """
from qmsdesk.sync import crypto, keys
assert keys.keyring_problem() is None, keys.keyring_problem()
store = keys.open_key_store()
made = keys.create_unit_key(store, "H001", "D012")
again = keys.load_unit_key(keys.open_key_store(), "H001", "D012")
assert crypto.raw_public(made) == crypto.raw_public(again)
print(store.description)
"""


@pytest.mark.skipif(not WITH_KEYRING.exists() or shutil.which("bash") is None, reason="with-keyring tool not available")
def test_unit_key_lives_in_a_real_secret_service(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", keys.PASSPHRASE_ENV)}
    env["QMSDESK_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.run([str(WITH_KEYRING), sys.executable, "-c", _SECRET_SERVICE_SCRIPT], env=env,
                          capture_output=True, text=True, timeout=180)
    if proc.returncode == 2 and "with-keyring:" in proc.stderr:
        pytest.skip(f"with-keyring could not start: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    assert "SecretService" in proc.stdout or "Chainer" in proc.stdout
    assert not (tmp_path / "data" / keys.KEY_FILE_NAME).exists()


def test_a_broken_keyring_setting_is_explained_not_a_crash(keyring_state, monkeypatch):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.Backend")
    keyring.core._keyring_backend = None
    with pytest.raises(keys.PassphraseRequired, match="配置有误"):
        keys.open_key_store()


def _plaintext_by_environment(monkeypatch, tmp_path):
    """PYTHON_KEYRING_BACKEND naming keyrings.alt's plaintext file, as a user or an installer script might."""
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    keyring.core._keyring_backend = None
    return tmp_path / "xdg-data"


def test_a_plaintext_backend_chosen_by_python_keyring_backend_alone_is_refused(keyring_state, monkeypatch,
                                                                               tmp_path, _isolated_data):
    where = _plaintext_by_environment(monkeypatch, tmp_path)
    problem = keys.keyring_problem()
    assert problem and "不是系统钥匙串" in problem and "QMSDESK_PLAINTEXT_KEYRING=PlaintextKeyring" in problem
    store = keys.open_key_store(passphrase="正确的口令-123")
    assert isinstance(store, keys.PassphraseFileStore)
    key = keys.create_unit_key(store, "H001", "D012")
    assert not list(where.rglob("*.cfg"))  # nothing went into the plaintext file
    assert _leaks(_isolated_data, key) == []


def test_a_plaintext_backend_named_by_the_user_is_called_what_it_is(keyring_state, monkeypatch, tmp_path):
    where = _plaintext_by_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("QMSDESK_PLAINTEXT_KEYRING", "PlaintextKeyring")
    assert keys.keyring_problem() is None
    store = keys.open_key_store()
    assert "明文文件钥匙串" in store.description and "未加密" in store.description
    assert "系统钥匙串" not in store.description
    keys.create_unit_key(store, "H001", "D012")
    assert list(where.rglob("*.cfg"))  # the user's choice, made with eyes open
    monkeypatch.setenv("QMSDESK_PLAINTEXT_KEYRING", "SomethingElse")  # naming another backend is no consent
    assert keys.keyring_problem() is not None
