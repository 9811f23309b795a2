"""打印质控记录本 from the window: the span chosen, the sections named while they are laid out off the GUI thread,
the PDF saved whole and read back page by page."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from qmsdesk.services import group
from qmsdesk.services.staff import people
from qmsdesk.spans import Span
from qmsdesk.ui import binder_print, printing

ON = date(2026, 1, 20)


def test_the_dialog_offers_this_year_and_last_with_their_quarters_begun(qtbot):
    dialog = binder_print.BinderDialog(None, Span(2025, 4), ON)
    qtbot.addWidget(dialog)
    texts = [dialog.span_box.itemText(i) for i in range(dialog.span_box.count())]
    assert texts[:2] == ["2026 年全年", "2026 年第一季度"] and "2026 年第二季度" not in texts
    assert texts[2:] == ["2025 年全年", "2025 年第四季度", "2025 年第三季度", "2025 年第二季度", "2025 年第一季度"]
    assert dialog.span() == Span(2025, 4)


def test_printing_a_quarter_names_each_section_as_it_goes_and_saves_the_binder(qtbot, ctx, tmp_path, monkeypatch,
                                                                               _never_block):
    ids = {p.name: p.id for p in ctx.read(people)}
    ctx.write(group.add_member, staff_id=ids["王芳"], role="leader", start_date=date(2025, 1, 1), duty_title="护士长")
    out = tmp_path / "记录本.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a: out)
    monkeypatch.setattr(binder_print.BinderDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    steps: list[str] = []
    real = binder_print.run_job

    def watching(job, parent, labels):
        labels.connect(steps.append)
        return real(job, parent, labels)

    monkeypatch.setattr(binder_print, "run_job", watching)
    written = binder_print.print_binder(None, ctx, Span(2025, 4), ON)
    assert written == out
    assert any("小组成员及职责" in s for s in steps) and any("年度总结" in s for s in steps)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    first = reader.pages[0].extract_text()
    assert "科室质量与安全管理记录本" in first and "2025年第四季度" in first
    assert f"第 1 页 / 共 {len(reader.pages)} 页".replace(" ", "") in first.replace(" ", "")
    assert any(kind == "question" and "质控记录本（2025 年第四季度）已生成" in text for kind, _t, text in _never_block)


def test_a_span_not_begun_is_refused_with_the_reason_and_nothing_is_written(qtbot, ctx, tmp_path, _never_block):
    out = tmp_path / "记录本.pdf"
    assert binder_print.write_binder_file(None, ctx, Span(2099), out) is None
    assert not out.exists()
    assert any(kind == "error" and "尚未开始" in text for kind, _t, text in _never_block)
