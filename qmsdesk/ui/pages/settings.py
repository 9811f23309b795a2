"""设置 page: the unit's identity, the language, where the data lives, backup and restore."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk import config
from qmsdesk.config import data_dir
from qmsdesk.db.enums import DepartmentType
from qmsdesk.errors import QmsError
from qmsdesk.i18n import colon
from qmsdesk.services.unit import set_unit, unit_values
from qmsdesk.ui import messages
from qmsdesk.ui.forms import FormDialog
from qmsdesk.ui.jobs import Job, JobControl, run_job
from qmsdesk.ui.pages.base import Page, label_of
from qmsdesk.ui.settings import UiSettings
from qmsdesk.ui.wizard import unit_fields, zone_choices


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        layout.addWidget(self._unit_box())
        layout.addWidget(self._setup_box())
        layout.addWidget(self._enrollment_box())
        layout.addWidget(self._language_box())
        layout.addWidget(self._data_box())
        layout.addStretch(1)

    def _unit_box(self) -> QGroupBox:
        """本单位: the hospital and department this database belongs to."""
        box = QGroupBox(self.tr("本单位"))
        form = QFormLayout(box)
        self.unit_labels: dict[str, QLabel] = {}
        for f in unit_fields():
            label = QLabel()
            label.setObjectName(f"unit-{f.name}")
            self.unit_labels[f.name] = label
            form.addRow(f.label + colon(), label)
        self.edit_unit_button = QPushButton(self.tr("修改本单位信息"))
        self.edit_unit_button.setObjectName("edit-unit")
        self.edit_unit_button.clicked.connect(self.edit_unit)
        row = QHBoxLayout()
        row.addWidget(self.edit_unit_button)
        row.addStretch(1)
        form.addRow("", row)
        return box

    def _setup_box(self) -> QGroupBox:
        """首次使用设置: each step of the first run's setup again, on its own."""
        from qmsdesk.ui.setup_steps import STEPS, step_title

        box = QGroupBox(self.tr("首次使用设置"))
        row = QHBoxLayout(box)
        self.setup_buttons: dict[str, QPushButton] = {}
        for step in STEPS:
            button = QPushButton(step_title(step) + "…")
            button.setObjectName(f"setup-{step}")
            button.clicked.connect(lambda _checked=False, s=step: self.setup_form(s).exec())
            row.addWidget(button)
            self.setup_buttons[step] = button
        row.addStretch(1)
        return box

    def setup_form(self, step: str) -> QDialog:
        from qmsdesk.ui.setup_steps import SetupWizard

        return SetupWizard(self.ctx, (step,), self)

    def _language_box(self) -> QGroupBox:
        """界面语言: each language named in itself; the environment variable, when set, decides."""
        box = QGroupBox(self.tr("界面语言"))
        row = QHBoxLayout(box)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(UiSettings().language), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel(self.tr("更改语言后，重新启动程序生效。"))
        if config.env(config.QMSDESK_LANG):  # the environment decides; say so rather than show a choice that does nothing
            self.language_note.setText(self.tr("本机的环境变量 QMSDESK_LANG 设定了界面语言，这里的选择在不设置它时生效。"))
        self.language_note.setWordWrap(True)
        row.addWidget(self.language)
        row.addWidget(self.language_note, 1)
        return box

    def _data_box(self) -> QGroupBox:
        """数据与备份: where the data is, back up now, restore, the recent backups."""
        box = QGroupBox(self.tr("数据与备份"))
        form = QFormLayout(box)
        self.folder_label = QLabel(str(data_dir()))
        self.db_label = QLabel()
        for label in (self.folder_label, self.db_label):
            label.setWordWrap(True)
        form.addRow(self.tr("数据文件夹："), self.folder_label)
        form.addRow(self.tr("数据库文件："), self.db_label)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.setObjectName("backup")
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.setObjectName("restore")
        self.open_folder_button = QPushButton(self.tr("打开数据文件夹"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.choose_and_restore)
        self.open_folder_button.clicked.connect(self._open_folder)
        for b in (self.backup_button, self.restore_button, self.open_folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.backups = QListWidget()
        self.backups.setObjectName("backups")
        self.backups.setMaximumHeight(140)
        form.addRow(self.tr("最近的备份："), self.backups)
        return box

    def _enrollment_box(self) -> QGroupBox:
        """质控办登记: whether this PC is enrolled, the office and unit key fingerprints, import and export."""
        box = QGroupBox(self.tr("质控办登记"))
        form = QFormLayout(box)
        self.enroll_state = QLabel()
        self.enroll_state.setObjectName("enroll-state")
        self.enroll_state.setWordWrap(True)
        self.unit_fingerprint = QLabel()
        self.unit_fingerprint.setObjectName("unit-fingerprint")
        self.unit_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("登记状态："), self.enroll_state)
        form.addRow(self.tr("本科室公钥指纹："), self.unit_fingerprint)
        row = QHBoxLayout()
        self.enroll_button = QPushButton(self.tr("导入质控办登记文件…"))
        self.enroll_button.setObjectName("enroll")
        self.enroll_button.clicked.connect(self.enroll)
        self.export_key_button = QPushButton(self.tr("复制本科室公钥"))
        self.export_key_button.setObjectName("export-key")
        self.export_key_button.clicked.connect(self.export_public_key)
        row.addWidget(self.enroll_button)
        row.addWidget(self.export_key_button)
        row.addStretch(1)
        form.addRow("", row)
        return box

    def _show_enrollment(self) -> None:
        from qmsdesk.sync.enrollment import EnrollmentError, current_enrollment
        from qmsdesk.ui.passphrase import unit_public_key

        try:
            e = current_enrollment()
        except EnrollmentError as exc:
            self.enroll_state.setText(str(exc))
            e = None
        else:
            if e is None:
                self.enroll_state.setText(self.tr("尚未登记：上报包只签名、不加密。请导入质控办发放的登记文件。"))
            else:
                where = "；".join(x for x in (e.inbox and self.tr("收件文件夹 %1").replace("%1", e.inbox),
                                              e.url and self.tr("接收地址 %1").replace("%1", e.url)) if x)
                self.enroll_state.setText(self.tr("已登记（%1）。质控办密钥指纹：%2\n%3").replace("%1", e.office_name or e.issued)
                                          .replace("%2", e.office_fingerprint).replace("%3", where))
        self.export_key_button.setEnabled(e is not None)
        key = unit_public_key(e, ask=False) if e is not None else None
        self.unit_fingerprint.setText(key.fingerprint if key is not None else (
            self.tr("（密钥在口令保护的文件中：点“复制本科室公钥”并输入口令后显示）") if e is not None else self.tr("（登记后生成）")))

    def enroll_form(self) -> QDialog:
        from qmsdesk.ui.enroll_dialog import EnrollDialog

        return EnrollDialog(self.ctx, parent=self)

    def enroll(self) -> bool:
        accepted = self.enroll_form().exec() == QDialog.DialogCode.Accepted
        self.refresh()
        return accepted

    def export_public_key(self) -> str | None:
        """The unit's public key and fingerprint on the clipboard, for a message to the quality office."""
        from qmsdesk.sync.enrollment import current_enrollment
        from qmsdesk.ui.enroll_dialog import copy_public_key
        from qmsdesk.ui.passphrase import unit_public_key

        try:
            key = unit_public_key(current_enrollment(), ask=True, parent=self)
        except QmsError as exc:
            self.report_error(exc)
            return None
        if key is None:
            return None
        text = copy_public_key(key.key_b64, key.fingerprint)
        messages.info(self, self.tr("已复制本科室公钥"), text + "\n\n" + self.tr("已复制到剪贴板，可粘贴发给质控办核对。"))
        self._show_enrollment()
        return text

    # --- showing ----------------------------------------------------------------------------------
    def unit_values(self) -> dict[str, Any] | None:
        return self.ctx.read(unit_values)

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        values = self.unit_values() or {}
        for key, label in self.unit_labels.items():
            value = values.get(key)
            if key == "department_type":
                value = label_of(DepartmentType, value)
            elif key == "time_zone" and value:
                value = dict(zone_choices(value)).get(value, value)
            label.setText("" if value is None else str(value))
        self.db_label.setText(str(self.ctx.path))
        self._show_enrollment()
        self._list_backups()

    def _list_backups(self) -> None:
        from qmsdesk.db.backup import list_backups

        self.backups.clear()
        found = list_backups(self.ctx.path)[:10] if self.ctx.path is not None else []
        for path in found:
            self.backups.addItem(path.name)
        if not found:
            self.backups.addItem(self.tr("（还没有备份。程序升级前会自动备份；也可点“立即备份”。）"))

    # --- actions ----------------------------------------------------------------------------------
    def unit_form(self) -> FormDialog:
        save = lambda v: self.ctx.write(set_unit, **v)  # noqa: E731
        values = self.unit_values() or {"deadline_day": 5, "time_zone": "Asia/Shanghai"}
        fields = [replace(f, choices=zone_choices(values.get("time_zone"))) if f.name == "time_zone" else f
                  for f in unit_fields()]
        dialog = FormDialog(self.tr("本单位信息"), fields, values, save, self)
        dialog.setObjectName("dlg-settings-unit")
        return dialog

    def edit_unit(self) -> bool:
        return self.unit_form().exec() == QDialog.DialogCode.Accepted

    def _language_changed(self) -> None:
        settings = UiSettings()
        settings.language = self.language.currentData()
        settings.sync()
        self.language_note.setText(self.tr("已保存。重新启动程序后生效。"))

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))

    def backup_job(self) -> Job:
        """The backup queued on the database worker, so no write lands in the middle of it."""
        from qmsdesk.db.backup import backup_database

        path = self.ctx.path
        return self.ctx.job(self.tr("正在备份数据库…"),
                            lambda control: backup_database(path, progress=control.progress), self)

    def backup_now(self) -> Path | None:
        outcome, value = run_job(self.backup_job(), self)
        self._list_backups()
        if outcome == "ok":
            messages.info(self, self.tr("备份完成"), self.tr("已备份到：\n%1").replace("%1", str(value)))
            return value
        if outcome == "failed":
            messages.error(self, self.tr("备份失败"), value)
        return None

    def choose_and_restore(self) -> bool:
        start = str(self.ctx.path.parent) if self.ctx.path else str(data_dir())
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择要恢复的备份文件"), start,
                                              self.tr("数据库备份 (*.db);;所有文件 (*)"))
        if not name:
            return False
        question = self.tr("用“%1”替换当前数据库吗？\n当前数据库会先另存一份，不会丢失。").replace("%1", Path(name).name)
        if not messages.confirm(self, self.tr("从备份恢复"), question, yes=self.tr("恢复")):
            return False
        return self.restore_from(Path(name))

    def restore_from(self, backup: Path) -> bool:
        """Close the database, restore from `backup` off the GUI thread, and reopen it."""
        from qmsdesk.config import current_user
        from qmsdesk.db.backup import restore_database
        from qmsdesk.db.engine import open_database

        path = self.ctx.path
        assert path is not None
        self.ctx.close()
        job = Job(self.tr("正在恢复数据库…"), _restore_fn(restore_database, path, backup), self)
        outcome, value = run_job(job, self)
        self.ctx.set_database(open_database(path, actor=current_user()))
        if outcome == "ok":
            kept = self.tr("原数据库另存为：%1").replace("%1", str(value)) if value else ""
            messages.info(self, self.tr("恢复完成"), self.tr("已从备份恢复。") + ("\n" + kept if kept else ""))
            return True
        if outcome == "failed":
            messages.error(self, self.tr("恢复失败"), value)
        return False

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        from qmsdesk.ui.setup_steps import STEPS

        found: dict[str, Callable[[], QDialog | None]] = {"unit": self.unit_form, "enroll": self.enroll_form}
        for step in STEPS:
            found[f"setup-{step}"] = lambda s=step: self.setup_form(s)
        return found


def _restore_fn(restore_database, path: Path, backup: Path) -> Callable[[JobControl], Any]:
    return lambda control: restore_database(path, backup, progress=control.progress)
