"""季度分析与年度总结 page: draft a quarter's or a year's analysis from the data, see what it found, write each
problem's 原因分析 and 改进措施 and the 总体评价, have the 组长 approve it (then it is locked and shown
read-only until reopened with a reason), export its PDF, print the binder.

The rules are services/analysis.py's (who may approve, when, what must be complete); this page asks
and shows. The figures shown are the draft's snapshot, the same the PDF and the office receive.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.clock import today
from qmsdesk.db.enums import AnalysisSource
from qmsdesk.errors import QmsError
from qmsdesk.reports import printouts
from qmsdesk.services import analysis as service
from qmsdesk.services.analysis import AnalysisView
from qmsdesk.services.analysis_figures import GRADES, SpanFigures
from qmsdesk.services.staff import people
from qmsdesk.spans import Span
from qmsdesk.ui import messages
from qmsdesk.ui.binder_print import print_binder, span_text
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import Page, as_dicts, label_of
from qmsdesk.ui.printing import save_printout
from qmsdesk.ui.table_model import CENTER, Column, RowTableModel

DRAFT_COLOUR, APPROVED_COLOUR, NONE_COLOUR = "#c25e00", "#2e7d32", "#555555"
MISSING_COLOUR = QColor("#c62828")


class AnalysisPage(Page):
    key = "analysis"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.on = today  # the day the page acts on (approval date, the spans offered); None: today
        self.view: AnalysisView | None = None
        self._span: Span | None = None
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        layout.addLayout(self._span_row())
        self.state = QLabel()
        self.state.setObjectName("analysis-state")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("padding: 6px; border: 1px solid #d7dde5; background: white;")
        layout.addWidget(self.state)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.figures = QTextBrowser()
        self.figures.setObjectName("analysis-figures")
        self.figures.setOpenLinks(False)
        splitter.addWidget(self.figures)
        splitter.addWidget(self._problems_box())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

    def _span_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.span_box = QComboBox()
        self.span_box.setObjectName("analysis-span")
        self.span_box.setMinimumWidth(200)
        self.span_box.currentIndexChanged.connect(self._span_chosen)
        self.draft_button = self._button(self.tr("生成/刷新草稿"), "draft", self.draft)
        self.draft_button.setToolTip(self.tr("由数据重新汇总；已填写的原因分析、改进措施和总体评价保留。"))
        self.summary_button = self._button(self.tr("总体评价…"), "summary", lambda: self._run(self.summary_form()))
        self.approve_button = self._button(self.tr("组长审定…"), "approve", lambda: self._run(self.approve_form()))
        self.reopen_button = self._button(self.tr("撤回审定…"), "reopen", lambda: self._run(self.reopen_form()))
        self.pdf_button = self._button(self.tr("导出 PDF…"), "export-pdf", self.export_pdf)
        self.binder_button = self._button(self.tr("打印质控记录本…"), "binder", self.print_binder)
        row.addWidget(QLabel(self.tr("季度/年度")))
        row.addWidget(self.span_box)
        for b in (self.draft_button, self.summary_button, self.approve_button, self.reopen_button):
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _button(self, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: slot())
        return button

    def _problems_box(self) -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("存在问题、原因分析与改进措施"))
        title.setStyleSheet("font-weight: bold; color: #33475b;")
        inner.addWidget(title)
        self.problems_model = RowTableModel([
            Column("number", self.tr("序号"), align=CENTER, width=50),
            Column("source", self.tr("来源"), fmt=lambda v: label_of(AnalysisSource, v), width=80),
            Column("problem", self.tr("问题"), width=300, free_text=True),
            Column("cause", self.tr("原因分析"), width=240, free_text=True,
                   fmt=lambda v: v or self.tr("（未填写）"), color=lambda r: None if r["cause"] else MISSING_COLOUR),
            Column("measures", self.tr("改进措施"), width=240, free_text=True,
                   fmt=lambda v: v or self.tr("（未填写）"), color=lambda r: None if r["measures"] else MISSING_COLOUR),
        ], self)
        self.problems = QTableView()
        self.problems.setObjectName("analysis-problems")
        self.problems.setModel(self.problems_model)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        self.problems.verticalHeader().setVisible(False)
        self.problems.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(self.problems_model.columns):
            self.problems.setColumnWidth(i, column.width or 120)
        self.problems.doubleClicked.connect(lambda _i: self.complete_selected())
        self.problems.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        inner.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.complete_button = self._button(self.tr("填写原因分析和改进措施…"), "complete", self.complete_selected)
        self.add_problem_button = self._button(self.tr("补充问题…"), "add-problem",
                                               lambda: self._run(self.add_problem_form()))
        self.delete_problem_button = self._button(self.tr("删除补充的问题"), "delete-problem", self.delete_selected)
        for b in (self.complete_button, self.add_problem_button, self.delete_problem_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.pdf_button)  # printing, apart from the writing (and one row fits 1280 pixels in English)
        row.addWidget(self.binder_button)
        inner.addLayout(row)
        return box

    # --- showing ----------------------------------------------------------------------------------
    def day(self) -> date:
        return self.on or today()

    def span(self) -> Span | None:
        return self._span

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        self._fill_spans()
        self.view = self.ctx.read(service.analysis_view, self._span) if self._span is not None else None
        self._show()

    def _fill_spans(self) -> None:
        choices = self.ctx.read(service.span_choices, self.day())
        if self._span is None:  # the last quarter that has ended: the one to analyse now
            ended = [c.span for c in choices if not c.span.is_year and c.span.last_day < self.day()]
            self._span = ended[0] if ended else choices[0].span
        self.span_box.blockSignals(True)
        self.span_box.clear()
        for c in choices:
            state = {None: "", "draft": self.tr("（草稿）"), "approved": self.tr("（已审定）")}.get(c.status, "")
            label = span_text(c.span) if not c.span.is_year else self.tr("%1 年度总结").replace("%1", str(c.span.year))
            self.span_box.addItem(label + state, str(c.span))
        self.span_box.setCurrentIndex(max(self.span_box.findData(str(self._span)), 0))
        self.span_box.blockSignals(False)

    def _span_chosen(self, _index: int) -> None:
        data = self.span_box.currentData()
        if data is not None and Span.parse(data) != self._span:
            self.show_span(Span.parse(data))

    def show_span(self, span: Span | str) -> None:
        self._span = Span.parse(span)
        self.refresh()

    def _show(self) -> None:
        v = self.view
        self.state.setText(self.state_text(v))
        colour = NONE_COLOUR if v is None else (APPROVED_COLOUR if v.approved else DRAFT_COLOUR)
        self.state.setStyleSheet(f"padding: 6px; border: 1px solid #d7dde5; background: white; color: {colour};")
        self.figures.setHtml(self.figures_html(v.figures) if v is not None else self.empty_html())
        self.problems_model.set_rows(as_dicts(v.problems) if v is not None else [])
        self._update_buttons()

    @property
    def read_only(self) -> bool:
        """Approved (locked) or not drafted: nothing on the page can be written."""
        return self.view is None or self.view.approved

    def _update_buttons(self) -> None:
        v, is_open = self.view, self.ctx.is_open
        editable = is_open and v is not None and not v.approved
        problem = self.selected_problem()
        self.draft_button.setEnabled(is_open and (v is None or not v.approved))
        self.draft_button.setText(self.tr("生成草稿") if v is None else self.tr("刷新草稿"))
        for b in (self.summary_button, self.approve_button, self.add_problem_button):
            b.setEnabled(editable)
        self.reopen_button.setEnabled(is_open and v is not None and v.approved)
        self.pdf_button.setEnabled(is_open and v is not None)
        self.binder_button.setEnabled(is_open)
        self.complete_button.setEnabled(editable and problem is not None)
        self.delete_problem_button.setEnabled(editable and problem is not None and not problem["generated"])

    def state_text(self, v: AnalysisView | None) -> str:
        if v is None:
            return self.tr("%1还没有分析。点“生成草稿”，由本期的指标、不良事件、检查、整改、培训和计划执行数据生成草稿。") \
                .replace("%1", self._span_label())
        if v.approved:
            return (self.tr("已审定（组长 %1，%2），内容已锁定。如需修改，请先“撤回审定”并说明原因。")
                    .replace("%1", v.approved_by).replace("%2", v.approved_on.isoformat() if v.approved_on else ""))
        missing = len(v.incomplete)
        text = self.tr("草稿，数据截至 %1。").replace("%1", v.figures.as_of)
        if missing:
            text += self.tr("还有 %1 个问题未填写原因分析或改进措施；全部填写后由组长审定。").replace("%1", str(missing))
        else:
            text += self.tr("各问题均已填写，可由组长审定。")
        if v.reopen_reason:
            text += "\n" + self.tr("曾撤回审定，原因：%1").replace("%1", v.reopen_reason)
        return text

    def _span_label(self) -> str:
        return span_text(self._span) if self._span is not None else ""

    def empty_html(self) -> str:
        return f"<p style='color:#555'>{html.escape(self.tr('尚无数据汇总。'))}</p>"

    def figures_html(self, f: SpanFigures) -> str:
        """The draft's figures in short sections: what the group reads before writing its analysis."""
        parts = [self._overview_html(f), self._indicators_html(f), self._events_html(f), self._plan_html(f)]
        if self.view is not None and self.view.summary:
            parts.append(self._section(self.tr("总体评价"), [self.view.summary]))
        return "".join(parts)

    def _section(self, title: str, lines: list[str]) -> str:
        body = "".join(f"<li>{html.escape(x)}</li>" for x in lines if x)
        return f"<h4 style='margin:6px 0 2px 0'>{html.escape(title)}</h4><ul style='margin-top:0'>{body}</ul>"

    def _overview_html(self, f: SpanFigures) -> str:
        mt, t, ins, led = f.meetings, f.training, f.inspections, f.ledger
        rate = "—" if t.pass_rate is None else f"{t.pass_rate:.1f}%"
        return self._section(self.tr("概况"), [
            self.tr("质控小组例会：%1/%2 个月已召开，共 %3 次").replace("%1", str(len(mt.months_held)))
            .replace("%2", str(len(mt.months_judged))).replace("%3", str(mt.meetings)),
            self.tr("培训 %1 次、%2 学时；考核合格率 %3").replace("%1", str(t.sessions)).replace("%2", f"{t.hours:g}")
            .replace("%3", rate),
            self.tr("检查督查 %1 次，发现问题 %2 项").replace("%1", str(ins.count)).replace("%2", str(ins.findings_total)),
            self.tr("整改：新增 %1 项，销号 %2 项，期末超期 %3 项").replace("%1", str(led.raised))
            .replace("%2", str(led.closed)).replace("%3", str(led.overdue_at_end)),
        ])

    def _indicators_html(self, f: SpanFigures) -> str:
        concern = f.indicators_of_concern
        lines = [self.tr("%1：%2（%3）").replace("%1", i.name).replace("%2", i.value_text).replace("%3", i.status_label)
                 + "".join(self.tr("；") + signal for signal in i.signals) for i in concern]
        entered = sum(1 for i in f.indicators if i.value is not None)
        head = self.tr("质量指标（%1 项有数据，%2 项未达目标或有控制图信号）").replace("%1", str(entered)) \
            .replace("%2", str(len(concern)))
        return self._section(head, lines or [self.tr("全部指标达到年度目标，无控制图信号。")])

    def _events_html(self, f: SpanFigures) -> str:
        e = f.events
        grades = self.tr("，").join(self.tr("%1级 %2").replace("%1", code).replace("%2", str(e.by_grade.get(code, 0)))
                                   for code, _label in GRADES)
        kinds = self.tr("、").join(f"{k} {n}" for k, n in list(e.by_category.items())[:6])
        return self._section(self.tr("不良事件（共 %1 例）").replace("%1", str(e.total)),
                             [grades, kinds] if e.total else [self.tr("本期无不良事件。")])

    def _plan_html(self, f: SpanFigures) -> str:
        p = f.plan
        if not p.exists:
            return self._section(self.tr("年度计划执行"), [self.tr("本年度尚未制定年度质控计划。")])
        lines = [self.tr("培训 %1/%2 项已开展；检查 %3/%4 次已完成；每月质控重点 %5/%6 项已落实")
                 .replace("%1", str(p.trainings_held)).replace("%2", str(p.trainings_due))
                 .replace("%3", str(p.inspections_done)).replace("%4", str(p.inspections_expected))
                 .replace("%5", str(p.focus_covered)).replace("%6", str(p.focus_due))]
        lines += p.not_held + p.missed + p.uncovered
        return self._section(self.tr("年度计划执行"), lines)

    # --- problems ---------------------------------------------------------------------------------
    def selected_problem(self) -> dict[str, Any] | None:
        rows = self.problems.selectionModel().selectedRows() if self.problems.selectionModel() else []
        return self.problems_model.row_at(rows[0].row()) if rows else None

    def select_problem(self, problem_id: Any) -> None:
        for i in range(self.problems_model.rowCount()):
            if self.problems_model.row_at(i)["id"] == problem_id:
                self.problems.selectRow(i)
                return

    def complete_form(self, problem: dict[str, Any] | None = None) -> FormDialog | None:
        problem = problem or self.selected_problem()
        if problem is None or self.read_only:
            return None
        pid = problem["id"]
        fields = [Field("cause", self.tr("原因分析"), "multiline", required=True,
                        placeholder=self.tr("从人、机、料、法、环等方面分析根本原因")),
                  Field("measures", self.tr("改进措施"), "multiline", required=True,
                        placeholder=self.tr("具体措施、责任人和完成时限"))]
        save = lambda v: self.ctx.write(service.complete_problem, pid, cause=v.get("cause"),  # noqa: E731
                                        measures=v.get("measures"))
        dialog = FormDialog(self.tr("问题 %1：%2").replace("%1", str(problem["number"]))
                            .replace("%2", problem["problem"][:30]), fields,
                            {"cause": problem["cause"], "measures": problem["measures"]}, save, self)
        dialog.setObjectName("dlg-analysis-complete")
        _show_problem(dialog, problem["problem"])
        return dialog

    def complete_selected(self) -> bool:
        problem = self.selected_problem()
        ok = self._run(self.complete_form(problem))
        if ok and problem is not None:
            self.select_problem(problem["id"])
        return ok

    def add_problem_form(self) -> FormDialog | None:
        span = self._span
        if span is None or self.read_only:
            return None
        fields = [Field("problem", self.tr("问题描述"), "multiline", required=True),
                  Field("source", self.tr("问题来源"), "choice", required=True, choices=AnalysisSource.choices()),
                  Field("cause", self.tr("原因分析"), "multiline"),
                  Field("measures", self.tr("改进措施"), "multiline")]
        save = lambda v: self.ctx.write(service.add_problem, span, **v)  # noqa: E731
        dialog = FormDialog(self.tr("补充问题"), fields, {"source": AnalysisSource.OTHER.value}, save, self)
        dialog.setObjectName("dlg-analysis-add-problem")
        return dialog

    def delete_selected(self) -> bool:
        problem = self.selected_problem()
        if problem is None or self.read_only:
            return False
        if not messages.confirm(self, self.tr("删除问题"), self.tr("确定删除补充的问题“%1”吗？")
                                .replace("%1", problem["problem"][:40]), yes=self.tr("删除")):
            return False
        return self._write(service.delete_problem, problem["id"])

    # --- the analysis as a whole ------------------------------------------------------------------
    def _run(self, dialog: QDialog | None) -> bool:
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def _write(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            self.ctx.write(change, *args, **kwargs)
        except QmsError as exc:
            self.report_error(exc)
            return False
        return True

    def draft(self) -> bool:
        """生成/刷新草稿: figures gathered again, what the group wrote kept (services.analysis.draft_analysis)."""
        if self._span is None:
            return False
        return self._write(service.draft_analysis, self._span)

    def summary_form(self) -> FormDialog | None:
        span = self._span
        if span is None or self.read_only:
            return None
        fields = [Field("summary", self.tr("总体评价"), "multiline",
                        placeholder=self.tr("本期质量与安全的总体情况、主要成效和下期重点"))]
        save = lambda v: self.ctx.write(service.set_summary, span, v.get("summary"))  # noqa: E731
        dialog = FormDialog(self.tr("总体评价"), fields, {"summary": self.view.summary if self.view else ""}, save, self)
        dialog.setObjectName("dlg-analysis-summary")
        return dialog

    def approve_form(self) -> FormDialog | None:
        span = self._span
        if span is None or self.read_only:
            return None
        day = self.day()
        fields = [Field("approver_id", self.tr("审定人（组长）"), "person", required=True, people=self.ctx.read(people))]
        save = lambda v: self.ctx.write(service.approve_analysis, span, approver_id=v["approver_id"],  # noqa: E731
                                        on=day)
        leader = self.ctx.read(service.leader_id_on, day)
        dialog = FormDialog(self.tr("组长审定 — %1").replace("%1", self._span_label()), fields,
                            {"approver_id": leader}, save, self)
        dialog.setObjectName("dlg-analysis-approve")
        _show_problem(dialog, self.tr("审定后分析内容锁定，随下一次月度上报报送质控办；审定日期为 %1。")
                      .replace("%1", day.isoformat()))
        return dialog

    def reopen_form(self) -> FormDialog | None:
        span = self._span
        if span is None or self.view is None or not self.view.approved:
            return None
        fields = [Field("reason", self.tr("撤回原因"), "multiline", required=True)]
        save = lambda v: self.ctx.write(service.reopen_analysis, span, reason=v.get("reason") or "")  # noqa: E731
        dialog = FormDialog(self.tr("撤回审定 — %1").replace("%1", self._span_label()), fields, {}, save, self)
        dialog.setObjectName("dlg-analysis-reopen")
        return dialog

    def export_pdf(self) -> Path | None:
        if self._span is None or self.view is None:
            return None
        return save_printout(self, self.ctx, self.tr("导出 PDF"), f"{self.view.title}.pdf", printouts.analysis_pdf,
                             str(self._span))

    def print_binder(self) -> Path | None:
        return print_binder(self, self.ctx, self._span, self.day())

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        def first_problem() -> FormDialog | None:
            if self.problems_model.rowCount() and self.selected_problem() is None:
                self.problems.selectRow(0)
            return self.complete_form()

        from qmsdesk.ui.binder_print import BinderDialog

        return {"complete": first_problem, "add-problem": self.add_problem_form, "summary": self.summary_form,
                "approve": self.approve_form, "reopen": self.reopen_form,
                "binder": lambda: BinderDialog(self, self._span, self.day())}


def _show_problem(dialog: FormDialog, text: str) -> None:
    """The problem (or a note) above the form's fields, so the group sees what it is answering."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("padding: 4px; background: #f5f7fa;")
    dialog.layout().insertWidget(1, label)  # under the general error line, above the fields
