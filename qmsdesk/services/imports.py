"""The people imports as the window runs them: one name per import, its dry run, its run and its template.

The window's import dialog knows an import only by its key (`STAFF`, `GROUP`, `ATTENDANCE`, `SCORES`); a
training session travels as its id, because the dry run and the import run as operations on the database
worker, where the session is looked up again. Both return the plain `ImportPreview`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.services import group_import, staff_import, training_import
from qmsdesk.services.import_preview import Answers, ImportPreview

STAFF, GROUP, ATTENDANCE, SCORES = "staff", "group", "attendance", "scores"
KINDS = (STAFF, GROUP, ATTENDANCE, SCORES)
NEEDS_TRAINING = frozenset({ATTENDANCE})  # a sign-in sheet is always for one session; scores may be too

_TEMPLATES: dict[str, Callable[[Path | str], Path]] = {
    STAFF: staff_import.write_staff_template,
    GROUP: group_import.write_group_template,
    ATTENDANCE: training_import.write_attendance_template,
    SCORES: training_import.write_scores_template,
}
TEMPLATE_NAMES = {STAFF: "人员名单导入模板.xlsx", GROUP: "质控小组成员导入模板.xlsx",
                  ATTENDANCE: "培训签到导入模板.xlsx", SCORES: "考核成绩导入模板.xlsx"}


def _run(session: Session, kind: str, path: Path | str, answers: Answers | None, training_id: uuid.UUID | None,
         *, dry_run: bool) -> ImportPreview:
    training = (training_import.find_training_session(session, session_id=training_id)
                if training_id is not None else None)
    if kind == STAFF:
        run = staff_import.preview_staff_import if dry_run else staff_import.import_staff
        return run(session, path, answers)
    if kind == GROUP:
        run = group_import.preview_group_import if dry_run else group_import.import_group
        return run(session, path, answers)
    if kind == ATTENDANCE:
        if training is None:
            training_import.find_training_session(session)  # refuses: says which session is wanted
        run = training_import.preview_attendance_import if dry_run else training_import.import_attendance
        return run(session, path, training, answers)
    if kind == SCORES:
        run = training_import.preview_scores_import if dry_run else training_import.import_scores
        return run(session, path, training_import.score_defaults(training), answers)
    raise ValueError(f"unknown import {kind!r}")


def preview_import(session: Session, kind: str, path: Path | str, answers: Answers | None = None,
                   training_id: uuid.UUID | None = None) -> ImportPreview:
    """The dry run of import `kind` of the file at `path`: nothing is kept (the writes are rolled back).

    Its rolled-back writes are recorded apart and dropped, so the dry run tells no page that anything changed.
    """
    from qmsdesk.changes import recording

    with recording():
        return _run(session, kind, path, answers, training_id, dry_run=True)


def run_import(session: Session, kind: str, path: Path | str, answers: Answers | None = None,
               training_id: uuid.UUID | None = None) -> ImportPreview:
    """Import the file, every row or none; raises ImportRefused naming each problem and open question."""
    return _run(session, kind, path, answers, training_id, dry_run=False)


def write_import_template(kind: str, path: Path | str) -> Path:
    """The Chinese template of import `kind` (headers, example rows, notes) at `path`."""
    return _TEMPLATES[kind](path)
