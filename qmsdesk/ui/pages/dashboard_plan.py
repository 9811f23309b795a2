"""工作台's 年度计划执行 card: this year's trainings held, inspections done and focus themes covered against the
plan, and the first planned items not done; its button opens 年度计划.

Counted by services/plan_rows.plan_glance over services/plan_progress, exactly as `qmsdesk status` counts
them for the running month (judged on today: a month still running is never behind).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from qmsdesk.i18n import colon
from qmsdesk.ui.pages.dashboard import ATTENTION, OK, Card

if TYPE_CHECKING:  # plan_rows reads through the ORM: the card needs only the shapes of what it shows
    from qmsdesk.services.plan_rows import BehindItem, PlanGlance

MAX_LISTED = 2


class PlanCard(Card):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("plan", self.tr("年度计划执行"), self.tr("去年度计划"), parent)

    def show_glance(self, g: PlanGlance) -> None:
        self.title.setText(self.tr("%1 年度计划执行").replace("%1", str(g.year)))
        if not g.exists:
            self.show_figure(self.tr("未制定"), self.tr("尚未制定 %1 年度质控计划（培训、检查和每月质控重点）。")
                             .replace("%1", str(g.year)), ATTENTION)
            return
        counts = self.tr("；").join((
            self.tr("培训 %1/%2 项已开展").replace("%1", str(g.trainings_held)).replace("%2", str(g.trainings_due)),
            self.tr("检查 %1/%2 次已完成").replace("%1", str(g.inspections_done)).replace("%2", str(g.inspections_expected)),
            self.tr("质控重点 %1/%2 项已落实").replace("%1", str(g.focus_covered)).replace("%2", str(g.focus_due))))
        if not g.behind:
            self.show_figure(self.tr("按计划进行"), counts, OK)
            return
        lines = [self.behind_text(b) for b in g.behind[:MAX_LISTED]] + (["…"] if len(g.behind) > MAX_LISTED else [])
        self.show_figure(self.tr("%1 项未完成").replace("%1", str(len(g.behind))), counts + "\n" + "\n".join(lines),
                         ATTENTION)

    def behind_text(self, b: BehindItem) -> str:
        months = (self.tr("%1月").replace("%1", str(b.first)) if b.first == b.last
                  else self.tr("%1–%2月").replace("%1", str(b.first)).replace("%2", str(b.last)))
        what = {"training": self.tr("培训未开展"), "inspection": self.tr("检查未完成"),
                "focus": self.tr("质控重点未落实")}.get(b.kind, b.kind)
        return f"{months} {what}{colon()}{b.title}"


def add_plan_card(page, grid) -> PlanCard:
    """Put the card on the dashboard's grid (beside 月度上报, two columns wide) with its button to 年度计划."""
    card = PlanCard(page)
    grid.addWidget(card, 1, 2, 1, 2)
    for column in range(4):
        grid.setColumnStretch(column, 1)  # equal columns, whatever each card's text
    card.button.clicked.connect(lambda _c=False: page.open_page.emit("plan"))
    return card
