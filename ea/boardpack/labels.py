"""The words of the board pack, in Swedish and English.

Column headers, section titles and chart titles; severity and finding codes are shown with
the words a board reads. One table, so the xlsx, HTML and PDF say the same.
"""

from __future__ import annotations

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
}

#: Report names: report -> (Swedish, English).
REPORTS = {"orphans": ("ägarlöshet", "orphans"), "coordinate": ("samordning", "coordinate"),
           "quality": ("datakvalitet", "quality"),
           "classification": ("klassning", "classification")}

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
