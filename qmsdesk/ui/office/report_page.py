"""季度报告: write the quarterly PDF and workbook (off the GUI thread) and show where they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from qmsdesk.office.quarterly import write_quarterly_report
from qmsdesk.periods import Period
from qmsdesk.ui import messages
from qmsdesk.ui.jobs import Job, run_job
from qmsdesk.ui.office.widgets import OfficePage, period_combo, quarter_choices


class ReportPage(OfficePage):
    """Only reads the store (on a thread of its own) and writes files: no database write to queue."""

    key = "office-report"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent, today)
        self.result = None
        layout = self.layout_
        row = QHBoxLayout()
        self.quarter = period_combo(quarter_choices(Period.of(self.today).previous()))
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText(self.tr("报告署名，例如：某县医共体质控办"))
        self.button = QPushButton(self.tr("生成季度报告"))
        for w in (QLabel(self.tr("季度")), self.quarter, self.office_name, self.button):
            row.addWidget(w)
        layout.addLayout(row)
        self.explain = QLabel(self.tr("报告包括：上报完整性与及时性、各单位质量指标与目标及控制图信号、不良事件分类分级、"
                                      "整改销号与超期事项、培训考核，以及需要关注的单位与指标。生成 PDF 与 Excel 两个文件。"))
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开所在文件夹"))
        self.open_button.setEnabled(False)
        layout.addWidget(self.where)
        layout.addWidget(self.open_button)
        layout.addStretch(1)
        self.button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self._open_folder)

    def generate(self):
        store, folder = self.ctx.store, self.ctx.folders.reports
        quarter, name, today = self.quarter.currentText(), self.office_name.text().strip(), self.today
        job = Job(self.tr("正在生成季度报告…"),
                  lambda c: write_quarterly_report(store, quarter, folder, office_name=name, today=today,
                                                   progress=c.progress), self)
        outcome, value = run_job(job, self)
        if outcome != "ok":
            if outcome == "failed":
                messages.error(self, self.tr("报告未生成"), value)
            return None
        self.result = value
        self.where.setText(self.tr("已生成：\n%1\n%2").replace("%1", str(value.pdf)).replace("%2", str(value.xlsx)))
        self.open_button.setEnabled(True)
        return value

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.pdf).parent)))
