"""The form dialog: required marks, messages as you type, service errors beside fields, keyboard, unsaved changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from uihelpers import fill, type_text

from qmsdesk.errors import FieldError, ValidationError
from qmsdesk.ui.forms import Field, FormDialog, Person


def _form(qtbot, save=None, people=()):
    fields = [Field("name", "姓名", required=True), Field("when", "日期", "date", required=True),
              Field("who", "责任人", "person", people=list(people)), Field("note", "备注", "multiline")]
    dialog = FormDialog("测试", fields, {}, save)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_required_fields_carry_a_star(qtbot):
    dialog = _form(qtbot)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert "姓名 *" in labels and "备注" in labels


def test_clearing_a_required_field_says_so_at_once(qtbot):
    dialog = _form(qtbot)
    type_text(qtbot, dialog.widgets["name"], "李")
    assert dialog.error_text("name") == ""
    dialog.widgets["name"].clear()
    assert dialog.error_text("name") == "请填写姓名。"


def test_service_errors_appear_beside_their_fields_and_keep_the_dialog_open(qtbot):
    def refuse(values):
        raise ValidationError([FieldError("when", "会议日期不能晚于今天（2026-11-23）。"), FieldError("", "本月已上报。")])

    dialog = _form(qtbot, refuse)
    fill(qtbot, dialog, name="李娜")
    qtbot.keyClick(dialog.widgets["name"], Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error_text("when") == "会议日期不能晚于今天（2026-11-23）。"
    assert dialog.general_error.text() == "本月已上报。"


def test_enter_saves_and_passes_typed_values(qtbot):
    saved = []
    dialog = _form(qtbot, saved.append)
    fill(qtbot, dialog, name="李娜", when=date(2026, 10, 1))
    qtbot.keyClick(dialog.widgets["name"], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved[0]["name"] == "李娜" and saved[0]["when"] == date(2026, 10, 1) and saved[0]["note"] is None


def test_escape_with_unsaved_changes_asks_first(qtbot, monkeypatch):
    from qmsdesk.ui import messages

    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    dialog = _form(qtbot)
    fill(qtbot, dialog, name="李娜")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and "尚未保存" in asked[0]
    assert dialog.isVisible()  # the user said "keep editing"


def test_escape_without_changes_closes_silently(qtbot, monkeypatch):
    from qmsdesk.ui import messages

    monkeypatch.setattr(messages, "confirm", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    dialog = _form(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_tab_moves_through_the_fields_in_order(qtbot):
    dialog = _form(qtbot)
    dialog.widgets["name"].setFocus()
    qtbot.keyClick(dialog.widgets["name"], Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.widgets["when"] or dialog.widgets["when"].isAncestorOf(dialog.focusWidget())


def test_person_picker_finds_people_by_pinyin_initials(qtbot):
    import uuid

    zhang = Person(uuid.uuid4(), "张伟", "zw", "D001")
    wang = Person(uuid.uuid4(), "王芳", "wf", "N000")
    dialog = _form(qtbot, people=[zhang, wang])
    picker = dialog.widgets["who"]
    completer = picker.completer()
    completer.setCompletionPrefix("wf")
    assert completer.currentCompletion() == "王芳 wf N000"
    picker.completer().activated.emit("王芳 wf N000")
    assert dialog.value("who") == wang.id


def test_a_name_not_on_the_list_is_flagged(qtbot):
    import uuid

    dialog = _form(qtbot, people=[Person(uuid.uuid4(), "张伟", "zw")])
    type_text(qtbot, dialog.widgets["who"].lineEdit(), "赵六")
    assert "名单中没有" in dialog.error_text("who")


def test_a_patient_number_typed_into_free_text_is_pointed_out_but_does_not_stop_saving(qtbot):
    saved = []
    dialog = _form(qtbot, saved.append)
    fill(qtbot, dialog, name="李娜", when=date(2026, 10, 1))
    type_text(qtbot, dialog.widgets["note"], "住院号 20261234 的患者夜间跌倒")
    hint = dialog.error_text("note")
    assert "疑似患者编号" in hint and "****1234" in hint and "20261234" not in hint
    type_text(qtbot, dialog.widgets["name"], "娜")  # another field: the hint stays where it was
    dialog.widgets["note"].setPlainText("夜间跌倒")
    assert dialog.error_text("note") == ""
    dialog.widgets["note"].setPlainText("病案号：ZY20261234")
    assert dialog.try_save() and saved[0]["note"] == "病案号：ZY20261234"  # kept in full here; masked in exports
