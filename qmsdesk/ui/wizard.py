"""First run: no database yet, so ask for the hospital and department, then create both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from qmsdesk.db.enums import DepartmentType
from qmsdesk.ui.forms import Field, FormDialog


def unit_fields() -> list[Field]:
    return [
        Field("hospital_name", QCoreApplication.translate("unit", "医院名称"), required=True,
              placeholder=QCoreApplication.translate("unit", "例如 某某县人民医院")),
        Field("hospital_code", QCoreApplication.translate("unit", "医院代码"), required=True,
              placeholder=QCoreApplication.translate("unit", "质控办提供的代码，例如 H001")),
        Field("department_name", QCoreApplication.translate("unit", "科室名称"), required=True,
              placeholder=QCoreApplication.translate("unit", "例如 心血管内科；乡镇卫生院可填“全院”")),
        Field("department_code", QCoreApplication.translate("unit", "科室代码"), required=True,
              placeholder=QCoreApplication.translate("unit", "例如 CARD")),
        Field("department_type", QCoreApplication.translate("unit", "科室类型"), "choice", required=True,
              choices=DepartmentType.choices()),
        Field("deadline_day", QCoreApplication.translate("unit", "每月上报截止日"), "int", required=True,
              minimum=1, maximum=28),
        Field("time_zone", QCoreApplication.translate("unit", "时区"), "choice", required=True, choices=zone_choices()),
    ]


def zone_choices(current: str | None = None) -> list[tuple[str, str]]:
    """The zones a Chinese unit lives in; whatever zone the database holds is offered too."""
    choices = [("Asia/Shanghai", QCoreApplication.translate("unit", "北京时间（Asia/Shanghai）")),
               ("Asia/Urumqi", QCoreApplication.translate("unit", "新疆时间（Asia/Urumqi）")),
               ("Asia/Hong_Kong", QCoreApplication.translate("unit", "香港（Asia/Hong_Kong）")),
               ("Asia/Macau", QCoreApplication.translate("unit", "澳门（Asia/Macau）"))]
    if current and current not in dict(choices):
        choices.append((current, current))
    return choices


class FirstRunWizard(FormDialog):
    """Shown when no database exists. A township unit is a hospital with its departments: one per install."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        self.path = path
        super().__init__(self.tr("欢迎使用科室质控小组工作台"), unit_fields(),
                         {"deadline_day": 5, "time_zone": "Asia/Shanghai"},
                         self._create, parent)
        self.setObjectName("dlg-first-run")
        intro = QLabel(self.tr("第一次使用，请填写本单位信息。以后可以在“设置”中修改。\n数据将保存在：%1")
                       .replace("%1", str(path)))
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("开始使用"))
        # Optional: the office's enrollment file fills the codes and is imported with the database.
        self.enrollment_file: Path | None = None
        self.enrollment_button = QPushButton(self.tr("已有质控办登记文件？从文件填写…"))
        self.enrollment_button.setObjectName("from-enrollment")
        self.enrollment_button.clicked.connect(self._choose_enrollment)
        self.enrollment_note = QLabel(self.tr("没有登记文件也可以先开始使用，以后在“设置”中导入。"))
        self.enrollment_note.setWordWrap(True)
        self.enrollment_note.setStyleSheet("color: #666;")
        self.extra.addWidget(self.enrollment_button)
        self.extra.addWidget(self.enrollment_note)

    def _choose_enrollment(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择质控办登记文件"), str(Path.home()),
                                              self.tr("登记文件 (*.json);;所有文件 (*)"))
        if name:
            self.use_enrollment_file(Path(name))

    def use_enrollment_file(self, path: Path) -> bool:
        """Fill the unit fields from the (checked) enrollment file; it is imported when the database is made."""
        from qmsdesk.errors import QmsError
        from qmsdesk.sync.enrollment import read_enrollment

        try:
            e, _token = read_enrollment(path)
        except QmsError as exc:
            self._show_general([str(exc)])
            return False
        self.set_values(dict(hospital_name=e.hospital_name, hospital_code=e.hospital_code,
                             department_name=e.department_name, department_code=e.department_code,
                             department_type=e.department_type, deadline_day=e.deadline_day))
        self.enrollment_file = Path(path)
        self.enrollment_note.setText(self.tr("将导入登记文件 %1。质控办密钥指纹：%2（请与质控办公布的核对）")
                                     .replace("%1", Path(path).name).replace("%2", e.office_fingerprint))
        self.enrollment_note.setStyleSheet("")
        return True

    def _create(self, values: dict[str, Any]) -> Path:
        from qmsdesk.services.setup import create_unit_database

        create_unit_database(self.path, values)
        if self.enrollment_file is not None:
            self._enroll(self.enrollment_file)
        return self.path

    def _enroll(self, file: Path) -> None:
        """Import the enrollment into the new database; a refusal leaves the database usable (Settings can retry)."""
        from qmsdesk.errors import QmsError
        from qmsdesk.services.setup import enroll_database
        from qmsdesk.ui import messages
        from qmsdesk.ui.passphrase import obtain_key_store

        try:
            store = obtain_key_store(self)
            if store is None:
                return
            enroll_database(self.path, file, store)
        except QmsError as exc:
            messages.error(self, self.tr("登记文件没有导入"),
                           str(exc) + "\n" + self.tr("数据库已建好，可以稍后在“设置”中再导入登记文件。"))
