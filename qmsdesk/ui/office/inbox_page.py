"""收件箱: scan the inbox (on demand and on a timer), import chosen files, read each import's summary,
and accept or return an imported submission."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk import clock
from qmsdesk.errors import QmsError
from qmsdesk.office import acks, importer
from qmsdesk.office.completeness import signed_on
from qmsdesk.office.labels import outcome_label
from qmsdesk.ui import messages
from qmsdesk.ui.jobs import Job, run_job
from qmsdesk.ui.pages.base import Page
from qmsdesk.ui.table_model import Column, RowTableModel

SCAN_INTERVAL_MS = 5 * 60 * 1000
_STATES = {"current": "当前版本", "superseded": "已被新版本替代", "stale": "旧版本（未采用）"}
_ACKS = {"accepted": "已接收", "returned": "已退回", None: "待审核"}


def _log_rows(store) -> list[dict]:
    return [{"id": e.id, "time": clock.local_text(e.time), "file": e.filename,
             "unit": e.unit_label, "period": e.period or "", "version": e.version or "",
             "outcome": outcome_label(e.outcome), "message": e.message} for e in importer.recent_log(store)]


def _package_rows(session) -> list[dict]:
    return [{"id": p.id, "period": p.period, "unit": p.unit.label, "version": p.version,
             "state": _STATES.get(p.state, p.state), "ack": _ACKS.get(p.ack_status, p.ack_status),
             "comments": p.ack_comments or "", "signed": signed_on(p).isoformat(), "raw_state": p.state}
            for p in acks.packages(session)]


class InboxPage(Page):
    key = "office-inbox"
    area = "imports"
    areas = frozenset({"imports", "acks", "units"})

    def title(self) -> str:
        return self.tr("收件箱与导入")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_summaries: list[importer.ImportSummary] = []
        self._background: Job | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(self.title())
        heading.setObjectName("page-title")
        layout.addWidget(heading)
        self.path_label = QLabel(self.tr("收件箱：%1").replace("%1", str(ctx.folders.inbox)))
        self.path_label.setWordWrap(True)
        layout.addWidget(self.path_label)
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
        layout.addLayout(bar)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        split = QSplitter()
        self.packages = RowTableModel([
            Column("period", self.tr("月份")), Column("unit", self.tr("单位")), Column("version", self.tr("版本")),
            Column("state", self.tr("版本状态")), Column("ack", self.tr("审核")), Column("signed", self.tr("上报日期")),
            Column("comments", self.tr("退回意见"))])
        self.package_view = QTableView()
        self.package_view.setModel(self.packages)
        self.package_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log = RowTableModel([
            Column("time", self.tr("时间")), Column("outcome", self.tr("结果")), Column("unit", self.tr("单位")),
            Column("period", self.tr("月份")), Column("version", self.tr("版本")), Column("message", self.tr("导入摘要"))])
        self.log_view = QTableView()
        self.log_view.setModel(self.log)
        self.log_view.setWordWrap(True)
        split.addWidget(self.package_view)
        split.addWidget(self.log_view)
        layout.addWidget(split, 1)

        self.scan_button.clicked.connect(self.scan_now)
        self.files_button.clicked.connect(self._choose_files)
        self.accept_button.clicked.connect(lambda: self._ack("accepted"))
        self.return_button.clicked.connect(lambda: self._ack("returned"))
        self.timer = QTimer(self)
        self.timer.setInterval(SCAN_INTERVAL_MS)
        self.timer.timeout.connect(self.scan_in_background)
        self.auto.toggled.connect(lambda on: self.timer.start() if on else self.timer.stop())
        self.timer.start()

    def refresh(self) -> None:
        super().refresh()
        self.packages.set_rows(self.ctx.read(_package_rows))
        self.log.set_rows(_log_rows(self.ctx.store))
        self.package_view.resizeColumnsToContents()

    # importing
    def _job(self, paths: list[Path] | None) -> Job:
        keys, store, folders = self.ctx.keys(), self.ctx.store, self.ctx.folders

        def work(control):
            return importer.import_paths(store, paths or [folders.inbox], keys=keys, folders=folders,
                                         progress=lambda i, n, _s: control.progress(i, n),
                                         cancelled=lambda: control.cancelled)

        return Job(self.tr("正在导入上报包…"), work, self)

    def import_paths(self, paths: list[Path] | None = None) -> list[importer.ImportSummary]:
        """Import with a progress dialog (cancellable); the summaries are shown and returned."""
        try:
            outcome, value = run_job(self._job(paths), self)
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
        if self._background is not None and self._background.is_running():
            return
        try:
            self._background = self._job(None)
        except QmsError:
            return  # no keys unlocked yet: the timer waits for the first manual scan
        self._background.succeeded.connect(self._show)
        self._background.start()

    def _show(self, summaries: list) -> None:
        self.last_summaries = list(summaries)
        if summaries:
            counts = {k: sum(s.outcome == k for s in summaries) for k in ("applied", "unchanged", "kept", "held", "refused")}
            self.summary_label.setText(self.tr("本次处理 %1 个文件：导入 %2，未变 %3，旧版本 %4，待确认密钥 %5，拒绝 %6（已移入隔离区）。")
                                       .replace("%1", str(len(summaries))).replace("%2", str(counts["applied"]))
                                       .replace("%3", str(counts["unchanged"])).replace("%4", str(counts["kept"]))
                                       .replace("%5", str(counts["held"])).replace("%6", str(counts["refused"])))
            self.ctx.changed.emit("imports")
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
        keys, folders = self.ctx.keys(), self.ctx.folders
        from qmsdesk.office.models import OfficePackage

        return self.ctx.write(lambda s: acks.acknowledge(s, s.get(OfficePackage, package_id), status, comments,
                                                         keys=keys, folders=folders), area="acks")

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
