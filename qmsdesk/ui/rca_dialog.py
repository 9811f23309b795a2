"""根因分析 (RCA) editor of one adverse event: harm level, contributing factors chosen from the controlled
vocabulary by fishbone bone, the 5-why chain, root cause, lessons, and the ledger items the analysis produced.

The fishbone beside the factors is the one the PDF prints (analytics.fishbone.event_fishbone), redrawn as
factors are ticked. Saving is one operation (services.rca.save_rca); a refusal stays on screen in red.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk import clock
from qmsdesk.analytics.fishbone import bone_label, event_fishbone
from qmsdesk.analytics.rca import FactorView, RcaView, event_rca
from qmsdesk.clock import today
from qmsdesk.db.enums import FishboneCategory, HarmLevel
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.services import rca as service
from qmsdesk.services.events import HARM_BY_GRADE
from qmsdesk.services.factors import vocabulary
from qmsdesk.ui.fishbone_view import FishboneView
from qmsdesk.ui.forms import ERROR_STYLE, HINT_STYLE

WHY_LINES = 5
TERM, PRIMARY, NOTE = 0, 1, 2  # columns of the factor tree


class RcaDialog(QDialog):
    """Edit the RCA of event `event_id`; `make_item(event_id)` opens the page's 转为整改事项 form (True if saved)."""

    def __init__(self, ctx: Any, event_id: Any, make_item=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.event_id, self._make_item = ctx, event_id, make_item
        self.setObjectName("dlg-events-rca")
        self.vocab = vocabulary()
        self.view: RcaView = ctx.read(event_rca, event_id)
        self.setWindowTitle(self.tr("根因分析（RCA）— %1").replace("%1", self._event_line()))
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_summary())
        # Left: what the team wrote and the items it raised; right: the factors ticked and their fishbone.
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self._build_analysis())
        left_col.addWidget(self._build_items())
        left.setMinimumWidth(440)  # the whys are sentences: room to read them
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._build_factors())
        self.fishbone = FishboneView()
        self.fishbone.setObjectName("rca-fishbone")
        self.fishbone.setMinimumHeight(260)
        right.addWidget(self.fishbone)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self.error = QLabel()
        self.error.setObjectName("rca-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(self.view)
        self.resize(1180, 760)  # fits a 1280×800 ward screen

    # --- building --------------------------------------------------------------------------------
    def _event_line(self) -> str:
        v = self.view
        return (self.tr("%1 %2（%3）").replace("%1", clock.local_text(v.occurred_at, "%Y-%m-%d"))
                .replace("%2", v.category_label).replace("%3", v.grade_label))

    def _build_summary(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        what = QLabel(self.tr("事件经过：%1").replace("%1", self.view.description))
        what.setWordWrap(True)
        col.addWidget(what)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("rca-gaps")
        self.gaps_label.setWordWrap(True)
        col.addWidget(self.gaps_label)
        return box

    def _build_analysis(self) -> QWidget:
        box = QGroupBox(self.tr("伤害程度与 5 个为什么"))
        form = QFormLayout(box)
        self.harm = QComboBox()
        self.harm.setObjectName("harm_level")
        self.harm.addItem(self.tr("（未填写）"), None)
        for value, label in HarmLevel.choices():
            self.harm.addItem(label, value)
        form.addRow(self.tr("伤害程度"), self.harm)
        allowed = HARM_BY_GRADE.get(self.view.grade, ())
        if allowed:  # the domain's table of which harm fits which grade, said before anyone picks wrong
            fits = QLabel(self.tr("%1可选：%2").replace("%1", self.view.grade_label)
                          .replace("%2", self.tr("、").join(HarmLevel(h).label for h in allowed)))
            fits.setObjectName("harm-fits")
            fits.setWordWrap(True)
            fits.setStyleSheet("color: #666;")
            form.addRow("", fits)
        self.analysed_on = QDateEdit()
        self.analysed_on.setObjectName("analysed_on")
        self.analysed_on.setCalendarPopup(True)
        self.analysed_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("分析日期"), self.analysed_on)
        self.team = QLineEdit()
        self.team.setObjectName("team")
        self.team.setPlaceholderText(self.tr("参加分析的人员，如：护士长、责任护士、质控护士"))
        form.addRow(self.tr("分析小组"), self.team)
        self.whys: list[QLineEdit] = []
        for n in range(1, WHY_LINES + 1):
            line = QLineEdit()
            line.setObjectName(f"why-{n}")
            line.setPlaceholderText(self.tr("为什么会这样？") if n == 1 else self.tr("那又是为什么？"))
            self.whys.append(line)
            form.addRow(self.tr("为什么 %1").replace("%1", str(n)), line)
        self.root_cause = QPlainTextEdit()
        self.root_cause.setObjectName("root_cause")
        self.root_cause.setFixedHeight(46)
        self.root_cause.textChanged.connect(self._redraw)
        form.addRow(self.tr("根本原因"), self.root_cause)
        self.lessons = QPlainTextEdit()
        self.lessons.setObjectName("lessons")
        self.lessons.setFixedHeight(46)
        form.addRow(self.tr("经验教训"), self.lessons)
        return box

    def _build_factors(self) -> QWidget:
        box = QGroupBox(self.tr("原因因素（人·机·料·法·环·测，从词表中勾选）"))
        col = QVBoxLayout(box)
        hint = QLabel(self.tr("只能勾选词表中的原因，科室自己的说法写在“备注”里（双击填写）；主要原因在鱼骨图中标红。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        col.addWidget(hint)
        self.factors = QTreeWidget()
        self.factors.setObjectName("rca-factors")
        self.factors.setHeaderLabels([self.tr("原因因素"), self.tr("主要原因"), self.tr("备注")])
        header = self.factors.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(PRIMARY, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(TERM, 330)
        self.terms: dict[str, QTreeWidgetItem] = {}
        for category in FishboneCategory:
            parent = QTreeWidgetItem([bone_label(category.value)])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.factors.addTopLevelItem(parent)
            for term in self.vocab.of_category(category.value):
                item = QTreeWidgetItem([term.label, "", ""])
                item.setData(TERM, Qt.ItemDataRole.UserRole, term.code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(TERM, Qt.CheckState.Unchecked)
                item.setCheckState(PRIMARY, Qt.CheckState.Unchecked)
                parent.addChild(item)
                self.terms[term.code] = item
        self.factors.itemChanged.connect(self._redraw)
        self.factors.itemDoubleClicked.connect(self._edit_note)
        col.addWidget(self.factors)
        return box

    def _edit_note(self, item: QTreeWidgetItem, column: int) -> None:
        if item.parent() is not None and column == NOTE:
            self.factors.editItem(item, NOTE)

    def _build_items(self) -> QWidget:
        box = QGroupBox(self.tr("由本次分析制定的改进措施（整改台账事项）"))
        col = QVBoxLayout(box)
        self.items = QTableWidget(0, 4)
        self.items.setObjectName("rca-items")
        self.items.setHorizontalHeaderLabels([self.tr("问题"), self.tr("责任人"), self.tr("整改期限"), self.tr("状态")])
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.items.setMaximumHeight(110)
        col.addWidget(self.items)
        row = QHBoxLayout()
        self.item_button = QPushButton(self.tr("新增整改事项…"))
        self.item_button.setObjectName("rca-new-item")
        self.item_button.clicked.connect(self.new_item)
        self.item_button.setEnabled(self._make_item is not None)
        row.addWidget(self.item_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(1)
        return box

    # --- filling and reading ------------------------------------------------------------------------
    def _fill(self, v: RcaView) -> None:
        self.harm.setCurrentIndex(max(0, self.harm.findData(v.harm_level)))
        day = v.analysed_on or today()
        self.analysed_on.setDate(QDate(day.year, day.month, day.day))
        self.team.setText(v.team or "")
        for n, line in enumerate(self.whys):
            line.setText(v.whys[n] if n < len(v.whys) else "")
            line.setCursorPosition(0)  # a long answer shows its beginning
        if len(v.whys) > WHY_LINES:  # a longer chain typed elsewhere: keep its tail in the last line
            self.whys[-1].setText("；".join(v.whys[WHY_LINES - 1:]))
            self.whys[-1].setCursorPosition(0)
        self.root_cause.setPlainText(v.root_cause or "")
        self.lessons.setPlainText(v.lessons or "")
        self.factors.blockSignals(True)
        for f in v.factors:
            item = self.terms.get(f.code)
            if item is not None:
                item.setCheckState(TERM, Qt.CheckState.Checked)
                item.setCheckState(PRIMARY, Qt.CheckState.Checked if f.primary else Qt.CheckState.Unchecked)
                item.setText(NOTE, f.note or "")
        self.factors.blockSignals(False)
        self.factors.expandAll()
        self._fill_items(v)
        self._show_gaps(v)
        self._redraw()

    def _fill_items(self, v: RcaView) -> None:
        self.items.setRowCount(len(v.actions))
        for r, a in enumerate(v.actions):
            for c, text in enumerate((a.problem, a.responsible or "", a.deadline.isoformat(), a.status_label)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.items.setItem(r, c, cell)

    def _show_gaps(self, v: RcaView) -> None:
        if v.complete:
            self.gaps_label.setStyleSheet("color: #2e7d32;")
            self.gaps_label.setText(self.tr("根因分析完整。"))
            return
        head = (self.tr("Ⅰ、Ⅱ级事件须完成根因分析，否则本月不能上报。还缺：") if v.required
                else self.tr("根因分析还缺（本级别事件可不做）："))
        self.gaps_label.setStyleSheet(ERROR_STYLE if v.required else HINT_STYLE)
        self.gaps_label.setText(head + self.tr("；").join(v.gaps))

    def chosen_factors(self) -> list[dict[str, Any]]:
        out = []
        for code, item in self.terms.items():
            if item.checkState(TERM) == Qt.CheckState.Checked:
                out.append({"code": code, "note": item.text(NOTE).strip() or None,
                            "primary": item.checkState(PRIMARY) == Qt.CheckState.Checked})
        return out

    def values(self) -> dict[str, Any]:
        d = self.analysed_on.date()
        return dict(harm_level=self.harm.currentData(), analysed_on=date(d.year(), d.month(), d.day()),
                    team=self.team.text(), whys=[w.text() for w in self.whys if w.text().strip()],
                    root_cause=self.root_cause.toPlainText(), lessons=self.lessons.toPlainText(),
                    factors=self.chosen_factors())

    def _redraw(self, *_args) -> None:
        """The fishbone of what is ticked now, drawn from the spec the PDF prints."""
        factors = []
        for f in self.chosen_factors():
            term = self.vocab.get(f["code"])
            factors.append(FactorView(term.code, term.category, FishboneCategory(term.category).label, term.label,
                                      f["note"], f["primary"]))
        root = self.root_cause.toPlainText().strip() or None
        self.fishbone.set_spec(event_fishbone(dataclasses.replace(self.view, factors=tuple(factors), root_cause=root)))

    # --- actions ---------------------------------------------------------------------------------
    def try_save(self) -> bool:
        self.error.hide()
        try:
            self.ctx.write(service.save_rca, self.event_id, **self.values())
        except ValidationError as exc:
            self.error.setStyleSheet(ERROR_STYLE)
            self.error.setText("\n".join(e.message for e in exc.errors))
            self.error.show()
            return False
        except QmsError as exc:
            self.error.setStyleSheet(ERROR_STYLE)
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True

    def new_item(self) -> bool:
        """Raise a ledger item from the event (the page's form), then show it among the analysis's items."""
        if self._make_item is None or not self._make_item(self.event_id):
            return False
        self.view = dataclasses.replace(self.ctx.read(event_rca, self.event_id), factors=self.view.factors)
        self._fill_items(self.view)
        self._show_gaps(self.ctx.read(event_rca, self.event_id))
        return True
