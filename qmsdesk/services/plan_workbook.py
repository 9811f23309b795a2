"""The annual plan as a workbook: written by `qmsdesk plan show --out`, read back by `qmsdesk plan import`.

One sheet per part (年度目标, 指标目标, 每月重点, 培训计划, 检查计划, PDCA主题) with Chinese headers, so a
head nurse can write next year's plan in a spreadsheet. Import is all or nothing: every row is checked
first and every problem is listed with its sheet and row; only then are the year's items replaced.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qmsdesk.db import enums as e
from qmsdesk.errors import Collector, ValidationError
from qmsdesk.i18n import msg
from qmsdesk.services import plan as svc
from qmsdesk.services.indicator_import import parse_number

OBJECTIVES, GOALS, FOCUS, TRAINING, INSPECTION, PDCA = "年度目标", "指标目标", "每月重点", "培训计划", "检查计划", "PDCA主题"
HEADERS = {
    OBJECTIVES: ("年度质控目标与工作重点",),
    GOALS: ("指标代码", "指标名称", "目录目标值", "年度目标", "说明"),
    FOCUS: ("月份", "质控重点", "具体内容", "落实情况"),
    TRAINING: ("月份", "培训主题", "类别", "学时", "培训对象", "授课人"),
    INSPECTION: ("检查项目", "评分表编码", "检查类型", "频次", "负责人"),
    PDCA: ("PDCA主题", "开始月份", "关联指标", "负责人"),
}
WIDTHS = {OBJECTIVES: (100,), GOALS: (16, 40, 12, 12, 40), FOCUS: (8, 30, 50, 40), TRAINING: (8, 40, 18, 8, 16, 14),
          INSPECTION: (30, 18, 16, 10, 16), PDCA: (40, 10, 16, 14)}


def plan_workbook(view: svc.PlanView, masker=None) -> bytes:
    """The plan as .xlsx bytes; goals list every indicator with its catalogue target beside the year's.

    `masker` (reports.masking.PatientMasker) masks patient numbers typed into the plan's text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from qmsdesk.reports.workbook import write_row

    rows: dict[str, list[list[Any]]] = {
        OBJECTIVES: [[view.objectives]],
        GOALS: [[g.code, g.name, g.catalogue_target, g.goal if g.own else None, g.note] for g in view.goals],
        FOCUS: [[f.month, f.theme, f.details, f.outcome] for f in view.focus],
        TRAINING: [[t.month, t.topic, t.category_label, t.hours, t.audience, t.trainer] for t in view.trainings],
        INSPECTION: [[i.title, i.template_code, i.kind_label, i.frequency_label, i.responsible] for i in view.inspections],
        PDCA: [[p.theme, p.start_month, p.indicator_code, p.leader] for p in view.pdca],
    }
    if masker is not None:
        rows = masker.deep(rows)
    wb = Workbook()
    wb.remove(wb.active)
    for name, headers in HEADERS.items():
        ws = wb.create_sheet(name)
        for cell in write_row(ws, 1, list(headers)):
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for n, values in enumerate(rows[name], start=2):
            for cell in write_row(ws, n, values):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for col, width in zip("ABCDEF", WIDTHS[name], strict=False):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
    wb.properties.title = f"{view.year} 年度质控计划"
    wb.properties.creator = "qmsdesk"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class ParsedPlan:
    objectives: str | None = None
    goals: list[tuple[str, float | None, str | None]] = field(default_factory=list)
    focus: list[dict] = field(default_factory=list)
    trainings: list[dict] = field(default_factory=list)
    inspections: list[dict] = field(default_factory=list)
    pdca: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {GOALS: sum(v is not None for _c, v, _n in self.goals), FOCUS: len(self.focus),
                TRAINING: len(self.trainings), INSPECTION: len(self.inspections), PDCA: len(self.pdca)}


def _sheets(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    if not path.is_file():
        raise ValidationError(msg("找不到文件：{p}", "File not found: {p}", p=path), "file")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a damaged file
        raise ValidationError(msg("无法读取工作簿 {p}：{e}", "Cannot read the workbook {p}: {e}", p=path.name, e=exc),
                              "file") from exc
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _month(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    text = text.removesuffix("月")
    return int(float(text)) if text.replace(".", "", 1).isdigit() else -1


def _choice(enum: type[e.LabelledEnum], value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return enum.from_label_or_code(text).value
    except ValueError:
        return text


class _Reader:
    def __init__(self, sheets: dict[str, list[tuple]]) -> None:
        self.sheets, self.c = sheets, Collector()

    def rows(self, name: str):
        """(row number, values by header) of a sheet's filled rows; a missing sheet has none."""
        raw = self.sheets.get(name)
        if not raw:
            return
        headers = [str(h).strip() if h is not None else "" for h in raw[0]]
        missing = [h for h in HEADERS[name][:2] if h not in headers]
        if missing and name != OBJECTIVES:
            self.c.add(name, msg("工作表“{s}”缺少列：{c}。", "Sheet '{s}' lacks the columns: {c}.", s=name, c="、".join(missing)))
            return
        for n, values in enumerate(raw[1:], start=2):
            row = {h: values[i] if i < len(values) else None for i, h in enumerate(headers) if h}
            if any(_text(v) for v in row.values()):
                yield n, row

    def check(self, name: str, n: int, values: dict, checker) -> dict:
        one = Collector()
        checker(values, one)
        for err in one.errors:
            self.c.add(f"{name}:{n}", msg("“{s}”第 {r} 行：{m}", "Sheet '{s}', row {r}: {m}", s=name, r=n, m=err.message))
        return values


def read_plan_workbook(session: Session, path: Path | str) -> ParsedPlan:
    """Every row of the workbook checked; ValidationError lists all problems with sheet and row."""
    r = _Reader(_sheets(Path(path)))
    out = ParsedPlan()
    objectives = r.sheets.get(OBJECTIVES) or []
    out.objectives = "\n".join(t for row in objectives[1:] for t in [_text(row[0]) if row else None] if t) or None
    known = _all_codes(session)
    for n, row in r.rows(GOALS):
        code = _text(row.get("指标代码"))
        try:
            goal = parse_number(row.get("年度目标"))
        except ValueError:
            r.c.add(f"{GOALS}:{n}", msg("“{s}”第 {r} 行：年度目标“{v}”不是数字。", "Sheet '{s}', row {r}: the goal '{v}' is "
                                        "not a number.", s=GOALS, r=n, v=row.get("年度目标")))
            continue
        if code not in known:
            r.c.add(f"{GOALS}:{n}", msg("“{s}”第 {r} 行：没有编码为 {c} 的指标。", "Sheet '{s}', row {r}: no indicator has "
                                        "the code {c}.", s=GOALS, r=n, c=code))
            continue
        out.goals.append((code, goal, _text(row.get("说明"))))
    for n, row in r.rows(FOCUS):
        out.focus.append(r.check(FOCUS, n, dict(month=_month(row.get("月份")), theme=_text(row.get("质控重点")),
                                                details=_text(row.get("具体内容")), outcome=_text(row.get("落实情况"))),
                                 svc.check_focus))
    for n, row in r.rows(TRAINING):
        try:
            hours = parse_number(row.get("学时"))
        except ValueError:
            hours = -1
        out.trainings.append(r.check(TRAINING, n, dict(
            month=_month(row.get("月份")), topic=_text(row.get("培训主题")),
            category=_choice(e.TrainingCategory, row.get("类别")), hours=hours, audience=_text(row.get("培训对象")),
            trainer=_text(row.get("授课人"))), svc.check_training))
    for n, row in r.rows(INSPECTION):
        out.inspections.append(r.check(INSPECTION, n, dict(
            title=_text(row.get("检查项目")), template_code=_text(row.get("评分表编码")),
            kind=_choice(e.InspectionKind, row.get("检查类型")) or e.InspectionKind.SELF.value,
            frequency=_choice(e.InspectionFrequency, row.get("频次")), responsible=_text(row.get("负责人"))),
            svc.check_inspection))
    for n, row in r.rows(PDCA):
        values = r.check(PDCA, n, dict(theme=_text(row.get("PDCA主题")), start_month=_month(row.get("开始月份")),
                                       indicator_code=_text(row.get("关联指标")), leader=_text(row.get("负责人"))),
                         svc.check_pdca)
        if values["indicator_code"] and values["indicator_code"] not in known:
            r.c.add(f"{PDCA}:{n}", msg("“{s}”第 {r} 行：没有编码为 {c} 的指标。", "Sheet '{s}', row {r}: no indicator has "
                                       "the code {c}.", s=PDCA, r=n, c=values["indicator_code"]))
        out.pdca.append(values)
    r.c.raise_if_any()
    return out


def _all_codes(session: Session) -> set[str]:
    from qmsdesk.db import models as m
    from qmsdesk.db.queries import live

    return {d.code for d in session.scalars(live(m.IndicatorDefinition))}


def import_plan(session: Session, year: int, path: Path | str) -> ParsedPlan:
    """Replace the year's plan by the workbook's (objectives, goals and every item), all or nothing."""
    parsed = read_plan_workbook(session, path)
    view = svc.plan_view(session, year)
    for line in (*view.focus, *view.trainings, *view.inspections, *view.pdca):
        svc.delete_item(session, line.id)
    svc.set_objectives(session, year, parsed.objectives)
    for g in view.goals:
        if g.own:
            svc.reset_goal(session, year, g.code)
    for code, goal, note in parsed.goals:
        if goal is not None:
            svc.set_goal(session, year, code, goal, note=note)
    for values in parsed.focus:
        outcome = values.pop("outcome")
        row = svc.add_focus(session, year, **values)
        if outcome:
            svc.record_focus_outcome(session, row.id, outcome)
    for values in parsed.trainings:
        svc.add_training(session, year, **values)
    for values in parsed.inspections:
        svc.add_inspection(session, year, **values)
    for values in parsed.pdca:
        svc.add_pdca_theme(session, year, **values)
    return parsed
