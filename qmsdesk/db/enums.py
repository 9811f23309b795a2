"""Closed vocabularies of the domain, stored as short English codes and shown by `.label`."""

from __future__ import annotations

from enum import StrEnum

from qmsdesk.i18n import msg


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese and an English label."""

    @property
    def label(self) -> str:
        zh, en = type(self).label_pairs()[self.value]
        return msg(zh, en)

    @classmethod
    def label_pairs(cls) -> dict[str, tuple[str, str]]:
        return LABELS[cls.__name__]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def from_label_or_code(cls, text: str):
        for m in cls:
            if text in (m.value, m.label, *cls.label_pairs()[m.value]):
                return m
        raise ValueError(text)


class DepartmentType(LabelledEnum):
    INPATIENT_MEDICAL = "inpatient_medical"
    INPATIENT_SURGICAL = "inpatient_surgical"
    ICU = "icu"
    EMERGENCY = "emergency"
    OBSTETRICS = "obstetrics"
    PEDIATRICS = "pediatrics"
    OPERATING_ROOM = "operating_room"
    OUTPATIENT = "outpatient"
    MEDICAL_TECH = "medical_tech"
    TOWNSHIP = "township"
    OTHER = "other"


class Profession(LabelledEnum):
    DOCTOR = "doctor"
    NURSE = "nurse"
    TECHNICIAN = "technician"
    PHARMACIST = "pharmacist"
    OTHER = "other"


class Gender(LabelledEnum):
    MALE = "male"
    FEMALE = "female"


class NursingLevel(LabelledEnum):
    N0 = "N0"
    N1 = "N1"
    N2 = "N2"
    N3 = "N3"
    N4 = "N4"


class GroupRole(LabelledEnum):
    LEADER = "leader"
    DEPUTY = "deputy"
    CONTROLLER = "controller"
    MEMBER = "member"


class MeetingKind(LabelledEnum):
    GROUP_MONTHLY = "group_monthly"
    SAFETY = "safety"
    CASE_DISCUSSION = "case_discussion"
    MORBIDITY_MORTALITY = "morbidity_mortality"


class Attendance(LabelledEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class TrainingCategory(LabelledEnum):
    BASIC_THEORY = "basic_theory"
    SKILLS = "skills"
    SAFETY_LAW = "safety_law"
    INFECTION_CONTROL = "infection_control"
    NEW_TECHNOLOGY = "new_technology"
    OTHER = "other"


class AssessmentKind(LabelledEnum):
    THEORY = "theory"
    PRACTICAL = "practical"


class AuthorisationStatus(LabelledEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class IndicatorKind(LabelledEnum):
    PROPORTION = "proportion"
    RATE = "rate"
    COUNT = "count"
    RATIO = "ratio"
    MEAN = "mean"


class Direction(LabelledEnum):
    HIGHER_BETTER = "higher"
    LOWER_BETTER = "lower"


class InspectionKind(LabelledEnum):
    SELF = "self"
    FUNCTIONAL = "functional"
    CROSS = "cross"
    FLYING = "flying"


class EventCategory(LabelledEnum):
    FALL = "fall"
    PRESSURE_INJURY = "pressure_injury"
    MEDICATION_ERROR = "medication_error"
    UNPLANNED_EXTUBATION = "unplanned_extubation"
    TRANSFUSION = "transfusion"
    INFUSION_REACTION = "infusion_reaction"
    IDENTIFICATION = "identification"
    EQUIPMENT = "equipment"
    OTHER = "other"


class EventGrade(LabelledEnum):
    I = "I"  # noqa: E741 — the national grading is I–IV
    II = "II"
    III = "III"
    IV = "IV"


class SourceKind(LabelledEnum):
    MEETING = "meeting"
    INSPECTION = "inspection"
    EVENT = "event"
    INDICATOR = "indicator"
    PDCA = "pdca"
    OFFICE = "office"
    OTHER = "other"


class CheckMethod(LabelledEnum):
    """How a checklist item is checked (检查方法)."""

    VIEW = "view"
    ASK = "ask"
    SAMPLE = "sample"
    OBSERVE = "observe"
    OPERATE = "operate"


class HarmLevel(LabelledEnum):
    """伤害程度 of an adverse event, beside (not instead of) its I–IV grade."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    DEATH = "death"


class FishboneCategory(LabelledEnum):
    """The six bones of the fishbone (鱼骨图): 人·机·料·法·环·测, in their drawing order."""

    MAN = "man"
    MACHINE = "machine"
    MATERIAL = "material"
    METHOD = "method"
    ENVIRONMENT = "environment"
    MEASUREMENT = "measurement"


class PdcaStage(LabelledEnum):
    PLAN = "plan"
    DO = "do"
    CHECK = "check"
    ACT = "act"
    CLOSED = "closed"


class ItemStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWAITING_VERIFICATION = "awaiting_verification"
    CLOSED = "closed"


class SubmissionStatus(LabelledEnum):
    DRAFT = "draft"
    VALIDATED = "validated"
    SUBMITTED = "submitted"
    SENT = "sent"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    SUPERSEDED = "superseded"


class InspectionFrequency(LabelledEnum):
    """How often a planned inspection is due: once in every month, quarter, half year or year."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def months_per_window(self) -> int:
        return {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}[self.value]


class AnalysisKind(LabelledEnum):
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class AnalysisStatus(LabelledEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class AnalysisSource(LabelledEnum):
    INDICATOR = "indicator"
    EVENT = "event"
    INSPECTION = "inspection"
    LEDGER = "ledger"
    TRAINING = "training"
    MEETING = "meeting"
    PLAN = "plan"
    OTHER = "other"


# 职务 a member of the group commonly holds; the field is free text, these are the suggestions.
DUTY_TITLES = ("科主任", "副主任", "护士长", "副护士长", "医疗质控员", "护理质控员", "院感监控医师", "院感监控护士",
               "病历质控员", "药疗质控员", "带教老师", "主治医师", "责任组长")


# Statuses in which a submission freezes its month.
LOCKING_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.SENT, SubmissionStatus.ACCEPTED})


LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "DepartmentType": {
        "inpatient_medical": ("内科病区", "Medical ward"),
        "inpatient_surgical": ("外科病区", "Surgical ward"),
        "icu": ("重症医学科", "Intensive care"),
        "emergency": ("急诊科", "Emergency"),
        "obstetrics": ("妇产科", "Obstetrics"),
        "pediatrics": ("儿科", "Paediatrics"),
        "operating_room": ("手术室", "Operating theatre"),
        "outpatient": ("门诊", "Outpatients"),
        "medical_tech": ("医技科室", "Diagnostic department"),
        "township": ("乡镇卫生院", "Township hospital"),
        "other": ("其他", "Other"),
    },
    "Profession": {
        "doctor": ("医师", "Doctor"),
        "nurse": ("护士", "Nurse"),
        "technician": ("技师", "Technician"),
        "pharmacist": ("药师", "Pharmacist"),
        "other": ("其他", "Other"),
    },
    "Gender": {"male": ("男", "Male"), "female": ("女", "Female")},
    "NursingLevel": {f"N{i}": (f"N{i}", f"N{i}") for i in range(5)},
    "GroupRole": {
        "leader": ("组长", "Leader"),
        "deputy": ("副组长", "Deputy leader"),
        "controller": ("质控员", "Quality controller"),
        "member": ("成员", "Member"),
    },
    "MeetingKind": {
        "group_monthly": ("质控小组例会", "Monthly quality group meeting"),
        "safety": ("医疗安全会议", "Safety meeting"),
        "case_discussion": ("疑难病例讨论", "Difficult case discussion"),
        "morbidity_mortality": ("死亡及并发症讨论", "Morbidity and mortality review"),
    },
    "Attendance": {
        "present": ("出席", "Present"),
        "absent": ("缺席", "Absent"),
        "excused": ("请假", "Excused"),
    },
    "TrainingCategory": {
        "basic_theory": ("三基理论", "Basic theory"),
        "skills": ("操作技能", "Practical skills"),
        "safety_law": ("法律法规/医疗安全", "Law and medical safety"),
        "infection_control": ("院感防控", "Infection control"),
        "new_technology": ("新技术新项目", "New technology"),
        "other": ("其他", "Other"),
    },
    "AssessmentKind": {
        "theory": ("理论考试", "Theory exam"),
        "practical": ("操作考核", "Practical assessment"),
    },
    "AuthorisationStatus": {
        "active": ("有效", "Active"),
        "suspended": ("暂停", "Suspended"),
        "revoked": ("取消", "Revoked"),
    },
    "IndicatorKind": {
        "proportion": ("比例", "Proportion"),
        "rate": ("发生率（每暴露量）", "Rate per exposure"),
        "count": ("计数", "Count"),
        "ratio": ("比值", "Ratio"),
        "mean": ("均值", "Mean"),
    },
    "Direction": {
        "higher": ("越高越好", "Higher is better"),
        "lower": ("越低越好", "Lower is better"),
    },
    "InspectionKind": {
        "self": ("科室自查", "Department self-inspection"),
        "functional": ("职能部门督查", "Functional department inspection"),
        "cross": ("交叉检查", "Cross-check"),
        "flying": ("飞行检查", "Unannounced inspection"),
    },
    "EventCategory": {
        "fall": ("跌倒/坠床", "Fall"),
        "pressure_injury": ("压力性损伤", "Pressure injury"),
        "medication_error": ("给药错误", "Medication error"),
        "unplanned_extubation": ("非计划拔管", "Unplanned extubation"),
        "transfusion": ("输血不良事件", "Transfusion event"),
        "infusion_reaction": ("输液反应", "Infusion reaction"),
        "identification": ("身份识别错误", "Patient identification error"),
        "equipment": ("医疗器械相关", "Medical device event"),
        "other": ("其他", "Other"),
    },
    "EventGrade": {
        "I": ("Ⅰ级（警告事件）", "Grade I (sentinel)"),
        "II": ("Ⅱ级（不良后果事件）", "Grade II (adverse outcome)"),
        "III": ("Ⅲ级（未造成后果事件）", "Grade III (no harm)"),
        "IV": ("Ⅳ级（隐患事件）", "Grade IV (near miss)"),
    },
    "SourceKind": {
        "meeting": ("质控会议", "Meeting"),
        "inspection": ("检查督查", "Inspection"),
        "event": ("不良事件", "Adverse event"),
        "indicator": ("指标预警", "Indicator warning"),
        "pdca": ("持续改进项目", "Improvement project"),
        "office": ("质控办反馈", "Quality office feedback"),
        "other": ("其他", "Other"),
    },
    "CheckMethod": {
        "view": ("查看", "Look"),
        "ask": ("提问", "Ask"),
        "sample": ("抽查", "Sample"),
        "observe": ("现场观察", "Observe"),
        "operate": ("操作考核", "Demonstrate"),
    },
    "HarmLevel": {
        "none": ("无伤害", "No harm"),
        "mild": ("轻度伤害", "Mild harm"),
        "moderate": ("中度伤害", "Moderate harm"),
        "severe": ("重度伤害", "Severe harm"),
        "death": ("死亡", "Death"),
    },
    "FishboneCategory": {
        "man": ("人", "People"),
        "machine": ("机", "Equipment"),
        "material": ("料", "Materials"),
        "method": ("法", "Methods"),
        "environment": ("环", "Environment"),
        "measurement": ("测", "Measurement"),
    },
    "PdcaStage": {
        "plan": ("计划（P）", "Plan (P)"),
        "do": ("实施（D）", "Do (D)"),
        "check": ("检查（C）", "Check (C)"),
        "act": ("处理（A）", "Act (A)"),
        "closed": ("已结案", "Closed"),
    },
    "ItemStatus": {
        "open": ("待整改", "Open"),
        "in_progress": ("整改中", "In progress"),
        "awaiting_verification": ("待验证", "Awaiting verification"),
        "closed": ("已销号", "Closed"),
    },
    "InspectionFrequency": {
        "monthly": ("每月", "Monthly"),
        "quarterly": ("每季度", "Quarterly"),
        "half_yearly": ("每半年", "Half-yearly"),
        "yearly": ("每年", "Yearly"),
    },
    "AnalysisKind": {
        "quarterly": ("季度质量分析", "Quarterly analysis"),
        "annual": ("年度质控总结", "Annual summary"),
    },
    "AnalysisStatus": {
        "draft": ("草稿", "Draft"),
        "approved": ("已审定", "Approved"),
    },
    "AnalysisSource": {
        "indicator": ("质量指标", "Quality indicator"),
        "event": ("不良事件", "Adverse event"),
        "inspection": ("检查督查", "Inspection"),
        "ledger": ("整改台账", "Rectification ledger"),
        "training": ("培训考核", "Training and assessment"),
        "meeting": ("质控会议", "Meetings"),
        "plan": ("计划执行", "Plan"),
        "other": ("其他", "Other"),
    },
    "SubmissionStatus": {
        "draft": ("草稿", "Draft"),
        "validated": ("已校验", "Validated"),
        "submitted": ("已提交", "Submitted"),
        "sent": ("已发送", "Sent"),
        "accepted": ("已接收", "Accepted"),
        "returned": ("已退回", "Returned"),
        "superseded": ("已被新版本替代", "Superseded"),
    },
}
