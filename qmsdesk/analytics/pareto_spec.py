"""The Pareto chart's figures (bars largest first, the cumulative percentage, the vital few), pure.

Kept apart from analytics/pareto.py, which counts categories through the ORM, so a reader without
SQLAlchemy (the month's report read with plain SQL, reports/month_collect_raw.py) builds the same spec.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qmsdesk.i18n import msg

# The share of problems the "vital few" categories account for (the 80/20 rule).
VITAL_SHARE = 80.0


@dataclass(frozen=True)
class ParetoBar:
    category: str
    count: int
    percent: float
    cumulative_percent: float
    vital: bool  # among the categories that together first reach 80%


@dataclass(frozen=True)
class ParetoSpec:
    title: str
    bars: tuple[ParetoBar, ...]
    total: int
    subtitle: str = ""

    @property
    def vital_few(self) -> tuple[ParetoBar, ...]:
        return tuple(b for b in self.bars if b.vital)


def pareto(counts: Mapping[str, int] | Iterable[str], title: str = "", subtitle: str = "",
           last: str | None = None) -> ParetoSpec:
    """Bars in descending order (ties by name, so the chart is stable), with cumulative %.

    `last` names a catch-all bar (其他) that is drawn last whatever its size, as a Pareto chart puts it.
    """
    tally = Counter(counts) if not isinstance(counts, Mapping) else Counter(dict(counts))
    items = sorted(((c, n) for c, n in tally.items() if n > 0), key=lambda cn: (cn[0] == last, -cn[1], cn[0]))
    total = sum(n for _, n in items)
    bars: list[ParetoBar] = []
    running = 0
    reached = False
    for category, count in items:
        before = running / total * 100 if total else 0.0
        running += count
        cumulative = running / total * 100
        vital = not reached and before < VITAL_SHARE
        reached = reached or cumulative >= VITAL_SHARE
        bars.append(ParetoBar(category, count, count / total * 100, cumulative, vital))
    return ParetoSpec(title or msg("问题类别排列图", "Problems by category"), tuple(bars), total, subtitle)
