# Préavis: `make demo` and `make test` set everything up on a fresh machine (Python 3.11+, make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AT     ?= 2025-06-30T19:00-04:00
DEMO_LANG ?= fr
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help install demo test lint typecheck unit bench reliability clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install Préavis with its development tools

demo: $(STAMP) ## Load the built-in example (published) into preavis.db and serve it on HOST:PORT
	$(BIN)/preavis db upgrade
	$(BIN)/preavis apply --publish
	$(BIN)/preavis status --at $(AT) --lang $(DEMO_LANG)
	@echo "Serving on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/docs; Ctrl-C stops)"
	$(BIN)/preavis serve --host $(HOST) --port $(PORT)

lint: $(STAMP) ## ruff (style, naive datetimes) and mypy --strict on src/
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

unit: $(STAMP) ## The test suite only (PostgreSQL legs run when PREAVIS_TEST_DATABASE_URL is set)
	$(BIN)/pytest -q

test: lint unit ## Lint, type-check and run the tests

bench: $(STAMP) ## Run the benchmarks and print their figures
	$(BIN)/python bench/timeline_bench.py
	$(BIN)/python bench/notice_bench.py
	$(BIN)/python bench/storage_bench.py
	$(BIN)/python bench/web_bench.py

reliability: $(STAMP) ## The reliability campaign, full length (about 20 minutes; docs/reliability.md)
	$(BIN)/python bench/reliability.py all

clean: ## Remove the virtual environment, caches and the demo database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis preavis.db preavis.db-wal preavis.db-shm
