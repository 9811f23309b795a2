"""导出本月报表: the month's workbook and PDF written to a folder the user chose (文件 menu, 月度上报 page).

The same documents a submission carries (services.month_package.build_reports), as a preview: without
accepted warnings, and nothing is locked or sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.exports import save_export
from qmsdesk.periods import Period
from qmsdesk.services.month_package import build_reports
from qmsdesk.services.unit import get_unit


@dataclass(frozen=True)
class ExportedReports:
    workbook: Path
    pdf: Path


def report_stem(session: Session, period: Period | str) -> str:
    """“2026-10 心血管内科 质控月报”: the files' name without extension (exports are in Chinese)."""
    unit = get_unit(session)
    department = f" {unit.department_name}" if unit is not None else ""
    return f"{Period.parse(period)}{department} 质控月报"


def export_month_reports(session: Session, period: Period | str, folder: Path | str,
                         step: Callable[[str], None] | None = None) -> ExportedReports:
    """Write the month's .xlsx and .pdf into `folder`; each whole or not at all."""
    reports = build_reports(session, period, step=step)
    stem = Path(folder) / report_stem(session, period)
    workbook = save_export(stem.with_suffix(".xlsx"), reports.workbook)
    pdf = save_export(stem.with_suffix(".pdf"), reports.pdf)
    return ExportedReports(workbook, pdf)


def month_report_pdf(session: Session, period: Period | str, step: Callable[[str], None] | None = None) -> bytes:
    """The month's PDF report alone (what 打印 prints)."""
    return build_reports(session, period, step=step).pdf
