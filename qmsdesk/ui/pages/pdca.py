"""持续改进（PDCA）page: the unit's improvement projects, and under the list the selected one as its case
(ui/pdca_panel.py) with the actions of each part — indicators and targets, the current-state Pareto's source,
causes and 要因, countermeasures (each a ledger item), the implementation log, the stage moves P→D→C→A and the
printed case. Every change is an operation of services/pdca.py; a refused stage move shows the service's
reasons as it gave them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton

from qmsdesk.analytics.pdca_case import project_case, project_rows
from qmsdesk.clock import today
from qmsdesk.db.enums import EventCategory, FishboneCategory, PdcaStage
from qmsdesk.errors import QmsError, ValidationError
from qmsdesk.periods import Period
from qmsdesk.reports.pdca_pdf import write_case_pdf
from qmsdesk.services import pdca as service
from qmsdesk.services.indicators import indicator_choices
from qmsdesk.services.staff import people
from qmsdesk.ui import messages
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Records, label_of
from qmsdesk.ui.pdca_panel import STAGE_LETTERS, CasePanel
from qmsdesk.ui.table_model import Column


class PdcaPage(ListPage):
    key = "pdca"
    select_first = True
    has_status_filter = True
    records = Records(rows=project_rows, create=service.create_project, update=service.update_project,
                      delete=service.delete_project)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.case_panel = CasePanel()
        self.table.setMaximumHeight(150)  # a unit runs a few projects a year: the case gets the room
        self.body.addWidget(self.case_panel, 3)
        self.move_button = self._button("pdca-move", self.tr("进入下一阶段"), self.move_on)
        self.back_button = self._button("pdca-back", self.tr("退回实施（D）…"), self.move_back)
        self.print_button = self._button("pdca-print", self.tr("打印案例（PDF）…"), self.print_case)
        self.next_button = self._button("pdca-next-cycle", self.tr("开始下一轮…"), self.next_cycle)
        self.add_buttons(self.move_button, self.back_button, self.print_button, self.next_button)
        self._panel_buttons()
        self.table.selectionModel().selectionChanged.connect(self.show_selected)
        self._update_buttons()

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _panel_buttons(self) -> None:
        """The buttons of each tab, at its top right."""
        actions = {
            "indicators": [("pdca-add-indicator", self.tr("添加指标及目标…"), self.add_indicator)],
            "analysis": [("pdca-source", self.tr("现状分析来源…"), self.set_source),
                         ("pdca-add-cause", self.tr("新增原因…"), self.add_cause),
                         ("pdca-remove-cause", self.tr("删除所选原因"), self.remove_cause)],
            "countermeasures": [("pdca-add-countermeasure", self.tr("新增对策…"), self.add_countermeasure),
                                ("pdca-remove-countermeasure", self.tr("删除所选对策"), self.remove_countermeasure),
                                ("pdca-open-ledger", self.tr("在整改台账中查看"), lambda: self.open_page.emit("ledger"))],
            "log": [("pdca-add-log", self.tr("新增实施记录…"), self.add_log),
                    ("pdca-remove-log", self.tr("删除所选记录"), self.remove_log)],
            "standard": [("pdca-edit-texts", self.tr("填写效果确认、标准化与下一轮…"), self.edit_selected)],
        }
        self.panel_buttons: dict[str, QPushButton] = {}
        for tab, entries in actions.items():
            bar = self.case_panel.bars[tab]
            for name, text, slot in entries:
                button = self._button(name, text, slot)
                self.panel_buttons[name] = button
                bar.insertWidget(bar.count() - 1, button)

    def _month(self, text: str | None) -> str | None:
        """A local check of a month field: blank, or a month written YYYY-MM."""
        if not text or not text.strip():
            return None
        try:
            Period.parse(text.strip())
        except (QmsError, ValueError):
            return self.tr("请按 YYYY-MM 填写月份，如 2026-01。")
        return None

    # --- declarations -------------------------------------------------------------------------------
    def record_label(self) -> str:
        return self.tr("改进项目")

    def columns(self) -> list[Column]:
        return [
            Column("title", self.tr("改进主题"), width=220, free_text=True),
            Column("stage", self.tr("阶段"), fmt=lambda v: label_of(PdcaStage, v), width=90),
            Column("started_on", self.tr("立项日期"), width=90),
            Column("leader", self.tr("负责人"), width=70),
            Column("progress", self.tr("进展"), width=420, free_text=True),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        month = self.tr("YYYY-MM，如 2026-01")
        out = [
            Field("title", self.tr("改进主题"), required=True),
            Field("reason", self.tr("选题理由"), "multiline", required=True),
            Field("started_on", self.tr("立项日期"), "date", required=True),
            Field("leader_id", self.tr("项目负责人"), "person", people=self.ctx.read(people)),
            Field("team", self.tr("小组成员")),
            Field("current_state", self.tr("现状描述"), "multiline"),
            Field("baseline_start", self.tr("基线开始月份"), placeholder=month, check=self._month),
            Field("baseline_end", self.tr("基线结束月份"), placeholder=month, check=self._month),
        ]
        if row is not None:
            out += [
                Field("change_period", self.tr("改进措施生效月份"), placeholder=month, check=self._month),
                Field("check_summary", self.tr("效果确认结论"), "multiline"),
                Field("standardization", self.tr("标准化（形成的制度、流程、培训）"), "multiline"),
                Field("next_cycle", self.tr("检讨与下一轮计划"), "multiline"),
            ]
        return out

    def make_form(self, row: dict[str, Any] | None) -> FormDialog:
        dialog = super().make_form(row)
        dialog.setMinimumWidth(680)  # the reason, the current state and the conclusions are paragraphs
        return dialog

    def default_values(self) -> dict[str, Any]:
        return {"started_on": today()}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.read(service.project_values, row["id"])

    def row_id(self, record_id: Any) -> Any:
        return str(record_id)

    def describe(self, row: dict[str, Any]) -> str:
        return row["title"]

    def status_choices(self) -> list[tuple[str, str]]:
        return PdcaStage.choices()

    def status_of(self, row: dict[str, Any]) -> str:
        return row["stage"]

    # --- the selected project -------------------------------------------------------------------------
    def project_id(self) -> str | None:
        row = self.selected_row()
        return row["id"] if row else None

    def show_selected(self, *_args) -> None:
        pid = self.project_id()
        self.case_panel.show_case(self.ctx.read(project_case, pid) if pid else None)
        self._update_buttons()

    def rows_loaded(self) -> None:
        self.show_selected()

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if not hasattr(self, "case_panel"):
            return
        case = self.case_panel.case
        open_ = case is not None and case.stage != PdcaStage.CLOSED
        nxt = case.next_stage if case else None
        self.move_button.setEnabled(open_)
        self.move_button.setText(self.tr("进入下一阶段") if nxt is None else self.tr("进入下一阶段：%1").replace(
            "%1", PdcaStage(nxt).label))
        self.back_button.setVisible(case is not None and case.stage == PdcaStage.CHECK)
        self.print_button.setEnabled(case is not None)
        self.next_button.setEnabled(case is not None and case.stage == PdcaStage.CLOSED and case.next_title is None)
        self.next_button.setToolTip(self.tr("已开始下一轮：%1").replace("%1", case.next_title)
                                    if case is not None and case.next_title else "")
        for button in self.panel_buttons.values():
            button.setEnabled(open_)
        self.panel_buttons["pdca-open-ledger"].setEnabled(case is not None)

    def _form(self, name: str, title: str, fields: list[Field], save: Callable[[dict[str, Any]], Any],
              values: dict[str, Any] | None = None) -> FormDialog:
        dialog = FormDialog(f"{title} — {self.selected_row()['title']}", fields, values or {}, save, self)
        dialog.setObjectName(f"dlg-pdca-{name}")
        return dialog

    def _run(self, make: Callable[[str], FormDialog]) -> bool:
        pid = self.project_id()
        return pid is not None and make(pid).exec() == QDialog.DialogCode.Accepted

    # --- forms of the tabs -------------------------------------------------------------------------------
    def indicator_form(self, pid: str) -> FormDialog:
        choices = [(c.code, f"{c.code} {c.name}") for c in self.ctx.read(indicator_choices, applicable_only=True)]
        fields = [Field("code", self.tr("改进的指标"), "choice", required=True, choices=choices),
                  Field("target", self.tr("目标值"), "float", required=True, decimals=3)]
        return self._form("indicator", self.tr("添加指标及目标"), fields,
                          lambda v: self.ctx.write(service.add_indicator, pid, **v))

    def source_form(self, pid: str) -> FormDialog:
        month = self.tr("YYYY-MM")
        templates = self.ctx.read(service.template_choices)
        fields = [Field("kind", self.tr("柏拉图的来源"), "choice", required=True,
                        choices=[("checklist", self.tr("检查扣分（评分表）")), ("events", self.tr("不良事件原因因素"))]),
                  Field("start", self.tr("开始月份"), required=True, placeholder=month, check=self._month),
                  Field("end", self.tr("结束月份"), required=True, placeholder=month, check=self._month),
                  Field("template_code", self.tr("评分表（空白为全部）"), "choice", choices=templates),
                  Field("event_category", self.tr("事件类别（空白为全部）"), "choice", choices=EventCategory.choices())]
        case = self.case_panel.case
        values = dict(case.analysis_source) if case and case.analysis_source else {}
        values["template_code"] = values.pop("template", None)
        return self._form("source", self.tr("现状分析来源"), fields,
                          lambda v: self.ctx.write(service.set_analysis_source, pid, **v), values)

    def cause_form(self, pid: str) -> FormDialog:
        fields = [Field("category", self.tr("原因类别"), "choice", required=True, choices=FishboneCategory.choices()),
                  Field("description", self.tr("原因"), required=True),
                  Field("key_cause", self.tr("确认为要因"), "bool"),
                  Field("verification", self.tr("要因验证（方法与结果）"), "multiline")]
        return self._form("cause", self.tr("新增原因"), fields, lambda v: self.ctx.write(service.add_cause, pid, **v))

    def countermeasure_form(self, pid: str) -> FormDialog:
        case = self.case_panel.case
        causes = [(c.id, c.description) for c in case.causes if c.key_cause]
        fields = [Field("what", self.tr("对策（What）"), required=True),
                  Field("why", self.tr("理由（Why）"), required=True),
                  Field("where", self.tr("地点（Where）"), required=True),
                  Field("how", self.tr("方法（How）"), "multiline", required=True),
                  Field("responsible_id", self.tr("负责人（Who）"), "person", required=True, people=self.ctx.read(people)),
                  Field("deadline", self.tr("完成期限（When）"), "date", required=True),
                  Field("cause_id", self.tr("针对的要因（可空）"), "choice", choices=causes)]
        dialog = self._form("countermeasure", self.tr("新增对策"), fields,
                            lambda v: self.ctx.write(service.add_countermeasure, pid, **v))
        note = self.tr("保存后对策即成为整改台账中的一项，由负责人在台账中推进、验证、销号。")
        dialog.extra.addWidget(QLabel(note))
        return dialog

    def log_form(self, pid: str) -> FormDialog:
        fields = [Field("on", self.tr("日期"), "date", required=True),
                  Field("note", self.tr("做了什么"), "multiline", required=True)]
        return self._form("log", self.tr("新增实施记录"), fields, lambda v: self.ctx.write(service.add_log, pid, **v),
                          {"on": today()})

    def add_indicator(self) -> bool:
        return self._run(self.indicator_form)

    def set_source(self) -> bool:
        return self._run(self.source_form)

    def add_cause(self) -> bool:
        return self._run(self.cause_form)

    def add_countermeasure(self) -> bool:
        return self._run(self.countermeasure_form)

    def add_log(self) -> bool:
        return self._run(self.log_form)

    # --- removing a part written by mistake ------------------------------------------------------------
    def _remove(self, table, parts, what: str, describe: Callable[[Any], str], change: Callable[..., Any],
                note: str = "") -> bool:
        """Remove the part selected in `table` (rows in the order of `parts`) after the user confirms."""
        row = table.currentRow()
        if not 0 <= row < len(parts):
            messages.info(self, self.tr("删除"), self.tr("请先在表格中选中要删除的%1。").replace("%1", what))
            return False
        text = self.tr("删除%1“%2”？").replace("%1", what).replace("%2", describe(parts[row])) + note
        if not messages.confirm(self, self.tr("删除"), text, self.tr("删除")):
            return False
        try:
            self.ctx.write(change, parts[row].id)
        except ValidationError as exc:
            messages.error(self, self.tr("不能删除"), "\n".join(e.message for e in exc.errors))
            return False
        return True

    def remove_cause(self) -> bool:
        case = self.case_panel.case
        return case is not None and self._remove(self.case_panel.causes, case.causes, self.tr("原因"),
                                                 lambda c: c.description, service.remove_cause)

    def remove_countermeasure(self) -> bool:
        case = self.case_panel.case
        return case is not None and self._remove(
            self.case_panel.measures, case.countermeasures, self.tr("对策"), lambda c: c.what, service.remove_countermeasure,
            self.tr("\n它在整改台账中的事项仍保留，如不再需要请在整改台账中处理。"))

    def remove_log(self) -> bool:
        case = self.case_panel.case
        return case is not None and self._remove(self.case_panel.log, case.log, self.tr("实施记录"),
                                                 lambda e: f"{e.date.isoformat()} {e.note[:20]}", service.remove_log_entry)

    # --- stages, printing, the next cycle -----------------------------------------------------------------
    def move_on(self) -> bool:
        """Move to the next stage; the service's refusal, with everything still missing, is shown as it said it."""
        case = self.case_panel.case
        if case is None or case.next_stage is None:
            return False
        try:
            self.ctx.write(service.move, case.id, case.next_stage)
        except ValidationError as exc:
            messages.error(self, self.tr("不能进入下一阶段"), "\n".join(e.message for e in exc.errors))
            return False
        return True

    def back_form(self, pid: str) -> FormDialog:
        fields = [Field("note", self.tr("退回原因（效果未达到的情况）"), "multiline", required=True)]
        return self._form("back", self.tr("退回实施（D）"), fields,
                          lambda v: self.ctx.write(service.move, pid, PdcaStage.DO.value, **v))

    def move_back(self) -> bool:
        return self._run(self.back_form)

    def next_form(self, pid: str) -> FormDialog:
        fields = [Field("started_on", self.tr("新一轮立项日期"), "date", required=True),
                  Field("title", self.tr("改进主题（不填沿用本轮）")),
                  Field("reason", self.tr("选题理由（不填沿用本轮的下一轮计划）"), "multiline")]
        return self._form("next", self.tr("开始下一轮"), fields,
                          lambda v: self.ctx.write(service.start_next_cycle, pid, **v), {"started_on": today()})

    def next_cycle(self) -> bool:
        pid = self.project_id()
        if pid is None:
            return False
        dialog = self.next_form(pid)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.select_result(dialog.result_value)
        return True

    def print_case(self, path: str | Path | None = None) -> Path | None:
        """Save the case write-up as a PDF where the user chooses."""
        case = self.case_panel.case
        if case is None:
            return None
        if path is None:
            letter = STAGE_LETTERS.get(case.stage, "")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存持续改进案例"), f"持续改进案例-{case.title}{letter}.pdf",
                                                  self.tr("PDF 文件 (*.pdf)"))
            if not path:
                return None
        try:
            written = self.ctx.read(write_case_pdf, case.id, path)
        except QmsError as exc:
            self.report_error(exc)
            return None
        messages.info(self, self.tr("已保存"), self.tr("持续改进案例已保存到：%1").replace("%1", str(written)))
        return written

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        for name, make in (("indicator", self.indicator_form), ("source", self.source_form),
                           ("cause", self.cause_form), ("countermeasure", self.countermeasure_form),
                           ("log", self.log_form)):
            found[name] = lambda make=make: self.with_selection(lambda: make(self.project_id()) if self.project_id() else None)
        return found
