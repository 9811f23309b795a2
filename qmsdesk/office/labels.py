"""Chinese (or English) names of record kinds, outcomes and codes, as the office pages and reports show them."""

from __future__ import annotations

from qmsdesk.i18n import msg

_KINDS = {
    "meetings": ("会议", "meetings"), "meeting_attendance": ("会议出席", "meeting attendance"),
    "meeting_problems": ("会议问题", "meeting problems"), "training_sessions": ("培训", "training sessions"),
    "training_attendance": ("培训出勤", "training attendance"), "assessments": ("考核", "assessments"),
    "indicator_values": ("指标数据", "indicator values"), "inspections": ("检查督查", "inspections"),
    "inspection_findings": ("检查发现", "inspection findings"), "adverse_events": ("不良事件", "adverse events"),
    "rectification_items": ("整改事项", "rectification items"), "progress_notes": ("整改进展", "progress notes"),
    "staff": ("人员", "staff"), "quality_analyses": ("质量分析", "quality analyses"),
    "inspection_items": ("检查评分项", "checklist items scored"),
    "event_analyses": ("根因分析", "root-cause analyses"), "event_factors": ("原因因素", "contributing factors"),
    "pdca_projects": ("持续改进项目", "improvement projects"),
}


def kind_label(kind: str) -> str:
    zh, en = _KINDS.get(kind, (kind, kind))
    return msg(zh, en)


def enum_label(enum_name: str, code: str | None) -> str:
    """The label of a code of one of the closed vocabularies (db.enums), or the code itself."""
    from qmsdesk.db import enums

    if code is None:
        return ""
    cls = getattr(enums, enum_name)
    try:
        return cls(code).label
    except ValueError:
        return str(code)


def event_category(code: str | None) -> str:
    return enum_label("EventCategory", code)


def source_label(code: str | None) -> str:
    return enum_label("SourceKind", code)


def item_status(code: str | None) -> str:
    return enum_label("ItemStatus", code)


def outcome_label(outcome: str) -> str:
    return {
        "applied": msg("已导入", "imported"), "unchanged": msg("未变（重复）", "unchanged (duplicate)"),
        "kept": msg("旧版本，仅保存", "older version, kept"), "held": msg("待确认密钥", "key not confirmed"),
        "refused": msg("已拒绝", "refused"),
    }.get(outcome, outcome)


def package_state(state: str) -> str:
    """A package version's state: the current one counts, older ones are kept but not used."""
    return {
        "current": msg("当前版本", "current version"), "superseded": msg("已被新版本替代", "replaced by a newer version"),
        "stale": msg("旧版本（未采用）", "older version (not used)"),
    }.get(state, state)


def review_state(ack_status: str | None) -> str:
    """Whether the office has accepted or returned a package yet."""
    return {"accepted": msg("已接收", "accepted"), "returned": msg("已退回", "returned"),
            None: msg("待审核", "to review")}.get(ack_status, str(ack_status))


def key_state(state: str) -> str:
    """A unit's signing key as the office knows it (office.units.key_state codes)."""
    return {"confirmed": msg("已确认", "confirmed"), "pending": msg("待确认", "to confirm"),
            "replacing": msg("新密钥待确认", "new key to confirm"),
            "none": msg("未收到上报包", "no package yet")}.get(state, state)
