"""Every report in Swedish (``--lang sv``): the reasons, headers and finding names of
coordinate, quality, classification, hubs, ageing (and its replacement list), impact (and its
summary line), people, diff, duplicates and check, rendered through the one catalogue
(:mod:`ea.i18n`) while csv and json keep the English sentences the queries write.

Two walks hold the catalogue complete: every finding code has a Swedish template, and every
reason every report writes on the fixtures is read by one (no English falls through)."""

from __future__ import annotations

import datetime as dt
import json
import re

import openpyxl
import pytest
from click.testing import CliRunner

from ea import i18n
from ea.cli import main
from ea.queries import coordinate, diff, impact
from ea.queries import get as query
from ea.queries import names as query_names
from ea.store import snapshot
from tests import fixtures_architecture as fa
from tests import fixtures_maps as fm
from tests.fixtures_governance import build
from tests.lead_lines import lead_lines
from tests.test_diff import build_new, build_old

AS_OF = dt.date(2026, 11, 25)
AS = ["--as-of", "2026-11-25"]


# ------------------------------------------------------------------ the catalogue is whole
def test_every_finding_code_has_a_swedish_template():
    missing = [c for c in i18n.CODES if not i18n.has_template(c)]
    assert missing == []
    # and every template has both languages: an English sentence and a Swedish one
    for code, variants in i18n.REASON_TEMPLATES.items():
        for v in variants:
            assert callable(v) or (v[0] and v[1] and v[0] != v[1]), code


def _landscapes():
    return {"governance": build(), "hubs": fa.hub_landscape(), "ageing": fa.ageing_landscape(),
            "duplicates": fa.duplicates_landscape(), "maps": fm.build()}


def _every_reason():
    """(report, code, reason) of every row every report writes on the fixtures: each query,
    impact from every system in every direction, the meetings of every manager, diff."""
    out = []
    for name, ls in _landscapes().items():
        for q in query_names():
            if q in ("impact", "precheck"):
                continue
            df = query(q).func(ls, as_of=AS_OF)
            out += [(q, c, r) for c, r in zip(df["code"], df["reason"], strict=True)]
        systems = [k for k, d in ls.graph.nodes(data=True) if d.get("kind") == "System"]
        for s in systems:
            for direction in impact.DIRECTIONS:
                df = impact.run(ls, system=s, direction=direction)
                out += [("impact", c, r) for c, r in zip(df["code"], df["reason"], strict=True)]
        if name == "governance":
            people = coordinate.run(ls, as_of=AS_OF)["subject"].unique()
            for p in people:
                df = coordinate.meetings(ls, as_of=AS_OF, target=ls.name(p))
                out += [("meetings", c, r)
                        for c, r in zip(df["code"], df["reason"], strict=True)]
    df = diff.run(build_old(), build_new())
    out += [("diff", c, r) for c, r in zip(df["code"], df["reason"], strict=True)]
    return out


def test_no_english_reason_falls_through_under_sv():
    rows = _every_reason()
    codes = {c for _q, c, _r in rows}
    assert len(rows) > 500 and len(codes) > 60
    unread = sorted({(q, c, r) for q, c, r in rows if not i18n.reads(c, r)})
    assert unread == []


# ------------------------------------------------------------------ the reports in Swedish
@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    d = tmp_path_factory.mktemp("lang_reports")
    out = {}
    for name, ls in {**_landscapes(), "old": build_old(), "new": build_new()}.items():
        out[name] = str(d / f"{name}.json")
        snapshot.save(ls, out[name])
    return out


def run(args, code=0):
    env = {"COLUMNS": "120", "NO_COLOR": "", "FORCE_COLOR": "", "EA_CONFIG": ""}
    r = CliRunner().invoke(main, args, env=env)
    assert r.exit_code == code, r.output
    return r.output


def sheet_rows(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return rows[0], rows[1:]


def reasons_of(path, sheet):
    head, rows = sheet_rows(path, sheet)
    i = head.index("Varför")
    return {r[i] for r in rows}


# report args, sheet, exact headers (the first ones), one exact Swedish reason per code
REPORTS = {
    "hubs": (["hubs"], "hubs", "Nav",
             ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför", "Rang", "Navpoäng",
              "Regler som slog till"],
             {"JOINT_CONTINUITY_PLANNING":
              "Kräver gemensam kontinuitetsplanering: om det faller bort delas "
              "integrationsgrafen; det är bland de mest centrala systemen "
              "(mellanhetscentralitet 0,417), och det och dess grannar hör till 3 "
              "organisationer (Hälso- och sjukvårdsförvaltningen, "
              "Regionstyrelseförvaltningen, Socialförvaltningen).",
              "HUB": "Nav nummer 4: 4 grannar, mellanhetscentralitet 0,167, 1 organisation "
                     "berörd."}),
    "ageing": (["ageing"], "ageing", "Åldrande",
               ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
               {"END_OF_LIFE_UPCOMING": "Procapita: livscykelslut infaller om 9 månader "
                                        "(2027-08-31).",
                "END_OF_SUPPORT_UPCOMING": "Egenutvecklat: supportslut infaller om 16 "
                                           "månader (2028-03-31).",
                "CONTRACT_END_PASSED": "Ciceron: avtalsslut passerades för 5 månader sedan "
                                       "(2026-06-30).",
                "EOL_PROPAGATED": "BizTalk tar emot data från Procapita, som når "
                                  "livscykelslut om 9 månader (2027-08-31).",
                "LIFECYCLE_CONFLICT": "Ciceron är registrerat som 'i drift' men datumen säger "
                                      "'under avveckling' (planerad avveckling 2026-01-01).",
                "RETIREMENT_OVERDUE": "Ciceron: planerad avveckling (2026-01-01) passerades "
                                      "för 11 månader sedan och systemet används fortfarande.",
                "LONG_IN_SERVICE": "Egenutvecklat har varit i drift i 25,6 år (sedan "
                                   "2001-05-01) och är egenutvecklat."}),
    "replacement": (["ageing", "--replacement"], "ageing", "Ersättningslista",
                    ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                    {"REPLACEMENT_PRIORITY":
                     "Procapita: livscykelslut infaller om 9 månader; poäng 75,2 = tid 24,7 + "
                     "verksamhetskritikalitet 20,0 + klassning 7,5 + beroende system 3,0 + de "
                     "beroendes kritikalitet 10,0 + nav 10,0."}),
    "duplicates": (["duplicates"], "duplicates", "Dubbletter",
                   ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                   {"DUPLICATE_PRODUCT":
                    "Heroma kör produkten 'Heroma', som även andra organisationer har "
                    "registrerat: Heroma HR (Hälso- och sjukvårdsförvaltningen); "
                    "Personalsystem (Socialförvaltningen).",
                    "SIMILAR_NAME": "Platina Ärende har nästan samma namn som system i andra "
                                    "organisationer: Platina ärende "
                                    "(Regionstyrelseförvaltningen)."}),
    "classification": (["classification"], "governance", "Klassning",
                       ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                       {"confidentiality_downflow": "tar emot information från Heroma (K3) "
                                                    "men är klassat K2",
                        "availability_below_dependent":
                            "Lifecare (T4) beror på det (som plattform för Cosmic → Lifecare) "
                            "men det är klassat T3",
                        "rto_longer_than_dependent": "återställningstid (RTO) 24 h men "
                                                     "Raindance beror på det med RTO 8 h",
                        "high_t_without_continuity_plan": "tillgänglighet T3 men ingen "
                                                          "kontinuitetsplan registrerad",
                        "effective_above_recorded": "behandlar Patientuppgifter: effektiv "
                                                    "klassning K4 R3 T4 S– är högre än "
                                                    "registrerad K3 R3 T4 S–",
                        "unclassified_integrates_classified":
                            "saknar klassning men integrerar med klassade system: Raindance"}),
    "coordinate": (["coordinate", "--per-integration"], "governance", "Samordning",
                   ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                   {"partner_unowned": "Platina tar emot från Lifecare: ingen att träffa: "
                                       "partnern har ingen förvaltare [utan förvaltare]",
                    "partner_ending_life": "Raindance skickar till Proceedo: träffa Cecilia "
                                           "Dal (förvaltningsledare IT); du förvaltar båda "
                                           "ändarna [tar slut: supportslut 2027-03-31]",
                    "partner_external": "Cosmic tar emot från HSA-katalogen: ingen att "
                                        "träffa: partnern är extern, samordna med dess "
                                        "leverantör [externt]",
                    "coordinate": "Heroma skickar till Raindance: träffa Bo Berg "
                                  "(förvaltningsledare verksamhet); du förvaltar båda "
                                  "ändarna"}),
    "meetings": (["coordinate", "Bo Berg"], "governance", "Möten",
                 ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                 {"meet": "Träffa Erik Gran (förvaltningsledare IT för Qlik Sense): 1 "
                          "integration, värst verksamhetskritikalitet 4 och T3.",
                  "no_one_to_meet": "Ingen att träffa för Lifecare: systemet har ingen "
                                    "förvaltare; ta reda på vem som svarar för det (1 "
                                    "integration, värst verksamhetskritikalitet 4 och T4).",
                  "both_ends": "Du förvaltar båda ändarna av 1 integration, värst "
                               "verksamhetskritikalitet 4 och T3: Raindance → Proceedo (api)."}),
    "people": (["people"], "governance", "Nyckelpersoner",
               ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
               {"HOLDER_LEFT": "inaktiv, har kvar 1 roll, nyckelroller på 1 kritiskt system",
                "SOLE_HOLDER": "ensam i 3 nyckelroller på kritiska system eller nav "
                               "(Heroma, Platina och 1 till)",
                "ROLES": "2 roller på 0 förvaltningsobjekt och 1 system"}),
    "quality": (["quality", "--details"], "governance", "Underkända",
                ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
                {"has_object_owner": "objektägare har slutat (David Falk); ska komma från "
                                     "rollistan, personallistan",
                 "has_it_manager": "ingen förvaltningsledare IT; ska komma från rollistan",
                 "classification_fresh": "klassningen är daterad 2025-09-01, äldre än 12 "
                                         "månader; ska komma från LISA/KLASSA-registret",
                 "lifecycle_dates": "inget slutdatum (supportslut/livscykelslut, avveckling, "
                                    "avtalsslut); ska komma från inventeringen",
                 "vendor": "ingen leverantör (och inte markerat som egenutvecklat); ska komma "
                           "från inventeringen",
                 "recorded_both_ends": "saknas i inventeringens rad för Qlik Sense; ska komma "
                                       "från inventeringen",
                 "no_source_conflicts": "källorna är oense om integrationstyp: 'api' mot "
                                        "'file'; ska komma från källorna som är oense: "
                                        "integrationer.csv:5, integrationer2.csv:2"}),
    "check": (["check"], "governance", "Förvaltningsregler",
              ["Rapport", "Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför"],
              {"missing_role": "ingen förvaltningsledare IT",
               "partner_unowned": "Cosmic skickar till Lifecare via WSO2 API Manager: ingen att "
                                  "träffa: partnern har ingen förvaltare [utan förvaltare]",
               "unclassified_integrates_classified":
                   "saknar klassning men integrerar med klassade system: Raindance"}),
}


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_report_in_swedish_xlsx(snaps, tmp_path, report):
    args, fixture, sheet, headers, reasons = REPORTS[report]
    out = tmp_path / f"{report}.xlsx"
    run([*args, "-l", snaps[fixture], *AS, "--lang", "sv", "-o", str(out)])
    head, rows = sheet_rows(out, sheet)
    assert head[:len(headers)] == headers
    assert not [h for h in head if "_" in str(h)]  # no column key left as a header
    got = reasons_of(out, sheet)
    for code, text in reasons.items():
        assert text in got, (code, sorted(got))
    # the finding names in words, never a code
    codes = {r[head.index("Avvikelse")] for r in rows}
    assert not codes & set(reasons)


def test_impact_in_swedish_md_and_summary_line(snaps, tmp_path):
    out = tmp_path / "impact.md"
    run(["impact", "Heroma", "-l", snaps["governance"], *AS, "--lang", "sv", "-o", str(out)])
    md = out.read_text(encoding="utf-8").splitlines()
    assert md[0].startswith("| Nyckel | Namn | Avvikelse | Allvarlighet | Varför | Verkan | "
                            "Avstånd | Riktning | Väg | Beroendets kritikalitet |")
    text = "\n".join(md)
    for reason in (
            "Om Heroma stannar — stannar: 1 system i 0 organisationer; försämras: 2; nås: 0 "
            "(3 nedströms totalt).",
            "Raindance stannar: beror på Heroma (beroendets kritikalitet okänd; egen "
            "verksamhetskritikalitet 4, T 3). Väg: Heroma → Raindance.",
            "Utan Heroma blir Gammalt lönesystem avskuret från Proceedo, Qlik Sense, Raindance."):
        assert f"| {reason} |" in text
    screen = run(["impact", "Heroma", "-l", snaps["governance"], *AS, "--lang", "sv"])
    assert screen.splitlines()[0] == ("Om Heroma stannar — stannar: 1 system i 0 "
                                      "organisationer; försämras: 2; nås: 0 (3 nedströms "
                                      "totalt).")
    both = run(["impact", "Lifecare", "--direction", "both", "-l", snaps["governance"], *AS,
                "--lang", "sv", "-o", str(tmp_path / "b.md")])
    assert both == "" or "wrote" in both
    b = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "når" in b and "i båda riktningarna" in b


def test_diff_in_swedish(snaps, tmp_path):
    out = tmp_path / "diff.xlsx"
    run(["diff", snaps["old"], snaps["new"], "--lang", "sv", "-o", str(out)])
    got = reasons_of(out, "Förändringar")
    for text in ("nytt namn: 'Procapita' heter nu 'Lifecare' (samma id s1)",
                 "ny integration (api); har förvaltarna i båda ändar kommit överens? "
                 "(Bo Berg, Dan Ek)",
                 "förvaltningsledare IT: Cecilia Dal → Dan Ek",
                 "livscykel i drift → under avveckling",
                 "ingen förvaltningsledare IT; öppen sedan minst 2025-11-25 (365 dagar)",
                 "åtgärdad: var 'i inget förvaltningsobjekt och inga egna roller: ingen "
                 "svarar för det'",
                 "integrationen finns inte längre registrerad",
                 "system finns inte längre i landskapet"):
        assert text in got, (text, sorted(got))


def test_machine_formats_keep_the_english_sentences(snaps):
    sv = json.loads(run(["hubs", "-l", snaps["governance"], *AS, "--lang", "sv", "-f", "json"]))
    en = json.loads(run(["hubs", "-l", snaps["governance"], *AS, "-f", "json"]))
    assert sv == en
    assert sv[0]["reason"].startswith("Needs joint continuity planning: ")
    csv_sv = run(["ageing", "-l", snaps["ageing"], *AS, "--lang", "sv", "-f", "csv"])
    assert csv_sv == run(["ageing", "-l", snaps["ageing"], *AS, "-f", "csv"])
    assert "Procapita's end of life is in 9 months (2027-08-31)." in csv_sv


def test_english_stays_as_the_queries_write_it(snaps, tmp_path):
    out = tmp_path / "hubs.md"
    run(["hubs", "-l", snaps["governance"], *AS, "-o", str(out)])
    md = out.read_text(encoding="utf-8")
    assert "| subject | name | code | severity | reason |" in md
    assert "Needs joint continuity planning: removing it splits the integration graph" in md


#: Columns whose Swedish header is the English word itself.
SAME_IN_SWEDISH = {"organisation", "status", "version", "information", "via", "t",
                   "person_name", "system_name"}


def test_every_column_of_every_report_has_a_swedish_header():
    from ea.queries import orphans, quality

    cols = set()
    for name, ls in _landscapes().items():
        for q in query_names():
            if q not in ("impact", "precheck"):
                cols |= set(query(q).func(ls, as_of=AS_OF).columns)
        if name == "governance":
            cols |= set(coordinate.meetings(ls, as_of=AS_OF, target="Bo Berg").columns)
            cols |= set(coordinate.meeting_matrix(ls, as_of=AS_OF).columns)
            cols |= set(impact.run(ls, system="Heroma").columns)
            for by in quality.ROLLUPS:
                cols |= set(quality.rollup(ls, as_of=AS_OF, by=by).columns)
            cols |= set(orphans.summary(ls, orphans.run(ls, as_of=AS_OF), as_of=AS_OF).columns)
    cols |= set(diff.run(build_old(), build_new()).columns)
    english = sorted(c for c in cols if i18n.header("sv", c) == str(c).replace("_", " ")
                     and c not in SAME_IN_SWEDISH)
    assert english == []


def test_import_and_stats_in_swedish(tmp_path):
    from tests.exports import all_exports

    files = [str(f) for f in all_exports(tmp_path)]
    out = run(["import", *files, "-o", str(tmp_path / "s.json"), *AS, "--lang", "sv"])
    # prose wraps to the 120 columns (continuation lines indented by two), paths one per
    # line when they do not fit: read each paragraph as one line
    out = re.sub(r"\n  (?=\S)", " ", out)
    lines = out.splitlines()
    assert lines[0].split() == ["Fil", "Posttyper", "Rader", "Inlästa", "Ihopslagna",
                                "Avvisade", "Överhoppade", "Olösta", "Ensidiga", "Konflikter",
                                "Varningar"]
    assert ("10 system (4 platshållare för olösta referenser, 2 externa), 4 "
            "förvaltningsobjekt, 10 personer, 4 organisationer, 10 integrationer.") in lines
    assert ("Olösta (4, sparade som platshållare): 'BizTalk', 'Take Care', 'Journalsystem X', "
            "'Okänt system'.") in lines
    assert any(ln.startswith("Att granska: 5 olösta referenser, 1 ensidiga beroenden")
               for ln in lines)
    assert "'Beroende till': det här systemet → listat system" in out
    assert any(ln.startswith("Ögonblicksbild: ") for ln in lines)
    assert any(ln.startswith("Avvisade rader (4): ") for ln in lines) or any(
        ln.startswith("Ögonblicksbild: ") and "avvisade rader (4)" in ln for ln in lines)
    stats = run(["stats", "-l", str(tmp_path / "s.json"), "--lang", "sv"]).splitlines()
    assert stats[0] == "Landskapet importerat 2026-11-25 från 5 filer"
    assert stats[3] == "System: 4 platshållare, 2 externa, 8 utan någon roll; 1 motstridiga värden"
    # English is as it was
    en = run(["stats", "-l", str(tmp_path / "s.json")]).splitlines()
    assert en[0] == "Landscape imported 2026-11-25 from 5 files"
    assert en[3] == ("Systems: 4 placeholders, 2 external, 8 without any role; 1 conflicting "
                     "values")


# ------------------------------------------------------------------------------ the map
def _map_data(path) -> dict:
    import re

    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script[^>]*id="ea-data"[^>]*>(.*?)</script>', html,
                                re.S)[1])


def test_map_in_swedish(snaps, tmp_path):
    out = tmp_path / "karta.html"
    run(["map", "-l", snaps["governance"], *AS, "--lang", "sv", "--highlight", "orphans",
         "-o", str(out)])
    d = _map_data(out)
    leg = d["legend"]
    assert d["title"] == "IT-landskapet: beroendekarta"
    assert leg["words"]["legend"] == "Teckenförklaring" and leg["words"]["lang"] == "sv"
    assert leg["colour_title"] == "Färg: ägande organisation"
    assert leg["edge_note"] == ("Pilarna visar åt vilket håll data flödar; tjockare = fler "
                                "integrationer")
    assert {s["label"] for s in leg["shapes"]} >= {
        "System som ägs lokalt", "Externt system (nationell tjänst, annan huvudman)",
        "Refererat men aldrig definierat (platshållare)"}
    assert [m["label"] for m in leg["markers"]][0] == "Utan ägare: ingen fungerande objektägare"
    assert {s["label"] for s in leg["severities"]} >= {"Avvikelse, allvarligast: kritisk"}
    assert leg["notes"][0].startswith("Markerat: ägarlöshet: ")
    tips = {label: text for n in d["nodes"] if n["label"] == "Heroma"
            for label, text in n["tip"]}
    assert {"System", "Ägare", "Objektägare", "Förvaltare", "Klassning", "Livscykel",
            "Integrationer", "Avvikelse (ägarlöshet)"} <= set(tips)
    found = [text for n in d["nodes"] if n["label"] == "Heroma" for label, text in n["tip"]
             if label == "Avvikelse (ägarlöshet)"]
    assert ("Roll vakant [hög]: förvaltningsledare verksamhet registrerad som vakant "
            "('Vakant') (ärvd från HR)") in found
    english = {label for n in d["nodes"] + d["edges"] for label, _t in n.get("tip") or []}
    assert not english & {"Owner", "Managers", "Lifecycle", "Type", "Frequency", "Marked"}
    # English: the same map as before, the page's own words in English
    en_out = tmp_path / "map.html"
    run(["map", "-l", snaps["governance"], *AS, "--highlight", "orphans", "-o", str(en_out)])
    en = _map_data(en_out)
    assert en["title"] == "IT landscape: dependency map"
    assert en["legend"]["words"]["legend"] == "Legend"
    assert en["legend"]["colour_title"] == "Colour: owning organisation"


def test_coordinate_and_check_at_scale_lead_in_swedish(snaps, tmp_path):
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("lang: sv\nreports:\n  summary_threshold: 5\n", encoding="utf-8")
    env = {"COLUMNS": "120", "NO_COLOR": "", "FORCE_COLOR": "", "EA_CONFIG": str(cfg)}
    r = CliRunner().invoke(main, ["coordinate", "-l", snaps["governance"], *AS], env=env)
    lines = r.output.splitlines()
    assert lead_lines(r.output)[0].startswith(
        "10 system, fler än reports.summary_threshold (5): en rad per förvaltare.")
    assert ("Samordning per förvaltare, i siffror (vilka som ska träffas: ea coordinate "
            "PERSON): 8 rader") in lines
    assert header_line(lines, "Namn") == ["Namn", "System", "Integrationer", "Att träffa",
                                          "Ingen att träffa", "Flaggade",
                                          "Verksamhetskritikalitet"]
    r = CliRunner().invoke(main, ["check", "-l", snaps["governance"], *AS], env=env)
    assert lead_lines(r.output)[0] == (
        "10 system, fler än reports.summary_threshold (5): en rad per regel, 53 avvikelser "
        "totalt. Varje avvikelse: --all, eller -o avvikelser.csv (skrivs allteftersom "
        "reglerna ger dem).")
    assert "Alla förvaltningsregler, en rad per regel: 36 rader" in r.output


def header_line(lines, first):
    for i, line in enumerate(lines):
        if line.startswith(first) and i + 1 < len(lines) and lines[i + 1].startswith("──"):
            return [p.strip() for p in line.split("  ") if p.strip()]
    raise AssertionError(f"no table headed {first!r}")


def test_show_in_swedish(snaps):
    out = run(["show", "Heroma", "-l", snaps["governance"], *AS, "--lang", "sv"]).splitlines()
    for line in ("Heroma  [System heroma]", "Förvaltningsobjekt: HR", "Uppgifter:",
                 "  leverantör: CGI   <- inventering.xlsx:System:4",
                 "  RTO (timmar): 24   <- inventering.xlsx:System:4",
                 "Klassning (KLASSA, 0-4): K3 allvarlig, R3 allvarlig, T3 allvarlig, S: -",
                 "  i drift sedan: 2012-01-01   <- inventering.xlsx:System:4",
                 "Per 2026-11-25:", "  livscykel: I drift (under förvaltning)",
                 "  objektägare: utan ägare: objektägaren har slutat",
                 "  förvaltningsledare IT: Cecilia Dal <cecilia@regiontest.se>  (ärvd från HR)",
                 "  objektägare: David Falk <david@regiontest.se>  INAKTIV  (ärvd från HR)",
                 "  förvaltningsledare verksamhet: VAKANT ('Vakant')  (ärvd från HR)",
                 "Integrationer ut (data flödar till): 1",
                 "  Raindance  (fil; dagligen; Löneuppgifter)", "Källor:"):
        assert line in out, line
    en = run(["show", "Heroma", "-l", snaps["governance"], *AS]).splitlines()
    assert "  object_owner: David Falk <david@regiontest.se>  INACTIVE  (inherited from HR)" in en


def test_quality_rollup_in_swedish(snaps):
    md = run(["quality", "-l", snaps["governance"], *AS, "--lang", "sv", "-f", "md"])
    lines = md.splitlines()
    assert lines[0] == ("| Regel | Omfattning | Källa | Granskade | Godkända | Underkända | "
                        "Andel |")
    assert "| Fungerande objektägare | system | rollistan | 8 | 6 | 2 | 75% |" in lines
    assert any(ln.startswith("| Aktuell klassning | system (inom 12 månader) | "
                             "LISA/KLASSA-registret |") for ln in lines)
