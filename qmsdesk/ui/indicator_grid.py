"""The monthly entry grid of indicators: numerator and denominator typed or pasted from Excel, checked by the service.

One row per applicable indicator for the chosen month. The value, its unit, the target and the status
come from the services and analytics; the grid only shows them and passes what was typed to
`services.indicators` (check_value / set_value), showing their messages when they refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.rates import TargetStatus, format_value, indicator_value, target_status
from qmsdesk.clock import today
from qmsdesk.errors import Collector, QmsError, ValidationError
from qmsdesk.i18n import joined
from qmsdesk.periods import Period
from qmsdesk.services.indicators import EntryLine, enter_month, entry_sheet, month_signals
from qmsdesk.ui.charts import month_choices
from qmsdesk.ui.context import context_for
from qmsdesk.ui.operations import DataContext
from qmsdesk.ui.table_model import FIT_AT_MOST

CODE, NAME, NUMERATOR, DENOMINATOR, VALUE, TARGET, STATUS = range(7)
EDITABLE = (NUMERATOR, DENOMINATOR)
COLUMN_WIDTHS = {CODE: 130, NAME: 300, NUMERATOR: 80, DENOMINATOR: 90, VALUE: 140, TARGET: 150, STATUS: 200}
STATUS_COLOURS = {
    TargetStatus.MET: QColor("#2e7d32"), TargetStatus.NEAR: QColor("#b26a00"), TargetStatus.MISSED: QColor("#c62828"),
    TargetStatus.UNCERTAIN: QColor("#b26a00"), "error": QColor("#c62828"), "pending": QColor("#b26a00"), "missing": QColor("#757575"),
}


@dataclass
class GridRow:
    """One indicator's line of the month (the service's `EntryLine`: name, kind, target…) and what is typed in it."""

    line: EntryLine
    numerator: float | None = None
    denominator: float | None = None
    saved: bool = False
    signal: str = ""  # the control-chart signal of concern this month, from analytics.warnings
    target_state: Any = None  # the saved month against its target (analytics.targets: rare events on their year)
    error: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, line: EntryLine) -> GridRow:
        return cls(line, line.numerator, line.denominator, line.saved, line.signal, line.target_state)

    def __getattr__(self, name: str):  # the indicator's own facts: code, name, kind, unit, target …
        return getattr(self.__dict__["line"], name)

    @property
    def value(self) -> float | None:
        return indicator_value(self.kind, self.numerator, self.denominator, self.multiplier) if self.saved else None

    @property
    def needs_denominator(self) -> bool:
        return self.kind != "count"


def _number_text(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class IndicatorGridModel(QAbstractTableModel):
    """Rows of the month; edits of numerator/denominator are saved through the service when complete."""

    message = Signal(str, bool)  # text, is_error
    saved = Signal(object)  # the Period saved

    def __init__(self, ctx: DataContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period = Period.of(today()).previous()
        self.rows: list[GridRow] = []
        self.locked = ""  # why the month cannot be edited (a submission froze it), or ""

    # loading ------------------------------------------------------------------------------------
    def load(self, period: Period) -> None:
        sheet = self.ctx.read(entry_sheet, period)
        self.beginResetModel()
        self.period = sheet.period
        self.rows = [GridRow.of(line) for line in sheet.lines]
        self.locked = sheet.locked
        self.endResetModel()

    def row_of(self, code: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.code == code), None)

    # Qt model -----------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("编码"), self.tr("指标名称"), self.tr("分子"), self.tr("分母"), self.tr("指标值"),
                    self.tr("目标"), self.tr("状态")][section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if self.locked:
            return base
        if index.column() == NUMERATOR or (index.column() == DENOMINATOR and row.needs_denominator):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def status(self, row: GridRow) -> tuple[str, Any]:
        if row.error:
            return row.error, "error"
        if not row.saved:
            if row.numerator is not None and (row.denominator is not None or not row.needs_denominator):
                return self.tr("未保存（其他行有误）"), "pending"
            if row.numerator is not None or row.denominator is not None:
                return self.tr("待填写完整"), "pending"
            return self.tr("未录入"), "missing"
        if row.value is None:
            return self.tr("本月无暴露"), "missing"
        state = row.target_state or target_status(row.value, row.target, row.warning, row.direction)
        if row.signal:
            return f"{state.label}；{row.signal}", "error"
        return state.label, state

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == CODE:
                return row.code
            if col == NAME:
                return row.name
            if col == NUMERATOR:
                return _number_text(row.numerator)
            if col == DENOMINATOR:
                return _number_text(row.denominator) if row.needs_denominator else "—"
            if col == VALUE:
                return format_value(row.value, row.unit) if row.saved else ""
            if col == TARGET:
                if row.target is None:
                    return ""
                return ("≤" if row.direction == "lower" else "≥") + format_value(row.target, row.unit)
            if col == STATUS:
                return self.status(row)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == STATUS:
                return STATUS_COLOURS.get(self.status(row)[1])
            if col in EDITABLE and (("numerator" if col == NUMERATOR else "denominator") in row.errors):
                return STATUS_COLOURS["error"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NUMERATOR:
                return row.errors.get("numerator") or self.tr("分子：") + row.numerator_def
            if col == DENOMINATOR and row.needs_denominator:
                return row.errors.get("denominator") or self.tr("分母：") + (row.denominator_def or "")
            if col == STATUS and (row.error or row.signal):
                return row.error or row.signal
            if col == NAME:
                return row.name  # whole, where the column cuts a long name
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (NUMERATOR, DENOMINATOR, VALUE, TARGET):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        key = "numerator" if index.column() == NUMERATOR else "denominator"
        return self.enter({index.row(): {key: value}})

    # entering -----------------------------------------------------------------------------------
    def enter(self, edits: dict[int, dict[str, object]]) -> bool:
        """Apply typed or pasted text to rows; save every row that is complete, all or none.

        A row still missing its other figure waits (shown as pending). If any complete row is
        refused, nothing is saved and each refusal is shown on its row.
        """
        touched = self._take_typed(edits)
        ready, problems = self._checked(touched)
        if problems:
            self.message.emit(self.tr("有 {n} 行未通过检查，本次未保存，请修改后重试。").format(n=problems), True)
        elif ready and self._save(ready):
            touched = list(range(len(self.rows)))  # the month's signals may move on any row
        if touched:
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), STATUS))
        return not problems

    def _take_typed(self, edits: dict[int, dict[str, object]]) -> list[int]:
        """Put the typed text into the rows as numbers (or a message where it is not one)."""
        from qmsdesk.services.indicator_import import parse_number

        for i, fields in edits.items():
            row = self.rows[i]
            row.errors, row.error = {}, ""
            for key, text in fields.items():
                try:
                    setattr(row, key, parse_number(text))
                except ValueError:
                    row.errors[key] = self.tr("“{x}”不是数字。").format(x=text)
            row.saved = False
        return list(edits)

    def _checked(self, touched: list[int]) -> tuple[list[GridRow], int]:
        """The complete rows the service's rules accept, and how many rows were refused."""
        from qmsdesk.services.indicators import check_value

        ready: list[GridRow] = []
        problems = 0
        for i in touched:
            row = self.rows[i]
            if row.errors:
                row.error = "；".join(row.errors.values())
                problems += 1
                continue
            if row.numerator is None or (row.needs_denominator and row.denominator is None):
                continue
            c = Collector()
            check_value(_Definition(row), self.period, _whole(row.numerator), _whole(row.denominator), c)
            if c.errors:
                row.errors = {e.field: e.message for e in c.errors}
                row.error = "；".join(e.message for e in c.errors)
                problems += 1
            else:
                ready.append(row)
        return ready, problems

    def _save(self, ready: list[GridRow]) -> bool:
        """Save the ready rows in one write; on success their month's signals are read again."""
        figures = [(row.indicator_id, _whole(row.numerator), _whole(row.denominator) if row.needs_denominator
                    else None) for row in ready]
        try:
            self.ctx.write(enter_month, self.period, figures)
        except ValidationError as exc:
            for row in ready:
                row.error = str(exc)
            self.message.emit(str(exc), True)
            return False
        except QmsError as exc:
            self.message.emit(str(exc), True)
            return False
        signals = self.ctx.read(month_signals, self.period)
        for row in self.rows:
            row.signal = signals.get(row.code, "") if row.saved or row in ready else ""
        for row in ready:
            row.saved = True
        self.message.emit(self.tr("已保存 {n} 项。").format(n=len(ready)), False)
        self.saved.emit(self.period)
        return True


class _Definition:
    """The few definition fields check_value reads, taken from a grid row (no session needed)."""

    def __init__(self, row: GridRow) -> None:
        self.kind = row.kind
        self.code = row.code


def _whole(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


def parse_clipboard(text: str) -> list[list[str]]:
    """Excel copies a block as tab-separated lines (a final newline, maybe CRLF)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


class IndicatorGrid(QWidget):
    """Month chooser + the grid + a message line. Ctrl+V pastes a block copied from Excel.

    Double-clicking an indicator's name, value or status asks for its chart (`chart_requested(code)`),
    which the page answers by showing the chart widget.
    """

    saved = Signal(object)  # the Period saved
    chart_requested = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = context_for(ctx)
        self.model = IndicatorGridModel(self.ctx, self)
        self.month = QComboBox()
        self.month.addItems(month_choices(24))
        self.month.setCurrentText(str(self.model.period))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._double_clicked)
        self.info = QLabel(self.tr("在“分子”“分母”列直接输入，或从 Excel 复制一块单元格后按 Ctrl+V 粘贴。"))
        self.info.setWordWrap(True)
        self.import_button = QPushButton(self.tr("从表格导入…"))
        self.import_button.setToolTip(self.tr("导入 .xlsx 或 .csv（列：指标编码、月份、分子、分母）；全部行通过检查才写入。"))
        self.template_button = QPushButton(self.tr("下载导入模板…"))
        self.import_button.clicked.connect(self.choose_and_import)
        self.template_button.clicked.connect(self.choose_and_save_template)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.template_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        self.month.currentTextChanged.connect(lambda _text: self.load(self.selected_month()))
        self.model.message.connect(self._show_message)
        self.model.saved.connect(self.saved)
        self.load(self.model.period)

    def _double_clicked(self, index) -> None:
        if index.isValid() and index.column() not in EDITABLE:
            self.chart_requested.emit(self.model.rows[index.row()].code)

    def selected_month(self) -> Period:
        """The month chosen above the grid (the chooser lists months as text: read here, at the edge)."""
        return Period.parse(self.month.currentText())

    def load(self, period: Period) -> None:
        same_month = self.model.period == period and self.model.rows
        try:
            self.model.load(period)
        except QmsError as exc:
            self._show_message(str(exc), True)
            return
        self._fit_columns()
        if self.model.locked:
            self._show_message(self.model.locked, True)
        elif not same_month:  # a reload after saving keeps "已保存 N 项" in view
            self._show_message(self.tr("在“分子”“分母”列直接输入，或从 Excel 复制一块单元格后按 Ctrl+V 粘贴。"), False)
            self.info.setStyleSheet("")

    def _fit_columns(self) -> None:
        """Codes, values, targets and states grow to their text in the user's language (names keep their width)."""
        for col in (CODE, NUMERATOR, DENOMINATOR, VALUE, TARGET, STATUS):
            hint = max(self.table.sizeHintForColumn(col), self.table.horizontalHeader().sectionSizeHint(col))
            self.table.setColumnWidth(col, max(COLUMN_WIDTHS[col], min(hint, FIT_AT_MOST)))

    # import and template ------------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的表格"), "",
                                              self.tr("表格 (*.xlsx *.csv)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Import a sheet off the GUI thread; show the summary, or every refused cell by row and column."""
        from qmsdesk.services.indicator_import import ImportRefused, import_values
        from qmsdesk.ui import messages
        from qmsdesk.ui.jobs import run_job

        def work(_control):
            try:
                return ctx.transaction(import_values, path)
            except ImportRefused as refused:
                return refused

        ctx = self.ctx
        outcome, result = run_job(ctx.job(self.tr("正在导入指标数据…"), work, self), self)
        if outcome == "failed":
            messages.error(self, self.tr("导入失败"), str(result))
            return False
        if outcome != "ok":
            return False
        if isinstance(result, ImportRefused):
            lines = "\n".join(e.message for e in result.errors[:40])
            more = len(result.errors) - 40
            if more > 0:
                lines += "\n" + self.tr("……另有 {n} 处问题").format(n=more)
            messages.error(self, self.tr("未导入"), self.tr("表格中有以下问题，所有行均未写入：") + "\n" + lines)
            self._show_message(self.tr("导入未完成：{n} 处问题，未写入任何数据。").format(n=len(result.errors)), True)
            return False
        self.load(self.selected_month())
        self._show_message(result.summary(), False)
        messages.info(self, self.tr("导入完成"), result.summary())
        return True

    def choose_and_save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入模板"), "指标数据导入模板.xlsx",
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.save_template(path)

    def save_template(self, path: str) -> None:
        from qmsdesk.services.indicator_import import month_template

        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            self.ctx.read(month_template, path, self.selected_month())
        except (OSError, QmsError) as exc:
            self._show_message(self.tr("无法保存模板：{e}").format(e=exc), True)
            return
        self._show_message(self.tr("已保存导入模板：{p}").format(p=path), False)

    def _show_message(self, text: str, is_error: bool) -> None:
        self.info.setText(text)
        self.info.setStyleSheet("color: #c62828;" if is_error else "color: #2e7d32;")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.table and event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return True
        return super().eventFilter(obj, event)

    def paste(self, text: str) -> None:
        """Paste a tab-separated block at the current cell.

        A block whose first column holds indicator codes is matched by code (code, numerator,
        denominator); otherwise it fills the rows downwards from the current cell, columns from the
        current column (the numerator or the denominator) onwards.
        """
        block = parse_clipboard(text)
        if not block:
            return
        edits: dict[int, dict[str, object]] = {}
        unknown: list[str] = []
        if all(self.model.row_of(cells[0].strip().upper()) is not None or not cells[0].strip() for cells in block) \
                and any(cells[0].strip() for cells in block) and len(block[0]) >= 2:
            for cells in block:
                code = cells[0].strip().upper()
                i = self.model.row_of(code)
                if i is None:
                    continue
                edits[i] = {"numerator": cells[1] if len(cells) > 1 else ""}
                if self.model.rows[i].needs_denominator:
                    edits[i]["denominator"] = cells[2] if len(cells) > 2 else ""
        else:
            current = self.table.currentIndex()
            start_row = max(current.row(), 0)
            start_col = current.column() if current.column() in EDITABLE else NUMERATOR
            for offset, cells in enumerate(block):
                i = start_row + offset
                if i >= self.model.rowCount():
                    unknown.append(self.tr("第 {n} 行超出表格").format(n=offset + 1))
                    continue
                for j, cell in enumerate(cells):
                    col = start_col + j
                    if col not in EDITABLE:
                        continue
                    if col == DENOMINATOR and not self.model.rows[i].needs_denominator:
                        continue
                    edits.setdefault(i, {})["numerator" if col == NUMERATOR else "denominator"] = cell
        if unknown:
            self._show_message(self.tr("粘贴内容超出表格：") + joined(unknown) + self.tr("；未保存。"), True)
            return
        self.model.enter(edits)
