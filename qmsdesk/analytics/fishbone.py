"""One description of a fishbone (鱼骨图) diagram, drawn by the PDF renderer (reports.fishbone_pdf) and the window.

A FishboneSpec holds everything a reader sees — the effect at the head, the six bones (人·机·料·法·环·测)
in their places, each bone's causes in drawing order with the primary ones marked, and the titles —
so a renderer only places text and lines. Bones always come in the same order and places: 人 机 料
above the spine from the tail to the head, 法 环 测 below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qmsdesk.db.enums import FishboneCategory
from qmsdesk.i18n import msg

TOP, BOTTOM = "top", "bottom"
# (category, side, slot): slot 0 is nearest the tail (left), 2 nearest the head (right).
LAYOUT = (
    (FishboneCategory.MAN, TOP, 0), (FishboneCategory.MACHINE, TOP, 1), (FishboneCategory.MATERIAL, TOP, 2),
    (FishboneCategory.METHOD, BOTTOM, 0), (FishboneCategory.ENVIRONMENT, BOTTOM, 1),
    (FishboneCategory.MEASUREMENT, BOTTOM, 2),
)
MAX_CAUSES = 6  # per bone on paper; the rest are counted in `hidden`


@dataclass(frozen=True)
class FishboneCause:
    text: str
    primary: bool = False  # 主要原因 / 要因: drawn emphasised
    count: int = 1  # how many events named it (aggregated diagrams); 1 for a single event


@dataclass(frozen=True)
class FishboneBone:
    category: str
    label: str  # 人、机、料、法、环、测 (with the word the reader knows: 人员)
    side: str
    slot: int
    causes: tuple[FishboneCause, ...]
    hidden: int = 0  # causes beyond MAX_CAUSES, not drawn

    @property
    def shown_label(self) -> str:
        return self.label


@dataclass(frozen=True)
class FishboneSpec:
    title: str
    subtitle: str
    effect: str  # the problem at the head
    bones: tuple[FishboneBone, ...]

    @property
    def total_causes(self) -> int:
        return sum(len(b.causes) + b.hidden for b in self.bones)

    @property
    def primary_causes(self) -> list[tuple[str, FishboneCause]]:
        return [(b.label, c) for b in self.bones for c in b.causes if c.primary]

    def bone(self, category: str) -> FishboneBone:
        return next(b for b in self.bones if b.category == category)


BONE_WORDS = {
    "man": ("人（人员）", "People"), "machine": ("机（设备）", "Equipment"), "material": ("料（物料）", "Materials"),
    "method": ("法（方法/制度）", "Methods"), "environment": ("环（环境）", "Environment"),
    "measurement": ("测（监测/评估）", "Measurement"),
}


def bone_label(category: str) -> str:
    zh, en = BONE_WORDS[category]
    return msg(zh, en)


def build_fishbone(causes: Mapping[str, Iterable[FishboneCause]], *, effect: str, title: str = "",
                   subtitle: str = "") -> FishboneSpec:
    """A fishbone from causes grouped by category code (man … measurement); every bone is present.

    Within a bone, primary causes come first, then by how often they were named, then by text — so the
    same causes always draw the same way.
    """
    bones = []
    for category, side, slot in LAYOUT:
        ordered = sorted(causes.get(category.value, ()), key=lambda c: (not c.primary, -c.count, c.text))
        bones.append(FishboneBone(category.value, bone_label(category.value), side, slot,
                                  tuple(ordered[:MAX_CAUSES]), max(0, len(ordered) - MAX_CAUSES)))
    return FishboneSpec(title or msg("鱼骨图（原因分析）", "Fishbone (cause analysis)"), subtitle, effect, tuple(bones))


def event_fishbone(rca) -> FishboneSpec:
    """The fishbone of one event's analysis (services.rca.RcaView)."""
    grouped: dict[str, list[FishboneCause]] = {}
    for f in rca.factors:
        text = f.label if not f.note else f"{f.label}：{f.note}"
        grouped.setdefault(f.category, []).append(FishboneCause(text, f.primary))
    from qmsdesk import clock

    when = clock.local_text(rca.occurred_at, "%Y-%m-%d")
    return build_fishbone(grouped, effect=msg("{c}（{g}）", "{c} ({g})", c=rca.category_label, g=rca.grade_label),
                          title=msg("不良事件根因分析鱼骨图", "Root-cause fishbone of the adverse event"),
                          subtitle=msg("{d} {c}；根本原因：{r}", "{d} {c}; root cause: {r}", d=when, c=rca.category_label,
                                       r=rca.root_cause or msg("未填写", "not stated")))


def counted_fishbone(counts: Mapping[str, int], vocab, *, effect: str, title: str = "", subtitle: str = "",
                     primary_share: float = 0.0) -> FishboneSpec:
    """A fishbone of factor codes counted across events; a code named in at least `primary_share` of the
    total (and at least twice) is drawn as primary."""
    total = sum(counts.values())
    grouped: dict[str, list[FishboneCause]] = {}
    for code, n in counts.items():
        term = vocab.get(code)
        category = term.category if term else "method"
        label = term.label if term else code
        primary = bool(primary_share) and n >= 2 and total and n / total >= primary_share
        grouped.setdefault(category, []).append(FishboneCause(f"{label}（{n}）", primary, n))
    return build_fishbone(grouped, effect=effect, title=title, subtitle=subtitle)


# --- where everything goes, shared by the renderers ---------------------------------------------

@dataclass(frozen=True)
class CauseLine:
    """A cause's line off its bone: text starts at (x, y) and may run `length` wide (y grows upwards)."""

    x: float
    y: float
    length: float
    text: str
    primary: bool
    lines: int = 1  # how many lines of text fit above it (wrap to these, then cut with …)


@dataclass(frozen=True)
class BoneGeometry:
    label: str
    start: tuple[float, float]  # the free end, away from the spine
    end: tuple[float, float]  # where it meets the spine
    label_at: tuple[float, float]  # centre of the bone's name
    causes: tuple[CauseLine, ...]


@dataclass(frozen=True)
class FishboneGeometry:
    """Every line and text position of a fishbone in a width × height box, origin bottom-left, y up."""

    width: float
    height: float
    spine: tuple[float, float, float, float]  # x0, y, x1, y
    head: tuple[float, float, float, float]  # x, y, w, h of the effect's box
    bones: tuple[BoneGeometry, ...]


def fishbone_geometry(spec: FishboneSpec, width: float, height: float, head_width: float | None = None,
                      margin: float = 8) -> FishboneGeometry:
    """Place the spec: the spine across the middle, the head box at the right, bones leaning towards the head,
    causes as short lines off each bone (a line saying how many more when some are hidden); where causes
    are few their text may take two lines."""
    head_width = head_width if head_width is not None else min(120.0, width * 0.17)
    spine_y, x0, x1 = height / 2, margin, width - head_width - margin
    box_h = height * 0.36
    slot_w = (x1 - x0) / 3
    rise = spine_y - 24  # vertical length of a bone
    run = rise * 0.3  # bones lean towards the head
    bones = []
    for bone in spec.bones:
        sign = 1 if bone.side == TOP else -1
        x_end = x0 + slot_w * (bone.slot + 1) - 10
        x_start, y_start = x_end - run, spine_y + sign * rise
        texts = [(c.text, c.primary) for c in bone.causes]
        if bone.hidden:
            texts.append((msg("另有 {n} 项", "{n} more", n=bone.hidden), False))
        step = rise / (len(texts) + 1)
        room = 2 if step >= 20 else 1
        lines = []
        for k, (text, primary) in enumerate(texts, start=1):
            y = y_start - sign * step * k
            x_on_bone = x_start + (x_end - x_start) * (abs(y - y_start) / rise)
            # The first bones' causes near their free ends would run off the left edge: shorten them there.
            length = min(slot_w - run * 0.4 - 14, x_on_bone - margin)
            lines.append(CauseLine(x_on_bone - length, y, length, text, primary, room))
        bones.append(BoneGeometry(bone.label, (x_start, y_start), (x_end, spine_y),
                                  (x_start, y_start + (4 if sign > 0 else -12)), tuple(lines)))
    return FishboneGeometry(width, height, (x0, spine_y, x1, spine_y),
                            (x1 + 2, spine_y - box_h / 2, head_width - 4, box_h), tuple(bones))
