"""Import templates: an .xlsx with the Chinese header, example rows, drop-down lists and a sheet that
explains every column. Every cell goes through the guarded writer of reports/workbook.py."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qmsdesk.exports import save_export

EXAMPLE_PREFIX = "示例"  # an example row's name starts with it; the importers refuse such rows
_HEADER_FILL = "DDEBF7"
_EXAMPLE_FONT = "808080"


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    width: int
    note: str  # what to write, for the 填写说明 sheet
    required: str = ""  # "必填", "二选一" …; blank for optional
    kind: str = "text"  # text (stored as text, so 00123 keeps its zeros), date, number
    choices: tuple[str, ...] = ()  # a drop-down list in the data sheet


@dataclass(frozen=True)
class TemplateSpec:
    sheet_title: str
    columns: Sequence[TemplateColumn]
    examples: Sequence[Sequence[object]]
    notes: Sequence[str]  # general advice, one paragraph each
    data_rows: int = 500  # how far down the formats and drop-downs reach


def write_template(path: Path | str, spec: TemplateSpec) -> Path:
    """Write the template to `path` whole (a pulled-out USB stick never holds half a file)."""
    from openpyxl import Workbook

    wb = Workbook()
    _data_sheet(wb.active, spec)
    _notes_sheet(wb.create_sheet("填写说明"), spec)
    wb.properties.creator = "qmsdesk"
    buf = io.BytesIO()
    wb.save(buf)
    return save_export(Path(path), buf.getvalue())


def _data_sheet(ws, spec: TemplateSpec) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from qmsdesk.reports.workbook import write_cell

    ws.title = spec.sheet_title
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    grey = Font(color=_EXAMPLE_FONT, italic=True)
    last = spec.data_rows + 1
    for col, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(col)
        cell = write_cell(ws, 1, col, column.header)
        cell.font, cell.fill = Font(bold=True), fill
        # A column style: what the user types later is kept as text (工号 00123) or shown as a date.
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].number_format = _FORMATS[column.kind]
        if column.choices:
            listed = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="请从列表中选择",
                                    error="可选：" + "、".join(column.choices))
            ws.add_data_validation(listed)
            listed.add(f"{letter}2:{letter}{last}")
    for r, example in enumerate(spec.examples, start=2):
        for col, (column, value) in enumerate(zip(spec.columns, example, strict=True), start=1):
            cell = write_cell(ws, r, col, value)
            cell.font = grey
            cell.number_format = _FORMATS[column.kind]
    ws.freeze_panes = "A2"
    _one_page_wide(ws)


def _one_page_wide(ws) -> None:
    # Printed, the template is a form to fill by hand and its notes a page to read: one page width, landscape.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


_FORMATS = {"text": "@", "date": "yyyy-mm-dd", "number": "General"}


def _notes_sheet(ws, spec: TemplateSpec) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from qmsdesk.reports.workbook import write_cell

    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, text in enumerate(("列名", "是否必填", "填写说明"), start=1):
        cell = write_cell(ws, 1, col, text)
        cell.font, cell.fill = Font(bold=True), fill
    row = 2
    for column in spec.columns:
        for col, text in enumerate((column.header, column.required or "选填", column.note), start=1):
            write_cell(ws, row, col, text).alignment = wrap
        row += 1
    row += 1
    for paragraph in spec.notes:
        write_cell(ws, row, 1, paragraph).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 15 * max(1, len(paragraph) // 45 + 1)
        row += 1
    for letter, width in zip("ABC", (16, 10, 70), strict=True):
        ws.column_dimensions[letter].width = width
    _one_page_wide(ws)
