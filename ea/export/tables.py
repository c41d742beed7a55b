"""The landscape as CSV files in the shape the tabular importer reads.

``write_tables(landscape, folder)`` writes, UTF-8 with BOM (Excel opens it), comma separated:

==========================  ===============================================================
file                        columns (headers the alias table maps back)
==========================  ===============================================================
``systems.csv``             ID, Name, Aliases, Description, Category, Organisation (the
                            path ``A / B``; several joined by ``;``), Management object,
                            Vendor, Product, Version, Hosting, Status, the lifecycle dates,
                            Criticality, Personal data, In-house, External, Number of users
``integrations.csv``        Source, Target (system ids; a placeholder by its name), Via,
                            Type, Frequency, Information, Criticality, Direction,
                            Description
``roles.csv``               ID (system) or Förvaltningsobjekt, Roll (the pm3 role's Swedish
                            name), Person, E-post; a vacant role has no person
``people.csv``              Namn, E-post, Anställningsstatus, Befattning, Organisation: only
                            people that came from a people list (``listed``)
``classification.csv``      ID, K/R/T/S by level name, Klassningsdatum, Klassad av,
                            Riskanalysdatum, Kontinuitetsplan, MTPD/RTO/RPO (hours), SLA
``classification_objects``  the same for förvaltningsobjekt, keyed by Förvaltningsobjekt
==========================  ===============================================================

``ea import`` of these files gives back the same systems (ids, names, fields), integrations,
roles and classification. Not carried: provenance (``sources`` point at the CSV files
afterwards), conflicts and raw values, ``extra`` columns, a role's own title (the canonical
Swedish name is written), a second förvaltningsobjekt of a system, Information nodes
(``PROCESSES``), and organisation ids (organisations are rebuilt from their paths). Cells that
start with ``=``, ``+``, ``-`` or ``@`` are neutralised against spreadsheet formulas.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ea import schema
from ea.landscape import Landscape, edge_types
from ea.output import atomic_write, neutralise
from ea.schema import HAS_ROLE, INTEGRATES_WITH, OBJECT, PERSON, SYSTEM

LEVEL_WORDS = {0: "Försumbar", 1: "Måttlig", 2: "Betydande", 3: "Allvarlig",
               4: "Synnerligen allvarlig"}
HOSTING_WORDS = {"on_prem": "On-premise", "external": "Externt", "hybrid": "Hybrid"}
DATE_HEADERS = {"planned_from": "Planned from", "in_service_from": "In service since",
                "phase_out_from": "Planned retirement", "end_of_life": "End of life",
                "end_of_support": "End of support", "contract_end": "Contract end"}


def _bool(v) -> str:
    return "" if v is None else ("Ja" if v else "Nej")


def _hours(v) -> str:
    return "" if v is None else f"{float(v):g} h"


def _join(v) -> str:
    return "; ".join(str(x) for x in v) if v else ""


def _org_paths(ls: Landscape, key: str) -> str:
    paths = []
    for o in ls.owners_of(key):
        d = ls.node(o)
        paths.append(d.get("path") or d.get("name") or d["id"])
    return "; ".join(paths)


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for r in rows:
                w.writerow([neutralise("" if v is None else v) for v in r])

    atomic_write(path, write)  # each file whole or not at all
    return path


def system_ref(ls: Landscape, key: str) -> str:
    """How a table refers to a system: its id, or its name when it is a placeholder (the
    importer makes a placeholder from a name)."""
    d = ls.node(key)
    return d.get("name") or d["id"] if d.get("placeholder") else d["id"]


def tables(ls: Landscape) -> dict[str, tuple[list[str], list[list]]]:
    """The CSV tables as ``{file name: (header, rows)}``."""
    out: dict[str, tuple[list[str], list[list]]] = {}
    # systems
    head = ["ID", "Name", "Aliases", "Description", "Category", "Organisation",
            "Management object", "Vendor", "Product", "Version", "Hosting", "Status",
            *DATE_HEADERS.values(), "Criticality", "Personal data", "In-house", "External",
            "Number of users"]
    rows = []
    for key, d in ls.nodes(SYSTEM):
        if d.get("placeholder"):
            continue
        objs = ls.objects_of(key)
        rows.append([d["id"], d.get("name") or d["id"], _join(d.get("aliases")),
                     d.get("description"), d.get("category"), _org_paths(ls, key),
                     ls.name(objs[0]) if objs else "", d.get("vendor"), d.get("product"),
                     d.get("version"), HOSTING_WORDS.get(d.get("hosting"), d.get("hosting")),
                     d.get("status"), *[d.get(f) for f in DATE_HEADERS],
                     schema.CRITICALITY_NAMES.get(d.get("criticality"), ""),
                     _bool(d.get("personal_data")), _bool(d.get("in_house")),
                     _bool(d.get("external")), d.get("user_count")])
    out["systems.csv"] = (head, rows)
    # integrations
    head = ["Source", "Target", "Via", "Type", "Frequency", "Information", "Criticality",
            "Direction", "Description"]
    rows = []
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        via = d.get("via")
        rows.append([system_ref(ls, u), system_ref(ls, v),
                     system_ref(ls, via) if via and via in ls else "", "; ".join(edge_types(d)),
                     d.get("frequency"), _join(d.get("information")),
                     schema.CRITICALITY_NAMES.get(d.get("criticality"), ""),
                     "both" if d.get("bidirectional") else "", d.get("description")])
    out["integrations.csv"] = (head, rows)
    # roles (long form)
    head = ["ID", "Förvaltningsobjekt", "Roll", "Person", "E-post"]
    rows = []
    for u, v, _k, d in ls.edges(HAS_ROLE):
        p = ls.node(u)
        title = schema.ROLES[d["role"]].names[0]
        sid, obj = (system_ref(ls, v), "") if ls.node(v)["kind"] == SYSTEM else ("", ls.name(v))
        rows.append([sid, obj, title, p.get("name") or "", p.get("email") or ""])
    for kind in (SYSTEM, OBJECT):
        for key, d in ls.nodes(kind):
            for vac in d.get("vacant_roles") or []:
                sid, obj = (system_ref(ls, key), "") if kind == SYSTEM else ("", ls.name(key))
                rows.append([sid, obj, schema.ROLES[vac["role"]].names[0], "", ""])
    out["roles.csv"] = (head, rows)
    # people
    head = ["Namn", "E-post", "Anställningsstatus", "Befattning", "Organisation"]
    rows = []
    for _key, d in ls.nodes(PERSON):
        if not d.get("listed"):
            continue
        status = {True: "Aktiv", False: "Avslutad"}.get(d.get("active"), "Okänd")
        rows.append([d.get("name"), d.get("email"), status, d.get("title"),
                     d.get("organisation")])
    out["people.csv"] = (head, rows)
    # classification
    cls_head = ["Konfidentialitet", "Riktighet", "Tillgänglighet", "Spårbarhet",
                "Klassningsdatum", "Klassad av", "Riskanalysdatum", "Kontinuitetsplan", "MTPD",
                "RTO", "RPO", "SLA"]

    def cls_row(d: dict) -> list | None:
        vals = [LEVEL_WORDS.get(d.get(f), "") for f in ("k", "r", "t", "s")]
        vals += [d.get("classified_at"), d.get("classified_by"), d.get("risk_assessed_at"),
                 _bool(d.get("continuity_plan")), _hours(d.get("mtpd_hours")),
                 _hours(d.get("rto_hours")), _hours(d.get("rpo_hours")), d.get("sla")]
        return vals if any(v not in (None, "") for v in vals) else None

    rows = []
    for key, d in ls.nodes(SYSTEM):
        r = cls_row(d)
        if r:
            rows.append([system_ref(ls, key), *r])
    out["classification.csv"] = (["ID", *cls_head], rows)
    rows = []
    for key, d in ls.nodes(OBJECT):
        r = cls_row(d)
        if r:
            rows.append([ls.name(key), *r])
    out["classification_objects.csv"] = (["Förvaltningsobjekt", *cls_head], rows)
    return out


def write_tables(landscape: Landscape, folder: str | Path) -> list[Path]:
    """Write the CSV files into ``folder`` (created if needed); returns the files written.

    Tables without rows are not written (the importer rejects a file it cannot place).

    Examples
    --------
    >>> import tempfile
    >>> from ea.landscape import Landscape
    >>> from ea.importers import import_files
    >>> ls = Landscape()
    >>> a = ls.add_system("S1", name="Raindance")
    >>> b = ls.add_system("S2", name="Heroma")
    >>> _ = ls.add_integration(a, b, type="file")
    >>> out = tempfile.mkdtemp()
    >>> files = write_tables(ls, out)
    >>> back = import_files(files).landscape
    >>> sorted((back.name(u), back.name(v)) for u, v, _, _ in back.edges("INTEGRATES_WITH"))
    [('Raindance', 'Heroma')]
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (head, rows) in tables(landscape).items():
        if rows:
            written.append(_write(folder / name, head, rows))
    return written
