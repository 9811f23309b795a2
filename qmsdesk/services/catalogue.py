"""The shipped indicator catalogue (质量指标目录): loading, validating, installing into the database."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.analytics.rates import shown_name as shown_name  # lives there: readers without the ORM use it
from qmsdesk.db import models as m
from qmsdesk.db.enums import DepartmentType, Direction, IndicatorKind
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg

SUPPORTED_FORMAT = 1
REQUIRED = ("code", "name_zh", "name_en", "numerator", "kind", "multiplier", "unit", "direction",
            "department_types", "source", "source_year")
OPTIONAL = ("denominator", "target", "warning")


class CatalogueError(QmsError):
    """The catalogue file is missing, unreadable or has an entry that breaks the rules."""


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name_zh: str
    name_en: str
    numerator: str
    denominator: str | None
    kind: str
    multiplier: float
    unit: str
    direction: str
    target: float | None
    warning: float | None
    department_types: tuple[str, ...] = field(default_factory=tuple)
    source: str = ""
    source_year: int | None = None

    def applies_to(self, department_type: str) -> bool:
        return department_type in self.department_types


@dataclass(frozen=True)
class Catalogue:
    format: int
    version: str
    entries: tuple[CatalogueEntry, ...]


def catalogue_path() -> Path:
    """The shipped catalogue file (inside the installed package `qmsdesk.resources`)."""
    try:
        return Path(str(resources.files("qmsdesk.resources") / "indicators" / "catalogue.toml"))
    except ModuleNotFoundError:
        # Running from a source checkout that was never installed: resources/ sits beside qmsdesk/.
        return Path(__file__).resolve().parents[2] / "resources" / "indicators" / "catalogue.toml"


def read_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate a catalogue file; any problem raises CatalogueError naming entry and key."""
    path = path or catalogue_path()
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(msg("找不到指标目录文件：{p}", "Indicator catalogue not found: {p}", p=path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(msg("指标目录文件格式错误（{p}）：{e}", "Indicator catalogue is malformed ({p}): {e}",
                                 p=path, e=exc)) from exc
    fmt = data.get("format")
    if fmt != SUPPORTED_FORMAT:
        raise CatalogueError(msg("指标目录格式版本 {f} 不受支持（本程序支持 {s}）。",
                                 "Indicator catalogue format {f} is not supported (this program reads {s}).",
                                 f=fmt, s=SUPPORTED_FORMAT))
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise CatalogueError(msg("指标目录缺少版本号（version）。", "The indicator catalogue has no version."))
    raw = data.get("indicator")
    if not isinstance(raw, list) or not raw:
        raise CatalogueError(msg("指标目录中没有指标。", "The indicator catalogue lists no indicators."))
    entries: list[CatalogueEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        entry = _entry(index, item)
        if entry.code in seen:
            raise CatalogueError(msg("指标目录第 {i} 项：编码 {c} 重复。", "Catalogue entry {i}: code {c} is used twice.",
                                     i=index, c=entry.code))
        seen.add(entry.code)
        entries.append(entry)
    return Catalogue(fmt, version, tuple(entries))


def load_catalogue(path: Path | None = None) -> list[CatalogueEntry]:
    """The catalogue's entries, validated (raises CatalogueError on a bad file)."""
    return list(read_catalogue(path).entries)


def _entry(index: int, item: object) -> CatalogueEntry:
    def bad(key: str, zh: str, en: str) -> CatalogueError:
        code = item.get("code", "?") if isinstance(item, dict) else "?"
        return CatalogueError(msg("指标目录第 {i} 项（{c}）的 {k}：{z}", "Catalogue entry {i} ({c}), key {k}: {e}",
                                  i=index, c=code, k=key, z=zh, e=en))

    if not isinstance(item, dict):
        raise bad("-", "应为表格（[[indicator]]）", "must be a table ([[indicator]])")
    for key in REQUIRED:
        if key not in item:
            raise bad(key, "缺少必填项", "is missing")
    unknown = set(item) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的键", "unknown key")
    for key in ("code", "name_zh", "name_en", "numerator", "source"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise bad(key, "应为非空文本", "must be non-empty text")
    if item["kind"] not in {k.value for k in IndicatorKind}:
        raise bad("kind", "应为 proportion、rate、count、ratio 或 mean", "must be proportion, rate, count, ratio or mean")
    if item["direction"] not in {d.value for d in Direction}:
        raise bad("direction", "应为 higher 或 lower", "must be higher or lower")
    multiplier = item["multiplier"]
    if isinstance(multiplier, bool) or not isinstance(multiplier, int | float) or multiplier <= 0:
        raise bad("multiplier", "应为大于 0 的数", "must be a number greater than 0")
    denominator = item.get("denominator")
    if item["kind"] != IndicatorKind.COUNT and (not isinstance(denominator, str) or not denominator.strip()):
        raise bad("denominator", "除计数类指标外必须定义分母", "is required for every kind except count")
    for key in ("target", "warning"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise bad(key, "应为数字", "must be a number")
    types = item["department_types"]
    known_types = {t.value for t in DepartmentType}
    if not isinstance(types, list) or any(t not in known_types for t in types):
        raise bad("department_types", "含有未知的科室类型", "lists an unknown department type")
    if not isinstance(item["source_year"], int) or not 1990 <= item["source_year"] <= 2100:
        raise bad("source_year", "应为年份", "must be a year")
    if not isinstance(item["unit"], str):
        raise bad("unit", "应为文本", "must be text")
    target, warning = item.get("target"), item.get("warning")
    if warning is not None and target is None:
        raise bad("warning", "有预警值时必须有目标值", "needs a target")
    if target is not None and warning is not None:
        on_good_side = warning <= target if item["direction"] == "lower" else warning >= target
        if not on_good_side:
            raise bad("warning", "预警值应位于目标值达标的一侧", "must lie on the good side of the target")
    return CatalogueEntry(
        code=item["code"].strip(), name_zh=item["name_zh"], name_en=item["name_en"],
        numerator=item["numerator"], denominator=denominator, kind=item["kind"],
        multiplier=float(multiplier), unit=item["unit"], direction=item["direction"],
        target=None if target is None else float(target), warning=None if warning is None else float(warning),
        department_types=tuple(types), source=item["source"], source_year=item["source_year"],
    )


def install_catalogue(session: Session, department_type: str,
                      entries: list[CatalogueEntry] | None = None) -> list[m.IndicatorDefinition]:
    """Upsert every catalogue entry as an IndicatorDefinition (by code); mark those of `department_type`
    applicable. Returns the definitions of the catalogue, in catalogue order.

    Re-running after a catalogue upgrade refreshes names and definitions but keeps what the office
    may have set locally: targets, warning thresholds and applicable flags already chosen (this
    function only ever turns `applicable` on). An indicator the office added itself (custom) with
    the same code is left alone.
    """
    entries = entries if entries is not None else load_catalogue()
    existing = {d.code: d for d in session.scalars(select(m.IndicatorDefinition))}
    installed: list[m.IndicatorDefinition] = []
    for entry in entries:
        definition = existing.get(entry.code)
        if definition is not None and definition.custom:
            installed.append(definition)
            continue
        if definition is None:
            definition = m.IndicatorDefinition(
                code=entry.code, target=entry.target, warning=entry.warning, applicable=False, custom=False,
            )
            session.add(definition)
        definition.name_zh = entry.name_zh
        definition.name_en = entry.name_en
        definition.numerator_def = entry.numerator
        definition.denominator_def = entry.denominator
        definition.kind = entry.kind
        definition.multiplier = entry.multiplier
        definition.unit = entry.unit
        definition.direction = entry.direction
        definition.department_types = list(entry.department_types)
        definition.source = entry.source
        definition.source_year = entry.source_year
        if entry.applies_to(department_type):
            definition.applicable = True
        installed.append(definition)
    session.flush()
    return installed
