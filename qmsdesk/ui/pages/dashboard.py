"""工作台 page: the current month at a glance, one card per duty, each opening the page that fixes it.

The figures come from services/dashboard.py (over analytics/derived.py, the same functions the
`status` command and the monthly submission use), so the dashboard never disagrees with what is
sent to the office.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qmsdesk.db.enums import SubmissionStatus
from qmsdesk.i18n import joined
from qmsdesk.services.dashboard import DashboardData, MonthGlance, dashboard_data
from qmsdesk.ui.boxes import DETAIL_COLOUR, TITLE_COLOUR, Box, set_colour, style_text
from qmsdesk.ui.operations import wait_for
from qmsdesk.ui.pages.base import Page
from qmsdesk.ui.warnings_panel import WarningsPanel

OK, ATTENTION, PROBLEM = "#2e7d32", "#c25e00", "#c62828"


class Card(Box):
    """A title, a big figure, a line of detail, and a button to the page that acts on it."""

    def __init__(self, key: str, title: str, button: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.key = key
        layout = QVBoxLayout(self)
        self.title = style_text(QLabel(title), TITLE_COLOUR, bold=True)
        self.title.setObjectName("card-title")
        self.title.setWordWrap(True)  # four cards a row: a long English title takes two lines
        self.value = style_text(QLabel(), bold=True, pixel_size=26)
        self.value.setObjectName("card-value")
        self.detail = style_text(QLabel(), DETAIL_COLOUR)
        self.detail.setObjectName("card-detail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.button = QPushButton(button)
        self.button.setObjectName(f"card-{key}")
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setMinimumHeight(170)

    def show_figure(self, value: str, detail: str, colour: str) -> None:
        self.value.setText(value)
        set_colour(self.value, colour)
        self.detail.setText(detail)


class DashboardPage(Page):
    """The figures are read on the database worker (ctx.start), never on the GUI thread: counting a ledger of
    100,000 items, the indicator checks and the control charts take longer than a repaint may wait."""

    key = "dashboard"
    loaded = Signal()  # the figures of the latest load are shown (or the load failed)

    def __init__(self, ctx, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.on = today  # the day the dashboard is judged on; None: today
        layout = QVBoxLayout(self)
        self.heading = self.add_heading(layout)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards = {
            "meeting": Card("meeting", self.tr("本月质控小组例会"), self.tr("去会议记录"), self),
            "indicators": Card("indicators", self.tr("本月质量指标录入"), self.tr("去录入指标"), self),
            "ledger": Card("ledger", self.tr("整改台账"), self.tr("去整改台账"), self),
            "training": Card("training", self.tr("医疗安全/法规培训（每年至少 2 次）"), self.tr("去培训考核"), self),
            "authorisations": Card("authorisations", self.tr("30 天内到期的授权"), self.tr("去授权管理"), self),
            "submission": Card("submission", self.tr("月度上报"), self.tr("去月度上报"), self),
        }
        targets = {"meeting": "meetings", "indicators": "indicators", "ledger": "ledger", "training": "training",
                   "authorisations": "authorisations", "submission": "submission"}
        for i, (key, card) in enumerate(self.cards.items()):
            grid.addWidget(card, i // 4, i % 4)
            card.button.clicked.connect(lambda _c=False, page=targets[key]: self.open_page.emit(page))
        from qmsdesk.ui.pages.dashboard_plan import add_plan_card  # imports this module's Card
        self.plan_card = add_plan_card(self, grid)
        layout.addLayout(grid)
        # Below the cards, taking the rest of the page; its table scrolls when the list is long.
        self.warnings = WarningsPanel(ctx, self)
        self.warnings.chart_requested.connect(self.open_chart)
        layout.addWidget(self.warnings, 1)
        layout.addStretch(0)  # takes the room a short warnings list leaves (the panel is as tall as its rows)
        self.glance: MonthGlance | None = None
        self._loading = self._reload = False
        self._filled_before_open = False

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        if self._filled_before_open:
            self._filled_before_open = False
            return
        if not getattr(self.ctx, "background_loads", False):
            self.show_data(self.ctx.read(dashboard_data, self.on))
        elif self._loading:
            self._reload = True  # data changed while loading: load again when this load is shown
        else:
            self._loading, self._reload = True, False
            ctx, on = self.ctx, self.on
            ctx.start(self.tr("工作台"), lambda: ctx.read(dashboard_data, on), on_done=self._loaded,
                      on_error=lambda _e: self._loaded(None))

    @classmethod
    def read_before_open(cls, path) -> DashboardData | None:
        from qmsdesk.services.dashboard import dashboard_data_at

        return dashboard_data_at(path)

    @classmethod
    def read_ahead(cls, source) -> DashboardData:
        with source.read_session() as s:
            return dashboard_data(s, None)

    def show_read_ahead(self, content: DashboardData) -> None:
        super().show_read_ahead(content)
        # Read from this very file before it was opened: the opening's "everything may have changed" that
        # follows is not a change of these figures (nothing can be written before the database is open).
        self._filled_before_open = not self.ctx.is_open
        self.show_data(content)

    def _loaded(self, data: DashboardData | None) -> None:
        self._loading = False
        if data is not None:
            self.show_data(data)
        if self._reload:
            self.refresh()
        else:
            self.loaded.emit()

    def wait_loaded(self, ms: int = 60_000) -> None:
        """Block until the figures being read are shown (selftest, screenshots)."""
        if not self._loading:
            return
        wait_for(self.loaded, ms)

    def show_data(self, data: DashboardData) -> None:
        g = self.glance = data.glance
        self.heading.setText(self.tr("工作台 — %1（截至 %2）").replace("%1", g.period.label())
                             .replace("%2", g.today.isoformat()))
        self._fill(g)
        self.plan_card.show_glance(data.plan)
        self.warnings.show_view(data.warnings)

    def open_chart(self, code: str, start: str, end: str) -> None:
        """查看控制图: the indicator page's chart tab on this indicator over the given months."""
        show_page = getattr(self.window(), "show_page", None)
        wait_open = getattr(self.ctx, "wait_open", None)
        if wait_open is not None and not wait_open():  # clicked while the database was still opening
            return
        if show_page is None:  # the page shown on its own (no main window): nowhere to go
            self.open_page.emit("indicators")
            return
        show_page("indicators").show_chart(code, start, end)

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        return {"warning-to-item": self.warnings.item_form}

    def _fill(self, g: MonthGlance) -> None:
        c = self.cards
        if g.meeting_dates:
            c["meeting"].show_figure(self.tr("已召开"), joined(d.isoformat() for d in g.meeting_dates), OK)
        else:
            c["meeting"].show_figure(self.tr("未召开"), self.tr("每月至少召开一次质控小组例会。"), PROBLEM)

        complete = g.indicators_entered >= g.indicators_applicable
        missing = joined(g.indicators_missing[:3]) + ("…" if len(g.indicators_missing) > 3 else "")
        last = (self.tr("上月已录入 %1 / %2。").replace("%1", str(g.last_month_entered))
                .replace("%2", str(g.last_month_applicable)))
        c["indicators"].show_figure(
            f"{g.indicators_entered} / {g.indicators_applicable}",
            (self.tr("本月指标已全部录入。") if complete else self.tr("未录入：%1").replace("%1", missing)) + "\n" + last,
            OK if complete else ATTENTION)

        detail = (self.tr("截至 %1（今天）：未完成 %2 项，其中逾期 %3 项。").replace("%1", g.today.isoformat())
                  .replace("%2", str(g.items_open)).replace("%3", str(g.items_overdue)))
        if g.worst_overdue:
            problem, days = g.worst_overdue
            short = problem if len(problem) <= 22 else problem[:22] + "…"
            detail += "\n" + self.tr("逾期最久（%1 天）：%2").replace("%1", str(days)).replace("%2", short)
        c["ledger"].show_figure(self.tr("逾期 %1 项").replace("%1", str(g.items_overdue)), detail,
                                PROBLEM if g.items_overdue else (ATTENTION if g.items_open else OK))

        names = joined(g.safety_rule_names[:6]) + ("…" if len(g.safety_rule_names) > 6 else "")
        c["training"].show_figure(
            self.tr("%1 人不足").replace("%1", str(len(g.safety_rule_names))),
            self.tr("%1 年尚不足 2 次：%2").replace("%1", str(g.today.year)).replace("%2", names)
            if names else self.tr("全员已达到每年 2 次。"),
            ATTENTION if g.safety_rule_names else OK)

        detail = "\n".join(g.expiring[:3]) + ("\n…" if len(g.expiring) > 3 else "")
        if g.expired:
            detail = self.tr("另有 %1 项已过期仍为有效状态。").replace("%1", str(g.expired)) + ("\n" + detail if detail else "")
        c["authorisations"].show_figure(self.tr("%1 项").replace("%1", str(len(g.expiring))),
                                        detail or self.tr("30 天内没有到期的授权。"),
                                        PROBLEM if g.expired else (ATTENTION if g.expiring else OK))

        status = SubmissionStatus(g.report_status).label if g.report_status else self.tr("未上报")
        deadline = g.report_deadline.isoformat() if g.report_deadline else self.tr("（未设置本单位）")
        late = g.report_late
        c["submission"].show_figure(
            status,
            self.tr("%1数据，截止日期 %2").replace("%1", g.report_period.label()).replace("%2", deadline)
            + ("\n" + self.tr("已超过截止日期。") if late else ""),
            OK if g.report_status else (PROBLEM if late else ATTENTION))
