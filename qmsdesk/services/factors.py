"""The controlled vocabulary of contributing factors (resources/analysis/factors.toml), by fishbone bone.

An event's analysis names its factors by code only, so the Pareto of causes counts one cause once,
whoever typed it; a ward's own wording goes into the factor's note. The file is validated when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from qmsdesk.db.enums import FishboneCategory
from qmsdesk.errors import QmsError
from qmsdesk.i18n import msg
from qmsdesk.services.toml_files import read_toml

SUPPORTED_FORMAT = 1


class VocabularyError(QmsError):
    """The factor vocabulary file is missing, unreadable or breaks a rule."""


@dataclass(frozen=True)
class FactorTerm:
    code: str
    category: str
    label: str
    other: bool = False  # "其他…": a note must say what

    @property
    def category_label(self) -> str:
        return FishboneCategory(self.category).label


@dataclass(frozen=True)
class Vocabulary:
    version: str
    terms: tuple[FactorTerm, ...]

    def get(self, code: str) -> FactorTerm | None:
        return next((t for t in self.terms if t.code == code), None)

    def of_category(self, category: str) -> list[FactorTerm]:
        return [t for t in self.terms if t.category == category]

    def label(self, code: str) -> str:
        term = self.get(code)
        return term.label if term else code


def vocabulary_path() -> Path:
    try:
        return Path(str(resources.files("qmsdesk.resources") / "analysis" / "factors.toml"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources" / "analysis" / "factors.toml"


def read_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """Read and validate a vocabulary file; a problem raises VocabularyError naming the term and key."""
    path = Path(path) if path is not None else vocabulary_path()
    data = read_toml(path, VocabularyError, "原因因素词表", "the factor vocabulary")
    if data.get("format") != SUPPORTED_FORMAT or not isinstance(data.get("version"), str):
        raise VocabularyError(msg("原因因素词表的 format/version 无效。", "The factor vocabulary's format/version is invalid."))
    raw = data.get("term")
    if not isinstance(raw, list) or not raw:
        raise VocabularyError(msg("原因因素词表中没有词条。", "The factor vocabulary lists no terms."))
    terms, seen = [], set()
    for n, item in enumerate(raw, start=1):
        term = _term(n, item)
        if term.code in seen:
            raise VocabularyError(msg("原因因素词表第 {n} 条：编码 {c} 重复。", "Vocabulary term {n}: code {c} is used twice.",
                                      n=n, c=term.code))
        seen.add(term.code)
        terms.append(term)
    for category in FishboneCategory:
        if not any(t.category == category and t.other for t in terms):
            raise VocabularyError(msg("原因因素词表的“{c}”类缺少“其他”词条。", "Vocabulary bone '{c}' has no 'other' term.",
                                      c=category.label))
    return Vocabulary(data["version"], tuple(terms))


def _term(n: int, item: object) -> FactorTerm:
    def bad(key: str, zh: str, en: str) -> VocabularyError:
        return VocabularyError(msg("原因因素词表第 {n} 条的 {k}：{z}", "Vocabulary term {n}, key {k}: {e}", n=n, k=key,
                                   z=zh, e=en))

    if not isinstance(item, dict):
        raise bad("-", "应为表格（[[term]]）", "must be a table ([[term]])")
    unknown = set(item) - {"code", "category", "label", "other"}
    if unknown:
        raise bad(", ".join(sorted(unknown)), "未知的键", "unknown key")
    for key in ("code", "label"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise bad(key, "应为非空文本", "must be non-empty text")
    if item.get("category") not in {c.value for c in FishboneCategory}:
        raise bad("category", "应为 man、machine、material、method、environment 或 measurement",
                  "must be man, machine, material, method, environment or measurement")
    if not isinstance(item.get("other", False), bool):
        raise bad("other", "应为 true 或 false", "must be true or false")
    return FactorTerm(item["code"].strip(), item["category"], item["label"].strip(), item.get("other", False))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    return read_vocabulary()
