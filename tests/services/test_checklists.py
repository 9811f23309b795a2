"""The shipped checklists: validated like the catalogue, installed once, revised as new versions, exported and
imported back unchanged; a bad file is refused naming the file, the item and the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from qmsdesk.errors import ValidationError
from qmsdesk.services import checklists as svc
from qmsdesk.services.checklists import TemplateError

SHIPPED = {"NUR-DOC": "护理文书书写", "NUR-LEVEL": "分级护理", "NUR-CRIT": "危重患者", "NUR-IC": "消毒隔离",
           "NUR-EMERG": "急救物品", "NUR-SAFE": "患者安全", "NUR-CORE": "核心制度", "NUR-WARD": "病区管理"}


def test_eight_shipped_nursing_checklists_validate_and_add_up():
    specs = {t.code: t for t in svc.shipped_templates()}
    assert set(specs) == set(SHIPPED)
    for code, words in SHIPPED.items():
        t = specs[code]
        assert words in t.name, code
        assert sum(i.standard for i in t.items) == t.total
        assert len(t.items) >= 9 and len(t.sections) >= 3, code
        assert all(i.cap <= i.standard and i.rule for i in t.items)
        assert all(s.strip() for s in t.sources)  # every file says where its standard comes from
    assert specs["NUR-EMERG"].total == 50  # the published form is out of 50: its score shows as a percentage
    sampled = [i for t in specs.values() for i in t.items if i.method == "sample"]
    assert sampled and all(i.sample for i in sampled)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """format = 1
code = "X-1"
version = "1"
name = "测试评分表"
category = "测试"
department_types = ["inpatient_medical"]
total = 10
sources = ["某省护理质控中心评分标准"]

[[item]]
section = "甲"
code = "A-1"
text = "查看记录"
standard = 10
method = "sample"
sample = 5
per = 2
cap = 10
rule = "一份不符扣2分"
"""


@pytest.mark.parametrize(("change", "words"), [
    (("cap = 10", "cap = 12"), ("bad.toml", "A-1", "cap", "不超过标准分")),
    (("total = 10", "total = 100"), ("bad.toml", "total", "合计 10", "总分 100")),
    (("sample = 5\n", ""), ("A-1", "sample", "抽查")),
    (('method = "sample"', 'method = "guess"'), ("A-1", "method", "view")),
    (("per = 2", "per = 2\nweight = 1"), ("A-1", "weight", "未知的键")),
    (('sources = ["某省护理质控中心评分标准"]', "sources = []"), ("sources", "出处")),
    (("format = 1", "format = 9"), ("format", "不受支持")),
])
def test_a_bad_template_is_refused_with_a_clear_message(tmp_path, change, words):
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(TemplateError) as err:
        svc.read_template(path)
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_unreadable_and_missing_files_say_so(tmp_path):
    with pytest.raises(TemplateError, match="格式错误"):
        svc.read_template(_write(tmp_path, "format = 1\ncode = "))
    with pytest.raises(TemplateError, match="找不到"):
        svc.read_template(tmp_path / "none.toml")
    with pytest.raises(TemplateError, match="无法读取"):
        svc.read_template(tmp_path)  # a folder picked by mistake
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes("name = \"护理文书\"".encode("gbk"))
    with pytest.raises(TemplateError, match="不是 UTF-8"):
        svc.read_template(gbk)


def test_install_is_idempotent_and_keeps_one_active_version(session):
    first = svc.install_templates(session)
    again = svc.install_templates(session)
    assert [t.id for t in first] == [t.id for t in again] and len(first) == 8
    assert [t.code for t in svc.list_templates(session)] == sorted(SHIPPED)


def test_revision_is_a_new_active_version_and_the_old_one_stays(session):
    svc.install_templates(session)
    old = svc.find_template(session, "NUR-SAFE")
    spec = svc.spec_of(old)
    from dataclasses import replace

    revised = replace(spec, version="2026.1-本科1", items=spec.items[:-1] + (replace(spec.items[-1], standard=5, cap=5),),
                      total=95)
    new = svc.revise_template(session, old.id, revised)
    assert svc.find_template(session, "NUR-SAFE").id == new.id and new.origin == "local" and new.based_on_id == old.id
    assert svc.find_template(session, "NUR-SAFE", "2026.1").id == old.id and not old.active
    assert new.total == 95 and old.total == 100
    with pytest.raises(ValidationError, match="新的版本号"):
        svc.revise_template(session, new.id, revised)


def test_export_then_import_gives_the_same_template(session, tmp_path):
    svc.install_templates(session)
    original = svc.find_template(session, "NUR-EMERG")
    text = svc.export_template(original)
    assert tomllib.loads(text)["total"] == 50
    path = tmp_path / "emerg.toml"
    path.write_text(text.replace('version = "2026.1"', 'version = "2026.2"'), encoding="utf-8")
    imported = svc.import_template(session, path)
    assert imported.version == "2026.2" and imported.active and imported.based_on_id == original.id
    strip = lambda spec: (spec.name, spec.total, spec.sources, spec.items)  # noqa: E731
    assert strip(svc.spec_of(imported)) == strip(svc.spec_of(original))
    with pytest.raises(ValidationError, match="已经存在"):
        svc.import_template(session, path)
