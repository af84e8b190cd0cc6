# Two commands do everything: `make site` (and `make serve`), and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint golden chromium clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

site: $(BIN)/mkdocs  ## build the example briefing into site/
	$(BIN)/mkdocs build --strict

serve: $(BIN)/mkdocs  ## live preview on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

$(VENV)/.test-deps: $(BIN)/mkdocs
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

chromium:  ## Debian's chromium for the browser tests (installed when missing and root)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "chromium is missing: install Debian's 'chromium' package to run the browser tests"; fi

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

test: $(VENV)/.test-deps chromium lint  ## install what the tests need, run every test
	$(BIN)/python -m pytest

golden: $(VENV)/.test-deps  ## regenerate the golden Markdown; review with git diff
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q

clean:
	rm -rf site .site-* $(VENV)
