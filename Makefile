# The two-command start: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 2
export FLASK_APP := wiki

.PHONY: run serve test test-fast install install-test migrate seed clean bench bench-hostile

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed --if-empty

## Development server with seeded content on SQLite (or DATABASE_URL), at http://$(HOST):$(PORT)
run: seed
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

## Production server: gunicorn, never seeds, refuses to start without SECRET_KEY.
serve: migrate
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY is not set; refusing to start the production server." >&2; exit 1; }
	REQUIRE_SECRET_KEY=1 $(BIN)/gunicorn --workers $(WEB_CONCURRENCY) --worker-class sync \
		--bind $(HOST):$(PORT) --no-control-socket --access-logfile - --error-logfile - --capture-output 'wiki:create_app()'

## The whole suite; TEST_DATABASE_URL adds the PostgreSQL run.
test: install-test
	$(BIN)/python -m pytest

## Everything but the slow tests (gunicorn killed and restarted, the real browser): for a quick check while working.
test-fast: install-test
	$(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache

## Benchmark: a 1,000-page wiki under gunicorn, loaded with wrk against a hello-app ceiling (docs/benchmarks.md).
bench: install-test
	@command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	$(BIN)/python -m bench.run --write-docs docs/benchmarks.md

## Hostile inputs over real HTTP against gunicorn: the worst time of each case against the 1 s budget.
bench-hostile: install-test
	$(BIN)/python -m bench.hostile
