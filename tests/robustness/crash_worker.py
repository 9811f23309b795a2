"""Work the crash tests kill with SIGKILL: run as `python crash_worker.py TASK DB [ARG]`.

Prints "GO" once the imports are done and the work begins, so the test's delays measure the work
itself, not Python starting. Each task is one transaction (or one backup), as the program does it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def import_sheet(db_path: Path, sheet: Path) -> None:
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.indicator_import import import_values

    db = open_database(db_path, actor="crash-test")
    print("GO", flush=True)
    with db.session() as s:
        import_values(s, sheet)


def bulk_edit(db_path: Path, tag: str) -> None:
    from sqlalchemy import select

    from qmsdesk.db import models as m
    from qmsdesk.db.engine import open_database
    from qmsdesk.services.staff import update_staff

    db = open_database(db_path, actor="crash-test")
    print("GO", flush=True)
    with db.session() as s:
        for staff_id in s.scalars(select(m.Staff.id).order_by(m.Staff.employee_no)).all():
            update_staff(s, staff_id, title=tag)


def migrate(db_path: Path) -> None:
    from qmsdesk.db import migrate as migrations  # noqa: F401  (imported before GO: Alembic loads slowly)
    from qmsdesk.db.engine import open_database

    print("GO", flush=True)
    open_database(db_path, actor="crash-test").close()


def backup(db_path: Path) -> None:
    from qmsdesk.db.backup import backup_database

    print("GO", flush=True)
    backup_database(db_path)


def main() -> int:
    task, db = sys.argv[1], Path(sys.argv[2])
    arg = sys.argv[3] if len(sys.argv) > 3 else ""
    start = time.perf_counter()
    if task == "import":
        import_sheet(db, Path(arg))
    elif task == "bulk_edit":
        bulk_edit(db, arg)
    elif task == "migrate":
        migrate(db)
    elif task == "backup":
        backup(db)
    else:
        raise SystemExit(f"unknown task {task}")
    print(f"DONE {time.perf_counter() - start:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
