"""Reading the sheets people bring: .xlsx from Excel, WPS or LibreOffice, .csv in UTF-8 (with or without BOM) or GB18030.

Shared by every import (indicator figures, staff, group members, attendance, scores). Real files are
untidy: a merged title row or two above the header, the header not on row 1, a 序号 column, trailing
empty rows, numbers stored as text and text stored as numbers, dates as Excel serials or as text
(2023/9/1, 2023年9月1日), full-width digits and spaces typed by a Chinese input method. This module
finds the header, keys every data row by column, and turns cells into clean values; the importers
decide what the values mean. Row numbers are the ones the user sees in Excel.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from qmsdesk.errors import FieldError, ValidationError
from qmsdesk.i18n import msg

HEADER_SEARCH_ROWS = 20  # title rows above the header: a few in practice; 20 is generous
MAX_ROWS = 20000  # a department's sheet is a few hundred rows; more is the wrong file


class ImportRefused(ValidationError):
    """The sheet had problems; `errors` name each by row and column and nothing was written."""


@dataclass(frozen=True)
class Column:
    """One column an import understands: its key, its Chinese header (also the template's) and what else
    people call it."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return msg(self.zh, self.en)

    def names(self) -> tuple[str, ...]:
        return (self.zh, self.en, self.key, *self.aliases)


@dataclass(frozen=True)
class SheetRow:
    row: int  # the row number the user sees in Excel
    values: dict[str, object]


@dataclass(frozen=True)
class Sheet:
    """The data rows of a sheet, keyed by column, and where they came from."""

    rows: list[SheetRow]
    header_row: int
    sheet_name: str | None = None
    ignored_headers: tuple[str, ...] = ()  # columns present in the file that the import does not use


# --- cells ----------------------------------------------------------------------------------------

def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as clean text: full-width letters and digits made ordinary, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def plain_text(value: object) -> str:
    """Free text (a subject, a title) as typed: only the spaces around it go; its full-width （）and ：stay."""
    if isinstance(value, str):
        return value.strip().strip("\u3000").strip()
    return cell_text(value)


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_DOTS = re.compile(r"[\u00b7\u2022\u2027\u30fb\u2219\u22c5]")


def person_name(value: object) -> str:
    """A name as people type it: '张 伟' (padded to align two-character names), '张伟 ' and full-width
    spaces are all 张伟; the dots of names such as 阿依古丽·买买提 become one kind of dot."""
    text = cell_text(value)
    text = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)
    text = re.sub(r"\s+", " ", text)
    return _DOTS.sub("·", text).strip()


def code_text(value: object) -> str:
    """An identifier such as an employee number: no spaces anywhere, '1023.0' read back as 1023."""
    return re.sub(r"\s", "", cell_text(value))


def parse_number(value: object) -> float | None:
    """A number from a cell; None for blank; ValueError for text that is not a number."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        number = float(cell_text(value).replace(",", "").replace("，", ""))
    if math.isnan(number) or math.isinf(number):
        raise ValueError(value)
    return number


# Excel counts days from 1899-12-30 (with its 1900 leap-year quirk); openpyxl knows the details.
_SERIAL_RANGE = (1, 2958465)
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT].*)?")


def parse_date(value: object) -> date | None:
    """A day from a cell: a date cell, an Excel serial (45170), or text such as 2023-09-01, 2023/9/1,
    2023.9.1, 2023年9月1日, 20230901, with or without a time after it. None for blank; ValueError otherwise."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _from_serial(value)
    text = cell_text(value)
    found = _DATE_TEXT.fullmatch(text)
    if found:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{1,7}(\.\d+)?", text):
        return _from_serial(float(text))
    raise ValueError(value)


def _from_serial(number: float) -> date:
    from openpyxl.utils.datetime import from_excel

    if not (_SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]) or math.isnan(number):
        raise ValueError(number)
    found = from_excel(number)
    return found.date() if isinstance(found, datetime) else found


def row_error(row: int, column: Column | str, message: str) -> FieldError:
    """An error the user can find: 第 5 行“工号”：… (field 'row:key', so a window can mark the cell)."""
    key = column.key if isinstance(column, Column) else column
    label = column.label if isinstance(column, Column) else column
    return FieldError(f"{row}:{key}", msg("第 {r} 行“{c}”：{m}", "Row {r}, {c}: {m}", r=row, c=label, m=message))


# --- headers --------------------------------------------------------------------------------------

def normalise_header(text: object) -> str:
    """'1、姓名：', '*工号', '入职日期（yyyy-mm-dd）', 'Employee No' → comparable keys."""
    value = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    value = re.sub(r"^(?:\d+\s*[、.)]|q\d+[、.:]?)\s*", "", value)  # 问卷星 numbers its questions: 1、姓名：
    value = re.sub(r"[(\[].*$", "", value)  # an explanation in brackets
    value = value.strip(" *:：")
    return re.sub(r"[\s_]+", "", value)


def header_map(header: Sequence[object], columns: Sequence[Column]) -> tuple[dict[int, str], tuple[str, ...]]:
    """Which position holds which column (first one wins), and the headers nobody uses."""
    lookup = {normalise_header(name): c.key for c in columns for name in c.names()}
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(header):
        key = lookup.get(normalise_header(cell))
        if key and key not in mapping.values():
            mapping[i] = key
        elif not blank(cell):
            ignored.append(cell_text(cell))
    return mapping, tuple(ignored)


def _missing(found: set[str], requires: Sequence[Sequence[str]]) -> list[Sequence[str]]:
    return [group for group in requires if not found.intersection(group)]


# --- files ----------------------------------------------------------------------------------------

def read_table(path: Path | str, columns: Sequence[Column], requires: Sequence[Sequence[str]]) -> Sheet:
    """The data rows of the first sheet (xlsx) or the file (csv) that has a header with the required columns.

    `requires` lists groups of column keys; each group needs at least one of its columns (a person may be
    named by 姓名 or by 工号). Blank rows are skipped. Raises ImportRefused for a file it cannot use.
    """
    tables = _tables(Path(path))
    for name, raw in tables:
        found = _find_header(raw, columns, requires)
        if found is not None:
            start, mapping, ignored = found
            return Sheet(_data_rows(raw, start, mapping), start + 1, name, ignored)
    raise _header_refusal(tables, columns, requires)


def _find_header(raw: list[tuple], columns, requires):
    for i, cells in enumerate(raw[:HEADER_SEARCH_ROWS]):
        mapping, ignored = header_map(list(cells), columns)
        if mapping and not _missing(set(mapping.values()), requires):
            return i, mapping, ignored
    return None


def _header_refusal(tables, columns: Sequence[Column], requires) -> ImportRefused:
    """Name the columns that are missing, against the row that looked most like a header."""
    best_row, best = -1, set()
    nonblank = False
    for _name, raw in tables:
        for i, cells in enumerate(raw[:HEADER_SEARCH_ROWS]):
            nonblank = nonblank or any(not blank(c) for c in cells)
            mapping, _ = header_map(list(cells), columns)
            if len(mapping) > len(best):
                best_row, best = i, set(mapping.values())
    if not nonblank:
        return ImportRefused(msg("文件是空的。", "The file is empty."), "file")
    by_key = {c.key: c for c in columns}
    wanted = " / ".join("、".join(by_key[k].zh for k in group) for group in _missing(best, requires))
    if best_row < 0:
        return ImportRefused(msg(
            "前 {n} 行中没有找到表头（需要列：{w}）。请使用导入模板，或把表头改成模板中的列名。",
            "No header found in the first {n} rows (columns needed: {w}). Use the import template, or rename the "
            "header to the template's column names.", n=HEADER_SEARCH_ROWS, w=wanted), "file")
    errors = []
    for group in _missing(best, requires):
        names = "”或“".join(by_key[k].label for k in group)
        accepted = " / ".join(n for k in group for n in (by_key[k].zh, *by_key[k].aliases))
        errors.append(FieldError(group[0], msg(
            "第 {r} 行（表头）缺少列“{c}”（可用：{a}）。", "Row {r} (header) lacks the column '{c}' (accepted: {a}).",
            r=best_row + 1, c=names, a=accepted)))
    return ImportRefused(errors)


def _data_rows(raw: list[tuple], start: int, mapping: dict[int, str]) -> list[SheetRow]:
    header = {i: normalise_header(raw[start][i]) for i in mapping}
    rows: list[SheetRow] = []
    for number, cells in enumerate(raw[start + 1:], start=start + 2):
        values = {key: (cells[i] if i < len(cells) else None) for i, key in mapping.items()}
        if all(blank(v) for v in values.values()):
            continue
        if all(normalise_header(cells[i] if i < len(cells) else "") == header[i] for i in mapping):
            continue  # the header again, as a long list printed over several pages repeats it
        rows.append(SheetRow(number, values))
    if not rows:
        raise ImportRefused(msg("表头（第 {r} 行）下面没有数据行。", "There are no data rows under the header (row {r}).",
                                r=start + 1), "file")
    return rows


def _tables(path: Path) -> list[tuple[str | None, list[tuple]]]:
    """(sheet name, rows) of every sheet of a workbook, or the one table of a csv file."""
    if not path.is_file():
        raise ImportRefused(msg("找不到文件：{p}", "File not found: {p}", p=path), "file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".csv":
        return [(None, _read_csv(path))]
    if suffix in (".xls", ".et", ".ods"):
        raise ImportRefused(msg(
            "不能直接读取 {p}：请在 Excel、WPS 或 LibreOffice 中“另存为” .xlsx 工作簿后再导入。",
            "{p} cannot be read directly: save it as an .xlsx workbook in Excel, WPS or LibreOffice, then import that.",
            p=path.name), "file")
    raise ImportRefused(msg("只能导入 .xlsx 或 .csv 文件，收到 {p}", "Only .xlsx or .csv files can be imported, got {p}",
                            p=path.name), "file")


def _read_xlsx(path: Path) -> list[tuple[str | None, list[tuple]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a damaged file
        raise _unreadable(path, exc) from exc
    try:
        # The sheet the user last looked at first, then the others in order.
        sheets = list(workbook.worksheets)
        active = workbook.active
        if active in sheets:
            sheets.remove(active)
            sheets.insert(0, active)
        tables = []
        for ws in sheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            # Some writers store a wrong <dimension>; read-only mode would then cut columns off.
            ws.reset_dimensions()
            rows = []
            for row in ws.iter_rows(values_only=True):
                rows.append(tuple(row))
                if len(rows) > MAX_ROWS:
                    raise _too_big(path)
            while rows and all(blank(c) for c in rows[-1]):
                rows.pop()
            tables.append((ws.title, rows))
        return tables
    except ImportRefused:
        raise
    except Exception as exc:  # a damaged part surfaces only while the rows are read
        raise _unreadable(path, exc) from exc
    finally:
        workbook.close()


def _unreadable(path: Path, exc: Exception) -> ImportRefused:
    return ImportRefused(msg("无法读取工作簿 {p}（文件可能已损坏或不是 Excel 工作簿）：{e}",
                             "Cannot read the workbook {p} (it may be damaged or not an Excel workbook): {e}",
                             p=path.name, e=exc), "file")


def _too_big(path: Path) -> ImportRefused:
    return ImportRefused(msg("{p} 超过 {n} 行，不像是要导入的表格，请检查是否选错了文件。",
                             "{p} has more than {n} rows; it does not look like the sheet to import. Is it the right file?",
                             p=path.name, n=MAX_ROWS), "file")


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text"
    # Excel and WPS on a Chinese Windows save CSV as GBK (GB18030 reads it) unless told otherwise.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(msg("无法识别文件编码，请另存为 UTF-8 CSV 或 .xlsx。",
                            "Unknown text encoding; save the file as UTF-8 CSV or .xlsx."), "file")


def _read_csv(path: Path) -> list[tuple]:
    text = _decode(path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    rows = []
    try:
        for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(tuple(r))
            if len(rows) > MAX_ROWS:
                raise _too_big(path)
    except csv.Error as exc:
        raise ImportRefused(msg("无法读取 CSV 文件 {p}：{e}", "Cannot read the CSV file {p}: {e}", p=path.name, e=exc),
                            "file") from exc
    while rows and all(blank(c) for c in rows[-1]):
        rows.pop()
    return rows
