"""“导入质控办登记文件”: preview the office's signed enrollment file, then enroll (unit codes, office keys, unit key pair).

The file is checked (format, codes, office signature) as soon as it is chosen, and what it will set
is shown — with the office key's fingerprint to compare with the one the office announced — before
anything changes. The work is sync.enrollment.enroll, the same as `qmsdesk enroll FILE`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.errors import QmsError
from qmsdesk.i18n import bracketed, joined
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.forms import ERROR_STYLE

PREVIEW_KEYS = ("office", "hospital", "department", "deadline", "inbox", "url", "fingerprint", "change")


class EnrollDialog(QDialog):
    """Choose the file, read what it says, import it."""

    def __init__(self, ctx: AppContext | None, path: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-enroll")
        self.ctx = ctx
        self.enrollment: Any = None
        self.result_value: Any = None
        self.setWindowTitle(self.tr("导入质控办登记文件"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(self.tr("质控办会给每个科室发一个登记文件（*.json）。导入后：本单位的医院和科室代码按登记文件设置；"
                               "本机生成本科室的签名密钥；以后的上报包加密后只有质控办能打开，并按登记文件中的地址发送。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setObjectName("enrollment-file")
        self.file.setPlaceholderText(self.tr("登记文件的位置"))
        self.file.editingFinished.connect(lambda: self.load(self.file.text()))
        browse = QPushButton(self.tr("选择文件…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self._choose)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("enroll-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        captions = {"office": self.tr("签发的质控办："), "hospital": self.tr("医院："), "department": self.tr("科室："),
                    "deadline": self.tr("每月上报截止："), "inbox": self.tr("收件文件夹："), "url": self.tr("接收地址："),
                    "fingerprint": self.tr("质控办密钥指纹："), "change": self.tr("注意：")}
        self.preview: dict[str, QLabel] = {}
        for key in PREVIEW_KEYS:
            label = QLabel()
            label.setObjectName(f"preview-{key}")
            label.setWordWrap(True)
            self.preview[key] = label
            form.addRow(captions[key], label)
        self.preview["fingerprint"].setStyleSheet("font-weight: bold;")
        self.preview["change"].setStyleSheet("color: #b26a00;")
        layout.addLayout(form)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("导入并生成本科室密钥"))
        self.import_button.setObjectName("import")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.import_file)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.load(path)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择质控办登记文件"), self.file.text() or str(Path.home()),
                                              self.tr("登记文件 (*.json);;所有文件 (*)"))
        if name:
            self.load(name)

    def current_codes(self) -> tuple[str, str] | None:
        if self.ctx is None or not self.ctx.is_open:
            return None
        from qmsdesk.services.unit import unit_codes

        return self.ctx.read(unit_codes)

    def load(self, path: str | Path | None) -> bool:
        """Read and check the file; show what it will set, or why it cannot be used."""
        from qmsdesk.db.enums import DepartmentType
        from qmsdesk.sync.enrollment import read_enrollment
        from qmsdesk.ui.pages.base import label_of

        self.enrollment = None
        for label in self.preview.values():
            label.clear()
        self._show_preview(False)
        self.error.hide()
        self.import_button.setEnabled(False)
        if not path:
            return False
        self.file.setText(str(path))
        try:
            e, _token = read_enrollment(path)
        except QmsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.enrollment = e
        none = self.tr("（无）")
        self.preview["office"].setText(e.office_name or none)
        self.preview["hospital"].setText(bracketed(e.hospital_name, e.hospital_code))
        self.preview["department"].setText(joined((bracketed(e.department_name, e.department_code),
                                                         label_of(DepartmentType, e.department_type))))
        self.preview["deadline"].setText(self.tr("次月 %1 日前").replace("%1", str(e.deadline_day)))
        self.preview["inbox"].setText(e.inbox or none)
        self.preview["url"].setText(e.url or none)
        self.preview["fingerprint"].setText(e.office_fingerprint + "\n" + self.tr("请与质控办公布的指纹逐字核对，一致再导入。"))
        codes = self.current_codes()
        if codes is not None and codes != (e.hospital_code, e.department_code):
            self.preview["change"].setText(self.tr("导入后，本单位代码将由 %1 改为 %2。")
                                           .replace("%1", "/".join(codes))
                                           .replace("%2", f"{e.hospital_code}/{e.department_code}"))
        self._show_preview(True)
        self.import_button.setEnabled(self.ctx is not None and self.ctx.is_open)
        return True

    def _show_preview(self, shown: bool) -> None:
        """Rows appear once a file has been read; the “注意” row only when there is something to note."""
        for key, label in self.preview.items():
            self.form.setRowVisible(label, shown and (key != "change" or bool(label.text())))

    def import_file(self) -> Any:
        """Enroll; the key passphrase is asked first when this computer has no system keyring."""
        from qmsdesk.sync.enrollment import enroll
        from qmsdesk.sync.keys import KeyStoreError
        from qmsdesk.ui.passphrase import obtain_key_store

        if self.enrollment is None or self.ctx is None:
            return None
        try:
            store = obtain_key_store(self)
        except KeyStoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        if store is None:
            return None
        path = self.file.text()
        try:
            result = self.ctx.write(enroll, path, store=store)
        except QmsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        self.result_value = result
        messages.info(self, self.tr("登记完成"), enrolled_text(result))
        self.accept()
        return result


def enrolled_text(result) -> str:
    e = result.enrollment
    return "\n".join([
        QCoreApplication.translate("enrollment", "已登记：%1 %2。").replace("%1", e.hospital_name).replace("%2", e.department_name),
        QCoreApplication.translate("enrollment", "本科室公钥指纹：%1（随每个上报包发送，质控办据此确认）").replace("%1", result.unit_public_key.fingerprint),
        QCoreApplication.translate("enrollment", "密钥保存在：%1").replace("%1", result.key_store),
    ])


def copy_public_key(key_b64: str, fingerprint: str) -> str:
    """Put the unit's public key on the clipboard (to paste into a message to the office); returns the text."""
    text = QCoreApplication.translate("enrollment", "本科室公钥：%1\n指纹：%2").replace("%1", key_b64).replace("%2", fingerprint)
    QGuiApplication.clipboard().setText(text)
    return text
