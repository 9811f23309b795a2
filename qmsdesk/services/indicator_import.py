"""Importing monthly indicator figures from a sheet (.xlsx or .csv), all or nothing, and writing its template.

Every row is checked first; nothing is written unless every row passes, and the refusal lists each
problem by row and column, so the head nurse can fix the sheet and import it again. Rows are
checked and written through the indicator value service, so the sheet and the entry grid
obey the same rules (`services.indicators.check_value` / `set_value`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import Direction, IndicatorKind
from qmsdesk.db.events import locked_message, locked_periods
from qmsdesk.db.queries import live
from qmsdesk.errors import Collector, FieldError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services.indicators import check_value, set_value
from qmsdesk.services.sheets import (  # noqa: F401  (parse_number and ImportRefused: re-exported for callers)
    Column,
    ImportRefused,
    SheetRow,
    blank,
    cell_text,
    parse_number,
    read_table,
    row_error,
)

COLUMNS = (
    Column("code", "指标编码", "code", ("编码", "指标代码")),
    Column("period", "月份", "period", ("统计月份", "month")),
    Column("numerator", "分子", "numerator"),
    Column("denominator", "分母", "denominator"),
    Column("note", "备注", "note"),
)
REQUIRED = (("code",), ("period",), ("numerator",), ("denominator",))
TEMPLATE_HEADERS = ("指标编码", "指标名称", "月份", "分子", "分母", "备注")
_BY_KEY = {c.key: c for c in COLUMNS}


def column_label(column: str) -> str:
    return _BY_KEY[column].label if column in _BY_KEY else column


@dataclass(frozen=True)
class CheckedRow:
    row: int
    definition: m.IndicatorDefinition
    period: Period
    numerator: float
    denominator: float | None
    note: str | None


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            return msg("检查通过：{n} 行均可导入（试运行，未写入）。", "Check passed: all {n} rows can be imported (dry run, nothing written).",
                       n=self.rows)
        return msg("已导入 {n} 行：新增 {c}，更新 {u}，未变 {s}。", "Imported {n} rows: {c} new, {u} updated, {s} unchanged.",
                   n=self.rows, c=self.created, u=self.updated, s=self.unchanged)


def read_sheet(path: Path | str) -> list[SheetRow]:
    """Rows of the sheet (xlsx) or the file (csv) under the header with the indicator columns."""
    return read_table(path, COLUMNS, REQUIRED).rows


# --- checking -------------------------------------------------------------------------------------

def parse_period(value: object) -> Period:
    """A month from a cell: '2026-10', '2026/10', '2026年10月', or a date Excel made of it."""
    if isinstance(value, datetime | date):
        return Period.of(value if isinstance(value, date) and not isinstance(value, datetime) else value.date())
    text = cell_text(value)
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", text)
    if found:
        text = f"{found.group(1)}-{int(found.group(2)):02d}"
    return Period.parse(text)


def _row_error(row: int, column: str, message: str) -> FieldError:
    return row_error(row, _BY_KEY.get(column, column), message)


def check_rows(session: Session, rows: Iterable[SheetRow]) -> list[CheckedRow]:
    """Check every row; raise ImportRefused listing all problems (row and column), or return the rows."""
    rows = list(rows)
    sheet = _SheetCheck({d.code: d for d in session.scalars(live(m.IndicatorDefinition))}, locked_periods(session))
    checked = [row for row in map(sheet.check, rows) if row is not None]
    if sheet.errors:
        raise ImportRefused(sheet.errors)
    return checked


class _SheetCheck:
    """The checks of one sheet, row by row, remembering its problems and the (indicator, month) pairs seen."""

    def __init__(self, definitions: dict[str, m.IndicatorDefinition], locked: dict) -> None:
        self.definitions, self.locked = definitions, locked
        self.this_month = Period.of(today())
        self.errors: list[FieldError] = []
        self.seen: dict[tuple[str, Period], int] = {}

    def check(self, sheet_row: SheetRow) -> CheckedRow | None:
        r, v = sheet_row.row, sheet_row.values
        row_errors: list[FieldError] = []
        code = "" if blank(v.get("code")) else str(v["code"]).strip().upper()
        definition = self.definitions.get(code)
        if not code:
            row_errors.append(_row_error(r, "code", msg("请填写指标编码。", "The indicator code is required.")))
        elif definition is None:
            row_errors.append(_row_error(r, "code", msg("未知的指标编码“{c}”。", "Unknown indicator code '{c}'.", c=code)))
        period = self._period(r, v, row_errors)
        numbers = self._numbers(r, v, row_errors)
        bad_number = any(e.field.endswith((":numerator", ":denominator")) for e in row_errors)
        if definition is not None and not bad_number:
            # The entry grid's rules, so a sheet is judged exactly as typing the figures would be.
            c = Collector()
            check_value(definition, period or self.this_month, numbers["numerator"], numbers["denominator"], c)
            row_errors.extend(_row_error(r, e.field, e.message) for e in c.errors)
            if any(e.field == "period" for e in c.errors):
                period = None
        if definition is not None and period is not None:
            self._once(r, code, period, row_errors)
        if row_errors:
            self.errors.extend(row_errors)
            return None
        note = None if blank(v.get("note")) else str(v["note"]).strip()
        return CheckedRow(r, definition, period, numbers["numerator"],
                          None if definition.kind == IndicatorKind.COUNT else numbers["denominator"], note)

    def _period(self, r: int, v: dict, row_errors: list[FieldError]) -> Period | None:
        if blank(v.get("period")):
            row_errors.append(_row_error(r, "period", msg("请填写月份（YYYY-MM）。", "The month (YYYY-MM) is required.")))
            return None
        try:
            period = parse_period(v["period"])
        except ValidationError as exc:
            row_errors.append(_row_error(r, "period", str(exc)))
            return None
        if str(period) in self.locked:
            row_errors.append(_row_error(r, "period", locked_message(self.locked[str(period)])))
        return period

    @staticmethod
    def _numbers(r: int, v: dict, row_errors: list[FieldError]) -> dict[str, float | None]:
        numbers: dict[str, float | None] = {}
        for column in ("numerator", "denominator"):
            try:
                numbers[column] = parse_number(v.get(column))
            except ValueError:
                numbers[column] = None
                row_errors.append(_row_error(r, column, msg("“{x}”不是数字。", "'{x}' is not a number.", x=v.get(column))))
        return numbers

    def _once(self, r: int, code: str, period: Period, row_errors: list[FieldError]) -> None:
        key = (code, period)
        if key in self.seen:
            row_errors.append(_row_error(r, "code", msg("与第 {o} 行重复（同一指标同一月份）。",
                                                        "Duplicates row {o} (same indicator and month).", o=self.seen[key])))
        else:
            self.seen[key] = r


# --- writing --------------------------------------------------------------------------------------

def _write(session: Session, row: CheckedRow) -> str:
    """Upsert one month's figures; returns 'created', 'updated' or 'unchanged'."""
    existing = session.scalars(select(m.IndicatorValue).where(
        m.IndicatorValue.indicator_id == row.definition.id, m.IndicatorValue.period == str(row.period))).first()
    if existing is not None and not existing.deleted and existing.numerator == row.numerator \
            and existing.denominator == row.denominator and (row.note is None or existing.note == row.note):
        return "unchanged"
    outcome = "created" if existing is None or existing.deleted else "updated"
    note = row.note if row.note is not None or existing is None else existing.note
    set_value(session, row.definition, row.period, _whole(row.numerator), _whole(row.denominator), note=note)
    return outcome


def _whole(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


def import_values(session: Session, path: Path | str, *, dry_run: bool = False) -> ImportResult:
    """Import a sheet of figures: all rows or none. Raises ImportRefused listing every problem."""
    checked = check_rows(session, read_sheet(path))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    if dry_run:
        return ImportResult(len(checked), 0, 0, 0, dry_run=True)
    # Every row passed, so a failure now is the database's; the caller's transaction then rolls back whole.
    for row in checked:
        counts[_write(session, row)] += 1
    session.flush()
    return ImportResult(len(checked), counts["created"], counts["updated"], counts["unchanged"])


# --- template -------------------------------------------------------------------------------------

def month_template(session: Session, path: Path | str, period: Period | str | None = None) -> Path:
    """`write_template` for one month, called as a query (the window's 下载导入模板)."""
    return write_template(path, session, period)


def write_template(path: Path | str, session: Session | None = None, period: Period | str | None = None) -> Path:
    """An .xlsx with the Chinese headers, one row per applicable indicator (figures left blank for the
    user), and a second sheet explaining every indicator's code and definitions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from qmsdesk.reports.masking import PatientMasker, patient_masker
    from qmsdesk.reports.workbook import write_row
    from qmsdesk.services.catalogue import load_catalogue

    path = Path(path)
    month = Period.parse(period) if period else Period.of(today()).previous()
    # Names and definitions are typed by people too: a patient number typed there is masked like anywhere.
    masker = patient_masker(session) if session is not None else PatientMasker()
    if session is not None:
        defs = list(session.scalars(live(m.IndicatorDefinition).order_by(m.IndicatorDefinition.code)))
        rows = [d for d in defs if d.applicable] or defs
        explained = [masker.deep((d.code, d.name_zh, d.kind, d.numerator_def, d.denominator_def, d.unit, d.multiplier,
                                  d.direction, d.target, d.source)) for d in defs]
    else:
        rows = []
        explained = []
    if not explained:
        entries = load_catalogue()
        explained = [(e.code, e.name_zh, e.kind, e.numerator, e.denominator, e.unit, e.multiplier, e.direction,
                      e.target, e.source) for e in entries]
    example_rows = [(d.code, masker.text(d.name_zh)) for d in rows] or [(x[0], x[1]) for x in explained]

    wb = Workbook()
    ws = wb.active
    ws.title = "指标数据"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in write_row(ws, 1, list(TEMPLATE_HEADERS)):
        cell.font, cell.fill = bold, fill
    for n, (code, name) in enumerate(example_rows, start=2):
        write_row(ws, n, [code, name, str(month), None, None, None])
    for col, width in zip("ABCDEF", (18, 40, 10, 10, 10, 24), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    # Keep the month a text cell so Excel does not turn 2026-10 into a date.
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "@"
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle="数值错误", error="分子、分母应为不小于 0 的数字")
    ws.add_data_validation(numbers)
    numbers.add(f"D2:E{max(len(example_rows) + 200, 200)}")

    info = wb.create_sheet("指标说明")
    for cell in write_row(info, 1, ["指标编码", "指标名称", "类型", "分子定义", "分母定义", "单位", "倍数", "方向", "目标值", "来源"]):
        cell.font, cell.fill = bold, fill
    for n, (code, name, kind, num, den, unit, mult, direction, target, source) in enumerate(explained, start=2):
        write_row(info, n, [code, name, IndicatorKind(kind).label, num, den or "（计数类，无分母）", unit, mult,
                            Direction(direction).label, target, source])
    for col, width in zip("ABCDEFGHIJ", (18, 36, 12, 44, 44, 12, 8, 12, 8, 40), strict=True):
        info.column_dimensions[col].width = width
    for row in info.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    info.freeze_panes = "A2"
    import io

    from qmsdesk.exports import save_export

    buf = io.BytesIO()  # saved whole, so a full or pulled-out stick never holds half a template
    wb.save(buf)
    return save_export(path, buf.getvalue())
