"""The main window: its pages in the sidebar, remembered geometry, last page and table layout."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qmsdesk.ui.main_window import MainWindow

SIDEBAR = ["工作台", "质控小组", "人员", "会议记录", "培训考核", "授权管理", "质量指标", "检查督查", "检查评分表", "评分分析",
           "不良事件", "整改台账", "持续改进", "年度计划", "季度分析与年度总结", "月度上报", "设置"]


def test_sidebar_lists_every_page_in_chinese(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == SIDEBAR
    assert "某县人民医院 · 心血管内科" in window.unit_label.text()


def test_geometry_last_page_and_column_layout_are_remembered(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(1000, 640)
    ledger = window.show_page("ledger")
    ledger.table.setColumnWidth(2, 333)
    ledger.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    size = (window.width(), window.height())
    window.close()

    again = MainWindow(ctx)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.first_painted, timeout=10_000):
        again.show()
    assert again.current_page().key == "ledger"
    # Qt fits a restored window to the screen (the offscreen test screen is 800 pixels wide).
    width = min(size[0], again.screen().availableGeometry().width())
    assert abs(again.width() - width) <= 30 and abs(again.height() - size[1]) <= 30, (size, again.size())
    table = again.page("ledger").table
    assert table.columnWidth(2) == 333
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (7, Qt.SortOrder.DescendingOrder)


def test_the_first_page_is_built_after_the_window_has_painted(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window._pages == {}  # nothing but the sidebar before the first paint
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert list(window._pages) == ["dashboard"] and window.page("dashboard").isVisible()


def test_window_state_lives_in_the_data_folder(qtbot, ctx, _isolated_data):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.close()
    assert (_isolated_data / "qmsdesk-ui.ini").exists()


def test_about_box_names_the_version_from_pyproject_and_the_database(qtbot, ctx):
    import tomllib
    from pathlib import Path

    version = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    help_menu = window.menuBar().actions()[-1]
    assert help_menu.text() == "帮助(&H)"
    assert window.about_action in help_menu.menu().actions()
    text = window.about_text()
    assert f"版本：{version}" in text
    assert str(ctx.db.path) in text
