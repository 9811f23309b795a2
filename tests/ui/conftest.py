"""Fixtures for window tests: a real database with a unit and two staff, the app context, dialogs answered."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

UNIT = dict(hospital_name="某县人民医院", hospital_code="H001", department_name="心血管内科",
            department_code="CARD", department_type="inpatient_medical", deadline_day=5)


@pytest.fixture(autouse=True)
def _never_block():
    """No test may hang on a message box: by default questions are answered "no" and notices recorded."""
    from qmsdesk.ui import messages

    seen: list[tuple[str, str, str]] = []
    messages.set_recorder(lambda kind, title, text: seen.append((kind, title, text)))
    yield seen
    messages.set_recorder(None)


@pytest.fixture(autouse=True)
def _chinese_app(qapp):
    """The same font and translations as the real program, so what tests see is what a user sees."""
    from qmsdesk.ui.app import ensure_cjk_font, install_translations

    ensure_cjk_font(qapp)
    install_translations(qapp, "zh_CN")
    yield qapp


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    """Made once per run (migrations take seconds); each test gets its own copy."""
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.services import staff
    from qmsdesk.services.setup import create_unit_database

    path = tmp_path_factory.mktemp("template") / "ward.db"
    create_unit_database(path, dict(UNIT))
    db = open_database(path, actor=current_user())
    with db.session() as s:
        staff.create_staff(s, name="王芳", employee_no="N000", profession="nurse", title="副主任护师",
                           nursing_level="N4", hire_date=date(2008, 7, 1))
        staff.create_staff(s, name="张伟", employee_no="D001", profession="doctor", title="主治医师",
                           hire_date=date(2012, 8, 1))
    db.close()
    return path


@pytest.fixture
def unit_db(_template_db, tmp_path):
    """A database made the way the first-run wizard makes it, with two staff members (王芳, 张伟)."""
    path = tmp_path / "ward.db"
    shutil.copyfile(_template_db, path)
    return path


@pytest.fixture
def ctx(unit_db):
    from qmsdesk.config import current_user
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext

    context = AppContext(open_database(unit_db, actor=current_user()))
    context.background_loads = False  # each step shown before the next; test_ledger_page covers threads
    yield context
    context.close()


@pytest.fixture
def answers(monkeypatch):
    """Questions are answered "yes"; error and info boxes are collected instead of shown."""
    from qmsdesk.ui import messages

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes=None: shown.append(("question", title, text)) or True)
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append(("error", title, text)))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(("info", title, text)))
    return shown
