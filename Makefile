# The two commands of the README:
#   make start   set up, build the store from the bundled record, and open it
#   make test    set up everything the tests need, then run them (what CI runs)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: start test setup lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[web,analytics,spark,test]'
	touch $(STAMP)

setup: $(STAMP)

start: setup
	$(BIN)/nkwatch build
	$(BIN)/nkwatch overview
	$(BIN)/nkwatch serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup lint
	scripts/ensure-chromium
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
