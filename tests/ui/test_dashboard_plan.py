"""工作台: the 年度计划执行 card counts what `qmsdesk status` counts, its button opens 年度计划; the warnings panel is
as tall as its rows (no white box under a short list)."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from qmsdesk.services import plan as plan_svc
from qmsdesk.ui.main_window import MainWindow
from tests.ui.test_dashboard_warnings import _demo_template  # noqa: F401, F811 (the demo database, made once a module)

DAY = date(2026, 11, 3)  # the demo's reading day (its data end with October)


@pytest.fixture
def demo(_demo_template, tmp_path, monkeypatch):  # noqa: F811 (the fixture imported above)
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    monkeypatch.setattr("qmsdesk.services.dashboard.today", lambda: DAY)
    monkeypatch.setattr("qmsdesk.ui.warnings_panel.today", lambda: DAY)
    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    context = AppContext(open_database(path, actor="测试护士长"))
    context.background_loads = False
    yield context, path
    context.close()


def _dashboard(qtbot, ctx, day: date = DAY):
    from qmsdesk.ui.pages.dashboard import DashboardPage

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.on = day
    page.refresh()
    QApplication.processEvents()  # lay the page out as it will be painted
    return window, page


def _status_counts(path, capsys) -> tuple[str, ...]:
    from qmsdesk.cli import main

    assert main(["status", "--period", "2026-11", "--as-of", DAY.isoformat(), "--db", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("八、年度计划执行"))
    found = re.search(r"培训 (\d+)/(\d+) 项已开展，检查 (\d+)/(\d+) 次已完成，每月质控重点 (\d+)/(\d+) 项已落实", line)
    assert found, line
    return found.groups()


def _card_counts(page) -> tuple[str, ...]:
    text = page.plan_card.detail.text()
    found = re.search(r"培训 (\d+)/(\d+) 项已开展；检查 (\d+)/(\d+) 次已完成；质控重点 (\d+)/(\d+) 项已落实", text)
    assert found, text
    return found.groups()


def test_the_plan_card_counts_what_qmsdesk_status_counts(qtbot, demo, capsys):
    ctx, path = demo
    window, page = _dashboard(qtbot, ctx)
    assert page.plan_card.title.text() == "2026 年度计划执行"
    counts = _card_counts(page)
    assert counts == _status_counts(path, capsys)
    assert int(counts[1]) > 10  # the demo plans a year of trainings: the figures are real ones

    # A training planned for October that nobody held: the card says so at once, and status agrees.
    ctx.write(plan_svc.add_training, 2026, month=10, topic="从未开展的专题培训", category="other", hours=1)
    assert "从未开展的专题培训" in page.plan_card.detail.text()
    assert page.plan_card.value.text().endswith("项未完成")
    assert _card_counts(page) == _status_counts(path, capsys)

    page.plan_card.button.click()
    assert window.current_key() == "plan"


def test_a_year_without_a_plan_is_said_on_the_card(qtbot, ctx):
    from qmsdesk.ui.pages.dashboard import DashboardPage

    page = DashboardPage(ctx, today=DAY)
    qtbot.addWidget(page)
    page.show()
    assert page.plan_card.value.text() == "未制定"
    assert "尚未制定 2026 年度质控计划" in page.plan_card.detail.text()


def test_no_warnings_leave_no_empty_box(qtbot, ctx):
    """A new ward (no values yet): the panel is a title and a line, the rest of the page stays the page."""
    window, page = _dashboard(qtbot, ctx)
    panel = page.warnings
    assert "尚未录入任何指标数据" in panel.detail.text()
    assert panel.height() < 100, panel.height()


def test_a_short_list_of_warnings_has_no_white_space_under_its_rows(qtbot, demo, monkeypatch):
    january = date(2026, 1, 28)  # the demo's January: a few target misses and signals
    monkeypatch.setattr("qmsdesk.services.dashboard.today", lambda: january)
    ctx, _path = demo
    window, page = _dashboard(qtbot, ctx, january)
    table = page.warnings.table
    assert table.rowCount() >= 1, page.warnings.detail.text()
    rows = sum(table.rowHeight(i) for i in range(table.rowCount()))
    empty = table.viewport().height() - rows
    assert empty < 30, (table.viewport().height(), rows)  # at most a scroll bar's room, never a blank box
