"""The quality office's store (质控办汇总库): units, imported packages, their records, the import journal.

These tables live in their own `OfficeBase`, not in the unit's `Base`: an office store is a separate
database (a file of its own, or PostgreSQL) and a ward's file never carries office tables. The schema is
made by `create_all` when the store opens and its version is kept in `office_meta`; a later change adds
a numbered step to `store.UPGRADES` (see store.py) instead of an Alembic chain, because the office
schema is small, additive, and must upgrade the same way on SQLite and PostgreSQL.

Records are kept per (unit, month, kind, record UUID): a month's rows are exactly those of the version
applied for it, so a newer version replaces them and an older one never mixes in.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 9


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class RecordJSON(TypeDecorator):
    """JSONB on PostgreSQL (the records are queried inside: ->> in the pages' aggregates), JSON text on SQLite; a
    Python None is SQL NULL. PostgreSQL's types are loaded only for a PostgreSQL store: a command on a SQLite store
    does not pay for importing them (a twentieth of a second)."""

    impl = JSON
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(none_as_null=True)

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB(none_as_null=True))
        return dialect.type_descriptor(JSON(none_as_null=True))


class OfficeBase(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class OfficeMeta(OfficeBase):
    __tablename__ = "office_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OfficeUnit(OfficeBase):
    """A reporting unit (上报单位): one department of one hospital, enrolled by the office."""

    __tablename__ = "office_units"
    __table_args__ = (UniqueConstraint("hospital_code", "department_code", name="uq_office_unit_codes"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    hospital_code: Mapped[str] = mapped_column(String(32))
    hospital_name: Mapped[str] = mapped_column(String(200))
    department_code: Mapped[str] = mapped_column(String(32))
    department_name: Mapped[str] = mapped_column(String(200))
    department_type: Mapped[str] = mapped_column(String(40), default="other")
    deadline_day: Mapped[int] = mapped_column(Integer, default=5)
    # Only the SHA-256 of the upload token is kept: the token itself is in the unit's enrollment file.
    token_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    key_b64: Mapped[str | None] = mapped_column(String(64), nullable=True)
    key_fingerprint: Mapped[str | None] = mapped_column(String(32), nullable=True)
    pending_key_b64: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pending_fingerprint: Mapped[str | None] = mapped_column(String(32), nullable=True)
    unit_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Its enrollment file carried the office's encryption key, so every package it sends must be sealed.
    requires_encryption: Mapped[bool] = mapped_column(Boolean, default=False)

    packages: Mapped[list[OfficePackage]] = relationship(back_populates="unit")
    keys: Mapped[list[OfficeUnitKey]] = relationship(back_populates="unit", order_by="OfficeUnitKey.id",
                                                     cascade="all, delete-orphan")

    @property
    def label(self) -> str:
        return f"{self.hospital_name} {self.department_name}"

    @property
    def folder_name(self) -> str:
        """The unit's folder in the inbox share (packages in, receipts out)."""
        return f"{self.hospital_code}_{self.department_code}"


class OfficeUnitKey(OfficeBase):
    """A key the office confirmed for a unit, kept after it is replaced: packages the unit signed with it
    before `retired_at` (the moment the office confirmed the next key) stay valid."""

    __tablename__ = "office_unit_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("office_units.id"), index=True)
    key_b64: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(32))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(nullable=True)

    unit: Mapped[OfficeUnit] = relationship(back_populates="keys")


class OfficePackage(OfficeBase):
    """One imported package version. `state`: current (its records count), superseded, or stale."""

    __tablename__ = "office_packages"
    __table_args__ = (UniqueConstraint("unit_id", "period", "version", name="uq_office_package_identity"),
                      Index("ix_office_packages_period", "period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("office_units.id"))
    period: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    stored_path: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column()  # when the unit signed it: the submission time
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="current")
    ack_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ack_comments: Mapped[str | None] = mapped_column(Text, nullable=True)
    ack_at: Mapped[datetime | None] = mapped_column(nullable=True)
    receipt_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[dict[str, Any]] = mapped_column(default=dict)

    unit: Mapped[OfficeUnit] = relationship(back_populates="packages")


class OfficeRecord(OfficeBase):
    """One record of a unit's month as the applied version carried it (`data` None for a tombstone)."""

    __tablename__ = "office_records"
    # The unique key serves a month's rows of one unit (import, 上报情况's month figures); the others are
    # docs/office.md's "Indexes": kind+period for a quarter's rows of a kind, kind+tag+period for one
    # indicator (指标对比) or one analysis span.
    __table_args__ = (UniqueConstraint("unit_id", "period", "kind", "record_id", name="uq_office_record"),
                      Index("ix_office_records_kind_period", "kind", "period"),
                      Index("ix_office_records_kind_tag_period", "kind", "tag", "period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("office_units.id"))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # indicator code, event or item category: what the aggregate queries filter on
    tag: Mapped[str | None] = mapped_column(String(64), nullable=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(RecordJSON(), nullable=True)


class ImportLogEntry(OfficeBase):
    """The import journal: every file looked at, with its outcome and per-kind counts (DHIS2-style)."""

    __tablename__ = "office_import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    time: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(260))
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    unit_label: Mapped[str] = mapped_column(String(300), default="")
    period: Mapped[str | None] = mapped_column(String(7), nullable=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    message: Mapped[str] = mapped_column(Text, default="")
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OfficeFactorGroup(OfficeBase):
    """The office's own grouping of contributing-factor codes for its reports (added in schema version 3).

    Wards record factors by the codes of the shipped vocabulary; an office that reports coarser groups
    ("风险评估" for two assessment codes) maps codes here. No ward record changes; a code with no row
    here is reported under its own vocabulary label.
    """

    __tablename__ = "office_factor_groups"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    group_label: Mapped[str] = mapped_column(String(100))


# --- derived tables (schema version 5) ---------------------------------------------------------------------
# What the pages aggregate, in typed columns, kept by office/derived.py from the counted months (the current,
# not returned version of each unit's month): the import refreshes a month's rows in its own transaction, and
# returning a month refreshes them too. Nothing here is a source: every row can be made again from
# office_records (derived.rebuild).


class OfficePendingMonth(OfficeBase):
    """A unit-month whose derived rows are still to be made again: a batch import (importer.import_paths) writes
    one in each package's transaction instead of refreshing the month there, and refreshes the months marked,
    set-based, every few hundred packages and before it returns (derived.refresh_pending). A mark left by an
    import that was stopped is refreshed when the store is next opened. A table of its own, made by create_all:
    no schema step."""

    __tablename__ = "office_pending_months"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))


class ItemState:
    """A rectification item's state as a counted month carried it: the columns office_item_months, office_items and
    office_quarter_overdue share (after each table's own key columns)."""

    period: Mapped[str] = mapped_column(String(7))
    month_end: Mapped[date] = mapped_column(Date)  # the period's last day: the rules judge the item on it
    category: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(40))
    problem: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(40))
    found_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    verified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible: Mapped[str] = mapped_column(String(200), default="")


class OfficeItemMonth(ItemState, OfficeBase):
    """A rectification item as one counted month carried it (live records only), with the next counted month
    that carried it again: the state "as of" a month is the row with period ≤ it < next_period."""

    __tablename__ = "office_item_months"
    __table_args__ = (UniqueConstraint("unit_id", "item_id", "period", name="uq_office_item_month"),
                      Index("ix_office_item_months_next", "next_period", "period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(36))
    next_period: Mapped[str | None] = mapped_column(String(7), nullable=True)


class OfficeItem(ItemState, OfficeBase):
    """整改跟踪's table: each rectification item in the state of the newest counted month that carried it."""

    __tablename__ = "office_items"
    __table_args__ = (Index("ix_office_items_deadline", "deadline"),
                      Index("ix_office_items_category", "category"),
                      Index("ix_office_items_found_on", "found_on"))

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class OfficeTrainingMonth(OfficeBase):
    """培训与不良事件's counts of one counted unit-month: sessions, hours, attendance, assessments, passes."""

    __tablename__ = "office_training_months"
    __table_args__ = (Index("ix_office_training_months_period", "period"),)

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer, default=0)
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    attendances: Mapped[int] = mapped_column(Integer, default=0)  # present
    assessments: Mapped[int] = mapped_column(Integer, default=0)
    passed: Mapped[int] = mapped_column(Integer, default=0)


class OfficeTrainedStaff(OfficeBase):
    """A staff member seen in training in one counted unit-month (present at a session, or assessed), and whether
    present at a medical-safety/law session that month: the coverage rates count them distinct over a quarter."""

    __tablename__ = "office_trained_staff"
    __table_args__ = (Index("ix_office_trained_staff_period", "period"),)

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    safety: Mapped[bool] = mapped_column(Boolean, default=False)


class OfficeEventCount(OfficeBase):
    """Adverse events of one counted unit-month by category and grade (培训与不良事件, the quarterly report)."""

    __tablename__ = "office_event_counts"
    __table_args__ = (Index("ix_office_event_counts_period", "period", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    category: Mapped[str | None] = mapped_column(String(64), nullable=True)
    grade: Mapped[str | None] = mapped_column(String(16), nullable=True)
    events: Mapped[int] = mapped_column(Integer)


class OfficeIndicatorMonth(OfficeBase):
    """One indicator value (an indicator_values record) of a counted unit-month, typed: what 指标对比 and the
    quarterly report pool, without reading the records' JSON (schema 6)."""

    __tablename__ = "office_indicator_months"
    # period first: a quarter's values of every indicator lie together (the import and the upgrade add them month
    # by month), one bitmap scan of some 3,600 pages for a province's quarter
    __table_args__ = (Index("ix_office_indicator_months_period_code", "period", "code"),
                      Index("ix_office_indicator_months_unit_period", "unit_id", "period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    code: Mapped[str] = mapped_column(String(64))  # the record's tag
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)  # an office-defined indicator's name


class OfficeInspectionScore(OfficeBase):
    """A scored inspection (逐项评分) of a counted unit-month, typed: its checklist's code, version and name and the
    percent it scored — what 评分对比 and the quarterly report compare across units (schema 8), without reading
    the inspections' records, a province's quarter of which lie on 12,000 pages."""

    __tablename__ = "office_inspection_scores"
    __table_args__ = (Index("ix_office_inspection_scores_period", "period", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    percent: Mapped[float] = mapped_column(Float)


class OfficeDeductedItem(OfficeBase):
    """A checklist item deducted in a counted unit-month (schema 8): how many of its inspections deducted it, the
    points, and the item's wording in the checklist version scored — what the most-deducted items add up across
    units, without reading a province's quarter of 47,000 item records."""

    __tablename__ = "office_deducted_items"
    __table_args__ = (Index("ix_office_deducted_items_period", "period", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the checklist's
    item: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    deductions: Mapped[int] = mapped_column(Integer)  # scored items (one per inspection) that deducted points
    points: Mapped[float] = mapped_column(Float)


class OfficeQuotedRecord(OfficeBase):
    """A record the quarterly report quotes whole — a unit's quarterly analysis, a PDCA project — of a counted
    unit-month, its JSON kept as text (schema 9): a province's quarter of 3,600 analyses (5 MB) turned from JSONB
    into text on every report cost the server more than the rest of its part, and was parsed twice on the way."""

    __tablename__ = "office_quoted_records"
    __table_args__ = (Index("ix_office_quoted_records_period", "period", "unit_id"),
                      Index("ix_office_quoted_records_kind_tag", "kind", "tag"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(40))
    tag: Mapped[str | None] = mapped_column(String(64), nullable=True)
    data: Mapped[str] = mapped_column(Text)  # the record's JSON, as the store holds it


class OfficeQuarterUnit(OfficeBase):
    """A unit whose quarter (named by its last month) has its indicator figures in office_indicator_quarters,
    judged under the rules' `key` (office/signals.py): a unit with a counted month in the 12 months up to the
    quarter's end and no row here is judged when the report is next gathered."""

    __tablename__ = "office_quarter_units"

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quarter_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    key: Mapped[str] = mapped_column(String(16))


class OfficeIndicatorQuarter(OfficeBase):
    """One unit's indicator at a quarter's end as analytics judge it: the status over the quarter's months and the
    unfavourable SPC signals of its 12-month chart that fall in the quarter (JSON list of texts, "[]": none), and
    the quarter's numerator and denominator."""

    __tablename__ = "office_indicator_quarters"
    __table_args__ = (Index("ix_office_indicator_quarters_end_code", "quarter_end", "code"),)

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    quarter_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)  # None: no value in the quarter itself
    signals: Mapped[str] = mapped_column(Text, default="[]")
    # the quarter's months pooled (schema 7), as the report compares units: read with the status, not summed again
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)


class OfficeQuarterFigures(OfficeBase):
    """One unit's quarter figures that take a scan of a province's months to count, kept (office/quarter_figures.py,
    schema 7): its rectification items as of the quarter's last day (all, closed, overdue) and the staff seen in
    training over the quarter (and of them, at a safety session). Counted under the rules' `key`; a month's change
    drops the unit's quarters from the month's own on (derived.forget_quarters)."""

    __tablename__ = "office_quarter_figures"

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quarter_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    key: Mapped[str] = mapped_column(String(16))
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[int] = mapped_column(Integer, default=0)
    overdue: Mapped[int] = mapped_column(Integer, default=0)
    trained: Mapped[int] = mapped_column(Integer, default=0)
    safety_trained: Mapped[int] = mapped_column(Integer, default=0)


class OfficeQuarterOverdue(ItemState, OfficeBase):
    """An item overdue in its newest state as of a kept quarter's last day, that state as office_item_months holds
    it (office/quarter_figures.py, schema 7): a province's 7,000 read together, not probed for among 800,000
    months. Kept and dropped with the unit's quarter figures."""

    __tablename__ = "office_quarter_overdue"

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quarter_end: Mapped[str] = mapped_column(String(7), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)
