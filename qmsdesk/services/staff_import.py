"""Importing the staff list (人员名单) from a sheet, and its template.

People are matched by 工号. A row whose number is new but whose name is already on the list under another
number is asked about (the same person with a corrected number, or a namesake to add), never guessed, so an
import never makes a second copy of a person. Blank optional cells leave what is recorded alone; people
missing from the sheet are not touched. Rows are written through services.staff, so a sheet and the
staff form obey the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import Gender, NursingLevel, Profession
from qmsdesk.i18n import msg
from qmsdesk.services import staff as staff_service
from qmsdesk.services.import_preview import (
    ADD,
    NEW_PERSON,
    PERSON_COLUMNS,
    UNCHANGED,
    UPDATE,
    Answers,
    Change,
    Choice,
    ImportPreview,
    Noun,
    People,
    Plan,
    PlannedRow,
    Question,
    Write,
    answer_for,
    apply_or_refuse,
    describe,
    duplicate_rows,
    import_sheet,
)
from qmsdesk.services.sheet_template import EXAMPLE_PREFIX, TemplateColumn, TemplateSpec, write_template
from qmsdesk.services.sheets import (
    Column,
    SheetRow,
    blank,
    cell_text,
    code_text,
    parse_date,
    person_name,
    plain_text,
)

COLUMNS = (
    *PERSON_COLUMNS,
    Column("gender", "性别", "gender", ("sex",)),
    Column("profession", "专业类别", "profession", ("专业", "人员类别", "岗位类别", "类别")),
    Column("title", "职称", "title", ("技术职称", "专业技术职称", "专业技术职务")),
    Column("nursing_level", "护士层级", "nursing level", ("层级", "能级", "护士能级", "护理层级")),
    Column("hire_date", "入职日期", "hire date", ("入职时间", "来院日期", "来院时间", "入科日期", "入科时间")),
    Column("license_no", "执业证书号", "licence number", ("执业证书编号", "执业证书编码", "执业证号", "证书编号")),
)
REQUIRED = (("name",), ("employee_no",))
NOUN = Noun("人", "people")
_LABELS = {c.key: c for c in COLUMNS}
# What people write for a profession beside its label (医师, 护士 …) and code.
_PROFESSION_WORDS = {"医生": "doctor", "护理": "nurse", "护师": "nurse", "医技": "technician", "药剂": "pharmacist"}
_GENDER_WORDS = {"男": "male", "女": "female", "m": "male", "f": "female", "男性": "male", "女性": "female"}


def example_row(name: object) -> bool:
    return cell_text(name).startswith(EXAMPLE_PREFIX)


def example_refusal() -> str:
    return msg("这是模板中的示例行，请删除或改成真实人员后再导入。",
               "This is one of the template's example rows: delete it or replace it with a real person.")


# --- reading one row ------------------------------------------------------------------------------

def _choice(value: object, enum: type, words: dict[str, str]) -> str:
    text = cell_text(value)
    code = words.get(text) or words.get(text.lower())
    return code if code else enum.from_label_or_code(text).value


def _level(value: object) -> str:
    found = re.fullmatch(r"N\s*([0-4])\s*级?(?:\W.*)?", cell_text(value).upper())
    if not found:
        raise ValueError(value)
    return f"N{found.group(1)}"


def _not_a_date(text: str) -> str:
    return msg("“{x}”不是日期（例如 2019-07-01、2019/7/1 或 2019年7月1日）。",
               "'{x}' is not a date (for example 2019-07-01, 2019/7/1 or 2019年7月1日).", x=text)


# column -> (parse the cell, the message when it cannot be parsed)
_PARSERS: dict[str, tuple[Callable[[object], object], Callable[[str], str]]] = {
    "gender": (lambda x: _choice(x, Gender, _GENDER_WORDS),
               lambda _x: msg("性别应为“男”或“女”。", "Gender should be 男 or 女.")),
    "profession": (lambda x: _choice(x, Profession, _PROFESSION_WORDS),
                   lambda _x: msg("专业类别应为：{o}。", "The profession should be one of: {o}.",
                                  o="、".join(p.label for p in Profession))),
    "nursing_level": (_level, lambda _x: msg("护士层级应为 N0–N4。", "The nursing level should be N0–N4.")),
    "hire_date": (parse_date, _not_a_date),
    "title": (plain_text, str),
    "license_no": (code_text, str),
}


def _row_values(plan: Plan, row: SheetRow) -> dict[str, object] | None:
    """The row's values as the staff service takes them (only the cells that were filled in)."""
    v, r = row.values, row.row
    name, number = person_name(v.get("name")), code_text(v.get("employee_no"))
    if not name:
        plan.refuse(r, "name", msg("请填写姓名。", "The name is required."))
    elif example_row(name):
        plan.refuse(r, "name", example_refusal())
    if not number:
        plan.refuse(r, "employee_no", msg("请填写工号。", "The employee number is required."))
    out: dict[str, object] = dict(name=name, employee_no=number)
    for key, (parse, problem) in _PARSERS.items():
        if blank(v.get(key)):
            continue
        try:
            out[key] = parse(v[key])
        except ValueError:
            plan.refuse(r, key, problem(cell_text(v[key])))
    return None if plan.failed(r) else out


# --- planning -------------------------------------------------------------------------------------

def _shown(key: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    enums = {"gender": Gender, "profession": Profession, "nursing_level": NursingLevel}
    if key in enums and value in enums[key]._value2member_map_:
        return enums[key](value).label
    return str(value)


def _changes(person: m.Staff, values: dict[str, object]) -> dict[str, object]:
    """The filled-in cells that differ from the record, in the order of the sheet's columns."""
    return {c.key: values[c.key] for c in COLUMNS if c.key in values and getattr(person, c.key) != values[c.key]}


def _plan_update(session: Session, plan: Plan, row: int, person: m.Staff, values: dict[str, object]) -> None:
    changes = _changes(person, values)
    shown = tuple(Change(_LABELS[k].label, _shown(k, getattr(person, k)), _shown(k, v)) for k, v in changes.items())
    plan.rows.append(PlannedRow(row, UPDATE if changes else UNCHANGED, describe(person), shown))
    if changes:
        plan.writes.append(Write(row, lambda: staff_service.update_staff(session, person.id, **changes),
                                 _FIELDS))


def _plan_add(session: Session, plan: Plan, row: int, values: dict[str, object], has_profession_column: bool) -> None:
    if not values.get("profession"):
        if has_profession_column:
            plan.refuse(row, "profession", msg("新增人员请填写专业类别（{o}）。", "A new person needs a profession ({o}).",
                                               o="、".join(p.label for p in Profession)))
        else:
            plan.refuse(row, "profession", msg("{n} 是新增人员，需要“专业类别”列（{o}）。",
                                               "{n} is new and needs a 专业类别 (profession) column ({o}).",
                                               n=values["name"], o="、".join(p.label for p in Profession)))
        return
    subject = msg("{n}（工号 {k}）", "{n} (no. {k})", n=values["name"], k=values["employee_no"])
    plan.rows.append(PlannedRow(row, ADD, subject))
    plan.writes.append(Write(row, lambda: staff_service.create_staff(session, **values), _FIELDS))


# The staff service names its fields as the sheet does, except where noted.
_FIELDS = {"": "name", "left_on": "hire_date"} | {c.key: c.key for c in COLUMNS}


def _same_name_question(row: int, values: dict, candidates: list[m.Staff]) -> Question:
    name, number = values["name"], values["employee_no"]
    choices = [Choice(p.employee_no, msg("是同一人：{p}，工号改为 {k}", "The same person: {p}; change the number to {k}",
                                         p=describe(p), k=number)) for p in candidates]
    choices.append(Choice(NEW_PERSON, msg("不是同一人：新增 {n}（工号 {k}）", "A different person: add {n} (no. {k})",
                                          n=name, k=number)))
    return Question(row, msg("第 {r} 行 {n}（工号 {k}）：人员名单中已有同名人员，工号不同。是同一人吗？",
                             "Row {r}, {n} (no. {k}): the staff list has someone of this name under another number. "
                             "Is it the same person?", r=row, n=name, k=number), tuple(choices))


def _plan_rows(session: Session, plan: Plan, answers: Answers | None) -> None:
    people = People(session)
    assert plan.sheet is not None
    has_profession = "profession" in plan.sheet.rows[0].values
    numbers_in_sheet = {code_text(r.values.get("employee_no")) for r in plan.sheet.rows}
    seen: dict[object, int] = {}
    updates, adds = [], []
    for sheet_row in plan.sheet.rows:
        values = _row_values(plan, sheet_row)
        r = sheet_row.row
        if values is None or duplicate_rows(plan, r, values["employee_no"], seen, "employee_no",
                                            msg("同一工号", "same employee number")):
            continue
        person = people.by_employee_no(sheet_row.values.get("employee_no"))
        if person is not None:
            values["employee_no"] = person.employee_no  # the number as recorded (00123, not 123)
            updates.append((r, person, values))
            continue
        namesakes = [p for p in people.named(values["name"]) if p.employee_no not in numbers_in_sheet]
        chosen = answer_for(answers, r)
        if not namesakes or chosen == NEW_PERSON:
            adds.append((r, values))
        elif (match := next((p for p in namesakes if p.employee_no == chosen), None)) is not None:
            updates.append((r, match, values))
        else:
            plan.questions.append(_same_name_question(r, values, namesakes))
    # Updates first: a number freed by one row may be taken by a new person in another.
    for r, person, values in updates:
        _plan_update(session, plan, r, person, values)
    for r, values in adds:
        _plan_add(session, plan, r, values, has_profession)


# --- the public functions -------------------------------------------------------------------------

def preview_staff_import(session: Session, path: Path | str, answers: Answers | None = None) -> ImportPreview:
    """The dry run: who would be added, updated (with each change) or left unchanged, the problems by row
    and column, and the rows whose person must be chosen. Nothing is written."""
    return _run(session, path, answers, dry_run=True)


def import_staff(session: Session, path: Path | str, answers: Answers | None = None) -> ImportPreview:
    """Import the sheet, all rows or none; raises ImportRefused naming every problem and open question."""
    return apply_or_refuse(_run(session, path, answers, dry_run=False))


def _run(session: Session, path: Path | str, answers: Answers | None, *, dry_run: bool) -> ImportPreview:
    return import_sheet(session, path, NOUN, COLUMNS, REQUIRED, lambda plan: _plan_rows(session, plan, answers),
                        dry_run=dry_run)


# --- template -------------------------------------------------------------------------------------

TEMPLATE = TemplateSpec(
    sheet_title="人员名单",
    columns=(
        TemplateColumn("姓名", 12, "与工号一起用来识别人员；名字中的空格不影响匹配。", "必填"),
        TemplateColumn("工号", 12, "每人唯一。已在名单中的工号会更新该人员，新的工号会新增人员。", "必填"),
        TemplateColumn("性别", 6, "男 或 女。", choices=("男", "女")),
        TemplateColumn("专业类别", 10, "医师、护士、技师、药师、其他。新增人员必填；已有人员留空表示不改。",
                       "新增必填", choices=tuple(p.label for p in Profession)),
        TemplateColumn("职称", 14, "例如 护士、护师、主管护师、副主任护师、主治医师。"),
        TemplateColumn("护士层级", 9, "N0–N4，只适用于护士。", choices=tuple(n.value for n in NursingLevel)),
        TemplateColumn("入职日期", 12, "例如 2019-07-01、2019/7/1 或 2019年7月1日。", kind="date"),
        TemplateColumn("执业证书号", 20, "只保存在本科室电脑上，不上报质控办。"),
    ),
    examples=(
        ("示例：王芳", "1001", "女", "护士", "主管护师", "N3", date(2012, 7, 1), "201211000001"),
        ("示例：李强", "1002", "男", "医师", "主治医师", None, date(2015, 8, 1), None),
    ),
    notes=(
        "灰色斜体的两行是示例（姓名以“示例”开头），导入前请删除或改成真实人员，否则导入会提示出错。",
        "表头可以不在第 1 行（上方可以有标题行），列的顺序随意；没有的列（如性别）可以删掉。",
        "按工号匹配已有人员：工号相同就更新，留空的格子不会清除已有内容；名单中没有的人员不受影响。",
        "工号是新的、但名单中已有同名人员时，导入前会请您确认是同一人（改工号）还是另一位同名人员（新增）。",
        "导入前会先试运行，显示将新增、更新、未变的人数；有任何一行出错都不会写入，并指出第几行哪一列。",
    ),
)


def write_staff_template(path: Path | str) -> Path:
    return write_template(path, TEMPLATE)
