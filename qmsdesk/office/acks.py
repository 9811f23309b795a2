"""Acknowledge or return a submission: a signed receipt into the unit's inbox folder, served over HTTP too.

A returned month shows as returned in 上报情况 and stays out of every figure until the unit amends it and
the next version arrives (DESIGN §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.errors import NotFoundError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.office.derived import refresh_month
from qmsdesk.office.models import OfficePackage, utcnow
from qmsdesk.office.store import OfficeFolders
from qmsdesk.reports.masking import mask_labelled_numbers
from qmsdesk.sync.package import file_sha256
from qmsdesk.sync.receipts import write_receipt


@dataclass(frozen=True)
class AckResult:
    package_id: int
    status: str
    receipt: Path
    message: str


def package_for_file(session: Session, path: Path | str) -> OfficePackage:
    """The imported package a file is (by SHA-256), wherever the file now lies."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(msg("找不到文件 {p}。", "File {p} not found.", p=path))
    sha = file_sha256(path)
    pkg = session.scalars(select(OfficePackage).where(OfficePackage.sha256 == sha)).first()
    if pkg is None:
        raise NotFoundError(msg("{f} 尚未导入质控办汇总库，请先导入再确认或退回。",
                                "{f} has not been imported yet; import it before accepting or returning it.", f=path.name))
    return pkg


def acknowledge(session: Session, package: OfficePackage, status: str, comments: str, *, keys,
                folders: OfficeFolders) -> AckResult:
    """Accept or return one package version and write its signed receipt for the unit."""
    if status not in ("accepted", "returned"):
        raise ValidationError(msg("只能“接收”或“退回”。", "Either accept or return."), "status")
    if status == "returned" and not (comments or "").strip():
        raise ValidationError(msg("退回时请写明原因，科室需要据此更正。", "Give the reason when returning; the unit corrects by it."),
                              "comments")
    if package.state == "stale":
        raise ValidationError(msg("第 {v} 版已被更新的版本替代，无需确认或退回；请处理最新版本。",
                                  "Version {v} was replaced by a newer one; act on the newest version.",
                                  v=package.version), "package")
    unit = package.unit
    # The receipt travels back to the ward and may be forwarded: a patient number typed into it is masked.
    comments = mask_labelled_numbers(comments or "")
    receipt = write_receipt(folders.unit_inbox(unit.folder_name), keys.signing, package_sha256=package.sha256,
                            hospital_code=unit.hospital_code, department_code=unit.department_code,
                            period=package.period, version=package.version, status=status, comments=comments or "")
    package.ack_status, package.ack_comments, package.ack_at = status, (comments or "").strip() or None, utcnow()
    package.receipt_path = str(receipt)
    session.flush()
    refresh_month(session, package.unit_id, package.period)  # a returned month leaves the derived tables
    what = msg("{u} {p} 第 {v} 版", "{u} {p} version {v}", u=unit.label, p=package.period, v=package.version)
    text = (msg("已接收 {w}，回执：{r}", "Accepted {w}; receipt: {r}", w=what, r=receipt) if status == "accepted" else
            msg("已退回 {w}（{c}），回执：{r}。该月在科室更正并重新上报前不计入统计。",
                "Returned {w} ({c}); receipt: {r}. The month stays out of the figures until the unit amends it.",
                w=what, c=comments, r=receipt))
    return AckResult(package.id, status, receipt, text)


def receipts_of_unit(folders: OfficeFolders, folder_name: str) -> list[Path]:
    folder = folders.unit_inbox(folder_name)
    return sorted(folder.glob("*.receipt.json")) if folder.is_dir() else []


def versions(session: Session, unit_id: str, period: str) -> list[OfficePackage]:
    """Every version of a unit's month, oldest first (all stay listed)."""
    return list(session.scalars(select(OfficePackage).where(OfficePackage.unit_id == unit_id,
                                                            OfficePackage.period == period)
                                .order_by(OfficePackage.version)))


def packages(session: Session, period: str | None = None) -> list[OfficePackage]:
    stmt = select(OfficePackage).order_by(OfficePackage.period.desc(), OfficePackage.unit_id, OfficePackage.version)
    if period:
        stmt = stmt.where(OfficePackage.period == period)
    return list(session.scalars(stmt))
