"""工作台: each card tells the month's state and its button opens the page that fixes it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from qmsdesk import clock
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
        authorisations.grant_authorisation(s, staff_id=person.id, item="PICC置管", granted_on=clock.today() - timedelta(days=300),
                                           expires_on=clock.today() + timedelta(days=10))

    ctx.write(setup)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    cards = window.page("dashboard").cards
    assert cards["authorisations"].value.text() == "1 项"
    assert "PICC置管" in cards["authorisations"].detail.text()
    assert cards["training"].value.text() == "2 人不足"  # nobody has had safety training yet
    assert str(clock.today().year) in cards["training"].detail.text()


def test_the_dashboard_reads_its_figures_on_the_database_worker_never_on_the_gui_thread(qtbot, ctx, monkeypatch):
    """Counting a large ledger and the indicator checks takes longer than a repaint may wait: while the
    figures are being read, the GUI thread is free (the read here waits until the test lets it go)."""
    import threading

    from qmsdesk.services.dashboard import dashboard_data
    from qmsdesk.ui.pages import dashboard

    release, threads = threading.Event(), []

    def slow_read(session, on=None):
        threads.append(threading.current_thread())
        assert release.wait(10)
        return dashboard_data(session, on)

    monkeypatch.setattr(dashboard, "dashboard_data", slow_read)
    ctx.background_loads = True
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # the read has started and is held …
    assert page.cards["ledger"].value.text() == ""  # … and the window goes on without its figures
    qtbot.wait(50)  # the GUI thread turns its event loop meanwhile
    release.set()
    page.wait_loaded()
    assert threads[0] is not threading.main_thread()
    assert page.cards["ledger"].value.text() == "逾期 0 项"
    assert page.warnings.detail.text()
