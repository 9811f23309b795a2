"""SQLAlchemy models for every record the quality group keeps.

Every synced row has a UUID primary key, `created_at`/`updated_at` in UTC and a soft-delete flag,
so a deletion can travel to the quality office as a tombstone. Rates are never stored: an
indicator value keeps its numerator and denominator and computes the rate.
"""


import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from qmsdesk.clock import DEFAULT_ZONE
from qmsdesk.db.types import UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every synced record carries."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False, index=True)


class Unit(Synced, Base):
    """The installation's own unit: one hospital department (or a township hospital)."""

    __tablename__ = "units"
    hospital_code: Mapped[str] = mapped_column(String(32))
    hospital_name: Mapped[str] = mapped_column(String(200))
    department_code: Mapped[str] = mapped_column(String(32))
    department_name: Mapped[str] = mapped_column(String(200))
    department_type: Mapped[str] = mapped_column(String(32))
    deadline_day: Mapped[int] = mapped_column(Integer, default=5)
    # IANA zone the unit lives in: which day and month a stored UTC time belongs to (qmsdesk.clock).
    time_zone: Mapped[str] = mapped_column(String(64), default=DEFAULT_ZONE, server_default=DEFAULT_ZONE)


class Staff(Synced, Base):
    """人员: anyone who can attend, train, be authorised or be responsible for an item."""

    __tablename__ = "staff"
    name: Mapped[str] = mapped_column(String(100))
    employee_no: Mapped[str] = mapped_column(String(32), index=True)
    profession: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(64))
    nursing_level: Mapped[str | None] = mapped_column(String(4))
    hire_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_on: Mapped[date | None] = mapped_column(Date)
    pinyin_initials: Mapped[str | None] = mapped_column(String(32))
    # Kept at the ward only: sync/records.py sends the office STAFF_FIELDS, which leave these out.
    gender: Mapped[str | None] = mapped_column(String(8))
    license_no: Mapped[str | None] = mapped_column(String(32))  # 执业证书号


class GroupMembership(Synced, Base):
    """质控小组成员 with a role and the dates it held it."""

    __tablename__ = "group_memberships"
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    duty_title: Mapped[str | None] = mapped_column(String(32))  # 职务: 科主任, 护士长, 医疗质控员 …
    duties: Mapped[str | None] = mapped_column(Text)  # 职责/分工, as the group wrote it

    staff: Mapped[Staff] = relationship(lazy="joined")


class Meeting(Synced, Base):
    """质控小组例会 and the other meeting kinds."""

    __tablename__ = "meetings"
    kind: Mapped[str] = mapped_column(String(32))
    date: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    recorder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    agenda: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)

    host: Mapped[Staff | None] = relationship(foreign_keys=[host_id])
    recorder: Mapped[Staff | None] = relationship(foreign_keys=[recorder_id])
    attendance: Mapped[list["MeetingAttendance"]] = relationship(back_populates="meeting")
    problems: Mapped[list["MeetingProblem"]] = relationship(back_populates="meeting")


class MeetingAttendance(Synced, Base):
    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "staff_id"),)
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(16))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    staff: Mapped[Staff] = relationship()


class MeetingProblem(Synced, Base):
    """A problem raised in a meeting; it can become a rectification item."""

    __tablename__ = "meeting_problems"
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="problems")


class TrainingSession(Synced, Base):
    """培训: one session with its attendance."""

    __tablename__ = "training_sessions"
    topic: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    hours: Mapped[float] = mapped_column(Float)
    trainer: Mapped[str | None] = mapped_column(String(100))
    date: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(200))

    attendance: Mapped[list["TrainingAttendance"]] = relationship(back_populates="session")


class TrainingAttendance(Synced, Base):
    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("session_id", "staff_id"),)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))

    session: Mapped[TrainingSession] = relationship(back_populates="attendance")
    staff: Mapped[Staff] = relationship()


class Assessment(Synced, Base):
    """考核: a theory exam or practical assessment with a score out of 100."""

    __tablename__ = "assessments"
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date, index=True)
    score: Mapped[float] = mapped_column(Float)
    pass_mark: Mapped[float] = mapped_column(Float, default=80.0)
    retake_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id"))
    session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("training_sessions.id"))

    staff: Mapped[Staff] = relationship()

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


class Authorisation(Synced, Base):
    """授权: permission to perform a technology, procedure or grade of work."""

    __tablename__ = "authorisations"
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    item: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(32))
    granted_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    basis: Mapped[str | None] = mapped_column(Text)

    staff: Mapped[Staff] = relationship()


class IndicatorDefinition(Synced, Base):
    """质量指标 definition: from the national catalogue or added by the office."""

    __tablename__ = "indicator_definitions"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    numerator_def: Mapped[str] = mapped_column(Text)
    denominator_def: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    multiplier: Mapped[float] = mapped_column(Float, default=1.0)
    unit: Mapped[str] = mapped_column(String(32), default="")
    direction: Mapped[str] = mapped_column(String(8))
    target: Mapped[float | None] = mapped_column(Float)
    warning: Mapped[float | None] = mapped_column(Float)
    department_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(200))
    source_year: Mapped[int | None] = mapped_column(Integer)
    applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)


class IndicatorValue(Synced, Base):
    """One month's numerator and denominator of an indicator."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)
    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator_definitions.id"), index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    numerator: Mapped[float] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[IndicatorDefinition] = relationship(lazy="joined")

    @property
    def value(self) -> float | None:
        """The rate in the indicator's display unit; None when there was no exposure."""
        ind = self.indicator
        if ind.kind == "count":
            return self.numerator
        if not self.denominator:
            return None
        return self.numerator / self.denominator * (ind.multiplier or 1.0)


class ChecklistTemplate(Synced, Base):
    """检查评分表: one version of a scored checklist (shipped in resources/checklists/ or revised locally).

    A version never changes once an inspection used it: revising a template makes a new version, so a
    filled inspection keeps the items and points it was scored against.
    """

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("code", "version"),)
    code: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64))
    department_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin: Mapped[str] = mapped_column(String(16), default="shipped")
    based_on_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checklist_templates.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    items: Mapped[list["ChecklistItem"]] = relationship(back_populates="template", order_by="ChecklistItem.position")

    @property
    def total(self) -> float:
        return sum(i.standard for i in self.items if not i.deleted)


class ChecklistItem(Synced, Base):
    """One line of a checklist: what is checked, how (查看/提问/抽查 n 份), its 标准分 and deduction rule."""

    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("template_id", "code"),)
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_templates.id"), index=True)
    section: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    standard: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16))
    sample_size: Mapped[int | None] = mapped_column(Integer)
    deduct_per: Mapped[float | None] = mapped_column(Float)
    cap: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(Text)

    template: Mapped[ChecklistTemplate] = relationship(back_populates="items")


class Inspection(Synced, Base):
    """检查督查: self-inspection, functional inspection, cross-check or flying inspection.

    With a checklist template the score is computed from its items (services.scoring), never typed.
    `typed_score` is what was typed before scored checklists existed: kept, read-only, for old records.
    """

    __tablename__ = "inspections"
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[date] = mapped_column(Date, index=True)
    inspector: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str | None] = mapped_column(String(200))
    typed_score: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str | None] = mapped_column(Text)
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checklist_templates.id"), index=True)

    findings: Mapped[list["InspectionFinding"]] = relationship(back_populates="inspection")
    template: Mapped[ChecklistTemplate | None] = relationship()
    items: Mapped[list["InspectionItem"]] = relationship(back_populates="inspection")


class InspectionItem(Synced, Base):
    """One checklist item as filled in one inspection: 扣分 with its reason, the sample and its failures."""

    __tablename__ = "inspection_items"
    __table_args__ = (UniqueConstraint("inspection_id", "template_item_id"),)
    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    template_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_items.id"), index=True)
    deduction: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str | None] = mapped_column(Text)
    sample_size: Mapped[int | None] = mapped_column(Integer)
    failures: Mapped[int | None] = mapped_column(Integer)
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    attachment: Mapped[str | None] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="items")
    template_item: Mapped[ChecklistItem] = relationship(lazy="joined")


class InspectionFinding(Synced, Base):
    __tablename__ = "inspection_findings"
    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id"), index=True)
    category: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="findings")


class AdverseEvent(Synced, Base):
    """不良事件, reported without blame; the patient is identified by record number only."""

    __tablename__ = "adverse_events"
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    category: Mapped[str] = mapped_column(String(32))
    grade: Mapped[str] = mapped_column(String(4))
    description: Mapped[str] = mapped_column(Text)
    immediate_action: Mapped[str | None] = mapped_column(Text)
    analysis: Mapped[str | None] = mapped_column(Text)
    medical_record_no: Mapped[str | None] = mapped_column(String(32))
    reporter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    harm_level: Mapped[str | None] = mapped_column(String(16))

    reporter: Mapped[Staff | None] = relationship()

    @property
    def anonymous(self) -> bool:
        return self.reporter_id is None


class EventAnalysis(Synced, Base):
    """根因分析 (RCA) of one adverse event: the 5-why chain, the root cause, lessons learned.

    Contributing factors are EventFactor rows (fishbone categories, controlled codes); the improvement
    items it produced are ledger items linked to the event.
    """

    __tablename__ = "event_analyses"
    __table_args__ = (UniqueConstraint("event_id"),)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("adverse_events.id"), index=True)
    analysed_on: Mapped[date] = mapped_column(Date)
    team: Mapped[str | None] = mapped_column(Text)
    whys: Mapped[list[str]] = mapped_column(JSON, default=list)
    root_cause: Mapped[str | None] = mapped_column(Text)
    lessons: Mapped[str | None] = mapped_column(Text)

    event: Mapped[AdverseEvent] = relationship()
    factors: Mapped[list["EventFactor"]] = relationship(back_populates="analysis", order_by="EventFactor.created_at")


class EventFactor(Synced, Base):
    """A contributing factor of an event: a term of the controlled vocabulary (resources/analysis/factors.toml)."""

    __tablename__ = "event_factors"
    __table_args__ = (UniqueConstraint("analysis_id", "code"),)
    analysis_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event_analyses.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    primary: Mapped[bool] = mapped_column(Boolean, default=False)

    analysis: Mapped[EventAnalysis] = relationship(back_populates="factors")


class RectificationItem(Synced, Base):
    """整改台账 item: a problem walked through PDCA until verified and closed (销号)."""

    __tablename__ = "rectification_items"
    # the month's ledger figures (status, the dashboard) count and list from the second index alone
    __table_args__ = (Index("ix_rectification_items_status_deadline", "status", "deadline"),
                      Index("ix_rectification_items_ledger", "deleted", "deadline", "found_on", "status", "closed_on",
                            "verified_on"))
    source_kind: Mapped[str] = mapped_column(String(16))
    meeting_problem_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting_problems.id"))
    finding_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspection_findings.id"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("adverse_events.id"))
    indicator_value_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("indicator_values.id"))
    inspection_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspection_items.id"))
    countermeasure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pdca_countermeasures.id"))
    category: Mapped[str] = mapped_column(String(64))
    problem: Mapped[str] = mapped_column(Text)
    found_on: Mapped[date] = mapped_column(Date, index=True)
    root_cause: Mapped[str | None] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), default="open")
    verifier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    verified_on: Mapped[date | None] = mapped_column(Date)
    effect_evaluation: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)

    responsible: Mapped[Staff | None] = relationship(foreign_keys=[responsible_id])
    verifier: Mapped[Staff | None] = relationship(foreign_keys=[verifier_id])
    progress: Mapped[list["ProgressNote"]] = relationship(
        back_populates="item", order_by="ProgressNote.date"
    )


class ProgressNote(Synced, Base):
    """整改进展: a dated note on what was done for an item."""

    __tablename__ = "progress_notes"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rectification_items.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(100))

    item: Mapped[RectificationItem] = relationship(back_populates="progress")


class PdcaProject(Synced, Base):
    """持续改进项目 (PDCA): a theme, the indicators it moves, its causes and countermeasures, walked P→D→C→A.

    The before/after comparison is computed from the indicator values (analytics.pdca), never typed:
    the project keeps only the periods — the baseline months and the month the change took effect.
    """

    __tablename__ = "pdca_projects"
    title: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(16), default="plan")
    started_on: Mapped[date] = mapped_column(Date, index=True)
    leader_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    team: Mapped[str | None] = mapped_column(Text)
    baseline_start: Mapped[str | None] = mapped_column(String(7))
    baseline_end: Mapped[str | None] = mapped_column(String(7))
    change_period: Mapped[str | None] = mapped_column(String(7))
    current_state: Mapped[str | None] = mapped_column(Text)
    analysis_source: Mapped[dict] = mapped_column(JSON, default=dict)
    check_summary: Mapped[str | None] = mapped_column(Text)
    standardization: Mapped[str | None] = mapped_column(Text)
    next_cycle: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pdca_projects.id"))

    leader: Mapped[Staff | None] = relationship()
    indicators: Mapped[list["PdcaIndicator"]] = relationship(back_populates="project",
                                                            order_by="PdcaIndicator.created_at")
    causes: Mapped[list["PdcaCause"]] = relationship(back_populates="project", order_by="PdcaCause.created_at")
    countermeasures: Mapped[list["PdcaCountermeasure"]] = relationship(back_populates="project",
                                                                      order_by="PdcaCountermeasure.created_at")
    log: Mapped[list["PdcaLogEntry"]] = relationship(back_populates="project", order_by="PdcaLogEntry.date")


class PdcaIndicator(Synced, Base):
    """An indicator the project means to move, with the project's target for it."""

    __tablename__ = "pdca_indicators"
    __table_args__ = (UniqueConstraint("project_id", "indicator_id"),)
    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pdca_projects.id"), index=True)
    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator_definitions.id"))
    target: Mapped[float] = mapped_column(Float)

    project: Mapped[PdcaProject] = relationship(back_populates="indicators")
    indicator: Mapped[IndicatorDefinition] = relationship(lazy="joined")


class PdcaCause(Synced, Base):
    """A cause on the project's fishbone; a 要因 (key cause) once its verification shows it matters."""

    __tablename__ = "pdca_causes"
    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pdca_projects.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    key_cause: Mapped[bool] = mapped_column(Boolean, default=False)
    verification: Mapped[str | None] = mapped_column(Text)

    project: Mapped[PdcaProject] = relationship(back_populates="causes")


class PdcaCountermeasure(Synced, Base):
    """对策 in 5W1H: what, why, where and how here; who (owner) and when (deadline) on its ledger item."""

    __tablename__ = "pdca_countermeasures"
    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pdca_projects.id"), index=True)
    cause_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pdca_causes.id"))
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    where: Mapped[str] = mapped_column(String(200))
    how: Mapped[str] = mapped_column(Text)

    project: Mapped[PdcaProject] = relationship(back_populates="countermeasures")
    cause: Mapped[PdcaCause | None] = relationship()


class PdcaLogEntry(Synced, Base):
    """实施记录: a dated note of what was done in the project."""

    __tablename__ = "pdca_log"
    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pdca_projects.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(100))

    project: Mapped[PdcaProject] = relationship(back_populates="log")


class Submission(Synced, Base):
    """月度上报: one version of one month sent to the quality office."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("period", "version"),)
    period: Mapped[str] = mapped_column(String(7), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    file_hash: Mapped[str | None] = mapped_column(String(64))
    package_path: Mapped[str | None] = mapped_column(Text)
    amend_reason: Mapped[str | None] = mapped_column(Text)
    comments: Mapped[str | None] = mapped_column(Text)


# --- the group's year: annual plan and quarterly/annual analysis ---------------------------------

class AnnualPlan(Synced, Base):
    """年度质控计划: one per year; its goals, themes and plans hang from it."""

    __tablename__ = "annual_plans"
    year: Mapped[int] = mapped_column(Integer, unique=True)
    objectives: Mapped[str | None] = mapped_column(Text)  # 年度质控目标与工作重点, in the group's words


class PlanIndicatorGoal(Synced, Base):
    """The year's goal for one indicator where the group departs from the catalogue target."""

    __tablename__ = "plan_indicator_goals"
    __table_args__ = (UniqueConstraint("plan_id", "indicator_id"),)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("annual_plans.id"), index=True)
    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator_definitions.id"))
    goal: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[IndicatorDefinition] = relationship(lazy="joined")


class PlanFocus(Synced, Base):
    """每月质控重点: a theme the group means to work on in one month."""

    __tablename__ = "plan_focus_themes"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("annual_plans.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(200))
    details: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)  # 落实情况, when the group writes down how it was carried out


class PlanTraining(Synced, Base):
    """培训计划: a training planned for a month."""

    __tablename__ = "plan_trainings"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("annual_plans.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    hours: Mapped[float] = mapped_column(Float)
    audience: Mapped[str | None] = mapped_column(String(100))  # 培训对象: 全体医护, 护士, N0–N1 护士 …
    trainer: Mapped[str | None] = mapped_column(String(100))


class PlanInspection(Synced, Base):
    """检查计划: what the group inspects, with which checklist, how often and who does it."""

    __tablename__ = "plan_inspections"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("annual_plans.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    template_code: Mapped[str | None] = mapped_column(String(64))  # a checklist template (resources/checklists)
    kind: Mapped[str] = mapped_column(String(16), default="self")
    frequency: Mapped[str] = mapped_column(String(16))
    responsible: Mapped[str | None] = mapped_column(String(100))


class PlanPdcaTheme(Synced, Base):
    """A PDCA improvement theme the group plans to run this year (持续改进项目选题)."""

    __tablename__ = "plan_pdca_themes"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("annual_plans.id"), index=True)
    theme: Mapped[str] = mapped_column(String(200))
    start_month: Mapped[int] = mapped_column(Integer)
    indicator_code: Mapped[str | None] = mapped_column(String(32))
    leader: Mapped[str | None] = mapped_column(String(100))


class QualityAnalysis(Synced, Base):
    """季度质量分析 or 年度质控总结: figures drafted from the data, completed and approved by the group.

    `figures` is the snapshot the draft was made from, so an approved analysis keeps the numbers it
    was approved on even if a record of an open month changes later.
    """

    __tablename__ = "quality_analyses"
    span: Mapped[str] = mapped_column(String(8), unique=True)  # "2026Q3" or "2026"
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    figures: Mapped[dict] = mapped_column(JSON, default=dict)
    drafted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[str | None] = mapped_column(Text)  # 总体评价
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    approved_on: Mapped[date | None] = mapped_column(Date)
    reopen_reason: Mapped[str | None] = mapped_column(Text)

    approved_by: Mapped[Staff | None] = relationship()
    problems: Mapped[list["AnalysisProblem"]] = relationship(
        back_populates="analysis", order_by="AnalysisProblem.position")


class AnalysisProblem(Synced, Base):
    """One problem of an analysis, with the group's 原因分析 and 改进措施.

    `key` names the finding a generated problem came from ("indicator:NUR-FALL"), so redrafting keeps
    what the group wrote; problems the group added by hand have no key.
    """

    __tablename__ = "analysis_problems"
    analysis_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("quality_analyses.id"), index=True)
    key: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(16))
    problem: Mapped[str] = mapped_column(Text)
    cause: Mapped[str | None] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)

    analysis: Mapped[QualityAnalysis] = relationship(back_populates="problems")


class AuditEntry(Base):
    """审计日志: who changed which record when, field by field. Rows are only ever added."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)


SYNCED_MODELS: tuple[type[Base], ...] = (
    Unit, Staff, GroupMembership, Meeting, MeetingAttendance, MeetingProblem, TrainingSession,
    TrainingAttendance, Assessment, Authorisation, IndicatorDefinition, IndicatorValue, ChecklistTemplate,
    ChecklistItem, Inspection, InspectionFinding, InspectionItem, AdverseEvent, EventAnalysis, EventFactor,
    PdcaProject, PdcaIndicator, PdcaCause, PdcaCountermeasure, PdcaLogEntry, RectificationItem, ProgressNote,
    Submission, AnnualPlan, PlanIndicatorGoal, PlanFocus, PlanTraining, PlanInspection, PlanPdcaTheme,
    QualityAnalysis, AnalysisProblem,
)
