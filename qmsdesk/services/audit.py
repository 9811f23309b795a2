"""审计日志, read-only: who changed which record when, each field old → new, in words a user reads.

The rows are written by the session hook (qmsdesk/db/events.py). This module only reads them; on
purpose it offers no way to edit or delete one, and the hook refuses a flush that tries.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk import clock
from qmsdesk.db import enums
from qmsdesk.db import models as m
from qmsdesk.i18n import msg

TEXT_WIDTH = 60

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "units": ("本单位", "Unit"), "staff": ("人员", "Staff"), "group_memberships": ("质控小组成员", "Group membership"),
    "meetings": ("会议", "Meeting"), "meeting_attendance": ("会议出勤", "Meeting attendance"),
    "meeting_problems": ("会议问题", "Meeting problem"), "training_sessions": ("培训", "Training session"),
    "training_attendance": ("培训出勤", "Training attendance"), "assessments": ("考核", "Assessment"),
    "authorisations": ("授权", "Authorisation"), "indicator_definitions": ("质量指标", "Indicator"),
    "indicator_values": ("指标月度数据", "Indicator value"), "inspections": ("检查督查", "Inspection"),
    "inspection_findings": ("检查发现问题", "Inspection finding"), "adverse_events": ("不良事件", "Adverse event"),
    "rectification_items": ("整改台账", "Rectification item"), "progress_notes": ("整改进展", "Progress note"),
    "submissions": ("月度上报", "Submission"), "checklist_templates": ("检查评分表", "Checklist"),
    "checklist_items": ("检查评分表项目", "Checklist line"), "inspection_items": ("检查评分项", "Scored item"),
    "event_analyses": ("根因分析", "Root-cause analysis"), "event_factors": ("原因因素", "Contributing factor"),
    "pdca_projects": ("持续改进项目", "Improvement project"), "pdca_indicators": ("改进指标", "Project indicator"),
    "pdca_causes": ("原因（要因）", "Project cause"), "pdca_countermeasures": ("对策", "Countermeasure"),
    "pdca_log": ("实施记录", "Project log"),
}

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "create": ("新建", "created"), "update": ("修改", "changed"), "delete": ("删除", "deleted"),
    "restore": ("恢复", "restored"), "purge": ("彻底删除", "purged"),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "hospital_code": ("医院代码", "hospital code"), "hospital_name": ("医院名称", "hospital name"),
    "department_code": ("科室代码", "department code"), "department_name": ("科室名称", "department name"),
    "department_type": ("科室类型", "department type"), "deadline_day": ("上报截止日", "reporting deadline day"),
    "time_zone": ("时区", "time zone"),
    "name": ("姓名", "name"), "employee_no": ("工号", "employee number"), "profession": ("专业类别", "profession"),
    "title": ("职称", "title"), "nursing_level": ("护士层级", "nursing level"), "hire_date": ("入职日期", "hire date"),
    "active": ("在岗", "active"), "left_on": ("离职日期", "left on"), "pinyin_initials": ("拼音首字母", "pinyin initials"),
    "gender": ("性别", "gender"), "license_no": ("执业证书号", "licence number"),
    "staff_id": ("人员", "person"), "role": ("小组角色", "group role"), "start_date": ("起始日期", "start date"),
    "end_date": ("结束日期", "end date"), "kind": ("类型", "kind"), "date": ("日期", "date"), "place": ("地点", "place"),
    "host_id": ("主持人", "host"), "recorder_id": ("记录人", "recorder"), "agenda": ("议程", "agenda"),
    "minutes": ("会议记录", "minutes"), "decisions": ("决议", "decisions"), "follow_up": ("上次问题跟进", "follow-up"),
    "meeting_id": ("会议", "meeting"), "status": ("状态", "status"), "category": ("类别", "category"),
    "description": ("描述", "description"), "topic": ("主题", "topic"), "hours": ("学时", "hours"),
    "trainer": ("授课人", "trainer"), "session_id": ("培训", "training session"), "subject": ("考核内容", "subject"),
    "score": ("成绩", "score"), "pass_mark": ("合格线", "pass mark"), "retake_of_id": ("补考对应考核", "retake of"),
    "item": ("授权项目", "authorised item"), "level": ("级别", "level"), "granted_on": ("授权日期", "granted on"),
    "expires_on": ("有效期至", "expires on"), "basis": ("授权依据", "basis"), "code": ("指标代码", "code"),
    "name_zh": ("中文名称", "Chinese name"), "name_en": ("英文名称", "English name"),
    "numerator_def": ("分子定义", "numerator definition"), "denominator_def": ("分母定义", "denominator definition"),
    "multiplier": ("倍数", "multiplier"), "unit": ("单位", "unit"), "direction": ("方向", "direction"),
    "target": ("目标值", "target"), "warning": ("预警值", "warning threshold"),
    "department_types": ("适用科室类型", "department types"), "source": ("来源", "source"),
    "source_year": ("来源年份", "source year"), "applicable": ("本科室适用", "applicable"), "custom": ("自定义", "custom"),
    "indicator_id": ("指标", "indicator"), "period": ("月份", "month"), "numerator": ("分子", "numerator"),
    "denominator": ("分母", "denominator"), "note": ("备注", "note"), "inspector": ("检查人/部门", "inspector"),
    "summary": ("小结", "summary"), "inspection_id": ("检查", "inspection"), "occurred_at": ("发生时间", "occurred at"),
    "reported_at": ("上报时间", "reported at"), "grade": ("事件分级", "grade"),
    "immediate_action": ("即时处置", "immediate action"), "analysis": ("原因分析", "analysis"),
    "medical_record_no": ("病案号", "medical record number"), "reporter_id": ("报告人", "reporter"),
    "source_kind": ("来源", "source"), "meeting_problem_id": ("会议问题", "meeting problem"),
    "finding_id": ("检查发现", "inspection finding"), "event_id": ("不良事件", "adverse event"),
    "indicator_value_id": ("指标月度数据", "indicator value"), "problem": ("问题", "problem"),
    "found_on": ("发现日期", "found on"), "root_cause": ("根本原因", "root cause"), "measures": ("整改措施", "measures"),
    "responsible_id": ("责任人", "responsible person"), "deadline": ("整改期限", "deadline"),
    "verifier_id": ("验证人", "verifier"), "verified_on": ("验证日期", "verified on"),
    "effect_evaluation": ("效果评价", "effect evaluation"), "closed_on": ("销号日期", "closed on"),
    "item_id": ("整改项", "item"), "author": ("记录人", "author"), "version": ("版本", "version"),
    "submitted_at": ("上报时间", "submitted at"), "file_hash": ("文件校验值", "file hash"),
    "package_path": ("上报包位置", "package path"), "amend_reason": ("更正原因", "amendment reason"),
    "comments": ("意见", "comments"), "deleted": ("已删除", "deleted"),
    "typed_score": ("手填得分（旧记录）", "typed score (old record)"), "template_id": ("检查评分表", "checklist"),
    "template_item_id": ("评分项目", "checklist line"), "deduction": ("扣分", "deduction"),
    "reason": ("原因", "reason"), "sample_size": ("抽查数", "sample size"), "failures": ("不合格数", "failures"),
    "not_applicable": ("不适用", "not applicable"), "attachment": ("附件", "attachment"),
    "inspection_item_id": ("检查评分项", "scored item"), "countermeasure_id": ("对策", "countermeasure"),
    "harm_level": ("伤害程度", "harm level"), "analysed_on": ("分析日期", "analysed on"), "team": ("小组成员", "team"),
    "whys": ("5个为什么", "the whys"), "lessons": ("经验教训", "lessons"), "primary": ("主要原因", "primary"),
    "analysis_id": ("根因分析", "analysis"), "stage": ("阶段", "stage"), "started_on": ("立项日期", "started on"),
    "leader_id": ("项目负责人", "project leader"), "baseline_start": ("基线开始月份", "baseline from"),
    "baseline_end": ("基线结束月份", "baseline to"), "change_period": ("改进生效月份", "change month"),
    "current_state": ("现状调查", "current state"), "check_summary": ("效果确认", "check conclusion"),
    "standardization": ("标准化", "standardisation"), "next_cycle": ("下一轮改进", "next cycle"),
    "key_cause": ("要因", "key cause"), "verification": ("要因验证", "verification"), "what": ("对策", "what"),
    "why": ("理由", "why"), "where": ("地点", "where"), "how": ("方法", "how"), "project_id": ("改进项目", "project"),
}

# Columns holding a code of a closed vocabulary, shown by its label. (None, col) applies to every table.
_ENUM_COLUMNS: dict[tuple[str | None, str], type[enums.LabelledEnum]] = {
    ("units", "department_type"): enums.DepartmentType, (None, "profession"): enums.Profession,
    (None, "role"): enums.GroupRole, ("meetings", "kind"): enums.MeetingKind,
    ("meeting_attendance", "status"): enums.Attendance, ("training_attendance", "status"): enums.Attendance,
    ("training_sessions", "category"): enums.TrainingCategory, ("assessments", "kind"): enums.AssessmentKind,
    ("authorisations", "status"): enums.AuthorisationStatus, ("indicator_definitions", "kind"): enums.IndicatorKind,
    (None, "direction"): enums.Direction, ("inspections", "kind"): enums.InspectionKind,
    ("adverse_events", "category"): enums.EventCategory, (None, "grade"): enums.EventGrade,
    (None, "source_kind"): enums.SourceKind, ("rectification_items", "status"): enums.ItemStatus,
    ("submissions", "status"): enums.SubmissionStatus, ("adverse_events", "harm_level"): enums.HarmLevel,
    ("pdca_projects", "stage"): enums.PdcaStage, (None, "method"): enums.CheckMethod,
    ("event_factors", "category"): enums.FishboneCategory, ("pdca_causes", "category"): enums.FishboneCategory,
}
_STAFF_COLUMNS = frozenset({"staff_id", "host_id", "recorder_id", "reporter_id", "responsible_id", "verifier_id",
                            "leader_id"})


def field_label(column: str) -> str:
    zh, en = FIELD_LABELS.get(column, (column, column))
    return msg(zh, en)


def table_label(table: str) -> str:
    zh, en = TABLE_LABELS.get(table, (table, table))
    return msg(zh, en)


def action_label(action: str) -> str:
    zh, en = ACTION_LABELS.get(action, (action, action))
    return msg(zh, en)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any  # as stored (codes, ids, ISO dates)
    new: Any
    old_text: str  # as a user reads it (labels, names, local times)
    new_text: str


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry, ready to show."""

    id: int
    at: datetime
    actor: str
    action: str
    action_label: str
    table_name: str
    table_label: str
    record_id: str
    changes: tuple[FieldChange, ...]

    def lines(self) -> list[str]:
        """The entry as text: a heading line, then one line per field."""
        when = clock.local_text(self.at, "%Y-%m-%d %H:%M:%S")
        out = [f"{when}  {self.actor}  {self.action_label}  {self.table_label}  {self.record_id}"]
        sep = msg("：", ": ")
        for ch in self.changes:
            if self.action == "create":
                out.append(f"    {ch.label}{sep}{ch.new_text}")
            else:
                out.append(f"    {ch.label}{sep}{ch.old_text} → {ch.new_text}")
        return out


class _Reader:
    """Turns stored values into readable text; staff names are looked up once."""

    def __init__(self, session: Session) -> None:
        from qmsdesk.reports.masking import patient_masker

        self.session = session
        self.names: dict[str, str] = {}
        # The audit view is printed, pasted into e-mails and screen-shared with support: a record number
        # typed into any field is masked, as in every export.
        self.masker = patient_masker(session)

    def text(self, table: str, column: str, value: Any) -> str:
        if value is None or value == "":
            return msg("（空）", "(empty)")
        if isinstance(value, bool):
            return msg("是", "yes") if value else msg("否", "no")
        if isinstance(value, list):
            return "、".join(self.text(table, column, v) for v in value) or msg("（空）", "(empty)")
        vocabulary = _ENUM_COLUMNS.get((table, column)) or _ENUM_COLUMNS.get((None, column))
        if vocabulary is not None and str(value) in vocabulary.label_pairs():
            return vocabulary(str(value)).label
        if column in _STAFF_COLUMNS:
            return self.staff_name(str(value))
        if column == "medical_record_no":
            # The audit view is printed, pasted into e-mails and screen-shared with support: the tail
            # still shows which number changed, as in every export (reports.masking).
            from qmsdesk.reports.masking import mask_record_no

            return mask_record_no(str(value))
        if isinstance(value, str) and column.endswith("_at"):
            try:
                return clock.local_text(datetime.fromisoformat(value))
            except ValueError:
                return value
        from qmsdesk.logs import mask_patient_data

        shown = mask_patient_data(self.masker.text(str(value).replace("\n", " ")))
        return shown if len(shown) <= TEXT_WIDTH else shown[:TEXT_WIDTH] + "…"

    def staff_name(self, staff_id: str) -> str:
        if staff_id not in self.names:
            try:
                person = self.session.get(m.Staff, uuid.UUID(staff_id))
            except ValueError:
                person = None
            self.names[staff_id] = self.masker.text(person.name) if person is not None else staff_id
        return self.names[staff_id]

    def record(self, entry: m.AuditEntry) -> AuditRecord:
        changes = []
        for column, pair in (entry.changes or {}).items():
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            changes.append(FieldChange(column, field_label(column), old, new,
                                       self.text(entry.table_name, column, old),
                                       self.text(entry.table_name, column, new)))
        return AuditRecord(entry.id, entry.at, entry.actor, entry.action, action_label(entry.action),
                           entry.table_name, table_label(entry.table_name), entry.record_id, tuple(changes))


def _since(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return clock.as_local(value)
    return clock.at_local(value)


def entries(session: Session, since: date | datetime | None = None, record_id: uuid.UUID | str | None = None,
            limit: int | None = None, *, table: str | None = None) -> list[AuditRecord]:
    """Audit entries newest first; `since` a day (local midnight) or moment; `limit` the newest N."""
    stmt = select(m.AuditEntry)
    if since is not None:
        stmt = stmt.where(m.AuditEntry.at >= _since(since))
    if record_id is not None:
        stmt = stmt.where(m.AuditEntry.record_id == str(record_id))
    if table is not None:
        stmt = stmt.where(m.AuditEntry.table_name == table)
    stmt = stmt.order_by(m.AuditEntry.at.desc(), m.AuditEntry.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    reader = _Reader(session)
    return [reader.record(e) for e in session.scalars(stmt)]


def history(session: Session, record_id: uuid.UUID | str) -> list[AuditRecord]:
    """One record's life, oldest first: created, each change, deleted or restored."""
    return list(reversed(entries(session, record_id=record_id)))
