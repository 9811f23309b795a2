"""Importing the quality group's members (质控小组成员: person, role, from when to when) from a sheet, and its template.

Members must already be on the staff list (import the roster first); a row names them by 工号 or by a
name only one person has. A membership is the person's from its start date: the same person and start
date again updates the role or end date. Rows are written through services.group, so the one-leader rule
and the no-overlap rule hold exactly as on the 质控小组 page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import GroupRole
from qmsdesk.db.queries import live
from qmsdesk.i18n import msg
from qmsdesk.services import group as group_service
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
from qmsdesk.services.sheets import Column, SheetRow, blank, cell_text, parse_date
from qmsdesk.services.staff_import import example_refusal, example_row

COLUMNS = (
    *PERSON_COLUMNS,
    Column("role", "小组角色", "group role", ("角色", "组内角色", "小组职务", "担任")),
    Column("start_date", "起始日期", "start date", ("开始日期", "任职日期", "加入日期", "起始时间", "开始时间")),
    Column("end_date", "结束日期", "end date", ("截止日期", "终止日期", "离组日期", "结束时间")),
)
REQUIRED = (("name", "employee_no"), ("role",), ("start_date",))
NOUN = Noun("条任职", "memberships")
_ROLE_WORDS = {"组员": "member", "小组成员": "member", "质控护士": "controller", "质控医师": "controller",
               "质控员": "controller", "质量控制员": "controller", "副组长": "deputy", "组长": "leader"}
_FIELDS = {"staff_id": "name", "role": "role", "start_date": "start_date", "end_date": "end_date", "": "start_date"}
_LABELS = {c.key: c for c in COLUMNS}


def _role(value: object) -> str:
    text = cell_text(value)
    return _ROLE_WORDS.get(text) or GroupRole.from_label_or_code(text).value


def _dates(plan: Plan, row: SheetRow) -> tuple[date | None, date | None]:
    out: list[date | None] = []
    for key in ("start_date", "end_date"):
        try:
            out.append(parse_date(row.values.get(key)))
        except ValueError:
            plan.refuse(row.row, key, msg("“{x}”不是日期（例如 2026-01-01、2026/1/1 或 2026年1月1日）。",
                                          "'{x}' is not a date (for example 2026-01-01, 2026/1/1 or 2026年1月1日).",
                                          x=cell_text(row.values.get(key))))
            out.append(None)
    if out[0] is None and blank(row.values.get("start_date")):
        plan.refuse(row.row, "start_date", msg("请填写起始日期。", "The start date is required."))
    return out[0], out[1]


def _row_values(plan: Plan, row: SheetRow) -> dict | None:
    role = None
    if blank(row.values.get("role")):
        plan.refuse(row.row, "role", msg("请填写小组角色（{o}）。", "The group role is required ({o}).",
                                         o="、".join(r.label for r in GroupRole)))
    else:
        try:
            role = _role(row.values["role"])
        except ValueError:
            plan.refuse(row.row, "role", msg("小组角色应为：{o}。", "The group role should be one of: {o}.",
                                             o="、".join(r.label for r in GroupRole)))
    start, end = _dates(plan, row)
    return None if plan.failed(row.row) else dict(role=role, start_date=start, end_date=end)


def _shown(key: str, value: object) -> str:
    if value is None:
        return ""
    if key == "role":
        return GroupRole(value).label
    return value.isoformat() if isinstance(value, date) else str(value)


def _plan_rows(session: Session, plan: Plan, answers: Answers | None) -> None:
    assert plan.sheet is not None
    people = People(session)
    memberships = list(session.scalars(live(m.GroupMembership)))
    seen: dict[object, int] = {}
    updates, adds = [], []
    for sheet_row in plan.sheet.rows:
        r = sheet_row.row
        if example_row(sheet_row.values.get("name")):
            plan.refuse(r, "name", example_refusal())
            continue
        values = _row_values(plan, sheet_row)
        person = find_person(plan, people, r, sheet_row.values, answers)
        if person is None or values is None or duplicate_rows(
                plan, r, (person.id, values["start_date"]), seen, "start_date",
                msg("同一人同一起始日期", "same person and start date")):
            continue
        existing = next((g for g in memberships if g.staff_id == person.id and g.start_date == values["start_date"]),
                        None)
        if existing is None:
            adds.append((r, person, values))
            continue
        changes = {k: values[k] for k in ("role", "end_date") if getattr(existing, k) != values[k]}
        shown = tuple(Change(_LABELS[k].label, _shown(k, getattr(existing, k)), _shown(k, v)) for k, v in changes.items())
        plan.rows.append(PlannedRow(r, UPDATE if changes else UNCHANGED, describe(person), shown))
        if changes:
            updates.append(Write(r, _update(session, existing.id, changes), _FIELDS))
    # Updates first: ending the old leader's term makes room for the new leader's.
    plan.writes.extend(updates)
    for r, person, values in adds:
        plan.rows.append(PlannedRow(r, ADD, msg("{p}：{role}，自 {d}", "{p}: {role} from {d}", p=describe(person),
                                                role=GroupRole(values["role"]).label, d=values["start_date"].isoformat())))
        plan.writes.append(Write(r, _add(session, person.id, values), _FIELDS))


def _update(session: Session, membership_id, changes: dict):
    return lambda: group_service.update_member(session, membership_id, **changes)


def _add(session: Session, staff_id, values: dict):
    return lambda: group_service.add_member(session, staff_id=staff_id, **values)


def preview_group_import(session: Session, path: Path | str, answers: Answers | None = None) -> ImportPreview:
    """The dry run: memberships to add, update or leave unchanged, problems by row and column, and the rows
    whose person must be chosen. Nothing is written."""
    return _run(session, path, answers, dry_run=True)


def import_group(session: Session, path: Path | str, answers: Answers | None = None) -> ImportPreview:
    """Import the sheet, all rows or none; raises ImportRefused naming every problem and open question."""
    return apply_or_refuse(_run(session, path, answers, dry_run=False))


def _run(session: Session, path: Path | str, answers: Answers | None, *, dry_run: bool) -> ImportPreview:
    return import_sheet(session, path, NOUN, COLUMNS, REQUIRED, lambda plan: _plan_rows(session, plan, answers),
                        dry_run=dry_run)


TEMPLATE = TemplateSpec(
    sheet_title="质控小组成员",
    columns=(
        TemplateColumn("姓名", 12, "须已在人员名单中（先导入人员名单）。同名时请填写工号。", "与工号二选一"),
        TemplateColumn("工号", 12, "有工号时按工号找人，最可靠。", "与姓名二选一", kind="text"),
        TemplateColumn("小组角色", 10, "组长、副组长、质控员、成员。同一时间只能有一位组长。", "必填",
                       choices=tuple(r.label for r in GroupRole)),
        TemplateColumn("起始日期", 12, "担任该角色的起始日期，例如 2026-01-01。", "必填", kind="date"),
        TemplateColumn("结束日期", 12, "仍在任留空；离开小组或换角色时填写。", kind="date"),
    ),
    examples=(
        ("示例：张主任", "1998001", "组长", date(2026, 1, 1), None),
        ("示例：王芳", "1001", "质控员", date(2026, 1, 1), None),
    ),
    notes=(
        "灰色斜体的两行是示例（姓名以“示例”开头），导入前请删除或改成真实成员。",
        "成员必须已在人员名单中：请先导入人员名单（qmsdesk staff import），再导入小组成员。",
        "同一人同一起始日期再次导入会更新角色或结束日期；换角色时请给原任职填写结束日期，再加一行新角色。",
        "导入前会先试运行；有任何一行出错都不会写入，并指出第几行哪一列。",
    ),
)


def write_group_template(path: Path | str) -> Path:
    return write_template(path, TEMPLATE)
