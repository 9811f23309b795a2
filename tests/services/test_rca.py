"""Event analysis: harm level beside the grade, factors from the controlled vocabulary, the 5-why chain, lessons
and actions; a grade I–II event blocks its month until its RCA is complete; the fishbone and factor Pareto."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from qmsdesk.analytics.fishbone import event_fishbone
from qmsdesk.analytics.rca import event_rca, factor_pareto
from qmsdesk.db import models as m
from qmsdesk.errors import ValidationError
from qmsdesk.services import events, ledger, rca
from qmsdesk.services.factors import VocabularyError, read_vocabulary, vocabulary
from qmsdesk.services.submission_checks import validate_month

WHYS = ["为什么跌倒：夜间独自如厕", "为什么独自：未按铃", "为什么未按铃：不知道自己是高危"]


def _fall(session, grade="II", harm="mild", day=12):
    return events.report_event(session, occurred_at=datetime(2026, 10, day, 2, 30, tzinfo=UTC), category="fall",
                               grade=grade, harm_level=harm, description="夜间如厕跌倒",
                               reported_at=datetime(2026, 10, day, 4, tzinfo=UTC))


def test_harm_level_must_fit_the_grade(session):
    with pytest.raises(ValidationError, match="与事件分级“Ⅰ级（警告事件）”不符") as err:
        _fall(session, grade="I", harm="mild")
    assert err.value.fields == ["harm_level"] and "重度伤害、死亡" in str(err.value)
    with pytest.raises(ValidationError, match="伤害程度"):
        _fall(session, harm="scratched")
    assert _fall(session, grade="IV", harm="none").harm_level == "none"
    assert _fall(session, grade="III", harm=None).harm_level is None  # optional until the RCA needs it


def test_factors_come_from_the_vocabulary_only(session):
    ev = _fall(session)
    with pytest.raises(ValidationError, match="先填写根因分析"):
        rca.set_factors(session, ev.id, [{"code": "MAN-ASSESS"}])
    rca.analyse_event(session, ev.id, analysed_on=date(2026, 10, 14), whys=WHYS)
    with pytest.raises(ValidationError, match="不在词表中") as err:
        rca.set_factors(session, ev.id, [{"code": "评估不到位"}])  # a free-text synonym is refused
    assert "备注" in str(err.value)
    with pytest.raises(ValidationError, match="备注中写明"):
        rca.set_factors(session, ev.id, [{"code": "ENV-OTHER"}])
    rca.set_factors(session, ev.id, [{"code": "MAN-ASSESS", "primary": True}, {"code": "ENV-OTHER", "note": "床旁杂物"}])
    rca.set_factors(session, ev.id, [{"code": "MAN-ASSESS", "primary": True}, {"code": "ENV-LIGHT"}])
    rca.set_factors(session, ev.id, [{"code": "MAN-ASSESS", "primary": True}, {"code": "ENV-OTHER", "note": "杂物"},
                                     {"code": "ENV-LIGHT"}])  # chosen again after being taken out
    rca.set_factors(session, ev.id, [{"code": "MAN-ASSESS", "primary": True}, {"code": "ENV-LIGHT"}])
    view = event_rca(session, ev.id)
    assert [(f.code, f.category, f.primary) for f in view.factors] == [("MAN-ASSESS", "man", True),
                                                                      ("ENV-LIGHT", "environment", False)]
    assert view.factors[0].label == "风险评估不到位或未按时复评"


def test_rca_gaps_until_complete(session):
    head = m.Staff(name="王护士长", employee_no="N1", profession="nurse")
    session.add(head)
    ev = _fall(session, harm=None)
    assert event_rca(session, ev.id).gaps == ("尚未做根因分析",)
    rca.analyse_event(session, ev.id, analysed_on=date(2026, 10, 14), whys=WHYS[:2])
    gaps = event_rca(session, ev.id).gaps
    assert gaps == ("未填写伤害程度", "未选择原因因素（人·机·料·法·环·测）", "“5个为什么”少于 3 层", "未写明根本原因",
                    "未总结经验教训", "未制定改进措施（整改事项）")
    events.update_event(session, ev.id, harm_level="moderate")
    rca.analyse_event(session, ev.id, analysed_on=date(2026, 10, 14), whys=WHYS, root_cause="高危告知未落实",
                      lessons="告知须签字复述", team="护士长、责任护士")
    rca.set_factors(session, ev.id, [{"code": "MAN-EDU", "primary": True}])
    ledger.item_from_event(session, ev.id, responsible_id=head.id, measures="告知书签字")
    view = event_rca(session, ev.id)
    assert view.complete and view.required and view.actions[0].measures == "告知书签字"


def test_grade_one_and_two_block_the_month_until_their_rca_is_complete(session):
    serious = _fall(session, grade="II", harm="mild", day=12)
    _fall(session, grade="III", harm="none", day=13)  # optional for III: never blocks
    blocking = [i for i in validate_month(session, "2026-10").errors if i.code == "event_without_rca"]
    assert [i.record_id for i in blocking] == [str(serious.id)]
    assert "根因分析未完成" in blocking[0].message and "尚未做根因分析" in blocking[0].message
    head = m.Staff(name="王护士长", employee_no="N1", profession="nurse")
    session.add(head)
    rca.analyse_event(session, serious.id, analysed_on=date(2026, 10, 14), whys=WHYS, root_cause="r", lessons="l")
    rca.set_factors(session, serious.id, [{"code": "MAN-EDU"}])
    ledger.item_from_event(session, serious.id, responsible_id=head.id)
    assert not [i for i in validate_month(session, "2026-10").errors if i.code == "event_without_rca"]


def test_the_fishbone_places_six_bones_and_puts_primary_causes_first(session):
    ev = _fall(session)
    rca.analyse_event(session, ev.id, analysed_on=date(2026, 10, 14), whys=WHYS, root_cause="高危告知未落实")
    rca.set_factors(session, ev.id, [{"code": "ENV-LIGHT"}, {"code": "MAN-PATROL"}, {"code": "MAN-EDU", "primary": True},
                                     {"code": "MAT-DRUG", "note": "呋塞米"}])
    spec = event_fishbone(event_rca(session, ev.id))
    assert [(b.category, b.side, b.slot) for b in spec.bones] == [
        ("man", "top", 0), ("machine", "top", 1), ("material", "top", 2),
        ("method", "bottom", 0), ("environment", "bottom", 1), ("measurement", "bottom", 2)]
    assert [c.text for c in spec.bone("man").causes] == ["健康教育不到位，患者或家属未掌握防范要点", "巡视不到位"]
    assert spec.bone("man").causes[0].primary and spec.bone("material").causes[0].text.endswith("：呋塞米")
    assert spec.effect == "跌倒/坠床（Ⅱ级（不良后果事件））" and "高危告知未落实" in spec.subtitle


def test_factor_pareto_counts_events_naming_each_factor(session):
    for day, codes in ((3, ["MAN-ASSESS", "ENV-LIGHT"]), (9, ["MAN-ASSESS"]), (20, ["MAN-ASSESS", "MAT-DRUG"])):
        ev = _fall(session, day=day)
        rca.analyse_event(session, ev.id, analysed_on=date(2026, 10, 25), whys=WHYS)
        rca.set_factors(session, ev.id, [{"code": c} for c in codes])
    spec = factor_pareto(session, "2026-10", "2026-10", event_category="fall")
    assert [(b.category, b.count) for b in spec.bars] == [("风险评估不到位或未按时复评", 3), ("照明不足（夜间）", 1),
                                                        ("药物影响（镇静、降压、利尿、降糖等）", 1)]
    assert spec.total == 5 and spec.bars[0].cumulative_percent == 60


def test_the_shipped_vocabulary_validates_and_a_bad_one_is_refused(tmp_path):
    vocab = vocabulary()
    assert {t.category for t in vocab.terms} == {"man", "machine", "material", "method", "environment", "measurement"}
    bad = tmp_path / "factors.toml"
    bad.write_text('format = 1\nversion = "x"\n[[term]]\ncode = "A"\ncategory = "luck"\nlabel = "运气"\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match="第 1 条的 category"):
        read_vocabulary(bad)
    bad.write_text('format = 1\nversion = "x"\n[[term]]\ncode = "A"\ncategory = "man"\nlabel = "人"\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match="缺少“其他”词条"):
        read_vocabulary(bad)


def test_fishbone_geometry_places_everything_inside_the_box():
    from qmsdesk.analytics.fishbone import FishboneCause, build_fishbone, fishbone_geometry

    many = {"man": [FishboneCause(f"原因{n}") for n in range(8)], "measurement": [FishboneCause("量表不准", True)]}
    spec = build_fishbone(many, effect="跌倒")
    g = fishbone_geometry(spec, 700, 300)
    assert g.spine[1] == 150 and all(b.end[1] == 150 for b in g.bones)
    top = [b for b, bone in zip(g.bones, spec.bones, strict=True) if bone.side == "top"]
    assert len(top) == 3 and all(b.start[1] > 150 for b in top)
    man = g.bones[0]
    assert [c.text for c in man.causes][-1] == "另有 2 项"  # six shown, the rest counted
    lines = [c for b in g.bones for c in b.causes]
    assert all(0 <= c.x and c.x + c.length <= g.spine[2] and 0 < c.y < 300 for c in lines)
    assert g.head[0] >= g.spine[2] and g.head[0] + g.head[2] <= 700
    crowded, sparse = g.bones[0], g.bones[5]  # seven lines on 人; one cause on 测: it may take two lines
    assert {c.lines for c in crowded.causes} == {1} and sparse.causes[0].lines == 2


def test_an_event_just_after_midnight_in_the_unit_zone_blocks_the_month_it_happened_in(session):
    # 2026-10-31 17:30 UTC is 2026-11-01 01:30 in Asia/Shanghai, the unit's default zone
    events.report_event(session, occurred_at=datetime(2026, 10, 31, 17, 30, tzinfo=UTC), category="fall", grade="II",
                        harm_level="mild", description="凌晨跌倒", reported_at=datetime(2026, 10, 31, 18, tzinfo=UTC))
    october = [i.code for i in validate_month(session, "2026-10").errors]
    november = [i.code for i in validate_month(session, "2026-11").errors]
    assert "event_without_rca" not in october and "event_without_rca" in november
