"""The board pack's words: they live in :mod:`ea.i18n`, the one catalogue every
human-facing output (terminal, xlsx, md, board pack) reads. Kept as a name so the board pack
modules read ``L.words(lang)``, ``L.column``, ``L.code``, ``L.severity``, ``L.report``."""

from __future__ import annotations

from ea.i18n import (  # noqa: F401 (re-exported)
    CODES,
    COLUMN_LABEL,
    LABELS,
    PERCENT,
    REPORTS,
    code,
    column,
    report,
    severity,
    words,
)
