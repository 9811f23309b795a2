"""工作台: each card tells the month's state and its button opens the page that fixes it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from qmsdesk.services import authorisations, staff
from qmsdesk.ui.main_window import MainWindow


def test_every_card_button_opens_its_page(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    targets = {"meeting": "meetings", "indicators": "indicators", "ledger": "ledger", "training": "training",
               "authorisations": "authorisations", "submission": "submission"}
    for card, page in targets.items():
        window.show_page("dashboard")
        qtbot.mouseClick(window.page("dashboard").cards[card].button, Qt.MouseButton.LeftButton)
        assert window.current_page().key == page


def test_expiring_authorisations_and_safety_training_are_counted(qtbot, ctx):
    def setup(s):
        person = staff.list_staff(s)[0]
        authorisations.grant_authorisation(s, staff_id=person.id, item="PICC置管", granted_on=date.today() - timedelta(days=300),
                                           expires_on=date.today() + timedelta(days=10))

    ctx.write(setup)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    cards = window.page("dashboard").cards
    assert cards["authorisations"].value.text() == "1 项"
    assert "PICC置管" in cards["authorisations"].detail.text()
    assert cards["training"].value.text() == "2 人不足"  # nobody has had safety training yet
    assert str(date.today().year) in cards["training"].detail.text()
