# SupportMap. The README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test coverage install lock lint format migrate demo bench eval clean

$(BIN)/python:
	$(PYTHON) bin/bootstrap_venv.py $(VENV)

# Everything, down to each dependency's dependencies, comes from requirements.lock, checked
# against its hashes. pyproject.toml names what we depend on; `make lock` works out the rest.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

# Rebuild requirements.lock from pyproject.toml (after changing a pin there), from PyPI alone.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes \
		--allow-unsafe --strip-extras --extra dev --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo_data --if-empty && { $(BIN)/python manage.py create_demo_accounts || echo "(No demo accounts were made: see the message above.)"; }

# The web server, and beside it the task worker that sends emails (manage.py db_worker); Ctrl+C
# stops both.
run: demo
	@echo "SupportMap is at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# `make test` with branch coverage, printed per module. It fails when the whole project falls
# below COVERAGE_FLOOR, or the search's package (directory/search/) below SEARCH_COVERAGE_FLOOR (percent of
# branches and lines). CI runs it in the PostgreSQL pass, where the search's own SQL runs; the
# package's two SQLite-only modules (sqlite.py, FTS5; tsrank.py, ts_rank in Python) run only in
# the SQLite pass, so the floor leaves them out.
COVERAGE_FLOOR ?= 94
SEARCH_COVERAGE_FLOOR ?= 95
coverage: install
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/coverage report --fail-under=$(COVERAGE_FLOOR)
	@echo "== the search (directory/search/, less its SQLite-only modules)"
	$(BIN)/coverage report --include='directory/search/*' \
		--omit='directory/search/sqlite.py,directory/search/tsrank.py' --fail-under=$(SEARCH_COVERAGE_FLOOR)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmarks on PostgreSQL (not part of `make test`): the search over N synthetic services
# (default 200,000), then the referral inbox, My referrals and one referral's page at REFERRALS
# referrals across REFERRAL_ORGANISATIONS organisations (defaults 100,000 and 2,000), each in its own database.
N ?= 200000
REFERRALS ?= 100000
REFERRAL_ORGANISATIONS ?= 2000
bench: install
	$(BIN)/python -m tests.bench.run --n $(N)
	$(BIN)/python -m tests.bench.referrals --referrals $(REFERRALS) --organisations $(REFERRAL_ORGANISATIONS)

# The relevance evaluation (not part of `make test`): tests/relevance/queries.csv through the real
# search over the demo data, on a fresh SQLite file and on PostgreSQL (database supportmap_eval).
# Prints hit@3, MRR@10 and the no-result share per database and kind of query, the queries that
# miss, and the targets (hit@3 >= 90%, no-result share <= 2%) with PASS/FAIL; exits 0 whatever the figures.
eval: install
	$(BIN)/python -m tests.relevance.evaluate --database both

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
