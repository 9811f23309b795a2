"""Sheets in the shapes real programs save them, written with openpyxl (and csv bytes), for the import tests.

- Excel: a merged title row and a merged 填表 line above the header, a 序号 column, dates as date cells,
  formatted but empty rows below the data, and an empty second sheet.
- WPS: one merged title row, numbers typed as text (工号 '00123', 成绩 '88'), dates as text
  (2023年9月1日, 2023/9/1), full-width digits and spaces from a Chinese input method, and a wrong
  <dimension> record (some writers store "A1"), which makes openpyxl's read-only mode cut columns off
  unless the reader resets it.
- LibreOffice: two empty rows then the header, dates as bare serial numbers in General cells (pasted
  values), text cells holding numbers.
- csv: Excel's "CSV UTF-8" (BOM, CRLF, a title line of commas, trailing comma-only lines) and Excel/WPS
  "CSV" on a Chinese Windows (GB18030, CRLF).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _cells(ws, row: int, values: Sequence[object], *, date_format: str | None = None) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.border = BOX
        if date_format and isinstance(value, date | datetime):
            cell.number_format = date_format


def excel_sheet(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    width = len(header) + 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.cell(row=2, column=1, value="填表日期：2026年11月20日        填表人：护士长")
    _cells(ws, 3, ["序号", *header])
    for n, values in enumerate(rows, start=1):
        _cells(ws, 3 + n, [n, *values], date_format="yyyy/m/d")
    for blank in range(3 + len(rows) + 1, 3 + len(rows) + 8):  # the table's borders drawn further down
        _cells(ws, blank, [None] * width)
    wb.create_sheet("Sheet2")
    for col in range(1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    wb.save(path)
    return path


def wps_sheet(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.cell(row=1, column=1, value=title)
    _cells(ws, 2, header)
    for n, values in enumerate(rows, start=3):
        _cells(ws, n, values)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_wrong_dimension(buf.getvalue()))
    return path


def _wrong_dimension(blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
            dst.writestr(info, data)
    return out.getvalue()


def libreoffice_sheet(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "工作表1"
    for col, text in enumerate(header, start=1):
        ws.cell(row=3, column=col, value=text)
    for n, values in enumerate(rows, start=4):
        for col, value in enumerate(values, start=1):
            ws.cell(row=n, column=col, value=value)  # General cells: a serial stays a number
    wb.save(path)
    return path


def excel_csv_utf8(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    path.write_bytes(_csv_text(title, header, rows).encode("utf-8-sig"))
    return path


def excel_csv_gb18030(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    path.write_bytes(_csv_text(title, header, rows).encode("gb18030"))
    return path


def _csv_text(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([title] + [""] * (len(header) - 1))
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    writer.writerows([[""] * len(header)] * 3)
    return buf.getvalue()
