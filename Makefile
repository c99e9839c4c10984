# Two commands (see README): `make site` sets up and builds the example site into site/;
# `make test` sets up and runs the linters and the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve clean

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml package-lock.json
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更新版本"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --ignore-scripts --silent  # axe-core for the browser tests
	touch $@

site: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -n 2

clean:
	rm -rf site $(VENV)
