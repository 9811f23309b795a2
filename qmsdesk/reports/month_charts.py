"""The month report's indicator charts: which indicators, over which months, and their drawing in the PDF.

services/month_package.py reads the charts' values through the ORM and reports/month_collect_raw.py with plain
SQL; both choose and draw them here, so the PDF's charts are the same whichever path read them.
"""

from __future__ import annotations

import logging
from typing import Any

from qmsdesk.periods import Period

log = logging.getLogger(__name__)

CHART_MONTHS = 12  # each chart shows the month and the 11 before it


def chart_codes(content: Any) -> list[str]:
    """The indicators charted: those with a value this month and a target (reports.month_content.MonthContent)."""
    return [line.code for line in content.indicators if line.value is not None and line.target_text]


def chart_start(period: Period) -> Period:
    start = period
    for _ in range(CHART_MONTHS - 1):
        start = start.previous()
    return start


def draw_charts(specs: list[Any], masker: Any) -> list[Any] | None:
    """The PDF flowables of the chart specs (analytics.charts.ChartSpec), every text masked; None when the
    chart drawing is not installed (the PDF then has the indicator table only)."""
    try:
        from qmsdesk.reports.chart_pdf import chart_flowables
    except ImportError:
        log.info("indicator charts not available; the PDF has the indicator table only")
        return None
    from qmsdesk.reports.pdf import CHART_WIDTH

    out: list[Any] = []
    for spec in specs:
        out += chart_flowables(masker.deep(spec), CHART_WIDTH, 150)
    return out
