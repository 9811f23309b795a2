"""First run: no database, the wizard asks for the unit, creates the database and installs the indicators."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uihelpers import fill, press_enter

from qmsdesk.ui.wizard import FirstRunWizard


def _unit_of(path):
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.indicators import list_indicators
    from qmsdesk.services.unit import get_unit

    db = open_database(path)
    try:
        with db.session() as s:
            unit = get_unit(s)
            return (unit.hospital_name, unit.department_name, unit.department_type,
                    len(list_indicators(s, applicable_only=True)))
    finally:
        db.close()


def test_wizard_creates_the_database_with_the_unit_and_its_indicators(qtbot, tmp_path):
    path = tmp_path / "new" / "qmsdesk.db"
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    assert str(path) in " ".join(w.text() for w in wizard.findChildren(type(wizard.general_error)))
    fill(qtbot, wizard, hospital_name="青山镇卫生院", hospital_code="T017", department_name="全院",
         department_code="ALL", department_type="乡镇卫生院")
    press_enter(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    hospital, department, kind, indicators = _unit_of(path)
    assert (hospital, department, kind) == ("青山镇卫生院", "全院", "township")
    assert indicators >= 0


def test_a_refused_unit_leaves_no_database_behind(qtbot, tmp_path):
    path = tmp_path / "qmsdesk.db"
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(qtbot, wizard, hospital_name="县医院", hospital_code="H 01", department_name="心内科",
         department_code="CARD", department_type="内科病区")
    qtbot.mouseClick(wizard.buttons.button(wizard.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert "代码只能包含" in wizard.error_text("hospital_code")
    assert not path.exists()


def test_inpatient_unit_gets_the_nursing_indicators(qtbot, tmp_path):
    path = tmp_path / "qmsdesk.db"
    wizard = FirstRunWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(qtbot, wizard, hospital_name="县人民医院", hospital_code="H001", department_name="心血管内科",
         department_code="CARD", department_type="内科病区")
    press_enter(qtbot, wizard)
    assert _unit_of(path)[3] > 10
