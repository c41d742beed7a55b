"""Pure parsers for the values found in Swedish IT-landscape exports.

The parsers live in one module per kind of cell: :mod:`._base` (:class:`Parsed`, text helpers),
:mod:`.dates`, :mod:`.enums` (booleans, continuity, lifecycle, criticality, hosting), :mod:`.levels`
(KLASSA), :mod:`.integration` (durations, integration type, frequency), :mod:`.people` and
:mod:`.deps` (dependency cells, :class:`NameMatcher`). Import them from here:
``from ea.importers import values as V``.

Every parser takes one cell (``str``, number, ``datetime``/``date``, ``None`` or NaN) and
returns a :class:`Parsed`: the canonical value, the raw text, a note saying what was assumed
or why nothing was understood, and ``ok`` (``False`` when a non-blank cell could not be
understood; the importer turns that into a warning with file, line and column). Nothing here
reads files, prints or raises on bad data.

Parsers, with examples (raw → value):

``parse_date(value, *, end_of_period=False)``
    ``2023-05-01``, ``2023-05-01 00:00:00``, ``2023/05/01``, ``2023.05.01``, ``20230501``,
    ``datetime(2023, 5, 1)`` → ``"2023-05-01"``; ``2023-05``, ``202305``, ``maj 2023`` →
    ``"2023-05-01"`` (``"2023-05-31"`` with ``end_of_period``); ``2019`` → ``"2019-01-01"``
    (``"2019-12-31"``); Excel serial ``45047`` → ``"2023-05-01"``; ``9999``, ``9999-12-31`` →
    None, note "sentinel year 9999: no date"; ``Tills vidare`` → None, note "free text kept
    raw" (ok); ``1/5/2023`` → None, not ok (day/month order ambiguous); ``2023-13-45`` → not ok.
``parse_bool(value)``
    ``Ja``, ``x``, ``Yes``, ``Sant``, ``1``, ``Ja, delvis`` → True; ``Nej``, ``No``, ``0`` → False;
    ``Delvis``, ``Vet ej``, ``-``, ``.`` → None, note "unknown" (ok); ``Kanske`` → not ok.
``parse_lifecycle(value)``
    ``Planerad`` → ``planned``; ``Under införande``, ``pilot``, ``experimental`` →
    ``implementing``; ``I drift``, ``Under aktiv vidareutveckling``, ``production`` → ``active``;
    ``Systemet är under avveckling 2025``, ``Deprecated`` → ``phasing_out``; ``Avvecklad``,
    ``Ur drift`` → ``retired``.
``parse_criticality(value)``
    ``Helt verksamhetskritiskt``, ``Kritisk``, ``P1`` → 4; ``Till betydande del
    verksamhetskritiskt``, ``Hög``, ``P2`` → 3; ``Till betydande del ej verksamhetskritiskt``,
    ``Medel``, ``P3`` → 2; ``Ej verksamhetskritiskt``, ``Låg``, ``P4`` → 1; ``3`` → 3;
    ``Ja`` → 3 and ``Nej`` → 1 (with a note: a yes/no answer carries no degree).
``parse_hosting(value)``
    ``Internt``, ``On-premise``, ``Eget datacenter`` → ``on_prem``; ``Externt``, ``Moln``,
    ``SaaS`` → ``external``; ``Hybrid``, ``Internt och externt`` → ``hybrid``.
``parse_level(value, *, scale=None)``
    One KLASSA/MSB level on the canonical 0–4 scale. ``Försumbar`` → 0, ``Måttlig`` → 1,
    ``Betydande`` → 2, ``Allvarlig`` → 3, ``Synnerligen allvarlig`` → 4; three-step names
    ``Låg``/``Medel``/``Hög``/``Mycket hög`` → 1/2/3/4 (noted); ``K2``, ``T:3``, ``Nivå 2``,
    ``2 - Betydande`` (the name wins); bare digits need ``scale`` (``"0-4"``, ``"1-4"``, a dict),
    else are read as 0–4 with a note.
``parse_combined_classification(value, *, scale=None)``
    ``K2 R3 T3``, ``K2R3T3S1``, ``K:2, R:3, T:3``, ``K=2 / R=3 / T=3``, ``2-3-3``, ``2/3/3/1``,
    ``K: Betydande, R: Allvarlig`` → ``{"k": Parsed(2, ...), "r": Parsed(3, ...), ...}``;
    unparseable → ``{"_error": Parsed(None, raw, note=..., ok=False)}``.
``parse_duration_hours(value)``
    ``4 h``, ``4 tim``, ``< 4 timmar``, ``Max 24 timmar`` → 4.0/24.0; ``30 min`` → 0.5;
    ``1 dygn`` → 24.0; ``2 dagar`` → 48.0; ``1 vecka`` → 168.0; ``0,5 h`` → 0.5; ``8`` → 8.0
    (note "no unit: assumed hours"); ``4-8 h`` → 8.0 (upper bound, noted).
``parse_integration_type(value)``
    ``REST``, ``SOAP``, ``Webbtjänst`` → ``api``; ``RIV-TA`` → ``api`` (note "RIV-TA"); ``Fil``,
    ``SFTP``, ``Batch`` → ``file``; ``Databaslänk``, ``ODBC`` → ``db``; ``Meddelandekö``,
    ``JMS`` → ``mq``; ``Kafka``, ``Händelse`` → ``event``; ``Manuell`` → ``manual``;
    anything else → ``other`` (ok, noted).
``parse_frequency(value)``
    ``Realtid``, ``online`` → ``realtime``; ``Varje timme`` → ``hourly``; ``Dagligen``,
    ``Varje natt`` → ``daily``; ``Veckovis`` → ``weekly``; ``Månadsvis`` → ``monthly``;
    ``Årligen`` → ``yearly``; ``Vid behov`` → ``on_demand``; unknown → None (ok, noted).
``split_people(value)``
    ``"Anna Andersson <Anna.Andersson@region.se>; bo@x.se"`` → two :class:`PersonRef`;
    ``"Andersson, Anna"`` → one person "Anna Andersson"; ``"Anna Andersson (IT-avd)"`` →
    name "Anna Andersson"; vacancy markers are dropped.
``is_vacant(value)``
    ``Vakant``, ``(vakant)``, ``Saknas``, ``Ej tillsatt``, ``Ingen``, ``TBD``, ``Under
    rekrytering`` → True; ``-`` and blank → False (unknown, not vacant).
``parse_dependency_cell(value, matcher)`` with :class:`NameMatcher`
    ``"Raindance: Hög (API), Trimbel NIS, TCN, DMS (SEE, SN): Medel (Fil), Heroma"`` →
    three :class:`DepRef` when those names are known: system names may contain commas and
    parentheses, so entries are found by longest known-name match, never by splitting.
"""

from __future__ import annotations

from ea.importers.values._base import BLANK as BLANK
from ea.importers.values._base import Parsed
from ea.importers.values.dates import parse_date
from ea.importers.values.deps import (
    DepRef,
    NameMatcher,
    parse_dependency_cell,
    parse_integration_types,
)
from ea.importers.values.enums import _LIFECYCLE_CANON as _LIFECYCLE_CANON
from ea.importers.values.enums import (
    parse_bool,
    parse_continuity,
    parse_criticality,
    parse_hosting,
    parse_lifecycle,
)
from ea.importers.values.integration import (
    parse_duration_hours,
    parse_frequency,
    parse_integration_type,
)
from ea.importers.values.levels import parse_combined_classification, parse_level
from ea.importers.values.people import PersonRef, is_vacant, split_people

__all__ = [
    "DepRef",
    "NameMatcher",
    "Parsed",
    "PersonRef",
    "is_vacant",
    "parse_bool",
    "parse_continuity",
    "parse_combined_classification",
    "parse_criticality",
    "parse_date",
    "parse_dependency_cell",
    "parse_integration_types",
    "parse_duration_hours",
    "parse_frequency",
    "parse_hosting",
    "parse_integration_type",
    "parse_level",
    "parse_lifecycle",
    "split_people",
]

