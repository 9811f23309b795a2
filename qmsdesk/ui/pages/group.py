"""质控小组 page: who is in the quality group, in which role, from when to when (services/group.py)."""

from __future__ import annotations

from typing import Any

from qmsdesk.db.enums import GroupRole
from qmsdesk.i18n import bracketed
from qmsdesk.services import group as service
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field
from qmsdesk.ui.pages.base import ListPage, Records, label_of
from qmsdesk.ui.table_model import Column


class GroupPage(ListPage):
    key = "group"
    has_status_filter = True
    records = Records(rows=service.member_rows, create=service.add_member, update=service.update_member,
                      delete=service.remove_member, restore=service.restore_member)

    def record_label(self) -> str:
        return self.tr("小组成员")

    def status_choices(self) -> list[tuple[str, str]]:
        return [("current", self.tr("现任")), ("past", self.tr("已卸任"))]

    def columns(self) -> list[Column]:
        return [
            Column("name", self.tr("姓名"), width=100),
            Column("role", self.tr("小组角色"), fmt=lambda v: label_of(GroupRole, v), width=100),
            Column("title", self.tr("职称"), width=120),
            Column("start_date", self.tr("起始日期"), width=110),
            Column("end_date", self.tr("结束日期"), width=110),
            Column("status", self.tr("状态"), fmt=lambda v: self.tr("现任") if v == "current" else self.tr("已卸任"),
                   width=80),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("staff_id", self.tr("成员"), "person", required=True, people=self.ctx.read(people)),
            Field("role", self.tr("小组角色"), "choice", required=True, choices=GroupRole.choices()),
            Field("start_date", self.tr("起始日期"), "date", required=True),
            Field("end_date", self.tr("结束日期"), "date"),
        ]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("staff_id", "role", "start_date", "end_date")}

    def describe(self, row: dict[str, Any]) -> str:
        return bracketed(row["name"], label_of(GroupRole, row["role"]))
