"""Example tables (raw → expected) and property tests for ea.importers.values."""

from __future__ import annotations

import datetime as dt
import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ea.importers import values as v
from ea.importers.values import DepRef, NameMatcher, Parsed, PersonRef

BLANKS = [None, float("nan"), "", "   ", "\u00a0", "\t"]


# ------------------------------------------------------------------------------ dates

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023-05-01", "2023-05-01"),
        ("2023-05-01 00:00:00", "2023-05-01"),
        ("2023-05-01T10:15:00", "2023-05-01"),
        ("2023-05-01T10:15:00Z", "2023-05-01"),
        ("2023/05/01", "2023-05-01"),
        ("2023.05.01", "2023-05-01"),
        ("2023-5-1", "2023-05-01"),
        ("20230501", "2023-05-01"),
        (" 2023-05-01 ", "2023-05-01"),
        ("2023-05", "2023-05-01"),
        ("202306", "2023-06-01"),
        ("2019", "2019-01-01"),
        ("2019.0", "2019-01-01"),
        (2019, "2019-01-01"),
        (2019.0, "2019-01-01"),
        (20230501, "2023-05-01"),
        (45047, "2023-05-01"),
        (45047.75, "2023-05-01"),
        ("45047", "2023-05-01"),
        ("maj 2023", "2023-05-01"),
        ("1 maj 2023", "2023-05-01"),
        (dt.date(2023, 5, 1), "2023-05-01"),
        (dt.datetime(2023, 5, 1, 13, 45), "2023-05-01"),
        ("2099-12-31", "2099-12-31"),  # 2099 is a real date, not a sentinel
    ],
)
def test_parse_date(raw, expected):
    got = v.parse_date(raw)
    assert got.value == expected
    assert got.ok


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2019", "2019-12-31"),
        ("2023-02", "2023-02-28"),
        ("202402", "2024-02-29"),
        ("2023-05-17", "2023-05-17"),  # a full date is not moved
        ("maj 2023", "2023-05-31"),
    ],
)
def test_parse_date_end_of_period(raw, expected):
    assert v.parse_date(raw, end_of_period=True).value == expected


@pytest.mark.parametrize(
    "raw, year",
    [("9999", 9999), (9999, 9999), ("9998", 9998), ("9999-12-31", 9999),
     ("9999-12-31 00:00:00", 9999), ("99991231", 9999), (dt.date(9999, 12, 31), 9999)],
)
def test_parse_date_sentinel(raw, year):
    got = v.parse_date(raw)
    assert got == Parsed(None, str(raw) if not isinstance(raw, dt.date) else raw.isoformat(),
                         note=f"sentinel year {year}: no date")


@pytest.mark.parametrize(
    "raw", ["Löpande - uppsägningstid på 3-12 månader", "Tills vidare", "Ej känt ännu"]
)
def test_parse_date_free_text(raw):
    assert v.parse_date(raw) == Parsed(None, raw, note="free text kept raw", ok=True)


@pytest.mark.parametrize("raw,start,end", [
    ("Q3 2025", "2025-07-01", "2025-09-30"),
    ("2025 Q3", "2025-07-01", "2025-09-30"),
    ("Kv4 2026", "2026-10-01", "2026-12-31"),
    ("T2 2026", "2026-05-01", "2026-08-31"),
    ("H1 2026", "2026-01-01", "2026-06-30"),
    ("ht 2025", "2025-07-01", "2025-12-31"),
    ("hösten 2025", "2025-07-01", "2025-12-31"),
    ("våren 2026", "2026-01-01", "2026-06-30"),
    ("VT 2026", "2026-01-01", "2026-06-30"),
    ("2025-W10", "2025-03-03", "2025-03-09"),
    ("v10 2025", "2025-03-03", "2025-03-09"),
    ("2025-W10-3", "2025-03-05", "2025-03-05"),
    ("februari 28 2025", "2025-02-28", "2025-02-28"),
])
def test_parse_date_periods_start_or_end(raw, start, end):
    """Quarters, tertials, halves, terms (vt January-June, ht July-December) and ISO weeks:
    the first day for a start field, the last for an end field; the raw text is kept."""
    assert (v.parse_date(raw).value, v.parse_date(raw, end_of_period=True).value) == (start, end)
    assert v.parse_date(raw).raw == raw


@pytest.mark.parametrize("raw,note", [
    ("februari 29 2025", "invalid date"),
    ("2025-03-10T25:00", "invalid time of day T25:00"),
    ("2025-W54", "no week 54 in 2025"),
    ("Någon gång 2027", "holds a year but is no date ea can read"),
])
def test_parse_date_not_a_date_is_a_warning(raw, note):
    """Never silently dropped nor truncated to a day: no value, ok=False (a ledger warning)."""
    assert v.parse_date(raw) == Parsed(None, raw, note=note, ok=False)


@pytest.mark.parametrize(
    "raw, note",
    [
        ("2023-13-45", "invalid date"),
        ("2023-02-30", "invalid date"),
        ("202313", "invalid month"),
        ("1/5/2023", "ambiguous day/month order: use YYYY-MM-DD"),
        ("31.12.2023", "ambiguous day/month order: use YYYY-MM-DD"),
        ("12345", "number is not a date"),
        ("1234567", "number is not a date"),
        ("0001", "year 1 out of range 1800-2200"),
        ("--/--", "not a date"),
        (-5, "number is not a date"),
        (3.5, "number is not a date"),
    ],
)
def test_parse_date_rejects(raw, note):
    got = v.parse_date(raw)
    assert got.value is None and not got.ok and got.note == note


@pytest.mark.parametrize("raw", BLANKS + ["-", ".", "?", "n/a", "Vet ej"])
def test_parse_date_blank(raw):
    assert v.parse_date(raw) == Parsed(None, None)


def test_parse_date_notes_what_was_assumed():
    assert v.parse_date("2019").note == "year only: first day of year"
    assert v.parse_date("2023-05", end_of_period=True).note == "month only: last day of month"
    assert v.parse_date(45047).note == "Excel serial date"


# --------------------------------------------------------------------------- booleans

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Ja", True), ("ja", True), ("JA", True), ("J", True), ("x", True), ("X", True),
        ("Yes", True), ("Y", True), ("True", True), ("Sant", True), ("1", True),
        ("Ja, delvis", True), ("Ja - genomförd 2023", True), (True, True), (1, True), (1.0, True),
        ("Nej", False), ("nej", False), ("N", False), ("No", False), ("False", False),
        ("Falskt", False), ("0", False), ("Nej, inte ännu", False), (False, False), (0, False),
    ],
)
def test_parse_bool(raw, expected):
    got = v.parse_bool(raw)
    assert got.value is expected and got.ok


@pytest.mark.parametrize("raw", ["Delvis", "Vet ej", "Vet inte", "Okänt", "-", ".", "?", "n/a"])
def test_parse_bool_unknown(raw):
    assert v.parse_bool(raw) == Parsed(None, raw, note="unknown", ok=True)


@pytest.mark.parametrize("raw", ["Kanske", "Jaha", "Nejdå", "2", 2, "Ibland"])
def test_parse_bool_rejects(raw):
    got = v.parse_bool(raw)
    assert got.value is None and not got.ok


@pytest.mark.parametrize("raw", BLANKS)
def test_parse_bool_blank(raw):
    assert v.parse_bool(raw) == Parsed(None, None)


# --------------------------------------------------------------------------- lifecycle

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Planerad", "planned"), ("planned", "planned"), ("Under upphandling", "planned"),
        ("Under införande", "implementing"), ("Under utveckling", "implementing"),
        ("UNDER INFORANDE", "implementing"), ("development", "implementing"),
        ("Pilot", "implementing"), ("experimental", "implementing"),
        ("Under aktiv vidareutveckling", "active"), ("Under förvaltning", "active"),
        ("I drift", "active"), ("Aktiv", "active"), ("Production", "active"),
        ("production", "active"), ("Drift", "active"), ("Förvaltning", "active"),
        ("live", "active"),
        ("Under avveckling", "phasing_out"), ("Föråldrad", "phasing_out"),
        ("Deprecated", "phasing_out"), ("Avvecklas", "phasing_out"),
        ("Systemet är under avveckling 2025", "phasing_out"), ("sunset", "phasing_out"),
        ("Phasing out", "phasing_out"), ("Planerad avveckling 2026", "phasing_out"),
        ("Avvecklad", "retired"), ("Avvecklad 2020", "retired"), ("Retired", "retired"),
        ("Ur drift", "retired"), ("decommissioned", "retired"), ("Inaktiv", "retired"),
        ("phasing_out", "phasing_out"),
    ],
)
def test_parse_lifecycle(raw, expected):
    assert v.parse_lifecycle(raw) == Parsed(expected, raw)


@pytest.mark.parametrize("raw", ["Ej i drift", "Blå", "42"])
def test_parse_lifecycle_rejects(raw):
    got = v.parse_lifecycle(raw)
    assert got.value is None and not got.ok and got.raw == raw


# ------------------------------------------------------------------------- criticality

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Helt verksamhetskritiskt", 4), ("Kritisk", 4), ("Mycket hög", 4), ("P1", 4),
        ("critical", 4), ("Verksamhetskritiskt - helt verksamhetskritiskt", 4),
        ("Till betydande del verksamhetskritiskt", 3), ("Hög", 3), ("high", 3), ("P2", 3),
        ("Till betydande del ej verksamhetskritiskt", 2), ("Medel", 2), ("medium", 2),
        ("P3", 2),
        ("Ej verksamhetskritiskt", 1), ("Inte verksamhetskritiskt", 1), ("Låg", 1),
        ("low", 1), ("P4", 1), ("Ej kritisk", 1),
        ("1", 1), ("2", 2), ("3", 3), ("4", 4), (4, 4), (2.0, 2),
        ("4 - Helt verksamhetskritiskt", 4),
    ],
)
def test_parse_criticality(raw, expected):
    got = v.parse_criticality(raw)
    assert got.value == expected and got.ok


@pytest.mark.parametrize(
    "raw, expected, note",
    [
        ("Ja", 3, "yes/no answer: 'Ja' read as 3 (business critical)"),
        ("Nej", 1, "yes/no answer: 'Nej' read as 1 (not business critical)"),
        ("Verksamhetskritiskt", 3, "'verksamhetskritisk' without a degree read as 3"),
        ("P1", 4, "priority number inverted: 1 = most critical (4)"),
        ("1 - Kritisk", 4, "digit 1 disagrees with the words; words used"),
    ],
)
def test_parse_criticality_notes(raw, expected, note):
    assert v.parse_criticality(raw) == Parsed(expected, raw, note=note)


@pytest.mark.parametrize("raw", ["5", "0", "Gul", "P7"])
def test_parse_criticality_rejects(raw):
    got = v.parse_criticality(raw)
    assert got.value is None and not got.ok


# ----------------------------------------------------------------------------- hosting

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Internt", "on_prem"), ("internt", "on_prem"), ("On-premise", "on_prem"),
        ("On prem", "on_prem"), ("Eget datacenter", "on_prem"), ("Egen drift", "on_prem"),
        ("Externt", "external"), ("Moln", "external"), ("SaaS", "external"),
        ("Cloud", "external"), ("Leverantör", "external"), ("Drivs externt", "external"),
        ("Hos leverantören", "external"),
        ("Hybrid", "hybrid"), ("on_prem", "on_prem"),
    ],
)
def test_parse_hosting(raw, expected):
    assert v.parse_hosting(raw) == Parsed(expected, raw)


def test_parse_hosting_both_is_hybrid():
    got = v.parse_hosting("Internt och externt")
    assert got.value == "hybrid" and "both" in got.note


@pytest.mark.parametrize("raw", ["Mars", "Internet"])
def test_parse_hosting_rejects(raw):
    assert not v.parse_hosting(raw).ok


# ----------------------------------------------------------------------------- levels

@pytest.mark.parametrize(
    "raw, expected, note",
    [
        ("Ingen", 0, None), ("Försumbar", 0, None), ("ingen eller försumbar", 0, None),
        ("Måttlig", 1, None), ("MATTLIG", 1, None), ("Betydande", 2, None),
        ("Allvarlig", 3, None), ("Synnerligen allvarlig", 4, None),
        ("Mycket allvarlig", 4, None),
        ("Låg", 1, "three-step name mapped"), ("Medel", 2, "three-step name mapped"),
        ("Hög", 3, "three-step name mapped"), ("Mycket hög", 4, "three-step name mapped"),
        ("2 - Betydande", 2, None), ("2 Betydande", 2, None),
        ("3 - Betydande", 2, "digit 3 disagrees with the name; name used"),
        ("K2", 2, "digit-only level; assumed scale 0-4"),
        ("R 3", 3, "digit-only level; assumed scale 0-4"),
        ("T:3", 3, "digit-only level; assumed scale 0-4"),
        ("Nivå 2", 2, "digit-only level; assumed scale 0-4"),
        ("0", 0, "digit-only level; assumed scale 0-4"),
        (4, 4, "digit-only level; assumed scale 0-4"),
    ],
)
def test_parse_level(raw, expected, note):
    assert v.parse_level(raw) == Parsed(expected, str(raw), note=note)


def test_parse_level_float_from_excel():
    assert v.parse_level(2.0) == Parsed(2, "2", note="digit-only level; assumed scale 0-4")


@pytest.mark.parametrize(
    "raw, scale, expected",
    [
        ("2", "0-4", 2), ("2", "1-4", 1), ("1", "1-4", 0), ("4", "1-4", 3), ("K3", "1-4", 2),
        ("3", {1: 0, 2: 1, 3: 3}, 3), ("3", {"3": 4}, 4),
        ("Betydande", "1-4", 2),  # names ignore the scale
    ],
)
def test_parse_level_with_scale(raw, scale, expected):
    got = v.parse_level(raw, scale=scale)
    assert got.value == expected and got.ok


def test_parse_level_scale_notes():
    assert v.parse_level("2", scale="0-4").note is None
    assert v.parse_level("2", scale="1-4").note == "scale 1-4: digit 2 read as 1"
    assert v.parse_level("2 - Betydande", scale="1-4").note == (
        "digit 2 disagrees with the name; name used")


@pytest.mark.parametrize(
    "raw, scale", [("5", None), ("0", "1-4"), ("5", "1-4"), ("12", None), ("9", {1: 0}),
                   ("Blå", None), ("2.5", None), (2.5, None), ("K2 R3", None)]
)
def test_parse_level_rejects(raw, scale):
    got = v.parse_level(raw, scale=scale)
    assert got.value is None and not got.ok


@pytest.mark.parametrize("raw", ["Ej klassad", "Ej klassat", "Inte bedömd", "Saknas"])
def test_parse_level_not_classified(raw):
    assert v.parse_level(raw) == Parsed(None, raw, note="not classified")


@pytest.mark.parametrize("raw", BLANKS + ["-", "?"])
def test_parse_level_blank(raw):
    assert v.parse_level(raw) == Parsed(None, None)


@pytest.mark.parametrize("scale", ["2-4", "0-9", "abc"])
def test_parse_level_bad_scale_is_a_config_error(scale):
    with pytest.raises(ValueError):
        v.parse_level("2", scale=scale)


# --------------------------------------------------------------- combined classification

def _levels(result):
    return {k: p.value for k, p in result.items()}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("K2 R3 T3", {"k": 2, "r": 3, "t": 3}),
        ("K2R3T3S1", {"k": 2, "r": 3, "t": 3, "s": 1}),
        ("k2 r3 t3", {"k": 2, "r": 3, "t": 3}),
        ("K:2, R:3, T:3", {"k": 2, "r": 3, "t": 3}),
        ("K=2 / R=3 / T=3", {"k": 2, "r": 3, "t": 3}),
        ("2-3-3", {"k": 2, "r": 3, "t": 3}),
        ("2-3-3-1", {"k": 2, "r": 3, "t": 3, "s": 1}),
        ("2/3/3", {"k": 2, "r": 3, "t": 3}),
        ("2, 3, 3", {"k": 2, "r": 3, "t": 3}),
        ("233", {"k": 2, "r": 3, "t": 3}),
        ("K: Betydande, R: Allvarlig", {"k": 2, "r": 3}),
        ("K: Betydande, R: Allvarlig, T: Synnerligen allvarlig", {"k": 2, "r": 3, "t": 4}),
        ("Konfidentialitet: 2, Tillgänglighet: 3", {"k": 2, "t": 3}),
        ("C2 I3 A1", {"k": 2, "r": 3, "t": 1}),
    ],
)
def test_parse_combined_classification(raw, expected):
    got = v.parse_combined_classification(raw)
    assert _levels(got) == expected
    assert all(p.ok for p in got.values())


def test_parse_combined_classification_uses_scale_and_notes_order():
    got = v.parse_combined_classification("2-3-3", scale="1-4")
    assert _levels(got) == {"k": 1, "r": 2, "t": 2}
    assert got["k"].note.startswith("unlabelled digits read in K-R-T order")
    assert v.parse_combined_classification("K2 R3 T3")["k"].note == (
        "digit-only level; assumed scale 0-4")


@pytest.mark.parametrize("raw", ["hej", "K2 K3", "2-3", "Klassning pågår", "K: R: 2"])
def test_parse_combined_classification_errors(raw):
    got = v.parse_combined_classification(raw)
    assert set(got) == {"_error"}
    assert got["_error"].raw == raw and not got["_error"].ok and got["_error"].note


def test_parse_combined_classification_bad_part_is_reported_in_place():
    got = v.parse_combined_classification("K2 R9 T3")
    assert got["k"].value == 2 and got["r"].ok is False and got["t"].value == 3


@pytest.mark.parametrize("raw", BLANKS + ["-"])
def test_parse_combined_classification_blank(raw):
    assert v.parse_combined_classification(raw) == {}


# ---------------------------------------------------------------------------- durations

@pytest.mark.parametrize(
    "raw, hours, note",
    [
        ("4 h", 4.0, None), ("4h", 4.0, None), ("4 tim", 4.0, None), ("4 timmar", 4.0, None),
        ("1 timme", 1.0, None), ("30 min", 0.5, None), ("90 minuter", 1.5, None),
        ("1 dygn", 24.0, None), ("2 dagar", 48.0, None), ("1 dag", 24.0, None),
        ("1 vecka", 168.0, None), ("2 veckor", 336.0, None), ("< 4 h", 4.0, None),
        ("Max 24 timmar", 24.0, None), ("Inom 2 dygn", 48.0, None), ("0,5 h", 0.5, None),
        ("1,5 dygn", 36.0, None), ("4 h (kontorstid)", 4.0, None),
        ("8", 8.0, "no unit: assumed hours"), (8, 8.0, "no unit: assumed hours"),
        (0.5, 0.5, "no unit: assumed hours"),
        ("4-8 h", 8.0, "range: upper bound used"),
        ("4 till 8 timmar", 8.0, "range: upper bound used"),
        ("30 min - 2 h", 2.0, "range: upper bound used"),
        ("1 månad", 720.0, "month read as 30 days"),
    ],
)
def test_parse_duration_hours(raw, hours, note):
    got = v.parse_duration_hours(raw)
    assert got.value == pytest.approx(hours) and got.note == note and got.ok


@pytest.mark.parametrize("raw", ["24/7", "Enligt avtal", "4 parsec", "-2", -2, "h"])
def test_parse_duration_hours_rejects(raw):
    got = v.parse_duration_hours(raw)
    assert got.value is None and not got.ok


# ---------------------------------------------------------------------- integration type

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("API", "api"), ("REST", "api"), ("REST API", "api"), ("SOAP", "api"),
        ("Webbtjänst", "api"), ("Web service", "api"),
        ("Fil", "file"), ("Filöverföring", "file"), ("SFTP", "file"), ("FTP", "file"),
        ("Batch", "file"), ("Batch via SFTP", "file"),
        ("Databas", "db"), ("DB", "db"), ("ODBC", "db"), ("Databaslänk", "db"),
        ("Meddelandekö", "mq"), ("MQ", "mq"), ("Kö", "mq"), ("JMS", "mq"), ("AMQP", "mq"),
        ("Event", "event"), ("Händelse", "event"), ("Kafka", "event"),
        ("Manuell", "manual"), ("Manuellt", "manual"), ("file", "file"),
    ],
)
def test_parse_integration_type(raw, expected):
    assert v.parse_integration_type(raw) == Parsed(expected, raw)


def test_parse_integration_type_riv_ta_and_other():
    assert v.parse_integration_type("RIV-TA") == Parsed("api", "RIV-TA", note="RIV-TA")
    got = v.parse_integration_type("Skrivare")
    assert got.value == "other" and got.ok and got.note


# --------------------------------------------------------------------------- frequency

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Realtid", "realtime"), ("direkt", "realtime"), ("Online", "realtime"),
        ("Timvis", "hourly"), ("Varje timme", "hourly"),
        ("Dagligen", "daily"), ("dagsvis", "daily"), ("Nattlig", "daily"),
        ("Varje natt", "daily"), ("En gång per dygn", "daily"),
        ("Veckovis", "weekly"), ("Månadsvis", "monthly"), ("Årsvis", "yearly"),
        ("Årligen", "yearly"), ("Vid behov", "on_demand"), ("Manuellt", "on_demand"),
        ("weekly", "weekly"),
    ],
)
def test_parse_frequency(raw, expected):
    assert v.parse_frequency(raw) == Parsed(expected, raw)


def test_parse_frequency_unknown_is_kept_raw():
    got = v.parse_frequency("Kvartalsvis")
    assert got.value is None and got.raw == "Kvartalsvis" and got.ok and got.note


# ------------------------------------------------------------------------------ people

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Anna Andersson <Anna.Andersson@region.se>",
         [("Anna Andersson", "anna.andersson@region.se")]),
        ("anna.andersson@region.se (Anna Andersson)",
         [("Anna Andersson", "anna.andersson@region.se")]),
        ("ANNA@X.SE", [(None, "anna@x.se")]),
        ("anna@x.se, bo@x.se", [(None, "anna@x.se"), (None, "bo@x.se")]),
        ("anna@x.se; bo@x.se", [(None, "anna@x.se"), (None, "bo@x.se")]),
        ("anna@x.se\nbo@x.se", [(None, "anna@x.se"), (None, "bo@x.se")]),
        ("anna@x.se bo@x.se", [(None, "anna@x.se"), (None, "bo@x.se")]),
        ("Andersson, Anna", [("Anna Andersson", None)]),
        ("Andersson, Anna; Berg, Bo", [("Anna Andersson", None), ("Bo Berg", None)]),
        ("Anna Andersson, Bo Berg", [("Anna Andersson", None), ("Bo Berg", None)]),
        ("Anna Andersson och Bo Berg", [("Anna Andersson", None), ("Bo Berg", None)]),
        ("Anna Andersson & Bo Berg", [("Anna Andersson", None), ("Bo Berg", None)]),
        ("Anna Andersson / Bo Berg", [("Anna Andersson", None), ("Bo Berg", None)]),
        ("Anna Andersson (IT-avd)", [("Anna Andersson", None)]),
        ("Bo Berg (IT, Ekonomi); Anna Andersson", [("Bo Berg", None),
                                                   ("Anna Andersson", None)]),
        ("Anna Andersson (IT-avd) <anna@x.se>", [("Anna Andersson", "anna@x.se")]),
        ("mailto:anna@x.se", [(None, "anna@x.se")]),
        ("Anna Andersson;; ;", [("Anna Andersson", None)]),
        ("Vakant; bo@x.se", [(None, "bo@x.se")]),
        ("Anna Andersson, vakant", [("Anna Andersson", None)]),
        ("Vakant", []), ("(vakant)", []), ("-", []), ("", []), (None, []),
    ],
)
def test_split_people(raw, expected):
    assert [(p.name, p.email) for p in v.split_people(raw)] == expected


def test_split_people_keeps_raw_parts():
    assert v.split_people("Anna Andersson <A@x.se>; bo@x.se") == [
        PersonRef("Anna Andersson", "a@x.se", "Anna Andersson <A@x.se>"),
        PersonRef(None, "bo@x.se", "bo@x.se"),
    ]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("vakant", True), ("Vakant", True), ("(vakant)", True), ("saknas", True),
        ("Ej tillsatt", True), ("Ingen", True), ("Ingen utsedd", True), ("TBD", True),
        ("Vacant", True), ("Under rekrytering", True), ("Vakant, TBD", True),
        ("-", False), ("", False), (None, False), ("Anna Andersson", False),
        ("Ingemar Berg", False), ("Vakant; bo@x.se", False), (float("nan"), False),
    ],
)
def test_is_vacant(raw, expected):
    assert v.is_vacant(raw) is expected


# ------------------------------------------------------------------- dependency cells

KNOWN = ["Raindance", "Trimbel NIS, TCN, DMS (SEE, SN)", "Heroma", "Heroma Web",
         "DMS (SEE, SN)", "Public 360"]


@pytest.fixture
def matcher():
    return NameMatcher(KNOWN)


def _deps(cell, matcher):
    return [(d.name, d.resolved,
             d.criticality.value if d.criticality else None,
             d.type.value if d.type else None)
            for d in v.parse_dependency_cell(cell, matcher)]


def test_dependency_cell_trimbel_example(matcher):
    cell = "Raindance: Hög (API), Trimbel NIS, TCN, DMS (SEE, SN): Medel (Fil), Heroma"
    assert v.parse_dependency_cell(cell, matcher) == [
        DepRef("Raindance", True, Parsed(3, "Hög"), Parsed("api", "API"), "Raindance: Hög (API)",
               (Parsed("api", "API"),)),
        DepRef("Trimbel NIS, TCN, DMS (SEE, SN)", True, Parsed(2, "Medel"),
               Parsed("file", "Fil"), "Trimbel NIS, TCN, DMS (SEE, SN): Medel (Fil)",
               (Parsed("file", "Fil"),)),
        DepRef("Heroma", True, None, None, "Heroma"),
    ]


@pytest.mark.parametrize(
    "cell, crit, types",
    [
        # the dependency's own criticality (DOMAIN.md's four phrases, Hög/Medel/Låg, digits)
        # and every integration type of the detail
        ("Heroma: Helt verksamhetskritiskt (API; Fil)", 4, ["api", "file"]),
        ("Heroma: Till betydande del verksamhetskritiskt (Fil)", 3, ["file"]),
        ("Heroma: Till betydande del ej verksamhetskritiskt (API, Databas)", 2, ["api", "db"]),
        ("Heroma: Ej verksamhetskritiskt", 1, []),
        ("Heroma (Fil/API): 3", 3, ["file", "api"]),
        ("Heroma: Låg (API; API)", 1, ["api"]),
        ("Okänt system (API; Fil): Medel", 2, ["api", "file"]),
    ],
)
def test_dependency_cell_keeps_criticality_and_every_type(cell, crit, types, matcher):
    (dep,) = v.parse_dependency_cell(cell, matcher)
    assert dep.criticality.value == crit
    assert [t.value for t in dep.types] == types
    assert (dep.type.value if dep.type else None) == (types[0] if types else None)


def test_name_matcher_grows_without_a_rebuild():
    m = NameMatcher(["Heroma"])
    assert m.match_at("Heroma Web: Hög", 0) is None
    m.add("Heroma Web")
    m.add("Heroma Web")
    assert len(m) == 2
    assert m.match_at("Heroma Web: Hög", 0) == "Heroma Web"
    assert m.match_at("Heroma, X", 0) == "Heroma"


@pytest.mark.parametrize(
    "cell, expected",
    [
        # a name with parentheses, then a type in parentheses
        ("DMS (SEE, SN) (API)", [("DMS (SEE, SN)", True, None, "api")]),
        ("DMS (SEE, SN) (API): Kritisk", [("DMS (SEE, SN)", True, 4, "api")]),
        # detail in either order
        ("Raindance (Fil): Låg", [("Raindance", True, 1, "file")]),
        # an unresolved name between two resolved ones
        ("Raindance, Okänt system: Medel (API), Heroma",
         [("Raindance", True, None, None), ("Okänt system", False, 2, "api"),
          ("Heroma", True, None, None)]),
        ("Raindance; Okänt system (Fil)\nHeroma",
         [("Raindance", True, None, None), ("Okänt system", False, None, "file"),
          ("Heroma", True, None, None)]),
        # an unresolved name containing parentheses and a comma
        ("Foo (A, B): Hög, Heroma", [("Foo (A, B)", False, 3, None),
                                     ("Heroma", True, None, None)]),
        # a name that is a prefix of another
        ("Heroma Web: Hög, Heroma", [("Heroma Web", True, 3, None),
                                     ("Heroma", True, None, None)]),
        ("Heroma Webb", [("Heroma Webb", False, None, None)]),
        # case variants are not matched
        ("heroma, RAINDANCE", [("heroma", False, None, None),
                               ("RAINDANCE", False, None, None)]),
        # irregular whitespace is normalised before matching
        ("  Public   360 :  Hög  ,,  Heroma ", [("Public 360", True, 3, None),
                                                ("Heroma", True, None, None)]),
        ("", []), (None, []), (" , ; ", []),
    ],
)
def test_dependency_cell(cell, expected, matcher):
    assert _deps(cell, matcher) == expected


def test_dependency_cell_unknown_parenthetical_after_known_name_is_flagged(matcher):
    (dep,) = v.parse_dependency_cell("Heroma (HR-systemet)", matcher)
    assert dep.name == "Heroma" and dep.resolved
    assert dep.type.value is None and not dep.type.ok


def test_dependency_cell_without_matcher():
    assert _deps("A: Hög, B (API)", None) == [("A", False, 3, None), ("B", False, None, "api")]


@pytest.mark.parametrize(
    "text, pos, expected",
    [
        ("Heroma Web: Hög", 0, "Heroma Web"),
        ("Heroma, X", 0, "Heroma"),
        ("Heroma (API)", 0, "Heroma"),
        ("Heroma  ;", 0, "Heroma"),
        ("Heroma", 0, "Heroma"),
        ("Heromat", 0, None),
        ("Heroma Webb", 0, None),
        ("X, Heroma", 3, "Heroma"),
        ("heroma", 0, None),
        ("", 0, None),
    ],
)
def test_match_at(matcher, text, pos, expected):
    assert matcher.match_at(text, pos) == expected


def test_name_matcher_short_names_and_original_spelling():
    m = NameMatcher(["AD", "X", "Public  360", "", None])
    assert m.match_at("AD: Hög", 0) == "AD"
    assert m.match_at("X", 0) == "X"
    assert m.match_at("Public 360", 0) == "Public  360"
    assert len(m) == 3 and "Public 360" in m


@pytest.mark.slow
def test_name_matcher_is_fast_with_100k_names():
    names = [f"System {i:06d} (Region, Förvaltning {i % 97})" for i in range(100_000)]
    names += KNOWN
    t0 = time.perf_counter()
    m = NameMatcher(names)
    cell = ", ".join(names[i] + ": Hög (API)" for i in range(0, 100_000, 1000)) + ", Okänt"
    deps = v.parse_dependency_cell(cell, m)
    elapsed = time.perf_counter() - t0
    assert len(deps) == 101 and sum(d.resolved for d in deps) == 100
    assert elapsed < 5, elapsed


# ------------------------------------------------------------------- property tests

CELLS = st.one_of(
    st.none(), st.text(), st.text(alphabet="0123456789-/.:, ()KRTSkrtsJjaNne<>@;\n"),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(),
)
PARSERS = [v.parse_date, v.parse_bool, v.parse_lifecycle, v.parse_criticality,
           v.parse_hosting, v.parse_level, v.parse_duration_hours, v.parse_integration_type,
           v.parse_frequency]


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_parsers_never_raise(value):
    for parser in PARSERS:
        got = parser(value)
        assert isinstance(got, Parsed)
        if got.value is None and got.raw is not None and got.ok is False:
            assert got.note  # a failure always says why
    assert isinstance(v.parse_date(value, end_of_period=True), Parsed)
    combined = v.parse_combined_classification(value)
    assert isinstance(combined, dict) and set(combined) <= {"k", "r", "t", "s", "_error"}
    assert isinstance(v.split_people(value), list)
    assert isinstance(v.is_vacant(value), bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ABab ,;:()\n") + ["Heroma", "API", "Hög"]))
       .map("".join))
def test_dependency_cell_never_raises(text):
    deps = v.parse_dependency_cell(text, NameMatcher(KNOWN + ["A", "A (B)", "a, b"]))
    for dep in deps:
        assert dep.name and dep.raw
        assert dep.resolved == (dep.name in KNOWN + ["A", "A (B)", "a, b"])


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_iso_dates_round_trip(d):
    for raw in (d.isoformat(), d.strftime("%Y%m%d"), d.strftime("%Y/%m/%d"), d,
                dt.datetime.combine(d, dt.time(12, 30))):
        assert v.parse_date(raw).value == d.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=20000, max_value=80000))
def test_excel_serials(n):
    expected = (dt.date(1899, 12, 30) + dt.timedelta(days=n)).isoformat()
    assert v.parse_date(n).value == expected == v.parse_date(str(n)).value


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_bare_numbers_are_hours(x):
    got = v.parse_duration_hours(x)
    assert math.isclose(got.value, x) and got.note == "no unit: assumed hours"


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.se", fullmatch=True),
                min_size=1, max_size=5), st.sampled_from([", ", "; ", "\n", " och "]))
def test_email_lists_split(emails, sep):
    got = v.split_people(sep.join(e.upper() for e in emails))
    assert [p.email for p in got] == emails


def test_an_address_is_never_a_vacancy_marker():
    # "n.n" is the vacancy marker N.N., but "n.n@aa.se" is a person's address
    assert [(p.name, p.email) for p in v.split_people("n.n@aa.se")] == [(None, "n.n@aa.se")]
    assert v.split_people("N.N.") == []
    assert not v.is_vacant("n.n@aa.se") and v.is_vacant("N.N")
