"""The unit as a package names it (UnitIdentity), from a unit row read either way (ORM or plain SQL)."""

from __future__ import annotations

from typing import Any

from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.reports.masking import PatientMasker
from qmsdesk.sync.package import UnitIdentity


def missing_unit() -> ValidationError:
    """What services.unit.require_unit raises before the unit is set up."""
    return ValidationError(msg("尚未设置本单位（医院和科室）信息，请先在“设置”中填写。",
                               "The hospital and department are not set up yet; fill them in under Settings."))


def identity_of(unit: Any, masker: PatientMasker) -> UnitIdentity:
    """The unit's id and codes, and its names masked (they travel in the readable manifest)."""
    return UnitIdentity(str(unit.id), unit.hospital_code, unit.department_code, masker.text(unit.hospital_name),
                        masker.text(unit.department_name))
