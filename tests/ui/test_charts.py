"""The chart widgets draw what the analytics computed: a non-empty picture, tooltips, chart type choices."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from qmsdesk.periods import Period, months_between
from qmsdesk.services.indicators import set_value


@pytest.fixture
def falls(ctx):
    figures = [0, 1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 7]

    def fill(s):
        for period, n in zip(months_between(Period.parse("2025-11"), Period.parse("2026-10")), figures, strict=True):
            set_value(s, "NUR-FALL", period, n, 1200)
        set_value(s, "NIT-VTE", Period(2026, 10), 45, 50)

    ctx.write(fill)
    return ctx


def coloured_pixels(image, colour: str) -> int:
    target = QColor(colour)
    return sum(
        1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
        if abs(image.pixelColor(x, y).red() - target.red()) < 20
        and abs(image.pixelColor(x, y).green() - target.green()) < 20
        and abs(image.pixelColor(x, y).blue() - target.blue()) < 20
    )


def test_indicator_chart_renders_the_signal_and_offers_a_tooltip(qtbot, falls, tmp_path):
    from qmsdesk.ui.charts import IndicatorChartWidget

    widget = IndicatorChartWidget(falls)
    qtbot.addWidget(widget)
    widget.resize(1000, 520)
    widget.show_indicator("NUR-FALL", "2025-11", "2026-10")
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    image.save(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.width() >= 1000
    assert coloured_pixels(image, "#D62728") > 10  # the month of seven falls is drawn as a concern
    assert coloured_pixels(image, "#1F4E79") > 50  # the value line
    assert coloured_pixels(image, "#BF8F00") > 10  # the rolling 12-month rate
    # About one fall a month: a rare event, shown as its g-chart with the run chart beside it.
    spec = widget.spec
    assert spec.chart == "g" and widget.companion.isVisible() and widget.companion.spec is spec.companion
    assert spec.companion.points[-1].signal == "excess_count"
    assert "例数远超此前 12 个月的水平" in widget.notes.text() and "Benneyan" in widget.notes.text()
    where, _index = widget.companion.point_positions()[-1]
    tip = widget.companion.tooltip_at(where)
    assert "2026-10" in tip and "分子 7" in tip and "分母 1200" in tip and "5.83‰" in tip and "滚动率" in tip
    where, _index = widget.view.point_positions()[0]
    assert "图表起点至第 1 例" in widget.view.tooltip_at(where)


def test_chart_type_can_be_changed_to_a_run_chart(qtbot, falls):
    from qmsdesk.ui.charts import IndicatorChartWidget

    widget = IndicatorChartWidget(falls)
    qtbot.addWidget(widget)
    widget.show_indicator("NUR-FALL", "2025-11", "2026-10")
    choices = [widget.chart_type.itemData(i) for i in range(widget.chart_type.count())]
    assert choices == [None, "run", "u", "g", "t"]
    widget.chart_type.setCurrentIndex(choices.index("run"))
    assert widget.spec.chart == "run" and not widget.laney.isEnabled() and widget.companion.isHidden()
    widget.chart_type.setCurrentIndex(choices.index("u"))
    assert widget.spec.chart == "u" and widget.laney.isEnabled()
    widget.show_indicator("NIT-VTE")
    assert [widget.chart_type.itemData(i) for i in range(widget.chart_type.count())] == [None, "run", "p", "u", "g",
                                                                                         "t"]


def test_pareto_widget_draws_bars_and_the_cumulative_line(qtbot, ctx, tmp_path):
    from datetime import date

    from qmsdesk.db import models as m
    from qmsdesk.ui.charts import ParetoWidget

    def fill(s):
        inspection = m.Inspection(kind="self", date=date(2026, 10, 5), inspector="护士长")
        s.add(inspection)
        s.flush()
        for category, n in (("手卫生", 5), ("护理文书", 3), ("交接班", 1)):
            for _ in range(n):
                s.add(m.InspectionFinding(inspection_id=inspection.id, category=category, description="…"))

    ctx.write(fill)
    widget = ParetoWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 480)
    widget.range.set_range("2026-10", "2026-10")
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    image.save(str(tmp_path / "pareto.png"))
    assert [b.category for b in widget.spec.bars] == ["手卫生", "护理文书", "交接班"]
    assert coloured_pixels(image, "#2F5597") > 100  # the vital-few bars
    assert coloured_pixels(image, "#C00000") > 20  # the cumulative line
    rect, index = widget.view.bar_rects()[0]
    assert "手卫生" in widget.view.tooltip_at(rect.center()) and "55.6%" in widget.view.tooltip_at(rect.center())
    widget.sources["inspection"].setChecked(False)
    assert widget.spec.bars == ()


def test_widgets_accept_a_bare_database(qtbot, db):
    from qmsdesk.services.catalogue import install_catalogue
    from qmsdesk.ui.charts import IndicatorChartWidget

    with db.session() as s:
        install_catalogue(s, "icu")
    widget = IndicatorChartWidget(db)
    qtbot.addWidget(widget)
    assert widget.indicator.count() > 0
    widget.grab()


def test_the_labels_at_the_right_of_a_chart_are_drawn_whole(qtbot, falls):
    """'UCL 6.44 例/百出院人次' once ran off the widget: the plot leaves room for the widest right-hand label."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from qmsdesk.ui.charts import IndicatorChartWidget

    def fill(s):
        for period in months_between(Period(2025, 11), Period(2026, 10)):
            set_value(s, "NIT-AE-REPORT", period, 5, 180)

    falls.write(fill)
    widget = IndicatorChartWidget(falls)
    qtbot.addWidget(widget)
    widget.resize(900, 520)
    widget.show_indicator("NIT-AE-REPORT", "2025-11", "2026-10")
    widget.chart_type.setCurrentIndex(widget.chart_type.findData("u"))
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.view
    small = QFont(view.font())
    small.setPointSizeF(max(view.font().pointSizeF() * 0.85, 7))
    labels = [text for _, text, _ in view._right_labels(view.spec)]
    assert any(text.startswith("UCL") and "例/百出院人次" in text for text in labels)
    widest = max(QFontMetricsF(small).horizontalAdvance(text) for text in labels)
    assert view._plot_rect().right() + 4 + widest <= view.width()
