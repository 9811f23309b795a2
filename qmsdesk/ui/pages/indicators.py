"""质量指标 page: monthly entry grid, the list of values, control charts and Pareto (services/indicators.py).

The rate is computed, never typed. The list shows months with applicable indicators not yet entered
as "未录入" rows, so the head nurse sees what is missing and enters it with a double-click. The grid and
chart widgets come from ui/indicator_grid.py and ui/charts.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from qmsdesk.changes import Kind
from qmsdesk.clock import today
from qmsdesk.errors import QmsError
from qmsdesk.i18n import bracketed
from qmsdesk.periods import Period
from qmsdesk.services import indicators as service
from qmsdesk.ui.forms import Field, FormDialog
from qmsdesk.ui.operations import UndoStep
from qmsdesk.ui.pages.base import ListPage, Page, Records
from qmsdesk.ui.settings import UiSettings
from qmsdesk.ui.table_model import RIGHT, Column

STATE_COLOURS = {"ok": QColor("#2e7d32"), "off": QColor("#c62828"), "missing": QColor("#c25e00")}


def _fmt_number(value: object) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


class IndicatorValuesList(ListPage):
    """Every entered value, month by month, with the applicable indicators still missing."""

    key = "indicator_values"
    shows = frozenset({str(Kind.INDICATOR), str(Kind.INDICATOR_VALUE)})
    has_month_filter = True
    has_status_filter = True
    show_heading = False
    records = Records(rows=service.value_rows, create=service.enter_value)

    def title(self) -> str:
        return self.tr("数据列表")

    def record_label(self) -> str:
        return self.tr("指标数据")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.add_button.setText(self.tr("录入数据"))

    def status_choices(self) -> list[tuple[str, str]]:
        return [("ok", self.tr("达标")), ("off", self.tr("未达标")), ("missing", self.tr("未录入"))]

    def month_of(self, row: dict[str, Any]) -> str:
        return str(row["period"])

    def columns(self) -> list[Column]:
        return [
            Column("period", self.tr("月份"), width=80),
            Column("code", self.tr("代码"), width=150),
            Column("name", self.tr("指标名称"), width=300, free_text=True),
            Column("numerator", self.tr("分子"), fmt=_fmt_number, align=RIGHT, width=70),
            Column("denominator", self.tr("分母"), fmt=_fmt_number, align=RIGHT, width=80),
            Column("value", self.tr("指标值"), fmt=_fmt_number, align=RIGHT, width=80),
            Column("unit", self.tr("单位"), width=90),
            Column("target", self.tr("目标值"), fmt=_fmt_number, align=RIGHT, width=70),
            Column("status", self.tr("状态"), fmt=self._state_text, width=70,
                   color=lambda r: STATE_COLOURS.get(r["status"])),
            Column("note", self.tr("备注"), width=160, free_text=True),
        ]

    def _state_text(self, state: object) -> str:
        return {"ok": self.tr("达标"), "off": self.tr("未达标"), "missing": self.tr("未录入")}.get(str(state), "")

    # --- form -------------------------------------------------------------------------------------
    def fields(self, row: dict[str, Any] | None) -> list[Field]:
        choices = [(c.code, bracketed(c.name, c.code))
                   for c in self.ctx.read(service.indicator_choices, applicable_only=True)]
        return [
            Field("code", self.tr("指标"), "choice", required=True, choices=choices),
            Field("period", self.tr("月份"), required=True, placeholder="2026-10", check=self._check_period),
            Field("numerator", self.tr("分子"), "float", required=True, minimum=0, decimals=2),
            Field("denominator", self.tr("分母"), "float", minimum=0, decimals=2,
                  placeholder=self.tr("本月无暴露时填 0")),
            Field("note", self.tr("备注")),
        ]

    def _check_period(self, text: object) -> str | None:
        try:
            Period.parse(str(text))
        except QmsError as exc:
            return str(exc)
        return None

    def default_values(self) -> dict[str, Any]:
        return {"period": str(Period.of(today()).previous())}  # the form's text; create() reads it

    def values_of(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**{k: row[k] for k in ("code", "numerator", "denominator", "note")}, "period": str(row["period"])}

    def make_form(self, row: dict[str, Any] | None) -> FormDialog:
        dialog = super().make_form(row)
        if row is not None:
            # Entering a missing month or correcting a value: the indicator and month are given.
            dialog.widgets["code"].setEnabled(False)
            dialog.widgets["period"].setEnabled(False)
            dialog.setWindowTitle(f"{row['name']} — {row['period']}")
        return dialog

    def create(self, values: dict[str, Any]) -> Any:
        """The month typed in the form is read here, where it is typed."""
        return self.ctx.write(service.enter_value, **{**values, "period": Period.parse(values["period"])})

    def update(self, row: dict[str, Any], values: dict[str, Any]) -> Any:
        """Entering a missing month or correcting a value: the row gives the indicator and month."""
        return self.ctx.write(service.enter_value, **{**values, "code": row["code"], "period": row["period"]})

    def remove(self, row: dict[str, Any]) -> None:
        """Delete the month's value; its undo enters the same figures again."""
        code, period = row["code"], row["period"]
        figures = (row["numerator"], row["denominator"], row["note"])
        undo = UndoStep(self.key, self.describe(row), lambda s: service.set_value(s, code, period, *figures))
        self.ctx.write(service.delete_value, code, period, undo=undo)

    def describe(self, row: dict[str, Any]) -> str:
        return f"{row['period']} {row['name']}"

    def select_result(self, result: Any) -> None:
        indicator = getattr(result, "indicator", None)
        if indicator is not None:
            self.select_id(f"{indicator.code}@{result.period}")

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        row = self.selected_row()
        if row is not None and row["status"] == "missing":
            self.delete_button.setEnabled(False)
            self.edit_button.setText(self.tr("录入"))
        else:
            self.edit_button.setText(self.tr("修改"))


class IndicatorsPage(Page):
    """Tabs: entry grid, value list, trend/control chart, Pareto of problems."""

    key = "indicators"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_heading(layout)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("indicator-tabs")
        self.values = IndicatorValuesList(ctx)
        self.tabs.addTab(self.values, self.values.title())
        layout.addWidget(self.tabs)
        self.grid = self.chart = self.pareto = None

    def _add_widgets(self) -> None:
        """The grid and charts read the database as they are built, so they join once it is open."""
        from qmsdesk.ui.charts import IndicatorChartWidget, ParetoWidget
        from qmsdesk.ui.indicator_grid import IndicatorGrid

        self.grid = IndicatorGrid(self.ctx)
        self.chart = IndicatorChartWidget(self.ctx)
        self.pareto = ParetoWidget(self.ctx)
        self.tabs.insertTab(0, self.grid, self.tr("月度录入"))
        self.tabs.addTab(self.chart, self.tr("趋势与控制图"))
        self.tabs.addTab(self.pareto, self.tr("问题帕累托图"))
        self.tabs.setCurrentIndex(0)
        self.grid.chart_requested.connect(self.show_chart)

    def show_chart(self, code: str, start: Period | str | None = None, end: Period | str | None = None) -> None:
        """趋势与控制图 tab on `code`, over start..end when given (the dashboard's warnings open it this way)."""
        if self.chart is None and self.ctx.is_open:
            self.refresh()  # the page was never shown: the chart tab does not exist yet
        if self.chart is None:
            return
        self.tabs.setCurrentWidget(self.chart)
        self.chart.show_indicator(code, start, end)

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.is_open:
            return
        if self.grid is None:
            self._add_widgets()
        else:
            self.grid.load(self.grid.selected_month())

    def dialogs(self) -> dict[str, Callable[[], QDialog | None]]:
        return {f"values-{name}": (lambda mk=make: (self.tabs.setCurrentWidget(self.values), mk())[1])
                for name, make in self.values.dialogs().items()}

    def save_state(self, settings: UiSettings) -> None:
        self.values.save_state(settings)
