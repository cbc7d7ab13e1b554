# `make help` lists the targets. Everything runs inside a project-local virtual environment (.venv),
# created on first use and reinstalled whenever requirements.txt changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000
SETTINGS ?= pelicanconf.py
NODE_STAMP := node_modules/.installed
BUILD_TMP := $(OUTPUT).partial
BUILD_OLD := $(OUTPUT).previous

.DEFAULT_GOAL := help
.PHONY: help build serve devserver test check clean publish bench screenshots

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: $(STAMP) ## build the site into output/ (strict: any warning fails; output/ only replaced on success)
	@rm -rf $(BUILD_TMP) $(BUILD_OLD)
	@if PYTHONPATH=$(CURDIR)/plugins $(BIN)/python -m explainer.runner $(CONTENT) $(SETTINGS) $(BUILD_TMP) \
		&& $(BIN)/python -m pagefind --site $(BUILD_TMP) --exclude-selectors .footnote --quiet; then \
		if [ -d $(OUTPUT) ]; then mv $(OUTPUT) $(BUILD_OLD); fi; \
		mv $(BUILD_TMP) $(OUTPUT) && rm -rf $(BUILD_OLD) && echo "Built the site into $(OUTPUT)/"; \
	else \
		rm -rf $(BUILD_TMP); echo "Build failed: $(OUTPUT)/ was left exactly as it was." >&2; exit 1; \
	fi

publish: ## build with publishconf.py (SITEURL from the environment) into output/
	@$(MAKE) --no-print-directory build SETTINGS=publishconf.py

serve: build ## build, then serve output/ on http://127.0.0.1:$(PORT)/ (PORT= overrides)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

devserver: $(STAMP) ## rebuild on every change and serve on http://127.0.0.1:$(PORT)/
	$(BIN)/pelican --autoreload --listen --bind 127.0.0.1 --port $(PORT) $(CONTENT) -s $(SETTINGS) -o $(OUTPUT)

test: $(STAMP) $(NODE_STAMP) ## run the whole test suite (quality gates included)
	$(BIN)/python -m pytest

check: $(STAMP) ## lint the content: list every mistake and advisory as path:line: message
	PYTHONPATH=$(CURDIR)/plugins $(BIN)/python -m explainer.check $(CONTENT) $(SETTINGS)

bench: $(STAMP) ## time glossary linking on synthetic sites and print the figures
	$(BIN)/python tests/benchmark.py

screenshots: $(STAMP) build ## write phone and desktop PNGs of each page type to screenshots/
	$(BIN)/python tests/screenshots.py $(OUTPUT) screenshots

clean: ## remove output/ and caches (never content/)
	rm -rf $(OUTPUT) $(BUILD_TMP) $(BUILD_OLD) screenshots .pytest_cache .hypothesis
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +
