# One command to set up and run each job; nothing needs installing by hand.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast lint venv clean

$(BIN)/ea: setup.cfg pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/ea

venv: $(BIN)/ea

## demo: build a synthetic region, import it and show what to try next
demo: venv
	$(BIN)/ea demo --out demo

## test: the full suite, as CI runs it (installs Chromium, builds and starts Neo4j)
test:
	bash scripts/test.sh

## test-fast: unit tests only, no services (seconds)
test-fast: venv
	$(BIN)/python -m pytest -m "not neo4j and not browser and not slow"

## bench: the benchmarks (not part of the tests)
bench: venv
	$(BIN)/python bench/run.py --doc docs/performance.md

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) demo landscape.json
