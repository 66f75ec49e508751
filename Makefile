# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

## run: create .venv, install psoas and serve the web app at http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/psoas serve --host 127.0.0.1 --port 8000

## test: install the dev extras into .venv and run the whole test suite
# The database tests also run on PostgreSQL when PSOAS_TEST_POSTGRES_URL is set
# (postgres://user:password@host:port/name, a role allowed to create databases);
# otherwise they are skipped there. .ci/run sets one up.
test: $(DEVSTAMP)
	$(BIN)/python -m pytest
	@if [ -n "$$PSOAS_TEST_POSTGRES_URL" ]; then \
		echo "== the web tests again, with PostgreSQL as the default database"; \
		echo "   (the schemathesis fuzz test calls the WSGI app outside Django's test client"; \
		echo "   and runs on SQLite only)"; \
		PSOAS_TEST_DEFAULT_DATABASE=postgres $(BIN)/python -m pytest tests/web \
			--ignore tests/web/test_api_schemathesis.py; \
	else echo "(set PSOAS_TEST_POSTGRES_URL to run the database and web tests on PostgreSQL too)"; fi

## lint: ruff (check and format), mypy --strict on src/, import contracts
lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	PSOAS_SECRET_KEY=lint-only PSOAS_DATA_DIR=$$(mktemp -d) $(BIN)/mypy src  # never touch real data
	$(BIN)/lint-imports

format: $(DEVSTAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

## bench: print the assessment benchmark
bench: $(STAMP)
	$(BIN)/python benchmarks/assess.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
