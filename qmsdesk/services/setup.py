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


# --- the demo database -----------------------------------------------------------------------------

def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".stamp.json")


def demo_stamp() -> dict[str, str]:
    """What a demo database is made by: this program's version, the demo generator's code, the schema, and
    the month it was made in (the demo year ends at the month before today)."""
    import hashlib

    from qmsdesk import __version__
    from qmsdesk import demo as demo_package
    from qmsdesk.clock import today
    from qmsdesk.db.migrate import HEAD_REVISION
    from qmsdesk.periods import Period

    digest = hashlib.sha256()
    for source in sorted(Path(demo_package.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return {"version": __version__, "demo": digest.hexdigest()[:16], "schema": HEAD_REVISION,
            "month": str(Period.of(today()))}


def demo_is_current(path: Path) -> bool:
    """True when the demo database at `path` was made by this program, demo and schema this month; an older
    one (or one whose stamp is missing or unreadable) is regenerated rather than shown."""
    import json

    from qmsdesk.db.engine import sqlite_revision

    if not path.exists():
        return False
    try:
        made_by = json.loads(_stamp_path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return made_by == demo_stamp() and sqlite_revision(path) == made_by.get("schema")


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
    for leftover in _leftovers(path)[1:]:  # an older demo's journal must never be replayed into the new file
        leftover.unlink(missing_ok=True)
    part.replace(path)
    _write_stamp(path)
    return path


def _write_stamp(path: Path) -> None:
    import json

    from qmsdesk.sync.keys import write_atomically

    write_atomically(_stamp_path(path), json.dumps(demo_stamp(), ensure_ascii=False).encode("utf-8"), mode=0o644)
