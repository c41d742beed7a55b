"""Which systems count (local, not retired), their effective classification (högsta värdets
princip) and how many integrations each takes part in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ea import schema
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, SYSTEM

from .lookups import per_run

KRT = ("k", "r", "t")


def level(value) -> int | None:
    """A classification level 0-4 as int, None when unknown."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, float) and value != value:
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def max_known(values: Iterable) -> int | None:
    known = [v for v in (level(x) for x in values) if v is not None]
    return max(known) if known else None


def is_local(data: dict) -> bool:
    """A system the region answers for: neither external nor a placeholder."""
    return not data.get("external") and not data.get("placeholder")


def is_retired(data: dict) -> bool:
    return data.get("status") == "retired"


def local_systems(ls: Landscape) -> list[str]:
    """Keys of local, not retired systems, sorted."""
    return [k for k, d in ls.nodes(SYSTEM) if is_local(d) and not is_retired(d)]


def recorded_levels(ls: Landscape, key: str) -> dict[str, int | None]:
    d = ls.node(key)
    return {a: level(d.get(a)) for a in schema.LEVEL_FIELDS}


@per_run
def effective_levels(ls: Landscape, key: str) -> dict[str, int | None]:
    """Per aspect, the highest of the system's own level and those of the Information it
    PROCESSES (högsta värdets princip). Unknown stays None only when every source is unknown."""
    out = recorded_levels(ls, key)
    for info in ls.information_of(key):
        d = ls.node(info)
        for a in schema.LEVEL_FIELDS:
            out[a] = max_known([out[a], d.get(a)])
    return out


def is_classified(levels: dict) -> bool:
    return any(levels.get(a) is not None for a in KRT)


def classification_level(ls: Landscape, key: str) -> int | None:
    """The highest effective K/R/T/S level of a system, None when it is not classified."""
    return max_known(effective_levels(ls, key).values())


def classification_text(levels: dict) -> str:
    """``{"k": 2, "r": 3, "t": None}`` -> ``"K2 R3"``; ``"not classified"`` when none known."""
    parts = [f"{a.upper()}{levels[a]}" for a in schema.LEVEL_FIELDS
             if levels.get(a) is not None]
    return " ".join(parts) if parts else "not classified"


@per_run
def integration_counts(ls: Landscape) -> dict[str, int]:
    """Number of integrations each system takes part in (as producer, consumer or platform).
    Once per run of a report (``ea check`` runs three reports that rank by it)."""
    counts: dict[str, int] = defaultdict(int)
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        ends = {u, v}
        if d.get("via"):
            ends.add(d["via"])
        for e in ends:
            counts[e] += 1
    return dict(counts)
