"""打印质控记录本 from the window: choose the year or a quarter, choose where, lay the binder out off the GUI
thread with its steps shown, save the PDF whole, offer to open its folder.

`print_binder(parent, ctx)` is the one entry point: the analysis page's button calls it, and the menus
(文件→打印) call it too. The binder only reads the database (reports/binder.py `write_binder`), so it runs
on a thread of its own and never holds up a save queued on the database worker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from qmsdesk.clock import today
from qmsdesk.spans import Span
from qmsdesk.ui import messages, printing
from qmsdesk.ui.jobs import Job, JobControl, run_job
from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.printing import Steps, offer_folder


def binder_spans(on: date) -> list[Span]:
    """This year and last year, each followed by its quarters that have begun; the newest first."""
    out = []
    for year in (on.year, on.year - 1):
        out.append(Span(year))
        out += [Span(year, q) for q in range(4, 0, -1) if Span(year, q).first_day <= on]
    return out


class BinderDialog(QDialog):
    """Which span to print: a year (the whole binder) or one quarter."""

    def __init__(self, parent: QWidget | None = None, span: Span | None = None, on: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-binder")
        self.setWindowTitle(self.tr("打印质控记录本"))
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("生成一个 PDF：封面、目录、月度工作一览，以及小组成员及职责、年度计划、月度会议记录、培训与考核、"
                                 "质量指标监测与分析、检查督查、不良事件与分析、整改台账、持续改进案例、季度分析和年度总结。"
                                 "病历号只显示部分数字。"))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.span_box = QComboBox()
        self.span_box.setObjectName("binder-span")
        for s in binder_spans(on or today()):
            self.span_box.addItem(self.span_text(s), str(s))
        if span is not None:
            self.span_box.setCurrentIndex(max(self.span_box.findData(str(span)), 0))
        form.addRow(self.tr("打印范围"), self.span_box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选择保存位置并打印…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def span_text(self, span: Span) -> str:
        return span_text(span)

    def span(self) -> Span:
        return Span.parse(self.span_box.currentData())


def span_text(span: Span) -> str:
    """"2026 年第三季度" / "2026 年全年" in the window's language."""
    if span.is_year:
        text = QCoreApplication.translate("binder", "%1 年全年")
    else:
        text = (QCoreApplication.translate("binder", "%1 年第一季度"), QCoreApplication.translate("binder", "%1 年第二季度"),
                QCoreApplication.translate("binder", "%1 年第三季度"),
                QCoreApplication.translate("binder", "%1 年第四季度"))[span.quarter - 1]
    return text.replace("%1", str(span.year))


def file_name(span: Span) -> str:
    return f"科室质量与安全管理记录本_{span.label_zh}.pdf"


def write_binder_file(parent: QWidget | None, ctx: DataContext, span: Span, path: Path) -> Path | None:
    """Lay the binder out on a thread of its own behind a progress dialog naming each section; the path written."""
    from qmsdesk.reports.binder import write_binder

    steps = Steps()

    def work(control: JobControl):
        def progress(step: int, total: int, label: str) -> None:
            control.progress(step, total)  # raises JobCancelled after Cancel: the file is never written
            steps.text.emit(label)

        return ctx.read(write_binder, span, path, progress=progress)

    job = Job(QCoreApplication.translate("binder", "正在生成质控记录本…"), work, parent)
    outcome, value = run_job(job, parent, steps.text)
    if outcome == "failed":
        messages.error(parent, QCoreApplication.translate("binder", "记录本未生成"), value)
        return None
    return value.path if outcome == "ok" else None


def print_binder(parent: QWidget | None, ctx: DataContext, span: Span | None = None,
                 on: date | None = None) -> Path | None:
    """The whole action: ask the span, ask the file, build with progress, offer the folder; the path written."""
    dialog = BinderDialog(parent, span, on)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.span()
    path = printing.ask_save_path(parent, dialog.windowTitle(), file_name(chosen))  # through the module: tests answer it
    if path is None:
        return None
    written = write_binder_file(parent, ctx, chosen, path)
    if written is not None:
        what = QCoreApplication.translate("binder", "质控记录本（%1）已生成。").replace("%1", span_text(chosen))
        offer_folder(parent, written, what)
    return written
