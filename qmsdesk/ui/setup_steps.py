"""首次使用设置: after the unit (ui/wizard.py), the steps that get a head nurse to her first month without
typing a person by hand — import the roster, choose the group's members and roles, confirm the indicators
that apply to the department, and set this year's plan defaults.

Each step can be skipped (跳过此步) and is reachable again from 设置, one step at a time
(`SetupWizard(ctx, steps=("group",))`). 下一步 applies the step as one operation on the database worker
(services/setup_steps.py); the roster step's import is the import dialog's own operation.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from qmsdesk.clock import today
from qmsdesk.db.enums import GroupRole, Profession
from qmsdesk.errors import QmsError
from qmsdesk.services import setup_steps as service
from qmsdesk.services.imports import STAFF
from qmsdesk.services.staff import staff_rows
from qmsdesk.ui.operations import DataContext

ROSTER, GROUP, INDICATORS, PLAN = "roster", "group", "indicators", "plan"
STEPS = (ROSTER, GROUP, INDICATORS, PLAN)
ERROR_STYLE = "color: #b00020;"


def step_title(step: str) -> str:
    return {ROSTER: QCoreApplication.translate("setup", "导入人员名单"),
            GROUP: QCoreApplication.translate("setup", "质控小组成员与角色"),
            INDICATORS: QCoreApplication.translate("setup", "本科室适用的质量指标"),
            PLAN: QCoreApplication.translate("setup", "今年的年度质控计划")}[step]


class Step(QWizardPage):
    """One step: `load()` reads what it shows when it is reached, `apply()` writes it on 下一步."""

    key = ""

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"step-{self.key}")
        self.setTitle(step_title(self.key))
        self.body = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

    def note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.body.addWidget(label)
        return label

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.error.hide()
        self.load()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        if getattr(self.wizard(), "skipping", False):
            return True
        try:
            self.apply()
        except QmsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        return True

    def load(self) -> None:
        """Read what the step shows (the data may have changed since the wizard opened)."""

    def apply(self) -> None:
        """Write the step's choices (nothing for a step whose work is done by its own dialog)."""


class RosterStep(Step):
    key = ROSTER

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setSubTitle(self.tr("把护理部或人事科给的 Excel 名单直接导入，不必逐个录入。"))
        self.note(self.tr("名单中需要有 姓名、工号、专业类别 三列；性别、职称、护士层级、入职日期、执业证书号 可有可无。"
                          "没有现成名单时，可在导入窗口中下载模板，填好后再导入。"))
        self.count = QLabel()
        self.count.setObjectName("count")
        self.count.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.count)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("从 Excel 导入名单…"))
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(lambda: self.import_form().exec() and self.load())
        row.addWidget(self.import_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.note(self.tr("也可以跳过这一步，以后在“人员”页导入或逐个添加。"))
        self.body.addWidget(self.error)

    def import_form(self):
        from qmsdesk.ui.import_dialog import import_dialog

        return import_dialog(self.ctx, STAFF, self)

    def load(self) -> None:
        n = len(self.ctx.read(staff_rows))
        self.count.setText(self.tr("人员名单现有 %1 人。").replace("%1", str(n)))


class GroupStep(Step):
    key = GROUP

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setSubTitle(self.tr("勾选质控小组成员并选择角色；小组要有一位组长。"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("members")
        self.table.setHorizontalHeaderLabels([self.tr("小组成员"), self.tr("姓名"), self.tr("工号"), self.tr("职称"),
                                              self.tr("小组角色")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("新成员的起始日期：")))
        self.start = QDateEdit(QDate.currentDate())
        self.start.setObjectName("start")
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setCalendarPopup(True)
        row.addWidget(self.start)
        row.addStretch(1)
        self.body.addLayout(row)
        self.note(self.tr("不在名单中的人员请先在上一步导入。已卸任的成员在“质控小组”页修改。"))
        self.body.addWidget(self.error)
        self.people: list[service.Candidate] = []

    def load(self) -> None:
        self.people = self.ctx.read(service.group_candidates)
        self.table.setRowCount(len(self.people))
        for i, person in enumerate(self.people):
            check = QCheckBox()
            check.setChecked(person.role is not None)
            role = QComboBox()
            for value, text in GroupRole.choices():
                role.addItem(text, value)
            role.setCurrentIndex(max(role.findData(person.role or GroupRole.MEMBER.value), 0))
            role.currentIndexChanged.connect(lambda _i, c=check: c.setChecked(True))
            self.table.setCellWidget(i, 0, _centred(check))
            for col, text in enumerate((person.name, person.employee_no,
                                        person.title or _profession(person.profession)), start=1):
                self.table.setItem(i, col, QTableWidgetItem(text))
            self.table.setCellWidget(i, 4, role)

    def choose(self, employee_no: str, role: str) -> None:
        """Tick the person with `employee_no` and give them `role` (what a click on the row and its list does)."""
        i = next(i for i, p in enumerate(self.people) if p.employee_no == employee_no)
        role_box: QComboBox = self.table.cellWidget(i, 4)
        role_box.setCurrentIndex(role_box.findData(role))
        self._check(i).setChecked(True)

    def _check(self, row: int) -> QCheckBox:
        return self.table.cellWidget(row, 0).findChild(QCheckBox)

    def chosen(self) -> list[tuple[uuid.UUID, str]]:
        return [(p.staff_id, self.table.cellWidget(i, 4).currentData()) for i, p in enumerate(self.people)
                if self._check(i).isChecked()]

    def apply(self) -> None:
        roles = self.chosen()
        if roles:
            self.ctx.write(service.set_group_roles, roles, self.start.date().toPython())


class IndicatorsStep(Step):
    key = INDICATORS

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setSubTitle(self.tr("按科室类型已勾选质控办目录中的常用指标；不适用的取消勾选，每月只需填写勾选的指标。"))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("indicators")
        self.table.setHorizontalHeaderLabels([self.tr("适用"), self.tr("代码"), self.tr("指标名称"),
                                              self.tr("本科室类型常用")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.error)
        self.lines: list[service.IndicatorLine] = []

    def load(self) -> None:
        self.lines = self.ctx.read(service.indicator_lines)
        self.table.setRowCount(len(self.lines))
        for i, line in enumerate(self.lines):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if line.applicable else Qt.CheckState.Unchecked)
            self.table.setItem(i, 0, check)
            for col, text in enumerate((line.code, line.name, "✓" if line.for_department else ""), start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(line.name)
                self.table.setItem(i, col, item)

    def chosen(self) -> list[str]:
        return [line.code for i, line in enumerate(self.lines)
                if self.table.item(i, 0).checkState() == Qt.CheckState.Checked]

    def apply(self) -> None:
        self.ctx.write(service.set_applicable_indicators, self.chosen())


class PlanStep(Step):
    key = PLAN

    def __init__(self, ctx: DataContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("计划年度：")))
        self.year = QComboBox()
        self.year.setObjectName("plan-year")
        this_year = today().year
        for year in (this_year, this_year + 1):
            self.year.addItem(self.tr("%1 年").replace("%1", str(year)), year)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        self.body.addLayout(year_row)
        self.year_label = QLabel()
        self.year_label.setWordWrap(True)
        self.body.addWidget(self.year_label)
        self.body.addWidget(QLabel(self.tr("年度质控目标与工作重点：")))
        self.objectives = QPlainTextEdit()
        self.objectives.setObjectName("objectives")
        self.objectives.setFixedHeight(90)
        self.body.addWidget(self.objectives)
        self.inspection = QCheckBox(self.tr("每月一次科室护理质量自查（列入年度检查计划）"))
        self.inspection.setObjectName("monthly-inspection")
        self.training = QCheckBox(self.tr("每季度一次核心制度与质量安全培训（3、6、9、12 月）"))
        self.training.setObjectName("quarterly-training")
        self.copy = QCheckBox(self.tr("改为复制去年的年度计划"))
        self.copy.setObjectName("copy-last-year")
        self.copy.toggled.connect(self._copy_toggled)
        self._year_chosen = False
        self.year.currentIndexChanged.connect(self._year_changed)
        for box in (self.inspection, self.training, self.copy):
            box.setChecked(box is not self.copy)
            self.body.addWidget(box)
        self.note(self.tr("指标的年度目标值先采用质控办目录中的目标值，以后可在年度计划中修改。"))
        self.body.addStretch(1)
        self.body.addWidget(self.error)
        self.defaults: service.PlanDefaults | None = None

    def load(self) -> None:
        # the year the rule proposes (next year's plan from December on) until the user picks one
        d = self.defaults = self.ctx.read(service.plan_defaults, self.year.currentData() if self._year_chosen else None)
        self.year.blockSignals(True)
        self.year.setCurrentIndex(max(self.year.findData(d.year), 0))
        self.year.blockSignals(False)
        self.setSubTitle(self.tr("%1 年的计划：目标和常规安排，填好后每月的工作台会提示计划中的事项。")
                         .replace("%1", str(d.year)))
        if d.exists:
            self.year_label.setText(self.tr("%1 年已有计划（%2 项检查、%3 项培训）；这里只补充没有的常规项目。")
                                    .replace("%1", str(d.year)).replace("%2", str(d.inspections))
                                    .replace("%3", str(d.trainings)))
        else:
            self.year_label.setText(self.tr("%1 年还没有年度质控计划。").replace("%1", str(d.year)))
        self.objectives.setPlainText(d.objectives)
        self.copy.setVisible(d.last_year_exists and not d.exists)

    def _year_changed(self, _index: int) -> None:
        self._year_chosen = True
        self.load()

    def _copy_toggled(self, on: bool) -> None:
        for widget in (self.objectives, self.inspection, self.training):
            widget.setEnabled(not on)

    def apply(self) -> None:
        assert self.defaults is not None
        self.ctx.write(service.apply_plan_defaults, self.defaults.year,
                       objectives=self.objectives.toPlainText(), monthly_self_inspection=self.inspection.isChecked(),
                       quarterly_training=self.training.isChecked(),
                       copy_last_year=not self.copy.isHidden() and self.copy.isChecked())


_STEP_CLASSES: dict[str, type[Step]] = {ROSTER: RosterStep, GROUP: GroupStep, INDICATORS: IndicatorsStep,
                                        PLAN: PlanStep}


class SetupWizard(QWizard):
    """The steps in order; 跳过此步 moves on without writing, 以后再说 closes (everything is in 设置 too)."""

    def __init__(self, ctx: DataContext, steps: Sequence[str] = STEPS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-setup")
        self.setWindowTitle(self.tr("首次使用设置") if len(steps) > 1 else step_title(steps[0]))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.skipping = False
        self.steps: dict[str, Step] = {}
        for key in steps:
            page = _STEP_CLASSES[key](ctx)
            self.steps[key] = page
            self.addPage(page)
        if len(steps) > 1:
            self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
            self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("跳过此步"))
            self.customButtonClicked.connect(lambda _which: self.skip())
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成") if len(steps) > 1 else self.tr("保存"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("以后再说") if len(steps) > 1 else self.tr("取消"))
        self.resize(860, 620)

    def step(self, key: str) -> Step:
        return self.steps[key]

    def skip(self) -> None:
        """Go on without writing this step (the last step's skip closes the wizard)."""
        self.skipping = True
        try:
            if self.currentId() == self.pageIds()[-1]:
                self.accept()
            else:
                self.next()
        finally:
            self.skipping = False


def after_first_open(window, ctx: DataContext) -> None:
    """The first run: once the new database is open in `window`, the setup steps follow the unit."""
    from PySide6.QtCore import QTimer

    def start() -> None:
        ctx.opened.disconnect(start)
        QTimer.singleShot(0, lambda: SetupWizard(ctx, parent=window).exec())

    ctx.opened.connect(start)


def _centred(widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, alignment=Qt.AlignmentFlag.AlignCenter)
    return holder


def _profession(code: str) -> str:
    return Profession(code).label if code in Profession._value2member_map_ else code
