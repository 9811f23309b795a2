"""设置 page: the unit is editable, the language is remembered, backup and restore run as jobs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelpers import fill

from qmsdesk.ui.pages.settings import SettingsPage
from qmsdesk.ui.settings import UiSettings


def test_unit_identity_is_shown_and_editable(qtbot, ctx, answers):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.unit_labels["department_name"].text() == "心血管内科"
    assert page.unit_labels["department_type"].text() == "内科病区"
    form = page.unit_form()
    qtbot.addWidget(form)
    form.show()
    fill(qtbot, form, department_name="心血管内科二病区")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert page.unit_labels["department_name"].text() == "心血管内科二病区"


def test_language_choice_is_saved_for_the_next_start(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("en"))
    assert UiSettings().language == "en"
    assert "重新启动" in page.language_note.text()


def test_backup_now_writes_a_backup_and_restore_brings_it_back(qtbot, ctx, answers):
    from qmsdesk.services import staff

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    backup = page.backup_now()
    assert backup is not None and backup.exists()
    assert backup.name in [page.backups.item(i).text() for i in range(page.backups.count())]
    assert answers[-1][0] == "info"

    ctx.write(lambda s: staff.create_staff(s, name="赵敏", employee_no="N900", profession="nurse"))
    assert page.restore_from(backup)
    names = ctx.read(lambda s: [p.name for p in staff.list_staff(s)])
    assert "赵敏" not in names and "王芳" in names
    assert page.db_label.text() == str(ctx.path)
