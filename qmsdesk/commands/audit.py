"""`qmsdesk audit`: print who changed which record when, field by field, in the user's language.

SQLAlchemy and the models are imported inside the functions: every `qmsdesk` start builds the
argument parser, and the window must not wait for them.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from qmsdesk.db import enums
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import language, msg

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.db import models as m

DEFAULT_LIMIT = 100
TEXT_WIDTH = 60

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "units": ("本单位", "Unit"),
    "staff": ("人员", "Staff"),
    "group_memberships": ("质控小组成员", "Group membership"),
    "meetings": ("会议", "Meeting"),
    "meeting_attendance": ("会议出勤", "Meeting attendance"),
    "meeting_problems": ("会议问题", "Meeting problem"),
    "training_sessions": ("培训", "Training session"),
    "training_attendance": ("培训出勤", "Training attendance"),
    "assessments": ("考核", "Assessment"),
    "authorisations": ("授权", "Authorisation"),
    "indicator_definitions": ("质量指标", "Indicator"),
    "indicator_values": ("指标月度数据", "Indicator value"),
    "inspections": ("检查督查", "Inspection"),
    "inspection_findings": ("检查发现问题", "Inspection finding"),
    "adverse_events": ("不良事件", "Adverse event"),
    "rectification_items": ("整改台账", "Rectification item"),
    "progress_notes": ("整改进展", "Progress note"),
    "submissions": ("月度上报", "Submission"),
    "audit_log": ("审计日志", "Audit log"),
}

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "create": ("新建", "created"),
    "update": ("修改", "changed"),
    "delete": ("删除", "deleted"),
    "restore": ("恢复", "restored"),
    "purge": ("彻底删除", "purged"),
}

FIELD_LABELS: dict[str, str] = {
    "hospital_code": "医院代码", "hospital_name": "医院名称", "department_code": "科室代码",
    "department_name": "科室名称", "department_type": "科室类型", "deadline_day": "上报截止日",
    "name": "姓名", "employee_no": "工号", "profession": "专业", "title": "职称", "nursing_level": "护理层级",
    "hire_date": "入职日期", "active": "在职", "left_on": "离职日期", "pinyin_initials": "拼音首字母",
    "staff_id": "人员", "role": "角色", "start_date": "开始日期", "end_date": "结束日期", "kind": "类型",
    "date": "日期", "place": "地点", "host_id": "主持人", "recorder_id": "记录人", "agenda": "议程",
    "minutes": "会议记录", "decisions": "决议", "follow_up": "跟进事项", "meeting_id": "会议", "status": "状态",
    "category": "类别", "description": "描述", "topic": "主题", "hours": "学时", "trainer": "授课人",
    "session_id": "培训", "subject": "科目", "score": "成绩", "pass_mark": "及格分", "retake_of_id": "补考对应考核",
    "item": "授权项目", "level": "级别", "granted_on": "授权日期", "expires_on": "到期日期", "basis": "授权依据",
    "code": "代码", "name_zh": "中文名称", "name_en": "英文名称", "numerator_def": "分子定义",
    "denominator_def": "分母定义", "multiplier": "倍数", "unit": "单位", "direction": "方向", "target": "目标值",
    "warning": "预警值", "department_types": "适用科室类型", "source": "来源", "source_year": "来源年份",
    "applicable": "本科室适用", "custom": "自定义", "indicator_id": "指标", "period": "月份", "numerator": "分子",
    "denominator": "分母", "note": "备注", "inspector": "检查人", "summary": "小结", "inspection_id": "检查",
    "occurred_at": "发生时间", "reported_at": "上报时间", "grade": "分级", "immediate_action": "即时处置",
    "analysis": "原因分析", "medical_record_no": "病案号", "reporter_id": "报告人", "source_kind": "来源",
    "meeting_problem_id": "会议问题", "finding_id": "检查发现", "event_id": "不良事件",
    "indicator_value_id": "指标月度数据", "problem": "问题", "found_on": "发现日期", "root_cause": "根本原因",
    "measures": "整改措施", "responsible_id": "责任人", "deadline": "整改期限", "verifier_id": "验证人",
    "verified_on": "验证日期", "effect_evaluation": "效果评价", "closed_on": "销号日期", "item_id": "整改项",
    "author": "记录人", "version": "版本", "submitted_at": "上报时间", "file_hash": "文件校验值",
    "package_path": "上报包位置", "amend_reason": "更正原因", "comments": "意见", "deleted": "已删除",
}

# Columns holding a code of a closed vocabulary, shown by its label.
_ENUM_COLUMNS: dict[tuple[str | None, str], type[enums.LabelledEnum]] = {
    ("units", "department_type"): enums.DepartmentType,
    (None, "profession"): enums.Profession,
    (None, "role"): enums.GroupRole,
    ("meetings", "kind"): enums.MeetingKind,
    ("meeting_attendance", "status"): enums.Attendance,
    ("training_attendance", "status"): enums.Attendance,
    ("training_sessions", "category"): enums.TrainingCategory,
    ("assessments", "kind"): enums.AssessmentKind,
    ("authorisations", "status"): enums.AuthorisationStatus,
    ("indicator_definitions", "kind"): enums.IndicatorKind,
    (None, "direction"): enums.Direction,
    ("inspections", "kind"): enums.InspectionKind,
    ("adverse_events", "category"): enums.EventCategory,
    (None, "grade"): enums.EventGrade,
    (None, "source_kind"): enums.SourceKind,
    ("rectification_items", "status"): enums.ItemStatus,
    ("submissions", "status"): enums.SubmissionStatus,
}
_STAFF_COLUMNS = {"staff_id", "host_id", "recorder_id", "reporter_id", "responsible_id", "verifier_id"}


def table_label(table: str) -> str:
    zh, en = TABLE_LABELS.get(table, (table, table))
    return msg(zh, en)


def field_label(column: str) -> str:
    if language() == "en":
        return column.removesuffix("_id").replace("_", " ")
    return FIELD_LABELS.get(column, column)


def register(subparsers) -> None:
    from qmsdesk.cli import add_db_option

    p = subparsers.add_parser(
        "audit", help=msg("查看审计日志：谁在何时改了哪条记录", "show the audit log: who changed which record when"),
        description=msg("按时间倒序显示审计日志，每条列出改动的字段（原值 → 新值）。",
                        "Shows the audit log newest first, with each changed field (old → new)."),
    )
    p.add_argument("--since", metavar="YYYY-MM-DD", help=msg("只显示该日期（含）以后的记录", "only entries on or after this date"))
    p.add_argument("--record", metavar="UUID", help=msg("只显示这条记录的改动", "only changes of this record"))
    p.add_argument("--limit", metavar="N", type=int, default=DEFAULT_LIMIT,
                   help=msg("最多显示 N 条（默认 {n}；0 表示全部）", "show at most N entries (default {n}; 0 for all)", n=DEFAULT_LIMIT))
    add_db_option(p)
    p.set_defaults(handler=audit_command)


def parse_since(text: str) -> datetime:
    """Local midnight of a YYYY-MM-DD date, as an aware datetime."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(msg("日期格式应为 YYYY-MM-DD（例如 2026-11-01），收到“{t}”。",
                                  "A date must look like YYYY-MM-DD (e.g. 2026-11-01), got '{t}'.", t=text), "since") from None
    return datetime.combine(day, time()).astimezone()


def parse_record(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise ValidationError(msg("记录编号应为 UUID（例如 3f2a1c7e-0b5d-4c1e-9a77-2d0e8c4b6f10），收到“{t}”。",
                                  "A record id must be a UUID (e.g. 3f2a1c7e-0b5d-4c1e-9a77-2d0e8c4b6f10), got '{t}'.", t=text), "record") from None


def entries(session: Session, since: datetime | None = None, record_id: str | None = None,
            limit: int | None = None) -> list[m.AuditEntry]:
    """Audit entries newest first, filtered by time and record."""
    from sqlalchemy import select

    from qmsdesk.db import models as m

    query = select(m.AuditEntry)
    if since is not None:
        query = query.where(m.AuditEntry.at >= since)
    if record_id is not None:
        query = query.where(m.AuditEntry.record_id == record_id)
    query = query.order_by(m.AuditEntry.at.desc(), m.AuditEntry.id.desc())
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def count_entries(session: Session, since: datetime | None = None, record_id: str | None = None) -> int:
    from sqlalchemy import func, select

    from qmsdesk.db import models as m

    query = select(func.count(m.AuditEntry.id))
    if since is not None:
        query = query.where(m.AuditEntry.at >= since)
    if record_id is not None:
        query = query.where(m.AuditEntry.record_id == record_id)
    return session.scalar(query) or 0


class _Formatter:
    """Turns stored values (codes, ids, ISO times) into what a user reads; staff names are cached."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.names: dict[str, str] = {}

    def value(self, table: str, column: str, value: Any) -> str:
        if value is None or value == "":
            return msg("（空）", "(empty)")
        if isinstance(value, bool):
            return msg("是", "yes") if value else msg("否", "no")
        if isinstance(value, list):
            return "、".join(self.value(table, column, v) for v in value) or msg("（空）", "(empty)")
        enum = _ENUM_COLUMNS.get((table, column)) or _ENUM_COLUMNS.get((None, column))
        if enum is not None and str(value) in enum.label_pairs():
            return enum(str(value)).label
        if column in _STAFF_COLUMNS:
            return self.staff_name(str(value))
        if isinstance(value, str) and "T" in value and value[:4].isdigit():
            try:
                return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
            except ValueError:
                pass  # not a timestamp after all: shown as typed
        text = str(value).replace("\n", " ")
        return text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH] + "…"

    def staff_name(self, staff_id: str) -> str:
        from qmsdesk.db import models as m

        if staff_id not in self.names:
            try:
                person = self.session.get(m.Staff, uuid.UUID(staff_id))
            except ValueError:
                person = None
            self.names[staff_id] = person.name if person is not None else staff_id
        return self.names[staff_id]


def format_entry(entry: m.AuditEntry, fmt: _Formatter) -> list[str]:
    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    zh, en = ACTION_LABELS.get(entry.action, (entry.action, entry.action))
    lines = [f"{when}  {entry.actor}  {msg(zh, en)}  {table_label(entry.table_name)}  {entry.record_id}"]
    for column, pair in (entry.changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        label = field_label(column) + msg("：", ": ")
        if entry.action == "create":
            lines.append(f"    {label}{fmt.value(entry.table_name, column, new)}")
        else:
            lines.append(f"    {label}{fmt.value(entry.table_name, column, old)} → {fmt.value(entry.table_name, column, new)}")
    return lines


def audit_command(args: argparse.Namespace) -> int:
    from qmsdesk.cli import open_db

    since = parse_since(args.since) if args.since else None
    record = parse_record(args.record) if args.record else None
    if args.limit < 0:
        raise ValidationError(msg("--limit 不能为负数。", "--limit cannot be negative."), "limit")
    db = open_db(args)
    try:
        with db.session() as session:
            rows = entries(session, since=since, record_id=record, limit=args.limit or None)
            total = count_entries(session, since=since, record_id=record)
            if not rows:
                print(msg("没有符合条件的审计记录。", "No audit entries match."))
                return 0
            fmt = _Formatter(session)
            for entry in rows:
                print("\n".join(format_entry(entry, fmt)))
            if total > len(rows):
                print(msg("仅显示最近 {n} 条，共 {t} 条。用 --limit 0 显示全部。",
                          "Showing the newest {n} of {t} entries. Use --limit 0 to show all.", n=len(rows), t=total))
    finally:
        db.close()
    return 0
