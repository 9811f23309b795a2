"""The monthly entry grid: typing saves through the service, refusals show, a block pasted from Excel works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from qmsdesk.periods import Period
from qmsdesk.services.indicators import value_for


@pytest.fixture
def grid(qtbot, ctx):
    from qmsdesk.ui.indicator_grid import IndicatorGrid

    widget = IndicatorGrid(ctx)
    qtbot.addWidget(widget)
    widget.month.setCurrentText("2026-10")
    widget.resize(1100, 600)
    return widget


def cell(grid, code: str, column: int) -> str:
    row = grid.model.row_of(code)
    return grid.model.data(grid.model.index(row, column))


def saved(ctx, code: str, period: str = "2026-10"):
    value = ctx.read(value_for, code, Period.parse(period))
    return None if value is None else (value.numerator, value.denominator)


def test_grid_lists_the_applicable_indicators_of_the_month(grid):
    from qmsdesk.ui.indicator_grid import STATUS

    codes = [r.code for r in grid.model.rows]
    assert "NUR-FALL" in codes and "NUR-VAP" not in codes
    assert cell(grid, "NUR-FALL", STATUS) == "未录入"


def test_typing_both_figures_saves_and_shows_value_and_status(grid, ctx):
    from qmsdesk.ui.indicator_grid import DENOMINATOR, NUMERATOR, STATUS, TARGET, VALUE

    model = grid.model
    row = model.row_of("NIT-VTE")
    assert model.setData(model.index(row, NUMERATOR), "45")
    assert cell(grid, "NIT-VTE", STATUS) == "待填写完整" and saved(ctx, "NIT-VTE") is None
    assert model.setData(model.index(row, DENOMINATOR), "50")
    assert saved(ctx, "NIT-VTE") == (45, 50)
    assert cell(grid, "NIT-VTE", VALUE) == "90.00%"
    assert cell(grid, "NIT-VTE", TARGET) == "≥90.00%"
    assert cell(grid, "NIT-VTE", STATUS) == "接近目标值"
    assert "已保存 1 项" in grid.info.text()


def test_a_refused_entry_shows_the_service_message_and_saves_nothing(grid, ctx):
    from qmsdesk.ui.indicator_grid import DENOMINATOR, NUMERATOR, STATUS

    model = grid.model
    row = model.row_of("NIT-VTE")
    model.setData(model.index(row, DENOMINATOR), "50")
    assert not model.setData(model.index(row, NUMERATOR), "60")
    assert "不能大于分母" in cell(grid, "NIT-VTE", STATUS)
    assert "不能大于分母" in model.data(model.index(row, NUMERATOR), Qt.ItemDataRole.ToolTipRole)
    assert saved(ctx, "NIT-VTE") is None
    assert not model.setData(model.index(model.row_of("NUR-FALL"), NUMERATOR), "一")
    assert "不是数字" in cell(grid, "NUR-FALL", STATUS)


def test_zero_denominator_is_saved_as_no_exposure(grid, ctx):
    from qmsdesk.ui.indicator_grid import DENOMINATOR, NUMERATOR, STATUS, VALUE

    model = grid.model
    row = model.row_of("NUR-UEX-ETT")
    model.setData(model.index(row, NUMERATOR), "0")
    model.setData(model.index(row, DENOMINATOR), "0")
    assert saved(ctx, "NUR-UEX-ETT") == (0, 0)
    assert cell(grid, "NUR-UEX-ETT", STATUS) == "本月无暴露"
    assert cell(grid, "NUR-UEX-ETT", VALUE) == "—"


def test_pasting_two_columns_from_excel_fills_rows_downwards(qtbot, grid, ctx):
    from qmsdesk.ui.indicator_grid import NUMERATOR

    model = grid.model
    first = model.row_of("NUR-FALL")
    grid.table.setCurrentIndex(model.index(first, NUMERATOR))
    QGuiApplication.clipboard().setText("1\t1200\r\n0\t250\r\n")
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    second = model.rows[first + 1].code
    assert saved(ctx, "NUR-FALL") == (1, 1200)
    assert saved(ctx, second) == (0, 250)


def test_pasting_a_block_with_codes_matches_by_code_and_is_all_or_nothing(grid, ctx):
    grid.paste("NIT-VTE\t45\t50\nNUR-FALL\t2\t1300\n")
    assert saved(ctx, "NIT-VTE") == (45, 50) and saved(ctx, "NUR-FALL") == (2, 1300)
    grid.paste("NUR-PI\t1\t250\nNIT-VTE\t70\t50\n")
    assert saved(ctx, "NUR-PI") is None  # the bad VTE row stopped the whole paste
    assert saved(ctx, "NIT-VTE") == (45, 50)
    assert "未通过检查" in grid.info.text()


def test_grid_shows_saved_values_when_the_month_is_chosen_again(grid, ctx):
    from qmsdesk.ui.indicator_grid import NUMERATOR

    grid.paste("NUR-FALL\t2\t1300\n")
    grid.month.setCurrentText("2026-09")
    assert cell(grid, "NUR-FALL", NUMERATOR) == ""
    grid.month.setCurrentText("2026-10")
    assert cell(grid, "NUR-FALL", NUMERATOR) == "2"


def test_a_good_row_held_back_by_a_bad_one_says_it_was_not_saved(grid):
    from qmsdesk.ui.indicator_grid import STATUS

    grid.paste("NUR-PI\t1\t250\nNIT-VTE\t70\t50\n")
    assert cell(grid, "NUR-PI", STATUS) == "未保存（其他行有误）"


def test_template_and_import_from_the_window(grid, ctx, tmp_path, answers):
    from openpyxl import load_workbook

    template = tmp_path / "模板.xlsx"
    grid.save_template(str(template))
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    assert ws["A1"].value == "指标编码" and ws["C2"].value == "2026-10"
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "NIT-VTE":
            row[3].value, row[4].value = 95, 50  # more than the denominator: the whole sheet is refused
        else:
            row[3].value, row[4].value = 1, 100
    wb.save(template)
    assert not grid.import_file(str(template))
    assert answers[-1][0] == "error" and "不能大于分母" in answers[-1][2] and "所有行均未写入" in answers[-1][2]
    assert saved(ctx, "NUR-FALL") is None
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "NIT-VTE":
            row[3].value = 45
    wb.save(template)
    assert grid.import_file(str(template))
    assert saved(ctx, "NUR-FALL") == (1, 100) and saved(ctx, "NIT-VTE") == (45, 50)
    assert cell(grid, "NIT-VTE", 2) == "45"
    assert answers[-1][0] == "info"


def test_double_click_on_an_indicator_asks_for_its_chart(qtbot, grid):
    from qmsdesk.ui.indicator_grid import NAME

    grid.show()
    qtbot.waitExposed(grid)
    row = grid.model.row_of("NUR-FALL")
    grid.table.scrollTo(grid.model.index(row, NAME))
    rect = grid.table.visualRect(grid.model.index(row, NAME))
    with qtbot.waitSignal(grid.chart_requested) as blocker:
        qtbot.mouseClick(grid.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(grid.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["NUR-FALL"]


def test_a_submitted_month_refuses_entries_with_the_reason(grid, ctx):
    from qmsdesk.db import models as m
    from qmsdesk.ui.indicator_grid import STATUS

    ctx.write(lambda s: s.add(m.Submission(period="2026-10", version=1, status="submitted")))
    grid.paste("NIT-VTE\t45\t50\n")
    assert saved(ctx, "NIT-VTE") is None
    assert "2026-10" in cell(grid, "NIT-VTE", STATUS)
    assert grid.info.styleSheet() == "color: #c62828;"
    grid.month.setCurrentText("2026-09")
    grid.month.setCurrentText("2026-10")  # chosen again: the month now shows as locked, cells read-only
    assert "2026-10" in grid.info.text() and "已锁定" in grid.info.text()
    index = grid.model.index(grid.model.row_of("NIT-VTE"), 2)
    assert not grid.model.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_saving_inside_the_window_keeps_the_saved_message_after_the_page_reloads(qtbot, ctx):
    from qmsdesk.ui.pages.indicators import IndicatorsPage

    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.grid.month.setCurrentText("2026-10")
    page.grid.paste("NUR-FALL\t1\t1200\n")
    page.refresh()
    assert "已保存 1 项" in page.grid.info.text()
    assert cell(page.grid, "NUR-FALL", 2) == "1"


def test_status_shows_a_control_chart_signal_of_the_month(grid, ctx):
    from qmsdesk.periods import Period, months_between
    from qmsdesk.services.indicators import set_value
    from qmsdesk.ui.indicator_grid import STATUS

    def history(s):
        for period, n in zip(months_between(Period.parse("2025-11"), Period.parse("2026-09")),
                             [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], strict=True):
            set_value(s, "NUR-FALL", period, n, 1000)

    ctx.write(history)
    grid.paste("NUR-FALL\t8\t1000\n")
    status = cell(grid, "NUR-FALL", STATUS)
    # Falls are rare here (one every other month): eight in a month is a cluster the year cannot explain.
    assert status.startswith("未达标；") and "本月例数远超此前 12 个月的水平" in status
