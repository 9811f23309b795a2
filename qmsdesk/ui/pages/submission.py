"""月度上报 page: each month's state and versions, the check before submitting, submit / amend / resend, receipts.

The months (last twelve and any ever submitted) are listed with their newest version; the selected
month shows every version with its package and where that package is (outbox state), and the
result of “校验本月”, whose rows open the record that fixes them. The work is done by
services.submission, services.month_package and sync.receipts; this page only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.clock import today
from qmsdesk.errors import QmsError
from qmsdesk.periods import Period
from qmsdesk.services import submission as service
from qmsdesk.services.submission import Report
from qmsdesk.ui import messages
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.jobs import Job, run_job
from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.pages.base import ListPage, as_dicts
from qmsdesk.ui.submit_dialog import (
    IssueTable,
    SendDialog,
    SubmitDialog,
    current_enrollment_or_none,
    summary_text,
)
from qmsdesk.ui.table_model import CENTER, Column, show_value

STATE_COLOURS = {
    None: QColor("#c25e00"), "draft": QColor("#c25e00"), "validated": QColor("#c25e00"),
    "submitted": QColor("#1565c0"), "sent": QColor("#1565c0"), "accepted": QColor("#2e7d32"),
    "returned": QColor("#c62828"), "superseded": QColor("#757575"),
}
OVERDUE_COLOUR = QColor("#c62828")
LOCKING = ("submitted", "sent", "accepted")
RESENDABLE = ("submitted", "sent")
REFUSED_COLOUR = QColor("#c62828")


class SubmissionPage(ListPage):
    key = "submission"
    can_add = False
    can_edit = False
    can_delete = False
    select_first = True

    def state_text(self, status: object) -> str:
        return {None: self.tr("未上报"), "draft": self.tr("草稿（更正中）"), "validated": self.tr("已校验"),
                "submitted": self.tr("已上报"), "sent": self.tr("已发送"), "accepted": self.tr("已接收"),
                "returned": self.tr("已退回"), "superseded": self.tr("已被新版本替代")}.get(status, str(status))  # type: ignore[call-overload]

    def outbox_text(self, state: object) -> str:
        return {"built": self.tr("已生成，待发送"), "sent": self.tr("已发送"), "held": self.tr("质控办暂存，待确认密钥"),
                "refused": self.tr("质控办已拒收"), "accepted": self.tr("质控办已接收"),
                "returned": self.tr("质控办已退回"), None: ""}.get(state, str(state))  # type: ignore[call-overload]

    def outbox_note(self, version: dict[str, Any]) -> str:
        """The office's reason for a held or refused package, or the last failed send."""
        if version["outbox"] == "refused":
            return self.tr("\n质控办拒收的原因：%1\n请按原因处理（必要时申请更正生成新版本），再点“重新发送…”。") \
                .replace("%1", version["reason"] or "")
        if version["outbox"] == "held":
            return self.tr("\n质控办已收到但暂存：%1\n请电话告知质控办本科室的密钥指纹，请其确认。").replace("%1", version["reason"] or "")
        if version["last_error"]:
            return self.tr("\n上次发送没有成功：%1").replace("%1", version["last_error"])
        return ""

    def columns(self) -> list[Column]:
        return [
            Column("period", self.tr("月份"), width=90),
            Column("status", self.tr("上报状态"), fmt=self.state_text, width=120,
                   color=lambda r: STATE_COLOURS.get(r["status"])),
            Column("version", self.tr("版本"), fmt=lambda v: self.tr("第 %1 版").replace("%1", str(v)) if v else "",
                   align=CENTER, width=80),
            Column("submitted_at", self.tr("上报时间"), width=140),
            Column("outbox", self.tr("上报包"), fmt=self.outbox_text, width=120),
            Column("deadline", self.tr("截止日期"), width=100,
                   color=lambda r: OVERDUE_COLOUR if r["overdue"] else None),
            Column("comments", self.tr("质控办意见"), width=260, free_text=True),
        ]

    def _build_buttons(self) -> None:
        self.check_button = QPushButton(self.tr("校验本月"))
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.check_selected)
        self.submit_button = QPushButton(self.tr("上报…"))
        self.submit_button.setObjectName("submit")
        self.submit_button.clicked.connect(self.submit_selected)
        self.amend_button = QPushButton(self.tr("申请更正…"))
        self.amend_button.setObjectName("amend")
        self.amend_button.clicked.connect(self.amend_selected)
        self.resend_button = QPushButton(self.tr("重新发送…"))
        self.resend_button.setObjectName("resend")
        self.resend_button.clicked.connect(self.resend_selected)
        self.receipts_button = QPushButton(self.tr("导入回执…"))
        self.receipts_button.setObjectName("receipts")
        menu = QMenu(self.receipts_button)
        menu.addAction(self.tr("从文件夹导入（U 盘、共享文件夹）…"), lambda: self.import_receipts())
        self.fetch_action = menu.addAction(self.tr("从质控办接收地址下载"), self.download_receipts)
        menu.aboutToShow.connect(self._receipt_sources)
        self.receipts_button.setMenu(menu)
        self.outbox_button = QPushButton(self.tr("打开发件箱"))
        self.outbox_button.setObjectName("open-outbox")
        self.outbox_button.clicked.connect(self._open_outbox)
        self.report_button = QPushButton(self.tr("报表"))
        self.report_button.setObjectName("report")
        report_menu = QMenu(self.report_button)
        report_menu.addAction(self.tr("导出 Excel 和 PDF…"), self.export_selected)
        report_menu.addAction(self.tr("打印…"), self.print_selected)
        self.report_button.setMenu(report_menu)
        self.add_buttons(self.check_button, self.submit_button, self.amend_button, self.resend_button,
                         self.receipts_button, self.outbox_button, self.report_button)

    def export_selected(self) -> Any:
        """导出本月报表 (also in the 文件 menu): the selected month's workbook and PDF into a folder."""
        from qmsdesk.ui.month_report import export_month_report

        period = self.selected_period()
        return export_month_report(self.ctx, period, self) if period is not None else None

    def print_selected(self) -> Any:
        from qmsdesk.ui.month_report import print_month_report

        period = self.selected_period()
        return print_month_report(self.ctx, period, self) if period is not None else None

    # --- building ---------------------------------------------------------------------------------
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: Report | None = None
        self._build_buttons()
        self.search.hide()
        self.table.setMaximumHeight(16777215)
        self.note = QLabel()
        self.note.setObjectName("month-note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("padding: 6px; border: 1px solid #ddd; background: #fafafa;")
        self.body.addWidget(self.note)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("submission-tabs")
        self.versions = QTableWidget(0, 9)
        self.versions.setObjectName("versions")
        self.versions.setHorizontalHeaderLabels([
            self.tr("版本"), self.tr("状态"), self.tr("上报时间"), self.tr("上报包文件"), self.tr("校验值"),
            self.tr("发件箱"), self.tr("送达位置"), self.tr("更正原因"), self.tr("质控办意见")])
        self.versions.verticalHeader().setVisible(False)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((60, 100, 130, 200, 100, 100, 140, 140)):  # office comments get the rest
            self.versions.setColumnWidth(col, width)
        self.tabs.addTab(self.versions, self.tr("各版本与上报包"))
        check = QWidget()
        inner = QVBoxLayout(check)
        inner.setContentsMargins(0, 4, 0, 0)
        self.check_summary = QLabel(self.tr("选中月份后点“校验本月”，这里列出上报前必须处理的问题（红色）和需要核实的提示（橙色）。"
                                            "双击一行可打开相应记录。"))
        self.check_summary.setObjectName("check-summary")
        self.check_summary.setWordWrap(True)
        inner.addWidget(self.check_summary)
        self.issues = IssueTable()
        self.issues.open_issue.connect(self.open_issue)
        inner.addWidget(self.issues, 1)
        self.tabs.addTab(check, self.tr("校验结果"))
        self.body.addWidget(self.tabs, 1)
        self.body.setStretch(self.body.indexOf(self.table), 1)
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------------
    def read_rows(self, ctx: DataContext) -> list[dict[str, Any]]:
        rows = as_dicts(ctx.read(service.month_rows, today()))
        for row in rows:
            row["versions"] = as_dicts(row["versions"])
        return rows

    def first_selection(self, rows: list[dict[str, Any]]) -> Any:
        """The month to act on: one reopened (returned or being amended), else last month while it is still
        open — the one whose deadline falls in this month — else this month (the first row)."""
        reopened = [r for r in rows if r["status"] is not None and r["status"] not in LOCKING]
        if reopened:
            return reopened[0]["id"]  # rows are newest first
        last = str(Period.of(today()).previous())
        return last if any(r["id"] == last and r["status"] is None for r in rows) else None

    def rows_loaded(self) -> None:
        self.show_month()

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        row = self.selected_row()
        status = row["status"] if row else None
        future = row is not None and row["period"] > Period.of(today())
        self.check_button.setEnabled(row is not None and self.ctx.is_open)
        self.report_button.setEnabled(row is not None and self.ctx.is_open)
        self.submit_button.setEnabled(row is not None and status not in LOCKING and not future)
        self.amend_button.setEnabled(row is not None and status in LOCKING)
        has_package = bool(row and row["versions"] and row["versions"][-1]["outbox"] is not None)
        self.resend_button.setEnabled(row is not None and status in RESENDABLE and has_package)
        self.receipts_button.setEnabled(self.ctx.is_open)
        self.show_month()

    def show_month(self) -> None:
        """The selected month's versions and a sentence on where it stands; the check result is cleared."""
        row = self.selected_row()
        if self.report is not None and (row is None or self.report.period != str(row["period"])):
            self.report = None  # a check of another month, or of the month before it changed, says nothing now
            self.issues.show_report(None)
            self.check_summary.setText(self.tr("选中月份后点“校验本月”，这里列出上报前必须处理的问题（红色）和需要核实的提示（橙色）。"
                                               "双击一行可打开相应记录。"))
            self.check_summary.setStyleSheet("")
            self.tabs.setCurrentIndex(0)
        self.versions.setRowCount(0)
        if row is None:
            self.note.setText("")
            return
        versions = row["versions"]
        self.versions.setRowCount(len(versions))
        for r, v in enumerate(reversed(versions)):
            cells = (self.tr("第 %1 版").replace("%1", str(v["version"])), self.state_text(v["status"]),
                     show_value(v["submitted_at"]), v["package"] or "", (v["sha256"] or "")[:12], self.outbox_text(v["outbox"]),
                     v["destination"] or "", v["amend_reason"] or "", v["comments"] or "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(v["sha256"] if c == 4 and v["sha256"] else text)
                if c == 1 and v["status"] in STATE_COLOURS:
                    item.setForeground(STATE_COLOURS[v["status"]])
                self.versions.setItem(r, c, item)
        self.note.setText(self.tr("%1：%2").replace("%1", row["period"].label())
                          .replace("%2", self.month_sentence(row)))
        colour = STATE_COLOURS.get(row["status"], QColor("#333"))
        if versions and versions[-1]["outbox"] == "refused":
            colour = REFUSED_COLOUR  # the office refused it: as urgent as a returned month
        self.note.setStyleSheet(f"padding: 6px; border: 1px solid {colour.name()}; color: {colour.name()};"
                                " background: #fafafa;")

    def month_sentence(self, row: dict[str, Any]) -> str:
        status, version = row["status"], row["version"]
        newest = row["versions"][-1] if row["versions"] else None
        if status is None:
            text = self.tr("尚未上报，截止日期 %1。先点“校验本月”检查，再点“上报…”。").replace("%1", row["deadline"].isoformat())
            return text + (self.tr("（已逾期）") if row["overdue"] else "")
        if status == "returned":
            return self.tr("质控办退回了第 %1 版，意见：%2\n本月已重新打开：请按意见修改记录，然后点“上报…”生成第 %3 版。") \
                .replace("%1", str(version)).replace("%2", row["comments"] or "").replace("%3", str(version + 1))
        if status == "accepted":
            return self.tr("质控办已接收第 %1 版。本月记录已锁定；如发现错误，可点“申请更正…”。").replace("%1", str(version))
        if status in ("submitted", "sent"):
            where = self.outbox_text(newest["outbox"]) if newest and newest["outbox"] else self.tr("不在本机发件箱")
            return self.tr("第 %1 版已上报，本月记录已锁定。上报包：%2（%3）。如需更正，请点“申请更正…”并填写原因。") \
                .replace("%1", str(version)).replace("%2", newest["package"] or "" if newest else "").replace("%3", where) \
                + (self.outbox_note(newest) if newest else "")
        reason = row["amend_reason"] or ""
        return self.tr("正在更正（第 %1 版）。更正原因：%2\n本月记录已重新打开，修改后点“上报…”。") \
            .replace("%1", str(version)).replace("%2", reason)

    # --- actions ----------------------------------------------------------------------------------
    def selected_period(self) -> Period | None:
        row = self.selected_row()
        return row["period"] if row else None

    def check_selected(self) -> Report | None:
        period = self.selected_period()
        if period is None:
            return None
        try:
            self.report = self.ctx.read(service.validate_month, period)
        except QmsError as exc:
            self.report_error(exc)
            return None
        self.issues.show_report(self.report)
        text, colour = summary_text(self.report)
        self.check_summary.setText(self.tr("%1：%2").replace("%1", period.label()).replace("%2", text))
        self.check_summary.setStyleSheet(f"color: {colour.name()};")
        self.tabs.setCurrentIndex(1)
        return self.report

    def open_issue(self, link) -> None:
        """Show the page and record an issue links to (a submission_checks.Link or Issue; MainWindow.open_record)."""
        window = self.window()
        opener = getattr(window, "open_record", None)
        if opener is None:
            return
        period = Period.parse(self.report.period) if self.report is not None else self.selected_period()
        opener(link.kind, link.record_id, period)

    def submit_form(self) -> SubmitDialog | None:
        period = self.selected_period()
        if period is None:
            return None
        dialog = SubmitDialog(self.ctx, period, self)
        dialog.open_issue.connect(self.open_issue)
        return dialog

    def submit_selected(self) -> Any:
        dialog = self.submit_form()
        if dialog is None:
            return None
        dialog.exec()
        if dialog.result_value is not None:
            self.select_id(str(dialog.result_value.period))
        return dialog.result_value

    def amend_form(self) -> FormDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        period = row["period"]
        field = Field("reason", self.tr("更正原因"), "multiline", required=True,
                      placeholder=self.tr("例如：10 月跌倒漏报 1 例，需要补录并重新计算指标"))
        save = lambda values: self.ctx.write(service.amend_month, period, values["reason"])  # noqa: E731
        dialog = FormDialog(self.tr("申请更正 %1").replace("%1", period.label()), [field], {}, save, self)
        dialog.setObjectName("dlg-submission-amend")
        intro = QLabel(self.tr("更正会生成第 %1 版：本月记录重新打开，修改后再次上报。原来的各版本和这次的原因都会保留，"
                               "并随新的上报包交给质控办。").replace("%1", str(row["version"] + 1)))
        intro.setWordWrap(True)
        dialog.extra.addWidget(intro)
        return dialog

    def amend_selected(self) -> Any:
        dialog = self.amend_form()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    def resend_form(self) -> SendDialog | None:
        row = self.selected_row()
        if row is None or not row["versions"]:
            return None
        return SendDialog(row["period"], row["versions"][-1]["package"] or "", self)

    def resend_selected(self) -> Any:
        dialog = self.resend_form()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.send_again(dialog.period, *dialog.target.destination())

    def send_again(self, period: Period, folder: str | None, url: str | None) -> Any:
        """send_submitted off the GUI thread (an upload retries with back-off); says where it went or why not."""
        from qmsdesk.services.month_package import send_submitted

        store = None
        if url:
            from qmsdesk.sync.keys import KeyStoreError
            from qmsdesk.ui.passphrase import obtain_key_store

            try:
                store = obtain_key_store(self)
            except KeyStoreError as exc:
                self.report_error(exc)
                return None
            if store is None:
                return None
        ctx, p = self.ctx, period
        job = ctx.job(self.tr("正在发送 %1…").replace("%1", p.label()),
                      lambda _c: ctx.transaction(send_submitted, p, folder=folder, url=url, store=store), self)
        outcome, value = run_job(job, self)
        if outcome == "failed":
            messages.error(self, self.tr("发送未完成"), value)
            return None
        if outcome != "ok":
            return None
        if value.send_error:
            messages.error(self, self.tr("质控办拒收") if value.office_outcome == "refused" else self.tr("发送没有成功"),
                           value.send_error)
            return None
        if value.office_outcome == "held":
            messages.info(self, self.tr("质控办暂存"), self.tr("质控办已收到，但暂存未导入：%1").replace("%1", value.office_reason or ""))
            return value
        messages.info(self, self.tr("已发送"), self.tr("%1 第 %2 版的上报包已送到：%3").replace("%1", p.label())
                      .replace("%2", str(value.version)).replace("%3", str(value.destination)))
        return value

    def import_receipts(self, folder: str | Path | None = None) -> list[Any] | None:
        """Read the office's receipts from a folder: accepted, or returned with comments (the month reopens)."""
        from qmsdesk.sync.receipts import import_receipts

        if not folder:
            enrollment = current_enrollment_or_none()
            start = enrollment.inbox if enrollment is not None and enrollment.inbox else str(Path.home())
            folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放质控办回执的文件夹"), start)
            if not folder:
                return None
        try:
            outcomes = self.ctx.write(import_receipts, folder)
        except QmsError as exc:
            messages.error(self, self.tr("无法导入回执"), str(exc))
            return None
        if not outcomes:
            messages.info(self, self.tr("导入回执"), self.tr("文件夹中没有回执文件（*.receipt.json）：%1").replace("%1", str(folder)))
        else:
            messages.info(self, self.tr("导入回执"), "\n".join(o.message for o in outcomes))
        return outcomes

    def _receipt_sources(self) -> None:
        enrollment = current_enrollment_or_none()
        self.fetch_action.setEnabled(bool(enrollment is not None and enrollment.url))

    def download_receipts(self) -> list[Any] | None:
        """Fetch new receipts from the office receiver (enrollment URL) into the data folder, then import them."""
        from qmsdesk.config import data_dir
        from qmsdesk.sync.keys import KeyStoreError, get_upload_token
        from qmsdesk.sync.transport import fetch_receipts
        from qmsdesk.ui.passphrase import obtain_key_store

        enrollment = current_enrollment_or_none()
        if enrollment is None or not enrollment.url:
            messages.error(self, self.tr("无法下载回执"), self.tr("登记文件中没有质控办接收地址，请从文件夹导入回执。"))
            return None
        try:
            store = obtain_key_store(self)
        except KeyStoreError as exc:
            self.report_error(exc)
            return None
        if store is None:
            return None
        token = get_upload_token(store, enrollment.hospital_code, enrollment.department_code)
        folder, url = data_dir() / "receipts", enrollment.url
        job = Job(self.tr("正在从质控办下载回执…"), lambda _c: fetch_receipts(url, token, folder), self)
        outcome, value = run_job(job, self)
        if outcome == "failed":
            messages.error(self, self.tr("无法下载回执"), value)
            return None
        if outcome != "ok":
            return None
        return self.import_receipts(folder)

    def _open_outbox(self) -> None:
        from qmsdesk.sync.outbox import Outbox

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Outbox().root)))

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        from qmsdesk.ui.passphrase import passphrase_dialog

        return {"submit": self.submit_form, "amend": self.amend_form, "resend": self.resend_form,
                "passphrase": lambda: passphrase_dialog(self)}

