"""Asking for the key-file passphrase when this computer has no safe system keyring (sync.keys).

The unit's private signing key normally sits in the OS keyring. Where none works (a PC without a
desktop keyring, a locked-down ward machine), it lives in a key file protected by a passphrase the
head nurse chooses; this dialog says why it is asked, and asks twice when the file is being made.
The opened store is kept for the rest of the session, so the passphrase is asked once per start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.sync import keys
from qmsdesk.ui.forms import ERROR_STYLE

_opened: dict[Path, keys.SecretStore] = {}  # key file → unlocked store, for this run of the program


class PassphraseDialog(QDialog):
    """“密钥口令”: one field to unlock the key file, two to create it."""

    def __init__(self, reason: str, key_file: Path, creating: bool, parent: QWidget | None = None,
                 error: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("dlg-passphrase")
        self.creating = creating
        self.setWindowTitle(self.tr("设置密钥口令") if creating else self.tr("输入密钥口令"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped explanations get their full height
        why = QLabel(reason.strip())
        why.setWordWrap(True)
        why.setStyleSheet("color: #555;")
        layout.addWidget(why)
        if creating:
            text = self.tr("本科室的签名私钥将保存在密钥文件中：\n%1\n\n请设置一个口令（至少 %2 个字符）来保护它。"
                           "每次启动程序后第一次上报或登记时需要输入此口令。口令请记在安全的地方：忘记口令只能重新登记并生成新密钥。")
        else:
            text = self.tr("本科室的签名私钥保存在口令保护的密钥文件中：\n%1\n\n请输入设置密钥文件时所用的口令。")
        intro = QLabel(text.replace("%1", str(key_file)).replace("%2", str(keys.MIN_PASSPHRASE)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("口令："), self.first)
        self.second = QLineEdit()
        self.second.setObjectName("passphrase-again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if creating:
            form.addRow(self.tr("再次输入口令："), self.second)
        else:
            self.second.hide()
        layout.addLayout(form)
        self.error = QLabel(error)
        self.error.setObjectName("passphrase-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(bool(error))
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def check_and_accept(self) -> bool:
        """Local checks before the (slow, deliberately) key derivation: length, and the two entries alike."""
        text = self.first.text()
        if not text:
            self.show_error(self.tr("请输入口令。"))
            return False
        if self.creating and len(text) < keys.MIN_PASSPHRASE:
            self.show_error(self.tr("口令太短：至少需要 %1 个字符。").replace("%1", str(keys.MIN_PASSPHRASE)))
            return False
        if self.creating and self.second.text() != text:
            self.show_error(self.tr("两次输入的口令不一致，请重新输入。"))
            self.second.clear()
            self.second.setFocus()
            return False
        self.accept()
        return True


def obtain_key_store(parent: QWidget | None = None) -> keys.SecretStore | None:
    """The key store, asking for the passphrase when the key file must be used; None when the user cancels."""
    try:
        return keys.open_key_store()
    except keys.PassphraseRequired as need:
        if need.key_file in _opened:
            return _opened[need.key_file]
        error = ""
        while True:
            dialog = PassphraseDialog(need.reason, need.key_file, need.creating or not need.key_file.exists(),
                                      parent, error)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key derivation takes a second
            try:
                store = keys.open_key_store(passphrase=dialog.passphrase())
            except keys.KeyStoreError as exc:  # wrong passphrase, damaged file: say so and let the user retry or cancel
                error = str(exc)
                continue
            finally:
                QGuiApplication.restoreOverrideCursor()
            _opened[need.key_file] = store
            return store


def passphrase_dialog(parent: QWidget | None = None) -> PassphraseDialog:
    """The dialog as it appears when the key file is first made (for the self-test and screenshots)."""
    from qmsdesk.i18n import msg

    reason = msg("本机没有可用的系统钥匙串（例如没有桌面会话的服务器），无法把私钥存入系统钥匙串。",
                 "This computer has no usable system keyring, so the private key cannot be kept there. ")
    return PassphraseDialog(reason, keys.key_file_path(), True, parent)


def unit_public_key(enrollment, *, ask: bool, parent: QWidget | None = None) -> keys.PublicKeyExport | None:
    """The unit's public key (for Settings), or None when it is not there yet or the passphrase was not given.

    With `ask=False` nothing is asked: the key file is read only if it was unlocked earlier in this run.
    """
    if enrollment is None:
        return None
    if ask:
        store = obtain_key_store(parent)
    else:
        try:
            store = keys.open_key_store()
        except keys.PassphraseRequired as need:
            store = _opened.get(need.key_file)
        except keys.KeyStoreError:
            store = None
    if store is None:
        return None
    try:
        return keys.public_export(keys.load_unit_key(store, enrollment.hospital_code, enrollment.department_code))
    except keys.KeyStoreError:
        if ask:
            raise
        return None
