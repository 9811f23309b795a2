"""The two pure functions a package needs from its records: their canonical bytes and their counts.

Kept apart from records.py (which reads the unit's database through the models) so that reading and
checking a package — the office import, the receiver — does not import the unit's ORM models.
"""

from __future__ import annotations

import json
from typing import Any


def canonical_json(obj: Any) -> bytes:
    """Stable bytes: sorted keys, no whitespace, UTF-8 (Chinese kept readable)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def record_counts(records: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Per kind: records that count (`live`) and tombstones (`deleted`)."""
    counts = {}
    for kind, rows in records.items():
        deleted = sum(1 for r in rows.values() if r.get("deleted") and kind != "staff")
        counts[kind] = {"live": len(rows) - deleted, "deleted": deleted}
    return counts
