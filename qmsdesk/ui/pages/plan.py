"""年度质控计划 page: the year's indicator goals, monthly focus themes, training, inspection and PDCA plans,
each planned item beside what was done (services/plan.py changes them, services/plan_rows.py reads them).

One tab per part of the plan; every tab is a list page whose rows carry the verdict of
services/plan_progress (已开展 / 已完成 / 已落实, 未完成 once its month has ended, 未到期 before).
The plan-against-actual line at the top counts what the dashboard and `qmsdesk status` count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.clock import today
from qmsdesk.db.enums import InspectionFrequency, InspectionKind, TrainingCategory
from qmsdesk.errors import QmsError
from qmsdesk.reports import printouts
from qmsdesk.services import plan as service
from qmsdesk.services import plan_rows as rows
from qmsdesk.ui import messages
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.pages.base import ListPage, Page, Records, as_dicts, label_of
from qmsdesk.ui.printing import safe_name, save_printout
from qmsdesk.ui.registry import spec
from qmsdesk.ui.table_model import CENTER, RIGHT, Column

BEHIND_BACKGROUND = QColor("#fde2e1")
STATE_COLOURS = {rows.DONE: QColor("#2e7d32"), rows.BEHIND: QColor("#c62828"), rows.NOT_DUE: QColor("#757575")}


class PlanList(ListPage):
    """One part of the year's plan: rows read and records added for the year the page shows."""

    show_heading = False
    rows_of: Callable[..., list[Any]]
    add: Callable[..., Any] | None = None

    def __init__(self, ctx, year: Callable[[], int], on: date | None = None, parent=None) -> None:
        self.year = year
        self.on = on
        super().__init__(ctx, parent)
        self.shows = spec("plan").shows  # the page's kinds: each tab reloads with it

    def read_rows(self, ctx) -> list[dict[str, Any]]:
        return as_dicts(ctx.read(type(self).rows_of, self.year(), self.on or today()))

    def create(self, values: dict[str, Any]) -> Any:
        return self.ctx.write(type(self).add, self.year(), **values)

    def month_choices(self) -> list[tuple[int, str]]:
        return [(n, self.month_text(n)) for n in range(1, 13)]

    def month_text(self, month: int) -> str:
        return self.tr("%1月").replace("%1", str(month))

    def state_column(self, words: dict[str, str], width: int = 90) -> Column:
        return Column("state", self.tr("执行情况"), fmt=lambda v: words.get(v, v), width=width,
                      color=lambda r: STATE_COLOURS.get(r["state"]))

    def row_background(self, row: dict[str, Any]) -> QColor | None:
        return BEHIND_BACKGROUND if row.get("state") == rows.BEHIND else None

    def status_of(self, row: dict[str, Any]) -> str | None:
        return row.get("state")


class GoalsList(PlanList):
    key = "plan_goals"
    can_add = False
    can_delete = False
    records = Records(rows=rows.goal_rows)

    def __init__(self, ctx, year, on=None, parent=None) -> None:
        super().__init__(ctx, year, on, parent)
        self.reset_button = QPushButton(self.tr("恢复目录目标"))
        self.reset_button.setObjectName("reset-goal")
        self.reset_button.setToolTip(self.tr("不再使用科室自定的目标，改回指标目录中的目标值。"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.add_buttons(self.reset_button)
        self._update_buttons()

    def read_rows(self, ctx) -> list[dict[str, Any]]:
        return as_dicts(ctx.read(rows.goal_rows, self.year()))

    def title(self) -> str:
        return self.tr("指标年度目标")

    def record_label(self) -> str:
        return self.tr("年度目标")

    def columns(self) -> list[Column]:
        return [
            Column("code", self.tr("编码"), width=110),
            Column("name", self.tr("指标"), width=300),
            Column("target_text", self.tr("目录目标"), align=CENTER, width=90),
            Column("goal_text", self.tr("本年目标"), align=CENTER, width=90,
                   color=lambda r: QColor("#1565c0") if r["own"] else None),
            Column("own", self.tr("来源"), fmt=lambda v: self.tr("科室自定") if v else self.tr("目录"), width=80),
            Column("actual", self.tr("本年累计"), align=RIGHT, width=120),
            Column("months_met", self.tr("达标月数"), align=CENTER, width=80),
            Column("note", self.tr("说明"), width=260, free_text=True),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [Field("goal", self.tr("本年目标（按指标单位）"), "float", required=True, minimum=0, maximum=1_000_000,
                      decimals=3),
                Field("note", self.tr("说明"), "multiline", placeholder=self.tr("例如 上年实际已优于目录目标，科室目标从严"))]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"goal": row["goal"] or 0.0, "note": row["note"]}

    def update(self, row: dict[str, Any], values: dict[str, Any]) -> Any:
        return self.ctx.write(service.set_goal, self.year(), row["code"], values["goal"], note=values.get("note"))

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['code']} {row['name']}"

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "reset_button"):  # made after the base class first asks
            row = self.selected_row()
            self.reset_button.setEnabled(bool(row and row["own"]) and self.ctx.is_open)

    def reset_selected(self) -> bool:
        row = self.selected_row()
        if row is None or not row["own"]:
            return False
        self.ctx.write(service.reset_goal, self.year(), row["code"])
        self.select_id(row["id"])
        return True


class FocusList(PlanList):
    key = "plan_focus"
    has_status_filter = True
    rows_of = staticmethod(rows.focus_rows)
    add = staticmethod(service.add_focus)
    records = Records(rows=rows.focus_rows, update=service.update_focus, delete=service.delete_focus,
                      restore=service.restore_focus)

    def title(self) -> str:
        return self.tr("每月质控重点")

    def record_label(self) -> str:
        return self.tr("质控重点")

    def state_words(self) -> dict[str, str]:
        return {rows.DONE: self.tr("已落实"), rows.BEHIND: self.tr("未落实"), rows.NOT_DUE: self.tr("未到期")}

    def status_choices(self) -> list[tuple[str, str]]:
        return list(self.state_words().items())

    def columns(self) -> list[Column]:
        return [
            Column("month", self.tr("月份"), fmt=self.month_text, align=CENTER, width=60),
            Column("theme", self.tr("质控重点"), width=260, free_text=True),
            self.state_column(self.state_words()),
            Column("found_in", self.tr("落实依据"), getter=self.found_text, width=150),
            Column("details", self.tr("具体内容"), width=240, free_text=True),
            Column("outcome", self.tr("落实情况"), width=240, free_text=True),
        ]

    def found_text(self, row: dict[str, Any]) -> str:
        words = {"meeting": self.tr("%1 会议"), "training": self.tr("%1 培训"), "inspection": self.tr("%1 检查")}
        if row["found_in"] == "outcome":
            return self.tr("已填写落实情况")
        if row["found_in"] in words and row["found_on"] is not None:
            return words[row["found_in"]].replace("%1", row["found_on"].isoformat())
        return ""

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        found = [Field("month", self.tr("月份"), "choice", required=True, choices=self.month_choices()),
                 Field("theme", self.tr("质控重点"), required=True, placeholder=self.tr("例如 跌倒预防、压力性损伤")),
                 Field("details", self.tr("具体内容"), "multiline")]
        if row is not None:  # 落实情况 is written once the month's work is done
            found.append(Field("outcome", self.tr("落实情况"), "multiline",
                               placeholder=self.tr("本月如何落实；填写后即视为已落实")))
        return found

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("month", "theme", "details", "outcome")}

    def describe(self, row: dict[str, Any]) -> str:
        return f"{self.month_text(row['month'])} {row['theme']}"


class TrainingPlanList(PlanList):
    key = "plan_trainings"
    has_status_filter = True
    rows_of = staticmethod(rows.training_plan_rows)
    add = staticmethod(service.add_training)
    records = Records(rows=rows.training_plan_rows, update=service.update_training, delete=service.delete_training,
                      restore=service.restore_training)

    def __init__(self, ctx, year, on=None, parent=None) -> None:
        super().__init__(ctx, year, on, parent)
        self.signin_button = QPushButton(self.tr("打印签到表…"))
        self.signin_button.setObjectName("print-signin")
        self.signin_button.setToolTip(self.tr("按培训对象列出应到人员，签名和签到时间留空。"))
        self.signin_button.clicked.connect(self.print_signin)
        self.add_buttons(self.signin_button)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("培训计划")

    def record_label(self) -> str:
        return self.tr("计划培训")

    def state_words(self) -> dict[str, str]:
        return {rows.DONE: self.tr("已开展"), rows.BEHIND: self.tr("未开展"), rows.NOT_DUE: self.tr("未到期")}

    def status_choices(self) -> list[tuple[str, str]]:
        return list(self.state_words().items())

    def columns(self) -> list[Column]:
        return [
            Column("month", self.tr("月份"), fmt=self.month_text, align=CENTER, width=60),
            Column("topic", self.tr("培训主题"), width=260, free_text=True),
            Column("category", self.tr("类别"), fmt=lambda v: label_of(TrainingCategory, v), width=130),
            Column("hours", self.tr("学时"), align=RIGHT, width=50),
            Column("audience", self.tr("培训对象"), width=90),
            self.state_column(self.state_words()),
            Column("held_on", self.tr("开展日期"), width=100),
            Column("trainer", self.tr("授课人"), width=100),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("month", self.tr("月份"), "choice", required=True, choices=self.month_choices()),
            Field("topic", self.tr("培训主题"), required=True),
            Field("category", self.tr("类别"), "choice", required=True, choices=TrainingCategory.choices()),
            Field("hours", self.tr("计划学时"), "float", required=True, minimum=0.5, maximum=24, decimals=1),
            Field("audience", self.tr("培训对象"), placeholder=self.tr("例如 全体医护、护士、N0–N1 护士")),
            Field("trainer", self.tr("授课人")),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"hours": 1.0}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("month", "topic", "category", "hours", "audience", "trainer")}

    def describe(self, row: dict[str, Any]) -> str:
        return f"{self.month_text(row['month'])} {row['topic']}"

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "signin_button"):  # made after the base class first asks
            self.signin_button.setEnabled(self.selected_row() is not None and self.ctx.is_open)

    def print_signin(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"培训签到表_{self.year()}年{row['month']}月_{safe_name(row['topic'])[:20]}.pdf"
        return save_printout(self, self.ctx, self.tr("打印签到表"), name, printouts.training_signin_pdf, row["id"])


class InspectionPlanList(PlanList):
    key = "plan_inspections"
    rows_of = staticmethod(rows.inspection_plan_rows)
    add = staticmethod(service.add_inspection)
    records = Records(rows=rows.inspection_plan_rows, update=service.update_inspection,
                      delete=service.delete_inspection, restore=service.restore_inspection)

    def title(self) -> str:
        return self.tr("检查计划")

    def record_label(self) -> str:
        return self.tr("计划检查")

    def columns(self) -> list[Column]:
        words = {rows.DONE: self.tr("按计划完成"), rows.BEHIND: self.tr("有未完成"), rows.NOT_DUE: self.tr("未到期")}
        return [
            Column("title", self.tr("检查项目"), width=240, free_text=True),
            Column("kind", self.tr("检查类型"), fmt=lambda v: label_of(InspectionKind, v), width=90),
            Column("frequency", self.tr("频次"), fmt=lambda v: label_of(InspectionFrequency, v), width=80),
            Column("responsible", self.tr("负责人"), width=100),
            Column("done", self.tr("已完成/到期应做"), getter=lambda r: f"{r['done']}/{r['expected']}", align=CENTER,
                   width=110),
            Column("windows", self.tr("全年应做"), align=CENTER, width=70),
            self.state_column(words),
            Column("missed", self.tr("未完成的时段"), width=150),
            Column("template_code", self.tr("评分表"), width=100),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("title", self.tr("检查项目"), required=True, placeholder=self.tr("例如 护理文书质量自查")),
            Field("kind", self.tr("检查类型"), "choice", required=True, choices=InspectionKind.choices()),
            Field("frequency", self.tr("频次"), "choice", required=True, choices=InspectionFrequency.choices()),
            Field("responsible", self.tr("负责人"), placeholder=self.tr("例如 护理质控员")),
            Field("template_code", self.tr("评分表编码"), placeholder=self.tr("使用评分表时填写，可不填")),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"kind": InspectionKind.SELF.value}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("title", "kind", "frequency", "responsible", "template_code")}

    def describe(self, row: dict[str, Any]) -> str:
        return row["title"]


class PdcaPlanList(PlanList):
    key = "plan_pdca"
    rows_of = staticmethod(rows.pdca_plan_rows)
    add = staticmethod(service.add_pdca_theme)
    records = Records(rows=rows.pdca_plan_rows, update=service.update_pdca_theme, delete=service.delete_pdca_theme,
                      restore=service.restore_pdca_theme)

    def title(self) -> str:
        return self.tr("PDCA 主题")

    def record_label(self) -> str:
        return self.tr("PDCA 主题")

    def columns(self) -> list[Column]:
        words = {rows.DONE: self.tr("已启动"), rows.BEHIND: self.tr("未启动"), rows.NOT_DUE: self.tr("未到开始月份")}
        return [
            Column("theme", self.tr("PDCA 主题"), width=300, free_text=True),
            Column("start_month", self.tr("开始月份"), fmt=self.month_text, align=CENTER, width=80),
            Column("indicator_code", self.tr("关联指标"), width=120),
            Column("leader", self.tr("负责人"), width=120),
            self.state_column(words, width=120),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("theme", self.tr("PDCA 主题"), required=True, placeholder=self.tr("例如 降低住院患者跌倒发生率")),
            Field("start_month", self.tr("开始月份"), "choice", required=True, choices=self.month_choices()),
            Field("indicator_code", self.tr("关联指标编码"), placeholder=self.tr("例如 NUR-FALL，可不填")),
            Field("leader", self.tr("负责人")),
        ]

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("theme", "start_month", "indicator_code", "leader")}

    def describe(self, row: dict[str, Any]) -> str:
        return row["theme"]


class PlanPage(Page):
    """The year chooser, the plan-against-actual line, the objectives, and one tab per part of the plan."""

    key = "plan"

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.on = today  # the day the plan is judged on; None: today
        self._year = (today or _today()).year
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        layout.addLayout(self._top_row())
        self.summary = QLabel()
        self.summary.setObjectName("plan-summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("padding: 6px; border: 1px solid #d7dde5; background: white;")
        layout.addWidget(self.summary)
        self.objectives = QLabel()
        self.objectives.setObjectName("plan-objectives")
        self.objectives.setWordWrap(True)
        layout.addWidget(self.objectives)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("plan-tabs")
        self.lists: list[PlanList] = [cls(ctx, self.year, today) for cls in
                                      (GoalsList, FocusList, TrainingPlanList, InspectionPlanList, PdcaPlanList)]
        for sub in self.lists:
            self.tabs.addTab(sub, sub.title())
        layout.addWidget(self.tabs, 1)

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.year_box = QComboBox()
        self.year_box.setObjectName("plan-year")
        self.year_box.currentIndexChanged.connect(self._year_chosen)
        self.objectives_button = QPushButton(self.tr("编辑年度质控目标…"))
        self.objectives_button.setObjectName("edit-objectives")
        self.objectives_button.clicked.connect(lambda: self._run(self.objectives_form()))
        self.copy_button = QPushButton(self.tr("从上一年复制计划"))
        self.copy_button.setObjectName("copy-plan")
        self.copy_button.clicked.connect(self.copy_previous)
        for w in (QLabel(self.tr("年度")), self.year_box, self.objectives_button, self.copy_button):
            row.addWidget(w)
        row.addStretch(1)
        return row

    def year(self) -> int:
        return self._year

    # --- showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        self._fill_years()
        s = self.ctx.read(rows.plan_summary, self._year, self.on or _today())
        self.summary.setText(self.summary_text(s))
        self.objectives.setText(self.tr("年度质控目标：%1").replace("%1", s.objectives) if s.objectives
                                else self.tr("年度质控目标：尚未填写（点“编辑年度质控目标…”）。"))
        has_previous = self.ctx.read(rows.plan_summary, self._year - 1, self.on or _today()).exists
        self.copy_button.setEnabled(has_previous and not self._has_content(s))
        self.copy_button.setText(self.tr("从 %1 年复制计划").replace("%1", str(self._year - 1)))

    def _reload_lists(self) -> None:
        """Another year: every tab reloads, the one on screen now, the others when shown."""
        for sub in self.lists:
            sub._stale = True
        current = self.tabs.currentWidget()
        if isinstance(current, PlanList) and current.isVisible():
            current.refresh()

    @staticmethod
    def _has_content(s: rows.PlanSummary) -> bool:
        return bool(s.trainings_planned or s.inspections_expected or s.focus_due or s.pdca_planned or s.objectives)

    def summary_text(self, s: rows.PlanSummary) -> str:
        if not s.exists:
            return self.tr("%1 年还没有年度质控计划。在下面各页新增条目即可开始（指标目标默认为目录目标），"
                           "或从上一年复制。").replace("%1", str(s.year))
        text = self.tr("截至 %1 的执行情况：培训 %2/%3 项已开展（全年计划 %4 项）；检查 %5/%6 次已完成；"
                       "每月质控重点 %7/%8 项已落实；PDCA 主题 %9/%10 个已启动。")
        values = (s.as_of.isoformat(), s.trainings_held, s.trainings_due, s.trainings_planned, s.inspections_done,
                  s.inspections_expected, s.focus_covered, s.focus_due, s.pdca_started, s.pdca_planned)
        for n in range(len(values), 0, -1):  # %10 before %1
            text = text.replace(f"%{n}", str(values[n - 1]))
        return text

    def _fill_years(self) -> None:
        years = self.ctx.read(rows.plan_years, self.on or _today())
        if self._year not in years:
            years = sorted({*years, self._year}, reverse=True)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            self.year_box.addItem(self.tr("%1 年").replace("%1", str(y)), y)
        self.year_box.setCurrentIndex(self.year_box.findData(self._year))
        self.year_box.blockSignals(False)

    def _year_chosen(self, _index: int) -> None:
        year = self.year_box.currentData()
        if year is not None and year != self._year:
            self.show_year(year)

    def show_year(self, year: int) -> None:
        self._year = year
        self.refresh()
        self._reload_lists()

    def show_record(self, record_id: Any, period: Any = None) -> bool:
        """Open the tab holding a plan item (a `plan_item` finding of the month's check) and select it."""
        if period is not None and getattr(period, "year", self._year) != self._year:
            self.show_year(period.year)
        elif self._stale:
            self.refresh()
        for sub in self.lists[1:]:
            if sub._stale:
                sub.refresh()
            if sub.select_id(record_id):
                self.tabs.setCurrentWidget(sub)
                return True
        return False

    # --- changing ---------------------------------------------------------------------------------
    def _run(self, dialog: QDialog | None) -> bool:
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def objectives_form(self) -> FormDialog:
        year = self._year
        current = self.ctx.read(rows.plan_summary, year, self.on or _today()).objectives
        fields = [Field("objectives", self.tr("年度质控目标与工作重点"), "multiline")]
        save = lambda v: self.ctx.write(service.set_objectives, year, v.get("objectives"))  # noqa: E731
        dialog = FormDialog(self.tr("%1 年度质控目标").replace("%1", str(year)), fields, {"objectives": current}, save,
                            self)
        dialog.setObjectName("dlg-plan-objectives")
        return dialog

    def copy_previous(self) -> bool:
        year = self._year
        question = self.tr("把 %1 年计划的目标、每月重点、培训、检查和 PDCA 主题复制到 %2 年吗？复制后可逐项修改。") \
            .replace("%1", str(year - 1)).replace("%2", str(year))
        if not messages.confirm(self, self.tr("复制年度计划"), question, yes=self.tr("复制")):
            return False
        try:
            self.ctx.write(service.copy_plan, year - 1, year)
        except QmsError as exc:  # a refusal (the year already has content) is said, nothing changes
            self.report_error(exc)
            return False
        return True

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found: dict[str, Callable[[], QDialog | None]] = {"objectives": self.objectives_form}
        for index, sub in enumerate(self.lists):
            for name, make in sub.dialogs().items():
                found[f"{sub.key}-{name}"] = lambda i=index, mk=make: (self.tabs.setCurrentIndex(i), mk())[1]
        return found

    def save_state(self, settings) -> None:
        for sub in self.lists:
            sub.save_state(settings)


def _today() -> date:
    return today()
