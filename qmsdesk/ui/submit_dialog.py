"""“上报”dialog: the month's check result, a comment on its warnings, where to send, then the package built off the GUI thread.

Blocking errors keep the 上报 button disabled (each row opens the record that fixes it); warnings
need a comment, which travels in the package. The work itself is `services.month_package.submit`,
the same function `qmsdesk submit` calls, run by ui/jobs.py with a progress dialog and Cancel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.periods import Period
from qmsdesk.services.submission import Issue, Report, validate_month
from qmsdesk.ui import messages
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.jobs import Job, JobCancelled, JobDialog

ERROR_COLOUR = QColor("#c62828")
WARNING_COLOUR = QColor("#b26a00")
ISSUE_ROLE = Qt.ItemDataRole.UserRole


def current_enrollment_or_none():
    """The enrollment, or None (also when its settings file is damaged: the page then says “not enrolled”)."""
    from qmsdesk.sync.enrollment import EnrollmentError, current_enrollment

    try:
        return current_enrollment()
    except EnrollmentError:
        return None


class IssueTable(QTableWidget):
    """The findings of a month's check, errors (red) before warnings (orange); double-click opens the record.

    A finding that compares two registers links to both: each place is a link in the last column.
    """

    open_issue = Signal(object)  # a submission_checks.Link (or an Issue: both have kind and record_id)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("issues")
        self.setHorizontalHeaderLabels([self.tr("类别"), self.tr("说明"), self.tr("去处理")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(0, 90)
        self.setColumnWidth(2, 110)
        self.setToolTip(self.tr("双击一行，打开需要修改的记录"))
        self.cellDoubleClicked.connect(lambda row, _col: self._open(row))

    def place(self, issue) -> str:
        """The page where the record is fixed, as the user sees it in the sidebar (ui/registry.py)."""
        from qmsdesk.ui.registry import WARD_PAGES, page_for_finding

        spec = page_for_finding(issue.kind)
        return spec.title() if spec is not WARD_PAGES[0] else ""

    def show_report(self, report: Report | None) -> None:
        issues = report.issues if report is not None else []
        self.setRowCount(len(issues))
        for row, issue in enumerate(issues):
            colour = ERROR_COLOUR if issue.blocking else WARNING_COLOUR
            text = issue.message + (f"\n{issue.hint}" if issue.hint else "")
            places = [self.place(link) for link in issue.links]
            cells = (self.tr("必须处理") if issue.blocking else self.tr("提示"), text, " / ".join(places))
            for col, cell_text in enumerate(cells):
                item = QTableWidgetItem(cell_text)
                item.setData(ISSUE_ROLE, issue)
                if col < 2:
                    item.setForeground(colour)
                item.setToolTip(text)
                self.setItem(row, col, item)
            if len(issue.links) > 1:
                self.setCellWidget(row, 2, self._links(issue, places))
        self.resizeRowsToContents()

    def _links(self, issue: Issue, places: list[str]) -> QLabel:
        """One link per place the finding compares (e.g. the indicator and the event register)."""
        label = QLabel(" / ".join(f'<a href="{i}">{place}</a>' for i, place in enumerate(places)))
        label.setObjectName("issue-links")
        label.setWordWrap(True)
        label.linkActivated.connect(lambda href, links=issue.links: self.open_issue.emit(links[int(href)]))
        return label

    def issue_at(self, row: int) -> Issue | None:
        item = self.item(row, 0)
        return item.data(ISSUE_ROLE) if item is not None else None

    def _open(self, row: int) -> None:
        issue = self.issue_at(row)
        if issue is not None:
            self.open_issue.emit(issue.links[0])


def summary_text(report: Report) -> tuple[str, QColor]:
    """One sentence a head nurse reads first: can the month go, and what is in the way."""
    if report.errors:
        return (QCoreApplication.translate("submission", "有 %1 个问题必须先处理，处理完才能上报（双击一行去修改）。").replace("%1", str(len(report.errors)))
                + (QCoreApplication.translate("submission", "另有 %1 条提示。").replace("%1", str(len(report.warnings))) if report.warnings else ""),
                ERROR_COLOUR)
    if report.warnings:
        return (QCoreApplication.translate("submission", "没有必须处理的问题。有 %1 条提示，请逐条核实，并在下面写明情况后上报。")
                .replace("%1", str(len(report.warnings))), WARNING_COLOUR)
    return QCoreApplication.translate("submission", "检查通过：没有发现问题，可以上报。"), QColor("#2e7d32")


class _Relay(QObject):
    """Carries the step text from the worker thread to the progress dialog (queued by Qt)."""

    label = Signal(str)


class DestinationBox(QGroupBox):
    """Where a package goes: the outbox only, a folder (USB stick, share), or the office's receiver URL."""

    changed = Signal()

    def __init__(self, enrollment, allow_outbox: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("上报包送到哪里"), parent)
        self.setObjectName("destination")
        self.enrollment = enrollment
        inner = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.to_outbox = QRadioButton(self.tr("先放在本机发件箱，稍后再发送"))
        self.to_outbox.setObjectName("to-outbox")
        self.to_folder = QRadioButton(self.tr("复制到文件夹（U 盘或共享文件夹）："))
        self.to_folder.setObjectName("to-folder")
        url = enrollment.url if enrollment is not None else None
        self.to_url = QRadioButton(self.tr("通过网络发送到质控办：%1").replace("%1", url) if url
                                   else self.tr("通过网络发送到质控办（登记文件中没有接收地址）"))
        self.to_url.setObjectName("to-url")
        self.to_url.setEnabled(bool(url))
        for i, button in enumerate((self.to_outbox, self.to_folder, self.to_url)):
            self.group.addButton(button, i)
        inner.addWidget(self.to_outbox)
        self.to_outbox.setVisible(allow_outbox)
        row = QHBoxLayout()
        row.addWidget(self.to_folder)
        self.folder = QLineEdit((enrollment.inbox or "") if enrollment is not None else "")
        self.folder.setObjectName("folder")
        self.folder.setPlaceholderText(self.tr("例如 E:\\ 或 \\\\质控办\\收件箱"))
        row.addWidget(self.folder, 1)
        browse = QPushButton(self.tr("选择…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self._choose_folder)
        row.addWidget(browse)
        inner.addLayout(row)
        inner.addWidget(self.to_url)
        if enrollment is not None and enrollment.inbox:
            self.to_folder.setChecked(True)
        elif url:
            self.to_url.setChecked(True)
        elif allow_outbox:
            self.to_outbox.setChecked(True)
        else:
            self.to_folder.setChecked(True)
        self.folder.textChanged.connect(lambda _t: self.changed.emit())
        self.group.idToggled.connect(lambda *_a: self.changed.emit())

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择 U 盘或共享文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.to_folder.setChecked(True)

    def missing(self) -> str | None:
        if self.to_folder.isChecked() and not self.folder.text().strip():
            return self.tr("请选择要复制到的文件夹。")
        return None

    def destination(self) -> tuple[str | None, str | None]:
        """(folder, url) for month_package.submit / send_submitted."""
        if self.to_folder.isChecked():
            return self.folder.text().strip(), None
        if self.to_url.isChecked() and self.enrollment is not None:
            return None, self.enrollment.url
        return None, None


class SubmitDialog(QDialog):
    """Submit one month: check, comment, destination, then build (and send) the package."""

    open_issue = Signal(object)  # the user double-clicked a finding: close and open its record

    def __init__(self, ctx: AppContext, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-submit")
        self.ctx = ctx
        self.period = period
        self.result_value: Any = None
        self.setWindowTitle(self.tr("上报 %1").replace("%1", self.period.label()))
        self.report: Report = ctx.read(validate_month, self.period)
        self.enrollment = current_enrollment_or_none()

        layout = QVBoxLayout(self)
        self._findings(layout)
        self._comment(layout)
        self.target = DestinationBox(self.enrollment)
        layout.addWidget(self.target)
        if self.enrollment is None:
            note = QLabel(self.tr("本机尚未导入质控办登记文件：上报包只签名、不加密，也没有质控办的接收地址。"
                                  "请尽快在“设置”中导入登记文件。"))
            note.setObjectName("not-enrolled")
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {WARNING_COLOUR.name()};")
            layout.addWidget(note)
        self._buttons(layout)
        self.comment.textChanged.connect(self._update)
        self.target.changed.connect(self._update)
        self._update()
        self.resize(820, 600)

    def _findings(self, layout: QVBoxLayout) -> None:
        """The check's one-line verdict and its findings, each opening the record that fixes it."""
        heading = QLabel(self.tr("上报前检查：%1").replace("%1", self.period.label()))
        heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        layout.addWidget(heading)
        text, colour = summary_text(self.report)
        self.summary = QLabel(text)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {colour.name()};")
        layout.addWidget(self.summary)
        self.issues = IssueTable()
        self.issues.show_report(self.report)
        self.issues.setVisible(bool(self.report.issues))
        self.issues.setMinimumHeight(160)
        self.issues.open_issue.connect(self._open_issue)
        layout.addWidget(self.issues, 1)

    def _comment(self, layout: QVBoxLayout) -> None:
        """The explanation warnings need before the month can go (shown only then)."""
        self.comment_label = QLabel(self.tr("对以上提示的说明 *（随上报包交给质控办，例如：已核实，数据无误；超期事项已与护理部沟通延期）"))
        self.comment_label.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setMaximumHeight(70)
        self.comment.setPlaceholderText(self.tr("核实情况"))
        from qmsdesk.config import current_user

        self.accepted_by = QLabel(self.tr("确认人：%1。确认人、确认时间和说明会写在 PDF 封面、工作簿和上报包中。")
                                  .replace("%1", current_user()))
        self.accepted_by.setObjectName("accepted-by")
        self.accepted_by.setWordWrap(True)
        self.accepted_by.setStyleSheet("color: #666;")
        for w in (self.comment_label, self.comment, self.accepted_by):
            w.setVisible(bool(self.report.warnings) and not self.report.errors)
            layout.addWidget(w)

    def _buttons(self, layout: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.submit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(self.tr("上报并锁定本月"))
        self.submit_button.setObjectName("submit")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        note = QLabel(self.tr("上报后本月记录将被锁定，不能再修改；如需更正，可在“月度上报”中申请更正（须填写原因）。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)

    def _update(self) -> None:
        self.submit_button.setEnabled(self.blocker() is None)
        self.submit_button.setToolTip(self.blocker() or "")

    def blocker(self) -> str | None:
        """Why 上报 cannot be pressed yet, or None."""
        if self.report.errors:
            return self.tr("还有必须处理的问题。")
        if self.report.warnings and not self.comment.toPlainText().strip():
            return self.tr("请先填写对提示的说明。")
        return self.target.missing()

    def _open_issue(self, link) -> None:
        self.reject()
        self.open_issue.emit(link)

    # --- submitting ---------------------------------------------------------------------------------

    def submit(self):
        """Build (and send) the package; returns the SubmitResult, or None when refused, cancelled or failed."""
        if self.blocker() is not None:
            return None
        from qmsdesk.sync.keys import KeyStoreError
        from qmsdesk.ui.passphrase import obtain_key_store

        try:
            store = obtain_key_store(self)
        except KeyStoreError as exc:
            messages.error(self, self.tr("无法打开密钥"), str(exc))
            return None
        if store is None:
            return None
        folder, url = self.target.destination()
        outcome, value = self._run(store, self.comment.toPlainText().strip() or None, folder, url)
        if outcome == "cancelled":
            messages.info(self, self.tr("已取消"), self.tr("已取消上报，本月没有锁定。"))
            return None
        if outcome == "failed":
            messages.error(self, self.tr("上报未完成"), value)
            return None
        self.result_value = value
        messages.info(self, self.tr("上报完成"), result_text(value))
        self.accept()
        return value

    def _run(self, store, comment: str | None, folder: str | None, url: str | None) -> tuple[str, Any]:
        from qmsdesk.services.month_package import SubmitCancelled, submit

        ctx, period, relay = self.ctx, self.period, _Relay()
        holder: dict[str, Job] = {}

        def work(control) -> Any:
            job = holder["job"]

            def progress(step: int, total: int, label: str) -> None:
                relay.label.emit(label)
                job.progressed.emit(step, total)  # never raises: once locking began, the step must finish

            try:
                return ctx.transaction(submit, period, comment, folder=folder, url=url, store=store,
                                       progress=progress, cancel=lambda: control.cancelled)
            except SubmitCancelled as exc:
                raise JobCancelled(str(exc)) from exc

        job = ctx.job(self.tr("正在上报 %1…").replace("%1", period.label()), work, self)
        holder["job"] = job
        dialog = JobDialog(job, self)
        relay.label.connect(dialog.setLabelText)
        job.start()
        dialog.exec()
        if dialog.outcome is None:
            job.cancel()
            job.wait()
            return "cancelled", ""
        return dialog.outcome, job.result if dialog.outcome == "ok" else dialog.message


def result_text(result) -> str:
    """Where the package is now, and what to do if sending failed."""
    lines = [QCoreApplication.translate("submission", "%1 第 %2 版已上报，本月记录已锁定。").replace("%1", Period.parse(result.period).label())
             .replace("%2", str(result.version)),
             QCoreApplication.translate("submission", "上报包：%1").replace("%1", str(result.package))]
    if not result.encrypted:
        lines.append(QCoreApplication.translate("submission", "（本机尚未登记，上报包未加密。）"))
    if result.office_outcome == "held":
        lines.append(QCoreApplication.translate("submission", "质控办已收到，但暂存未导入：%1").replace("%1", result.office_reason or ""))
    elif result.destination:
        lines.append(QCoreApplication.translate("submission", "已送到：%1").replace("%1", str(result.destination)))
    elif result.office_outcome == "refused":
        lines.append(QCoreApplication.translate("submission", "质控办拒收：%1").replace("%1", result.office_reason or ""))
        lines.append(QCoreApplication.translate("submission", "上报包仍在发件箱中（质控办已拒收）。请按原因处理后，在“月度上报”中点“重新发送”或申请更正。"))
    elif result.send_error:
        lines.append(QCoreApplication.translate("submission", "发送没有成功：%1").replace("%1", result.send_error))
        lines.append(QCoreApplication.translate("submission", "上报包仍在发件箱中，可稍后在“月度上报”中点“重新发送”。"))
    else:
        lines.append(QCoreApplication.translate("submission", "上报包在本机发件箱中，可随时点“重新发送”复制到 U 盘或发送给质控办。"))
    return "\n".join(lines)



class SendDialog(QDialog):
    """“重新发送”: choose a USB stick, the share or the office URL for a package already in the outbox."""

    def __init__(self, period: Period, package: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-resend")
        self.period = period
        self.setWindowTitle(self.tr("重新发送 %1").replace("%1", self.period.label()))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("把发件箱中已生成的上报包再送一次（上次发送失败、换了 U 盘，或质控办没有收到）：\n%1")
                       .replace("%1", package))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.target = DestinationBox(current_enrollment_or_none(), allow_outbox=False)
        layout.addWidget(self.target)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("发送"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.changed.connect(lambda: self.send_button.setEnabled(self.target.missing() is None))
        self.send_button.setEnabled(self.target.missing() is None)
        self.setMinimumWidth(620)
