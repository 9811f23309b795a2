"""Importing training attendance (a session's sign-in sheet) and assessment scores (an exam platform's or
问卷星's export, for a session or on their own) from a sheet, and their templates.

People are found by 工号, or by a name only one person has (otherwise the user chooses). Scores recognise
retakes (补考): a later attempt at the same exam after a failed one is linked to it, so the pass rate
counts the person once; the same person, exam and date again updates the score instead of adding a second.
Rows are written through services.training, so the month lock and the score rules hold as on the page.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import AssessmentKind, Attendance
from qmsdesk.db.queries import live
from qmsdesk.errors import ValidationError
from qmsdesk.i18n import msg
from qmsdesk.periods import Period
from qmsdesk.services import training as training_service
from qmsdesk.services.import_preview import (
    ADD,
    PERSON_COLUMNS,
    UNCHANGED,
    UPDATE,
    Answers,
    Change,
    ImportPreview,
    Noun,
    People,
    Plan,
    PlannedRow,
    Write,
    apply_or_refuse,
    describe,
    duplicate_rows,
    find_person,
    import_sheet,
)
from qmsdesk.services.sheet_template import TemplateColumn, TemplateSpec, write_template
from qmsdesk.services.sheets import (
    Column,
    SheetRow,
    blank,
    cell_text,
    parse_date,
    parse_number,
    plain_text,
)
from qmsdesk.services.staff_import import example_refusal, example_row

# --- the training session an import is for --------------------------------------------------------

def find_training_session(session: Session, *, session_id: uuid.UUID | str | None = None, on: date | None = None,
                          topic: str | None = None) -> m.TrainingSession:
    """The session by its id, or the one held on `on` (whose topic contains `topic` when several were)."""
    if session_id is not None:
        return training_service.get_training_session(session, session_id)
    if on is None:
        raise ValidationError(msg("请指定是哪一次培训（日期或编号）。", "Say which training session (its date or id)."),
                              "session")
    found = [t for t in training_service.list_training_sessions(session, period=Period.of(on)) if t.date == on]
    if topic:
        found = [t for t in found if topic.strip() in t.topic]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(msg("{d} 没有{t}培训记录。请先在“培训考核”页新增这次培训，再导入。",
                                  "There is no training session{t} on {d}. Add it on the Training page first.",
                                  d=on.isoformat(), t=msg("“{x}”", " '{x}'", x=topic) if topic else ""), "session")
    raise ValidationError(msg("{d} 有 {n} 次培训：{l}。请用主题指明是哪一次。",
                              "{d} has {n} training sessions: {l}. Give the topic to say which.",
                              d=on.isoformat(), n=len(found), l="、".join(t.topic for t in found)), "session")


def _session_label(ts: m.TrainingSession) -> str:
    return f"{ts.date.isoformat()} {ts.topic}"


# --- attendance -----------------------------------------------------------------------------------

ATTENDANCE_COLUMNS = (*PERSON_COLUMNS, Column("status", "出勤", "attendance", (
    "出席", "出席情况", "出勤情况", "签到", "签到情况", "到会情况", "考勤", "状态")))
ATTENDANCE_REQUIRED = (("name", "employee_no"),)
ATTENDANCE_NOUN = Noun("人", "people")
_STATUS_WORDS = {
    Attendance.PRESENT.value: ("出席", "出勤", "到", "已到", "到会", "签到", "已签到", "已签", "参加", "已参加", "是", "√", "✓",
                               "✔", "1", "y", "yes", "present"),
    Attendance.ABSENT.value: ("缺席", "缺勤", "未到", "未参加", "旷课", "否", "×", "✗", "x", "0", "n", "no", "absent"),
    Attendance.EXCUSED.value: ("请假", "事假", "病假", "公假", "休假", "产假", "外出", "excused"),
}
_STATUS = {word: code for code, words in _STATUS_WORDS.items() for word in words}


def _status(value: object) -> str:
    """A sign-in mark as a status; a row with no mark is someone who signed in."""
    if blank(value):
        return Attendance.PRESENT.value
    text = cell_text(value)
    return _STATUS.get(text) or _STATUS.get(text.lower()) or Attendance.from_label_or_code(text).value


def _plan_attendance(session: Session, plan: Plan, ts: m.TrainingSession, answers: Answers | None) -> None:
    assert plan.sheet is not None
    people = People(session)
    recorded = {a.staff_id: a.status for a in ts.attendance if not a.deleted}
    wanted = dict(recorded)
    seen: dict[object, int] = {}
    for sheet_row in plan.sheet.rows:
        r = sheet_row.row
        if example_row(sheet_row.values.get("name")):
            plan.refuse(r, "name", example_refusal())
            continue
        try:
            status = _status(sheet_row.values.get("status"))
        except ValueError:
            status = None
            plan.refuse(r, "status", msg("“{x}”看不懂：请写 出席、缺席 或 请假（空白表示出席）。",
                                         "'{x}' is not understood: write 出席 (present), 缺席 (absent) or 请假 (excused); "
                                         "blank means present.", x=cell_text(sheet_row.values.get("status"))))
        person = find_person(plan, people, r, sheet_row.values, answers)
        if person is None or duplicate_rows(plan, r, person.id, seen, "name", msg("同一人员", "the same person")) \
                or status is None:
            continue
        before = recorded.get(person.id)
        action = ADD if before is None else UNCHANGED if before == status else UPDATE
        changes = (Change(ATTENDANCE_COLUMNS[2].label, Attendance(before).label, Attendance(status).label),) \
            if action == UPDATE else ()
        plan.rows.append(PlannedRow(r, action, f"{describe(person)} {Attendance(status).label}", changes))
        wanted[person.id] = status
    if wanted != recorded:
        # One write for the sheet: the service replaces the list, and people not on the sheet stay as they were.
        rows = [(staff_id, status) for staff_id, status in wanted.items()]
        plan.writes.append(Write(0, lambda: training_service.set_training_attendance(session, ts.id, rows),
                                 {"attendance": "status"}))


def preview_attendance_import(session: Session, path: Path | str, training: m.TrainingSession,
                              answers: Answers | None = None) -> ImportPreview:
    """The dry run of a sign-in sheet for `training`: who would be added, changed or is already recorded."""
    return _run_attendance(session, path, training, answers, dry_run=True)


def import_attendance(session: Session, path: Path | str, training: m.TrainingSession,
                      answers: Answers | None = None) -> ImportPreview:
    """Import a sign-in sheet, all rows or none; people already recorded and not on the sheet are kept."""
    return apply_or_refuse(_run_attendance(session, path, training, answers, dry_run=False))


def _run_attendance(session, path, training, answers, *, dry_run: bool) -> ImportPreview:
    return import_sheet(session, path, ATTENDANCE_NOUN, ATTENDANCE_COLUMNS, ATTENDANCE_REQUIRED,
                        lambda plan: _plan_attendance(session, plan, training, answers), dry_run=dry_run)


# --- scores ---------------------------------------------------------------------------------------

SCORE_COLUMNS = (
    *PERSON_COLUMNS,
    Column("score", "成绩", "score", ("分数", "得分", "总分", "考试成绩", "考核成绩", "考试得分")),
    Column("date", "考核日期", "assessment date", ("考试日期", "日期", "提交答卷时间", "交卷时间", "考试时间", "提交时间")),
    Column("subject", "考核内容", "subject", ("考核项目", "考试科目", "科目", "考试名称", "试卷名称", "考核名称")),
    Column("kind", "考核类型", "kind", ("考核方式", "考试类型", "类型")),
    Column("pass_mark", "合格线", "pass mark", ("及格线", "合格分数", "及格分", "合格分")),
    Column("retake", "补考", "retake", ("是否补考",)),
)
SCORE_REQUIRED = (("name", "employee_no"), ("score",))
SCORE_NOUN = Noun("条成绩", "scores")
_KIND_WORDS = {"理论": "theory", "理论考试": "theory", "理论考核": "theory", "笔试": "theory", "机考": "theory",
               "操作": "practical", "技能": "practical", "操作考核": "practical", "技能考核": "practical",
               "实践": "practical", "操作技能": "practical"}
_YES = ("是", "√", "✓", "y", "yes", "1", "补考")
_NO = ("否", "×", "n", "no", "0")
_RETAKE_MARK = re.compile(r"[(（]?\s*(?:第[一二三四五六七八九十\d]+次)?补考\s*[)）]?\s*$")
_SCORE_FIELDS = {"staff_id": "name", "kind": "kind", "subject": "subject", "date": "date", "score": "score",
                 "pass_mark": "pass_mark", "retake_of_id": "retake", "session_id": "date", "": "date"}


@dataclass(frozen=True)
class ScoreDefaults:
    """What the sheet may leave out: taken from the training session, or given by the user."""

    training: m.TrainingSession | None = None
    subject: str | None = None
    on: date | None = None
    kind: str = AssessmentKind.THEORY.value
    pass_mark: float = training_service.PASS_MARK


@dataclass
class _Attempt:
    """An assessment already recorded or about to be created by an earlier row: what a retake links to."""

    staff_id: uuid.UUID
    kind: str
    exam: str  # the subject without its 补考 mark
    on: date
    score: float
    passed: bool
    resolve: Callable[[], uuid.UUID]
    record: m.Assessment | None = None


def exam_of(subject: str) -> str:
    """'心肺复苏考核（补考）' and '心肺复苏考核（第二次补考）' are attempts at 心肺复苏考核."""
    return _RETAKE_MARK.sub("", subject.strip()).strip()


def _score(value: object) -> float | None:
    text = cell_text(value)
    return parse_number(text[:-1] if text.endswith("分") else value)


def _retake_flag(value: object) -> bool | None:
    text = cell_text(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(value)


def _score_values(plan: Plan, row: SheetRow, defaults: ScoreDefaults) -> dict | None:
    v, r = row.values, row.row
    out: dict = {}
    try:
        out["score"] = _score(v.get("score"))
        if out["score"] is None:
            plan.refuse(r, "score", msg("请填写成绩。", "The score is required."))
    except ValueError:
        plan.refuse(r, "score", msg("“{x}”不是分数。没有参加考核的人请删除这一行。",
                                    "'{x}' is not a score. Delete the rows of people who did not sit the exam.",
                                    x=cell_text(v.get("score"))))
    try:
        out["date"] = parse_date(v.get("date")) or defaults.on
        if out["date"] is None:
            plan.refuse(r, "date", msg("请填写考核日期。", "The assessment date is required."))
    except ValueError:
        plan.refuse(r, "date", msg("“{x}”不是日期（例如 2026-10-12、2026/10/12 或 2026年10月12日）。",
                                   "'{x}' is not a date (for example 2026-10-12).", x=cell_text(v.get("date"))))
    out["subject"] = plain_text(v.get("subject")) or defaults.subject
    if not out["subject"]:
        plan.refuse(r, "subject", msg("请填写考核内容。", "The subject is required."))
    out["kind"] = defaults.kind
    if not blank(v.get("kind")):
        text = cell_text(v["kind"])
        try:
            out["kind"] = _KIND_WORDS.get(text) or AssessmentKind.from_label_or_code(text).value
        except ValueError:
            plan.refuse(r, "kind", msg("考核类型应为“理论”或“操作”。", "The kind should be 理论 (theory) or 操作 (practical)."))
    try:
        out["pass_mark"] = parse_number(v.get("pass_mark")) or defaults.pass_mark
    except ValueError:
        plan.refuse(r, "pass_mark", msg("“{x}”不是分数。", "'{x}' is not a number.", x=cell_text(v.get("pass_mark"))))
    try:
        out["retake"] = _retake_flag(v.get("retake"))
    except ValueError:
        plan.refuse(r, "retake", msg("“补考”一栏请填“是”或“否”（或留空，由程序判断）。",
                                     "Write 是 (yes) or 否 (no) under 补考, or leave it blank to let the program decide."))
    return None if plan.failed(r) else out


def _recorded_attempts(session: Session) -> list[_Attempt]:
    return [_Attempt(a.staff_id, a.kind, exam_of(a.subject), a.date, a.score, a.passed, lambda a=a: a.id, a)
            for a in session.scalars(live(m.Assessment))]


def _plan_scores(session: Session, plan: Plan, defaults: ScoreDefaults, answers: Answers | None) -> None:
    assert plan.sheet is not None
    people = People(session)
    attempts = _recorded_attempts(session)
    seen: dict[object, int] = {}
    checked = []
    for sheet_row in plan.sheet.rows:
        if example_row(sheet_row.values.get("name")):
            plan.refuse(sheet_row.row, "name", example_refusal())
            continue
        values = _score_values(plan, sheet_row, defaults)
        person = find_person(plan, people, sheet_row.row, sheet_row.values, answers)
        if values is not None and person is not None:
            checked.append((sheet_row.row, person, values))
    # Oldest first, so a retake in the sheet can link to an earlier attempt in the same sheet.
    for r, person, values in sorted(checked, key=lambda x: (x[2]["date"], x[0])):
        key = (person.id, values["kind"], exam_of(values["subject"]), values["date"])
        if duplicate_rows(plan, r, key, seen, "name", msg("同一人同一考核同一天", "same person, exam and day")):
            continue
        _plan_score(session, plan, r, person, values, attempts, defaults)


def _plan_score(session: Session, plan: Plan, r: int, person: m.Staff, values: dict, attempts: list[_Attempt],
                defaults: ScoreDefaults) -> None:
    exam = exam_of(values["subject"])
    same = [a for a in attempts if (a.staff_id, a.kind, a.exam) == (person.id, values["kind"], exam)]
    subject = f"{describe(person)} {values['subject']} {values['score']:g}"
    existing = next((a.record for a in same if a.on == values["date"] and a.record is not None), None)
    if existing is not None:
        changes = {k: values[k] for k in ("score", "pass_mark") if getattr(existing, k) != values[k]}
        shown = tuple(Change(_score_label(k), f"{getattr(existing, k):g}", f"{v:g}") for k, v in changes.items())
        plan.rows.append(PlannedRow(r, UPDATE if changes else UNCHANGED, subject, shown))
        if changes:
            plan.writes.append(Write(r, lambda: training_service.update_assessment(session, existing.id, **changes),
                                     _SCORE_FIELDS))
        return
    earlier = max((a for a in same if a.on < values["date"]), key=lambda a: a.on, default=None)
    flag = values["retake"] if values["retake"] is not None else (True if exam != values["subject"] else None)
    retake_of = earlier if earlier is not None and not earlier.passed and flag is not False else None
    if flag and retake_of is None:
        plan.refuse(r, "retake" if values["retake"] else "subject", msg(
            "找不到 {n} 在 {d} 之前未通过的“{e}”考核，不能记为补考。", "No failed '{e}' of {n} before {d} was found, so this "
            "cannot be a retake.", n=person.name, d=values["date"].isoformat(), e=exam))
        return
    if retake_of is not None:
        subject += msg("（补考，原 {d} {s:g} 分）", " (retake of {d}, {s:g})", d=retake_of.on.isoformat(), s=retake_of.score)
    plan.rows.append(PlannedRow(r, ADD, subject))
    created: list[uuid.UUID] = []

    def create() -> None:
        row = training_service.create_assessment(
            session, staff_id=person.id, kind=values["kind"], subject=values["subject"], date=values["date"],
            score=values["score"], pass_mark=values["pass_mark"],
            retake_of_id=retake_of.resolve() if retake_of is not None else None,
            session_id=defaults.training.id if defaults.training is not None else None)
        created.append(row.id)

    plan.writes.append(Write(r, create, _SCORE_FIELDS))
    attempts.append(_Attempt(person.id, values["kind"], exam, values["date"], values["score"],
                             training_service.passes(values["score"], values["pass_mark"]), _made_by(created, r)))


def _made_by(created: list[uuid.UUID], row: int) -> Callable[[], uuid.UUID]:
    """The id of the assessment an earlier row of the sheet created, for its retake to link to."""
    def resolve() -> uuid.UUID:
        if not created:  # that row was refused; this one is reported too rather than linked to nothing
            raise ValidationError(msg("它补考的是第 {o} 行的考核，而那一行没有通过检查。",
                                      "It retakes the assessment of row {o}, which did not pass the checks.", o=row),
                                  "retake_of_id")
        return created[0]
    return resolve


def _score_label(key: str) -> str:
    return next(c.label for c in SCORE_COLUMNS if c.key == key)


def _missing_defaults(plan: Plan, defaults: ScoreDefaults) -> bool:
    """A whole column the sheet lacks and nothing supplies: one message, not one per row."""
    assert plan.sheet is not None
    present = set(plan.sheet.rows[0].values)
    if "date" not in present and defaults.on is None:
        plan.refuse_file(msg("表中没有“考核日期”列：请加上这一列，或导入时指定考核日期（或对应的培训）。",
                             "The sheet has no 考核日期 (date) column: add one, or give the date (or the training "
                             "session) when importing."))
    if "subject" not in present and not defaults.subject:
        plan.refuse_file(msg("表中没有“考核内容”列：请加上这一列，或导入时指定考核内容（或对应的培训）。",
                             "The sheet has no 考核内容 (subject) column: add one, or give the subject (or the training "
                             "session) when importing."))
    return bool(plan.problems)


def score_defaults(training: m.TrainingSession | None = None, *, subject: str | None = None, on: date | None = None,
                   kind: str | None = None, pass_mark: float | None = None) -> ScoreDefaults:
    """Defaults for a score sheet: a session's topic and date unless the user gave others."""
    return ScoreDefaults(training, subject or (training.topic if training else None),
                         on or (training.date if training else None), str(kind or AssessmentKind.THEORY.value),
                         training_service.PASS_MARK if pass_mark is None else pass_mark)


def preview_scores_import(session: Session, path: Path | str, defaults: ScoreDefaults | None = None,
                          answers: Answers | None = None) -> ImportPreview:
    """The dry run of a score sheet: scores to add (retakes marked), update or leave unchanged, problems by
    row and column, and the rows whose person must be chosen. Nothing is written."""
    return _run_scores(session, path, defaults or ScoreDefaults(), answers, dry_run=True)


def import_scores(session: Session, path: Path | str, defaults: ScoreDefaults | None = None,
                  answers: Answers | None = None) -> ImportPreview:
    """Import a score sheet, all rows or none; raises ImportRefused naming every problem and open question."""
    return apply_or_refuse(_run_scores(session, path, defaults or ScoreDefaults(), answers, dry_run=False))


def _run_scores(session, path, defaults: ScoreDefaults, answers, *, dry_run: bool) -> ImportPreview:
    def plan_rows(plan: Plan) -> None:
        if not _missing_defaults(plan, defaults):
            _plan_scores(session, plan, defaults, answers)

    return import_sheet(session, path, SCORE_NOUN, SCORE_COLUMNS, SCORE_REQUIRED, plan_rows, dry_run=dry_run)


# --- templates ------------------------------------------------------------------------------------

_PERSON_TEMPLATE = (
    TemplateColumn("姓名", 12, "须已在人员名单中。同名时请填写工号。", "与工号二选一"),
    TemplateColumn("工号", 12, "有工号时按工号找人，最可靠。", "与姓名二选一"),
)
ATTENDANCE_TEMPLATE = TemplateSpec(
    sheet_title="培训签到",
    columns=(*_PERSON_TEMPLATE, TemplateColumn("出勤", 8, "出席、缺席 或 请假；留空表示出席（签到表上有名字即出席）。",
                                                choices=tuple(a.label for a in Attendance))),
    examples=(("示例：王芳", "1001", "出席"), ("示例：李强", "1002", "请假")),
    notes=(
        "一个文件对应一次培训：导入时选择是哪一次培训（命令行用 --session 或 --date）。",
        "灰色斜体的两行是示例（姓名以“示例”开头），导入前请删除。",
        "已记录的出勤不在表中时保持不变；表中的人如已记录，按表中的出勤更新。",
        "导入前会先试运行；有任何一行出错都不会写入，并指出第几行哪一列。",
    ),
)
SCORES_TEMPLATE = TemplateSpec(
    sheet_title="考核成绩",
    columns=(
        *_PERSON_TEMPLATE,
        TemplateColumn("成绩", 8, "0–100 分，可带小数。", "必填", kind="number"),
        TemplateColumn("考核日期", 12, "例如 2026-10-12；某次培训的成绩可留空（用培训日期）。", kind="date"),
        TemplateColumn("考核内容", 24, "例如 心肺复苏理论考核；某次培训的成绩可留空（用培训主题）。"),
        TemplateColumn("考核类型", 10, "理论考试 或 操作考核（也可写 理论、操作）；留空为理论考试。",
                       choices=tuple(k.label for k in AssessmentKind)),
        TemplateColumn("合格线", 8, "留空为 80 分。", kind="number"),
        TemplateColumn("补考", 6, "是 或 否；留空时，同一考核此前未通过的再次考核自动记为补考。", choices=("是", "否")),
    ),
    examples=(
        ("示例：王芳", "1001", 92, date(2026, 10, 12), "心肺复苏理论考核", "理论考试", None, None),
        ("示例：李强", "1002", 86, date(2026, 10, 26), "心肺复苏理论考核", "理论考试", None, "是"),
    ),
    notes=(
        "考试平台或问卷星导出的成绩表可以直接导入：表头“1、姓名：”“总分”“提交答卷时间”都能识别。",
        "灰色斜体的两行是示例（姓名以“示例”开头），导入前请删除。",
        "同一人、同一考核、同一天再次导入会更新成绩，不会重复；此前未通过的同一考核再考一次，自动记为补考。",
        "导入前会先试运行；有任何一行出错都不会写入，并指出第几行哪一列。",
    ),
)


def write_attendance_template(path: Path | str) -> Path:
    return write_template(path, ATTENDANCE_TEMPLATE)


def write_scores_template(path: Path | str) -> Path:
    return write_template(path, SCORES_TEMPLATE)
