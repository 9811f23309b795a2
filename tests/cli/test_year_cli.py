"""`qmsdesk plan`, `analysis`, `binder` and `print`, run as a user runs them: as separate processes."""

from __future__ import annotations

import re
import shutil

import pytest
from pypdf import PdfReader
from test_demo_status_cli import assert_one_line_error, run_cli


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year-demo")
    path = folder / "d.db"
    result = run_cli("demo", "--db", path, "--until", "2026-10", cwd=folder, QMSDESK_DATA_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    return path


def q(path, *args, cwd):
    return run_cli(*args, "--db", path, cwd=cwd, QMSDESK_DATA_DIR=str(cwd))


def test_plan_show_edit_and_workbook_round_trip(demo, tmp_path):
    shown = q(demo, "plan", "show", "--year", "2026", "--out", tmp_path / "plan.xlsx", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "2026 年度质控计划" in shown.stdout and "护患沟通技巧与投诉处理" in shown.stdout and "未开展" in shown.stdout
    assert (tmp_path / "plan.xlsx").exists()
    edited = q(demo, "plan", "edit", "--year", "2027", "--goal", "NUR-FALL", "0.08", "--focus", "3", "跌倒预防",
               "--training", "3", "心肺复苏", "操作技能", "2", "全体医护", "--inspection", "急救物品检查", "每季度",
               "--pdca", "降低跌倒发生率", "4", "NUR-FALL", "护士长", cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert "NUR-FALL 住院患者跌倒发生率：≤0.1‰ → ≤0.08‰" in edited.stdout
    assert "3月 心肺复苏（操作技能，2 学时，全体医护）— 未到期" in edited.stdout
    imported = q(demo, "plan", "import", "--year", "2028", tmp_path / "plan.xlsx", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    before = shown.stdout.split("一、")[1]
    after = q(demo, "plan", "show", "--year", "2028", cwd=tmp_path).stdout.split("一、")[1]
    ids = re.compile(r"\[[0-9a-f]{8}\] ")
    strip = re.compile(r" ?— .*$", re.M)  # 2028 has nothing done yet
    assert strip.sub("", ids.sub("", after)).split("合计")[0] == strip.sub("", ids.sub("", before)).split("合计")[0]


def test_plan_edit_refuses_bad_input_in_one_line(demo, tmp_path):
    bad = q(demo, "plan", "edit", "--year", "2026", "--training", "3", "心肺复苏", cwd=tmp_path)
    assert_one_line_error(bad, "--training 需要 4–6 个值")
    bad = q(demo, "plan", "edit", "--year", "2026", "--inspection", "急救物品检查", "每周", cwd=tmp_path)
    assert_one_line_error(bad, "检查频次", "每季度")
    nothing = q(demo, "plan", "show", "--year", "20x6", cwd=tmp_path)
    assert_one_line_error(nothing, "年份应为四位数")


def test_analysis_reopen_complete_and_approve_again(demo, tmp_path):
    locked = q(demo, "analysis", "draft", "--quarter", "2026Q3", cwd=tmp_path)
    assert_one_line_error(locked, "已于 2026-10-12 由陈志强审定并锁定")
    assert q(demo, "analysis", "reopen", "--quarter", "2026Q3", "--reason", "补录九月事件", cwd=tmp_path).returncode == 0
    added = q(demo, "analysis", "add-problem", "--quarter", "2026Q3", "--problem", "交班时间过长", cwd=tmp_path)
    assert added.returncode == 0 and "交班时间过长" in added.stdout
    number = re.search(r"(\d+)\. \[其他\] 交班时间过长", added.stdout).group(1)
    refused = q(demo, "analysis", "approve", "--quarter", "2026Q3", "--by", "陈志强", cwd=tmp_path)
    assert refused.returncode == 2 and f"问题 {number}“交班时间过长”还没有填写原因分析、改进措施" in refused.stderr
    done = q(demo, "analysis", "complete", "--quarter", "2026Q3", "--problem", number, "--cause", "交班内容无重点",
             "--measures", "采用SBAR交班", cwd=tmp_path)
    assert done.returncode == 0 and "采用SBAR交班" in done.stdout
    approved = q(demo, "analysis", "approve", "--quarter", "2026Q3", "--by", "陈志强", "--on", "2026-11-20", cwd=tmp_path)
    assert approved.returncode == 0, approved.stderr
    assert "已审定（陈志强，2026-11-20）" in approved.stdout
    shown = q(demo, "analysis", "show", "--quarter", "2026Q3", "--out", tmp_path / "q3.pdf", cwd=tmp_path)
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "q3.pdf")).pages).replace(" ", "")
    assert shown.returncode == 0 and "2026年第三季度质量与安全分析" in text and "采用SBAR交班" in text


def test_binder_command_writes_the_year_and_a_quarter(demo, tmp_path):
    year = q(demo, "binder", "--year", "2026", "--out", tmp_path / "记录本.pdf", cwd=tmp_path)
    assert year.returncode == 0, year.stderr
    pages = len(PdfReader(str(tmp_path / "记录本.pdf")).pages)
    assert f"共 {pages} 页" in year.stdout and "[1/14]" in year.stderr
    bad = q(demo, "binder", "--quarter", "2026Q5", "--out", tmp_path / "x.pdf", cwd=tmp_path)
    assert_one_line_error(bad, "2026Q5")
    assert not (tmp_path / "x.pdf").exists()


def test_print_signin_and_minutes_by_short_id(demo, tmp_path):
    listed = q(demo, "print", "list", "--month", "2026-10", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    meeting = re.search(r"^  ([0-9a-f]{8})  2026-10-\d\d  质控小组例会", listed.stdout, re.M).group(1)
    training = re.search(r"^  ([0-9a-f]{8})  2026-10-\d\d  ", listed.stdout.split("的培训：")[1], re.M).group(1)
    for args in (("signin", "--meeting", meeting), ("signin", "--training", training), ("minutes", "--meeting", meeting),
                 ("training", "--training", training), ("roster",), ("signin", "--meeting-date", "2026-12-20")):
        out = tmp_path / f"{args[0]}-{len(args)}-{args[-1]}.pdf"
        result = q(demo, "print", *args, "--out", out, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        text = "".join(p.extract_text() for p in PdfReader(str(out)).pages).replace(" ", "")
        assert "第1页/共" in text and "某县人民医院" in text, args
    missing = q(demo, "print", "signin", "--meeting", "ffffffff", cwd=tmp_path)
    assert_one_line_error(missing, "找不到编号为 ffffffff 的会议")
