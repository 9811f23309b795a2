"""What every people import shares: the plain preview a window or the command line shows, the matching of
sheet rows to people already on the staff list, and the all-or-nothing run of the writes.

An import is planned first (who is who, what would be added, updated or left unchanged, what must be asked),
then its writes run through the ordinary services inside a savepoint, row by row, so the dry run meets
exactly the refusals the real import would (the services' own rules, the month lock) and names each by row
and column. A dry run, a refusal or an unanswered question rolls the savepoint back: nothing is written
unless every row passes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import Profession
from qmsdesk.db.queries import live
from qmsdesk.errors import FieldError, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services.sheets import Column, ImportRefused, Sheet, blank, code_text, person_name, row_error

ADD, UPDATE, UNCHANGED = "add", "update", "unchanged"
# How a sheet names a person: what rosters, sign-in sheets and exam platforms call these two columns.
PERSON_COLUMNS = (
    Column("name", "姓名", "name", ("名字", "员工姓名", "人员姓名", "成员姓名", "考生姓名", "学员姓名", "参训人员", "真实姓名")),
    Column("employee_no", "工号", "employee number", ("员工号", "职工号", "员工编号", "职工编号", "人员编号", "工作证号")),
)
NEW_PERSON = "new"  # the answer that says "a different person: add them"

# An answer per questioned row: the employee number of the person meant, or NEW_PERSON.
Answers = Mapping[int | str, str]


@dataclass(frozen=True)
class Choice:
    value: str  # what to send back as the answer
    label: str  # 张伟（工号 1023，护士，主管护师）


@dataclass(frozen=True)
class Question:
    """A name that fits more than one person (or a person under another number): the user must choose."""

    row: int
    prompt: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Change:
    column: str  # the column's label
    old: str
    new: str


@dataclass(frozen=True)
class PlannedRow:
    row: int
    action: str  # ADD, UPDATE or UNCHANGED
    subject: str  # who or what the row is about, as the user reads it
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class RowProblem:
    row: int  # 0: the file or the import as a whole
    column: str  # the column's key; "" when no single column is at fault
    message: str  # a whole sentence, naming row and column
    column_label: str = ""  # the column as the sheet's header calls it (姓名, 入职日期), for a table of problems


@dataclass(frozen=True)
class Noun:
    """What the counts count, in both languages: 人 / people, 条成绩 / scores."""

    zh: str
    en: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do (dry run) or did: plain values, nothing bound to a session."""

    noun: Noun
    rows: tuple[PlannedRow, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    questions: tuple[Question, ...] = ()
    header_row: int = 0
    sheet_name: str | None = None
    ignored_columns: tuple[str, ...] = ()
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def added(self) -> int:
        return self.count(ADD)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def ready(self) -> bool:
        """Nothing refused and nothing left to ask: the import can be applied."""
        return not self.problems and not self.questions

    def summary(self) -> str:
        counts = dict(a=self.added, u=self.updated, s=self.unchanged, w=self.noun.zh, e=self.noun.en)
        if self.applied:
            return msg("已导入：新增 {a} {w}，更新 {u} {w}，未变 {s} {w}。", "Imported: {a} new, {u} updated, {s} unchanged {e}.",
                       **counts)
        text = msg("试运行（未写入）：将新增 {a} {w}，更新 {u} {w}，未变 {s} {w}。",
                   "Dry run (nothing written): {a} new, {u} updated, {s} unchanged {e}.", **counts)
        if self.problems:
            text += msg("有 {n} 处问题，改正后才能导入。", " {n} problem(s) must be fixed before importing.", n=len(self.problems))
        if self.questions:
            text += msg("有 {n} 行需要确认是哪一位人员。", " {n} row(s) need you to choose the person meant.", n=len(self.questions))
        return text

    def refusal(self) -> ImportRefused:
        """The problems and open questions as one refusal (the real import raises it)."""
        errors = [FieldError(f"{p.row}:{p.column}", p.message) for p in self.problems]
        errors += [FieldError(f"{q.row}:person", q.prompt) for q in self.questions]
        return ImportRefused(errors)


# --- the plan and its run -------------------------------------------------------------------------

@dataclass(frozen=True)
class Write:
    row: int  # 0 when the write stands for the whole sheet
    run: Callable[[], object]
    columns: Mapping[str, str]  # a service's field name -> the sheet column to blame


@dataclass
class Plan:
    noun: Noun
    columns: Sequence[Column]
    sheet: Sheet | None = None
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)

    def refuse(self, row: int, key: str, message: str) -> None:
        column = next((c for c in self.columns if c.key == key), None)
        self._add(RowProblem(row, key, row_error(row, column or key, message).message, column.label if column else key))

    def refuse_file(self, message: str) -> None:
        self._add(RowProblem(0, "", message))

    def _add(self, problem: RowProblem) -> None:
        # The month lock names each touched record; the user needs to read it once.
        if problem not in self.problems:
            self.problems.append(problem)

    def failed(self, row: int) -> bool:
        return any(p.row == row for p in self.problems)


def file_plan(noun: Noun, columns: Sequence[Column], read: Callable[[], Sheet]) -> Plan:
    """A plan holding the sheet, or holding why the file could not be read."""
    plan = Plan(noun, columns)
    try:
        plan.sheet = read()
    except ImportRefused as exc:
        for e in exc.errors:
            plan.problems.append(RowProblem(0, e.field if e.field != "file" else "", e.message))
    return plan


def import_sheet(session: Session, path, noun: Noun, columns: Sequence[Column], required: Sequence[Sequence[str]],
                 plan_rows: Callable[[Plan], None], *, dry_run: bool) -> ImportPreview:
    """Read the sheet, let `plan_rows` plan its rows, and run the plan (see run_plan)."""
    from qmsdesk.services.sheets import read_table

    plan = file_plan(noun, columns, lambda: read_table(path, columns, required))
    if plan.sheet is not None:
        plan_rows(plan)
    return run_plan(session, plan, dry_run=dry_run)


def run_plan(session: Session, plan: Plan, *, dry_run: bool) -> ImportPreview:
    """Run the writes inside a savepoint; keep them only when this is not a dry run and all passed."""
    outer = session.begin_nested()
    try:
        for write in plan.writes:
            try:
                with session.begin_nested():
                    write.run()
                    session.flush()
            except ValidationError as exc:
                for e in exc.errors:
                    key = write.columns.get(e.field, write.columns.get("", ""))
                    if write.row:
                        plan.refuse(write.row, key, e.message)
                    else:
                        plan.refuse_file(e.message)
        keep = not dry_run and not plan.problems and not plan.questions
    except BaseException:
        outer.rollback()
        raise
    if keep:
        outer.commit()
    else:
        outer.rollback()
    sheet = plan.sheet
    return ImportPreview(
        plan.noun, tuple(sorted(plan.rows, key=lambda r: r.row)), tuple(sorted(plan.problems, key=lambda p: p.row)),
        tuple(plan.questions), sheet.header_row if sheet else 0, sheet.sheet_name if sheet else None,
        sheet.ignored_headers if sheet else (), applied=keep)


def apply_or_refuse(preview: ImportPreview) -> ImportPreview:
    if not preview.applied:
        raise preview.refusal()
    return preview


def answer_for(answers: Answers | None, row: int) -> str | None:
    if not answers:
        return None
    value = answers.get(row, answers.get(str(row)))
    return None if value is None else code_text(value) if value != NEW_PERSON else value


# --- people ---------------------------------------------------------------------------------------

def describe(person: m.Staff) -> str:
    """张伟（工号 1023，护士，主管护师，已离开）: enough to tell two people of one name apart."""
    parts = [msg("工号 {n}", "no. {n}", n=person.employee_no)]
    if person.profession in Profession._value2member_map_:
        parts.append(Profession(person.profession).label)
    if person.title:
        parts.append(person.title)
    if person.nursing_level:
        parts.append(person.nursing_level)
    if not person.active:
        parts.append(msg("已离开", "left"))
    return msg("{n}（{d}）", "{n} ({d})", n=person.name, d=msg("，", ", ").join(parts))


class People:
    """The live staff list, indexed the ways a sheet names a person."""

    def __init__(self, session: Session) -> None:
        self.all = list(session.scalars(live(m.Staff).order_by(m.Staff.employee_no)))
        self.by_number = {p.employee_no: p for p in self.all}
        self.by_name: dict[str, list[m.Staff]] = {}
        for p in self.all:
            self.by_name.setdefault(person_name(p.name), []).append(p)

    def by_employee_no(self, raw: object) -> m.Staff | None:
        """The person with this number. Excel drops leading zeros of a number cell (00123 → 123), so a
        numeric cell also finds the one person whose number differs only by them."""
        number = code_text(raw)
        if number in self.by_number:
            return self.by_number[number]
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            padded = [p for n, p in self.by_number.items() if n.lstrip("0") == number.lstrip("0")]
            if len(padded) == 1:
                return padded[0]
        return None

    def named(self, name: str) -> list[m.Staff]:
        return self.by_name.get(person_name(name), [])


def find_person(plan: Plan, people: People, row: int, values: Mapping[str, object],
                answers: Answers | None) -> m.Staff | None:
    """The existing person a row of an attendance, score or member sheet means, by 工号 first and by 姓名
    only when one person has that name; otherwise a problem or a question is added and None returned."""
    raw_no, raw_name = values.get("employee_no"), values.get("name")
    name = person_name(raw_name)
    if not blank(raw_no):
        person = people.by_employee_no(raw_no)
        if person is None:
            hint = ""
            same = people.named(name) if name else []
            if len(same) == 1:
                hint = msg("（名单中的{n}工号是 {k}）", " (the {n} on the list has number {k})", n=same[0].name,
                           k=same[0].employee_no)
            plan.refuse(row, "employee_no", msg("工号“{k}”不在人员名单中{h}。请先导入人员名单或在“人员”页新增。",
                                                "Employee number '{k}' is not on the staff list{h}. Import the roster "
                                                "or add the person on the Staff page first.", k=code_text(raw_no), h=hint))
            return None
        if name and person_name(person.name) != name:
            plan.refuse(row, "name", msg("工号 {k} 在人员名单中是 {p}，与表中的姓名“{n}”不符。",
                                         "Employee number {k} is {p} on the staff list, not '{n}'.",
                                         k=person.employee_no, p=person.name, n=name))
            return None
        return person
    if not name:
        plan.refuse(row, "name", msg("请填写姓名或工号。", "Give the name or the employee number."))
        return None
    return _by_name(plan, people, row, name, answers)


def _by_name(plan: Plan, people: People, row: int, name: str, answers: Answers | None) -> m.Staff | None:
    same = people.named(name)
    if not same:
        plan.refuse(row, "name", msg("“{n}”不在人员名单中。请先导入人员名单或在“人员”页新增。",
                                     "'{n}' is not on the staff list. Import the roster or add the person on the Staff "
                                     "page first.", n=name))
        return None
    if len(same) == 1:
        return same[0]
    chosen = answer_for(answers, row)
    for person in same:
        if chosen == person.employee_no:
            return person
    plan.questions.append(Question(
        row, msg("第 {r} 行“{n}”：人员名单中有 {k} 位同名人员，是哪一位？（也可在表中填写工号）",
                 "Row {r}, '{n}': {k} people on the staff list have this name. Which one is meant? (Or give the "
                 "employee number in the sheet.)", r=row, n=name, k=len(same)),
        tuple(Choice(p.employee_no, describe(p)) for p in same)))
    return None


def duplicate_rows(plan: Plan, row: int, key: object, seen: dict, column: str, what: str) -> bool:
    """True (and a problem on this row) when an earlier row of the sheet already had the same `key`."""
    if key in seen:
        plan.refuse(row, column, msg("与第 {o} 行重复（{w}）。", "Duplicates row {o} ({w}).", o=seen[key], w=what))
        return True
    seen[key] = row
    return False
