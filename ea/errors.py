"""Typed errors. Library code raises these; the CLI turns them into one clear line."""


class EaError(Exception):
    """Base class of every expected failure: the message is meant for the person."""


class InputError(EaError):
    """An input file cannot be read or understood. The message names the file (and line)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        where = file or ""
        if file and line:
            where = f"{file}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class SnapshotError(EaError):
    """A snapshot file is missing, from another tool, or from a newer version of ea."""


class ConfigError(EaError):
    """The YAML configuration is invalid."""


class QueryError(EaError):
    """A query was asked something it cannot answer (unknown system, bad parameter)."""


class WriteError(EaError):
    """A file cannot be written (full disk, read-only, locked by another run). The message
    names the file asked for, never a temporary file."""
