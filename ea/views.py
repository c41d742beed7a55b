"""What each report shows a person in a terminal: its title, its default columns, how many rows
before ``--all``, and whether a summary of counts per class and severity comes first.

One home for these declarations: a report (or a second table of one) is found here by the name
the command gives :func:`ea.commands._common.emit` (its sheet name in xlsx). The columns
themselves are documented in each query module's docstring; the defaults here are the few a
person reads first (name, what, why, severity, organisation). Internal node keys
(``subject``, ``partner``, ``Object:...``) are never among them; ``--columns`` can still ask
for any column, and files (csv, json, xlsx, md) always hold every column.

>>> view("orphans").columns[:4]
('name', 'kind', 'code', 'severity')
>>> view("something new").columns is None
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    title: str
    #: default columns, in order (None: every column but internal keys)
    columns: tuple[str, ...] | None = None
    #: rows shown without --all (None: every row)
    limit: int | None = 10
    #: counts per class (code) and severity before the rows
    summary: bool = True


TOP = 10

VIEWS: dict[str, View] = {
    # ---- governance (queries/orphans.py, coordinate.py, quality.py, classification.py, check.py)
    "orphans": View("Orphans: objects and systems without a working owner or manager",
                    ("name", "kind", "code", "severity", "reason", "organisations")),
    "per organisation": View("Unowned per organisation",
                             ("name", "systems", "unowned", "share_unowned", "incomplete",
                              "share_incomplete", "findings"), limit=None, summary=False),
    "meetings": View("Whom to meet (each other manager once), then the actions",
                     ("name", "code", "severity", "reason")),
    "coordination": View("Coordination: whom each manager must meet, per integration",
                         ("name", "role", "severity", "reason")),
    "coordination per manager": View(
        "Coordination per manager, in numbers (whom to meet: ea coordinate PERSON)",
        ("name", "systems", "integrations", "to_meet", "no_one_to_meet", "flagged",
         "criticality"), limit=20, summary=False),
    "organisation pairs": View("Coordination per pair of organisations", None,
                               limit=20, summary=False),
    "check summary": View("Every governance rule, one row per rule", None, limit=None,
                          summary=False),
    "meeting matrix": View("Meeting matrix: pairs of managers who must meet",
                           ("manager_a_name", "manager_b_name", "relation", "integrations",
                            "availability", "criticality"), summary=False),
    **{f"quality by {by}": View(f"Data quality by {by}", None, limit=None, summary=False)
       for by in ("rule", "object", "manager", "organisation")},
    "details": View("Failing subjects", ("name", "code", "severity", "reason",
                                         "organisations")),
    "classification": View("Classification checks",
                           ("name", "code", "severity", "reason", "recorded", "effective")),
    "check": View("Every governance rule", ("report", "name", "code", "severity", "reason")),
    # ---- architecture (queries/hubs.py, impact.py, ageing.py, duplicates.py)
    "hubs": View("Hubs, most important first",
                 ("rank", "name", "severity", "hub_score", "organisation", "reason")),
    "continuity_groups": View("Continuity groups: who plans each hub's continuity together",
                              ("hub_name", "person_name", "role", "system_name", "distance",
                               "organisation"), summary=False),
    # the command prints impact's own summary line first ("stops: …; degraded: …")
    "impact": View("Impact: what stops, what is degraded, what is only reachable",
                   ("name", "effect", "distance", "severity", "reason"), limit=20,
                   summary=False),
    "ageing": View("Ageing: passed and upcoming end of support and life",
                   ("name", "code", "severity", "date", "reason")),
    "replacement": View("Replacement list, highest priority first",
                        ("rank", "name", "score", "end_date", "end_kind", "dependant_count",
                         "organisation"), summary=False),
    "duplicates": View("Consolidation candidates",
                       ("name", "organisation", "severity", "product", "others")),
    # ---- audit follow-ups (queries/diff.py, people.py, precheck.py; docs/audits.md)
    "changes": View("Changes since the earlier snapshot",
                    ("category", "change", "name", "severity", "reason"), limit=20),
    "changes per category": View("Changes per category", None, limit=None, summary=False),
    "people": View("Key-person risk: people holding roles, most at stake first",
                   ("name", "code", "severity", "roles", "reason")),
    "roles per organisation": View("Open roles and single-person dependence per organisation",
                                   ("name", "critical_systems", "open_roles",
                                    "share_single_person", "bus_factor"), limit=None,
                                   summary=False),
    "bus factor": View("Bus factor: whose departure leaves most critical systems unmanaged",
                       ("rank", "name", "unmanaged_if_gone", "left", "systems"), summary=False),
    "precheck": View("Precheck of the planned system", ("question", "answer"), limit=None,
                     summary=False),
    "planned integrations": View("Planned integrations: whom to involve",
                                 ("partner_name", "direction", "organisation",
                                  "who_must_meet", "flags"), limit=None, summary=False),
    "inherited classification": View("Inherited classification",
                                     ("aspect", "level", "because"), limit=None,
                                     summary=False),
    "hubs loaded": View("Hubs it loads, continuity groups it joins",
                        ("hub_name", "relation", "rank", "degree", "organisations"),
                        limit=None, summary=False),
    "consolidation": View("Already registered: consolidation before purchase",
                          ("name", "organisation", "product", "vendor", "reason"), limit=None,
                          summary=False),
    "partners at risk": View("Partners unowned or ageing",
                             ("name", "report", "code", "severity", "reason"), limit=None),
    # ---- import and stats (ea/commands/core.py)
    "import": View("Per file", None, limit=None, summary=False),
}


def view(name: str) -> View:
    """The view of the report or table ``name``; an unknown one shows every column but the
    internal keys, ten rows and a summary when it has findings."""
    return VIEWS.get(name) or View(name, None)
