"""Synthetic "Region Exempelland": the files a Swedish region really exports, plus ground truth.

:func:`generate` writes five files into a directory, messy in the ways real exports are messy
(see ``/work/shared/DOMAIN.md``), and returns a :class:`DemoFiles` describing what was planted so
tests and demos can check the importers and queries against known answers.

=========================  ===================================================================
file                       what it is
=========================  ===================================================================
``systemforteckning.xlsx`` the system inventory (sheet ``Systemförteckning``) and a sheet
                           ``Nationella tjänster`` with the national services (external)
``integrationer.csv``      integrations in the direction data flows; Windows-1252, ``;``, CRLF
``roller.csv``             pm3 roles per förvaltningsobjekt; UTF-8 with BOM, ``;``, CRLF
``personal.csv``           HR/directory export of every role holder; UTF-8, ``,``
``lisa.xlsx``              classification/SLA register (sheet ``Klassning``), LISA style
=========================  ===================================================================

Everything is invented: the region, places, people (common Swedish first and last names
combined at random; e-mails ``fornamn.efternamn@exempelland.se``). Product and vendor names are
the real products Swedish regions use. The output is deterministic: the same ``(size, seed)``
gives byte-identical files (fixed xlsx metadata and zip timestamps).

The package is split along its seams: :mod:`ea.demo.vocabulary` (names, products, value
vocabularies), :mod:`ea.demo.generation` with :mod:`ea.demo.relations` (building the region in
memory), :mod:`ea.demo.writing` with :mod:`ea.demo.xlsx` (writing the files) and
:mod:`ea.demo.records` (what is returned, and the ground truth). :mod:`ea.demo.country` builds a
whole country of regions and municipalities from the same parts (``ea demo --country``).

Examples
--------
>>> import tempfile
>>> from ea.demo import generate
>>> demo = generate(tempfile.mkdtemp(), size=60, seed=1)
>>> demo.n_systems, len(demo.national_services)
(60, 11)
"""

from __future__ import annotations

import os
from pathlib import Path

from ea.demo.country import MIN_COUNTRY_SIZE, generate_country
from ea.demo.generation import Gen
from ea.demo.records import CountryFiles, DemoFiles, MessyCell, ground_truth
from ea.demo.vocabulary import *  # noqa: F403 - the vocabulary is part of the public API
from ea.demo.vocabulary import (
    AS_OF,
    INTEGRATIONS_FILE,
    LISA_FILE,
    MIN_SIZE,
    PEOPLE_FILE,
    ROLES_FILE,
    SYSTEMS_FILE,
)
from ea.memory import collector_paused

__all__ = ["AS_OF", "MIN_COUNTRY_SIZE", "MIN_SIZE", "CountryFiles", "DemoFiles", "MessyCell",
           "generate", "generate_country"]


def generate(out_dir: str | os.PathLike, *, size: int = 300, seed: int = 7,
             integrations_per_system: float = 2.5, progress=None) -> DemoFiles:
    """Write a synthetic Region Exempelland into ``out_dir`` and return what was planted.

    Parameters
    ----------
    out_dir
        Directory to write into; created if missing. Existing demo files are overwritten.
    size
        Number of systems in the inventory sheet (national services come on top), at least
        :data:`MIN_SIZE`.
    seed
        Seed of the random generator; the same ``(size, seed)`` gives byte-identical files.
    integrations_per_system
        Integrations per system, counted once per integration (each has two ends, so 2.5
        means about five integration ends per system). The benchmark uses 5.0 for the
        "10,000 systems / 50,000 integrations" region of issue 8.
    progress
        Optional ``progress("generating the region", step, steps)`` after each step of
        building and writing; nothing is printed here.

    Returns
    -------
    DemoFiles
        The written paths and the ground truth (counts, names of unowned systems, hubs,
        ageing systems, planted messy cells and where they are).

    Examples
    --------
    >>> import tempfile
    >>> demo = generate(tempfile.mkdtemp(), size=50)
    >>> demo.n_systems
    50
    """
    if size < MIN_SIZE:
        raise ValueError(f"size must be at least {MIN_SIZE} (got {size})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # Millions of small, acyclic objects: the cyclic GC only costs time here (~30 % at 100k).
    with collector_paused():
        return _generate(out, size, seed, integrations_per_system, progress)


def _generate(out: Path, size: int, seed: int, integrations_per_system: float = 2.5,
              progress=None) -> DemoFiles:
    g = Gen(size, seed, integrations_per_system)
    paths = {name: out / name for name in (SYSTEMS_FILE, INTEGRATIONS_FILE, ROLES_FILE,
                                           PEOPLE_FILE, LISA_FILE)}
    steps = [g.build_systems, g.build_objects, g.build_roles, g.build_lifecycle,
             g.build_dependencies, g.build_integrations,
             lambda: g.write_systems(paths[SYSTEMS_FILE]),
             lambda: g.write_integrations(paths[INTEGRATIONS_FILE]),
             lambda: g.write_roles(paths[ROLES_FILE]),
             lambda: g.write_people(paths[PEOPLE_FILE]),
             lambda: g.write_lisa(paths[LISA_FILE])]
    for i, run in enumerate(steps):
        if progress:
            progress("generating the region", i, len(steps))
        run()
    if progress:
        progress("generating the region", len(steps), len(steps))

    return ground_truth(g, out, paths, size, seed)
