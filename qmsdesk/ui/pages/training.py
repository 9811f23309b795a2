"""培训考核 page: training sessions and assessments, each in its own tab (services/training.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QTabWidget, QVBoxLayout, QWidget

from qmsdesk.changes import Kind
from qmsdesk.db.enums import AssessmentKind, TrainingCategory
from qmsdesk.reports import printouts
from qmsdesk.services import imports
from qmsdesk.services import training as service
from qmsdesk.services.staff import people
from qmsdesk.ui.attendance import training_attendance_dialog
from qmsdesk.ui.forms import Field
from qmsdesk.ui.import_dialog import import_dialog
from qmsdesk.ui.pages.base import ListPage, Page, Records, label_of
from qmsdesk.ui.person_record import PersonRecordDialog, PersonRecordView
from qmsdesk.ui.printing import print_menu_button, safe_name, save_printout
from qmsdesk.ui.score_grid import score_grid_dialog
from qmsdesk.ui.settings import UiSettings
from qmsdesk.ui.table_model import CENTER, RIGHT, Column

PASS_COLOUR, FAIL_COLOUR = QColor("#2e7d32"), QColor("#c62828")
TRAINING_KINDS = frozenset(str(k) for k in (Kind.TRAINING, Kind.TRAINING_ATTENDANCE, Kind.ASSESSMENT, Kind.STAFF))


class TrainingSessionsList(ListPage):
    key = "training_sessions"
    shows = TRAINING_KINDS
    has_month_filter = True
    show_heading = False
    records = Records(rows=service.training_rows, create=service.create_training_session,
                      update=service.update_training_session, delete=service.delete_training_session,
                      restore=service.restore_training_session)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.attendance_button = QPushButton(self.tr("出席情况…"))
        self.attendance_button.setObjectName("attendance")
        self.attendance_button.clicked.connect(lambda: self._run(self.attendance_form()))
        self.scores_button = QPushButton(self.tr("录入成绩…"))
        self.scores_button.setObjectName("scores")
        self.scores_button.clicked.connect(lambda: self._run(self.scores_form()))
        self.print_button = print_menu_button(self, [
            (self.tr("签到表…"), "print-signin", self.print_signin),
            (self.tr("培训记录（出勤与成绩）…"), "print-record", self.print_record),
        ])
        self.import_button = QPushButton(self.tr("从 Excel 导入"))
        self.import_button.setObjectName("import")
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("签到表…"), lambda: self._run(self.import_attendance_form()))
        menu.addAction(self.tr("考核成绩…"), lambda: self._run(self.import_scores_form()))
        self.import_button.setMenu(menu)
        self.add_buttons(self.attendance_button, self.scores_button, self.print_button, self.import_button)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("培训")

    def record_label(self) -> str:
        return self.tr("培训")

    def month_of(self, row: dict[str, Any]) -> str:
        return row["date"].isoformat()[:7]

    def columns(self) -> list[Column]:
        return [
            Column("date", self.tr("日期"), width=100),
            Column("topic", self.tr("培训主题"), width=260, free_text=True),
            Column("category", self.tr("类别"), fmt=lambda v: label_of(TrainingCategory, v), width=140),
            Column("hours", self.tr("学时"), align=RIGHT, width=60),
            Column("trainer", self.tr("授课人"), width=90),
            Column("present", self.tr("出席人数"), align=CENTER, width=80),
            Column("place", self.tr("地点"), width=120),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("topic", self.tr("培训主题"), required=True),
            Field("category", self.tr("类别"), "choice", required=True, choices=TrainingCategory.choices()),
            Field("hours", self.tr("学时"), "float", required=True, minimum=0.5, maximum=100, decimals=1),
            Field("date", self.tr("培训日期"), "date", required=True),
            Field("trainer", self.tr("授课人")),
            Field("place", self.tr("地点")),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"hours": 1.0}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("topic", "category", "hours", "date", "trainer", "place")}

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['date'].isoformat()} {row['topic']}"

    # --- attendance and the score grid (ui/attendance.py, ui/score_grid.py) ------------------------
    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        for button in (self.attendance_button, self.scores_button, getattr(self, "print_button", None),
                       getattr(self, "import_button", None)):
            if button is not None:  # the print and import buttons are made after the base class first asks
                button.setEnabled(self.selected_row() is not None and self.ctx.is_open)

    # --- printing (reports/printouts.py); a planned training's sign-in sheet prints from 年度质控计划 ------------
    def print_signin(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"培训签到表_{row['date'].isoformat()}_{safe_name(row['topic'])[:20]}.pdf"
        return save_printout(self, self.ctx, self.tr("打印签到表"), name, printouts.training_signin_pdf, row["id"])

    def print_record(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"培训记录_{row['date'].isoformat()}_{safe_name(row['topic'])[:20]}.pdf"
        return save_printout(self, self.ctx, self.tr("打印培训记录"), name, printouts.training_record_pdf, row["id"])

    def _run(self, dialog: QDialog | None) -> bool:
        return dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def attendance_form(self) -> QDialog | None:
        row = self.selected_row()
        return training_attendance_dialog(self.ctx, row["id"], self) if row is not None else None

    def scores_form(self) -> QDialog | None:
        row = self.selected_row()
        return score_grid_dialog(self.ctx, row["id"], self) if row is not None else None

    def import_attendance_form(self) -> QDialog | None:
        return self._import_form(imports.ATTENDANCE)

    def import_scores_form(self) -> QDialog | None:
        return self._import_form(imports.SCORES)

    def _import_form(self, kind: str) -> QDialog | None:
        """A sheet for the selected session: its sign-in sheet, or its scores (topic and date from the session)."""
        row = self.selected_row()
        if row is None:
            return None
        return import_dialog(self.ctx, kind, self, training_id=row["id"], training_label=self.describe(row))

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["attendance"] = lambda: self.with_selection(self.attendance_form)
        found["scores"] = lambda: self.with_selection(self.scores_form)
        found["import-attendance"] = lambda: self.with_selection(self.import_attendance_form)
        found["import-scores"] = lambda: self.with_selection(self.import_scores_form)
        return found


class AssessmentsList(ListPage):
    key = "assessments"
    shows = TRAINING_KINDS
    has_month_filter = True
    has_status_filter = True
    show_heading = False
    records = Records(rows=service.assessment_rows, create=service.create_assessment,
                      update=service.update_assessment, delete=service.delete_assessment,
                      restore=service.restore_assessment)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.record_button = QPushButton(self.tr("个人培训档案…"))
        self.record_button.setObjectName("person-record")
        self.record_button.clicked.connect(lambda: self.person_record_form().exec())
        self.import_button = QPushButton(self.tr("从 Excel 导入成绩…"))
        self.import_button.setObjectName("import")
        self.import_button.setToolTip(self.tr("成绩表中需有考核内容和考核日期两列；某次培训的成绩请在“培训”标签中导入。"))
        self.import_button.clicked.connect(lambda: self.import_form().exec())
        self.add_buttons(self.record_button, self.import_button)

    def import_form(self) -> QDialog:
        """Scores standing on their own (an exam not tied to a recorded session): subject and date from the sheet."""
        return import_dialog(self.ctx, imports.SCORES, self)

    def title(self) -> str:
        return self.tr("考核")

    def record_label(self) -> str:
        return self.tr("考核成绩")

    def month_of(self, row: dict[str, Any]) -> str:
        return row["date"].isoformat()[:7]

    def status_choices(self) -> list[tuple[str, str]]:
        return [("passed", self.tr("合格")), ("failed", self.tr("不合格"))]

    def status_of(self, row: dict[str, Any]) -> str:
        return "passed" if row["passed"] else "failed"

    def columns(self) -> list[Column]:
        return [
            Column("date", self.tr("日期"), width=100),
            Column("name", self.tr("姓名"), width=90),
            Column("kind", self.tr("考核类型"), fmt=lambda v: label_of(AssessmentKind, v), width=90),
            Column("subject", self.tr("考核内容"), width=240, free_text=True),
            Column("score", self.tr("成绩"), align=RIGHT, width=60),
            Column("passed", self.tr("结果"), fmt=lambda v: self.tr("合格") if v else self.tr("不合格"), width=70,
                   color=lambda r: PASS_COLOUR if r["passed"] else FAIL_COLOUR),
            Column("retake", self.tr("补考"), fmt=lambda v: self.tr("补考") if v else "", width=60),
        ]

    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        return [
            Field("staff_id", self.tr("被考核人"), "person", required=True, people=self.ctx.read(people)),
            Field("kind", self.tr("考核类型"), "choice", required=True, choices=AssessmentKind.choices()),
            Field("subject", self.tr("考核内容"), required=True),
            Field("date", self.tr("考核日期"), "date", required=True),
            Field("score", self.tr("成绩"), "float", required=True, minimum=0, maximum=100, decimals=1),
            Field("pass_mark", self.tr("合格线"), "float", required=True, minimum=1, maximum=100, decimals=1),
        ]

    def default_values(self) -> dict[str, Any]:
        return {"kind": AssessmentKind.THEORY.value, "pass_mark": service.PASS_MARK}

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: row[k] for k in ("staff_id", "kind", "subject", "date", "score", "pass_mark")}

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['name']} {row['subject']} {row['score']:g}"

    def person_record_form(self) -> QDialog:
        """The selected row's person in the year of that assessment (nobody chosen yet when no row is)."""
        row = self.selected_row()
        if row is None:
            return PersonRecordDialog(self.ctx, None, self)
        return PersonRecordDialog(self.ctx, row["staff_id"], self, year=row["date"].year)

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found = super().dialogs()
        found["person-record"] = lambda: self.with_selection(self.person_record_form)
        found["import"] = self.import_form
        return found


class TrainingPage(Page):
    """Tabs: sessions, assessments and one person's record; each tab reloads itself from the changes."""

    key = "training"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("training-tabs")
        self.sessions = TrainingSessionsList(ctx)
        self.assessments = AssessmentsList(ctx)
        self.tabs.addTab(self.sessions, self.sessions.title())
        self.tabs.addTab(self.assessments, self.assessments.title())
        self.person_record = PersonRecordView(ctx)
        self.tabs.addTab(self.person_record, self.tr("个人档案"))
        layout.addWidget(self.tabs)

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        found: dict[str, Callable[[], QDialog | None]] = {}
        for index, sub in ((0, self.sessions), (1, self.assessments)):
            for name, make in sub.dialogs().items():
                found[f"{sub.key}-{name}"] = lambda i=index, mk=make: (self.tabs.setCurrentIndex(i), mk())[1]
        return found

    def save_state(self, settings: UiSettings) -> None:
        self.sessions.save_state(settings)
        self.assessments.save_state(settings)
