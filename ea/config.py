"""One YAML file for what differs between organisations.

Found as ``--config FILE``, else ``$EA_CONFIG``, else ``./ea.yaml`` when it exists; without one
the defaults apply. Read with ``yaml.safe_load`` only. Sections (all optional):

.. code-block:: yaml

    landscape: landscape.json          # default snapshot path for every command
    as_of: 2026-11-25                  # pin "today" for date-dependent queries
    header_aliases:                    # extra header names per canonical field
      name: [Tjänst]
      object_owner: [Ansvarig chef]    # role columns are keyed by role
    role_aliases:                      # extra role titles (in role lists)
      it_manager: [Applikationsansvarig]
    dependency_columns:                # how a dependency column of an inventory is read:
      Beroende till: to                #   to   = this row -> listed system (the default here)
      Beroende från: from              #   from = listed system -> this row (also Beroende av)
    system_aliases:                    # accept a near-miss name: "as written" -> "known name"
      Take Care: TakeCare
    classification_scale: 0-4          # digit-only K/R/T/S: "0-4", "1-4" or {1: 0, 2: 1, ...}
    external_organisations: [Inera]    # systems owned by these are external
    orphans: {mandatory_roles: [object_owner, business_manager, it_manager]}

Each query documents its own section; :meth:`Config.section` returns it with defaults merged.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ea.errors import ConfigError

DEFAULT_FILE = "ea.yaml"


@dataclass
class Config:
    data: dict = field(default_factory=dict)
    path: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        """A top-level key, or a dotted path such as ``"orphans.mandatory_roles"``."""
        cur: Any = self.data
        for part in key.split("."):
            if not isinstance(cur, dict) or part not in cur:
                return default
            cur = cur[part]
        return cur

    def section(self, name: str, defaults: dict | None = None) -> dict:
        """The section ``name`` with ``defaults`` filled in for missing keys."""
        sec = self.data.get(name) or {}
        if not isinstance(sec, dict):
            raise ConfigError(f"{self.path or 'config'}: '{name}' must be a mapping")
        return {**(defaults or {}), **sec}

    @property
    def as_of(self) -> _dt.date | None:
        v = self.data.get("as_of")
        if v is None:
            return None
        return parse_as_of(v, where=self.path or "config")


def parse_as_of(value: Any, *, where: str = "--as-of") -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"{where}: '{value}' is not a date (use YYYY-MM-DD)") from None


def load(path: str | os.PathLike | None = None) -> Config:
    """Load the config from ``path``, ``$EA_CONFIG`` or ``./ea.yaml``; defaults if none."""
    if path is None:
        path = os.environ.get("EA_CONFIG") or (DEFAULT_FILE if Path(DEFAULT_FILE).exists() else None)
    if path is None:
        return Config()
    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{p}: config file not found")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc.__class__.__name__
        raise ConfigError(f"{p}{line}: invalid YAML ({problem})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: not UTF-8 text") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping of settings at the top level")
    return Config(data=data, path=str(p))
