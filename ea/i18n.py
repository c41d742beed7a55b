"""The words people read, in Swedish and English: one catalogue for the terminal tables,
the xlsx and Markdown files and the board pack (:mod:`ea.boardpack`).

A command's output is written in the language ``--lang sv|en`` asks for, else ``lang`` in
ea.yaml, else English (the board pack ``ea report``: Swedish). Swedish changes what a person
reads: column headers, report titles, the summary lines, finding codes as words, severities,
pm3 role names (:data:`ea.schema.ROLES`' Swedish titles), report, effect and change names,
and the orphans report's reasons (:func:`reason`). Machine formats (csv, json) and
``--columns`` keep the stable English keys and codes; the other reports' reasons stay the
English sentences each query writes.

>>> header("sv", "severity"), header("en", "share_unowned")
('Allvarlighet', 'share unowned')
>>> value("sv", "code", "missing_role"), value("sv", "severity", "high")
('Obligatorisk roll saknas', 'hög')
>>> value("sv", "role", "it_manager"), value("en", "role", "it_manager")
('förvaltningsledare IT', 'it_manager')
"""

from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "pack": "Styrelserapport: IT-landskapet",
        "as_of": "Per",
        "generated_by": "Framtagen med ea",
        "sources": "Källfiler",
        "no_sources": "(inga källfiler angivna i ögonblicksbilden)",
        "scope": "Avgränsning",
        "whole": "Hela landskapet",
        "key_figures": "Nyckeltal",
        "summary": "Sammanfattning",
        "unowned_title": "System och förvaltningsobjekt utan fungerande objektägare",
        "unowned_chart": "Andel system utan fungerande objektägare, per organisation",
        "findings_title": "Kritiska och höga avvikelser",
        "hubs_title": "Nav som kräver gemensam kontinuitetsplanering",
        "ageing_title": "Åldrande: slut på support och livslängd per kvartal",
        "ageing_chart": "System som når slut på support eller livslängd, per kvartal",
        "replacement_title": "Ersättningslista (topp 20)",
        "classification_title": "Brister i klassning och kontinuitet",
        "people_title": "Nyckelpersonsberoende",
        "changes_title": "Förändringar sedan förra rapporten",
        "none": "Inga.",
        "coordinate_note": "Avvikelser från ea coordinate gäller en förvaltningsledare och "
                           "en integration var; de räknas här och listas av ea coordinate.",
        "more_rows": "… och {n} till (se arbetsboken eller ea check).",
        # key figures
        "systems": "System (lokala, ej avvecklade)",
        "systems_unowned": "System utan fungerande objektägare",
        "share_systems_unowned": "Andel system utan objektägare",
        "objects": "Förvaltningsobjekt",
        "objects_unowned": "Förvaltningsobjekt utan fungerande objektägare",
        "share_objects_unowned": "Andel förvaltningsobjekt utan objektägare",
        "critical": "Kritiska",
        "high": "Höga",
        "hubs_joint_planning": "Nav som kräver gemensam kontinuitetsplanering",
        "ending_within_horizon": "System som når slut på support/livslängd (passerat eller inom horisonten)",
        "classification_findings": "Brister i klassning och kontinuitet",
        # columns
        "organisation": "Organisation",
        "name": "Namn",
        "unowned": "Utan objektägare",
        "share_unowned": "Andel utan objektägare",
        "objects_unowned_col": "Objekt utan objektägare",
        "share_objects_unowned_col": "Andel objekt utan objektägare",
        "severity": "Allvarlighet",
        "report": "Rapport",
        "code": "Avvikelse",
        "reason": "Varför",
        "rules": "Regler som slog till",
        "roles": "Roller",
        "critical_systems": "Kritiska system",
        "sole_holder_count": "Ensam innehavare (roller)",
        "category": "Område",
        "change": "Förändring",
        "rank": "Rang",
        "organisation_count": "Organisationer",
        "group_systems": "System i gruppen",
        "group_people": "Personer i gruppen",
        "group_gaps": "Vakanta/saknade roller",
        "quarter": "Kvartal",
        "end_of_support": "Slut på support",
        "end_of_life": "Slut på livslängd",
        "systems_col": "System",
        "end_kind": "Vad som tar slut",
        "end_date": "Datum",
        "months_left": "Månader kvar",
        "dependant_count": "Beroende system",
        "score": "Poäng",
        "findings": "Avvikelser",
        "example": "Exempel",
        "passed": "passerat",
        "severity_critical": "kritisk",
        "severity_high": "hög",
        "severity_medium": "medel",
        "severity_low": "låg",
        "severity_info": "info",
        "yes": "ja",
        "no": "nej",
    },
    "en": {
        "pack": "Board pack: the IT landscape",
        "as_of": "As of",
        "generated_by": "Produced with ea",
        "sources": "Source files",
        "no_sources": "(no source files recorded in the snapshot)",
        "scope": "Scope",
        "whole": "The whole landscape",
        "key_figures": "Key figures",
        "summary": "Summary",
        "unowned_title": "Systems and management objects without a working object owner",
        "unowned_chart": "Share of systems without a working object owner, per organisation",
        "findings_title": "Critical and high findings",
        "hubs_title": "Hubs that need joint continuity planning",
        "ageing_title": "Ageing: end of support and end of life per quarter",
        "ageing_chart": "Systems reaching end of support or end of life, per quarter",
        "replacement_title": "Replacement list (top 20)",
        "classification_title": "Classification and continuity gaps",
        "people_title": "Key-person risk",
        "changes_title": "Changes since the last report",
        "none": "None.",
        "coordinate_note": "Findings of ea coordinate concern one manager and one integration "
                           "each; they are counted here and listed by ea coordinate.",
        "more_rows": "… and {n} more (see the workbook or ea check).",
        "systems": "Systems (local, not retired)",
        "systems_unowned": "Systems without a working object owner",
        "share_systems_unowned": "Share of systems without an object owner",
        "objects": "Management objects",
        "objects_unowned": "Management objects without a working object owner",
        "share_objects_unowned": "Share of objects without an object owner",
        "critical": "Critical",
        "high": "High",
        "hubs_joint_planning": "Hubs that need joint continuity planning",
        "ending_within_horizon": "Systems reaching end of support/life (passed or within the horizon)",
        "classification_findings": "Classification and continuity gaps",
        "organisation": "Organisation",
        "name": "Name",
        "unowned": "Without object owner",
        "share_unowned": "Share without object owner",
        "objects_unowned_col": "Objects without object owner",
        "share_objects_unowned_col": "Share of objects without object owner",
        "severity": "Severity",
        "report": "Report",
        "code": "Finding",
        "reason": "Why",
        "rules": "Rules that fired",
        "roles": "Roles",
        "critical_systems": "Critical systems",
        "sole_holder_count": "Sole holder (roles)",
        "category": "Area",
        "change": "Change",
        "rank": "Rank",
        "organisation_count": "Organisations",
        "group_systems": "Systems in the group",
        "group_people": "People in the group",
        "group_gaps": "Vacant/missing roles",
        "quarter": "Quarter",
        "end_of_support": "End of support",
        "end_of_life": "End of life",
        "systems_col": "Systems",
        "end_kind": "What ends",
        "end_date": "Date",
        "months_left": "Months left",
        "dependant_count": "Dependent systems",
        "score": "Score",
        "findings": "Findings",
        "example": "Example",
        "passed": "passed",
        "severity_critical": "critical",
        "severity_high": "high",
        "severity_medium": "medium",
        "severity_low": "low",
        "severity_info": "info",
        "yes": "yes",
        "no": "no",
    },
}

#: Finding codes in the words a board reads: code -> (Swedish, English).
CODES: dict[str, tuple[str, str]] = {
    "no_object_no_roles": ("Inget förvaltningsobjekt och inga roller",
                           "No management object and no roles"),
    "missing_role": ("Obligatorisk roll saknas", "Mandatory role missing"),
    "vacant_role": ("Roll vakant", "Role vacant"),
    "inactive_holder": ("Rollinnehavaren har slutat", "Role holder has left"),
    "no_owning_organisation": ("Ingen ägande organisation", "No owning organisation"),
    "multiple_owning_boards": ("Flera ägande nämnder", "Several owning boards"),
    "owner_is_it_manager": ("Objektägaren är också förvaltningsledare IT",
                            "Object owner is also the IT manager"),
    "external_system": ("Externt system", "External system"),
    "placeholder_system": ("Refererat men aldrig definierat", "Referenced, never defined"),
    "partner_unowned": ("Integrationspartner utan ägare", "Integration partner unowned"),
    "partner_ending_life": ("Integrationspartner når slut på livslängd",
                            "Integration partner ending life"),
    "partner_external": ("Extern integrationspartner", "External integration partner"),
    "confidentiality_downflow": ("Information flödar till lägre konfidentialitet",
                                 "Information flows to lower confidentiality"),
    "availability_below_dependent": ("Lägre tillgänglighet än system som beror på det",
                                     "Availability below a dependent system"),
    "rto_longer_than_dependent": ("Längre återställningstid än system som beror på det",
                                  "RTO longer than a dependent's"),
    "high_t_without_continuity_plan": ("Hög tillgänglighet utan kontinuitetsplan",
                                       "High availability without continuity plan"),
    "unclassified_integrates_classified": ("Oklassat system integrerar med klassat",
                                           "Unclassified system integrates with classified"),
    "effective_above_recorded": ("Informationen kräver högre klassning än registrerad",
                                 "Information requires a higher level than recorded"),
    "JOINT_CONTINUITY_PLANNING": ("Gemensam kontinuitetsplanering", "Joint continuity planning"),
    "HUB": ("Nav", "Hub"),
    # coordinate (queries/coordinate.py)
    "coordinate": ("Ska träffas", "Must meet"),
    "meet": ("Träffa", "Meet"),
    "no_one_to_meet": ("Ingen att träffa", "No one to meet"),
    "both_ends": ("Förvaltar båda ändar", "Manages both ends"),
    # quality rules (queries/quality.py; has_<role> below, from the roles): named by what
    # they require, as the per-rule table counts those that pass and fail
    "has_organisation": ("Ägande organisation", "Owning organisation"),
    "has_classification": ("Klassning (K, R, T)", "Classification (K, R, T)"),
    "classification_fresh": ("Aktuell klassning", "Classification up to date"),
    "risk_analysis_fresh": ("Aktuell riskanalys", "Risk analysis up to date"),
    "continuity_plan": ("Kontinuitetsplan", "Continuity plan"),
    "rto": ("Återställningstid (RTO)", "Recovery time (RTO)"),
    "lifecycle_dates": ("Livscykeldatum", "Lifecycle dates"),
    "vendor": ("Leverantör", "Vendor"),
    "recorded_both_ends": ("Integrationen angiven i båda ändar",
                           "Integration stated at both ends"),
    "no_source_conflicts": ("Källorna överens", "Sources agree"),
    # ageing (queries/ageing.py)
    "LIFECYCLE_CONFLICT": ("Livscykeln motsäger datumen", "Lifecycle contradicts the dates"),
    "END_OF_LIFE_PASSED": ("Slut på livslängd passerat", "End of life passed"),
    "END_OF_LIFE_UPCOMING": ("Slut på livslängd närmar sig", "End of life upcoming"),
    "END_OF_SUPPORT_PASSED": ("Slut på support passerat", "End of support passed"),
    "END_OF_SUPPORT_UPCOMING": ("Slut på support närmar sig", "End of support upcoming"),
    "VENDOR_EOL_PASSED": ("Leverantörens slutdatum passerat", "Vendor end of life passed"),
    "VENDOR_EOL_UPCOMING": ("Leverantörens slutdatum närmar sig", "Vendor end of life upcoming"),
    "CONTRACT_END_PASSED": ("Avtalet har löpt ut", "Contract ended"),
    "CONTRACT_END_UPCOMING": ("Avtalet löper ut", "Contract ending"),
    "RETIREMENT_PLANNED": ("Avveckling planerad", "Retirement planned"),
    "RETIREMENT_OVERDUE": ("Avvecklingen är försenad", "Retirement overdue"),
    "RETIREMENT_INTENDED": ("Avveckling avsedd", "Retirement intended"),
    "EOL_PROPAGATED": ("Beroende system når slut på livslängd", "Depends on a system ending life"),
    "LONG_IN_SERVICE": ("Länge i drift", "Long in service"),
    "REPLACEMENT_PRIORITY": ("Ersättningsprioritet", "Replacement priority"),
    # impact (queries/impact.py)
    "IMPACT_SUMMARY": ("Sammanfattning av påverkan", "Impact summary"),
    "IMPACT_REACHED": ("Påverkas", "Reached"),
    "IMPACT_DISCONNECTS": ("Avskärs", "Disconnected"),
    # duplicates (queries/duplicates.py)
    "DUPLICATE_PRODUCT": ("Samma produkt flera gånger", "Same product more than once"),
    "SIMILAR_NAME": ("Liknande namn", "Similar name"),
    # people (queries/people.py)
    "HOLDER_LEFT": ("Har slutat men har kvar roller", "Left, still holds roles"),
    "SOLE_HOLDER": ("Ensam innehavare av nyckelroll", "Sole holder of a key role"),
    "MANY_ROLES": ("Många roller", "Many roles"),
    "ROLES": ("Roller", "Roles"),
    # diff (queries/diff.py)
    "SYSTEM_ADDED": ("System tillkommet", "System added"),
    "SYSTEM_REMOVED": ("System borttaget", "System removed"),
    "SYSTEM_RENAMED": ("System har bytt namn", "System renamed"),
    "OBJECT_ADDED": ("Förvaltningsobjekt tillkommet", "Object added"),
    "OBJECT_REMOVED": ("Förvaltningsobjekt borttaget", "Object removed"),
    "OBJECT_RENAMED": ("Förvaltningsobjekt har bytt namn", "Object renamed"),
    "INTEGRATION_ADDED": ("Integration tillkommen", "Integration added"),
    "INTEGRATION_REMOVED": ("Integration borttagen", "Integration removed"),
    "OWNER_CHANGED": ("Ny ägare", "Owner changed"),
    "ROLE_CHANGED": ("Ny rollinnehavare", "Role holder changed"),
    "CLASSIFICATION_CHANGED": ("Ändrad klassning", "Classification changed"),
    "LIFECYCLE_CHANGED": ("Ändrad livscykelfas", "Lifecycle changed"),
    "ORPHAN_NEW": ("Ny ägarlöshet", "New orphan finding"),
    "ORPHAN_OPEN": ("Kvarstående ägarlöshet", "Orphan finding still open"),
    "ORPHAN_RESOLVED": ("Åtgärdad ägarlöshet", "Orphan finding resolved"),
    "HUB_ENTERED": ("Nytt nav", "Became a hub"),
    "HUB_LEFT": ("Inte längre nav", "No longer a hub"),
}

#: Report names: report -> (Swedish, English).
REPORTS = {"orphans": ("ägarlöshet", "orphans"), "coordinate": ("samordning", "coordinate"),
           "quality": ("datakvalitet", "quality"),
           "classification": ("klassning", "classification"),
           "hubs": ("nav", "hubs"), "ageing": ("åldrande", "ageing"),
           "people": ("nyckelpersoner", "people"), "impact": ("påverkan", "impact"),
           "duplicates": ("dubbletter", "duplicates"), "diff": ("förändringar", "diff")}

#: Column key -> label key, where the column name differs from its label's key.
COLUMN_LABEL = {"objects_unowned": "objects_unowned_col",
                "share_objects_unowned": "share_objects_unowned_col",
                "systems": "systems_col", "objects": "objects"}

#: Columns shown as percentages.
PERCENT = {"share_unowned", "share_objects_unowned", "share_systems_unowned"}


def words(lang: str) -> dict[str, str]:
    """The label table for ``lang`` ("sv" or "en")."""
    if lang not in LABELS:
        from ea.errors import EaError

        raise EaError(f"unknown language '{lang}' (known: {', '.join(LABELS)})")
    return LABELS[lang]


def column(lang: str, col: str) -> str:
    w = words(lang)
    return w.get(COLUMN_LABEL.get(col, col), col)


def code(lang: str, value: str) -> str:
    """A finding code in words; an unknown code as it is, readable."""
    words_ = CODES.get(value)
    if words_:
        return words_[0 if lang == "sv" else 1]
    return str(value).replace("_", " ")


def report(lang: str, value: str) -> str:
    names = REPORTS.get(value)
    return names[0 if lang == "sv" else 1] if names else str(value)


def severity(lang: str, sev: str) -> str:
    return words(lang).get(f"severity_{sev}", sev)


# ------------------------------------------------------------------- the CLI's outputs
#: The languages, and the one a command writes in unless told (the board pack: "sv").
LANGS = ("sv", "en")
DEFAULT = "en"

#: Column headers in Swedish, beyond the board pack's (``LABELS["sv"]``), which come first
#: where a column has one. English headers are the column keys with spaces for ``_``.
SV_COLUMNS: dict[str, str] = {
    "kind": "Typ", "organisations": "Organisationer", "incomplete": "Ofullständiga",
    "share_incomplete": "Andel ofullständiga", "role": "Roll", "manager_a_name": "Förvaltare A",
    "manager_b_name": "Förvaltare B", "relation": "Relation", "integrations": "Integrationer",
    "availability": "Tillgänglighet", "criticality": "Verksamhetskritikalitet",
    "recorded": "Registrerad", "effective": "Effektiv", "hub_score": "Navpoäng",
    "hub_name": "Nav", "person_name": "Person", "system_name": "System",
    "distance": "Avstånd", "effect": "Verkan", "date": "Datum", "product": "Produkt",
    "others": "Övriga", "open_roles": "Vakanta roller",
    "share_single_person": "Andel med en person", "bus_factor": "Bussfaktor",
    "unmanaged_if_gone": "Utan förvaltare om personen går", "left": "Har slutat",
    "systems": "System", "question": "Fråga", "answer": "Svar", "partner_name": "Partner",
    "direction": "Riktning", "who_must_meet": "Vem som ska träffas", "flags": "Flaggor",
    "aspect": "Aspekt", "level": "Nivå", "because": "Därför att", "degree": "Grad",
    "vendor": "Leverantör", "count": "Antal", "worst": "Värst", "subjects": "Granskade",
    "passed": "Godkända", "failed": "Underkända", "share_passed": "Andel godkända",
    "rule": "Regel", "file": "Fil", "email": "E-post", "status": "Status",
    "share_sole_holder": "Andel ensam innehavare", "objects": "Förvaltningsobjekt",
    "class": "Avvikelse", "total": "Totalt", "source": "Källa", "partner": "Partner",
    "version": "Version", "since": "Sedan", "days_open": "Dagar öppen", "old": "Före",
    "new": "Efter", "field": "Fält", "subject": "Nyckel", "people": "Personer",
    "inherited_from": "Ärvt från", "classification": "Klassning", "nobody": "Ingen innehavare",
    "group": "Grupp", "group_size": "Gruppstorlek", "lifecycle": "Livscykel",
    "depends_on_name": "Beror på", "in_house": "Egenutvecklat",
    "years_in_service": "År i drift", "scope": "Omfattning", "share": "Andel",
    "sole_holder": "Ensam innehavare", "role_names": "Rollnamn",
    "weighted_roles": "Viktade roller", "via": "Via", "partner_level": "Partnerns nivå",
    "in_degree": "In-grad", "out_degree": "Ut-grad", "betweenness": "Mellanliggande",
    "external": "Extern", "articulation_point": "Ledpunkt", "bridges": "Broar",
}

#: The English and Swedish words of a finding summary, titles and notes in the terminal.
TEXT: dict[str, tuple[str, str]] = {
    "per_class": ("Per class and severity:", "Per avvikelse och allvarlighet:"),
    "first_of": ("First {shown} of {n}:", "De första {shown} av {n}:"),
    "rows_1": ("{title}: 1 row", "{title}: 1 rad"),
    "rows_n": ("{title}: {n} rows", "{title}: {n} rader"),
    "none": ("(none)", "(inga)"),
    "no_rows": ("(no rows)", "(inga rader)"),
    "more_rows": ("{n} more rows", "{n} rader till"),
    "more_rows_of": ("{n} more rows of '{title}'", "{n} rader till i '{title}'"),
    "the_columns": ("the columns {names}", "kolumnerna {names}"),
    "and_more": ("{names} and {n} more", "{names} och {n} till"),
    "not_shown": ("Not shown: {what}. --all shows every row, --columns a,b,c chooses columns, "
                  "-o FILE.xlsx writes everything.",
                  "Visas inte: {what}. --all visar alla rader, --columns a,b,c väljer "
                  "kolumner (med de engelska namnen), -o FIL.xlsx skriver allt."),
    "zeros": ("None in any file: {names}.", "Inga i någon fil: {names}."),
    "yes": ("yes", "ja"),
    "no": ("no", "nej"),
}

#: Report and table titles in Swedish, by the view name of :mod:`ea.views` (the English
#: title is the view's own).
SV_TITLES: dict[str, str] = {
    "orphans": "Ägarlöshet: objekt och system utan fungerande ägare eller förvaltare",
    "per organisation": "Utan objektägare per organisation",
    "meetings": "Vilka du ska träffa (varje förvaltare en gång), sedan åtgärderna",
    "coordination": "Samordning: vilka varje förvaltare ska träffa, per integration",
    "meeting matrix": "Mötesmatris: par av förvaltare som ska träffas",
    "quality by rule": "Datakvalitet per regel",
    "quality by object": "Datakvalitet per förvaltningsobjekt",
    "quality by manager": "Datakvalitet per förvaltare",
    "quality by organisation": "Datakvalitet per organisation",
    "details": "Underkända",
    "classification": "Klassningskontroller",
    "check": "Alla förvaltningsregler",
    "hubs": "Nav, viktigast först",
    "continuity_groups": "Kontinuitetsgrupper: vilka som planerar varje navs kontinuitet "
                         "tillsammans",
    "impact": "Påverkan: vad som stannar, vad som försämras, vad som bara nås",
    "ageing": "Åldrande: passerat och kommande slut på support och livslängd",
    "replacement": "Ersättningslista, högst prioritet först",
    "duplicates": "Kandidater för konsolidering",
    "changes": "Förändringar sedan den tidigare ögonblicksbilden",
    "changes per category": "Förändringar per område",
    "people": "Nyckelpersonsberoende: personer med roller, störst risk först",
    "roles per organisation": "Vakanta roller och beroende av en person per organisation",
    "bus factor": "Bussfaktor: vems avgång lämnar flest kritiska system utan förvaltare",
    "precheck": "Förhandskontroll av det planerade systemet",
    "planned integrations": "Planerade integrationer: vilka som ska involveras",
    "inherited classification": "Ärvd klassning",
    "hubs loaded": "Nav det belastar, kontinuitetsgrupper det ingår i",
    "consolidation": "Redan registrerat: konsolidera före inköp",
    "partners at risk": "Partner utan ägare eller som åldras",
    "import": "Per fil",
}

#: Sheet names of the xlsx files in Swedish (at most 31 characters), by the English ones.
SV_SHEETS: dict[str, str] = {
    "orphans": "Ägarlöshet", "per organisation": "Per organisation",
    "coordination": "Samordning", "meetings": "Möten", "meeting matrix": "Mötesmatris",
    "classification": "Klassning", "check": "Förvaltningsregler", "hubs": "Nav",
    "hubs_between": "Nav mellan organisationer", "hubs_organisation": "Nav per organisation",
    "continuity_groups": "Kontinuitetsgrupper", "impact": "Påverkan", "ageing": "Åldrande",
    "replacement": "Ersättningslista", "duplicates": "Dubbletter", "changes": "Förändringar",
    "changes per category": "Förändringar per område", "people": "Nyckelpersoner",
    "precheck": "Förhandskontroll", "findings": "Avvikelser",
    **{f"quality by {by}": f"Datakvalitet per {sv}" for by, sv in (
        ("rule", "regel"), ("object", "objekt"), ("manager", "förvaltare"),
        ("organisation", "organisation"))},
}


def sheet(lang: str, name: str) -> str:
    """An xlsx sheet's name in ``lang``."""
    return SV_SHEETS.get(name, name) if lang == "sv" else name


#: Other values shown as words in Swedish, per column: effect, change, category, kind …
SV_VALUES: dict[str, dict[str, str]] = {
    "effect": {"stops": "stannar", "degraded": "försämras", "reachable": "nås"},
    "change": {"added": "tillkommen", "removed": "borttagen", "renamed": "nytt namn",
               "changed": "ändrad", "new": "ny", "open": "kvarstår", "resolved": "åtgärdad",
               "entered": "tillkommen", "left": "lämnat"},
    "category": {"systems": "system", "objects": "förvaltningsobjekt",
                 "integrations": "integrationer", "ownership": "ägarskap", "roles": "roller",
                 "classification": "klassning", "lifecycle": "livscykel",
                 "orphans": "ägarlöshet", "hubs": "nav"},
    "kind": {"System": "System", "Object": "Objekt",
             "Integration": "Integration", "Person": "Person"},
    "relation": {"platform": "plattform", "integration": "integration"},
    "name": {"(no organisation)": "(ingen organisation)"},
    "organisation": {"(no organisation)": "(ingen organisation)"},
    "end_kind": {"end_of_support": "slut på support", "end_of_life": "slut på livslängd",
                 "contract_end": "avtalsslut", "phase_out_from": "avveckling",
                 "vendor_eol": "leverantörens slutdatum"},
}
#: Columns whose values are finding codes, severities, role keys, report names.
CODE_COLUMNS = ("code", "class", "rule")
SEVERITY_COLUMNS = ("severity", "worst")
ROLE_COLUMNS = ("role",)


def check(lang: str | None) -> str:
    """``lang`` if it is one ea writes (``None``: the CLI's default); else an error naming
    the known ones."""
    if lang is None or lang == "":
        return DEFAULT
    value = str(lang).strip().lower()
    if value not in LANGS:
        from ea.errors import EaError

        raise EaError(f"unknown language '{lang}' (known: {', '.join(LANGS)})")
    return value


def text(lang: str, key: str, **kw) -> str:
    """A phrase of the terminal's summary lines in ``lang``."""
    return TEXT[key][1 if lang == "sv" else 0].format(**kw)


def header(lang: str, col: str) -> str:
    """A column header: Swedish words with ``lang="sv"``, else the key, spaced."""
    col = str(col)
    if lang == "sv":
        sv = LABELS["sv"]
        if col in SV_COLUMNS:
            return SV_COLUMNS[col]
        if COLUMN_LABEL.get(col, col) in sv:
            return sv[COLUMN_LABEL.get(col, col)]
        if col.startswith("has_") and col[4:] in _roles():
            return role("sv", col[4:])
    return col.replace("_", " ")


def title(lang: str, name: str, english: str) -> str:
    """The title of the view ``name`` (``english`` its own English title)."""
    return SV_TITLES.get(name, english) if lang == "sv" else english


def _roles():
    from ea.schema import ROLES

    return ROLES


def role(lang: str, key: str) -> str:
    """A pm3 role in words: in Swedish the role's Swedish title from :data:`ea.schema.ROLES`
    (``förvaltningsledare IT``); in English the key, as the queries write it."""
    r = _roles().get(str(key))
    if lang != "sv" or r is None:
        return str(key)
    sv = r.names[0]
    return sv[:1].lower() + sv[1:]


def _code_sv(value: str) -> str:
    if value in CODES:
        return CODES[value][0]
    if value.startswith("has_") and value[4:] in _roles():  # a quality rule per role
        return f"Fungerande {role('sv', value[4:])}"
    return value


def value(lang: str, col: str, v):
    """A cell as a person reads it in ``lang``: codes, severities, roles and a few other
    values in Swedish words with ``lang="sv"``; everything else (and every English cell) as
    it is. Lists are translated item by item."""
    if lang != "sv" or v is None:
        return v
    if isinstance(v, list | tuple):
        return [value(lang, col, x) for x in v]
    if not isinstance(v, str):
        return v
    if col in CODE_COLUMNS:
        return _code_sv(v)
    if col in SEVERITY_COLUMNS:
        return severity("sv", v)
    if col in ROLE_COLUMNS:
        return role("sv", v)
    if col == "report":
        return report("sv", v)
    return SV_VALUES.get(col, {}).get(v, v)


def translate(df, lang: str):
    """``df`` with the values people read in ``lang`` (see :func:`value`); the column keys
    stay (headers are drawn with :func:`header`). English: ``df`` itself."""
    if lang != "sv":
        return df
    out = df.copy()
    if "code" in out.columns and "reason" in out.columns:  # before the codes become words
        out["reason"] = [reason(lang, c, r) for c, r in zip(out["code"].tolist(),
                                                             out["reason"].tolist(),
                                                             strict=True)]
    for col in out.columns:
        c = str(col)
        if c in CODE_COLUMNS or c in SEVERITY_COLUMNS or c in ROLE_COLUMNS or c == "report" \
                or c in SV_VALUES:
            out[col] = [value(lang, c, v) for v in out[col].tolist()]
    return out


# -------------------------------------------------------------------------- reasons
# The orphans report's reasons (queries/orphans.py) in Swedish: each of its English
# sentences, keyed by finding code, read back by a pattern and written again from a Swedish
# template. A sentence no pattern reads stays as the query wrote it (English): a changed
# sentence in the query shows up in English, never wrong (tests/test_i18n.py pins each code).
_GONE = {"inactive": "inaktiv", "not in the people list": "finns inte i personallistan"}
_INHERITED = r"(?: \(inherited from (?P<inh>.+)\))?"


def _role_sv(label: str) -> str:
    """A role named as the query names it (its English label, lower case) in Swedish."""
    for key, r in _roles().items():
        if r.label.lower() == label:
            return role("sv", key)
    return label


def _inh(m) -> str:
    return f" (ärvd från {m['inh']})" if m["inh"] else ""


def _gone(why: str) -> str:
    # "Name: inactive; Name: not in the people list"
    return "; ".join(
        f"{part.rsplit(': ', 1)[0]}: {_GONE.get(part.rsplit(': ', 1)[-1], part.rsplit(': ', 1)[-1])}"
        if ": " in part else part for part in why.split("; "))


def _integrations(n: str) -> str:
    return f"{n} integration" if n == "1" else f"{n} integrationer"


_REASONS: dict[str, tuple[str, object]] = {
    "missing_role": (r"no (?P<role>.+?)(?:, neither its own nor on (?P<objects>.+))?",
                     lambda m: f"ingen {_role_sv(m['role'])}" + (
                         f", varken egen eller på {m['objects']}" if m["objects"] else "")),
    "vacant_role": (r"(?P<role>.+?) recorded as vacant \('(?P<as>.*)'\)" + _INHERITED,
                    lambda m: f"{_role_sv(m['role'])} registrerad som vakant ('{m['as']}')"
                              + _inh(m)),
    "inactive_holder": (r"(?P<role>.+?) held only by people who have left \((?P<why>.*?)\)"
                        + _INHERITED,
                        lambda m: f"{_role_sv(m['role'])} innehas bara av personer som har "
                                  f"slutat ({_gone(m['why'])})" + _inh(m)),
    "no_object_no_roles": (r"in no förvaltningsobjekt and no roles of its own: nobody answers "
                           r"for it",
                           lambda m: "i inget förvaltningsobjekt och inga egna roller: ingen "
                                     "svarar för det"),
    "no_owning_organisation": (r"no owning organisation \(nämnd, bolag or förvaltning\)",
                               lambda m: "ingen ägande organisation (nämnd, bolag eller "
                                         "förvaltning)"),
    "multiple_owning_boards": (r"owned by (?P<n>\d+) boards \((?P<boards>.*)\); a digital "
                               r"service must have exactly one owner",
                               lambda m: f"ägs av {m['n']} nämnder ({m['boards']}); en digital "
                                         "tjänst ska ha exakt en ägare"),
    "owner_is_it_manager": (r"(?P<people>.+) is both object owner and IT manager",
                            lambda m: f"{m['people']} är både objektägare och "
                                      f"{role('sv', 'it_manager')}"),
    "external_system": (r"external system \(not owned locally\); (?P<n>\d+) integration\(s\); "
                        r"local contact: (?P<who>.*)",
                        lambda m: f"externt system (ägs inte lokalt); {_integrations(m['n'])}; "
                                  "lokal kontakt: "
                                  + ("ingen" if m["who"] == "none" else m["who"])),
    "placeholder_system": (r"referenced but never defined in an inventory; (?P<n>\d+) "
                           r"integration\(s\)",
                           lambda m: "refererat men aldrig definierat i en förteckning; "
                                     + _integrations(m["n"])),
}
_REASON_RE = {code: re.compile(pattern, re.DOTALL) for code, (pattern, _) in _REASONS.items()}


def reason(lang: str, code: str, text):
    """The reason of a finding ``code`` in ``lang``: the orphans report's reasons in
    Swedish; any other reason (and any the patterns do not read) as written.

    >>> reason("sv", "missing_role", "no it manager, neither its own nor on HR")
    'ingen förvaltningsledare IT, varken egen eller på HR'
    >>> reason("sv", "ROLE_CHANGED", "object owner: A -> B")
    'object owner: A -> B'
    """
    if lang != "sv" or not isinstance(text, str) or code not in _REASON_RE:
        return text
    m = _REASON_RE[code].fullmatch(text)
    return _REASONS[code][1](m) if m else text
