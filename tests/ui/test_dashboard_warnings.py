"""工作台 指标预警: the demo year's target misses and control-chart signals, each opened as a chart or raised as an item.

The demo year is fixed (`until=2026-10`) and the dashboard is opened on days of it: in January 2026 the
month shows VTE prophylaxis below its target (the demo raised an item from it) and adverse-event reporting
below the national target (carried by the item raised in November); in July it shows the CAUTI cluster
of June as a recent control-chart signal; on the demo's reading day, 2026-11-03, October is quiet.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from qmsdesk.db.enums import SourceKind
from qmsdesk.periods import Period
from qmsdesk.services import ledger
from qmsdesk.ui.main_window import MainWindow
from qmsdesk.ui.warnings_panel import WarningsPanel

TODAY = date(2026, 11, 3)  # the demo's reading day: November has no values yet, the panel shows October
JANUARY = date(2026, 1, 28)
JULY = date(2026, 7, 20)
VTE = "静脉血栓栓塞症（VTE）规范预防率"
REPORTING = "每百名出院人次主动报告不良事件例数"


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory):
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path, actor="演示")
    with db.session() as s:
        generate(s, until="2026-10")
    db.close()
    return path


@pytest.fixture
def demo_ctx(_demo_template, tmp_path, monkeypatch):
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    on(monkeypatch, TODAY)
    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    context = AppContext(open_database(path, actor="测试护士长"))
    context.background_loads = False
    yield context
    context.close()


def on(monkeypatch, day: date) -> None:
    """Open the window as if today were `day`."""
    monkeypatch.setattr("qmsdesk.services.dashboard.today", lambda: day)
    monkeypatch.setattr("qmsdesk.ui.warnings_panel.today", lambda: day)


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


def _expected(ctx, day: date):
    from qmsdesk.services.dashboard import warnings_view

    return ctx.read(warnings_view, day)


def test_demo_dashboard_shows_the_months_target_misses_and_recent_control_chart_signals(qtbot, demo_ctx, monkeypatch):
    on(monkeypatch, JANUARY)
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-01"
    assert "2025-11 至 2025-12 的控制图信号" in panel.detail.text()
    rows = range(panel.table.rowCount())
    assert [(r.code, r.period) for r in panel.rows] == [(r.code, r.period) for r in _expected(demo_ctx, JANUARY).rows]
    missed = [i for i in rows if _cell(panel, i, 0) == "2026-01" and "未达目标" in _cell(panel, i, 3)]
    assert {panel.rows[i].name for i in missed} >= {VTE, REPORTING}
    vte = next(i for i in missed if panel.rows[i].name == VTE)
    assert _cell(panel, vte, 1) == VTE
    assert re.fullmatch(r"8\d\.\d\d%（目标 ≥90(\.00)?%）", _cell(panel, vte, 2)), _cell(panel, vte, 2)
    for i in rows:
        assert panel.chart_buttons[i].text() == "查看控制图" and panel.chart_buttons[i].isEnabled()
    # In July the CAUTI cluster of June stays on the dashboard as a signal; earlier plain misses do not.
    on(monkeypatch, JULY)
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-07"
    assert "2026-05 至 2026-06 的控制图信号" in panel.detail.text()
    cauti = _row_index(panel, "NUR-CAUTI", "2026-06")
    assert panel.rows[cauti].is_signal and "本月例数远超此前 12 个月的水平" in _cell(panel, cauti, 3)
    assert not any(r.period < "2026-07" and not r.is_signal for r in panel.rows)


def test_the_demos_present_month_is_quiet(qtbot, demo_ctx):
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-10"
    expected = _expected(demo_ctx, TODAY).rows
    assert [(r.code, r.period) for r in panel.rows] == [(r.code, r.period) for r in expected]
    assert not any(r.period == "2026-10" and r.missed for r in panel.rows)  # the group's work has paid off


def test_warnings_already_raised_in_the_demo_say_so_and_cannot_be_raised_again(qtbot, demo_ctx, monkeypatch):
    on(monkeypatch, JANUARY)
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    vte = _row_index(panel, "NIT-VTE", "2026-01")  # the demo raised an item from this one
    assert panel.item_buttons[vte].text() == "已转整改"
    assert not panel.item_buttons[vte].isEnabled()
    reporting = _row_index(panel, "NIT-AE-REPORT", "2026-01")  # followed by November's item, not raised again
    assert panel.item_buttons[reporting].text() == "转为整改事项" and panel.item_buttons[reporting].isEnabled()


def test_view_chart_opens_the_indicator_on_the_chart_tab_over_the_last_twelve_months(qtbot, demo_ctx, monkeypatch):
    on(monkeypatch, JULY)
    window, panel = _dashboard_panel(qtbot, demo_ctx)
    row = _row_index(panel, "NUR-CAUTI", "2026-06")
    qtbot.mouseClick(panel.chart_buttons[row], Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert page.key == "indicators"
    assert page.tabs.currentWidget() is page.chart
    assert page.tabs.tabText(page.tabs.currentIndex()) == "趋势与控制图"
    chart = page.chart
    assert chart.indicator.currentData() == "NUR-CAUTI"
    assert chart.range.range() == ("2025-11", "2026-06")  # 12 months back, but not before the first value
    spec = chart.view.spec
    assert spec is not None and spec.code == "NUR-CAUTI" and spec.chart == "g"  # a rare event: the gaps between cases, not a u-chart
    assert spec.rare and spec.companion.point("2026-06").signal is not None  # highlighted on the run chart beside
    assert "未填报的月份：" not in chart.notes.text()  # months before the first value are not shown as missing
    assert not window.current_page().grab().isNull()


def test_raising_a_warning_creates_a_linked_item_and_the_row_then_says_raised(qtbot, demo_ctx, monkeypatch):
    on(monkeypatch, JANUARY)
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    row = _row_index(panel, "NIT-AE-REPORT", "2026-01")
    value_id = panel.rows[row].indicator_value_id
    value_text = panel.rows[row].value
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

    assert seen["title"] == f"转为整改事项 — 2026-01 {REPORTING}"
    assert seen["problem"].startswith(f"2026-01 {REPORTING}（NIT-AE-REPORT）为 {value_text}")
    assert seen["category"] == "质量指标"
    assert seen["deadline"] == JANUARY + timedelta(days=30)
    items = demo_ctx.read(lambda s: [(i.source_kind, i.problem, i.deadline, i.responsible_id is not None)
                                     for i in ledger.list_items(s, source_kind=SourceKind.INDICATOR)
                                     if i.indicator_value_id == value_id])
    assert items == [(SourceKind.INDICATOR.value, seen["problem"], JANUARY + timedelta(days=30), True)]
    assert SourceKind.INDICATOR.label == "指标预警"
    row = _row_index(panel, "NIT-AE-REPORT", "2026-01")  # the panel reloaded after the write
    assert panel.item_buttons[row].text() == "已转整改"
    assert not panel.item_buttons[row].isEnabled()


def test_a_ward_without_indicator_values_sees_a_plain_note_instead_of_a_table(qtbot, ctx):
    _window, panel = _dashboard_panel(qtbot, ctx)
    assert panel.detail.text() == "尚未录入任何指标数据。"
    assert panel.table.isHidden() and panel.rows == []
    assert panel.item_form() is None


def test_once_this_month_has_values_the_panel_shows_it_and_keeps_the_recent_signals(qtbot, demo_ctx):
    from qmsdesk.services import indicators

    demo_ctx.write(lambda s: indicators.set_value(s, "NUR-FALL", Period(2026, 11), 3, 600, None))
    _window, panel = _dashboard_panel(qtbot, demo_ctx)
    assert panel.title.text() == "指标预警 — 2026-11"
    assert "2026-09 至 2026-10 的控制图信号" in panel.detail.text()
    fall = _row_index(panel, "NUR-FALL", "2026-11")
    assert _cell(panel, fall, 2) == "5.00‰（目标 ≤0.10‰）"
    expected = _expected(demo_ctx, TODAY).rows
    assert {(r.code, r.period) for r in panel.rows if r.is_signal} == {(r.code, r.period) for r in expected if r.is_signal}
    assert not any(r.period == "2026-10" and not r.is_signal for r in panel.rows)


def test_the_dashboard_reads_its_months_in_a_few_statements_not_one_per_indicator(demo_ctx):
    """The panel checks every indicator of three months (69 checks on the demo); each check once read its
    24 months with a statement of its own. Counted here: the statements of one dashboard load."""
    from sqlalchemy import event

    from qmsdesk.services.dashboard import dashboard_data

    statements = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(demo_ctx.db.engine, "before_cursor_execute", seen)
    try:
        data = demo_ctx.read(dashboard_data, JANUARY)
    finally:
        event.remove(demo_ctx.db.engine, "before_cursor_execute", seen)
    assert data.warnings.rows  # the January the first test shows, with its misses and signals
    months_read = [st for st in statements if "FROM indicator_values" in st]
    assert len(months_read) <= 15, len(months_read)  # 69 checks once read 69 times
    assert len(statements) <= 100, len(statements)  # cards and warnings (~33), the plan card's year (~47)
