"""Masking of patient identifiers in everything that leaves the ward (workbook, PDF, package data)."""

from __future__ import annotations

import re

MASK = "****"
_VISIBLE = 4


def mask_record_no(record_no: str | None) -> str:
    """`"2026001234"` → `"****1234"`: at most the last four characters, never more than half, stay visible.

    The tail lets staff tell two events apart, which the quality office needs, while a lost file
    does not name a patient. Same rule as the package's data.json (sync.records).
    """
    if record_no is None:
        return ""
    text = str(record_no).strip()
    if not text:
        return ""
    keep = min(_VISIBLE, len(text) // 2)
    return MASK + (text[-keep:] if keep else "")


def mask_in_text(text: str | None, record_nos: list[str] | tuple[str, ...] | set[str]) -> str:
    """Replace every occurrence of the given record numbers inside free text by their masked form.

    Nurses sometimes type the record number into the description too; that copy must not leak.
    """
    if not text:
        return text or ""
    out = text
    for no in sorted({str(n).strip() for n in record_nos if n and str(n).strip()}, key=len, reverse=True):
        out = re.sub(re.escape(no), mask_record_no(no), out)
    return out
