"""导入 dialogs of the staff, group and training pages: choose a sheet, see the dry run, answer, import.

The dialog never writes on its own: the dry run (`services.imports.preview_import`) and the import
(`run_import`) are operations on the database worker; the dry run's writes are rolled back inside it.
What the user sees is the preview: how many people or rows would be added, updated or left unchanged,
one line per row with what changes, every problem by row and column, and a chooser for each name that
fits more than one person. 导入 is enabled only when nothing is refused and every question is answered.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.services import imports
from qmsdesk.ui import messages
from qmsdesk.ui.operations import DataContext

ERROR_STYLE = "color: #b00020;"


def import_title(kind: str) -> str:
    return {
        imports.STAFF: QCoreApplication.translate("imports", "导入人员名单"),
        imports.GROUP: QCoreApplication.translate("imports", "导入质控小组成员"),
        imports.ATTENDANCE: QCoreApplication.translate("imports", "导入培训签到表"),
        imports.SCORES: QCoreApplication.translate("imports", "导入考核成绩"),
    }[kind]


def _intro(kind: str) -> str:
    return {
        imports.STAFF: QCoreApplication.translate(
            "imports", "从护理部或人事科的 Excel 名单导入（.xlsx 或 .csv）。按工号匹配已有人员：工号相同就更新，"
                       "新的工号会新增人员；名单中没有的人员不受影响。"),
        imports.GROUP: QCoreApplication.translate(
            "imports", "成员须已在人员名单中（先导入人员名单）。每行写明姓名或工号、小组角色和起始日期。"),
        imports.ATTENDANCE: QCoreApplication.translate(
            "imports", "签到表上的每个人记为出席；“出勤”列可写 出席、缺席 或 请假。已记录但不在表中的人保持不变。"),
        imports.SCORES: QCoreApplication.translate(
            "imports", "考试平台或问卷星导出的成绩表可以直接导入。同一考核此前未通过的再次考核自动记为补考。"),
    }[kind]


class ImportDialog(QDialog):
    """One import of one sheet: file, template, dry-run preview, questions, then all rows or none."""

    def __init__(self, ctx: DataContext, kind: str, parent: QWidget | None = None, *,
                 training_id: uuid.UUID | None = None, training_label: str | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind, self.training_id = ctx, kind, training_id
        self.setObjectName(f"dlg-import-{kind}")
        self.setWindowTitle(import_title(kind))
        self.path: Path | None = None
        self.preview: Any = None  # services.import_preview.ImportPreview of the chosen file
        self.answers: dict[int, str] = {}
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(_intro(kind))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if training_label:
            which = QLabel(self.tr("培训：%1").replace("%1", training_label))
            which.setObjectName("training")
            which.setStyleSheet("font-weight: bold;")
            layout.addWidget(which)
        layout.addLayout(self._file_row())
        self.summary = QLabel(self.tr("请先选择要导入的文件；导入前会先试运行，不会写入任何数据。"))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.questions_box = QGroupBox(self.tr("请确认是哪一位人员"))
        self.questions_form = QFormLayout(self.questions_box)
        self.questions_box.hide()
        layout.addWidget(self.questions_box)
        self.tabs = QTabWidget()
        self.rows_table = self._table([self.tr("行"), self.tr("结果"), self.tr("人员或记录"), self.tr("变化")])
        self.problems_table = self._table([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.tabs.addTab(self.rows_table, self.tr("将导入的行"))
        self.tabs.addTab(self.problems_table, self.tr("问题"))
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("do-import")
        self.import_button.setEnabled(False)
        close = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        self.import_button.clicked.connect(self.do_import)
        close.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(820, 560)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("（未选择文件）"))
        self.file_label.setObjectName("file")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("选择文件…"))
        choose.setObjectName("choose-file")
        choose.clicked.connect(self._choose_file)
        template = QPushButton(self.tr("下载导入模板…"))
        template.setObjectName("template")
        template.clicked.connect(self._save_template)
        row.addWidget(QLabel(self.tr("文件：")))
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        row.addWidget(template)
        return row

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # --- file and template -------------------------------------------------------------------------
    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的表格"), "",
                                              self.tr("表格文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)"))
        if name:
            self.choose_file(Path(name))

    def choose_file(self, path: Path) -> None:
        """Use `path` and show its dry run (answers given for another file are forgotten)."""
        self.path = Path(path)
        self.answers = {}
        self.file_label.setText(str(self.path))
        self.refresh_preview()

    def _save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入模板"), imports.TEMPLATE_NAMES[self.kind],
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> Path | None:
        from qmsdesk.errors import QmsError

        try:
            written = imports.write_import_template(self.kind, path)
        except (QmsError, OSError) as exc:
            messages.error(self, self.tr("无法保存模板"), str(exc))
            return None
        messages.info(self, self.tr("模板已保存"),
                      self.tr("模板已保存到 %1。\n按表头填写（示例行请删除）后，回到这里选择该文件导入。")
                      .replace("%1", str(written)))
        return written

    # --- the dry run -------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        from qmsdesk.errors import QmsError

        if self.path is None:
            return
        try:
            self.preview = self.ctx.write(imports.preview_import, self.kind, self.path, dict(self.answers),
                                          self.training_id)
        except QmsError as exc:
            self.preview = None
            self.summary.setText(str(exc))
            self.summary.setStyleSheet(ERROR_STYLE)
            self.import_button.setEnabled(False)
            return
        self._show_preview()

    def _show_preview(self) -> None:
        p = self.preview
        self.summary.setText(p.summary())
        self.summary.setStyleSheet(("" if p.ready else ERROR_STYLE) + "font-weight: bold;")
        self._fill_rows(p.rows)
        self._fill_problems(p.problems)
        self._show_questions(p.questions)
        self.tabs.setTabText(0, self.tr("将导入的行（%1）").replace("%1", str(len(p.rows))))
        self.tabs.setTabText(1, self.tr("问题（%1）").replace("%1", str(len(p.problems))))
        if p.problems:
            self.tabs.setCurrentIndex(1)
        self.import_button.setEnabled(p.ready and p.added + p.updated > 0)

    def action_text(self, action: str) -> str:
        return {"add": self.tr("新增"), "update": self.tr("更新"), "unchanged": self.tr("未变")}.get(action, action)

    def _fill_rows(self, rows) -> None:
        self.rows_table.setRowCount(len(rows))
        colours = {"add": "#e6f4ea", "update": "#fff4d6"}
        for i, r in enumerate(rows):
            changes = "；".join(f"{c.column}：{c.old or '—'} → {c.new or '—'}" for c in r.changes)
            for col, text in enumerate((str(r.row), self.action_text(r.action), r.subject, changes)):
                item = QTableWidgetItem(text)
                if r.action in colours and col == 1:
                    item.setBackground(QColor(colours[r.action]))
                self.rows_table.setItem(i, col, item)
        self.rows_table.resizeRowsToContents()

    def _fill_problems(self, problems) -> None:
        self.problems_table.setRowCount(len(problems))
        for i, p in enumerate(problems):
            where = str(p.row) if p.row else self.tr("整个文件")
            for col, text in enumerate((where, p.column_label or "", p.message)):
                self.problems_table.setItem(i, col, QTableWidgetItem(text))
        self.problems_table.resizeRowsToContents()

    def _show_questions(self, questions) -> None:
        while self.questions_form.rowCount():
            self.questions_form.removeRow(0)
        self.question_boxes: dict[int, QComboBox] = {}
        for q in questions:
            box = QComboBox()
            box.setObjectName(f"question-{q.row}")
            box.addItem(self.tr("请选择…"), None)
            for choice in q.choices:
                box.addItem(choice.label, choice.value)
            box.currentIndexChanged.connect(lambda _i, row=q.row, b=box: self.answer(row, b.currentData()))
            label = QLabel(q.prompt)
            label.setWordWrap(True)
            self.questions_form.addRow(label, box)
            self.question_boxes[q.row] = box
        self.questions_box.setVisible(bool(questions))

    def answer(self, row: int, value: str | None) -> None:
        """The user chose who row `row` means: the dry run runs again with the answer."""
        if value is None:
            return
        self.answers[row] = value
        # After this signal returns: the new dry run rebuilds the question choosers, this one included.
        QTimer.singleShot(0, self.refresh_preview)

    # --- the import ----------------------------------------------------------------------------------
    def do_import(self) -> bool:
        """Import every row or none; a refusal (someone changed the data meanwhile) shows the new dry run."""
        from qmsdesk.errors import QmsError

        if self.path is None or self.preview is None or not self.preview.ready:
            return False
        try:
            self.result_value = self.ctx.write(imports.run_import, self.kind, self.path, dict(self.answers),
                                               self.training_id)
        except QmsError as exc:
            messages.error(self, self.tr("没有导入"), str(exc))
            self.refresh_preview()
            return False
        messages.info(self, self.tr("导入完成"), self.result_value.summary())
        self.accept()
        return True


def import_dialog(ctx: DataContext, kind: str, parent: QWidget | None = None, *, training_id=None,
                  training_label: str | None = None) -> ImportDialog:
    return ImportDialog(ctx, kind, parent, training_id=training_id, training_label=training_label)


class SheetImports:
    """A list page that imports its records from a sheet (人员, 质控小组): an import button after its own
    buttons, enabled while a database is open, and the dialog in the self-test's list."""

    import_kind = ""  # services.imports key

    def add_import_button(self, text: str) -> None:
        self.import_button = QPushButton(text)
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(lambda: self.import_form().exec())
        self.add_buttons(self.import_button)
        self._update_buttons()

    def import_form(self) -> ImportDialog:
        return import_dialog(self.ctx, self.import_kind, self)

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "import_button"):
            self.import_button.setEnabled(self.ctx.is_open)

    def dialogs(self):
        found = super().dialogs()
        found["import"] = self.import_form
        return found
