"""质控小组 page: who is in the quality group, in which role, from when to when (services/group.py)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db.enums import GroupRole
from qmsdesk.services import group as service
from qmsdesk.ui.forms import Field
from qmsdesk.ui.pages.base import ListPage, label_of, people
from qmsdesk.ui.table_model import Column


class GroupPage(ListPage):
    key = "group"
    areas = frozenset({"group", "staff"})
    has_status_filter = True

    def title(self) -> str:
        return self.tr("质控小组")

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

    def load(self, session: Session) -> list[dict[str, Any]]:
        day = today()
        return [dict(id=g.id, staff_id=g.staff_id, name=g.staff.name, title=g.staff.title, role=g.role,
                     start_date=g.start_date, end_date=g.end_date,
                     status="current" if g.start_date <= day and (g.end_date is None or g.end_date >= day) else "past")
                for g in service.list_members(session, include_past=True)]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        staff = self.ctx.read(people)
        return [
            Field("staff_id", self.tr("成员"), "person", required=True, people=staff),
            Field("role", self.tr("小组角色"), "choice", required=True, choices=GroupRole.choices()),
            Field("start_date", self.tr("起始日期"), "date", required=True),
            Field("end_date", self.tr("结束日期"), "date"),
        ]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("staff_id", "role", "start_date", "end_date")}

    def create(self, session: Session, values: dict[str, Any]):
        return service.add_member(session, **values)

    def update(self, session: Session, record_id: uuid.UUID, values: dict[str, Any]):
        return service.update_member(session, record_id, **values)

    def remove(self, session: Session, record_id: uuid.UUID) -> None:
        service.remove_member(session, record_id)

    def restore(self, session: Session, record_id: uuid.UUID) -> None:
        service.restore_member(session, record_id)

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['name']}（{label_of(GroupRole, row['role'])}）"
