"""质控小组 page through its form."""

from __future__ import annotations

from datetime import date

from uihelpers import crud_roundtrip

from qmsdesk.ui.pages.group import GroupPage


def test_add_edit_delete_and_undo_a_group_member(qtbot, ctx, answers):
    page = GroupPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page, add=dict(staff_id="王芳", role="质控员", start_date=date(2026, 1, 1)),
                   shown="王芳 | 质控员", edit=dict(role="组长"), edited="王芳 | 组长")
