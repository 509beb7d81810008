# Préavis: `make demo` and `make test` set everything up on a fresh machine (Python 3.11+, make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AT     ?= 2025-06-30T19:00-04:00
DEMO_LANG ?= fr
HOST   ?= 127.0.0.1
PORT   ?= 8000

# What `make demo` says, in DEMO_LANG (fr or en).
ifeq ($(DEMO_LANG),en)
SAY_ADMIN   = Admin: http://$(HOST):$(PORT)/admin/  sign in as demo@example.org, password
SAY_EXISTS  = Admin: http://$(HOST):$(PORT)/admin/  demo@example.org exists; choose its password at
SAY_SERVING = Serving on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/docs; Ctrl-C stops)
SAY_OUTBOX  = Notification e-mails (subscribe at /en/subscribe) are written as .eml files to ./outbox/
else
SAY_ADMIN   = Administration : http://$(HOST):$(PORT)/admin/  connectez-vous comme demo@example.org, mot de passe
SAY_EXISTS  = Administration : http://$(HOST):$(PORT)/admin/  demo@example.org existe déjà ; choisissez son mot de passe ici :
SAY_SERVING = Site servi sur http://$(HOST):$(PORT)/  (documentation de l’API : http://$(HOST):$(PORT)/docs ; Ctrl-C pour arrêter)
SAY_OUTBOX  = Les avis par courriel (abonnement : /fr/abonnement) sont écrits en fichiers .eml dans ./outbox/
endif

.PHONY: help install demo test lint typecheck unit bench reliability locales clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install Préavis with its development tools

demo: $(STAMP) ## Load the example into preavis.db, create an admin sign-in, serve on HOST:PORT
	$(BIN)/preavis db upgrade
	$(BIN)/preavis apply --publish
	$(BIN)/preavis status --at $(AT) --lang $(DEMO_LANG)
	@pw=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))'); \
	if printf '%s\n' "$$pw" | $(BIN)/preavis user create --email demo@example.org --role admin \
	  --name Demo --password-stdin >/dev/null 2>&1; then \
	  echo "$(SAY_ADMIN) $$pw"; \
	else \
	  echo "$(SAY_EXISTS)" \
	    "$$(PREAVIS_PUBLIC_URL=http://$(HOST):$(PORT) $(BIN)/preavis user reset-link demo@example.org)"; \
	fi
	@echo "$(SAY_SERVING)"
	@echo "$(SAY_OUTBOX)"
	PREAVIS_PUBLIC_URL=$${PREAVIS_PUBLIC_URL:-http://$(HOST):$(PORT)} PREAVIS_OUTBOX_DIR=outbox $(BIN)/preavis serve --host $(HOST) --port $(PORT) --worker

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
	$(BIN)/python bench/notify_bench.py

reliability: $(STAMP) ## The reliability campaign, full length (about 20 minutes; docs/reliability.md)
	$(BIN)/python bench/reliability.py all

locales: $(STAMP) ## Compile the command line's French catalogue of Click's words (click.po to click.mo)
	$(VENV)/bin/pybabel compile -D click -d src/preavis/cli/locales -l fr

clean: ## Remove the virtual environment, caches and the demo database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis preavis.db preavis.db-wal preavis.db-shm preavis.db.secret outbox
