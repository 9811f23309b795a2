"""`qmsdesk indicators …` from the command line: list, install, template, import, spc --json, warnings, pareto."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from qmsdesk.cli import main
from qmsdesk.periods import Period, months_between
from qmsdesk.services.catalogue import install_catalogue
from qmsdesk.services.indicators import set_value


@pytest.fixture
def filled(db, db_path):
    with db.session() as s:
        install_catalogue(s, "inpatient_medical")
        # ū = 12 falls / 12000 patient-days = 0.001; n = 1000: σ = √(0.001/1000) = 0.001, UCL = 0.004 = 4‰
        figures = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 7]
        for period, n in zip(months_between(Period.parse("2025-11"), Period.parse("2026-10")), figures, strict=True):
            set_value(s, "NUR-FALL", period, n, 1000)
    return str(db_path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_spc_json_prints_the_documented_object(filled, capsys):
    code, out, _ = run(capsys, "indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", "2026-10", "--chart", "u",
                       "--json", "--db", filled)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"code", "chart", "center", "points", "runs_signal", "longest_run", "longest_run_max",
                         "crossings", "crossings_min"}
    assert data["code"] == "NUR-FALL" and data["chart"] == "u"
    assert data["center"] == pytest.approx(1.0)
    last = data["points"][-1]
    assert last == {"period": "2026-10", "numerator": 7, "denominator": 1000, "value": pytest.approx(7.0),
                    "lcl": 0.0, "ucl": pytest.approx(4.0), "signal": "above_ucl"}
    assert data["points"][0]["signal"] is None
    # The five months at exactly 1‰ sit on the centre line and are not counted: 7 useful points,
    # longest run limit round(log2 7) + 3 = 6, crossings minimum qbinom(0.05, 6, 0.5) = 1.
    assert (data["longest_run_max"], data["crossings_min"]) == (6, 1)
    assert (data["longest_run"], data["crossings"]) == (6, 1)
    assert data["runs_signal"] is False


def test_spc_g_chart_json_gives_the_gaps_centre_and_limits_and_says_how(filled, capsys):
    # 12 falls in 12,000 patient-days: about one a month, so a rare event whose default view is the g-chart.
    code, out, _ = run(capsys, "indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", "2026-10", "--json",
                       "--db", filled)
    assert code == 0
    data = json.loads(out)
    assert data["chart"] == "g" and data["limits"].startswith("3-sigma (Benneyan): UCL = ḡ + 3·√(ḡ(ḡ+1))")
    gaps = [g["gap"] for g in data["gaps"]]
    assert len(gaps) == data["events"] == 12 and data["open_gap"]["until"] == "2026-10"
    g_bar = sum(gaps) / len(gaps)
    assert data["center"] == pytest.approx(g_bar)
    assert data["ucl"] == pytest.approx(g_bar + 3 * (g_bar * (g_bar + 1)) ** 0.5)
    assert data["rolling_12_months"]["events"] == 12 and data["rolling_12_months"]["value"] == pytest.approx(1.0)
    assert "exact 95%" in data["rolling_12_months"]["interval"]
    explicit = json.loads(run(capsys, "indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", "2026-10",
                              "--chart", "g", "--json", "--db", filled)[1])
    assert explicit == data
    code, text, _ = run(capsys, "indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", "2026-10", "--chart",
                        "t", "--db", filled)
    assert code == 0 and "t控制图" in text and "起点至第 1 例" in text and "第 1–2 例" in text
    assert "取 1/3.6 次方（Nelson 变换）" in text


def test_spc_run_chart_on_request(filled, capsys):
    code, out, _ = run(capsys, "indicators", "spc", "NUR-FALL", "--from", "2025-11", "--to", "2026-10", "--chart",
                       "run", "--json", "--db", filled)
    data = json.loads(out)
    assert data["chart"] == "run" and data["points"][-1]["ucl"] is None
    assert data["center"] == pytest.approx(0.5)


def test_spc_unknown_code_is_a_clear_error(filled, capsys):
    code, _, err = run(capsys, "indicators", "spc", "NOPE", "--from", "2025-11", "--to", "2026-10", "--db", filled)
    assert code == 2 and "NOPE" in err


def test_list_marks_applicable_indicators(filled, capsys):
    code, out, _ = run(capsys, "indicators", "list", "--applicable", "--db", filled)
    assert code == 0 and "NUR-FALL" in out and "NUR-VAP" not in out
    _, everything, _ = run(capsys, "indicators", "list", "--db", filled)
    assert "NUR-VAP" in everything


def test_install_needs_a_department_type_or_a_unit(db_path, capsys):
    code, _, err = run(capsys, "indicators", "install", "--db", str(db_path))
    assert code == 2 and "--department-type" in err
    code, out, _ = run(capsys, "indicators", "install", "--department-type", "icu", "--db", str(db_path))
    assert code == 0 and "2026.1" in out


def test_template_then_import_and_a_refused_import(filled, tmp_path, capsys):
    template = tmp_path / "t.xlsx"
    code, out, _ = run(capsys, "indicators", "template", str(template), "--db", filled)
    assert code == 0 and template.is_file()
    bad = tmp_path / "bad.xlsx"
    wb = Workbook()
    wb.active.append(["指标编码", "月份", "分子", "分母"])
    wb.active.append(["NIT-VTE", "2026-09", 40, 50])
    wb.active.append(["NIT-VTE", "2026-10", 60, 50])
    wb.save(bad)
    code, _, err = run(capsys, "indicators", "import", str(bad), "--db", filled)
    assert code == 2 and "第 3 行“分子”" in err
    wb.active["C3"] = 45
    wb.save(bad)
    code, out, _ = run(capsys, "indicators", "import", str(bad), "--db", filled)
    assert code == 0 and "新增 2" in out


def test_warnings_and_pareto(filled, tmp_path, capsys):
    code, out, _ = run(capsys, "indicators", "warnings", "--period", "2026-10", "--json", "--db", filled)
    [warning] = json.loads(out)
    assert warning["code"] == "NUR-FALL" and set(warning["kinds"]) == {"target_missed", "spc_signal"}
    pdf = tmp_path / "p.pdf"
    code, out, _ = run(capsys, "indicators", "pareto", "--from", "2026-10", "--to", "2026-10", "--pdf", str(pdf),
                       "--db", filled)
    assert code == 0 and pdf.is_file()
