"""The month's workbook `report.xlsx` (openpyxl), and the one guarded cell writer every workbook uses.

Whatever a unit typed is data, never code: `put` (and `write_cell` / `write_row` over it) is the only way
text enters a cell anywhere in the program — the ward's month, the office's quarterly workbook, the
indicator template. Text a spreadsheet would run (a leading `= + - @`, tab or CR) is stored as a string
cell with the quote prefix, so neither Excel nor LibreOffice evaluates it, even after the cell is edited.
"""

from __future__ import annotations

import io
from copy import copy
from datetime import date, datetime
from typing import Any

from qmsdesk.reports.month_content import (
    MET,
    NO_EXPOSURE,
    NOT_MET,
    WATCH,
    Column,
    MonthContent,
    Table,
    acceptance_rows,
)

SHEET_ORDER = ("概览", "会议", "培训考核", "质量指标", "检查督查", "不良事件", "整改台账", "持续改进")
# Text a spreadsheet would run as a formula (or as DDE) when a user edits the cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_STATUS_FILLS = {MET: "C6EFCE", NOT_MET: "FFC7CE", WATCH: "FFEB9C", NO_EXPOSURE: "D9D9D9"}
_STATUS_FONTS = {MET: "006100", NOT_MET: "9C0006", WATCH: "9C5700", NO_EXPOSURE: "404040"}
_HEADER_FILL = "DDEBF7"
_ALARM_WORDS = frozenset({"不合格", "是"})  # a failed assessment, an overdue item: dark red text


def strip_illegal_characters(value: str) -> str:
    """Remove control characters an .xlsx file cannot hold (they would make the file unreadable).

    This does not make text safe from formulas: only `put` does that.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put(cell, value: Any, column: Column | None = None) -> None:
    """Write one value as the right cell type; formula-like text is stored as plain text."""
    if isinstance(value, str):
        value = strip_illegal_characters(value)
        # An empty cell, not an empty string: that is what reads back and what a spreadsheet shows.
        cell.value = value or None
        if value.startswith(FORMULA_STARTS):
            # openpyxl marks "=..." as a formula; force a string cell and the quote-prefix style so
            # neither Excel nor LibreOffice evaluates it, even after the user edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif column is not None and column.number_format and isinstance(value, int | float):
        cell.number_format = column.number_format


def write_cell(ws, row: int, col: int, value: Any, column: Column | None = None):
    """`put` into the cell at (row, col) of `ws`; returns the cell for styling."""
    cell = ws.cell(row=row, column=col)
    put(cell, value, column)
    return cell


def write_row(ws, row: int, values: list[Any]) -> list[Any]:
    """`put` each value into one row from column A; returns the cells."""
    return [write_cell(ws, row, col, value) for col, value in enumerate(values, start=1)]


def build_workbook(content: MonthContent) -> bytes:
    """The workbook as bytes (it goes into the package; nothing is written to disk here)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _overview(wb.create_sheet("概览"), content)
    for name in SHEET_ORDER[1:]:
        _table_sheet(wb.create_sheet(name), content.sheets.get(name, []), content)
    wb.properties.title = f"{content.unit_label} {content.month_label} 质控小组月度报告"
    wb.properties.creator = "qmsdesk"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "bold": Font(bold=True),
        "alarm": Font(color="9C0006", bold=True),
        "title": Font(bold=True, size=14),
        "header_fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "left_wrap": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "PatternFill": PatternFill,
        "Font": Font,
        "look": _Look(),
    }


def _print_setup(ws, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


class _Look:
    """Cells styled alike share one style record, made once.

    openpyxl finds a font, fill or border among the workbook's by hashing it on every assignment (a
    border hashes its four sides): a month's tables paid a tenth of a second for a handful of looks.
    The record a look leaves on a cell is kept, keyed by what `put` had set (number format, quote
    prefix) and the look's name, and copied to the next cell alike. The file is the same.
    """

    def __init__(self) -> None:
        self._made: dict[tuple, Any] = {}

    def __call__(self, cell, name: str, **styles: Any) -> None:
        # openpyxl's StyleArray (the ids of the cell's font, fill, …), None on a cell not yet styled.
        key = (tuple(cell._style or ()), name)
        made = self._made.get(key)
        if made is None:
            for attribute, value in styles.items():
                setattr(cell, attribute, value)
            self._made[key] = copy(cell._style)
        else:
            cell._style = copy(made)


def _header(ws, row: int, headers: list[str], st: dict) -> None:
    look = st["look"]
    for col, text in enumerate(headers, start=1):
        look(write_cell(ws, row, col, text), "header", font=st["bold"], fill=st["header_fill"],
             border=st["border"], alignment=st["center"])


def _overview(ws, content: MonthContent) -> None:
    st = _styles()
    _header(ws, 1, ["项目", "内容"], st)
    rows: list[tuple[str, Any]] = [
        ("报告", f"{content.unit_label} {content.month_label} 质控小组月度报告"),
        ("医院", content.hospital_name), ("医院代码", content.hospital_code),
        ("科室", content.department_name), ("科室代码", content.department_code),
        ("上报月份", str(content.period)), ("版本", content.version), ("生成时间", content.generated_at),
        *content.counts,
    ]
    r = 2
    for key, value in rows:
        write_row(ws, r, [key, value])
        r += 1
    r += 1
    write_cell(ws, r, 1, "校验提示").font = st["bold"]
    r += 1
    if not content.warnings:
        write_cell(ws, r, 2, "无")
        r += 1
    for n, w in enumerate(content.warnings, start=1):
        write_row(ws, r, [f"提示 {n}", w.message])
        r += 1
    for key, value in acceptance_rows(content):
        write_row(ws, r, [key, value])
        r += 1
    # One alignment for the whole sheet: numbers and text of the value column line up on the left.
    for row in ws.iter_rows(min_row=2):
        row[0].alignment = st["top"]
        row[1].alignment = st["left_wrap"]
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80
    ws.freeze_panes = "A2"
    ws.cell(row=2, column=2).font = st["title"]
    _fit_heights(ws)
    _print_setup(ws, 1)
    ws.page_setup.orientation = "portrait"


def _table_sheet(ws, tables: list[Table], content: MonthContent) -> None:
    from openpyxl.utils import get_column_letter

    st = _styles()
    widths: dict[int, float] = {}
    row = 1
    for n, table in enumerate(tables):
        if n > 0:
            row += 1
            write_cell(ws, row, 1, table.title).font = st["bold"]
            row += 1
        _header(ws, row, [c.header for c in table.columns], st)
        if n == 0:
            ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate
            _print_setup(ws, row)
        row += 1
        if not table.rows:
            write_cell(ws, row, 1, table.empty_text)
            row += 1
        for values in table.rows:
            for col, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
                c = write_cell(ws, row, col, value, column)
                wrap = column.kind == "text" and column.width >= 20
                alarm = column.kind != "status" and isinstance(value, str) and value in _ALARM_WORDS
                st["look"](c, f"cell-{wrap}-{alarm}", border=st["border"], alignment=st["wrap" if wrap else "top"],
                           **({"font": st["alarm"]} if alarm else {}))
                if column.kind == "status":
                    _colour(c, value, st)
            _colour_value(ws, row, table, values, st)
            row += 1
        for col, column in enumerate(table.columns, start=1):
            widths[col] = max(widths.get(col, 0), column.width)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    _fit_heights(ws)


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit_heights(ws) -> None:
    """Set each row's height from its wrapped text: LibreOffice keeps the default height otherwise,
    and long minutes would overlap the next row when printed."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, float] = {}
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            col = cell.column
            if col not in widths:
                widths[col] = ws.column_dimensions[get_column_letter(col)].width or 10
            usable = max(4.0, widths[col] - 1)
            need = sum(max(1, -(-_display_width(part) // int(usable))) for part in cell.value.split("\n"))
            lines = max(lines, need)
        size = max((c.font.sz or 11) for c in row)
        if lines > 1 or size > 11:
            ws.row_dimensions[row[0].row].height = round(lines * size * 1.3 + 3, 1)


def _colour(cell, status: str, st: dict) -> None:
    fill = _STATUS_FILLS.get(status)
    if fill:
        st["look"](cell, f"status-{status}", fill=st["PatternFill"]("solid", fgColor=fill),
                   font=st["Font"](color=_STATUS_FONTS[status], bold=status == NOT_MET))


def _colour_value(ws, row: int, table: Table, values: list[Any], st: dict) -> None:
    """Colour the indicator value like its status, so a printed sheet shows misses at a glance."""
    headers = [c.header for c in table.columns]
    if "状态" not in headers or "指标值" not in headers:
        return
    status = values[headers.index("状态")]
    _colour(ws.cell(row=row, column=headers.index("指标值") + 1), status, st)
