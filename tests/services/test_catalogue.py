"""The shipped indicator catalogue loads, refuses bad files clearly, and installs into the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qmsdesk.db import models as m
from qmsdesk.services.catalogue import (
    CatalogueError,
    catalogue_path,
    install_catalogue,
    load_catalogue,
    read_catalogue,
)

CONTRACT = {
    # code: (kind, multiplier, direction) promised to the demo and the other areas
    "NUR-FALL": ("rate", 1000, "lower"),
    "NUR-PI": ("proportion", 100, "lower"),
    "NUR-RESTRAINT": ("proportion", 100, "lower"),
    "NUR-UEX-ETT": ("rate", 1000, "lower"),
    "NUR-UEX-GT": ("rate", 1000, "lower"),
    "NUR-UEX-CVC": ("rate", 1000, "lower"),
    "NUR-UEX-PICC": ("rate", 1000, "lower"),
    "NUR-UEX-UC": ("rate", 1000, "lower"),
    "NUR-CAUTI": ("rate", 1000, "lower"),
    "NUR-CLABSI": ("rate", 1000, "lower"),
    "NUR-VAP": ("rate", 1000, "lower"),
    "NUR-BED-RATIO": ("ratio", 1, "higher"),
    "NUR-PATIENT-RATIO": ("ratio", 1, "lower"),
    "NUR-HOURS": ("mean", 1, "higher"),
    "NUR-TURNOVER": ("proportion", 100, "lower"),
    "NIT-AE-REPORT": ("rate", 100, "higher"),
    "NIT-VTE": ("proportion", 100, "higher"),
    "NIT-PATHOGEN": ("proportion", 100, "higher"),
    "NIT-IV": ("proportion", 100, "lower"),
    "NIT-RETURN-OR": ("proportion", 100, "lower"),
    "NIT-SEPSIS": ("proportion", 100, "higher"),
}

GOOD_ENTRY = """
[[indicator]]
code = "X-1"
name_zh = "测试指标"
name_en = "Test"
numerator = "分子"
denominator = "分母"
kind = "proportion"
multiplier = 100
unit = "%"
direction = "lower"
target = 5
warning = 4
department_types = ["icu"]
source = "测试"
source_year = 2024
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(text, "utf-8")
    return path


def test_shipped_catalogue_is_versioned_and_found_through_the_package():
    assert catalogue_path().is_file()
    catalogue = read_catalogue()
    assert catalogue.format == 1
    assert catalogue.version == "2026.1"


def test_shipped_catalogue_keeps_the_codes_the_demo_relies_on():
    entries = {e.code: e for e in load_catalogue()}
    for code, (kind, multiplier, direction) in CONTRACT.items():
        assert (entries[code].kind, entries[code].multiplier, entries[code].direction) == (kind, multiplier, direction), code
    for level in range(5):
        entry = entries[f"NUR-LEVEL-N{level}"]
        assert (entry.kind, entry.multiplier, entry.target) == ("proportion", 100, None)


def test_medical_ward_gets_all_nursing_indicators_but_vap():
    entries = load_catalogue()
    applicable = {e.code for e in entries if e.applies_to("inpatient_medical")}
    nursing = {e.code for e in entries if e.code.startswith("NUR-")}
    assert nursing - applicable == {"NUR-VAP"}
    assert {"NIT-AE-REPORT", "NIT-VTE"} <= applicable


def test_good_file_loads(tmp_path):
    entries = load_catalogue(write(tmp_path, 'format = 1\nversion = "t"\n' + GOOD_ENTRY))
    assert entries[0].code == "X-1"
    assert entries[0].target == 5.0


@pytest.mark.parametrize(("change", "words"), [
    (('kind = "proportion"', 'kind = "percent"'), "kind"),
    (('direction = "lower"', 'direction = "down"'), "direction"),
    (("multiplier = 100", "multiplier = 0"), "multiplier"),
    (('code = "X-1"\n', ""), "code"),
    (('denominator = "分母"\n', ""), "denominator"),
    (("warning = 4", "warning = 6"), "warning"),
    (('department_types = ["icu"]', 'department_types = ["moon"]'), "department_types"),
])
def test_bad_entry_is_refused_with_the_key_named(tmp_path, change, words):
    text = 'format = 1\nversion = "t"\n' + GOOD_ENTRY.replace(*change)
    with pytest.raises(CatalogueError, match=words):
        load_catalogue(write(tmp_path, text))


def test_duplicate_codes_are_refused(tmp_path):
    with pytest.raises(CatalogueError, match="X-1.*重复"):
        load_catalogue(write(tmp_path, 'format = 1\nversion = "t"\n' + GOOD_ENTRY + GOOD_ENTRY))


def test_unknown_format_and_broken_toml_are_refused(tmp_path):
    with pytest.raises(CatalogueError, match="格式版本 2"):
        load_catalogue(write(tmp_path, 'format = 2\nversion = "t"\n' + GOOD_ENTRY))
    with pytest.raises(CatalogueError, match="格式错误"):
        load_catalogue(write(tmp_path, "format = = 1"))


def test_install_marks_the_department_type_applicable(session):
    installed = install_catalogue(session, "inpatient_medical")
    assert len(installed) == len(load_catalogue())
    rows = {d.code: d for d in session.scalars(select(m.IndicatorDefinition))}
    assert rows["NUR-FALL"].applicable and not rows["NUR-VAP"].applicable
    assert rows["NUR-FALL"].multiplier == 1000 and rows["NUR-FALL"].unit == "‰"
    assert rows["NUR-FALL"].numerator_def.startswith("统计周期内住院患者跌倒")


def test_reinstall_keeps_local_targets_and_choices(session):
    install_catalogue(session, "inpatient_medical")
    fall = session.scalars(select(m.IndicatorDefinition).where(m.IndicatorDefinition.code == "NUR-FALL")).one()
    vap = session.scalars(select(m.IndicatorDefinition).where(m.IndicatorDefinition.code == "NUR-VAP")).one()
    fall.target = 0.2
    vap.applicable = True
    session.flush()
    install_catalogue(session, "inpatient_medical")
    assert fall.target == 0.2
    assert vap.applicable
    assert session.query(m.IndicatorDefinition).count() == len(load_catalogue())
