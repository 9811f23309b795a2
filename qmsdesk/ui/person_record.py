"""个人培训档案: one person's year — training hours, safety/law trainings, assessments, authorisations.

`services.training.person_record` reads it: figures from analytics/derived (the same numbers the
dashboard and the monthly report use), and the lists behind them.
"""

from __future__ import annotations

import html
import uuid
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.analytics.derived import SAFETY_LAW_MINIMUM
from qmsdesk.changes import Kind
from qmsdesk.clock import today
from qmsdesk.db.enums import AssessmentKind, AuthorisationStatus, TrainingCategory
from qmsdesk.i18n import joined
from qmsdesk.services.staff import people
from qmsdesk.services.training import PersonRecord, person_record, staff_short_of_safety_training
from qmsdesk.ui.context import AppContext
from qmsdesk.ui.forms import PersonPicker
from qmsdesk.ui.pages.base import as_dicts, label_of
from qmsdesk.ui.table_model import CENTER, RIGHT, Column, RowTableModel

GOOD, BAD, WARN = "#2e7d32", "#c62828", "#8a6d00"
EXPIRING_BACKGROUND, EXPIRED_BACKGROUND = QColor("#fff3cd"), QColor("#fde2e1")
YEARS_SHOWN = 3
PEOPLE_KINDS = frozenset({str(Kind.STAFF)})
RECORD_KINDS = frozenset(str(k) for k in (Kind.STAFF, Kind.TRAINING, Kind.TRAINING_ATTENDANCE, Kind.ASSESSMENT,
                                          Kind.AUTHORISATION))


def _table(model: RowTableModel, name: str, stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width or 100)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class PersonRecordView(QWidget):
    """Pick a person (and a year) and read their training record."""

    def __init__(self, ctx: AppContext, staff_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("person-record")
        self.record: PersonRecord | None = None
        self._shown_id: uuid.UUID | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        layout.addLayout(self._choosers())
        self.heading = QLabel()
        self.heading.setObjectName("record-heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.heading)
        layout.addLayout(self._figures())
        layout.addWidget(self._lists(), 1)
        self.year.currentIndexChanged.connect(lambda _i: self.load())
        ctx.changed.connect(self._on_changed)
        if staff_id is not None:
            self.picker.set_value(staff_id)
        self.load()

    def _choosers(self) -> QHBoxLayout:
        """Whose record, and which year."""
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("人员")))
        self.picker = self._make_picker()
        bar.addWidget(self.picker)
        self.bar = bar
        bar.addWidget(QLabel(self.tr("年度")))
        self.year = QComboBox()
        self.year.setObjectName("record-year")
        this_year = today().year
        for y in range(this_year, this_year - YEARS_SHOWN, -1):
            self.year.addItem(self.tr("%1 年").replace("%1", str(y)), y)
        bar.addWidget(self.year)
        bar.addStretch(1)
        return bar

    def _figures(self) -> QGridLayout:
        """The year's figures: hours, safety/law trainings, assessments, authorisations."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.hours = QLabel()
        self.hours.setObjectName("record-hours")
        self.safety = QLabel()
        self.safety.setObjectName("record-safety")
        self.safety.linkActivated.connect(lambda href: self.set_person(uuid.UUID(href)))
        self.assessed = QLabel()
        self.assessed.setObjectName("record-assessments")
        self.authorised = QLabel()
        self.authorised.setObjectName("record-authorisations")
        rows = ((self.tr("本年培训学时"), self.hours), (self.tr("医疗安全/法律法规培训"), self.safety),
                (self.tr("考核"), self.assessed), (self.tr("授权"), self.authorised))
        for i, (label, value) in enumerate(rows):
            caption = QLabel(label + self.tr("："))
            caption.setStyleSheet("color: #555;")
            grid.addWidget(caption, i, 0)
            value.setWordWrap(True)
            grid.addWidget(value, i, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _lists(self) -> QTabWidget:
        """The trainings attended, the assessments and the authorisations, a tab each."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("record-tabs")
        self.training_model = RowTableModel([
            Column("date", self.tr("日期"), width=100),
            Column("topic", self.tr("培训主题"), width=240, free_text=True),
            Column("category", self.tr("类别"), fmt=lambda v: label_of(TrainingCategory, v), width=140),
            Column("hours", self.tr("学时"), align=RIGHT, width=60),
        ], self)
        self.assessment_model = RowTableModel([
            Column("date", self.tr("日期"), width=100),
            Column("subject", self.tr("考核内容"), width=200, free_text=True),
            Column("kind", self.tr("类型"), fmt=lambda v: label_of(AssessmentKind, v), width=80),
            Column("score", self.tr("成绩"), align=RIGHT, width=60),
            Column("passed", self.tr("结果"), fmt=lambda v: self.tr("合格") if v else self.tr("不合格"), align=CENTER,
                   width=70, color=lambda r: QColor(GOOD if r["passed"] else BAD)),
            Column("retake", self.tr("补考"), getter=self._retake_text, width=220,
                   color=lambda r: QColor(BAD) if not r["passed"] and r["retaken"] is None else None),
        ], self)
        self.authorisation_model = RowTableModel([
            Column("item", self.tr("授权项目"), width=180),
            Column("level", self.tr("级别"), width=70),
            Column("granted_on", self.tr("授权日期"), width=100),
            Column("expires_on", self.tr("有效期至"), fmt=lambda v: v.isoformat() if v else self.tr("长期"), width=100),
            Column("status", self.tr("状态"), fmt=lambda v: label_of(AuthorisationStatus, v), width=60),
            Column("due", self.tr("提醒"), getter=self._due_text, width=160,
                   color=lambda r: QColor(BAD) if r["due"] == "expired" else QColor(WARN) if r["due"] else None),
        ], self)
        self.authorisation_model.row_background = lambda r: (
            EXPIRED_BACKGROUND if r["due"] == "expired" else EXPIRING_BACKGROUND if r["due"] else None)
        self.trainings_view = _table(self.training_model, "record-trainings", 1)
        self.assessments_view = _table(self.assessment_model, "record-assessment-list", 1)
        self.authorisations_view = _table(self.authorisation_model, "record-authorisation-list", 0)
        self.tabs.addTab(self.trainings_view, self.tr("参加的培训"))
        self.tabs.addTab(self.assessments_view, self.tr("考核成绩"))
        self.tabs.addTab(self.authorisations_view, self.tr("授权"))
        return self.tabs

    # --- texts ------------------------------------------------------------------------------------
    def _retake_text(self, row: dict[str, Any]) -> str:
        parts = []
        if row["retake_of"] is not None:
            when, score = row["retake_of"]
            parts.append(self.tr("补考（原考核 %1，%2 分）").replace("%1", when.isoformat()).replace("%2", f"{score:g}"))
        if row["retaken"] is not None:
            when, score, passed = row["retaken"]
            verdict = self.tr("合格") if passed else self.tr("不合格")
            parts.append(self.tr("已补考：%1，%2 分，%3").replace("%1", when.isoformat()).replace("%2", f"{score:g}")
                         .replace("%3", verdict))
        elif not row["passed"]:
            parts.append(self.tr("待补考"))
        return "；".join(parts)

    def _due_text(self, row: dict[str, Any]) -> str:
        if row["due"] == "expiring":
            return self.tr("30 天内到期（还剩 %1 天）").replace("%1", str(row["days"]))
        if row["due"] == "expired":
            return self.tr("已过期 %1 天，需重新授权").replace("%1", str(-row["days"]))
        return ""

    # --- loading ----------------------------------------------------------------------------------
    def _make_picker(self) -> PersonPicker:
        picker = PersonPicker(self.ctx.read(people, active_only=False) if self.ctx.is_open else [], allow_none=False)
        picker.setObjectName("record-person")
        picker.setMinimumWidth(200)
        picker.setCurrentIndex(-1)
        picker.currentIndexChanged.connect(lambda _i: self.load())
        picker.lineEdit().editingFinished.connect(self._typed_name)
        return picker

    def _typed_name(self) -> None:
        """A full name typed and Enter pressed (without choosing from the list) also opens that record."""
        staff_id = self.picker.value()
        if staff_id is not None and (self.record is None or self._shown_id != staff_id):
            self.load()

    def _reload_people(self) -> None:
        """The staff list changed (or the database was opened after this view was built)."""
        chosen = self.picker.value()
        fresh = self._make_picker()
        fresh.blockSignals(True)
        fresh.set_value(chosen)
        fresh.blockSignals(False)
        self.bar.replaceWidget(self.picker, fresh)
        self.picker.deleteLater()
        self.picker = fresh

    def _on_changed(self, changes) -> None:
        if changes.touches(PEOPLE_KINDS):
            self._reload_people()
        if changes.touches(RECORD_KINDS):
            self._stale = True
            if self.isVisible():
                self.load()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self.load()

    def set_person(self, staff_id: uuid.UUID, year: int | None = None) -> None:
        if year is not None:
            self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.picker.set_value(staff_id)
        self.load()

    def load(self) -> None:
        self._stale = False
        staff_id, year = self.picker.value(), self.year.currentData()
        if staff_id is None or not self.ctx.is_open:
            self.record = None
            self._show_nobody()
            return
        self.record = self.ctx.read(person_record, staff_id, year)
        self._shown_id = staff_id
        self._show(self.record)

    def _show_nobody(self) -> None:
        self.heading.setText(self.tr("请先选择一位人员（可输入姓名或拼音首字母）。"))
        for label in (self.hours, self.safety, self.assessed, self.authorised):
            label.setText("")
            label.setStyleSheet("")
        if self.ctx.is_open:
            # Where to start: the people the safety/law rule is still waiting for, one click away.
            year = self.year.currentData()
            under = self.ctx.read(staff_short_of_safety_training, year)
            if under:
                links = joined(f'<a href="{sid}">{html.escape(name)}</a>' for sid, name in under)
                self.safety.setText(self.tr("%1 年不足 %2 次的人员：").replace("%1", str(year))
                                    .replace("%2", str(SAFETY_LAW_MINIMUM)) + links)
                self.safety.setStyleSheet(f"color: {BAD};")
        for model in (self.training_model, self.assessment_model, self.authorisation_model):
            model.set_rows([])

    def _show(self, r: PersonRecord) -> None:
        self.heading.setText(self.tr("%1 · %2 年培训考核档案").replace("%1", r.name).replace("%2", str(r.year)))
        self.training_model.set_rows(as_dicts(r.trainings))
        self.assessment_model.set_rows(as_dicts(r.assessments))
        self.authorisation_model.set_rows(as_dicts(r.authorisations))
        f = r.figures
        if f is None:
            self.hours.setText(self.tr("该年度不在职，没有培训要求。"))
            self.safety.setText("")
            self.safety.setStyleSheet("")
        else:
            self.hours.setText(self.tr("%1 学时（参加培训 %2 次）").replace("%1", f"{f.training_hours:g}")
                               .replace("%2", str(f.trainings_attended)))
            if f.meets_safety_rule:
                self.safety.setText(self.tr("%1 次 ✓ 已达到每年至少 %2 次的要求").replace("%1", str(f.safety_law_trainings))
                                    .replace("%2", str(SAFETY_LAW_MINIMUM)))
                self.safety.setStyleSheet(f"color: {GOOD};")
            else:
                self.safety.setText(self.tr("%1 次 ⚠ 不足 %2 次（制度要求每年至少 %2 次），请安排参加")
                                    .replace("%1", str(f.safety_law_trainings))
                                    .replace("%2", str(SAFETY_LAW_MINIMUM)))
                self.safety.setStyleSheet(f"color: {BAD}; font-weight: bold;")
        if f is None or not r.assessments:
            self.assessed.setText(self.tr("本年没有考核记录。"))
            self.assessed.setStyleSheet("")
        else:
            text = self.tr("通过 %1 项；不合格 %2 次；待补考 %3 项").replace("%1", str(f.assessments_passed)) \
                .replace("%2", str(f.assessments_failed)).replace("%3", str(f.assessments_outstanding))
            self.assessed.setText(text)
            self.assessed.setStyleSheet(f"color: {BAD};" if f.assessments_outstanding else "")
        self._show_authorisation_summary(r)

    def _show_authorisation_summary(self, r: PersonRecord) -> None:
        active = sum(1 for a in r.authorisations if a.status == AuthorisationStatus.ACTIVE.value)
        if not r.authorisations:
            self.authorised.setText(self.tr("没有授权记录。"))
            self.authorised.setStyleSheet("")
            return
        text = self.tr("有效 %1 项").replace("%1", str(active))
        if r.expiring:
            text += self.tr("；⚠ %1 项 30 天内到期").replace("%1", str(r.expiring))
        if r.expired:
            text += self.tr("；⚠ %1 项已过期").replace("%1", str(r.expired))
        self.authorised.setText(text)
        self.authorised.setStyleSheet(f"color: {BAD}; font-weight: bold;" if r.expired else
                                      f"color: {WARN}; font-weight: bold;" if r.expiring else "")


class PersonRecordDialog(QDialog):
    """The person view in its own window (opened from an assessment row or the self-test)."""

    def __init__(self, ctx: AppContext, staff_id: uuid.UUID | None = None, parent: QWidget | None = None,
                 year: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dlg-training-person-record")
        self.setWindowTitle(self.tr("个人培训档案"))
        layout = QVBoxLayout(self)
        self.view = PersonRecordView(ctx, staff_id, self)
        if year is not None and staff_id is not None:
            self.view.set_person(staff_id, year)
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 620)

    def done(self, result: int) -> None:
        # A closed record must stop following every change in the window (it would keep reloading unseen).
        self.view.ctx.changed.disconnect(self.view._on_changed)
        super().done(result)
        self.deleteLater()
