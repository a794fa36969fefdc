# One virtualenv, created on first use and refreshed when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp

.PHONY: install system-deps run test lint fmt bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/consentry serve

# Chromium, a CJK font, docker-compose and a running PostgreSQL: installed or started when
# missing (as root), or one line saying what to run.
system-deps:
	scripts/system-deps

# PostgreSQL is up (system-deps), so its tests must run: they fail rather than skip.
test: system-deps install
	CONSENTRY_TEST_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/registry.py

clean:
	rm -rf $(VENV) build *.egg-info
