# Gloss: `make run` serves on http://127.0.0.1:5000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: run test test-python test-extension lint lint-extension bench openapi clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.installed
	$(BIN)/gloss serve

# Every test, then one summary line; fails when anything failed (scripts/run_tests.py).
test: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/run_tests.py

test-python: $(VENV)/.installed
	$(PY) -m pytest -q

test-extension: node_modules/.installed
	node --test tests/extension/

# The lint part of `make test` alone: web-ext lint, ruff and mypy (settings in pyproject.toml).
lint: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/run_tests.py --only lint

lint-extension: node_modules/.installed
	npm run --silent lint:extension

bench: $(VENV)/.installed
	$(PY) bench/extraction.py
	$(PY) bench/save_page.py
	$(PY) bench/anchoring.py
	$(PY) bench/create_highlight.py
	$(PY) bench/store.py
	$(PY) bench/load.py

openapi: $(VENV)/.installed
	$(PY) -m server.openapi > schema/openapi.json

clean:
	rm -rf $(VENV) node_modules
