"""Pytest fixtures for a real Neo4j 5.26 server (see docs/neo4j-test-server.md).

Use from a conftest with ``from tests.neo4j_fixture import *`` or
``pytest_plugins = ["tests.neo4j_fixture"]``.

``neo4j_server`` (session) finds a server, in this order:

1. ``NEO4J_URI`` set: that server, with ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``.
2. ``.neo4j/uri`` written by ``scripts/neo4j-test-server.sh start`` and the server answers: reuse it
   (it is left running; whoever started it stops it).
3. Otherwise start one with the script and stop it when the session ends.

``neo4j_driver`` / ``clean_neo4j`` (function) give a driver to an emptied database: no nodes,
relationships, constraints or indexes (the built-in token lookup indexes stay).

The ``neo4j`` package is imported lazily, so importing this module never fails without it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

# Fixtures must all be exported (``import *``), including the private session driver they share.
__all__ = [
    "Neo4jServer",
    "neo4j_server",
    "neo4j_driver",
    "clean_neo4j",
    "wipe_database",
    "_neo4j_session_driver",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = REPO_ROOT / ".neo4j"
SCRIPT = REPO_ROOT / "scripts" / "neo4j-test-server.sh"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "ea-test-password"  # the script's default; a throwaway local test server
START_TIMEOUT_S = 900  # a cold Maven build plus a 180 s start, with room to spare


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str = "neo4j"
    started_here: bool = False

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __getitem__(self, key: str) -> Any:  # so ``server["uri"]`` works as well
        return getattr(self, key)

    def cli_env(self) -> dict[str, str]:
        """The environment that points ``ea`` (run by click's CliRunner) at this server, with
        no ea.yaml and no backend of the caller's."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password,
                "NEO4J_DATABASE": self.database, "EA_CONFIG": "", "EA_BACKEND": ""}

    def driver(self, **kwargs: Any):
        """A new driver for this server; the caller closes it."""
        from neo4j import GraphDatabase

        return GraphDatabase.driver(self.uri, auth=self.auth, **kwargs)


def _read(name: str) -> str | None:
    try:
        text = (STATE_DIR / name).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def _answers(server: Neo4jServer) -> bool:
    """True when the server accepts a Bolt login with the server's credentials."""
    try:
        with server.driver(connection_timeout=5, max_connection_lifetime=60) as driver:
            driver.verify_connectivity()
        return True
    except Exception:
        return False


def _script(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), command],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )


def _from_state_dir(started_here: bool = False) -> Neo4jServer | None:
    uri = _read("uri")
    if uri is None:
        return None
    return Neo4jServer(
        uri=uri,
        user=_read("user") or os.environ.get("NEO4J_TEST_USER") or DEFAULT_USER,
        password=_read("password") or os.environ.get("NEO4J_TEST_PASSWORD") or DEFAULT_PASSWORD,
        started_here=started_here,
    )


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        server = Neo4jServer(
            uri=uri,
            user=os.environ.get("NEO4J_USER", DEFAULT_USER),
            password=os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
        if not _answers(server):
            pytest.fail(
                f"NEO4J_URI={uri} is set but that server does not accept a login as {server.user}"
            )
        yield server
        return

    existing = _from_state_dir()
    if existing is not None and _answers(existing):
        yield existing
        return

    pid_before = _read("pid")
    # The server watches this process, so a killed test run does not leave it behind.
    result = _script("start", NEO4J_TEST_WATCH_PID=str(os.getpid()))
    if result.returncode != 0:
        pytest.fail(
            "could not start the Neo4j test server with "
            f"`bash {SCRIPT.relative_to(REPO_ROOT)} start`:\n{result.stdout}",
            pytrace=False,
        )
    pid_after = _read("pid")
    server = _from_state_dir(started_here=pid_after is not None and pid_after != pid_before)
    if server is None or not _answers(server):
        pytest.fail(
            f"the Neo4j test server started but does not answer:\n{result.stdout}", pytrace=False
        )
    try:
        yield server
    finally:
        if server.started_here:
            _script("stop")


def wipe_database(driver: Any, database: str = "neo4j") -> None:
    """Delete all data, constraints and indexes (but not the built-in token lookup indexes)."""

    def quote(name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    for record in records:
        driver.execute_query(
            f"DROP CONSTRAINT {quote(record['name'])} IF EXISTS", database_=database
        )
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=database
    )
    for record in records:
        driver.execute_query(f"DROP INDEX {quote(record['name'])} IF EXISTS", database_=database)


@pytest.fixture(scope="session")
def _neo4j_session_driver(neo4j_server: Neo4jServer) -> Iterator[Any]:
    driver = neo4j_server.driver()
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_driver(neo4j_server: Neo4jServer, _neo4j_session_driver: Any) -> Any:
    """A driver (shared for the session; do not close it) to an emptied database."""
    wipe_database(_neo4j_session_driver, neo4j_server.database)
    return _neo4j_session_driver


@pytest.fixture
def clean_neo4j(neo4j_driver: Any) -> Any:
    """Same as ``neo4j_driver``: an emptied database, reached through the returned driver."""
    return neo4j_driver
