"""检查督查 page: the inspection form and a finding."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from uihelpers import crud_roundtrip, fill, select_text

from qmsdesk.ui.pages.inspections import InspectionsPage


def test_add_edit_delete_and_undo_an_inspection(qtbot, ctx, answers):
    page = InspectionsPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page, add=dict(kind="职能部门督查", date=date(2026, 10, 15), inspector="护理部", topic="护理文书"),
                   shown="护理部", edit=dict(topic="护理文书质量"), edited="护理文书质量")


def test_a_finding_is_listed_under_its_inspection(qtbot, ctx, answers):
    page = InspectionsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    from uihelpers import open_form, press_enter

    dialog = open_form(qtbot, page)
    fill(qtbot, dialog, kind="科室自查", date=date(2026, 10, 15), inspector="护士长")
    press_enter(qtbot, dialog)
    select_text(page, "护士长")
    form = page.finding_form()
    qtbot.addWidget(form)
    fill(qtbot, form, category="手卫生", description="手卫生依从性 80%")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert page.findings_model.index(0, 1).data() == "手卫生依从性 80%"
