"""Shared fixtures. Tests pin dates with AS_OF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

AS_OF = dt.date(2026, 11, 25)
DATA = Path(__file__).parent / "data"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def as_of() -> dt.date:
    return AS_OF
