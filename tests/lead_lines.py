"""The sentences a report prints before its tables (``lead`` in ea/terminal.py), read back
whole: the terminal output wraps each between words, continuation lines indented by two
spaces."""

from __future__ import annotations


def lead_lines(output: str) -> list[str]:
    """The lead sentences of a report's terminal ``output``, one string each, unwrapped."""
    out: list[str] = []
    for line in output.split("\n\n", 1)[0].splitlines():
        if line.startswith("  ") and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out
