"""What a write changed — record kinds and ids, months locked or unlocked, settings — as a `Changes` value.

Learned from Anki's `OpChanges`: a write does not say which screens to redraw; it says what it touched,
and each screen decides whether that concerns it. A write made inside `recording()` is recorded:
`qmsdesk.db.changes` notes every row a session flushes (and which months a submission locked), and
code that changes files or settings says so with `note()` / `note_setting()`. No SQLAlchemy here: the
window imports this module before it paints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # months appear in annotations only; periods imports the clock and its time zones
    from qmsdesk.periods import Period


class Kind(StrEnum):
    """Kinds of record a change can touch: the table's name (so a new model is a new kind by itself)."""

    UNIT = "units"
    STAFF = "staff"
    GROUP_MEMBER = "group_memberships"
    MEETING = "meetings"
    MEETING_ATTENDANCE = "meeting_attendance"
    MEETING_PROBLEM = "meeting_problems"
    TRAINING = "training_sessions"
    TRAINING_ATTENDANCE = "training_attendance"
    ASSESSMENT = "assessments"
    AUTHORISATION = "authorisations"
    INDICATOR = "indicator_definitions"
    INDICATOR_VALUE = "indicator_values"
    INSPECTION = "inspections"
    FINDING = "inspection_findings"
    CHECKLIST = "checklist_templates"
    CHECKLIST_ITEM = "checklist_items"
    INSPECTION_ITEM = "inspection_items"
    EVENT = "adverse_events"
    ITEM = "rectification_items"
    PROGRESS_NOTE = "progress_notes"
    SUBMISSION = "submissions"
    PLAN = "annual_plans"
    PLAN_GOAL = "plan_indicator_goals"
    PLAN_FOCUS = "plan_focus_themes"
    PLAN_TRAINING = "plan_trainings"
    PLAN_INSPECTION = "plan_inspections"
    PLAN_PDCA = "plan_pdca_themes"
    ANALYSIS = "quality_analyses"
    ANALYSIS_PROBLEM = "analysis_problems"
    EVENT_ANALYSIS = "event_analyses"
    EVENT_FACTOR = "event_factors"
    PDCA_PROJECT = "pdca_projects"
    PDCA_INDICATOR = "pdca_indicators"
    PDCA_CAUSE = "pdca_causes"
    PDCA_COUNTERMEASURE = "pdca_countermeasures"
    PDCA_LOG = "pdca_log"
    AUDIT = "audit_log"
    # Not tables: files and settings a write can change besides the database.
    OUTBOX = "outbox"  # the submission packages in the outbox folder and their sending state
    ENROLLMENT = "enrollment"  # the office's enrollment file and the keys made from it
    # The quality office's store.
    OFFICE_UNIT = "office_units"
    OFFICE_PACKAGE = "office_packages"
    OFFICE_RECORD = "office_records"
    IMPORT_LOG = "office_import_log"


@dataclass(frozen=True)
class Changes:
    """What one write changed. Empty (falsy) when it changed nothing.

    `records` maps each kind touched to the ids known to be touched (rows written through the ORM; a
    Core bulk statement names its kind only). `locked` / `unlocked` are months whose submission lock
    changed. `settings` names settings changed. `everything` means the whole database was replaced
    (opened, restored): every page reloads.
    """

    records: Mapping[str, frozenset[Any]] = field(default_factory=dict)
    locked: frozenset[Period] = frozenset()
    unlocked: frozenset[Period] = frozenset()
    settings: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, *kinds: str, ids: Iterable[Any] = ()) -> Changes:
        """Changes naming `kinds` (for writes outside the database, e.g. the outbox folder)."""
        ids = frozenset(ids)
        return cls(records={str(k): ids for k in kinds})

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.records)

    @property
    def locks(self) -> frozenset[Period]:
        """Months whose lock changed either way."""
        return self.locked | self.unlocked

    def ids(self, kind: str) -> frozenset[Any]:
        return self.records.get(str(kind), frozenset())

    def touches(self, kinds: Iterable[str], *, locks: bool = False, settings: Iterable[str] = ()) -> bool:
        """Whether a screen showing `kinds` (and, with `locks`, month locks; and `settings`) must reload."""
        if self.everything:
            return True
        if locks and self.locks:
            return True
        return any(str(k) in self.records for k in kinds) or bool(self.settings & frozenset(settings))

    def __bool__(self) -> bool:
        return bool(self.records or self.locks or self.settings or self.everything)

    def __or__(self, other: Changes) -> Changes:
        records = {k: set(v) for k, v in self.records.items()}
        for k, v in other.records.items():
            records.setdefault(k, set()).update(v)
        return Changes({k: frozenset(v) for k, v in records.items()}, self.locked | other.locked,
                       self.unlocked | other.unlocked, self.settings | other.settings,
                       self.everything or other.everything)

    def describe(self) -> str:
        """One line for the log: kinds with how many rows, locks, settings."""
        parts = [f"{k}×{len(v)}" if v else k for k, v in sorted(self.records.items())]
        parts += [f"locked {p}" for p in sorted(self.locked)] + [f"unlocked {p}" for p in sorted(self.unlocked)]
        parts += [f"setting {s}" for s in sorted(self.settings)]
        if self.everything:
            parts.append("everything")
        return ", ".join(parts) or "nothing"


class Recorder:
    """Collects the facts of one write while `recording()` is active on this thread."""

    def __init__(self) -> None:
        self.records: dict[str, set[Any]] = {}
        self.settings: set[str] = set()
        self.locks_before: frozenset[Period] | None = None
        self.everything = False

    def note(self, kind: str, ids: Iterable[Any] = ()) -> None:
        self.records.setdefault(str(kind), set()).update(ids)

    def changes(self, locks_now: Callable[[], frozenset[Period]] | None = None) -> Changes:
        """The collected facts; `locks_now()` reads the months locked after the write (asked only when a
        submission was written)."""
        locked = unlocked = frozenset()
        if self.locks_before is not None and locks_now is not None:
            after = locks_now()
            locked, unlocked = after - self.locks_before, self.locks_before - after
        return Changes({k: frozenset(v) for k, v in self.records.items()}, locked, unlocked,
                       frozenset(self.settings), self.everything)


_current: ContextVar[Recorder | None] = ContextVar("qmsdesk_changes", default=None)


@contextmanager
def recording() -> Iterator[Recorder]:
    """Collect what every write on this thread changes until the block ends."""
    recorder = Recorder()
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


def note(kind: str, ids: Iterable[Any] = ()) -> None:
    """Tell the current recording about a change outside the database (a file, the outbox)."""
    recorder = _current.get()
    if recorder is not None:
        recorder.note(kind, ids)


def note_setting(name: str) -> None:
    """Tell the current recording that a setting changed."""
    recorder = _current.get()
    if recorder is not None:
        recorder.settings.add(name)


def note_everything() -> None:
    """The whole database was replaced (a restore): every screen reloads."""
    recorder = _current.get()
    if recorder is not None:
        recorder.everything = True


def current_recorder() -> Recorder | None:
    """The recording active on this thread, if any."""
    return _current.get()
