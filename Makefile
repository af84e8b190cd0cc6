# Two commands do everything: `make site` (and `make serve`), and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint golden schema chromium clean bench

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@# the project was the distribution 'briefing' before 'mkdocs-briefing': never both
	$(BIN)/python -m pip uninstall -q -y briefing 2>/dev/null || true
	$(BIN)/python -m pip install -q -e .
	touch $@

site: $(BIN)/mkdocs  ## build the example briefing into site/ (atomic and checked)
	$(BIN)/briefing build

offline: $(BIN)/mkdocs  ## the same site to open from disk (file://), in site-offline/
	$(BIN)/briefing build --config mkdocs.offline.yml

serve: $(BIN)/mkdocs  ## live preview on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

$(VENV)/.test-deps: $(BIN)/mkdocs pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json  ## axe-core for the a11y test
	npm ci --no-audit --no-fund
	touch $@

chromium:  ## Debian's chromium for the browser tests (installed when missing and root)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "chromium is missing: install Debian's 'chromium' package to run the browser tests"; fi

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/python -m mypy

test: $(VENV)/.test-deps node_modules/axe-core/axe.min.js chromium lint  ## install what the tests need, run every test
	$(BIN)/python -m pytest

bench: $(BIN)/mkdocs  ## performance at 1k and 10k claims, ratios with targets -> bench/results.md (about 20 min)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

schema: $(BIN)/mkdocs  ## regenerate schema/facts.schema.json (the editors' schema) from the model
	$(BIN)/briefing schema --out schema/facts.schema.json
	$(BIN)/briefing schema --draft 7 --out schema/facts.draft-07.schema.json

golden: $(VENV)/.test-deps  ## regenerate golden pages, charts and chart CSS; review with git diff
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/render/test_golden.py tests/render/test_charts.py -q

clean:
	rm -rf site site-offline .site-* $(VENV) node_modules
