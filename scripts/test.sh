#!/usr/bin/env bash
# The full test run, as CI runs it: system packages, the Python environment, lint, a real
# Neo4j server, then every test (unit, Neo4j, browser). Services the tests need are started
# here and stopped on exit; Neo4j and browser tests are never skipped in this run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-.venv}"
PY="${PY:-python3}"

bash scripts/system-deps.sh
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet -e '.[dev]'

"$VENV/bin/ruff" check .

if [[ -z "${NEO4J_URI:-}" ]]; then
    trap 'bash scripts/neo4j-test-server.sh stop || true' EXIT
    bash scripts/neo4j-test-server.sh start
fi
export EA_REQUIRE_SERVICES=1
"$VENV/bin/python" -m pytest --durations=15 "$@"
