"""Demo scored inspections: the year's inspections filled item by item from the shipped checklists.

A routine inspection is scored against the checklist most of its findings belong to (each finding that is
also a checklist deduction becomes one, with the count it names), plus a line or two the inspector
found short besides. The falls story's inspections (qmsdesk.demo.story) are the 患者安全 checklist
whose deductions the falls PDCA starts from. The 院感科's CAUTI audits use the 院感科's own bundle form,
which is not among the shipped checklists: they keep their findings and no score.

Called from the demo builder after the inspections are written. It draws from its own seeded random
source, so the rest of the demo year is the same with or without it.
"""

from __future__ import annotations

import random
import re
import uuid
from collections import Counter

from qmsdesk.db import models as m
from qmsdesk.demo.builder import Demo
from qmsdesk.services.checklists import install_templates

# A finding that is also a checklist deduction: (words in the finding, checklist, item).
FINDING_ITEMS = (
    ("体温单不一致", "NUR-DOC", "DOC-13"), ("过敏史", "NUR-DOC", "DOC-08"), ("每日体重", "NUR-DOC", "DOC-04"),
    ("出入量", "NUR-DOC", "DOC-04"), ("胃管外露长度", "NUR-SAFE", "SAFE-09"), ("PICC维护记录", "NUR-SAFE", "SAFE-09"),
    ("翻身卡", "NUR-SAFE", "SAFE-06"), ("皮肤评估频次", "NUR-SAFE", "SAFE-05"), ("床栏未拉起", "NUR-SAFE", "SAFE-02"),
    ("除颤仪自检", "NUR-EMERG", "EMG-06"), ("高警示药品", "NUR-EMERG", "EMG-08"), ("数量与基数不符", "NUR-EMERG", "EMG-03"),
    ("氧气筒压力", "NUR-EMERG", "EMG-05"), ("巡视记录间隔", "NUR-LEVEL", "LVL-05"), ("腕带", "NUR-CORE", "CORE-01"),
    ("交接班记录", "NUR-CORE", "CORE-05"), ("危急值", "NUR-CORE", "CORE-08"), ("应急预案", "NUR-CORE", "CORE-10"),
    ("手卫生依从性", "NUR-IC", "IC-03"), ("未注明开启时间", "NUR-IC", "IC-05"), ("无菌物品与清洁物品混放", "NUR-IC", "IC-07"),
    ("医疗废物交接", "NUR-IC", "IC-15"), ("冰箱温度", "NUR-WARD", "WARD-05"), ("未按期校准", "NUR-WARD", "WARD-06"),
)
# The checklist a routine inspection uses when none of its findings names one: by kind, then month.
ROTATION = {"self": ("NUR-DOC", "NUR-LEVEL", "NUR-SAFE", "NUR-EMERG", "NUR-IC", "NUR-WARD", "NUR-CRIT", "NUR-CORE"),
            "functional": ("NUR-IC", "NUR-WARD"), "cross": ("NUR-CORE",), "flying": ("NUR-CORE",)}
# The story's inspections: key → (checklist, [(item, failures, sampled, reason)]). Unlisted keys stay unscored.
STORY = {
    "falls-check": ("NUR-SAFE", (
        ("SAFE-02", 5, 12, "跌倒高危患者12例中3例床头未悬挂防跌倒警示标识，2例夜间呼叫器不在可及范围"),
        ("SAFE-01", 2, 12, "使用利尿剂、降压药后未重新评估跌倒风险2例"),
        ("SAFE-03", 1, 5, "1名高危患者家属说不出夜间如厕需呼叫陪护"))),
    "falls-recheck-1": ("NUR-SAFE", (("SAFE-03", 1, 15, "1例高危患者陪护告知书未签字"),)),
    "falls-recheck-2": ("NUR-LEVEL", (("LVL-05", 1, 14, "一级护理患者巡视记录间隔超过1小时1例"),)),
}


def add(d: Demo, rng: random.Random, obj: m.Synced) -> m.Synced:
    """Like Demo.add, with ids from the calling module's own random source."""
    obj.id = uuid.UUID(int=rng.getrandbits(128), version=4)
    d.session.add(obj)
    d.written.append(obj)
    return obj


def _failures(text: str) -> int:
    """The count a finding names ("2份", "3例"); a compliance of 80% is 2 misses in 10 observations."""
    percent = re.search(r"(\d+)%", text)
    if percent:
        return max(1, round((100 - int(percent.group(1))) / 10))
    number = re.search(r"(\d+)(?:份|例|名|天|支|瓶|种|台)", text)
    return int(number.group(1)) if number else 1


def _reason(item: m.ChecklistItem, failures: int) -> str:
    if item.method == "ask":
        return f"提问{item.sample_size or 3}人，{failures}人回答不全"
    if item.method == "sample":
        return f"抽查{item.sample_size}份（人），{failures}处不符合"
    return f"现场查看发现{failures}处不符合"


def _deduct(d: Demo, rng: random.Random, ins: m.Inspection, item: m.ChecklistItem, failures: int, reason: str,
            sample: int | None = None) -> None:
    per = item.deduct_per if item.deduct_per is not None else min(2.0, item.cap)
    add(d, rng, m.InspectionItem(inspection_id=ins.id, template_item_id=item.id, deduction=min(failures * per, item.cap),
                                 failures=failures, sample_size=sample or item.sample_size, reason=reason))


def _choose(ins: m.Inspection, index: int) -> str:
    named = Counter(code for f in ins.findings for words, code, _ in FINDING_ITEMS if words in f.description)
    if named:
        return named.most_common(1)[0][0]
    rotation = ROTATION[ins.kind]
    return rotation[index % len(rotation)]


def _fill_routine(d: Demo, rng: random.Random, ins: m.Inspection, template: m.ChecklistTemplate) -> None:
    items = {i.code: i for i in template.items}
    used: set[str] = set()
    for f in ins.findings:
        code = next((c for words, t, c in FINDING_ITEMS if words in f.description and t == template.code), None)
        if code and code not in used:
            used.add(code)
            _deduct(d, rng, ins, items[code], _failures(f.description), f.description)
    for item in rng.sample([i for i in template.items if i.code not in used], rng.randint(0, 2)):
        failures = rng.choice((1, 1, 2))
        _deduct(d, rng, ins, item, failures, _reason(item, failures))


def _fill_story(d: Demo, rng: random.Random, ins: m.Inspection, template: m.ChecklistTemplate, lines) -> None:
    items = {i.code: i for i in template.items}
    for code, failures, sampled, reason in lines:
        _deduct(d, rng, ins, items[code], failures, reason, sampled)


def score_inspections(d: Demo) -> dict[str, m.ChecklistTemplate]:
    """Install the shipped checklists and score the demo's inspections with them; returns them by code."""
    rng = random.Random(f"qmsdesk-demo-checklists-{d.seed}")
    templates = {t.code: t for t in install_templates(d.session,
                                                      new_id=lambda: uuid.UUID(int=rng.getrandbits(128), version=4))}
    d.written.extend(templates.values())
    story_keys = {ins.id: key for key, ins in d.story.items() if isinstance(ins, m.Inspection)}
    inspections = sorted((o for o in d.written if isinstance(o, m.Inspection)), key=lambda i: (i.date, str(i.id)))
    for ins in inspections:
        key = story_keys.get(ins.id)
        if key is not None and key not in STORY:
            continue  # the 院感科's own CAUTI bundle form: findings, no checklist score
        code = STORY[key][0] if key else _choose(ins, d.index_of(ins.date))
        ins.template_id = templates[code].id
        if key:
            _fill_story(d, rng, ins, templates[code], STORY[key][1])
        else:
            _fill_routine(d, rng, ins, templates[code])
    d.session.flush()
    return templates
