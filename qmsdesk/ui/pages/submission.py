"""月度上报 page: each month and where it stands (open, submitted, returned…) from services/submission.py.

The monthly package itself (validation, report, signing, sending) belongs to the submission issue;
this page lists the months and their state, newest first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from sqlalchemy.orm import Session

from qmsdesk.periods import Period, months_between
from qmsdesk.services import submission as service
from qmsdesk.services.base import today
from qmsdesk.ui.pages.base import ListPage
from qmsdesk.ui.table_model import CENTER, Column

MONTHS_SHOWN = 12
LOCKED_COLOUR = QColor("#2e7d32")
OPEN_COLOUR = QColor("#c25e00")


class SubmissionPage(ListPage):
    key = "submission"
    areas = frozenset({"submission"})
    can_add = False
    can_edit = False
    can_delete = False
    has_status_filter = True

    def title(self) -> str:
        return self.tr("月度上报")

    def status_choices(self) -> list[tuple[str, str]]:
        return [("locked", self.tr("已上报（已锁定）")), ("open", self.tr("未上报或可修改"))]

    def status_of(self, row: dict[str, Any]) -> str:
        return "locked" if row["locked"] else "open"

    def columns(self) -> list[Column]:
        return [
            Column("period", self.tr("月份"), width=100),
            Column("state", self.tr("上报状态"), width=140,
                   color=lambda r: LOCKED_COLOUR if r["locked"] else OPEN_COLOUR),
            Column("version", self.tr("版本"), fmt=lambda v: f"v{v}" if v else "", align=CENTER, width=70),
            Column("locked", self.tr("记录已锁定"), fmt=lambda v: self.tr("是") if v else self.tr("否"),
                   align=CENTER, width=100),
            Column("submitted_at", self.tr("提交时间"), width=150),
            Column("amend_reason", self.tr("更正原因"), width=200),
        ]

    def load(self, session: Session) -> list[dict[str, Any]]:
        current = Period.of(today())
        first = current
        for _ in range(MONTHS_SHOWN - 1):
            first = first.previous()
        periods = {str(p) for p in months_between(first, current)} | set(service.submitted_periods(session))
        rows = []
        for period in sorted(periods, reverse=True):
            state = service.month_state(session, period)
            sub = state.submission
            rows.append(dict(id=period, period=period, state=state.status_label, version=state.version,
                             locked=state.locked, submitted_at=sub.submitted_at if sub else None,
                             amend_reason=sub.amend_reason if sub else None))
        return rows
