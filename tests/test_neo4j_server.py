"""The Neo4j test server is a real Neo4j 5.26, reached over Bolt with real credentials."""

# ruff: noqa: F811

from __future__ import annotations

import pytest

# The fixtures, in case tests/conftest.py does not already import them (F811: pytest passes
# fixtures as same-named parameters).
from tests.neo4j_fixture import (  # noqa: F401
    _neo4j_session_driver,
    clean_neo4j,
    neo4j_driver,
    neo4j_server,
)

pytestmark = pytest.mark.neo4j

neo4j = pytest.importorskip("neo4j")


def test_server_is_neo4j_5_26(neo4j_driver, neo4j_server):
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        database_=neo4j_server.database,
    )
    kernel = records[0]
    assert kernel["name"] == "Neo4j Kernel"
    assert kernel["versions"][0].startswith("5.26"), kernel["versions"]
    assert neo4j_driver.get_server_info().agent.startswith("Neo4j/5.26")


def test_parameterised_round_trip(neo4j_driver, neo4j_server):
    rows = [
        {"id": "sys-1", "name": "Journalsystem Cosmic", "tags": ["vård", "kritisk"], "cost": 12.5},
        {"id": "sys-2", "name": 'Robert\'s "quoted" `system`', "tags": [], "cost": None},
    ]
    neo4j_driver.execute_query(
        "UNWIND $rows AS row MERGE (s:System {id: row.id}) SET s.name = row.name, s.tags = row.tags,"
        " s.cost = row.cost",
        rows=rows,
        database_=neo4j_server.database,
    )
    neo4j_driver.execute_query(
        "MATCH (a:System {id: $a}), (b:System {id: $b}) MERGE (a)-[:INTEGRATES_WITH {via: $via}]->(b)",
        a="sys-1",
        b="sys-2",
        via="HL7",
        database_=neo4j_server.database,
    )
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s:System) OPTIONAL MATCH (s)-[r:INTEGRATES_WITH]->(t) "
        "RETURN s.id AS id, s.name AS name, s.tags AS tags, s.cost AS cost, r.via AS via, t.id AS target "
        "ORDER BY id",
        database_=neo4j_server.database,
    )
    got = [r.data() for r in records]
    assert got == [
        {**rows[0], "via": "HL7", "target": "sys-2"},
        {**rows[1], "via": None, "target": None},
    ]


def test_uniqueness_constraint_rejects_duplicate(neo4j_driver, neo4j_server):
    db = neo4j_server.database
    neo4j_driver.execute_query(
        "CREATE CONSTRAINT system_id IF NOT EXISTS FOR (s:System) REQUIRE s.id IS UNIQUE",
        database_=db,
    )
    neo4j_driver.execute_query("CREATE (:System {id: $id})", id="dup", database_=db)
    with pytest.raises(neo4j.exceptions.ConstraintError) as excinfo:
        neo4j_driver.execute_query("CREATE (:System {id: $id})", id="dup", database_=db)
    assert excinfo.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s:System) RETURN count(s) AS n", database_=db
    )
    assert records[0]["n"] == 1


def test_database_is_wiped_between_tests(neo4j_driver, neo4j_server):
    db = neo4j_server.database
    nodes, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)
    constraints, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS", database_=db)
    assert nodes[0]["n"] == 0
    assert constraints == []


def test_wrong_password_is_rejected(neo4j_server):
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password + "-wrong")
    ) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_no_credentials_are_rejected(neo4j_server):
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=None) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()
