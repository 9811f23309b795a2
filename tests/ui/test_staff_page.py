"""人员 page through its form."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from uihelpers import crud_roundtrip, fill, open_form, press_enter, table_texts

from qmsdesk.ui.pages.staff import StaffPage


def test_add_edit_delete_and_undo_a_staff_member(qtbot, ctx, answers):
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page,
                   add=dict(name="李娜", employee_no="N123", profession="护士", title="护师", nursing_level="N2"),
                   shown="李娜", edit=dict(title="主管护师"), edited="主管护师")
    assert any("李娜 | ln" in t for t in table_texts(page)), "pinyin initials shown"


def test_duplicate_employee_number_is_shown_beside_its_field(qtbot, ctx, answers):
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, name="王小芳", employee_no="N000", profession="护士")
    press_enter(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "N000" in dialog.error_text("employee_no") and "已被" in dialog.error_text("employee_no")
    assert dialog.error_text("name") == ""
