"""The words people read, in Swedish and English: one catalogue for the terminal tables,
the xlsx and Markdown files and the board pack (:mod:`ea.boardpack`).

A command's output is written in the language ``--lang sv|en`` asks for, else ``lang`` in
ea.yaml, else English (the board pack ``ea report``: Swedish). Swedish changes what a person
reads: column headers, report titles, the summary lines, finding codes as words, severities,
pm3 role names (:data:`ea.schema.ROLES`' Swedish titles), report, effect and change names,
every report's reasons (:func:`reason`: per finding code the English sentence the query
writes as a template beside the Swedish one), the lines printed before a report
(:func:`sentence`), ``ea show``, the import and stats tables and the map
(:func:`translate_map`). Machine formats (csv, json) and ``--columns`` keep the stable
English keys, codes and reasons.

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
    "class": "Avvikelse", "total": "Totalt", "source": "Källa", "partner": "Partnernyckel",
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
    # ---- the other reports' columns (coordinate, impact, ageing, hubs, quality, people)
    "betweenness_method": "Beräkning av mellanhetscentralitet", "binding": "Binds av",
    "both_ends": "Båda ändarna", "checks": "Kontroller", "core": "Kärna",
    "classification_points": "Poäng klassning", "component": "Avskurna system",
    "component_size": "Antal avskurna", "criticality_points": "Poäng verksamhetskritikalitet",
    "degraded": "Försämras", "dependant_criticality_points": "Poäng de beroendes kritikalitet",
    "dependant_points": "Poäng beroende system", "dependants": "Vilka beroende system",
    "dependency_criticality": "Beroendets kritikalitet", "depends_on": "Beror på (nyckel)",
    "failing_rules": "Underkända regler", "flagged": "Flaggade", "frequency": "Frekvens",
    "highest_criticality": "Högsta verksamhetskritikalitet", "highest_t": "Högsta T",
    "hub": "Nav", "hub_points": "Poäng nav", "information": "Information",
    "lifecycle_from_dates": "Livscykel enligt datum", "lifecycle_source": "Livscykel enligt",
    "manager_a": "Förvaltare A (nyckel)", "manager_b": "Förvaltare B (nyckel)",
    "managers": "Förvaltare", "max_dependant_criticality": "De beroendes högsta kritikalitet",
    "max_t_dependants": "De beroendes högsta T", "meet": "Träffa",
    "missing": "Vad som saknas", "organisation_a": "Organisation A",
    "organisation_b": "Organisation B", "pairs": "Integrationerna",
    "partner_managers": "Partnerns förvaltare", "partners": "Partnersystem", "party": "Part",
    "path": "Väg", "person": "Personnyckel", "platform": "Plattform",
    "platform_managers": "Plattformens förvaltare", "reached": "Nås",
    "rule_scope": "Regelns omfattning", "stops": "Stannar", "system": "Systemnyckel",
    "systems_a": "System A", "systems_b": "System B", "t": "T", "time_points": "Poäng tid",
    "type": "Integrationstyp", "types": "Integrationstyper",
    "vendor_eol_source": "Källa för leverantörens livscykelslut",
    "w_availability": "Vikt tillgänglighet", "w_criticality": "Vikt verksamhetskritikalitet",
    "w_dependency": "Vikt beroende", "w_organisations": "Vikt organisationer",
    "with": "Tillsammans med", "to_meet": "Att träffa", "no_one_to_meet": "Ingen att träffa",
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
    "coordination per manager": "Samordning per förvaltare, i siffror (vilka som ska träffas: "
                                "ea coordinate PERSON)",
    "organisation pairs": "Samordning per par av organisationer",
    "check summary": "Alla förvaltningsregler, en rad per regel",
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
    "precheck": "Förhandskontroll", "findings": "Avvikelser", "details": "Underkända",
    "organisation pairs": "Organisationspar",
    "coordination per manager": "Samordning per förvaltare", "check summary": "Per regel",
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
    "frequency": {"realtime": "realtid", "hourly": "varje timme", "daily": "dagligen",
                  "weekly": "veckovis", "monthly": "månadsvis", "yearly": "årligen",
                  "on_demand": "vid behov"},
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
    if col in SV_CELLS:
        return SV_CELLS[col](v)
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
    out = precheck_frame(out)  # ea precheck's own sentences (see its block below)
    for col in out.columns:
        c = str(col)
        if c in CODE_COLUMNS or c in SEVERITY_COLUMNS or c in ROLE_COLUMNS or c == "report" \
                or c in SV_VALUES or c in SV_CELLS:
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
    if lang != "sv" or not isinstance(text, str):
        return text
    if code in _REASON_RE:
        m = _REASON_RE[code].fullmatch(text)
        return _REASONS[code][1](m) if m else text
    out = _templated(code, text)
    return text if out is None else out


# ============================================================ reasons of the other reports
# Each report's reasons, per finding code: the English sentence the query writes, as a
# template, and the Swedish one. The English template is read back into its fields (a field
# ``{x}`` is any text, some names are narrower: :data:`_FIELD`); ``{? … ?}`` is a part that
# may be missing. The Swedish template writes the fields again: ``{x}`` as read,
# ``{x:conv}`` through a converter of :data:`_CONV`, ``{x:one/many}`` a count with its noun.
# A code may have several variants (tried in order) or a function (for sentences made of
# clauses). A sentence no template reads stays English: tests/test_lang_reports.py runs
# every report on the fixtures and asserts none does.

_FIELD = {
    "n": r"\d+", "date": r"\d{4}(?:-\d{2}(?:-\d{2})?)?", "num": r"-?\d+(?:\.\d+)?",
    "level": r"[KRTS][0-4–-]", "t": r"\d", "sev": r"\w+",
}
_OPT = re.compile(r"\{\?(.*?)\?\}", re.DOTALL)
_SLOT = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


def _field_re(name: str) -> str:
    if name == "role":  # a pm3 role as the queries name it: its English label, lower case
        return "|".join(re.escape(x) for x in sorted(_role_labels(), key=len, reverse=True))
    return _FIELD.get(name.rstrip("0123456789"), ".+?")


def _compile(en: str) -> re.Pattern:
    def plain(part: str) -> str:
        out, at = [], 0
        for m in _SLOT.finditer(part):
            out.append(re.escape(part[at:m.start()]))
            out.append(f"(?P<{m[1]}>{_field_re(m[1])})")
            at = m.end()
        return "".join(out) + re.escape(part[at:])

    out, at = [], 0
    for m in _OPT.finditer(en):
        out.append(plain(en[at:m.start()]))
        out.append(f"(?:{plain(m[1])})?")
        at = m.end()
    return re.compile("".join(out) + plain(en[at:]), re.DOTALL)


def _fill(sv: str, groups: dict) -> str:
    def slot(m) -> str:
        v = groups.get(m[1])
        if v is None:
            return ""
        spec = m[2]
        if spec and "/" in spec:
            one, many = spec.split("/", 1)
            return f"{v} {one if v.strip() == '1' else many}"
        return _CONV[spec](v) if spec else v

    def optional(m) -> str:
        names = [s[1] for s in _SLOT.finditer(m[1])]
        return _SLOT.sub(slot, m[1]) if all(groups.get(n) is not None for n in names) else ""

    return _SLOT.sub(slot, _OPT.sub(optional, sv))


def _dec(v: str) -> str:
    """A decimal number as Swedish writes it (``0.111`` -> ``0,111``)."""
    return v.replace(".", ",")


def _when_sv(v: str) -> str:
    """ageing's ``in 9 months`` / ``3 months ago`` / ``today`` in Swedish."""
    if v == "today":
        return "i dag"
    m = re.fullmatch(r"(in )?(\S+) (day|days|month|months|years)( ago)?", v)
    if not m:
        return v
    unit = {"day": "dag", "days": "dagar", "month": "månad", "months": "månader",
            "years": "år"}[m[3]]
    txt = f"{_dec(m[2])} {unit}"
    return f"om {txt}" if m[1] else f"för {txt} sedan"


#: ageing's names of dates and ends (queries/ageing.py ``_LABEL``) in Swedish
_ENDS_SV = {"end of life": "livscykelslut", "end of support": "supportslut",
            "contract end": "avtalsslut", "planned retirement": "planerad avveckling",
            "vendor end of life": "leverantörens livscykelslut",
            "intent to retire (assessment 'Avveckling')":
                "avsikt att avveckla (bedömningen 'Avveckling')",
            "in service from": "i drift sedan"}
_PHASES_SV = {"planned": "planerad", "implementing": "under införande", "active": "i drift",
              "phasing_out": "under avveckling", "retired": "avvecklad"}


def _end_sv(v: str) -> str:
    m = re.fullmatch(r"vendor end of life \((.*)\)", v, re.DOTALL)
    if m:
        return f"leverantörens livscykelslut ({m[1]})"
    return _ENDS_SV.get(v, v.replace("_", " "))


def _list_sv(v: str) -> str:
    """``A, B and 3 more`` -> ``A, B och 3 till``."""
    return re.sub(r" and (\d+) more$", r" och \1 till", v)


_CONV = {
    "dec": _dec, "when": _when_sv, "end": _end_sv, "list": _list_sv,
    "phase": lambda v: _PHASES_SV.get(v, v),
    "role": lambda v: _role_sv(v) if v in _role_labels() else role("sv", v),
    "crit": lambda v: v,  # the criticality's Swedish name (CRITICALITY_NAMES) as it is
}


def _role_labels() -> set[str]:
    return {r.label.lower() for r in _roles().values()}


_Template = tuple[str, str]  # (English, Swedish)


def _clauses(text: str, variants: list[_Template], *, sep: str = "; ", head: str = "",
             head_sv: str = "", tail: str = "", tail_sv: str = ""):
    """A sentence of clauses joined by ``sep`` (between ``head`` and ``tail``), each read by
    one of ``variants``; None when one is not."""
    if not (text.startswith(head) and text.endswith(tail)):
        return None
    body = text[len(head):len(text) - len(tail)]
    out = []
    for part in body.split(sep):
        sv = _one(part, variants)
        if sv is None:
            return None
        out.append(sv)
    return head_sv + sep.join(out) + tail_sv


_COMPILED: dict[str, re.Pattern] = {}


def _one(text: str, variants) -> str | None:
    for en, sv in variants:
        rx = _COMPILED.get(en)
        if rx is None:
            rx = _COMPILED[en] = _compile(en)
        m = rx.fullmatch(text)
        if m:
            return sv(m.groupdict()) if callable(sv) else _fill(sv, m.groupdict())
    return None


# ---- hubs (queries/hubs.py)
_HUB_CLAUSES: list[_Template] = [
    ("removing it splits the integration graph{?, and it and its neighbours belong to {n} "
     "organisations ({orgs})?}",
     "om det faller bort delas integrationsgrafen{?, och det och dess grannar hör till "
     "{n:organisation/organisationer} ({orgs:more})?}"),
    ("it is among the most central systems (betweenness {num}){?, and it and its neighbours "
     "belong to {n} organisations ({orgs})?}",
     "det är bland de mest centrala systemen (mellanhetscentralitet {num:dec}){?, och det och "
     "dess grannar hör till {n:organisation/organisationer} ({orgs:more})?}"),
    ("its availability class T{t} is below T{t2} of a system depending on it",
     "dess tillgänglighetsklass T{t} är lägre än T{t2} hos ett system som beror på det"),
]
REASONS_HUBS: dict[str, list] = {
    "HUB": [("Hub rank {n}: {n2} neighbours, betweenness {num}, {n3} organisation(s) involved.",
             "Nav nummer {n}: {n2:granne/grannar}, mellanhetscentralitet {num:dec}, "
             "{n3:organisation berörd/organisationer berörda}.")],
    "JOINT_CONTINUITY_PLANNING": [lambda text: _clauses(
        text, _HUB_CLAUSES, head="Needs joint continuity planning: ", tail=".",
        head_sv="Kräver gemensam kontinuitetsplanering: ", tail_sv=".")],
}

# ---- ageing and the replacement list (queries/ageing.py)
_AGE = {"rel": r"(?:sends|receives|exchanges) data (?:to|from|with)"}
_REL_SV = {"sends data to": "skickar data till", "receives data from": "tar emot data från",
           "exchanges data with": "utbyter data med"}
_CONV["rel"] = lambda v: _REL_SV.get(v, v)
_FIELD.update({"rel": _AGE["rel"], "when": r"today|in \S+ \w+|\S+ \w+ ago",
               "label": r"end of life|end of support|contract end|planned retirement|"
                        r"in service from|[a-z ]+"})
_TAIL: list[_Template] = [
    ("which has reached {end} (date not published)",
     "som har nått {end:end} (datum inte publicerat)"),
    ("whose {end} passed {when} ({date})", "vars {end:end} passerades {when:when} ({date})"),
    ("which reaches {end} {when} ({date})", "som når {end:end} {when:when} ({date})"),
]
REASONS_AGEING: dict[str, list] = {
    "LIFECYCLE_CONFLICT": [
        ("{name} is recorded as '{status}' but its dates say '{derived}' ({label} {date}).",
         "{name} är registrerat som '{status:phase}' men datumen säger '{derived:phase}' "
         "({label:end} {date}).")],
    "RETIREMENT_OVERDUE": [
        ("{name}'s planned retirement ({date}) passed {when} and it is still in use.",
         "{name}: planerad avveckling ({date}) passerades {when:when} och systemet används "
         "fortfarande.")],
    **{code: [("{name}'s {label} passed {when} ({date}).",
               "{name}: {label:end} passerades {when:when} ({date})."),
              ("{name}'s {label} is {when} ({date}).",
               "{name}: {label:end} infaller {when:when} ({date}).")]
       for code in ("END_OF_LIFE_PASSED", "END_OF_LIFE_UPCOMING", "END_OF_SUPPORT_PASSED",
                    "END_OF_SUPPORT_UPCOMING", "CONTRACT_END_PASSED", "CONTRACT_END_UPCOMING",
                    "RETIREMENT_PLANNED")},
    **{code: [("{name} runs {desc}, whose vendor end of life passed {when} ({date}).",
               "{name} kör {desc}, vars livscykelslut enligt leverantören passerades "
               "{when:when} ({date})."),
              ("{name} runs {desc}, whose vendor end of life is {when} ({date}).",
               "{name} kör {desc}, vars livscykelslut enligt leverantören infaller {when:when} "
               "({date})."),
              ("{name} runs {desc}, which has reached vendor end of life (date not published).",
               "{name} kör {desc}, som har nått livscykelslut enligt leverantören (datum inte "
               "publicerat).")]
       for code in ("VENDOR_EOL_PASSED", "VENDOR_EOL_UPCOMING")},
    "RETIREMENT_INTENDED": [
        ("An assessment of {name} says 'Avveckling' (intent to retire); planned retirement "
         "{date}.",
         "En bedömning av {name} säger 'Avveckling' (avsikt att avveckla); planerad avveckling "
         "{date}."),
        ("An assessment of {name} says 'Avveckling' (intent to retire); no retirement date "
         "recorded.",
         "En bedömning av {name} säger 'Avveckling' (avsikt att avveckla); inget "
         "avvecklingsdatum registrerat.")],
    "LONG_IN_SERVICE": [
        ("{name} has been in service for {num} years (since {date}).",
         "{name} har varit i drift i {num:dec} år (sedan {date})."),
        ("{name} has been in service for {num} years (since {date}), built in-house.",
         "{name} har varit i drift i {num:dec} år (sedan {date}) och är egenutvecklat.")],
    "EOL_PROPAGATED": [
        (f"{{name}} {{rel}} {{y}}{{? (through {{via}})?}}, {en}.",
         f"{{name}} {{rel:rel}} {{y}}{{? (genom {{via}})?}}, {sv}.") for en, sv in _TAIL],
    "REPLACEMENT_PRIORITY": [
        (f"{{name}}: {{end}} {when_en}; score {{num}} = time {{num1}} + criticality {{num2}} + "
         "classification {num3} + dependants {num4} + dependants' criticality {num5} + hub "
         "{num6}.",
         f"{{name}}: {{end:end}} {when_sv}; poäng {{num:dec}} = tid {{num1:dec}} + "
         "verksamhetskritikalitet {num2:dec} + klassning {num3:dec} + beroende system "
         "{num4:dec} + de beroendes kritikalitet {num5:dec} + nav {num6:dec}.")
        for when_en, when_sv in (("passed {when}", "passerades {when:when}"),
                                 ("due {when}", "infaller {when:when}"),
                                 ("no date recorded", "inget datum registrerat"),
                                 ("date not published", "datum inte publicerat"))],
}

# ---- duplicates (queries/duplicates.py)
REASONS_DUPLICATES: dict[str, list] = {
    "DUPLICATE_PRODUCT": [
        ("{name} runs the product '{product}', also registered by other organisations: "
         "{others}.",
         "{name} kör produkten '{product}', som även andra organisationer har registrerat: "
         "{others}.")],
    "SIMILAR_NAME": [
        ("{name} has a near-identical name to systems of other organisations: {others}.",
         "{name} har nästan samma namn som system i andra organisationer: {others}.")],
}

# ---- people (queries/people.py): clauses joined by "; ", the code is the first
_GONE_SV = {"inactive": "inaktiv", "not in the people list": "finns inte i personallistan"}
_CONV["gone"] = lambda v: _GONE_SV.get(v, v)
_PEOPLE_CLAUSES: list[_Template] = [
    ("{left}, still holds {n} role(s){?, key roles on {n2} critical system(s)?}",
     "{left:gone}, har kvar {n:roll/roller}{?, nyckelroller på {n2:kritiskt system/kritiska "
     "system}?}"),
    ("alone in {n} key role(s) on critical systems or hubs ({systems})",
     "ensam i {n:nyckelroll/nyckelroller} på kritiska system eller nav ({systems:list})"),
    ("{n} roles (threshold {n2}) in {n3} organisation(s)",
     "{n} roller (gräns {n2}) i {n3:organisation/organisationer}"),
    ("{n} role(s) on {n2} object(s) and {n3} system(s)",
     "{n:roll/roller} på {n2:förvaltningsobjekt/förvaltningsobjekt} och {n3:system/system}"),
]
REASONS_PEOPLE: dict[str, list] = {
    code: [lambda text: _clauses(text, _PEOPLE_CLAUSES)]
    for code in ("HOLDER_LEFT", "SOLE_HOLDER", "MANY_ROLES", "ROLES")}

# ---- classification (queries/classification.py; also in ea check)
_VIA: tuple[str, str] = ("{? via {via}?}{? (as the platform of {pa} → {pb})?}",
                         "{? via {via}?}{? (som plattform för {pa} → {pb})?}")
REASONS_CLASSIFICATION: dict[str, list] = {
    "confidentiality_downflow": [
        (f"receives information from {{p}} (K{{t}}){_VIA[0]} but is classified K{{t2}}",
         f"tar emot information från {{p}} (K{{t}}){_VIA[1]} men är klassat K{{t2}}")],
    "availability_below_dependent": [
        (f"{{p}} (T{{t}}) depends on it{_VIA[0]} but it is classified T{{t2}}",
         f"{{p}} (T{{t}}) beror på det{_VIA[1]} men det är klassat T{{t2}}")],
    "rto_longer_than_dependent": [
        (f"RTO {{num}} h but {{p}} depends on it{_VIA[0]} with RTO {{num2}} h",
         f"återställningstid (RTO) {{num:dec}} h men {{p}} beror på det{_VIA[1]} med RTO "
         f"{{num2:dec}} h")],
    "high_t_without_continuity_plan": [
        ("availability T{t} but continuity plan not recorded",
         "tillgänglighet T{t} men ingen kontinuitetsplan registrerad"),
        ("availability T{t} but continuity plan recorded as no",
         "tillgänglighet T{t} men kontinuitetsplanen registrerad som nej")],
    "effective_above_recorded": [
        ("processes {infos}: effective {levels} above recorded {levels2}",
         "behandlar {infos}: effektiv klassning {levels} är högre än registrerad {levels2}")],
    "unclassified_integrates_classified": [
        ("not classified, but integrates with classified {names}",
         "saknar klassning men integrerar med klassade system: {names}")],
}

# ---- quality (queries/quality.py; also in ea check): "<what is missing>; to be supplied by
# the <source>". The ``missing`` and ``source`` columns are the two halves.
_SOURCES_SV = {"inventory": "inventeringen", "role list": "rollistan",
               "LISA/KLASSA register": "LISA/KLASSA-registret", "HR list": "personallistan",
               "the sources in conflict": "källorna som är oense"}


def _source_sv(v: str) -> str:
    m = re.fullmatch(r"sources in conflict: (.*)", v, re.DOTALL)
    if m:
        return f"källorna som är oense: {m[1]}"
    return ", ".join(_SOURCES_SV.get(x, x) for x in v.split(", "))


def _conflicts_sv(v: str) -> str:
    # "vendor: 'CGI' vs 'CGI Sverige'; type: 'api' vs 'file'"
    out = []
    for part in v.split("; "):
        field, sep, vals = part.partition(": ")
        out.append(f"{header('sv', field).lower()}{sep}{vals.replace(' vs ', ' mot ')}"
                   if sep else part)
    return "; ".join(out)


_CONV.update({"source": _source_sv, "conflicts": _conflicts_sv})
_START = "start date (in service since)"
_END = "end date (end of support/life, phase-out, contract end)"
_START_SV = "inget startdatum (i drift sedan)"
_END_SV = "inget slutdatum (supportslut/livscykelslut, avveckling, avtalsslut)"
_MISSING: list[_Template] = [
    ("no owning organisation", "ingen ägande organisation"),
    ("no {role}", "ingen {role:role}"),
    ("{role} has left ({people})", "{role:role} har slutat ({people})"),
    ("no classification level for {aspects}", "ingen klassningsnivå för {aspects}"),
    ("no classification date", "klassningen saknar datum"),
    ("no risk analysis date", "riskanalysen saknar datum"),
    ("classification dated {date}, older than {n} months",
     "klassningen är daterad {date}, äldre än {n} månader"),
    ("risk analysis dated {date}, older than {n} months",
     "riskanalysen är daterad {date}, äldre än {n} månader"),
    ("T{t} but no continuity plan recorded", "T{t} men ingen kontinuitetsplan registrerad"),
    ("T{t} and continuity plan recorded as no", "T{t} och kontinuitetsplanen registrerad som nej"),
    ("T{t} but no RTO", "T{t} men ingen återställningstid (RTO)"),
    (f"no {_START}", _START_SV), (f"no {_END}", _END_SV),
    (f"no {_START} and no {_END}", f"{_START_SV} och {_END_SV}"),
    ("no vendor (and not marked in-house)", "ingen leverantör (och inte markerat som "
                                            "egenutvecklat)"),
    ("not recorded in {names}'s inventory row", "saknas i inventeringens rad för {names}"),
    ("sources disagree on {conflicts}", "källorna är oense om {conflicts:conflicts}"),
]


def _missing_sv(v: str) -> str:
    out = _one(v, _MISSING)
    return v if out is None else out


_CONV["missing"] = _missing_sv


def _quality_reason(text: str):
    out = _one(text, [("{missing}; to be supplied by the {source}",
                       "{missing:missing}; ska komma från {source:source}")])
    missing = text.split("; to be supplied by the ", 1)[0]
    return out if out is not None and _one(missing, _MISSING) is not None else None


def _quality_codes() -> list[str]:
    return ["has_organisation", "has_classification", "classification_fresh",
            "risk_analysis_fresh", "continuity_plan", "rto", "lifecycle_dates", "vendor",
            "recorded_both_ends", "no_source_conflicts", *(f"has_{r}" for r in _roles())]


# ---- coordinate (queries/coordinate.py): per integration, and the meetings of one person
_WHAT_SV = {"sends to": "skickar till", "receives from": "tar emot från",
            "exchanges with": "utbyter data med", "carries data from": "bär data från",
            "carries data to": "bär data till"}
_FLAGS_SV = {"placeholder": "bara refererat", "external": "externt", "unowned": "utan förvaltare"}
_MEET_SV = {
    "you manage both ends": "du förvaltar båda ändarna",
    "you manage the platform and this end": "du förvaltar plattformen och den här änden",
    "no one to meet: the partner has no manager": "ingen att träffa: partnern har ingen "
                                                  "förvaltare",
    "no one to meet: the partner is not in the inventory (only referenced)":
        "ingen att träffa: partnern finns inte i inventeringen (bara refererad)",
    "no one to meet: the partner is external, coordinate with its provider":
        "ingen att träffa: partnern är extern, samordna med dess leverantör",
}
_TYPES_SV = {"file": "fil", "db": "databas", "mq": "meddelandekö", "event": "händelse",
             "manual": "manuell", "other": "annan"}


def _role_keys_sv(v: str) -> str:
    """``A (it_manager), B (business_manager)`` with the roles in Swedish."""
    return re.sub(r"\((\w+)\)", lambda m: f"({role('sv', m[1])})" if m[1] in _roles()
                  else m[0], v)


def _meet_sv(v: str) -> str:
    out = []
    for part in v.split("; "):
        if part.startswith("meet "):
            out.append("träffa " + _role_keys_sv(part[5:]))
        else:
            out.append(_MEET_SV.get(part, part))
    return "; ".join(out)


def _flag_sv(f: str) -> str:
    if f.startswith("ending: "):
        why = f[8:]
        m = re.fullmatch(r"(\w+) (\S+)", why)
        if m and m[1] == "status":
            why = f"status {_PHASES_SV.get(m[2], m[2])}"
        elif m:
            why = f"{_end_sv(m[1].replace('_', ' ')).replace('phase out from', 'avveckling')} "\
                  f"{m[2]}"
        return f"tar slut: {why}"
    return _FLAGS_SV.get(f, f)


def _bound_sv(v: str) -> str:
    # "2 integrations, worst criticality 4 and T3, dependency Helt verksamhetskritiskt"
    out = _one(v, [("{n} integration{?s?}{?, worst criticality {c}?}{? and T{t}?}"
                    "{?, worst T{t2}?}{?, dependency {crit}?}",
                    "{n:integration/integrationer}{?, värst verksamhetskritikalitet {c}?}"
                    "{? och T{t}?}{?, värst T{t2}?}{?, beroende: {crit:lower}?}")])
    return v if out is None else out


def _pairs_sv(v: str) -> str:
    # "Heroma → Raindance (file); Raindance → Proceedo (api; Helt verksamhetskritiskt)"
    def inner(m):
        parts = [_TYPES_SV.get(x, x) for x in m[1].split("; ")]
        return f"({'; '.join(parts)})"
    return re.sub(r"\(([^()]*)\)(?=;|$)", inner, v)


_CONV.update({"what": lambda v: _WHAT_SV.get(v, v), "meet": _meet_sv,
              "flags": lambda v: "; ".join(_flag_sv(f) for f in v.split("; ")),
              "lower": lambda v: v[:1].lower() + v[1:], "bound": _bound_sv,
              "rolekeys": _role_keys_sv, "pairs": _pairs_sv,
              "roles_of": lambda v: re.sub(
                  r"(?:^|(?<=; ))(\w+) of ", lambda m: f"{role('sv', m[1])} för ",
                  _list_sv(v))})
_FIELD.update({"what": "|".join(re.escape(w) for w in _WHAT_SV), "c": r"\d",
               "crit": r"[^,()]+"})
REASONS_COORDINATE: dict[str, list] = {
    **{code: [("{system} {what} {partner}{? via {via}?}{? (dependency {crit})?}: {meet}"
               "{? [{flags}]?}",
               "{system} {what:what} {partner}{? via {via}?}{? (beroende: {crit:lower})?}: "
               "{meet:meet}{? [{flags:flags}]?}")]
       for code in ("coordinate", "partner_unowned", "partner_ending_life", "partner_external")},
    "meet": [("Meet {p} ({roles}){? with {with}?}: {bound}.",
              "Träffa {p} ({roles:roles_of}){? tillsammans med {with}?}: {bound:bound}.")],
    "no_one_to_meet": [
        ("No one to meet for {p}: it is only referenced, not in the inventory; record it and "
         "its managers ({bound}).",
         "Ingen att träffa för {p}: systemet är bara refererat, inte inventerat; registrera "
         "det och dess förvaltare ({bound:bound})."),
        ("No one to meet for {p}: it is external; coordinate with its provider ({bound}).",
         "Ingen att träffa för {p}: systemet är externt; samordna med dess leverantör "
         "({bound:bound})."),
        ("No one to meet for {p}: it has no manager; find who answers for it ({bound}).",
         "Ingen att träffa för {p}: systemet har ingen förvaltare; ta reda på vem som "
         "svarar för det ({bound:bound}).")],
    "both_ends": [
        ("You manage both ends of {bound}: {pairs}.",
         "Du förvaltar båda ändarna av {bound:bound}: {pairs:pairs}."),
        ("{p} manages both ends of {bound}: {pairs}.",
         "{p} förvaltar båda ändarna av {bound:bound}: {pairs:pairs}.")],
}

# ---- impact (queries/impact.py): the summary line, what stops or is degraded and why,
# what is only reachable, what a system's loss cuts off
_EFFECT_SV = {"stops": "stannar", "degraded": "försämras", "reachable": "nås"}
_DEP: list[_Template] = [
    ("dependency criticality unknown; its own {known}",
     "beroendets kritikalitet okänd; egen {known:known}"),
    ("dependency criticality unknown", "beroendets kritikalitet okänd"),
    ("criticality unknown, of the dependency and of {x}",
     "kritikalitet okänd, både för beroendet och för {x}"),
    ("dependency {critwords}", "beroende: {critwords:lower}"),
]
_WHY: list[_Template] = [
    ("depends on {x} ({dep})", "beror på {x} ({dep:dep})"),
    ("its integration from {xs} passes through {x} ({dep})",
     "dess integration från {xs} går genom {x} ({dep:dep})"),
]
_BREAKS: list[_Template] = [
    ("the outage ends at {b}, which is only degraded ({why})",
     "avbrottet stannar vid {b}, som bara försämras ({why:why})"),
    ("{b} only carries data from {a}: a platform does not stop when a sender does",
     "{b} bär bara data från {a}: en plattform stannar inte när en avsändare gör det"),
    ("{b} lies beyond the depth asked for", "{b} ligger bortom det efterfrågade djupet"),
    ("no dependency on the way stops it", "inget beroende på vägen stoppar det"),
]
_VERB_SV = {"receives data from": "tar emot data från", "sends data to": "skickar data till",
            "is connected to": "är förbundet med"}
_DIR_SV = {"upstream": "uppströms", "downstream": "nedströms",
           "in either direction": "i båda riktningarna"}


def _sub(templates):
    def conv(v: str) -> str:
        out = _one(v, templates)
        return v if out is None else out
    return conv


_CONV.update({
    "dep": _sub(_DEP), "why": _sub(_WHY), "breaks": _sub(_BREAKS),
    "effect": lambda v: _EFFECT_SV.get(v, v), "verb": lambda v: _VERB_SV.get(v, v),
    "dir": lambda v: _DIR_SV.get(v, v),
    "known": lambda v: v.replace("criticality", "verksamhetskritikalitet"),
    "path": lambda v: v.replace("[carries ", "[bär "),
    "rest": lambda v: re.sub(r"^the other (\d+) systems \(", r"de övriga \1 systemen (", v),
})
_FIELD.update({"effect": r"stops|degraded|reachable", "kindw": r"\w+",
               "verb": "|".join(re.escape(v) for v in _VERB_SV),
               "dir": "|".join(re.escape(v) for v in _DIR_SV), "how": r"directly|in \d+ steps",
               "is": r"is|are"})
_CONV["how"] = lambda v: "direkt" if v == "directly" else v.replace("in ", "i ").replace(
    " steps", " steg")
REASONS_IMPACT: dict[str, list] = {
    "IMPACT_REACHED": [
        ("{name} {effect}: {why}. Path: {path}.",
         "{name} {effect:effect}: {why:why}. Väg: {path:path}."),
        ("{name} {verb} {x} {how}: {path}{?; reachable only: {breaks}?}.",
         "{name} {verb:verb} {x} {how:how}: {path:path}{?; nås bara: {breaks:breaks}?}.")],
    "IMPACT_SUMMARY": [
        ("If {x} stops — stops: {n} system{?s?}{? in {n2} organisation?}{?s?}; degraded: {n3}; "
         "reachable: {n4} ({n5} downstream{? within {n6} step?}{?s?} in all).",
         "Om {x} stannar — stannar: {n:system/system}{? i {n2:organisation/organisationer}?}; "
         "försämras: {n3}; nås: {n4} ({n5} nedströms{? inom {n6:steg/steg}?} totalt)."),
        ("{x} reaches {n} system{?s?} {dir}{? within {n2} step?}{?s?} in {n3} organisation{?s?}, "
         "{n4} manager{?s?}{?; highest T {t}?}{?, highest criticality {c}?}.",
         "{x} når {n:system/system} {dir:dir}{? inom {n2:steg/steg}?} i "
         "{n3:organisation/organisationer}, {n4:förvaltare/förvaltare}{?; högsta T {t}?}"
         "{?, högsta verksamhetskritikalitet {c}?}.")],
    "IMPACT_DISCONNECTS": [
        ("Without {x}, {names} is cut off from {rest}.",
         "Utan {x} blir {names} avskuret från {rest:rest}."),
        ("Without {x}, {names} are cut off from {rest}.",
         "Utan {x} blir {names} avskurna från {rest:rest}.")],
}

# ---- diff (queries/diff.py): what changed; an orphans finding or a hub keeps its own reason
def _orphan_sv(v: str) -> str:
    for code in _REASONS:
        m = _REASON_RE[code].fullmatch(v)
        if m:
            return _REASONS[code][1](m)
    return v


_CONV.update({
    "orphan": _orphan_sv,
    "hub": lambda v: _templated("JOINT_CONTINUITY_PLANNING", v) or v,
    "none": lambda v: {"none": "ingen", "nobody": "ingen", "unknown": "okänd"}.get(
        v, _PHASES_SV.get(v, v)),
    "tag": lambda v: "verksamhetskritikalitet" if v == "criticality" else v,
    "type": lambda v: _TYPES_SV.get(v, v),
    "mgrs": lambda v: "inga förvaltare registrerade" if v == "no managers recorded" else v,
})
_FIELD.update({"tag": r"[KRTS]|criticality"})
REASONS_DIFF: dict[str, list] = {
    **{f"{p}_ADDED": [(f"new {en}", f"nytt {sv}"),
                      (f"new {en} (referenced, never defined)",
                       f"nytt {sv} (refererat, aldrig definierat)")]
       for p, en, sv in (("SYSTEM", "system", "system"),
                         ("OBJECT", "förvaltningsobjekt", "förvaltningsobjekt"))},
    **{f"{p}_REMOVED": [(f"{en} no longer in the landscape",
                         f"{sv} finns inte längre i landskapet")]
       for p, en, sv in (("SYSTEM", "system", "system"),
                         ("OBJECT", "förvaltningsobjekt", "förvaltningsobjekt"))},
    **{f"{p}_RENAMED": [("renamed from '{a}' to '{b}' (same id {id})",
                         "nytt namn: '{a}' heter nu '{b}' (samma id {id})")]
       for p in ("SYSTEM", "OBJECT")},
    "INTEGRATION_ADDED": [
        ("new integration{? ({type})?}; agreed by the managers of both ends? ({managers})",
         "ny integration{? ({type:type})?}; har förvaltarna i båda ändar kommit överens? "
         "({managers:mgrs})")],
    "INTEGRATION_REMOVED": [("integration no longer recorded",
                             "integrationen finns inte längre registrerad")],
    "OWNER_CHANGED": [("owning organisation {a} → {b}",
                       "ägande organisation {a:none} → {b:none}")],
    "ROLE_CHANGED": [("{role}: {a} → {b}", "{role:role}: {a:none} → {b:none}")],
    "CLASSIFICATION_CHANGED": [
        ("{tag} {a} → {b}", "{tag:tag} {a} → {b}"),
        ("{tag} {a} → {b} (lowered: was the reason recorded?)",
         "{tag:tag} {a} → {b} (sänkt: är skälet dokumenterat?)")],
    "LIFECYCLE_CHANGED": [("lifecycle {a} → {b}", "livscykel {a:none} → {b:none}")],
    "ORPHAN_NEW": [("{r}", "{r:orphan}")],
    "ORPHAN_OPEN": [
        ("{r}; open since at least {date} ({n} days)",
         "{r:orphan}; öppen sedan minst {date} ({n:dag/dagar})"),
        ("{r}; open in both snapshots", "{r:orphan}; öppen i båda ögonblicksbilderna")],
    "ORPHAN_RESOLVED": [
        ("resolved: was '{r}'", "åtgärdad: var '{r:orphan}'"),
        ("resolved (the subject is no longer in the landscape): was '{r}'",
         "åtgärdad (finns inte längre i landskapet): var '{r:orphan}'")],
    "HUB_ENTERED": [("{r}", "{r:hub}")],
    "HUB_LEFT": [
        ("no longer needs joint continuity planning",
         "behöver inte längre gemensam kontinuitetsplanering"),
        ("left the landscape (was a hub needing joint continuity planning)",
         "har lämnat landskapet (var ett nav som krävde gemensam kontinuitetsplanering)")],
}

#: Every report's reason templates by finding code (the orphans report's: :data:`_REASONS`).
REASON_TEMPLATES: dict[str, list] = {
    **REASONS_HUBS, **REASONS_AGEING, **REASONS_DUPLICATES, **REASONS_PEOPLE,
    **REASONS_CLASSIFICATION, **REASONS_COORDINATE, **REASONS_IMPACT, **REASONS_DIFF,
}


def _templated(code: str, text: str) -> str | None:
    variants = REASON_TEMPLATES.get(code)
    if variants is None and code in _quality_codes():
        return _quality_reason(text)
    if not variants:
        return None
    for v in variants:
        if callable(v):
            out = v(text)
            if out is not None:
                return out
        else:
            out = _one(text, [v])
            if out is not None:
                return out
    return None


# ------------------------------------------------------- other cells in words, lead lines
_DIRECTION_SV = {"outgoing": "utgående", "incoming": "inkommande", "both": "båda",
                 "carries from": "bär från", "carries to": "bär till",
                 "downstream": "nedströms", "upstream": "uppströms"}
_PARTY_SV = {"producer": "avsändare", "consumer": "mottagare", "platform": "plattform",
             "both ends": "båda ändarna"}
_LEFT_SV = {**_GONE_SV}


def _scope_sv(v: str) -> str:
    # quality's rule scopes: "systems", "systems (within 12 months)", "systems with T ≥ 3"
    v = re.sub(r"\(within (\d+) months\)", r"(inom \1 månader)", v)
    v = v.replace("integrations stated in dependency cells",
                  "integrationer angivna i beroendekolumner")
    v = v.replace("systems and integrations", "system och integrationer")
    v = v.replace(" with T ", " med T ").replace("integrations", "integrationer")
    return re.sub(r"^systems\b", "system", re.sub(r"^objects\b", "förvaltningsobjekt", v))


#: Cells of these columns (text the queries write for people) in Swedish, by a converter.
SV_CELLS = {
    "meet": _meet_sv, "flags": _flag_sv, "partner_managers": _role_keys_sv,
    "platform_managers": _role_keys_sv, "managers": _role_keys_sv,
    "roles": _CONV["roles_of"], "direction": lambda v: _DIRECTION_SV.get(v, v),
    "party": lambda v: _PARTY_SV.get(v, v), "missing": _missing_sv, "source": _source_sv,
    "path": _CONV["path"], "rule_scope": _scope_sv, "scope": _scope_sv, "left": lambda v: _LEFT_SV.get(v, v),
    "pairs": _pairs_sv,
    "relation": lambda v: ", ".join({"platform": "plattform"}.get(x, x) for x in v.split(", ")),
}

#: Lines printed before a report's table (notes, impact's summary): English template,
#: Swedish template (read as the reasons are).
LEAD_TEMPLATES: list[_Template] = [
    ("Note: no source records an {role}; {n} systems{? (and {n2} förvaltningsobjekt)?} lack "
     "one: import a role list or change `mandatory_roles`",
     "Obs: ingen källa anger någon {role:role}; {n:system/system}{? (och {n2} "
     "förvaltningsobjekt)?} saknar en: importera en rollista eller ändra `mandatory_roles`"),
    ("Note: no source records a {role}; {n} systems{? (and {n2} förvaltningsobjekt)?} lack "
     "one: import a role list or change `mandatory_roles`",
     "Obs: ingen källa anger någon {role:role}; {n:system/system}{? (och {n2} "
     "förvaltningsobjekt)?} saknar en: importera en rollista eller ändra `mandatory_roles`"),
    ("Note: {n} rows of those roles are left out here: --all or -o orphans.xlsx lists every "
     "row",
     "Obs: {n} rader om de rollerna visas inte här: --all eller -o orphans.xlsx listar alla "
     "rader"),
]


LEAD_TEMPLATES += [  # coordinate and check at scale (ea/commands/governance.py)
    ("{n} systems, more than reports.summary_threshold ({n2}): one row per manager. For every "
     "pair of managers and every integration: --all, or -o coordinate.xlsx; --per-integration "
     "-o rows.csv writes every row as it comes; --by-organisation per pair of organisations; "
     "a person, object or system as TARGET for whom to meet.",
     "{n} system, fler än reports.summary_threshold ({n2}): en rad per förvaltare. Varje par "
     "av förvaltare och varje integration: --all, eller -o coordinate.xlsx; --per-integration "
     "-o rader.csv skriver varje rad allteftersom; --by-organisation per par av "
     "organisationer; en person, ett förvaltningsobjekt eller ett system som TARGET för vilka "
     "som ska träffas."),
    ("{n} systems, more than reports.summary_threshold ({n2}): one row per rule, {n3} findings "
     "in all. Every finding: --all, or -o findings.csv (written as the rules produce them).",
     "{n} system, fler än reports.summary_threshold ({n2}): en rad per regel, {n3} avvikelser "
     "totalt. Varje avvikelse: --all, eller -o avvikelser.csv (skrivs allteftersom reglerna "
     "ger dem)."),
]


def sentence(lang: str, text: str) -> str:
    """A line printed before a report (a note, impact's summary) in ``lang``; a line no
    template reads as it is.

    >>> sentence("sv", "Note: 3 rows of those roles are left out here: --all or "
    ...          "-o orphans.xlsx lists every row")
    'Obs: 3 rader om de rollerna visas inte här: --all eller -o orphans.xlsx listar alla rader'
    """
    if lang != "sv" or not isinstance(text, str):
        return text
    out = _one(text, LEAD_TEMPLATES)
    if out is None:
        out = _templated("IMPACT_SUMMARY", text)
    return text if out is None else out


def reads(code: str, text: str) -> bool:
    """Whether a Swedish template reads the reason ``text`` of ``code`` (else ``--lang sv``
    shows it in English): what the tests hold for every reason the reports write."""
    if code in _REASON_RE:
        return _REASON_RE[code].fullmatch(text) is not None
    return _templated(code, text) is not None


def has_template(code: str) -> bool:
    """Whether reasons of finding ``code`` have a Swedish template."""
    return code in _REASON_RE or code in REASON_TEMPLATES or code in _quality_codes()


# ================================================================ precheck (queries/precheck.py)
# The decision memo of ``ea precheck`` in Swedish. Its answers and sentences are the query's
# English ones, read back per question (the summary) or per column (the other tables) and
# written again from a Swedish template, as the orphans reasons are; a sentence no template
# reads stays English, never wrong (tests/test_precheck.py pins the whole memo in both
# languages). Names, levels and counts are carried over as they are.
PRECHECK_QUESTIONS = {
    "planned system": "planerat system", "organisation": "organisation",
    "integrations": "integrationer", "inherited confidentiality": "ärvd konfidentialitet",
    "inherited availability": "ärvd tillgänglighet", "continuity": "kontinuitet",
    "consolidation": "konsolidering", "partners at risk": "partner utan ägare eller som åldras",
}
PRECHECK_DIRECTIONS = {"receives data from it": "tar emot data därifrån",
                       "sends data to it": "skickar data dit",
                       "exchanges data both ways": "utbyter data i båda riktningarna"}
PRECHECK_RELATIONS = {
    "loads this hub": "belastar navet",
    "loads this hub and joins its continuity group": "belastar navet och ingår i dess "
                                                     "kontinuitetsgrupp",
    "joins its continuity group": "ingår i navets kontinuitetsgrupp",
}
_PRECHECK_PHRASES = {
    "not given": "inte angiven",
    "not judged (precheck.hubs: false)": "inte bedömt (precheck.hubs: false)",
    "loads no ranked hub": "belastar inget rankat nav",
    "no system with the same product or a near-identical name":
        "inget system med samma produkt eller nästan samma namn",
    "none unowned or ageing": "ingen saknar ägare eller åldras",
    "nothing it receives or serves requires more":
        "inget som det tar emot data från eller levererar till kräver mer",
    "external": "externt", "placeholder (referenced, never defined)":
        "platshållare (refererat, aldrig definierat)",
    "hub needing joint continuity planning": "nav som kräver gemensam kontinuitetsplanering",
}
_PRECHECK_RE: list[tuple[re.Pattern, object]] = [(re.compile(p, re.DOTALL), f) for p, f in (
    # the summary's answers
    (r"(?P<n>\d+) partner system\(s\): receives from (?P<i>\d+), sends to (?P<o>\d+); see "
     r"'planned integrations' for whom to involve",
     lambda m: f"{m['n']} partnersystem: tar emot data från {m['i']}, skickar data till "
               f"{m['o']}; se Planerade integrationer för vilka som ska involveras"),
    (r"(?P<lvl>[KT]\d) \((?P<why>.*)\)",
     lambda m: f"{m['lvl']} ({'; '.join(_precheck_text(x) for x in m['why'].split('; '))})"),
    # why a level is inherited (column because)
    (r"processes (?P<x>.+) \((?P<lvl>[KRTS]\d)\)", lambda m: f"behandlar {m['x']} ({m['lvl']})"),
    (r"receives data from (?P<x>.+) \((?P<lvl>K\d)\)",
     lambda m: f"tar emot data från {m['x']} ({m['lvl']})"),
    (r"(?P<x>.+) \((?P<lvl>T\d)\) depends on it", lambda m: f"{m['x']} ({m['lvl']}) är "
                                                            "beroende av det"),
    # who must meet (items of who_must_meet)
    (r"the managers of (?P<x>.+) \(to be appointed\)",
     lambda m: f"förvaltarna av {m['x']} (ska utses)"),
    (r"(?P<x>.+) has no (?P<gaps>.+?): its object owner \((?P<who>.*)\) must appoint",
     lambda m: f"{m['x']} har ingen "
               + " och ingen ".join(_role_sv(g) for g in m["gaps"].split(" and no "))
               + ": dess objektägare ("
               + ("saknas också" if m["who"] == "none either" else m["who"])
               + ") måste utse någon"),
    (r"(?P<x>.+) \((?P<role>[^(),]+), (?P<y>.+)\)",
     lambda m: f"{m['x']} ({_role_sv(m['role'].lower())}, {m['y']})"
     if _role_sv(m["role"].lower()) != m["role"].lower() else None),
    # the consolidation candidates' reasons
    (r"runs the same product \((?P<x>.*)\), registered by (?P<org>.*)",
     lambda m: f"kör samma produkt ({m['x']}), registrerat av {m['org']}"),
    (r"near-identical name to '(?P<x>.*)', registered by (?P<org>.*)",
     lambda m: f"nästan samma namn som '{m['x']}', registrerat av {m['org']}"),
    # a partner's flag
    (r"hub \(rank (?P<n>\d+)\)", lambda m: f"nav (rang {m['n']})"),
)]


def _precheck_text(text):
    """One of precheck's English phrases in Swedish (``text`` itself when none reads it)."""
    if not isinstance(text, str):
        return text
    if text in _PRECHECK_PHRASES:
        return _PRECHECK_PHRASES[text]
    for rx, write in _PRECHECK_RE:
        m = rx.fullmatch(text)
        if m:
            out = write(m)
            if out is not None:
                return out
    return text


def _precheck_parts(text, sep: str, item) -> str:
    """A list joined by ``sep`` (consolidation, continuity), each part through ``item``."""
    if not isinstance(text, str):
        return text
    return sep.join(item(p) for p in text.split(sep))


def _precheck_hub(part: str) -> str:
    name, _, rel = part.rpartition(": ")
    return f"{name}: {PRECHECK_RELATIONS[rel]}" if name and rel in PRECHECK_RELATIONS else part


def _precheck_phrase(text):
    return _PRECHECK_PHRASES.get(text, text) if isinstance(text, str) else text


#: How each question's answer is read (names, as in "planned system", are never read).
_PRECHECK_ANSWERS = {
    "planned system": lambda a: a, "organisation": _precheck_phrase,
    "integrations": _precheck_text, "inherited confidentiality": _precheck_text,
    "inherited availability": _precheck_text,
    "continuity": lambda a: _PRECHECK_PHRASES.get(a) or _precheck_parts(a, "; ", _precheck_hub),
    "consolidation": _precheck_phrase, "partners at risk": _precheck_phrase,
}


def _precheck_list(v):
    if isinstance(v, list | tuple):
        return [_precheck_list(x) for x in v]
    if isinstance(v, str) and v in CODES:
        return _code_sv(v)
    return _precheck_text(v)


def precheck_frame(df):
    """The Swedish of ``ea precheck``'s own sentences in a frame (any of its tables, or the
    columns of one a terminal shows); other columns as they are. Called by
    :func:`translate` before the generic columns (codes, severities) become words."""
    cols = set(map(str, df.columns))
    out = df
    if {"question", "answer"} <= cols:
        out["answer"] = [
            _PRECHECK_ANSWERS.get(q, _precheck_phrase)(a)
            for q, a in zip(out["question"].tolist(), out["answer"].tolist(), strict=True)]
        out["question"] = [PRECHECK_QUESTIONS.get(q, q) for q in out["question"].tolist()]
    if "direction" in cols:
        out["direction"] = [PRECHECK_DIRECTIONS.get(v, v) if isinstance(v, str) else v
                            for v in out["direction"].tolist()]
    if "relation" in cols:
        out["relation"] = [PRECHECK_RELATIONS.get(v, v) if isinstance(v, str) else v
                           for v in out["relation"].tolist()]
    for col in ("because", "who_must_meet"):
        if col in cols:
            out[col] = [_precheck_list(v) for v in out[col].tolist()]
    if "who_must_meet" in cols and "flags" in cols:  # the partners' flags
        out["flags"] = [_precheck_list(v) for v in out["flags"].tolist()]
    if "reason" in cols and ("through" in cols or "hub_name" in cols):
        # hubs loaded: the hub query's reason, by its code
        out["reason"] = [reason("sv", "JOINT_CONTINUITY_PLANNING" if str(r).startswith(
            "Needs joint") else "HUB", r) for r in out["reason"].tolist()]
    elif "reason" in cols and "product" in cols:  # consolidation candidates
        out["reason"] = [_precheck_text(v) for v in out["reason"].tolist()]
    return out


for _k, _v in {"k": "K", "t": "T", "object_owner": "Objektägare",
               "business_manager": "Förvaltningsledare verksamhet",
               "it_manager": "Förvaltningsledare IT", "source_name": "Källans namn",
               "through": "Genom"}.items():
    SV_COLUMNS.setdefault(_k, _v)
# a key column beside its name column (partner / partner_name, hub / hub_name) is "…nyckel",
# so the two headers of one table differ
SV_COLUMNS.update({"partner": "Partnernyckel", "hub": "Navnyckel"})
for _k, _v in {"planned integrations": "Planerade integrationer",
               "inherited classification": "Ärvd klassning",
               "hubs loaded": "Nav som belastas", "consolidation": "Konsolidering",
               "partners at risk": "Partner utan ägare eller åldras"}.items():
    SV_SHEETS.setdefault(_k, _v)


# ------------------------------------------------------- ea import and ea stats (the terminal)
#: The import summary's columns (ea/commands/core.py ``_summary_frame``) in Swedish.
SV_COLUMNS.update({
    "record types": "Posttyper", "rows": "Rader", "imported": "Inlästa",
    "merged": "Ihopslagna", "rejected": "Avvisade", "skipped": "Överhoppade",
    "unresolved": "Olösta", "one-sided": "Ensidiga", "conflicts": "Konflikter",
    "warnings": "Varningar",
})
SV_VALUES["record types"] = {}  # filled per record type below
_RECORD_TYPES_SV = {"systems": "system", "integrations": "integrationer", "roles": "roller",
                    "people": "personer", "classification": "klassning",
                    "organisations": "organisationer", "objects": "förvaltningsobjekt",
                    "information": "information", "elements": "element",
                    "relationships": "relationer", "entities": "entiteter",
                    "dependencies": "beroenden", "lifecycle": "livscykel"}
SV_CELLS["record types"] = lambda v: " + ".join(_RECORD_TYPES_SV.get(t, t)
                                                for t in v.split(" + "))

#: The kinds of ledger entries the import summary counts ("To review: …").
IMPORT_KINDS: dict[str, tuple[str, str]] = {
    "unresolved": ("unresolved references", "olösta referenser"),
    "ambiguous": ("ambiguous references", "tvetydiga referenser"),
    "one_sided": ("one-sided dependencies", "ensidiga beroenden"),
    "disagreement": ("disagreements between ends", "oenigheter mellan ändarna"),
    "direction_conflict": ("contradictions in dependency direction",
                           "motsägelser i beroendets riktning"),
    "conflict": ("conflicting values", "motstridiga värden"),
    "suggestion": ("near-miss name suggestions", "förslag på nästan lika namn"),
    "warning": ("values kept raw or assumptions", "värden sparade som de stod eller antaganden"),
    "unmapped_column": ("unmapped columns", "okända kolumner"),
    "skipped": ("skipped rows or sheets", "överhoppade rader eller flikar"),
}

TEXT.update({
    "import_counts": ("{systems} systems ({placeholders} placeholders for unresolved "
                      "references, {external} external), {objects} förvaltningsobjekt, "
                      "{people} people, {organisations} organisations, {integrations} "
                      "integrations.",
                      "{systems} system ({placeholders} platshållare för olösta referenser, "
                      "{external} externa), {objects} förvaltningsobjekt, {people} personer, "
                      "{organisations} organisationer, {integrations} integrationer."),
    "to_review": ("To review: {items}.", "Att granska: {items}."),
    "snapshot_files": ("Snapshot: {out}   rejected rows ({n}): {rejected}   full ledger: {full}",
                       "Ögonblicksbild: {out}   avvisade rader ({n}): {rejected}   hela "
                       "loggen: {full}"),
    "dependency_columns": ("Dependency columns read as (if a register means the opposite, "
                           "set dependency_columns in ea.yaml):",
                           "Beroendekolumner lästa som (om ett register menar tvärtom, ange "
                           "dependency_columns i ea.yaml):"),
    "stats_imported": ("Landscape imported {at} from {n} files",
                       "Landskapet importerat {at} från {n} filer"),
    "stats_nodes": ("Nodes: {items}", "Noder: {items}"),
    "stats_edges": ("Edges: {items}", "Kanter: {items}"),
    "stats_systems": ("Systems: {placeholders} placeholders, {external} external, {no_roles} "
                      "without any role; {conflicts} conflicting values",
                      "System: {placeholders} platshållare, {external} externa, {no_roles} "
                      "utan någon roll; {conflicts} motstridiga värden"),
})

#: Node and edge kinds as ``ea stats`` counts them, in Swedish.
KINDS_SV = {"System": "system", "Object": "förvaltningsobjekt", "Person": "personer",
            "Organisation": "organisationer", "Information": "informationsmängder",
            "INTEGRATES_WITH": "integrationer", "PART_OF": "ingår i", "OWNED_BY": "ägs av",
            "HAS_ROLE": "roller", "PROCESSES": "behandlar"}


def kind_count(lang: str, kind: str, n) -> str:
    """``12 System`` / ``12 system``: a count of a node or edge kind in ``lang``."""
    return f"{n} {KINDS_SV.get(kind, kind)}" if lang == "sv" else f"{n} {kind}"


def import_kind(lang: str, kind: str) -> str:
    """A kind of ledger entry, as the import summary counts it."""
    en, sv = IMPORT_KINDS.get(kind, (kind, kind))
    return sv if lang == "sv" else en


LEAD_TEMPLATES += [
    ("Not used: {files}.", "Används inte: {files:unused}."),
    ("Unresolved ({n}, kept as placeholders): {names}.",
     "Olösta ({n}, sparade som platshållare): {names:more}."),
    ("The landscape holds {n} source{?s?}: {now} (imported now).",
     "Landskapet har {n:källa/källor}: {now} (importerade nu)."),
    ("The landscape holds {n} source{?s?}: {now} (imported now); 'ea stats' lists every one.",
     "Landskapet har {n:källa/källor}: {now:more} (importerade nu); 'ea stats' listar "
     "alla."),
    ("The landscape holds {n} source{?s?}: {now} (imported now); kept from earlier imports: "
     "{kept} ('ea import --replace FILES' rebuilds from the files given only; 'ea stats' lists "
     "every source).",
     "Landskapet har {n:källa/källor}: {now:more} (importerade nu); kvar från tidigare "
     "importer: {kept:more} ('ea import --replace FILER' bygger om från bara de angivna "
     "filerna; 'ea stats' listar alla källor)."),
    ("The landscape holds {n} source{?s?}: {now} (imported now); kept from earlier imports: "
     "{kept} ('ea import --replace FILES' rebuilds from the files given only).",
     "Landskapet har {n:källa/källor}: {now} (importerade nu); kvar från tidigare "
     "importer: {kept} ('ea import --replace FILER' bygger om från bara de angivna filerna)."),
    ("Note: {files} (kept) also state{?s?} {types}; if a file imported now replaces {them} "
     "under a new name, import with --replace.",
     "Obs: {files} (kvar) anger också {types:types}; om en fil som importeras nu ersätter "
     "{them:them} under ett nytt namn, importera med --replace."),
    ("'{h}': this system → listed system", "'{h}': det här systemet → listat system"),
    ("'{h}': listed system → this system", "'{h}': listat system → det här systemet"),
]
_CONV.update({
    "unused": lambda v: v.replace(" (kept as extra data)", " (sparas som extra data)"),
    "more": lambda v: re.sub(r", and (\d+) more$", r" och \1 till", v),
    "types": lambda v: " och ".join(_RECORD_TYPES_SV.get(t, t) for t in v.split(" and ")),
    "them": lambda v: {"it": "den", "them": "dem"}.get(v, v),
})


# ======================================================================== the map (ea map)
# The words of the HTML map (ea/maps: legend, notes, tooltips, the page's own words) in
# Swedish: exact phrases, then templates read as the reasons are. :func:`translate_map`
# rewrites a built map model; facts, colours and positions stay as they are.
MAP_SV: dict[str, str] = {
    # legend (ea/maps/views.py, ea/maps/style.py, ea/derived)
    "Colour: owning organisation": "Färg: ägande organisation",
    "Colour: lifecycle": "Färg: livscykel", "Colour: classification": "Färg: klassning",
    "One node per organisation (size: number of systems)":
        "En nod per organisation (storlek: antal system)",
    "System owned locally": "System som ägs lokalt",
    "External system (national service, other principal)":
        "Externt system (nationell tjänst, annan huvudman)",
    "Referenced but never defined (placeholder)": "Refererat men aldrig definierat "
                                                  "(platshållare)",
    "Articulation point: removing it splits the integration graph":
        "Ledpunkt: om det faller bort delas integrationsgrafen",
    "Unowned: no working object owner": "Utan ägare: ingen fungerande objektägare",
    "Size: hub score, as in 'ea hubs'": "Storlek: navpoäng, som i 'ea hubs'",
    "Red border: has unowned systems": "Röd kant: har system utan ägare",
    "Arrows point the way data flows; thicker = more integrations":
        "Pilarna visar åt vilket håll data flödar; tjockare = fler integrationer",
    "Edge label and width: number of integrations, in the way data flows":
        "Kantens siffra och bredd: antal integrationer, i dataflödets riktning",
    "Click an organisation for the command that maps its systems":
        "Klicka på en organisation för kommandot som ritar dess system",
    "API / service call": "API/tjänsteanrop", "file transfer": "filöverföring",
    "database link": "databaskoppling", "message queue": "meddelandekö", "event": "händelse",
    "manual": "manuell", "other": "annan", "type not recorded": "typ ej registrerad",
    "Planned (planerad)": "Planerad", "Being introduced (under införande)": "Under införande",
    "In service (i drift / under förvaltning)": "I drift (under förvaltning)",
    "Phasing out (under avveckling)": "Under avveckling", "Retired (avvecklad)": "Avvecklad",
    "Lifecycle unknown": "Livscykel okänd", "Not classified": "Ej klassat",
    "not classified": "ej klassat",
    "(no owning organisation)": "(ingen ägande organisation)",
    "External (not owned locally)": "Externa (ägs inte lokalt)",
    # tooltip labels and values
    "Integration": "Integration", "Type": "Typ", "Integrations": "Integrationer",
    "Frequency": "Frekvens", "Information": "Information", "Via": "Via",
    "Direction": "Riktning", "both ways": "åt båda hållen", "System": "System",
    "Owner": "Ägare", "none recorded": "ingen registrerad", "Object owner": "Objektägare",
    "none": "ingen", "Managers": "Förvaltare", "Object": "Förvaltningsobjekt",
    "Classification": "Klassning", "Lifecycle": "Livscykel",
    "Criticality": "Verksamhetskritikalitet", "Marked": "Markeringar",
    "Organisation": "Organisation", "Systems": "System", "Unowned systems": "System utan ägare",
    "Integrations inside": "Integrationer inom", "Findings": "Avvikelser",
    "Its systems": "Dess system", "By type": "Per typ",
    "external": "externt", "referenced, never defined": "refererat, aldrig definierat",
    "articulation point": "ledpunkt",
    # the drill-down (ea map -o DIR/) and the organisation view's lines
    "Both ways": "Åt båda hållen",
    "One line per pair of organisations; its label and width: the number of integrations "
    "between them, arrows the way data flows (hover for the count each way)":
        "En linje per par av organisationer; siffran och bredden: antalet integrationer "
        "mellan dem, pilarna åt vilket håll data flödar (peka för antalet åt varje håll)",
    "Its map": "Dess karta",
    "Click an organisation (or its name above) to open the map of its systems":
        "Klicka på en organisation (eller dess namn ovan) för att öppna kartan över dess system",
    # integration frequencies (importers/values/integration.py, canonical)
    "realtime": "realtid", "hourly": "varje timme", "daily": "dagligen", "weekly": "veckovis",
    "monthly": "månadsvis", "yearly": "årligen", "on_demand": "vid behov",
    # ea.derived.roles.UNOWNED_CLASSES
    "in no förvaltningsobjekt and no roles of its own": "i inget förvaltningsobjekt och inga "
                                                        "egna roller",
    "no object owner recorded": "ingen objektägare registrerad",
    "object owner recorded as vacant": "objektägaren registrerad som vakant",
    "object owner has left": "objektägaren har slutat",
}

#: The page's own words (ea/templates/map.html reads them from the legend's ``words``).
MAP_PAGE: dict[str, tuple[str, str]] = {
    "legend": ("Legend", "Teckenförklaring"),
    "search": ("Find a node by name", "Sök en nod efter namn"),
    "colour": ("Colour", "Färg"),
    "shapes": ("Shapes and marks", "Former och markeringar"),
    "findings": ("Findings (ring colour)", "Avvikelser (ringens färg)"),
    "integrations": ("Integrations", "Integrationer"),
    "not_shown": ("Not shown: ", "Visas inte: "),
    "status": ("Drag to move, scroll to zoom, hover for details.",
               "Dra för att flytta, scrolla för att zooma, peka för detaljer."),
    "drill": ("Map its systems:", "Rita dess system:"),
    "back": ("\u2190 All organisations", "\u2190 Alla organisationer"),
    "systems": (" systems, ", " system, "), "organisations": (" organisations, ",
                                                              " organisationer, "),
    "other_organisations": (" other organisations, ", " andra organisationer, "),
    "connections": (" connections", " förbindelser"),
    "connections_flow": (" connections (arrows: data flow)",
                         " förbindelser (pilarna: dataflöde)"),
}


def _map_word(v: str) -> str:
    return MAP_SV.get(v, v)


def _kind_sv(v: str) -> str:
    return {"System": "system", "Object": "förvaltningsobjekt", "Person": "person",
            "Organisation": "organisation"}.get(v, v)


_CONV.update({
    "mapword": _map_word, "kind": _kind_sv,
    "sev": lambda v: severity("sv", v),
    "reports": lambda v: ", ".join(report("sv", x) for x in v.split(", ")),
    "report": lambda v: report("sv", v),
    "marks": lambda v: "; ".join(_map_marks(x) for x in v.split("; ")),
    "edgetypes": lambda v: ", ".join(_map_word(x) for x in v.split(", ")),
    "bytype": lambda v: ", ".join(
        re.sub(r"^(.*) (\d+)$", lambda m: f"{_map_word(m[1])} {m[2]}", x)
        for x in v.split(", ")),
    "life": lambda v: _map_word(v),
})


def _map_marks(v: str) -> str:
    if v.startswith("unowned: "):
        return "utan ägare: " + _map_word(v[9:])
    return _map_word(v)


MAP_TEMPLATES: list[_Template] = [
    ("Finding, most severe: {sev}", "Avvikelse, allvarligast: {sev:sev}"),
    ("Highest K/R/T/S level {n} ({name})", "Högsta K/R/T/S-nivå {n} ({name})"),
    ("Focus: {name} ({kindw}), {n} integration hop(s); {n2} systems lie further out",
     "Fokus: {name} ({kindw:kind}), {n:integrationssteg/integrationssteg}; {n2} system ligger "
     "längre ut"),
    ("Highlighted: {q}: {n} findings, {n2} systems on this map{? ({n3} findings concern "
     "nothing shown here)?}",
     "Markerat: {q:reports}: {n} avvikelser, {n2} system på kartan{? ({n3} avvikelser gäller "
     "inget som visas här)?}"),
    ("{n} system{?s?} hidden by filter: not in organisation {o}",
     "{n:system dolt/system dolda} av filter: inte i organisationen {o}"),
    ("{n} system{?s?} hidden by filter: criticality below {c} or not recorded",
     "{n:system dolt/system dolda} av filter: verksamhetskritikalitet under {c} eller inte "
     "registrerad"),
    ("{n} system{?s?} hidden by filter: lifecycle not {phases}",
     "{n:system dolt/system dolda} av filter: livscykel inte {phases:phases}"),
    ("{n} system{?s?} hidden by filter: external",
     "{n:system dolt/system dolda} av filter: externa"),
    ("{n} system{?s?} hidden by filter: owned locally",
     "{n:system dolt/system dolda} av filter: ägs lokalt"),
    ("{n} integration{?s?} hidden with those systems",
     "{n:integration dold/integrationer dolda} med de systemen"),
    ("{n} integration{?s?} lead{?s?} beyond the focus",
     "{n:integration/integrationer} leder utanför fokus"),
    ("{n} integration{?s?} lie{?s?} wholly outside the focus",
     "{n:integration/integrationer} ligger helt utanför fokus"),
    ("--focus {ref}: using {name} ({kindw}), the only name that {howw}",
     "--focus {ref}: använder {name} ({kindw:kind}), det enda namn som {howw:how_sv}"),
    ("{base}: dependency map", "{base:mapword}: beroendekarta"),
    ("{base}: organisations", "{base:mapword}: organisationer"),
    ("{base}: around {name}", "{base:mapword}: kring {name}"),
    # tooltips
    ("Finding ({q})", "Avvikelse ({q:report})"),
    ("{n} in, {n2} out; hub score {num} (rank {rank} in ea hubs)",
     "{n} in, {n2} ut; navpoäng {num:dec} (nummer {rank} i ea hubs)"),
    ("{life} (dates say: {life2})", "{life:life} (datumen säger: {life2:life})"),
    ("{name} ({n})", "{name:mapword} ({n})"),
    ("{ga} → {gb}: {n}", "{ga:mapword} → {gb:mapword}: {n}"),
    ("click to open {file}", "klicka för att öppna {file}"),
    ("{ga} – {gb}: {n}", "{ga:mapword} – {gb:mapword}: {n}"),
    ("{ga} → {gb}", "{ga:mapword} → {gb:mapword}"),
    ("{n} integration{?s?} lead{?s?} beyond this map",
     "{n:integration/integrationer} leder utanför kartan"),
    ("{n} integration{?s?} lie{?s?} wholly outside this map",
     "{n:integration/integrationer} ligger helt utanför kartan"),
    ("{group}: its {n} systems and the {n2} systems of other organisations they exchange "
     "data with",
     "{group:mapword}: dess {n:system/system} och de {n2} system i andra organisationer som "
     "de utbyter data med"),
    ("{n} systems is above maps.large_threshold ({n2}): one node per organisation. Click one "
     "for the command that maps its systems (ea map --organisation NAME); 'ea map -o DIR/' "
     "writes a page per organisation to click through, 'ea map --by system' every system",
     "{n} system är fler än maps.large_threshold ({n2}): en nod per organisation. Klicka på "
     "en för kommandot som ritar dess system (ea map --organisation NAMN); 'ea map -o MAPP/' "
     "skriver en sida per organisation att klicka sig igenom, 'ea map --by system' alla "
     "system"),
    ("{n} systems is above maps.large_threshold ({n2}): for an overview try 'ea map --by "
     "organisation', or narrow with --focus or --organisation",
     "{n} system är fler än maps.large_threshold ({n2}): för en översikt, prova 'ea map --by "
     "organisation', eller avgränsa med --focus eller --organisation"),
    ("IT landscape: {group}", "IT-landskapet: {group:mapword}"),
    # an organisation page with its partners folded, one node per organisation
    ("{group}: its {n} systems, and the {n2} systems of other organisations they exchange "
     "data with as one node per organisation (all {n3} would be above "
     "maps.large_threshold, {n4}). Click one to open its page",
     "{group:mapword}: dess {n:system/system}, och de {n2} system i andra organisationer som "
     "de utbyter data med som en nod per organisation (alla {n3} vore fler än "
     "maps.large_threshold, {n4}). Klicka på en för att öppna dess sida"),
    ("{n} integration{?s?} among the other organisations' systems",
     "{n:integration/integrationer} mellan de andra organisationernas system"),
    ("{n} exchange data with {group}", "{n} utbyter data med {group:mapword}"),
]
MAP_SV["IT landscape"] = "IT-landskapet"
MAP_SV["Its systems here"] = "Dess system här"
MAP_SV["Other organisations, one node each (the number: their systems that exchange data "
       "with this one's)"] = ("Andra organisationer, en nod var (talet: deras system som "
                              "utbyter data med den här organisationens)")
_CONV["how_sv"] = lambda v: (v.replace("starts with it in that letter case",
                                       "börjar så, med samma stora och små bokstäver")
                             .replace("starts with it", "börjar så")
                             .replace("(also: ", "(även: ").replace("contains it", "innehåller det")
                             .replace(" (system)", " (system)"))
_CONV["phases"] = lambda v: "/".join(_PHASES_SV.get(x, x) for x in v.split("/"))


def _map_text(v):
    """One text of the map in Swedish: an exact phrase, else a template, else as it is."""
    if not isinstance(v, str):
        return v
    if v in MAP_SV:
        return MAP_SV[v]
    out = _one(v, MAP_TEMPLATES)
    return v if out is None else out


def _finding_tip(text: str) -> str:
    # "missing_role [high]: no object owner" -> words, severity, reason
    m = re.fullmatch(r"(\w+) \[(\w*)\]: (.*)", text, re.DOTALL)
    if not m:
        return text
    return f"{_code_sv(m[1])} [{severity('sv', m[2])}]: {reason('sv', m[1], m[3])}"


def translate_map(model, lang: str):
    """The map ``model`` (:class:`ea.maps.model.MapModel`) with the words people read in
    ``lang``: title, legend, notes, tooltips and the page's own words, as a new model (the
    one given is left as it is). Facts, colours and positions stay as they are."""
    import dataclasses

    sv = lang == "sv"
    leg = {**model.legend,
           "words": {**{k: (s if sv else e) for k, (e, s) in MAP_PAGE.items()},
                     "lang": "sv" if sv else "en"}}
    if not sv:
        return dataclasses.replace(model, legend=leg)
    for key in ("colour_title", "edge_note", "drill_note"):
        if leg.get(key):
            leg[key] = _map_text(leg[key])
    for key in ("notes", "hidden"):
        leg[key] = [_map_text(x) for x in leg.get(key) or []]
    for key in ("colours", "shapes", "markers", "edges", "severities"):
        leg[key] = [{**item, "label": _map_text(item.get("label"))}
                    for item in leg.get(key) or []]

    def words(item: dict) -> dict:
        item = dict(item)
        if isinstance(item.get("label"), str) and str(item.get("id")).startswith("group:"):
            item["label"] = _map_text(item["label"])
        rows = []
        for label, text in item.get("tip") or []:
            if str(label).startswith("Finding ("):
                rows.append([_map_text(label), _finding_tip(text)])
            elif label == "Marked":
                rows.append([_map_text(label), _CONV["marks"](text)])
            elif label in ("Type", "By type"):
                rows.append([_map_text(label), _CONV["bytype" if label == "By type"
                                                     else "edgetypes"](text)])
            else:
                rows.append([_map_text(label), _map_text(text)])
        if "tip" in item:
            item["tip"] = rows
        return item

    groups = [{**g, "label": _map_text(g.get("label"))} for g in model.groups]
    return dataclasses.replace(model, title=_map_text(model.title), legend=leg, groups=groups,
                               nodes=[words(n) for n in model.nodes],
                               edges=[words(e) for e in model.edges])


#: ``ea map``'s own lines on stderr (what it wrote, what it left out); counts come with their
#: nouns (:func:`counted`).
TEXT.update({
    "map_wrote_overview": ("wrote {path}: {nodes}, {edges}; click one to open its page",
                           "skrev {path}: {nodes}, {edges}; klicka på en för att öppna dess "
                           "sida"),
    "map_page": ("  {name}: {nodes}{others}, {edges}", "  {name}: {nodes}{others}, {edges}"),
    "map_page_others": (" and {n} other organisations (one node each)",
                        " och {n} andra organisationer (en nod var)"),
    "map_not_shown": ("  not shown: {line}", "  visas inte: {line}"),
    "map_note": ("note: {line}", "obs: {line}"),
    "map_wrote": ("wrote {path}: {nodes}, {edges}", "skrev {path}: {nodes}, {edges}"),
    "map_large_organisation": ("  more than {n} systems: one node per organisation; 'ea map -o "
                               "DIR/' writes a page per organisation to click through, 'ea map "
                               "--organisation NAME' maps one, 'ea map --by system' all",
                               "  fler än {n} system: en nod per organisation; 'ea map -o MAPP/' "
                               "skriver en sida per organisation att klicka sig igenom, 'ea map "
                               "--organisation NAMN' ritar en, 'ea map --by system' alla"),
    "map_large": ("  large map (more than {n} systems): for an overview try 'ea map --by "
                  "organisation'",
                  "  stor karta (fler än {n} system): för en översikt, prova 'ea map --by "
                  "organisation'"),
})

#: Nouns counted in the map's lines: English and Swedish, one and several.
NOUNS = {"system": ("system", "systems", "system", "system"),
         "organisation": ("organisation", "organisations", "organisation", "organisationer"),
         "connection": ("connection", "connections", "förbindelse", "förbindelser")}


def counted(lang: str, n: int, noun: str) -> str:
    """``1 connection`` / ``3 förbindelser``: a count with its noun (:data:`NOUNS`) in
    ``lang``."""
    forms = NOUNS[noun][2:] if lang == "sv" else NOUNS[noun][:2]
    return f"{n} {forms[0] if n == 1 else forms[1]}"


def map_text(lang: str, text: str) -> str:
    """A sentence about the map (a note, a line of what it leaves out) in ``lang``."""
    return _map_text(text) if lang == "sv" else text

# ------------------------------------------------------------------------------ ea show
TEXT.update({f"show_{k}": v for k, v in {
    "placeholder": ("  Referenced by some source but defined by none (see unresolved references).",
                    "  Refererat av någon källa men definierat av ingen (se olösta referenser)."),
    "organisation": ("Organisation: ", "Organisation: "),
    "objects": ("Förvaltningsobjekt: ", "Förvaltningsobjekt: "),
    "systems": ("Systems: ", "System: "),
    "facts": ("\nFacts:", "\nUppgifter:"),
    "classification": ("\nClassification (KLASSA, 0-4): ", "\nKlassning (KLASSA, 0-4): "),
    "scale": ("  scale: {scale}", "  skala: {scale}"),
    "raw": (" (raw '{raw}')", " (i källan '{raw}')"),
    "lifecycle": ("\nLifecycle:", "\nLivscykel:"),
    "status": ("  recorded status: {status}", "  registrerad status: {status}"),
    "as_of": ("\nAs of {day}:", "\nPer {day}:"),
    "phase": ("  lifecycle: {phase}", "  livscykel: {phase}"),
    "owner": ("  object owner: {state}", "  objektägare: {state}"),
    "working": ("working", "fungerande"),
    "roles": ("\nRoles:", "\nRoller:"),
    "none_recorded": ("  none recorded", "  inga registrerade"),
    "inactive": ("  INACTIVE", "  INAKTIV"),
    "not_listed": ("  (not in any people list)", "  (finns inte i någon personallista)"),
    "inherited": ("  (inherited from {what})", "  (ärvd från {what})"),
    "on": (" on {what}", " på {what}"),
    "vacant": ("  {role}: VACANT ('{raw}'){inh}", "  {role}: VAKANT ('{raw}'){inh}"),
    "out": ("Integrations out (data flows to)", "Integrationer ut (data flödar till)"),
    "in": ("Integrations in (data flows from)", "Integrationer in (data flödar från)"),
    "criticality": ("criticality {c}", "verksamhetskritikalitet {c}"),
    "one_end": ("recorded at one end only", "registrerad bara i ena änden"),
    "disagree": ("    sources disagree on {field}: {vals}", "    källorna är oense om {field}: {vals}"),
    "from": ("{value} from {source}", "{value} från {source}"),
    "vs": (" vs ", " mot "),
    "extra": ("\nOther columns from the sources:", "\nÖvriga kolumner i källorna:"),
    "provenance": ("\nProvenance:", "\nKällor:"),
    "seen": ("  first seen {first}, last seen {last}", "  först sedd {first}, senast sedd {last}"),
    "conflicts": ("\nConflicts between sources (the first value is kept):",
                  "\nKonflikter mellan källor (det första värdet behålls):"),
    "ledger": ("\nImport notes:", "\nImportanteckningar:"),
}.items()})


def field_name(lang: str, field: str) -> str:
    """A field of a node as ``ea show`` names it: the key in English, the column's Swedish
    header (lower case) in Swedish."""
    if lang != "sv":
        return field
    h = header("sv", field)
    if h == field.replace("_", " "):
        return field
    return h if h[1:2].isupper() else h[:1].lower() + h[1:]  # SLA, RTO stay as they are


def unowned_words(lang: str, cls: str) -> str:
    """An unowned class (:data:`ea.derived.roles.UNOWNED_CLASSES`' keys or words) in
    ``lang``."""
    if lang != "sv":
        return cls
    from ea.derived.roles import UNOWNED_CLASSES

    return MAP_SV.get(UNOWNED_CLASSES.get(cls, cls), cls)

#: Fields of a node (ea/schema.py) as ``ea show`` names them in Swedish.
SV_COLUMNS.update({
    "description": "Beskrivning", "hosting": "Driftform", "classified_by": "Klassad av",
    "sla": "SLA", "mtpd_hours": "MTPD (timmar)", "rto_hours": "RTO (timmar)",
    "rpo_hours": "RPO (timmar)", "continuity_plan": "Kontinuitetsplan",
    "risk_assessed": "Riskanalys", "retirement_intended": "Avveckling avsedd",
    "it_assessment": "IT:s bedömning", "business_assessment": "Verksamhetens bedömning",
    "personal_data": "Personuppgifter", "user_count": "Antal användare",
    "planned_from": "Planerad från", "in_service_from": "I drift sedan",
    "phase_out_from": "Avveckling från", "end_of_life": "Slut på livslängd",
    "end_of_support": "Slut på support", "contract_end": "Avtalsslut",
    "classified_at": "Klassad", "risk_assessed_at": "Riskanalys gjord",
    "aliases": "Andra namn",
})
SV_VALUES["hosting"] = {"on_prem": "egen drift", "external": "extern drift",
                        "hybrid": "hybrid"}


def fact(lang: str, field: str, v):
    """A node's fact as ``ea show`` writes it: yes/no and a few values in ``lang``."""
    if lang != "sv":
        return v
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    return value(lang, field, v)


#: The rules that make a hub need joint continuity planning (ea/derived/hubs.py), in Swedish.
HUB_RULES_SV = {"articulation_point": "ledpunkt",
                "top_betweenness": "bland de mest centrala",
                "availability_below_dependant": "lägre tillgänglighet än ett beroende system"}


def hub_rules(lang: str, rules) -> str:
    """The rules that fired for a hub, in words (``ea report``'s hubs table)."""
    items = rules if isinstance(rules, list | tuple | set) else str(rules or "").split(";")
    items = [str(r).strip() for r in items if str(r).strip()]
    if lang != "sv":
        return ", ".join(r.replace("_", " ") for r in items)
    return ", ".join(HUB_RULES_SV.get(r, r.replace("_", " ")) for r in items)
