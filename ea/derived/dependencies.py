"""Who depends on whom, and how critically: the dependency view of the integrations.

A dependency is an integration seen from the system that receives the data: on A → B, B
depends on A, and the integration's ``criticality`` (1–4, from an annotated dependency cell
such as ``Name: Helt verksamhetskritiskt (API)`` or an integration list) says how critical
that one dependency is for B. ``ea impact`` walks these steps to judge what stops; the hub
score weighs a hub by the most critical dependency on it.

Examples
--------
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for s in "abp":
...     _ = ls.add_system(s, name=s.upper())
>>> _ = ls.add_integration("System:a", "System:b", criticality=4, via="System:p")
>>> deps = dependencies(ls)
>>> deps["System:a"]["System:b"]["criticality"], deps["System:p"]["System:b"]["carried"]
(4, [('System:a', 'System:b')])
>>> highest_dependency(deps)
{'System:a': 4, 'System:p': 4}
"""

from __future__ import annotations

from ea.schema import INTEGRATES_WITH


def dependencies(landscape) -> dict[str, dict[str, dict]]:
    """Who depends on whom: ``{supplier: {dependant: step}}``.

    One step per ordered pair, folding every integration that makes it: ``criticality`` (the
    highest known of those integrations, None when none is known), ``direct`` (some
    integration goes from the supplier itself), ``via`` (the platforms those pass through)
    and ``carried`` (the integrations ``(u, v)`` a platform supplier carries). An integration
    A -> B gives A -> B (and B -> A when bidirectional); through a platform P also P -> B
    (and P -> A): the step a platform outage takes.
    """
    deps: dict[str, dict[str, dict]] = {}

    def add(s, t, crit, carried=None, via=None):
        if s == t:
            return
        step = deps.setdefault(s, {}).setdefault(
            t, {"criticality": None, "carried": [], "via": [], "direct": False})
        if crit is not None:
            step["criticality"] = max(int(crit), step["criticality"] or 0)
        if carried:
            if carried not in step["carried"]:
                step["carried"].append(carried)
        else:
            step["direct"] = True
            if via and via not in step["via"]:
                step["via"].append(via)

    for u, v, _k, d in landscape.edges(INTEGRATES_WITH):
        crit = d.get("criticality")
        via = d.get("via") if d.get("via") in landscape else None
        pairs = [(u, v)] + ([(v, u)] if d.get("bidirectional") else [])
        for a, b in pairs:
            add(a, b, crit, via=via)
            if via:
                add(via, b, crit, carried=(a, b))
    return deps


def highest_dependency(deps: dict[str, dict[str, dict]]) -> dict[str, int]:
    """Per supplier, the highest known criticality of a dependency on it (suppliers with
    none known are left out)."""
    out = {}
    for s, steps in deps.items():
        known = [st["criticality"] for st in steps.values() if st["criticality"] is not None]
        if known:
            out[s] = max(known)
    return out
