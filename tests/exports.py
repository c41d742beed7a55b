"""Builders for test exports in the forms real regions produce.

Each function writes one file the way the exporting tool would (Swedish Excel's ``;`` CSV
in Windows-1252 or UTF-8 with BOM, real .xlsx workbooks with several sheets) and returns its
path. Names of people are invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, 0)


def write_csv(path: Path, rows: list[list], *, sep: str = ";", encoding: str = "utf-8",
              bom: bool = False, newline: str = "\r\n") -> Path:
    def cell(v) -> str:
        s = "" if v is None else str(v)
        if sep in s or '"' in s or "\n" in s:
            s = '"' + s.replace('"', '""') + '"'
        return s

    text = newline.join(sep.join(cell(c) for c in r) for r in rows) + newline
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.save(path)
    return path


INVENTORY_HEADERS = [
    "System-ID", "Systemnamn", "Förvaltning", "Förvaltningsobjekt", "Leverantör",
    "Var i systemets livscykel befinner sig systemet? ", "Driftsatt", "Planerad avveckling",
    "Supportslut", "Avtalstiden löper ut datum", "Verksamhetskritiskt",
    "Har riskanalys genomförts under det senaste året?", "Systemägare", "Beroende till",
    "Beroende från", "Anteckning",
]

RS = "Region Testland / Regionstyrelseförvaltningen"
HS = "Region Testland / Hälso- och sjukvårdsförvaltningen"
TF = "Region Testland / Tekniska förvaltningen"
TRIMBEL = "Trimbel NIS, TCN, DMS (SEE, SN)"


def inventory_xlsx(path: Path) -> Path:
    """An inventory workbook: a title row above the header, question headers with a
    trailing space, Excel dates and serials, YYYYMM, bare years, 9999, free text, several
    owners in a cell, dependency cells with commas and parentheses in names, a second sheet
    of national services and an instructions sheet."""
    rows = [
        ["Systemförteckning Region Testland 2026"],
        [],
        INVENTORY_HEADERS,
        ["S1", "Raindance", RS, "Ekonomi", "CGI", "Under förvaltning", 201406, 9999,
         dt.datetime(2027, 3, 31), "Löpande - uppsägningstid på 3-12 månader",
         "Helt verksamhetskritiskt", "Ja", "anna.berg@testland.se, bo.ek@testland.se",
         "Heroma: Hög (API)", f"Heroma: Hög (API), {TRIMBEL}: Medel (Fil)", "Se avtal nr 2019-44"],
        ["S2", "Heroma", RS, "HR", "CGI", "I drift", 2009, 2028, "2026-06-30", 46387,
         "Till betydande del verksamhetskritiskt", "Nej", "carl.dahl@testland.se; dan.ek@testland.se",
         "Raindance: Hög (API)", "Raindance: Hög (Fil)", None],
        ["S3", TRIMBEL, TF, "Geodata", "Trimble", "Under avveckling", "2012-05-01", 2026,
         "2025-12-31", None, "Ej verksamhetskritiskt", "-", "Vakant",
         "Raindance: Medel (Fil), Okänt system: Låg (Fil)", None, None],
        ["S4", "TakeCare", HS, "Vårdinformation", "CompuGroup", "Aktiv", "2015", None, None, None,
         "Helt verksamhetskritiskt", "Delvis", None, "Inera NPÖ: Hög (API), Raindance: Låg (Fil)", "Take Care", None],
        [None, None, None, None, "CGI", None, None, None, None, None, None, None, None, None,
         None, None],
    ]
    national = [
        ["System-ID", "Systemnamn", "Beskrivning", "Leverantör", "Extern"],
        ["N1", "Inera NPÖ", "Nationell patientöversikt", "Inera", "Ja"],
        ["N2", "HSA-katalogen", "Katalogtjänst", "Inera", "Ja"],
    ]
    instructions = [["Instruktioner"], ["Fyll i en rad per system."], ["Kontakta IT vid frågor."]]
    return write_xlsx(path, {"Systemförteckning": rows, "Nationella tjänster": national,
                             "Instruktioner": instructions})


def integrations_cp1252(path: Path) -> Path:
    """An integration list from Swedish Excel: Windows-1252, ';', CRLF."""
    rows = [
        ["Från system", "Till system", "Via", "Integrationstyp", "Frekvens", "Informationsmängd"],
        ["Heroma", "Raindance", "BizTalk", "Fil", "Dagligen", "Lönetransaktioner"],
        ["TakeCare", "HSA-katalogen", None, "API", "Realtid", "Vårdpersonal"],
        ["Raindance", "Raindance", None, "API", None, None],
        ["Qlik Sense", None, None, "Databas", None, None],
        ["Take Care", "Raindance", None, "Fil", "Månadsvis", "Fakturaunderlag"],
    ]
    return write_csv(path, rows, encoding="cp1252")


def roles_bom(path: Path) -> Path:
    """A pm3 role list: UTF-8 with BOM, ';'."""
    rows = [
        ["Förvaltningsobjekt", "Objektägare", "Förvaltningsledare verksamhet",
         "Förvaltningsledare IT", "Systemadministratör"],
        ["Ekonomi", "Eva Falk", "Gustav Holm <gustav.holm@testland.se>", "ivar.jonsson@testland.se",
         None],
        ["HR", "Karin Lind", "Vakant", "Karin Lind", "lena.moberg@testland.se, Mats Nyberg"],
        ["Vårdinformation", None, None, None, None],
    ]
    return write_csv(path, rows, encoding="utf-8", bom=True)


def people_tab(path: Path) -> Path:
    """An HR export: tab-separated UTF-8."""
    rows = [
        ["Namn", "E-post", "Förvaltning", "Anställningsstatus"],
        ["Eva Falk", "eva.falk@testland.se", RS, "Aktiv"],
        ["Gustav Holm", "gustav.holm@testland.se", RS, "Aktiv"],
        ["Ivar Jonsson", "ivar.jonsson@testland.se", RS, "Avslutad"],
        ["Karin Lind", "karin.lind@testland.se", RS, "Aktiv"],
        ["Anna Berg", "anna.berg@testland.se", RS, "Aktiv"],
        [None, None, RS, "Aktiv"],
    ]
    return write_csv(path, rows, sep="\t", newline="\n")


def lisa_xlsx(path: Path) -> Path:
    """A LISA-style classification register: names and digits, a combined cell, gaps."""
    rows = [
        ["Objekt/System", "Konfidentialitet", "Riktighet", "Tillgänglighet", "Spårbarhet", "KRT",
         "Klassningsdatum", "MTPD", "RTO", "Kontinuitetsplan", "Riskanalysdatum"],
        ["Raindance", "Betydande", "Allvarlig", "Allvarlig", "Måttlig", None,
         dt.datetime(2025, 3, 1), "1 dygn", "4 h", "Ja", "2025-02-01"],
        ["Heroma", 2, 3, 3, 1, None, "2023-01-15", "24 timmar", "8 h", "Nej", None],
        ["TakeCare", None, None, None, None, "K2 R3 T3", None, None, None, None, None],
        ["Ekonomi", "Måttlig", None, None, None, None, None, None, None, None, None],
        ["Journalsystem X", 3, 3, 4, None, None, None, None, None, None, None],
    ]
    return write_xlsx(path, {"Klassning": rows})


def all_exports(folder: Path) -> list[Path]:
    return [
        inventory_xlsx(folder / "systemforteckning.xlsx"),
        integrations_cp1252(folder / "integrationer.csv"),
        roles_bom(folder / "roller.csv"),
        people_tab(folder / "personal.tsv"),
        lisa_xlsx(folder / "lisa.xlsx"),
    ]
