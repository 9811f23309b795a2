"""Demo scored inspections: every inspection filled item by item from the shipped checklists, and a monthly
患者安全 self-inspection whose falls items tell the story the PDCA project starts from.

Called from the demo builder after the inspections are written (`score_inspections`). It draws from its
own seeded random source, so the rest of the demo year is the same with or without it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

from qmsdesk.db import models as m
from qmsdesk.demo.builder import Demo
from qmsdesk.services.checklists import install_templates

# Which checklist each demo inspection topic is scored against.
TOPIC_TEMPLATES = {
    "护理文书质量自查": "NUR-DOC", "管路安全与标识自查": "NUR-SAFE", "急救物品自查": "NUR-EMERG",
    "分级护理落实自查": "NUR-LEVEL", "护理质量督查": "NUR-LEVEL", "病历书写质量督查": "NUR-DOC",
    "院感防控督查": "NUR-IC", "药品管理督查": "NUR-WARD", "核心制度落实交叉检查": "NUR-CORE",
    "护理质量交叉检查": "NUR-CRIT", "夜间医疗安全飞行检查": "NUR-CORE", "患者身份识别飞行检查": "NUR-CORE",
}
KIND_TEMPLATES = {"self": "NUR-SAFE", "functional": "NUR-LEVEL", "cross": "NUR-CORE", "flying": "NUR-CORE"}

# A finding that is also a checklist deduction: (words in the finding, item code).
FINDING_ITEMS = (
    ("体温单", "DOC-13"), ("胃管外露长度", "SAFE-09"), ("除颤仪自检", "EMG-06"), ("巡视记录", "LVL-05"),
    ("腕带", "CORE-01"), ("过敏史", "DOC-08"), ("手卫生依从性", "IC-03"), ("冰箱温度", "WARD-05"),
    ("健康教育未签字", "SAFE-03"), ("无菌物品与清洁物品混放", "IC-07"), ("交接班记录", "CORE-05"),
    ("Braden", "SAFE-05"), ("核对患者腕带", "CORE-01"), ("呼叫器", "SAFE-02"), ("危急值", "CORE-08"),
)

# The monthly 患者安全 self-inspection, month index → failures among 5 patients on SAFE-01 (Morse assessed on time),
# SAFE-02 (warning sign and measures in place) and SAFE-03 (patient and family know what to do). Many misses
# before the first falls PDCA (Nov–Jan), fewer while it ran (Feb), almost none after (Mar–Jul), and a slide
# back when the night falls came (Aug–Oct).
FALL_AUDIT = {
    0: (2, 2, 2), 1: (2, 3, 2), 2: (1, 2, 3), 3: (1, 1, 1), 4: (0, 0, 1), 5: (0, 0, 0), 6: (0, 1, 0),
    7: (0, 0, 0), 8: (0, 0, 1), 9: (1, 2, 1), 10: (2, 2, 1), 11: (1, 1, 1),
}
FALL_REASONS = {
    "SAFE-01": "抽查5名患者，{f}名入院或用药后未按时进行 Morse 复评",
    "SAFE-02": "抽查5名跌倒高危患者，{f}名床头无警示标识或夜间床档未拉起",
    "SAFE-03": "提问5名高危患者/家属，{f}名说不出起床“三部曲”等防范要点",
}


@dataclass
class ChecklistDemo:
    """What this module wrote, for the PDCA demo that builds on it."""

    templates: dict[str, m.ChecklistTemplate] = field(default_factory=dict)
    fall_audits: list[m.Inspection] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random)


def add(d: Demo, rng: random.Random, obj: m.Synced) -> m.Synced:
    """Like Demo.add, with ids from this module's own random source."""
    obj.id = uuid.UUID(int=rng.getrandbits(128), version=4)
    d.session.add(obj)
    d.written.append(obj)
    return obj


def _reason(item: m.ChecklistItem, failures: int) -> str:
    if item.method == "ask":
        return f"提问{item.sample_size or 3}人，{failures}人回答不全"
    if item.method == "sample":
        return f"抽查{item.sample_size}份（人），{failures}处不符合"
    return f"现场查看发现{failures}处不符合：{item.text[:16]}"


def _deduct(d: Demo, rng: random.Random, ins: m.Inspection, item: m.ChecklistItem, failures: int, reason: str) -> None:
    per = item.deduct_per if item.deduct_per is not None else min(2.0, item.cap)
    add(d, rng, m.InspectionItem(inspection_id=ins.id, template_item_id=item.id, deduction=min(failures * per, item.cap),
                                 failures=failures, sample_size=item.sample_size, reason=reason))


def _fill(d: Demo, rng: random.Random, ins: m.Inspection, template: m.ChecklistTemplate) -> None:
    items = {i.code: i for i in template.items}
    used: set[str] = set()
    for f in ins.findings:
        code = next((c for words, c in FINDING_ITEMS if words in f.description and c in items), None)
        if code and code not in used:
            used.add(code)
            _deduct(d, rng, ins, items[code], 2 if "2" in f.description else 1, f.description)
    extra = [i for i in template.items if i.code not in used]
    for item in rng.sample(extra, rng.randint(1, 3)):
        failures = rng.choice((1, 1, 1, 2))
        _deduct(d, rng, ins, item, failures, _reason(item, failures))


def _fall_audit(d: Demo, rng: random.Random, index: int, template: m.ChecklistTemplate) -> m.Inspection:
    on = d.weekday_near(d.day(index, 20 + rng.randint(0, 4)))
    ins = add(d, rng, m.Inspection(kind="self", date=on, inspector=d.posts["护理质控员"].name, topic=template.name,
                                   template_id=template.id, summary="每月患者安全专项自查（跌倒、压力性损伤、管路）"))
    d.session.flush()
    items = {i.code: i for i in template.items}
    for code, failures in zip(("SAFE-01", "SAFE-02", "SAFE-03"), FALL_AUDIT[index], strict=True):
        if failures:
            _deduct(d, rng, ins, items[code], failures, FALL_REASONS[code].format(f=failures))
    for code in rng.sample(("SAFE-05", "SAFE-06", "SAFE-08", "SAFE-09", "SAFE-10"), rng.randint(0, 2)):
        _deduct(d, rng, ins, items[code], 1, _reason(items[code], 1))
    add(d, rng, m.InspectionItem(inspection_id=ins.id, template_item_id=items["SAFE-07"].id, not_applicable=index % 3 != 1,
                                 deduction=0.0))
    return ins


def score_inspections(d: Demo) -> ChecklistDemo:
    """Score the demo's inspections against the shipped checklists and add the monthly 患者安全 self-inspection."""
    rng = random.Random(f"qmsdesk-demo-checklists-{d.seed}")
    out = ChecklistDemo(rng=rng)
    out.templates = {t.code: t for t in install_templates(
        d.session, new_id=lambda: uuid.UUID(int=rng.getrandbits(128), version=4))}
    d.written.extend(out.templates.values())
    inspections = sorted((o for o in d.written if isinstance(o, m.Inspection)), key=lambda i: (i.date, str(i.id)))
    for ins in inspections:
        template = out.templates[TOPIC_TEMPLATES.get(ins.topic or "", KIND_TEMPLATES[ins.kind])]
        ins.template_id = template.id
        _fill(d, rng, ins, template)
    for index in range(len(d.months)):
        out.fall_audits.append(_fall_audit(d, rng, index, out.templates["NUR-SAFE"]))
    d.session.flush()
    return out

