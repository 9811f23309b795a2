"""检查评分表 page: the checklist templates in the database, their items, the ward's revisions, import and export.

The left list shows every template (the versions in use, or every version), the right side the chosen
version's items by section with 标准分, 检查方法, the deduction rule and its cap. 修订 opens the version in
an editor and saves the edit as a new version (services/checklists.revise_from_values): a version an
inspection was scored against never changes. 导入 and 导出 read and write the same .toml files as
`qmsdesk checklists import|export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.inspections import points_text
from qmsdesk.db.enums import CheckMethod
from qmsdesk.errors import QmsError
from qmsdesk.services import checklists
from qmsdesk.ui import messages
from qmsdesk.ui.checklist_editor import ChecklistEditor
from qmsdesk.ui.pages.base import Page, as_dicts, label_of
from qmsdesk.ui.table_model import CENTER, RIGHT, Column, RowTableModel


class ChecklistsPage(Page):
    key = "checklists"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        intro = QLabel(self.tr("检查评分表是逐项评分的依据。修订会生成新版本并启用；已用于检查的版本保持不变，"
                               "旧检查仍按当时的版本计分。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bar = QHBoxLayout()
        self.all_versions = QCheckBox(self.tr("显示历史版本"))
        self.all_versions.toggled.connect(lambda _v: self.refresh())
        self.revise_button = QPushButton(self.tr("修订（生成新版本）…"))
        self.revise_button.setObjectName("revise")
        self.import_button = QPushButton(self.tr("导入评分表文件…"))
        self.import_button.setObjectName("import")
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("export")
        for w in (self.revise_button, self.import_button, self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.all_versions)
        layout.addLayout(bar)
        self.revise_button.clicked.connect(self.revise_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_selected)
        split = QSplitter(Qt.Orientation.Vertical)  # the items need the width: their text and rule are long
        split.addWidget(self._templates_table())
        split.addWidget(self._items_panel())
        split.setStretchFactor(1, 3)
        split.setSizes([250, 750])
        layout.addWidget(split, 1)

    def _templates_table(self) -> QTableView:
        self.model = RowTableModel([
            Column("name", self.tr("评分表"), width=340, free_text=True),
            Column("version", self.tr("版本"), width=70),
            Column("origin", self.tr("来源"), fmt=self._origin_text, width=70),
            Column("active", self.tr("使用中"), fmt=lambda v: self.tr("是") if v else "", align=CENTER, width=50),
            Column("used", self.tr("已用于检查"), align=RIGHT, width=70),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("templates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        for col, width in enumerate((340, 90, 100, 70, 90)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_items())
        return self.table

    def _items_panel(self) -> QWidget:
        panel = QWidget()
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(0, 0, 0, 0)
        self.about = QLabel()
        self.about.setObjectName("template-about")
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.about)
        self.items_model = RowTableModel([
            Column("section", self.tr("项目"), width=110, free_text=True),
            Column("code", self.tr("编号"), width=70),
            Column("text", self.tr("检查内容及扣分标准"), getter=self._item_text, width=420, free_text=True),
            Column("standard", self.tr("标准分"), fmt=points_text, align=RIGHT, width=56),
            Column("method", self.tr("检查方法"), getter=self._method_text, width=90),
            Column("cap", self.tr("最多扣分"), fmt=points_text, align=RIGHT, width=64),
        ], self)
        self.items = QTableView()
        self.items.setObjectName("template-items")
        self.items.setModel(self.items_model)
        self.items.verticalHeader().setVisible(False)
        self.items.setWordWrap(True)
        for col, width in enumerate((110, 70, 420, 56, 90, 64)):
            self.items.setColumnWidth(col, width)
        self.items.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        inner.addWidget(self.items, 1)
        return panel

    def _origin_text(self, origin: object) -> str:
        return self.tr("程序自带") if origin == checklists.SHIPPED else self.tr("本科修订")

    def _item_text(self, row: dict[str, Any]) -> str:
        return row["text"] + "\n" + self.tr("扣分标准：%1").replace("%1", row["rule"])

    def _method_text(self, row: dict[str, Any]) -> str:
        method = label_of(CheckMethod, row["method"])
        if row.get("sample"):
            return self.tr("%1 %2 份").replace("%1", method).replace("%2", str(row["sample"]))
        return method

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        keep = self.selected_template()
        rows = as_dicts(self.ctx.read(checklists.template_rows, all_versions=self.all_versions.isChecked()))
        self.model.set_rows(rows)
        self.select_template(keep["id"] if keep else None)
        self.show_items()

    def select_template(self, template_id: Any) -> None:
        index = next((i for i in range(self.model.rowCount()) if self.model.row_at(i)["id"] == template_id), 0)
        if self.model.rowCount():
            self.table.selectRow(index)

    def selected_template(self) -> dict[str, Any] | None:
        if not hasattr(self, "table") or self.table.selectionModel() is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_items(self) -> None:
        row = self.selected_template()
        for button in (self.revise_button, self.export_button):
            button.setEnabled(row is not None)
        if row is None:
            self.about.setText(self.tr("没有检查评分表。可导入评分表文件。"))
            self.items_model.set_rows([])
            return
        based = self.tr("，修订自 %1 版").replace("%1", row["based_on"]) if row["based_on"] else ""
        self.about.setText(self.tr("%1（%2）　版本 %3%4　类别：%5　标准分 %6 分，共 %7 项，已用于 %8 次检查")
                           .replace("%1", row["name"]).replace("%2", row["code"]).replace("%3", row["version"])
                           .replace("%4", based).replace("%5", row["category"]).replace("%6", points_text(row["total"]))
                           .replace("%7", str(row["items"])).replace("%8", str(row["used"])))
        self.items_model.set_rows(as_dicts(self.ctx.read(checklists.template_item_rows, row["id"])))
        self.items.resizeRowsToContents()

    # --- actions ----------------------------------------------------------------------------------
    def revise_form(self) -> ChecklistEditor | None:
        row = self.selected_template()
        if row is None:
            return None
        items = self.ctx.read(checklists.template_item_rows, row["id"])
        return ChecklistEditor(self.ctx, row, as_dicts(items), self)

    def revise_selected(self) -> bool:
        dialog = self.revise_form()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.select_template(dialog.result_id)
        return True

    def import_file(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入检查评分表"), "", self.tr("检查评分表文件 (*.toml)"))
        if not path:
            return False
        try:
            new_id = self.ctx.write(checklists.import_template_id, path)
        except QmsError as exc:
            self.report_error(exc)
            return False
        self.select_template(new_id)
        messages.info(self, self.tr("导入完成"), self.tr("已导入并启用：%1").replace("%1", Path(path).name))
        return True

    def export_selected(self, path: str | None = None) -> bool:
        row = self.selected_template()
        if row is None:
            return False
        if not path:
            suggested = f"{row['code']}-{row['version']}.toml"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出检查评分表"), suggested,
                                                  self.tr("检查评分表文件 (*.toml)"))
        if not path:
            return False
        try:
            self.ctx.read(checklists.export_template_file, row["id"], path)
        except QmsError as exc:
            self.report_error(exc)
            return False
        messages.info(self, self.tr("导出完成"), self.tr("已导出到 %1。修改后可用“导入评分表文件”作为新版本导入（须改用新的版本号）。")
                      .replace("%1", path))
        return True

    def dialogs(self):
        return {"revise": self.revise_form}
