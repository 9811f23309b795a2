"""导出本月报表 and 打印 from the window: the month's workbook and PDF built on the database worker with progress,
then saved to a folder or sent to a printer.

Printing renders the PDF's pages (QtPdf) onto the printer the user chose, so what is printed is exactly the
PDF a submission carries. `print_pdf` is the one place that does it; the group's binder print (another
module) can reuse it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, QStandardPaths, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QWidget

from qmsdesk.periods import Period
from qmsdesk.ui import messages
from qmsdesk.ui.jobs import run_job
from qmsdesk.ui.operations import DataContext

PRINT_DPI = 200  # sharp enough for small Chinese print, small enough to render an A4 page in a moment


def default_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )


def export_month_report(
    ctx: DataContext, period: Period, parent: QWidget | None = None, folder: Path | None = None
) -> Any:
    """Ask for a folder (unless given), write the month's .xlsx and .pdf there; the files written, or None."""
    from qmsdesk.services.month_export import export_month_reports

    if folder is None:
        name = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("month_report", "选择保存报表的文件夹"), default_folder()
        )
        if not name:
            return None
        folder = Path(name)
    title = QCoreApplication.translate("month_report", "正在生成 %1 的月度报表…").replace(
        "%1", period.label()
    )
    job = ctx.job(title, lambda control: ctx.transaction(export_month_reports, period, folder), parent)
    outcome, value = run_job(job, parent)
    if outcome == "failed":
        messages.error(parent, QCoreApplication.translate("month_report", "无法导出报表"), value)
        return None
    if outcome != "ok":
        return None
    messages.info(
        parent,
        QCoreApplication.translate("month_report", "报表已导出"),
        QCoreApplication.translate("month_report", "已保存：\n%1\n%2")
        .replace("%1", str(value.workbook))
        .replace("%2", str(value.pdf)),
    )
    return value


def month_pdf(ctx: DataContext, period: Period, parent: QWidget | None = None) -> bytes | None:
    """The month's PDF report, built on the worker with progress; None if it failed (said) or was cancelled."""
    from qmsdesk.services.month_export import month_report_pdf

    title = QCoreApplication.translate("month_report", "正在生成 %1 的月度报表…").replace(
        "%1", period.label()
    )
    outcome, value = run_job(
        ctx.job(title, lambda control: ctx.transaction(month_report_pdf, period), parent), parent
    )
    if outcome == "failed":
        messages.error(parent, QCoreApplication.translate("month_report", "无法生成报表"), value)
    return value if outcome == "ok" else None


def print_month_report(ctx: DataContext, period: Period, parent: QWidget | None = None) -> bool:
    """打印: the month's PDF report on a printer the user chooses."""
    pdf = month_pdf(ctx, period, parent)
    return pdf is not None and print_pdf(
        pdf, parent, QCoreApplication.translate("month_report", "%1 质控月报").replace("%1", str(period))
    )


def print_pdf(pdf: bytes, parent: QWidget | None = None, title: str = "", printer: Any = None) -> bool:
    """Print a PDF: the print dialog (unless a `printer` is given), then every page drawn on the printer."""
    import tempfile

    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("month_report", "打印"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    with tempfile.TemporaryDirectory(prefix="qmsdesk-print-") as work:
        source = Path(work) / "report.pdf"
        source.write_bytes(pdf)
        document = QPdfDocument(parent)
        document.load(str(source))
        try:
            return _draw_pages(document, printer)
        finally:
            document.close()


def _draw_pages(document, printer) -> bool:
    """Each page rendered at PRINT_DPI and scaled into the printable area (the painter starts at its corner)."""
    painter = QPainter()
    if not painter.begin(printer):
        messages.error(
            None,
            QCoreApplication.translate("month_report", "无法打印"),
            QCoreApplication.translate("month_report", "打印机没有响应。请检查打印机是否已连接并开机。"),
        )
        return False
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution()).size()
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(
                index, QSize(int(points.width() / 72 * PRINT_DPI), int(points.height() / 72 * PRINT_DPI))
            )
            painter.drawImage(
                0,
                0,
                image.scaled(
                    image.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio),
                    mode=Qt.TransformationMode.SmoothTransformation,
                ),
            )
    finally:
        painter.end()
    return True
