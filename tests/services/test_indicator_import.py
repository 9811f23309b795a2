"""Importing indicator figures from a sheet: all rows or none, errors by row and column, the template."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from qmsdesk.db import models as m
from qmsdesk.services.catalogue import install_catalogue
from qmsdesk.services.indicator_import import ImportRefused, import_values, write_template


@pytest.fixture
def catalogue(session):
    install_catalogue(session, "inpatient_medical")
    return session


def values(session):
    return {(v.indicator.code, v.period): (v.numerator, v.denominator)
            for v in session.scalars(select(m.IndicatorValue).where(m.IndicatorValue.deleted.is_(False)))}


def write_xlsx(path, rows, header=("指标编码", "月份", "分子", "分母")):
    wb = Workbook()
    wb.active.append(list(header))
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def test_a_good_workbook_is_imported(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [
        ("NUR-FALL", "2026-10", 1, 1200),
        ("NIT-VTE", "2026-10", 45, 50),
        ("NUR-UEX-ETT", "2026-10", 0, 0),  # no tube this month: no exposure, not an error
    ])
    result = import_values(catalogue, path)
    assert (result.rows, result.created, result.updated) == (3, 3, 0)
    assert values(catalogue) == {("NUR-FALL", "2026-10"): (1, 1200), ("NIT-VTE", "2026-10"): (45, 50),
                                 ("NUR-UEX-ETT", "2026-10"): (0, 0)}
    again = import_values(catalogue, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert "新增" in result.summary()


def test_one_bad_row_writes_nothing_and_names_row_and_column(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [
        ("NUR-FALL", "2026-10", 1, 1200),
        ("NIT-VTE", "2026-10", 51, 50),
    ])
    with pytest.raises(ImportRefused) as refused:
        import_values(catalogue, path)
    assert values(catalogue) == {}
    [error] = refused.value.errors
    assert error.message.startswith("第 3 行“分子”")
    assert "不能大于分母" in error.message


def test_every_kind_of_problem_is_reported_at_once(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [
        ("NUR-NOPE", "2026-10", 1, 10),        # row 2: unknown code
        ("NUR-FALL", "2026-13", 1, 1200),      # row 3: bad month
        ("NUR-FALL", "2026-09", "一", 1200),    # row 4: not a number
        ("NUR-FALL", "2026-08", 1.5, 1200),    # row 5: half a fall
        ("NUR-FALL", "2026-08", 1, 1200),      # row 6: duplicate of row 5's month
        ("NUR-PI", "2026-07", 1, None),        # row 7: denominator missing
        ("NUR-FALL", "2099-01", 1, 1200),      # row 8: future month
    ])
    with pytest.raises(ImportRefused) as refused:
        import_values(catalogue, path)
    messages = [e.message for e in refused.value.errors]
    assert any(t.startswith("第 2 行“指标编码”") and "NUR-NOPE" in t for t in messages)
    assert any(t.startswith("第 3 行“月份”") for t in messages)
    assert any(t.startswith("第 4 行“分子”") and "不是数字" in t for t in messages)
    assert any(t.startswith("第 5 行“分子”") and "整数" in t for t in messages)
    assert any(t.startswith("第 6 行“指标编码”") and "第 5 行重复" in t for t in messages)
    assert any(t.startswith("第 7 行“分母”") for t in messages)
    assert any(t.startswith("第 8 行“月份”") and "尚未到来" in t for t in messages)
    assert values(catalogue) == {}


def test_csv_with_english_headers_and_gbk_encoding(catalogue, tmp_path):
    utf8 = tmp_path / "in.csv"
    utf8.write_text("code,period,numerator,denominator\nNUR-FALL,2026-10,2,1300\n", "utf-8")
    assert import_values(catalogue, utf8).created == 1
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("指标编码,月份,分子,分母\nNUR-PI,2026年10月,1,250\n".encode("gb18030"))
    assert import_values(catalogue, gbk).created == 1
    assert values(catalogue)[("NUR-PI", "2026-10")] == (1, 250)


def test_missing_column_is_refused_before_any_row(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [("NUR-FALL", "2026-10", 1)], header=("指标编码", "月份", "分子"))
    with pytest.raises(ImportRefused, match="缺少列“分母”"):
        import_values(catalogue, path)


def test_dry_run_checks_without_writing(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [("NUR-FALL", "2026-10", 1, 1200)])
    assert import_values(catalogue, path, dry_run=True).dry_run
    assert values(catalogue) == {}


def test_template_lists_applicable_indicators_and_explains_every_code(catalogue, tmp_path):
    path = write_template(tmp_path / "template.xlsx", catalogue, "2026-10")
    wb = load_workbook(path)
    data, info = wb.worksheets
    assert [c.value for c in data[1]] == ["指标编码", "指标名称", "月份", "分子", "分母", "备注"]
    codes = [r[0] for r in data.iter_rows(min_row=2, values_only=True)]
    assert "NUR-FALL" in codes and "NUR-VAP" not in codes
    assert {r[2] for r in data.iter_rows(min_row=2, values_only=True)} == {"2026-10"}
    explained = {r[0]: r for r in info.iter_rows(min_row=2, values_only=True)}
    assert explained["NUR-FALL"][3].startswith("统计周期内住院患者跌倒")
    assert "NUR-VAP" in explained


def test_filled_template_imports_and_an_untouched_one_is_refused(catalogue, tmp_path):
    path = write_template(tmp_path / "template.xlsx", catalogue, "2026-10")
    with pytest.raises(ImportRefused, match="请填写分子"):
        import_values(catalogue, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        row[3].value, row[4].value = 1, 100
    wb.save(path)
    result = import_values(catalogue, path)
    assert result.created == ws.max_row - 1


def test_a_month_excel_turned_into_a_date_and_lower_case_codes_are_understood(catalogue, tmp_path):
    from datetime import datetime

    path = write_xlsx(tmp_path / "in.xlsx", [("nur-fall", datetime(2026, 10, 1), 1, 1200)])
    assert import_values(catalogue, path).created == 1
    assert values(catalogue) == {("NUR-FALL", "2026-10"): (1, 1200)}
