"""A warning that compares the indicator with the event register opens both places from the 月度上报 page."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QLabel

from qmsdesk.db import models as m
from qmsdesk.periods import Period
from qmsdesk.ui.main_window import MainWindow

PERIOD = "2026-10"


def _falls_disagree(s) -> None:
    from qmsdesk.services.indicators import set_value

    set_value(s, "NUR-FALL", Period.parse(PERIOD), 2, 1250)  # the wizard installed the catalogue: falls apply to this ward
    at = datetime(2026, 10, 9, 14, 0, tzinfo=UTC)
    s.add(m.AdverseEvent(occurred_at=at, reported_at=at, category="fall", grade="III", description="夜间如厕跌倒"))


def test_a_register_mismatch_links_to_the_indicator_and_to_the_months_event_register(qtbot, ctx):
    ctx.write(_falls_disagree)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("submission")
    assert page.select_id(PERIOD)
    page.check_selected()
    row = next(r for r in range(page.issues.rowCount()) if page.issues.issue_at(r).code == "register_mismatch")
    text = page.issues.item(row, 1).text()
    assert "分子合计 2 例" in text and "跌倒/坠床为 1 例" in text and "“不良事件”中补录" in text  # fact, then hint
    links = page.issues.cellWidget(row, 2)
    assert isinstance(links, QLabel) and "质量指标" in links.text() and "不良事件" in links.text()

    links.linkActivated.emit("1")
    events = window.current_page()
    assert events.key == "events" and events.month_filter.currentData() == PERIOD

    window.show_page("submission")
    links.linkActivated.emit("0")
    indicators = window.current_page()
    assert indicators.key == "indicators" and indicators.grid.month.currentText() == PERIOD
