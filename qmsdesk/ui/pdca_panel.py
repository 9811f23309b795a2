"""The tabs that show one PDCA project (analytics.pdca_case.PdcaCase) under the 持续改进 page's list, in the order
of the case write-up: 选题与阶段 · 指标与效果 · 现状与要因 · 对策（5W1H）· 实施记录 · 标准化与下一轮.

Only showing: the page (ui/pages/pdca.py) owns the buttons and their operations. Figures are the case's own —
the Pareto, the fishbone and each indicator's before/after are drawn from the specs the PDF prints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.pdca_case import PdcaCase
from qmsdesk.db.enums import PdcaStage
from qmsdesk.ui.before_after_view import BeforeAfterView
from qmsdesk.ui.charts import ParetoView
from qmsdesk.ui.fishbone_view import FishboneView
from qmsdesk.ui.forms import ERROR_STYLE

STAGE_LETTERS = {PdcaStage.PLAN: "P", PdcaStage.DO: "D", PdcaStage.CHECK: "C", PdcaStage.ACT: "A"}


def table(headers: list[str], name: str, widths: tuple[int, ...] = (), stretch: int | None = None) -> QTableWidget:
    """A read-only table; columns start at `widths`, column `stretch` takes the room left, long text wraps."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    header = t.horizontalHeader()
    for n, width in enumerate(widths):
        header.resizeSection(n, width)
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def fill_table(t: QTableWidget, rows: list[list[str]]) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(text))
    t.resizeRowsToContents()


def text_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CasePanel(QTabWidget):
    """One project's case in six tabs; `bars[tab]` is the row under each tab where the page puts its buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdca-case")
        self.bars: dict[str, QHBoxLayout] = {}
        self.case: PdcaCase | None = None
        self.addTab(self._overview(), self.tr("选题与阶段"))
        self.addTab(self._indicators(), self.tr("指标与效果"))
        self.addTab(self._analysis(), self.tr("现状与要因"))
        self.addTab(self._countermeasures(), self.tr("对策（5W1H）"))
        self.addTab(self._log(), self.tr("实施记录"))
        self.addTab(self._standard(), self.tr("标准化与下一轮"))

    # --- building ---------------------------------------------------------------------------------
    def _tab(self, key: str, scroll: bool = False) -> tuple[QWidget, QVBoxLayout]:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.bars[key] = bar
        layout.addLayout(bar)
        if not scroll:
            return inner, layout
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area, layout

    def _overview(self) -> QWidget:
        tab, col = self._tab("overview", scroll=True)
        self.stage = text_label("pdca-stage")
        self.stage.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = text_label("pdca-facts")
        self.reason = text_label("pdca-reason")
        self.gaps = text_label("pdca-gaps")
        for w in (self.stage, self.facts, self.reason, self.gaps):
            col.addWidget(w)
        col.addStretch(1)
        return tab

    def _indicators(self) -> QWidget:
        tab, col = self._tab("indicators", scroll=True)
        self.targets = table([self.tr("指标"), self.tr("基线（改进前）"), self.tr("目标值")], "pdca-indicators",
                             (260, 140))

        col.addWidget(self.targets)
        self.charts_box = QVBoxLayout()
        col.addLayout(self.charts_box)
        self.charts: list[BeforeAfterView] = []
        self.check_summary = text_label("pdca-check-summary")
        col.addWidget(self.check_summary)
        return tab

    def _analysis(self) -> QWidget:
        tab, col = self._tab("analysis", scroll=True)
        self.current_state = text_label("pdca-current-state")
        col.addWidget(self.current_state)
        self.pareto = ParetoView()
        self.pareto.setObjectName("pdca-pareto")
        self.pareto.setMinimumHeight(300)
        col.addWidget(self.pareto)
        self.causes = table([self.tr("类别"), self.tr("原因"), self.tr("要因"), self.tr("要因验证")], "pdca-causes",
                            (110, 300, 50))
        self.causes.setMinimumHeight(160)
        col.addWidget(self.causes)
        self.fishbone = FishboneView()
        self.fishbone.setObjectName("pdca-fishbone")
        self.fishbone.setMinimumHeight(340)
        col.addWidget(self.fishbone)
        return tab

    def _countermeasures(self) -> QWidget:
        tab, col = self._tab("countermeasures")
        self.measures = table([self.tr("对策（What）"), self.tr("理由（Why）"), self.tr("地点（Where）"), self.tr("方法（How）"),
                               self.tr("负责人（Who）"), self.tr("期限（When）"), self.tr("台账状态")], "pdca-countermeasures",
                              (150, 170, 120, 260, 80, 90, 80), stretch=3)
        col.addWidget(self.measures)
        return tab

    def _log(self) -> QWidget:
        tab, col = self._tab("log")
        self.log = table([self.tr("日期"), self.tr("阶段"), self.tr("记录"), self.tr("记录人")], "pdca-log", (90, 90, 500), stretch=2)
        col.addWidget(self.log)
        return tab

    def _standard(self) -> QWidget:
        tab, col = self._tab("standard", scroll=True)
        self.standard = text_label("pdca-standardization")
        self.next_cycle = text_label("pdca-next-cycle")
        col.addWidget(self.standard)
        col.addWidget(self.next_cycle)
        col.addStretch(1)
        return tab

    # --- showing ----------------------------------------------------------------------------------
    def show_case(self, case: PdcaCase | None) -> None:
        self.case = case
        self.setEnabled(case is not None)
        if case is None:
            for label in (self.stage, self.facts, self.reason, self.gaps, self.current_state, self.check_summary,
                          self.standard, self.next_cycle):
                label.clear()
            for t in (self.targets, self.causes, self.measures, self.log):
                t.setRowCount(0)
            self.pareto.set_spec(None)
            self.fishbone.set_spec(None)
            self._show_charts([])
            return
        self._show_overview(case)
        fill_table(self.targets, [[i.name, i.fmt(i.baseline), i.target_text] for i in case.indicators])
        self.targets.setFixedHeight(self.targets.horizontalHeader().height() + 6
                                    + sum(self.targets.rowHeight(r) for r in range(max(self.targets.rowCount(), 1))))
        self._show_charts(list(case.comparisons))
        self.check_summary.setText(self.tr("效果确认结论：") + (case.check_summary or self.tr("（未填写）")))
        self.current_state.setText(self.tr("现状描述：") + (case.current_state or self.tr("（未填写）")) + "\n"
                                   + self._source_text(case))
        self.pareto.set_spec(case.pareto)
        fill_table(self.causes, [[c.category_label, c.description, self.tr("是") if c.key_cause else "",
                                  c.verification or ""] for c in case.causes])
        self.fishbone.set_spec(case.fishbone)
        fill_table(self.measures, [[c.what, c.why, c.where, c.how, c.who, c.when.isoformat() if c.when else "",
                                    c.status_label] for c in case.countermeasures])
        fill_table(self.log, [[e.date.isoformat(), PdcaStage(e.stage).label, e.note, e.author or ""] for e in case.log])
        self.standard.setText(self.tr("标准化：") + (case.standardization or self.tr("（未填写）")))
        prev = self.tr("上一轮：%1\n").replace("%1", case.previous_title) if case.previous_title else ""
        self.next_cycle.setText(prev + self.tr("检讨与下一轮：") + (case.next_cycle or self.tr("（未填写）")))

    def _show_overview(self, case: PdcaCase) -> None:
        self.stage.setText(self.tr("当前阶段：%1").replace("%1", case.stage_label))
        none = self.tr("（未设定）")
        self.facts.setText("\n".join((
            self.tr("改进主题：%1").replace("%1", case.title),
            self.tr("负责人：%1　小组成员：%2").replace("%1", case.leader or none).replace("%2", case.team or none),
            self.tr("立项日期：%1").replace("%1", case.started_on.isoformat())
            + (self.tr("　结案日期：%1").replace("%1", case.closed_on.isoformat()) if case.closed_on else ""),
            self.tr("基线（改进前）：%1 — %2　改进措施生效月份：%3").replace("%1", case.baseline_start or none)
            .replace("%2", case.baseline_end or none).replace("%3", case.change_period or none))))
        self.reason.setText(self.tr("选题理由：") + case.reason)
        if case.next_stage is None:
            self.gaps.setStyleSheet("color: #2e7d32;")
            self.gaps.setText(self.tr("本轮已结案。"))
        elif case.next_gaps:
            self.gaps.setStyleSheet(ERROR_STYLE)
            self.gaps.setText(self.tr("进入“%1”之前还缺：").replace("%1", PdcaStage(case.next_stage).label) + "\n• "
                              + "\n• ".join(case.next_gaps))
        else:
            self.gaps.setStyleSheet("color: #2e7d32;")
            self.gaps.setText(self.tr("已具备进入“%1”的条件。").replace("%1", PdcaStage(case.next_stage).label))

    def _source_text(self, case: PdcaCase) -> str:
        src = case.analysis_source
        if not src:
            return self.tr("柏拉图来源：未设定")
        what = self.tr("检查扣分") if src.get("kind") == "checklist" else self.tr("不良事件原因因素")
        return self.tr("柏拉图来源：%1（%2 — %3）").replace("%1", what).replace("%2", src["start"]).replace("%3", src["end"])

    def _show_charts(self, specs: list[Any]) -> None:
        while len(self.charts) < max(len(specs), 1):
            view = BeforeAfterView()
            view.setObjectName("pdca-before-after")
            view.setMinimumHeight(320)
            self.charts.append(view)
            self.charts_box.addWidget(view)
        for n, view in enumerate(self.charts):
            view.set_spec(specs[n] if n < len(specs) else None)
            view.setVisible(n < max(len(specs), 1))
