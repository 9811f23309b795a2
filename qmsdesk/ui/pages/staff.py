"""人员 page: the department's staff list (services/staff.py)."""

from __future__ import annotations

from typing import Any

from qmsdesk.db.enums import Gender, NursingLevel, Profession
from qmsdesk.i18n import bracketed
from qmsdesk.services import imports
from qmsdesk.services import staff as service
from qmsdesk.ui.forms import Field
from qmsdesk.ui.import_dialog import SheetImports
from qmsdesk.ui.pages.base import ListPage, Records, label_of
from qmsdesk.ui.table_model import CENTER, Column


class StaffPage(SheetImports, ListPage):
    key = "staff"
    has_status_filter = True
    import_kind = imports.STAFF
    records = Records(rows=service.staff_rows, create=service.create_staff, update=service.update_staff,
                      delete=service.delete_staff, restore=service.restore_staff)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.add_import_button(self.tr("从 Excel 导入名单…"))

    def record_label(self) -> str:
        return self.tr("人员")

    def status_choices(self) -> list[tuple[str, str]]:
        return [("active", self.tr("在岗")), ("left", self.tr("已离开"))]

    def status_of(self, row: dict[str, Any]) -> str:
        return "active" if row["active"] else "left"

    def columns(self) -> list[Column]:
        return [
            Column("employee_no", self.tr("工号"), width=90),
            Column("name", self.tr("姓名"), width=90),
            Column("pinyin_initials", self.tr("拼音首字母"), width=90),
            Column("gender", self.tr("性别"), fmt=lambda v: label_of(Gender, v) if v else "", align=CENTER, width=50),
            Column("profession", self.tr("专业类别"), fmt=lambda v: label_of(Profession, v), width=80),
            Column("title", self.tr("职称"), width=110),
            Column("nursing_level", self.tr("护士层级"), align=CENTER, width=80),
            Column("hire_date", self.tr("入职日期"), width=100),
            Column("active", self.tr("状态"), fmt=lambda v: self.tr("在岗") if v else self.tr("已离开"), width=70),
            Column("left_on", self.tr("离开日期"), width=100),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("name", self.tr("姓名"), required=True),
            Field("employee_no", self.tr("工号"), required=True),
            Field("gender", self.tr("性别"), "choice", choices=Gender.choices()),
            Field("profession", self.tr("专业类别"), "choice", required=True, choices=Profession.choices()),
            Field("title", self.tr("职称"), placeholder=self.tr("例如 主管护师")),
            Field("nursing_level", self.tr("护士层级"), "choice", choices=NursingLevel.choices()),
            Field("hire_date", self.tr("入职日期"), "date"),
            Field("license_no", self.tr("执业证书号"),
                  placeholder=self.tr("只保存在本机，不上报质控办")),
            Field("active", self.tr("在岗"), "bool"),
            Field("left_on", self.tr("离开日期"), "date"),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"active": True}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("name", "employee_no", "gender", "profession", "title", "nursing_level",
                                    "hire_date", "license_no", "active", "left_on")}

    def describe(self, row: dict[str, Any]) -> str:
        return bracketed(row["name"], row["employee_no"])
