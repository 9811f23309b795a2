"""First run: no database yet, so ask for the hospital and department, then create both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

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
    ]


def create_database(path: Path, values: dict[str, Any]) -> None:
    """Create the database file, record the unit and install the indicators for its department type.

    A refused form leaves no half-made file behind, so the wizard shows again next time.
    """
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.errors import QmsError
    from qmsdesk.services.catalogue import install_catalogue
    from qmsdesk.services.unit import set_unit

    existed = path.exists()
    db = open_database(path, actor=current_user())
    try:
        with db.session() as s:
            unit = set_unit(s, **values)
            install_catalogue(s, unit.department_type)
    except QmsError:
        db.close()
        if not existed:
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    db.close()


class FirstRunWizard(FormDialog):
    """Shown when no database exists. A township unit is a hospital with its departments: one per install."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        self.path = path
        super().__init__(self.tr("欢迎使用科室质控小组工作台"), unit_fields(), {"deadline_day": 5},
                         self._create, parent)
        self.setObjectName("dlg-first-run")
        intro = QLabel(self.tr("第一次使用，请填写本单位信息。以后可以在“设置”中修改。\n数据将保存在：%1")
                       .replace("%1", str(path)))
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("开始使用"))

    def _create(self, values: dict[str, Any]) -> Path:
        create_database(self.path, values)
        return self.path
