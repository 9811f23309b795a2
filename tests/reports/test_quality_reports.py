"""What a reader gets on paper: the case write-up in the standard section order, the month's workbook and PDF
with scored inspections, the RCA and its fishbone, and PDCA progress; no full record number anywhere."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from quality_records import PERIOD, RECORD_NO, seed_quality

from qmsdesk.reports.month import collect_month
from qmsdesk.reports.pdca_pdf import SECTIONS, write_case_pdf
from qmsdesk.reports.pdf import build_pdf
from qmsdesk.reports.workbook import build_workbook


def _text(pdf: bytes | Path, tmp_path: Path) -> str:
    path = pdf if isinstance(pdf, Path) else tmp_path / "x.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_case_write_up_has_the_standard_sections_in_order(session, tmp_path):
    rec = seed_quality(session)
    text = _text(write_case_pdf(session, rec["project"].id, tmp_path / "case.pdf"), tmp_path)
    positions = [text.index(h) for h in SECTIONS]
    assert positions == sorted(positions), "sections out of order"
    assert text.index("持续改进案例：提高跌倒高危患者防范措施落实率") < positions[0]
    for words in ("检查扣分项目排列图", "原因分析鱼骨图", "宣教无复述确认", "访谈20人，能复述9人",
                  "What 对策", "宣教复述确认并签字", "已销号", "改进前后对比", "70.00%", "98.00%",  # after: May–Sep, closed in October
                  "修订《跌倒预防护理常规》", "聚焦夜间如厕"):
        assert words in text, words


def test_month_workbook_carries_scores_deductions_rca_and_pdca(session):
    seed_quality(session)
    wb = load_workbook(io.BytesIO(build_workbook(collect_month(session, PERIOD))))
    assert wb.sheetnames[-1] == "持续改进"
    cells = [c.value for row in wb["检查督查"].iter_rows() for c in row]
    assert "检查扣分明细" in cells and "NUR-SAFE 2026.1" in cells and 96 in cells and "逐项评分" in cells
    rca = [c.value for row in wb["不良事件"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "根因分析" in rca and "完整" in rca and any("人：健康教育不到位" in v for v in rca)
    pdca = [c.value for row in wb["持续改进"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "提高跌倒高危患者防范措施落实率" in pdca and "已结案" in pdca and "1/1" in pdca
    every = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(RECORD_NO in v for v in every) and any("****1012" in v for v in every)


def test_month_pdf_draws_the_fishbone_and_the_before_after(session, tmp_path):
    seed_quality(session)
    text = _text(build_pdf(collect_month(session, PERIOD)), tmp_path)
    for words in ("检查扣分明细", "根因分析", "不良事件根因分析鱼骨图", "主要原因：人（人员）—健康教育不到位",
                  "七、持续改进项目", "跌倒高危患者防范措施落实率 — 改进前后对比"):
        assert words in text, words
    assert RECORD_NO not in text


@pytest.mark.parametrize("lang", ["en"])
def test_exports_stay_chinese_in_an_english_window(session, tmp_path, lang):
    from qmsdesk.i18n import set_language

    rec = seed_quality(session)
    set_language(lang)
    try:
        text = _text(write_case_pdf(session, rec["project"].id, tmp_path / "case.pdf"), tmp_path)
    finally:
        set_language("zh_CN")
    assert "一、选题背景与理由" in text
