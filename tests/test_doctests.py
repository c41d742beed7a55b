"""Every module's doctests run with the tests (issue 13, point 6).

``importers/`` and ``queries/`` are installed as ``ea.importers`` and ``ea.queries`` (see
setup.cfg), so the doctests run on the modules as the installed package names them: pytest's
``--doctest-modules`` on the source folders would import each of those modules a second time
under another name (``queries.orphans`` beside ``ea.queries.orphans``), with a second query
registry. No module needs a service at import; one that did would be listed in
:data:`NEEDS_SERVICES` and skipped here, never silently.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ea
import ea.importers
import ea.queries

#: Modules whose import needs a running service (none today).
NEEDS_SERVICES: frozenset[str] = frozenset()


def _modules() -> list[str]:
    names = ["ea"]
    for pkg in (ea, ea.importers, ea.queries):
        names.append(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            names.append(info.name)
    return sorted(set(n for n in names if n not in NEEDS_SERVICES and not n.endswith("__main__")))


MODULES = _modules()


def test_the_three_folders_are_covered():
    assert {"ea.importers.values", "ea.queries.orphans", "ea.derived.lifecycle",
            "ea.maps"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]
    for t in tests:
        runner.run(t, out=lambda _s: None)
    failed, attempted = runner.summarize(verbose=False)
    if failed:
        # run again, printing the failures, so the report shows what differs
        report: list[str] = []
        runner = doctest.DocTestRunner(
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        for t in finder.find(module, name):  # fresh: a run clears its globals
            if t.examples:
                runner.run(t, out=report.append)
        pytest.fail(f"{failed} of {attempted} doctest examples failed in {name}:\n"
                    + "".join(report))
