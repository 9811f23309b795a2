"""修订检查评分表: the ward's edit of a checklist version, saved as a new version.

Each item is a row of an editable table (项目, 编号, 检查内容, 标准分, 检查方法, 抽查数, 每处扣分, 最多扣分,
扣分标准); rows can be added and removed. The total is the sum of the items' 标准分, shown as it changes.
Saving is one operation (`checklists.revise_from_values`), which validates the edit exactly like a template
file and refuses a version number already used.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.inspections import points_text
from qmsdesk.db.enums import CheckMethod
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.services import checklists
from qmsdesk.ui.forms import error_label, save_cancel

KEYS = ("section", "code", "text", "standard", "method", "sample", "per", "cap", "rule")
NUMBERS = {"standard": float, "sample": int, "per": float, "cap": float}
METHOD = KEYS.index("method")


def _number(text: str, kind: type) -> Any:
    """A typed number, or the text itself so that validation names the item whose number is wrong."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if kind is int and value.is_integer() else value


class ChecklistEditor(QDialog):
    def __init__(self, ctx, template: dict[str, Any], items: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.template = template
        self.result_id: Any = None
        self.setObjectName("dlg-checklists-revise")
        self.setWindowTitle(self.tr("修订检查评分表 — %1").replace("%1", template["name"]))
        self.resize(1240, 700)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(template["name"])
        self.version = QLineEdit(self.tr("%1-本科1").replace("%1", template["version"]))
        self.version.setObjectName("version")
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("新版本号 *"), self.version)
        layout.addLayout(form)
        hint = QLabel(self.tr("保存后生成新版本并启用；原版本 %1 保留，已用它评分的检查不受影响。").replace("%1", template["version"]))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(KEYS))
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels([self.tr("项目"), self.tr("编号"), self.tr("检查内容"), self.tr("标准分"),
                                              self.tr("检查方法"), self.tr("抽查数"), self.tr("每处扣分"),
                                              self.tr("最多扣分"), self.tr("扣分标准")])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for col, width in enumerate((110, 72, 320, 60, 100, 60, 70, 70, 330)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(len(KEYS) - 1, QHeaderView.ResizeMode.Stretch)
        for item in items:
            self.add_row(item)
        self.table.resizeRowsToContents()
        self.table.itemChanged.connect(lambda _i: self.update_total())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        add, remove = QPushButton(self.tr("增加项目")), QPushButton(self.tr("删除所选项目"))
        add.clicked.connect(lambda: self.add_row({"section": self._current_section(), "method": CheckMethod.VIEW.value}))
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("total")
        row.addWidget(self.total)
        layout.addLayout(row)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = save_cancel(self, self.tr("保存为新版本"), self.tr("取消"), self.save)
        layout.addWidget(self.buttons)
        self.update_total()

    def add_row(self, item: dict[str, Any]) -> None:
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        for col, key in enumerate(KEYS):
            value = item.get(key)
            if key == "method":
                combo = QComboBox()
                for code, label in CheckMethod.choices():
                    combo.addItem(label, code)
                combo.setCurrentIndex(max(combo.findData(value), 0))
                self.table.setCellWidget(r, col, combo)
                continue
            text = points_text(value) if key in NUMBERS and isinstance(value, float) else ("" if value is None else str(value))
            self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.blockSignals(False)
        if hasattr(self, "total"):
            self.update_total()

    def _current_section(self) -> str:
        r = self.table.currentRow() if self.table.currentRow() >= 0 else self.table.rowCount() - 1
        cell = self.table.item(r, 0) if r >= 0 else None
        return cell.text() if cell else ""

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        self.update_total()

    def items(self) -> list[dict[str, Any]]:
        out = []
        for r in range(self.table.rowCount()):
            item: dict[str, Any] = {}
            for col, key in enumerate(KEYS):
                if key == "method":
                    item[key] = self.table.cellWidget(r, col).currentData()
                    continue
                cell = self.table.item(r, col)
                text = cell.text() if cell else ""
                item[key] = _number(text, NUMBERS[key]) if key in NUMBERS else text.strip()
            out.append(item)
        return out

    def update_total(self) -> None:
        total = sum(i["standard"] for i in self.items() if isinstance(i["standard"], int | float))
        self.total.setText(self.tr("共 %1 项，标准分合计 %2 分").replace("%1", str(self.table.rowCount()))
                           .replace("%2", points_text(total)))

    def save(self) -> bool:
        try:
            self.result_id = self.ctx.write(checklists.revise_from_values, self.template["id"],
                                            version=self.version.text(), name=self.name.text(), items=self.items())
        except ValidationError as exc:
            self.error.setText("\n".join(e.message for e in exc.errors))
            self.error.show()
            return False
        except QmsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True
