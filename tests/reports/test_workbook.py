"""The month's workbook: sheets, typed values read back, masking, formula-safe text, LibreOffice opens it."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from month_records import FORMULA_TEXT, FULL_RECORD_NO, PERIOD, RARE_NAME, seed_month
from openpyxl import load_workbook

from qmsdesk.reports.month import collect_month
from qmsdesk.reports.workbook import SHEET_ORDER, build_workbook, put
from qmsdesk.services.submission import validate_month


@pytest.fixture
def content(session):
    seed_month(session)
    report = validate_month(session, PERIOD)
    return collect_month(session, PERIOD, version=2, warnings=report.warnings, acceptance=report.acceptance("已核实", by="王护士长"))


@pytest.fixture
def workbook(content):
    return load_workbook(io.BytesIO(build_workbook(content)))


def _same(written, read):
    if written in ("", None):
        return read is None
    if isinstance(written, date) and not isinstance(written, datetime):
        return read == datetime.combine(written, datetime.min.time())
    if isinstance(written, float):
        return read == pytest.approx(written)
    return read == written


def test_workbook_has_the_seven_sheets_in_order(workbook):
    assert workbook.sheetnames == list(SHEET_ORDER)


def test_every_table_reads_back_to_the_written_values(content, workbook):
    checked = 0
    for sheet, tables in content.sheets.items():
        rows = list(workbook[sheet].iter_rows(values_only=True))
        for table in tables:
            headers = tuple(c.header for c in table.columns)
            start = next(i for i, r in enumerate(rows) if r[:len(headers)] == headers)
            if start > 0:
                assert rows[start - 1][0] == table.title
            read_rows = rows[start + 1:start + 1 + len(table.rows)]
            assert len(read_rows) == len(table.rows), (sheet, table.title)
            for written, read in zip(table.rows, read_rows, strict=True):
                assert all(_same(w, r) for w, r in zip(written, read, strict=False)), (sheet, written, read)
                checked += 1
    assert checked >= 10


def test_header_row_is_bold_and_frozen(workbook):
    for name in SHEET_ORDER:
        ws = workbook[name]
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.b


def test_dates_and_numbers_are_real_cells_with_formats(workbook):
    ws = workbook["会议"]
    assert isinstance(ws["A2"].value, datetime) and ws["A2"].number_format == "yyyy-mm-dd"
    events = workbook["不良事件"]
    assert events["A2"].number_format == "yyyy-mm-dd hh:mm"
    ind = workbook["质量指标"]
    headers = [c.value for c in ind[1]]
    fall = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "NUR-FALL")
    value = fall[headers.index("指标值")]
    assert value.data_type == "n" and value.value == pytest.approx(3 / 3100 * 1000)
    assert value.number_format == "0.00"


def test_indicator_status_is_coloured_and_written(workbook):
    ind = workbook["质量指标"]
    headers = [c.value for c in ind[1]]
    col = headers.index("状态")
    status = {r[0].value: r[col] for r in ind.iter_rows(min_row=2)}
    notes = {r[0].value: r[headers.index("提示")].value for r in ind.iter_rows(min_row=2)}
    assert status["NIT-VTE"].value == "未达标" and status["NIT-VTE"].fill.fgColor.rgb.endswith("FFC7CE")
    assert status["NUR-PI"].value == "无暴露" and status["NUR-PI"].fill.fgColor.rgb.endswith("D9D9D9")
    # Falls are rare on this ward (about one a month): 3 in October are judged with the year, which meets ≤0.5‰.
    assert status["NUR-FALL"].value == "达标" and "罕见事件，按近 12 个月评价" in notes["NUR-FALL"]


def test_met_indicator_is_green(session):
    rec = seed_month(session)
    rec["values"]["fall"].numerator = 1
    session.flush()
    wb = load_workbook(io.BytesIO(build_workbook(collect_month(session, PERIOD))))
    ind = wb["质量指标"]
    headers = [c.value for c in ind[1]]
    row = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "NUR-FALL")
    assert row[headers.index("状态")].value == "达标"
    assert row[headers.index("状态")].fill.fgColor.rgb.endswith("C6EFCE")


def test_value_on_target_but_past_the_warning_level_is_green_with_a_note(session):
    rec = seed_month(session)
    rec["values"]["vte"].numerator = 91  # target ≥90, warning level 92
    session.flush()
    wb = load_workbook(io.BytesIO(build_workbook(collect_month(session, PERIOD))))
    ind = wb["质量指标"]
    headers = [c.value for c in ind[1]]
    row = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "NIT-VTE")
    assert row[headers.index("状态")].value == "达标"
    assert "接近目标值（越过预警值 92）" in row[headers.index("提示")].value


def test_medical_record_numbers_are_masked_everywhere(workbook):
    cells = [c.value for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(FULL_RECORD_NO in v for v in cells)
    assert "****1234" in cells


def test_formula_like_text_stays_text(workbook):
    minutes = workbook["会议"]["J2"]
    assert minutes.value == FORMULA_TEXT
    assert minutes.data_type == "s" and minutes.quotePrefix
    cells = [c for row in workbook["检查督查"].iter_rows() for c in row]
    summary = next(c for c in cells if c.value == "-整体良好")
    assert summary.data_type == "s"
    reason = next(c for c in cells if c.value == "=修改未签名")  # a deduction's reason, typed as a formula
    assert reason.data_type == "s" and reason.quotePrefix


def test_every_formula_start_is_neutralised():
    from openpyxl import Workbook

    ws = Workbook().active
    for n, text in enumerate(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"], start=1):
        put(ws.cell(row=n, column=1), text)
        assert ws.cell(row=n, column=1).data_type == "s", text


def test_characters_outside_the_bmp_survive_in_the_workbook(workbook):
    names = [c.value for c in workbook["培训考核"]["B"]]
    assert f"张{RARE_NAME}" in names


def test_overview_names_unit_version_warnings_and_comment(workbook):
    values = [c.value for row in workbook["概览"].iter_rows() for c in row if c.value is not None]
    assert "心血管内科" in values and "2026-10" in values and 2 in values
    assert "已核实" in values
    assert any(isinstance(v, str) and "远超出本科室" in v for v in values)


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
def test_libreoffice_converts_the_workbook_without_evaluating_text(content, tmp_path):
    src = tmp_path / "report.xlsx"
    src.write_bytes(build_workbook(content))
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    meetings = (tmp_path / "report-会议.csv").read_text(encoding="utf-8")
    assert 'HYPERLINK(""http://x""' in meetings  # the text itself, not the formula's result "点我"
    indicators = (tmp_path / "report-质量指标.csv").read_text(encoding="utf-8")
    assert "NUR-FALL" in indicators and "未达标" in indicators
    pdf = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=240,
    )
    assert pdf.returncode == 0 and (tmp_path / "report.pdf").stat().st_size > 1000, pdf.stderr


def test_workbook_stays_chinese_when_the_window_speaks_english(session):
    from qmsdesk.i18n import set_language

    seed_month(session)
    set_language("en")
    try:
        wb = load_workbook(io.BytesIO(build_workbook(collect_month(session, PERIOD))))
    finally:
        set_language("zh_CN")
    assert wb["会议"]["B2"].value == "质控小组例会"
    assert "2026年10月" in wb["概览"]["B2"].value
    assert wb["不良事件"]["D2"].value == "Ⅱ级（不良后果事件）"


def test_no_module_writes_a_workbook_cell_except_through_the_guarded_writer():
    """Every workbook the program writes (ward month, office quarterly, templates, anything later) stores text
    through reports.workbook.put: no ws.append, no ws.cell(value=…), no ws["A1"] = …, no cell.value = … elsewhere."""
    import re
    from pathlib import Path

    import qmsdesk

    root = Path(qmsdesk.__file__).parent
    direct = re.compile(r"\b\w+\.append\(\s*\[|\bws\.append\(|\.cell\([^)]*value\s*=|\b(?:ws|info|sheet)\[[^\]]+\]\s*="
                        r"|\.value\s*=(?!=)")
    found = []
    for path in root.rglob("*.py"):
        if path.name == "workbook.py" and path.parent.name == "reports":
            continue
        text = path.read_text(encoding="utf-8")
        if "openpyxl" not in text:
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if direct.search(line) and "rows.append" not in line:
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert found == []
