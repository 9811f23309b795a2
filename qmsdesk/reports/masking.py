"""Masking of patient identifiers in everything that leaves the ward (workbook, PDF, package data, receipts).

Two nets, both applied to every piece of free text that is exported, whichever field it was typed into:
- the unit's own register: every medical record number of its adverse events (deleted ones too) is
  replaced wherever it appears (`PatientMasker`, made by `patient_masker(session)`);
- a pattern for numbers the register does not know: a label (病案号, 住院号, 门诊号, 病历号, ID, MRN) followed
  by a number is masked too, and `patient_number_warning` lets the form say so when the text is typed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

MASK = "****"
_VISIBLE = 4
# Numbers shorter than this are masked only as a whole token: "12" inside a date or a count is not a patient.
_SUBSTRING_MIN = 6
# Whole values that are structure, not text: a record's UUID, a date or time, a month. A short record number
# such as "2026" must not turn a date into "****26" or a UUID into something the office cannot match.
_STRUCTURED = re.compile(r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                         r"|\d{4}-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)$")
_LABELLED = re.compile(r"((?<![A-Za-z])(?i:ID|MRN)|病案号|住院号|门诊号|病历号)(\s*(?:码|编号)?\s*[:：#＃]?\s*(?:为|是)?\s*)"
                       r"([A-Za-z]{0,4}\d{3,}[A-Za-z0-9-]*)")


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


def mask_labelled_numbers(text: str) -> str:
    """`病案号 ZY20261234` → `病案号 ****1234`: numbers a label marks as a patient's, known or not."""
    return _LABELLED.sub(lambda m: m.group(1) + m.group(2) + mask_record_no(m.group(3)), text)


def patient_number_warning(text: str | None) -> str | None:
    """A warning for the form when free text carries what looks like a patient number (None when it does not)."""
    from qmsdesk.i18n import msg

    found = [m.group(0) for m in _LABELLED.finditer(text or "")]
    if not found:
        return None
    return msg("这里写了疑似患者编号（{n}）。导出和上报时会被遮盖；病案号请只填在不良事件的“病案号”一栏。",
               "This looks like a patient number ({n}). It is masked in every export and submission; enter record "
               "numbers only in the adverse event's record number field.", n=mask_labelled_numbers(found[0]))


@dataclass(frozen=True)
class PatientMasker:
    """Masks the unit's known record numbers and labelled numbers in text, or in every string of a structure."""

    known: tuple[str, ...] = ()
    _pattern: re.Pattern | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, numbers: Iterable[str | None]) -> PatientMasker:
        known = tuple(sorted({str(n).strip() for n in numbers if n and str(n).strip()}, key=len, reverse=True))
        if not known:
            return cls()
        # One pass over the text (longest first), so a masked tail is never masked again.
        parts = [re.escape(n) if len(n) >= _SUBSTRING_MIN else rf"(?<![0-9A-Za-z]){re.escape(n)}(?![0-9A-Za-z])"
                 for n in known]
        return cls(known, re.compile("|".join(parts)))

    def text(self, value: str) -> str:
        if self._pattern is not None:
            value = self._pattern.sub(lambda m: mask_record_no(m.group(0)), value)
        return mask_labelled_numbers(value)

    def deep(self, value: Any) -> Any:
        """The same structure with every text masked: dicts, lists, tuples and dataclasses (a chart's spec) are
        copied; keys, UUIDs and dates are kept."""
        if isinstance(value, Enum):  # a code (a str enum too), never typed text
            return value
        if isinstance(value, str):
            return value if _STRUCTURED.match(value) else self.text(value)
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.deep(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: self.deep(getattr(value, f.name))
                                                 for f in dataclasses.fields(value) if f.init})
        return value


def patient_masker(session) -> PatientMasker:
    """The masker of this unit: every record number in its event register, deleted events included."""
    from sqlalchemy import select

    from qmsdesk.db import models as m

    return PatientMasker.of(session.scalars(select(m.AdverseEvent.medical_record_no)
                                            .where(m.AdverseEvent.medical_record_no.is_not(None))))


def mask_in_text(text: str | None, record_nos: list[str] | tuple[str, ...] | set[str]) -> str:
    """Replace every occurrence of the given record numbers inside free text by their masked form."""
    if not text:
        return text or ""
    return PatientMasker.of(record_nos).text(text)
