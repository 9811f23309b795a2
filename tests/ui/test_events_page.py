"""不良事件 page through its form; an anonymous report stays anonymous."""

from __future__ import annotations

from datetime import datetime

from uihelpers import crud_roundtrip, table_texts

from qmsdesk.ui.pages.events import EventsPage


def test_add_edit_delete_and_undo_an_adverse_event(qtbot, ctx, answers):
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    crud_roundtrip(qtbot, page,
                   add=dict(occurred_at=datetime(2026, 10, 3, 2, 30), reported_at=datetime(2026, 10, 3, 8, 0),
                            category="跌倒/坠床", grade="Ⅲ级（未造成后果事件）", description="夜间如厕时跌倒",
                            medical_record_no="A123456"),
                   shown="夜间如厕时跌倒", edit=dict(grade="Ⅳ级（隐患事件）"), edited="Ⅳ级（隐患事件）")
    assert any("夜间如厕时跌倒" in t and "匿名" in t for t in table_texts(page)), "no reporter chosen: anonymous"
