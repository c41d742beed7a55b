# One command to set up and run each job; nothing needs installing by hand.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast lint venv clean bench bench-100k

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

# the same at 1,000, 10,000 and 100,000 systems (a country of 21 regions and 290
# municipalities at 100,000; whole processes only above 20,000; up to 10 GiB and an hour)
bench-100k: venv
	$(BIN)/python bench/run.py --sizes 1000,10000,100000 --doc docs/performance.md

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) demo landscape.json
