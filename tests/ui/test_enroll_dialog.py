"""Importing the office's enrollment file from Settings; the key passphrase dialog when there is no keyring."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from uihelpers import type_text

from qmsdesk.services.unit import get_unit
from qmsdesk.ui.enroll_dialog import EnrollDialog
from qmsdesk.ui.pages.settings import SettingsPage
from qmsdesk.ui.passphrase import PassphraseDialog


@pytest.fixture
def key_store(monkeypatch, tmp_path):
    """keyrings.alt's file backend in tmp_path, chosen explicitly as a user's keyring config would (as tests/sync)."""
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    from qmsdesk.sync import keys

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setattr(keys, "_plaintext_accepted", False)
    saved = keyring.core._keyring_backend
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keys.use_keyring_backend(backend, accept_plaintext=True)
    yield keys.open_key_store()
    keyring.core._keyring_backend = saved


@pytest.fixture
def office():
    from qmsdesk.sync.keys import generate_office_keys

    return generate_office_keys()


@pytest.fixture
def enrollment_file(tmp_path, office):
    from qmsdesk.sync.enrollment import write_enrollment

    return write_enrollment(tmp_path / "登记_心内科.json", office, hospital_code="H042", hospital_name="某县人民医院",
                            department_code="D012", department_name="心血管内科", department_type="inpatient_medical",
                            inbox=str(tmp_path / "inbox"), deadline_day=6, office_name="县医共体质控办")


def test_enrolling_from_settings_shows_the_office_fingerprint_first_then_the_unit_key(
        qtbot, ctx, key_store, office, enrollment_file, _never_block):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert "尚未登记" in page.enroll_state.text()

    dialog = EnrollDialog(ctx, enrollment_file, page)
    qtbot.addWidget(dialog)
    dialog.show()
    fingerprint = office.signing_public.fingerprint
    assert fingerprint in dialog.preview["fingerprint"].text()
    assert dialog.preview["hospital"].text() == "某县人民医院（H042）"
    assert "H001/CARD 改为 H042/D012" in dialog.preview["change"].text()
    assert "次月 6 日前" == dialog.preview["deadline"].text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None, dialog.error.text()

    unit = ctx.read(get_unit)
    assert (unit.hospital_code, unit.department_code, unit.deadline_day) == ("H042", "D012", 6)
    page.refresh()
    assert "已登记（县医共体质控办）" in page.enroll_state.text() and fingerprint in page.enroll_state.text()
    unit_fp = dialog.result_value.unit_public_key.fingerprint
    assert page.unit_fingerprint.text() == unit_fp
    assert any(unit_fp in text for kind, _t, text in _never_block if kind == "info")


def test_an_altered_enrollment_file_is_refused_before_anything_changes(qtbot, ctx, key_store, enrollment_file):
    doc = json.loads(enrollment_file.read_text(encoding="utf-8"))
    doc["inbox"] = r"\\someone-else\share"
    enrollment_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dialog = EnrollDialog(ctx, enrollment_file)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "签名无效" in dialog.error.text() and dialog.error.isVisible()
    assert not dialog.import_button.isEnabled()
    assert ctx.read(get_unit).hospital_code == "H001"


def test_a_new_key_file_passphrase_must_be_long_enough_and_typed_twice_alike(qtbot, tmp_path):
    dialog = PassphraseDialog("本机没有可用的系统钥匙串。", tmp_path / "keys.qmskey", creating=True)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.first, "short")
    assert not dialog.check_and_accept()
    assert "至少需要 8 个字符" in dialog.error.text()
    dialog.first.clear()
    type_text(qtbot, dialog.first, "hushi-2026")
    type_text(qtbot, dialog.second, "hushi-2025")
    assert not dialog.check_and_accept()
    assert "不一致" in dialog.error.text()
    type_text(qtbot, dialog.second, "hushi-2026")
    assert dialog.check_and_accept()
    assert dialog.passphrase() == "hushi-2026"


def test_the_first_run_wizard_can_take_the_unit_from_the_enrollment_file_and_enroll(
        qtbot, tmp_path, key_store, enrollment_file):
    from qmsdesk.db.engine import open_database
    from qmsdesk.sync.enrollment import current_enrollment
    from qmsdesk.ui.wizard import FirstRunWizard

    path = tmp_path / "new" / "qmsdesk.db"
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.use_enrollment_file(enrollment_file)
    assert wizard.widgets["hospital_code"].text() == "H042"
    assert "质控办密钥指纹" in wizard.enrollment_note.text()
    assert wizard.try_save()
    db = open_database(path)
    try:
        with db.session() as s:
            assert get_unit(s).department_code == "D012"
    finally:
        db.close()
    assert current_enrollment().office_name == "县医共体质控办"


def test_without_a_system_keyring_the_key_file_passphrase_is_asked_once_and_the_file_is_made(
        qtbot, monkeypatch, tmp_path):
    import keyring.core
    from keyring.backends import fail
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from qmsdesk.sync import keys
    from qmsdesk.ui import passphrase

    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(passphrase, "_opened", {})
    monkeypatch.setattr(keys, "_plaintext_accepted", False)
    saved = keyring.core._keyring_backend
    keys.use_keyring_backend(fail.Keyring())
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PassphraseDialog)
        asked.append(dialog.windowTitle())
        dialog.first.setText("hushi-2026")
        dialog.second.setText("hushi-2026")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    try:
        QTimer.singleShot(0, answer)
        store = passphrase.obtain_key_store()
        again = passphrase.obtain_key_store()
    finally:
        keyring.core._keyring_backend = saved
    assert asked == ["设置密钥口令"]
    assert isinstance(store, keys.PassphraseFileStore) and again is store
    keys.create_unit_key(store, "H001", "CARD")
    assert keys.key_file_path().is_file()
    assert "hushi" not in keys.key_file_path().read_text(encoding="utf-8")
    assert keys.load_unit_key(keys.PassphraseFileStore(keys.key_file_path(), "hushi-2026"), "H001", "CARD")
