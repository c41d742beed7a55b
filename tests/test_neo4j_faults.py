"""Neo4j under faults, against a real Neo4j 5.26 server (no mocks of the driver).

Nothing listening, a server that never answers, a wrong password, an unknown database: one
``Error: ...`` line, a non-zero exit, no password anywhere (output, message, exception chain),
and no hang, through the library and ``ea neo4j push``, ``ea neo4j status``,
``ea import ... --neo4j``. An import whose client is SIGKILLed, or whose server is stopped, half
way leaves whole batches only, a run marker that says exactly what was written and that the run
did not complete, and a re-run gives the same counts as a clean push.

These tests stop and restart a server, so they run a throwaway one of their own (its own port
and state directory, ``scripts/neo4j-test-server.sh`` with ``NEO4J_TEST_STATE_DIR``), never
the shared test server nor one given by ``NEO4J_URI``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.landscape import Landscape
from ea.schema import OWNED_BY
from ea.store import neo4j as n4
from ea.store import snapshot
from tests import exports as X
from tests.neo4j_fixture import REPO_ROOT, SCRIPT, wipe_database

pytestmark = pytest.mark.neo4j

USER = "ea-faults"
PASSWORD = "Fault-pw-" + secrets.token_hex(6)  # distinctive: any echo of it is found
HANG_GUARD_S = 60  # not a speed requirement: only that nothing hangs, even on a loaded machine

# the landscape a push is interrupted in: 13 batches of nodes, 24 of relationships
N_SYSTEMS, N_ORGS, BATCH = 3000, 20, 250
WANT_NODES = {"Organisation": N_ORGS, "System": N_SYSTEMS}
WANT_RELS = {"INTEGRATES_WITH": N_SYSTEMS, "OWNED_BY": N_SYSTEMS}
N_NODES, N_RELS = sum(WANT_NODES.values()), sum(WANT_RELS.values())


def batch_ends(groups: list[int]) -> set[int]:
    """The counts a push can have written when it stops between two batches (each statement
    group is cut into batches of its own)."""
    ends, base = {0}, 0
    for n in groups:
        ends |= {base + min(k, n) for k in range(BATCH, n + BATCH, BATCH)}
        base += n
    return ends


NODE_ENDS = batch_ends([N_SYSTEMS, N_ORGS])  # nodes go label by label: systems first
REL_ENDS = batch_ends([N_SYSTEMS, N_SYSTEMS])


# --------------------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Throwaway:
    """A Neo4j test server of these tests only, which they may stop, kill and restart."""

    def __init__(self, state: Path):
        self.state = state
        self.port = free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.env = {**os.environ, "NEO4J_TEST_STATE_DIR": str(state),
                    "NEO4J_TEST_PORT": str(self.port), "NEO4J_TEST_USER": USER,
                    "NEO4J_TEST_PASSWORD": PASSWORD, "NEO4J_TEST_HEAP": "512m",
                    "NEO4J_TEST_WATCH_PID": str(os.getpid())}

    def script(self, command: str, **env: str) -> None:
        r = subprocess.run(["bash", str(SCRIPT), command], cwd=REPO_ROOT,
                           env={**self.env, **env}, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=900, check=False)
        if r.returncode != 0:
            pytest.fail(f"neo4j-test-server.sh {command} failed:\n{r.stdout}{r.stderr}",
                        pytrace=False)

    def start(self, *, keep_data: bool = False) -> None:
        self.script("start", NEO4J_TEST_KEEP_DATA="1" if keep_data else "")

    def stop(self) -> None:
        self.script("stop")

    def wait_gone(self, pid: int, timeout: float = HANG_GUARD_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        pytest.fail(f"the Neo4j server (pid {pid}) did not stop within {timeout} s")

    @property
    def pid(self) -> int:
        return int((self.state / "pid").read_text().strip())

    def settings(self, **kw) -> n4.Settings:
        return n4.Settings(**{"uri": self.uri, "user": USER, "password": PASSWORD, **kw})

    def ea_env(self, **kw: str) -> dict[str, str]:
        return ea_env(NEO4J_URI=self.uri, **kw)


def ea_env(**kw: str) -> dict[str, str]:
    """The environment of an ``ea`` run: only the Neo4j settings given, no ea.yaml."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "EA_"))}
    return {**env, "NEO4J_USER": USER, "NEO4J_PASSWORD": PASSWORD, "NEO4J_DATABASE": "neo4j",
            "EA_CONFIG": "", "EA_BACKEND": "", **kw}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Throwaway(tmp_path_factory.mktemp("neo4j-faults"))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def driver(server):
    from neo4j import GraphDatabase

    with GraphDatabase.driver(server.uri, auth=(USER, PASSWORD), connection_timeout=10,
                              connection_acquisition_timeout=10) as d:
        wipe_database(d)
        yield d


def query(driver, cypher: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(cypher, params, database_="neo4j")
    return [r.data() for r in records]


def counts(driver) -> tuple[dict, dict]:
    nodes = query(driver, "MATCH (n) WHERE NOT n:EaRun AND NOT n:EaLandscape "
                          "RETURN labels(n)[0] AS l, count(*) AS n")
    rels = query(driver, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")
    return {r["l"]: r["n"] for r in nodes}, {r["t"]: r["n"] for r in rels}


def runs(driver) -> list[dict]:
    return query(driver, "MATCH (r:EaRun) RETURN r.run AS run, r.status AS status, "
                         "r.nodes_written AS nodes, r.relationships_written AS rels ORDER BY run")


# --------------------------------------------------------------------------- helpers
def ea(*args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """``ea ARGS`` in a process of its own, which must end within the hang guard."""
    t0 = time.monotonic()
    try:
        r = subprocess.run([sys.executable, "-m", "ea.cli", *args], env=env, cwd=cwd,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"ea {' '.join(args)} hung for more than {HANG_GUARD_S} s")
    r.elapsed = time.monotonic() - t0
    return r


def assert_one_line_error(r: subprocess.CompletedProcess, *must: str) -> str:
    """Non-zero exit, stderr ending in one ``Error:`` line holding ``must``, no traceback, and
    the password nowhere."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert PASSWORD not in r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1 and r.stderr.rstrip("\n").splitlines()[-1] == errors[0], r.stderr
    for m in must:
        assert m in errors[0], (m, errors[0])
    return errors[0]


def chain(exc: BaseException) -> list[str]:
    """Every message in an exception, its causes, contexts and sub-exceptions."""
    out, todo, seen = [], [exc], set()
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        out += [str(e), repr(e), *map(repr, e.args)]
        todo += [e.__cause__, e.__context__, *getattr(e, "exceptions", ())]
    return out


def library_fails(settings: n4.Settings, *must: str) -> list[str]:
    """check, push and status through the library each raise one clear line."""
    messages = []
    for action in (lambda s: s.check(), lambda s: n4.push(s, small()), n4.status):
        with pytest.raises(n4.Neo4jStoreError) as err, n4.Store(settings) as store:
            action(store)
        assert not any(settings.password in m for m in chain(err.value))
        msg = str(err.value)
        assert "\n" not in msg and all(m in msg for m in must), msg
        messages.append(msg)
    return messages


def small() -> Landscape:
    ls = Landscape(meta={"files": [{"file": "inventering.csv"}]})
    org = ls.add_organisation("rs", source="inventering.csv:2", name="Regionstyrelsen")
    s = ls.add_system("tc", source="inventering.csv:2", name="TakeCare")
    ls.add_edge(OWNED_BY, s, org, source="inventering.csv:2")
    return ls


def big() -> Landscape:
    ls = Landscape(meta={"files": [{"file": "inventering.csv"}, {"file": "integrationer.csv"}]})
    orgs = [ls.add_organisation(f"o{i}", source=f"inventering.csv:{i + 2}", name=f"Nämnd {i}")
            for i in range(N_ORGS)]
    systems = []
    for i in range(N_SYSTEMS):
        line = f"inventering.csv:{i + 2}"
        s = ls.add_system(f"s{i:05d}", source=line, name=f"System {i}", criticality=1 + i % 4,
                          t=i % 5, status="active", vendor=f"Leverantör {i % 97}")
        ls.add_edge(OWNED_BY, s, orgs[i % N_ORGS], source=line)
        systems.append(s)
    for i, s in enumerate(systems):
        ls.add_integration(s, systems[(i * 7 + 1) % N_SYSTEMS], source=f"integrationer.csv:{i + 2}",
                           type="api" if i % 2 else "file", information=["Journal"])
    return ls


@pytest.fixture(scope="module")
def big_snapshot(tmp_path_factory) -> Path:
    return snapshot.save(big(), tmp_path_factory.mktemp("big") / "landscape.json")


def wait_for_batches(driver, proc: subprocess.Popen, nodes: int, timeout: float = 120) -> None:
    """Until the running push has committed at least ``nodes`` nodes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the push ended before it could be interrupted"
        rows = query(driver, "MATCH (r:EaRun) RETURN max(r.nodes_written) AS n")
        if rows and (rows[0]["n"] or 0) >= nodes:
            return
        time.sleep(0.05)
    pytest.fail(f"the push did not write {nodes} nodes within {timeout} s")


def assert_consistent_and_incomplete(driver, server) -> dict:
    """Whole batches only, the marker counts exactly that, and status says the run did not
    complete. Returns the run marker."""
    (run,) = runs(driver)
    nodes, rels = counts(driver)
    assert sum(nodes.values()) == run["nodes"] and sum(rels.values()) == run["rels"]
    assert run["nodes"] in NODE_ENDS and run["rels"] in REL_ENDS  # no half batch
    assert run["rels"] == 0 or run["nodes"] == N_NODES  # nodes first, then relationships
    assert nodes.get("System", 0) == min(run["nodes"], N_SYSTEMS)
    assert 3 * BATCH <= run["nodes"] + run["rels"] < N_NODES + N_RELS, "not stopped half-way"
    assert query(driver, "MATCH (n) WHERE n.ea_stale RETURN count(n) AS n")[0]["n"] == 0
    how = {"running": "was stopped, or is still running", "failed": "failed"}[run["status"]]
    r = CliRunner().invoke(main, ["neo4j", "status"], env=server.ea_env())
    assert r.exit_code == 0, r.output
    assert (f"Incomplete: run 1 {how} (last write 20" in r.output and
            f"{run['nodes']} of {N_NODES} nodes and {run['rels']} of {N_RELS} relationships "
            f"written for integrationer.csv, inventering.csv; run the same import again to "
            f"complete it." in r.output), r.output
    return run


def assert_rerun_completes(driver, server, snap: Path, tmp_path: Path, *,
                           pull: bool = True) -> None:
    r = ea("neo4j", "push", "-l", str(snap), "-q", env=server.ea_env(), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert counts(driver) == (WANT_NODES, WANT_RELS)
    assert query(driver, "MATCH (n) WHERE n.ea_stale RETURN count(n) AS n")[0]["n"] == 0
    assert query(driver, "MATCH ()-[x]->() WHERE x.ea_stale RETURN count(x) AS n")[0]["n"] == 0
    assert [x["status"] for x in runs(driver)][-1] == "complete"
    with n4.Store(server.settings()) as store:
        assert n4.status(store)["incomplete"] == []
        back = n4.pull(store) if pull else None
    if pull:  # the same landscape as the snapshot, not just the same counts
        assert json.loads(snapshot.dumps(back)) == json.loads(snapshot.dumps(snapshot.load(snap)))
    r = CliRunner().invoke(main, ["neo4j", "status"], env=server.ea_env())
    assert r.exit_code == 0 and "Incomplete" not in r.output, r.output


# --------------------------------------------------------------------------- no server
def test_connection_refused(tmp_path):
    port = free_port()  # closed again: nothing listens there
    st = n4.Settings(f"bolt://127.0.0.1:{port}", USER, PASSWORD)
    want = (f"cannot reach Neo4j at bolt://127.0.0.1:{port} (database neo4j, user {USER}): "
            f"nothing is listening there (connection refused); is the server running?")
    assert library_fails(st) == [want, want, want]
    # a routing URI to the same port says the same, not just "no routing information"
    with pytest.raises(n4.Neo4jStoreError, match="connection refused"), \
            n4.Store(n4.Settings(f"neo4j://127.0.0.1:{port}", USER, PASSWORD)) as store:
        store.check()

    env = ea_env(NEO4J_URI=f"bolt://127.0.0.1:{port}")
    snap = snapshot.save(small(), tmp_path / "ls.json")
    for args in (["neo4j", "push", "-l", str(snap)], ["neo4j", "status"],
                 ["neo4j", "pull", "-o", str(tmp_path / "back.json")]):
        assert_one_line_error(ea(*args, env=env, cwd=tmp_path), "Error: " + want)
    files = [str(p) for p in X.all_exports(tmp_path)]
    r = ea("import", *files, "-o", str(tmp_path / "imp.json"), "--neo4j", "-q", env=env,
           cwd=tmp_path)
    assert_one_line_error(r, "Error: " + want)
    assert (tmp_path / "imp.json").exists()  # the snapshot is kept; push it later


def test_a_server_that_never_answers_times_out(tmp_path):
    """Accepts the connection, never says a word: bounded by NEO4J_TIMEOUT, not a hang."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []

    def accept():
        try:
            while True:
                held.append(listener.accept()[0])
        except OSError:
            pass

    threading.Thread(target=accept, daemon=True).start()
    port = listener.getsockname()[1]
    try:
        st = n4.Settings(f"bolt://127.0.0.1:{port}", USER, PASSWORD, timeout=2)
        with pytest.raises(n4.Neo4jStoreError) as err, n4.Store(st) as store:
            store.check()
        assert str(err.value) == (
            f"cannot reach Neo4j at bolt://127.0.0.1:{port} (database neo4j, user {USER}): "
            f"no answer within 2 s (NEO4J_TIMEOUT); is it a Neo4j server and is it up?")
        env = ea_env(NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_TIMEOUT="3")
        r = ea("neo4j", "status", env=env, cwd=tmp_path)
        assert_one_line_error(r, "no answer within 3 s")
    finally:
        listener.close()
        for c in held:
            c.close()


def test_timeout_setting_is_checked(monkeypatch):
    monkeypatch.setenv("NEO4J_TIMEOUT", "soon")
    with pytest.raises(n4.Neo4jStoreError, match="must be a number of seconds"):
        n4.settings()
    monkeypatch.setenv("NEO4J_TIMEOUT", "7.5")
    assert n4.settings().timeout == 7.5
    monkeypatch.delenv("NEO4J_TIMEOUT")
    assert n4.settings().timeout == n4.TIMEOUT


# --------------------------------------------------------------------------- a live server
def test_wrong_password(server, driver, tmp_path):
    # users of their own: three failed logins lock a user out for a while
    wrong = "Wrong-pw-" + secrets.token_hex(6)
    users = [f"ea-victim-{i}" for i in range(5)]
    for u in users:
        driver.execute_query("CREATE USER $u IF NOT EXISTS SET PASSWORD $p CHANGE NOT REQUIRED",
                             u=u, p=PASSWORD, database_="system")
    login = "the login was refused (wrong user name or password; check NEO4J_USER and " \
            "NEO4J_PASSWORD)"
    assert library_fails(server.settings(user=users[0], password=wrong), login) == [
        f"cannot reach Neo4j at {server.uri} (database neo4j, user {users[0]}): {login}"] * 3
    snap = snapshot.save(small(), tmp_path / "ls.json")
    files = [str(p) for p in X.all_exports(tmp_path)]
    for user, args in zip(users[1:], (["neo4j", "push", "-l", str(snap)], ["neo4j", "status"],
                                      ["import", *files, "-o", str(tmp_path / "i.json"),
                                       "--neo4j"]), strict=False):
        r = ea(*args, env=server.ea_env(NEO4J_USER=user, NEO4J_PASSWORD=wrong), cwd=tmp_path)
        assert_one_line_error(r, f"Error: cannot reach Neo4j at {server.uri} (database "
                                 f"neo4j, user {user}): {login}")
        assert wrong not in r.stdout + r.stderr
    # failing again and again: the server's lock-out, said as such
    msgs = []
    for _ in range(5):
        with pytest.raises(n4.Neo4jStoreError) as err, \
                n4.Store(server.settings(user=users[4], password=wrong)) as store:
            store.check()
        assert not any(wrong in m for m in chain(err.value))
        msgs.append(str(err.value))
    assert login in msgs[0] and any("too many failed logins" in m for m in msgs), msgs
    assert counts(driver) == ({}, {})  # nothing written by any of it


def test_unknown_database(server, driver, tmp_path):
    st = server.settings(database="nosuchdb")
    want = (f"cannot reach Neo4j at {server.uri} (database nosuchdb, user {USER}): the server "
            f"has no database 'nosuchdb' (check NEO4J_DATABASE; SHOW DATABASES in Neo4j "
            f"Browser lists them)")
    assert library_fails(st) == [want] * 3
    env = server.ea_env(NEO4J_DATABASE="nosuchdb")
    snap = snapshot.save(small(), tmp_path / "ls.json")
    files = [str(p) for p in X.all_exports(tmp_path)]
    for args in (["neo4j", "push", "-l", str(snap)], ["neo4j", "status"],
                 ["import", *files, "-o", str(tmp_path / "i.json"), "--neo4j"]):
        assert_one_line_error(ea(*args, env=env, cwd=tmp_path), "Error: " + want)
    assert counts(driver) == ({}, {})


def test_client_killed_mid_batch(server, driver, big_snapshot, tmp_path):
    """SIGKILL the process running ``ea neo4j push`` after some batches committed: whole
    batches only, the marker says the run did not complete, a re-run completes it."""
    proc = subprocess.Popen([sys.executable, "-m", "ea.cli", "neo4j", "push", "-l",
                             str(big_snapshot), "--batch-size", str(BATCH)],
                            env=server.ea_env(), cwd=tmp_path, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_batches(driver, proc, 3 * BATCH)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=HANG_GUARD_S)
    time.sleep(0.5)  # the server notices the closed connection and rolls its transaction back
    run = assert_consistent_and_incomplete(driver, server)
    assert run["status"] == "running"  # killed: nobody could say otherwise
    assert_rerun_completes(driver, server, big_snapshot, tmp_path)


class Proxy:
    """A TCP relay to the server whose cable can be cut: every connection dropped and nothing
    listening any more, as when the network or the server goes away."""

    def __init__(self, port: int):
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.uri = f"bolt://127.0.0.1:{self.listener.getsockname()[1]}"
        self.socks: list[socket.socket] = []
        self.dead = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        try:
            while True:
                client = self.listener.accept()[0]
                if self.dead:
                    client.close()
                    return
                upstream = socket.create_connection(("127.0.0.1", self.target))
                self.socks += [client, upstream]
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()
        except OSError:
            pass

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        self.dead = True
        try:  # wakes the accept() in the relay thread; close() alone would not on Linux
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for s in self.socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_connection_lost_mid_import_library(server, driver):
    """The library's push loses its server after three batches: one clear line, no password
    in the exception chain, whole batches only, and a re-run completes it."""
    proxy = Proxy(server.port)
    ls = big()
    seen = []

    def progress(phase, done, total):
        seen.append(done)
        if len(seen) == 3:
            proxy.cut()

    try:
        with pytest.raises(n4.Neo4jStoreError) as err, \
                n4.Store(server.settings(uri=proxy.uri, timeout=3)) as store:
            n4.push(store, ls, batch_size=BATCH, progress=progress)
    finally:
        proxy.cut()
    assert not any(PASSWORD in m for m in chain(err.value))
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(
        f"import into Neo4j stopped (run 1) after {3 * BATCH} of {N_NODES} nodes and 0 of "
        f"{N_RELS} relationships: cannot reach Neo4j at {proxy.uri} (database neo4j, user "
        f"{USER}): "), msg
    assert "connection was lost" in msg or "connection refused" in msg, msg
    assert runs(driver) == [{"run": 1, "status": "running", "nodes": 3 * BATCH, "rels": 0}]
    assert counts(driver) == ({"System": 3 * BATCH}, {})
    with n4.Store(server.settings()) as store:
        assert [r["run"] for r in n4.status(store)["incomplete"]] == [1]
        res = n4.push(store, ls, batch_size=BATCH)
        assert (res.run, res.nodes, res.relationships) == (2, N_NODES, N_RELS)
        assert (res.stale_nodes, res.stale_relationships) == (0, 0)
        assert n4.status(store)["incomplete"] == []
    assert counts(driver) == (WANT_NODES, WANT_RELS)


def test_server_stopped_mid_import(server, driver, big_snapshot, tmp_path):
    """SIGTERM the server while a push runs: the push says so in one line; after a restart on
    the same data the database is consistent and a re-run completes it. Last in this module:
    it restarts the server."""
    proc = subprocess.Popen([sys.executable, "-m", "ea.cli", "neo4j", "push", "-l",
                             str(big_snapshot), "--batch-size", str(BATCH)],
                            env=server.ea_env(NEO4J_TIMEOUT="5"), cwd=tmp_path,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for_batches(driver, proc, 3 * BATCH)
        driver.close()
        pid = server.pid
        os.kill(pid, signal.SIGTERM)
        out, err = proc.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"ea neo4j push hung for {HANG_GUARD_S} s after the server stopped")
    finally:
        proc.kill()
    r = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    line = assert_one_line_error(
        r, "Error: import into Neo4j stopped (run 1) after ", f" of {N_NODES} nodes and ",
        f" of {N_RELS} relationships: cannot reach Neo4j at {server.uri} (database neo4j, "
        f"user {USER}): ", "What was written is consistent and nothing was marked stale or "
        "deleted; run the import again to complete it.")
    assert "connection was lost" in line or "connection refused" in line, line
    said = re.search(r"after (\d+) of \d+ nodes and (\d+) of", line).groups()

    server.wait_gone(pid)
    server.start(keep_data=True)
    from neo4j import GraphDatabase

    with GraphDatabase.driver(server.uri, auth=(USER, PASSWORD)) as d2:
        run = assert_consistent_and_incomplete(d2, server)
        # the batch in flight may have committed with its answer lost: the client may say one
        # batch less than the marker, never more
        written = run["nodes"] + run["rels"]
        assert written - BATCH <= int(said[0]) + int(said[1]) <= written, (said, run)
        assert_rerun_completes(d2, server, big_snapshot, tmp_path, pull=False)
