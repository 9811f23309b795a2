"""季度分析与年度总结 page: drafting a quarter, writing each problem's cause and measures, the leader's approval
locking it on screen, reopening, and the PDF read back."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qmsdesk.services import group, meetings
from qmsdesk.services.staff import people
from qmsdesk.spans import Span
from tests.ui.uihelpers import fill

SPAN = Span(2025, 4)
ON = date(2026, 1, 20)  # the quarter has ended: it can be approved


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


@pytest.fixture
def staff_ids(ctx):
    return {p.name: p.id for p in ctx.read(people)}


@pytest.fixture
def page(qtbot, ctx, staff_ids):
    from qmsdesk.ui.pages.analysis import AnalysisPage

    ctx.write(group.add_member, staff_id=staff_ids["张伟"], role="leader", start_date=date(2025, 1, 1),
              duty_title="科主任")
    ctx.write(group.add_member, staff_id=staff_ids["王芳"], role="deputy", start_date=date(2025, 1, 1),
              duty_title="护士长")
    # October's group meeting only: November and December without one are a problem of the quarter.
    ctx.write(meetings.create_meeting, kind="group_monthly", date=date(2025, 10, 28), host_id=staff_ids["张伟"],
              agenda="十月质控例会")
    p = AnalysisPage(ctx, today=ON)
    qtbot.addWidget(p)
    p.show()
    p.show_span(SPAN)
    return p


def _problem_texts(page) -> list[str]:
    m = page.problems_model
    return [" | ".join(m.index(r, c).data() or "" for c in range(m.columnCount())) for r in range(m.rowCount())]


def test_a_quarter_without_an_analysis_offers_its_draft(page):
    assert "还没有分析" in page.state.text()
    assert page.draft_button.isEnabled() and page.draft_button.text() == "生成草稿"
    assert not page.approve_button.isEnabled() and not page.pdf_button.isEnabled()


def test_the_draft_lists_the_problems_the_data_shows_for_the_group_to_complete(qtbot, page):
    assert page.draft()
    texts = _problem_texts(page)
    assert any("未召开质控小组例会的月份" in t and "2025-11" in t and "（未填写）" in t for t in texts)
    assert "草稿" in page.state.text() and "未填写原因分析或改进措施" in page.state.text()
    assert "概况" in page.figures.toPlainText()

    page.problems.selectRow(0)
    dialog = page.complete_form()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, cause="年底工作繁忙，例会时间未提前排定", measures="每月第四周周三固定召开例会")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    assert "每月第四周周三固定召开例会" in _problem_texts(page)[0]
    page.draft()  # drafting again refreshes the figures and keeps what the group wrote
    assert "每月第四周周三固定召开例会" in _problem_texts(page)[0]


def _complete_all(qtbot, page) -> None:
    for row in range(page.problems_model.rowCount()):
        page.problems.selectRow(row)
        dialog = page.complete_form()
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, cause="原因", measures="措施")
        _save(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted


def test_only_the_leader_approves_and_approval_makes_the_analysis_read_only(qtbot, page, staff_ids):
    page.draft()
    _complete_all(qtbot, page)
    assert "可由组长审定" in page.state.text()

    dialog = page.approve_form()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.value("approver_id") == staff_ids["张伟"]  # the leader is proposed
    fill(qtbot, dialog, approver_id="王芳")
    dialog.widgets["approver_id"].completer().popup().hide()  # the user picks 王芳 from the list
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "只有组长（张伟）可以审定分析" in dialog.general_error.text() + dialog.error_text("approver_id")
    dialog.reject()

    dialog = page.approve_form()
    qtbot.addWidget(dialog)
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    assert "已审定（组长 张伟，2026-01-20）" in page.state.text()
    for button in (page.draft_button, page.summary_button, page.approve_button, page.add_problem_button,
                   page.complete_button, page.delete_problem_button):
        assert not button.isEnabled(), button.objectName()
    page.problems.selectRow(0)
    assert page.complete_form() is None and page.add_problem_form() is None  # nothing opens to write in
    assert page.reopen_button.isEnabled() and page.pdf_button.isEnabled()
    assert "（已审定）" in page.span_box.currentText()

    dialog = page.reopen_form()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, reason="补充十二月的整改情况")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "草稿" in page.state.text() and "补充十二月的整改情况" in page.state.text()
    assert page.summary_button.isEnabled()


def test_a_problem_the_group_adds_can_be_deleted_one_from_the_data_cannot(qtbot, page, answers):
    page.draft()
    generated = page.problems_model.rowCount()
    dialog = page.add_problem_form()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, problem="夜班交接班记录不完整")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.general_error.text()
    assert page.problems_model.rowCount() == generated + 1
    page.problems.selectRow(0)
    assert not page.delete_problem_button.isEnabled()
    page.problems.selectRow(generated)
    assert page.delete_problem_button.isEnabled()
    assert page.delete_selected()
    assert not any("夜班交接班记录不完整" in t for t in _problem_texts(page))


def test_the_exported_pdf_holds_the_problems_and_what_the_group_wrote(qtbot, page, tmp_path, monkeypatch):
    from qmsdesk.ui import printing

    page.draft()
    page.problems.selectRow(0)
    dialog = page.complete_form()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, cause="年底工作繁忙", measures="固定例会时间")
    _save(qtbot, dialog)
    out = tmp_path / "分析.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a: out)
    assert page.export_pdf() == out
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert "2025年第四季度质量与安全分析" in text and "年底工作繁忙" in text and "固定例会时间" in text
    assert "草稿" in text
