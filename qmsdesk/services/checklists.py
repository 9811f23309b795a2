"""检查评分表: the shipped checklist templates, their validation, and the ward's editable copies.

Templates ship as TOML files in `resources/checklists/` (see the README there) and are validated like
the indicator catalogue: a bad file is refused with the file, item and key named. Installed into the
database they become ChecklistTemplate rows the ward may revise; a version that an inspection used is
never changed in place — revising makes a new version, so the inspection keeps the items it was scored on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.db import models as m
from qmsdesk.db.enums import CheckMethod, DepartmentType
from qmsdesk.db.queries import live
from qmsdesk.errors import NotFoundError, QmsError, ValidationError
from qmsdesk.i18n import bracketed, msg
from qmsdesk.services.base import get
from qmsdesk.services.toml_files import read_toml

SUPPORTED_FORMAT = 1
_HEAD_KEYS = {"format", "code", "version", "name", "category", "department_types", "total", "sources", "item"}
_ITEM_REQUIRED = ("section", "code", "text", "standard", "method", "cap", "rule")
_ITEM_OPTIONAL = ("sample", "per")
SHIPPED, LOCAL = "shipped", "local"


class TemplateError(QmsError):
    """A checklist template file is missing, unreadable or breaks a rule."""


@dataclass(frozen=True)
class ItemSpec:
    section: str
    code: str
    text: str
    standard: float
    method: str
    sample: int | None
    per: float | None
    cap: float
    rule: str


@dataclass(frozen=True)
class TemplateSpec:
    """A template as a file states it, validated."""

    code: str
    version: str
    name: str
    category: str
    department_types: tuple[str, ...]
    total: float
    sources: tuple[str, ...]
    items: tuple[ItemSpec, ...] = field(default_factory=tuple)

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(i.section for i in self.items))


def templates_dir() -> Path:
    """The folder of shipped templates (inside the installed package `qmsdesk.resources`)."""
    try:
        return Path(str(resources.files("qmsdesk.resources") / "checklists"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "checklists"


def read_template(path: Path | str) -> TemplateSpec:
    """Read and validate one template file; any problem raises TemplateError naming file, item and key."""
    path = Path(path)
    data = read_toml(path, TemplateError, "检查评分表文件", "the checklist file")
    return parse_template(data, path.name)


def parse_template(data: dict, where: str) -> TemplateSpec:
    """Validate a template already parsed from TOML; `where` names it in messages (the file name)."""

    def bad(key: str, zh: str, en: str) -> TemplateError:
        return TemplateError(msg("检查评分表 {w} 的 {k}：{z}", "Checklist {w}, key {k}: {e}", w=where, k=key, z=zh, e=en))

    if data.get("format") != SUPPORTED_FORMAT:
        raise bad("format", f"格式版本 {data.get('format')} 不受支持（本程序支持 {SUPPORTED_FORMAT}）",
                  f"format {data.get('format')} is not supported (this program reads {SUPPORTED_FORMAT})")
    unknown = set(data) - _HEAD_KEYS
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的键", "unknown key")
    for key in ("code", "version", "name", "category"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise bad(key, "应为非空文本", "must be non-empty text")
    types = data.get("department_types")
    if not isinstance(types, list) or any(t not in {d.value for d in DepartmentType} for t in types):
        raise bad("department_types", "含有未知的科室类型", "lists an unknown department type")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s.strip() for s in sources):
        raise bad("sources", "应列出至少一条出处（评分标准来自哪里）", "must name at least one source")
    raw = data.get("item")
    if not isinstance(raw, list) or not raw:
        raise bad("item", "没有检查项目", "lists no items")
    items = [_item(where, n, x) for n, x in enumerate(raw, start=1)]
    codes = [i.code for i in items]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate:
        raise bad("item", f"项目编码 {duplicate} 重复", f"item code {duplicate} is used twice")
    total = data.get("total")
    if isinstance(total, bool) or not isinstance(total, int | float) or total <= 0:
        raise bad("total", "应为大于 0 的总分", "must be a total above 0")
    summed = sum(i.standard for i in items)
    if abs(summed - total) > 1e-9:
        raise bad("total", f"各项标准分合计 {summed:g} 分，与总分 {total:g} 分不符",
                  f"the items add up to {summed:g}, not the stated total {total:g}")
    return TemplateSpec(data["code"].strip(), data["version"].strip(), data["name"].strip(), data["category"].strip(),
                        tuple(types), float(total), tuple(s.strip() for s in sources), tuple(items))


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _item(where: str, index: int, item: object) -> ItemSpec:
    def bad(key: str, zh: str, en: str) -> TemplateError:
        code = item.get("code", "?") if isinstance(item, dict) else "?"
        return TemplateError(msg("检查评分表 {w} 第 {i} 项（{c}）的 {k}：{z}", "Checklist {w}, item {i} ({c}), key {k}: {e}",
                                 w=where, i=index, c=code, k=key, z=zh, e=en))

    if not isinstance(item, dict):
        raise bad("-", "应为表格（[[item]]）", "must be a table ([[item]])")
    for key in _ITEM_REQUIRED:
        if key not in item:
            raise bad(key, "缺少必填项", "is missing")
    unknown = set(item) - set(_ITEM_REQUIRED) - set(_ITEM_OPTIONAL)
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的键", "unknown key")
    for key in ("section", "code", "text", "rule"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise bad(key, "应为非空文本", "must be non-empty text")
    if item["method"] not in {c.value for c in CheckMethod}:
        raise bad("method", "应为 view、ask、sample、observe 或 operate", "must be view, ask, sample, observe or operate")
    standard, cap, per, sample = item["standard"], item["cap"], item.get("per"), item.get("sample")
    if not _number(standard) or standard <= 0:
        raise bad("standard", "标准分应为大于 0 的数", "must be a number above 0")
    if not _number(cap) or not 0 < cap <= standard:
        raise bad("cap", "最多扣分应大于 0 且不超过标准分", "must be above 0 and at most the item's standard points")
    if per is not None and (not _number(per) or not 0 < per <= cap):
        raise bad("per", "每处扣分应大于 0 且不超过最多扣分", "must be above 0 and at most the cap")
    if sample is not None and (not isinstance(sample, int) or isinstance(sample, bool) or sample < 1):
        raise bad("sample", "抽查数量应为正整数", "must be a whole number of at least 1")
    if item["method"] == CheckMethod.SAMPLE and sample is None:
        raise bad("sample", "检查方法为抽查时必须写明抽查几份（人）", "is required when the method is sample")
    return ItemSpec(item["section"].strip(), item["code"].strip(), item["text"].strip(), float(standard),
                    item["method"], sample, None if per is None else float(per), float(cap), item["rule"].strip())


def shipped_templates() -> list[TemplateSpec]:
    """Every shipped template, validated, in file-name order (raises TemplateError on a bad file)."""
    out = [read_template(p) for p in sorted(templates_dir().glob("*.toml"))]
    codes = [t.code for t in out]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate:
        raise TemplateError(msg("有两个检查评分表使用同一编码 {c}。", "Two checklists use the code {c}.", c=duplicate))
    return out


# --- in the database ---------------------------------------------------------------------------

def _find(session: Session, code: str, version: str) -> m.ChecklistTemplate | None:
    return session.scalars(live(m.ChecklistTemplate).where(m.ChecklistTemplate.code == code,
                                                           m.ChecklistTemplate.version == version)).first()


def _add_template(session: Session, spec: TemplateSpec, *, origin: str, based_on: m.ChecklistTemplate | None = None,
                  new_id: Callable[[], uuid.UUID] = uuid.uuid4) -> m.ChecklistTemplate:
    row = m.ChecklistTemplate(id=new_id(), code=spec.code, version=spec.version, name=spec.name,
                              category=spec.category, department_types=list(spec.department_types),
                              sources=list(spec.sources), origin=origin, based_on_id=based_on.id if based_on else None,
                              active=True)
    session.add(row)
    session.flush()
    for position, item in enumerate(spec.items, start=1):
        row.items.append(m.ChecklistItem(
            id=new_id(), template_id=row.id, section=item.section, position=position, code=item.code, text=item.text,
            standard=item.standard, method=item.method, sample_size=item.sample, deduct_per=item.per, cap=item.cap,
            rule=item.rule))
    session.flush()
    return row


def install_templates(session: Session, specs: list[TemplateSpec] | None = None, *,
                      new_id: Callable[[], uuid.UUID] = uuid.uuid4) -> list[m.ChecklistTemplate]:
    """Add every shipped template version the database lacks; the newest version of a code stays active.

    Installed versions are left as they are (inspections may have used them), so running this after
    an upgrade only adds the new editions. `new_id` makes the ids (the demo draws them from its seed).
    """
    specs = specs if specs is not None else shipped_templates()
    out = []
    for spec in specs:
        row = _find(session, spec.code, spec.version)
        if row is None:
            row = _add_template(session, spec, origin=SHIPPED, new_id=new_id)
            _make_only_active(session, row)
        out.append(row)
    return out


def _make_only_active(session: Session, row: m.ChecklistTemplate) -> None:
    for other in session.scalars(live(m.ChecklistTemplate).where(m.ChecklistTemplate.code == row.code,
                                                                 m.ChecklistTemplate.id != row.id)):
        other.active = False
    row.active = True
    session.flush()


def get_template(session: Session, template_id) -> m.ChecklistTemplate:
    return get(session, m.ChecklistTemplate, template_id)


def find_template(session: Session, code: str, version: str | None = None) -> m.ChecklistTemplate:
    """The template `code` at `version` (default: the active version)."""
    stmt = live(m.ChecklistTemplate).where(m.ChecklistTemplate.code == code.strip())
    stmt = stmt.where(m.ChecklistTemplate.version == version) if version else stmt.where(
        m.ChecklistTemplate.active.is_(True))
    found = session.scalars(stmt).first()
    if found is None:
        what = f"{code} {version}" if version else code
        raise NotFoundError(msg("没有检查评分表 {c}。可用 qmsdesk checklists list 查看。",
                                "No checklist {c}. 'qmsdesk checklists list' shows them.", c=what))
    return found


def list_templates(session: Session, *, active_only: bool = True) -> list[m.ChecklistTemplate]:
    stmt = live(m.ChecklistTemplate)
    if active_only:
        stmt = stmt.where(m.ChecklistTemplate.active.is_(True))
    return list(session.scalars(stmt.order_by(m.ChecklistTemplate.code, m.ChecklistTemplate.created_at)))


def times_used(session: Session, template_id) -> int:
    return session.scalar(select(func.count()).select_from(m.Inspection).where(
        m.Inspection.template_id == template_id, m.Inspection.deleted.is_(False))) or 0


def spec_of(template: m.ChecklistTemplate) -> TemplateSpec:
    items = tuple(ItemSpec(i.section, i.code, i.text, i.standard, i.method, i.sample_size, i.deduct_per, i.cap, i.rule)
                  for i in template.items if not i.deleted)
    return TemplateSpec(template.code, template.version, template.name, template.category,
                        tuple(template.department_types or ()), template.total, tuple(template.sources or ()), items)


def revise_template(session: Session, template_id, spec: TemplateSpec) -> m.ChecklistTemplate:
    """Save the ward's edit of a template as a new version (`spec.version` must be new for its code).

    The revised version becomes the active one; the version it was based on stays for the inspections
    that used it.
    """
    base = get_template(session, template_id)
    if spec.code != base.code:
        raise ValidationError(msg("修订不能改变检查评分表的编码（{c}）。", "A revision keeps the checklist's code ({c}).",
                                  c=base.code), "code")
    if _find(session, spec.code, spec.version) is not None:
        raise ValidationError(msg("{c} 已有版本 {v}：修订请使用新的版本号（例如 {v}-本科1）。",
                                  "{c} already has version {v}; give the revision a new version (e.g. {v}-local1).",
                                  c=spec.code, v=spec.version), "version")
    row = _add_template(session, spec, origin=LOCAL, based_on=base)
    _make_only_active(session, row)
    return row


def import_template(session: Session, path: Path | str) -> m.ChecklistTemplate:
    """Install a template file (an office's own form, or an edited export) as a new version, made active."""
    spec = read_template(path)
    if _find(session, spec.code, spec.version) is not None:
        raise ValidationError(msg("{c} 版本 {v} 已经存在；要修改请在文件中改用新的版本号。",
                                  "{c} version {v} already exists; use a new version in the file to change it.",
                                  c=spec.code, v=spec.version), "version")
    based_on = session.scalars(live(m.ChecklistTemplate).where(m.ChecklistTemplate.code == spec.code,
                                                               m.ChecklistTemplate.active.is_(True))).first()
    row = _add_template(session, spec, origin=LOCAL, based_on=based_on)
    _make_only_active(session, row)
    return row


def export_template(template: m.ChecklistTemplate) -> str:
    """The template as a TOML file that `import_template` (and `read_template`) reads back unchanged."""
    spec = spec_of(template)
    lines = [f"# {spec.name}（qmsdesk 导出）", "format = 1", f"code = {_q(spec.code)}", f"version = {_q(spec.version)}",
             f"name = {_q(spec.name)}", f"category = {_q(spec.category)}",
             "department_types = [" + ", ".join(_q(t) for t in spec.department_types) + "]",
             f"total = {_n(spec.total)}", "sources = [", *(f"    {_q(s)}," for s in spec.sources), "]"]
    for i in spec.items:
        lines += ["", "[[item]]", f"section = {_q(i.section)}", f"code = {_q(i.code)}", f"text = {_q(i.text)}",
                  f"standard = {_n(i.standard)}", f"method = {_q(i.method)}"]
        lines += [f"sample = {i.sample}"] if i.sample is not None else []
        lines += [f"per = {_n(i.per)}"] if i.per is not None else []
        lines += [f"cap = {_n(i.cap)}", f"rule = {_q(i.rule)}"]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --- what the window shows and edits ---------------------------------------------------------

@dataclass(frozen=True)
class TemplateRow:
    """One version of a template as the 检查评分表 page lists it."""

    id: uuid.UUID
    code: str
    version: str
    name: str
    category: str
    origin: str
    active: bool
    total: float
    items: int
    used: int  # inspections scored against this version
    based_on: str | None  # the version it was revised from


def template_rows(session: Session, *, all_versions: bool = True) -> list[TemplateRow]:
    """Every template version (or only the active ones), by code then oldest version first."""
    used = dict(session.execute(select(m.Inspection.template_id, func.count()).where(
        m.Inspection.deleted.is_(False), m.Inspection.template_id.is_not(None)).group_by(m.Inspection.template_id)).all())
    rows = list_templates(session, active_only=not all_versions)
    versions = {t.id: t.version for t in rows} | {t.id: t.version for t in list_templates(session, active_only=False)}
    return [TemplateRow(t.id, t.code, t.version, t.name, t.category, t.origin, t.active, t.total,
                        sum(1 for i in t.items if not i.deleted), used.get(t.id, 0), versions.get(t.based_on_id))
            for t in rows]


def template_item_rows(session: Session, template_id) -> list[ItemSpec]:
    """The items of one template version in the order of the form (as a file states them)."""
    return list(spec_of(get_template(session, template_id)).items)


def template_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, "name（code 版本）") of the active versions, for choosing the checklist of an inspection."""
    return [(t.id, bracketed(t.name, f"{t.code} {t.version}")) for t in list_templates(session)]


def export_template_file(session: Session, template_id, path: Path | str) -> Path:
    """Write the template version as a .toml file the CLI and `import_template` read (no database change)."""
    path = Path(path)
    try:
        path.write_text(export_template(get_template(session, template_id)), encoding="utf-8")
    except OSError as exc:
        raise QmsError(msg("无法写入文件 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from exc
    return path


def revise_from_values(session: Session, template_id, *, version: str, name: str,
                       items: list[dict]) -> uuid.UUID:
    """Save the window's edit of a template as a new active version; items are dicts of the file's item keys.

    The edit is validated exactly like a file (so the total is the sum of the items' 标准分); a
    refusal comes back as a ValidationError the form shows.
    """
    base = get_template(session, template_id)
    spec = spec_of(base)
    clean = [{k: v for k, v in item.items() if v is not None and v != ""} for item in items]
    data = {"format": SUPPORTED_FORMAT, "code": spec.code, "version": (version or "").strip(), "name": (name or "").strip(),
            "category": spec.category, "department_types": list(spec.department_types),
            "total": sum(i["standard"] for i in clean if _number(i.get("standard"))), "sources": list(spec.sources), "item": clean}
    try:
        revised = parse_template(data, f"{spec.code} {data['version']}")
    except TemplateError as exc:
        raise ValidationError(str(exc), "items") from exc
    return revise_template(session, base.id, revised).id


def import_template_id(session: Session, path: Path | str) -> uuid.UUID:
    """`import_template` for the window: the new version's id (a template file's problem is a ValidationError)."""
    try:
        return import_template(session, path).id
    except TemplateError as exc:
        raise ValidationError(str(exc), "file") from exc
