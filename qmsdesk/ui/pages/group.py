"""质控小组 page: who is in the quality group, in which role, from when to when (services/group.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton

from qmsdesk.clock import today
from qmsdesk.db.enums import GroupRole
from qmsdesk.i18n import bracketed
from qmsdesk.reports import printouts
from qmsdesk.services import group as service
from qmsdesk.services import imports
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field
from qmsdesk.ui.import_dialog import SheetImports
from qmsdesk.ui.pages.base import ListPage, Records, label_of
from qmsdesk.ui.printing import save_printout
from qmsdesk.ui.table_model import Column


class GroupPage(SheetImports, ListPage):
    key = "group"
    has_status_filter = True
    import_kind = imports.GROUP
    records = Records(rows=service.member_rows, create=service.add_member, update=service.update_member,
                      delete=service.remove_member, restore=service.restore_member)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.print_button = QPushButton(self.tr("打印成员及职责（签名）…"))
        self.print_button.setObjectName("print-roster")
        self.print_button.setToolTip(self.tr("今天的小组成员、职务、职责/分工和本人签名栏，供小组成员签字后存档。"))
        self.print_button.clicked.connect(self.print_roster)
        self.add_buttons(self.print_button)
        self.add_import_button(self.tr("从 Excel 导入成员…"))  # also asks _update_buttons

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "print_button"):  # made after the base class first asks
            self.print_button.setEnabled(self.ctx.is_open)

    def print_roster(self) -> Path | None:
        day = today()
        return save_printout(self, self.ctx, self.tr("打印小组成员及职责"), f"质控小组成员及职责_{day.isoformat()}.pdf",
                             printouts.roster_pdf, day)

    def record_label(self) -> str:
        return self.tr("小组成员")

    def status_choices(self) -> list[tuple[str, str]]:
        return [("current", self.tr("现任")), ("past", self.tr("已卸任"))]

    def columns(self) -> list[Column]:
        return [
            Column("name", self.tr("姓名"), width=100),
            Column("role", self.tr("小组角色"), fmt=lambda v: label_of(GroupRole, v), width=100),
            Column("duty_title", self.tr("职务"), width=100),
            Column("title", self.tr("职称"), width=110),
            Column("start_date", self.tr("起始日期"), width=110),
            Column("end_date", self.tr("结束日期"), width=110),
            Column("status", self.tr("状态"), fmt=lambda v: self.tr("现任") if v == "current" else self.tr("已卸任"),
                   width=80),
            Column("duties", self.tr("职责/分工"), width=360, free_text=True),  # last: it takes the rest of the width
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("staff_id", self.tr("成员"), "person", required=True, people=self.ctx.read(people)),
            Field("role", self.tr("小组角色"), "choice", required=True, choices=GroupRole.choices()),
            Field("duty_title", self.tr("职务"), placeholder=self.tr("例如 科主任、护士长、护理质控员")),
            Field("duties", self.tr("职责/分工"), "multiline",
                  placeholder=self.tr("例如 负责护理质量指标的收集、分析与上报")),
            Field("start_date", self.tr("起始日期"), "date", required=True),
            Field("end_date", self.tr("结束日期"), "date"),
        ]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("staff_id", "role", "duty_title", "duties", "start_date", "end_date")}

    def describe(self, row: dict[str, Any]) -> str:
        return bracketed(row["name"], label_of(GroupRole, row["role"]))
