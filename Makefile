# Two commands (see README): `make site` sets up and builds the example site into site/;
# `make test` sets up and runs the linters and the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve edit clean

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更新版本"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# A browser (scripts/find-browser.sh), nginx, npm and a CJK font; axe-core, decap-cms and
# decap-server (the web editor) from npm.
node_modules/.installed: package-lock.json
	bash scripts/system-deps.sh
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@

site: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

# The preview: never stops on a finding, shows it on the page (python -m gongkai serve).
serve: $(BIN)/.installed
	$(BIN)/python -m gongkai serve

# The web editor on this machine: decap-server + admin page + preview (python -m gongkai edit).
edit: $(BIN)/.installed node_modules/.installed
	$(BIN)/python -m gongkai edit

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint node_modules/.installed
	$(BIN)/python -m pytest -n 2

clean:
	rm -rf site $(VENV)
