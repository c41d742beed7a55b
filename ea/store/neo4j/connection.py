"""Connection to a Neo4j 5 server, and its failures as one clear line.

:func:`settings` reads ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``,
``NEO4J_TIMEOUT`` from the environment, else the ``neo4j:`` section of ``ea.yaml`` (``uri``,
``user``, ``password``, ``database``, ``timeout``). The password is never printed, logged or put
in an error message.

Every failure of the server or the connection is a :class:`Neo4jStoreError` with one line that
says what is wrong (nothing listening, no answer in time, login refused, no such database,
connection lost) and where (URI, database, user; never the password). ``timeout`` (seconds,
default 20) bounds connecting, the Bolt handshake, waiting for a connection and retrying a
transaction after a transient error, so nothing hangs on a server that does not answer.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ea.errors import EaError

Progress = Callable[[str, int, int], None]
#: Seconds for connecting, the handshake, acquiring a connection and retrying a transaction.
TIMEOUT = 20.0
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# The driver logs connection failures as warnings; with no handler configured Python would print
# them on stderr next to ea's own one-line error. Whoever configures logging still gets them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jStoreError(EaError):
    """The Neo4j server cannot be reached, refused the login, or a write failed."""


# --------------------------------------------------------------------------- connection
@dataclass(frozen=True)
class Settings:
    """Where the Neo4j server is. ``repr`` and ``str`` never show the password."""

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"
    timeout: float = TIMEOUT

    def describe(self) -> str:
        return f"{self.uri} (database {self.database}, user {self.user})"


def settings(config=None, **override: Any) -> Settings:
    """Connection settings: ``override`` first, then ``NEO4J_*`` environment variables, then
    the ``neo4j:`` section of the config, then the defaults."""
    sec = config.section("neo4j", {}) if config is not None else {}
    env = {"uri": "NEO4J_URI", "user": "NEO4J_USER", "password": "NEO4J_PASSWORD",
           "database": "NEO4J_DATABASE", "timeout": "NEO4J_TIMEOUT"}
    values: dict[str, Any] = {}
    for name, var in env.items():
        v = override.get(name)
        if v is None:
            v = os.environ.get(var) or sec.get(name)
        if v is not None:
            values[name] = str(v)
    if "timeout" in values:
        try:
            values["timeout"] = float(values["timeout"])
        except ValueError:
            values["timeout"] = -1.0
        if not 0 < values["timeout"] <= 3600:
            raise Neo4jStoreError("the Neo4j timeout (NEO4J_TIMEOUT or 'timeout' in the neo4j: "
                                  "section of ea.yaml) must be a number of seconds, 1 to 3600")
    return Settings(**values)


class Store:
    """An open connection to one database of a Neo4j server.

    Parameters
    ----------
    settings : Settings
    driver : neo4j.Driver, optional
        An existing driver (left open by :meth:`close`).
    """

    def __init__(self, settings: Settings, driver=None):
        self.settings = settings
        self._own = driver is None
        if driver is None:
            from neo4j import GraphDatabase

            scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
            if scheme not in SCHEMES:
                raise Neo4jStoreError(f"cannot use Neo4j at {settings.describe()}: the URI must "
                                      f"start with {', '.join(s + '://' for s in SCHEMES)}")
            t = settings.timeout
            try:
                driver = GraphDatabase.driver(settings.uri, auth=(settings.user,
                                                                  settings.password or ""),
                                              notifications_min_severity="OFF",
                                              connection_timeout=t,
                                              connection_acquisition_timeout=t,
                                              max_transaction_retry_time=t)
            except Exception as exc:  # a malformed URI and the like
                raise Neo4jStoreError(f"cannot use Neo4j at {settings.describe()}: "
                                      f"{_safe(exc, settings)}") from None
        self.driver = driver
        self.database = settings.database
        self._connected = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.driver.close()

    def check(self) -> None:
        """Fail with a clear message when the server does not answer or refuses the login."""
        self._connect()
        self.read("RETURN 1 AS one")

    def _connect(self) -> None:
        # the first contact is not retried: a server that is down or refuses the login is
        # said at once; later transactions are retried for up to ``timeout`` seconds (a
        # server restarting, a leader change)
        if not self._connected:
            try:
                self.driver.verify_connectivity()
            except Exception as exc:
                raise self.error(exc) from None
            self._connected = True

    def error(self, exc: BaseException) -> Neo4jStoreError:
        """``exc`` from the driver as one clear line (see :func:`explain`)."""
        if isinstance(exc, Neo4jStoreError):
            return exc
        return Neo4jStoreError(explain(exc, self.settings))

    # ------------------------------------------------------------------ primitives
    def read(self, cypher: str, **params: Any) -> list[dict]:
        """Run a read query; rows as dicts."""
        def work(tx):
            return [r.data() for r in tx.run(cypher, params)]

        self._connect()
        try:
            with self._session() as s:
                return s.execute_read(work)
        except Exception as exc:
            raise self.error(exc) from None

    def stream(self, cypher: str, **params: Any) -> Iterator[list]:
        """Run a read query and yield its records (as value lists) while the server sends
        them, in batches of the driver's fetch size: the whole answer is never held twice.
        Not retried (a read that fails half-way is one clear error; run the command again)."""
        self._connect()
        try:
            with self._session() as s:
                for record in s.run(cypher, params):
                    yield record.values()
        except Exception as exc:
            raise self.error(exc) from None

    def write(self, cypher: str, **params: Any) -> list[dict]:
        """Run a write query in its own transaction (retried on transient errors)."""
        return self.write_all([(cypher, params)])[0]

    def write_all(self, statements: list[tuple[str, dict]], *,
                  skip_if: tuple[str, dict, Callable[[list[dict]], bool]] | None = None,
                  ) -> list[list[dict]] | None:
        """Run several write queries in ONE transaction: all of them are written or none.
        ``skip_if=(cypher, params, test)``: first, in the same transaction, read ``cypher``;
        when ``test(rows)`` is true write nothing and return None (what a retry of a
        transaction that did commit checks)."""
        def work(tx):
            if skip_if is not None:
                cypher, params, test = skip_if
                if test([r.data() for r in tx.run(cypher, params)]):
                    return None
            return [[r.data() for r in tx.run(cypher, params)] for cypher, params in statements]

        self._connect()
        try:
            with self._session() as s:
                return s.execute_write(work)
        except Exception as exc:
            raise self.error(exc) from None

    def try_write(self, cypher: str, **params: Any) -> bool:
        """One attempt, no retries (for a last word after a failure); True if it was written."""
        try:
            with self._session() as s:
                s.run(cypher, params).consume()
            return True
        except Exception:
            return False

    def _session(self):
        # the database is always named; server notifications (e.g. "property does not exist
        # yet" on a first import) are not for the person running ea
        return self.driver.session(database=self.database, notifications_min_severity="OFF")


def connect(config=None, driver=None, **override: Any) -> Store:
    """A :class:`Store` for the configured server (see :func:`settings`)."""
    return Store(settings(config, **override), driver=driver)


def _safe(exc: BaseException, st: Settings) -> str:
    """An exception's message on one line, the password blanked should a driver echo it."""
    text = " ".join(f"{exc.__class__.__name__}: {exc}".split())
    if st.password:
        text = text.replace(st.password, "***")
    return text


def explain(exc: BaseException, st: Settings) -> str:
    """One line for a failure of the driver or the server: what went wrong and where (never
    the password)."""
    from neo4j import exceptions as ne

    where = f"Neo4j at {st.describe()}"
    code = str(getattr(exc, "code", None) or "")
    if code == "Neo.ClientError.Security.AuthenticationRateLimit":
        return (f"cannot reach {where}: too many failed logins for user '{st.user}'; the server "
                f"refuses it for a while. Check NEO4J_USER and NEO4J_PASSWORD, then try again")
    if isinstance(exc, ne.AuthError) or code == "Neo.ClientError.Security.Unauthorized":
        return (f"cannot reach {where}: the login was refused (wrong user name or password; "
                f"check NEO4J_USER and NEO4J_PASSWORD)")
    if code.startswith("Neo.ClientError.Security."):
        return f"{where}: not allowed: {_server_message(exc, st)}"
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return (f"cannot reach {where}: the server has no database '{st.database}' (check "
                f"NEO4J_DATABASE; SHOW DATABASES in Neo4j Browser lists them)")
    if code.startswith("Neo.TransientError.Database.DatabaseUnavailable"):
        return f"cannot reach {where}: the database is not available (stopped or starting)"
    if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | OSError):
        low = " ".join(_chain_texts(exc)).lower()
        if "refused" in low:
            why = "nothing is listening there (connection refused); is the server running?"
        elif "timed out" in low or "timeout" in low or "deadline" in low:
            why = (f"no answer within {st.timeout:g} s (NEO4J_TIMEOUT); is it a Neo4j server "
                   f"and is it up?")
        elif "routing" in low:
            why = ("no routing information (for a single server use bolt:// instead of "
                   "neo4j://)")
        elif isinstance(exc, ne.SessionExpired) or "defunct" in low or "lost" in low \
                or "closed" in low or "reset" in low:
            why = "the connection was lost (the server stopped or the network failed)"
        elif "resolve" in low or "name or service" in low or "address" in low:
            why = "the host name cannot be resolved"
        else:
            why = f"the server is unavailable ({_safe(exc, st)})"
        return f"cannot reach {where}: {why}"
    if isinstance(exc, ne.Neo4jError):
        return f"{where}: the server refused a query: {_server_message(exc, st)}"
    return f"{where}: {_safe(exc, st)}"


def _chain_texts(exc: BaseException) -> list[str]:
    """The messages of an exception, its causes and (for routing failures) its sub-exceptions."""
    out, todo, seen = [], [exc], set()
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        out.append(" ".join(str(e).split()))
        todo += [e.__cause__, e.__context__, *getattr(e, "exceptions", ())]
    return out


def _server_message(exc: BaseException, st: Settings) -> str:
    """The server's own message (without the GQL status noise) and its code, on one line."""
    msg = getattr(exc, "message", None) or str(exc)
    msg = re.sub(r"\s+", " ", str(msg)).strip()
    if st.password:
        msg = msg.replace(st.password, "***")
    code = getattr(exc, "code", None)
    return f"{msg} ({code})" if code else msg
