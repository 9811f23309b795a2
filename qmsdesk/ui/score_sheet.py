"""逐项评分: one inspection's checklist filled item by item, the score computed as it is filled.

Each item of the checklist version the inspection uses is a row: what is checked and its deduction rule,
its 标准分, then what the inspector found — sample size and failures, 扣分 (at most the rule's cap; filled
from failures × points per instance when the rule counts instances), 扣分原因, 不适用, an attachment path.
The score at the top is the domain's `InspectionScore` recomputed from the rows on every change (标准分 −
扣分, a percentage when the applicable points are not 100); it is a label, so nobody can type a score.
Saving is one operation (`scoring.score_items`) on the database worker; a refusal keeps the dialog open
with each item's problem listed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.inspections import InspectionScore, ItemScore, points_text
from qmsdesk.db.enums import CheckMethod
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.services import scoring
from qmsdesk.ui.forms import error_label, save_cancel
from qmsdesk.ui.pages.base import label_of

CODE, TEXT, STANDARD, METHOD, SAMPLE, FAILURES, DEDUCTION, REASON, NA, ATTACHMENT = range(10)
DEDUCTED = QColor("#fde2e1")


class _ItemRow:
    """The input widgets of one checklist item."""

    def __init__(self, item: ItemScore) -> None:
        self.item = item
        self.sample = QSpinBox()
        self.sample.setRange(0, 9999)
        self.sample.setSpecialValueText("—")  # 0 shows as "not recorded"
        self.sample.setValue(item.sample_size or 0)
        self.failures = QSpinBox()
        self.failures.setRange(0, 9999)
        self.failures.setValue(item.failures or 0)
        self.deduction = QDoubleSpinBox()
        self.deduction.setDecimals(1)
        self.deduction.setSingleStep(item.deduct_per or 0.5)
        self.deduction.setRange(0.0, item.cap)  # the rule's cap: more cannot be entered
        self.deduction.setValue(item.deduction)
        self.reason = QLineEdit(item.reason or "")
        self.not_applicable = QCheckBox()
        self.not_applicable.setChecked(item.not_applicable)
        self.attachment = QLineEdit(item.attachment or "")
        for w, name in ((self.sample, "sample"), (self.failures, "failures"), (self.deduction, "deduction"),
                        (self.reason, "reason"), (self.not_applicable, "na"), (self.attachment, "attachment")):
            w.setObjectName(f"{name}-{item.code}")

    def entry(self) -> dict[str, Any]:
        sample = self.sample.value() or None
        failures = self.failures.value()
        return {"item": self.item.code, "deduction": self.deduction.value(), "sample_size": sample,
                "failures": failures if failures or sample else None, "reason": self.reason.text(),
                "not_applicable": self.not_applicable.isChecked(), "attachment": self.attachment.text()}


class ScoreSheetDialog(QDialog):
    """Fill one inspection's checklist; `save` stores it through the context's database worker."""

    def __init__(self, ctx, inspection_id: Any, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        self.sheet: InspectionScore = ctx.read(scoring.score_sheet, inspection_id)
        self.setObjectName("dlg-inspections-score")
        self.setWindowTitle(self.tr("逐项评分 — %1").replace("%1", self.sheet.template_name))
        self.resize(1240, 720)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("%1　检查评分表：%2（%3 版，标准分 %4 分）").replace("%1", heading)
                       .replace("%2", self.sheet.template_name).replace("%3", self.sheet.template_version)
                       .replace("%4", points_text(self.sheet.template_total)))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.score_label = QLabel()
        self.score_label.setObjectName("computed-score")
        font = QFont(self.score_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.score_label.setFont(font)
        self.score_label.setToolTip(self.tr("得分由各项标准分减扣分自动计算，不能手工填写。"))
        layout.addWidget(self.score_label)
        hint = QLabel(self.tr("按处扣分的项目填写不合格数后自动计算扣分（不超过该项最多扣分），可再调整；"
                              "有扣分的项目须写明扣分原因。不适用的项目不计入总分。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = save_cancel(self, self.tr("保存"), self.tr("取消"), self.save)
        layout.addWidget(self.buttons)
        self.update_score()

    # --- the table --------------------------------------------------------------------------------
    def _build_table(self) -> QTableWidget:
        headers = [self.tr("编号"), self.tr("检查内容及扣分标准"), self.tr("标准分"), self.tr("检查方法"),
                   self.tr("抽查数"), self.tr("不合格数"), self.tr("扣分"), self.tr("扣分原因"), self.tr("不适用"),
                   self.tr("附件（照片等）")]
        sections = list(dict.fromkeys(i.section for i in self.sheet.items))
        table = QTableWidget(len(self.sheet.items) + len(sections), len(headers))
        table.setObjectName("score-items")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows: list[_ItemRow] = []
        r = 0
        for section in sections:
            head = QTableWidgetItem(section)
            bold = QFont(head.font())
            bold.setBold(True)
            head.setFont(bold)
            table.setItem(r, 0, head)
            table.setSpan(r, 0, 1, len(headers))
            r += 1
            for item in (i for i in self.sheet.items if i.section == section):
                self._add_row(table, r, item)
                r += 1
        for col, width in ((CODE, 74), (TEXT, 370), (STANDARD, 56), (METHOD, 86), (SAMPLE, 64), (FAILURES, 70),
                           (DEDUCTION, 70), (REASON, 220), (NA, 52), (ATTACHMENT, 150)):
            table.setColumnWidth(col, width)
        table.horizontalHeader().setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return table

    def _add_row(self, table: QTableWidget, r: int, item: ItemScore) -> None:
        row = _ItemRow(item)
        self.rows.append(row)
        method = label_of(CheckMethod, item.method)
        if item.method == CheckMethod.SAMPLE and item.planned_sample:
            method = self.tr("%1 %2 份").replace("%1", method).replace("%2", str(item.planned_sample))
        rule = self.tr("扣分标准：%1").replace("%1", item.rule)
        cells = {CODE: item.code, TEXT: f"{item.text}\n{rule}",
                 STANDARD: points_text(item.standard), METHOD: method}
        for col, text in cells.items():
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if col == STANDARD:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, col, cell)
        attachment = QWidget()
        line = QHBoxLayout(attachment)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(row.attachment, 1)
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(self.tr("选择照片或文件"))
        browse.clicked.connect(lambda: self._choose_file(row))
        line.addWidget(browse)
        for col, w in ((SAMPLE, row.sample), (FAILURES, row.failures), (DEDUCTION, row.deduction), (REASON, row.reason),
                       (NA, row.not_applicable), (ATTACHMENT, attachment)):
            table.setCellWidget(r, col, w)
        row.deduction.setToolTip(self.tr("最多扣 %1 分").replace("%1", points_text(item.cap)))
        row.failures.valueChanged.connect(lambda _v: self._failures_changed(row))
        row.deduction.valueChanged.connect(lambda _v: self._changed(table, r, row))
        row.not_applicable.toggled.connect(lambda _v: self._changed(table, r, row))
        self._mark(table, r, row)

    def _changed(self, table: QTableWidget, r: int, row: _ItemRow) -> None:
        self._mark(table, r, row)
        self.update_score()

    @staticmethod
    def _mark(table: QTableWidget, r: int, row: _ItemRow) -> None:
        """A deducted item's code and text on a light red ground, so the sheet shows where points were lost."""
        lost = row.deduction.value() > 0 and not row.not_applicable.isChecked()
        for col in (CODE, TEXT):
            table.item(r, col).setBackground(DEDUCTED if lost else QBrush())

    def _choose_file(self, row: _ItemRow) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择附件"), row.attachment.text())
        if path:
            row.attachment.setText(path)

    def _failures_changed(self, row: _ItemRow) -> None:
        suggested = scoring.deduction_for(row.failures.value(), row.item.deduct_per, row.item.cap)
        if suggested is not None:
            row.deduction.setValue(suggested)
        self.update_score()

    # --- the score --------------------------------------------------------------------------------
    def current(self) -> InspectionScore:
        """The sheet as now entered, scored by the domain's own rules."""
        by_code = {r.item.code: r for r in self.rows}
        items = tuple(dataclasses.replace(i, deduction=by_code[i.code].deduction.value(),
                                          not_applicable=by_code[i.code].not_applicable.isChecked())
                      for i in self.sheet.items)
        return dataclasses.replace(self.sheet, items=items)

    def score_text(self, score: InspectionScore) -> str:
        if score.out_of_100:
            return self.tr("得分：%1 分（标准分 100 分，扣 %2 分）").replace("%1", points_text(score.points)).replace(
                "%2", points_text(score.deducted))
        if score.percent is None:
            return self.tr("得分：—（所有项目均不适用）")
        return (self.tr("得分：%1%（%2 / %3 分，扣 %4 分）").replace("%1", f"{score.percent:.1f}")
                .replace("%2", points_text(score.points)).replace("%3", points_text(score.applicable_total))
                .replace("%4", points_text(score.deducted)))

    def update_score(self) -> None:
        self.score_label.setText(self.score_text(self.current()))

    # --- saving -----------------------------------------------------------------------------------
    def entries(self) -> list[dict[str, Any]]:
        """Every item, deducted or not: saving the sheet records that each item was checked."""
        return [r.entry() for r in self.rows]

    def save(self) -> bool:
        try:
            self.ctx.write(scoring.score_items, self.inspection_id, self.entries())
        except ValidationError as exc:
            self.show_errors([e.message for e in exc.errors])
            return False
        except QmsError as exc:
            self.show_errors([str(exc)])
            return False
        self.accept()
        return True

    def show_errors(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.show()
