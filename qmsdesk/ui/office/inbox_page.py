"""收件箱与导入: scan the inbox (on demand and on the context's timer), import chosen files, read each import's
summary, and accept or return an imported submission (office/inbox.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QWidget,
)

from qmsdesk.errors import QmsError
from qmsdesk.office import importer
from qmsdesk.office.inbox import acknowledge_package, log_rows, package_rows
from qmsdesk.ui import messages
from qmsdesk.ui.jobs import run_job
from qmsdesk.ui.office.widgets import OfficePage, sampled_view
from qmsdesk.ui.pages.base import as_dicts
from qmsdesk.ui.table_model import Column, RowTableModel


class InboxPage(OfficePage):
    key = "office-inbox"

    def __init__(self, ctx, parent: QWidget | None = None, today=None) -> None:
        super().__init__(ctx, parent, today)
        self.last_summaries: list[importer.ImportSummary] = []
        layout = self.layout_
        self.path_label = QLabel(self.tr("收件箱：%1").replace("%1", str(ctx.folders.inbox)))
        self.path_label.setWordWrap(True)
        layout.addWidget(self.path_label)
        layout.addLayout(self._build_bar())
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        layout.addWidget(self._build_tables(), 1)
        ctx.inbox_scanned.connect(self._show)
        ctx.watch_inbox(self.auto.isChecked())

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.scan_button = QPushButton(self.tr("扫描收件箱"))
        self.files_button = QPushButton(self.tr("导入文件…"))
        self.auto = QCheckBox(self.tr("窗口打开时每 5 分钟自动扫描"))
        self.auto.setChecked(True)
        self.accept_button = QPushButton(self.tr("接收所选"))
        self.return_button = QPushButton(self.tr("退回所选…"))
        for w in (self.scan_button, self.files_button, self.auto):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.return_button)
        self.scan_button.clicked.connect(self.scan_now)
        self.files_button.clicked.connect(self._choose_files)
        self.accept_button.clicked.connect(lambda: self._ack("accepted"))
        self.return_button.clicked.connect(lambda: self._ack("returned"))
        self.auto.toggled.connect(self.ctx.watch_inbox)
        return bar

    def _build_tables(self) -> QSplitter:
        split = QSplitter()
        self.packages = RowTableModel([
            Column("period", self.tr("月份")), Column("unit", self.tr("单位")), Column("version", self.tr("版本")),
            Column("state", self.tr("版本状态")), Column("ack", self.tr("审核")), Column("signed", self.tr("上报日期")),
            Column("comments", self.tr("退回意见"))])
        self.package_view = sampled_view(self.packages, sorting=False)
        self.package_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log = RowTableModel([
            Column("time", self.tr("时间")), Column("outcome", self.tr("结果")), Column("unit", self.tr("单位")),
            Column("period", self.tr("月份")), Column("version", self.tr("版本")),
            Column("message", self.tr("导入摘要"), width=360, free_text=True)])
        self.log_view = sampled_view(self.log, sorting=False)
        self.log_view.setWordWrap(True)
        split.addWidget(self.package_view)
        split.addWidget(self.log_view)
        return split

    @property
    def timer(self):
        """The automatic scan's timer (it belongs to the context, which does the scanning)."""
        return self.ctx.inbox_timer

    def refresh(self) -> None:
        super().refresh()
        self.load(lambda s: (as_dicts(package_rows(s)), as_dicts(log_rows(s))), self._show_rows)

    def _show_rows(self, rows: tuple[list[dict], list[dict]]) -> None:
        packages, log = rows
        self.packages.set_rows(packages)
        self.log.set_rows(log)

    # importing
    def import_paths(self, paths: list[Path] | None = None) -> list[importer.ImportSummary]:
        """Import with a progress dialog (cancellable); the summaries are shown and returned."""
        try:
            outcome, value = run_job(self.ctx.import_job(paths, self), self)
        except QmsError as exc:
            self.report_error(exc)
            return []
        if outcome == "failed":
            messages.error(self, self.tr("导入未完成"), value)
            return []
        self._show(value or [])
        return value or []

    def scan_now(self) -> list[importer.ImportSummary]:
        return self.import_paths(None)

    def scan_in_background(self) -> None:
        """What the timer does: a scan on the database worker, shown when it ends (failures in the status bar)."""
        self.ctx.scan_in_background()

    def _show(self, summaries: list) -> None:
        self.last_summaries = list(summaries)
        if summaries:
            counts = {k: sum(s.outcome == k for s in summaries) for k in ("applied", "unchanged", "kept", "held", "refused")}
            self.summary_label.setText(self.tr("本次处理 %1 个文件：导入 %2，未变 %3，旧版本 %4，待确认密钥 %5，拒绝 %6（已移入隔离区）。")
                                       .replace("%1", str(len(summaries))).replace("%2", str(counts["applied"]))
                                       .replace("%3", str(counts["unchanged"])).replace("%4", str(counts["kept"]))
                                       .replace("%5", str(counts["held"])).replace("%6", str(counts["refused"])))
        else:
            self.summary_label.setText(self.tr("收件箱中没有新的上报包。"))

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择上报包"), "", self.tr("上报包 (*.qmspkg)"))
        if files:
            self.import_paths([Path(f) for f in files])

    # acknowledging
    def selected_package(self) -> dict | None:
        rows = self.package_view.selectionModel().selectedRows()
        return self.packages.row_at(rows[0].row()) if rows else None

    def acknowledge(self, package_id: int, status: str, comments: str = ""):
        return self.ctx.write(acknowledge_package, package_id, status, comments, keys=self.ctx.keys(),
                              folders=self.ctx.folders)

    def _ack(self, status: str) -> None:
        row = self.selected_package()
        if row is None:
            messages.info(self, self.tr("审核"), self.tr("请先在左侧表格中选择一个上报包。"))
            return
        comments = ""
        if status == "returned":
            comments, ok = QInputDialog.getMultiLineText(self, self.tr("退回"), self.tr("退回原因（科室据此更正）："))
            if not ok or not comments.strip():
                return
        try:
            result = self.acknowledge(row["id"], status, comments)
        except QmsError as exc:
            self.report_error(exc)
            return
        self.summary_label.setText(result.message)
