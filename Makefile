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

# The variables a recipe uses reach it through the environment, as MK_<NAME>, and a recipe quotes them
# ("$$MK_PORT"): check-paths checks exactly these, and the shell never parses a value. $(value …) takes each as
# given, so make never expands a $(…) in it either; and one given on the command line with a $ in it is kept
# out of the recipes' environment (make would expand it there), so that check-paths refuses it harmlessly.
USER_VARIABLES := PYTHON CONTENT OUTPUT SETTINGS PORT SITEURL DEPLOY DEPLOY_REMOTE DEPLOY_BRANCH DEPLOY_PATH FORCE \
	BENCH_SIZES BENCH_TIMEOUT
$(foreach name,$(USER_VARIABLES),$(if $(and $(filter command line,$(origin $(name))),$(findstring $$,$(value $(name)))),$(eval unexport $(name))))
$(foreach name,$(USER_VARIABLES),$(eval export MK_$(name) = $$(value $(name))))
export MK_GOAL = $(firstword $(MAKECMDGOALS) build)

# OUTPUT, CONTENT and DEPLOY_PATH are checked by tools/paths.py before a target that uses them does anything
# (the check-paths prerequisite): it refuses, in one line, a folder of the project, one with white space, a
# CONTENT that does not exist, and more (see its docstring). A trailing slash is fine: it is stripped here, so
# the build's temporary folders $(OUTPUT).partial and $(OUTPUT).previous are always siblings of OUTPUT.
strip_slashes = $(if $(and $(filter %/,$(1)),$(filter-out /,$(1))),$(call strip_slashes,$(patsubst %/,%,$(1))),$(1))
RAW_OUTPUT := $(value OUTPUT)
RAW_CONTENT := $(value CONTENT)
override OUTPUT := $(call strip_slashes,$(RAW_OUTPUT))
override CONTENT := $(call strip_slashes,$(RAW_CONTENT))
BUILD_TMP = $(OUTPUT).partial
BUILD_OLD = $(OUTPUT).previous
# Which of them the goal uses: set per target below, inherited by check-paths.
CHECK_PATHS_ARGS :=

.DEFAULT_GOAL := help
.PHONY: help build serve devserver test check clean publish deploy bench screenshots lighthouse check-paths

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

# The plugin is installed from plugins/explainer/ as any site would install it (requirements.txt names it),
# so .venv is brought up to date whenever the plugin's files change too.
PLUGIN_FILES := $(shell find plugins/explainer -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*' -not -path '*/build/*')
$(STAMP): requirements.txt $(PLUGIN_FILES) | check-paths
	@test -x "$(BIN)/python" || "$$MK_PYTHON" -m venv "$(VENV)"
	@rm -rf "plugins/explainer/build"  # setuptools keeps deleted modules there between builds
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./plugins/explainer
	@touch $@

$(NODE_STAMP): package.json package-lock.json | check-paths
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# What Pagefind leaves out of its index and so of its excerpts: the footnotes, the footnote numbers in the text,
# the fact lists ("Official name: …", "ISO: RU / RUS", "Category: Person"; a page's title and text say who
# and what it is), the labels of the role box, and the role box's source links.
PAGEFIND_EXCLUDE := --exclude-selectors .footnote --exclude-selectors .footnote-ref --exclude-selectors .facts \
	--exclude-selectors ".role-box dt" --exclude-selectors .role-sources

# The plugin's command, `pelican-explainer`, runs `make check` and `make serve`; `make build`, `make publish` and
# `make devserver` run its strict build through this site's tools, which add what the plugin does not: the
# atomic swap of OUTPUT, the search index and the compressed copies.
# The atomic build that `make build` and `make publish` share, tools/build.py: the plugin's strict runner, Pagefind,
# then .gz and .br copies of every text file, all into $(BUILD_TMP); then $(BUILD_GATES) (for publish: the
# quality gates) on that folder. $(OUTPUT) is replaced only when every step succeeded, and is otherwise left
# exactly as it was; one build of $(OUTPUT) at a time ($(OUTPUT).lock), and a build stopped at any point is
# recovered by the next (its docstring says how). BUILD_GATES reaches it single-quoted, as one argument.
BUILD_GATES :=
BUILD_NAME := Build
define atomic_build
	@"$(BIN)/python" -m tools.build "$(CONTENT)" "$(SETTINGS)" "$(OUTPUT)" --name "$(BUILD_NAME)" \
		--gates='$(subst ','\'',$(BUILD_GATES))' -- "$(BIN)/python" -m tools.search_index $(PAGEFIND_EXCLUDE) --quiet
endef

# Refuses a bad value of any variable a recipe uses before anything runs, each in one line saying why and what
# to do: PYTHON here, the folders OUTPUT, CONTENT and DEPLOY_PATH in tools/paths.py, every other value in
# tools/variables.py. The values, as given (OUTPUT and CONTENT unstripped), reach them through the environment,
# never through the shell, so no quote, $(…), ` or ; in them can escape.
check-paths: export CHECK_OUTPUT := $(RAW_OUTPUT)
check-paths: export CHECK_CONTENT := $(RAW_CONTENT)
check-paths: export CHECK_DEPLOY_PATH = $(value DEPLOY_PATH)
check-paths:
	@case "$$MK_PYTHON" in \
		'') echo "make $$MK_GOAL: refused: PYTHON is empty — give Python 3.10 or newer, e.g. PYTHON=python3." >&2; exit 1;; \
		-*|*[!A-Za-z0-9._/+-]*) echo "make $$MK_GOAL: refused: PYTHON has white space, a character the shell would" \
			"interpret or a leading - — give the name or full path of Python 3.10 or newer, e.g. PYTHON=python3." >&2; exit 1;; \
	esac; \
	if [ "$$("$$MK_PYTHON" -c 'import sys; print(sys.version_info >= (3, 10))' 2>/dev/null)" != True ]; then \
		echo "make $$MK_GOAL: refused: PYTHON=$$MK_PYTHON is not Python 3.10 or newer — install it, or give its name" \
			"or full path, e.g. PYTHON=python3." >&2; exit 1; fi
	@"$$MK_PYTHON" -B -m tools.paths --target "$$MK_GOAL" $(CHECK_PATHS_ARGS)
	@"$$MK_PYTHON" -B -m tools.variables --target "$$MK_GOAL" $(CHECK_VARIABLES_ARGS)

build publish serve devserver screenshots: CHECK_PATHS_ARGS = --check content output
check: CHECK_PATHS_ARGS = --check content
clean: CHECK_PATHS_ARGS = --check output
deploy: CHECK_PATHS_ARGS = --check content output deploy-path
# A settings file may read SITEURL (publishconf.py does): where it may be empty it is still checked when set.
build check screenshots: CHECK_VARIABLES_ARGS = --check settings siteurl
serve devserver: CHECK_VARIABLES_ARGS = --check settings siteurl port
publish: CHECK_VARIABLES_ARGS = --check settings siteurl --require siteurl
deploy: CHECK_VARIABLES_ARGS = --check settings siteurl deploy deploy-remote deploy-branch force --require siteurl deploy
bench: CHECK_VARIABLES_ARGS = --check bench-sizes bench-timeout

build: check-paths $(STAMP) $(NODE_STAMP) ## build the site into output/ (strict: any warning fails; output/ only replaced on success)
	$(atomic_build)

# Publishing -------------------------------------------------------------------------------------------
# The quality gates that need no browser, which `make publish` runs on the new build before it replaces
# $(OUTPUT): the Nu HTML Checker on every page, internal links and assets, page weight.
OUTPUT_GATES := tests/test_quality_gates.py::test_nu_html_checker_finds_no_error \
	tests/test_quality_gates.py::test_every_internal_link_and_asset_resolves \
	tests/test_quality_gates.py::test_each_page_type_weighs_at_most_50_kb_gzipped
DEPLOY ?=
DEPLOY_REMOTE ?= origin
DEPLOY_BRANCH ?= gh-pages
DEPLOY_PATH ?=
FORCE ?=
DEPLOY_RUN = "$(BIN)/python" -m tools.deploy --method "$$MK_DEPLOY" \
	--remote "$$MK_DEPLOY_REMOTE" --branch "$$MK_DEPLOY_BRANCH" --path "$$MK_DEPLOY_PATH" --force "$$MK_FORCE" \
	--content "$$MK_CONTENT" --output "$$MK_OUTPUT" --siteurl "$$MK_SITEURL"

publish: SETTINGS = publishconf.py
publish: BUILD_NAME = Publish
publish: BUILD_GATES = echo "Running the quality gates on the new build…" \
	&& PUBLISHED_OUTPUT="$(abspath $(BUILD_TMP))" SITEURL="$$MK_SITEURL" \
	"$(BIN)/python" -m pytest -q -p no:cacheprovider --no-header $(OUTPUT_GATES)
publish: check-paths $(STAMP) $(NODE_STAMP) ## build with publishconf.py for SITEURL=…, run make check and the quality gates; output/ only replaced when all pass
	@$(MAKE) --no-print-directory check SETTINGS="$$MK_SETTINGS" \
		|| { echo "make publish: make check found a problem (listed above) — fix it and publish again; $(OUTPUT)/ was left exactly as it was." >&2; exit 1; }
	$(atomic_build)

deploy: check-paths $(STAMP) ## make publish, then publish output/: DEPLOY=git (DEPLOY_REMOTE, DEPLOY_BRANCH) or DEPLOY=rsync DEPLOY_PATH=…
	@$(DEPLOY_RUN) --preflight
	@$(MAKE) --no-print-directory publish \
		|| { echo "make deploy: refused — the build, make check or the quality gates failed (see above); nothing was published." >&2; exit 1; }
	@$(DEPLOY_RUN)

serve: check-paths build ## build, then serve output/ on http://127.0.0.1:$(PORT)/ (PORT= overrides)
	"$(BIN)/pelican-explainer" serve -o "$$MK_OUTPUT" --port "$$MK_PORT"

devserver: check-paths $(STAMP) $(NODE_STAMP) ## rebuild on every change and serve on http://127.0.0.1:$(PORT)/
	"$(BIN)/python" -m tools.devserver "$$MK_CONTENT" "$$MK_SETTINGS" "$$MK_OUTPUT" --port "$$MK_PORT" \
		-- "$(BIN)/python" -m tools.search_index $(PAGEFIND_EXCLUDE) --quiet

# The Debian packages the tests need come from tools/system-packages.txt (.ci/run installs the same list), then
# the npm tools; a skipped test fails the run unless README.md allows it (tests/pytest_no_skips.py). The suite
# runs on every core and one more (pytest-xdist), a test file at a time per worker, the files sharing the deployed
# site on one (tests/conftest.py says why).
test: $(STAMP) ## install the missing Debian packages (as root) and the npm tools, then run the whole test suite; a skip fails it
	@tools/system-packages.sh
	@$(MAKE) --no-print-directory -s "$(NODE_STAMP)"
	"$(BIN)/python" -m pytest -rs --numprocesses auto --dist loadfile -p tests.pytest_no_skips -p tests.pytest_tiers

check: check-paths $(STAMP) ## lint the content: list every mistake and advisory as path:line: message
	"$(BIN)/pelican-explainer" check "$$MK_CONTENT" -s "$$MK_SETTINGS"

lighthouse: $(STAMP) ## print Lighthouse performance and Core Web Vitals per page type, CPU slowdown calibrated to this machine (figures, never a gate)
	@$(MAKE) --no-print-directory -s "$(NODE_STAMP)"
	"$(BIN)/python" -m tools.lighthouse

BENCH_SIZES ?= small,medium,large
BENCH_TIMEOUT ?= 240
bench: check-paths $(STAMP) ## time linking, and this site against Pelican without the plugin, MkDocs and Hugo (BENCH_SIZES=small: only 200 × 100; default small,medium,large)
	"$(BIN)/python" tests/benchmark.py --sizes "$$MK_BENCH_SIZES" --timeout "$$MK_BENCH_TIMEOUT"

screenshots: check-paths $(STAMP) build ## write phone and desktop PNGs of each page type to screenshots/
	"$(BIN)/python" tests/screenshots.py "$$MK_OUTPUT" screenshots

# Only what the build makes: OUTPUT and its two temporary siblings, screenshots/ and the caches.
# It holds the build's lock (tools/build.py) while it removes OUTPUT and its siblings, the lock file last, so it never
# deletes a site a running build is writing or about to swap in, and a build that starts meanwhile is refused.
clean: check-paths ## remove output/ (its .partial, .previous and .lock siblings), screenshots/ and caches — nothing else; refused while a build runs
	@if [ -d "$$(dirname "$(OUTPUT)")" ]; then \
		flock --nonblock --conflict-exit-code 75 "$(OUTPUT).lock" \
			rm -rf "$(OUTPUT)" "$(BUILD_TMP)" "$(BUILD_OLD)" "$(OUTPUT).cache" "$(OUTPUT).lock"; status=$$?; \
		if [ $$status -eq 75 ]; then echo "make clean: refused: a build of $(OUTPUT)/ is running — wait for it to end, then clean again; nothing was removed." >&2; fi; \
		exit $$status; fi
	rm -rf screenshots .pytest_cache .hypothesis
	find . \( -path './$(VENV)' -o -path './node_modules' -o -path './.git' \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
