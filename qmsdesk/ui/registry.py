"""Every page of the ward and office windows, declared once: id, sidebar label, icon, class, what it shows.

The sidebars, the self-test and its screenshots, the remembered last page and the links from a
validation finding to the page that fixes it all read these tables; nothing else lists pages.

`shows` names the record kinds (`db.changes.Kind`) whose change reloads the page; `locks` makes a month
locked or unlocked by a submission reload it too (a page that lets months be edited). Page classes
are imported when first shown: importing the services pulls in SQLAlchemy, which would otherwise delay
the window's first paint.

To add a page: write its class (ui/pages/base.py), add a `PageSpec` below, run
`python -m qmsdesk.ui.i18n_build` and give its label an English translation.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from qmsdesk.changes import Kind

if TYPE_CHECKING:
    from qmsdesk.ui.pages.base import Page

CONTEXT = "pages"  # translation context of the labels below


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str  # Chinese source text; `title()` is the label in the window's language
    icon: str  # a QStyle.StandardPixmap name
    target: str  # "module:Class" under qmsdesk.ui
    shows: frozenset[str]
    locks: bool = False
    edits: frozenset[str] = frozenset()  # kinds of validation finding (Issue.kind) this page fixes

    def title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.label)

    def page_class(self) -> type[Page]:
        module, name = self.target.split(":")
        return getattr(importlib.import_module(f"qmsdesk.ui.{module}"), name)


def _kinds(*kinds: Kind) -> frozenset[str]:
    return frozenset(str(k) for k in kinds)


_PEOPLE = _kinds(Kind.STAFF)
_PLAN = _kinds(Kind.PLAN, Kind.PLAN_GOAL, Kind.PLAN_FOCUS, Kind.PLAN_TRAINING, Kind.PLAN_INSPECTION, Kind.PLAN_PDCA)

WARD_PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", QT_TRANSLATE_NOOP("pages", "工作台"), "SP_DesktopIcon", "pages.dashboard:DashboardPage",
             _kinds(Kind.UNIT, Kind.STAFF, Kind.GROUP_MEMBER, Kind.MEETING, Kind.TRAINING, Kind.TRAINING_ATTENDANCE,
                    Kind.AUTHORISATION, Kind.INDICATOR, Kind.INDICATOR_VALUE, Kind.ITEM, Kind.SUBMISSION, Kind.INSPECTION)
             | _PLAN),
    PageSpec("group", QT_TRANSLATE_NOOP("pages", "质控小组"), "SP_DirHomeIcon", "pages.group:GroupPage",
             _kinds(Kind.GROUP_MEMBER) | _PEOPLE),
    PageSpec("staff", QT_TRANSLATE_NOOP("pages", "人员"), "SP_FileDialogContentsView", "pages.staff:StaffPage",
             _PEOPLE),
    PageSpec("meetings", QT_TRANSLATE_NOOP("pages", "会议记录"), "SP_FileDialogDetailedView",
             "pages.meetings:MeetingsPage",
             _kinds(Kind.MEETING, Kind.MEETING_ATTENDANCE, Kind.MEETING_PROBLEM, Kind.ITEM) | _PEOPLE,
             edits=frozenset({"meeting"})),
    PageSpec("training", QT_TRANSLATE_NOOP("pages", "培训考核"), "SP_FileDialogInfoView", "pages.training:TrainingPage",
             _kinds(Kind.TRAINING, Kind.TRAINING_ATTENDANCE, Kind.ASSESSMENT, Kind.AUTHORISATION) | _PEOPLE,
             edits=frozenset({"staff", "training"})),
    PageSpec("authorisations", QT_TRANSLATE_NOOP("pages", "授权管理"), "SP_DialogApplyButton",
             "pages.authorisations:AuthorisationsPage", _kinds(Kind.AUTHORISATION) | _PEOPLE,
             edits=frozenset({"authorisation"})),
    PageSpec("indicators", QT_TRANSLATE_NOOP("pages", "质量指标"), "SP_FileDialogListView",
             "pages.indicators:IndicatorsPage",
             _kinds(Kind.INDICATOR, Kind.INDICATOR_VALUE, Kind.MEETING_PROBLEM, Kind.FINDING, Kind.EVENT, Kind.ITEM),
             locks=True, edits=frozenset({"indicator", "indicator_definition", "indicator_value"})),
    PageSpec("inspections", QT_TRANSLATE_NOOP("pages", "检查督查"), "SP_FileDialogStart",
             "pages.inspections:InspectionsPage",
             _kinds(Kind.INSPECTION, Kind.FINDING, Kind.INSPECTION_ITEM, Kind.CHECKLIST, Kind.ITEM),
             edits=frozenset({"inspection"})),
    PageSpec("checklists", QT_TRANSLATE_NOOP("pages", "检查评分表"), "SP_FileDialogContentsView",
             "pages.checklists:ChecklistsPage", _kinds(Kind.CHECKLIST, Kind.CHECKLIST_ITEM, Kind.INSPECTION)),
    PageSpec("checklist-analysis", QT_TRANSLATE_NOOP("pages", "评分分析"), "SP_FileDialogInfoView",
             "pages.checklist_analysis:ChecklistAnalysisPage",
             _kinds(Kind.CHECKLIST, Kind.INSPECTION, Kind.INSPECTION_ITEM)),
    PageSpec("events", QT_TRANSLATE_NOOP("pages", "不良事件"), "SP_MessageBoxWarning", "pages.events:EventsPage",
             _kinds(Kind.EVENT, Kind.EVENT_ANALYSIS, Kind.EVENT_FACTOR, Kind.ITEM) | _PEOPLE,
             edits=frozenset({"adverse_event", "event"})),
    PageSpec("ledger", QT_TRANSLATE_NOOP("pages", "整改台账"), "SP_DialogYesButton", "pages.ledger:LedgerPage",
             _kinds(Kind.ITEM, Kind.PROGRESS_NOTE) | _PEOPLE, edits=frozenset({"rectification_item", "item"})),
    PageSpec("pdca", QT_TRANSLATE_NOOP("pages", "持续改进"), "SP_BrowserReload", "pages.pdca:PdcaPage",
             _kinds(Kind.PDCA_PROJECT, Kind.PDCA_INDICATOR, Kind.PDCA_CAUSE, Kind.PDCA_COUNTERMEASURE, Kind.PDCA_LOG,
                    Kind.ITEM, Kind.PROGRESS_NOTE, Kind.INDICATOR_VALUE, Kind.EVENT_FACTOR, Kind.FINDING) | _PEOPLE
             | {"inspection_items"}),  # the current-state Pareto counts checklist deductions
    PageSpec("plan", QT_TRANSLATE_NOOP("pages", "年度计划"), "SP_FileDialogListView", "pages.plan:PlanPage",
             _PLAN | _kinds(Kind.INDICATOR, Kind.INDICATOR_VALUE, Kind.MEETING, Kind.TRAINING, Kind.INSPECTION)
             | {"pdca_projects"},
             edits=frozenset({"plan_item"})),
    PageSpec("analysis", QT_TRANSLATE_NOOP("pages", "季度分析与年度总结"), "SP_FileDialogInfoView",
             "pages.analysis:AnalysisPage", _kinds(Kind.ANALYSIS, Kind.ANALYSIS_PROBLEM, Kind.GROUP_MEMBER) | _PEOPLE),
    PageSpec("submission", QT_TRANSLATE_NOOP("pages", "月度上报"), "SP_ArrowUp", "pages.submission:SubmissionPage",
             _kinds(Kind.SUBMISSION, Kind.OUTBOX, Kind.UNIT, Kind.ENROLLMENT), locks=True),
    PageSpec("settings", QT_TRANSLATE_NOOP("pages", "设置"), "SP_FileDialogDetailedView", "pages.settings:SettingsPage",
             _kinds(Kind.UNIT, Kind.ENROLLMENT)),
)

_OFFICE_FIGURES = _kinds(Kind.OFFICE_UNIT, Kind.OFFICE_PACKAGE, Kind.OFFICE_RECORD)

OFFICE_PAGES: tuple[PageSpec, ...] = (
    PageSpec("office-completeness", QT_TRANSLATE_NOOP("pages", "上报情况"), "SP_FileDialogListView",
             "office.completeness_page:CompletenessPage", _kinds(Kind.OFFICE_UNIT, Kind.OFFICE_PACKAGE)),
    PageSpec("office-inbox", QT_TRANSLATE_NOOP("pages", "收件箱与导入"), "SP_DriveNetIcon",
             "office.inbox_page:InboxPage", _kinds(Kind.OFFICE_UNIT, Kind.OFFICE_PACKAGE, Kind.IMPORT_LOG)),
    PageSpec("office-units", QT_TRANSLATE_NOOP("pages", "单位与登记"), "SP_DirHomeIcon",
             "office.units_page:UnitsPage", _kinds(Kind.OFFICE_UNIT, Kind.OFFICE_PACKAGE)),
    PageSpec("office-comparison", QT_TRANSLATE_NOOP("pages", "指标对比"), "SP_FileDialogDetailedView",
             "office.analysis_pages:ComparisonPage", _OFFICE_FIGURES),
    PageSpec("office-followup", QT_TRANSLATE_NOOP("pages", "整改跟踪"), "SP_DialogYesButton",
             "office.analysis_pages:FollowupPage", _OFFICE_FIGURES),
    PageSpec("office-compliance", QT_TRANSLATE_NOOP("pages", "培训与不良事件"), "SP_FileDialogInfoView",
             "office.analysis_pages:CompliancePage", _OFFICE_FIGURES),
    PageSpec("office-checklists", QT_TRANSLATE_NOOP("pages", "评分对比"), "SP_FileDialogContentsView",
             "office.quality_page:ChecklistScoresPage", _OFFICE_FIGURES),
    PageSpec("office-report", QT_TRANSLATE_NOOP("pages", "季度报告"), "SP_FileIcon",
             "office.report_page:ReportPage", frozenset()),
)


def spec(key: str) -> PageSpec | None:
    """The declaration of page `key` in either window (None for a part of a page, e.g. a tab)."""
    return next((s for s in (*WARD_PAGES, *OFFICE_PAGES) if s.key == key), None)


def page_for_finding(kind: str) -> PageSpec:
    """The ward page that fixes a validation finding of `kind` (the dashboard when none does)."""
    return next((s for s in WARD_PAGES if kind in s.edits), WARD_PAGES[0])
