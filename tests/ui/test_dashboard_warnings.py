"""工作台 指标预警: the demo year's target misses and control-chart signals, each opened as a chart or raised as an item."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from qmsdesk.db.enums import SourceKind
from qmsdesk.services import ledger
from qmsdesk.ui.main_window import MainWindow
from qmsdesk.ui.warnings_panel import WarningsPanel

TODAY = date(2026, 11, 23)  # November has no values yet: the panel shows October


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory):
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path, actor="演示")
    with db.session() as s:
        generate(s)
    db.close()
    return path


@pytest.fixture
def demo_ctx(_demo_template, tmp_path, monkeypatch):
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    monkeypatch.setattr("qmsdesk.ui.pages.dashboard.today", lambda: TODAY)
    monkeypatch.setattr("qmsdesk.ui.warnings_panel.today", lambda: TODAY)
    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    context = AppContext(open_database(path, actor="测试护士长"))
    context.background_loads = False
    yield context
    context.close()


def _dashboard_panel(qtbot, ctx) -> tuple[MainWindow, WarningsPanel]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page("dashboard")
    return window, window.page("dashboard").warnings


def _cell(panel: WarningsPanel, row: int, column: int) -> str:
    return panel.table.item(row, column).text()


def _row_index(panel: WarningsPanel, code: str, period: str) -> int:
    return next(i for i, r in enumerate(panel.rows) if r.code == code and r.period == period)


def test_demo_dashboard_shows_octobers_target_misses_and_recent_control_chart_signals(qtbot, demo_ctx):
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-10"
    assert "2026-08 至 2026-09 的控制图信号" in panel.detail.text()
    rows = range(panel.table.rowCount())
    missed = [i for i in rows if _cell(panel, i, 0) == "2026-10" and "未达目标" in _cell(panel, i, 3)]
    assert missed, "October has target misses in the demo"
    fall = _row_index(panel, "NUR-FALL", "2026-10")
    assert _cell(panel, fall, 1) == "住院患者跌倒发生率"
    assert _cell(panel, fall, 2) == "1.57‰（目标 ≤0.10‰）"
    signals = [i for i in rows if "控制图信号" in _cell(panel, i, 3)]
    assert {panel.rows[i].code for i in signals} >= {"NUR-RESTRAINT"}
    assert all(panel.rows[i].period == "2026-09" for i in signals)
    assert "p控制图信号：高于控制上限" in _cell(panel, _row_index(panel, "NUR-RESTRAINT", "2026-09"), 3)
    # Falls are rare: October's miss is the year's pooled rate (its whole interval above target), said so.
    assert "滚动率" in panel.rows[fall].reasons[0]
    # Months before the latest one contribute their signals only, not their plain target misses.
    assert not any(r.period == "2026-08" and not r.is_signal for r in panel.rows)
    for i in rows:
        assert panel.chart_buttons[i].text() == "查看控制图" and panel.chart_buttons[i].isEnabled()


def test_warnings_already_raised_in_the_demo_say_so_and_cannot_be_raised_again(qtbot, demo_ctx):
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    restraint = _row_index(panel, "NUR-RESTRAINT", "2026-09")  # the demo raised an item from this one
    assert panel.item_buttons[restraint].text() == "已转整改"
    assert not panel.item_buttons[restraint].isEnabled()
    fall = _row_index(panel, "NUR-FALL", "2026-10")
    assert panel.item_buttons[fall].text() == "转为整改事项" and panel.item_buttons[fall].isEnabled()


def test_view_chart_opens_the_indicator_on_the_chart_tab_over_the_last_twelve_months(qtbot, demo_ctx):
    window, panel = _dashboard_panel(qtbot, demo_ctx)
    row = _row_index(panel, "NUR-RESTRAINT", "2026-09")
    qtbot.mouseClick(panel.chart_buttons[row], Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert page.key == "indicators"
    assert page.tabs.currentWidget() is page.chart
    assert page.tabs.tabText(page.tabs.currentIndex()) == "趋势与控制图"
    chart = page.chart
    assert chart.indicator.currentData() == "NUR-RESTRAINT"
    assert chart.range.range() == ("2025-11", "2026-09")  # 12 months back, but not before the first value
    spec = chart.view.spec
    assert spec is not None and spec.code == "NUR-RESTRAINT" and spec.chart == "p"
    assert spec.point("2026-09").signal is not None  # the signal the dashboard named is highlighted
    assert "未填报" not in chart.notes.text()  # months before the first value are not shown as missing
    assert not window.current_page().grab().isNull()


def test_raising_a_warning_creates_a_linked_item_and_the_row_then_says_raised(qtbot, demo_ctx):
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    row = _row_index(panel, "NUR-FALL", "2026-10")
    value_id = panel.rows[row].indicator_value_id
    seen = {}

    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        seen["title"] = dialog.windowTitle()
        seen["problem"] = dialog.value("problem")
        seen["category"] = dialog.value("category")
        seen["deadline"] = dialog.value("deadline")
        picker = dialog.widgets["responsible_id"]
        picker.setCurrentIndex(1)  # the first person of the roster (0 is "nobody")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_and_save)
    qtbot.mouseClick(panel.item_buttons[row], Qt.MouseButton.LeftButton)

    assert seen["title"] == "转为整改事项 — 2026-10 住院患者跌倒发生率"
    assert seen["problem"].startswith("2026-10 住院患者跌倒发生率（NUR-FALL）为 1.57‰")
    assert seen["category"] == "质量指标"
    assert seen["deadline"] == TODAY + timedelta(days=30)
    items = demo_ctx.read(lambda s: [(i.source_kind, i.problem, i.deadline, i.responsible_id is not None)
                                     for i in ledger.list_items(s, source_kind=SourceKind.INDICATOR)
                                     if i.indicator_value_id == value_id])
    assert items == [(SourceKind.INDICATOR.value, seen["problem"], TODAY + timedelta(days=30), True)]
    assert SourceKind.INDICATOR.label == "指标预警"
    row = _row_index(panel, "NUR-FALL", "2026-10")  # the panel reloaded after the write
    assert panel.item_buttons[row].text() == "已转整改"
    assert not panel.item_buttons[row].isEnabled()


def test_a_ward_without_indicator_values_sees_a_plain_note_instead_of_a_table(qtbot, ctx):
    _window, panel = _dashboard_panel(qtbot, ctx)
    assert panel.detail.text() == "尚未录入任何指标数据。"
    assert panel.table.isHidden() and panel.rows == []
    assert panel.item_form() is None


def test_once_this_month_has_values_the_panel_shows_it_and_keeps_the_recent_signals(qtbot, demo_ctx):
    from qmsdesk.services import indicators

    demo_ctx.write(lambda s: indicators.set_value(s, "NUR-FALL", "2026-11", 3, 600, None), area="indicators")
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-11"
    assert "2026-09 至 2026-10 的控制图信号" in panel.detail.text()
    fall = _row_index(panel, "NUR-FALL", "2026-11")
    assert _cell(panel, fall, 2) == "5.00‰（目标 ≤0.10‰）"
    assert {(r.code, r.period) for r in panel.rows if r.is_signal} >= {("NUR-RESTRAINT", "2026-09")}
    assert not any(r.period == "2026-10" and not r.is_signal for r in panel.rows)
