"""`qmsdesk checklists|inspections|pdca|events` from the command line: the JSON keys the README documents,
scores computed per item, bad files refused in one line."""

from __future__ import annotations

import json

import pytest
from quality_records import RECORD_NO, seed_quality

from qmsdesk.cli import main


@pytest.fixture
def filled(db, db_path):
    with db.session() as s:
        rec = seed_quality(s)
        ids = {"project": str(rec["project"].id), "fall": str(rec["fall"].id)}
    return str(db_path), ids


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_inspections_list_json_has_computed_scores_and_items(filled, capsys):
    db, _ = filled
    code, out, _ = run(capsys, "inspections", "list", "--period", "2026-10", "--json", "--db", db)
    assert code == 0
    (row,) = json.loads(out)
    assert set(row) == {"id", "date", "kind", "inspector", "topic", "findings", "score", "max_score", "percent",
                        "score_source", "template", "items"}
    assert (row["score"], row["max_score"], row["percent"], row["score_source"]) == (96, 100, 96.0, "computed")
    assert row["template"] == {"code": "NUR-SAFE", "version": "2026.1", "name": "患者安全（跌倒/压力性损伤/管路）质量检查评分标准"}
    assert set(row["items"][0]) == {"code", "section", "text", "standard", "deduction", "reason", "sample_size",
                                    "failures", "not_applicable", "attachment", "ledger_item_id"}
    deducted = {i["code"]: (i["standard"], i["deduction"]) for i in row["items"] if i["deduction"]}
    assert deducted == {"SAFE-01": (10, 2), "SAFE-02": (10, 2)}
    assert sum(i["standard"] for i in row["items"]) == 100


def test_checklists_list_show_export_import(filled, capsys, tmp_path):
    db, _ = filled
    code, out, _ = run(capsys, "checklists", "list", "--json", "--db", db)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 8
    assert set(rows[0]) == {"code", "version", "name", "category", "total", "items", "active", "origin", "inspections"}
    assert next(r for r in rows if r["code"] == "NUR-SAFE")["inspections"] == 3
    code, out, _ = run(capsys, "checklists", "show", "NUR-EMERG", "--json", "--db", db)
    shown = json.loads(out)
    assert shown["total"] == 50 and shown["sources"] and len(shown["item_list"]) == 9
    assert set(shown["item_list"][0]) == {"code", "section", "text", "standard", "method", "sample", "per", "cap", "rule"}
    out_file = tmp_path / "emerg.toml"
    assert run(capsys, "checklists", "export", "NUR-EMERG", str(out_file), "--db", db)[0] == 0
    out_file.write_text(out_file.read_text("utf-8").replace('version = "2026.1"', 'version = "2026.1-本科1"'), "utf-8")
    code, out, _ = run(capsys, "checklists", "import", str(out_file), "--db", db)
    assert code == 0 and "2026.1-本科1" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(out_file.read_text("utf-8").replace("cap = 10", "cap = 11"), "utf-8")
    code, _, err = run(capsys, "checklists", "import", str(bad), "--db", db)
    assert code == 2 and "bad.toml" in err and "EMG-05" in err and "cap" in err and "Traceback" not in err


def test_pdca_list_and_show_json_and_the_case_pdf(filled, capsys, tmp_path):
    db, ids = filled
    code, out, _ = run(capsys, "pdca", "list", "--json", "--db", db)
    (row,) = json.loads(out)
    assert set(row) == {"id", "title", "stage", "stage_label", "started_on", "closed_on", "leader", "progress"}
    assert row["stage"] == "closed" and "72.37%" not in row["progress"] and "98.00%" in row["progress"]
    code, out, _ = run(capsys, "pdca", "show", ids["project"][:8], "--json", "--pdf", str(tmp_path / "c.pdf"), "--db", db)
    case = json.loads(out)
    assert code == 0 and (tmp_path / "c.pdf").stat().st_size > 10_000
    assert set(case) == {"id", "title", "reason", "stage", "stage_label", "started_on", "closed_on", "leader", "team",
                         "baseline", "change_period", "current_state", "analysis_source", "pareto", "causes",
                         "countermeasures", "log", "indicators", "check_summary", "standardization", "next_cycle",
                         "next_stage", "next_gaps"}
    (ind,) = case["indicators"]
    assert (ind["before"]["value"], ind["after"]["value"], ind["after"]["months"]) == (70, 98, 5)
    assert ind["improved"] is True and ind["target_met"] is True
    assert case["countermeasures"][0]["status"] == "closed" and case["pareto"][0]["count"] == 4  # SAFE-02: 2 failures in January, 2 in February
    code, _, err = run(capsys, "pdca", "show", "ffff0000", "--db", db)
    assert code == 2 and "ffff0000" in err
    whole = "ffff0000-0000-4000-8000-000000000000"  # a whole id that is no project's
    code, out, err = run(capsys, "pdca", "show", whole, "--json", "--db", db)
    assert code == 2 and whole in err and "Traceback" not in err and out == ""
    code, out, _ = run(capsys, "pdca", "show", ids["project"], "--json", "--db", db)
    assert code == 0 and json.loads(out)["id"] == case["id"]


def test_events_show_json_has_the_rca_and_no_full_record_number(filled, capsys):
    db, ids = filled
    code, out, _ = run(capsys, "events", "show", ids["fall"], "--json", "--db", db)
    data = json.loads(out)
    assert code == 0 and RECORD_NO not in out
    assert set(data) == {"id", "occurred_at", "category", "grade", "harm_level", "medical_record_no", "description", "rca"}
    assert set(data["rca"]) == {"required", "complete", "gaps", "analysed_on", "team", "factors", "whys", "root_cause",
                                "lessons", "legacy_analysis", "actions"}
    assert data["rca"]["complete"] and data["harm_level"] == "moderate" and data["medical_record_no"] == "****1012"
    assert [f["code"] for f in data["rca"]["factors"]] == ["MAN-EDU", "ENV-LIGHT"] and len(data["rca"]["whys"]) == 3
    code, out, _ = run(capsys, "events", "show", ids["fall"][:8], "--db", db)
    assert "健康教育不到位" in out and "分析完整" in out


def test_office_factor_groups_are_set_listed_and_cleared(capsys, tmp_path):
    store = str(tmp_path / "office.db")
    code, out, _ = run(capsys, "office", "factor-groups", "--set", "MAN-EDU", "宣教", "--set", "ENV-LIGHT", "环境",
                       "--db", store)
    assert code == 0 and "健康教育不到位，患者或家属未掌握防范要点  → 宣教" in out
    code, out, _ = run(capsys, "office", "factor-groups", "--clear", "ENV-LIGHT", "--db", store)
    assert "→ 宣教" in out and "→ 环境" not in out
    code, _, err = run(capsys, "office", "factor-groups", "--set", "评估不到位", "评估", "--db", store)
    assert code == 2 and "不是原因因素词表中的编码" in err
