"""Imports go one way (issue 13; docs/code.md): every module of ea imports, and no module
imports one of a layer it must not know. Lazy imports inside functions count too: the test
reads every import statement of every module, not only what importing it ran.

Layers (the installed names; ``importers/`` is ``ea.importers``, ``queries/`` is
``ea.queries``):

- model: ``ea.schema``, ``ea.landscape``, ``ea.errors``, ``ea.config``, ``ea.atomic``,
  ``ea.cells``, ``ea.memory`` - knows nothing above it;
- derived facts: ``ea.derived`` - the model only;
- importers: ``ea.importers`` - never outputs, queries, the store or commands;
- queries: ``ea.queries`` - never importers, outputs or commands;
- store: ``ea.store`` - never queries, outputs or commands (it may read the import ledger's
  format, ``ea.importers.ledger``);
- outputs: ``ea.output``, ``ea.terminal``, ``ea.views``, ``ea.export``, ``ea.maps`` - never
  importers or commands, and of the queries only the package's public names;
- commands: ``ea.cli``, ``ea.commands`` - may use everything; nothing uses them.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import ea
import ea.importers
import ea.queries

OUTPUTS = ("ea.output", "ea.terminal", "ea.views", "ea.export", "ea.maps", "ea.boardpack")
COMMANDS = ("ea.cli", "ea.commands")
MODEL = ("ea.schema", "ea.landscape", "ea.errors", "ea.config", "ea.atomic", "ea.cells",
         "ea.memory")

#: layer -> the layers it must not import
FORBIDDEN = {
    "ea.derived": ("ea.importers", "ea.queries", "ea.store", *OUTPUTS, *COMMANDS,
                   "ea.demo", "ea.privacy"),
    "ea.importers": ("ea.queries", "ea.store", "ea.derived", *OUTPUTS, *COMMANDS),
    "ea.queries": ("ea.importers", *OUTPUTS, *COMMANDS),
    "ea.store": ("ea.queries", *OUTPUTS, *COMMANDS),
    **{o: ("ea.importers", *COMMANDS) for o in OUTPUTS},
    **{m: ("ea.importers", "ea.queries", "ea.store", "ea.derived", *OUTPUTS, *COMMANDS)
       for m in MODEL},
}


def _modules() -> list[str]:
    names = {"ea"}
    for pkg in (ea, ea.importers, ea.queries):
        names.add(pkg.__name__)
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            names.add(info.name)
    return sorted(names)


MODULES = _modules()


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _imports(module) -> set[str]:
    """Every module name an import statement of ``module`` names (relative ones resolved;
    ``from X import y`` gives X and X.y, as y may be a module)."""
    source = Path(module.__file__).read_text(encoding="utf-8")
    package = module.__name__ if module.__file__.endswith("__init__.py") else \
        module.__name__.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                root = ".".join(base + ([node.module] if node.module else []))
            else:
                root = node.module or ""
            out.add(root)
            out.update(f"{root}.{a.name}" for a in node.names)
    return {n for n in out if n == "ea" or n.startswith("ea.")}


def test_every_module_is_covered():
    assert {"ea.derived.roles", "ea.importers.tabular", "ea.queries.orphans", "ea.store.neo4j",
            "ea.maps", "ea.commands.core"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_imports_go_one_way(name):
    module = importlib.import_module(name)  # every module imports without a service
    layer = next((p for p in FORBIDDEN if _within(name, p)), None)
    if layer is None:
        return
    bad = sorted(i for i in _imports(module)
                 if any(_within(i, f) for f in FORBIDDEN[layer]) and not _within(i, layer))
    assert bad == [], f"{name} ({layer}) must not import {bad}"


def test_outputs_use_only_the_public_names_of_the_queries():
    for name in MODULES:
        if not any(_within(name, o) for o in OUTPUTS):
            continue
        private = sorted(i for i in _imports(importlib.import_module(name))
                         if _within(i, "ea.queries") and "._" in i)
        assert private == [], f"{name} imports queries' internals {private}"
