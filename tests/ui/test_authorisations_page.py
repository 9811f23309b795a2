"""授权管理 page through its form, and suspending an authorisation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from uihelpers import crud_roundtrip, fill, select_text, table_texts

from qmsdesk.ui.pages.authorisations import AuthorisationsPage


def test_add_edit_delete_and_undo_an_authorisation(qtbot, ctx, answers):
    page = AuthorisationsPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page, add=dict(staff_id="王芳", item="PICC置管", granted_on=date(2026, 1, 5),
                                         expires_on=date(2027, 1, 4)),
                   shown="PICC置管", edit=dict(level="高级"), edited="PICC置管 | 高级")


def test_suspending_needs_a_reason_and_shows_the_new_status(qtbot, ctx, answers):
    page = AuthorisationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    from uihelpers import open_form, press_enter

    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, staff_id="张伟", item="CRRT", granted_on=date(2026, 1, 5))
    press_enter(qtbot, dialog)
    row = select_text(page, "CRRT")
    form = page.status_form(row, "suspend")
    qtbot.addWidget(form)
    form.show()
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "原因" in form.error_text("reason")
    fill(qtbot, form, reason="考核未通过")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert any("CRRT" in t and "暂停" in t for t in table_texts(page))
