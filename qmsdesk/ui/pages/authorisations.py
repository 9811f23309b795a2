"""授权管理 page: who may perform which technology or procedure, until when (services/authorisations.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QPushButton

from qmsdesk.clock import today
from qmsdesk.db.enums import AuthorisationStatus
from qmsdesk.i18n import colon
from qmsdesk.services import authorisations as service
from qmsdesk.services.staff import people
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import OVERDUE_BACKGROUND, ListPage, Records, label_of
from qmsdesk.ui.table_model import Column

SOON_BACKGROUND = QColor("#fff4d6")
STATUS_COLOURS = {"active": QColor("#2e7d32"), "suspended": QColor("#c25e00"), "revoked": QColor("#777777")}


class AuthorisationsPage(ListPage):
    key = "authorisations"
    has_status_filter = True
    records = Records(rows=service.authorisation_rows, create=service.grant_authorisation,
                      update=service.update_authorisation, delete=service.delete_authorisation,
                      restore=service.restore_authorisation)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.status_buttons = {
            "suspend": QPushButton(self.tr("暂停授权")),
            "revoke": QPushButton(self.tr("取消授权")),
            "reinstate": QPushButton(self.tr("恢复授权")),
        }
        for action, button in self.status_buttons.items():
            button.setObjectName(action)
            button.clicked.connect(lambda _c=False, a=action: self.change_status(a))
        self.add_buttons(*self.status_buttons.values())
        self._update_buttons()

    def record_label(self) -> str:
        return self.tr("授权")

    def status_choices(self) -> list[tuple[str, str]]:
        return AuthorisationStatus.choices()

    def columns(self) -> list[Column]:
        return [
            Column("name", self.tr("姓名"), width=90),
            Column("item", self.tr("授权项目"), width=220),
            Column("level", self.tr("级别"), width=80),
            Column("granted_on", self.tr("授权日期"), width=100),
            Column("expires_on", self.tr("有效期至"), width=100),
            Column("days_left", self.tr("剩余"), fmt=self._days_text, width=110,
                   color=lambda r: QColor("#c62828") if r["days_left"] is not None and r["days_left"] < 0 else None),
            Column("status", self.tr("状态"), fmt=lambda v: label_of(AuthorisationStatus, v), width=70,
                   color=lambda r: STATUS_COLOURS.get(r["status"])),
            Column("basis", self.tr("依据"), width=240, free_text=True),
        ]

    def _days_text(self, days: object) -> str:
        if days is None:
            return ""
        if days < 0:
            return self.tr("已过期 %1 天").replace("%1", str(-days))
        return self.tr("%1 天").replace("%1", str(days))

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return {"expired": OVERDUE_BACKGROUND, "expiring": SOON_BACKGROUND}.get(row["due"])

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("staff_id", self.tr("被授权人"), "person", required=True, people=self.ctx.read(people)),
            Field("item", self.tr("授权项目"), required=True, placeholder=self.tr("例如 PICC 置管")),
            Field("level", self.tr("级别")),
            Field("granted_on", self.tr("授权日期"), "date", required=True),
            Field("expires_on", self.tr("有效期至"), "date"),
            Field("basis", self.tr("依据"), "multiline", placeholder=self.tr("例如 理论考核 92 分，操作考核合格")),
        ]

    def default_values(self) -> dict[str, Any]:
        day = today()
        return {"granted_on": day, "expires_on": day.replace(year=day.year + 1) - timedelta(days=1)}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.authorisation_values, row["id"])

    def describe(self, row: dict[str, Any]) -> str:
        return row["name"] + colon() + row["item"]

    # --- suspend / revoke / reinstate ---------------------------------------------------------------
    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        row = self.selected_row()
        status = row["status"] if row else None
        self.status_buttons["suspend"].setEnabled(status == "active")
        self.status_buttons["revoke"].setEnabled(status in ("active", "suspended"))
        self.status_buttons["reinstate"].setEnabled(status == "suspended")

    def status_form(self, row: dict[str, Any], action: str) -> FormDialog:
        functions = {"suspend": service.suspend_authorisation, "revoke": service.revoke_authorisation,
                     "reinstate": service.reinstate_authorisation}
        titles = {"suspend": self.tr("暂停授权"), "revoke": self.tr("取消授权"), "reinstate": self.tr("恢复授权")}
        rid, fn = row["id"], functions[action]
        fields = [Field("reason", self.tr("原因"), "multiline", required=action != "reinstate"),
                  Field("on", self.tr("日期"), "date", required=True)]
        save = lambda v: self.ctx.write(fn, rid, **v)  # noqa: E731
        dialog = FormDialog(f"{titles[action]} — {self.describe(row)}", fields, {}, save, self)
        dialog.setObjectName(f"dlg-authorisations-{action}")
        return dialog

    def change_status(self, action: str) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        return self.status_form(row, action).exec() == QDialog.DialogCode.Accepted

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["suspend"] = lambda: self.status_form(self.proxy.row_at(0), "suspend") if self.proxy.rowCount() else None
        return found
