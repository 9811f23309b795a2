"""The local outbox: every built package stays here, with its state, until the office confirms it.

A package's state lives in `<package>.state.json` beside it: built → sent → accepted | returned, with
a dated history and the last transport error. An upload the office's receiver did not take in is `held`
(the office must first confirm the unit's key) or `refused`, each with the office's reason and code. Nothing in the outbox is ever deleted by the program,
so a failed copy to a USB stick or a failed upload never loses a month.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qmsdesk.changes import Kind, note
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.sync.keys import write_atomically
from qmsdesk.sync.package import SUFFIX, BuiltPackage, file_sha256

STATES = ("built", "sent", "held", "refused", "accepted", "returned")
STATE_LABELS = {"built": ("已生成，待发送", "Built, not sent"), "sent": ("已发送", "Sent"),
                "held": ("质控办暂存，待确认密钥", "Held by the office until it confirms the key"),
                "refused": ("质控办已拒收", "Refused by the office"),
                "accepted": ("质控办已接收", "Accepted by the office"), "returned": ("质控办已退回", "Returned by the office")}
_STATE_SUFFIX = ".state.json"


class OutboxError(QmsError):
    """The outbox refuses an action (for example rebuilding a version that was already sent)."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class OutboxEntry:
    path: Path
    sha256: str
    period: str
    version: int
    state: str = "built"
    history: list[dict[str, Any]] = field(default_factory=list)
    last_error: str | None = None
    destination: str | None = None
    comments: str | None = None
    reason: str | None = None  # the office's word on a held or refused package
    code: str | None = None  # its reason code (wrong_key, conflict, key_pending…)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def state_label(self) -> str:
        zh, en = STATE_LABELS[self.state]
        return msg(zh, en)

    @property
    def state_file(self) -> Path:
        return self.path.with_name(self.path.name + _STATE_SUFFIX)

    def to_json(self) -> dict[str, Any]:
        return {"package": self.name, "sha256": self.sha256, "period": self.period, "version": self.version,
                "state": self.state, "history": self.history, "last_error": self.last_error,
                "destination": self.destination, "comments": self.comments, "reason": self.reason, "code": self.code}


class Outbox:
    """The outbox folder (default: data folder/outbox)."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            from qmsdesk.config import data_dir

            root = data_dir() / "outbox"
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _save(self, entry: OutboxEntry) -> None:
        note(Kind.OUTBOX, (entry.name,))  # a write recording what it changed learns the outbox changed too
        write_atomically(entry.state_file, json.dumps(entry.to_json(), ensure_ascii=False, indent=1).encode("utf-8"),
                         mode=0o644)

    def entry(self, name: str | Path) -> OutboxEntry | None:
        path = self.root / Path(name).name
        state = path.with_name(path.name + _STATE_SUFFIX)
        if not path.is_file() or not state.is_file():
            return None
        doc = json.loads(state.read_text(encoding="utf-8"))
        return OutboxEntry(path, doc["sha256"], doc["period"], doc["version"], doc["state"], doc.get("history", []),
                           doc.get("last_error"), doc.get("destination"), doc.get("comments"), doc.get("reason"),
                           doc.get("code"))

    def entries(self) -> list[OutboxEntry]:
        """Every package in the outbox, by month and version."""
        found = [self.entry(p) for p in sorted(self.root.glob(f"*{SUFFIX}"))]
        return sorted((e for e in found if e is not None), key=lambda e: (e.period, e.version, e.name))

    def by_sha256(self, sha256: str) -> OutboxEntry | None:
        return next((e for e in self.entries() if e.sha256 == sha256), None)

    def check_can_build(self, filename: str) -> None:
        """A version that has left the machine is never rebuilt (the office would see two different files)."""
        existing = self.entry(filename)
        if existing is not None and existing.state != "built":
            raise OutboxError(msg("{f} 已经发出（{s}），不能重新生成。如需更正，请申请更正生成新版本。",
                                  "{f} has already been sent ({s}) and cannot be rebuilt. Amend the month to make a new "
                                  "version.", f=filename, s=existing.state_label))

    def add(self, built: BuiltPackage) -> OutboxEntry:
        """Record a package just built into this outbox (state `built`)."""
        path = Path(built.path)
        if path.parent.resolve() != self.root.resolve():
            raise OutboxError(msg("上报包应生成在发件箱 {r} 中。", "Packages must be built inside the outbox {r}.", r=self.root))
        self.check_can_build(path.name)
        entry = OutboxEntry(path, built.sha256, built.manifest["period"], built.manifest["version"])
        entry.history.append({"at": _now(), "state": "built"})
        self._save(entry)
        return entry

    def mark(self, entry: OutboxEntry, state: str, *, destination: str | None = None,
             comments: str | None = None, reason: str | None = None, code: str | None = None) -> OutboxEntry:
        """Move to `state`; `reason` and `code` are the office's word on a held or refused package."""
        if state not in STATES:
            raise ValueError(state)
        entry.state, entry.last_error, entry.reason, entry.code = state, None, reason, code
        if destination:
            entry.destination = destination
        if comments is not None:
            entry.comments = comments
        entry.history.append({"at": _now(), "state": state, **({"to": destination} if destination else {}),
                              **({"reason": reason, "code": code} if reason else {})})
        self._save(entry)
        return entry

    def note_failure(self, entry: OutboxEntry, error: str) -> OutboxEntry:
        """Keep the reason a send failed; the package stays in its state and in the outbox."""
        entry.last_error = error
        entry.history.append({"at": _now(), "state": entry.state, "error": error})
        self._save(entry)
        return entry

    def intact(self, entry: OutboxEntry) -> bool:
        return entry.path.is_file() and file_sha256(entry.path) == entry.sha256
