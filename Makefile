# The two commands of the README:
#   make start   set up, build the store from the bundled record, and open it
#   make test    set up everything the tests need, then run them (what CI runs)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start test setup lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[analytics,test]'
	touch $(STAMP)

setup: $(STAMP)

start: setup
	$(BIN)/nkwatch build
	$(BIN)/nkwatch overview

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
