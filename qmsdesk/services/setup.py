"""Making a database before any window uses it: the first-run wizard's, and the demo year's.

These open, fill and close a database file of their own (nothing is open yet, so there is no other writer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qmsdesk.config import current_user
from qmsdesk.errors import QmsError


def _leftovers(path: Path) -> tuple[Path, ...]:
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def create_unit_database(path: Path, values: dict[str, Any]) -> None:
    """Create the database file, record the unit, install the indicators for its department type and the
    shipped checklists.

    A refused form leaves no half-made file behind, so the wizard shows again next time.
    """
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.catalogue import install_catalogue
    from qmsdesk.services.checklists import install_templates
    from qmsdesk.services.unit import set_unit

    existed = path.exists()
    db = open_database(path, actor=current_user())
    try:
        with db.session() as s:
            unit = set_unit(s, **values)
            install_catalogue(s, unit.department_type)
            install_templates(s)
    except QmsError:
        db.close()
        if not existed:
            for leftover in _leftovers(path):
                leftover.unlink(missing_ok=True)
        raise
    db.close()


def enroll_database(path: Path, enrollment_file: Path, store) -> None:
    """Import the office's enrollment file into the database at `path` (the wizard, right after creating it)."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.sync.enrollment import enroll

    db = open_database(path, actor=current_user())
    try:
        with db.session() as s:
            enroll(s, enrollment_file, store=store)
    finally:
        db.close()


def write_demo_database(path: Path) -> Path:
    """Generate the demo year into `path`, via a temporary file so an interrupted run leaves nothing."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.demo import generate

    part = path.with_name(path.name + ".part")
    for leftover in _leftovers(part):
        leftover.unlink(missing_ok=True)
    db = open_database(part, actor=current_user())
    try:
        with db.session() as s:
            generate(s)
    finally:
        db.close()
    part.replace(path)
    return path
